// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: networks between components (docs/scenario-format.md, "Network"). A call step
// over a network adds a one-way latency to its request and to its response; with a bandwidth,
// each direction of the link is shared by its transfers as processor sharing, so with Poisson
// arrivals one direction is an M/G/1-PS queue; a compressing service spends CPU on each
// response before it leaves.

#include "LoadEstimate.h"
#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

constexpr int kThreads = 1000; // no request ever waits for a thread

Sim::Network network(Sim::Distribution latencyMs, double bandwidthMbps = 0)
{
    Sim::Network n;
    n.enabled = true;
    n.latency = latencyMs;
    n.bandwidthMbps = bandwidthMbps;
    return n;
}

/** "front" (no CPU of its own) calls component 1 over `net`; arrivals at `ratePerS`. */
Sim::Spec callOver(const Sim::Network &net,
                   const Sim::Component &back,
                   double ratePerS,
                   double durationS,
                   double warmupS,
                   std::uint64_t seed)
{
    Sim::Step call = callStep(1);
    call.network = net;
    Sim::Spec spec = singleEntrySpec({stepService("front", {call}, kThreads), back},
                                     ratePerS,
                                     durationS,
                                     warmupS,
                                     seed);
    return spec;
}

const Sim::LinkResult *link(const Sim::RunResult &run,
                            const std::string &from,
                            const std::string &to)
{
    for (const Sim::LinkResult &l : run.links) {
        if (l.from == from && l.to == to)
            return &l;
    }
    return nullptr;
}

} // namespace

class tst_Network : public QObject
{
    Q_OBJECT

private slots:
    void noNetworkNoLinks();
    void constantLatencyAddsTwiceExactly();
    void latencyInFrontOfMm1();
    void psLinkExponentialSizes();
    void psLinkConstantSizesIsInsensitive();
    void responsesUseTheOtherDirection();
    void compressionCpuIsMg1();
    void compressionShrinksTheBytes();
};

void tst_Network::noNetworkNoLinks()
{
    // a call step without a network: no link in the results, and payload sizes alone change
    // nothing
    Sim::Spec spec = singleEntrySpec({stepService("front", {callStep(1)}, kThreads),
                                      external("back", Sim::Distribution::exponential(2.0))},
                                     500,
                                     20,
                                     1,
                                     3);
    const Sim::RunResult plain = runChecked(spec);
    spec.workload.payloads = {
        {Sim::Distribution::exponential(10), Sim::Distribution::constant(50)}};
    const Sim::RunResult sized = runChecked(spec);
    QVERIFY(plain.links.empty());
    QVERIFY(sized.links.empty());
    QCOMPARE(sized.requests[0].latencyMs.mean, plain.requests[0].latencyMs.mean);
    QCOMPARE(sized.requests[0].completed, plain.requests[0].completed);
}

void tst_Network::constantLatencyAddsTwiceExactly()
{
    // A deterministic 2 ms latency, one way on the request and one way on the response,
    // in front of an external that answers in exactly 5 ms: every request takes exactly
    // 5 + 2 x 2 = 9 ms (no randomness left). Tolerance: 1e-6 ms (rounding of the mean).
    const Sim::Component back = external("back", Sim::Distribution::constant(5.0));
    const Sim::RunResult without = runChecked(callOver(Sim::Network{}, back, 1000, 30, 1, 4));
    const Sim::RunResult with = runChecked(
        callOver(network(Sim::Distribution::constant(2.0)), back, 1000, 30, 1, 4));
    ARCHSIM_VERIFY_WITHIN("without a network, mean response (ms)",
                          5.0,
                          without.requests[0].latencyMs.mean,
                          1e-6);
    ARCHSIM_VERIFY_WITHIN("2 ms each way: mean response 5 + 2 x 2 (ms)",
                          9.0,
                          with.requests[0].latencyMs.mean,
                          1e-6);
    ARCHSIM_VERIFY_WITHIN("2 ms each way: max response (ms)",
                          9.0,
                          with.requests[0].latencyMs.max,
                          0.1);
    // the latency alone leaves no link figures of a bandwidth, but the link is listed
    const Sim::LinkResult *forth = link(with, "front", "back");
    QVERIFY(forth);
    QCOMPARE(forth->utilization, 0.0);
    QCOMPARE(forth->bytesPerS, 0.0);
}

