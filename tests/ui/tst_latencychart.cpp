// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"
#include "LatencyChart.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <limits>

using TestSupport::moveMouse;

namespace {

/** The width the bars' density refers to: 1/8 octave, in log(ms). */
const double kEighthOctave = std::log(2.0) / 8;

/** The engine's coarse grid in ms (Histogram::coarseIndexOf): each octave [2^e, 2^(e+1))
 *  cut into 8 bins of equal width; here from 2^-12 ms, after a first bin from 0, to 2^10 ms. */
std::vector<std::pair<double, double>> engineGrid()
{
    std::vector<std::pair<double, double>> edges{{0, std::ldexp(1.0, -12)}};
    for (int e = -12; e < 10; ++e) {
        for (int j = 0; j < 8; ++j)
            edges.emplace_back(std::ldexp(1 + j / 8.0, e), std::ldexp(1 + (j + 1) / 8.0, e));
    }
    return edges;
}

/** Exponential latencies (mean `meanMs`) of `n` requests, binned exactly on the engine's
 *  grid: a distribution with known quantiles and density. */
Sim::RequestResult exponential(const std::string &name, double meanMs, double n)
{
    Sim::RequestResult r;
    r.name = name;
    r.completed = n;
    const auto cdf = [meanMs](double x) { return 1 - std::exp(-x / meanMs); };
    for (const auto &[lo, hi] : engineGrid())
        r.latencyHistogram.push_back({lo, hi, n * (cdf(hi) - cdf(lo))});
    r.latencyMs.mean = meanMs;
    r.latencyMs.p50 = meanMs * std::log(2.0);
    r.latencyMs.p95 = meanMs * std::log(20.0);
    r.latencyMs.p99 = meanMs * std::log(100.0);
    return r;
}

double exponentialCdfPercent(double meanMs, double x)
{
    return 100 * (1 - std::exp(-x / meanMs));
}

Sim::RunResult runWith(std::vector<Sim::RequestResult> requests)
{
    Sim::RunResult r;
    r.durationS = 100;
    r.replications = 1;
    r.requests = std::move(requests);
    return r;
}

QCustomPlot *plotOf(const Ui::LatencyChart &chart)
{
    return chart.findChild<QCustomPlot *>(QStringLiteral("latencyPlot"));
}

/** The chart shown and laid out, so pixel positions mean something. */
void showAt(Ui::LatencyChart &chart, QSize size)
{
    chart.resize(size);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    plotOf(chart)->replot();
}

} // namespace

class tst_LatencyChart : public QObject
{
    Q_OBJECT

private slots:
    void placeholderBeforeARun();
    void placeholderForARunWithoutHistograms();
    void placeholderForATypeWithoutCompletedRequests();
    void cdfFollowsTheDistribution();
    void drawsBarsCdfAndPercentileMarkers();
    void firstBinFromZeroAndOpenLastBinAreDrawable();
    void requestTypeCanBeChosen();
    void hoverShowsBinShareAndCdf();
    void wheelZoomsAndDoubleClickResets();
    void realRunMatchesQueueingTheory();
};

void tst_LatencyChart::placeholderBeforeARun()
{
    Ui::LatencyChart chart;
    QVERIFY(!chart.hasChart());
    QVERIFY(chart.placeholderText().contains(QLatin1String("Run a scenario")));
    QVERIFY(chart.requestTypes().isEmpty());
    QVERIFY(chart.readoutAt(5).isEmpty());

    chart.setResult(runWith({exponential("_all", 5, 1e5)}));
    QVERIFY(chart.hasChart());
    chart.clear();
    QVERIFY(!chart.hasChart());
    QVERIFY(chart.placeholderText().contains(QLatin1String("Run a scenario")));

    // while the next run goes on, the last one's distribution is gone and the sentence says when
    chart.setResult(runWith({exponential("_all", 5, 1e5)}));
    chart.beginRun();
    QVERIFY(!chart.hasChart());
    QVERIFY(chart.requestTypes().isEmpty());
    QVERIFY(chart.placeholderText().contains(QLatin1String("when the run ends")));
    chart.setResult(runWith({exponential("_all", 5, 1e5)}));
    QVERIFY(chart.hasChart());
}

