// SPDX-License-Identifier: GPL-3.0-or-later
// The latency histogram of each request type (RequestResult::latencyHistogram): which
// latencies it holds (completed requests after warm-up, the same ones as latency_ms), its
// bins (8 per octave, contiguous, from the smallest to the largest latency), the mean over
// replications, and the M/M/1 response-time distribution 1 - exp(-(mu - lambda) t) read
// off its cumulative counts.

#include "Histogram.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>
#include <map>

using namespace TestSupport;

namespace {

double binSum(const std::vector<Sim::HistogramBin> &bins)
{
    double sum = 0;
    for (const Sim::HistogramBin &b : bins)
        sum += b.count;
    return sum;
}

/** The bin's first tick: the bins sit on Histogram's coarse grid, whose edges are whole ticks. */
std::int64_t loTicks(const Sim::HistogramBin &b)
{
    return std::llround(b.loMs * 1e6);
}

/** Contiguous, on the 8-per-octave grid, non-empty at both ends; empty means no bins. */
void verifyShape(const std::vector<Sim::HistogramBin> &bins, const QString &what)
{
    if (bins.empty())
        return;
    QVERIFY2(bins.front().count > 0, qPrintable(what + ": first bin empty"));
    QVERIFY2(bins.back().count > 0, qPrintable(what + ": last bin empty"));
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const Sim::HistogramBin &b = bins[i];
        const std::int64_t lo = loTicks(b), hi = std::llround(b.hiMs * 1e6);
        QVERIFY2(b.count >= 0, qPrintable(what + ": negative count"));
        QVERIFY2(lo < hi, qPrintable(what + ": empty range"));
        // on the grid: the bin is exactly the coarse bin of its first tick
        const int ci = Sim::Histogram::coarseIndexOf(static_cast<std::uint64_t>(lo));
        QCOMPARE(Sim::Histogram::coarseLower(ci), lo);
        QCOMPARE(Sim::Histogram::coarseLower(ci + 1), hi);
        // 8 bins per octave: above 16 ns each is 1/8 of its octave, 1/16 to 1/8 of its start
        if (lo >= 16)
            QVERIFY2(hi - lo >= lo / 16 && hi - lo <= lo / 8,
                     qPrintable(what + QStringLiteral(": bin [%1, %2) ns").arg(lo).arg(hi)));
        if (i + 1 < bins.size())
            QVERIFY2(b.hiMs == bins[i + 1].loMs,
                     qPrintable(what + QStringLiteral(": gap after bin %1").arg(i)));
    }
}

// Two request types at one service: "fast" runs 0.5 ms of CPU; "slow" calls an external
// with exponential 30 ms latency under a 40 ms timeout, so about a quarter of them fail.
Sim::Spec twoTypeSpec(int replications)
{
    Sim::Component api = cpuService("api", Sim::Distribution::exponential(0.5), 64, 4);
    api.handlers = {{"fast", {cpuStep(Sim::Distribution::exponential(0.5))}},
                    {"slow", {callStep(1, 40)}}};
    Sim::Spec spec = singleEntrySpec({api, external("ext", Sim::Distribution::exponential(30))},
                                     400,
                                     60,
                                     5,
                                     3);
    spec.workload.requests = {{"fast", 0.7}, {"slow", 0.3}};
    spec.replications = replications;
    return spec;
}

} // namespace

class tst_LatencyHistogram : public QObject
{
    Q_OBJECT

private slots:
    void binsHoldTheCompletedRequests();
    void replicationsAverageTheCounts();
    void mm1ResponseTimeDistribution();
};

void tst_LatencyHistogram::binsHoldTheCompletedRequests()
{
    const Sim::RunResult run = Sim::runSimulation(twoTypeSpec(1));
    QCOMPARE(run.requests.size(), std::size_t(3));
    const Sim::RequestResult *slow = run.request("slow");
    QVERIFY(slow);
    QVERIFY2(slow->failed > 100,
             "the timeout must fail some requests for this test to mean anything");

    std::map<std::int64_t, double> typesByBin;
    for (const Sim::RequestResult &r : run.requests) {
        const QString what = QString::fromStdString(r.name);
        verifyShape(r.latencyHistogram, what);
        // completed requests of the measured time, exactly; failed ones are not in it
        QCOMPARE(binSum(r.latencyHistogram), r.completed);
        QVERIFY(!r.latencyHistogram.empty());
        // the largest latency is in the last bin (latency_ms.max is a whole number of ticks)
        QVERIFY(r.latencyHistogram.back().loMs <= r.latencyMs.max);
        QVERIFY(r.latencyMs.max < r.latencyHistogram.back().hiMs);
        if (r.name != "_all") {
            for (const Sim::HistogramBin &b : r.latencyHistogram)
                typesByBin[loTicks(b)] += b.count;
        }
    }
    // _all is the request types' histograms added up, bin by bin (empty bins aside)
    std::erase_if(typesByBin, [](const auto &entry) { return entry.second == 0; });
    const Sim::RequestResult *all = run.request("_all");
    std::map<std::int64_t, double> allByBin;
    for (const Sim::HistogramBin &b : all->latencyHistogram) {
        if (b.count > 0)
            allByBin[loTicks(b)] = b.count;
    }
    QCOMPARE(allByBin, typesByBin);
}

