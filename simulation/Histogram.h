// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace Sim {

/**
 * Log-bucketed histogram of non-negative integers (latencies in ticks), HdrHistogram
 * style: values below 128 are exact, above that every power of two is split into 128
 * linear sub-buckets, so a reported value (the bucket midpoint) is within 1/256 (0.4%)
 * of any value in its bucket. Constant memory whatever the run length.
 * Written by hand: Debian has no HdrHistogram C/C++ package.
 */
class Histogram
{
public:
    static constexpr int kSubBits = 7;
    static constexpr int kSub = 1 << kSubBits; // 128
    static constexpr int kBuckets = kSub + (63 - kSubBits) * kSub;

    Histogram();

    void add(std::int64_t value)
    {
        const int i = indexOf(value < 0 ? 0 : static_cast<std::uint64_t>(value));
        ++m_counts[static_cast<std::size_t>(i)];
        if (i < m_minIndex)
            m_minIndex = i;
        if (i > m_maxIndex)
            m_maxIndex = i;
        ++m_total;
        m_sum += static_cast<double>(value);
        if (value > m_max)
            m_max = value;
        if (value < m_min)
            m_min = value;
    }

    void clear();
    void merge(const Histogram &other);

    std::uint64_t count() const { return m_total; }
    double mean() const { return m_total ? m_sum / static_cast<double>(m_total) : 0.0; }
    std::int64_t max() const { return m_max; }
    std::int64_t min() const { return m_total ? m_min : 0; }
    /** The q-quantile (0 < q <= 1): the smallest recorded bucket with cumulative count >= q*N. */
    double quantile(double q) const;

    static int indexOf(std::uint64_t v)
    {
        if (v < static_cast<std::uint64_t>(kSub))
            return static_cast<int>(v);
        const int e = 63 - __builtin_clzll(v); // >= kSubBits
        const int shift = e - kSubBits;
        const auto mantissa = static_cast<int>((v >> shift) - kSub);
        return kSub + shift * kSub + mantissa;
    }
    /** Midpoint of bucket i. */
    static double valueOf(int i);

private:
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    double m_sum = 0;
    std::int64_t m_max = 0;
    std::int64_t m_min = INT64_MAX;
    int m_minIndex;
    int m_maxIndex;
};

} // namespace Sim
