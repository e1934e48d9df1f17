// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: the event_loop concurrency model. One loop runs every CPU step of every
// request one at a time, first come first served; while a request waits on a call the
// loop serves others (scenario-format.md).

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

using namespace TestSupport;

namespace {

Sim::Component eventLoopService(const std::string &id,
                                std::vector<Sim::Step> steps,
                                int workers,
                                double cores)
{
    Sim::Component c = stepService(id, std::move(steps), 1, cores);
    c.concurrency = Sim::ConcurrencyModel::EventLoop;
    c.workers = workers;
    return c;
}

} // namespace

class tst_EventLoop : public QObject
{
    Q_OBJECT

private slots:
    void singleLoopIsMm1();
    void loopServesOthersDuringCalls();
    void clusterOfWorkers();
    void offloadPoolIsMmc();
};

void tst_EventLoop::singleLoopIsMm1()
{
    // one loop, one core, one exponential CPU step of 1 ms at 800 requests/s: M/M/1,
    // W = 5 ms, L = 4, Lq (requests waiting for the loop) = rho^2/(1 - rho) = 3.2.
    // Tolerances: the M/M/1 closed-form standard errors (QueueingFormulas.h), 5 of them;
    // for Lq, 5 SE over the 10 independent replications.
    const double ratePerS = 800, windowS = 300, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec(
        {eventLoopService("node", {cpuStep(Sim::Distribution::exponential(1.0))}, 1, 1)},
        ratePerS,
        warmupS + windowS,
        warmupS,
        51);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *node = run.component("node");
    QVERIFY(node);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0), l = rho / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("event loop M/M/1 mean response (ms)",
                          w,
                          run.request("_all")->latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("event loop M/M/1 mean_in_system",
                          l,
                          node->meanInSystem,
                          5 * l * Queueing::mm1InSystemMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("event loop M/M/1 utilization",
                          rho,
                          node->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0, windowS * 1000 * reps));
    const ReplicationStats lq = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "node")->meanWaiting;
    });
    ARCHSIM_VERIFY_WITHIN("event loop M/M/1 mean_waiting rho^2/(1-rho)",
                          rho * rho / (1 - rho),
                          node->meanWaiting,
                          5 * lq.se);
}

void tst_EventLoop::loopServesOthersDuringCalls()
{
    // Handler: exponential CPU of 1 ms, then a call to an external that always takes 10 ms.
    // The loop is free during the call, so it is an M/M/1 for the CPU steps (Poisson
    // arrivals, rho = 0.5) followed by a pure 10 ms delay: W = 1/(mu - lambda) + 10 = 12 ms,
    // and utilization 0.5. (A thread pool with one thread would hold it for 11 ms on
    // average: rho = 5.5, unstable.) Tolerances: the M/M/1 ones for the CPU part (the delay
    // is constant, it adds no variance).
    const double ratePerS = 500, windowS = 200, warmupS = 5;
    const int reps = 10;
    const std::vector<Sim::Step> steps = {cpuStep(Sim::Distribution::exponential(1.0)),
                                          callStep(1)};
    Sim::Spec spec = singleEntrySpec({eventLoopService("node", steps, 1, 1),
                                      external("remote", Sim::Distribution::constant(10.0))},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     52);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *node = run.component("node");
    QVERIFY(node);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double cpuPart = Queueing::mm1Response(lambda, 1.0);
    ARCHSIM_VERIFY_WITHIN("event loop with 10 ms call: mean response (ms)",
                          cpuPart + 10.0,
                          run.request("_all")->latencyMs.mean,
                          5 * cpuPart * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("event loop with 10 ms call: utilization",
                          rho,
                          node->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0, windowS * 1000 * reps));
    // Little: requests at the node = lambda W (here with a 5-SE band of lambda W^)
    ARCHSIM_VERIFY_WITHIN("event loop with 10 ms call: mean_in_system lambda W",
                          lambda * (cpuPart + 10),
                          node->meanInSystem,
                          5 * lambda * cpuPart * Queueing::mm1ResponseMeanRelSe(rho, n)
                              + 5 * std::sqrt(lambda / (windowS * 1000 * reps)) * (cpuPart + 10));
}

