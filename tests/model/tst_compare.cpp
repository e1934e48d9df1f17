// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing alternatives (model/analysis/Compare): paired differences against the closed
// form of M/M/1, common random numbers against independent seeds, the cost model against a
// hand computation, and the JSON and CSV the CLI writes.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Compare.h"
#include "format/Schema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Model;

namespace {

/** shared/spec/examples/mm1.json with its service time and arrival rate set. */
Scenario mm1(double serviceMs, double ratePerS)
{
    const ScenarioLoad load = loadScenarioFile(
        TestSupport::examplePath(QStringLiteral("mm1.json")));
    Scenario s = *load.scenario;
    s.workload.arrivals.ratePerS = ratePerS;
    Step &cpu = s.components[0].service.handlers[0].steps[0];
    cpu.duration.mean = serviceMs;
    s.name = QStringLiteral("M/M/1 %1 ms").arg(serviceMs);
    return s;
}

std::size_t figure(const char *key)
{
    const std::vector<CompareFigure> &f = compareFigures();
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (QLatin1String(f[k].key) == QLatin1String(key))
            return k;
    }
    qFatal("no figure %s", key);
    return 0;
}

Comparison compareOrFail(const std::vector<CompareAlternative> &alternatives,
                         const CompareOptions &options)
{
    Problems problems;
    const std::optional<Comparison> c = runComparison(alternatives, options, &problems);
    if (!c)
        qFatal("comparison failed: %s", qPrintable(TestSupport::problemsText(problems)));
    return *c;
}

} // namespace

class tst_Compare : public QObject
{
    Q_OBJECT

private slots:
    void pairedDifferenceOfKnownNumbers()
    {
        // differences 1, 2, 3: mean 2, s = 1, t(2) = 4.303: half-width 4.303 / sqrt(3)
        const PairedDifference d = pairedDifference({10, 20, 30}, {11, 22, 33});
        QCOMPARE(d.delta, 2.0);
        QVERIFY(d.ci95);
        QVERIFY(std::abs(*d.ci95 - 4.303 / std::sqrt(3.0)) < 1e-9);
        QVERIFY(!d.significant); // 2 < 2.484
        const PairedDifference e = pairedDifference({10, 20, 30}, {12, 22.1, 32});
        QVERIFY(e.significant); // differences 2, 2.1, 2: tight around 2
        const PairedDifference one = pairedDifference({1}, {2});
        QVERIFY(!one.ci95);
        QVERIFY(!one.significant);
    }

    void mm1DifferenceMatchesTheClosedForm()
    {
        // M/M/1 at 500/s: mean response 1 / (mu - lambda): 2 ms at 1.0 ms service,
        // 1 / (1111.1 - 500) = 1.636 ms at 0.9 ms. The paired interval must hold the exact
        // difference, and be narrow enough (10 x 200 s, 1e6 requests) that this means
        // something: its half-width is a few microseconds.
        const double lambda = 500;
        const double exact = 1000.0 / (1000.0 / 0.9 - lambda) - 1000.0 / (1000.0 - lambda);
        CompareOptions o;
        o.replications = 10;
        o.durationS = 200;
        o.warmupS = 10;
        const Comparison c = compareOrFail({{QStringLiteral("1.0 ms"), mm1(1.0, lambda)},
                                            {QStringLiteral("0.9 ms"), mm1(0.9, lambda)}},
                                           o);
        QCOMPARE(c.alternatives.size(), std::size_t(2));
        QCOMPARE(c.deltas.size(), std::size_t(1));
        const PairedDifference &d = c.deltas[0].figures[figure("latency_mean_ms")];
        QVERIFY(d.ci95);
        qInfo("delta %.4f ms +- %.4f, exact %.4f", d.delta, *d.ci95, exact);
        QVERIFY2(std::abs(d.delta - exact) <= *d.ci95,
                 qPrintable(QStringLiteral("delta %1 +- %2, exact %3")
                                .arg(d.delta)
                                .arg(*d.ci95)
                                .arg(exact)));
        QVERIFY(*d.ci95 < 0.02);
        QVERIFY(d.significant);
        // each alternative's own mean, against its closed form, within its own interval
        const std::size_t mean = figure("latency_mean_ms");
        QVERIFY(std::abs(c.alternatives[0].figures[mean].mean - 2.0)
                <= *c.alternatives[0].figures[mean].ci95);
        // the same arrivals: the throughputs differ by no more than requests in flight
        const PairedDifference &t = c.deltas[0].figures[figure("throughput_per_s")];
        QVERIFY(std::abs(t.delta) < 0.05);
    }

