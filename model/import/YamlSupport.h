// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ContainerImport.h"

#include <yaml-cpp/yaml.h>

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

/**
 * What the Compose and Kubernetes readers share: YAML documents read with yaml-cpp, values
 * read with their 1-based file and line, and the units of the two formats (durations,
 * memory, CPU). Internal to model/import (yaml-cpp is a private dependency of archsim_model).
 */
namespace Model::ImportYaml {

/** Every document of `text`; on a syntax error none and one error with its line. */
std::vector<YAML::Node> loadAll(const QByteArray &text,
                                const QString &fileName,
                                QList<ImportError> *errors);

/**
 * Reads values of one file and reports those of the wrong type or unit as errors, each
 * with the value's line. `key` arguments name the value in the message ("deploy.replicas").
 */
class Reader
{
public:
    Reader(QString fileName, QList<ImportError> *errors, bool kubernetes)
        : m_file(std::move(fileName))
        , m_errors(errors)
        , m_kubernetes(kubernetes)
    {}

    const QString &file() const { return m_file; }
    SourceLocation at(const YAML::Node &node) const;
    void error(const YAML::Node &node, const QString &message) const;
    void error(const SourceLocation &where, const QString &message) const;

    /**
     * The value of `key` in the map `node`, following YAML merge keys ("<<: *anchor", which
     * yaml-cpp 0.7 leaves as a plain key): an undefined node when there is none.
     */
    static YAML::Node get(const YAML::Node &node, const char *key);
    static bool has(const YAML::Node &node, const char *key);

    /** A scalar's text; an error (and nullopt) for a list or a map. Null: nullopt, no error. */
    std::optional<QString> text(const YAML::Node &node, const QString &key) const;
    std::optional<int> integer(const YAML::Node &node,
                               const QString &key,
                               int min = 0,
                               int max = 1000000000) const;
    std::optional<double> number(const YAML::Node &node, const QString &key) const;
    std::optional<bool> boolean(const YAML::Node &node, const QString &key) const;
    /** Numbers, durations, CPUs and memory above ArchSim's limits (ScenarioLimits.h) are
     *  errors too: replicas above 10000, more than 1024 cores, 10^9 MB, 10^8 s. */
    /** A Go/Compose duration ("1m30s", "500ms", "10s") or a number of seconds (Kubernetes). */
    std::optional<double> duration(const YAML::Node &node, const QString &key) const;
    /** Compose memory ("512m", "1gb", bytes) or a Kubernetes quantity ("128Mi", "1G"), in MiB. */
    std::optional<double> memoryMb(const YAML::Node &node, const QString &key) const;
    /** CPU cores: "0.5", 2, or a Kubernetes quantity "500m". */
    std::optional<double> cpus(const YAML::Node &node, const QString &key) const;
    /** The node is a map (else an error naming `key`); a null node is an empty map. */
    bool isMap(const YAML::Node &node, const QString &key) const;
    bool isList(const YAML::Node &node, const QString &key) const;

private:
    QString m_file;
    QList<ImportError> *m_errors;
    bool m_kubernetes = false;
};

/** Text of a scalar node (no checks). */
QString scalar(const YAML::Node &node);

/** Parsers of the unit texts; nullopt when the text is not one. */
std::optional<double> parseDuration(const QString &text);
/** Memory in MiB: Kubernetes quantities ("128Mi", "1G" = 10^9 bytes) when `kubernetes`, else
 *  Compose byte values ("512m" = 512 MiB, "1gb"). */
std::optional<double> parseMemoryMb(const QString &text, bool kubernetes);
std::optional<double> parseCpus(const QString &text);

/**
 * The links an environment names: for every value, each URL's host ("http://orders:8080",
 * "postgres://u:p@db/x"), "host:port" and a bare host that `hosts` knows (host name ->
 * workload name; with `kubernetes` a host's first label counts too, "orders.shop.svc").
 * An http(s) URL to a dotted host that is none of them is an outside host (`external`).
 */
QList<ContainerLink> environmentLinks(const ContainerWorkload &workload,
                                      const QHash<QString, QString> &hosts,
                                      bool kubernetes);

/** A component id from a name: characters other than letters, digits, '_' and '-' become '_'. */
QString componentId(const QString &name);

} // namespace Model::ImportYaml
