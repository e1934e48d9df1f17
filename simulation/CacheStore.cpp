// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheStore.h"

#include <algorithm>

namespace Sim {

const char *evictionName(Eviction e)
{
    switch (e) {
    case Eviction::Lru:
        return "lru";
    case Eviction::Lfu:
        return "lfu";
    case Eviction::Fifo:
        return "fifo";
    case Eviction::Random:
        return "random";
    case Eviction::ApproxLru:
        return "approx_lru";
    case Eviction::ApproxLfu:
        return "approx_lfu";
    case Eviction::SegmentedLru:
        return "segmented_lru";
    }
    return "unknown";
}

CacheStore::CacheStore(
    Eviction eviction, std::uint64_t capacity, std::uint64_t keySpace, int samples, Random *rng)
    : m_eviction(eviction)
    , m_capacity(capacity)
    , m_samples(std::max(1, samples))
    , m_rng(rng)
    , m_useDirect(keySpace <= (1ull << 22))
{
    if (m_useDirect)
        m_direct.assign(static_cast<std::size_t>(keySpace), kNone);
    m_slots.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(capacity, 1u << 20)));
}

std::uint32_t CacheStore::slotOf(std::uint64_t key) const
{
    if (m_useDirect)
        return key < m_direct.size() ? m_direct[static_cast<std::size_t>(key)] : kNone;
    const auto it = m_map.find(key);
    return it == m_map.end() ? kNone : it->second;
}

void CacheStore::setSlot(std::uint64_t key, std::uint32_t slot)
{
    if (m_useDirect)
        m_direct[static_cast<std::size_t>(key)] = slot;
    else
        m_map[key] = slot;
}

void CacheStore::clearSlot(std::uint64_t key)
{
    if (m_useDirect)
        m_direct[static_cast<std::size_t>(key)] = kNone;
    else
        m_map.erase(key);
}

CacheStore::List &CacheStore::listOf(Segment seg)
{
    return m_lists[seg == None ? 0 : static_cast<int>(seg)];
}

void CacheStore::listPushFront(List &l, std::uint32_t s)
{
    Slot &slot = m_slots[s];
    slot.prev = kNone;
    slot.next = l.head;
    if (l.head != kNone)
        m_slots[l.head].prev = s;
    l.head = s;
    if (l.tail == kNone)
        l.tail = s;
    ++l.size;
}

void CacheStore::listRemove(List &l, std::uint32_t s)
{
    Slot &slot = m_slots[s];
    if (slot.prev != kNone)
        m_slots[slot.prev].next = slot.next;
    else
        l.head = slot.next;
    if (slot.next != kNone)
        m_slots[slot.next].prev = slot.prev;
    else
        l.tail = slot.prev;
    slot.prev = slot.next = kNone;
    --l.size;
}

void CacheStore::lfuDecay(Slot &slot, Tick now)
{
    const Tick periods = (now - slot.lastDecay) / kLfuDecayTicks;
    if (periods > 0) {
        slot.freq = static_cast<std::uint64_t>(periods) > slot.freq
                        ? 0
                        : slot.freq - static_cast<std::uint64_t>(periods);
        slot.lastDecay += periods * kLfuDecayTicks;
    }
}

void CacheStore::touch(std::uint32_t s, Tick now)
{
    Slot &slot = m_slots[s];
    switch (m_eviction) {
    case Eviction::Lru:
        listRemove(m_lists[0], s);
        listPushFront(m_lists[0], s);
        break;
    case Eviction::Lfu:
        m_lfu.erase({slot.freq, slot.lastAccess, s});
        ++slot.freq;
        m_lfu.insert({slot.freq, m_accessSeq + 1, s});
        break;
    case Eviction::ApproxLfu: {
        lfuDecay(slot, now);
        if (slot.freq < 255) {
            const double base = std::max<double>(0, static_cast<double>(slot.freq) - kLfuInitVal);
            if (m_rng->uniform01() < 1.0 / (base * kLfuLogFactor + 1))
                ++slot.freq;
        }
        break;
    }
    case Eviction::SegmentedLru:
        if (slot.segment == Cold) {
            // a hit in COLD promotes to WARM (memcached does this asynchronously)
            listRemove(m_lists[Cold], s);
            slot.segment = Warm;
            slot.active = false;
            listPushFront(m_lists[Warm], s);
            balanceSegments();
        } else if (slot.segment == Warm && slot.active) {
            listRemove(m_lists[Warm], s);
            listPushFront(m_lists[Warm], s);
        } else {
            slot.active = true;
        }
        break;
    case Eviction::Fifo:
    case Eviction::Random:
    case Eviction::ApproxLru:
        break;
    }
    m_slots[s].lastAccess = ++m_accessSeq;
}

CacheStore::Lookup CacheStore::lookup(std::uint64_t key, Tick now)
{
    const std::uint32_t s = slotOf(key);
    if (s == kNone)
        return Lookup::Miss;
    if (m_slots[s].expires > 0 && m_slots[s].expires <= now)
        return Lookup::Expired;
    touch(s, now);
    return Lookup::Hit;
}

void CacheStore::expire(std::uint64_t key)
{
    const std::uint32_t s = slotOf(key);
    if (s == kNone)
        return;
    ++m_expirations;
    removeSlot(s);
}

