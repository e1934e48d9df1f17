// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Project.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/** Internal to model/persistence: the SQL that maps a Project onto the tables. */
namespace Model {

class SqliteConnection;

class ProjectSql
{
public:
    using Meta = QMap<QString, QString>;

    /**
     * Creates the current schema in an empty database and writes the whole project in one
     * transaction. `extraMeta` adds project_meta rows (the recovery keys).
     */
    static bool write(SqliteConnection &connection,
                      const Project &project,
                      const Meta &extraMeta,
                      QString *error);

    /**
     * Reads a project of the current schema. Scenarios and runs whose JSON cannot be read
     * are kept verbatim and flagged, with one entry in `warnings` each. Fails (with
     * `error`) only when the tables themselves cannot be read.
     */
    static std::optional<Project> read(SqliteConnection &connection,
                                       QStringList *warnings,
                                       QString *error);

    /** The project_meta rows. */
    static std::optional<Meta> readMeta(SqliteConnection &connection, QString *error);
};

} // namespace Model