    void commonRandomNumbersNarrowTheInterval()
    {
        CompareOptions o;
        o.replications = 8;
        o.durationS = 60;
        o.warmupS = 5;
        const std::vector<CompareAlternative> alts = {{QStringLiteral("a"), mm1(1.0, 700)},
                                                      {QStringLiteral("b"), mm1(0.95, 700)}};
        const Comparison crn = compareOrFail(alts, o);
        o.crn = false;
        const Comparison independent = compareOrFail(alts, o);
        const std::size_t mean = figure("latency_mean_ms");
        const double withCrn = *crn.deltas[0].figures[mean].ci95;
        const double without = *independent.deltas[0].figures[mean].ci95;
        qInfo("ci95 of the difference: %.4f ms with CRN, %.4f ms without", withCrn, without);
        QVERIFY(withCrn < 0.5 * without);
        QVERIFY(crn.crn);
        QVERIFY(!independent.crn);
    }

    void identicalAlternativesDoNotDiffer()
    {
        CompareOptions o;
        o.replications = 3;
        o.durationS = 20;
        o.warmupS = 2;
        const Comparison c = compareOrFail({{QStringLiteral("a"), mm1(1.0, 500)},
                                            {QStringLiteral("b"), mm1(1.0, 500)}},
                                           o);
        for (const PairedDifference &d : c.deltas[0].figures) {
            QCOMPARE(d.delta, 0.0);
            QVERIFY(!d.significant);
        }
    }

    void threadsDoNotChangeTheNumbers()
    {
        CompareOptions o;
        o.replications = 3;
        o.durationS = 20;
        o.warmupS = 2;
        o.threads = 1;
        const std::vector<CompareAlternative> alts = {{QStringLiteral("a"), mm1(1.0, 500)},
                                                      {QStringLiteral("b"), mm1(0.8, 500)}};
        QJsonObject one = comparisonToJson(compareOrFail(alts, o));
        o.threads = 2;
        QJsonObject two = comparisonToJson(compareOrFail(alts, o));
        one.remove(QStringLiteral("wall_s"));
        two.remove(QStringLiteral("wall_s"));
        auto dropWall = [](QJsonObject &root) {
            QJsonArray alts = root.value(QStringLiteral("alternatives")).toArray();
            for (qsizetype i = 0; i < alts.size(); ++i) {
                QJsonObject a = alts[i].toObject();
                QJsonObject r = a.value(QStringLiteral("results")).toObject();
                r.remove(QStringLiteral("engine"));
                a.insert(QStringLiteral("results"), r);
                alts[i] = a;
            }
            root.insert(QStringLiteral("alternatives"), alts);
        };
        dropWall(one);
        dropWall(two);
        QCOMPARE(one, two);
    }

    void costFollowsThePrices()
    {
        // 3 replicas of 2 cores and 3072 MB, a database and a cache, at the default prices;
        // then the scenario's own prices
        Scenario s = mm1(1.0, 100);
        Component &server = s.components[0];
        server.service.replicas = 3;
        server.service.cpuCores = 2;
        server.service.memoryMb = 3072;
        Component db;
        db.id = QStringLiteral("db");
        db.kind = ComponentKind::Database;
        s.components.append(db);
        Sim::RunResult run;
        Sim::ComponentResult a;
        a.id = "server";
        a.kind = Sim::ComponentKind::Service;
        a.replicasMean = 3;
        Sim::ComponentResult b;
        b.id = "db";
        b.kind = Sim::ComponentKind::Database;
        run.components = {a, b};
        Sim::RequestResult all;
        all.throughputPerS = 100;
        run.requests = {all};
        const CostFigures byDefault = costOf(s, run);
        const double expected = 3 * (2 * 0.031611 + 3 * 0.004237) + 0.159;
        QVERIFY(std::abs(byDefault.perHour - expected) < 1e-12);
        QVERIFY(std::abs(byDefault.perMillionRequests - expected / (100 * 3600.0) * 1e6) < 1e-12);
        QCOMPARE(byDefault.components.size(), 2);

        CostPrices prices;
        prices.vcpuHour = 0.1;
        prices.gbHour = 0;
        prices.databaseNodeHour = 1;
        s.cost = prices;
        QVERIFY(std::abs(costOf(s, run).perHour - (3 * 2 * 0.1 + 1)) < 1e-12);
        // without memory_mb a replica is priced with 4 GB per core
        s.cost.reset();
        s.components[0].service.memoryMb.reset();
        QVERIFY(std::abs(costOf(s, run).perHour - (3 * (2 * 0.031611 + 8 * 0.004237) + 0.159))
                < 1e-12);
    }

