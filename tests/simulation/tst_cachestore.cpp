// SPDX-License-Identifier: GPL-3.0-or-later
// The exact eviction policies against straightforward reference caches written here and
// fed the same key stream: hit counts must be identical, not merely close.
#include "CacheStore.h"
#include "Zipf.h"

#include <QtTest>

#include <list>
#include <map>
#include <unordered_map>

namespace {

/** Reference LRU / FIFO: a std::list in recency (or insertion) order. */
class ListCache
{
public:
    ListCache(std::size_t capacity, bool moveOnHit)
        : m_capacity(capacity)
        , m_moveOnHit(moveOnHit)
    {}
    bool access(std::uint64_t key)
    {
        const auto it = m_pos.find(key);
        if (it != m_pos.end()) {
            if (m_moveOnHit)
                m_order.splice(m_order.begin(), m_order, it->second);
            return true;
        }
        if (m_order.size() >= m_capacity) {
            m_pos.erase(m_order.back());
            m_order.pop_back();
        }
        m_order.push_front(key);
        m_pos[key] = m_order.begin();
        return false;
    }

private:
    std::size_t m_capacity;
    bool m_moveOnHit;
    std::list<std::uint64_t> m_order;
    std::unordered_map<std::uint64_t, std::list<std::uint64_t>::iterator> m_pos;
};

/** Reference in-cache LFU: a linear scan for the lowest (count, last access). */
class ScanLfu
{
public:
    explicit ScanLfu(std::size_t capacity)
        : m_capacity(capacity)
    {}
    bool access(std::uint64_t key)
    {
        ++m_clock;
        const auto it = m_entries.find(key);
        if (it != m_entries.end()) {
            ++it->second.first;
            it->second.second = m_clock;
            return true;
        }
        if (m_entries.size() >= m_capacity) {
            auto victim = m_entries.begin();
            for (auto e = m_entries.begin(); e != m_entries.end(); ++e) {
                if (e->second < victim->second)
                    victim = e;
            }
            m_entries.erase(victim);
        }
        m_entries[key] = {1, m_clock};
        return false;
    }

private:
    std::size_t m_capacity;
    std::uint64_t m_clock = 0;
    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>>
        m_entries; // count, last access
};

} // namespace

class tst_CacheStore : public QObject
{
    Q_OBJECT

private slots:
    void exactPolicies_data();
    void exactPolicies();
    void ttlExpiry();
    void randomAndApproximateKeepCapacity_data();
    void randomAndApproximateKeepCapacity();
    void zeroCapacityNeverHits();
};

void tst_CacheStore::exactPolicies_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("capacity");
    QTest::addColumn<double>("alpha");
    for (int cap : {1, 50, 700}) {
        for (double alpha : {0.0, 0.8, 1.2}) {
            const QByteArray tag = QByteArray::number(cap) + "/" + QByteArray::number(alpha);
            QTest::newRow("lru " + tag) << int(Sim::Eviction::Lru) << cap << alpha;
            QTest::newRow("fifo " + tag) << int(Sim::Eviction::Fifo) << cap << alpha;
            QTest::newRow("lfu " + tag) << int(Sim::Eviction::Lfu) << cap << alpha;
        }
    }
}

void tst_CacheStore::exactPolicies()
{
    QFETCH(int, policy);
    QFETCH(int, capacity);
    QFETCH(double, alpha);
    const auto eviction = static_cast<Sim::Eviction>(policy);
    const std::uint64_t keys = 5000;
    Sim::Random storeRng(1, 0, 0), keyRng(2, 0, 0);
    Sim::CacheStore store(eviction, static_cast<std::uint64_t>(capacity), keys, 5, &storeRng);
    ListCache lru(static_cast<std::size_t>(capacity), true),
        fifo(static_cast<std::size_t>(capacity), false);
    ScanLfu lfu(static_cast<std::size_t>(capacity));
    Sim::ZipfSampler zipf(keys, alpha);
    std::uint64_t hits = 0, refHits = 0, evictions = 0;
    const int n = capacity > 100 ? 60000 : 120000;
    for (int i = 0; i < n; ++i) {
        const std::uint64_t key = zipf.sample(keyRng) - 1;
        const bool hit = store.lookup(key, 0) == Sim::CacheStore::Lookup::Hit;
        if (!hit) {
            if (store.size() >= static_cast<std::uint64_t>(capacity))
                ++evictions;
            store.insert(key, 0, 0);
        }
        hits += hit ? 1 : 0;
        const bool refHit = eviction == Sim::Eviction::Lru    ? lru.access(key)
                            : eviction == Sim::Eviction::Fifo ? fifo.access(key)
                                                              : lfu.access(key);
        refHits += refHit ? 1 : 0;
        QCOMPARE(hit, refHit);
    }
    QCOMPARE(hits, refHits);
    QCOMPARE(store.evictions(), evictions);
    QVERIFY(store.size() <= static_cast<std::uint64_t>(capacity));
}

