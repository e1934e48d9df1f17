// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentChart.h"
#include "Formatting.h"
#include "ModelTestSupport.h"
#include "RunController.h"
#include "ScenarioIo.h"
#include "SeriesChart.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <qcustomplot.h>

#include <QtTest>

#include <set>

using TestSupport::moveMouse;

namespace {

QCustomPlot *plotOf(const Ui::ComponentChart &chart)
{
    return chart.findChild<QCustomPlot *>(QStringLiteral("componentPlot"));
}

std::vector<double> valuesOf(const QCPGraph *graph)
{
    std::vector<double> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

std::vector<double> scaled(const std::vector<double> &values, double factor)
{
    std::vector<double> out;
    for (double v : values)
        out.push_back(v * factor);
    return out;
}

} // namespace

class tst_ComponentChart : public QObject
{
    Q_OBJECT

private slots:
    void offersOnlyMetricsTheRunHas();
    void autoscalingRunShowsReplicasOverTime();
    void liveKeysAreTheEnginesComponentSeries_data();
    void liveKeysAreTheEnginesComponentSeries();
    void liveBucketsFillByKeyName();
    void fillsLiveDuringARunAndTheFinalSeriesReplaceIt();
    void hoverShowsEveryComponent();
    void wheelZoomsTimeAndDoubleClickResets();
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
    QCOMPARE(chart.metrics(),
             QStringList({QStringLiteral("utilization"), QStringLiteral("in_system")}));
    QCOMPARE(chart.curveCount(), 2); // api and db utilisation
    // fractions are drawn in percent, with the unit on the axis
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({50, 60}));
    QVERIFY(plotOf(chart)->yAxis->label().contains(QLatin1String("%")));
    QVERIFY(plotOf(chart)->xAxis->label().contains(QLatin1String("(s)")));
    QVERIFY(plotOf(chart)->legend->visible());
    chart.setMetric(QStringLiteral("in_system"));
    QCOMPARE(chart.curveCount(), 1);
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({3, 4}));
    QVERIFY(plotOf(chart)->yAxis->label().contains(QLatin1String("(count)")));
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
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/component-replicas.png"));
    }
    QVERIFY(*std::max_element(replicas->values.begin(), replicas->values.end())
            > *std::min_element(replicas->values.begin(), replicas->values.end()));
}

void tst_ComponentChart::liveKeysAreTheEnginesComponentSeries_data()
{
    QTest::addColumn<QString>("file");
    // between them: service, load balancer, gateway, database, external, cache, queue
    QTest::newRow("mm1") << QStringLiteral("mm1.json");
    QTest::newRow("shop-microservices") << QStringLiteral("shop-microservices.json");
    QTest::newRow("autoscaling-spike") << QStringLiteral("autoscaling-spike.json");
    QTest::newRow("shop-monolith") << QStringLiteral("shop-monolith.json");
}

void tst_ComponentChart::liveKeysAreTheEnginesComponentSeries()
{
    // liveKeys() restates the engine's rule for which component has which series; a short
    // run of the real examples proves both agree
    QFETCH(QString, file);
    Sim::Spec spec = TestSupport::compileExample(file);
    QVERIFY(!spec.components.empty());
    spec.durationS = 2;
    spec.warmupS = 0;
    spec.bucketS = 1;
    spec.replications = 1;
    spec.faults.clear();
    const Sim::RunResult r = Sim::runSimulation(spec);
    std::set<std::string> engine, chart;
    for (const Sim::SeriesColumn &c : r.series.columns) {
        if (c.key.rfind("components.", 0) == 0)
            engine.insert(c.key);
    }
    const QStringList keys = Ui::ComponentChart::liveKeys(spec);
    for (const QString &k : keys)
        chart.insert(k.toStdString());
    QCOMPARE(static_cast<std::size_t>(keys.size()), chart.size()); // no duplicates
    QVERIFY(!engine.empty());
    QCOMPARE(chart, engine);
}

