// SPDX-License-Identifier: GPL-3.0-or-later
// What a new scenario holds and how new scenarios are named (model/document/ScenarioTemplates).
#include "Document.h"
#include "Problem.h"
#include "ScenarioTemplates.h"

#include <QtTest>

class tst_ScenarioTemplates : public QObject
{
    Q_OBJECT

private slots:
    void emptyScenarioHoldsSettingsAndAWorkload();
    void emptyScenarioOnlyLacksComponentsAndAnEntry();
    void uniqueNameKeepsAFreeBase();
    void uniqueNameTakesTheFirstFreeNumber();
    void uniqueNameComparesExactly();
    void scenarioNamesMustBeGivenAndUnique();
};

void tst_ScenarioTemplates::emptyScenarioHoldsSettingsAndAWorkload()
{
    const Model::Scenario s = Model::emptyScenario(QStringLiteral("Checkout"));
    QCOMPARE(s.name, QStringLiteral("Checkout"));
    QCOMPARE(s.simulation.durationS, 60.0);
    QCOMPARE(s.simulation.warmupS, 5.0);
    QCOMPARE(s.simulation.seed, quint64(1));
    QCOMPARE(s.workload.arrivals.kind, QStringLiteral("poisson"));
    QCOMPARE(s.workload.arrivals.ratePerS, std::optional<double>(100));
    QCOMPARE(s.workload.requests.size(), 1);
    QCOMPARE(s.workload.requests.first().name, QStringLiteral("request"));
    QVERIFY(s.workload.entry.isEmpty());
    QVERIFY(s.components.isEmpty());
    QVERIFY(s.faults.isEmpty());
}

void tst_ScenarioTemplates::emptyScenarioOnlyLacksComponentsAndAnEntry()
{
    // What the user sees first: what is still to do (components, and an entry for the
    // workload), nothing wrong with the settings or the workload it starts with.
    Model::Document document;
    document.setScenario(Model::emptyScenario(QStringLiteral("New scenario")));
    QStringList errors;
    for (const Model::Problem &problem : document.problems()) {
        if (problem.isError())
            errors << problem.path;
    }
    errors.sort();
    QCOMPARE(errors,
             QStringList({QStringLiteral("$.components"), QStringLiteral("$.workload.entry")}));
}

void tst_ScenarioTemplates::uniqueNameKeepsAFreeBase()
{
    QCOMPARE(Model::uniqueScenarioName(QStringLiteral("New scenario"), {}),
             QStringLiteral("New scenario"));
    QCOMPARE(Model::uniqueScenarioName(QStringLiteral("New scenario"),
                                       {QStringLiteral("Shop"), QStringLiteral("New scenario 2")}),
             QStringLiteral("New scenario"));
}

void tst_ScenarioTemplates::uniqueNameTakesTheFirstFreeNumber()
{
    const QString base = QStringLiteral("New scenario");
    QCOMPARE(Model::uniqueScenarioName(base, {base}), QStringLiteral("New scenario 2"));
    QCOMPARE(Model::uniqueScenarioName(base, {base, QStringLiteral("New scenario 2")}),
             QStringLiteral("New scenario 3"));
    // a gap is filled
    QCOMPARE(Model::uniqueScenarioName(base, {QStringLiteral("New scenario 3"), base}),
             QStringLiteral("New scenario 2"));
}

void tst_ScenarioTemplates::uniqueNameComparesExactly()
{
    QCOMPARE(Model::uniqueScenarioName(QStringLiteral("New scenario"),
                                       {QStringLiteral("new scenario"),
                                        QStringLiteral("New scenario ")}),
             QStringLiteral("New scenario"));
}

void tst_ScenarioTemplates::scenarioNamesMustBeGivenAndUnique()
{
    const QStringList others{QStringLiteral("Shop"), QStringLiteral("Monolith")};
    QVERIFY(Model::scenarioNameProblem(QString(), others).contains(QStringLiteral("needs a name")));
    QVERIFY(!Model::scenarioNameProblem(QStringLiteral("   "), others).isEmpty());
    QVERIFY(Model::scenarioNameProblem(QStringLiteral(" Shop "), others)
                .contains(QStringLiteral("“Shop”")));
    QVERIFY(Model::scenarioNameProblem(QStringLiteral("Shop 2"), others).isEmpty());
    QVERIFY(Model::scenarioNameProblem(QStringLiteral("shop"), others).isEmpty()); // exact
}

QTEST_GUILESS_MAIN(tst_ScenarioTemplates)
#include "tst_scenariotemplates.moc"
