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
    void clearAndMerge();
    void emptyHistogram();
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

QTEST_GUILESS_MAIN(tst_Histogram)
#include "tst_histogram.moc"
