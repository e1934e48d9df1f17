// SPDX-License-Identifier: GPL-3.0-or-later
#include "Histogram.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

class tst_Histogram : public QObject
{
    Q_OBJECT

private slots:
    void smallValuesAreExact();
    void bucketRelativeErrorBelowHalfPercent();
    void quantilesMatchSortedSample();
    void quantilesInOnePassAreExact();
    void clearAndMerge();
    void emptyHistogram();
    void coarseGridHasEightBinsPerOctave();
    void coarseBinsCountEveryValueOnce();
};

void tst_Histogram::smallValuesAreExact()
{
    Sim::Histogram h;
    for (int v = 0; v < 128; ++v)
        h.add(v);
    QCOMPARE(h.count(), 128u);
    QCOMPARE(h.quantile(1.0 / 128), 0.0);
    QCOMPARE(h.quantile(0.5), 63.0);
    QCOMPARE(h.quantile(1.0), 127.0);
}

void tst_Histogram::bucketRelativeErrorBelowHalfPercent()
{
    // every value maps to a bucket whose midpoint is within 1/256 of it
    for (std::uint64_t v = 1; v < (1ull << 50); v = v * 3 / 2 + 7) {
        const double mid = Sim::Histogram::valueOf(Sim::Histogram::indexOf(v));
        QVERIFY2(std::abs(mid - static_cast<double>(v)) <= static_cast<double>(v) / 256.0 + 0.5,
                 qPrintable(QString::number(v)));
    }
}

void tst_Histogram::quantilesMatchSortedSample()
{
    std::mt19937_64 gen(7);
    std::lognormal_distribution<double> dist(14.0, 1.5); // ~1 ms in ns with a long tail
    std::vector<std::int64_t> values;
    Sim::Histogram h;
    for (int i = 0; i < 200000; ++i) {
        const auto v = static_cast<std::int64_t>(dist(gen));
        values.push_back(v);
        h.add(v);
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * values.size())) - 1;
        const double exact = static_cast<double>(values[rank]);
        QVERIFY2(std::abs(h.quantile(q) - exact) <= exact * 0.01,
                 qPrintable(QStringLiteral("q %1: %2 vs %3").arg(q).arg(h.quantile(q)).arg(exact)));
    }
    QCOMPARE(h.max(), values.back());
    double sum = 0;
    for (auto v : values)
        sum += static_cast<double>(v);
    QVERIFY(std::abs(h.mean() - sum / values.size()) < 1e-6 * h.mean());
}

void tst_Histogram::quantilesInOnePassAreExact()
{
    // the reference: the rank-th smallest value's bucket midpoint, clamped to [min, max]; the
    // samples have few distinct values, so several quantiles end in one bucket
    std::mt19937_64 gen(11);
    for (int round = 0; round < 50; ++round) {
        std::uniform_int_distribution<int> distinct(1, 6);
        std::vector<std::int64_t> levels;
        for (int d = distinct(gen); d > 0; --d)
            levels.push_back(std::uniform_int_distribution<std::int64_t>(0, 50000000)(gen));
        std::vector<std::int64_t> values;
        Sim::Histogram h;
        const int n = std::uniform_int_distribution<int>(1, 400)(gen);
        for (int i = 0; i < n; ++i) {
            const std::int64_t v = levels[std::size_t(gen() % levels.size())];
            values.push_back(v);
            h.add(v);
        }
        std::sort(values.begin(), values.end());
        const double qs[] = {0.001, 0.25, 0.5, 0.5000001, 0.9, 0.95, 0.99, 0.999, 1.0};
        double out[9];
        h.quantiles(qs, out, 9);
        for (int k = 0; k < 9; ++k) {
            const double target = std::max(1.0, std::ceil(qs[k] * n - 1e-9));
            const std::int64_t v = values[std::size_t(target) - 1];
            const double expected = std::clamp(Sim::Histogram::valueOf(Sim::Histogram::binOf(v)),
                                               static_cast<double>(values.front()),
                                               static_cast<double>(values.back()));
            QCOMPARE(out[k], expected);
            QCOMPARE(h.quantile(qs[k]), expected);
        }
    }
    Sim::Histogram empty;
    double none[2] = {-1, -1};
    const double half[] = {0.5, 0.99};
    empty.quantiles(half, none, 2);
    QCOMPARE(none[0], 0.0);
    QCOMPARE(none[1], 0.0);
}

