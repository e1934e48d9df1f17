// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Model {

/** What an image's name says about the component it runs (docs/import.md, "Images"). */
struct ImageKind
{
    ComponentKind kind = ComponentKind::Service;
    QString label;          ///< "Redis", "PostgreSQL", ...; empty for an unknown image
    QString engine;         ///< cache: "redis" or "memcached"
    bool eventLoop = false; ///< service: a single-threaded event loop (Node.js)
    int threads = 0;        ///< service: request threads per replica; 0: ArchSim's default
    int maxConnections = 0; ///< database: the server's default connection limit; 0: ArchSim's
};

/** One row of the catalogue: the image names it matches and what they become. */
struct ImageRule
{
    QStringList names; ///< repository names ("postgres"), matched as described below
    ImageKind kind;
};

/** The catalogue, in the order it is searched. */
const QList<ImageRule> &imageCatalog();

/**
 * The kind of an image such as "docker.io/library/postgres:16-alpine" or "bitnami/redis":
 * the last part of its repository, without tag or digest, matched against each rule's
 * names, exactly or followed by "-" ("redis-stack-server"). No match (or no image): a
 * service with ArchSim's defaults.
 */
ImageKind classifyImage(const QString &image);

/** The repository name of an image: "docker.io/library/postgres:16@sha256:..." -> "postgres". */
QString imageRepositoryName(const QString &image);

} // namespace Model
