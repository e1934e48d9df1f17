// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: processor sharing. A thread_pool service with many threads on c cores runs
// n requests' CPU steps at min(1, c/n) of a core each (scenario-format.md), so with
// Poisson arrivals it is an M/G/1-PS queue (c = 1) or an M/M/c-like PS queue (c > 1).

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

// so many threads that none ever waits for one: P(N >= 1000) = rho^1000 ~ 0 at rho 0.8
constexpr int kThreads = 1000;

double meanResponse(const Sim::RunResult &run, const std::string &request)
{
    return run.request(request)->latencyMs.mean;
}

} // namespace

class tst_ProcessorSharing : public QObject
{
    Q_OBJECT

private slots:
    void exponentialService();
    void constantServiceIsInsensitive();
    void responseProportionalToSize();
    void multiCoreMatchesErlangC();
    void fewThreadsOneCore();
    void fractionalCore();
    void loneTaskTakesExactlyItsWork();
};

void tst_ProcessorSharing::exponentialService()
{
    // M/M/1-PS at rho 0.8: the number in system is the same birth-death chain as M/M/1,
    // so L = rho/(1 - rho) = 4 and W = 1/(mu - lambda) = 5 ms. The estimator variances are
    // those of M/M/1 too: L^ has the same law, and W^ = L^/lambda^ (the derivation in
    // QueueingFormulas.h uses only that identity).
    const double ratePerS = 800, windowS = 300, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec
        = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0), kThreads)},
                          ratePerS,
                          warmupS + windowS,
                          warmupS,
                          21);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0), l = rho / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("M/M/1-PS mean response (ms)",
                          w,
                          meanResponse(run, "_all"),
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("M/M/1-PS mean_in_system",
                          l,
                          server->meanInSystem,
                          5 * l * Queueing::mm1InSystemMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("M/M/1-PS utilization",
                          rho,
                          server->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0, windowS * 1000 * reps));
    // nobody waits for a thread
    QCOMPARE(server->meanWaiting, 0.0);
}

void tst_ProcessorSharing::constantServiceIsInsensitive()
{
    // M/D/1-PS at rho 0.8: M/G/1-PS is insensitive to the service distribution beyond its
    // mean (Kleinrock Vol. 2, 4.4): W = D/(1 - rho) = 5 ms and L = 4, as for exponential
    // service. FCFS would give 3 ms (M/D/1), so this separates PS from FCFS. Tolerance: 5
    // standard errors over 10 independent replications (no closed-form variance here).
    const double ratePerS = 800, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec
        = singleEntrySpec({cpuService("server", Sim::Distribution::constant(1.0), kThreads)},
                          ratePerS,
                          warmupS + windowS,
                          warmupS,
                          22);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    const double lambda = ratePerS / 1000, rho = lambda;
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats l = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanInSystem;
    });
    ARCHSIM_VERIFY_WITHIN("M/D/1-PS mean response D/(1-rho) (ms)",
                          1.0 / (1 - rho),
                          meanResponse(run, "_all"),
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN("M/D/1-PS mean_in_system rho/(1-rho)",
                          rho / (1 - rho),
                          server->meanInSystem,
                          5 * l.se);
    ARCHSIM_VERIFY_WITHIN("M/D/1-PS utilization",
                          rho,
                          server->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 1.0, windowS * 1000 * reps));
}

void tst_ProcessorSharing::responseProportionalToSize()
{
    // M/G/1-PS: a request of size x has mean response x/(1 - rho) whatever the others do
    // (Kleinrock Vol. 2, 4.4). Two request types, 0.5 ms and 2 ms of CPU, half each, at
    // 640 requests/s: E[S] = 1.25 ms, rho = 0.8, so 2.5 ms and 10 ms. Under FCFS both
    // would see the same wait (M/G/1 Wq = lambda E[S^2]/(2(1 - rho)) = 3.4 ms): 3.9 and 5.4 ms.
    const double ratePerS = 640, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Component server = cpuService("server", Sim::Distribution::constant(0.5), kThreads);
    server.handlers = {{"small", {cpuStep(Sim::Distribution::constant(0.5))}},
                       {"large", {cpuStep(Sim::Distribution::constant(2.0))}}};
    Sim::Spec spec = singleEntrySpec({server}, ratePerS, warmupS + windowS, warmupS, 23);
    spec.workload.requests = {{"small", 1}, {"large", 1}};
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    QVERIFY(run.request("small") && run.request("large"));

    const double rho = ratePerS / 1000 * 1.25;
    const ReplicationStats small = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[1].latencyMs.mean;
    });
    const ReplicationStats large = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[2].latencyMs.mean;
    });
    QCOMPARE(run.perReplication[0].requests[1].name, std::string("small"));
    ARCHSIM_VERIFY_WITHIN("M/G/1-PS mean response of 0.5 ms requests (ms)",
                          0.5 / (1 - rho),
                          meanResponse(run, "small"),
                          5 * small.se);
    ARCHSIM_VERIFY_WITHIN("M/G/1-PS mean response of 2 ms requests (ms)",
                          2.0 / (1 - rho),
                          meanResponse(run, "large"),
                          5 * large.se);
}

