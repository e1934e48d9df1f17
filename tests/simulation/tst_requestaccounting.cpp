// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: request-level figures count the requests that arrived after the warm-up,
// whenever they end, so that arrived = completed + failed + in_flight_at_end holds exactly
// for every request type. Constant arrivals and constant latencies make every count exact:
// each case below is worked out by hand from the arrival times.

#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

using namespace TestSupport;

namespace {

/** Every request type of every replication, and the mean of the run: the identity. */
void verifyIdentity(const Sim::RunResult &r)
{
    for (const Sim::ReplicationResult &rep : r.perReplication) {
        for (const Sim::RequestResult &q : rep.requests) {
            QVERIFY2(q.arrived == q.completed + q.failed + q.inFlightAtEnd,
                     qPrintable(QStringLiteral("replication %1, %2: %3 arrived, %4 completed, %5 "
                                               "failed, %6 in flight")
                                    .arg(rep.replication)
                                    .arg(QString::fromStdString(q.name))
                                    .arg(q.arrived)
                                    .arg(q.completed)
                                    .arg(q.failed)
                                    .arg(q.inFlightAtEnd)));
        }
    }
    for (const Sim::RequestResult &q : r.requests)
        QVERIFY(std::abs(q.arrived - (q.completed + q.failed + q.inFlightAtEnd))
                <= 1e-9 * std::max(1.0, q.arrived));
}

/** 100 requests/s with constant spacing (at 0, 10, 20, ... ms) into component 0. */
Sim::Spec constantSpec(std::vector<Sim::Component> components, double durationS, double warmupS)
{
    Sim::Spec spec = singleEntrySpec(std::move(components), 100, durationS, warmupS);
    spec.workload.arrivals = Sim::ArrivalKind::Constant;
    return spec;
}

} // namespace

class tst_RequestAccounting : public QObject
{
    Q_OBJECT

private slots:
    void completedAfterTheWarmup();
    void failedAfterTheWarmup();
    void queueingServerWithWarmup();
};

void tst_RequestAccounting::completedAfterTheWarmup()
{
    // Arrivals at k x 10 ms, k = 0..999, each answered 25 ms later; warm-up 1 s, run 10 s.
    // Arrived after the warm-up: k = 100..999, 900 (the warm-up event runs before an arrival
    // at the same instant). Completed by 10 s: k + 2.5 < 1000, k = 100..997, 898. In flight:
    // k = 998, 999. The requests of k = 98, 99 arrived in the warm-up and end after it: they
    // are not counted (before this rule, completed was 900 and arrived 900, in flight unknown).
    const Sim::RunResult r = runChecked(
        constantSpec({external("remote", Sim::Distribution::constant(25))}, 10, 1));
    const Sim::RequestResult &all = r.requests.front();
    QCOMPARE(all.arrived, 900.0);
    QCOMPARE(all.completed, 898.0);
    QCOMPARE(all.failed, 0.0);
    QCOMPARE(all.inFlightAtEnd, 2.0);
    QCOMPARE(r.requests.at(1).inFlightAtEnd, 2.0); // the request type "job"
    verifyIdentity(r);
    // the component's figures stay time-based: every visit that ended in [1 s, 10 s]
    // (k = 98..997), 900
    QCOMPARE(r.component("remote")->completed, 900.0);
}

void tst_RequestAccounting::failedAfterTheWarmup()
{
    // A service calls the external (100 ms) with a 40 ms timeout: each request fails 40 ms
    // after it arrived. Warm-up 2 s, run 5 s: arrived k = 200..499, 300; failed k + 4 < 500,
    // k = 200..495, 296; in flight k = 496..499, 4.
    const Sim::RunResult r = runChecked(
        constantSpec({stepService("api", {callStep(1, 40)}, 1000, 1),
                      external("remote", Sim::Distribution::constant(100))},
                     5,
                     2));
    const Sim::RequestResult &all = r.requests.front();
    QCOMPARE(all.arrived, 300.0);
    QCOMPARE(all.completed, 0.0);
    QCOMPARE(all.failed, 296.0);
    QCOMPARE(all.failures.at("timeout"), 296.0);
    QCOMPARE(all.inFlightAtEnd, 4.0);
    verifyIdentity(r);
}

void tst_RequestAccounting::queueingServerWithWarmup()
{
    // M/M/1 at rho 0.9 with a warm-up, two request types, 4 replications: the counts are
    // random, the identity is not.
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(1.0))},
                                     900,
                                     20,
                                     3,
                                     5);
    spec.workload.requests = {{"a", 2}, {"b", 1}};
    spec.components[0].handlers.push_back(spec.components[0].handlers.front());
    spec.components[0].handlers[0].request = "a";
    spec.components[0].handlers[1].request = "b";
    spec.replications = 4;
    const Sim::RunResult r = runChecked(spec);
    QCOMPARE(r.requests.size(), std::size_t{3});
    double inFlight = 0;
    for (const Sim::ReplicationResult &rep : r.perReplication)
        inFlight += rep.requests.front().inFlightAtEnd;
    QVERIFY(inFlight > 0); // a queue at rho 0.9 is rarely empty at the end
    verifyIdentity(r);
}

QTEST_GUILESS_MAIN(tst_RequestAccounting)
#include "tst_requestaccounting.moc"
