// SPDX-License-Identifier: GPL-3.0-or-later
#include "GrowArray.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace Sim::Internal {

namespace {

constexpr std::size_t kHuge = std::size_t{2} << 20;      // a transparent huge page
constexpr std::size_t kReserve = std::size_t{16} << 30;  // address space per block
constexpr std::size_t kKeptPerPool = 4;                  // the arrays of one kind in one engine
constexpr std::size_t kKeptBytes = std::size_t{1} << 30; // committed bytes a thread keeps

std::size_t roundUp(std::size_t n, std::size_t to)
{
    return (n + to - 1) / to * to;
}

/// The blocks a thread keeps between runs, by pool; released when the thread ends.
struct Kept
{
    std::vector<AddressBlock> pools[kPoolCount];
    std::size_t bytes = 0; // committed bytes of all kept blocks
    ~Kept()
    {
        for (std::vector<AddressBlock> &p : pools) {
            for (AddressBlock &b : p)
                munmap(b.base, b.reserved);
        }
    }
};

thread_local Kept t_kept;

/// A new reservation of at least `bytes` (2 MiB aligned, so that huge pages fit), nothing
/// committed; base == nullptr when there is no address space left.
AddressBlock reserve(std::size_t bytes)
{
    const std::size_t want = std::max(roundUp(bytes, kHuge), kReserve);
    for (std::size_t size : {want, roundUp(bytes, kHuge)}) {
        void *p = mmap(nullptr,
                       size + kHuge,
                       PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1,
                       0);
        if (p == MAP_FAILED)
            continue;
        // trim to a 2 MiB aligned start
        char *raw = static_cast<char *>(p);
        char *base = reinterpret_cast<char *>(
            roundUp(reinterpret_cast<std::uintptr_t>(raw), kHuge));
        if (base > raw)
            munmap(raw, static_cast<std::size_t>(base - raw));
        munmap(base + size, kHuge - static_cast<std::size_t>(base - raw));
#if defined(MADV_HUGEPAGE)
        // huge pages past the first 2 MiB only: a small run touches a few 4 KiB pages, not
        // a 2 MiB page per array (a hint: without huge pages it still works)
        if (size > kHuge)
            madvise(base + kHuge, size - kHuge, MADV_HUGEPAGE);
#endif
        return {base, size, 0};
    }
    return {};
}

} // namespace

void commitBlock(AddressBlock &b, std::size_t bytes)
{
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    // whole huge pages past the first 2 MiB, so that each lies in the writable part
    std::size_t to = bytes <= kHuge ? roundUp(bytes, page) : roundUp(bytes, kHuge);
    to = std::min(to, b.reserved);
    if (to <= b.committed)
        return;
    if (mprotect(b.base + b.committed, to - b.committed, PROT_READ | PROT_WRITE) != 0)
        throw std::bad_alloc();
    b.committed = to;
}

AddressBlock takeBlock(int pool, std::size_t bytes)
{
    std::vector<AddressBlock> &kept = t_kept.pools[pool];
    AddressBlock b;
    // the kept block with the most committed: its pages are likely still resident
    auto best = std::max_element(kept.begin(),
                                 kept.end(),
                                 [](const AddressBlock &x, const AddressBlock &y) {
                                     return x.committed < y.committed;
                                 });
    if (best != kept.end() && best->reserved >= bytes) {
        b = *best;
        kept.erase(best);
        t_kept.bytes -= b.committed;
    } else {
        b = reserve(bytes);
        if (!b.base)
            throw std::bad_alloc();
    }
    try {
        commitBlock(b, bytes);
    } catch (...) {
        giveBackBlock(pool, b);
        throw;
    }
    return b;
}

void giveBackBlock(int pool, AddressBlock &b) noexcept
{
    std::vector<AddressBlock> &kept = t_kept.pools[pool];
    bool keep = b.committed + t_kept.bytes <= kKeptBytes && kept.size() < kKeptPerPool;
    if (keep) {
        try {
            kept.push_back(b);
            t_kept.bytes += b.committed;
        } catch (...) {
            keep = false;
        }
    }
    if (!keep)
        munmap(b.base, b.reserved);
    b = {};
}

} // namespace Sim::Internal
