// SPDX-License-Identifier: GPL-3.0-or-later
// Little's law on every component (spec/cli.md: "Little's law must hold"): for each
// component, mean_in_system = throughput x mean latency, in every replication, on a
// topology that uses every component kind and step kind at once.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

using namespace TestSupport;

namespace {

// Components, in index order: the entry gateway, a load balancer, a thread-pool service
// with a connection pool, a database, an external, an event-loop service with offload, a
// cache, a queue and the queue's consumer.
enum { Gw, Lb, Api, Db, Ext, Node, Cache, Queue, Mailer };

// No visit fails here (no error rate, no timeout, unbounded queues): the reported latency
// and throughput count completed visits only, so a failed visit that spent time at a
// component would be in mean_in_system but in neither of the other two, and the law as
// the figures state it would not apply.
Sim::Spec shopSpec()
{
    Sim::Component gw;
    gw.id = "gw";
    gw.kind = Sim::ComponentKind::Gateway;
    gw.latency = Sim::Distribution::exponential(0.1);
    gw.routes = {{"*", {{Lb, 1.0}}}};

    Sim::Step fanOut;
    fanOut.kind = Sim::Step::Kind::Parallel;
    fanOut.steps = {callStep(Db), callStep(Ext)};
    Sim::Step sometimesIo;
    sometimesIo.kind = Sim::Step::Kind::Probability;
    sometimesIo.probability = 0.3;
    sometimesIo.steps = {ioStep(Sim::Distribution::exponential(2.0))};
    Sim::Step publish;
    publish.kind = Sim::Step::Kind::Publish;
    publish.target = Queue;
    publish.request = "mail";
    Sim::Step lookup;
    lookup.kind = Sim::Step::Kind::Cache;
    lookup.target = Cache;
    lookup.keys = 500;
    lookup.zipf = 0.8;
    lookup.steps = {callStep(Db)};
    Sim::Component api = stepService("api",
                                     {cpuStep(Sim::Distribution::exponential(1.0)),
                                      fanOut,
                                      sometimesIo,
                                      callStep(Node),
                                      publish},
                                     16,
                                     2,
                                     2);
    api.handlers.push_back({"search", {cpuStep(Sim::Distribution::erlang(2, 0.5)), lookup}});
    api.pools = {{Db, 2}};

    Sim::Step offloaded = cpuStep(Sim::Distribution::exponential(0.2));
    offloaded.offload = true;
    Sim::Component node
        = stepService("node",
                      {cpuStep(Sim::Distribution::exponential(0.3)), offloaded, callStep(Ext)},
                      1,
                      2);
    node.concurrency = Sim::ConcurrencyModel::EventLoop;
    node.workers = 2;
    node.workerThreads = 2;

    Sim::Component cache;
    cache.id = "cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.capacityKeys = 100;
    cache.ttlS = 1;
    Sim::Component queue;
    queue.id = "mails";
    queue.kind = Sim::ComponentKind::Queue;
    queue.consumers = {{Mailer, 2, 3}};
    Sim::Component mailer = stepService("mailer", {}, 2, 1);
    mailer.handlers = {{"mail", {cpuStep(Sim::Distribution::exponential(1.0))}}};

    Sim::Spec spec = singleEntrySpec({gw,
                                      loadBalancer("lb", Sim::Balancing::LeastOutstanding, {Api}),
                                      api,
                                      database("db", 3, Sim::Distribution::uniform(0.5, 2.5)),
                                      external("ext", Sim::Distribution::lognormal(5.0, 2.0)),
                                      node,
                                      cache,
                                      queue,
                                      mailer},
                                     600,
                                     62,
                                     2,
                                     91);
    spec.workload.requests = {{"job", 0.7}, {"search", 0.3}};
    spec.replications = 10;
    return spec;
}

} // namespace

class tst_LittlesLaw : public QObject
{
    Q_OBJECT

private slots:
    void everyComponent();
};

void tst_LittlesLaw::everyComponent()
{
    const Sim::Spec spec = shopSpec();
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult run = Sim::runSimulation(spec);
    const double windowS = spec.durationS - spec.warmupS;
    QCOMPARE(run.request("_all")->failed, 0.0);

    for (const Sim::ReplicationResult &rep : run.perReplication) {
        for (const Sim::ComponentResult &c : rep.components) {
            QVERIFY2(c.completed > 0, c.id.c_str());
            // only edge effects separate the two sides (Queueing::littleEdgeTolerance)
            const double wS = c.latencyMs.mean / 1000;
            ARCHSIM_VERIFY_WITHIN(QStringLiteral(
                                      "Little rep %1 %2: mean_in_system vs throughput x latency")
                                      .arg(rep.replication)
                                      .arg(QString::fromStdString(c.id)),
                                  c.throughputPerS * wS,
                                  c.meanInSystem,
                                  Queueing::littleEdgeTolerance(c.meanInSystem, wS, windowS));
            if (c.kind == Sim::ComponentKind::Queue) {
                // a message is in the backlog (ready + unacknowledged) from its arrival at
                // the queue to its ack, the span its age measures: Little again, same bound
                const double ageS = c.messageAgeMs.mean / 1000;
                ARCHSIM_VERIFY_WITHIN(QStringLiteral(
                                          "Little rep %1 %2: backlog vs consumed/s x message age")
                                          .arg(rep.replication)
                                          .arg(QString::fromStdString(c.id)),
                                      c.consumed / windowS * ageS,
                                      c.backlogMean,
                                      Queueing::littleEdgeTolerance(c.backlogMean, ageS, windowS));
            }
        }
    }
}

QTEST_GUILESS_MAIN(tst_LittlesLaw)

#include "tst_littleslaw.moc"
