// SPDX-License-Identifier: GPL-3.0-or-later
// Cache and queue behaviour that issue 4 names: LRU against Che's approximation, stampede
// protections, and RabbitMQ's prefetch fairness between a fast and a slow consumer.
#include "CacheStore.h"
#include "QueueingFormulas.h"
#include "QueueingTheory.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "Zipf.h"

#include <QtTest>

#include <cmath>

using namespace Sim;
using TestSupport::runChecked;

namespace {

Step cpu(double ms)
{
    Step s;
    s.kind = Step::Kind::Cpu;
    s.duration = Distribution::constant(ms);
    return s;
}

/** A hot key under load: 2000 requests/s read one key (TTL 1 s); a miss costs a 50 ms query. */
Spec hotKey(StampedeProtection protection)
{
    Spec s;
    s.name = "stampede";
    s.durationS = 60;
    s.warmupS = 0;
    s.bucketS = 1;
    s.seed = 5;
    s.workload.entry = 0;
    s.workload.ratePerS = 2000;
    s.workload.requests = {{"read", 1}};
    Component api;
    api.id = "api";
    api.threads = 1000;
    api.cpuCores = 8;
    Step cache;
    cache.kind = Step::Kind::Cache;
    cache.target = 1;
    cache.keys = 1;
    Step query;
    query.kind = Step::Kind::Call;
    query.target = 2;
    cache.steps = {query};
    api.handlers.push_back({"read", {cache}});
    Component c;
    c.id = "cache";
    c.kind = ComponentKind::Cache;
    c.capacityKeys = 10;
    c.ttlS = 1;
    c.stampede = protection;
    c.hitLatency = c.missLatency = Distribution::constant(0.2);
    c.commandCpu = Distribution::constant(0.001);
    Component db;
    db.id = "db";
    db.kind = ComponentKind::Database;
    db.maxConnections = 1000;
    db.queries = {{"*", Distribution::constant(50)}};
    s.components = {api, c, db};
    return s;
}

} // namespace

class tst_CacheQueueBehaviour : public QObject
{
    Q_OBJECT

private slots:
    void lruAgainstChe_data();
    void lruAgainstChe();
    void stampedeWithoutProtection();
    void stampedeWithLock();
    void staleWhileRevalidateNeverWaits();
    void prefetchFairness();
};

void tst_CacheQueueBehaviour::lruAgainstChe_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<int>("capacity");
    for (double alpha : {0.6, 0.9, 1.2}) {
        for (int capacity : {100, 1000})
            QTest::newRow(qPrintable(QStringLiteral("alpha %1, C %2").arg(alpha).arg(capacity)))
                << alpha << capacity;
    }
}

void tst_CacheQueueBehaviour::lruAgainstChe()
{
    // Che's approximation is not exact, but for 10^4 keys it is known to be within a few
    // thousandths of exact LRU (Fricker, Robert, Roberts 2012); the issue asks for 0.02. The
    // simulated ratio from 8 10^5 lookups has a standard error below 0.001.
    QFETCH(double, alpha);
    QFETCH(int, capacity);
    const std::uint64_t n = 10000;
    Random storeRng(1, 0, 0), keyRng(2, 0, 0);
    CacheStore store(Eviction::Lru, static_cast<std::uint64_t>(capacity), n, 5, &storeRng);
    ZipfSampler zipf(n, alpha);
    std::uint64_t hits = 0, lookups = 0;
    for (int i = 0; i < 1000000; ++i) {
        const std::uint64_t key = zipf.sample(keyRng) - 1;
        const bool hit = store.lookup(key, 0) == CacheStore::Lookup::Hit;
        if (!hit)
            store.insert(key, 0, 0);
        if (i >= 200000) { // past the cold start
            hits += hit ? 1 : 0;
            ++lookups;
        }
    }
    const double simulated = static_cast<double>(hits) / static_cast<double>(lookups);
    const double che = Queueing::cheHitRatio(n, alpha, capacity);
    // the application's version (watch mode's theory overlay) is the same sum at 10^4 keys
    QVERIFY(std::abs(Theory::cheHitRatio(n, alpha, capacity) - che) < 1e-9);
    qInfo("alpha %.1f C %d: Che %.4f simulated %.4f", alpha, capacity, che, simulated);
    QVERIFY2(std::abs(simulated - che) <= 0.02,
             qPrintable(QStringLiteral("%1 vs Che %2").arg(simulated).arg(che)));
}

void tst_CacheQueueBehaviour::stampedeWithoutProtection()
{
    // Each expiry opens a 50 ms window in which every request misses and goes to the
    // database itself: ~2000/s x 0.05 s = 100 origin calls per expiry.
    const RunResult r = runChecked(hotKey(StampedeProtection::None));
    const ComponentResult *db = r.component("db");
    const ComponentResult *cache = r.component("cache");
    const double expiries = cache->expirations;
    QVERIFY(expiries > 40);
    QVERIFY2(db->arrived > 50 * expiries,
             qPrintable(
                 QStringLiteral("%1 origin calls for %2 expiries").arg(db->arrived).arg(expiries)));
    QVERIFY(cache->stampedeMisses > 0);
    QCOMPARE(cache->stampedeMisses + expiries + 1,
             db->arrived); // the first miss of each window fills
}

