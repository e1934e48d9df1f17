// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Model {

class SqliteConnection;

/**
 * The SQLite schema of `.archsim` project files and its history (docs/project-files.md).
 *
 * The schema version is kept in `PRAGMA user_version`; `PRAGMA application_id` marks the
 * file as ArchSim's. Older files are brought up to date by one ordered list of migrations:
 * entry i turns version i + 1 into version i + 2, so the current version is
 * migrations().size() + 1 and adding version N + 1 is one new entry here plus the new
 * tables or columns in create(). There is no other version check anywhere.
 */
class ProjectSchema
{
public:
    /// "ASIM": written into PRAGMA application_id of every project file.
    static constexpr qint32 kApplicationId = 0x4153494D;

    struct Migration
    {
        QString description; ///< one line, for the log and the docs
        /// Changes the tables from the previous version to the next; runs inside the
        /// migration transaction and must not commit. On failure sets the error.
        std::function<bool(SqliteConnection &connection, QString *error)> apply;
    };
    using Migrations = QList<Migration>;

    /** The migrations of this ArchSim, oldest first. */
    static const Migrations &migrations();
    /** The version create() writes: migrations().size() + 1. */
    static int currentVersion();

    /**
     * Creates the tables of the current version in an empty database and sets the
     * application id and user_version. Runs in the caller's transaction, if any.
     */
    static bool create(SqliteConnection &connection, QString *error);

    /**
     * Runs `steps[from - 1]`, `steps[from]`, ... up to version steps.size() + 1 in one
     * transaction, bumping user_version after each step. On any failure everything is
     * rolled back (the file is as before) and `error` says which step failed and why.
     */
    static bool migrate(SqliteConnection &connection,
                        int fromVersion,
                        const Migrations &steps,
                        QString *error);

    /** The tables a readable project must have (at the current version). */
    static QStringList requiredTables();
};

} // namespace Model
