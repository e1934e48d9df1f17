// SPDX-License-Identifier: GPL-3.0-or-later
// Confidence intervals over replications. The model is M/M/1 at rho 0.5 (exponential
// service of 1 ms, 500 requests/s; W = 2 ms), with short replications of 20 s (10^4
// customers) so that the replication-to-replication spread is visible.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

constexpr double kRatePerS = 500;
constexpr double kWindowS = 20;
constexpr double kWarmupS = 1;
constexpr double kW = 2.0; // analytic mean response, ms

Sim::RunResult runMm1(int replications, std::uint64_t seed)
{
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     kRatePerS,
                                     kWarmupS + kWindowS,
                                     kWarmupS,
                                     seed);
    spec.replications = replications;
    return Sim::runSimulation(spec);
}

// Two-sided 95% Student t quantiles t(0.975, df), to 6 decimals (standard tables).
double studentT975(int df)
{
    switch (df) {
    case 4:
        return 2.776445;
    case 9:
        return 2.262157;
    case 19:
        return 2.093024;
    default:
        return std::nan("");
    }
}

double halfWidth(const Sim::Interval &ci)
{
    return (ci->second - ci->first) / 2;
}

// ci must be mean +/- t(0.975, n-1) s / sqrt(n) of the per-replication figures. The only
// slack allowed is for a t table rounded to 3 decimals (|error| <= 0.0005 on >= 2.09:
// 2.4e-4 relative) plus floating-point rounding.
void verifyStudentInterval(const QString &what, const Sim::Interval &ci, const ReplicationStats &s)
{
    QVERIFY2(ci.has_value(), qPrintable(what + QStringLiteral(": no interval")));
    const double expectedHalf = studentT975(s.n - 1) * s.se;
    ARCHSIM_VERIFY_WITHIN(what + QStringLiteral(" centre = mean over replications"),
                          s.mean,
                          (ci->first + ci->second) / 2,
                          1e-9 * std::abs(s.mean));
    ARCHSIM_VERIFY_WITHIN(what + QStringLiteral(" half-width = t s/sqrt(n), n = %1").arg(s.n),
                          expectedHalf,
                          halfWidth(ci),
                          3e-4 * expectedHalf + 1e-12);
}

} // namespace

class tst_ConfidenceIntervals : public QObject
{
    Q_OBJECT

private slots:
    void noIntervalWithOneReplication();
    void studentInterval_data();
    void studentInterval();
    void containsAnalyticMean();
    void coverage();
    void widthShrinksAsOneOverSqrtN();
};

void tst_ConfidenceIntervals::noIntervalWithOneReplication()
{
    const Sim::RunResult run = runMm1(1, 70);
    QVERIFY(!run.request("_all")->ciMean.has_value());
    QVERIFY(!run.request("_all")->ciP99.has_value());
}

void tst_ConfidenceIntervals::studentInterval_data()
{
    QTest::addColumn<int>("replications");
    QTest::newRow("5") << 5;
    QTest::newRow("10") << 10;
    QTest::newRow("20") << 20;
}

void tst_ConfidenceIntervals::studentInterval()
{
    QFETCH(int, replications);
    const Sim::RunResult run = runMm1(replications, 71);
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(all && server);
    QCOMPARE(run.perReplication.size(), std::size_t(replications));

    const auto reqStats = [&](double (*f)(const Sim::RequestResult &)) {
        return acrossReplications(run, [f](const Sim::ReplicationResult &r) {
            return f(r.requests[0]);
        });
    };
    verifyStudentInterval("ci latency mean", all->ciMean, reqStats([](const Sim::RequestResult &r) {
                              return r.latencyMs.mean;
                          }));
    verifyStudentInterval("ci latency p99", all->ciP99, reqStats([](const Sim::RequestResult &r) {
                              return r.latencyMs.p99;
                          }));
    verifyStudentInterval("ci throughput",
                          all->ciThroughput,
                          reqStats([](const Sim::RequestResult &r) { return r.throughputPerS; }));
    verifyStudentInterval("ci utilization",
                          server->ciUtilization,
                          acrossReplications(run, [](const Sim::ReplicationResult &r) {
                              return componentOf(r, "server")->utilization;
                          }));
    // the reported figure is the mean over replications
    QCOMPARE(all->latencyMs.mean,
             reqStats([](const Sim::RequestResult &r) { return r.latencyMs.mean; }).mean);
}

