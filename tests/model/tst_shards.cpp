// SPDX-License-Identifier: GPL-3.0-or-later
// Sharded runs and comparisons (model/analysis/Shards): a replication survives its part's JSON
// bit for bit, merged parts equal the unsharded run and comparison number for number (but
// for the wall-clock fields), and parts that do not belong together are refused by file.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "analysis/Compare.h"
#include "analysis/Cost.h"
#include "analysis/Shards.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace Model;

namespace {

using Parts = QList<QPair<QString, QJsonObject>>;

/** A JSON object as it comes back from a file. */
QJsonObject throughText(const QJsonObject &json)
{
    return QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Indented)).object();
}

/** The results JSON without its wall-clock fields (docs/architecture.md, Golden results). */
QJsonObject withoutWall(QJsonObject results)
{
    QJsonObject engine = results.value(QStringLiteral("engine")).toObject();
    engine.remove(QStringLiteral("wall_s"));
    engine.remove(QStringLiteral("events_per_s"));
    engine.remove(QStringLiteral("replication_wall_s"));
    results.insert(QStringLiteral("engine"), engine);
    return results;
}

QJsonObject comparisonWithoutWall(QJsonObject json)
{
    json.remove(QStringLiteral("wall_s"));
    QJsonArray alternatives;
    for (const QJsonValue &a : json.value(QStringLiteral("alternatives")).toArray()) {
        QJsonObject o = a.toObject();
        o.insert(QStringLiteral("results"),
                 withoutWall(o.value(QStringLiteral("results")).toObject()));
        alternatives.append(o);
    }
    json.insert(QStringLiteral("alternatives"), alternatives);
    return json;
}

/** The first line where two JSON texts differ, for a failure message. */
QByteArray firstDifference(const QJsonObject &a, const QJsonObject &b)
{
    const QList<QByteArray> la = QJsonDocument(a).toJson().split('\n');
    const QList<QByteArray> lb = QJsonDocument(b).toJson().split('\n');
    for (qsizetype i = 0; i < std::min(la.size(), lb.size()); ++i) {
        if (la[i] != lb[i])
            return "line " + QByteArray::number(i + 1) + ": " + la[i] + " | " + lb[i];
    }
    return "lengths differ";
}

/** An example shortened, with `replications`. */
Scenario example(const QString &file, double durationS, int replications)
{
    Scenario s = TestSupport::loadExample(file);
    s.simulation.durationS = durationS;
    s.simulation.warmupS = std::min(s.simulation.warmupS, durationS / 4);
    s.simulation.replications = replications;
    return s;
}

Sim::Spec compiled(const Scenario &s)
{
    const CompiledScenario c = compileScenario(s);
    if (!c.ok())
        qFatal("does not compile: %s", qPrintable(TestSupport::problemsText(c.problems)));
    return c.spec;
}

/** The N run parts of `scenario`, as files hand them back, named part1.json ... */
Parts runParts(const Scenario &scenario, int count)
{
    const Sim::Spec spec = compiled(scenario);
    Parts parts;
    for (int i = 0; i < count; ++i) {
        Sim::RunOptions options;
        options.threads = 2;
        const RunPart part = runRunPart(scenario, spec, {i, count}, options);
        parts.append({QStringLiteral("part%1.json").arg(i + 1), throughText(runPartToJson(part))});
    }
    return parts;
}

std::vector<CompareAlternative> twoShops()
{
    return {{QStringLiteral("monolith"), example(QStringLiteral("shop-monolith.json"), 20, 1)},
            {QStringLiteral("microservices"),
             example(QStringLiteral("shop-microservices.json"), 20, 1)}};
}

CompareOptions compareOptions()
{
    CompareOptions options;
    options.replications = 4;
    options.threads = 2;
    options.durationS = 20;
    options.warmupS = 2;
    return options;
}

