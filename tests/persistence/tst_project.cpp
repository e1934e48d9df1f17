// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "persistence/Project.h"

#include <QSet>
#include <QTest>

using namespace Model;

class tst_Project : public QObject
{
    Q_OBJECT

private slots:
    void createGivesAFreshIdAndTheUiPositions()
    {
        Scenario s = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
        QVERIFY(s.components.size() >= 2);
        UiPosition pos;
        pos.x = 12.5;
        pos.y = -3;
        s.diagram.positions = {{s.components[1].id, pos}};
        const ProjectScenario a = ProjectScenario::create(s);
        const ProjectScenario b = ProjectScenario::create(s);
        QVERIFY(!a.id.isEmpty());
        QVERIFY(a.id != b.id);
        QCOMPARE(a.scenario, s);
        QCOMPARE(a.layout.positions.size(), 1);
        QCOMPARE(a.layout.positions.value(s.components[1].id), QPointF(12.5, -3));
        QVERIFY(a.isReadable());
        QVERIFY(a.runs.isEmpty());
    }

    void layoutGoesIntoTheScenarioForExport()
    {
        Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
        ScenarioLayout layout;
        layout.positions.insert(s.components.front().id, QPointF(40, 50));
        layout.positions.insert(QStringLiteral("removed-long-ago"), QPointF(1, 1));
        applyLayoutToScenario(layout, &s);
        const QString id = s.components.front().id;
        QVERIFY(s.diagram.positions.contains(id));
        QCOMPARE(s.diagram.positions.value(id).x, 40.0);
        QCOMPARE(s.diagram.positions.value(id).y, 50.0);
        // And back: only ids the scenario has.
        const ScenarioLayout back = layoutFromScenario(s);
        QCOMPARE(back.positions.size(), 1);
        QCOMPARE(back.positions.value(s.components.front().id), QPointF(40, 50));
    }

    void savedRunTakesItsParametersFromTheResult()
    {
        Sim::RunResult r;
        r.scenario = "x";
        r.durationS = 120;
        r.warmupS = 10;
        r.seed = 99;
        r.replications = 4;
        const SavedRun run = savedRunFromResult(r, QStringLiteral("baseline"));
        QVERIFY(!run.id.isEmpty());
        QCOMPARE(run.label, QStringLiteral("baseline"));
        QVERIFY(qAbs(run.timestamp.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(run.parameters, (RunParameters{120, 10, 99, 4}));
        QCOMPARE(run.engineVersion, QString::fromLatin1(Sim::engineVersion()));
        QCOMPARE(run.results, resultsToJson(r));
        QVERIFY(!run.unreadableResults);
        QVERIFY(savedRunFromResult(r).id != run.id);
    }

    void scenariosAreFoundByIdAndName()
    {
        Project p;
        for (const QString &file : PersistenceTest::exampleFiles())
            p.scenarios.append(ProjectScenario::create(TestSupport::loadExample(file)));
        const QString id = p.scenarios.at(1).id;
        QCOMPARE(p.indexOf(id), 1);
        QCOMPARE(p.indexOf(QStringLiteral("nope")), -1);
        QVERIFY(p.scenario(id) == &p.scenarios[1]);
        QVERIFY(!p.scenario(QStringLiteral("nope")));
        p.scenario(id)->layout.zoom = 2;
        QCOMPARE(p.scenarios.at(1).layout.zoom, 2.0);
        const Project &cp = p;
        QVERIFY(cp.scenarioNamed(QStringLiteral("M/M/1 check")) == &cp.scenarios[0]);
        QVERIFY(!cp.scenarioNamed(QStringLiteral("nope")));
        QSet<QString> ids;
        for (const ProjectScenario &s : p.scenarios)
            ids.insert(s.id);
        QCOMPARE(ids.size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_Project)
#include "tst_project.moc"
