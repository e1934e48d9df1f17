// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps (model/analysis/Sweep): PATH=VALUES parsing, setting paths in a scenario's JSON,
// the grid's enumeration, a point equal to a run of the same scenario set by hand, errors
// that say where, and a cancelled sweep keeping the points it finished.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Sweep.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Model;

namespace {

Scenario mm1()
{
    const ScenarioLoad load = loadScenarioFile(
        TestSupport::examplePath(QStringLiteral("mm1.json")));
    Scenario s = *load.scenario;
    s.simulation.durationS = 20;
    s.simulation.warmupS = 2;
    s.simulation.replications = 2;
    return s;
}

SweepParameter set(const QString &text)
{
    QString error;
    const std::optional<SweepParameter> p = parseSweepSet(text, &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

/** Stops the run once the mean progress over all tasks reaches `at`. */
class CancelAt final : public Sim::SimulationObserver
{
public:
    CancelAt(std::atomic<bool> *flag, double at)
        : m_flag(flag)
        , m_at(at)
    {}
    void onProgress(double fraction) override
    {
        if (fraction >= m_at)
            m_flag->store(true);
    }

private:
    std::atomic<bool> *m_flag;
    double m_at;
};

} // namespace

class tst_Sweep : public QObject
{
    Q_OBJECT

private slots:
    void parsesListsAndRanges()
    {
        const SweepParameter list = set(QStringLiteral("components[api].replicas=1,2,4"));
        QCOMPARE(list.path, QStringLiteral("components[api].replicas"));
        QCOMPARE(list.values, (QList<QJsonValue>{1.0, 2.0, 4.0}));
        const SweepParameter range = set(
            QStringLiteral("workload.arrivals.rate_per_s=100..500:100"));
        QCOMPARE(range.values, (QList<QJsonValue>{100.0, 200.0, 300.0, 400.0, 500.0}));
        // the last step at or below the end; decimal steps stay decimal
        QCOMPARE(set(QStringLiteral("x=0..0.35:0.1")).values,
                 (QList<QJsonValue>{0.0, 0.1, 0.2, 0.3}));
        QCOMPARE(set(QStringLiteral("x=1..3")).values, (QList<QJsonValue>{1.0, 2.0, 3.0}));
        // words and booleans
        QCOMPARE(set(QStringLiteral("components[lb].policy=round_robin, least_outstanding")).values,
                 (QList<QJsonValue>{QStringLiteral("round_robin"),
                                    QStringLiteral("least_outstanding")}));
        QCOMPARE(set(QStringLiteral("a.b=true,false")).values, (QList<QJsonValue>{true, false}));
    }

    void refusesBadSets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("no =") << "components[api].replicas"
                              << "expected PATH=VALUES";
        QTest::newRow("no values") << "a.b="
                                   << "no values";
        QTest::newRow("empty item") << "a.b=1,,2"
                                    << "an empty value";
        QTest::newRow("bad path") << "a..b=1"
                                  << "is not a path";
        QTest::newRow("open bracket") << "components[api.replicas=1"
                                      << "is not a path";
        QTest::newRow("backwards") << "a=5..1:1"
                                   << "ends (1) before it starts (5)";
        QTest::newRow("zero step") << "a=1..5:0"
                                   << "greater than 0";
        QTest::newRow("words in range") << "a=x..y:1"
                                        << "FROM..TO:STEP";
        QTest::newRow("too many") << "a=1..20000:1"
                                  << "at most 10000";
    }
    void refusesBadSets()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parseSweepSet(text, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("--set ") + text), qPrintable(error));
    }

    void setsPathsByIdIndexAndKey()
    {
        QJsonObject json = QJsonDocument::fromJson(serializeScenario(mm1())).object();
        QString error;
        QVERIFY2(setScenarioPath(json, QStringLiteral("components[server].replicas"), 3, &error),
                 qPrintable(error));
        QVERIFY(setScenarioPath(json, QStringLiteral("components[0].cpu_cores"), 2, &error));
        QVERIFY(setScenarioPath(json, QStringLiteral("workload.requests[job].weight"), 5, &error));
        // a key the object does not have yet is added
        QVERIFY(setScenarioPath(json, QStringLiteral("simulation.bucket_s"), 5, &error));
        const QJsonObject server = json.value(QStringLiteral("components")).toArray()[0].toObject();
        QCOMPARE(server.value(QStringLiteral("replicas")).toInt(), 3);
        QCOMPARE(server.value(QStringLiteral("cpu_cores")).toInt(), 2);
        const ScenarioLoad back = parseScenario(QJsonDocument(json).toJson());
        QVERIFY2(back.ok(), qPrintable(TestSupport::problemsText(back.problems)));
        QCOMPARE(*back.scenario->components[0].service.replicas, 3);
        QCOMPARE(back.scenario->simulation.bucketS, 5.0);

        QVERIFY(!setScenarioPath(json, QStringLiteral("components[srv].replicas"), 1, &error));
        QCOMPARE(error,
                 QStringLiteral(
                     "components[srv]: no element with id or name 'srv'; there are server"));
        QVERIFY(!setScenarioPath(json, QStringLiteral("components[7].replicas"), 1, &error));
        QVERIFY2(error.startsWith(QStringLiteral("components[7]: no element 7")),
                 qPrintable(error));
        QVERIFY(!setScenarioPath(json, QStringLiteral("name[0]"), 1, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a list")), qPrintable(error));
        QVERIFY(!setScenarioPath(json, QStringLiteral("nothing[0].x"), 1, &error));
        QVERIFY2(error.contains(QStringLiteral("no such list")), qPrintable(error));
    }

    void gridEnumeratesEveryPointInOrder()
    {
        SweepOptions o;
        o.replications = 1;
        Problems problems;
        const std::optional<Sweep> sweep
            = runSweep(mm1(),
                       {set(QStringLiteral("workload.arrivals.rate_per_s=100,200,300")),
                        set(QStringLiteral("components[server].replicas=1,2"))},
                       o,
                       &problems);
        QVERIFY2(sweep, qPrintable(TestSupport::problemsText(problems)));
        QCOMPARE(sweep->gridSize, 6);
        QCOMPARE(sweep->points.size(), std::size_t(6));
        QVERIFY(!sweep->cancelled);
        const double rates[] = {100, 100, 200, 200, 300, 300};
        const double replicas[] = {1, 2, 1, 2, 1, 2};
        for (std::size_t k = 0; k < 6; ++k) {
            const SweepPoint &p = sweep->points[k];
            QCOMPARE(p.set.size(), 2);
            QCOMPARE(p.set[0].second.toDouble(), rates[k]);
            QCOMPARE(p.set[1].second.toDouble(), replicas[k]);
            // the point ran what it says: its replicas, and about its arrival rate
            QCOMPARE(p.result.component("server")->replicasMean, replicas[k]);
            QVERIFY(std::abs(p.result.requests[0].throughputPerS - rates[k]) < 0.15 * rates[k]);
            QCOMPARE(p.result.replications, 1);
        }
        const QJsonObject json = sweepToJson(*sweep);
        const QJsonArray points = json.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 6);
        QCOMPARE(points[3]
                     .toObject()
                     .value(QStringLiteral("set"))
                     .toObject()
                     .value(QStringLiteral("components[server].replicas"))
                     .toDouble(),
                 2.0);
        QVERIFY(points[3]
                    .toObject()
                    .value(QStringLiteral("results"))
                    .toObject()
                    .contains(QStringLiteral("requests")));
    }

    void pointsCarryTheirFigures()
    {
        SweepOptions o;
        o.replications = 3;
        Problems problems;
        const std::optional<Sweep> sweep
            = runSweep(mm1(),
                       {set(QStringLiteral("components[server].replicas=1,2"))},
                       o,
                       &problems);
        QVERIFY2(sweep, qPrintable(TestSupport::problemsText(problems)));
        const std::vector<CompareFigure> &figures = compareFigures();
        auto index = [&](const char *key) {
            for (std::size_t k = 0; k < figures.size(); ++k) {
                if (qstrcmp(figures[k].key, key) == 0)
                    return k;
            }
            qFatal("no figure %s", key);
            return std::size_t(0);
        };
        for (const SweepPoint &p : sweep->points) {
            QCOMPARE(p.figures.size(), figures.size());
            // the mean over the replications, with the interval of the replications
            const Estimate &mean = p.figures[index("latency_mean_ms")];
            QVERIFY(qFuzzyCompare(mean.mean, p.result.requests[0].latencyMs.mean));
            QVERIFY(mean.ci95 && *mean.ci95 > 0);
            const Estimate &throughput = p.figures[index("throughput_per_s")];
            QVERIFY(qFuzzyCompare(throughput.mean, p.result.requests[0].throughputPerS));
        }
        // the cost of the point's own scenario: two replicas cost twice one
        const double one = sweep->points[0].figures[index("cost_per_hour")].mean;
        const double two = sweep->points[1].figures[index("cost_per_hour")].mean;
        QVERIFY(one > 0);
        QVERIFY2(qFuzzyCompare(two, 2 * one),
                 qPrintable(QStringLiteral("%1 %2").arg(one).arg(two)));
    }

    void aPointEqualsTheSameScenarioRun()
    {
        Problems problems;
        const std::optional<Sweep> sweep
            = runSweep(mm1(),
                       {set(QStringLiteral("workload.arrivals.rate_per_s=650"))},
                       SweepOptions{},
                       &problems);
        QVERIFY(sweep);
        Scenario byHand = mm1();
        byHand.workload.arrivals.ratePerS = 650;
        const CompiledScenario compiled = compileScenario(byHand);
        QVERIFY(compiled.ok());
        const Sim::RunResult direct = Sim::runSimulation(compiled.spec);
        QJsonObject a = resultsToJson(sweep->points[0].result);
        QJsonObject b = resultsToJson(direct);
        a.remove(QStringLiteral("engine"));
        b.remove(QStringLiteral("engine"));
        QCOMPARE(a, b);
    }

    void aPointOutOfRangeSaysWhich()
    {
        Problems problems;
        QVERIFY(!runSweep(mm1(),
                          {set(QStringLiteral("components[server].replicas=2,0"))},
                          SweepOptions{},
                          &problems));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].message.startsWith(
                     QStringLiteral("at components[server].replicas=0: ")),
                 qPrintable(problems[0].message));
        QCOMPARE(problems[0].path, QStringLiteral("$.components[0].replicas"));
        problems.clear();
        QVERIFY(!runSweep(mm1(),
                          {set(QStringLiteral("components[nope].replicas=1"))},
                          SweepOptions{},
                          &problems));
        QVERIFY2(problems[0].message.contains(QStringLiteral("no element with id or name 'nope'")),
                 qPrintable(problems[0].message));
    }

    void shardsMergeIntoTheWholeSweep()
    {
        const std::vector<SweepParameter> grid
            = {set(QStringLiteral("workload.arrivals.rate_per_s=200..600:200")),
               set(QStringLiteral("components[server].replicas=1,2"))};
        Problems problems;
        const std::optional<Sweep> whole = runSweep(mm1(), grid, SweepOptions{}, &problems);
        QVERIFY(whole);
        QList<QPair<QString, QJsonObject>> parts;
        int points = 0;
        for (int i = 2; i >= 0; --i) { // in any order
            SweepOptions o;
            o.shardIndex = i;
            o.shardCount = 3;
            const std::optional<Sweep> part = runSweep(mm1(), grid, o, &problems);
            QVERIFY(part);
            QCOMPARE(part->gridSize, 6);
            points += int(part->points.size());
            const QJsonObject json = sweepToJson(*part);
            QCOMPARE(json.value(QStringLiteral("shard"))
                         .toObject()
                         .value(QStringLiteral("index"))
                         .toInt(),
                     i + 1);
            parts.append({QStringLiteral("part%1.json").arg(i + 1), json});
        }
        QCOMPARE(points, 6);
        QString error;
        std::optional<QJsonObject> merged = mergeSweeps(parts, &error);
        QVERIFY2(merged, qPrintable(error));
        // the same as one run of the whole grid, number for number, but the wall clock
        auto withoutWall = [](QJsonObject o) {
            o.remove(QStringLiteral("wall_s"));
            QJsonArray points = o.value(QStringLiteral("points")).toArray();
            for (qsizetype k = 0; k < points.size(); ++k) {
                QJsonObject p = points[k].toObject();
                QJsonObject r = p.value(QStringLiteral("results")).toObject();
                QJsonObject e = r.value(QStringLiteral("engine")).toObject();
                e.remove(QStringLiteral("wall_s"));
                e.remove(QStringLiteral("events_per_s"));
                e.remove(QStringLiteral("replication_wall_s"));
                r.insert(QStringLiteral("engine"), e);
                p.insert(QStringLiteral("results"), r);
                points[k] = p;
            }
            o.insert(QStringLiteral("points"), points);
            return o;
        };
        QCOMPARE(withoutWall(*merged), withoutWall(sweepToJson(*whole)));

        // parts that are not one sweep
        QVERIFY(!mergeSweeps(parts.mid(0, 2), &error));
        QVERIFY2(error.contains(QStringLiteral("shard(s) 1/3 missing")), qPrintable(error));
        QVERIFY(!mergeSweeps(parts + parts.mid(0, 1), &error));
        QVERIFY2(error.contains(QStringLiteral("given twice")), qPrintable(error));
        QVERIFY(!mergeSweeps({{QStringLiteral("whole.json"), sweepToJson(*whole)}}, &error));
        QVERIFY2(error.contains(QStringLiteral("whole.json is not a shard")), qPrintable(error));
        QJsonObject other = parts[0].second;
        other.insert(QStringLiteral("grid_size"), 7);
        QVERIFY(!mergeSweeps({parts[1], {QStringLiteral("other.json"), other}, parts[2]}, &error));
        QVERIFY2(error.contains(QStringLiteral("not the same sweep")), qPrintable(error));
    }

    void cancelledSweepKeepsFinishedPoints()
    {
        // one thread, so points finish in order; cancel once a third of the work is done
        Scenario s = mm1();
        s.simulation.durationS = 200;
        std::atomic<bool> cancel{false};
        CancelAt observer(&cancel, 0.34);
        SweepOptions o;
        o.threads = 1;
        o.replications = 1;
        o.cancel = &cancel;
        o.observer = &observer;
        Problems problems;
        const std::optional<Sweep> sweep
            = runSweep(s,
                       {set(QStringLiteral("workload.arrivals.rate_per_s=300,400,500"))},
                       o,
                       &problems);
        QVERIFY(sweep);
        QVERIFY(sweep->cancelled);
        QCOMPARE(sweep->gridSize, 3);
        QVERIFY(!sweep->points.empty());
        QVERIFY(sweep->points.size() < 3);
        QCOMPARE(sweep->points[0].set[0].second.toDouble(), 300.0);
        QVERIFY(!sweep->points[0].result.cancelled);
    }
};

QTEST_GUILESS_MAIN(tst_Sweep)
#include "tst_sweep.moc"
