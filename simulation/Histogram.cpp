// SPDX-License-Identifier: GPL-3.0-or-later
#include "Histogram.h"

#include <algorithm>
#include <cmath>

namespace Sim {

Histogram::Histogram()
    : m_counts(kBuckets, 0)
    , m_minIndex(kBuckets)
    , m_maxIndex(-1)
{}

void Histogram::clear()
{
    if (m_maxIndex >= m_minIndex)
        std::fill(m_counts.begin() + m_minIndex, m_counts.begin() + m_maxIndex + 1, 0);
    m_total = 0;
    m_sum = 0;
    m_max = 0;
    m_min = INT64_MAX;
    m_minIndex = kBuckets;
    m_maxIndex = -1;
}

void Histogram::merge(const Histogram &other)
{
    for (int i = other.m_minIndex; i <= other.m_maxIndex; ++i)
        m_counts[static_cast<std::size_t>(i)] += other.m_counts[static_cast<std::size_t>(i)];
    m_minIndex = std::min(m_minIndex, other.m_minIndex);
    m_maxIndex = std::max(m_maxIndex, other.m_maxIndex);
    m_total += other.m_total;
    m_sum += other.m_sum;
    m_max = std::max(m_max, other.m_max);
    m_min = std::min(m_min, other.m_min);
}

double Histogram::valueOf(int i)
{
    if (i < kSub)
        return i;
    const int shift = (i - kSub) / kSub;
    const int mantissa = (i - kSub) % kSub;
    const double lo = std::ldexp(static_cast<double>(kSub + mantissa), shift);
    const double width = std::ldexp(1.0, shift);
    return lo + (width - 1) / 2.0;
}

double Histogram::quantile(double q) const
{
    if (m_total == 0)
        return 0;
    const double target = std::max(1.0, std::ceil(q * static_cast<double>(m_total) - 1e-9));
    std::uint64_t cumulative = 0;
    for (int i = m_minIndex; i <= m_maxIndex; ++i) {
        cumulative += m_counts[static_cast<std::size_t>(i)];
        if (static_cast<double>(cumulative) >= target)
            return std::clamp(valueOf(i), static_cast<double>(m_min), static_cast<double>(m_max));
    }
    return static_cast<double>(m_max);
}

} // namespace Sim
