// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <cstdint>
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
 * Future event list: an implicit 4-ary min-heap on (time, seq). Written by hand because
 * no Debian library offers a heap with this key and no allocation in steady state;
 * std::priority_queue would do, but a 4-ary layout halves the depth and measured faster
 * (see docs/performance.md). The heap keeps its own size inside a vector that only grows
 * (doubling when the heap outgrows it), so a push is a sift-up into room already there.
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
    }

    void push(Tick time, std::uint32_t type, std::uint32_t a, std::uint64_t b = 0)
    {
        if (m_size == m_heap.size())
            m_heap.resize(m_heap.empty() ? 64 : 2 * m_heap.size());
        Event *h = m_heap.data();
        const Event e{time, m_nextSeq++, type, a, b};
        std::size_t i = m_size++;
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!less(e, h[parent]))
                break;
            h[i] = h[parent];
            i = parent;
        }
        h[i] = e;
    }

    const Event &top() const { return m_heap.front(); }

    Event pop()
    {
        Event *h = m_heap.data();
        const Event result = h[0];
        const std::size_t n = --m_size;
        if (n == 0)
            return result;
        const Event last = h[n];
        std::size_t i = 0;
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
            if (!less(h[best], last))
                break;
            h[i] = h[best];
            i = best;
        }
        h[i] = last;
        return result;
    }

    /// A sequence number for an event its owner keeps outside the heap (see runsBeforeTop).
    std::uint64_t takeSeq() { return m_nextSeq++; }
    /// Whether an event kept outside with this time and sequence number goes before the top.
    bool runsBeforeTop(Tick time, std::uint64_t seq) const
    {
        return m_size == 0 || less(Event{time, seq, 0, 0, 0}, m_heap.front());
    }

private:
    static bool less(const Event &x, const Event &y)
    {
        return x.time < y.time || (x.time == y.time && x.seq < y.seq);
    }

    std::vector<Event> m_heap; // slots [0, m_size) are the heap; the rest is spare room
    std::size_t m_size = 0;
    std::uint64_t m_nextSeq = 0;
};

} // namespace Sim
