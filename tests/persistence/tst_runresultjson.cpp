// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "SampleResults.h"
#include "persistence/RunResultJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Model;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/** A result with every kind of component, NaNs, intervals, failures and a timeline. */
Sim::RunResult handMadeResult()
{
    Sim::RunResult r;
    r.scenario = "Shop: \"quoted\", with commas";
    r.durationS = 600;
    r.warmupS = 60.5;
    r.seed = 18446744073709551557ULL; // above INT64_MAX: written as a double
    r.replications = 2;
    r.events = 123456789012ULL;
    r.wallS = 4.2;
    r.eventsPerS = 29394473.5;
    r.cancelled = true;

    Sim::RequestResult all = TestSupport::sampleAllRequests();
    all.failures = {{"timeout", 6}, {"rejected", 3.5}};
    all.ciP99 = std::make_pair(18.0, kNaN);
    all.ciThroughput = std::make_pair(1.6, 1.7);
    all.latencyHistogram = {{0.999424, 1.064960, 12},
                            {1.064960, 1.130496, 0},
                            {1.130496, 1.196032, 977.5},
                            {1.196032, kNaN, 0.5}};
    const Sim::RequestResult browse = TestSupport::sampleBrowseRequests();
    Sim::RequestResult checkout;
    checkout.name = "Checkout"; // upper case sorts before "_all" in the JSON
    checkout.latencyMs = {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    r.requests = {all, browse, checkout};

    Sim::ComponentResult api = TestSupport::sampleService();
    api.arrived = 1000;
    api.completed = 998;
    api.failed = 2;
    api.replicasMin = 2;
    api.replicasMax = 4;
    api.replicasMean = 3.25;
    const Sim::ComponentResult db = TestSupport::sampleDatabase();
    const Sim::ComponentResult edge = TestSupport::sampleLoadBalancer();
    Sim::ComponentResult gw;
    gw.id = "gw";
    gw.kind = Sim::ComponentKind::Gateway;
    gw.meanInSystem = kNaN;
    const Sim::ComponentResult pay = TestSupport::sampleExternal();
    Sim::ComponentResult cache;
    cache.id = "catalog_cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.hits = 900;
    cache.misses = 100;
    cache.hitRatio = 0.9;
    cache.evictions = 12;
    cache.expirations = 3;
    cache.stampedeMisses = 4;
    cache.staleHits = 5;
    cache.lockWaits = 6;
    cache.utilization = 0.05;
    Sim::ComponentResult queue;
    queue.id = "order_events";
    queue.kind = Sim::ComponentKind::Queue;
    queue.published = 200;
    queue.consumed = 190;
    queue.dropped = 1;
    queue.redelivered = 2;
    queue.backlogMean = 3.5;
    queue.backlogMax = 17;
    queue.backlogFinal = 9;
    queue.messageAgeMs = {12, 10, 20, 25, 40, 41, 44};
    queue.drainS = 1.25;
    queue.drainingAtEnd = true;
    queue.drainSincePeakS = 3.5;
    r.components = {api, db, edge, gw, pay, cache, queue};

    r.series.bucketS = 0.5;
    r.series.tS = {0.5, 1, 1.5};
    r.series.columns = {{"requests._all.throughput_per_s", {1, 2, 3}},
                        {"components.api.utilization", {0.5, kNaN, 0.125}}};

    r.timeline = {{12.5, "api", "scale_up", "3 -> 4 replicas"},
                  {30, "payments", "fault_start", "outage"}};

    Sim::ReplicationResult rep0;
    rep0.replication = 0;
    rep0.requests = {all, browse};
    rep0.components = {api, db};
    rep0.events = 61728394506ULL;
    rep0.wallS = 2.1;
    rep0.timeline = r.timeline;
    rep0.timelineDropped = 42;
    Sim::ReplicationResult rep1 = rep0;
    rep1.replication = 1;
    rep1.cancelled = true;
    rep1.timelineDropped = 0;
    r.perReplication = {rep0, rep1};
    return r;
}

QString diff(const QJsonObject &a, const QJsonObject &b)
{
    return QString::fromUtf8(QJsonDocument(a).toJson()) + QStringLiteral("\n---\n")
           + QString::fromUtf8(QJsonDocument(b).toJson());
}

} // namespace