    void costBlockIsReadWrittenAndChecked()
    {
        Scenario s = mm1(1.0, 100);
        CostPrices prices;
        prices.vcpuHour = 0.05;
        prices.externalPerMillionCalls = 2.5;
        s.cost = prices;
        const QByteArray text = serializeScenario(s);
        QVERIFY(text.contains("\"cost\""));
        QVERIFY(text.contains("\"vcpu_hour\": 0.05"));
        const ScenarioLoad back = parseScenario(text);
        QVERIFY2(back.ok(), qPrintable(TestSupport::problemsText(back.problems)));
        QCOMPARE(back.scenario->cost, s.cost);

        prices.gbHour = -1;
        s.cost = prices;
        const Problems problems = validateScenario(s);
        bool found = false;
        for (const Problem &p : problems)
            found = found || (p.path == QLatin1String("$.cost.gb_hour") && p.isError());
        QVERIFY2(found, qPrintable(TestSupport::problemsText(problems)));
    }

    void projectPricesFillWhatAScenarioLeavesOut()
    {
        CostPrices own;
        own.vcpuHour = 0.05;
        CostPrices project;
        project.vcpuHour = 0.01;
        project.gbHour = 0.002;
        project.externalPerMillionCalls = 3;
        QVERIFY(!mergedPrices(std::nullopt, std::nullopt));
        QCOMPARE(mergedPrices(own, std::nullopt), std::optional<CostPrices>(own));
        QCOMPARE(mergedPrices(std::nullopt, project), std::optional<CostPrices>(project));
        const std::optional<CostPrices> merged = mergedPrices(own, project);
        QVERIFY(merged);
        QCOMPARE(merged->vcpuHour, std::optional<double>(0.05)); // the scenario's own wins
        QCOMPARE(merged->gbHour, std::optional<double>(0.002));  // the project's fills in
        QCOMPARE(merged->externalPerMillionCalls, std::optional<double>(3));
        QVERIFY(!merged->databaseNodeHour); // the default, from neither
        // every price of the table takes part
        CostPrices all;
        for (const Format::Field<CostPrices> &f : Format::costFields()) {
            const auto *m = std::get_if<std::optional<double> CostPrices::*>(&f.member);
            QVERIFY2(m, f.key);
            all.**m = 7;
        }
        const CostPrices filled = *mergedPrices(CostPrices{}, all);
        for (const Format::Field<CostPrices> &f : Format::costFields())
            QCOMPARE(filled.**std::get_if<std::optional<double> CostPrices::*>(&f.member),
                     std::optional<double>(7));

        // the cost of a run follows: twice the vCPU price, twice the service's cost
        Scenario s = mm1(1.0, 100);
        const CompiledScenario compiled = compileScenario(s);
        const Sim::RunResult run = Sim::runSimulation(compiled.spec);
        CostPrices cheap;
        cheap.vcpuHour = 0.1;
        cheap.gbHour = 0;
        const double a = costOf(withProjectPrices(s, cheap), run).perHour;
        cheap.vcpuHour = 0.2;
        const double b = costOf(withProjectPrices(s, cheap), run).perHour;
        QVERIFY(a > 0);
        QCOMPARE(b, 2 * a);
    }