void tst_Network::latencyInFrontOfMm1()
{
    // The target is an M/M/1 server (exp 1 ms CPU, one thread) at rho 0.8. A constant delay
    // shifts the Poisson arrivals without changing them, so the end-to-end mean is the M/M/1
    // response 1/(mu - lambda) = 5 ms plus exactly 2 x 3 ms. Tolerance: 5 closed-form
    // standard errors of the M/M/1 mean response (QueueingFormulas.h).
    const double ratePerS = 800, windowS = 300, warmupS = 5;
    const int reps = 4;
    Sim::Spec spec = callOver(network(Sim::Distribution::constant(3.0)),
                              cpuService("back", Sim::Distribution::exponential(1.0)),
                              ratePerS,
                              warmupS + windowS,
                              warmupS,
                              5);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const double lambda = ratePerS / 1000, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0);
    ARCHSIM_VERIFY_WITHIN("M/M/1 behind 3 ms each way: mean response 1/(mu - lambda) + 6 (ms)",
                          w + 6.0,
                          run.requests[0].latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(lambda, n));
}

void tst_Network::psLinkExponentialSizes()
{
    // Requests of exponential size, mean 100 KB, over a 100 Mbit/s link at 100 requests/s:
    // alone, a transfer takes 100,000 x 8 / 10^8 s = 8 ms on average, so rho = 0.8 and the
    // link direction is an M/M/1-PS queue: mean transfer time E[S]/(1 - rho) = 40 ms, the same
    // birth-death chain as M/M/1, whose estimator variances apply (QueueingFormulas.h). The
    // utilisation is rho (M/G/1 busy-fraction SE with E[S^2] = 2 E[S]^2); the bytes per second
    // are lambda E[size] = 10^7, with the SE of a compound Poisson sum, sqrt(lambda E[X^2] / T).
    const double ratePerS = 100, windowS = 600, warmupS = 10, kb = 100, mbps = 100;
    const int reps = 4;
    Sim::Spec spec = callOver(network(Sim::Distribution::constant(0), mbps),
                              external("back", Sim::Distribution::constant(0)),
                              ratePerS,
                              warmupS + windowS,
                              warmupS,
                              6);
    spec.workload.payloads = {{Sim::Distribution::exponential(kb), Sim::Distribution::constant(0)}};
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::LinkResult *forth = link(run, "front", "back");
    QVERIFY(forth);
    QCOMPARE(forth->bandwidthMbps, mbps);

    const double lambda = ratePerS / 1000;                 // per ms
    const double es = kb * 1000 * 8 / (mbps * 1e6) * 1000; // ms
    const double rho = lambda * es, n = ratePerS * windowS * reps, t = windowS * 1000 * reps;
    const double w = es / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("PS link, exp sizes: mean transfer E[S]/(1 - rho) (ms)",
                          w,
                          forth->meanTransferMs,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("PS link, exp sizes: end-to-end mean = the transfer (ms)",
                          w,
                          run.requests[0].latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("PS link, exp sizes: utilisation rho",
                          rho,
                          forth->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2 * es * es, t));
    const double bytes = ratePerS * kb * 1000;
    ARCHSIM_VERIFY_WITHIN("PS link, exp sizes: bytes per second lambda E[size]",
                          bytes,
                          forth->bytesPerS,
                          5
                              * std::sqrt(ratePerS * 2 * (kb * 1000) * (kb * 1000)
                                          / (windowS * reps)));
    // the other direction carries the (empty) responses
    const Sim::LinkResult *back = link(run, "back", "front");
    QVERIFY(back);
    QCOMPARE(back->bytesPerS, 0.0);
}

void tst_Network::psLinkConstantSizesIsInsensitive()
{
    // M/D/1-PS: the mean sojourn E[S]/(1 - rho) holds for any size distribution
    // (Kleinrock Vol. 2, 4.4). Constant 60 KB over 16 Mbit/s at 25 requests/s: E[S] = 30 ms,
    // rho = 0.75, mean transfer 120 ms (FCFS would give M/D/1's 75 ms). Tolerance: 5 standard
    // errors over 10 independent replications (no closed-form variance here).
    const double ratePerS = 25, windowS = 600, warmupS = 10, kb = 60, mbps = 16;
    const int reps = 10;
    Sim::Spec spec = callOver(network(Sim::Distribution::constant(0), mbps),
                              external("back", Sim::Distribution::constant(0)),
                              ratePerS,
                              warmupS + windowS,
                              warmupS,
                              7);
    spec.workload.payloads = {{Sim::Distribution::constant(kb), Sim::Distribution::constant(0)}};
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::LinkResult *forth = link(run, "front", "back");
    QVERIFY(forth);
    const double es = kb * 1000 * 8 / (mbps * 1e6) * 1000, rho = ratePerS / 1000 * es;
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.links[0].meanTransferMs;
    });
    QCOMPARE(run.perReplication[0].links[0].from, std::string("front"));
    ARCHSIM_VERIFY_WITHIN("PS link, constant sizes: mean transfer E[S]/(1 - rho) (ms)",
                          es / (1 - rho),
                          forth->meanTransferMs,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN("PS link, constant sizes: utilisation rho",
                          rho,
                          forth->utilization,
                          5
                              * Queueing::mg1UtilizationSe(ratePerS / 1000,
                                                           es * es,
                                                           windowS * 1000 * reps));
}

