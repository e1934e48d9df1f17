// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: the cache model's approx_lru (Sim::CacheStore, Eviction::ApproxLru) against a
// reference emulator of Redis's allkeys-lru written here from Redis's source (evict.c:
// getLRUClock, estimateObjectIdleTime, evictionPoolPopulate, performEvictions; object.c and
// db.c: createObject and lookupKey set o->lru = LRU_CLOCK(); dict.c: dictGetSomeKeys;
// server.c: serverCron refreshes the cached clock server.hz = 10 times a second).
//
// The reference is a different implementation of the same rules, and goes further than the
// model where the model simplifies: it keeps the keys in a chained hash table of a power-of-
// two size that doubles when full, as dict.c does, samples them with dictGetSomeKeys
// (consecutive buckets from a random one, jumping after a run of empty ones) where the model
// draws maxmemory-samples distinct keys uniformly, and refreshes its clock in a cron 10 times
// a second at a phase of its own. Both are fed the same Poisson stream of Zipf-popular keys
// (look-aside: a miss stores the key) at request rates from 1 to 100,000 per second, and
// their hit ratios must agree within 5 standard errors of the paired difference over
// independent replications.
#include "CacheStore.h"
#include "Zipf.h"

#include "TestSupport.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

namespace {

/** Redis's allkeys-lru on a key-count limit, as evict.c, object.c and dict.c do it. */
class RedisLruReference
{
public:
    RedisLruReference(std::size_t maxKeys, unsigned samples, std::uint64_t seed)
        : m_maxKeys(maxKeys)
        , m_samples(samples)
        , m_random(seed)
        , m_hashSeed(seed * 0x9e3779b97f4a7c15ull + 1)
        , m_table(4) // DICT_HT_INITIAL_SIZE
    {}

    /** A GET at `nowMs`, and a SET of the key when it missed. Returns whether it hit. */
    bool access(std::uint64_t key, double nowMs)
    {
        cron(nowMs);
        if (Entry *e = find(key)) {
            e->lru = m_lruclock; // db.c lookupKey: val->lru = LRU_CLOCK()
            return true;
        }
        if (m_used >= m_maxKeys)
            evictOne(); // performEvictions, before the command that needs memory
        add(key);       // object.c createObject: o->lru = LRU_CLOCK()
        return false;
    }

    std::size_t size() const { return m_used; }

private:
    static constexpr unsigned kPoolSize = 16;                  // EVPOOL_SIZE
    static constexpr std::uint32_t kClockMax = (1u << 24) - 1; // LRU_CLOCK_MAX
    static constexpr double kResolutionMs = 1000;              // LRU_CLOCK_RESOLUTION
    static constexpr double kCronMs = 100;                     // 1000 / server.hz
    static constexpr double kCronPhaseMs = 37;                 // the cron's own phase

    struct Entry
    {
        std::uint64_t key;
        std::uint32_t lru;
    };
    struct PoolEntry
    {
        unsigned long long idle = 0;
        std::uint64_t key = 0;
        bool used = false; // key != NULL
    };

    /** serverCron: server.lruclock = getLRUClock() = (mstime() / resolution) & MAX. */
    void cron(double nowMs)
    {
        while (m_nextCronMs <= nowMs) {
            m_lruclock = static_cast<std::uint32_t>(
                             static_cast<std::uint64_t>(m_nextCronMs / kResolutionMs))
                         & kClockMax;
            m_nextCronMs += kCronMs;
        }
    }

    unsigned long long estimateObjectIdleTime(const Entry &o) const
    {
        if (m_lruclock >= o.lru)
            return static_cast<unsigned long long>(m_lruclock - o.lru) * kResolutionMs;
        return static_cast<unsigned long long>(m_lruclock + (kClockMax - o.lru)) * kResolutionMs;
    }

    std::size_t bucketOf(std::uint64_t key) const
    {
        std::uint64_t z = key ^ m_hashSeed; // a seeded hash, as siphash is seeded in Redis
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        return static_cast<std::size_t>(z & (m_table.size() - 1));
    }

    Entry *find(std::uint64_t key)
    {
        for (Entry &e : m_table[bucketOf(key)]) {
            if (e.key == key)
                return &e;
        }
        return nullptr;
    }

    void add(std::uint64_t key)
    {
        if (m_used >= m_table.size()) {
            // _dictExpandIfNeeded at a 1:1 ratio: a table twice the size (rehashed at once
            // here; Redis moves the buckets over incrementally)
            std::vector<std::vector<Entry>> old(m_table.size() * 2);
            old.swap(m_table);
            for (const std::vector<Entry> &chain : old) {
                for (auto it = chain.rbegin(); it != chain.rend(); ++it)
                    insertHead(*it);
            }
        }
        insertHead({key, m_lruclock});
        ++m_used;
    }

    void insertHead(const Entry &e)
    {
        std::vector<Entry> &chain = m_table[bucketOf(e.key)];
        chain.insert(chain.begin(), e); // new entries go to the head of the chain
    }

