// SPDX-License-Identifier: GPL-3.0-or-later
// Scaling, failures and resilience patterns (issue 5), each against what its settings imply.
// Arrivals and service times are constant where possible, so the expected figures are exact
// counts, not statistical estimates.
#include "Simulation.h"
#include "TestSupport.h"

#include <QtTest>

#include <cmath>

using namespace Sim;
using TestSupport::callStep;
using TestSupport::cpuStep;
using TestSupport::runChecked;

namespace {

Spec base(double durationS, double rate, ArrivalKind kind = ArrivalKind::Constant)
{
    Spec s;
    s.name = "resilience";
    s.durationS = durationS;
    s.warmupS = 0;
    s.bucketS = 1;
    s.seed = 3;
    s.workload.entry = 0;
    s.workload.arrivals = kind;
    s.workload.ratePerS = rate;
    s.workload.requests = {{"job", 1}};
    return s;
}

std::vector<const RunEvent *> eventsOf(const RunResult &r, const std::string &what)
{
    std::vector<const RunEvent *> out;
    for (const RunEvent &e : r.timeline) {
        if (e.what == what)
            out.push_back(&e);
    }
    return out;
}

} // namespace

class tst_Resilience : public QObject
{
    Q_OBJECT

private slots:
    void fractionalCpuScalesServiceTime();
    void killWithoutHealthCheckLosesItsShareUntilRestart();
    void healthCheckDetectionBoundsTheLoss();
    void breakerCutsCallsToHalfOpenProbes();
    void jitterRemovesSynchronisedRetrySpikes();
    void oomFlapsWithConfiguredBackoff();
    void autoscalerFollowsRampWithItsLag();
    void fallbackTurnsFailureIntoSuccess();
    void bulkheadRejectsBeyondItsLimit();
};

void tst_Resilience::fractionalCpuScalesServiceTime()
{
    // one request at a time (1/s, 2 ms of CPU): a 0.5-core quota makes it take 4 ms, 0.25 8 ms
    for (double cores : {1.0, 0.5, 0.25}) {
        Spec s = base(100, 1);
        Component c;
        c.id = "svc";
        c.cpuCores = cores;
        c.threads = 4;
        c.handlers.push_back({"job", {cpuStep(Distribution::constant(2))}});
        s.components = {c};
        const RunResult r = runChecked(s);
        QCOMPARE(r.requests.front().latencyMs.max, 2.0 / cores);
        QVERIFY(std::abs(r.requests.front().latencyMs.mean - 2.0 / cores) < 1e-9);
    }
}

void tst_Resilience::killWithoutHealthCheckLosesItsShareUntilRestart()
{
    // 4 replicas, round robin, 400 requests/s: replica 0 killed at 50 s, restarted 10 s later
    // (restart back-off 10 s, no cold start). Without health checks the balancer keeps
    // sending it every 4th request: 10 s x 100/s = 1000 lost, not one more or less (+-1 for
    // the request exactly at each edge).
    Spec s = base(100, 400);
    Component c;
    c.id = "api";
    c.replicas = 4;
    c.threads = 8;
    c.handlers.push_back({"job", {cpuStep(Distribution::constant(1))}});
    c.restart = RestartPolicy::Always;
    c.restartBackoffS = 10;
    s.components = {c};
    Fault kill;
    kill.kind = Fault::Kind::KillInstance;
    kill.target = 0;
    kill.atS = 50;
    s.faults = {kill};
    const RunResult r = runChecked(s);
    const RequestResult &all = r.requests.front();
    QVERIFY2(std::abs(all.failed - 1000) <= 1, qPrintable(QString::number(all.failed)));
    QCOMPARE(all.failures.at("crash"), all.failed);
    // the component says why its visits failed too
    QCOMPARE(r.component("api")->failures.at("crash"), r.component("api")->failed);
    QCOMPARE(r.component("api")->failures.size(), std::size_t(1));
    QCOMPARE(eventsOf(r, "crash").size(), std::size_t(1));
    QCOMPARE(eventsOf(r, "restart").size(), std::size_t(1));
    QCOMPARE(eventsOf(r, "restart").front()->tS, 60.0);
}

