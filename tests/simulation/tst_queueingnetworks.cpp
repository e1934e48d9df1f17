// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: open queueing networks (Jackson) and load balancing over replicas.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

using namespace TestSupport;

namespace {

// more threads than requests ever present at a station (P(N >= 1000) ~ 0 at rho <= 0.8)
constexpr int kThreads = 1000;

ReplicationStats componentStats(const Sim::RunResult &run,
                                const std::string &id,
                                double (*figure)(const Sim::ComponentResult &))
{
    return acrossReplications(run, [&](const Sim::ReplicationResult &r) {
        return figure(*componentOf(r, id));
    });
}

double meanLatency(const Sim::ComponentResult &c)
{
    return c.latencyMs.mean;
}
double inSystem(const Sim::ComponentResult &c)
{
    return c.meanInSystem;
}

ReplicationStats requestMeanStats(const Sim::RunResult &run)
{
    return acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
}

} // namespace

class tst_QueueingNetworks : public QObject
{
    Q_OBJECT

private slots:
    void jacksonTandem();
    void jacksonBranch();
    void randomBalancing_data();
    void randomBalancing();
    void roundRobinBalancing();
    void gatewayWeightedRoutes();
};

// The model. Service A (1 core, 1000 threads) runs an exponential CPU step, then calls
// service B (1 core, 1000 threads) which runs an exponential CPU step. A's thread is held
// during the call, but with 1000 threads no request ever waits for one, so holding it
// costs nothing. A's CPU is processor sharing on one core: an M/M/1-PS station, whose
// number in system is the M/M/1 birth-death chain; it is quasi-reversible, so the stream of
// CPU completions that goes on to B is Poisson(lambda) and independent of A's state (Kelly
// networks of symmetric queues). B is then M/M/1-PS too, and the network has product form.
// While a request is at B it also counts at A (its thread waits), so:
//   end-to-end mean = 1/(muA - lambda) + 1/(muB - lambda)   (= A's component response)
//   B's component response = 1/(muB - lambda).
// With FCFS and threads = 1 at A the thread would be held while B works, A would not be an
// independent station, and the formula would not apply.
void tst_QueueingNetworks::jacksonTandem()
{
    const double ratePerS = 600, windowS = 200, warmupS = 5;
    const int reps = 10;
    const double meanA = 1.0, meanB = 1.25; // rho_A = 0.6, rho_B = 0.75
    Sim::Spec spec = singleEntrySpec(
        {stepService("A",
                     {cpuStep(Sim::Distribution::exponential(meanA)), callStep(1)},
                     kThreads,
                     1),
         stepService("B", {cpuStep(Sim::Distribution::exponential(meanB))}, kThreads, 1)},
        ratePerS,
        warmupS + windowS,
        warmupS,
        41);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *a = run.component("A");
    const Sim::ComponentResult *b = run.component("B");
    QVERIFY(a && b);

    const double lambda = ratePerS / 1000;
    const double wA = Queueing::mm1Response(lambda, 1 / meanA);
    const double wB = Queueing::mm1Response(lambda, 1 / meanB);
    // 5 standard errors over 10 independent replications (Student t, 9 df)
    const ReplicationStats e2e = requestMeanStats(run);
    const ReplicationStats bW = componentStats(run, "B", meanLatency);
    const ReplicationStats bL = componentStats(run, "B", inSystem);
    const ReplicationStats aL = componentStats(run, "A", inSystem);
    ARCHSIM_VERIFY_WITHIN("Jackson tandem end-to-end mean 1/(muA-l) + 1/(muB-l) (ms)",
                          wA + wB,
                          run.request("_all")->latencyMs.mean,
                          5 * e2e.se);
    ARCHSIM_VERIFY_WITHIN("Jackson tandem B mean response (ms)", wB, b->latencyMs.mean, 5 * bW.se);
    ARCHSIM_VERIFY_WITHIN("Jackson tandem B mean_in_system rho/(1-rho)",
                          lambda * meanB / (1 - lambda * meanB),
                          b->meanInSystem,
                          5 * bL.se);
    ARCHSIM_VERIFY_WITHIN("Jackson tandem A mean_in_system lambda (wA + wB)",
                          lambda * (wA + wB),
                          a->meanInSystem,
                          5 * aL.se);
    // utilizations: 5 SE of an M/M/1 busy fraction, sqrt(lambda E[S^2] / T) (QueueingFormulas.h)
    const double tMs = windowS * 1000 * reps;
    ARCHSIM_VERIFY_WITHIN("Jackson tandem A utilization",
                          lambda * meanA,
                          a->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2 * meanA * meanA, tMs));
    ARCHSIM_VERIFY_WITHIN("Jackson tandem B utilization",
                          lambda * meanB,
                          b->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2 * meanB * meanB, tMs));
    // Both stations see every request. Counts start at the warm-up, so B's count differs
    // from A's by those at A's CPU at the warm-up minus those there at the end: each is
    // geometric with mean rho_A/(1 - rho_A) = 1.5, and P(N >= 30) = 0.6^30 = 2e-7.
    for (const Sim::ReplicationResult &rep : run.perReplication)
        QVERIFY(std::abs(componentOf(rep, "A")->arrived - componentOf(rep, "B")->arrived) < 30);
}

