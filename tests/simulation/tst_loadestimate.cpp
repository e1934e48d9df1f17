// SPDX-License-Identifier: GPL-3.0-or-later
// Sim::estimateLoad: offered load and capacity before a run (issue 18), against the closed
// forms of the utilisation law: a component of c servers, each busy S seconds per visit,
// serves at most c / S visits per second; rates split as the routing says.

#include "LoadEstimate.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace TestSupport;

namespace {

bool near(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

} // namespace

class tst_LoadEstimate : public QObject
{
    Q_OBJECT

private slots:
    void singleServer();
    void threadsLimitWhenIoHoldsThem();
    void routingSplitsTheRate();
    void databaseConnections();
    void boundedQueueIsNotUnbounded();
    void queueDrainedByItsConsumers();
    void sustainedRates();
};

void tst_LoadEstimate::singleServer()
{
    // M/M/1 of the example: 800/s of exp(1 ms) on one core and one thread
    const Sim::Spec spec
        = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1))}, 800, 60, 0);
    const auto load = Sim::estimateLoad(spec);
    QCOMPARE(load.size(), std::size_t(1));
    QVERIFY(near(load[0].arrivalsPerS, 800));
    QVERIFY(near(load[0].capacityPerS, 1000));
    QVERIFY(!load[0].overloaded());
    QVERIFY(load[0].unboundedQueue); // no queue_limit
    const Sim::Spec over
        = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1))}, 1e6, 60, 0);
    QVERIFY(Sim::estimateLoad(over)[0].overloaded());
}

void tst_LoadEstimate::threadsLimitWhenIoHoldsThem()
{
    // 2 ms of CPU and 8 ms of I/O, 4 threads on 2 cores, 3 replicas: the cores could do
    // 3 x 2 / 0.002 = 3000/s, the threads only 3 x 4 / 0.010 = 1200/s
    Sim::Component svc = stepService("api",
                                     {cpuStep(Sim::Distribution::constant(2)),
                                      ioStep(Sim::Distribution::exponential(8))},
                                     4,
                                     2,
                                     3);
    const auto load = Sim::estimateLoad(singleEntrySpec({svc}, 1000, 60, 0));
    QVERIFY(near(load[0].capacityPerS, 1200));
    QCOMPARE(load[0].limit, std::string("threads"));
}

void tst_LoadEstimate::routingSplitsTheRate()
{
    // a load balancer over two services; each calls an external with probability 0.25
    Sim::Step maybe;
    maybe.kind = Sim::Step::Kind::Probability;
    maybe.probability = 0.25;
    maybe.steps = {callStep(3)};
    const Sim::Spec spec
        = singleEntrySpec({loadBalancer("lb", Sim::Balancing::RoundRobin, {1, 2}),
                           stepService("a", {cpuStep(Sim::Distribution::constant(1)), maybe}),
                           stepService("b", {cpuStep(Sim::Distribution::constant(1)), maybe}),
                           external("ext", Sim::Distribution::constant(50))},
                          600,
                          60,
                          0);
    const auto load = Sim::estimateLoad(spec);
    QVERIFY(near(load[0].arrivalsPerS, 600));
    QVERIFY(std::isinf(load[0].capacityPerS));
    QVERIFY(near(load[1].arrivalsPerS, 300));
    QVERIFY(near(load[2].arrivalsPerS, 300));
    QVERIFY(near(load[3].arrivalsPerS, 150));
    // one thread held 1 ms + 0.25 x 50 ms = 13.5 ms per visit: 74.07/s, below 300: overloaded
    QVERIFY(near(load[1].capacityPerS, 1 / 0.0135));
    QVERIFY(load[1].overloaded());
}

void tst_LoadEstimate::databaseConnections()
{
    // 5 connections, 10 ms queries: 500/s
    const Sim::Spec spec = singleEntrySpec({stepService("a", {callStep(1)}, 100, 4),
                                            database("db", 5, Sim::Distribution::exponential(10))},
                                           450,
                                           60,
                                           0);
    const auto load = Sim::estimateLoad(spec);
    QVERIFY(near(load[1].arrivalsPerS, 450));
    QVERIFY(near(load[1].capacityPerS, 500));
    QCOMPARE(load[1].limit, std::string("connections"));
    QVERIFY(load[1].unboundedQueue);
    QVERIFY(!load[1].overloaded());
}

void tst_LoadEstimate::boundedQueueIsNotUnbounded()
{
    Sim::Component svc = cpuService("server", Sim::Distribution::exponential(1));
    svc.queueLimit = 100;
    const auto load = Sim::estimateLoad(singleEntrySpec({svc}, 5000, 60, 0));
    QVERIFY(load[0].overloaded());
    QVERIFY(!load[0].unboundedQueue);
}

void tst_LoadEstimate::queueDrainedByItsConsumers()
{
    // 200 messages/s into a queue whose 2 channels (prefetch 1) each hold a message for the
    // consumer's 5 ms of CPU plus a 5 ms ack trip: 2 / 0.010 = 200/s... at 400/s overloaded
    Sim::Step publish;
    publish.kind = Sim::Step::Kind::Publish;
    publish.target = 1;
    Sim::Component queue;
    queue.id = "q";
    queue.kind = Sim::ComponentKind::Queue;
    queue.deliveryLatency = Sim::Distribution::constant(5);
    queue.consumers = {{2, 2, 1}};
    Sim::Component consumer = cpuService("worker", Sim::Distribution::constant(5), 2, 2);
    const Sim::Spec spec
        = singleEntrySpec({stepService("front", {publish}, 8, 8), queue, consumer}, 400, 60, 0);
    const auto load = Sim::estimateLoad(spec);
    QVERIFY(near(load[1].arrivalsPerS, 400));
    QVERIFY(near(load[1].capacityPerS, 200));
    QVERIFY(load[1].unboundedQueue); // max_length -1
    QVERIFY(load[1].overloaded());
    // the consumer takes what its channels hold: its backlog stays in the queue
    QVERIFY(!load[2].unboundedQueue);
}

void tst_LoadEstimate::sustainedRates()
{
    Sim::Workload w;
    w.arrivals = Sim::ArrivalKind::Bursty;
    w.burstLowRate = 100;
    w.burstHighRate = 1000;
    w.burstLowMeanS = 9;
    w.burstHighMeanS = 1;
    QVERIFY(near(Sim::sustainedArrivalRate(w, 60), 190));
    w.arrivals = Sim::ArrivalKind::Ramp;
    w.rampFrom = 10;
    w.rampTo = 110;
    w.rampStartS = 0;
    w.rampOverS = 100;
    QVERIFY(near(Sim::sustainedArrivalRate(w, 50), 60)); // the rate reached by the end
    QVERIFY(near(Sim::sustainedArrivalRate(w, 500), 110));
    w.arrivals = Sim::ArrivalKind::Spike;
    w.ratePerS = 50;
    w.spikePeak = 5000;
    QVERIFY(near(Sim::sustainedArrivalRate(w, 60), 50)); // a spike passes
}

QTEST_GUILESS_MAIN(tst_LoadEstimate)
#include "tst_loadestimate.moc"
