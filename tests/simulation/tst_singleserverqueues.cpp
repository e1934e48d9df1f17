// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: single-server queues (M/M/1, M/D/1, M/M/1/K) against their closed forms.
// A thread_pool service with threads = 1 and cpu_cores = 1 is a FCFS single server: at
// most one request holds the thread, the others wait in the accept queue in arrival order.

#include "QueueingFormulas.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

Q_DECLARE_METATYPE(Sim::Distribution)

using namespace TestSupport;

namespace {

Sim::RunResult runTimed(const Sim::Spec &spec)
{
    QElapsedTimer timer;
    timer.start();
    Sim::RunResult r = Sim::runSimulation(spec);
    qInfo().noquote() << QStringLiteral("run: %1 replications x %2 s, %3 events, wall %4 s")
                             .arg(spec.replications)
                             .arg(spec.durationS - spec.warmupS)
                             .arg(r.events)
                             .arg(timer.elapsed() / 1000.0);
    return r;
}

// Little's law on one replication's window of length T: the two sides differ only by
// edge effects, bounded in Queueing::littleEdgeTolerance.
void verifyLittle(const Sim::RunResult &run, const std::string &id, double windowS)
{
    for (const Sim::ReplicationResult &rep : run.perReplication) {
        const Sim::ComponentResult *c = componentOf(rep, id);
        QVERIFY(c);
        const double littleL = c->throughputPerS * c->latencyMs.mean / 1000.0;
        const double tol = Queueing::littleEdgeTolerance(c->meanInSystem,
                                                         c->latencyMs.mean / 1000.0,
                                                         windowS);
        ARCHSIM_VERIFY_WITHIN(QStringLiteral(
                                  "Little %1 rep %2: mean_in_system vs throughput x latency")
                                  .arg(QString::fromStdString(id))
                                  .arg(rep.replication),
                              littleL,
                              c->meanInSystem,
                              tol);
    }
}

} // namespace

class tst_SingleServerQueues : public QObject
{
    Q_OBJECT

private slots:
    void mm1_data();
    void mm1();
    void mg1_data();
    void mg1();
    void dm1();
    void mm1k();
    void overloadGrowsLinearly();
};

void tst_SingleServerQueues::mm1_data()
{
    QTest::addColumn<double>("ratePerS");
    QTest::addColumn<double>("windowS");
    // run lengths: about 10^6 and 4 10^6 customers, enough for a 5-standard-error bound
    // of about 1.5% (rho 0.5) and 2.3% (rho 0.8) on the mean response (see tolerances)
    QTest::newRow("rho 0.5") << 500.0 << 200.0;
    QTest::newRow("rho 0.8") << 800.0 << 500.0;
}

void tst_SingleServerQueues::mm1()
{
    QFETCH(double, ratePerS);
    QFETCH(double, windowS);
    const double warmupS = 5; // >> relaxation time 1 / (mu (1 - sqrt(rho))^2) = 0.09 s at rho 0.8
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     11);
    spec.replications = reps;
    const Sim::RunResult run = runTimed(spec);

    const double lambda = ratePerS / 1000.0, mu = 1.0, rho = lambda / mu;
    const double n = ratePerS * windowS * reps; // customers measured, all replications
    const double tMs = windowS * 1000.0 * reps; // measured time, all replications
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(all && server);

    // mean response 1/(mu - lambda); 5 standard errors of the customer average, whose
    // relative SE (1 + rho)/((1 - rho) sqrt(n)) is derived in QueueingFormulas.h
    const double w = Queueing::mm1Response(lambda, mu);
    ARCHSIM_VERIFY_WITHIN("M/M/1 mean response (ms)",
                          w,
                          all->latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));
    ARCHSIM_VERIFY_WITHIN("M/M/1 component mean response (ms)",
                          w,
                          server->latencyMs.mean,
                          5 * w * Queueing::mm1ResponseMeanRelSe(rho, n));

    // mean number in system rho/(1 - rho); 5 SE from Whitt's asymptotic variance
    const double l = rho / (1 - rho);
    ARCHSIM_VERIFY_WITHIN("M/M/1 mean_in_system",
                          l,
                          server->meanInSystem,
                          5 * l * Queueing::mm1InSystemMeanRelSe(rho, n));

    // utilization rho; 5 SE of a busy fraction, sqrt(lambda E[S^2] / T), E[S^2] = 2/mu^2
    ARCHSIM_VERIFY_WITHIN("M/M/1 utilization",
                          rho,
                          server->utilization,
                          5 * Queueing::mg1UtilizationSe(lambda, 2.0 / (mu * mu), tMs));

    // throughput lambda; 5 SE of a Poisson count over the measured time
    ARCHSIM_VERIFY_WITHIN("M/M/1 throughput (1/s)",
                          ratePerS,
                          all->throughputPerS,
                          5 * std::sqrt(ratePerS / (windowS * reps)));

    // no closed form for the variances below: 5 standard errors over the 10 independent
    // replications (Student t, 9 df: P(|t| > 5) = 7e-4)
    const double lq = rho * rho / (1 - rho);
    const ReplicationStats waiting = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanWaiting;
    });
    ARCHSIM_VERIFY_WITHIN("M/M/1 mean_waiting", lq, server->meanWaiting, 5 * waiting.se);

    // percentiles: the response time is exponential(mu - lambda); 5 replication SE plus the
    // histogram's bucket error (1% at most, DESIGN.md), which is a bias and does not average out
    const ReplicationStats p50 = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.p50;
    });
    const ReplicationStats p99 = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.p99;
    });
    const double q50 = Queueing::mm1ResponseQuantile(lambda, mu, 0.50);
    const double q99 = Queueing::mm1ResponseQuantile(lambda, mu, 0.99);
    ARCHSIM_VERIFY_WITHIN("M/M/1 p50 = W ln 2 (ms)",
                          q50,
                          all->latencyMs.p50,
                          5 * p50.se + 0.01 * q50);
    ARCHSIM_VERIFY_WITHIN("M/M/1 p99 = W ln 100 (ms)",
                          q99,
                          all->latencyMs.p99,
                          5 * p99.se + 0.01 * q99);

    verifyLittle(run, "server", windowS);
}

