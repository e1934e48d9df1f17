// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace Sim {

/** Running mean and variance (Welford), constant memory. */
class Welford
{
public:
    void add(double x)
    {
        ++m_n;
        const double d = x - m_mean;
        m_mean += d / static_cast<double>(m_n);
        m_m2 += d * (x - m_mean);
    }
    std::uint64_t count() const { return m_n; }
    double mean() const { return m_mean; }
    double variance() const { return m_n > 1 ? m_m2 / static_cast<double>(m_n - 1) : 0.0; }

private:
    std::uint64_t m_n = 0;
    double m_mean = 0;
    double m_m2 = 0;
};

/**
 * The time integral of a piecewise-constant level (requests in system, busy cores).
 * The integral runs from time 0 and is never reset: warm-up and series buckets take
 * differences of snapshots, so one counter serves both.
 *
 * Kept by parts: with the level's steps d_k at times t_k (from 0 at time 0), the area up to
 * T is level(T) x T - sum d_k t_k, so a step adds one product to the sum and no interval
 * has to be measured (docs/performance.md, issue 14). With whole levels and times the terms
 * and the sum are whole numbers, exact in a double below 2^53, as the area itself was when
 * it was summed interval by interval.
 */
class TimeIntegral
{
public:
    void set(Tick now, double level)
    {
        m_moments += (level - m_level) * static_cast<double>(now);
        m_level = level; // exactly: m_level + (level - m_level) need not be, for fractions
    }
    void add(Tick now, double delta)
    {
        m_moments += delta * static_cast<double>(now);
        m_level += delta;
    }
    double level() const { return m_level; }
    /// integral up to `now` (not before the last step), in level x ticks
    double areaAt(Tick now) const { return m_level * static_cast<double>(now) - m_moments; }

private:
    double m_level = 0;
    double m_moments = 0; // sum of step x time
};

/** Two-sided 95% Student-t quantile for `df` degrees of freedom. */
inline double studentT95(int df)
{
    static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                   2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                   2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                   2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        return 0;
    if (df <= 30)
        return table[df];
    if (df <= 60)
        return 2.042 - (df - 30) * (2.042 - 2.000) / 30.0;
    if (df <= 120)
        return 2.000 - (df - 60) * (2.000 - 1.980) / 60.0;
    return 1.960;
}

} // namespace Sim
