// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace Sim::Internal {

/**
 * A run of address space reserved once (no memory behind it) whose front is made usable as
 * an array grows: growing within it copies nothing, and each page is touched once, where a
 * vector that doubles writes every item again into new pages that the kernel must clear
 * first (on this project's VMs about 2.9 ms per MB not touched before, docs/performance.md,
 * issue 14). A block given back is kept for the next array of the same thread (the next
 * replication), with the pages it had touched, up to a bound (GrowArray.cpp).
 */
struct AddressBlock
{
    char *base = nullptr;
    std::size_t reserved = 0;  ///< address space held
    std::size_t committed = 0; ///< bytes from base that are readable and writable
};

/// A block with at least `bytes` committed: one kept by this thread (`pool` names the kind of
/// array, so that the arrays of a run take back what arrays of their kind held), or a new one.
/// Throws std::bad_alloc when the system has no more memory to give.
AddressBlock takeBlock(int pool, std::size_t bytes);
/// Commits the first `bytes` of `b` (bytes <= b.reserved); throws std::bad_alloc.
void commitBlock(AddressBlock &b, std::size_t bytes);
/// Keeps `b` for the next takeBlock(pool) of this thread, or releases it.
void giveBackBlock(int pool, AddressBlock &b) noexcept;

/// The pools of the engine's arrays: an array takes back blocks of its own pool only.
enum : int {
    kPoolJobs = 0,        // and + 1: their free list
    kPoolFrames = 2,      // and + 1
    kPoolHops = 4,        // and + 1
    kPoolEventChunks = 6, // and + 1
    kPoolCount = 16,      // 8 to 15: unused (the unit test's)
};

/**
 * A growable array of trivially copyable items in an AddressBlock, for the arenas of a run
 * (jobs, frames and their free lists). Its capacity doubles as std::vector's does (1, 2,
 * 4, ...), so memory accounting by capacity() is that of a vector; only where the items live
 * differs. `Pool` keeps the blocks of arrays of different kinds apart.
 */
template<typename T, int Pool>
class GrowArray
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    GrowArray() = default;
    GrowArray(const GrowArray &) = delete;
    GrowArray &operator=(const GrowArray &) = delete;
    GrowArray(GrowArray &&o) noexcept { swap(o); }
    GrowArray &operator=(GrowArray &&o) noexcept
    {
        GrowArray t(std::move(o));
        swap(t);
        return *this;
    }
    ~GrowArray()
    {
        if (m_block.base)
            giveBackBlock(Pool, m_block);
    }

    std::size_t size() const { return static_cast<std::size_t>(m_end - m_data); }
    std::size_t capacity() const { return static_cast<std::size_t>(m_capEnd - m_data); }
    bool empty() const { return m_end == m_data; }
    T &operator[](std::size_t i) { return m_data[i]; }
    const T &operator[](std::size_t i) const { return m_data[i]; }
    T &back() { return m_end[-1]; }
    void pop_back() { --m_end; }
    // (pointers to the end and the capacity's end, as std::vector has: an append is the
    // same few instructions as a vector's)
    /// Appends a value-initialised item.
    void emplace_back()
    {
        if (m_end == m_capEnd)
            grow();
        new (m_end) T{};
        ++m_end;
    }
    void push_back(const T &v)
    {
        if (m_end == m_capEnd)
            grow();
        *m_end++ = v;
    }

    /// Capacity at least n, as std::vector::reserve (exactly n when it grows).
    void reserve(std::size_t n)
    {
        if (n > capacity())
            growTo(n);
    }
    /// Appends n items left as they are: for items that are always written before they are
    /// read (in a block kept from an earlier run they hold what that run left). Capacity
    /// grows as for n push_backs.
    void extend(std::size_t n)
    {
        while (capacity() - size() < n)
            grow();
        m_end += n;
    }

private:
    void swap(GrowArray &o) noexcept
    {
        std::swap(m_data, o.m_data);
        std::swap(m_end, o.m_end);
        std::swap(m_capEnd, o.m_capEnd);
        std::swap(m_block, o.m_block);
    }
    [[gnu::noinline]] void grow() { growTo(capacity() ? 2 * capacity() : 1); }
    void growTo(std::size_t n)
    {
        const std::size_t bytes = n * sizeof(T);
        const std::size_t size = this->size();
        if (!m_block.base) {
            m_block = takeBlock(Pool, bytes);
        } else if (bytes <= m_block.reserved) {
            if (bytes > m_block.committed)
                commitBlock(m_block, bytes);
        } else {
            // past its reservation (16 GiB): a larger one, and the items moved there
            AddressBlock bigger = takeBlock(Pool, bytes);
            std::memcpy(bigger.base, m_block.base, size * sizeof(T));
            giveBackBlock(Pool, m_block);
            m_block = bigger;
        }
        m_data = reinterpret_cast<T *>(m_block.base);
        m_end = m_data + size;
        m_capEnd = m_data + n;
    }

    T *m_data = nullptr;
    T *m_end = nullptr;
    T *m_capEnd = nullptr;
    AddressBlock m_block;
};

} // namespace Sim::Internal