void tst_SingleServerQueues::mg1_data()
{
    // service distributions of mean 1 ms and their second moments E[S^2] (ms^2)
    QTest::addColumn<Sim::Distribution>("service");
    QTest::addColumn<double>("secondMoment");
    QTest::newRow("M/D/1 (constant)") << Sim::Distribution::constant(1.0) << 1.0;
    QTest::newRow("M/E4/1 (Erlang-4)")
        << Sim::Distribution::erlang(4, 1.0) << 1.25; // (1 + 1/k) m^2
    QTest::newRow("M/U/1 (uniform 0..2)")
        << Sim::Distribution::uniform(0.0, 2.0) << 4.0 / 3; // (b^3 - a^3)/(3 (b - a))
    QTest::newRow("M/LN/1 (lognormal sd 1)")
        << Sim::Distribution::lognormal(1.0, 1.0) << 2.0; // m^2 + sd^2
}

void tst_SingleServerQueues::mg1()
{
    // M/G/1 at rho 0.8: Pollaczek-Khinchine Wq = lambda E[S^2] / (2 (1 - rho)); W = Wq + E[S];
    // Lq = lambda Wq. This also checks each sampler's first two moments.
    QFETCH(Sim::Distribution, service);
    QFETCH(double, secondMoment);
    const double ratePerS = 800, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec({cpuService("server", service)},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     12);
    spec.replications = reps;
    const Sim::RunResult run = runTimed(spec);

    const double lambda = ratePerS / 1000.0, d = service.mean(), rho = lambda * d;
    const double wq = Queueing::mg1Wait(lambda, d, secondMoment);
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(all && server);

    // 5 standard errors over 10 independent replications (no closed form for the variance)
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats lq = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanWaiting;
    });
    const QString name = QString::fromLatin1(QTest::currentDataTag());
    ARCHSIM_VERIFY_WITHIN(name + " mean response Wq + E[S] (ms)",
                          wq + d,
                          all->latencyMs.mean,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN(name + " mean_waiting lambda Wq",
                          lambda * wq,
                          server->meanWaiting,
                          5 * lq.se);
    ARCHSIM_VERIFY_WITHIN(name + " utilization",
                          rho,
                          server->utilization,
                          5
                              * Queueing::mg1UtilizationSe(lambda,
                                                           secondMoment,
                                                           windowS * 1000.0 * reps));
    verifyLittle(run, "server", windowS);
}

void tst_SingleServerQueues::dm1()
{
    // D/M/1: constant arrivals every 1.25 ms (800/s) at an exponential server of 1 ms. GI/M/1
    // with A*(s) = exp(-s / lambda): sigma = exp(-mu (1 - sigma) / lambda) = 0.6286, and
    // W = 1/(mu (1 - sigma)) = 2.693 ms. Checks the constant arrival process. Tolerance: 5 SE
    // over 10 independent replications.
    const double ratePerS = 800, windowS = 200, warmupS = 5;
    const int reps = 10;
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     ratePerS,
                                     warmupS + windowS,
                                     warmupS,
                                     15);
    spec.workload.arrivals = Sim::ArrivalKind::Constant;
    spec.replications = reps;
    const Sim::RunResult run = runTimed(spec);

    const double lambda = ratePerS / 1000, mu = 1.0;
    const double sigma = Queueing::gim1Sigma([&](double s) { return std::exp(-s / lambda); }, mu);
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    ARCHSIM_VERIFY_WITHIN("D/M/1 mean response 1/(mu (1 - sigma)) (ms)",
                          1 / (mu * (1 - sigma)),
                          run.request("_all")->latencyMs.mean,
                          5 * w.se);
    // constant arrivals: exactly lambda x window of them in each replication (+/- 1 at the edges)
    for (const Sim::ReplicationResult &rep : run.perReplication)
        QVERIFY(std::abs(rep.requests[0].arrived - ratePerS * windowS) <= 1);
}

