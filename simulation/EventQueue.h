// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GrowArray.h"
#include "Spec.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace Sim {

/** A small POD event. `a` and `b` are the handler's own payload (indices, tokens). */
struct Event
{
    Tick time;
    std::uint64_t seq; ///< insertion order: ties at the same time go first-scheduled-first
    std::uint32_t type;
    std::uint32_t a;
    std::uint64_t b;
};
static_assert(sizeof(Event) == 32);

/**
 * Future event list: a ladder queue (Tang, Goh and Thng, "Ladder queue: an O(1) priority
 * queue structure for large-scale discrete event simulation", ACM TOMACS 15(3), 2005) whose
 * bottom is a sorted run with a small 4-ary heap beside it. Events come out in (time, seq)
 * order, exactly as from one heap: same-time events run in the order they were scheduled, so
 * runs are deterministic.
 *
 * - The bottom holds every event earlier than `bottomEnd`: the run, the events of the
 *   buckets taken from the rungs, sorted, consumed from the front; and the heap, a 4-ary
 *   min-heap on (time, seq) of the events pushed into that range afterwards. The next event
 *   is the earlier of the run's front and the heap's top.
 * - Rungs hold the events from `bottomEnd` on, unsorted, in buckets of 2^shift ticks. Rung 0
 *   is the coarsest; each deeper rung subdivides the bucket of the rung above it that is
 *   being consumed, so the rungs cover consecutive ranges of time, the deepest first.
 * - The top holds the events beyond rung 0, unsorted.
 *
 * A push appends to a bucket (or to the top) in O(1); when the run holds fewer than kAhead
 * events, the next bucket of the deepest rung is sorted onto its end, or, if it holds more
 * than kSpawn events, is spread over a new, finer rung. When the rungs are used up, the top
 * becomes a new rung 0 whose buckets are sized for about kTarget events each. The bottom
 * thus stays a few dozen events deep however many are pending, and the cost per event does
 * not grow with log n as a single heap's does (docs/performance.md, issue 14). A heap that
 * grows past its limit (events scheduled just ahead of the clock, before rung 0 has been
 * laid out over them) is spread, with the run, over a new deepest rung.
 *
 * The run keeps the next kAhead or so events in the order they will (mostly) come out:
 * `ahead(k)` lets the engine prefetch the state those events will touch while it handles
 * the earlier ones.
 *
 * A bucket is a list of chunks of kChunkEvents events from one pool with a free list: a
 * bucket that is taken gives its chunks back, and the next push anywhere takes the one
 * freed last (still in cache). Nothing is allocated or copied once the pool has grown to
 * the most events pending, where buckets that were vectors each grew and copied their own
 * storage, and a rung of more buckets than before allocated new ones (docs/performance.md,
 * issue 14).
 *
 * Written by hand: no Debian library offers a priority queue with this key, O(1) operations
 * and no allocation in steady state.
 */
class EventQueue
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    void reserve(std::size_t n)
    {
        if (n > m_heap.size())
            m_heap.resize(n);
        if (n > m_run.size())
            m_run.resize(n);
    }

    void push(Tick time, std::uint32_t type, std::uint32_t a, std::uint64_t b = 0)
    {
        const Event e{time, m_nextSeq++, type, a, b};
        ++m_size;
        if (time < m_bottomEnd) {
            heapPush(e);
            if (m_heapSize > m_heapLimit)
                spillBottom();
            return;
        }
        place(e);
    }

    /// The earliest event; the queue must not be empty.
    const Event &top()
    {
        settle();
        m_topInRun = m_heapSize == 0 || (m_runPos < m_runEnd && less(m_run[m_runPos], m_heap[0]));
        return m_topInRun ? m_run[m_runPos] : m_heap[0];
    }

    /// Removes and returns the earliest event; the queue must not be empty.
    Event pop()
    {
        top();
        return popSettled();
    }

    /// The earliest event, removed: after top(), with no push in between (top() found where
    /// it is, the run's front or the heap's top).
    Event popSettled()
    {
        --m_size;
        if (m_topInRun)
            return m_run[m_runPos++];
        return heapPop();
    }

    /// A sequence number for an event its owner keeps outside the queue (see runsBeforeTop).
    std::uint64_t takeSeq() { return m_nextSeq++; }
    /// Whether an event kept outside with this time and sequence number goes before the top.
    bool runsBeforeTop(Tick time, std::uint64_t seq)
    {
        if (m_size == 0)
            return true;
        settle();
        return less(Event{time, seq, 0, 0, 0}, front());
    }
    static bool less(const Event &x, const Event &y)
    {
        return x.time < y.time || (x.time == y.time && x.seq < y.seq);
    }

    /// The k-th event of the run after its front (k = 0: the front), or null: events that
    /// will come out soon, in order (events pushed meanwhile may come between them). For
    /// prefetching only.
    const Event *ahead(std::size_t k) const
    {
        return m_runPos + k < m_runEnd ? &m_run[m_runPos + k] : nullptr;
    }

    /// Rungs in use (for the tests).
    std::size_t rungs() const { return m_rungCount; }

    /// About the memory it holds: the bottom's and the top's storage and the pending events
    /// (twice, for the buckets' spare storage). O(1), for the engine's memory budget.
    std::size_t bytes() const
    {
        std::size_t b = (m_heap.capacity() + m_run.capacity() + m_top.capacity()) * sizeof(Event)
                        + m_chunks.size() * sizeof(Chunk)
                        + m_freeChunks.capacity() * sizeof(std::uint32_t);
        for (const Rung &g : m_rungs)
            b += g.buckets.capacity() * sizeof(Bucket);
        return b;
    }

    /// Empties the queue and gives its memory back.
    void release() { *this = EventQueue(); }

