// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueingTheory.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace Sim::Theory {

double erlangC(int servers, double offeredLoad)
{
    if (offeredLoad <= 0)
        return 0;
    if (servers < 1 || offeredLoad >= servers)
        return 1;
    // Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)), then C from B
    double b = 1;
    for (int k = 1; k <= servers; ++k)
        b = offeredLoad * b / (k + offeredLoad * b);
    const double rho = offeredLoad / servers;
    return b / (1 - rho + rho * b);
}

double mmcMeanWait(int servers, double arrivalRate, double serviceMean)
{
    const double a = arrivalRate * serviceMean;
    if (a <= 0)
        return 0;
    if (servers < 1 || a >= servers)
        return std::numeric_limits<double>::infinity();
    const double mu = 1 / serviceMean;
    return erlangC(servers, a) / (servers * mu - arrivalRate);
}

namespace {

/** Keys of equal popularity: `count` keys each of unnormalised popularity `weight`. */
struct Group
{
    double weight;
    double count;
};

std::vector<Group> popularityGroups(std::uint64_t keys, double zipf)
{
    std::vector<Group> groups;
    if (zipf == 0) {
        groups.push_back({1, static_cast<double>(keys)});
        return groups;
    }
    constexpr std::uint64_t kExact = 10000;
    const std::uint64_t exact = std::min(keys, kExact);
    groups.reserve(exact + 16384);
    for (std::uint64_t k = 1; k <= exact; ++k)
        groups.push_back({std::pow(static_cast<double>(k), -zipf), 1});
    // beyond: groups [a, b] with b ~ 1.001 a; the sum of k^-s over the group by the
    // midpoint rule, integral of x^-s from a - 1/2 to b + 1/2, spread evenly over its keys
    auto integral = [zipf](double lo, double hi) {
        if (std::abs(zipf - 1) < 1e-12)
            return std::log(hi / lo);
        return (std::pow(hi, 1 - zipf) - std::pow(lo, 1 - zipf)) / (1 - zipf);
    };
    std::uint64_t a = exact + 1;
    while (a <= keys) {
        const std::uint64_t b = std::min(keys, std::max(a, a + a / 1000));
        const double count = static_cast<double>(b - a + 1);
        const double sum = integral(static_cast<double>(a) - 0.5, static_cast<double>(b) + 0.5);
        groups.push_back({sum / count, count});
        a = b + 1;
    }
    return groups;
}

} // namespace

double cheHitRatio(std::uint64_t keys, double zipf, double capacity)
{
    if (capacity <= 0 || keys == 0)
        return 0;
    if (capacity >= static_cast<double>(keys))
        return 1;
    std::vector<Group> groups = popularityGroups(keys, zipf);
    double total = 0;
    for (const Group &g : groups)
        total += g.weight * g.count;
    for (Group &g : groups)
        g.weight /= total;
    auto occupancy = [&groups](double t) {
        double s = 0;
        for (const Group &g : groups)
            s += g.count * -std::expm1(-g.weight * t);
        return s;
    };
    double lo = 0, hi = 1;
    while (occupancy(hi) < capacity)
        hi *= 2;
    // bisection to double precision (the occupancy rises with t)
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (occupancy(mid) < capacity ? lo : hi) = mid;
    }
    const double t = (lo + hi) / 2;
    double hit = 0;
    for (const Group &g : groups)
        hit += g.count * g.weight * -std::expm1(-g.weight * t);
    return hit;
}

} // namespace Sim::Theory
