// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: dead-lettering (RabbitMQ semantics) against closed forms. A producer service
// with ample threads and no CPU publishes one message per request into the queue "orders",
// whose messages a service "worker" handles: one channel with prefetch 1, no ack round trip,
// one thread on one core and an exponential 1 ms handler, so the queue with its consumer is
// an M/M/1 station (tst_queuetheory). Dead letters go to the queue "dead", a normal queue
// whose consumer "auditor" has a thread for every message.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

constexpr int kOrders = 1, kWorker = 2, kDead = 3, kAuditor = 4;

Sim::Component queue(const std::string &id, int consumer)
{
    Sim::Component q;
    q.id = id;
    q.kind = Sim::ComponentKind::Queue;
    q.publishLatency = Sim::Distribution::constant(0.5);
    q.deliveryLatency = Sim::Distribution::constant(0);
    q.consumers = {{consumer, 1, 1}};
    return q;
}

/** producer (0) -> orders (1) -> worker (2); orders dead-letters into dead (3) -> auditor (4). */
Sim::Spec deadLetterSpec(Sim::Component orders,
                         std::vector<Sim::Step> workerSteps,
                         std::vector<Sim::Component> more,
                         double ratePerS,
                         double windowS,
                         double warmupS,
                         int reps,
                         std::uint64_t seed)
{
    Sim::Step publish;
    publish.kind = Sim::Step::Kind::Publish;
    publish.target = kOrders;
    publish.request = "job";
    orders.deadLetter = kDead;
    Sim::Component dead = queue("dead", kAuditor);
    dead.consumers = {{kAuditor, 64, 1000}};
    std::vector<Sim::Component> components
        = {stepService("producer", {publish}, 100000, 1),
           std::move(orders),
           stepService("worker", std::move(workerSteps), 1, 1),
           std::move(dead),
           stepService("auditor", {ioStep(Sim::Distribution::constant(0.1))}, 100000, 1)};
    for (Sim::Component &c : more)
        components.push_back(std::move(c));
    Sim::Spec spec
        = singleEntrySpec(std::move(components), ratePerS, warmupS + windowS, warmupS, seed);
    spec.replications = reps;
    return spec;
}

const Sim::ComponentResult &of(const Sim::ReplicationResult &r, const char *id)
{
    return *componentOf(r, id);
}

/** checkSpec's problems as one message ("" when there are none). */
std::string refusals(const Sim::Spec &spec)
{
    std::string out;
    for (const std::string &p : Sim::checkSpec(spec))
        out += p + "; ";
    return out;
}

} // namespace

class tst_DeadLetter : public QObject
{
    Q_OBJECT

private slots:
    void ttlIsDeterministicPatience();
    void nackWithoutRequeue();
    void rejectPublishDlxIsMm1k();
};

void tst_DeadLetter::ttlIsDeterministicPatience()
{
    // A message TTL of D on the queue: a message still waiting D after its publish expires
    // and is dead-lettered. FIFO with a constant patience is M/M/1+D; a message waits
    // exactly the virtual waiting time V it finds, and is served iff V <= D, so V is the
    // workload of a queue whose arrivals balk above D. Its density (level crossing) is
    // C lambda e^(-(mu - lambda) x) on (0, D] and C lambda e^(-(mu - lambda) D) e^(-mu (x - D))
    // beyond, with an atom C at 0; P(expire) = P(V > D) = C (lambda/mu) e^(-(mu - lambda) D),
    // C = 1 / (1 + lambda (1 - e^(-(mu - lambda) D)) / (mu - lambda) + (lambda/mu)
    // e^(-(mu - lambda) D)). lambda = 0.9/ms, mu = 1/ms, D = 2 ms. 10 replications of 60 s.
    const double lambda = 0.9, mu = 1.0, d = 2.0;
    Sim::Component orders = queue("orders", kWorker);
    orders.messageTtlMs = d;
    const Sim::Spec spec = deadLetterSpec(std::move(orders),
                                          {cpuStep(Sim::Distribution::exponential(1.0))},
                                          {},
                                          lambda * 1000,
                                          60,
                                          2,
                                          10,
                                          401);
    QVERIFY2(Sim::checkSpec(spec).empty(), refusals(spec).c_str());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const double e = std::exp(-(mu - lambda) * d);
    const double c = 1 / (1 + lambda * (1 - e) / (mu - lambda) + lambda / mu * e);
    const double pExpire = c * lambda / mu * e;
    const ReplicationStats expiredShare = acrossReplications(run, [](const auto &r) {
        const Sim::ComponentResult &q = of(r, "orders");
        return q.expired / q.published;
    });
    ARCHSIM_VERIFY_WITHIN("message TTL 2 ms at rho 0.9 (M/M/1+D): share of messages expired",
                          pExpire,
                          expiredShare.mean,
                          5 * expiredShare.se);
    const ReplicationStats deadRate = acrossReplications(run, [](const auto &r) {
        return of(r, "dead").consumed / 60.0;
    });
    ARCHSIM_VERIFY_WITHIN("message TTL: dead letters consumed per second = lambda P(expire)",
                          lambda * 1000 * pExpire,
                          deadRate.mean,
                          5 * deadRate.se);
    for (const Sim::ReplicationResult &r : run.perReplication) {
        const Sim::ComponentResult &q = of(r, "orders");
        QCOMPARE(q.deadLettered, q.expired); // every expired message goes to the DLQ
        QCOMPARE(q.nacked, 0.0);
    }
}

