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
 */
class TimeIntegral
{
public:
    void set(Tick now, double level)
    {
        m_area += m_level * static_cast<double>(now - m_last);
        m_last = now;
        m_level = level;
    }
    void add(Tick now, double delta) { set(now, m_level + delta); }
    double level() const { return m_level; }
    /// integral up to `now`, in level x ticks
    double areaAt(Tick now) const { return m_area + m_level * static_cast<double>(now - m_last); }

private:
    double m_area = 0;
    double m_level = 0;
    Tick m_last = 0;
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