void tst_Resilience::healthCheckDetectionBoundsTheLoss()
{
    // same, no restart, health checks every 2 s, 3 failures to mark it down: the loss is the
    // replica's share up to the detection instant, then nothing
    Spec s = base(100, 400);
    Component c;
    c.id = "api";
    c.replicas = 4;
    c.threads = 8;
    c.handlers.push_back({"job", {cpuStep(Distribution::constant(1))}});
    c.restart = RestartPolicy::No;
    c.healthCheck.enabled = true;
    c.healthCheck.intervalS = 2;
    c.healthCheck.failureThreshold = 3;
    s.components = {c};
    Fault kill;
    kill.kind = Fault::Kind::KillInstance;
    kill.target = 0;
    kill.atS = 50;
    s.faults = {kill};
    const RunResult r = runChecked(s);
    const auto down = eventsOf(r, "health_down");
    QCOMPARE(down.size(), std::size_t(1));
    const double detection = down.front()->tS - 50;
    // three consecutive failed checks: detection between 2 x interval and 3 x interval
    QVERIFY2(detection >= 4 && detection <= 6, qPrintable(QString::number(detection)));
    QVERIFY2(std::abs(r.requests.front().failed - detection * 100) <= 1,
             qPrintable(QStringLiteral("%1 lost, detection after %2 s")
                            .arg(r.requests.front().failed)
                            .arg(detection)));
    QCOMPARE(r.component("api")->replicasMin, 3.0);
}

void tst_Resilience::breakerCutsCallsToHalfOpenProbes()
{
    // 100 calls/s to an external that fails every call from 50 s on. Without a breaker all
    // 5000 calls of the outage reach it. With one (window 50, at least 20 calls, 50% failures,
    // open 5 s, 3 half-open probes) it sees at most: the calls until the window trips, plus
    // one failing probe per open period (the first probe fails and reopens at once).
    auto scenario = [](bool breaker) {
        Spec s = base(100, 100);
        Component api;
        api.id = "api";
        api.threads = 64;
        api.cpuCores = 4;
        Step call = callStep(1);
        call.breaker.enabled = breaker;
        call.breaker.window = 50;
        call.breaker.minimumCalls = 20;
        call.breaker.failureRate = 0.5;
        call.breaker.openS = 5;
        call.breaker.halfOpenCalls = 3;
        api.handlers.push_back({"job", {cpuStep(Distribution::constant(0.5)), call}});
        Component ext;
        ext.id = "pay";
        ext.kind = ComponentKind::External;
        ext.latency = Distribution::constant(20);
        s.components = {api, ext};
        Fault errors;
        errors.kind = Fault::Kind::Errors;
        errors.target = 1;
        errors.atS = 50;
        errors.untilS = 100;
        errors.errorRate = 1.0;
        s.faults = {errors};
        return s;
    };
    const RunResult without = runChecked(scenario(false));
    const RunResult with = runChecked(scenario(true));
    const double before = 50 * 100; // calls before the outage, all successful
    QVERIFY(std::abs(without.component("pay")->arrived - 10000) <= 2);
    const double reached = with.component("pay")->arrived - before;
    const auto opens = eventsOf(with, "breaker_open");
    const auto halfOpens = eventsOf(with, "breaker_half_open");
    QVERIFY(!opens.empty());
    // it trips once the window holds 50% failures: 50 calls window with the 50 s of successes
    // before means 25 failures (plus the calls in flight while tripping: 20 ms x 100/s = 2)
    QVERIFY2(opens.front()->tS >= 50.2 && opens.front()->tS <= 50.3,
             qPrintable(QString::number(opens.front()->tS)));
    const double probes = static_cast<double>(halfOpens.size());
    QVERIFY2(std::abs(probes - 10) <= 1, qPrintable(QString::number(probes))); // 50 s / 5 s
    QVERIFY2(reached <= 25 + 2 + probes * 1 + 1,
             qPrintable(QStringLiteral("%1 calls reached the dead dependency, %2 probes")
                            .arg(reached)
                            .arg(probes)));
    QCOMPARE(with.requests.front().failures.count("circuit_open"), std::size_t(1));
}