// Probabilistic routing: A (as above) calls B with probability 0.5. B's input is a Bernoulli
// thinning of A's Poisson output, Poisson(lambda/2). End-to-end mean
// 1/(muA - lambda) + 0.5 / (muB - lambda/2).
void tst_QueueingNetworks::jacksonBranch()
{
    const double ratePerS = 800, windowS = 200, warmupS = 5;
    const int reps = 10;
    const double meanA = 1.0, meanB = 2.0; // rho_A = 0.8, rho_B = 0.8
    Sim::Step branch;
    branch.kind = Sim::Step::Kind::Probability;
    branch.probability = 0.5;
    branch.steps = {callStep(1)};
    Sim::Spec spec = singleEntrySpec(
        {stepService("A", {cpuStep(Sim::Distribution::exponential(meanA)), branch}, kThreads, 1),
         stepService("B", {cpuStep(Sim::Distribution::exponential(meanB))}, kThreads, 1)},
        ratePerS,
        warmupS + windowS,
        warmupS,
        42);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *a = run.component("A");
    const Sim::ComponentResult *b = run.component("B");
    QVERIFY(a && b);

    const double lambda = ratePerS / 1000;
    const double wA = Queueing::mm1Response(lambda, 1 / meanA);
    const double wB = Queueing::mm1Response(lambda / 2, 1 / meanB);
    const ReplicationStats e2e = requestMeanStats(run);
    const ReplicationStats bW = componentStats(run, "B", meanLatency);
    ARCHSIM_VERIFY_WITHIN("Jackson branch end-to-end mean wA + 0.5 wB (ms)",
                          wA + 0.5 * wB,
                          run.request("_all")->latencyMs.mean,
                          5 * e2e.se);
    ARCHSIM_VERIFY_WITHIN("Jackson branch B mean response (ms)", wB, b->latencyMs.mean, 5 * bW.se);
    // B's visits: Binomial(n, 1/2) of A's, 5 standard deviations
    const double n = a->arrived;
    ARCHSIM_VERIFY_WITHIN("Jackson branch B visits / A visits",
                          0.5,
                          b->arrived / a->arrived,
                          5 * std::sqrt(0.25 / n));
}

void tst_QueueingNetworks::randomBalancing_data()
{
    QTest::addColumn<bool>("throughLoadBalancer");
    QTest::newRow("load balancer, policy random") << true;
    QTest::newRow("service entry, balancing random") << false;
}

// Random balancing over R = 4 replicas, each one thread on one core with exponential
// service of 1 ms: a random split of a Poisson stream is R independent Poisson streams of
// lambda/R, so each replica is M/M/1 at lambda/R = 0.8/ms: W = 5 ms, utilization 0.8.
void tst_QueueingNetworks::randomBalancing()
{
    QFETCH(bool, throughLoadBalancer);
    const double ratePerS = 3200, windowS = 100, warmupS = 5;
    const int reps = 10, replicas = 4;
    Sim::Component server
        = cpuService("server", Sim::Distribution::exponential(1.0), 1, 1, replicas);
    server.balancing = Sim::Balancing::Random;
    std::vector<Sim::Component> components;
    if (throughLoadBalancer)
        components = {loadBalancer("lb", Sim::Balancing::Random, {1}), server};
    else
        components = {server};
    Sim::Spec spec = singleEntrySpec(components, ratePerS, warmupS + windowS, warmupS, 43);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *s = run.component("server");
    QVERIFY(s);

    const double lambda = ratePerS / 1000 / replicas, rho = lambda;
    const double n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0);
    // The overall mean is the average of R independent M/M/1 customer averages with (about)
    // equal weights, so its relative SE is the M/M/1 one with n = all customers.
    ARCHSIM_VERIFY_WITHIN("random balancing over 4 M/M/1 replicas: mean response (ms)",
                          w,
                          run.request("_all")->latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("random balancing: server mean_in_system R rho/(1-rho)",
                          replicas * rho / (1 - rho),
                          s->meanInSystem,
                          5 * replicas * rho / (1 - rho) * Queueing::mm1InSystemMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("random balancing: utilization",
                          rho,
                          s->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0, windowS * 1000 * reps)
                              / std::sqrt(double(replicas)));
}