    void remove(std::uint64_t key)
    {
        std::vector<Entry> &chain = m_table[bucketOf(key)];
        for (auto it = chain.begin(); it != chain.end(); ++it) {
            if (it->key == key) {
                chain.erase(it);
                --m_used;
                return;
            }
        }
    }

    /** dict.c dictGetSomeKeys, for a table that is not rehashing. */
    std::vector<const Entry *> dictGetSomeKeys(unsigned count)
    {
        std::vector<const Entry *> out;
        if (m_used < count)
            count = static_cast<unsigned>(m_used);
        unsigned long maxsteps = count * 10ul;
        const std::size_t mask = m_table.size() - 1;
        std::size_t i = m_random() & mask;
        unsigned long emptylen = 0;
        while (out.size() < count && maxsteps--) {
            const std::vector<Entry> &chain = m_table[i];
            if (chain.empty()) {
                ++emptylen;
                if (emptylen >= 5 && emptylen > count) {
                    i = m_random() & mask;
                    emptylen = 0;
                }
            } else {
                emptylen = 0;
                for (const Entry &e : chain) {
                    out.push_back(&e);
                    if (out.size() == count)
                        return out;
                }
            }
            i = (i + 1) & mask;
        }
        return out;
    }

    /** evict.c evictionPoolPopulate, with allkeys-lru. */
    void evictionPoolPopulate()
    {
        for (const Entry *de : dictGetSomeKeys(m_samples)) {
            const unsigned long long idle = estimateObjectIdleTime(*de);
            PoolEntry *pool = m_pool;
            unsigned k = 0;
            while (k < kPoolSize && pool[k].used && pool[k].idle < idle)
                k++;
            if (k == 0 && pool[kPoolSize - 1].used) {
                continue;
            } else if (k < kPoolSize && !pool[k].used) {
                // inserting into an empty position
            } else {
                if (!pool[kPoolSize - 1].used) {
                    for (unsigned m = kPoolSize - 1; m > k; --m) // memmove right
                        pool[m] = pool[m - 1];
                } else {
                    k--;
                    for (unsigned m = 0; m < k; ++m) // memmove left, dropping pool[0]
                        pool[m] = pool[m + 1];
                }
            }
            pool[k].key = de->key;
            pool[k].idle = idle;
            pool[k].used = true;
        }
    }

    /** evict.c performEvictions: one key, the best in the pool that still exists. */
    void evictOne()
    {
        for (;;) {
            evictionPoolPopulate();
            for (int k = kPoolSize - 1; k >= 0; k--) {
                if (!m_pool[k].used)
                    continue;
                const std::uint64_t key = m_pool[k].key;
                m_pool[k].used = false;
                m_pool[k].idle = 0;
                if (find(key)) {
                    remove(key);
                    return;
                }
                // a ghost: try the next
            }
        }
    }

    std::size_t m_maxKeys;
    unsigned m_samples;
    std::mt19937_64 m_random;
    std::uint64_t m_hashSeed;
    std::vector<std::vector<Entry>> m_table;
    std::size_t m_used = 0;
    PoolEntry m_pool[kPoolSize];
    std::uint32_t m_lruclock = 0;
    double m_nextCronMs = kCronPhaseMs;
};

struct Trial
{
    double model = 0, reference = 0, exact = 0, random = 0; // hit ratios
};

/**
 * One replication: `lookups` Poisson requests at `ratePerS` over Zipf(`zipf`) keys, into a
 * cache of `capacity` keys; the hit ratio after the first `warmup` lookups, of the model's
 * approx_lru, the reference, exact LRU and random eviction.
 */
Trial runTrial(double ratePerS,
               std::uint64_t keys,
               double zipf,
               std::size_t capacity,
               int lookups,
               int warmup,
               std::uint64_t seed)
{
    Sim::Random traceRng(seed, 0, 1), modelRng(seed, 0, 2), exactRng(seed, 0, 3),
        randomRng(seed, 0, 4);
    Sim::ZipfSampler sampler(keys, zipf);
    Sim::CacheStore model(Sim::Eviction::ApproxLru, capacity, keys, 5, &modelRng);
    Sim::CacheStore exact(Sim::Eviction::Lru, capacity, keys, 5, &exactRng);
    Sim::CacheStore random(Sim::Eviction::Random, capacity, keys, 5, &randomRng);
    RedisLruReference reference(capacity, 5, seed * 7919 + 13);
    auto lookup = [](Sim::CacheStore &store, std::uint64_t key, Sim::Tick now) {
        if (store.lookup(key, now) == Sim::CacheStore::Lookup::Hit)
            return true;
        store.insert(key, now, 0);
        return false;
    };
    double t = 0; // seconds
    int hits[4] = {};
    for (int i = 0; i < lookups; ++i) {
        t += traceRng.exponential(1.0 / ratePerS);
        const auto now = static_cast<Sim::Tick>(t * 1e9);
        const std::uint64_t key = sampler.sample(traceRng) - 1;
        const bool h[4] = {lookup(model, key, now),
                           reference.access(key, t * 1e3),
                           lookup(exact, key, now),
                           lookup(random, key, now)};
        if (i >= warmup) {
            for (int k = 0; k < 4; ++k)
                hits[k] += h[k] ? 1 : 0;
        }
    }
    const double n = lookups - warmup;
    return {hits[0] / n, hits[1] / n, hits[2] / n, hits[3] / n};
}

} // namespace

