// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "persistence/ScenarioFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Model;

class tst_ScenarioFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void exportThenImportIsUnchanged_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : PersistenceTest::exampleFiles())
            QTest::newRow(qPrintable(file)) << file;
    }
    void exportThenImportIsUnchanged()
    {
        QFETCH(QString, file);
        const ScenarioLoad imported = ScenarioFile::importFrom(
            TestSupport::sourcePath(QStringLiteral("resources/examples/") + file));
        QVERIFY(imported.ok());
        const QString out = path(file);
        QString error;
        QVERIFY2(ScenarioFile::exportTo(*imported.scenario, out, &error), qPrintable(error));
        QCOMPARE(PersistenceTest::stateOf(out).bytes, serializeScenario(*imported.scenario));
        const ScenarioLoad again = ScenarioFile::importFrom(out);
        QVERIFY(again.ok());
        QCOMPARE(*again.scenario, *imported.scenario);
    }

    void exportWithLayoutWritesUiPositions()
    {
        const Scenario s = TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
        const ScenarioLayout layout = PersistenceTest::layoutFor(s, 10);
        const QString out = path(QStringLiteral("placed.json"));
        QString error;
        QVERIFY2(ScenarioFile::exportTo(s, out, &error, &layout), qPrintable(error));
        const ScenarioLoad back = ScenarioFile::importFrom(out);
        QVERIFY(back.ok());
        QCOMPARE(layoutFromScenario(*back.scenario).positions, layout.positions);
        // Imported into a project, the positions become its layout.
        QCOMPARE(ProjectScenario::create(*back.scenario).layout.positions, layout.positions);
    }

    void failedExportLeavesTheFile()
    {
        const Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
        QString error;
        QVERIFY(!ScenarioFile::exportTo(s, path(QStringLiteral("no/such/folder.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("Could not export")), qPrintable(error));

        // Over a folder: the folder stays as it is, and nothing else appears.
        QTemporaryDir own;
        QVERIFY(QDir(own.path()).mkdir(QStringLiteral("dir.json")));
        QVERIFY(!ScenarioFile::exportTo(s, own.filePath(QStringLiteral("dir.json")), &error));
        QVERIFY(QFileInfo(own.filePath(QStringLiteral("dir.json"))).isDir());
        QCOMPARE(PersistenceTest::entriesOf(own.path()), QStringList{QStringLiteral("dir.json")});

        // Over an existing file that cannot be replaced: the file keeps its bytes.
        if (!PersistenceTest::runningAsRoot()) {
            const QString kept = own.filePath(QStringLiteral("kept.json"));
            QVERIFY(ScenarioFile::exportTo(s, kept, &error));
            const PersistenceTest::FileState before = PersistenceTest::stateOf(kept);
            const QFile::Permissions folder = QFile::permissions(own.path());
            QVERIFY(QFile::setPermissions(own.path(), QFile::ReadOwner | QFile::ExeOwner));
            Scenario changed = s;
            changed.name = QStringLiteral("changed");
            const bool exported = ScenarioFile::exportTo(changed, kept, &error);
            QVERIFY(QFile::setPermissions(own.path(), folder));
            QVERIFY(!exported);
            QVERIFY2(error.contains(QStringLiteral("was not changed")), qPrintable(error));
            QCOMPARE(PersistenceTest::stateOf(kept), before);
        }
    }

    void importReportsEveryProblem()
    {
        const QString bad = path(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "archsim-scenario", "version": 1,
                    "workload": {"entry": "nowhere",
                                 "arrivals": {"kind": "poisson", "rate_per_s": -1},
                                 "requests": [{"name": "r"}]},
                    "components": [{"id": "a", "kind": "external"}]})");
        f.close();
        const ScenarioLoad load = ScenarioFile::importFrom(bad);
        QVERIFY(!load.ok());
        QVERIFY(load.scenario); // still there, to show and fix
        QVERIFY(load.problems.size() >= 2);

        const ScenarioLoad missing = ScenarioFile::importFrom(path(QStringLiteral("absent.json")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.problems.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioFile)
#include "tst_scenariofile.moc"