// Round robin over R = 4 replicas: each replica receives every 4th arrival of a Poisson
// stream, so its interarrival time is Erlang-4 (phase rate lambda): an E4/M/1 queue,
// W = 1/(mu (1 - sigma)) with sigma = (lambda/(lambda + mu (1 - sigma)))^4 (GI/M/1,
// Kleinrock 6.4). At lambda/R = 0.8/ms, sigma = 0.6939 and W = 3.267 ms, against the
// 5 ms of random balancing. Tolerance: 5 SE over 10 independent replications.
void tst_QueueingNetworks::roundRobinBalancing()
{
    const double ratePerS = 3200, windowS = 60, warmupS = 2;
    const int reps = 10, replicas = 4;
    Sim::Component server
        = cpuService("server", Sim::Distribution::exponential(1.0), 1, 1, replicas);
    Sim::Spec spec = singleEntrySpec({loadBalancer("lb", Sim::Balancing::RoundRobin, {1}), server},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     44);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);

    const double w = Queueing::ekm1Response(replicas, ratePerS / 1000 / replicas, 1.0);
    const ReplicationStats ws = requestMeanStats(run);
    ARCHSIM_VERIFY_WITHIN("round robin over 4 M/M/1 replicas = E4/M/1: mean response (ms)",
                          w,
                          run.request("_all")->latencyMs.mean,
                          5 * ws.se);
}

// The strangler facade: a gateway (no latency) routes "checkout" half to the monolith and
// half to the new orders service, and everything else ("*") to the monolith. Arrivals
// are 80% browse, 20% checkout at 800/s, so the monolith receives a Bernoulli thinning
// of the Poisson stream with probability 0.9 (720/s) and orders 0.1 (80/s): independent
// Poisson streams. Both are one thread on one core with exponential CPU (1 ms and 2 ms):
// M/M/1 at rho 0.72 and 0.16, W = 3.571 ms and 2.381 ms. Tolerances: the M/M/1 closed-form
// standard errors for each station's own mean (n = its customers), 5 of them; binomial for
// the split.
void tst_QueueingNetworks::gatewayWeightedRoutes()
{
    const double ratePerS = 800, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Component gw;
    gw.id = "gw";
    gw.kind = Sim::ComponentKind::Gateway;
    gw.latency = Sim::Distribution::constant(0);
    gw.routes = {{"checkout", {{1, 0.5}, {2, 0.5}}}, {"*", {{1, 1.0}}}};
    Sim::Component mono = cpuService("monolith", Sim::Distribution::exponential(1.0));
    mono.handlers = {{"browse", {cpuStep(Sim::Distribution::exponential(1.0))}},
                     {"checkout", {cpuStep(Sim::Distribution::exponential(1.0))}}};
    Sim::Component orders = cpuService("orders", Sim::Distribution::exponential(2.0));
    orders.handlers = {{"checkout", {cpuStep(Sim::Distribution::exponential(2.0))}}};
    Sim::Spec spec = singleEntrySpec({gw, mono, orders}, ratePerS, warmupS + windowS, warmupS, 45);
    spec.workload.requests = {{"browse", 0.8}, {"checkout", 0.2}};
    spec.replications = reps;
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *m = run.component("monolith");
    const Sim::ComponentResult *o = run.component("orders");
    QVERIFY(m && o);

    const double lambda = ratePerS / 1000, n = ratePerS * windowS * reps;
    const double lm = 0.9 * lambda, lo = 0.1 * lambda, rhoM = lm * 1.0, rhoO = lo * 2.0;
    const double wM = Queueing::mm1Response(lm, 1.0), wO = Queueing::mm1Response(lo, 0.5);
    ARCHSIM_VERIFY_WITHIN("gateway: monolith (90%) mean response (ms)",
                          wM,
                          m->latencyMs.mean,
                          5 * wM * Queueing::mm1ResponseMeanRelSe(rhoM, 0.9 * n));
    ARCHSIM_VERIFY_WITHIN("gateway: orders (10%) mean response (ms)",
                          wO,
                          o->latencyMs.mean,
                          5 * wO * Queueing::mm1ResponseMeanRelSe(rhoO, 0.1 * n));
    const double share = o->arrived / (o->arrived + m->arrived);
    ARCHSIM_VERIFY_WITHIN("gateway: share routed to orders",
                          0.1,
                          share,
                          5 * std::sqrt(0.1 * 0.9 / (o->arrived + m->arrived)));
    // checkout requests see the mix of both: 0.5 wM + 0.5 wO; 5 SE over the replications
    const ReplicationStats checkout = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[2].latencyMs.mean;
    });
    QCOMPARE(run.perReplication[0].requests[2].name, std::string("checkout"));
    ARCHSIM_VERIFY_WITHIN("gateway: checkout mean response 0.5 wM + 0.5 wO (ms)",
                          0.5 * (wM + wO),
                          run.request("checkout")->latencyMs.mean,
                          5 * checkout.se);
}

QTEST_GUILESS_MAIN(tst_QueueingNetworks)

#include "tst_queueingnetworks.moc"
