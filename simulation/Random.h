// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <pcg_random.hpp>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace Sim {

namespace detail {

/**
 * Tables of the ziggurat for the standard exponential distribution (Marsaglia and Tsang,
 * "The ziggurat method for generating random variables", J. Stat. Software 5(8), 2000),
 * 256 layers of equal area kV under e^-x. Layer 0 is the base strip [0, kR) plus the tail
 * beyond kR; layer i >= 1 is the box of width x[i] between heights f[i] and f[i + 1],
 * x[i] decreasing to x[256] = 0, f[i] = e^-x[i]. Computed once at start-up.
 */
struct ExpZiggurat
{
    static constexpr int kLayers = 256;
    static constexpr double kR = 7.69711747013104972;  // right edge of the base strip
    static constexpr double kV = 3.949659822581572e-3; // area of each layer, (kR + 1) e^-kR
    double x[kLayers + 1];
    double f[kLayers + 1];

    ExpZiggurat()
    {
        x[0] = kV / std::exp(-kR); // the base strip with its tail, as a box of height e^-kR
        x[1] = kR;
        for (int i = 1; i < kLayers - 1; ++i)
            x[i + 1] = -std::log(kV / x[i] + std::exp(-x[i]));
        x[kLayers] = 0;
        for (int i = 0; i <= kLayers; ++i)
            f[i] = std::exp(-x[i]);
    }
};

inline const ExpZiggurat kExpZiggurat;

} // namespace detail

/** SplitMix64 finaliser: spreads (seed, replication, component) over the PCG state space. */
inline std::uint64_t mixSeed(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/**
 * The stream number of a component's draws: its id hashed (FNV-1a, 64 bits) and moved out of
 * the small numbers the workload's streams use. Keyed by the id, not by the component's place
 * in the topology, so that two alternatives of a comparison that share a component id draw
 * its service times from the same stream (common random numbers, docs/compare.md).
 */
inline std::uint64_t componentStream(std::string_view id)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : id) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    // PCG uses 63 bits of the stream number; bit 62 set keeps it apart from 0x10000..
    return (h & 0x3fffffffffffffffULL) | 0x4000000000000000ULL;
}

/**
 * A random stream. PCG32 for the bits; the distributions are our own, written by hand
 * because std:: distributions are implementation-defined and would give different numbers
 * on different standard libraries (DESIGN.md: same seed, same numbers everywhere).
 */
class Random
{
public:
    Random() = default;
    /// stream `stream` of replication `replication` of a run seeded with `seed`
    Random(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream)
        : m_rng(mixSeed(seed ^ mixSeed(replication + 1)), stream)
    {}

    std::uint32_t next32() { return m_rng(); }

    /// uniform in [0, 1) with 53 random bits
    double uniform01()
    {
        const std::uint64_t hi = m_rng() >> 5; // 27 bits
        const std::uint64_t lo = m_rng() >> 6; // 26 bits
        return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
    }

    /// uniform in (0, 1]: safe for log()
    double uniformOpen0() { return 1.0 - uniform01(); }

    /// uniform integer in [0, n), n > 0, without modulo bias (Lemire's method)
    std::uint32_t below(std::uint32_t n)
    {
        std::uint64_t m = static_cast<std::uint64_t>(m_rng()) * n;
        auto l = static_cast<std::uint32_t>(m);
        if (l < n) {
            const std::uint32_t t = (0u - n) % n;
            while (l < t) {
                m = static_cast<std::uint64_t>(m_rng()) * n;
                l = static_cast<std::uint32_t>(m);
            }
        }
        return static_cast<std::uint32_t>(m >> 32);
    }

    /**
     * A standard exponential variate (mean 1) by the ziggurat method: one pair of 32-bit
     * draws gives a 53-bit uniform and an 8-bit layer; 98.9% of the time the point falls in
     * the part of its layer wholly under e^-x and is returned at once, without a logarithm.
     * Exact, not an approximation: the rest goes through the wedge test or, in the base
     * layer, to the tail kR + Exp(1) (memorylessness).
     */
    double standardExponential()
    {
        unsigned layer = 0;
        const double x = zigguratCandidate(&layer);
        if (x < detail::kExpZiggurat.x[layer + 1]) [[likely]]
            return x;
        return exponentialSlowPath(layer, x);
    }

    double exponential(double mean) { return mean * standardExponential(); }

    double normal()
    {
        // Marsaglia polar method, keeping the spare value.
        if (m_haveSpare) {
            m_haveSpare = false;
            return m_spare;
        }
        double u, v, s;
        do {
            u = 2.0 * uniform01() - 1.0;
            v = 2.0 * uniform01() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        m_spare = v * f;
        m_haveSpare = true;
        return u * f;
    }

    /// a sample of `d` (milliseconds); never negative
    double sample(const Distribution &d)
    {
        switch (d.kind) {
        case Distribution::Kind::Const:
            return d.a;
        case Distribution::Kind::Exp:
            return exponential(d.a);
        case Distribution::Kind::Uniform:
            return d.a + (d.b - d.a) * uniform01();
        case Distribution::Kind::Lognormal: {
            if (d.a <= 0)
                return 0;
            const double m2 = d.a * d.a;
            const double sigma2 = std::log1p((d.b * d.b) / m2);
            const double mu = std::log(d.a) - 0.5 * sigma2;
            return std::exp(mu + std::sqrt(sigma2) * normal());
        }
        case Distribution::Kind::Erlang: {
            double sum = 0;
            for (int i = 0; i < d.k; ++i)
                sum += standardExponential();
            return sum * d.a / d.k;
        }
        }
        return d.a;
    }

    /// a sample of `d` as ticks (ns)
    Tick sampleTicks(const Distribution &d)
    {
        // constant and exponential durations, the common ones, stay inline at the caller
        if (d.kind == Distribution::Kind::Const)
            return static_cast<Tick>(d.a * 1e6 + 0.5);
        const double ms = d.kind == Distribution::Kind::Exp ? exponential(d.a) : sample(d);
        return ms > 0 ? static_cast<Tick>(ms * 1e6 + 0.5) : 0;
    }

private:
    /** A point of the ziggurat: a layer from 8 random bits, x uniform over its width. */
    double zigguratCandidate(unsigned *layer)
    {
        const std::uint32_t hi = m_rng(), lo = m_rng();
        // the 53 bits of uniform01, and 8 of the 11 bits it leaves out for the layer
        const std::uint64_t bits = (static_cast<std::uint64_t>(hi >> 5) << 26) | (lo >> 6);
        *layer = (hi & 0x1fu) | ((lo & 0x7u) << 5);
        return static_cast<double>(bits) * 0x1.0p-53 * detail::kExpZiggurat.x[*layer];
    }

    /** The 1.1% of candidates outside the part of their layer wholly under the curve. */
    [[gnu::noinline]] double exponentialSlowPath(unsigned layer, double x)
    {
        const detail::ExpZiggurat &z = detail::kExpZiggurat;
        for (;;) {
            if (layer == 0)
                return detail::ExpZiggurat::kR - std::log(uniformOpen0()); // the tail
            if (z.f[layer] + (z.f[layer + 1] - z.f[layer]) * uniform01() < std::exp(-x))
                return x; // under the curve in the wedge
            x = zigguratCandidate(&layer);
            if (x < z.x[layer + 1])
                return x;
        }
    }

    pcg32 m_rng;
    double m_spare = 0;
    bool m_haveSpare = false;
};

} // namespace Sim
