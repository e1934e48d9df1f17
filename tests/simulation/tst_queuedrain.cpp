// SPDX-License-Identifier: GPL-3.0-or-later
// Validation: a queue's drain time after a burst (ComponentResult::drainS, drainingAtEnd,
// drainSincePeakS; docs/cli.md, "components") against closed forms.
//
// The definition: a burst starts when the backlog (ready + unacknowledged) rises above the
// level it rests at, and ends when it falls back to that level; its drain time runs from its
// peak (the last moment at its highest backlog) to its end. drain_s is the longest drain of
// the bursts that ended in the measured time.
//
// Topology: producer (0) publishes to queue "events" (1), consumed by service "worker" (2).

#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <cmath>

using namespace TestSupport;

namespace {

Sim::Step publishStep()
{
    Sim::Step s;
    s.kind = Sim::Step::Kind::Publish;
    s.target = 1;
    s.request = "msg";
    return s;
}

/** N publishes at once: a parallel step with one publish per branch. */
Sim::Step burstStep(int n)
{
    Sim::Step s;
    s.kind = Sim::Step::Kind::Parallel;
    s.steps.assign(static_cast<std::size_t>(n), publishStep());
    return s;
}

Sim::Spec drainSpec(std::vector<Sim::Step> producerSteps,
                    Sim::Distribution publishMs,
                    Sim::Distribution deliveryMs,
                    int channels,
                    int prefetch,
                    Sim::Distribution workMs,
                    double ratePerS,
                    double durationS,
                    double warmupS)
{
    Sim::Component q;
    q.id = "events";
    q.kind = Sim::ComponentKind::Queue;
    q.publishLatency = publishMs;
    q.deliveryLatency = deliveryMs;
    q.consumers = {{2, channels, prefetch}};
    // the consumer has a thread for every message its channels may hold, so only the
    // channels limit how many messages are worked on at once
    Sim::Component worker = stepService("worker", {ioStep(workMs)}, channels * prefetch);
    worker.handlers.front().request = "msg";
    Sim::Spec spec
        = singleEntrySpec({stepService("producer", std::move(producerSteps), 100000), q, worker},
                          ratePerS,
                          durationS,
                          warmupS,
                          5);
    spec.workload.arrivals = Sim::ArrivalKind::Constant;
    return spec;
}

struct Passage
{
    double mean = 0, variance = 0;
};

/**
 * First passage time from level n down to 0 of the birth-death chain with birth rate
 * lambda and death rate min(k, c) mu: the backlog of a queue fed by a Poisson stream and
 * worked off by c channels (prefetch 1, exponential handlers, no round trip). It is the sum
 * of the independent passages T_k from k to k - 1 (strong Markov property). With
 * a = lambda + mu_k and p = lambda / a, T_k = S + I (T_{k+1} + T'_k), S ~ exp(a), I ~ Bernoulli(p):
 *   E T_k   = (1 + lambda E T_{k+1}) / mu_k
 *   E T_k^2 (1 - p) = 2/a^2 + 2 p (E T_{k+1} + E T_k) / a + p (E T_{k+1}^2 + 2 E T_{k+1} E T_k)
 * and for k >= c the walk is homogeneous: E T_k = 1/delta, Var T_k = (lambda + c mu)/delta^3
 * with delta = c mu - lambda (the M/M/1 busy period of arrival rate lambda and service c mu).
 */
Passage birthDeathPassage(double lambda, double mu, int c, int n)
{
    const double delta = c * mu - lambda;
    double mNext = 1 / delta;                                              // E T_c
    double sNext = (lambda + c * mu) / std::pow(delta, 3) + mNext * mNext; // E T_c^2
    Passage total;
    for (int k = n; k >= 1; --k) {
        double m = 0, s = 0;
        if (k >= c) {
            m = 1 / delta;
            s = (lambda + c * mu) / std::pow(delta, 3) + m * m;
        } else {
            const double muK = k * mu, a = lambda + muK, p = lambda / a;
            m = (1 + lambda * mNext) / muK;
            s = (2 / (a * a) + 2 * p * (mNext + m) / a + p * (sNext + 2 * mNext * m)) / (1 - p);
        }
        total.mean += m;
        total.variance += s - m * m;
        if (k <= c) {
            mNext = m;
            sNext = s;
        }
    }
    return total;
}

const Sim::ComponentResult &queueOf(const Sim::ReplicationResult &r)
{
    return *componentOf(r, "events");
}

} // namespace

