// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity under an SLO (model/analysis/Slo, Capacity): SLO texts and their errors, scaling
// the arrival profile, and the search against closed forms: M/M/1 (response time exponential
// with rate mu - lambda) and M/M/c (Erlang C waiting time plus exponential service), both
// under a p99 objective, within 2%.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Capacity.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace Model;

namespace {

/** One server with `threads` threads on as many cores, exponential 1 ms service. */
Scenario mmc(int servers, double ratePerS)
{
    const ScenarioLoad load = loadScenarioFile(
        TestSupport::examplePath(QStringLiteral("mm1.json")));
    Scenario s = *load.scenario;
    s.workload.arrivals.ratePerS = ratePerS;
    Component &server = s.components[0];
    server.service.cpuCores = servers;
    server.service.concurrency->threads = servers;
    s.simulation.durationS = 10;
    s.simulation.warmupS = 1;
    return s;
}

/** P(T > t) of M/M/c with arrival rate lambda, service rate mu per server (per ms). */
double mmcTail(int c, double lambda, double mu, double t)
{
    const double a = lambda / mu;
    // Erlang C: the probability of waiting
    double sum = 0, term = 1;
    for (int k = 0; k < c; ++k) {
        if (k > 0)
            term *= a / k;
        sum += term;
    }
    const double last = term * a / c; // a^c / c!
    const double rho = a / c;
    const double waitP = last / (1 - rho) / (sum + last / (1 - rho));
    const double theta = c * mu - lambda; // rate of the wait, given one
    // T = W + S: with prob. 1 - C just S; else Exp(theta) + Exp(mu)
    const double conv = std::abs(theta - mu) < 1e-12
                            ? (1 + mu * t) * std::exp(-mu * t)
                            : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t))
                                  / (theta - mu);
    return (1 - waitP) * std::exp(-mu * t) + waitP * conv;
}

