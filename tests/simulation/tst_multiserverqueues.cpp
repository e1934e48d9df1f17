// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: M/M/c against Erlang C, for the two components that are c-server FCFS
// queues: a thread_pool service with threads = cpu_cores = c (at most c requests in
// progress, each on its own core, the rest wait in arrival order) and a database with
// max_connections = c. Parameters: c = 4, exponential service of mean 1 ms, 3200
// requests/s, so a = lambda/mu = 3.2 and rho = 0.8.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

using namespace TestSupport;

namespace {

constexpr int kServers = 4;
constexpr double kRatePerS = 3200;
constexpr double kWindowS = 60;
constexpr double kWarmupS = 2; // relaxation time of M/M/4 at rho 0.8 is ~0.03 s
constexpr int kReps = 10;

// Compares the component `id` of `run` with M/M/c: mean response (also of the request
// when `entry`), mean number waiting Lq = C rho/(1 - rho), the probability of waiting
// inferred from it, the response-time percentiles, and utilization. No closed form for
// the estimators' variances is at hand, so every tolerance is 5 standard errors over the
// 10 independent replications (Student t with 9 df: P(|t| > 5) = 7e-4); percentiles add
// the histogram's 1% bucket error, a bias that does not average out.
void verifyMmc(const Sim::RunResult &run, const std::string &id, const QString &what)
{
    const double lambda = kRatePerS / 1000, mu = 1.0, rho = lambda / (kServers * mu);
    const double pWait = Queueing::erlangC(kServers, lambda / mu);
    const double wq = Queueing::mmcWait(kServers, lambda, mu);
    const double lq = lambda * wq;
    const Sim::ComponentResult *comp = run.component(id);
    QVERIFY(comp);

    using C = Sim::ComponentResult;
    const auto stats = [&](auto figure) {
        return acrossReplications(run, [&](const Sim::ReplicationResult &r) {
            return figure(*componentOf(r, id));
        });
    };
    const ReplicationStats w = stats([](const C &c) { return c.latencyMs.mean; });
    const ReplicationStats waiting = stats([](const C &c) { return c.meanWaiting; });
    const ReplicationStats inSystem = stats([](const C &c) { return c.meanInSystem; });
    const ReplicationStats util = stats([](const C &c) { return c.utilization; });
    const ReplicationStats p90 = stats([](const C &c) { return c.latencyMs.p90; });
    const ReplicationStats p99 = stats([](const C &c) { return c.latencyMs.p99; });

    ARCHSIM_VERIFY_WITHIN(what + " mean response Wq + 1/mu (ms)",
                          wq + 1 / mu,
                          comp->latencyMs.mean,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN(what + " mean_waiting Lq = lambda Wq",
                          lq,
                          comp->meanWaiting,
                          5 * waiting.se);
    // P(wait) = C(c, a) = Lq (1 - rho)/rho: the engine reports no P(wait) directly
    ARCHSIM_VERIFY_WITHIN(what + " P(wait) = Erlang C, from mean_waiting",
                          pWait,
                          comp->meanWaiting * (1 - rho) / rho,
                          5 * waiting.se * (1 - rho) / rho);
    ARCHSIM_VERIFY_WITHIN(what + " mean_in_system Lq + a",
                          lq + lambda / mu,
                          comp->meanInSystem,
                          5 * inSystem.se);
    ARCHSIM_VERIFY_WITHIN(what + " utilization rho", rho, comp->utilization, 5 * util.se);

    const auto tail = [&](double t) { return Queueing::mmcResponseTail(kServers, lambda, mu, t); };
    const double q90 = Queueing::quantileFromTail(tail, 0.90, 1.0);
    const double q99 = Queueing::quantileFromTail(tail, 0.99, 1.0);
    ARCHSIM_VERIFY_WITHIN(what + " p90 response (ms)",
                          q90,
                          comp->latencyMs.p90,
                          5 * p90.se + 0.01 * q90);
    ARCHSIM_VERIFY_WITHIN(what + " p99 response (ms)",
                          q99,
                          comp->latencyMs.p99,
                          5 * p99.se + 0.01 * q99);
}

Sim::Spec mmcSpec(std::vector<Sim::Component> components, std::uint64_t seed)
{
    Sim::Spec spec
        = singleEntrySpec(std::move(components), kRatePerS, kWarmupS + kWindowS, kWarmupS, seed);
    spec.replications = kReps;
    return spec;
}

} // namespace

class tst_MultiServerQueues : public QObject
{
    Q_OBJECT

private slots:
    void threadPool();
    void databaseAsEntry();
    void databaseBehindService();
    void connectionPoolIsMmc();
};

void tst_MultiServerQueues::threadPool()
{
    const Sim::Spec spec
        = mmcSpec({cpuService("server", Sim::Distribution::exponential(1.0), kServers, kServers)},
                  31);
    const Sim::RunResult run = Sim::runSimulation(spec);
    verifyMmc(run, "server", QStringLiteral("M/M/4 thread pool"));
    // The request's response is the component's, as it is the entry: the same latencies when
    // the run has no warm-up. (With one, the requests are those that arrived after it and the
    // component's visits those that ended after it: a request that arrived in the warm-up
    // and ended after it is in the second only.)
    Sim::Spec noWarmup = spec;
    noWarmup.warmupS = 0;
    noWarmup.durationS = 10;
    noWarmup.replications = 1;
    const Sim::RunResult whole = Sim::runSimulation(noWarmup);
    QCOMPARE(whole.request("_all")->latencyMs.mean, whole.component("server")->latencyMs.mean);
    QCOMPARE(whole.request("_all")->completed, whole.component("server")->completed);
}

void tst_MultiServerQueues::databaseAsEntry()
{
    // the workload may enter at any component; a database takes the request name as the
    // query name, and "*" matches it
    const Sim::Spec spec = mmcSpec({database("db", kServers, Sim::Distribution::exponential(1.0))},
                                   32);
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult run = Sim::runSimulation(spec);
    verifyMmc(run, "db", QStringLiteral("M/M/4 database (entry)"));
}

void tst_MultiServerQueues::databaseBehindService()
{
    // A front service with no CPU work and more threads than requests ever present
    // (P(N >= 1000) ~ 0) only forwards, so the database sees the Poisson stream as is.
    const Sim::Spec spec = mmcSpec({stepService("front", {callStep(1)}, 1000, 1),
                                    database("db", kServers, Sim::Distribution::exponential(1.0))},
                                   33);
    const Sim::RunResult run = Sim::runSimulation(spec);
    verifyMmc(run, "db", QStringLiteral("M/M/4 database (called)"));
    // the front adds nothing: its response is the database's
    QCOMPARE(run.component("front")->latencyMs.mean, run.component("db")->latencyMs.mean);
}

void tst_MultiServerQueues::connectionPoolIsMmc()
{
    // A client-side pool of c = 4 connections in front of a database with ample
    // connections: at most 4 calls are outstanding, the others wait for a connection in
    // order, so the pool is the M/M/4 queue and the database only its servers. The front's
    // response (pool wait + query) is the M/M/4 response; the database sees no wait, its
    // response is the query time (1 ms) and it holds lambda/mu = 3.2 queries on average.
    // Tolerances: 5 SE over 10 independent replications.
    Sim::Component front = stepService("front", {callStep(1)}, 1000, 1);
    front.pools = {{1, kServers}};
    const Sim::Spec spec
        = mmcSpec({front, database("db", 1000, Sim::Distribution::exponential(1.0))}, 34);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *f = run.component("front");
    const Sim::ComponentResult *db = run.component("db");
    QVERIFY(f && db);

    const double lambda = kRatePerS / 1000;
    const double w = Queueing::mmcWait(kServers, lambda, 1.0) + 1.0;
    const auto stats = [&](const std::string &id, double (*figure)(const Sim::ComponentResult &)) {
        return acrossReplications(run, [&](const Sim::ReplicationResult &r) {
            return figure(*componentOf(r, id));
        });
    };
    const ReplicationStats fw = stats("front", [](const Sim::ComponentResult &c) {
        return c.latencyMs.mean;
    });
    const ReplicationStats fl = stats("front",
                                      [](const Sim::ComponentResult &c) { return c.meanInSystem; });
    const ReplicationStats dw = stats("db", [](const Sim::ComponentResult &c) {
        return c.latencyMs.mean;
    });
    const ReplicationStats dl = stats("db",
                                      [](const Sim::ComponentResult &c) { return c.meanInSystem; });
    ARCHSIM_VERIFY_WITHIN("pool of 4 = M/M/4: front mean response (ms)",
                          w,
                          f->latencyMs.mean,
                          5 * fw.se);
    ARCHSIM_VERIFY_WITHIN("pool of 4 = M/M/4: front mean_in_system lambda W",
                          lambda * w,
                          f->meanInSystem,
                          5 * fl.se);
    ARCHSIM_VERIFY_WITHIN("pool of 4: database mean response = query time (ms)",
                          1.0,
                          db->latencyMs.mean,
                          5 * dw.se);
    ARCHSIM_VERIFY_WITHIN("pool of 4: database mean_in_system = lambda/mu",
                          lambda,
                          db->meanInSystem,
                          5 * dl.se);
    QCOMPARE(db->meanWaiting, 0.0);
    // never more than 4 queries at once: utilization of 1000 connections is at most 4/1000
    QVERIFY(db->utilization <= 4.0 / 1000);
    qInfo() << "pool of 4: front mean_waiting (connection-pool queue)" << f->meanWaiting
            << "M/M/4 Lq" << lambda * Queueing::mmcWait(kServers, lambda, 1.0);
}

QTEST_GUILESS_MAIN(tst_MultiServerQueues)

#include "tst_multiserverqueues.moc"