void tst_CacheStore::ttlExpiry()
{
    Sim::Random rng(1, 0, 0);
    Sim::CacheStore store(Sim::Eviction::Lru, 10, 100, 5, &rng);
    store.insert(7, 0, 100);
    QVERIFY(store.lookup(7, 99) == Sim::CacheStore::Lookup::Hit);
    QVERIFY(store.lookup(7, 100) == Sim::CacheStore::Lookup::Expired);
    store.expire(7);
    QCOMPARE(store.expirations(), 1u);
    QVERIFY(store.lookup(7, 101) == Sim::CacheStore::Lookup::Miss);
    store.insert(8, 0, 0); // no expiry
    QVERIFY(store.lookup(8, 1'000'000'000'000) == Sim::CacheStore::Lookup::Hit);
}

void tst_CacheStore::randomAndApproximateKeepCapacity_data()
{
    QTest::addColumn<int>("policy");
    QTest::newRow("random") << int(Sim::Eviction::Random);
    QTest::newRow("approx_lru") << int(Sim::Eviction::ApproxLru);
    QTest::newRow("approx_lfu") << int(Sim::Eviction::ApproxLfu);
    QTest::newRow("segmented_lru") << int(Sim::Eviction::SegmentedLru);
}

void tst_CacheStore::randomAndApproximateKeepCapacity()
{
    // the approximate policies keep the capacity and do better than random on skewed keys
    QFETCH(int, policy);
    Sim::Random rng(1, 0, 0), keyRng(4, 0, 0), randomRng(1, 0, 0), keyRng2(4, 0, 0);
    Sim::CacheStore store(static_cast<Sim::Eviction>(policy), 200, 20000, 5, &rng);
    Sim::CacheStore random(Sim::Eviction::Random, 200, 20000, 5, &randomRng);
    Sim::ZipfSampler zipf(20000, 1.0);
    std::uint64_t hits = 0, randomHits = 0;
    for (int i = 0; i < 200000; ++i) {
        const Sim::Tick now = static_cast<Sim::Tick>(i) * 1'000'000; // 1 ms apart
        std::uint64_t key = zipf.sample(keyRng) - 1;
        if (store.lookup(key, now) == Sim::CacheStore::Lookup::Hit)
            ++hits;
        else
            store.insert(key, now, 0);
        key = zipf.sample(keyRng2) - 1;
        if (random.lookup(key, now) == Sim::CacheStore::Lookup::Hit)
            ++randomHits;
        else
            random.insert(key, now, 0);
        QVERIFY(store.size() <= 200);
    }
    QCOMPARE(store.size(), 200u);
    if (policy != int(Sim::Eviction::Random))
        QVERIFY2(hits > randomHits,
                 qPrintable(QStringLiteral("%1 vs random %2").arg(hits).arg(randomHits)));
}

void tst_CacheStore::zeroCapacityNeverHits()
{
    Sim::Random rng(1, 0, 0);
    Sim::CacheStore store(Sim::Eviction::Lru, 0, 10, 5, &rng);
    for (int i = 0; i < 100; ++i) {
        QVERIFY(store.lookup(3, i) == Sim::CacheStore::Lookup::Miss);
        store.insert(3, i, 0);
    }
    QCOMPARE(store.size(), 0u);
}

QTEST_GUILESS_MAIN(tst_CacheStore)
#include "tst_cachestore.moc"
