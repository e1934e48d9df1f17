// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: cache hit ratios against the exact results for the independent reference
// model (IRM: each request draws its key independently from fixed popularities), and the
// cache's command thread against M/D/1.
//
// The model: a front service with ample threads runs one cache step; the cache has no
// network latency and no command CPU (unless stated), and the miss path is empty, so a
// missed key is stored at the instant of the miss, as the IRM results assume.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>
#include <functional>
#include <numeric>
#include <vector>

using namespace TestSupport;

Q_DECLARE_METATYPE(Sim::EvictionPolicy)

namespace {

Sim::Component cache(std::uint64_t capacity, Sim::EvictionPolicy eviction, double ttlS = 0)
{
    Sim::Component c;
    c.id = "cache";
    c.kind = Sim::ComponentKind::Cache;
    c.capacityKeys = capacity;
    c.eviction = eviction;
    c.ttlS = ttlS;
    c.hitLatency = Sim::Distribution::constant(0);
    c.missLatency = Sim::Distribution::constant(0);
    c.commandCpu = Sim::Distribution::constant(0);
    return c;
}

Sim::Spec cacheSpec(Sim::Component cacheComponent,
                    std::uint64_t keys,
                    double zipf,
                    double ratePerS,
                    double windowS,
                    double warmupS,
                    int reps,
                    std::uint64_t seed)
{
    Sim::Step lookup;
    lookup.kind = Sim::Step::Kind::Cache;
    lookup.target = 1;
    lookup.keys = keys;
    lookup.zipf = zipf;
    Sim::Spec spec = singleEntrySpec({stepService("api", {lookup}, 100000, 1),
                                      std::move(cacheComponent)},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     seed);
    spec.replications = reps;
    return spec;
}

// Zipf(n, s) popularities p_k proportional to 1/k^s, k = 1..n (the sampler's law).
std::vector<double> zipfPopularity(int n, double s)
{
    std::vector<double> p(static_cast<std::size_t>(n));
    for (int k = 1; k <= n; ++k)
        p[static_cast<std::size_t>(k - 1)] = std::pow(k, -s);
    const double sum = std::accumulate(p.begin(), p.end(), 0.0);
    for (double &x : p)
        x /= sum;
    return p;
}

// Exact LRU hit ratio under the IRM (King 1971): the stack (i1, ..., iC), most recent
// first, has stationary probability prod_j p_ij / (1 - sum_{k<j} p_ik), and a request hits
// when its key is in the stack. Enumerates the n!/(n-C)! stacks.
double lruHitRatio(const std::vector<double> &p, int capacity)
{
    const int n = static_cast<int>(p.size());
    std::vector<bool> used(static_cast<std::size_t>(n), false);
    std::function<double(int, double, double)> rec = [&](int depth, double prob, double taken) {
        if (depth == capacity)
            return prob * taken; // P(stack) x P(request hits it)
        double sum = 0;
        for (int i = 0; i < n; ++i) {
            if (used[static_cast<std::size_t>(i)])
                continue;
            used[static_cast<std::size_t>(i)] = true;
            const double pi = p[static_cast<std::size_t>(i)];
            sum += rec(depth + 1, prob * pi / (1 - taken), taken + pi);
            used[static_cast<std::size_t>(i)] = false;
        }
        return sum;
    };
    return rec(0, 1.0, 0.0);
}

// Exact FIFO and RANDOM hit ratio under the IRM (Gelenbe 1973): the resident set S has
// stationary probability proportional to prod_{i in S} p_i. Enumerates the C(n, C) sets.
double fifoRandomHitRatio(const std::vector<double> &p, int capacity)
{
    const int n = static_cast<int>(p.size());
    double weight = 0, hit = 0;
    std::function<void(int, int, double, double)> rec =
        [&](int from, int left, double prod, double mass) {
            if (left == 0) {
                weight += prod;
                hit += prod * mass;
                return;
            }
            for (int i = from; i <= n - left; ++i) {
                const double pi = p[static_cast<std::size_t>(i)];
                rec(i + 1, left - 1, prod * pi, mass + pi);
            }
        };
    rec(0, capacity, 1.0, 0.0);
    return hit / weight;
}

const Sim::ComponentResult &cacheOf(const Sim::ReplicationResult &r)
{
    return *componentOf(r, "cache");
}

} // namespace

