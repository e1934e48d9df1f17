// SPDX-License-Identifier: GPL-3.0-or-later
#include "Zipf.h"

#include <QtTest>

#include <cmath>
#include <vector>

class tst_Zipf : public QObject
{
    Q_OBJECT

private slots:
    void matchesExactPmf_data();
    void matchesExactPmf();
    void staysInRange();
    void largeKeySpace();
};

void tst_Zipf::matchesExactPmf_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<int>("n");
    QTest::newRow("uniform") << 0.0 << 50;
    QTest::newRow("0.5") << 0.5 << 50;
    QTest::newRow("0.9") << 0.9 << 200;
    QTest::newRow("1.0") << 1.0 << 100;
    QTest::newRow("1.2") << 1.2 << 50;
    QTest::newRow("2.0") << 2.0 << 30;
}

void tst_Zipf::matchesExactPmf()
{
    // Pearson's chi-square against the exact pmf k^-alpha / H(n, alpha). With df = n - 1 the
    // statistic has mean df and sd sqrt(2 df); the bound df + 5 sqrt(2 df) is exceeded by a
    // correct sampler with probability < 1e-4 (Wilson-Hilferty), so a failure means a bias.
    QFETCH(double, alpha);
    QFETCH(int, n);
    Sim::ZipfSampler z(static_cast<std::uint64_t>(n), alpha);
    Sim::Random rng(11, 0, 0);
    const int draws = 2000000;
    std::vector<double> counts(static_cast<std::size_t>(n) + 1, 0);
    for (int i = 0; i < draws; ++i)
        counts[z.sample(rng)] += 1;
    double h = 0;
    for (int k = 1; k <= n; ++k)
        h += std::pow(k, -alpha);
    double chi2 = 0;
    for (int k = 1; k <= n; ++k) {
        const double expected = draws * std::pow(k, -alpha) / h;
        chi2 += (counts[static_cast<std::size_t>(k)] - expected)
                * (counts[static_cast<std::size_t>(k)] - expected) / expected;
    }
    const double df = n - 1;
    QVERIFY2(chi2 < df + 5 * std::sqrt(2 * df),
             qPrintable(QStringLiteral("chi2 %1 with %2 degrees of freedom").arg(chi2).arg(df)));
    QCOMPARE(counts[0], 0.0);
}

void tst_Zipf::staysInRange()
{
    Sim::Random rng(3, 0, 0);
    for (double alpha : {0.0, 0.3, 1.0, 1.7, 5.0}) {
        Sim::ZipfSampler z(7, alpha);
        for (int i = 0; i < 100000; ++i) {
            const auto k = z.sample(rng);
            QVERIFY(k >= 1 && k <= 7);
        }
    }
}

void tst_Zipf::largeKeySpace()
{
    // no table: a billion keys cost nothing; the most popular key keeps its exact share
    const std::uint64_t n = 1000000000ull;
    const double alpha = 1.1;
    Sim::ZipfSampler z(n, alpha);
    Sim::Random rng(5, 0, 0);
    const int draws = 1000000;
    int ones = 0;
    for (int i = 0; i < draws; ++i)
        ones += z.sample(rng) == 1 ? 1 : 0;
    // H(n, 1.1) ~ zeta(1.1) - n^-0.1 / 0.1 = 10.5844 - 1.2589 = 9.3255 (Euler-Maclaurin tail)
    const double p1 = 1.0 / 9.3255;
    const double se = std::sqrt(p1 * (1 - p1) / draws);
    QVERIFY2(std::abs(ones / double(draws) - p1) < 5 * se + 1e-3,
             qPrintable(QStringLiteral("%1 vs %2").arg(ones / double(draws)).arg(p1)));
}

QTEST_GUILESS_MAIN(tst_Zipf)
#include "tst_zipf.moc"