class tst_QueueDrain : public QObject
{
    Q_OBJECT

private slots:
    void deterministicBurst_data();
    void deterministicBurst();
    void burstCutByTheEndOfTheRun();
    void poissonDrainFollowsTheFluidLimit();
    void overloadNeverDrains();
};

void tst_QueueDrain::deterministicBurst_data()
{
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("prefetch");
    QTest::addColumn<double>("workMs");
    QTest::addColumn<double>("roundTripMs");
    QTest::newRow("10 on 3 channels") << 10 << 3 << 1 << 2.0 << 0.5;
    QTest::newRow("12 on 4 channels, no round trip") << 12 << 4 << 1 << 1.0 << 0.0;
    QTest::newRow("1 on 1 channel") << 1 << 1 << 1 << 5.0 << 0.5;
    QTest::newRow("7 on 10 channels") << 7 << 10 << 1 << 3.0 << 0.2;
    QTest::newRow("25 on 3 channels, prefetch 2") << 25 << 3 << 2 << 1.5 << 0.25;
}

// N messages arrive at once on an empty queue; c channels with prefetch p take c p of them,
// each handler takes s, and a channel's slot is free again one ack round trip r after the
// handler ends. The messages go in waves of c p: the last wave starts at (k - 1)(s + r) and
// ends s later, k = ceil(N / (c p)). So the backlog, at its peak N when the burst lands,
// is back at 0 after k s + (k - 1) r, to the tick. One burst every 100 ms.
void tst_QueueDrain::deterministicBurst()
{
    QFETCH(int, messages);
    QFETCH(int, channels);
    QFETCH(int, prefetch);
    QFETCH(double, workMs);
    QFETCH(double, roundTripMs);
    const Sim::Spec spec = drainSpec({burstStep(messages)},
                                     Sim::Distribution::constant(0.5),
                                     Sim::Distribution::constant(roundTripMs),
                                     channels,
                                     prefetch,
                                     Sim::Distribution::constant(workMs),
                                     10,
                                     1.0,
                                     0.05);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);
    QCOMPARE(q->published, 10.0 * messages - messages); // the bursts at 100, 200, ..., 900 ms

    const int waves = (messages + channels * prefetch - 1) / (channels * prefetch);
    const double expectedMs = waves * workMs + (waves - 1) * roundTripMs;
    ARCHSIM_VERIFY_WITHIN(QStringLiteral("drain of %1 messages on %2 x %3 slots (ms)")
                              .arg(messages)
                              .arg(channels)
                              .arg(prefetch),
                          expectedMs,
                          q->drainS * 1000,
                          0.5e-6); // half a tick
    QCOMPARE(q->drainingAtEnd, false);
    QCOMPARE(q->drainSincePeakS, 0.0);
}

// The run ends 5 ms after the last burst landed, in the middle of its 9.5 ms drain: the
// bursts that drained give drain_s, and the last one, as large as they were, is reported as
// still draining, 5 ms after its peak.
void tst_QueueDrain::burstCutByTheEndOfTheRun()
{
    const Sim::Spec spec = drainSpec({burstStep(10)},
                                     Sim::Distribution::constant(0.5),
                                     Sim::Distribution::constant(0.5),
                                     3,
                                     1,
                                     Sim::Distribution::constant(2),
                                     10,
                                     0.9055,
                                     0.05);
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);
    ARCHSIM_VERIFY_WITHIN("drain of the bursts that drained (ms)", 9.5, q->drainS * 1000, 0.5e-6);
    QCOMPARE(q->drainingAtEnd, true);
    ARCHSIM_VERIFY_WITHIN("time since the last burst's peak (ms)",
                          5.0,
                          q->drainSincePeakS * 1000,
                          0.5e-6);
    QVERIFY(q->backlogFinal > 0);
}

