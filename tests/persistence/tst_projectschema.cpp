// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "persistence/ProjectSchema.h"
#include "persistence/ProjectStore.h"
#include "persistence/SqliteConnection.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Model;

namespace {

/**
 * A project file exactly as ArchSim 0.1 (schema version 1) wrote it, made statement by
 * statement. This text is frozen: when version 2 arrives, it stays as it is and
 * versionOneFixtureOpens / migratedVersionOneMatchesNewFile then test the migration.
 */
const char *const kVersion1[] = {
    "PRAGMA application_id = 1095977293", // 0x4153494D, "ASIM"
    "PRAGMA user_version = 1",
    R"(CREATE TABLE project_meta (
           key   TEXT PRIMARY KEY NOT NULL,
           value TEXT NOT NULL
       ))",
    R"(CREATE TABLE scenarios (
           id       TEXT PRIMARY KEY NOT NULL,
           position INTEGER NOT NULL UNIQUE,
           name     TEXT NOT NULL,
           json     TEXT NOT NULL
       ))",
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
    R"(INSERT INTO project_meta (key, value) VALUES
           ('name', 'Fixture v1'), ('description', 'made by SQL'),
           ('created_utc', '2024-01-02T03:04:05.006Z'),
           ('modified_utc', '2024-02-03T04:05:06.007Z'), ('app_version', '0.1.0'))",
    R"(INSERT INTO scenarios (id, position, name, json) VALUES
           ('b-second', 1, 'Second', '{"format":"archsim-scenario","version":1,"name":"Second",
             "workload":{"entry":"s","arrivals":{"kind":"poisson","rate_per_s":10},
                         "requests":[{"name":"job"}]},
             "components":[{"id":"s","kind":"service","handlers":{"job":[{"cpu_ms":1}]}}]}'),
           ('a-first', 0, 'First', '{"format":"archsim-scenario","version":1,"name":"First",
             "workload":{"entry":"x","arrivals":{"kind":"constant","rate_per_s":5},
                         "requests":[{"name":"job"}]},
             "components":[{"id":"x","kind":"external","latency_ms":2}]}'))",
    R"(INSERT INTO layout_views VALUES ('a-first', 1.5, 10, -20), ('b-second', 0.75, 0, 0))",
    R"(INSERT INTO layout_positions VALUES ('a-first', 'x', 100, 200),
                                          ('b-second', 's', -5.5, 7.25))",
    R"(INSERT INTO runs VALUES
           ('run-2', 'b-second', 1, 'later', '2024-02-03T04:00:00.000Z', 30, 5,
            '18446744073709551615', 3, '0.1.0', '{"format":"archsim-results","version":1}'),
           ('run-1', 'b-second', 0, '', '2024-02-03T03:00:00.000Z', 60, 10, '42', 1, '0.1.0',
            '{"format":"archsim-results","version":1,"scenario":"Second"}'))",
};

bool makeVersionOneFile(const QString &path)
{
    SqliteConnection c(path, SqliteConnection::Mode::ReadWrite);
    for (const char *statement : kVersion1) {
        if (!c.exec(QString::fromUtf8(statement))) {
            qWarning("%s: %s", statement, qPrintable(c.errorString()));
            return false;
        }
    }
    return true;
}

/** "table(column type notnull pk, ...)" for every table, to compare two schemas. */
QStringList schemaOf(SqliteConnection &c)
{
    QStringList tables;
    {
        QSqlQuery q(c.database());
        q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        while (q.next())
            tables.append(q.value(0).toString());
    }
    QStringList out;
    for (const QString &table : tables) {
        QStringList columns;
        QSqlQuery q(c.database());
        q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        while (q.next())
            columns.append(QStringLiteral("%1 %2 %3 %4 %5")
                               .arg(q.value(1).toString(),
                                    q.value(2).toString(),
                                    q.value(3).toString(),
                                    q.value(4).toString(),
                                    q.value(5).toString()));
        out.append(table + QLatin1Char('(') + columns.join(QStringLiteral(", "))
                   + QLatin1Char(')'));
    }
    QSqlQuery q(c.database());
    q.exec(QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql "
                          "IS NOT NULL ORDER BY name"));
    while (q.next())
        out.append(
            QStringLiteral("index %1 on %2").arg(q.value(0).toString(), q.value(1).toString()));
    return out;
}

int userVersion(SqliteConnection &c)
{
    return c.scalar(QStringLiteral("PRAGMA user_version")).value_or(-1).toInt();
}

bool tableExists(SqliteConnection &c, const QString &table)
{
    return c.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                   "name = '%1'")
                        .arg(table))
               .value_or(0)
               .toInt()
           == 1;
}