Parts comparisonParts(int count)
{
    Parts parts;
    for (int i = 0; i < count; ++i) {
        Problems problems;
        const std::optional<ComparisonPart> part
            = runComparisonPart(twoShops(), compareOptions(), {i, count}, &problems);
        if (!part)
            qFatal("comparison part failed: %s", qPrintable(TestSupport::problemsText(problems)));
        parts.append(
            {QStringLiteral("c%1.json").arg(i + 1), throughText(comparisonPartToJson(*part))});
    }
    return parts;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class tst_Shards : public QObject
{
    Q_OBJECT

private slots:
    void shardsTakeInterleavedReplications()
    {
        QCOMPARE(shardReplications(5, {0, 2}), (std::vector<int>{0, 2, 4}));
        QCOMPARE(shardReplications(5, {1, 2}), (std::vector<int>{1, 3}));
        QCOMPARE(shardReplications(2, {2, 4}), std::vector<int>{});
        QCOMPARE(shardReplications(7, {0, 1}).size(), std::size_t(7));
    }

    void replicationSurvivesItsJsonBitForBit()
    {
        // queues, caches, databases and an event timeline: every structure of a replication
        const Scenario shop = example(QStringLiteral("shop-microservices.json"), 20, 1);
        Sim::ReplicationResult r = Sim::runReplication(compiled(shop), 0);
        QVERIFY(!r.series.columns.empty());
        QVERIFY(!r.requests.front().latencyHistogram.empty());
        // what JSON numbers cannot say
        r.requests.front().latencyMs.p999 = std::numeric_limits<double>::quiet_NaN();
        r.components.front().utilization = std::numeric_limits<double>::infinity();
        r.components.front().meanWaiting = -std::numeric_limits<double>::infinity();
        r.components.back().meanInSystem = -0.0;
        r.requests.front().ciMean = std::make_pair(1.0 / 3, 2.0 / 3);
        r.timeline.push_back({1.0 / 7, "catalog", "crash", "replica 1"});
        r.timelineDropped = 3;

        const QJsonObject json = throughText(replicationToJson(r));
        QString error;
        const std::optional<Sim::ReplicationResult> back = replicationFromJson(json,
                                                                               QStringLiteral("$"),
                                                                               &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(replicationToJson(*back), replicationToJson(r));
        QVERIFY(std::isnan(back->requests.front().latencyMs.p999));
        QVERIFY(std::isinf(back->components.front().utilization));
        QVERIFY(back->components.front().meanWaiting < 0);
        QVERIFY(sameBits(back->components.back().meanInSystem, -0.0));
        QVERIFY(sameBits(back->requests.front().ciMean->first, 1.0 / 3));
        QCOMPARE(back->timeline.back().tS, 1.0 / 7);
        QCOMPARE(back->timelineDropped, std::uint64_t(3));
        // the engine's order, not the JSON's key order
        for (std::size_t i = 0; i < r.components.size(); ++i)
            QCOMPARE(back->components[i].id, r.components[i].id);
        for (std::size_t k = 0; k < r.series.columns.size(); ++k) {
            QCOMPARE(back->series.columns[k].key, r.series.columns[k].key);
            for (std::size_t b = 0; b < r.series.columns[k].values.size(); ++b)
                QVERIFY(sameBits(back->series.columns[k].values[b], r.series.columns[k].values[b]));
        }

        QJsonObject bad = json;
        bad.insert(QStringLiteral("requests"), QStringLiteral("many"));
        QVERIFY(!replicationFromJson(bad, QStringLiteral("$.replications[0]"), &error));
        QCOMPARE(error, QStringLiteral("$.replications[0].requests: must be an array"));
    }

    void mergedRunEqualsTheUnshardedRun_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("parts");
        QTest::newRow("shop, 2 parts") << QStringLiteral("shop-microservices.json") << 2;
        QTest::newRow("autoscaling, 3 parts") << QStringLiteral("autoscaling-spike.json") << 3;
        QTest::newRow("mm1, 5 parts") << QStringLiteral("mm1.json") << 5;
    }

    void mergedRunEqualsTheUnshardedRun()
    {
        QFETCH(QString, file);
        QFETCH(int, parts);
        const Scenario scenario = example(file, 60, 5);
        Sim::RunOptions options;
        options.threads = 2;
        const Sim::RunResult whole = Sim::runSimulation(compiled(scenario), options);

        Parts given = runParts(scenario, parts);
        std::reverse(given.begin(), given.end()); // any order
        QString error;
        const std::optional<MergedRun> merged = mergeRunParts(given, &error);
        QVERIFY2(merged, qPrintable(error));
        const QJsonObject expected = withoutWall(scenarioResultsJson(scenario, whole));
        const QJsonObject actual = withoutWall(
            scenarioResultsJson(merged->scenario, merged->result));
        QVERIFY2(actual == expected, firstDifference(actual, expected).constData());
        QCOMPARE(merged->result.perReplication.size(), std::size_t(5));
        QVERIFY(merged->result.wallS > 0);
        // the events of replication 0 came through (the autoscaler's, here)
        QCOMPARE(merged->result.timeline.size(), whole.timeline.size());
    }

    void mergedComparisonEqualsTheUnshardedComparison()
    {
        Problems problems;
        const std::optional<Comparison> whole = runComparison(twoShops(),
                                                              compareOptions(),
                                                              &problems);
        QVERIFY2(whole, qPrintable(TestSupport::problemsText(problems)));
        const Parts parts = comparisonParts(3);
        QString error;
        const std::optional<Comparison> merged
            = mergeComparisonParts({parts[2], parts[0], parts[1]}, &error);
        QVERIFY2(merged, qPrintable(error));
        const QJsonObject expected = comparisonWithoutWall(comparisonToJson(*whole));
        const QJsonObject actual = comparisonWithoutWall(comparisonToJson(*merged));
        QVERIFY2(actual == expected, firstDifference(actual, expected).constData());
        QCOMPARE(merged->baseline, QStringLiteral("monolith"));

        // without common random numbers too: each alternative keeps its own seed
        CompareOptions independent = compareOptions();
        independent.crn = false;
        independent.replications = 2;
        const std::optional<Comparison> wholeIndependent = runComparison(twoShops(),
                                                                         independent,
                                                                         &problems);
        QVERIFY(wholeIndependent);
        Parts halves;
        for (int i = 0; i < 2; ++i)
            halves.append({QStringLiteral("n%1.json").arg(i + 1),
                           throughText(comparisonPartToJson(
                               *runComparisonPart(twoShops(), independent, {i, 2}, &problems)))});
        const std::optional<Comparison> mergedIndependent = mergeComparisonParts(halves, &error);
        QVERIFY2(mergedIndependent, qPrintable(error));
        QCOMPARE(comparisonWithoutWall(comparisonToJson(*mergedIndependent)),
                 comparisonWithoutWall(comparisonToJson(*wholeIndependent)));
    }

    void partsThatDoNotBelongTogetherAreRefused()
    {
        const Scenario scenario = example(QStringLiteral("mm1.json"), 10, 4);
        const Parts parts = runParts(scenario, 2);
        QString error;

        // a part missing, or given twice
        QVERIFY(!mergeRunParts({parts[0]}, &error));
        QCOMPARE(error, QStringLiteral("shard(s) 2/2 missing"));
        QVERIFY(
            !mergeRunParts({parts[0], parts[1], {QStringLiteral("again.json"), parts[0].second}},
                           &error));
        QCOMPARE(error, QStringLiteral("shard 1/2 is given twice (part1.json and again.json)"));

        // another seed, another scenario
        Scenario reseeded = scenario;
        reseeded.simulation.seed = 99;
        const Parts other = runParts(reseeded, 2);
        QVERIFY(
            !mergeRunParts({parts[0], {QStringLiteral("other.json"), other[1].second}}, &error));
        QVERIFY2(error.startsWith(
                     QStringLiteral("other.json ran seed 99 but part1.json ran seed ")),
                 qPrintable(error));
        Scenario slower = scenario;
        slower.workload.arrivals.ratePerS = 100;
        const Parts slow = runParts(slower, 2);
        QVERIFY(!mergeRunParts({parts[0], {QStringLiteral("slow.json"), slow[1].second}}, &error));
        QCOMPARE(error,
                 QStringLiteral("slow.json is a part of another run than part1.json: their "
                                "scenarios differ"));

        // a split into 3 next to one into 2
        const Parts thirds = runParts(example(QStringLiteral("mm1.json"), 10, 6), 3);
        QVERIFY(!mergeRunParts({parts[0], thirds[1]}, &error));
        QVERIFY2(error.startsWith(
                     QStringLiteral("part2.json is part 2/3 but part1.json is part 1/2")),
                 qPrintable(error));

        // a replication missing from a part, or one of another part
        QJsonObject shortened = parts[1].second;
        QJsonArray reps = shortened.value(QStringLiteral("replications")).toArray();
        reps.removeLast();
        shortened.insert(QStringLiteral("replications"), reps);
        QVERIFY(!mergeRunParts({parts[0], {QStringLiteral("short.json"), shortened}}, &error));
        QCOMPARE(error,
                 QStringLiteral("short.json: $.replications holds 1 replication(s); part 2/2 of 4 "
                                "has 2"));
        QJsonObject swapped = parts[1].second;
        swapped.insert(QStringLiteral("replications"),
                       parts[0].second.value(QStringLiteral("replications")));
        QVERIFY(!mergeRunParts({parts[0], {QStringLiteral("swapped.json"), swapped}}, &error));
        QCOMPARE(error,
                 QStringLiteral("swapped.json: $.replications[0] is replication 0; part 2/2 has 1 "
                                "there"));

        // a replication of another scenario's shape
        QJsonObject alien = parts[1].second;
        QJsonArray alienReps = alien.value(QStringLiteral("replications")).toArray();
        QJsonObject first = alienReps.at(0).toObject();
        first.insert(QStringLiteral("components"), QJsonArray());
        alienReps.replace(0, first);
        alien.insert(QStringLiteral("replications"), alienReps);
        QVERIFY(!mergeRunParts({parts[0], {QStringLiteral("alien.json"), alien}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("alien.json: $.replications[0] (replication 1) "
                                                 "does not fit the scenario: it has 0 "
                                                 "component(s)")),
                 qPrintable(error));

        // a newer part version
        QJsonObject newer = parts[1].second;
        newer.insert(QStringLiteral("version"), 2);
        QVERIFY(!mergeRunParts({parts[0], {QStringLiteral("newer.json"), newer}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("newer.json was written by a newer ArchSim")),
                 qPrintable(error));
    }

    void comparisonPartsThatDoNotBelongTogetherAreRefused()
    {
        const Parts parts = comparisonParts(2);
        QString error;
        QVERIFY(!mergeComparisonParts({parts[1]}, &error));
        QCOMPARE(error, QStringLiteral("shard(s) 1/2 missing"));

        QJsonObject reseeded = parts[1].second;
        reseeded.insert(QStringLiteral("seed"), QStringLiteral("12"));
        QVERIFY(
            !mergeComparisonParts({parts[0], {QStringLiteral("seed12.json"), reseeded}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("seed12.json ran seed 12 but c1.json ran seed ")),
                 qPrintable(error));

        QJsonObject renamed = parts[1].second;
        QJsonArray alternatives = renamed.value(QStringLiteral("alternatives")).toArray();
        QJsonObject a = alternatives.at(1).toObject();
        a.insert(QStringLiteral("name"), QStringLiteral("services"));
        alternatives.replace(1, a);
        renamed.insert(QStringLiteral("alternatives"), alternatives);
        QVERIFY(
            !mergeComparisonParts({parts[0], {QStringLiteral("renamed.json"), renamed}}, &error));
        QCOMPARE(error,
                 QStringLiteral("renamed.json is a part of another comparison than c1.json: their "
                                "scenarios or settings differ"));
    }

    void theKindOfPartsComesFromTheirFormat()
    {
        const Parts run = runParts(example(QStringLiteral("mm1.json"), 10, 2), 2);
        const Parts compare = comparisonParts(2);
        QString error;
        QCOMPARE(partKindOf(run, &error), PartKind::Run);
        QCOMPARE(partKindOf(compare, &error), PartKind::Comparison);
        QCOMPARE(partKindOf({{QStringLiteral("s.json"),
                              QJsonObject{
                                  {QStringLiteral("format"), QStringLiteral("archsim-sweep")}}}},
                            &error),
                 PartKind::Sweep);
        QVERIFY(!partKindOf({run[0], compare[1]}, &error));
        QCOMPARE(error,
                 QStringLiteral("c2.json is a part of a comparison but part1.json is a part of a "
                                "run: merge the parts of one job at a time"));
        QVERIFY(!partKindOf({{QStringLiteral("results.json"),
                              QJsonObject{
                                  {QStringLiteral("format"), QStringLiteral("archsim-results")}}}},
                            &error));
        QVERIFY2(error.startsWith(QStringLiteral("results.json is the JSON of a whole run, not a "
                                                 "part")),
                 qPrintable(error));
        QVERIFY(!partKindOf({{QStringLiteral("x.json"), QJsonObject{}}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("x.json is not a part of a sharded sweep, run or "
                                                 "comparison (it has no \"format\")")),
                 qPrintable(error));
        // a run part handed to the comparison's merge says so
        QVERIFY(!mergeComparisonParts(run, &error));
        QVERIFY2(error.startsWith(QStringLiteral("part1.json is not a part of the same kind")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_Shards)
#include "tst_shards.moc"
