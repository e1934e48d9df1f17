// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectSchema.h"

#include "SqliteConnection.h"

namespace Model {

namespace {

const char kCreateComparisons[] = R"(CREATE TABLE comparisons (
           id           TEXT PRIMARY KEY NOT NULL,
           position     INTEGER NOT NULL,
           label        TEXT NOT NULL DEFAULT '',
           finished_utc TEXT NOT NULL,
           json         TEXT NOT NULL
       ))";

// The current schema. When a version is added, change these statements to the new
// shape and append the matching migration below; tst_projectschema checks that a file
// migrated from every older fixture has the same tables and columns as a new one.
const char *const kCreateStatements[] = {
    // Key/value facts about the project: name, description, created_utc, modified_utc,
    // app_version, and recovery_of / recovery_written_utc in autosave copies.
    R"(CREATE TABLE project_meta (
           key   TEXT PRIMARY KEY NOT NULL,
           value TEXT NOT NULL
       ))",
    // One row per scenario, in the contract JSON form (spec/scenario-format.md).
    R"(CREATE TABLE scenarios (
           id       TEXT PRIMARY KEY NOT NULL,
           position INTEGER NOT NULL UNIQUE,
           name     TEXT NOT NULL,
           json     TEXT NOT NULL
       ))",
    // Presentation, kept apart from the scenario document (STYLE.md #6).
    R"(CREATE TABLE layout_views (
           scenario_id TEXT PRIMARY KEY NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
           zoom        REAL NOT NULL,
           center_x    REAL NOT NULL,
           center_y    REAL NOT NULL
       ))",
    R"(CREATE TABLE layout_positions (
           scenario_id  TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
           component_id TEXT NOT NULL,
           x            REAL NOT NULL,
           y            REAL NOT NULL,
           PRIMARY KEY (scenario_id, component_id)
       ))",
    // Saved runs with their full results JSON (spec/cli.md), so they re-open without
    // running again. The seed is text: SQLite integers are signed 64-bit, seeds are not.
    R"(CREATE TABLE runs (
           id             TEXT PRIMARY KEY NOT NULL,
           scenario_id    TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
           position       INTEGER NOT NULL,
           label          TEXT NOT NULL DEFAULT '',
           finished_utc   TEXT NOT NULL,
           duration_s     REAL NOT NULL,
           warmup_s       REAL NOT NULL,
           seed           TEXT NOT NULL,
           replications   INTEGER NOT NULL,
           engine_version TEXT NOT NULL,
           results_json   TEXT NOT NULL
       ))",
    "CREATE INDEX runs_by_scenario ON runs (scenario_id, position)",
    // Version 2: saved comparisons of scenarios (docs/compare.md) with their whole JSON, so
    // they re-open without running again. Not tied to scenario ids: a comparison names the
    // scenarios as they were called and stays when they are renamed or removed.
    kCreateComparisons,
};

bool setVersionPragmas(SqliteConnection &connection, int version, QString *error)
{
    if (!connection.exec(
            QStringLiteral("PRAGMA application_id = %1").arg(ProjectSchema::kApplicationId))
        || !connection.exec(QStringLiteral("PRAGMA user_version = %1").arg(version))) {
        *error = connection.errorString();
        return false;
    }
    return true;
}

} // namespace

const ProjectSchema::Migrations &ProjectSchema::migrations()
{
    // Entry i turns version i + 1 into version i + 2; the next version appends.
    static const Migrations list{
        {QStringLiteral("add the 'comparisons' table (saved comparisons of scenarios)"),
         [](SqliteConnection &c, QString *error) {
             if (c.exec(QString::fromLatin1(kCreateComparisons)))
                 return true;
             *error = c.errorString();
             return false;
         }},
    };
    return list;
}

int ProjectSchema::currentVersion()
{
    return static_cast<int>(migrations().size()) + 1;
}

bool ProjectSchema::create(SqliteConnection &connection, QString *error)
{
    for (const char *statement : kCreateStatements) {
        if (!connection.exec(QString::fromLatin1(statement))) {
            *error = QStringLiteral("cannot create the project tables: %1")
                         .arg(connection.errorString());
            return false;
        }
    }
    return setVersionPragmas(connection, currentVersion(), error);
}

bool ProjectSchema::migrate(SqliteConnection &connection,
                            int fromVersion,
                            const Migrations &steps,
                            QString *error)
{
    const int target = static_cast<int>(steps.size()) + 1;
    if (fromVersion < 1 || fromVersion > target) {
        *error = QStringLiteral("cannot migrate from schema version %1 (known: 1 to %2)")
                     .arg(fromVersion)
                     .arg(target);
        return false;
    }
    if (fromVersion == target)
        return true;

    // BEGIN IMMEDIATE takes the write lock now, so no other writer can slip in between
    // the steps. user_version is part of the database header and so rolls back too.
    if (!connection.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = QStringLiteral("cannot start the migration: %1").arg(connection.errorString());
        return false;
    }
    for (int version = fromVersion; version < target; ++version) {
        const Migration &step = steps.at(version - 1);
        QString stepError;
        bool ok = step.apply && step.apply(connection, &stepError);
        if (ok && !connection.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1))) {
            stepError = connection.errorString();
            ok = false;
        }
        if (!ok) {
            connection.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral("upgrading the project from schema version %1 to %2 (%3) "
                                    "failed: %4")
                         .arg(version)
                         .arg(version + 1)
                         .arg(step.description,
                              stepError.isEmpty() ? QStringLiteral("no reason given") : stepError);
            return false;
        }
    }
    if (!connection.exec(QStringLiteral("COMMIT"))) {
        *error = QStringLiteral("cannot finish the migration: %1").arg(connection.errorString());
        connection.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

QStringList ProjectSchema::requiredTables()
{
    return {QStringLiteral("project_meta"),
            QStringLiteral("scenarios"),
            QStringLiteral("layout_views"),
            QStringLiteral("layout_positions"),
            QStringLiteral("runs"),
            QStringLiteral("comparisons")};
}

} // namespace Model