/** The p99 response time of M/M/c, ms, by bisection on the tail. */
double mmcP99(int c, double lambda, double mu)
{
    double lo = 0, hi = 1e6;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (mmcTail(c, lambda, mu, mid) > 0.01 ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

/** The arrival rate (per ms) at which M/M/c's p99 equals `limitMs`. */
double mmcCapacity(int c, double mu, double limitMs)
{
    double lo = 0, hi = c * mu * (1 - 1e-9);
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (mmcP99(c, mid, mu) < limitMs ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

Slo slo(const QString &text)
{
    QString error;
    const std::optional<Slo> s = parseSlo(text, &error);
    if (!s)
        qFatal("%s", qPrintable(error));
    return *s;
}

} // namespace

class tst_Capacity : public QObject
{
    Q_OBJECT

private slots:
    void parsesSlos()
    {
        const Slo s = slo(QStringLiteral("p99<200ms, errors<1%,mean<=0.04s"));
        QCOMPARE(s.conditions.size(), 3);
        QCOMPARE(s.conditions[0].figure, SloCondition::Figure::P99);
        QCOMPARE(s.conditions[0].limit, 200.0);
        QVERIFY(!s.conditions[0].orEqual);
        QCOMPARE(s.conditions[1].figure, SloCondition::Figure::Errors);
        QCOMPARE(s.conditions[1].limit, 0.01);
        QCOMPARE(s.conditions[2].figure, SloCondition::Figure::Mean);
        QCOMPARE(s.conditions[2].limit, 40.0);
        QVERIFY(s.conditions[2].orEqual);
        QCOMPARE(s.text(), QStringLiteral("p99<200ms,errors<1%,mean<=0.04s"));
        QCOMPARE(slo(QStringLiteral("errors<0.05")).conditions[0].limit, 0.05);
    }

    void refusesBadSlos_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << ""
                               << "the SLO is empty";
        QTest::newRow("no unit") << "p99<200"
                                 << "give the latency's unit, ms or s";
        QTest::newRow("unknown figure") << "p98<20ms"
                                        << "'p98' is not a figure; use one of mean";
        QTest::newRow("operator") << "p99>20ms"
                                  << "expected FIGURE<LIMIT";
        QTest::newRow("second part") << "p99<20ms,errors<1 %x"
                                     << "at character 10";
        QTest::newRow("empty part") << "p99<20ms,,mean<2ms"
                                    << "an empty condition";
        QTest::newRow("errors in ms") << "errors<5ms"
                                      << "errors are a percentage";
        QTest::newRow("over 100%") << "errors<150%"
                                   << "above 100%";
        QTest::newRow("zero") << "p99<0ms"
                              << "give a limit above 0";
    }
    void refusesBadSlos()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parseSlo(text, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void sloHoldsOnFigures()
    {
        Sim::RequestResult all;
        all.completed = 990;
        all.failed = 10;
        all.latencyMs.p99 = 150;
        all.latencyMs.mean = 40;
        QVERIFY(sloHolds(slo(QStringLiteral("p99<200ms")), all));
        QVERIFY(!sloHolds(slo(QStringLiteral("p99<150ms")), all));
        QVERIFY(sloHolds(slo(QStringLiteral("p99<=150ms")), all));
        QVERIFY(!sloHolds(slo(QStringLiteral("errors<1%")), all)); // exactly 1%
        QVERIFY(sloHolds(slo(QStringLiteral("errors<=1%,mean<=40ms")), all));
        all.completed = 0;
        QVERIFY(!sloHolds(slo(QStringLiteral("p99<200ms")), all)); // nothing completed
    }

    void verdictSaysWhichConditionFailed()
    {
        Sim::RunResult run;
        Sim::RequestResult all;
        all.completed = 990;
        all.failed = 10;
        all.latencyMs.p99 = 150;
        run.requests.push_back(all);
        QVERIFY(!sloVerdictOf(QString(), run));              // no SLO
        QVERIFY(!sloVerdictOf(QStringLiteral("p99<"), run)); // validation reports it
        const std::optional<SloVerdict> v = sloVerdictOf(QStringLiteral("p99<200ms,errors<1%"),
                                                         run);
        QVERIFY(v);
        QVERIFY(!v->holds);
        QCOMPARE(v->checks.size(), std::size_t(2));
        QVERIFY(v->checks[0].holds);
        QCOMPARE(v->checks[0].value, 150.0);
        QVERIFY(!v->checks[1].holds);
        QCOMPARE(v->checks[1].value, 0.01);
        QCOMPARE(sloCheckText(v->checks[0]), QStringLiteral("p99 150 ms < 200 ms"));
        QCOMPARE(sloCheckText(v->checks[1]), QStringLiteral("errors 1.00% ≥ 1.00%"));
        const QJsonObject json = sloVerdictToJson(*v);
        QCOMPARE(json.value(QStringLiteral("text")).toString(),
                 QStringLiteral("p99<200ms,errors<1%"));
        QCOMPARE(json.value(QStringLiteral("holds")).toBool(), false);
        const QJsonArray conditions = json.value(QStringLiteral("conditions")).toArray();
        QCOMPARE(conditions.size(), 2);
        QCOMPARE(conditions[1].toObject().value(QStringLiteral("figure")).toString(),
                 QStringLiteral("errors"));
        QCOMPARE(conditions[1].toObject().value(QStringLiteral("holds")).toBool(), false);
    }

    void scenarioResultsCarryTheVerdict()
    {
        Scenario s = mmc(1, 100);
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(compiled.ok());
        const Sim::RunResult run = Sim::runSimulation(compiled.spec, {});
        QVERIFY(!scenarioResultsJson(s, run).contains(QStringLiteral("slo")));
        // M/M/1 at rho 0.1: mean 1.11 ms
        s.slo = QStringLiteral("mean<1000ms");
        QJsonObject slo = scenarioResultsJson(s, run).value(QStringLiteral("slo")).toObject();
        QCOMPARE(slo.value(QStringLiteral("holds")).toBool(), true);
        QCOMPARE(slo.value(QStringLiteral("text")).toString(), QStringLiteral("mean<1000ms"));
        s.slo = QStringLiteral("mean<0.5ms");
        slo = scenarioResultsJson(s, run).value(QStringLiteral("slo")).toObject();
        QCOMPARE(slo.value(QStringLiteral("holds")).toBool(), false);
    }

    void scalesEveryRateOfTheProfile()
    {
        Scenario s = mmc(1, 100);
        s.workload.arrivals.kind = QStringLiteral("bursty");
        s.workload.arrivals.ratePerS.reset();
        s.workload.arrivals.lowRate = 10;
        s.workload.arrivals.highRate = 100;
        s.workload.arrivals.lowMeanS = 3;
        s.workload.arrivals.highMeanS = 1;
        QCOMPARE(profileRate(s.workload.arrivals), (10 * 3 + 100 * 1) / 4.0);
        const Scenario twice = scaledArrivals(s, 2);
        QCOMPARE(*twice.workload.arrivals.lowRate, 20.0);
        QCOMPARE(*twice.workload.arrivals.highRate, 200.0);
        QCOMPARE(*twice.workload.arrivals.lowMeanS, 3.0); // times are not rates
        QCOMPARE(profileRate(twice.workload.arrivals), 2 * profileRate(s.workload.arrivals));
    }

    void findsTheCapacityOfMM1()
    {
        // response time of M/M/1 is exponential with rate mu - lambda: p99 = ln(100)/(mu - lambda)
        // p99 < 20 ms with mu = 1/ms: lambda = 1 - ln(100)/20 per ms = 769.74/s
        const double exact = 1000.0 * (1.0 - std::log(100.0) / 20.0);
        QVERIFY(std::abs(mmcCapacity(1, 1.0, 20.0) * 1000 - exact) < 1e-6); // the helper agrees
        Problems problems;
        const std::optional<CapacityResult> r = findCapacity(mmc(1, 800),
                                                             slo(QStringLiteral("p99<20ms")),
                                                             CapacityOptions{},
                                                             &problems);
        QVERIFY2(r, qPrintable(TestSupport::problemsText(problems)));
        QVERIFY(r->maxRatePerS);
        qInfo("M/M/1 capacity %.1f/s, exact %.1f/s, %d points",
              *r->maxRatePerS,
              exact,
              int(r->points.size()));
        QVERIFY2(std::abs(*r->maxRatePerS - exact) <= 0.02 * exact,
                 qPrintable(QString::number(*r->maxRatePerS)));
        // it bracketed: one failing point above, within the precision
        double lowestFail = 1e300;
        for (const CapacityPoint &p : r->points) {
            if (!p.passes)
                lowestFail = std::min(lowestFail, p.ratePerS);
        }
        QVERIFY(lowestFail > *r->maxRatePerS);
        QVERIFY(lowestFail - *r->maxRatePerS <= 0.011 * lowestFail);
        QVERIFY(r->costAtMax.perHour > 0);
    }

    void findsTheCapacityOfMMc()
    {
        // 4 servers of 1 ms: Erlang C waiting time plus the service, p99 < 5 ms
        const double exact = mmcCapacity(4, 1.0, 5.0) * 1000;
        qInfo("M/M/4 exact capacity under p99<5ms: %.1f/s", exact);
        QVERIFY(exact > 2000 && exact < 4000);
        Problems problems;
        const std::optional<CapacityResult> r = findCapacity(mmc(4, 1000),
                                                             slo(QStringLiteral("p99<5ms")),
                                                             CapacityOptions{},
                                                             &problems);
        QVERIFY2(r, qPrintable(TestSupport::problemsText(problems)));
        QVERIFY(r->maxRatePerS);
        qInfo("M/M/4 capacity %.1f/s, exact %.1f/s, %d points",
              *r->maxRatePerS,
              exact,
              int(r->points.size()));
        QVERIFY2(std::abs(*r->maxRatePerS - exact) <= 0.02 * exact,
                 qPrintable(QString::number(*r->maxRatePerS)));
    }

    void reportsEachPointAsItFinishes()
    {
        CapacityOptions o;
        o.precision = 0.1;
        o.replications = 2;
        std::vector<double> seen;
        o.pointFinished = [&](const CapacityPoint &p) { seen.push_back(p.ratePerS); };
        Problems problems;
        const std::optional<CapacityResult> r
            = findCapacity(mmc(1, 500), slo(QStringLiteral("mean<5ms")), o, &problems);
        QVERIFY(r);
        QCOMPARE(seen.size(), r->points.size());
        for (std::size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], r->points[i].ratePerS);
    }

    void jsonHasTheContractsKeys()
    {
        CapacityOptions o;
        o.precision = 0.1;
        o.replications = 2;
        Problems problems;
        const std::optional<CapacityResult> r
            = findCapacity(mmc(1, 500), slo(QStringLiteral("mean<5ms")), o, &problems);
        QVERIFY(r);
        const QJsonObject json = capacityToJson(*r);
        QCOMPARE(json.value(QStringLiteral("slo")).toString(), QStringLiteral("mean<5ms"));
        QVERIFY(json.value(QStringLiteral("max_rate_per_s")).toDouble() > 0);
        const QJsonArray points = json.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), qsizetype(r->points.size()));
        const QJsonObject p = points[0].toObject();
        QVERIFY(p.value(QStringLiteral("rate_per_s")).isDouble());
        QVERIFY(p.value(QStringLiteral("passes")).isBool());
        QVERIFY(
            p.value(QStringLiteral("results")).toObject().contains(QStringLiteral("latency_ms")));
    }

    void anSloThatNeverHoldsSaysSo()
    {
        // 1 ms exponential service: the mean response is above 0.5 ms at any load
        CapacityOptions o;
        o.replications = 2;
        Problems problems;
        const std::optional<CapacityResult> r
            = findCapacity(mmc(1, 100), slo(QStringLiteral("mean<0.5ms")), o, &problems);
        QVERIFY(r);
        QVERIFY(!r->maxRatePerS);
        QVERIFY2(r->note.contains(QStringLiteral("does not hold")), qPrintable(r->note));
    }
};

QTEST_GUILESS_MAIN(tst_Capacity)
#include "tst_capacity.moc"