void tst_LatencyChart::placeholderForARunWithoutHistograms()
{
    // an old saved run: figures but no histogram anywhere
    Sim::RequestResult all;
    all.name = "_all";
    all.completed = 1000;
    all.latencyMs.p50 = 3;
    Ui::LatencyChart chart;
    chart.setResult(runWith({all}));
    QVERIFY(!chart.hasChart());
    QVERIFY(chart.placeholderText().contains(QLatin1String("no latency histogram")));
    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        chart.resize(820, 300);
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/latency-placeholder.png"));
    }
}

void tst_LatencyChart::placeholderForATypeWithoutCompletedRequests()
{
    Sim::RequestResult idle;
    idle.name = "idle";
    Ui::LatencyChart chart;
    chart.setResult(runWith({exponential("_all", 5, 1e5), idle}));
    QVERIFY(chart.hasChart());
    chart.setRequestType(QStringLiteral("idle"));
    QCOMPARE(chart.requestType(), QStringLiteral("idle"));
    QVERIFY(!chart.hasChart());
    QVERIFY(chart.placeholderText().contains(QStringLiteral("No request of type “idle”")));
    chart.setRequestType(QStringLiteral("_all"));
    QVERIFY(chart.hasChart());
}

void tst_LatencyChart::cdfFollowsTheDistribution()
{
    const double mean = 5;
    Ui::LatencyChart chart;
    chart.setResult(runWith({exponential("_all", mean, 1e5)}));
    QVERIFY(chart.hasChart());
    // exact at the bin edges
    const auto grid = engineGrid();
    for (std::size_t i = 1; i < grid.size(); i += 7) {
        const double x = grid[i].second;
        QVERIFY2(std::abs(chart.cdfAt(x) - exponentialCdfPercent(mean, x)) < 1e-9,
                 qPrintable(QStringLiteral("x = %1: %2").arg(x).arg(chart.cdfAt(x))));
    }
    // within a bin (at most 1/8 of an octave), linear in log(x): within 1 point of the true CDF
    for (double x = 0.05; x < 200; x *= 1.37)
        QVERIFY2(std::abs(chart.cdfAt(x) - exponentialCdfPercent(mean, x)) < 1,
                 qPrintable(QStringLiteral("x = %1: %2").arg(x).arg(chart.cdfAt(x))));
    // the run's percentiles sit where the CDF says
    QVERIFY(std::abs(chart.cdfAt(mean * std::log(2.0)) - 50) < 1.5);
    QVERIFY(std::abs(chart.cdfAt(mean * std::log(20.0)) - 95) < 0.5);
    QVERIFY(std::abs(chart.cdfAt(mean * std::log(100.0)) - 99) < 0.2);
    QCOMPARE(chart.cdfAt(1e-6), 0.0);
    QVERIFY(std::abs(chart.cdfAt(1e6) - 100) < 1e-9);
}