void tst_Histogram::clearAndMerge()
{
    Sim::Histogram a, b;
    for (int i = 1; i <= 1000; ++i)
        a.add(i * 1000);
    for (int i = 1001; i <= 2000; ++i)
        b.add(i * 1000);
    a.merge(b);
    QCOMPARE(a.count(), 2000u);
    QVERIFY(std::abs(a.quantile(0.5) - 1000000.0) <= 1000000.0 / 256);
    a.clear();
    QCOMPARE(a.count(), 0u);
    QCOMPARE(a.quantile(0.99), 0.0);
    a.add(5);
    QCOMPARE(a.quantile(0.5), 5.0);
}

void tst_Histogram::emptyHistogram()
{
    Sim::Histogram h;
    QCOMPARE(h.mean(), 0.0);
    QCOMPARE(h.quantile(0.5), 0.0);
}

void tst_Histogram::coarseGridHasEightBinsPerOctave()
{
    using H = Sim::Histogram;
    // the grid is contiguous, each value is in its own bin, and above 16 every octave
    // [2^e, 2^(e+1)) has exactly 8 bins of equal width
    for (int ci = 0; ci < 480; ++ci) {
        const std::int64_t lo = H::coarseLower(ci), hi = H::coarseLower(ci + 1);
        QVERIFY(lo < hi);
        QCOMPARE(H::coarseIndexOf(static_cast<std::uint64_t>(lo)), ci);
        QCOMPARE(H::coarseIndexOf(static_cast<std::uint64_t>(hi - 1)), ci);
    }
    for (int e = 4; e < 62; ++e) {
        const std::uint64_t start = 1ull << e;
        const int first = H::coarseIndexOf(start);
        QCOMPARE(H::coarseIndexOf(2 * start) - first, 8);
        for (int k = 0; k < 8; ++k)
            QCOMPARE(H::coarseLower(first + k), static_cast<std::int64_t>(start + k * (start / 8)));
    }
    // every fine bucket lies inside one coarse bin
    for (int i = 0; i < H::kBuckets - 1; ++i) {
        const std::int64_t lo = H::lowerOf(i), last = H::lowerOf(i + 1) - 1;
        QCOMPARE(H::indexOf(static_cast<std::uint64_t>(lo)), i);
        QCOMPARE(H::coarseIndexOf(static_cast<std::uint64_t>(lo)),
                 H::coarseIndexOf(static_cast<std::uint64_t>(last)));
    }
}

void tst_Histogram::coarseBinsCountEveryValueOnce()
{
    Sim::Histogram h;
    QVERIFY(h.coarseBins().empty());
    std::mt19937_64 gen(3);
    std::lognormal_distribution<double> dist(13.0, 2.0);
    std::vector<std::int64_t> values;
    for (int i = 0; i < 50000; ++i)
        values.push_back(static_cast<std::int64_t>(dist(gen)));
    values.push_back(0);
    values.push_back(15);
    for (std::int64_t v : values)
        h.add(v);
    const std::vector<Sim::Histogram::CoarseBin> bins = h.coarseBins();
    QVERIFY(!bins.empty());
    // from the bin of the smallest value to that of the largest, contiguous
    QCOMPARE(bins.front().lo, std::int64_t(0));
    const std::int64_t max = *std::max_element(values.begin(), values.end());
    QVERIFY(bins.back().lo <= max && max < bins.back().hi);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        if (i + 1 < bins.size())
            QCOMPARE(bins[i].hi, bins[i + 1].lo);
        // each count is exactly the number of values in [lo, hi)
        const auto inBin = static_cast<std::uint64_t>(
            std::count_if(values.begin(), values.end(), [&](std::int64_t v) {
                return v >= bins[i].lo && v < bins[i].hi;
            }));
        QCOMPARE(bins[i].count, inBin);
        total += bins[i].count;
    }
    QCOMPARE(total, static_cast<std::uint64_t>(values.size()));
}

QTEST_GUILESS_MAIN(tst_Histogram)
#include "tst_histogram.moc"