void tst_Network::responsesUseTheOtherDirection()
{
    // Responses of exponential size (mean 50 KB) over 50 Mbit/s at 100 requests/s, requests
    // empty: the back direction is the M/M/1-PS queue (E[S] = 8 ms, rho = 0.8, 40 ms), plus
    // 1 ms of latency each way: end to end 42 ms. The external answers at once, so responses
    // leave it as a Poisson stream.
    const double ratePerS = 100, windowS = 600, warmupS = 10, kb = 50, mbps = 50;
    const int reps = 4;
    Sim::Spec spec = callOver(network(Sim::Distribution::constant(1.0), mbps),
                              external("back", Sim::Distribution::constant(0)),
                              ratePerS,
                              warmupS + windowS,
                              warmupS,
                              8);
    spec.workload.payloads = {{Sim::Distribution::constant(0), Sim::Distribution::exponential(kb)}};
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::LinkResult *back = link(run, "back", "front");
    QVERIFY(back);
    const double es = kb * 1000 * 8 / (mbps * 1e6) * 1000, rho = ratePerS / 1000 * es;
    const double n = ratePerS * windowS * reps, w = es / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("PS link, responses: mean transfer E[S]/(1 - rho) (ms)",
                          w,
                          back->meanTransferMs,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("PS link, responses: end-to-end mean transfer + 2 x 1 ms (ms)",
                          w + 2.0,
                          run.requests[0].latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    QCOMPARE(link(run, "front", "back")->bytesPerS, 0.0);
}

void tst_Network::compressionCpuIsMg1()
{
    // One thread on one core (FCFS): exp 1 ms of CPU, then compression at 0.02 ms per KB of
    // an exponential 10 KB response, so S = X + Y with X ~ exp(1), Y ~ exp(0.2):
    // E[S] = 1.2 ms, E[S^2] = 1 + 0.04 + 1.44 = 2.48 ms^2. At 600 requests/s, rho = 0.72 and
    // Pollaczek-Khinchine gives W = lambda E[S^2] / (2 (1 - rho)) + E[S] = 3.857 ms.
    // Tolerances: 5 standard errors over 10 replications for W (no closed-form variance);
    // the M/G/1 busy-fraction SE for the utilisation.
    const double ratePerS = 600, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Component api = cpuService("api", Sim::Distribution::exponential(1.0));
    api.compression = {true, 4, 0.02};
    Sim::Spec spec = singleEntrySpec({api}, ratePerS, warmupS + windowS, warmupS, 9);
    spec.workload.payloads = {{Sim::Distribution::constant(1), Sim::Distribution::exponential(10)}};
    spec.replications = reps;
    // the estimate before a run counts the compression's CPU: 1 / 1.2 ms = 833/s
    const std::vector<Sim::ComponentLoad> load = Sim::estimateLoad(spec);
    QVERIFY(qAbs(load[0].capacityPerS - 1000.0 / 1.2) < 1e-6);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const double lambda = ratePerS / 1000, es = 1.2, es2 = 2.48;
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    ARCHSIM_VERIFY_WITHIN("compression as M/G/1: mean response P-K (ms)",
                          Queueing::mg1Wait(lambda, es, es2) + es,
                          run.requests[0].latencyMs.mean,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN("compression as M/G/1: utilisation lambda E[S]",
                          lambda * es,
                          run.component("api")->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, es2, windowS * 1000 * reps));
}

void tst_Network::compressionShrinksTheBytes()
{
    // The trade-off: the same service with and without compression (ratio 4, 0.05 ms per KB)
    // behind a link. Its responses (exp, mean 20 KB, at 200 requests/s) take lambda E[size]
    // = 4 MB/s of the link without it and a quarter with it, and its CPU utilisation rises by
    // lambda x 0.05 x 20 ms = 0.2. Tolerances: the compound Poisson SE of the bytes per second
    // (the compressed size is the drawn size / 4), and for the utilisation the same for the
    // CPU work done, sqrt(lambda E[S^2] / T) / cores (QueueingFormulas.h's mg1UtilizationSe:
    // the work served in T is a compound Poisson sum whatever the number of cores).
    const double ratePerS = 200, windowS = 300, warmupS = 5, kb = 20;
    Sim::Component api = cpuService("api", Sim::Distribution::constant(1.0), kThreads, 2);
    Sim::Spec spec = callOver(network(Sim::Distribution::constant(0.5), 1000),
                              api,
                              ratePerS,
                              warmupS + windowS,
                              warmupS,
                              10);
    spec.workload.payloads = {{Sim::Distribution::constant(0), Sim::Distribution::exponential(kb)}};
    const Sim::RunResult plain = runChecked(spec);
    spec.components[1].compression = {true, 4, 0.05};
    const Sim::RunResult zipped = runChecked(spec);

    const double bytes = ratePerS * kb * 1000;
    const double se = std::sqrt(ratePerS * 2 * (kb * 1000) * (kb * 1000) / windowS);
    ARCHSIM_VERIFY_WITHIN("without compression: response bytes per second",
                          bytes,
                          link(plain, "api", "front")->bytesPerS,
                          5 * se);
    ARCHSIM_VERIFY_WITHIN("compression ratio 4: response bytes per second / 4",
                          bytes / 4,
                          link(zipped, "api", "front")->bytesPerS,
                          5 * se / 4);
    const double lambda = ratePerS / 1000, cores = 2;
    // busy cores / 2: CPU 1 ms, plus 0.05 x exp(20) = exp(1) ms with compression
    ARCHSIM_VERIFY_WITHIN("without compression: utilisation lambda x 1 ms / 2 cores",
                          lambda * 1.0 / cores,
                          plain.component("api")->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 1.0, windowS * 1000) / cores);
    ARCHSIM_VERIFY_WITHIN("compression: utilisation lambda x (1 + 0.05 x 20) ms / 2 cores",
                          lambda * 2.0 / cores,
                          zipped.component("api")->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 5.0, windowS * 1000) / cores);
    QVERIFY(link(zipped, "api", "front")->utilization < link(plain, "api", "front")->utilization);
}

QTEST_GUILESS_MAIN(tst_Network)
#include "tst_network.moc"
