// SPDX-License-Identifier: GPL-3.0-or-later
// The memory budget of a run (issue 18): an overloaded run stops with a verdict and partial
// figures well before it exhausts a small budget; a failed allocation is reported the same
// way; a long healthy run is never stopped and its memory stays flat.

#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <new>

using namespace TestSupport;

// ---- a test-only allocator -----------------------------------------------------------
// It counts the bytes the process holds through operator new (glibc's malloc_usable_size),
// and the most it held: an independent measure of what a run takes, against which the
// engine's own estimate (heldBytes) and its budget are checked. Armed, the next allocation of
// at least kFailFrom bytes throws std::bad_alloc once, as operator new does when the machine
// (or ulimit -v) has no more memory to give.

namespace {
std::atomic<bool> g_failNextLarge{false};
std::atomic<std::int64_t> g_held{0}, g_peak{0};
constexpr std::size_t kFailFrom = std::size_t{1} << 20;

void counted(void *p, int sign)
{
    if (!p)
        return;
    const auto n = static_cast<std::int64_t>(malloc_usable_size(p));
    const std::int64_t now = g_held.fetch_add(sign * n) + sign * n;
    std::int64_t peak = g_peak.load();
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
}

/** Starts a new peak from what is held now. */
std::int64_t resetPeak()
{
    const std::int64_t now = g_held.load();
    g_peak.store(now);
    return now;
}

double peakMbSince(std::int64_t baseline)
{
    return static_cast<double>(g_peak.load() - baseline) / (1024.0 * 1024.0);
}

void *allocate(std::size_t n, std::size_t align)
{
    if (n >= kFailFrom && g_failNextLarge.exchange(false))
        throw std::bad_alloc();
    void *p = nullptr;
    if (align <= alignof(std::max_align_t)) {
        p = std::malloc(n ? n : 1);
    } else {
        const std::size_t rounded = (n + align - 1) / align * align;
        p = std::aligned_alloc(align, rounded ? rounded : align);
    }
    if (!p)
        throw std::bad_alloc();
    counted(p, 1);
    return p;
}

void release(void *p)
{
    counted(p, -1);
    std::free(p);
}
} // namespace