void tst_Resilience::jitterRemovesSynchronisedRetrySpikes()
{
    // 1000 calls/s; the dependency fails everything from 10.0 to 10.2 s. Each failed call is
    // retried after 1 s (fixed back-off). Without jitter the 200 failures come back as an echo:
    // 200 extra calls in 0.2 s at 11.0-11.2 s, i.e. twice the normal rate in those 0.1 s
    // buckets. With full jitter (+-100%) the same retries spread over 2 s: +100/s.
    auto peak = [](double jitter) {
        Spec s = base(14, 1000);
        s.bucketS = 0.1;
        Component api;
        api.id = "api";
        // a thread waits out the back-off: with fewer threads than the 200 waiting requests the
        // pool itself would run dry and release a flood at 11 s (a retry storm of its own)
        api.threads = 5000;
        api.cpuCores = 8;
        Step call = callStep(1);
        call.retries = 1;
        call.backoffMs = 1000;
        call.backoffMultiplier = 1;
        call.jitter = jitter;
        api.handlers.push_back({"job", {call}});
        Component dep;
        dep.id = "dep";
        dep.kind = ComponentKind::External;
        dep.latency = Distribution::constant(1);
        s.components = {api, dep};
        Fault errors;
        errors.kind = Fault::Kind::Errors;
        errors.target = 1;
        errors.atS = 10;
        errors.untilS = 10.2;
        errors.errorRate = 1.0;
        s.faults = {errors};
        const RunResult r = runChecked(s);
        const SeriesColumn *rate = r.series.column("components.dep.throughput_per_s");
        double best = 0;
        for (std::size_t i = 0; i < r.series.tS.size(); ++i) {
            if (r.series.tS[i] > 10.5) // after the outage: the retries only
                best = std::max(best, rate->values[i]);
        }
        return best;
    };
    const double synchronised = peak(0);
    const double smeared = peak(1);
    QVERIFY2(std::abs(synchronised - 2000) <= 20, qPrintable(QString::number(synchronised)));
    // +100/s on average; in 0.1 s buckets ~10 retries each, binomial sd ~3.2 -> 5 sd ~ 16 => +160/s
    QVERIFY2(smeared <= 1000 + 100 + 170, qPrintable(QString::number(smeared)));
}

void tst_Resilience::oomFlapsWithConfiguredBackoff()
{
    // 256 MB base + 10 MB per request, limit 512 MB: more than 25 requests in flight kill it.
    // Its load (300/s, 3 ms on one core, rho 0.9) gets there quickly, so it crash-loops: the
    // waits between an OOM and the restart must be 10, 20, 40, 80, 160, 300 (capped) s.
    Spec s = base(1200, 300, ArrivalKind::Poisson);
    Component c;
    c.id = "svc";
    c.threads = 100;
    c.handlers.push_back({"job", {cpuStep(Distribution::exponential(3))}});
    c.memoryMb = 512;
    c.memoryBaseMb = 256;
    c.memoryPerRequestMb = 10;
    c.restart = RestartPolicy::Always;
    c.restartBackoffS = 10;
    c.restartBackoffMaxS = 300;
    c.startupS = 2;
    s.components = {c};
    const RunResult r = runChecked(s);
    const auto ooms = eventsOf(r, "oom");
    const auto restarts = eventsOf(r, "restart");
    QVERIFY(ooms.size() >= 5);
    const double expected[] = {10, 20, 40, 80, 160, 300, 300};
    for (std::size_t i = 0; i < restarts.size() && i < 7; ++i)
        QVERIFY2(std::abs(restarts[i]->tS - ooms[i]->tS - expected[i]) < 1e-6,
                 qPrintable(QStringLiteral("restart %1 after %2 s")
                                .arg(i)
                                .arg(restarts[i]->tS - ooms[i]->tS)));
    // each restart becomes ready after the cold start
    const auto ready = eventsOf(r, "ready");
    for (std::size_t i = 0; i < ready.size() && i < restarts.size(); ++i)
        QVERIFY(std::abs(ready[i]->tS - restarts[i]->tS - 2) < 1e-6);
}