void tst_CacheQueueBehaviour::stampedeWithLock()
{
    // With a lock, one request fills; the others wait for it: exactly one origin call per
    // expiry (plus the cold start).
    const RunResult r = runChecked(hotKey(StampedeProtection::Lock));
    const ComponentResult *db = r.component("db");
    const ComponentResult *cache = r.component("cache");
    QVERIFY(cache->expirations > 40);
    QCOMPARE(db->arrived, cache->expirations + 1);
    QCOMPARE(cache->stampedeMisses, 0.0);
    QVERIFY(cache->lockWaits > 50 * cache->expirations);
    QCOMPARE(r.requests.front().failed, 0.0);
}

void tst_CacheQueueBehaviour::staleWhileRevalidateNeverWaits()
{
    // Expired values are served while one background refresh runs: after the cold start no
    // request waits for the database (p99 far below the 50 ms query), and the refreshes are
    // one per TTL period.
    const RunResult r = runChecked(hotKey(StampedeProtection::StaleWhileRevalidate));
    const ComponentResult *db = r.component("db");
    const ComponentResult *cache = r.component("cache");
    QVERIFY(cache->staleHits > 50 * 50);
    // the cold start has no value to serve: those misses go to the database (~100 in the
    // first 50 ms); every later call is a refresh, at most one per TTL period
    const double refreshes = db->arrived - cache->misses;
    QVERIFY2(refreshes >= 40 && refreshes <= 60 / 1.0 + 1,
             qPrintable(QStringLiteral("%1 refreshes").arg(refreshes)));
    QVERIFY(cache->misses < 150);
    QVERIFY(r.requests.front().latencyMs.p99 < 5);
}

void tst_CacheQueueBehaviour::prefetchFairness()
{
    // Two consumers on one queue: fast (1 ms) and slow (10 ms), one channel each, 150
    // messages/s. RabbitMQ dispatches round robin among channels with a free prefetch slot.
    // Prefetch 10: the slow consumer's slots are rarely all taken (its load 75/s x 10 ms =
    // 0.75; all 10 slots busy with probability ~0.75^10 = 0.06), so it gets about half the
    // messages and they wait behind each other there. Prefetch 1 ("fair dispatch"): a busy
    // consumer gets nothing new, so the fast one takes most, and messages wait less.
    auto scenario = [](int prefetch) {
        Spec s;
        s.name = "fairness";
        s.durationS = 400;
        s.warmupS = 20;
        s.bucketS = 10;
        s.seed = 9;
        s.workload.entry = 0;
        s.workload.ratePerS = 150;
        s.workload.requests = {{"order", 1}};
        Component pub;
        pub.id = "shop";
        pub.threads = 64;
        Step p;
        p.kind = Step::Kind::Publish;
        p.target = 1;
        p.request = "placed";
        pub.handlers.push_back({"order", {p}});
        Component q;
        q.id = "events";
        q.kind = ComponentKind::Queue;
        q.publishLatency = Distribution::constant(0.2);
        q.deliveryLatency = Distribution::constant(0.2);
        q.consumers = {{2, 1, prefetch}, {3, 1, prefetch}};
        Component fast;
        fast.id = "fast";
        fast.threads = 64;
        fast.handlers.push_back({"placed", {cpu(1)}});
        Component slow;
        slow.id = "slow";
        slow.threads = 64;
        slow.cpuCores = 64; // its 10 ms are a wait, not a shared core
        Step io;
        io.kind = Step::Kind::Io;
        io.duration = Distribution::exponential(10);
        slow.handlers.push_back({"placed", {io}});
        s.components = {pub, q, fast, slow};
        return runChecked(s);
    };
    const RunResult ten = scenario(10);
    const RunResult one = scenario(1);
    auto slowShare = [](const RunResult &r) {
        const double f = r.component("fast")->completed, s = r.component("slow")->completed;
        return s / (f + s);
    };
    qInfo("slow consumer's share: prefetch 10 %.3f, prefetch 1 %.3f; message age %.2f vs %.2f ms",
          slowShare(ten),
          slowShare(one),
          ten.component("events")->messageAgeMs.mean,
          one.component("events")->messageAgeMs.mean);
    QVERIFY2(std::abs(slowShare(ten) - 0.5) < 0.05, qPrintable(QString::number(slowShare(ten))));
    QVERIFY2(slowShare(one) < slowShare(ten) - 0.1, qPrintable(QString::number(slowShare(one))));
    QVERIFY(one.component("events")->messageAgeMs.mean
            < ten.component("events")->messageAgeMs.mean);
}

QTEST_GUILESS_MAIN(tst_CacheQueueBehaviour)
#include "tst_cachequeuebehaviour.moc"