    void pricesAloneAreReadWrittenAndChecked()
    {
        CostPrices prices;
        prices.vcpuHour = 0.05;
        prices.queueNodeHour = 1.25;
        const QByteArray text = serializeCostPrices(prices);
        Problems problems;
        QCOMPARE(parseCostPrices(text, &problems), std::optional<CostPrices>(prices));
        QVERIFY(problems.isEmpty());
        QVERIFY(!parseCostPrices("{\n  \"gb_hour\": -1\n}", &problems));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().path, QStringLiteral("$.gb_hour"));
        QCOMPARE(problems.first().line, 2);
        QVERIFY(!parseCostPrices("{\"vcpu_hour\": \"cheap\"}", &problems));
        QCOMPARE(problems.first().path, QStringLiteral("$.vcpu_hour"));
        QVERIFY(!parseCostPrices("[]", &problems));
    }

    void jsonAndCsvHoldTheContract()
    {
        CompareOptions o;
        o.replications = 2;
        o.durationS = 10;
        o.warmupS = 1;
        const Comparison c = compareOrFail({{QStringLiteral("base"), mm1(1.0, 300)},
                                            {QStringLiteral("faster"), mm1(0.5, 300)}},
                                           o);
        const QJsonObject json = comparisonToJson(c);
        QCOMPARE(json.value(QStringLiteral("baseline")).toString(), QStringLiteral("base"));
        QCOMPARE(json.value(QStringLiteral("replications")).toInt(), 2);
        const QJsonArray alts = json.value(QStringLiteral("alternatives")).toArray();
        QCOMPARE(alts.size(), 2);
        QCOMPARE(alts[1].toObject().value(QStringLiteral("scenario")).toString(),
                 QStringLiteral("faster"));
        QVERIFY(alts[1]
                    .toObject()
                    .value(QStringLiteral("results"))
                    .toObject()
                    .contains(QStringLiteral("requests")));
        const QJsonObject delta = json.value(QStringLiteral("deltas")).toArray()[0].toObject();
        QCOMPARE(delta.value(QStringLiteral("scenario")).toString(), QStringLiteral("faster"));
        for (const char *key : {"latency_mean_ms",
                                "latency_p99_ms",
                                "throughput_per_s",
                                "error_rate",
                                "cost_per_hour"}) {
            const QJsonObject f = delta.value(QLatin1String(key)).toObject();
            QVERIFY2(f.contains(QStringLiteral("delta")) && f.contains(QStringLiteral("ci95"))
                         && f.value(QStringLiteral("significant")).isBool(),
                     key);
        }
        QVERIFY(delta.value(QStringLiteral("latency_mean_ms"))
                    .toObject()
                    .value(QStringLiteral("delta"))
                    .toDouble()
                < 0);

        QTemporaryDir dir;
        QString error;
        QVERIFY2(writeComparisonCsv(c, dir.path(), &error), qPrintable(error));
        QFile table(QDir(dir.path()).filePath(QStringLiteral("compare.csv")));
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = table.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("scenario,latency_mean_ms,latency_mean_ms_ci95,"));
        QVERIFY(lines[2].startsWith("faster,"));
        QFile deltas(QDir(dir.path()).filePath(QStringLiteral("deltas.csv")));
        QVERIFY(deltas.open(QIODevice::ReadOnly));
        QCOMPARE(deltas.readAll().trimmed().split('\n').size(),
                 1 + static_cast<int>(compareFigures().size()));
    }

    void jsonReadsBackAsTheComparison()
    {
        CompareOptions o;
        o.replications = 2;
        o.durationS = 10;
        o.warmupS = 1;
        const Comparison c = compareOrFail({{QStringLiteral("base"), mm1(1.0, 300)},
                                            {QStringLiteral("faster"), mm1(0.5, 300)},
                                            {QStringLiteral("slower"), mm1(1.5, 300)}},
                                           o);
        // as a project stores it: the JSON as text
        const QJsonObject json
            = QJsonDocument::fromJson(QJsonDocument(comparisonToJson(c)).toJson()).object();
        QString error;
        const std::optional<Comparison> back = comparisonFromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(comparisonToJson(*back), json);
        QCOMPARE(back->baseline, QStringLiteral("base"));
        QCOMPARE(back->replications, 2);
        QCOMPARE(back->seed, c.seed);
        QVERIFY(back->crn);
        QCOMPARE(back->alternatives.size(), std::size_t(3));
        QCOMPARE(back->deltas.size(), std::size_t(2));
        for (std::size_t a = 0; a < 3; ++a) {
            QCOMPARE(back->alternatives[a].name, c.alternatives[a].name);
            QCOMPARE(back->alternatives[a].bottleneck, c.alternatives[a].bottleneck);
            QCOMPARE(back->alternatives[a].replicas, c.alternatives[a].replicas);
            for (std::size_t k = 0; k < compareFigures().size(); ++k) {
                QCOMPARE(back->alternatives[a].figures[k].mean, c.alternatives[a].figures[k].mean);
                QCOMPARE(back->alternatives[a].figures[k].ci95, c.alternatives[a].figures[k].ci95);
            }
            // the charts' data: the latency histogram and the series
            const auto &bins = back->alternatives[a].result.requests.front().latencyHistogram;
            const auto &was = c.alternatives[a].result.requests.front().latencyHistogram;
            QVERIFY(!bins.empty());
            QCOMPARE(bins.size(), was.size());
            for (std::size_t b = 0; b < bins.size(); ++b) {
                QCOMPARE(bins[b].hiMs, was[b].hiMs);
                QCOMPARE(bins[b].count, was[b].count);
            }
            QCOMPARE(back->alternatives[a].result.series.tS, c.alternatives[a].result.series.tS);
        }
        for (std::size_t d = 0; d < 2; ++d) {
            for (std::size_t k = 0; k < compareFigures().size(); ++k) {
                QCOMPARE(back->deltas[d].figures[k].delta, c.deltas[d].figures[k].delta);
                QCOMPARE(back->deltas[d].figures[k].significant,
                         c.deltas[d].figures[k].significant);
            }
        }
    }

    void badComparisonJsonSaysWhere()
    {
        CompareOptions o;
        o.replications = 2;
        o.durationS = 10;
        o.warmupS = 1;
        const QJsonObject good = comparisonToJson(
            compareOrFail({{QStringLiteral("a"), mm1(1.0, 200)},
                           {QStringLiteral("b"), mm1(0.5, 200)}},
                          o));
        auto errorOf = [](const QJsonObject &json) {
            QString error;
            const std::optional<Comparison> c = comparisonFromJson(json, &error);
            return c ? QStringLiteral("(read)") : error;
        };
        QCOMPARE(errorOf(good), QStringLiteral("(read)"));
        QJsonObject j = good;
        j.insert(QStringLiteral("format"), QStringLiteral("archsim-results"));
        QVERIFY2(errorOf(j).startsWith(QStringLiteral("$.format: ")), qPrintable(errorOf(j)));
        j = good;
        j.insert(QStringLiteral("version"), 2);
        QVERIFY2(errorOf(j).contains(QStringLiteral("newer ArchSim")), qPrintable(errorOf(j)));
        j = good;
        j.insert(QStringLiteral("deltas"), QJsonArray());
        QVERIFY2(errorOf(j).startsWith(QStringLiteral("$.deltas: ")), qPrintable(errorOf(j)));
        j = good;
        j.insert(QStringLiteral("alternatives"), QJsonArray());
        QVERIFY2(errorOf(j).startsWith(QStringLiteral("$.alternatives: ")), qPrintable(errorOf(j)));
        j = good;
        QJsonArray alts = j.value(QStringLiteral("alternatives")).toArray();
        QJsonObject alt = alts[1].toObject();
        QJsonObject summary = alt.value(QStringLiteral("summary")).toObject();
        summary.insert(QStringLiteral("latency_p99_ms"),
                       QJsonObject{{QStringLiteral("mean"), QStringLiteral("fast")},
                                   {QStringLiteral("ci95"), 1}});
        alt.insert(QStringLiteral("summary"), summary);
        alts[1] = alt;
        j.insert(QStringLiteral("alternatives"), alts);
        QCOMPARE(errorOf(j),
                 QStringLiteral("$.alternatives[1].summary.latency_p99_ms.mean: must be a "
                                "number or null"));
        j = good;
        alts = j.value(QStringLiteral("alternatives")).toArray();
        alt = alts[0].toObject();
        alt.insert(QStringLiteral("results"), QJsonObject{{QStringLiteral("format"), 3}});
        alts[0] = alt;
        j.insert(QStringLiteral("alternatives"), alts);
        QVERIFY2(errorOf(j).startsWith(QStringLiteral("$.alternatives[0].results: ")),
                 qPrintable(errorOf(j)));
    }

    void badScenarioIsReported()
    {
        Scenario broken = mm1(1.0, 100);
        broken.workload.entry = QStringLiteral("nowhere");
        Problems problems;
        const std::optional<Comparison> c = runComparison({{QStringLiteral("ok"), mm1(1.0, 100)},
                                                           {QStringLiteral("broken"), broken}},
                                                          CompareOptions{},
                                                          &problems);
        QVERIFY(!c);
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.first().message.startsWith(QStringLiteral("broken: ")),
                 qPrintable(problems.first().message));
    }
};

QTEST_GUILESS_MAIN(tst_Compare)
#include "tst_compare.moc"