void tst_LatencyHistogram::replicationsAverageTheCounts()
{
    const int reps = 4;
    const Sim::RunResult run = Sim::runSimulation(twoTypeSpec(reps));
    QCOMPARE(run.perReplication.size(), std::size_t(reps));
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const Sim::RequestResult &mean = run.requests[i];
        const QString what = QString::fromStdString(mean.name);
        // the mean histogram spans every replication's bins; inner empty bins are kept
        std::map<std::int64_t, double> expected;
        for (const Sim::ReplicationResult &rep : run.perReplication) {
            verifyShape(rep.requests[i].latencyHistogram, what);
            QCOMPARE(binSum(rep.requests[i].latencyHistogram), rep.requests[i].completed);
            for (const Sim::HistogramBin &b : rep.requests[i].latencyHistogram)
                expected[loTicks(b)] += b.count / reps;
        }
        verifyShape(mean.latencyHistogram, what + " (mean)");
        QCOMPARE(loTicks(mean.latencyHistogram.front()), expected.begin()->first);
        QCOMPARE(loTicks(mean.latencyHistogram.back()), expected.rbegin()->first);
        for (const Sim::HistogramBin &b : mean.latencyHistogram) {
            const auto it = expected.find(loTicks(b));
            const double want = it == expected.end() ? 0.0 : it->second;
            QVERIFY2(std::abs(b.count - want) <= 1e-9 * std::max(1.0, want),
                     qPrintable(what
                                + QStringLiteral(": bin %1 ms: %2 vs %3")
                                      .arg(b.loMs)
                                      .arg(b.count)
                                      .arg(want)));
        }
        QVERIFY(std::abs(binSum(mean.latencyHistogram) - mean.completed) <= 1e-9 * mean.completed);
    }
}

// M/M/1 FCFS: the response time is exponential with rate mu - lambda, so the histogram's
// cumulative counts must follow F(t) = 1 - exp(-(mu - lambda) t).
//
// Tolerance, Kolmogorov-Smirnov style: one bound for every point checked, from the number
// of customers n. Successive response times are correlated, so the i.i.d. bound sqrt(F(1-F)/n)
// does not apply; the regenerative method does. Over busy cycles (i.i.d.), the empirical
// F_n(t) = sum Y / sum N (Y: customers of a cycle with T <= t, N: customers of the cycle) has
// asymptotic variance Var(Y - F N) / (n E[N]) <= E[N^2] / (n E[N]), as |Y - F N| <= N. For
// M/M/1, E[N] = 1/(1 - rho) and E[N^2] = (1 + rho^2)/(1 - rho)^3 (Var N = rho(1+rho)/(1-rho)^3,
// Kleinrock vol. 1, 5.4), so sd(F_n(t)) <= sqrt(1 + rho^2) / ((1 - rho) sqrt(n)) at every t.
// 5 of these, plus the bin width: a point t inside bin [lo, hi) is only known to have
// F_n(lo) <= F_n(t) <= F_n(hi), so half of that bin's share is added to the tolerance of the
// midpoint.
void tst_LatencyHistogram::mm1ResponseTimeDistribution()
{
    const double ratePerS = 500, windowS = 100, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     17);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all);
    const std::vector<Sim::HistogramBin> &bins = all->latencyHistogram;
    verifyShape(bins, "M/M/1");

    const double lambda = ratePerS / 1000.0, mu = 1.0, rho = lambda / mu;
    const double total = binSum(bins); // mean completed per replication
    const double n = total * reps;     // customers, all replications
    const double sd = std::sqrt(1 + rho * rho) / ((1 - rho) * std::sqrt(n));
    for (double q : {0.05, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999}) {
        const double t = -std::log(1 - q) / (mu - lambda); // F(t) = q
        double below = 0, inBin = 0;
        bool found = false;
        for (const Sim::HistogramBin &b : bins) {
            if (b.hiMs <= t) {
                below += b.count;
            } else if (b.loMs <= t) {
                inBin = b.count;
                found = true;
                break;
            }
        }
        QVERIFY2(found, qPrintable(QStringLiteral("t = %1 ms is outside the histogram").arg(t)));
        const double fLo = below / total, fHi = (below + inBin) / total;
        ARCHSIM_VERIFY_WITHIN(QStringLiteral("M/M/1 latency histogram CDF at %1 ms (F = %2)")
                                  .arg(t, 0, 'f', 3)
                                  .arg(q),
                              q,
                              (fLo + fHi) / 2,
                              5 * sd + (fHi - fLo) / 2);
    }
}

QTEST_GUILESS_MAIN(tst_LatencyHistogram)
#include "tst_latencyhistogram.moc"