void *operator new(std::size_t n)
{
    return allocate(n, alignof(std::max_align_t));
}
void *operator new(std::size_t n, std::align_val_t a)
{
    return allocate(n, static_cast<std::size_t>(a));
}
void operator delete(void *p) noexcept
{
    release(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    release(p);
}
void operator delete(void *p, std::align_val_t) noexcept
{
    release(p);
}
void operator delete(void *p, std::size_t, std::align_val_t) noexcept
{
    release(p);
}

namespace {

constexpr double kServiceMs = 1.0; // capacity 1,000 requests/s
constexpr double kOverloadRate = 1e6;

/** The slip of issue 18: M/M/1 at 1,000,000 requests/s with no queue limit, for a minute. */
Sim::Spec overloaded(double maxMemoryMb)
{
    Sim::Spec spec = singleEntrySpec({cpuService("server",
                                                 Sim::Distribution::exponential(kServiceMs))},
                                     kOverloadRate,
                                     60,
                                     0);
    spec.maxMemoryMb = maxMemoryMb;
    return spec;
}

/** k standard deviations of a Poisson count's rate: n events in t seconds. */
double poissonRateTolerance(double ratePerS, double tS, double k = 5)
{
    return k * std::sqrt(ratePerS * tS) / tS;
}

} // namespace

class tst_MemoryBudget : public QObject
{
    Q_OBJECT

private slots:
    void overloadedRunStopsWithAVerdict();
    void budgetIsSharedByConcurrentReplications();
    void failedAllocationIsReportedTheSameWay();
    void longHealthyRunIsNeverStopped();
    void defaultBudgetIsAShareOfTheMachine();
};

void tst_MemoryBudget::overloadedRunStopsWithAVerdict()
{
    const double budgetMb = 64;
    const std::int64_t baseline = resetPeak();
    const Sim::RunResult run = Sim::runSimulation(overloaded(budgetMb), {.threads = 1});
    const double peakMb = peakMbSince(baseline);
    const Sim::RunStop &stop = run.stop;
    qInfo().noquote() << QString::fromStdString(stop.verdict);
    qInfo() << "the run's peak allocation:" << peakMb
            << "MB; the engine's estimate at the stop:" << stop.neededMb << "MB";
    QVERIFY(stop.stopped());
    QCOMPARE(stop.reason, Sim::RunStop::Reason::MemoryBudget);
    QVERIFY(run.partial());
    QVERIFY(!run.cancelled);
    // well before the end, and before the process held its budget: the engine looks every
    // 4,096 events and counts a pool about to double at its doubled size, so it stops
    // before the doubling (what the allocator saw includes the figures made after the stop)
    QVERIFY(stop.tS > 0 && stop.tS < 5);
    QVERIFY2(stop.neededMb > budgetMb, qPrintable(QString::number(stop.neededMb)));
    QVERIFY2(peakMb < budgetMb, qPrintable(QString::number(peakMb)));
    QCOMPARE(stop.budgetMb, budgetMb);
    // where and why, in the user's terms
    QCOMPARE(stop.component, std::string("server"));
    QVERIFY(stop.overloaded);
    // arrivals are Poisson at 1,000,000/s; the saturated server ends about 1,000 a second
    // (its completions over t are a renewal count of exp(1 ms) services: sd sqrt(1000 t))
    QVERIFY(std::fabs(stop.arrivalsPerS - kOverloadRate)
            < poissonRateTolerance(kOverloadRate, stop.tS));
    QVERIFY2(std::fabs(stop.servedPerS - 1000.0 / kServiceMs)
                 < poissonRateTolerance(1000.0 / kServiceMs, stop.tS) + 1.0 / stop.tS,
             qPrintable(QString::number(stop.servedPerS)));
    const QString verdict = QString::fromStdString(stop.verdict);
    QVERIFY(verdict.startsWith(QStringLiteral("stopped at ")));
    // rates to two significant digits: the arrivals' 5-sigma range rounds to 1,000,000
    QVERIFY(verdict.contains(QStringLiteral("requests waiting at 'server' (arrivals 1,000,000/s, "
                                            "capacity about ")));
    QVERIFY(verdict.endsWith(QStringLiteral(": the system is overloaded")));

    // the figures so far: every request that arrived is completed, failed or still there
    const Sim::RequestResult &all = run.requests.front();
    QVERIFY(all.arrived > 100000);
    QCOMPARE(all.arrived, all.completed + all.failed + all.inFlightAtEnd);
    QVERIFY(all.inFlightAtEnd > 0.99 * all.arrived);
    QCOMPARE(stop.held, all.inFlightAtEnd - 1); // all but the one in service wait
    QVERIFY(!run.series.tS.empty() || stop.tS < 1);
}

void tst_MemoryBudget::budgetIsSharedByConcurrentReplications()
{
    // two replications at once share the run's budget: each stops at about half of it
    Sim::Spec spec = overloaded(64);
    spec.replications = 2;
    const std::int64_t baseline = resetPeak();
    const Sim::RunResult run = Sim::runSimulation(spec, {.threads = 2});
    const double peakMb = peakMbSince(baseline);
    qInfo() << "two replications at once: peak allocation" << peakMb << "MB";
    QCOMPARE(run.perReplication.size(), std::size_t(2));
    for (const Sim::ReplicationResult &r : run.perReplication) {
        QVERIFY(r.stop.stopped());
        QCOMPARE(r.stop.budgetMb, 32.0);
        QVERIFY(r.stop.neededMb > 32);
    }
    QVERIFY(run.stop.stopped());
    QVERIFY2(peakMb < 64, qPrintable(QString::number(peakMb)));
}

void tst_MemoryBudget::failedAllocationIsReportedTheSameWay()
{
    // A budget of 256 MB, but the first allocation of 1 MiB fails, as it would on a machine
    // without memory left: the replication stops there with its figures so far.
    {
        g_failNextLarge.store(true);
        const Sim::RunResult run = Sim::runSimulation(overloaded(256), {.threads = 1});
        QVERIFY(!g_failNextLarge.load()); // it did fail once
        QCOMPARE(run.stop.reason, Sim::RunStop::Reason::OutOfMemory);
        const QString verdict = QString::fromStdString(run.stop.verdict);
        qInfo().noquote() << verdict;
        QVERIFY(verdict.contains(QStringLiteral("out of memory (an allocation failed)")));
        QVERIFY(verdict.contains(QStringLiteral("requests waiting at 'server'")));
        QVERIFY(verdict.endsWith(QStringLiteral("the system is overloaded")));
        QVERIFY(run.partial());
        const Sim::RequestResult &all = run.requests.front();
        QVERIFY(all.arrived > 0);
        QCOMPARE(all.arrived, all.completed + all.failed + all.inFlightAtEnd);
    }
    // On a worker thread of two: the failure stays in its replication (no std::terminate),
    // the other one stops at its share of the budget.
    {
        Sim::Spec spec = overloaded(256);
        spec.replications = 2;
        g_failNextLarge.store(true);
        const Sim::RunResult run = Sim::runSimulation(spec, {.threads = 2});
        QVERIFY(!g_failNextLarge.load());
        QCOMPARE(run.perReplication.size(), std::size_t(2));
        int outOfMemory = 0;
        for (const Sim::ReplicationResult &r : run.perReplication) {
            QVERIFY(r.stop.stopped());
            outOfMemory += r.stop.reason == Sim::RunStop::Reason::OutOfMemory;
            QVERIFY(r.requests.front().arrived > 0);
        }
        QCOMPARE(outOfMemory, 1);
        QVERIFY(run.partial());
    }
}

void tst_MemoryBudget::longHealthyRunIsNeverStopped()
{
    // M/M/1 at utilisation 0.8 under a budget of 4 MB: 200 s and 2,000 s simulated (160,000
    // and 1,600,000 requests, 100 series buckets each) hold the same memory, far below it
    auto run = [](double durationS) {
        Sim::Spec spec = singleEntrySpec({cpuService("server",
                                                     Sim::Distribution::exponential(kServiceMs))},
                                         800,
                                         durationS,
                                         0);
        spec.bucketS = durationS / 100;
        spec.maxMemoryMb = 4;
        return Sim::runSimulation(spec, {.threads = 1});
    };
    const Sim::RunResult shortRun = run(200);
    const Sim::RunResult longRun = run(2000);
    for (const Sim::RunResult *r : {&shortRun, &longRun}) {
        QVERIFY(!r->stop.stopped());
        QVERIFY(!r->partial());
    }
    const double shortMb = shortRun.perReplication.front().peakMemoryMb;
    const double longMb = longRun.perReplication.front().peakMemoryMb;
    qInfo() << "peak memory held:" << shortMb << "MB over 200 s," << longMb << "MB over 2,000 s";
    QVERIFY(longMb < 1.0);
    // the longest queue of an M/M/1 grows like log n: at most one more doubling of a pool
    QVERIFY(longMb <= 2 * shortMb);
    QCOMPARE(longRun.requests.front().arrived,
             longRun.requests.front().completed + longRun.requests.front().inFlightAtEnd);
}

void tst_MemoryBudget::defaultBudgetIsAShareOfTheMachine()
{
    const std::uint64_t budget = Sim::defaultMemoryBudgetBytes();
    QVERIFY(budget >= std::uint64_t{64} << 20); // any machine that runs the tests
    Sim::Spec spec;
    QCOMPARE(Sim::memoryBudgetBytes(spec), budget);
    spec.maxMemoryMb = 100;
    QCOMPARE(Sim::memoryBudgetBytes(spec), std::uint64_t{100} << 20);
}

QTEST_GUILESS_MAIN(tst_MemoryBudget)
#include "tst_memorybudget.moc"
