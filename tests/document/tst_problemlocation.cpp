// SPDX-License-Identifier: GPL-3.0-or-later
// Where a problem's JSON path points in a scenario (model/document/ProblemLocation).
#include "ProblemLocation.h"

#include <QtTest>

using Model::ProblemLocation;
using Section = Model::ProblemLocation::Section;

class tst_ProblemLocation : public QObject
{
    Q_OBJECT

private slots:
    void componentPathsNameTheirComponent();
    void aComponentPastTheEndHasNoId();
    void sectionsOfTheScenario();
    void notAPath();
};

namespace {

Model::Scenario twoComponents()
{
    Model::Scenario s;
    Model::Component api;
    api.id = QStringLiteral("api");
    api.kind = Model::ComponentKind::Service;
    Model::Component db;
    db.id = QStringLiteral("db");
    db.kind = Model::ComponentKind::Database;
    s.components << api << db;
    return s;
}

} // namespace

void tst_ProblemLocation::componentPathsNameTheirComponent()
{
    const Model::Scenario s = twoComponents();
    ProblemLocation l = Model::locateProblem(s, QStringLiteral("$.components[1].max_connections"));
    QCOMPARE(l.section, Section::Component);
    QCOMPARE(l.componentIndex, 1);
    QCOMPARE(l.componentId, QStringLiteral("db"));
    QCOMPARE(l.componentPath, QStringLiteral("$.components[1]"));

    l = Model::locateProblem(s, QStringLiteral("$.components[0]"));
    QCOMPARE(l.componentId, QStringLiteral("api"));
    QCOMPARE(l.componentPath, QStringLiteral("$.components[0]"));

    l = Model::locateProblem(s, QStringLiteral("$.components[0].handlers.browse[2].call"));
    QCOMPARE(l.componentId, QStringLiteral("api"));
    l = Model::locateProblem(s, QStringLiteral("$.components[0].routes[\"*\"][0].target"));
    QCOMPARE(l.componentId, QStringLiteral("api"));
}

void tst_ProblemLocation::aComponentPastTheEndHasNoId()
{
    const ProblemLocation l = Model::locateProblem(twoComponents(),
                                                   QStringLiteral("$.components[7].id"));
    QCOMPARE(l.section, Section::Component);
    QCOMPARE(l.componentIndex, 7);
    QVERIFY(l.componentId.isEmpty());
    // too many digits for an int: still inside the components, but no index
    const ProblemLocation huge
        = Model::locateProblem(twoComponents(), QStringLiteral("$.components[99999999999].id"));
    QCOMPARE(huge.section, Section::Component);
    QCOMPARE(huge.componentIndex, -1);
    QVERIFY(huge.componentId.isEmpty());
}

void tst_ProblemLocation::sectionsOfTheScenario()
{
    const Model::Scenario s = twoComponents();
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.workload.entry")).section,
             Section::Workload);
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.workload")).section, Section::Workload);
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.simulation.duration_s")).section,
             Section::Simulation);
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.faults[0].target")).section,
             Section::Faults);
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.name")).section, Section::Header);
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$")).section, Section::Header);
    // a key that only starts like a section is not in it
    QCOMPARE(Model::locateProblem(s, QStringLiteral("$.workloads")).section, Section::Header);
    // "components" itself (not a list, say) names no component
    const ProblemLocation list = Model::locateProblem(s, QStringLiteral("$.components"));
    QCOMPARE(list.section, Section::Header);
    QCOMPARE(list.componentIndex, -1);
    QVERIFY(list.componentPath.isEmpty());
}

void tst_ProblemLocation::notAPath()
{
    const Model::Scenario s = twoComponents();
    QCOMPARE(Model::locateProblem(s, QString()), ProblemLocation());
    QCOMPARE(Model::locateProblem(s, QStringLiteral("components[0]")), ProblemLocation());
}

QTEST_GUILESS_MAIN(tst_ProblemLocation)
#include "tst_problemlocation.moc"
