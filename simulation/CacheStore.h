// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Random.h"
#include "Spec.h"

#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

namespace Sim {

using Eviction = EvictionPolicy;

const char *evictionName(Eviction e);

/**
 * The key store of one cache: which keys are resident, their expiry, and eviction.
 * Keys are integers in [0, keySpace). Pure data structure (no events), so the tests can
 * drive it with a key stream and compare with a reference implementation.
 */
class CacheStore
{
public:
    enum class Lookup : std::uint8_t { Hit, Miss, Expired };

    CacheStore(Eviction eviction,
               std::uint64_t capacity,
               std::uint64_t keySpace,
               int samples,
               Random *rng);

    /**
     * Looks a key up at `now`. A hit counts as an access (recency, frequency). Expired: the
     * key is resident but past its expiry; it stays until the caller removes or refreshes it.
     */
    Lookup lookup(std::uint64_t key, Tick now);
    /** Stores (or refreshes) a key; evicts first when the cache is full. */
    void insert(std::uint64_t key, Tick now, Tick expiresAt);
    /** Removes an expired key (counted as an expiration). */
    void expire(std::uint64_t key);
    bool contains(std::uint64_t key) const { return slotOf(key) != kNone; }
    /** Resident and not expired at `now`; does not count as an access. */
    bool fresh(std::uint64_t key, Tick now) const
    {
        const std::uint32_t s = slotOf(key);
        return s != kNone && (m_slots[s].expires == 0 || m_slots[s].expires > now);
    }

    std::uint64_t size() const { return m_size; }
    std::uint64_t evictions() const { return m_evictions; }
    std::uint64_t expirations() const { return m_expirations; }

    // Redis's LRU clock (evict.c, server.h): 24 bits of seconds, wrapping after 194 days
    static constexpr std::uint32_t kLruClockMax = (1u << 24) - 1; ///< LRU_CLOCK_MAX
    static constexpr Tick kLruResolution = kTicksPerSecond;       ///< LRU_CLOCK_RESOLUTION
    static constexpr int kPoolSize = 16;                          ///< EVPOOL_SIZE
    /** getLRUClock() at `now`: whole seconds, modulo 2^24. */
    static std::uint32_t lruClock(Tick now)
    {
        return static_cast<std::uint32_t>((now / kLruResolution) & kLruClockMax);
    }
    /** estimateObjectIdleTime(): ms since an object's clock `lru`, as Redis computes it
     *  (including its off-by-one after the clock wraps). */
    static std::uint64_t idleMs(std::uint32_t clock, std::uint32_t lru)
    {
        const std::uint64_t seconds = clock >= lru ? clock - lru : clock + (kLruClockMax - lru);
        return seconds * 1000;
    }

    // Redis LFU parameters (redis.conf defaults)
    static constexpr int kLfuInitVal = 5;
    static constexpr int kLfuLogFactor = 10;
    static constexpr Tick kLfuDecayTicks = 60 * kTicksPerSecond; // lfu-decay-time 1 minute

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;
    enum Segment : std::uint8_t { Hot, Warm, Cold, None };

    struct Slot
    {
        std::uint64_t key = 0;
        Tick expires = 0;
        std::uint64_t freq = 0;       ///< Lfu: hits while resident; ApproxLfu: log counter
        std::uint64_t lastAccess = 0; ///< access sequence number
        Tick lastDecay = 0;           ///< ApproxLfu
        std::uint32_t lru = 0;        ///< ApproxLru: lruClock() at its last access
        std::uint32_t prev = kNone, next = kNone;
        std::uint32_t dense = kNone; ///< position in m_dense
        Segment segment = None;
        bool active = false; ///< SegmentedLru: hit since it entered its segment
    };
    struct List
    {
        std::uint32_t head = kNone, tail = kNone;
        std::uint64_t size = 0;
    };

    std::uint32_t slotOf(std::uint64_t key) const;
    void setSlot(std::uint64_t key, std::uint32_t slot);
    void clearSlot(std::uint64_t key);
    void listPushFront(List &l, std::uint32_t s);
    void listRemove(List &l, std::uint32_t s);
    List &listOf(Segment seg);
    void touch(std::uint32_t s, Tick now);
    void evictOne(Tick now);
    void removeSlot(std::uint32_t s);
    std::uint32_t sampleVictim(bool byCounter, Tick now);
    std::uint32_t poolVictim(Tick now);
    void poolPopulate(Tick now);
    std::size_t bucketOf(std::uint64_t key) const;
    void dictAdd(std::uint32_t slot);
    void dictRemove(std::uint32_t slot);
    void dictGetSomeKeys(std::uint32_t count);
    void lfuDecay(Slot &slot, Tick now);
    void balanceSegments();

    Eviction m_eviction;
    std::uint64_t m_capacity;
    int m_samples;
    Random *m_rng;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::vector<std::uint32_t> m_direct;                    ///< key -> slot, for small key spaces
    std::unordered_map<std::uint64_t, std::uint32_t> m_map; ///< key -> slot, otherwise
    bool m_useDirect;
    std::vector<std::uint32_t> m_dense; ///< resident slots, for random sampling
    List m_lists[3];                    ///< Lru/Fifo use [0]; SegmentedLru HOT, WARM, COLD
    std::set<std::tuple<std::uint64_t, std::uint64_t, std::uint32_t>>
        m_lfu; ///< (freq, lastAccess, slot)
    /// ApproxLru: Redis's eviction pool, best candidate (most idle) last; `used` = has a key
    struct PoolEntry
    {
        std::uint64_t idle = 0;
        std::uint64_t key = 0;
        bool used = false;
    };
    PoolEntry m_pool[kPoolSize];
    std::vector<std::uint32_t> m_sampled; ///< scratch of poolPopulate
    /// ApproxLru: the resident keys in a chained hash table as Redis's dict keeps them (a
    /// power-of-two size that doubles when full, new entries at the head of their chain),
    /// for dictGetSomeKeys' sampling of consecutive buckets
    std::vector<std::vector<std::uint32_t>> m_buckets;
    std::uint64_t m_size = 0;
    std::uint64_t m_accessSeq = 0;
    std::uint64_t m_evictions = 0;
    std::uint64_t m_expirations = 0;
};

} // namespace Sim