void CacheStore::removeSlot(std::uint32_t s)
{
    Slot &slot = m_slots[s];
    switch (m_eviction) {
    case Eviction::Lru:
    case Eviction::Fifo:
        listRemove(m_lists[0], s);
        break;
    case Eviction::SegmentedLru:
        listRemove(listOf(slot.segment), s);
        break;
    case Eviction::Lfu:
        m_lfu.erase({slot.freq, slot.lastAccess, s});
        break;
    case Eviction::Random:
    case Eviction::ApproxLru:
    case Eviction::ApproxLfu:
        break;
    }
    // dense array: swap with the last
    const std::uint32_t pos = slot.dense;
    const std::uint32_t last = m_dense.back();
    m_dense[pos] = last;
    m_slots[last].dense = pos;
    m_dense.pop_back();
    clearSlot(slot.key);
    slot = Slot{};
    m_freeSlots.push_back(s);
    --m_size;
}

std::uint32_t CacheStore::sampleVictim(bool byCounter, Tick now)
{
    std::uint32_t best = kNone;
    for (int i = 0; i < m_samples; ++i) {
        const std::uint32_t s = m_dense[m_rng->below(static_cast<std::uint32_t>(m_dense.size()))];
        if (best == kNone) {
            best = s;
            continue;
        }
        Slot &a = m_slots[s];
        Slot &b = m_slots[best];
        if (byCounter) {
            lfuDecay(a, now);
            lfuDecay(b, now);
            if (a.freq < b.freq || (a.freq == b.freq && a.lastAccess < b.lastAccess))
                best = s;
        } else if (a.lastAccess < b.lastAccess) {
            best = s;
        }
    }
    return best;
}

void CacheStore::evictOne(Tick now)
{
    std::uint32_t victim = kNone;
    switch (m_eviction) {
    case Eviction::Lru:
    case Eviction::Fifo:
        victim = m_lists[0].tail;
        break;
    case Eviction::Lfu:
        victim = std::get<2>(*m_lfu.begin());
        break;
    case Eviction::Random:
        victim = m_dense[m_rng->below(static_cast<std::uint32_t>(m_dense.size()))];
        break;
    case Eviction::ApproxLru:
        victim = sampleVictim(false, now);
        break;
    case Eviction::ApproxLfu:
        victim = sampleVictim(true, now);
        break;
    case Eviction::SegmentedLru:
        victim = m_lists[Cold].tail != kNone   ? m_lists[Cold].tail
                 : m_lists[Warm].tail != kNone ? m_lists[Warm].tail
                                               : m_lists[Hot].tail;
        break;
    }
    const Slot &v = m_slots[victim];
    if (v.expires > 0 && v.expires <= now)
        ++m_expirations; // it had expired already: memory reclaimed, not a policy eviction
    else
        ++m_evictions;
    removeSlot(victim);
}

void CacheStore::balanceSegments()
{
    // memcached's defaults: HOT 20% and WARM 40% of the memory, COLD the rest
    const std::uint64_t hotLimit = std::max<std::uint64_t>(1, m_capacity / 5);
    const std::uint64_t warmLimit = std::max<std::uint64_t>(1, m_capacity * 2 / 5);
    while (m_lists[Hot].size > hotLimit) {
        const std::uint32_t t = m_lists[Hot].tail;
        listRemove(m_lists[Hot], t);
        Slot &slot = m_slots[t];
        slot.segment = slot.active ? Warm : Cold;
        slot.active = false;
        listPushFront(m_lists[slot.segment], t);
    }
    while (m_lists[Warm].size > warmLimit) {
        const std::uint32_t t = m_lists[Warm].tail;
        listRemove(m_lists[Warm], t);
        m_slots[t].segment = Cold;
        m_slots[t].active = false;
        listPushFront(m_lists[Cold], t);
    }
}

void CacheStore::insert(std::uint64_t key, Tick now, Tick expiresAt)
{
    if (m_capacity == 0)
        return;
    std::uint32_t s = slotOf(key);
    if (s != kNone) {
        // refresh of a resident (possibly expired) key: new value and expiry, counts as an access
        m_slots[s].expires = expiresAt;
        touch(s, now);
        return;
    }
    if (m_size >= m_capacity)
        evictOne(now);
    if (!m_freeSlots.empty()) {
        s = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        s = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
    }
    Slot &slot = m_slots[s];
    slot.key = key;
    slot.expires = expiresAt;
    slot.lastAccess = ++m_accessSeq;
    slot.dense = static_cast<std::uint32_t>(m_dense.size());
    m_dense.push_back(s);
    setSlot(key, s);
    ++m_size;
    switch (m_eviction) {
    case Eviction::Lru:
    case Eviction::Fifo:
        listPushFront(m_lists[0], s);
        break;
    case Eviction::Lfu:
        slot.freq = 1;
        m_lfu.insert({slot.freq, slot.lastAccess, s});
        break;
    case Eviction::ApproxLfu:
        slot.freq = kLfuInitVal;
        slot.lastDecay = now;
        break;
    case Eviction::SegmentedLru:
        slot.segment = Hot;
        listPushFront(m_lists[Hot], s);
        balanceSegments();
        break;
    case Eviction::Random:
    case Eviction::ApproxLru:
        break;
    }
}

} // namespace Sim