class tst_CacheTheory : public QObject
{
    Q_OBJECT

private slots:
    void uniformKeysAnyPolicy_data();
    void uniformKeysAnyPolicy();
    void zipfKeysExact_data();
    void zipfKeysExact();
    void ttlRenewal_data();
    void ttlRenewal();
    void commandThreadIsMd1();
};

void tst_CacheTheory::uniformKeysAnyPolicy_data()
{
    QTest::addColumn<Sim::EvictionPolicy>("eviction");
    QTest::newRow("lru") << Sim::EvictionPolicy::Lru;
    QTest::newRow("lfu") << Sim::EvictionPolicy::Lfu;
    QTest::newRow("fifo") << Sim::EvictionPolicy::Fifo;
    QTest::newRow("random") << Sim::EvictionPolicy::Random;
    QTest::newRow("approx_lru") << Sim::EvictionPolicy::ApproxLru;
    QTest::newRow("approx_lfu") << Sim::EvictionPolicy::ApproxLfu;
    QTest::newRow("segmented_lru") << Sim::EvictionPolicy::SegmentedLru;
}

void tst_CacheTheory::uniformKeysAnyPolicy()
{
    // N = 1000 equally popular keys, capacity C = 250. Once the cache is full it holds
    // exactly C keys whatever the policy, and the next key is uniform and independent of
    // which: every lookup hits with probability C/N = 0.25 given the whole past, so the
    // hit count is exactly binomial in its variance (the indicators are martingale
    // differences). Every miss then stores its key and evicts one: evictions = misses.
    // 4 10^5 lookups; tolerance 5 sqrt(h (1 - h) / n).
    QFETCH(Sim::EvictionPolicy, eviction);
    const std::uint64_t keys = 1000, capacity = 250;
    // warm-up 1 s = 10^4 lookups, far beyond the ~290 needed to fill 250 of 1000 keys
    const Sim::Spec spec = cacheSpec(cache(capacity, eviction), keys, 0, 10000, 40, 1, 1, 101);
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *c = run.component("cache");
    QVERIFY(c);
    const double n = c->hits + c->misses, h = double(capacity) / keys;
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("uniform keys, %1: hit ratio C/N")
                              .arg(QTest::currentDataTag()),
                          h,
                          c->hitRatio,
                          5 * std::sqrt(h * (1 - h) / n));
    QCOMPARE(c->hitRatio, c->hits / n);
    // a miss at the warm-up instant may store its key just after: allow one either way
    const QString counts
        = QStringLiteral("evictions %1, misses %2").arg(c->evictions).arg(c->misses);
    QVERIFY2(std::abs(c->evictions - c->misses) <= 1, qPrintable(counts));
}

void tst_CacheTheory::zipfKeysExact_data()
{
    QTest::addColumn<Sim::EvictionPolicy>("eviction");
    QTest::newRow("lru (King)") << Sim::EvictionPolicy::Lru;
    QTest::newRow("fifo (Gelenbe)") << Sim::EvictionPolicy::Fifo;
    QTest::newRow("random (Gelenbe)") << Sim::EvictionPolicy::Random;
}

void tst_CacheTheory::zipfKeysExact()
{
    // 20 keys with Zipf(0.8) popularity, capacity 5: the exact IRM hit ratios (LRU by
    // King's formula over 1.86 10^6 stacks, FIFO and RANDOM by Gelenbe's product form over
    // 15504 sets). The hit indicators are correlated through the cache state, so the
    // tolerance is 5 SE over 10 independent replications of 2 10^5 lookups.
    QFETCH(Sim::EvictionPolicy, eviction);
    const int keys = 20, capacity = 5;
    const double s = 0.8;
    const std::vector<double> p = zipfPopularity(keys, s);
    const double h = eviction == Sim::EvictionPolicy::Lru ? lruHitRatio(p, capacity)
                                                          : fifoRandomHitRatio(p, capacity);
    const Sim::Spec spec = cacheSpec(cache(capacity, eviction), keys, s, 10000, 20, 1, 10, 102);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const ReplicationStats hr = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return cacheOf(r).hitRatio;
    });
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("Zipf(0.8) over 20 keys, capacity 5, %1: hit ratio")
                              .arg(QTest::currentDataTag()),
                          h,
                          run.component("cache")->hitRatio,
                          5 * hr.se);
}