void tst_ConfidenceIntervals::containsAnalyticMean()
{
    const Sim::RunResult run = runMm1(10, 72);
    const Sim::Interval &ci = run.request("_all")->ciMean;
    QVERIFY(ci);
    qInfo() << "ci95 of the mean response, 10 replications:" << ci->first << ci->second
            << "analytic" << kW;
    QVERIFY(ci->first <= kW && kW <= ci->second);
}

void tst_ConfidenceIntervals::coverage()
{
    // 40 independent runs (seeds 100..139) of 10 replications each: a 95% interval holds
    // the analytic mean in X ~ Binomial(40, 0.95) of them; P(X <= 32) = 7.1e-4, so we ask
    // for at least 33. (A z-based 1.96 interval on 10 replications covers about 92%.)
    const int runs = 40;
    int covered = 0;
    for (int i = 0; i < runs; ++i) {
        const Sim::RunResult run = runMm1(10, 100 + i);
        const Sim::Interval &ci = run.request("_all")->ciMean;
        QVERIFY(ci);
        if (ci->first <= kW && kW <= ci->second)
            ++covered;
    }
    qInfo() << "ci95 coverage of the analytic mean:" << covered << "of" << runs;
    QVERIFY(covered >= 33);
}

void tst_ConfidenceIntervals::widthShrinksAsOneOverSqrtN()
{
    // Independent runs (different seeds) of 5 and 20 replications. Half-widths are
    // h_n = t(n-1) s_n / sqrt(n); with normal replication means s5^2/s20^2 ~ F(4, 19), whose
    // 0.05% and 99.95% quantiles are 0.01523 and 8.230, so
    //   h5/h20 = (t4/t19) 2 (s5/s20) lies in 2.6531 [0.1234, 2.869] = [0.327, 7.61].
    // Tighter: the per-replication standard deviation has a closed form (QueueingFormulas.h),
    // sigma = W (1 + rho)/((1 - rho) sqrt(n_r)) = 0.06 ms for n_r = 10^4, and s20/sigma lies in
    // sqrt(chi2(19)/19) quantiles [0.5085, 1.5555] (0.05%, 99.95%).
    const Sim::RunResult five = runMm1(5, 73);
    const Sim::RunResult twenty = runMm1(20, 74);
    const Sim::Interval &ci5 = five.request("_all")->ciMean;
    const Sim::Interval &ci20 = twenty.request("_all")->ciMean;
    QVERIFY(ci5 && ci20);
    const double ratio = halfWidth(ci5) / halfWidth(ci20);
    qInfo() << "half-width 5 replications" << halfWidth(ci5) << "20 replications" << halfWidth(ci20)
            << "ratio" << ratio << "(expected about 2.65)";
    QVERIFY(ratio > 0.327 && ratio < 7.61);

    const double rho = kRatePerS / 1000;
    const double sigma = kW * Queueing::mm1ResponseMeanRelSe(rho, kRatePerS * kWindowS);
    const double expected20 = studentT975(19) * sigma / std::sqrt(20.0);
    ARCHSIM_VERIFY_WITHIN("ci95 half-width, 20 replications, vs t19 sigma/sqrt(20) (ms)",
                          expected20,
                          halfWidth(ci20),
                          expected20 * (1.5555 - 1));
    QVERIFY(halfWidth(ci20) >= expected20 * 0.5085);
}

QTEST_GUILESS_MAIN(tst_ConfidenceIntervals)

#include "tst_confidenceintervals.moc"
