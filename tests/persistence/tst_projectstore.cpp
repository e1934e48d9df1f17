// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "analysis/Compare.h"
#include "persistence/ProjectSchema.h"
#include "persistence/ProjectStore.h"
#include "persistence/RunResultJson.h"
#include "persistence/SqliteConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace Model;
using PersistenceTest::backdate;
using PersistenceTest::entriesOf;
using PersistenceTest::execOn;
using PersistenceTest::FileState;
using PersistenceTest::stateOf;
using TestSupport::writeBytes;

namespace {

/** The raw bytes of one column of one row, as SQLite stores them. */
QByteArray storedBytes(const QString &path, const QString &sql)
{
    SqliteConnection c(path, SqliteConnection::Mode::ReadOnly);
    const std::optional<QVariant> v = c.scalar(sql);
    return v ? v->toByteArray() : QByteArray();
}

} // namespace

class tst_ProjectStore : public QObject
{
    Q_OBJECT

private:
    Project m_project; // the example project, simulated once
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    /** A saved example project at `name`, for the tests that damage or probe it. */
    QString savedProject(const QString &name)
    {
        const QString p = path(name);
        QString error;
        if (!ProjectStore::save(m_project, p, &error))
            qWarning("%s", qPrintable(error));
        return p;
    }

    /** load() must fail with a message containing every word of `expected`, file untouched. */
    void expectRefused(const QString &file, const QStringList &expected)
    {
        const FileState before = stateOf(file);
        const QStringList entriesBefore = entriesOf(QFileInfo(file).absolutePath());
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY(!load.ok());
        QVERIFY(!load.error.isEmpty());
        qInfo("%s", qPrintable(load.error)); // what the user sees
        QVERIFY2(load.error.contains(QFileInfo(file).fileName()), qPrintable(load.error));
        QVERIFY2(load.error.contains(QStringLiteral("The file was not changed.")),
                 qPrintable(load.error));
        for (const QString &word : expected)
            QVERIFY2(load.error.contains(word), qPrintable(load.error));
        QCOMPARE(stateOf(file), before);
        QCOMPARE(entriesOf(QFileInfo(file).absolutePath()), entriesBefore);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_project = PersistenceTest::exampleProject();
        QCOMPARE(m_project.scenarios.size(), 3);
        int runs = 0;
        for (const ProjectScenario &s : m_project.scenarios)
            runs += int(s.runs.size());
        QVERIFY2(runs >= 1, "at least the M/M/1 example must run");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        ProjectStore::setSaveFailureHook({});
        m_dir.reset();
    }

    // --- Round trip ----------------------------------------------------------------------

    void exampleProjectRoundTrips()
    {
        const QString file = path(QStringLiteral("shop.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(m_project, file, &error), qPrintable(error));

        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY2(load.warnings.isEmpty(), qPrintable(load.warnings.join('\n')));
        QCOMPARE(load.fileVersion, ProjectSchema::currentVersion());
        QVERIFY(!load.readOnly);
        QCOMPARE(load.project->metadata, m_project.metadata);
        QCOMPARE(load.project->scenarios.size(), m_project.scenarios.size());
        for (qsizetype i = 0; i < m_project.scenarios.size(); ++i) {
            const ProjectScenario &expected = m_project.scenarios.at(i);
            const ProjectScenario &got = load.project->scenarios.at(i);
            QCOMPARE(got.id, expected.id);
            QCOMPARE(got.scenario, expected.scenario);
            QCOMPARE(got.layout.positions, expected.layout.positions);
            QCOMPARE(got.layout.zoom, expected.layout.zoom);
            QCOMPARE(got.layout.center, expected.layout.center);
            QCOMPARE(got.runs, expected.runs);
            QVERIFY(got.isReadable());
        }
        QCOMPARE(*load.project, m_project);
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("shop.archsim")});
    }

    void scenariosAreStoredInTheContractForm()
    {
        const QString file = savedProject(QStringLiteral("contract.archsim"));
        for (const ProjectScenario &s : m_project.scenarios) {
            const QByteArray stored
                = storedBytes(file,
                              QStringLiteral(
                                  "SELECT CAST(json AS BLOB) FROM scenarios WHERE id = '%1'")
                                  .arg(s.id));
            QCOMPARE(stored, serializeScenario(s.scenario));
            // ... which is the example file, read and written once (no canvas data in it).
            QVERIFY(!stored.contains("\"ui\""));
        }
    }

