// SPDX-License-Identifier: GPL-3.0-or-later
// The minimal M/M/1 loop of MinimalLoop.h: written by hand on purpose, as the yardstick the
// engine is measured against (DESIGN.md, "Performance targets"), so it stays a few dozen
// lines with nothing but what an M/M/1 needs.
#include "MinimalLoop.h"

#include <cmath>
#include <vector>

namespace Bench {

namespace {

/** xoshiro256+ (Blackman and Vigna), seeded by splitmix64: a small fast generator. */
struct Rng
{
    std::uint64_t s[4];
    explicit Rng(std::uint64_t seed)
    {
        for (std::uint64_t &x : s) {
            std::uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            x = z ^ (z >> 31);
        }
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    double uniform() // (0, 1]
    {
        const std::uint64_t r = s[0] + s[3], t = s[1] << 17;
        s[2] ^= s[0], s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t, s[3] = rotl(s[3], 45);
        return static_cast<double>((r >> 11) + 1) * 0x1.0p-53;
    }
    double exponential(double rate) { return -std::log(uniform()) / rate; }
};

struct Event
{
    double t;
    bool arrival;
};

/** 4-ary min-heap on time. */
struct Heap
{
    std::vector<Event> h;
    void push(Event e)
    {
        std::size_t i = h.size();
        h.push_back(e);
        while (i > 0 && e.t < h[(i - 1) / 4].t) {
            h[i] = h[(i - 1) / 4];
            i = (i - 1) / 4;
        }
        h[i] = e;
    }
    Event pop()
    {
        const Event top = h[0], last = h.back();
        h.pop_back();
        const std::size_t n = h.size();
        std::size_t i = 0;
        for (std::size_t c = 1; c < n; c = 4 * i + 1) {
            std::size_t best = c;
            for (std::size_t k = c + 1; k < c + 4 && k < n; ++k)
                best = h[k].t < h[best].t ? k : best;
            if (!(h[best].t < last.t))
                break;
            h[i] = h[best];
            i = best;
        }
        if (n > 0)
            h[i] = last;
        return top;
    }
};

} // namespace

MinimalResult minimalMm1(double ratePerS,
                         double serviceRatePerS,
                         double durationS,
                         std::uint64_t seed)
{
    Rng rng(seed);
    Heap events;
    std::vector<double> waiting(1024); // ring buffer of arrival times, in service at the head
    std::size_t head = 0, size = 0;
    MinimalResult r;
    double sum = 0;
    events.push({rng.exponential(ratePerS), true});
    while (!events.h.empty()) {
        const Event e = events.pop();
        if (e.t > durationS)
            break;
        ++r.events;
        if (e.arrival) {
            ++r.requests;
            events.push({e.t + rng.exponential(ratePerS), true});
            if (size == waiting.size()) { // grow the ring
                std::vector<double> bigger(2 * size);
                for (std::size_t k = 0; k < size; ++k)
                    bigger[k] = waiting[(head + k) & (size - 1)];
                waiting.swap(bigger);
                head = 0;
            }
            waiting[(head + size++) & (waiting.size() - 1)] = e.t;
            if (size == 1)
                events.push({e.t + rng.exponential(serviceRatePerS), false});
        } else {
            sum += e.t - waiting[head];
            ++r.completed;
            head = (head + 1) & (waiting.size() - 1);
            if (--size > 0)
                events.push({e.t + rng.exponential(serviceRatePerS), false});
        }
    }
    r.meanResponseS = r.completed ? sum / static_cast<double>(r.completed) : 0.0;
    return r;
}

} // namespace Bench
