// SPDX-License-Identifier: GPL-3.0-or-later
#include "Random.h"
#include "Statistics.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

class tst_Random : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameStream();
    void streamsDiffer();
    void distributionMoments_data();
    void distributionMoments();
    void belowIsUniform();
    void exponentialFollowsItsDistribution();
};

void tst_Random::sameSeedSameStream()
{
    Sim::Random a(42, 3, 7), b(42, 3, 7);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(a.next32(), b.next32());
}

void tst_Random::streamsDiffer()
{
    Sim::Random a(42, 0, 0), b(42, 1, 0), c(42, 0, 1), d(43, 0, 0);
    int same = 0;
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.next32();
        same += (x == b.next32()) + (x == c.next32()) + (x == d.next32());
    }
    QVERIFY(same < 5);
}

void tst_Random::distributionMoments_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("sd");
    QTest::addColumn<double>("kurtosis"); // of the distribution, for the tolerance on the sd
    using K = Sim::Distribution::Kind;
    QTest::newRow("exp") << int(K::Exp) << 2.0 << 0.0 << 1 << 2.0 << 2.0 << 9.0;
    QTest::newRow("uniform") << int(K::Uniform) << 1.0 << 3.0 << 1 << 2.0 << 2.0 / std::sqrt(12.0)
                             << 1.8;
    QTest::newRow("lognormal") << int(K::Lognormal) << 80.0 << 30.0 << 1 << 80.0 << 30.0 << 5.55;
    QTest::newRow("erlang4") << int(K::Erlang) << 2.0 << 0.0 << 4 << 2.0 << 1.0 << 4.5;
    QTest::newRow("const") << int(K::Const) << 2.5 << 0.0 << 1 << 2.5 << 0.0 << 0.0;
}

void tst_Random::distributionMoments()
{
    QFETCH(int, kind);
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(int, k);
    QFETCH(double, mean);
    QFETCH(double, sd);
    QFETCH(double, kurtosis);
    Sim::Distribution d{static_cast<Sim::Distribution::Kind>(kind), a, b, k};
    Sim::Random rng(1, 0, 0);
    Sim::Welford w;
    const int n = 400000;
    for (int i = 0; i < n; ++i)
        w.add(rng.sample(d));
    // the sample mean has standard error sd/sqrt(n): allow 5 of them
    const double se = sd / std::sqrt(double(n));
    QVERIFY2(std::abs(w.mean() - mean) <= 5 * se + 1e-12,
             qPrintable(QStringLiteral("mean %1 vs %2 (se %3)").arg(w.mean()).arg(mean).arg(se)));
    // the sample sd has relative standard error sqrt((kurtosis - 1) / (4n)) (delta method):
    // allow 5 of them
    if (sd > 0)
        QVERIFY2(std::abs(std::sqrt(w.variance()) - sd)
                     <= 5 * std::sqrt((kurtosis - 1) / (4.0 * n)) * sd,
                 qPrintable(QStringLiteral("sd %1 vs %2").arg(std::sqrt(w.variance())).arg(sd)));
    else
        QCOMPARE(w.variance(), 0.0);
}

void tst_Random::belowIsUniform()
{
    Sim::Random rng(9, 0, 0);
    int counts[7] = {};
    const int n = 700000;
    for (int i = 0; i < n; ++i)
        ++counts[rng.below(7)];
    // each count ~ Binomial(n, 1/7): sd = sqrt(n/7*6/7) ~ 293; allow 5 sd
    for (int c : counts)
        QVERIFY(std::abs(c - n / 7) < 5 * 293);
}

// The ziggurat sampler of the exponential against its distribution function: the
// Kolmogorov-Smirnov distance D of n = 10^6 samples from 1 - e^-x, which exceeds
// eps = sqrt(ln(2 / 1e-6) / (2 n)) = 0.0027 with probability below 1e-6
// (Dvoretzky-Kiefer-Wolfowitz with Massart's constant); the tail beyond the base strip
// (x > 7.697, drawn as 7.697 + Exp(1)) and beyond 12, against their binomial counts; and
// no value below 0.
void tst_Random::exponentialFollowsItsDistribution()
{
    Sim::Random rng(5, 0, 3);
    const int n = 1000000;
    std::vector<double> x(n);
    for (double &v : x)
        v = rng.standardExponential();
    std::sort(x.begin(), x.end());
    QVERIFY(x.front() >= 0);
    double d = 0;
    for (int i = 0; i < n; ++i) {
        const double f = 1 - std::exp(-x[static_cast<std::size_t>(i)]);
        d = std::max({d,
                      std::abs(f - static_cast<double>(i) / n),
                      std::abs(f - static_cast<double>(i + 1) / n)});
    }
    const double eps = std::sqrt(std::log(2 / 1e-6) / (2.0 * n));
    QVERIFY2(d <= eps, qPrintable(QStringLiteral("KS distance %1 > %2").arg(d).arg(eps)));
    for (double t : {7.69711747013104972, 12.0}) {
        const double p = std::exp(-t);
        const auto beyond = std::count_if(x.begin(), x.end(), [t](double v) { return v > t; });
        const double sd = std::sqrt(n * p * (1 - p));
        QVERIFY2(std::abs(static_cast<double>(beyond) - n * p) <= 5 * sd + 1,
                 qPrintable(QStringLiteral("beyond %1: %2 vs %3").arg(t).arg(beyond).arg(n * p)));
    }
}

QTEST_GUILESS_MAIN(tst_Random)
#include "tst_random.moc"