void tst_LatencyChart::drawsBarsCdfAndPercentileMarkers()
{
    const double mean = 5;
    Ui::LatencyChart chart;
    const Sim::RunResult run = runWith({exponential("_all", mean, 1e5)});
    chart.setResult(run);
    QCustomPlot *plot = plotOf(chart);
    QVERIFY(plot);
    QCOMPARE(plot->xAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot->xAxis->label().contains(QLatin1String("ms")));
    QVERIFY(plot->yAxis->label().contains(QLatin1String("% per 1/8 octave")));
    QVERIFY(plot->yAxis2->label().contains(QLatin1String("CDF (%)")));
    QCOMPARE(plot->graphCount(), 2);
    QVERIFY(plot->legend->visible());
    QCOMPARE(plot->legend->itemCount(), 2);

    // bars: each bin's share divided by its width in 1/8 octaves; their areas add up to 100 %
    const QCPGraph *bars = plot->graph(0);
    QCOMPARE(bars->lineStyle(), QCPGraph::lsStepLeft);
    QVERIFY(bars->brush().style() != Qt::NoBrush);
    double expectedMax = 0;
    for (const Sim::HistogramBin &b : run.requests[0].latencyHistogram) {
        if (b.loMs > 0) {
            const double share = 100 * b.count / 1e5;
            expectedMax = std::max(expectedMax, share * kEighthOctave / std::log(b.hiMs / b.loMs));
        }
    }
    double drawnMax = 0, area = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
        drawnMax = std::max(drawnMax, it->value);
        if (it + 1 != bars->data()->constEnd() && (it + 1)->key > it->key)
            area += it->value * std::log((it + 1)->key / it->key) / kEighthOctave;
    }
    QVERIFY(std::abs(drawnMax - expectedMax) < 1e-9);
    QVERIFY2(std::abs(area - 100) < 1e-6, qPrintable(QString::number(area)));

    // the density is smooth across the octaves' uneven bins: each bar is the distribution's
    // density per 1/8 octave, x f(x) ln2/8, at the bin's centre (plain shares per bin would
    // be up to 36% off, in a saw tooth)
    int checked = 0;
    for (auto it = bars->data()->constBegin(); it + 1 != bars->data()->constEnd(); ++it) {
        const double lo = it->key, hi = (it + 1)->key;
        if (!(hi > lo) || it->value < 0.5)
            continue;
        const double x = std::sqrt(lo * hi);
        const double expected = 100 * kEighthOctave * x / mean * std::exp(-x / mean);
        QVERIFY2(std::abs(it->value / expected - 1) < 0.02,
                 qPrintable(QStringLiteral("bin %1-%2: %3, expected %4")
                                .arg(lo)
                                .arg(hi)
                                .arg(it->value)
                                .arg(expected)));
        ++checked;
    }
    QVERIFY(checked > 30);

    // CDF: on the right axis, from 0 to 100
    const QCPGraph *cdf = plot->graph(1);
    QCOMPARE(cdf->valueAxis(), plot->yAxis2);
    QCOMPARE(cdf->data()->constBegin()->value, 0.0);
    QVERIFY(std::abs((cdf->data()->constEnd() - 1)->value - 100) < 1e-9);
    QVERIFY(plot->yAxis2->range().lower <= 0 && plot->yAxis2->range().upper >= 100);

    // p50, p95, p99 as labelled vertical lines at the run's values
    QStringList labels;
    QList<double> lines;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto line = qobject_cast<QCPItemStraightLine *>(plot->item(i)); line && line->visible())
            lines << line->point1->coords().x();
        if (auto text = qobject_cast<QCPItemText *>(plot->item(i)); text && text->visible())
            labels << text->text();
    }
    QCOMPARE(lines.size(), 3);
    QVERIFY(std::abs(lines.at(0) - mean * std::log(2.0)) < 1e-12);
    QVERIFY(std::abs(lines.at(1) - mean * std::log(20.0)) < 1e-12);
    QVERIFY(std::abs(lines.at(2) - mean * std::log(100.0)) < 1e-12);
    const auto label = [mean](const char *p, double q) {
        return QStringLiteral("%1 %2 ms")
            .arg(QLatin1String(p), Ui::formatMilliseconds(mean * std::log(q)));
    };
    QCOMPARE(labels, QStringList({label("p50", 2), label("p95", 20), label("p99", 100)}));
    // the view spans from the 0.1 % quantile (0.005 ms) to the largest latency
    const QCPRange view = plot->xAxis->range();
    QVERIFY2(view.lower > 0.003 && view.lower < 0.005, qPrintable(QString::number(view.lower)));
    QVERIFY(chart.cdfAt(view.lower) < 0.1);
    double largest = 0;
    for (const Sim::HistogramBin &b : run.requests[0].latencyHistogram)
        largest = b.count > 0 ? b.hiMs : largest;
    QVERIFY(largest > 150);
    QCOMPARE(view.upper, largest * 1.3);
}

