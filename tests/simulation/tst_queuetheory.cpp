// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: the message queue (RabbitMQ semantics) against closed forms. A producer
// service with ample threads and no CPU publishes one message per request; the broker's
// publish latency is a constant, so messages reach the queue as the Poisson stream of
// requests, shifted. Consumers are a service whose handler runs an exponential CPU step
// of 1 ms. message_age is publish (arrival at the queue) to ack (end of the handler);
// backlog is ready + unacknowledged messages.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

Sim::Component queue(int channels, int prefetch, double deliveryMs)
{
    Sim::Component q;
    q.id = "events";
    q.kind = Sim::ComponentKind::Queue;
    q.publishLatency = Sim::Distribution::constant(0.5);
    q.deliveryLatency = Sim::Distribution::constant(deliveryMs);
    q.consumers = {{2, channels, prefetch}};
    return q;
}

// producer (0) -> queue "events" (1) -> consumer service "worker" (2).
Sim::Spec queueSpec(Sim::Component q,
                    int workerThreads,
                    double workerCores,
                    double ratePerS,
                    double windowS,
                    double warmupS,
                    int reps,
                    std::uint64_t seed)
{
    Sim::Step publish;
    publish.kind = Sim::Step::Kind::Publish;
    publish.target = 1;
    publish.request = "job";
    Sim::Spec spec = singleEntrySpec({stepService("producer", {publish}, 100000, 1),
                                      std::move(q),
                                      cpuService("worker",
                                                 Sim::Distribution::exponential(1.0),
                                                 workerThreads,
                                                 workerCores)},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     seed);
    spec.replications = reps;
    return spec;
}

ReplicationStats queueStats(const Sim::RunResult &run,
                            double (*figure)(const Sim::ComponentResult &))
{
    return acrossReplications(run, [figure](const Sim::ReplicationResult &r) {
        return figure(*componentOf(r, "events"));
    });
}

double ageMean(const Sim::ComponentResult &c)
{
    return c.messageAgeMs.mean;
}
double backlogMean(const Sim::ComponentResult &c)
{
    return c.backlogMean;
}

} // namespace

class tst_QueueTheory : public QObject
{
    Q_OBJECT

private slots:
    void channelsAreServers();
    void prefetchOnePaysTheRoundTrip();
    void largePrefetchFeedsTheConsumer();
    void backlogGrowsLinearly();
};

void tst_QueueTheory::channelsAreServers()
{
    // 4 channels with prefetch 1 and no ack round trip, on a consumer with 4 threads on 4
    // cores: at most 4 messages are out, each processed on a core of its own, the rest wait
    // in the queue in order: M/M/4 at 3200 messages/s (rho 0.8). message_age = Erlang C
    // response 1.74554 ms; backlog = number in system 5.58573. Tolerances: 5 SE over 10
    // independent replications.
    const double ratePerS = 3200;
    const Sim::Spec spec = queueSpec(queue(4, 1, 0), 4, 4, ratePerS, 60, 2, 10, 111);
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);

    const double lambda = ratePerS / 1000;
    const double w = Queueing::mmcWait(4, lambda, 1.0) + 1.0;
    ARCHSIM_VERIFY_WITHIN("queue, 4 channels x prefetch 1 = M/M/4: message age (ms)",
                          w,
                          q->messageAgeMs.mean,
                          5 * queueStats(run, ageMean).se);
    ARCHSIM_VERIFY_WITHIN("queue, 4 channels x prefetch 1 = M/M/4: backlog mean",
                          lambda * w,
                          q->backlogMean,
                          5 * queueStats(run, backlogMean).se);
    // every message is consumed once: consumed = published up to those in flight at the
    // end (about L = 5.6; P(N > 60) < 1e-5 for M/M/4 at rho 0.8)
    for (const Sim::ReplicationResult &rep : run.perReplication) {
        const Sim::ComponentResult *c = componentOf(rep, "events");
        QVERIFY(std::abs(c->published - c->consumed) < 60);
        QCOMPARE(c->dropped, 0.0);
    }
}

