// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"
#include "SeriesChart.h"
#include "UiTestSupport.h"

#include <qcustomplot.h>

#include <QtTest>

using TestSupport::moveMouse;

namespace {

Sim::Series sixCurves()
{
    Sim::Series series;
    series.tS = {1, 2, 3};
    series.columns = {{"requests._all.latency_ms.p50", {0.5, 1, 1.5}},
                      {"requests._all.latency_ms.p95", {0.8, 1.6, 2.4}},
                      {"requests._all.latency_ms.p99", {1, 2, 3}},
                      {"requests._all.throughput_per_s", {10, 20, 30}},
                      {"requests._all.errors_per_s", {0, 5, 0}},
                      {"workload.rate_per_s", {100, 100, 100}}};
    return series;
}

QCPGraph *graphNamed(QCustomPlot *plot, const QString &name)
{
    for (int g = 0; g < plot->graphCount(); ++g) {
        if (plot->graph(g)->name() == name)
            return plot->graph(g);
    }
    return nullptr;
}

} // namespace

class tst_SeriesChart : public QObject
{
    Q_OBJECT

private slots:
    void drawsPercentilesThroughputErrorsAndOfferedLoad();
    void liveBucketsPickTheirColumnsByKey();
    void hoverShowsTimeAndEveryCurve();
    void wheelZoomsTimeAndDoubleClickResets();
    void eventsBecomeMarkers();
    void markersAreCapped();
};

void tst_SeriesChart::drawsPercentilesThroughputErrorsAndOfferedLoad()
{
    QCOMPARE(Ui::SeriesChart::seriesKeys(),
             QStringList({QStringLiteral("requests._all.latency_ms.p50"),
                          QStringLiteral("requests._all.latency_ms.p95"),
                          QStringLiteral("requests._all.latency_ms.p99"),
                          QStringLiteral("requests._all.throughput_per_s"),
                          QStringLiteral("requests._all.errors_per_s"),
                          QStringLiteral("workload.rate_per_s")}));
    Ui::SeriesChart chart;
    chart.setSeries(sixCurves(), 3, 0);
    auto *plot = chart.findChild<QCustomPlot *>();
    QVERIFY(plot);
    QCOMPARE(plot->graphCount(), 6);
    for (int g = 0; g < 6; ++g)
        QCOMPARE(plot->graph(g)->data()->size(), 3);
    // latencies on the left axis (ms), rates on the right (per s), all named in the legend
    for (const char *name : {"p50 latency", "p95 latency", "p99 latency"}) {
        QCPGraph *g = graphNamed(plot, QLatin1String(name));
        QVERIFY2(g, name);
        QCOMPARE(g->valueAxis(), plot->yAxis);
    }
    for (const char *name : {"throughput", "errors", "offered load"}) {
        QCPGraph *g = graphNamed(plot, QLatin1String(name));
        QVERIFY2(g, name);
        QCOMPARE(g->valueAxis(), plot->yAxis2);
    }
    QCOMPARE(graphNamed(plot, QStringLiteral("p95 latency"))->data()->at(2)->value, 2.4);
    QVERIFY(plot->legend->visible());
    QCOMPARE(plot->legend->itemCount(), 6);
    QVERIFY(plot->xAxis->label().contains(QLatin1String("(s)")));
    QVERIFY(plot->yAxis->label().contains(QLatin1String("(ms)")));
    QVERIFY(plot->yAxis2->label().contains(QLatin1String("(per s)")));
    // each value axis fits the largest of its curves
    QVERIFY(plot->yAxis->range().upper >= 3 && plot->yAxis->range().upper < 10);
    QVERIFY(plot->yAxis2->range().upper >= 100);
}

void tst_SeriesChart::liveBucketsPickTheirColumnsByKey()
{
    // one stream for several charts: the keys come in any order, with other charts' keys
    Ui::SeriesChart chart;
    chart.beginRun(10, 1);
    const QStringList keys = {QStringLiteral("components.api.utilization"),
                              QStringLiteral("requests._all.latency_ms.p99"),
                              QStringLiteral("workload.rate_per_s"),
                              QStringLiteral("requests._all.latency_ms.p50")};
    chart.appendBuckets({{1, keys, {0.5, 9, 100, 3}}, {2, keys, {0.6, 11, 100, 4}}});
    chart.appendBuckets({{3, keys, {0.7, 13, 120, 5}}});
    auto *plot = chart.findChild<QCustomPlot *>();
    QCPGraph *p99 = graphNamed(plot, QStringLiteral("p99 latency"));
    QCPGraph *p50 = graphNamed(plot, QStringLiteral("p50 latency"));
    QCPGraph *offered = graphNamed(plot, QStringLiteral("offered load"));
    QCOMPARE(p99->data()->size(), 3);
    QCOMPARE(p99->data()->at(0)->value, 9.0);
    QCOMPARE(p99->data()->at(2)->key, 3.0);
    QCOMPARE(p99->data()->at(2)->value, 13.0);
    QCOMPARE(p50->data()->at(1)->value, 4.0);
    QCOMPARE(offered->data()->at(2)->value, 120.0);
    // no such key in the stream: the curve stays empty
    QCOMPARE(graphNamed(plot, QStringLiteral("throughput"))->data()->size(), 0);
    QCOMPARE(graphNamed(plot, QStringLiteral("p95 latency"))->data()->size(), 0);
    QVERIFY(plot->yAxis->range().upper >= 13);
    QVERIFY(plot->yAxis2->range().upper >= 120);
    QCOMPARE(plot->xAxis->range(), QCPRange(0, 10));

    // a new run starts empty and takes a different key list just as well
    chart.beginRun(5, 0);
    QCOMPARE(p99->data()->size(), 0);
    const QStringList other = {QStringLiteral("requests._all.latency_ms.p99")};
    chart.appendBuckets({{1, other, {7}}});
    QCOMPARE(p99->data()->size(), 1);
    QCOMPARE(p99->data()->at(0)->value, 7.0);
    QCOMPARE(p50->data()->size(), 0);
}

