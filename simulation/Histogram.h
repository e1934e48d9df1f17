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

    void add(std::int64_t value) { addAt(binOf(value), value); }
    /// The bucket add(value) counts it in (a negative value counts as 0): for a value added
    /// to several histograms, found once.
    static int binOf(std::int64_t value)
    {
        return indexOf(value < 0 ? 0 : static_cast<std::uint64_t>(value));
    }
    /// add(value), its bucket `bin` = binOf(value) known
    void addAt(int bin, std::int64_t value)
    {
        // the recorded bucket range is not kept: it is that of m_min and m_max (indexOf
        // is monotonic), so an add costs two comparisons fewer
        ++m_counts[static_cast<std::size_t>(bin)];
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
    /**
     * quantile(qs[k]) into out[k] for n quantiles in increasing order, in one pass over the
     * buckets instead of n (the time series asks for three at the end of every bucket).
     */
    void quantiles(const double *qs, double *out, int n) const;

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
    /** Smallest value of bucket i. */
    static std::int64_t lowerOf(int i)
    {
        if (i < kSub)
            return i;
        const int shift = (i - kSub) / kSub;
        return static_cast<std::int64_t>(kSub + (i - kSub) % kSub) << shift;
    }

    // The coarse grid, for charts: 8 bins per power of two. Values below 16 have a bin each;
    // above, each octave [2^e, 2^(e+1)) is cut into 8 bins of width 2^(e-3). Every coarse bin
    // is a union of whole buckets (16 of them from 128 up), so its count is exact.
    static constexpr int kCoarseBits = 3;
    static constexpr int kCoarsePerOctave = 1 << kCoarseBits; // 8

    /** Coarse bin of value v. */
    static int coarseIndexOf(std::uint64_t v)
    {
        if (v < 2 * kCoarsePerOctave)
            return static_cast<int>(v);
        const int e = 63 - __builtin_clzll(v);
        const int shift = e - kCoarseBits;
        return kCoarsePerOctave * (shift + 1) + static_cast<int>((v >> shift) - kCoarsePerOctave);
    }
    /** Smallest value of coarse bin ci; bin ci holds [coarseLower(ci), coarseLower(ci + 1)). */
    static std::int64_t coarseLower(int ci)
    {
        if (ci < 2 * kCoarsePerOctave)
            return ci;
        const int shift = ci / kCoarsePerOctave - 1;
        return static_cast<std::int64_t>(kCoarsePerOctave + ci % kCoarsePerOctave) << shift;
    }

    struct CoarseBin
    {
        std::int64_t lo, hi; ///< values lo <= v < hi
        std::uint64_t count;
    };
    /**
     * The recorded values on the coarse grid, from the bin of the smallest value to the bin
     * of the largest, empty bins in between included; empty when nothing was recorded.
     */
    std::vector<CoarseBin> coarseBins() const;

private:
    /// Buckets [first, last] that may hold counts; first > last when empty.
    int firstIndex() const { return m_total ? indexOf(clampedMin()) : kBuckets; }
    int lastIndex() const { return m_total ? indexOf(static_cast<std::uint64_t>(m_max)) : -1; }
    std::uint64_t clampedMin() const { return m_min < 0 ? 0 : static_cast<std::uint64_t>(m_min); }

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    double m_sum = 0;
    std::int64_t m_max = 0; // a negative value counts as 0 (bucket 0) but is kept as it was
    std::int64_t m_min = INT64_MAX;
};

} // namespace Sim
