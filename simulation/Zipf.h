// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Random.h"

#include <cmath>
#include <cstdint>

namespace Sim {

/**
 * Exact sampler of Zipf(n, s): P(k) proportional to 1 / k^s for k = 1..n, s >= 0, by
 * rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates
 * from monotone discrete distributions", ACM TOMACS 6(3), 1996), in the formulation of
 * Apache Commons' RejectionInversionZipfSampler. O(1) expected time and memory for any n,
 * no table, no truncation. s = 0 is uniform. Written by hand: no Debian C++ library has it.
 */
class ZipfSampler
{
public:
    ZipfSampler() = default;
    ZipfSampler(std::uint64_t n, double s)
        : m_n(n < 1 ? 1 : n)
        , m_s(s)
    {
        if (m_s > 0) {
            m_hIntegralX1 = hIntegral(1.5) - 1.0;
            m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
            m_sLimit = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
        }
    }

    std::uint64_t n() const { return m_n; }

    /// a key in 1..n
    std::uint64_t sample(Random &rng) const
    {
        if (m_s <= 0) {
            if (m_n <= 0xffffffffULL)
                return 1 + rng.below(static_cast<std::uint32_t>(m_n));
            return 1 + static_cast<std::uint64_t>(rng.uniform01() * static_cast<double>(m_n)) % m_n;
        }
        for (;;) {
            const double u = m_hIntegralN + rng.uniform01() * (m_hIntegralX1 - m_hIntegralN);
            const double x = hIntegralInverse(u);
            double kd = std::floor(x + 0.5);
            if (kd < 1)
                kd = 1;
            else if (kd > static_cast<double>(m_n))
                kd = static_cast<double>(m_n);
            if (kd - x <= m_sLimit || u >= hIntegral(kd + 0.5) - h(kd))
                return static_cast<std::uint64_t>(kd);
        }
    }

private:
    double h(double x) const { return std::exp(-m_s * std::log(x)); }
    double hIntegral(double x) const
    {
        const double logX = std::log(x);
        return helper2((1.0 - m_s) * logX) * logX;
    }
    double hIntegralInverse(double x) const
    {
        double t = x * (1.0 - m_s);
        if (t < -1.0)
            t = -1.0; // numerical safety, as in the reference
        return std::exp(helper1(t) * x);
    }
    /// log(1 + x) / x, accurate near 0
    static double helper1(double x)
    {
        return std::abs(x) > 1e-8 ? std::log1p(x) / x
                                  : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }
    /// (exp(x) - 1) / x, accurate near 0
    static double helper2(double x)
    {
        return std::abs(x) > 1e-8 ? std::expm1(x) / x
                                  : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }

    std::uint64_t m_n = 1;
    double m_s = 0;
    double m_hIntegralX1 = 0, m_hIntegralN = 0, m_sLimit = 0;
};

} // namespace Sim