void tst_ComponentChart::liveBucketsFillByKeyName()
{
    Ui::ComponentChart chart;
    chart.setMetric(QStringLiteral("in_system")); // the user's choice, before any run
    chart.beginRun(10);
    QVERIFY(chart.metrics().isEmpty());
    QCOMPARE(chart.curveCount(), 0);
    const QStringList keys = {QStringLiteral("requests._all.latency_ms.p99"),
                              QStringLiteral("components.api.utilization"),
                              QStringLiteral("components.db.utilization"),
                              QStringLiteral("components.api.in_system")};
    chart.appendBuckets({{1, keys, {12, 0.5, 0.1, 3}}, {2, keys, {14, 0.6, 0.2, 4}}});
    QCOMPARE(chart.metrics(),
             QStringList({QStringLiteral("utilization"), QStringLiteral("in_system")}));
    QCOMPARE(chart.metric(), QStringLiteral("in_system")); // kept from before the run
    QCOMPARE(chart.curveCount(), 1);
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({3, 4}));
    chart.appendBuckets({{3, keys, {15, 0.7, 0.3, 5}}});
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({3, 4, 5}));
    QVERIFY(plotOf(chart)->yAxis->range().upper >= 5);
    QCOMPARE(plotOf(chart)->xAxis->range(), QCPRange(0, 10));

    // switching the metric mid-run draws every point so far, then keeps appending
    chart.setMetric(QStringLiteral("utilization"));
    QCOMPARE(chart.curveCount(), 2);
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({50, 60, 70}));
    QCOMPARE(plotOf(chart)->graph(1)->name(), QStringLiteral("db"));
    chart.appendBuckets({{4, keys, {15, 0.8, 0.4, 6}}});
    QCOMPARE(valuesOf(plotOf(chart)->graph(1)), std::vector<double>({10, 20, 30, 40}));
    QCOMPARE(chart.pointCount(), 8);

    // the next run starts from nothing, with the same key list too
    chart.beginRun(5);
    QCOMPARE(chart.pointCount(), 0);
    chart.appendBuckets({{1, keys, {1, 0.9, 0.9, 9}}});
    QCOMPARE(chart.pointCount(), 2);
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), std::vector<double>({90}));
}

void tst_ComponentChart::fillsLiveDuringARunAndTheFinalSeriesReplaceIt()
{
    // the M/M/1 example, shortened, with two replications: the live points follow
    // replication 0, the final series is the mean of both
    Sim::Spec spec = TestSupport::compileExample(QStringLiteral("mm1.json"));
    QVERIFY(!spec.components.empty());
    spec.durationS = 300;
    spec.warmupS = 10;
    spec.bucketS = 10;
    spec.replications = 2;

    Ui::RunController controller;
    Ui::SeriesChart series;
    Ui::ComponentChart chart;
    const QStringList componentKeys = Ui::ComponentChart::liveKeys(spec);
    QVERIFY(componentKeys.contains(QStringLiteral("components.server.utilization")));
    controller.setLiveKeys(Ui::SeriesChart::seriesKeys() + componentKeys
                           + Ui::SeriesChart::seriesKeys()); // duplicates are dropped
    QCOMPARE(controller.liveKeys().size(),
             Ui::SeriesChart::seriesKeys().size() + componentKeys.size());
    connect(&controller, &Ui::RunController::liveBuckets, &series, &Ui::SeriesChart::appendBuckets);
    connect(&controller,
            &Ui::RunController::liveBuckets,
            &chart,
            &Ui::ComponentChart::appendBuckets);

    int livePoints = -1, seriesPoints = -1;
    QStringList liveMetrics;
    std::vector<double> liveUtilization;
    connect(&controller, &Ui::RunController::finished, this, [&] {
        // what the user saw just before the result came in
        livePoints = chart.pointCount();
        liveMetrics = chart.metrics();
        chart.setMetric(QStringLiteral("utilization"));
        liveUtilization = valuesOf(plotOf(chart)->graph(0));
        seriesPoints = series.findChild<QCustomPlot *>()->graph(2)->data()->size(); // p99
        chart.setSeries(controller.result().series, controller.result().durationS);
    });
    series.beginRun(spec.durationS, spec.warmupS);
    chart.beginRun(spec.durationS);
    QVERIFY(controller.start(spec));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 60000);

    const Sim::RunResult &result = controller.result();
    QCOMPARE(result.replications, 2);
    QCOMPARE(result.perReplication.size(), std::size_t(2));
    const std::string key = "components.server.utilization";
    const Sim::SeriesColumn *rep0 = result.perReplication[0].series.column(key);
    const Sim::SeriesColumn *mean = result.series.column(key);
    QVERIFY(rep0 && mean);
    QCOMPARE(rep0->values.size(), std::size_t(30));

    // live: every bucket of replication 0 arrived before finished(), in both charts
    QCOMPARE(liveMetrics,
             QStringList({QStringLiteral("utilization"),
                          QStringLiteral("replicas"),
                          QStringLiteral("in_system"),
                          QStringLiteral("throughput_per_s")}));
    QCOMPARE(livePoints, 30);
    QCOMPARE(seriesPoints, 30);
    QCOMPARE(liveUtilization, scaled(rep0->values, 100));

    // final: the mean over the replications replaced the live points
    QCOMPARE(chart.curveCount(), 1);
    QCOMPARE(chart.pointCount(), 30);
    QCOMPARE(valuesOf(plotOf(chart)->graph(0)), scaled(mean->values, 100));
    QVERIFY(mean->values != rep0->values);
    const double last = mean->values.back() * 100;
    QVERIFY2(last > 70 && last < 90, qPrintable(QString::number(last))); // rho = 0.8

    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        // both charts after the run, each with the hover read-out at t = 150 s
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        series.setSeries(result.series, result.durationS, result.warmupS);
        for (QWidget *w : {static_cast<QWidget *>(&series), static_cast<QWidget *>(&chart)}) {
            w->resize(900, 380);
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w));
            auto *plot = w->findChild<QCustomPlot *>();
            plot->replot();
            moveMouse(plot,
                      QPointF(plot->xAxis->coordToPixel(150), plot->axisRect()->center().y()));
            plot->replot();
        }
        series.grab().save(dir + QStringLiteral("/series-mm1.png"));
        chart.grab().save(dir + QStringLiteral("/component-mm1.png"));
    }
}