void tst_EventLoop::clusterOfWorkers()
{
    // workers = 4 on 4 cores: arrivals are handed to the workers in turn (round robin, as
    // Node's cluster module does), so each worker is an E4/M/1 queue at 0.8 (see
    // tst_queueingnetworks roundRobinBalancing): W = 3.267 ms; utilization 0.8.
    // Tolerances: 5 SE over 10 independent replications for W; the busy-fraction SE of one
    // M/M/1-like server / sqrt(4) for utilization would assume Poisson input, so it also
    // uses the replications.
    const double ratePerS = 3200, windowS = 60, warmupS = 2;
    const int reps = 10, workers = 4;
    Sim::Spec spec
        = singleEntrySpec({eventLoopService("node",
                                            {cpuStep(Sim::Distribution::exponential(1.0))},
                                            workers,
                                            workers)},
                          ratePerS,
                          warmupS + windowS,
                          warmupS,
                          53);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *node = run.component("node");
    QVERIFY(node);

    const double w = Queueing::ekm1Response(workers, ratePerS / 1000 / workers, 1.0);
    const ReplicationStats ws = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats util = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "node")->utilization;
    });
    const ReplicationStats l = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "node")->meanInSystem;
    });
    ARCHSIM_VERIFY_WITHIN("event loop cluster of 4 = 4 x E4/M/1: mean response (ms)",
                          w,
                          run.request("_all")->latencyMs.mean,
                          5 * ws.se);
    ARCHSIM_VERIFY_WITHIN("event loop cluster of 4: utilization",
                          0.8,
                          node->utilization,
                          5 * util.se);
    ARCHSIM_VERIFY_WITHIN("event loop cluster of 4: mean_in_system lambda W",
                          ratePerS / 1000 * w,
                          node->meanInSystem,
                          5 * l.se);
}

void tst_EventLoop::offloadPoolIsMmc()
{
    // One offloaded exponential CPU step of 1 ms, worker_threads = 4 on 4 cores: the loop is
    // never used, and the offload pool is an M/M/4 queue (at most 4 steps run, each on a core
    // of its own; the others wait in order). At 3200 requests/s: Erlang C W = 1.7455 ms.
    // Tolerances: 5 SE over 10 independent replications.
    const double ratePerS = 3200, windowS = 60, warmupS = 2;
    const int reps = 10, c = 4;
    Sim::Step offloaded = cpuStep(Sim::Distribution::exponential(1.0));
    offloaded.offload = true;
    Sim::Component node = eventLoopService("node", {offloaded}, 1, c);
    node.workerThreads = c;
    Sim::Spec spec = singleEntrySpec({node}, ratePerS, warmupS + windowS, warmupS, 54);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *n = run.component("node");
    QVERIFY(n);

    const double lambda = ratePerS / 1000;
    const double wq = Queueing::mmcWait(c, lambda, 1.0);
    const ReplicationStats ws = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats lq = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "node")->meanWaiting;
    });
    const ReplicationStats util = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "node")->utilization;
    });
    ARCHSIM_VERIFY_WITHIN("offload pool of 4 = M/M/4: mean response (ms)",
                          wq + 1.0,
                          run.request("_all")->latencyMs.mean,
                          5 * ws.se);
    ARCHSIM_VERIFY_WITHIN("offload pool of 4 = M/M/4: mean_waiting Lq",
                          lambda * wq,
                          n->meanWaiting,
                          5 * lq.se);
    ARCHSIM_VERIFY_WITHIN("offload pool of 4: utilization",
                          lambda / c,
                          n->utilization,
                          5 * util.se);
}

QTEST_GUILESS_MAIN(tst_EventLoop)

#include "tst_eventloop.moc"