void tst_DeadLetter::nackWithoutRequeue()
{
    // The worker calls an external that fails with probability p = 0.2; its consumer nacks
    // without requeue, so each failed message is dead-lettered once, never redelivered:
    // nacked / (consumed + nacked) is binomial(p). Without a warm-up every dead letter
    // reaches the DLQ: dead.published = orders.dead_lettered exactly. 60 s at 500/s.
    const double p = 0.2;
    Sim::Component orders = queue("orders", kWorker);
    orders.consumers.front().requeue = false;
    const Sim::Spec spec = deadLetterSpec(std::move(orders),
                                          {cpuStep(Sim::Distribution::exponential(1.0)),
                                           callStep(5)},
                                          {external("flaky", Sim::Distribution::constant(0.1), p)},
                                          500,
                                          60,
                                          0,
                                          1,
                                          402);
    QVERIFY2(Sim::checkSpec(spec).empty(), refusals(spec).c_str());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult &q = *run.component("orders");
    const Sim::ComponentResult &dead = *run.component("dead");
    const double handled = q.consumed + q.nacked;
    ARCHSIM_VERIFY_WITHIN("nack without requeue: share of messages dead-lettered",
                          p,
                          q.nacked / handled,
                          5 * std::sqrt(p * (1 - p) / handled));
    QCOMPARE(q.redelivered, 0.0);
    QCOMPARE(q.deadLettered, q.nacked);
    QCOMPARE(dead.published, q.deadLettered);
    // published = consumed + dropped + expired + nacked + the backlog at the end
    QCOMPARE(q.published, q.consumed + q.dropped + q.expired + q.nacked + q.backlogFinal);
}

void tst_DeadLetter::rejectPublishDlxIsMm1k()
{
    // max_length 5 with overflow reject_publish_dlx: a publish that finds 5 messages ready
    // is refused (the publisher fails, reason rejected) and its message dead-lettered. With
    // one message in the handler at most, the station holds at most K = 6: M/M/1/6, whose
    // blocking probability is (1 - rho) rho^K / (1 - rho^(K+1)) (PASTA). rho = 0.9, 10
    // replications of 60 s; every refused message reaches the DLQ.
    const double rho = 0.9;
    const int k = 6;
    Sim::Component orders = queue("orders", kWorker);
    orders.maxLength = 5;
    orders.overflow = Sim::Overflow::RejectPublishDlx;
    const Sim::Spec spec = deadLetterSpec(std::move(orders),
                                          {cpuStep(Sim::Distribution::exponential(1.0))},
                                          {},
                                          rho * 1000,
                                          60,
                                          0,
                                          10,
                                          403);
    QVERIFY2(Sim::checkSpec(spec).empty(), refusals(spec).c_str());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const double pBlock = (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1));
    const ReplicationStats blocked = acrossReplications(run, [](const auto &r) {
        const Sim::ComponentResult &q = of(r, "orders");
        return q.rejected / (q.published + q.rejected);
    });
    ARCHSIM_VERIFY_WITHIN("reject_publish_dlx, max_length 5 (M/M/1/6): share refused",
                          pBlock,
                          blocked.mean,
                          5 * blocked.se);
    for (const Sim::ReplicationResult &r : run.perReplication) {
        const Sim::ComponentResult &q = of(r, "orders");
        QCOMPARE(q.deadLettered, q.rejected);
        QCOMPARE(of(r, "dead").published, q.deadLettered);
        // the publisher is told: each refused publish fails its request
        QCOMPARE(r.requests.front().failed, q.rejected);
        QCOMPARE(r.requests.front().failures.at("rejected"), q.rejected);
    }
}

QTEST_GUILESS_MAIN(tst_DeadLetter)
#include "tst_deadletter.moc"