void tst_SeriesChart::hoverShowsTimeAndEveryCurve()
{
    Ui::SeriesChart chart;
    chart.setSeries(sixCurves(), 3, 0);
    chart.resize(800, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    auto *plot = chart.findChild<QCustomPlot *>();
    plot->replot();
    QVERIFY(!chart.readout()->isVisible());

    // the cursor a little right of t = 2 snaps to the bucket ending at 2 s
    const QPointF pos(plot->xAxis->coordToPixel(2.2), plot->axisRect()->center().y());
    moveMouse(plot, pos);
    QVERIFY(chart.readout()->isVisible());
    QCOMPARE(chart.readout()->key(), 2.0);
    const QStringList lines = chart.readout()->text().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines.at(0), QStringLiteral("t = 2 s"));
    QCOMPARE(lines.at(1), QStringLiteral("p50 latency: %1 ms").arg(Ui::formatMilliseconds(1)));
    QCOMPARE(lines.at(3), QStringLiteral("p99 latency: %1 ms").arg(Ui::formatMilliseconds(2)));
    QCOMPARE(lines.at(4), QStringLiteral("throughput: %1 /s").arg(Ui::formatDecimal(20)));
    QCOMPARE(lines.at(5), QStringLiteral("errors: %1 /s").arg(Ui::formatDecimal(5)));
    QCOMPARE(lines.at(6), QStringLiteral("offered load: %1 /s").arg(Ui::formatDecimal(100)));

    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        plot->replot();
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/series-hover.png"));
    }

    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(plot, &leave);
    QVERIFY(!chart.readout()->isVisible());
    QVERIFY(chart.readout()->text().isEmpty());
}

void tst_SeriesChart::wheelZoomsTimeAndDoubleClickResets()
{
    Ui::SeriesChart chart;
    chart.setSeries(sixCurves(), 3, 0);
    chart.resize(800, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    auto *plot = chart.findChild<QCustomPlot *>();
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
    QVERIFY2(plot->xAxis->range().size() < 3 * 0.8,
             qPrintable(QString::number(plot->xAxis->range().size())));
    QCOMPARE(plot->yAxis->range(), values); // the wheel zooms time only

    QMouseEvent click(QEvent::MouseButtonDblClick,
                      center,
                      plot->mapToGlobal(center),
                      Qt::LeftButton,
                      Qt::LeftButton,
                      Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &click);
    QCOMPARE(plot->xAxis->range(), QCPRange(0, 3));
}

void tst_SeriesChart::eventsBecomeMarkers()
{
    Ui::SeriesChart chart;
    chart.beginRun(100, 0);
    chart.setEvents({{10, "payments", "fault_start", "outage"},
                     {12, "api", "breaker_open", "to payments"},
                     {70, "payments", "fault_end", "outage"}});
    auto *plot = chart.findChild<QCustomPlot *>();
    int lines = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        lines += qobject_cast<QCPItemStraightLine *>(plot->item(i)) && plot->item(i)->visible();
    QCOMPARE(lines, 3);
    QVERIFY(chart.markerCount() >= 3);
    chart.setEvents({});
    QCOMPARE(chart.markerCount(), 0);
}

void tst_SeriesChart::markersAreCapped()
{
    Ui::SeriesChart chart;
    chart.beginRun(1000, 0);
    std::vector<Sim::RunEvent> many;
    for (int i = 0; i < 500; ++i)
        many.push_back({static_cast<double>(i), "api", "breaker_half_open", "to payments"});
    chart.setEvents(many);
    auto *plot = chart.findChild<QCustomPlot *>();
    int lines = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        lines += qobject_cast<QCPItemStraightLine *>(plot->item(i)) && plot->item(i)->visible();
    QCOMPARE(lines, Ui::SeriesChart::kMaxMarkers);
}

QTEST_MAIN(tst_SeriesChart)
#include "tst_serieschart.moc"
