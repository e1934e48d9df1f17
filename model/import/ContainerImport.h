// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"
#include "analysis/Lint.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/**
 * Import of container deployments (docs/import.md): a Docker Compose file or Kubernetes
 * manifests become a scenario. Both readers turn their YAML into the same neutral list of
 * ContainerWorkload records; buildImportedScenario() turns that list into a scenario and the
 * container lint (ContainerLint.h) reads it too, so a rule means the same for both formats.
 *
 * Nothing is silently invented: every value the files cannot give (service times, the request
 * mix, cache sizes, ...) is written with a marked default and listed as an ImportNote of kind
 * Default, and every key that has no place in the scenario is listed as Unmapped.
 */
namespace Model {

/** Where something is in the imported files: the file and its 1-based line (0: unknown). */
struct SourceLocation
{
    QString file;
    int line = 0;
    int column = 0;
    /** "compose.yaml:12" (":12:5" with a column), or the file alone without a line. */
    QString toString() const;
    bool operator==(const SourceLocation &) const = default;
};

/** A reason the input cannot be imported (malformed YAML, a value of the wrong type). */
struct ImportError
{
    SourceLocation where;
    QString message;
    /** "compose.yaml:12:5: error: MESSAGE" */
    QString toString() const;
};

/** Something the user should review in an imported scenario. */
struct ImportNote
{
    enum class Kind {
        Default,  ///< a value the file does not give, filled with a documented default
        Unmapped, ///< a key of the file the scenario has no field for (not simulated)
    };
    Kind kind = Kind::Default;
    QString component; ///< the component it is about; empty for the scenario as a whole
    QString path;      ///< JSON path in the scenario of a Default, e.g. "$.workload.arrivals"
    QString message;   ///< the value and why, or the key and why it is not used
    SourceLocation where;
    /** "compose.yaml:12 api: $.components[1]...: MESSAGE" */
    QString toString() const;
};

/** A container lint finding (rule ids in docs/import.md) and where in the files it is. */
struct ContainerFinding
{
    LintFinding finding;
    SourceLocation where;
    /** "compose.yaml:12 warning container-no-memory-limit api: MESSAGE Fix: HINT" */
    QString toString() const;
};

/** A probe or health check, as far as the simulation and the lint need it. */
struct ContainerProbe
{
    QString
        handler; ///< what it runs, normalised ("http GET :8080/health", "exec ..."), for comparing
    std::optional<double> intervalS; ///< as written
    std::optional<int> failures;     ///< retries / failureThreshold, as written
    bool disabled = false;           ///< Compose "disable: true" or test ["NONE"]
    SourceLocation where;
};

/** One environment variable given in the file. */
struct EnvVar
{
    QString name;
    QString value;       ///< the literal value; empty when it comes from elsewhere
    bool literal = true; ///< false: valueFrom / interpolation / a _FILE variable
    SourceLocation where;
};

/** A port published on the host (Compose "ports", Kubernetes nodePort or hostPort). */
struct PublishedPort
{
    QString hostIp; ///< empty: every address
    int port = 0;
    QString protocol = QStringLiteral("tcp");
    SourceLocation where;
};

/** A link to another workload or an outside host, and what says so. */
struct ContainerLink
{
    QString target;        ///< the name of a workload, or an outside host name
    QString source;        ///< "depends_on", "environment ORDERS_URL", ...
    bool external = false; ///< an outside host (an https URL to a host with a dot)
    SourceLocation where;
};

/** A Compose service or a Kubernetes Deployment/StatefulSet, in neutral form. */
struct ContainerWorkload
{
    QString name;
    QString format; ///< "compose" or "kubernetes"
    SourceLocation where;
    QString image; ///< empty: built from source (Compose "build")
    SourceLocation imageWhere;

    std::optional<int> replicas;
    SourceLocation replicasWhere;
    std::optional<double> cpuLimit, cpuRequest;           ///< cores
    std::optional<double> memoryLimitMb, memoryRequestMb; ///< MiB
    SourceLocation resourcesWhere;

