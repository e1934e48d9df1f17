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

/**
 * Future event list: an implicit 4-ary min-heap on (time, seq). Written by hand because
 * no Debian library offers a heap with this key and no allocation in steady state;
 * std::priority_queue would do, but a 4-ary layout halves the depth and measured faster
 * (see docs/performance.md).
 */
class EventQueue
{
public:
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void reserve(std::size_t n) { m_heap.reserve(n); }

    void push(Tick time, std::uint32_t type, std::uint32_t a, std::uint64_t b = 0)
    {
        Event e{time, m_nextSeq++, type, a, b};
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!less(e, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    const Event &top() const { return m_heap.front(); }

    Event pop()
    {
        const Event result = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n > 0) {
            std::size_t i = 0;
            for (;;) {
                const std::size_t first = 4 * i + 1;
                if (first >= n)
                    break;
                std::size_t best = first;
                const std::size_t end = first + 4 < n ? first + 4 : n;
                for (std::size_t c = first + 1; c < end; ++c) {
                    if (less(m_heap[c], m_heap[best]))
                        best = c;
                }
                if (!less(m_heap[best], last))
                    break;
                m_heap[i] = m_heap[best];
                i = best;
            }
            m_heap[i] = last;
        }
        return result;
    }

private:
    static bool less(const Event &x, const Event &y)
    {
        return x.time < y.time || (x.time == y.time && x.seq < y.seq);
    }

    std::vector<Event> m_heap;
    std::uint64_t m_nextSeq = 0;
};

} // namespace Sim
