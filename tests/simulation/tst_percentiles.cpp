// SPDX-License-Identifier: GPL-3.0-or-later
// Precision of the reported percentiles (DESIGN.md: log-bucketed histograms with at most
// 1% relative error). The model is a service whose handler is one io_ms step and that has
// more threads than requests ever present: every response time is an independent draw of
// the io distribution, so the true percentiles are the distribution's quantiles.

#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace TestSupport;

namespace {

constexpr double kHistogramError = 0.01; // DESIGN.md

Sim::RunResult runIo(Sim::Distribution io, double ratePerS, double durationS, std::uint64_t seed)
{
    const Sim::Spec spec = singleEntrySpec({stepService("server", {ioStep(io)}, 100000, 1)},
                                           ratePerS,
                                           durationS,
                                           0,
                                           seed);
    return Sim::runSimulation(spec);
}

// Standard normal density.
double phi(double z)
{
    return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
}

// Tolerance for the sample q-quantile of n independent draws from a distribution with
// density f at the quantile: 5 asymptotic standard errors sqrt(q (1 - q) / n) / f
// (Bahadur), plus the histogram's 1% bucket error.
double quantileTolerance(double q, double n, double density, double quantile)
{
    return 5 * std::sqrt(q * (1 - q) / n) / density + kHistogramError * quantile;
}

} // namespace

class tst_Percentiles : public QObject
{
    Q_OBJECT

private slots:
    void constantLatency_data();
    void constantLatency();
    void uniformLatency();
    void exponentialLatency();
    void lognormalLatency();
};

void tst_Percentiles::constantLatency_data()
{
    QTest::addColumn<double>("valueMs");
    QTest::newRow("0.05 ms") << 0.05;
    QTest::newRow("1 ms") << 1.0;
    QTest::newRow("2.5 ms") << 2.5;
    QTest::newRow("7.3 ms") << 7.3;
    QTest::newRow("123.4 ms") << 123.4;
    QTest::newRow("3 s") << 3000.0;
}

void tst_Percentiles::constantLatency()
{
    // every percentile of a constant is the constant: within 1%
    QFETCH(double, valueMs);
    const Sim::RunResult run = runIo(Sim::Distribution::constant(valueMs), 1000, 20, 81);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all && all->completed > 10000);
    const Sim::LatencySummary &l = all->latencyMs;
    const double tol = kHistogramError * valueMs;
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: p50").arg(valueMs), valueMs, l.p50, tol);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: p90").arg(valueMs), valueMs, l.p90, tol);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: p95").arg(valueMs), valueMs, l.p95, tol);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: p99").arg(valueMs), valueMs, l.p99, tol);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: p999").arg(valueMs), valueMs, l.p999, tol);
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: max").arg(valueMs), valueMs, l.max, tol);
    // the mean is a sum, not a histogram figure: exact up to the 1 ns tick
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("const %1 ms: mean").arg(valueMs), valueMs, l.mean, 1e-6);
}

void tst_Percentiles::uniformLatency()
{
    // U(1, 3) ms, 10^6 draws: quantile q is 1 + 2q, density 1/2 per ms
    const Sim::RunResult run = runIo(Sim::Distribution::uniform(1, 3), 10000, 100, 82);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all);
    const double n = all->completed;
    const Sim::LatencySummary &l = all->latencyMs;
    const struct
    {
        const char *name;
        double q;
        double got;
    } rows[] = {{"p50", 0.50, l.p50},
                {"p90", 0.90, l.p90},
                {"p95", 0.95, l.p95},
                {"p99", 0.99, l.p99},
                {"p999", 0.999, l.p999}};
    for (const auto &row : rows) {
        const double x = 1 + 2 * row.q;
        ARCHSIM_VERIFY_WITHIN(QStringLiteral("uniform(1,3): %1").arg(row.name),
                              x,
                              row.got,
                              quantileTolerance(row.q, n, 0.5, x));
    }
    ARCHSIM_VERIFY_WITHIN("uniform(1,3): mean", 2.0, l.mean, 5 * std::sqrt(4.0 / 12 / n));
}

void tst_Percentiles::exponentialLatency()
{
    // exp(mean 10 ms), 10^6 draws: quantile -10 ln(1 - q), density (1 - q)/10
    const double m = 10;
    const Sim::RunResult run = runIo(Sim::Distribution::exponential(m), 10000, 100, 83);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all);
    const double n = all->completed;
    const Sim::LatencySummary &l = all->latencyMs;
    const struct
    {
        const char *name;
        double q;
        double got;
    } rows[] = {{"p50", 0.50, l.p50},
                {"p90", 0.90, l.p90},
                {"p95", 0.95, l.p95},
                {"p99", 0.99, l.p99},
                {"p999", 0.999, l.p999}};
    for (const auto &row : rows) {
        const double x = -m * std::log(1 - row.q);
        ARCHSIM_VERIFY_WITHIN(QStringLiteral("exp(10 ms): %1").arg(row.name),
                              x,
                              row.got,
                              quantileTolerance(row.q, n, (1 - row.q) / m, x));
    }
    ARCHSIM_VERIFY_WITHIN("exp(10 ms): mean", m, l.mean, 5 * m / std::sqrt(n));
}

void tst_Percentiles::lognormalLatency()
{
    // lognormal with mean 80 ms and standard deviation 30 ms (the scenario format's example):
    // sigma^2 = ln(1 + (30/80)^2), mu = ln 80 - sigma^2/2; quantile exp(mu + sigma z_q),
    // density phi(z_q)/(x sigma). This also checks the (mean, stddev) parametrization.
    const double mean = 80, sd = 30;
    const Sim::RunResult run = runIo(Sim::Distribution::lognormal(mean, sd), 10000, 100, 84);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all);
    const double n = all->completed;
    const double s2 = std::log1p(sd * sd / (mean * mean)), s = std::sqrt(s2);
    const double mu = std::log(mean) - s2 / 2;
    const Sim::LatencySummary &l = all->latencyMs;
    // z_q: standard normal quantiles to 6 decimals
    const struct
    {
        const char *name;
        double q;
        double z;
        double got;
    } rows[] = {{"p50", 0.50, 0.0, l.p50},
                {"p90", 0.90, 1.281552, l.p90},
                {"p95", 0.95, 1.644854, l.p95},
                {"p99", 0.99, 2.326348, l.p99},
                {"p999", 0.999, 3.090232, l.p999}};
    for (const auto &row : rows) {
        const double x = std::exp(mu + s * row.z);
        ARCHSIM_VERIFY_WITHIN(QStringLiteral("lognormal(80, 30): %1").arg(row.name),
                              x,
                              row.got,
                              quantileTolerance(row.q, n, phi(row.z) / (x * s), x));
    }
    ARCHSIM_VERIFY_WITHIN("lognormal(80, 30): mean", mean, l.mean, 5 * sd / std::sqrt(n));
}

QTEST_GUILESS_MAIN(tst_Percentiles)

#include "tst_percentiles.moc"