    /// restart policy: "always", "on_failure", "no"; empty when the file gives none
    QString restart;
    SourceLocation restartWhere;
    std::optional<double> restartDelayS;   ///< a fixed wait (Swarm restart_policy.delay)
    std::optional<int> restartMaxAttempts; ///< Swarm max_attempts, "on-failure:N"
    bool restartBuiltinBackoff = false;    ///< Docker's own doubling delay (restart: always)

    std::optional<ContainerProbe> healthcheck;         ///< Compose healthcheck
    std::optional<ContainerProbe> liveness, readiness; ///< Kubernetes probes

    QList<ContainerLink> links;
    QList<PublishedPort> ports;
    QList<EnvVar> environment;

    /// who the container runs as: "root" (explicitly), "user" (a non-root user), or empty
    /// when the file does not say (the image decides; most run as root)
    QString runAs;
    SourceLocation runAsWhere;

    /// Compose logging: the driver ("json-file" when not given) and whether max-size is set
    QString logDriver;
    bool logMaxSize = false;
    bool logRotationApplies = false; ///< Compose only: Kubernetes' kubelet rotates logs
    SourceLocation logWhere;

    /// HorizontalPodAutoscaler that targets it
    std::optional<int> hpaMin, hpaMax;
    std::optional<double> hpaTargetCpuPercent;
    std::optional<double> hpaScaleUpWindowS, hpaScaleDownWindowS;
    SourceLocation hpaWhere;

    bool published = false;  ///< reachable from outside (published ports, a LoadBalancer Service)
    QList<ImportNote> notes; ///< Unmapped keys found while reading
};

/** The outcome of an import. */
struct ImportResult
{
    QString format; ///< "compose" or "kubernetes"
    std::optional<Scenario> scenario;
    QList<ImportError> errors;
    QList<ImportNote> notes;
    std::vector<ContainerFinding> findings;
    bool ok() const { return scenario.has_value() && errors.isEmpty(); }
};

/**
 * One row an import leaves for the user to review (the desktop app's problems panel shows
 * them after the scenario's own problems): a default, a key not imported, or a container
 * lint finding, each with the file and line it comes from.
 */
struct ImportReviewItem
{
    enum class Kind { Default, Unmapped, Finding };
    Kind kind = Kind::Default;
    QString component; ///< the scenario's id of the component; empty for the whole scenario
    QString path;      ///< Default: the JSON path of the value in the scenario
    QString rule;      ///< Finding: the container lint rule id
    QString message;
    QString hint; ///< Finding: how to fix it
    SourceLocation where;
    bool operator==(const ImportReviewItem &) const = default;
};

/** The notes (defaults first, then keys not imported) and the findings of an import. */
QList<ImportReviewItem> importReview(const ImportResult &result);

/**
 * Imports a Compose file, a Kubernetes manifest (multi-document YAML) or a folder of
 * manifests (every .yaml and .yml file in it and below, by name). A file whose documents
 * have a top-level "services" map is Compose; one whose documents have "apiVersion" and
 * "kind" is Kubernetes. The result carries the scenario, the notes to review, and the
 * container lint's findings; or the errors, each with its file and line.
 */
ImportResult importContainers(const QString &fileOrFolder);

/** A Compose file's text (`fileName` names it in locations). */
ImportResult importCompose(const QByteArray &yaml, const QString &fileName);

/** Kubernetes manifests: each (file name, text) in order, as one set. */
ImportResult importKubernetes(const QList<QPair<QString, QByteArray>> &files);

/**
 * The scenario of a list of workloads (docs/import.md, "Building the scenario"); the notes
 * it adds (defaults) are appended to `notes`. An empty list gives no scenario and an error.
 */
std::optional<Scenario> buildImportedScenario(const QList<ContainerWorkload> &workloads,
                                              const QString &name,
                                              QList<ImportNote> *notes,
                                              QList<ImportError> *errors);

/**
 * The paragraph an imported scenario keeps in its description: where it was imported from and
 * the defaults to review (what persists of an import; docs/import.md).
 */
QString importDescription(const QString &sourceName, const ImportResult &result);

} // namespace Model