// N = 2000 messages land at once on an empty queue fed by a Poisson stream of lambda = 1/ms
// and worked off by c = 2 channels with exponential 1 ms handlers (mu = 1/ms each, no round
// trip). The fluid limit says the excess drains at c mu - lambda: N / (c mu - lambda) = 2 s.
// Exactly, the backlog is the birth-death chain of birthDeathPassage, so the time to get
// back to 0 has mean E and variance V in closed form (E - N/delta = 1 ms here, the slower
// last step with one busy channel).
//
// drain_s starts at the peak, the last moment at the highest backlog, which comes a little
// after the burst when the stream pushes the backlog above N before it falls: by at most
// the time the chain spends at or above N, each stint there lasting 1/delta on average and
// followed with probability rho' = lambda/(c mu) by a return (1/delta on average as well,
// by the h-transform that swaps the rates), so E[peak delay] <= (2/(1 - rho') - 1)/delta.
// One burst per replication (20 replications): tolerance 5 sqrt(V/20) plus that bias.
void tst_QueueDrain::poissonDrainFollowsTheFluidLimit()
{
    const int n = 2000, c = 2, reps = 20, stream = 5000;
    const double lambda = 1.0, mu = 1.0; // per ms
    std::vector<Sim::Step> steps{burstStep(n)};
    for (int i = 0; i < stream; ++i) {
        steps.push_back(ioStep(Sim::Distribution::exponential(1 / lambda)));
        steps.push_back(publishStep());
    }
    // one request at t = 0 (constant arrivals, every 10 s) in a 7 s run: the burst, then the
    // stream, which lasts about 5 s, well past the drain
    Sim::Spec spec = drainSpec(steps,
                               Sim::Distribution::constant(0),
                               Sim::Distribution::constant(0),
                               c,
                               1,
                               Sim::Distribution::exponential(1 / mu),
                               0.1,
                               7,
                               0);
    spec.replications = reps;
    const Sim::RunResult run = Sim::runSimulation(spec);
    QCOMPARE(run.perReplication.size(), std::size_t(reps));

    const Passage exact = birthDeathPassage(lambda, mu, c, n);
    const double delta = c * mu - lambda, rhoPrime = lambda / (c * mu);
    const double peakDelay = (2 / (1 - rhoPrime) - 1) / delta;
    const double noise = 5 * std::sqrt(exact.variance / reps);
    const ReplicationStats drain = acrossReplications(run, [](const Sim::ReplicationResult &r) {
        return queueOf(r).drainS * 1000;
    });
    ARCHSIM_VERIFY_WITHIN("Poisson burst: drain vs the exact first passage (ms)",
                          exact.mean,
                          drain.mean,
                          noise + peakDelay);
    ARCHSIM_VERIFY_WITHIN("Poisson burst: drain vs the fluid limit N/(c mu - lambda) (ms)",
                          n / delta,
                          drain.mean,
                          noise + peakDelay + std::abs(exact.mean - n / delta));
    // the spread over replications is the passage time's, sqrt(V) (a loose check: the sample
    // standard deviation of 20 values is within 50% of the true one with probability > 0.99)
    ARCHSIM_VERIFY_WITHIN("Poisson burst: standard deviation of the drain (ms)",
                          std::sqrt(exact.variance),
                          drain.stddev,
                          0.5 * std::sqrt(exact.variance));
    for (const Sim::ReplicationResult &r : run.perReplication)
        QCOMPARE(queueOf(r).drainingAtEnd, false); // the stream ended, the queue emptied
    QCOMPARE(run.component("events")->drainingAtEnd, false);
}

// Publishing at twice what the consumer can take: the backlog grows all the time, no burst
// ever drains, and the run ends with the queue reported as not drained.
void tst_QueueDrain::overloadNeverDrains()
{
    Sim::Spec spec = drainSpec({publishStep()},
                               Sim::Distribution::constant(0.5),
                               Sim::Distribution::constant(0),
                               1,
                               1,
                               Sim::Distribution::exponential(1.0),
                               2000,
                               5,
                               1);
    spec.workload.arrivals = Sim::ArrivalKind::Poisson;
    const Sim::RunResult run = Sim::runSimulation(spec);
    const Sim::ComponentResult *q = run.component("events");
    QVERIFY(q);
    QVERIFY(q->backlogFinal > 3000); // about (2000 - 1000) / s over 5 s
    QCOMPARE(q->drainS, 0.0);
    QCOMPARE(q->drainingAtEnd, true);
    QVERIFY(q->drainSincePeakS >= 0 && q->drainSincePeakS < 0.1); // the peak is about now
}

QTEST_GUILESS_MAIN(tst_QueueDrain)
#include "tst_queuedrain.moc"