void tst_ProcessorSharing::multiCoreMatchesErlangC()
{
    // Many threads on c = 4 cores, exponential CPU: with n requests the total service rate is
    // mu min(n, c), the birth-death chain of M/M/c, so L and (by Little) W equal M/M/c's:
    // W = C(c, a)/(c mu - lambda) + 1/mu. At lambda = 3.2/ms, a = 3.2, rho = 0.8.
    // Tolerance: 5 standard errors over 10 independent replications.
    const double ratePerS = 3200, windowS = 60, warmupS = 2;
    const int reps = 10, c = 4;
    Sim::Spec spec
        = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0), kThreads, c)},
                          ratePerS,
                          warmupS + windowS,
                          warmupS,
                          24);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    const double lambda = ratePerS / 1000;
    const double w = Queueing::mmcWait(c, lambda, 1.0) + 1.0;
    const ReplicationStats ws = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats ls = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanInSystem;
    });
    ARCHSIM_VERIFY_WITHIN("M/M/4-PS mean response = Erlang C W (ms)",
                          w,
                          meanResponse(run, "_all"),
                          5 * ws.se);
    ARCHSIM_VERIFY_WITHIN("M/M/4-PS mean_in_system = lambda W",
                          lambda * w,
                          server->meanInSystem,
                          5 * ls.se);
}

void tst_ProcessorSharing::fewThreadsOneCore()
{
    // threads = 2 on one core, exponential CPU: up to 2 requests share the core, the rest
    // wait for a thread. Whatever the split, the core serves at rate mu whenever anyone is
    // there and service is memoryless, so N is the M/M/1 chain: W = 1/(mu - lambda) = 5 ms,
    // and the number waiting for a thread is E[(N - 2)^+] = rho^3/(1 - rho) = 2.56.
    // Tolerances: M/M/1 closed-form SE for W (W^ = L^/lambda^ as above); 5 SE over the
    // 10 replications for the waiting count.
    const double ratePerS = 800, windowS = 300, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0), 2)},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     25);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0);
    ARCHSIM_VERIFY_WITHIN("2 threads on 1 core: mean response (ms)",
                          w,
                          meanResponse(run, "_all"),
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    const ReplicationStats lq = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanWaiting;
    });
    ARCHSIM_VERIFY_WITHIN("2 threads on 1 core: waiting for a thread rho^3/(1-rho)",
                          std::pow(rho, 3) / (1 - rho),
                          server->meanWaiting,
                          5 * lq.se);
}

void tst_ProcessorSharing::fractionalCore()
{
    // cpu_cores = 0.5: one thread runs at half speed, so 0.5 ms of CPU takes 1 ms on average:
    // M/M/1 with mu = 1/ms at 800/s, W = 5 ms; utilization (busy core-s over 0.5 core) 0.8.
    const double ratePerS = 800, windowS = 300, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec
        = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(0.5), 1, 0.5)},
                          ratePerS,
                          warmupS + windowS,
                          warmupS,
                          26);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0);
    ARCHSIM_VERIFY_WITHIN("half a core: mean response (ms)",
                          w,
                          meanResponse(run, "_all"),
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("half a core: utilization",
                          rho,
                          server->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0, windowS * 1000 * reps));
}

void tst_ProcessorSharing::loneTaskTakesExactlyItsWork()
{
    // A task that finds its replica idle starts directly (EngineImpl::cpuAdd) and ends after
    // exactly its work in whole ticks, as the general rule's ceil(work / 1 - 1e-9) gives. The
    // works straddle 2^23 and 2^24 ns, where the guard's subtraction rounds by one ulp, and
    // reach past 2^36 ns. Constant arrivals further apart than the work: never a queue.
    for (const double ms : {0.000001, 0.5, 8.388607, 8.388609, 16.777215, 16.777217, 123456.789}) {
        Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::constant(ms))},
                                         1000.0 / (2 * ms + 1),
                                         10 * (2 * ms + 1) / 1000.0,
                                         0);
        spec.workload.arrivals = Sim::ArrivalKind::Constant;
        const Sim::RunResult run = runChecked(spec);
        const Sim::RequestResult &all = run.requests.front();
        const auto ticks = static_cast<std::int64_t>(ms * 1e6 + 0.5); // as the engine rounds
        QVERIFY2(all.completed >= 9, qPrintable(QString::number(ms)));
        // exactly, not QCOMPARE's relative 1e-12: one tick of 123 s is less than that
        const double expected = static_cast<double>(ticks) * 1e-6;
        QVERIFY2(all.latencyMs.max == expected && all.latencyMs.mean == expected,
                 qPrintable(QStringLiteral("%1 ms: max %2, mean %3")
                                .arg(ms, 0, 'g', 10)
                                .arg(all.latencyMs.max, 0, 'g', 17)
                                .arg(all.latencyMs.mean, 0, 'g', 17)));
    }
}

QTEST_GUILESS_MAIN(tst_ProcessorSharing)

#include "tst_processorsharing.moc"