private:
    static constexpr std::size_t kSpawn = 48; ///< a larger bucket gets a rung of its own
    /// events per bucket a new rung aims at: 32 rather than 8 takes a bucket (and waits for
    /// its chunks and the next bucket's) a quarter as often; with a million requests in
    /// flight about 10% less time per event, the same with few (docs/performance.md, 18:10)
    static constexpr std::size_t kTarget = 32;
    static constexpr std::size_t kAhead = 16;    ///< the run is topped up below this many
    static constexpr std::size_t kHeapMin = 256; ///< the heap may hold this many before a spill
    static constexpr std::uint32_t kMaxRungs = 24;
    static constexpr std::uint32_t kChunkEvents = 7;   ///< a chunk is 256 bytes, 4 cache lines
    static constexpr std::uint32_t kBlockChunks = 256; ///< the pool grows by 64 KiB
    static constexpr std::uint32_t kNil = 0xffffffffu;

    struct alignas(64) Chunk
    {
        std::uint32_t next;
        std::uint32_t count;
        Event events[kChunkEvents];
    };
    static_assert(sizeof(Chunk) == 256);

    /** A bucket: a list of chunks, each full but the last. */
    struct Bucket
    {
        std::uint32_t head = kNil, tail = kNil;
        std::uint32_t count = 0;
        bool empty() const { return count == 0; }
    };

    struct Rung
    {
        Tick start = 0;    ///< time of bucket 0
        Tick curStart = 0; ///< time of bucket `cur`, the first not yet consumed
        Tick end = 0;      ///< start + nb << shift
        int shift = 0;
        std::uint32_t cur = 0, nb = 0;
        std::size_t count = 0; ///< events in buckets [cur, nb)
        std::vector<Bucket> buckets;
    };

    // ---- the chunk pool

    Chunk &chunk(std::uint32_t c) { return m_chunks[c]; }

    std::uint32_t newChunk()
    {
        if (m_freeChunks.empty()) {
            // kBlockChunks more, given out lowest first
            const auto first = static_cast<std::uint32_t>(m_chunks.size());
            m_chunks.extend(kBlockChunks);
            m_freeChunks.reserve(m_chunks.size());
            for (std::uint32_t c = first + kBlockChunks; c-- > first;)
                m_freeChunks.push_back(c);
        }
        const std::uint32_t c = m_freeChunks.back();
        m_freeChunks.pop_back();
        return c;
    }

    void bucketPush(Bucket &b, const Event &e)
    {
        if (b.tail == kNil || chunk(b.tail).count == kChunkEvents) {
            const std::uint32_t c = newChunk();
            Chunk &k = chunk(c);
            k.next = kNil;
            k.count = 0;
            if (b.tail == kNil)
                b.head = c;
            else
                chunk(b.tail).next = c;
            b.tail = c;
        }
        Chunk &t = chunk(b.tail);
        t.events[t.count++] = e;
        ++b.count;
    }

    /** Calls f(events, n) for each chunk of the bucket, gives its chunks back, empties it. */
    template<typename F>
    void takeBucket(Bucket &b, F f)
    {
        for (std::uint32_t c = b.head; c != kNil;) {
            Chunk &k = chunk(c);
            f(k.events, static_cast<std::size_t>(k.count));
            const std::uint32_t next = k.next;
            m_freeChunks.push_back(c);
            c = next;
        }
        b = Bucket{};
    }

    bool sameTime(const Bucket &b)
    {
        const Tick t = chunk(b.head).events[0].time;
        for (std::uint32_t c = b.head; c != kNil; c = chunk(c).next) {
            const Chunk &k = chunk(c);
            for (std::uint32_t i = 0; i < k.count; ++i) {
                if (k.events[i].time != t)
                    return false;
            }
        }
        return true;
    }

    /** The shift of a bucket width of about range * kTarget / n ticks (a power of two). */
    static int shiftFor(Tick range, std::size_t n)
    {
        const double width = static_cast<double>(range) * static_cast<double>(kTarget)
                             / static_cast<double>(std::max<std::size_t>(n, 1));
        int shift = 0;
        while (shift < 62 && static_cast<double>(Tick{1} << shift) < width)
            ++shift;
        return shift;
    }

    std::size_t inBottom() const { return m_runEnd - m_runPos + m_heapSize; }

    const Event &front() const
    {
        if (m_heapSize == 0 || (m_runPos < m_runEnd && less(m_run[m_runPos], m_heap[0])))
            return m_run[m_runPos];
        return m_heap[0];
    }

    // ---- the bottom's heap

    void heapPush(const Event &e)
    {
        if (m_heapSize == m_heap.size())
            m_heap.resize(m_heap.empty() ? 64 : 2 * m_heap.size());
        Event *h = m_heap.data();
        std::size_t i = m_heapSize++;
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!less(e, h[parent]))
                break;
            h[i] = h[parent];
            i = parent;
        }
        h[i] = e;
    }

    void siftDown(std::size_t i, const Event e, std::size_t n)
    {
        Event *h = m_heap.data();
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (less(h[c], h[best]))
                    best = c;
            }
            if (!less(h[best], e))
                break;
            h[i] = h[best];
            i = best;
        }
        h[i] = e;
    }

    Event heapPop()
    {
        Event *h = m_heap.data();
        const Event result = h[0];
        const std::size_t n = --m_heapSize;
        if (n > 0)
            siftDown(0, h[n], n);
        return result;
    }

    // ---- the bottom's run

    /** The bucket's events, all at or after the run's last event, sorted onto the run's end. */
    void appendRun(Bucket &bucket)
    {
        const std::size_t n = bucket.count;
        if (m_runPos == m_runEnd) {
            m_runPos = m_runEnd = 0;
        } else if (m_runEnd + n > m_run.size() && m_runPos > 0) {
            std::copy(m_run.begin() + static_cast<std::ptrdiff_t>(m_runPos),
                      m_run.begin() + static_cast<std::ptrdiff_t>(m_runEnd),
                      m_run.begin());
            m_runEnd -= m_runPos;
            m_runPos = 0;
        }
        if (m_runEnd + n > m_run.size())
            m_run.resize(std::max(m_runEnd + n, 2 * m_run.size()));
        Event *out = m_run.data() + m_runEnd;
        std::size_t filled = 0;
        takeBucket(bucket, [out, &filled](const Event *events, std::size_t k) {
            std::copy(events, events + k, out + filled);
            filled += k;
        });
        // insertion sort: a bucket is small, and often nearly in order already
        for (std::size_t i = 1; i < n; ++i) {
            const Event e = out[i];
            std::size_t k = i;
            for (; k > 0 && less(e, out[k - 1]); --k)
                out[k] = out[k - 1];
            out[k] = e;
        }
        m_runEnd += n;
    }

    // ---- rungs and top

    /** An event at or after bottomEnd: into the rung that covers it, or the top. */
    [[gnu::noinline]] void place(const Event &e)
    {
        if (e.time >= m_topStart) {
            if (m_top.empty() || e.time < m_topMin)
                m_topMin = e.time;
            if (m_top.empty() || e.time > m_topMax)
                m_topMax = e.time;
            m_top.push_back(e);
            return;
        }
        for (std::uint32_t r = 0;; ++r) {
            Rung &g = m_rungs[r];
            if (e.time >= g.curStart) {
                bucketPush(g.buckets[static_cast<std::size_t>((e.time - g.start) >> g.shift)], e);
                ++g.count;
                return;
            }
        }
    }

    /** Makes a rung with `nb` empty buckets the deepest; returns it. */
    Rung &newRung(Tick start, int shift, std::uint32_t nb)
    {
        Rung &g = m_rungs[m_rungCount++];
        g.start = start;
        g.shift = shift;
        g.nb = nb;
        g.cur = 0;
        g.curStart = start;
        g.end = start + (static_cast<Tick>(nb) << shift);
        g.count = 0;
        if (g.buckets.size() < nb)
            g.buckets.resize(nb); // new buckets are empty; used ones were emptied when taken
        return g;
    }

    void spread(Rung &g, const Event *events, std::size_t n)
    {
        for (std::size_t k = 0; k < n; ++k)
            bucketPush(g.buckets[static_cast<std::size_t>((events[k].time - g.start) >> g.shift)],
                       events[k]);
        g.count += n;
    }

    /** The top becomes rung 0 (there are no rungs). */
    void buildFromTop()
    {
        const Tick range = m_topMax - m_topMin + 1;
        const int shift = shiftFor(range, m_top.size());
        const auto nb = static_cast<std::uint32_t>(((m_topMax - m_topMin) >> shift) + 1);
        Rung &g = newRung(m_topMin, shift, nb);
        spread(g, m_top.data(), m_top.size());
        m_top.clear();
        m_topStart = g.end;
        m_bottomEnd = g.curStart;
    }

    /** The heap has grown past its limit: spread the bottom over a new deepest rung. */
    [[gnu::noinline]] void spillBottom()
    {
        const Tick lo = front().time;
        const Tick range = m_bottomEnd - lo;
        const std::size_t n = inBottom();
        if (range < 2 || m_rungCount >= kMaxRungs) {
            m_heapLimit *= 2;
            return;
        }
        const int shift = shiftFor(range, n);
        const Tick width = Tick{1} << shift;
        const auto nb = static_cast<std::uint32_t>((range + width - 1) >> shift);
        // the rung ends where the bottom did, at the rung above's first unconsumed bucket
        Rung &g = newRung(m_bottomEnd - (static_cast<Tick>(nb) << shift), shift, nb);
        g.cur = static_cast<std::uint32_t>((lo - g.start) >> shift);
        g.curStart = g.start + (static_cast<Tick>(g.cur) << shift);
        spread(g, m_heap.data(), m_heapSize);
        spread(g, m_run.data() + m_runPos, m_runEnd - m_runPos);
        m_heapSize = 0;
        m_runPos = m_runEnd = 0;
        m_bottomEnd = g.curStart;
        m_heapLimit = kHeapMin;
    }

    /**
     * Makes sure the bottom holds the earliest event if the queue is not empty, and tops the
     * run up to kAhead events while the rungs or the top hold any.
     */
    void settle()
    {
        if (m_runEnd - m_runPos >= kAhead || m_size == inBottom())
            return;
        refill();
    }

    void refill()
    {
        while (m_runEnd - m_runPos < kAhead && m_size > inBottom()) {
            if (m_rungCount == 0) {
                buildFromTop();
                continue;
            }
            Rung &g = m_rungs[m_rungCount - 1];
            if (g.count == 0) {
                // used up: the rung above resumes at its next bucket, where this one ended
                --m_rungCount;
                m_bottomEnd = m_rungCount > 0 ? m_rungs[m_rungCount - 1].curStart : m_topStart;
                continue;
            }
            while (g.buckets[g.cur].empty())
                ++g.cur;
            Bucket &bucket = g.buckets[g.cur];
            const Tick bucketStart = g.start + (static_cast<Tick>(g.cur) << g.shift);
            const int gShift = g.shift;
            ++g.cur;
            g.curStart = bucketStart + (Tick{1} << g.shift);
            g.count -= bucket.count;
            m_bottomEnd = g.curStart;
            if (bucket.count > kSpawn && g.shift > 0 && m_rungCount < kMaxRungs
                && !sameTime(bucket)) {
                // a crowded bucket: a finer rung over its range, about kTarget per bucket
                int shift = gShift;
                for (std::size_t per = bucket.count; shift > 0 && per > kTarget; per /= 2)
                    --shift;
                Bucket taken = bucket;
                bucket = Bucket{};
                Rung &c = newRung(bucketStart,
                                  shift,
                                  static_cast<std::uint32_t>(1u << (gShift - shift)));
                takeBucket(taken, [this, &c](const Event *events, std::size_t k) {
                    spread(c, events, k);
                });
                m_bottomEnd = c.curStart;
                continue;
            }
            appendRun(bucket);
        }
    }

    // the bottom: run [m_runPos, m_runEnd) of m_run, and heap [0, m_heapSize) of m_heap
    std::vector<Event> m_run;
    std::size_t m_runPos = 0, m_runEnd = 0;
    std::vector<Event> m_heap;
    std::size_t m_heapSize = 0;
    std::size_t m_heapLimit = kHeapMin;
    bool m_topInRun = false; // top() found the earliest event at the run's front
    Tick m_bottomEnd = std::numeric_limits<Tick>::min(); // every event before it is in the bottom
    std::vector<Rung> m_rungs = std::vector<Rung>(kMaxRungs); // [0, m_rungCount) in use
    std::uint32_t m_rungCount = 0;
    std::vector<Event> m_top;
    // the chunk pool (Internal::GrowArray: grows in place, and the next run on the thread
    // takes its pages back), grown kBlockChunks at a time
    Internal::GrowArray<Chunk, Internal::kPoolEventChunks> m_chunks;
    Internal::GrowArray<std::uint32_t, Internal::kPoolEventChunks + 1> m_freeChunks;
    Tick m_topStart = std::numeric_limits<Tick>::min(); // every event from it on is in the top
    Tick m_topMin = 0, m_topMax = 0;
    std::size_t m_size = 0;
    std::uint64_t m_nextSeq = 0;
};

} // namespace Sim
