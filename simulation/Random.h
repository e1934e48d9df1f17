// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <pcg_random.hpp>

#include <cmath>
#include <cstdint>

namespace Sim {

/** SplitMix64 finaliser: spreads (seed, replication, component) over the PCG state space. */
inline std::uint64_t mixSeed(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
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

    double exponential(double mean) { return -mean * std::log(uniformOpen0()); }

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
                sum += std::log(uniformOpen0());
            return -sum * d.a / d.k;
        }
        }
        return d.a;
    }

    /// a sample of `d` as ticks (ns)
    Tick sampleTicks(const Distribution &d)
    {
        if (d.kind == Distribution::Kind::Const)
            return static_cast<Tick>(d.a * 1e6 + 0.5);
        const double ms = sample(d);
        return ms > 0 ? static_cast<Tick>(ms * 1e6 + 0.5) : 0;
    }

private:
    pcg32 m_rng;
    double m_spare = 0;
    bool m_haveSpare = false;
};

} // namespace Sim
