// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: call timeouts and retries are counted correctly. A front service with no CPU
// work and ample threads calls an external dependency; the external is an infinite-server
// delay, so requests do not interact and every count below is a sum of independent trials.

#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

constexpr int kThreads = 100000;

Sim::Spec callSpec(Sim::Component remote,
                   double timeoutMs,
                   int retries,
                   double ratePerS,
                   double durationS,
                   std::uint64_t seed)
{
    Sim::Spec spec
        = singleEntrySpec({stepService("api", {callStep(1, timeoutMs, retries)}, kThreads, 1),
                           std::move(remote)},
                          ratePerS,
                          durationS,
                          0,
                          seed);
    spec.workload.arrivals = Sim::ArrivalKind::Constant;
    return spec;
}

} // namespace

class tst_TimeoutsRetries : public QObject
{
    Q_OBJECT

private slots:
    void everyAttemptTimesOut();
    void errorsWithRetries();
    void timeoutsOnSlowTail();
};

void tst_TimeoutsRetries::everyAttemptTimesOut()
{
    // The external always takes 100 ms, the call gives up after 50 ms and retries twice:
    // every request fails with reason "timeout" 150 ms after it arrived, after 3 attempts.
    // 100 requests/s, constant spacing, for 10 s: 1000 arrivals; those that arrived in the
    // last 150 ms (at most 15) are still in flight at the end.
    const double ratePerS = 100, durationS = 10;
    const Sim::Spec spec = callSpec(external("remote", Sim::Distribution::constant(100)),
                                    50,
                                    2,
                                    ratePerS,
                                    durationS,
                                    61);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *remote = run.component("remote");
    QVERIFY(all && remote);

    const double inFlight = std::ceil(0.150 * ratePerS) + 1;
    qInfo() << "arrived" << all->arrived << "failed" << all->failed << "completed" << all->completed
            << "external calls" << remote->arrived;
    QVERIFY(std::abs(all->arrived - ratePerS * durationS) <= 1);
    QCOMPARE(all->completed, 0.0);
    QVERIFY(all->failed <= all->arrived);
    QVERIFY(all->failed >= all->arrived - inFlight);
    QCOMPARE(all->failures.size(), std::size_t(1));
    QCOMPARE(all->failures.at(Sim::failureReasonName(Sim::FailureReason::Timeout)), all->failed);
    // the external sees 3 calls per request (fewer only for the last requests in flight)
    QVERIFY(remote->arrived >= 3 * all->failed);
    QVERIFY(remote->arrived <= 3 * all->arrived);
    ARCHSIM_VERIFY_WITHIN("timeouts: external calls per request",
                          3.0,
                          remote->arrived / all->arrived,
                          3 * inFlight / all->arrived);
    // the timed-out attempts are abandoned, not failed at the external
    QCOMPARE(remote->failed, 0.0);
}

void tst_TimeoutsRetries::errorsWithRetries()
{
    // The external fails each call independently with p = 0.3 after 1 ms; the caller
    // retries twice (3 attempts). A request fails with probability p^3 = 0.027, with reason
    // "dependency_error"; the number of attempts A per request has E[A] = 1 + p + p^2 = 1.39
    // and Var[A] = E[A^2] - E[A]^2 = (1-p) + 4 p (1-p) + 9 p^2 - 1.39^2 = 0.4179.
    // 10^5 requests (constant arrivals, 1000/s for 100 s). Tolerances: 5 binomial (resp.
    // 5 sqrt(Var[A]/n)) standard errors of independent trials.
    const double p = 0.3, ratePerS = 1000, durationS = 100;
    const Sim::Spec spec = callSpec(external("remote", Sim::Distribution::constant(1), p),
                                    0,
                                    2,
                                    ratePerS,
                                    durationS,
                                    62);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *remote = run.component("remote");
    QVERIFY(all && remote);

    const double n = all->arrived;
    const double ended = all->failed + all->completed; // at most 3 are still in flight
    const double q = p * p * p;
    ARCHSIM_VERIFY_WITHIN("retries: P(request fails) = p^3",
                          q,
                          all->failed / ended,
                          5 * std::sqrt(q * (1 - q) / ended));
    QCOMPARE(all->failures.size(), std::size_t(1));
    QCOMPARE(all->failures.at(Sim::failureReasonName(Sim::FailureReason::DependencyError)),
             all->failed);
    const double meanAttempts = 1 + p + p * p;
    const double varAttempts = (1 - p) + 4 * p * (1 - p) + 9 * p * p - meanAttempts * meanAttempts;
    ARCHSIM_VERIFY_WITHIN("retries: external calls per request 1 + p + p^2",
                          meanAttempts,
                          remote->arrived / n,
                          5 * std::sqrt(varAttempts / n));
    ARCHSIM_VERIFY_WITHIN("retries: external error ratio p",
                          p,
                          remote->failed / remote->arrived,
                          5 * std::sqrt(p * (1 - p) / remote->arrived));
    // a request that succeeds took 1, 2 or 3 attempts of exactly 1 ms each
    QVERIFY(all->latencyMs.max <= 3.0 * 1.01);
    QVERIFY(all->latencyMs.p50 >= 1.0 * 0.99);
}

void tst_TimeoutsRetries::timeoutsOnSlowTail()
{
    // The external takes exp(mean m = 50 ms); the call times out at T = 100 ms and retries
    // once. An attempt times out with probability e^-2 = 0.1353; a request fails with
    // e^-4 = 0.0183 (reason "timeout"). A successful request took X | X < T on its first
    // attempt, or T + X | X < T on its second, with E[X | X < T] = m - T e^(-T/m)/(1 - e^(-T/m))
    // = 34.35 ms, so its mean response is
    //   ((1 - e^-2) 34.35 + e^-2 (1 - e^-2) (100 + 34.35)) / (1 - e^-4) = 46.27 ms.
    // 10 replications of 2 10^4 requests; tolerances: 5 SE over the replications.
    const double m = 50, timeout = 100, ratePerS = 1000, durationS = 20;
    Sim::Spec spec = callSpec(external("remote", Sim::Distribution::exponential(m)),
                              timeout,
                              1,
                              ratePerS,
                              durationS,
                              63);
    spec.workload.arrivals = Sim::ArrivalKind::Poisson;
    spec.replications = 10;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::RequestResult *all = run.request("_all");
    QVERIFY(all);

    const double pt = std::exp(-timeout / m);
    const double condMean = m - timeout * pt / (1 - pt);
    const double expected = ((1 - pt) * condMean + pt * (1 - pt) * (timeout + condMean))
                            / (1 - pt * pt);
    const ReplicationStats fail = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        // of the requests that ended: those still in flight at the end are neither
        return r.requests[0].failed / (r.requests[0].failed + r.requests[0].completed);
    });
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    ARCHSIM_VERIFY_WITHIN("timeout on exp tail: P(request fails) = e^-4",
                          pt * pt,
                          fail.mean,
                          5 * fail.se);
    ARCHSIM_VERIFY_WITHIN("timeout on exp tail: mean response of successes (ms)",
                          expected,
                          all->latencyMs.mean,
                          5 * w.se);
    for (const Sim::ReplicationResult &rep : run.perReplication) {
        const Sim::RequestResult &r = rep.requests[0];
        QCOMPARE(r.failures.at(Sim::failureReasonName(Sim::FailureReason::Timeout)), r.failed);
        // a success never takes longer than two timeouts
        QVERIFY(r.latencyMs.max <= 2 * timeout);
    }
}

QTEST_GUILESS_MAIN(tst_TimeoutsRetries)

#include "tst_timeoutsretries.moc"
