// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentChart.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QtTest>

class tst_ComponentChart : public QObject
{
    Q_OBJECT

private slots:
    void offersOnlyMetricsTheRunHas();
    void autoscalingRunShowsReplicasOverTime();
};

void tst_ComponentChart::offersOnlyMetricsTheRunHas()
{
    Ui::ComponentChart chart;
    QVERIFY(chart.metrics().isEmpty());
    Sim::Series series;
    series.tS = {1, 2};
    series.columns = {{"components.api.utilization", {0.5, 0.6}},
                      {"components.db.utilization", {0.1, 0.2}},
                      {"components.api.in_system", {3, 4}}};
    chart.setSeries(series, 2);
    QCOMPARE(chart.metrics(), QStringList({QStringLiteral("utilization"), QStringLiteral("in_system")}));
    QCOMPARE(chart.curveCount(), 2); // api and db utilisation
    chart.setMetric(QStringLiteral("in_system"));
    QCOMPARE(chart.curveCount(), 1);
}

void tst_ComponentChart::autoscalingRunShowsReplicasOverTime()
{
    // the autoscaling example: the api's replica curve must rise above its minimum
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/autoscaling-spike.json")));
    QVERIFY(load.ok());
    const Model::CompiledScenario compiled = Model::compileScenario(*load.scenario);
    QVERIFY(compiled.ok());
    const Sim::RunResult r = Sim::runSimulation(compiled.spec);
    Ui::ComponentChart chart;
    chart.setSeries(r.series, r.durationS);
    QVERIFY(chart.metrics().contains(QStringLiteral("replicas")));
    chart.setMetric(QStringLiteral("replicas"));
    QVERIFY(chart.curveCount() >= 1);
    chart.setEvents(r.timeline);
    QVERIFY(!r.timeline.empty());
    QVERIFY(chart.markerCount() >= static_cast<int>(std::min<std::size_t>(r.timeline.size(), 40)));
    const Sim::SeriesColumn *replicas = nullptr;
    for (const Sim::SeriesColumn &c : r.series.columns) {
        if (QString::fromStdString(c.key).endsWith(QLatin1String(".replicas")))
            replicas = &c;
    }
    QVERIFY(replicas);
    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        chart.resize(900, 380);
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR") + QStringLiteral("/component-replicas.png"));
    }
    QVERIFY(*std::max_element(replicas->values.begin(), replicas->values.end())
            > *std::min_element(replicas->values.begin(), replicas->values.end()));
}

QTEST_MAIN(tst_ComponentChart)
#include "tst_componentchart.moc"