void tst_Resilience::autoscalerFollowsRampWithItsLag()
{
    // Load ramps from 100/s to 1000/s over 600 s (from t = 100 s); 4 ms of CPU per request on
    // one core per replica; HPA target 60% CPU, evaluated every 15 s, cold start 20 s.
    // HPA: desired = ceil(current x utilisation / target), no change within 10%. At the end
    // (1000/s, 4 cores busy) it must settle on ceil(4 / 0.6) = 7 replicas. It first scales up
    // once utilisation of the single replica passes 0.66 (0.6 x 1.1), i.e. once the rate
    // passes 165/s at t = 143.3 s, at the next evaluation (a multiple of 15 s) at most 15 s
    // later, plus the averaging over the last period: by t = 165 s.
    Spec s = base(1200, 100, ArrivalKind::Ramp);
    s.bucketS = 15;
    s.workload.rampFrom = 100;
    s.workload.rampTo = 1000;
    s.workload.rampOverS = 600;
    s.workload.rampStartS = 100;
    Component c;
    c.id = "web";
    c.threads = 64;
    c.handlers.push_back({"job", {cpuStep(Distribution::constant(4))}});
    c.autoscaling.enabled = true;
    c.autoscaling.minReplicas = 1;
    c.autoscaling.maxReplicas = 20;
    c.autoscaling.targetUtilization = 0.6;
    c.autoscaling.intervalS = 15;
    c.startupS = 20;
    s.components = {c};
    const RunResult r = runChecked(s);
    const auto ups = eventsOf(r, "scale_up");
    QVERIFY(!ups.empty());
    QVERIFY2(ups.front()->tS >= 143.3 && ups.front()->tS <= 165,
             qPrintable(QString::number(ups.front()->tS)));
    const auto ready = eventsOf(r, "ready");
    QVERIFY(!ready.empty());
    QCOMPARE(ready.front()->tS, ups.front()->tS + 20);
    const SeriesColumn *replicas = r.series.column("components.web.replicas");
    QCOMPARE(replicas->values.back(), 7.0);
    QCOMPARE(r.component("web")->replicasMax, 7.0);
    QCOMPARE(eventsOf(r, "scale_down").size(), std::size_t(0)); // a ramp up never scales down
}

void tst_Resilience::fallbackTurnsFailureIntoSuccess()
{
    Spec s = base(20, 100);
    Component api;
    api.id = "api";
    api.threads = 16;
    Step call = callStep(1);
    call.fallback = {cpuStep(Distribution::constant(1))};
    api.handlers.push_back({"job", {call}});
    Component dep;
    dep.id = "dep";
    dep.kind = ComponentKind::External;
    dep.errorRate = 1.0;
    s.components = {api, dep};
    const RunResult r = runChecked(s);
    QCOMPARE(r.requests.front().failed, 0.0);
    QVERIFY(r.requests.front().completed > 1990);
    QCOMPARE(r.component("dep")->failed, r.component("dep")->arrived);
}

void tst_Resilience::bulkheadRejectsBeyondItsLimit()
{
    // 100 calls/s to a dependency that takes 100 ms: 10 in flight on average (constant).
    // A bulkhead of 5 lets 5 through and rejects the rest of each 100 ms window: half fail.
    Spec s = base(20, 100);
    Component api;
    api.id = "api";
    api.threads = 64;
    Step call = callStep(1);
    call.bulkhead = 5;
    api.handlers.push_back({"job", {call}});
    Component dep;
    dep.id = "dep";
    dep.kind = ComponentKind::External;
    dep.latency = Distribution::constant(100);
    s.components = {api, dep};
    const RunResult r = runChecked(s);
    const RequestResult &all = r.requests.front();
    QVERIFY2(std::abs(all.failed / all.arrived - 0.5) < 0.01,
             qPrintable(QString::number(all.failed / all.arrived)));
    QCOMPARE(all.failures.at("rejected"), all.failed);
    QCOMPARE(r.component("api")->failures.at("rejected"), r.component("api")->failed);
    QVERIFY(r.component("dep")->failures.empty());
}

QTEST_GUILESS_MAIN(tst_Resilience)
#include "tst_resilience.moc"