void tst_ComponentChart::hoverShowsEveryComponent()
{
    Ui::ComponentChart chart;
    Sim::Series series;
    series.tS = {1, 2, 3};
    series.columns = {{"components.api.utilization", {0.5, 0.6, 0.7}},
                      {"components.db.utilization", {0.1, 0.2, 0.25}}};
    chart.setSeries(series, 3);
    chart.resize(800, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QCustomPlot *plot = plotOf(chart);
    plot->replot();
    moveMouse(plot, QPointF(plot->xAxis->coordToPixel(2.9), plot->axisRect()->center().y()));
    QVERIFY(chart.readout()->isVisible());
    QCOMPARE(chart.readout()->text(),
             QStringLiteral("t = 3 s\napi: %1%\ndb: %2%")
                 .arg(Ui::formatPercent(0.7), Ui::formatPercent(0.25)));
    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        plot->replot();
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/component-hover.png"));
    }
    // a redraw replaces the curves: the read-out goes rather than point at old ones
    chart.setEvents({});
    QVERIFY(!chart.readout()->isVisible());
    plot->replot();
    moveMouse(plot, QPointF(plot->xAxis->coordToPixel(1.2), plot->axisRect()->center().y()));
    QVERIFY(chart.readout()->text().startsWith(QLatin1String("t = 1 s\n")));
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(plot, &leave);
    QVERIFY(!chart.readout()->isVisible());
}

void tst_ComponentChart::wheelZoomsTimeAndDoubleClickResets()
{
    Ui::ComponentChart chart;
    Sim::Series series;
    series.tS = {10, 20, 30, 40};
    series.columns = {{"components.api.in_system", {1, 2, 3, 4}}};
    chart.setSeries(series, 40);
    chart.resize(800, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QCustomPlot *plot = plotOf(chart);
    plot->replot();
    const QCPRange values = plot->yAxis->range();
    const QPointF center = plot->axisRect()->center();
    QWheelEvent wheel(center,
                      plot->mapToGlobal(center),
                      QPoint(),
                      QPoint(0, 240),
                      Qt::NoButton,
                      Qt::NoModifier,
                      Qt::NoScrollPhase,
                      false);
    QCoreApplication::sendEvent(plot, &wheel);
    QVERIFY(plot->xAxis->range().size() < 40 * 0.8);
    QCOMPARE(plot->yAxis->range(), values);
    QMouseEvent click(QEvent::MouseButtonDblClick,
                      center,
                      plot->mapToGlobal(center),
                      Qt::LeftButton,
                      Qt::LeftButton,
                      Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &click);
    QCOMPARE(plot->xAxis->range(), QCPRange(0, 40));
}

QTEST_MAIN(tst_ComponentChart)
#include "tst_componentchart.moc"