void tst_SingleServerQueues::mm1k()
{
    // M/M/1/K with K = 5: one thread and an accept queue of K - 1 = 4; an arrival that
    // finds 5 requests at the server is rejected
    const double ratePerS = 800, windowS = 100, warmupS = 5;
    const int reps = 10, k = 5;
    Sim::Component server = cpuService("server", Sim::Distribution::exponential(1.0));
    server.queueLimit = k - 1;
    Sim::Spec spec = singleEntrySpec({server}, ratePerS, warmupS + windowS, warmupS, 13);
    spec.replications = reps;
    const Sim::RunResult run = runTimed(spec);

    const double lambda = ratePerS / 1000.0, mu = 1.0, rho = lambda / mu;
    const double pBlock = Queueing::mm1kBlocking(rho, k);
    const double l = Queueing::mm1kInSystem(rho, k);
    const double lambdaEff = lambda * (1 - pBlock);
    const Sim::RequestResult *all = run.request("_all");
    const Sim::ComponentResult *comp = run.component("server");
    QVERIFY(all && comp);

    // 5 standard errors over 10 independent replications
    const ReplicationStats block = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].failed / r.requests[0].arrived;
    });
    const ReplicationStats w = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return r.requests[0].latencyMs.mean;
    });
    const ReplicationStats inSystem = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->meanInSystem;
    });
    const ReplicationStats util = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return componentOf(r, "server")->utilization;
    });
    ARCHSIM_VERIFY_WITHIN("M/M/1/5 blocking probability", pBlock, block.mean, 5 * block.se);
    ARCHSIM_VERIFY_WITHIN("M/M/1/5 mean_in_system", l, comp->meanInSystem, 5 * inSystem.se);
    ARCHSIM_VERIFY_WITHIN("M/M/1/5 mean response of admitted (ms)",
                          l / lambdaEff,
                          all->latencyMs.mean,
                          5 * w.se);
    ARCHSIM_VERIFY_WITHIN("M/M/1/5 utilization lambda (1 - P_K) / mu",
                          lambdaEff / mu,
                          comp->utilization,
                          5 * util.se);

    // every failure is a rejection, counted once for the request and once at the component
    for (const Sim::ReplicationResult &rep : run.perReplication) {
        const Sim::RequestResult &r = rep.requests[0];
        QVERIFY(r.failed > 0);
        QCOMPARE(r.failures.size(), std::size_t(1));
        QCOMPARE(r.failures.count(Sim::failureReasonName(Sim::FailureReason::Rejected)),
                 std::size_t(1));
        QCOMPARE(r.failures.at(Sim::failureReasonName(Sim::FailureReason::Rejected)), r.failed);
        QCOMPARE(componentOf(rep, "server")->rejected, r.failed);
    }
    verifyLittle(run, "server", windowS);
}

void tst_SingleServerQueues::overloadGrowsLinearly()
{
    // Arrivals beyond capacity: 1200 requests/s at a server of 1000/s, starting empty, no
    // warm-up. After the first (short) idle moments the server never idles, so the number
    // in system is N(t) = A(t) - D(t), the difference of two independent Poisson processes:
    // E[N(t)] = (lambda - mu) t and Var N(t) = (lambda + mu) t (Skellam). Its time average
    // over [0, T] has mean (lambda - mu) T / 2 and variance (lambda + mu) T / 3 (the integral
    // of a Brownian motion). Tolerances: 5 of these standard deviations.
    const double lambda = 1200, mu = 1000, durationS = 100;
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     lambda,
                                     durationS,
                                     0,
                                     14);
    const Sim::RunResult run = runTimed(spec);
    const Sim::ComponentResult *server = run.component("server");
    QVERIFY(server);

    ARCHSIM_VERIFY_WITHIN("overload: time-average backlog (lambda - mu) T / 2",
                          (lambda - mu) * durationS / 2,
                          server->meanInSystem,
                          5 * std::sqrt((lambda + mu) * durationS / 3));
    // completions: Poisson(mu T) while busy, so throughput mu within 5 sqrt(mu / T)
    ARCHSIM_VERIFY_WITHIN("overload: throughput = mu (1/s)",
                          mu,
                          server->throughputPerS,
                          5 * std::sqrt(mu / durationS));
    QVERIFY(server->utilization > 0.999);

    // the backlog at every bucket end t grows linearly: (lambda - mu) t +/- 5 sqrt((lambda + mu) t)
    const Sim::SeriesColumn *backlog = run.series.column("components.server.in_system");
    QVERIFY(backlog);
    QCOMPARE(backlog->values.size(), run.series.tS.size());
    QVERIFY(!backlog->values.empty());
    for (std::size_t i = 0; i < backlog->values.size(); ++i) {
        const double t = run.series.tS[i];
        ARCHSIM_VERIFY_WITHIN(QStringLiteral("overload: backlog at t = %1 s").arg(t),
                              (lambda - mu) * t,
                              backlog->values[i],
                              5 * std::sqrt((lambda + mu) * t));
    }
}

QTEST_GUILESS_MAIN(tst_SingleServerQueues)

#include "tst_singleserverqueues.moc"