class tst_RunResultJson : public QObject
{
    Q_OBJECT

private slots:
    void handMadeResultRoundTrips()
    {
        const QJsonObject json = resultsToJson(handMadeResult());
        QString error;
        const Sim::RunResult back = runResultFromJson(json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject again = resultsToJson(back);
        QVERIFY2(again == json, qPrintable(diff(json, again)));
    }

    void fieldsAreRestored()
    {
        const Sim::RunResult original = handMadeResult();
        QString error;
        const Sim::RunResult r = runResultFromJson(resultsToJson(original), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QCOMPARE(r.scenario, original.scenario);
        QCOMPARE(r.durationS, 600.0);
        QCOMPARE(r.warmupS, 60.5);
        QCOMPARE(r.replications, 2);
        QCOMPARE(r.events, original.events);
        QCOMPARE(r.wallS, 4.2);
        QCOMPARE(r.eventsPerS, 29394473.5);
        QVERIFY(r.cancelled);
        // A seed above INT64_MAX travels as a double: close, not exact.
        QVERIFY(r.seed > 18446744073709000000ULL);

        QCOMPARE(r.requests.size(), size_t(3));
        QCOMPARE(r.requests.front().name, std::string("_all"));
        const Sim::RequestResult *all = r.request("_all");
        QVERIFY(all);
        QCOMPARE(all->failures.at("timeout"), 6.0);
        QCOMPARE(all->failures.at("rejected"), 3.5);
        QVERIFY(all->ciMean);
        QCOMPARE(all->ciMean->first, 4.5);
        QVERIFY(all->ciP99 && std::isnan(all->ciP99->second));
        QVERIFY(all->ciThroughput);
        QCOMPARE(all->latencyMs.p999, 40.0);
        QVERIFY(std::isnan(r.request("browse")->latencyMs.max));
        QVERIFY(!r.request("browse")->ciMean);
        QCOMPARE(all->latencyHistogram.size(), size_t(4));
        QCOMPARE(all->latencyHistogram[0].loMs, 0.999424);
        QCOMPARE(all->latencyHistogram[0].hiMs, 1.06496);
        QCOMPARE(all->latencyHistogram[0].count, 12.0);
        QCOMPARE(all->latencyHistogram[1].count, 0.0);
        QCOMPARE(all->latencyHistogram[2].count, 977.5);
        QVERIFY(std::isnan(all->latencyHistogram[3].hiMs));
        QVERIFY(r.request("browse")->latencyHistogram.empty());

        const Sim::ComponentResult *api = r.component("api");
        QVERIFY(api);
        QCOMPARE(api->kind, Sim::ComponentKind::Service);
        QCOMPARE(api->replicasMean, 3.25);
        QCOMPARE(api->latencyMs.p99, 15.0);
        QVERIFY(api->ciUtilization);
        const Sim::ComponentResult *cache = r.component("catalog_cache");
        QVERIFY(cache);
        QCOMPARE(cache->kind, Sim::ComponentKind::Cache);
        QCOMPARE(cache->lockWaits, 6.0);
        const Sim::ComponentResult *queue = r.component("order_events");
        QVERIFY(queue);
        QCOMPARE(queue->backlogMax, 17.0);
        QCOMPARE(queue->messageAgeMs.p99, 40.0);
        QCOMPARE(queue->drainS, 1.25);
        QVERIFY(queue->drainingAtEnd);
        QCOMPARE(queue->drainSincePeakS, 3.5);
        QVERIFY(r.component("pay,\"ext\""));

        QCOMPARE(r.series.bucketS, 0.5);
        QCOMPARE(r.series.tS, (std::vector<double>{0.5, 1, 1.5}));
        const Sim::SeriesColumn *u = r.series.column("components.api.utilization");
        QVERIFY(u);
        QCOMPARE(u->values.size(), size_t(3));
        QVERIFY(std::isnan(u->values[1]));

        QCOMPARE(r.timeline.size(), size_t(2));
        QCOMPARE(r.timeline[0].tS, 12.5);
        QCOMPARE(r.timeline[0].what, std::string("scale_up"));
        QCOMPARE(r.timeline[1].detail, std::string("outage"));
        QCOMPARE(r.perReplication.size(), size_t(2));
        QCOMPARE(r.perReplication[0].timelineDropped, std::uint64_t(42));
        QVERIFY(r.perReplication[1].cancelled);
        QCOMPARE(r.perReplication[1].replication, 1);
    }

    void simulatedResultsRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("replications");
        for (const QString &file : PersistenceTest::exampleFiles()) {
            QTest::newRow(qPrintable(file + QStringLiteral(" x1"))) << file << 1;
            QTest::newRow(qPrintable(file + QStringLiteral(" x3"))) << file << 3;
        }
    }
    void simulatedResultsRoundTrip()
    {
        QFETCH(QString, file);
        QFETCH(int, replications);
        const Scenario scenario = TestSupport::loadExample(file);
        if (!compileScenario(scenario).ok())
            QSKIP("this example uses parts the engine does not simulate yet");
        const Sim::RunResult run = PersistenceTest::shortRun(scenario, 3, replications);
        QVERIFY(!run.requests.empty());

        const QJsonObject json = resultsToJson(run);
        // Through the text form, as a project stores it.
        const QJsonObject stored
            = QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object();
        QString error;
        const Sim::RunResult back = runResultFromJson(stored, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject again = resultsToJson(back);
        QVERIFY2(again == json, qPrintable(diff(json, again)));
        QCOMPARE(back.requests.size(), run.requests.size());
        QCOMPARE(back.components.size(), run.components.size());
        QCOMPARE(back.perReplication.size(), run.perReplication.size());
    }

    void resultsWithoutOptionalPartsAreRead()
    {
        // The smallest results object spec/cli.md allows.
        const QJsonObject json{{"format", "archsim-results"},
                               {"version", 1},
                               {"scenario", "tiny"},
                               {"simulation", QJsonObject{{"duration_s", 10}, {"seed", 3}}},
                               {"requests", QJsonObject{}},
                               {"components", QJsonObject{}}};
        QString error;
        const Sim::RunResult r = runResultFromJson(json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(r.scenario, std::string("tiny"));
        QCOMPARE(r.durationS, 10.0);
        QCOMPARE(r.seed, std::uint64_t(3));
        QVERIFY(r.requests.empty());
        QVERIFY(r.timeline.empty());
    }

    void resultsSavedBeforeHistogramsAndDrainAreRead()
    {
        // Results written before the latency histogram and the drain figures existed.
        const QJsonObject json{
            {"format", "archsim-results"},
            {"version", 1},
            {"simulation", QJsonObject{{"duration_s", 10}}},
            {"requests", QJsonObject{{"_all", QJsonObject{{"completed", 5}}}}},
            {"components",
             QJsonObject{
                 {"q",
                  QJsonObject{{"kind", "queue"},
                              {"backlog", QJsonObject{{"mean", 1}, {"max", 2}, {"final", 0}}}}}}}};
        QString error;
        const Sim::RunResult r = runResultFromJson(json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(r.requests.front().latencyHistogram.empty());
        QCOMPARE(r.components.front().drainS, 0.0);
        QVERIFY(!r.components.front().drainingAtEnd);
    }

    void badInputIsReportedWithItsPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not results")
            << QByteArray(R"({"format":"archsim-scenario","version":1})") << "$.format";
        QTest::newRow("newer version") << QByteArray(
            R"({"format":"archsim-results","version":7,"requests":{},"components":{}})")
                                       << "newer ArchSim";
        QTest::newRow("no requests") << QByteArray(
            R"({"format":"archsim-results","version":1,"simulation":{},"components":{}})")
                                     << "$.requests: is missing";
        QTest::newRow("figure is text")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{"_all":{"latency_ms":{"p99":"fast"}}},"components":{}})")
            << "$.requests._all.latency_ms.p99: must be a number";
        QTest::newRow("unknown kind")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{},"components":{"x":{"kind":"teleporter"}}})")
            << "$.components.x.kind";
        QTest::newRow("negative seed")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{"seed":-4},
                "requests":{},"components":{}})")
            << "$.simulation.seed";
        QTest::newRow("series not an array")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{},"components":{},"series":{"t_s":[1],"x":3}})")
            << "$.series.x";
        QTest::newRow("histogram bin of two numbers")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{"_all":{"latency_histogram_ms":[[1,2,3],[2,3]]}},"components":{}})")
            << "$.requests._all.latency_histogram_ms[1]: must be an array [low_ms, high_ms, count]";
        QTest::newRow("histogram count is text")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{"_all":{"latency_histogram_ms":[[1,2,"many"]]}},"components":{}})")
            << "$.requests._all.latency_histogram_ms[0][2]: must be a number";
        QTest::newRow("histogram not an array")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{"_all":{"latency_histogram_ms":{}}},"components":{}})")
            << "$.requests._all.latency_histogram_ms: must be an array";
        QTest::newRow("draining flag is a number")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{},"components":{"q":{"kind":"queue","draining_at_end":1}}})")
            << "$.components.q.draining_at_end: must be true or false";
        QTest::newRow("bad event")
            << QByteArray(R"({"format":"archsim-results","version":1,"simulation":{},
                "requests":{},"components":{},"events":[{"t_s":1,"what":5}]})")
            << "$.events[0].what";
    }
    void badInputIsReportedWithItsPath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QString error;
        const Sim::RunResult r = runResultFromJson(doc.object(), &error);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(r.requests.empty());
        QVERIFY(r.scenario.empty());
    }
};

QTEST_GUILESS_MAIN(tst_RunResultJson)
#include "tst_runresultjson.moc"