void tst_LatencyChart::firstBinFromZeroAndOpenLastBinAreDrawable()
{
    Sim::RequestResult r;
    r.name = "_all";
    r.latencyHistogram = {{0, 1, 10},
                          {1, 2, 20},
                          {2, 4, 30},
                          {8, 16, 30},
                          {16, std::numeric_limits<double>::infinity(), 10}};
    r.latencyMs.p50 = 3;
    Ui::LatencyChart chart;
    chart.setResult(runWith({r}));
    QVERIFY(chart.hasChart());
    const QCPGraph *bars = plotOf(chart)->graph(0);
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        QVERIFY(it->key > 0 && std::isfinite(it->key));
    QCOMPARE(bars->data()->constBegin()->key, 0.5); // (0, 1] drawn with its neighbour's ratio 2
    QCOMPARE((bars->data()->constEnd() - 1)->key, 32.0); // (16, inf) likewise
    // bins one octave wide: their density per 1/8 octave is an eighth of their share
    QCOMPARE(bars->data()->findBegin(1, false)->value, 20.0 / 8);
    QCOMPARE(chart.cdfAt(1), 10.0);
    QCOMPARE(chart.cdfAt(4), 60.0);
    QCOMPARE(chart.cdfAt(6), 60.0); // the empty gap (4, 8]: the CDF stays flat
    QVERIFY(chart.readoutAt(6).contains(QLatin1String("no bin here")));
    QCOMPARE(chart.cdfAt(8), 60.0);
    QVERIFY(std::abs(chart.cdfAt(std::sqrt(8.0 * 16.0)) - 75) < 1e-9); // half-way in log
    QCOMPARE(chart.cdfAt(32), 100.0);
}

void tst_LatencyChart::requestTypeCanBeChosen()
{
    Sim::RequestResult idle;
    idle.name = "idle";
    Ui::LatencyChart chart;
    QSignalSpy changed(&chart, &Ui::LatencyChart::requestTypeChanged);
    chart.setResult(runWith({exponential("_all", 5, 1e5), exponential("fast", 1, 5e4), idle}));
    QCOMPARE(chart.requestTypes(),
             QStringList({QStringLiteral("_all"), QStringLiteral("fast"), QStringLiteral("idle")}));
    QCOMPARE(chart.requestType(), QStringLiteral("_all"));
    auto *box = chart.findChild<QComboBox *>(QStringLiteral("latencyRequestType"));
    QVERIFY(box && box->isEnabled());
    QCOMPARE(box->itemText(0), QStringLiteral("All requests"));
    QVERIFY(std::abs(chart.cdfAt(5 * std::log(2.0)) - 50) < 1.5);

    box->setCurrentIndex(1); // what the user does
    QCOMPARE(chart.requestType(), QStringLiteral("fast"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("fast"));
    QVERIFY(std::abs(chart.cdfAt(std::log(2.0)) - 50) < 1.5);

    chart.setRequestType(QStringLiteral("no such type"));
    QCOMPARE(chart.requestType(), QStringLiteral("fast"));

    // the next run keeps the choice when it has that type, else falls back to all requests
    chart.setResult(runWith({exponential("_all", 5, 1e5), exponential("fast", 2, 5e4)}));
    QCOMPARE(chart.requestType(), QStringLiteral("fast"));
    QVERIFY(std::abs(chart.cdfAt(2 * std::log(2.0)) - 50) < 1.5);
    chart.setResult(runWith({exponential("_all", 5, 1e5)}));
    QCOMPARE(chart.requestType(), QStringLiteral("_all"));
    QVERIFY(!box->isEnabled()); // nothing to choose from
}

void tst_LatencyChart::hoverShowsBinShareAndCdf()
{
    const double mean = 5;
    Ui::LatencyChart chart;
    chart.setResult(runWith({exponential("_all", mean, 1e5)}));
    showAt(chart, {820, 420});
    QCustomPlot *plot = plotOf(chart);
    QVERIFY(chart.readoutText().isEmpty());

    // 3.1 ms lies in the bin [3, 3.25) ms
    const QPointF pos(plot->xAxis->coordToPixel(3.1), plot->axisRect()->center().y());
    moveMouse(plot, pos);
    const double ms = plot->xAxis->pixelToCoord(pos.x());
    QVERIFY(std::abs(ms - 3.1) < 0.02);
    const QString text = chart.readoutText();
    QCOMPARE(text, chart.readoutAt(ms));
    const double share = exponentialCdfPercent(mean, 3.25) - exponentialCdfPercent(mean, 3.0);
    QVERIFY2(text.contains(QStringLiteral("bin %1 – %2 ms: %3% of requests")
                               .arg(Ui::formatMilliseconds(3),
                                    Ui::formatMilliseconds(3.25),
                                    Ui::formatDecimal(share))),
             qPrintable(text));
    QVERIFY2(text.contains(
                 QStringLiteral("CDF: %1% took ≤").arg(Ui::formatDecimal(chart.cdfAt(ms)))),
             qPrintable(text));
    QVERIFY(std::abs(chart.cdfAt(ms) - exponentialCdfPercent(mean, ms)) < 1.5);

    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        plot->replot();
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/latency-distribution.png"));
    }

    // outside the axis rect, and on leaving the plot, the read-out goes
    moveMouse(plot, QPointF(2, 2));
    QVERIFY(chart.readoutText().isEmpty());
    moveMouse(plot, pos);
    QVERIFY(!chart.readoutText().isEmpty());
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(plot, &leave);
    QVERIFY(chart.readoutText().isEmpty());
}