    void savedRunReopensWithoutRunning()
    {
        const QString file = savedProject(QStringLiteral("runs.archsim"));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        const ProjectScenario *mm1 = load.project->scenarioNamed(QStringLiteral("M/M/1 check"));
        QVERIFY(mm1);
        QCOMPARE(mm1->runs.size(), 1);
        const SavedRun &run = mm1->runs.front();
        QCOMPARE(run.label, QStringLiteral("first look"));
        QCOMPARE(run.parameters.durationS, 4.0);
        QCOMPARE(run.parameters.warmupS, 1.0);
        QCOMPARE(run.parameters.seed, quint64(1));
        QCOMPARE(run.parameters.replications, 1);
        QCOMPARE(run.engineVersion, QString::fromLatin1(Sim::engineVersion()));
        QString error;
        const Sim::RunResult result = runResultFromJson(run.results, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(result.request("_all"));
        QVERIFY(result.request("_all")->completed > 1000);
        QCOMPARE(resultsToJson(result), run.results);
    }

    void orderAndEmptyPartsSurvive()
    {
        Project p = m_project;
        std::reverse(p.scenarios.begin(), p.scenarios.end());
        p.scenarios[1].layout = ScenarioLayout(); // no positions, default view
        p.scenarios[2].runs.clear();
        // Two scenarios may share a name; the id tells them apart.
        ProjectScenario copy = ProjectScenario::create(p.scenarios[0].scenario);
        p.scenarios.append(copy);
        p.metadata.description.clear();
        const QString file = path(QStringLiteral("order.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(p, file, &error), qPrintable(error));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(*load.project, p);

        Project empty;
        empty.metadata.appVersion = ProjectStore::applicationVersion();
        QVERIFY2(ProjectStore::save(empty, file, &error), qPrintable(error));
        const ProjectLoad emptyLoad = ProjectStore::load(file);
        QVERIFY2(emptyLoad.ok(), qPrintable(emptyLoad.error));
        QVERIFY(emptyLoad.project->scenarios.isEmpty());
        // save() stamps missing times.
        QVERIFY(emptyLoad.project->metadata.created.isValid());
        QVERIFY(emptyLoad.project->metadata.modified.isValid());
    }

    void fileIsMarkedAsArchSimProject()
    {
        const QString file = savedProject(QStringLiteral("marks.archsim"));
        SqliteConnection c(file, SqliteConnection::Mode::ReadOnly);
        QCOMPARE(c.scalar(QStringLiteral("PRAGMA application_id"))->toInt(),
                 ProjectSchema::kApplicationId);
        QCOMPARE(c.scalar(QStringLiteral("PRAGMA user_version"))->toInt(),
                 ProjectSchema::currentVersion());
        // One self-contained file: no WAL.
        QCOMPARE(c.scalar(QStringLiteral("PRAGMA journal_mode"))->toString(),
                 QStringLiteral("delete"));
        QCOMPARE(c.scalar(QStringLiteral("SELECT value FROM project_meta WHERE key = "
                                         "'app_version'"))
                     ->toString(),
                 ProjectStore::applicationVersion());
    }

    void duplicateIdsAreRefused()
    {
        Project p = m_project;
        p.scenarios[1].id = p.scenarios[0].id;
        QString error;
        QVERIFY(!ProjectStore::save(p, path(QStringLiteral("dup.archsim")), &error));
        QVERIFY2(error.contains(QStringLiteral("same id")), qPrintable(error));
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    // --- Atomic saves --------------------------------------------------------------------

    void saveReplacesTheWholeFile()
    {
        const QString file = savedProject(QStringLiteral("replace.archsim"));
        Project changed = m_project;
        changed.metadata.name = QStringLiteral("Renamed");
        changed.scenarios.removeLast();
        QString error;
        QVERIFY2(ProjectStore::save(changed, file, &error), qPrintable(error));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(*load.project, changed);
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("replace.archsim")});
    }

    void failedSaveLeavesTheOldFile_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("temporary created") << int(ProjectStore::SaveStage::TemporaryCreated);
        QTest::newRow("data written") << int(ProjectStore::SaveStage::DataWritten);
        QTest::newRow("before rename") << int(ProjectStore::SaveStage::BeforeRename);
    }
    void failedSaveLeavesTheOldFile()
    {
        QFETCH(int, stage);
        const QString file = savedProject(QStringLiteral("keep.archsim"));
        QVERIFY(backdate(file));
        const FileState before = stateOf(file);
        const QStringList entriesBefore = entriesOf(m_dir->path());

        std::atomic<int> calls = 0;
        ProjectStore::setSaveFailureHook([&](ProjectStore::SaveStage s) {
            ++calls;
            return int(s) == stage;
        });
        Project changed = m_project;
        changed.metadata.name = QStringLiteral("Should not be saved");
        QString error;
        QVERIFY(!ProjectStore::save(changed, file, &error));
        QCOMPARE(calls.load(), stage + 1);
        QVERIFY2(error.contains(QStringLiteral("The file on disk was not changed.")),
                 qPrintable(error));
        QCOMPARE(stateOf(file), before);
        QCOMPARE(entriesOf(m_dir->path()), entriesBefore);
        ProjectStore::setSaveFailureHook({});
        QCOMPARE(ProjectStore::load(file).project->metadata.name, m_project.metadata.name);
    }

    void failedFirstSaveLeavesNothing()
    {
        ProjectStore::setSaveFailureHook(
            [](ProjectStore::SaveStage s) { return s == ProjectStore::SaveStage::BeforeRename; });
        QString error;
        QVERIFY(!ProjectStore::save(m_project, path(QStringLiteral("new.archsim")), &error));
        QVERIFY2(error.contains(QStringLiteral("No file was written.")), qPrintable(error));
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    void saveIntoUnwritableFolderFails()
    {
        if (PersistenceTest::runningAsRoot())
            QSKIP("root may write into any folder");
        const QString file = savedProject(QStringLiteral("locked.archsim"));
        const FileState before = stateOf(file);
        QFile::Permissions folderPermissions = QFile::permissions(m_dir->path());
        QVERIFY(QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::ExeOwner));
        QString error;
        const bool saved = ProjectStore::save(m_project, file, &error);
        QVERIFY(QFile::setPermissions(m_dir->path(), folderPermissions));
        QVERIFY(!saved);
        QVERIFY2(error.contains(QStringLiteral("cannot create a file in the folder")),
                 qPrintable(error));
        QCOMPARE(stateOf(file), before);
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("locked.archsim")});
    }

    void saveOverAFolderFails()
    {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder.archsim")));
        QString error;
        QVERIFY(!ProjectStore::save(m_project, path(QStringLiteral("folder.archsim")), &error));
        QVERIFY2(error.contains(QStringLiteral("is a folder")), qPrintable(error));
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("folder.archsim")});
    }

    void saveIntoMissingFolderFails()
    {
        QString error;
        QVERIFY(!ProjectStore::save(m_project, path(QStringLiteral("nowhere/p.archsim")), &error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    void saveRefusesToReplaceOtherFiles_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("my notes\n") << "not an ArchSim project";
        QTest::newRow("newer project") << QByteArray("newer") << "newer ArchSim";
        QTest::newRow("foreign sqlite") << QByteArray("sqlite") << "not an ArchSim project";
    }
    void saveRefusesToReplaceOtherFiles()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("other.archsim"));
        if (contents == "newer") {
            savedProject(QStringLiteral("other.archsim"));
            QVERIFY(execOn(file, QStringLiteral("PRAGMA user_version = 999")));
        } else if (contents == "sqlite") {
            QVERIFY(execOn(file, QStringLiteral("CREATE TABLE contacts (name TEXT)")));
        } else {
            QVERIFY(writeBytes(file, contents));
        }
        const FileState before = stateOf(file);
        QString error;
        QVERIFY(!ProjectStore::save(m_project, file, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(stateOf(file), before);
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("other.archsim")});
    }

    void saveMayReplaceAnEmptyFile()
    {
        const QString file = path(QStringLiteral("placeholder.archsim"));
        QVERIFY(writeBytes(file, QByteArray()));
        QString error;
        QVERIFY2(ProjectStore::save(m_project, file, &error), qPrintable(error));
        QVERIFY(ProjectStore::load(file).ok());
    }

    void saveKeepsPermissionsAndFollowsLinks()
    {
        const QString file = savedProject(QStringLiteral("target.archsim"));
        const QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner
                                               | QFile::ReadGroup;
        QVERIFY(QFile::setPermissions(file, permissions));
        const QString link = path(QStringLiteral("link.archsim"));
        QVERIFY(QFile::link(file, link));

        Project changed = m_project;
        changed.metadata.name = QStringLiteral("Through the link");
        QString error;
        QVERIFY2(ProjectStore::save(changed, link, &error), qPrintable(error));
        QVERIFY(QFileInfo(link).isSymLink());
        const QFile::Permissions mask = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                        | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
                                        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFile::permissions(file) & mask, permissions);
        QCOMPARE(ProjectStore::load(file).project->metadata.name, changed.metadata.name);
    }

    // --- Files that must not open --------------------------------------------------------

    void missingFileIsReported()
    {
        const ProjectLoad load = ProjectStore::load(path(QStringLiteral("absent.archsim")));
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(QStringLiteral("does not exist")), qPrintable(load.error));
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    void damagedFilesAreRefusedAndUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("expected");
        const QStringList notSqlite{QStringLiteral("not an ArchSim project"),
                                    QStringLiteral("not an SQLite database")};
        const QStringList isDamaged{QStringLiteral("damaged"), QStringLiteral("backup")};
        QTest::newRow("random bytes") << "random" << notSqlite;
        QTest::newRow("text") << "text" << notSqlite;
        QTest::newRow("empty") << "empty" << QStringList{QStringLiteral("empty")};
        QTest::newRow("header only") << "header" << isDamaged;
        QTest::newRow("header and garbage") << "header+garbage" << isDamaged;
        QTest::newRow("truncated to 1 page") << "truncate:4096" << isDamaged;
        QTest::newRow("truncated to half") << "truncate:half" << isDamaged;
        QTest::newRow("last page missing") << "truncate:-4096" << isDamaged;
        QTest::newRow("page overwritten") << "overwrite:2" << isDamaged;
    }
    void damagedFilesAreRefusedAndUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, expected);
        const QString file = path(QStringLiteral("damaged.archsim"));
        QByteArray bytes;
        if (kind == QLatin1String("random")) {
            bytes.resize(8192);
            QRandomGenerator rng(7);
            for (char &b : bytes)
                b = char(rng.bounded(256));
        } else if (kind == QLatin1String("text")) {
            bytes = TestSupport::readExample(QStringLiteral("mm1.json"));
        } else if (kind == QLatin1String("header")) {
            bytes = QByteArray("SQLite format 3\0", 16);
        } else if (kind == QLatin1String("header+garbage")) {
            bytes = QByteArray("SQLite format 3\0", 16) + QByteArray(8000, '\x5a');
        } else if (kind != QLatin1String("empty")) {
            const QString real = savedProject(QStringLiteral("real.archsim"));
            bytes = stateOf(real).bytes;
            QFile::remove(real);
            QVERIFY(bytes.size() > 4 * 4096);
            const QString arg = kind.section(QLatin1Char(':'), 1);
            if (kind.startsWith(QLatin1String("truncate"))) {
                const qsizetype keep = arg == QLatin1String("half") ? bytes.size() / 2
                                       : arg.toInt() < 0            ? bytes.size() + arg.toInt()
                                                                    : arg.toInt();
                bytes.truncate(keep);
            } else {
                const int page = arg.toInt();
                for (int i = 0; i < 4096; ++i)
                    bytes[page * 4096 + i] = char(0xA5 ^ (i * 31));
            }
        }
        QVERIFY(writeBytes(file, bytes));
        QVERIFY(backdate(file));
        expectRefused(file, expected);
    }

    void foreignSqliteFilesAreRefusedAndUntouched()
    {
        const QString file = path(QStringLiteral("contacts.db"));
        QVERIFY(execOn(file, QStringLiteral("CREATE TABLE contacts (name TEXT, phone TEXT)")));
        QVERIFY(execOn(file, QStringLiteral("INSERT INTO contacts VALUES ('Ada', '555')")));
        QVERIFY(backdate(file));
        expectRefused(file,
                      {QStringLiteral("SQLite database"),
                       QStringLiteral("not an ArchSim project")});
        const QString other = path(QStringLiteral("other.db"));
        QVERIFY(execOn(other, QStringLiteral("PRAGMA application_id = 1234")));
        QVERIFY(execOn(other, QStringLiteral("CREATE TABLE t (x)")));
        QVERIFY(backdate(other));
        expectRefused(other, {QStringLiteral("another application"), QStringLiteral("0x000004d2")});

        // A database with ArchSim's tables but not its application id is still foreign.
        const QString lookalike = savedProject(QStringLiteral("lookalike.archsim"));
        QVERIFY(execOn(lookalike, QStringLiteral("PRAGMA application_id = 0")));
        QVERIFY(backdate(lookalike));
        expectRefused(lookalike, {QStringLiteral("not an ArchSim project")});
    }

    void projectWithMissingTablesIsDamaged()
    {
        const QString file = savedProject(QStringLiteral("gutted.archsim"));
        QVERIFY(execOn(file, QStringLiteral("DROP TABLE runs")));
        QVERIFY(backdate(file));
        expectRefused(file, {QStringLiteral("damaged"), QStringLiteral("'runs' is missing")});

        const QString bare = path(QStringLiteral("bare.archsim"));
        QVERIFY(execOn(bare,
                       QStringLiteral("PRAGMA application_id = %1")
                           .arg(ProjectSchema::kApplicationId)));
        QVERIFY(execOn(bare, QStringLiteral("CREATE TABLE x (y)")));
        QVERIFY(backdate(bare));
        expectRefused(bare,
                      {QStringLiteral("damaged"), QStringLiteral("no project format version")});
    }

    void newerFileIsRefusedAndUntouched()
    {
        const QString file = savedProject(QStringLiteral("future.archsim"));
        QVERIFY(execOn(file, QStringLiteral("PRAGMA user_version = 999")));
        QVERIFY(backdate(file));
        expectRefused(file,
                      {QStringLiteral("newer version of ArchSim"),
                       QStringLiteral("999"),
                       QStringLiteral("Update ArchSim")});
        QCOMPARE(ProjectStore::load(file).fileVersion, 999);
    }

    // --- Older files ---------------------------------------------------------------------

    void olderFileIsUpgradedInACopy()
    {
        // Pretend a version after this ArchSim's exists: its migration
        // adds a column. load() must run it on a copy and leave the file as it was.
        const QString file = savedProject(QStringLiteral("old.archsim"));
        QVERIFY(backdate(file));
        const FileState before = stateOf(file);
        const QStringList entriesBefore = entriesOf(m_dir->path());
        ProjectSchema::Migrations migrations = ProjectSchema::migrations();
        bool ran = false;
        migrations.append({QStringLiteral("runs: add notes"), [&](SqliteConnection &c, QString *e) {
                               ran = true;
                               if (c.exec(QStringLiteral("ALTER TABLE runs ADD COLUMN notes TEXT")))
                                   return true;
                               *e = c.errorString();
                               return false;
                           }});
        const ProjectLoad load = ProjectStore::load(file, migrations);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY(ran);
        QCOMPARE(load.fileVersion, ProjectSchema::currentVersion());
        QCOMPARE(*load.project, m_project);
        QCOMPARE(load.warnings.size(), 1);
        QVERIFY2(load.warnings.front().contains(QStringLiteral("older ArchSim")),
                 qPrintable(load.warnings.front()));
        QCOMPARE(stateOf(file), before);
        QCOMPARE(entriesOf(m_dir->path()), entriesBefore);
    }

    void failedUpgradeIsReportedAndFileUntouched()
    {
        const QString file = savedProject(QStringLiteral("old.archsim"));
        QVERIFY(backdate(file));
        const FileState before = stateOf(file);
        ProjectSchema::Migrations migrations = ProjectSchema::migrations();
        migrations.append({QStringLiteral("broken step"), [](SqliteConnection &, QString *e) {
                               *e = QStringLiteral("disk on fire");
                               return false;
                           }});
        const ProjectLoad load = ProjectStore::load(file, migrations);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(QStringLiteral("could not be upgraded")),
                 qPrintable(load.error));
        QVERIFY2(load.error.contains(QStringLiteral("disk on fire")), qPrintable(load.error));
        QVERIFY2(load.error.contains(QStringLiteral("broken step")), qPrintable(load.error));
        QCOMPARE(stateOf(file), before);
    }

    // --- Damaged parts inside a good file --------------------------------------------------

    void unreadableScenarioIsFlaggedAndKeptVerbatim()
    {
        const QString file = savedProject(QStringLiteral("parts.archsim"));
        const QString brokenId = m_project.scenarios.at(1).id;
        const QString newerId = m_project.scenarios.at(2).id;
        // Not JSON at all, with a byte that is not UTF-8; and a scenario of a later format.
        QVERIFY(execOn(file,
                       QStringLiteral("UPDATE scenarios SET json = CAST("
                                      "X'7B226E616D65223A20FF2C' AS TEXT) WHERE id = '%1'")
                           .arg(brokenId)));
        const QByteArray newer = R"({"format": "archsim-scenario", "version": 2, "name": "Next",
            "workload": {"entry": "a", "arrivals": {"kind": "poisson", "rate_per_s": 1},
                         "requests": [{"name": "r"}]},
            "components": [{"id": "a", "kind": "hologram"}]})";
        QVERIFY(execOn(file,
                       QStringLiteral("UPDATE scenarios SET json = '%1' WHERE id = '%2'")
                           .arg(QString::fromUtf8(newer), newerId)));
        const QByteArray brokenBytes
            = storedBytes(file,
                          QStringLiteral("SELECT CAST(json AS BLOB) FROM scenarios WHERE id = '%1'")
                              .arg(brokenId));
        QCOMPARE(brokenBytes, QByteArray("{\"name\": \xff,"));

        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.warnings.size(), 2);
        const QString brokenName = m_project.scenarios.at(1).scenario.name;
        const QString warnings = load.warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("'%1' could not be read").arg(brokenName)),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("not valid JSON")), qPrintable(warnings));

        const ProjectScenario *broken = load.project->scenario(brokenId);
        QVERIFY(broken && !broken->isReadable());
        QCOMPARE(*broken->unreadableJson, brokenBytes);
        QCOMPARE(broken->scenario.name, brokenName); // from the table, for the GUI
        QVERIFY(hasErrors(broken->problems));
        QCOMPARE(broken->runs, m_project.scenarios.at(1).runs);
        QCOMPARE(broken->layout, m_project.scenarios.at(1).layout);
        const ProjectScenario *later = load.project->scenario(newerId);
        QVERIFY(later && !later->isReadable());
        QCOMPARE(*later->unreadableJson, newer);
        QVERIFY(load.project->scenarios.at(0).isReadable());

        // Saved again (elsewhere), the texts are the same bytes.
        const QString again = path(QStringLiteral("again.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(*load.project, again, &error), qPrintable(error));
        QCOMPARE(storedBytes(again,
                             QStringLiteral("SELECT CAST(json AS BLOB) FROM scenarios "
                                            "WHERE id = '%1'")
                                 .arg(brokenId)),
                 brokenBytes);
        QCOMPARE(storedBytes(again,
                             QStringLiteral("SELECT CAST(json AS BLOB) FROM scenarios "
                                            "WHERE id = '%1'")
                                 .arg(newerId)),
                 newer);
        const ProjectLoad reloaded = ProjectStore::load(again);
        QVERIFY(reloaded.ok());
        QCOMPARE(*reloaded.project, *load.project);
    }

    void unreadableRunResultsAreFlaggedAndKeptVerbatim()
    {
        const QString file = savedProject(QStringLiteral("runs.archsim"));
        QVERIFY(
            execOn(file, QStringLiteral("UPDATE runs SET results_json = '{\"format\": trunc'")));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY(!load.warnings.isEmpty());
        QVERIFY2(load.warnings.front().contains(QStringLiteral("saved run")),
                 qPrintable(load.warnings.front()));
        const SavedRun &run = load.project->scenarios.front().runs.front();
        QCOMPARE(*run.unreadableResults, QByteArray("{\"format\": trunc"));
        QVERIFY(run.results.isEmpty());
        QCOMPARE(run.parameters, m_project.scenarios.front().runs.front().parameters);

        const QString again = path(QStringLiteral("again.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(*load.project, again, &error), qPrintable(error));
        QCOMPARE(storedBytes(again,
                             QStringLiteral("SELECT CAST(results_json AS BLOB) FROM runs "
                                            "WHERE id = '%1'")
                                 .arg(run.id)),
                 QByteArray("{\"format\": trunc"));
    }

    void savedComparisonReopensWithoutRunning()
    {
        // a real comparison of two examples, short, saved with the project
        CompareOptions options;
        options.replications = 2;
        options.durationS = 4;
        options.warmupS = 1;
        Problems problems;
        const std::optional<Comparison> compared
            = runComparison({{QStringLiteral("mono"), m_project.scenarios.at(1).scenario},
                             {QStringLiteral("micro"), m_project.scenarios.at(2).scenario}},
                            options,
                            &problems);
        QVERIFY2(compared, qPrintable(TestSupport::problemsText(problems)));
        Project project = m_project;
        SavedComparison saved;
        saved.id = QStringLiteral("cmp-1");
        saved.label = QStringLiteral("shop designs");
        saved.timestamp = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 10), Qt::UTC);
        // as text and back, as it comes out of the file (NaN figures are null there)
        saved.comparison
            = QJsonDocument::fromJson(QJsonDocument(comparisonToJson(*compared)).toJson()).object();
        project.comparisons.append(saved);
        SavedComparison second = saved;
        second.id = QStringLiteral("cmp-0");
        second.label.clear();
        project.comparisons.append(second); // order is the list's, not the ids'

        const QString file = path(QStringLiteral("compare.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(project, file, &error), qPrintable(error));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY2(load.warnings.isEmpty(), qPrintable(load.warnings.join('\n')));
        QCOMPARE(load.project->comparisons, project.comparisons);
        QCOMPARE(*load.project, project);
        QCOMPARE(load.project->comparisons.front().scenarioNames(),
                 (QStringList{QStringLiteral("mono"), QStringLiteral("micro")}));

        const std::optional<Comparison> back
            = comparisonFromJson(load.project->comparisons.front().comparison, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(comparisonToJson(*back), saved.comparison);
        QCOMPARE(back->alternatives.size(), std::size_t(2));
        QCOMPARE(back->alternatives[1].name, QStringLiteral("micro"));
    }

    void unreadableComparisonIsFlaggedAndKeptVerbatim()
    {
        Project project = m_project;
        SavedComparison saved;
        saved.id = QStringLiteral("cmp");
        saved.timestamp = QDateTime::currentDateTimeUtc();
        saved.comparison = QJsonObject{
            {QStringLiteral("format"), QStringLiteral("archsim-compare")}};
        project.comparisons.append(saved);
        const QString file = path(QStringLiteral("damaged-compare.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(project, file, &error), qPrintable(error));
        QVERIFY(execOn(file, QStringLiteral("UPDATE comparisons SET json = '[1, 2'")));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.warnings.size(), 1);
        QVERIFY2(load.warnings.front().contains(QStringLiteral("saved comparison")),
                 qPrintable(load.warnings.front()));
        QCOMPARE(*load.project->comparisons.front().unreadableJson, QByteArray("[1, 2"));

        const QString again = path(QStringLiteral("again.archsim"));
        QVERIFY2(ProjectStore::save(*load.project, again, &error), qPrintable(error));
        QCOMPARE(storedBytes(again, QStringLiteral("SELECT CAST(json AS BLOB) FROM comparisons")),
                 QByteArray("[1, 2"));
    }

    void decisionsRoundTrip()
    {
        Project project = m_project;
        Decision d;
        d.id = QStringLiteral("dec");
        d.name = QStringLiteral("Shop: monolith or microservices?");
        d.alternatives = {project.scenarios.at(1).scenario.name,
                          project.scenarios.at(2).scenario.name};
        d.questionnaire.developers = 60;
        d.questionnaire.teams = 8;
        d.weights.insert(QStringLiteral("cost_per_hour"), 40);
        d.overrides.append({QStringLiteral("team_autonomy"), d.alternatives.at(0), 2, {}});
        d.simulation.fault.kind = QStringLiteral("outage");
        d.simulation.fault.atS = 100;
        project.decisions.append(d);
        const QString file = path(QStringLiteral("decided.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(project, file, &error), qPrintable(error));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY2(load.warnings.isEmpty(), qPrintable(load.warnings.join('\n')));
        QCOMPARE(load.project->decisions, project.decisions);
        QCOMPARE(*load.project, project);
        // a project without decisions has no "decisions" row: older files look the same
        const QString plain = path(QStringLiteral("plain.archsim"));
        QVERIFY2(ProjectStore::save(m_project, plain, &error), qPrintable(error));
        QCOMPARE(storedBytes(plain,
                             QStringLiteral("SELECT CAST(value AS BLOB) FROM project_meta "
                                            "WHERE key = 'decisions'")),
                 QByteArray());
    }

    void unreadableDecisionsAreFlaggedAndKeptVerbatim()
    {
        Project project = m_project;
        Decision d;
        d.id = QStringLiteral("keep");
        d.name = QStringLiteral("Keep me");
        d.alternatives = {QStringLiteral("a"), QStringLiteral("b")};
        project.decisions.append(d);
        const QString file = path(QStringLiteral("damaged-decision.archsim"));
        QString error;
        QVERIFY2(ProjectStore::save(project, file, &error), qPrintable(error));
        // one good entry, one with a negative team count, one that is not an object
        const QByteArray stored = storedBytes(file,
                                              QStringLiteral("SELECT CAST(value AS BLOB) FROM "
                                                             "project_meta WHERE key = "
                                                             "'decisions'"));
        QJsonArray list = QJsonDocument::fromJson(stored).array();
        QCOMPARE(list.size(), 1);
        QJsonObject bad = list.at(0).toObject();
        bad.insert(QStringLiteral("name"), QStringLiteral("Damaged"));
        bad.insert(QStringLiteral("questionnaire"), QJsonObject{{QStringLiteral("teams"), -1}});
        list.append(bad);
        list.append(7);
        const QByteArray text = QJsonDocument(list).toJson(QJsonDocument::Compact);
        QVERIFY(execOn(file,
                       QStringLiteral("UPDATE project_meta SET value = '%1' WHERE key = "
                                      "'decisions'")
                           .arg(QString::fromUtf8(text))));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.warnings.size(), 2);
        QVERIFY2(load.warnings.at(0).contains(QStringLiteral("Damaged"))
                     && load.warnings.at(0).contains(
                         QStringLiteral("$.decisions[1].questionnaire.teams")),
                 qPrintable(load.warnings.at(0)));
        QCOMPARE(load.project->decisions.size(), 1);
        QCOMPARE(load.project->decisions.front().name, QStringLiteral("Keep me"));
        QCOMPARE(load.project->unreadableDecisions.size(), 2);
        const QString again = path(QStringLiteral("again.archsim"));
        QVERIFY2(ProjectStore::save(*load.project, again, &error), qPrintable(error));
        QCOMPARE(storedBytes(again,
                             QStringLiteral("SELECT CAST(value AS BLOB) FROM project_meta WHERE "
                                            "key = 'decisions'")),
                 text);

        // a list that is not JSON at all is kept byte for byte
        QVERIFY(execOn(file,
                       QStringLiteral("UPDATE project_meta SET value = '[{\"name\": ' WHERE "
                                      "key = 'decisions'")));
        const ProjectLoad broken = ProjectStore::load(file);
        QVERIFY2(broken.ok(), qPrintable(broken.error));
        QCOMPARE(broken.warnings.size(), 1);
        QVERIFY(broken.project->decisions.isEmpty());
        QVERIFY2(ProjectStore::save(*broken.project, again, &error), qPrintable(error));
        QCOMPARE(storedBytes(again,
                             QStringLiteral("SELECT CAST(value AS BLOB) FROM project_meta WHERE "
                                            "key = 'decisions'")),
                 QByteArray("[{\"name\": "));
    }

    void readOnlyFileLoadsReadOnly()
    {
        if (PersistenceTest::runningAsRoot())
            QSKIP("every file is writable for root");
        const QString file = savedProject(QStringLiteral("ro.archsim"));
        QVERIFY(ProjectStore::load(file).ok());
        QVERIFY(!ProjectStore::load(file).readOnly);
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner));
        const ProjectLoad load = ProjectStore::load(file);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY(load.readOnly);
    }

    // --- Several connections ---------------------------------------------------------------

    void concurrentLoadsAndSaves()
    {
        const QString file = savedProject(QStringLiteral("shared.archsim"));
        std::atomic<int> failures = 0;
        auto reader = [&] {
            for (int i = 0; i < 5; ++i) {
                const ProjectLoad load = ProjectStore::load(file);
                if (!load.ok() || load.project->scenarios.size() != 3) {
                    qWarning("%s", qPrintable(load.error));
                    ++failures;
                }
            }
        };
        auto writer = [&] {
            for (int i = 0; i < 3; ++i) {
                QString error;
                if (!ProjectStore::save(m_project, file, &error)) {
                    qWarning("%s", qPrintable(error));
                    ++failures;
                }
            }
        };
        std::unique_ptr<QThread> threads[] = {std::unique_ptr<QThread>(QThread::create(reader)),
                                              std::unique_ptr<QThread>(QThread::create(reader)),
                                              std::unique_ptr<QThread>(QThread::create(writer))};
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(120000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("shared.archsim")});
    }

    void openReaderDoesNotBlockLoadOrSave()
    {
        const QString file = savedProject(QStringLiteral("held.archsim"));
        SqliteConnection other(file, SqliteConnection::Mode::ReadOnly);
        QVERIFY(other.isOpen());
        QVERIFY(other.exec(QStringLiteral("BEGIN")));
        {
            QSqlQuery q(other.database());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM scenarios"))); // shared lock
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 3);
        }
        QVERIFY(ProjectStore::load(file).ok());
        Project changed = m_project;
        changed.scenarios.removeFirst();
        QString error;
        QVERIFY2(ProjectStore::save(changed, file, &error), qPrintable(error));
        // The old reader still sees its snapshot; a new load sees the new file.
        QCOMPARE(other.scalar(QStringLiteral("SELECT count(*) FROM scenarios"))->toInt(), 3);
        QVERIFY(other.exec(QStringLiteral("COMMIT")));
        QCOMPARE(ProjectStore::load(file).project->scenarios.size(), 2);
    }

    // --- Crash recovery --------------------------------------------------------------------

    void recoveryIsWrittenFoundAndDiscarded()
    {
        const QString file = savedProject(QStringLiteral("work.archsim"));
        QVERIFY(backdate(file));
        QVERIFY(!ProjectStore::findRecovery(file));

        const QString recovery = ProjectStore::recoveryPath(file);
        QCOMPARE(recovery, path(QStringLiteral(".work.archsim.recovery")));
        Project edited = m_project;
        edited.metadata.name = QStringLiteral("Unsaved edits");
        edited.scenarios[0].layout.positions.insert(QStringLiteral("server"), QPointF(1, 2));
        QString error;
        QVERIFY2(ProjectStore::writeRecovery(edited, file, &error), qPrintable(error));
        QVERIFY(QFileInfo::exists(recovery));
        // Overwritten in place on the next tick, atomically as well.
        QVERIFY2(ProjectStore::writeRecovery(edited, file, &error), qPrintable(error));

        const std::optional<RecoveryInfo> found = ProjectStore::findRecovery(file);
        QVERIFY(found);
        QCOMPARE(found->path, QFileInfo(recovery).absoluteFilePath());
        QCOMPARE(found->projectPath, QFileInfo(file).absoluteFilePath());
        QVERIFY(found->newerThanProject);
        QVERIFY(qAbs(found->written.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        const ProjectLoad load = ProjectStore::load(found->path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(*load.project, edited);
        // The project file itself was not touched.
        QCOMPARE(ProjectStore::load(file).project->metadata.name, m_project.metadata.name);

        // Saved after the autosave: the copy is older than the project.
        QVERIFY(ProjectStore::save(edited, file, &error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(3600),
                              QFileDevice::FileModificationTime));
        f.close();
        QVERIFY(!ProjectStore::findRecovery(file)->newerThanProject);

        QVERIFY(ProjectStore::discardRecovery(file, &error));
        QVERIFY(!QFileInfo::exists(recovery));
        QVERIFY(!ProjectStore::findRecovery(file));
        QVERIFY(ProjectStore::discardRecovery(file)); // nothing left: still fine
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("work.archsim")});
    }

    void untitledProjectRecoversFromAppData()
    {
        const QString recovery = ProjectStore::recoveryPath(QString());
        QVERIFY(
            recovery.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        ProjectStore::discardRecovery(QString());
        QVERIFY(!ProjectStore::findRecovery(QString()));
        QString error;
        QVERIFY2(ProjectStore::writeRecovery(m_project, QString(), &error), qPrintable(error));
        const std::optional<RecoveryInfo> found = ProjectStore::findRecovery(QString());
        QVERIFY(found);
        QVERIFY(found->projectPath.isEmpty());
        QVERIFY(found->newerThanProject);
        const ProjectLoad load = ProjectStore::load(found->path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(*load.project, m_project);
        QVERIFY(ProjectStore::discardRecovery(QString()));
        QVERIFY(!ProjectStore::findRecovery(QString()));
    }

    void recoveryOfProjectInUnusableFolderGoesToAppData()
    {
        // A folder that does not exist (or cannot be written) cannot hold the copy.
        const QString project = path(QStringLiteral("gone/elsewhere.archsim"));
        const QString recovery = ProjectStore::recoveryPath(project);
        QVERIFY(
            recovery.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(recovery.endsWith(QStringLiteral("elsewhere.archsim.recovery")));
        // Two projects of the same name in different folders do not share a copy.
        QVERIFY(recovery
                != ProjectStore::recoveryPath(path(QStringLiteral("other/elsewhere.archsim"))));
        QString error;
        QVERIFY2(ProjectStore::writeRecovery(m_project, project, &error), qPrintable(error));
        const std::optional<RecoveryInfo> found = ProjectStore::findRecovery(project);
        QVERIFY(found);
        QCOMPARE(found->path, QFileInfo(recovery).absoluteFilePath());
        QVERIFY(found->newerThanProject); // there is no project file at all
        QVERIFY(ProjectStore::discardRecovery(project));
        QVERIFY(!QFileInfo::exists(recovery));
    }
};

QTEST_GUILESS_MAIN(tst_ProjectStore)
#include "tst_projectstore.moc"