class tst_RedisLru : public QObject
{
    Q_OBJECT

private slots:
    void poolKeepsTheMostIdle();
    void againstTheReference_data();
    void againstTheReference();
};

void tst_RedisLru::poolKeepsTheMostIdle()
{
    // At a low rate the clock tells the keys apart: 8 keys stored a second apart into a cache
    // of 8, then the four newest read again; every further key evicts the most idle of them,
    // in order (with 5 samples of 8 and a pool of 16 that remembers earlier samples).
    Sim::Random rng(3, 0, 0);
    // keys 0..7 and 100..103: a key space of 104 (keys are in [0, keySpace))
    Sim::CacheStore store(Sim::Eviction::ApproxLru, 8, 104, 8, &rng);
    for (int k = 0; k < 8; ++k)
        store.insert(static_cast<std::uint64_t>(k), Sim::Tick(k) * Sim::kTicksPerSecond, 0);
    for (int k = 4; k < 8; ++k)
        QVERIFY(store.lookup(static_cast<std::uint64_t>(k), 10 * Sim::kTicksPerSecond)
                == Sim::CacheStore::Lookup::Hit);
    // samples = 8 = every key: the first eviction sees them all
    for (int k = 0; k < 4; ++k) {
        store.insert(100 + static_cast<std::uint64_t>(k),
                     Sim::Tick(11 + k) * Sim::kTicksPerSecond,
                     0);
        QVERIFY2(!store.contains(static_cast<std::uint64_t>(k)), qPrintable(QString::number(k)));
        for (int j = k + 1; j < 8; ++j)
            QVERIFY(store.contains(static_cast<std::uint64_t>(j)));
    }
    // at one instant the clock cannot tell them apart: all idle 0 s
    QCOMPARE(Sim::CacheStore::idleMs(Sim::CacheStore::lruClock(5'400'000'000),
                                     Sim::CacheStore::lruClock(5'000'000'000)),
             std::uint64_t(0));
    QCOMPARE(Sim::CacheStore::idleMs(Sim::CacheStore::lruClock(6'000'000'000),
                                     Sim::CacheStore::lruClock(5'999'999'999)),
             std::uint64_t(1000));
    // the 24-bit clock wraps after 2^24 s (194 days)
    QCOMPARE(Sim::CacheStore::lruClock(Sim::Tick(1 << 24) * Sim::kTicksPerSecond), 0u);
    // (Redis's formula after a wrap: clock + (LRU_CLOCK_MAX - lru), one second short)
    QCOMPARE(Sim::CacheStore::idleMs(2, (1u << 24) - 2), std::uint64_t(3000));
}

void tst_RedisLru::againstTheReference_data()
{
    QTest::addColumn<double>("ratePerS");
    for (double rate : {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0})
        QTest::newRow(qPrintable(QStringLiteral("%1 requests/s").arg(rate))) << rate;
}

void tst_RedisLru::againstTheReference()
{
    // 10,000 keys of Zipf(0.9) popularity into 1,000 slots, 5 samples; 10 replications of
    // 120,000 lookups, the first 20,000 (about 7 times the cache's turnover) not counted
    QFETCH(double, ratePerS);
    const int replications = 10, lookups = 120000, warmup = 20000;
    std::vector<Trial> trials;
    for (int r = 0; r < replications; ++r)
        trials.push_back(runTrial(ratePerS, 10000, 0.9, 1000, lookups, warmup, 100 + r));
    auto meanSe = [&](auto figure) {
        double sum = 0, sq = 0;
        for (const Trial &t : trials)
            sum += figure(t);
        const double mean = sum / replications;
        for (const Trial &t : trials)
            sq += (figure(t) - mean) * (figure(t) - mean);
        return std::make_pair(mean, std::sqrt(sq / (replications - 1) / replications));
    };
    const auto [model, modelSe] = meanSe([](const Trial &t) { return t.model; });
    const auto [reference, referenceSe] = meanSe([](const Trial &t) { return t.reference; });
    const auto [exact, exactSe] = meanSe([](const Trial &t) { return t.exact; });
    const auto [random, randomSe] = meanSe([](const Trial &t) { return t.random; });
    const auto [diff, diffSe] = meanSe([](const Trial &t) { return t.model - t.reference; });
    qInfo("rate %g/s: hit ratio approx_lru %.5f (se %.5f), Redis reference %.5f (se %.5f), "
          "exact LRU %.5f, random %.5f",
          ratePerS,
          model,
          modelSe,
          reference,
          referenceSe,
          exact,
          random);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("approx_lru at %1 requests/s: hit ratio against the "
                                         "Redis reference (paired, 5 SE)")
                              .arg(ratePerS),
                          reference,
                          model,
                          5 * diffSe);
    (void) diff;
    (void) exactSe;
    (void) randomSe;
}

QTEST_GUILESS_MAIN(tst_RedisLru)
#include "tst_redislru.moc"