/** A migration that creates table `t<to>` and logs its run in `steps`. */
ProjectSchema::Migration logStep(int to, QStringList *steps)
{
    return {QStringLiteral("add t%1").arg(to), [to, steps](SqliteConnection &c, QString *error) {
                steps->append(QStringLiteral("%1->%2").arg(to - 1).arg(to));
                if (c.exec(QStringLiteral("CREATE TABLE t%1 (x)").arg(to)))
                    return true;
                *error = c.errorString();
                return false;
            }};
}

} // namespace

class tst_ProjectSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void currentVersionFollowsTheMigrationList()
    {
        QCOMPARE(ProjectSchema::currentVersion(), int(ProjectSchema::migrations().size()) + 1);
        QVERIFY(ProjectSchema::currentVersion() >= 1);
        for (const ProjectSchema::Migration &m : ProjectSchema::migrations()) {
            QVERIFY(!m.description.isEmpty());
            QVERIFY(m.apply);
        }
    }

    void createMarksTheFile()
    {
        const QString file = path(QStringLiteral("fresh.archsim"));
        SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
        QString error;
        QVERIFY2(ProjectSchema::create(c, &error), qPrintable(error));
        QCOMPARE(c.scalar(QStringLiteral("PRAGMA application_id"))->toInt(),
                 ProjectSchema::kApplicationId);
        QCOMPARE(userVersion(c), ProjectSchema::currentVersion());
        for (const QString &table : ProjectSchema::requiredTables())
            QVERIFY2(tableExists(c, table), qPrintable(table));
    }

    void versionOneFixtureOpens()
    {
        const QString file = path(QStringLiteral("v1.archsim"));
        QVERIFY(makeVersionOneFile(file));
        const PersistenceTest::FileState before = PersistenceTest::stateOf(file);

        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.fileVersion, 1);
        QCOMPARE(load.warnings.isEmpty(), ProjectSchema::currentVersion() == 1);
        QCOMPARE(PersistenceTest::stateOf(file), before); // upgraded in a copy, if at all

        const Project &p = *load.project;
        QCOMPARE(p.metadata.name, QStringLiteral("Fixture v1"));
        QCOMPARE(p.metadata.description, QStringLiteral("made by SQL"));
        QCOMPARE(p.metadata.created, QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 6), Qt::UTC));
        QCOMPARE(p.metadata.modified, QDateTime(QDate(2024, 2, 3), QTime(4, 5, 6, 7), Qt::UTC));
        QCOMPARE(p.metadata.appVersion, QStringLiteral("0.1.0"));

        QCOMPARE(p.scenarios.size(), 2);
        const ProjectScenario &first = p.scenarios.at(0);
        QCOMPARE(first.id, QStringLiteral("a-first"));
        QVERIFY(first.isReadable());
        QCOMPARE(first.scenario.name, QStringLiteral("First"));
        QCOMPARE(first.scenario.components.size(), 1);
        QCOMPARE(first.scenario.components.front().kind, ComponentKind::External);
        QCOMPARE(first.layout.zoom, 1.5);
        QCOMPARE(first.layout.center, QPointF(10, -20));
        QCOMPARE(first.layout.positions.value(QStringLiteral("x")), QPointF(100, 200));
        QVERIFY(first.runs.isEmpty());

        const ProjectScenario &second = p.scenarios.at(1);
        QCOMPARE(second.id, QStringLiteral("b-second"));
        QCOMPARE(second.layout.positions.value(QStringLiteral("s")), QPointF(-5.5, 7.25));
        QCOMPARE(second.runs.size(), 2);
        QCOMPARE(second.runs.at(0).id, QStringLiteral("run-1"));
        QCOMPARE(second.runs.at(0).parameters.seed, quint64(42));
        QCOMPARE(second.runs.at(0).parameters.durationS, 60.0);
        QCOMPARE(second.runs.at(0).parameters.warmupS, 10.0);
        QCOMPARE(second.runs.at(0).results.value(QStringLiteral("scenario")).toString(),
                 QStringLiteral("Second"));
        QCOMPARE(second.runs.at(1).id, QStringLiteral("run-2"));
        QCOMPARE(second.runs.at(1).label, QStringLiteral("later"));
        QCOMPARE(second.runs.at(1).parameters.seed, quint64(18446744073709551615ULL));
        QCOMPARE(second.runs.at(1).parameters.replications, 3);
        QCOMPARE(second.runs.at(1).timestamp, QDateTime(QDate(2024, 2, 3), QTime(4, 0), Qt::UTC));
        QCOMPARE(second.runs.at(1).engineVersion, QStringLiteral("0.1.0"));

        // Saved by this ArchSim, it is a current file with the same content.
        const QString again = path(QStringLiteral("v1-saved.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(p, again, &error), qPrintable(error));
        const ProjectLoad reloaded = ProjectStore::load(again);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error));
        QCOMPARE(reloaded.fileVersion, ProjectSchema::currentVersion());
        Project expected = p;
        expected.metadata.appVersion = ProjectStore::applicationVersion();
        QCOMPARE(*reloaded.project, expected);
    }

    void migratedVersionOneMatchesNewFile()
    {
        const QString old = path(QStringLiteral("v1-migrated.archsim"));
        QVERIFY(makeVersionOneFile(old));
        SqliteConnection migrated(old, SqliteConnection::Mode::ReadWrite);
        QString error;
        QVERIFY2(ProjectSchema::migrate(migrated, 1, ProjectSchema::migrations(), &error),
                 qPrintable(error));
        QCOMPARE(userVersion(migrated), ProjectSchema::currentVersion());

        SqliteConnection fresh(path(QStringLiteral("new.archsim")),
                               SqliteConnection::Mode::ReadWrite);
        QVERIFY2(ProjectSchema::create(fresh, &error), qPrintable(error));
        QCOMPARE(schemaOf(migrated), schemaOf(fresh));
    }

    void migrationsRunInOrderToTheLastVersion()
    {
        const QString file = path(QStringLiteral("steps.archsim"));
        QVERIFY(makeVersionOneFile(file));
        QStringList steps;
        const ProjectSchema::Migrations list{logStep(2, &steps),
                                             logStep(3, &steps),
                                             logStep(4, &steps)};
        SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
        QString error;
        QVERIFY2(ProjectSchema::migrate(c, 1, list, &error), qPrintable(error));
        QCOMPARE(steps, (QStringList{"1->2", "2->3", "3->4"}));
        QCOMPARE(userVersion(c), 4);
        QVERIFY(tableExists(c, QStringLiteral("t2")) && tableExists(c, QStringLiteral("t4")));

        // From the middle, only the later steps run; at the last version, none.
        steps.clear();
        const QString mid = path(QStringLiteral("mid.archsim"));
        QVERIFY(makeVersionOneFile(mid));
        SqliteConnection m(mid, SqliteConnection::Mode::ReadWrite);
        QVERIFY(m.exec(QStringLiteral("PRAGMA user_version = 3")));
        QVERIFY2(ProjectSchema::migrate(m, 3, list, &error), qPrintable(error));
        QCOMPARE(steps, QStringList{"3->4"});
        QVERIFY(ProjectSchema::migrate(m, 4, list, &error));
        QCOMPARE(steps, QStringList{"3->4"});
    }

    void failedMigrationRollsBackEveryStep()
    {
        const QString file = path(QStringLiteral("rollback.archsim"));
        QVERIFY(makeVersionOneFile(file));
        QStringList steps;
        ProjectSchema::Migrations list{logStep(2, &steps)};
        list.append(
            {QStringLiteral("split the runs table"), [](SqliteConnection &c, QString *error) {
                 // Half done, then a failure: the half must not stay either.
                 c.exec(QStringLiteral("DELETE FROM runs"));
                 *error = QStringLiteral("no space left on device");
                 return false;
             }});
        list.append(logStep(4, &steps));
        SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
        QString error;
        QVERIFY(!ProjectSchema::migrate(c, 1, list, &error));
        QVERIFY2(error.contains(QStringLiteral("from schema version 2 to 3")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("split the runs table")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("no space left on device")), qPrintable(error));
        QCOMPARE(steps, QStringList{"1->2"});
        QCOMPARE(userVersion(c), 1);
        QVERIFY(!tableExists(c, QStringLiteral("t2")));
        QCOMPARE(c.scalar(QStringLiteral("SELECT count(*) FROM runs"))->toInt(), 2);
        // Not left inside a transaction.
        QVERIFY(c.exec(QStringLiteral("BEGIN")));
        QVERIFY(c.exec(QStringLiteral("ROLLBACK")));
    }

    void unknownStartVersionIsRefused()
    {
        const QString file = path(QStringLiteral("odd.archsim"));
        QVERIFY(makeVersionOneFile(file));
        SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
        QString error;
        QVERIFY(!ProjectSchema::migrate(c, 0, ProjectSchema::migrations(), &error));
        QVERIFY(error.contains(QStringLiteral("version 0")));
        QVERIFY(!ProjectSchema::migrate(c,
                                        ProjectSchema::currentVersion() + 1,
                                        ProjectSchema::migrations(),
                                        &error));
        QCOMPARE(userVersion(c), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ProjectSchema)
#include "tst_projectschema.moc"
