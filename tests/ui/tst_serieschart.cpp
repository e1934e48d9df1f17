// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeriesChart.h"

#include <qcustomplot.h>

#include <QtTest>

class tst_SeriesChart : public QObject
{
    Q_OBJECT

private slots:
    void drawsOfferedLoadAndErrors();
    void eventsBecomeMarkers();
    void markersAreCapped();
};

void tst_SeriesChart::drawsOfferedLoadAndErrors()
{
    QCOMPARE(Ui::SeriesChart::seriesKeys().size(), 4);
    QVERIFY(Ui::SeriesChart::seriesKeys().contains(QStringLiteral("workload.rate_per_s")));
    QVERIFY(Ui::SeriesChart::seriesKeys().contains(QStringLiteral("requests._all.errors_per_s")));
    Ui::SeriesChart chart;
    Sim::Series series;
    series.tS = {1, 2, 3};
    series.columns = {{"requests._all.latency_ms.p99", {1, 2, 3}},
                      {"requests._all.throughput_per_s", {10, 20, 30}},
                      {"requests._all.errors_per_s", {0, 5, 0}},
                      {"workload.rate_per_s", {100, 100, 100}}};
    chart.setSeries(series, 3, 0);
    auto *plot = chart.findChild<QCustomPlot *>();
    QVERIFY(plot);
    QCOMPARE(plot->graphCount(), 4);
    for (int g = 0; g < 4; ++g)
        QCOMPARE(plot->graph(g)->data()->size(), 3);
    // the right axis fits the largest of its three curves (the offered load)
    QVERIFY(plot->yAxis2->range().upper >= 100);
}

void tst_SeriesChart::eventsBecomeMarkers()
{
    Ui::SeriesChart chart;
    chart.beginRun(100, 0);
    chart.setEvents({{10, "payments", "fault_start", "outage"}, {12, "api", "breaker_open", "to payments"},
                     {70, "payments", "fault_end", "outage"}});
    auto *plot = chart.findChild<QCustomPlot *>();
    int lines = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        lines += qobject_cast<QCPItemStraightLine *>(plot->item(i)) ? 1 : 0;
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
        lines += qobject_cast<QCPItemStraightLine *>(plot->item(i)) ? 1 : 0;
    QCOMPARE(lines, Ui::SeriesChart::kMaxMarkers);
}

QTEST_MAIN(tst_SeriesChart)
#include "tst_serieschart.moc"