void tst_QueueTheory::prefetchOnePaysTheRoundTrip()
{
    // One channel, prefetch 1, ack round trip 0.25 ms: the channel is held for the handler
    // plus the round trip, so the queue is M/G/1 with service S + d (S exp 1 ms, d = 0.25):
    // E = 1.25 ms, E[(S+d)^2] = 1 + 1.25^2 = 2.5625 ms^2. At 640 messages/s, rho = 0.8 and
    // Wq = lambda E[(S+d)^2] / (2 (1 - rho)) = 4.1 ms; the age (to the ack, before the
    // round trip) is Wq + E[S] = 5.1 ms. Tolerance: 5 SE over 10 replications.
    const double ratePerS = 640, d = 0.25;
    const Sim::Spec spec = queueSpec(queue(1, 1, d), 1, 1, ratePerS, 200, 5, 10, 112);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);

    const double lambda = ratePerS / 1000;
    const double wq = Queueing::mg1Wait(lambda, 1.0 + d, 1.0 + (1.0 + d) * (1.0 + d));
    ARCHSIM_VERIFY_WITHIN("queue, prefetch 1, 0.25 ms round trip = M/G/1 (S + d): message age (ms)",
                          wq + 1.0,
                          q->messageAgeMs.mean,
                          5 * queueStats(run, ageMean).se);
}

void tst_QueueTheory::largePrefetchFeedsTheConsumer()
{
    // One channel with prefetch 1000 and the same 0.25 ms round trip: the prefetch never
    // binds, messages go straight to the consumer (one thread, one core), which is an M/M/1
    // at 800/s: age W = 5 ms, backlog (ready + unacked) L = 4. Tolerances: the M/M/1
    // closed-form standard errors (QueueingFormulas.h), 5 of them.
    const double ratePerS = 800, windowS = 300;
    const int reps = 10;
    const Sim::Spec spec = queueSpec(queue(1, 1000, 0.25), 1, 1, ratePerS, windowS, 5, reps, 113);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);

    const double lambda = ratePerS / 1000, rho = lambda, n = ratePerS * windowS * reps;
    const double w = Queueing::mm1Response(lambda, 1.0), l = rho / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("queue, prefetch 1000: message age = M/M/1 W (ms)",
                          w,
                          q->messageAgeMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("queue, prefetch 1000: backlog mean = M/M/1 L",
                          l,
                          q->backlogMean,
                          5 * l * Queueing::mm1InSystemMeanRelSe(rho, n));
}

void tst_QueueTheory::backlogGrowsLinearly()
{
    // DESIGN.md: "linear backlog growth when arrivals exceed consumer capacity". 1200
    // messages/s to one consumer of 1000/s (prefetch 10, no round trip), from empty, one
    // 100 s run. The consumer never idles after the first instants, so the backlog is
    // A(t) - D(t), two independent Poisson processes: mean (lambda - mu) t, variance
    // (lambda + mu) t; its time average over [0, T] has mean (lambda - mu) T / 2 and
    // variance (lambda + mu) T / 3. Tolerances: 5 standard deviations.
    const double lambda = 1200, mu = 1000, durationS = 100;
    const Sim::Spec spec = queueSpec(queue(1, 10, 0), 1, 1, lambda, durationS, 0, 1, 114);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);
    ARCHSIM_VERIFY_WITHIN("queue overload: backlog at the end (lambda - mu) T",
                          (lambda - mu) * durationS,
                          q->backlogFinal,
                          5 * std::sqrt((lambda + mu) * durationS));
    ARCHSIM_VERIFY_WITHIN("queue overload: backlog mean (lambda - mu) T / 2",
                          (lambda - mu) * durationS / 2,
                          q->backlogMean,
                          5 * std::sqrt((lambda + mu) * durationS / 3));
    ARCHSIM_VERIFY_WITHIN("queue overload: consumed per second = mu",
                          mu,
                          q->consumed / durationS,
                          5 * std::sqrt(mu / durationS));
    QVERIFY(q->backlogMax >= q->backlogFinal);
}

QTEST_GUILESS_MAIN(tst_QueueTheory)

#include "tst_queuetheory.moc"