void tst_LatencyChart::wheelZoomsAndDoubleClickResets()
{
    Ui::LatencyChart chart;
    chart.setResult(runWith({exponential("_all", 5, 1e5)}));
    showAt(chart, {820, 420});
    QCustomPlot *plot = plotOf(chart);
    const QCPRange home = plot->xAxis->range();
    const QCPRange homeY = plot->yAxis->range();
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
    const QCPRange zoomed = plot->xAxis->range();
    // zooming in on a log axis shrinks the ratio upper/lower; the value axes stay
    QVERIFY2(zoomed.upper / zoomed.lower < home.upper / home.lower / 1.5,
             qPrintable(QStringLiteral("%1..%2").arg(zoomed.lower).arg(zoomed.upper)));
    QVERIFY(zoomed.lower > 0);
    QCOMPARE(plot->yAxis->range(), homeY);

    QMouseEvent click(QEvent::MouseButtonDblClick,
                      center,
                      plot->mapToGlobal(center),
                      Qt::LeftButton,
                      Qt::LeftButton,
                      Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &click);
    QCOMPARE(plot->xAxis->range(), home);
}

void tst_LatencyChart::realRunMatchesQueueingTheory()
{
    // M/M/1 at utilisation 0.8 with 1 ms mean service: the response time is exponential with
    // mean 1 / (mu - lambda) = 5 ms, so the chart of the engine's histogram must show that CDF
    const double mean = 5;
    const Sim::Spec spec = TestSupport::singleEntrySpec(
        {TestSupport::cpuService("server", Sim::Distribution::exponential(1))}, 800, 400, 20, 7);
    const Sim::RunResult run = Sim::runSimulation(spec);
    QVERIFY(!run.requests.empty());
    QVERIFY2(!run.requests.front().latencyHistogram.empty(), "the engine fills the histogram");
    Ui::LatencyChart chart;
    chart.setResult(run);
    QVERIFY(chart.hasChart());
    QCOMPARE(chart.requestTypes(), QStringList({QStringLiteral("_all"), QStringLiteral("job")}));
    for (double x : {1.0, 2.0, 3.47, 5.0, 10.0, 15.0, 23.0}) {
        QVERIFY2(std::abs(chart.cdfAt(x) - exponentialCdfPercent(mean, x)) < 1.5,
                 qPrintable(QStringLiteral("x = %1: chart %2, theory %3")
                                .arg(x)
                                .arg(chart.cdfAt(x))
                                .arg(exponentialCdfPercent(mean, x))));
    }
    // the run's own percentiles (from the fine histogram) agree with the coarse CDF
    const Sim::LatencySummary &p = run.requests.front().latencyMs;
    QVERIFY(std::abs(chart.cdfAt(p.p50) - 50) < 1);
    QVERIFY(std::abs(chart.cdfAt(p.p95) - 95) < 0.5);
    QVERIFY(std::abs(chart.cdfAt(p.p99) - 99) < 0.2);
    if (qEnvironmentVariableIsSet("ARCHSIM_SCREENSHOT_DIR")) {
        showAt(chart, {820, 420});
        QCustomPlot *plot = plotOf(chart);
        moveMouse(plot,
                  QPointF(plot->xAxis->coordToPixel(12), plot->axisRect()->center().y() + 60));
        plot->replot();
        chart.grab().save(qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR")
                          + QStringLiteral("/latency-mm1.png"));
    }
}

QTEST_MAIN(tst_LatencyChart)
#include "tst_latencychart.moc"
