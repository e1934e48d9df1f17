// SPDX-License-Identifier: GPL-3.0-or-later
#include "Histogram.h"

#include <algorithm>
#include <cmath>

namespace Sim {

Histogram::Histogram()
    : m_counts(kBuckets, 0)
{}

void Histogram::clear()
{
    const int first = firstIndex(), last = lastIndex();
    if (last >= first)
        std::fill(m_counts.begin() + first, m_counts.begin() + last + 1, 0);
    m_total = 0;
    m_sum = 0;
    m_max = 0;
    m_min = INT64_MAX;
}

void Histogram::merge(const Histogram &other)
{
    for (int i = other.firstIndex(), last = other.lastIndex(); i <= last; ++i)
        m_counts[static_cast<std::size_t>(i)] += other.m_counts[static_cast<std::size_t>(i)];
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

std::vector<Histogram::CoarseBin> Histogram::coarseBins() const
{
    std::vector<CoarseBin> bins;
    if (m_total == 0)
        return bins;
    const int firstBucket = firstIndex(), lastBucket = lastIndex();
    const int first = coarseIndexOf(static_cast<std::uint64_t>(lowerOf(firstBucket)));
    const int last = coarseIndexOf(static_cast<std::uint64_t>(lowerOf(lastBucket)));
    bins.reserve(static_cast<std::size_t>(last - first + 1));
    for (int ci = first; ci <= last; ++ci)
        bins.push_back({coarseLower(ci), coarseLower(ci + 1), 0});
    for (int i = firstBucket; i <= lastBucket; ++i) {
        const std::uint64_t n = m_counts[static_cast<std::size_t>(i)];
        if (n)
            bins[static_cast<std::size_t>(coarseIndexOf(static_cast<std::uint64_t>(lowerOf(i)))
                                          - first)]
                .count
                += n;
    }
    return bins;
}

double Histogram::quantile(double q) const
{
    double out = 0;
    quantiles(&q, &out, 1);
    return out;
}

void Histogram::quantiles(const double *qs, double *out, int n) const
{
    if (m_total == 0) {
        std::fill(out, out + n, 0.0);
        return;
    }
    // the cumulative count walks the buckets once; each quantile stops it at its bucket
    const int last = lastIndex();
    int i = firstIndex();
    std::uint64_t cumulative = m_counts[static_cast<std::size_t>(i)];
    for (int k = 0; k < n; ++k) {
        // the rank, a whole number of at most m_total: exact as an integer
        const auto target = static_cast<std::uint64_t>(
            std::max(1.0, std::ceil(qs[k] * static_cast<double>(m_total) - 1e-9)));
        while (cumulative < target && i < last)
            cumulative += m_counts[static_cast<std::size_t>(++i)];
        out[k] = cumulative >= target ? std::clamp(valueOf(i),
                                                   static_cast<double>(m_min),
                                                   static_cast<double>(m_max))
                                      : static_cast<double>(m_max);
    }
}

} // namespace Sim