void tst_CacheTheory::ttlRenewal_data()
{
    QTest::addColumn<double>("zipf");
    QTest::addColumn<double>("jitter");
    QTest::newRow("uniform keys") << 0.0 << 0.0;
    QTest::newRow("uniform keys, TTL jitter 0.5") << 0.0 << 0.5;
    QTest::newRow("Zipf(1) keys") << 1.0 << 0.0;
}

void tst_CacheTheory::ttlRenewal()
{
    // A TTL cache with room for every key (100 keys, capacity 1000, TTL 100 ms): key k is
    // requested as a Poisson stream of rate lambda_k = lambda p_k; a miss stores it for a
    // TTL, the requests within the TTL hit, the first after it misses. The cycles are
    // independent (renewal-reward), with lambda_k E[TTL] hits per miss, so
    //   h_k = lambda_k E[TTL] / (1 + lambda_k E[TTL]),   h = sum_k p_k h_k.
    // The jitter spreads the TTL uniformly within +/- 50% but keeps its mean: same h.
    // Every miss after the warm-up finds its key expired: expirations = misses.
    // Tolerance: 5 SE over 10 independent replications.
    QFETCH(double, zipf);
    QFETCH(double, jitter);
    const int keys = 100;
    const double ratePerS = 1000, ttlS = 0.1;
    Sim::Component c = cache(1000, Sim::EvictionPolicy::Lru, ttlS);
    c.ttlJitter = jitter;
    // warm-up 5 s: the least popular key (Zipf(1): 1.9 requests/s) is seen with
    // probability 1 - e^-9.6
    const Sim::Spec spec = cacheSpec(c, keys, zipf, ratePerS, 20, 5, 10, 103);
    const Sim::RunResult run = Sim::runSimulation(spec);

    const std::vector<double> p = zipfPopularity(keys, zipf);
    double h = 0;
    for (double pk : p) {
        const double x = ratePerS * pk * ttlS;
        h += pk * x / (1 + x);
    }
    const ReplicationStats hr = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return cacheOf(r).hitRatio;
    });
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("TTL 100 ms, %1: hit ratio sum p_k h_k")
                              .arg(QTest::currentDataTag()),
                          h,
                          run.component("cache")->hitRatio,
                          5 * hr.se);
    for (const Sim::ReplicationResult &rep : run.perReplication) {
        const Sim::ComponentResult &cr = cacheOf(rep);
        QCOMPARE(cr.evictions, 0.0);
        const QString counts
            = QStringLiteral("expirations %1, misses %2").arg(cr.expirations).arg(cr.misses);
        QVERIFY2(std::abs(cr.expirations - cr.misses) <= 1, qPrintable(counts));
    }
}

void tst_CacheTheory::commandThreadIsMd1()
{
    // Redis flavour: one command thread, 0.1 ms of CPU per command, 0.3 ms of network on a
    // hit. All 100 keys fit and never expire, so after the warm-up every command is a GET
    // that hits: the thread is an M/D/1 queue at rho = 8000/s x 0.1 ms = 0.8, with
    // Wq = rho d / (2 (1 - rho)) = 0.2 ms. A lookup takes Wq + d + 0.3 = 0.6 ms, and the
    // cache's utilization (busy threads / threads) is rho. Tolerances: 5 SE over 10
    // replications for the mean; the M/D/1 busy-fraction SE for utilization.
    const double ratePerS = 8000, d = 0.1, hitMs = 0.3, windowS = 20;
    const int reps = 10;
    Sim::Component c = cache(1000, Sim::EvictionPolicy::Lru);
    c.commandThreads = 1;
    c.commandCpu = Sim::Distribution::constant(d);
    c.hitLatency = Sim::Distribution::constant(hitMs);
    const Sim::Spec spec = cacheSpec(c, 100, 0, ratePerS, windowS, 1, reps, 104);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *cr = run.component("cache");
    QVERIFY(cr);
    QCOMPARE(cr->misses, 0.0);

    const double lambda = ratePerS / 1000, rho = lambda * d;
    const double expected = Queueing::mg1Wait(lambda, d, d * d) + d + hitMs;
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    ARCHSIM_VERIFY_WITHIN("cache command thread M/D/1: lookup mean response (ms)",
                          expected,
                          run.request("_all")->latencyMs.mean,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN("cache command thread M/D/1: utilization",
                          rho,
                          cr->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, d * d, windowS * 1000 * reps));
}

QTEST_GUILESS_MAIN(tst_CacheTheory)

#include "tst_cachetheory.moc"
