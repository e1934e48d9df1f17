// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in examples (resources/examples/*.json): every one must load without a problem,
// save unchanged, compile and run; the shop examples must keep the queue conservation law;
// and each teaching example must still tell the story its description promises.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Model;
using TestSupport::compileExample;
using TestSupport::examplePath;
using TestSupport::problemsText;

namespace {

Sim::RunResult runExample(const QString &file)
{
    Sim::RunOptions options;
    options.threads = 1;
    return Sim::runSimulation(compileExample(file), options);
}

double latencyMean(const Sim::RunResult &r, const char *request)
{
    const Sim::RequestResult *q = r.request(request);
    return q ? q->latencyMs.mean : -1;
}

int countEvents(const Sim::RunResult &r, const char *what)
{
    return static_cast<int>(std::count_if(r.timeline.cbegin(),
                                          r.timeline.cend(),
                                          [&](const Sim::RunEvent &e) { return e.what == what; }));
}

double failures(const Sim::RequestResult *r, const char *reason = nullptr)
{
    if (!r)
        return -1;
    if (!reason)
        return r->failed;
    const auto it = r->failures.find(reason);
    return it == r->failures.end() ? 0 : it->second;
}

} // namespace

class tst_Examples : public QObject
{
    Q_OBJECT

private slots:
    void everyExample_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files
            = QDir(examplePath()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 9); // the three of the contract and the six teaching examples
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }
    void everyExample()
    {
        QFETCH(QString, file);
        QFile f(examplePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();

        // Loads without an error or a warning.
        const ScenarioLoad load = parseScenario(text);
        QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
        QVERIFY2(load.problems.isEmpty(), qPrintable(problemsText(load.problems)));
        QVERIFY(!load.scenario->name.isEmpty());
        QVERIFY(load.scenario->description.size() > 40);

        // Saves as the same JSON data.
        const QByteArray saved = serializeScenario(*load.scenario);
        QCOMPARE(QJsonDocument::fromJson(saved), QJsonDocument::fromJson(text));
        QCOMPARE(*parseScenario(saved).scenario, *load.scenario);

        // Compiles and runs.
        const CompiledScenario compiled = compileScenario(*load.scenario);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        QVERIFY(compiled.problems.isEmpty());
        Sim::RunOptions options;
        options.threads = 1;
        const Sim::RunResult result = Sim::runSimulation(compiled.spec, options);
        QVERIFY(!result.cancelled);
        QVERIFY(result.requests.front().completed > 0);
        QCOMPARE(result.components.size(), compiled.spec.components.size());
    }

    void everyRequestIsAccountedFor_data()
    {
        // the examples and the golden coverage scenarios (ramp, bursty and diurnal arrivals,
        // kills and out-of-memory deaths, fallbacks, fanout queues)
        QTest::addColumn<QString>("path");
        for (const QString &file :
             QDir(examplePath()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(file)) << examplePath(file);
        const QDir golden(TestSupport::sourcePath(QStringLiteral("tests/golden")));
        for (const QString &file :
             golden.entryList({QStringLiteral("coverage-*.json")}, QDir::Files, QDir::Name)) {
            if (!file.endsWith(QLatin1String(".results.json")))
                QTest::newRow(qPrintable(file)) << golden.filePath(file);
        }
    }
    void everyRequestIsAccountedFor()
    {
        // arrived = completed + failed + in_flight_at_end, exactly, for every request type of
        // every replication: request figures count the requests that arrived after the
        // warm-up, whenever they end (docs/cli.md, "What a run measures")
        QFETCH(QString, path);
        const ScenarioLoad load = loadScenarioFile(path);
        QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
        Scenario s = *load.scenario;
        // at most 120 s, with a warm-up (the scenario's, or a tenth of the run)
        const double duration = std::min(120.0, s.simulation.durationS);
        const double warmup = s.simulation.warmupS;
        s.simulation.durationS = duration;
        s.simulation.warmupS = warmup > 0 && warmup < duration / 2 ? warmup : duration / 10;
        s.simulation.replications = 3;
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        Sim::RunOptions options;
        options.threads = 2;
        const Sim::RunResult r = Sim::runSimulation(compiled.spec, options);
        QCOMPARE(r.perReplication.size(), std::size_t{3});
        for (const Sim::ReplicationResult &rep : r.perReplication) {
            for (const Sim::RequestResult &q : rep.requests) {
                QVERIFY2(q.arrived > 0, q.name.c_str());
                QVERIFY2(q.arrived == q.completed + q.failed + q.inFlightAtEnd,
                         qPrintable(QStringLiteral("replication %1, %2: %3 arrived, %4 completed, "
                                                   "%5 failed, %6 in flight")
                                        .arg(rep.replication)
                                        .arg(QString::fromStdString(q.name))
                                        .arg(q.arrived)
                                        .arg(q.completed)
                                        .arg(q.failed)
                                        .arg(q.inFlightAtEnd)));
                double reasons = 0;
                for (const auto &[reason, n] : q.failures)
                    reasons += n;
                QCOMPARE(reasons, q.failed);
            }
        }
        // the mean over replications keeps it up to rounding
        for (const Sim::RequestResult &q : r.requests)
            QVERIFY(std::abs(q.arrived - (q.completed + q.failed + q.inFlightAtEnd))
                    <= 1e-9 * q.arrived);
    }

    void shopExamplesRun_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("monolith") << "shop-monolith.json";
        QTest::newRow("microservices") << "shop-microservices.json";
    }
    void shopExamplesRun()
    {
        QFETCH(QString, file);
        Sim::Spec spec = compileExample(file);
        QVERIFY(!spec.components.empty());
        spec.durationS = 60;
        spec.warmupS = 0; // the conservation law below counts every message from the start
        const Sim::RunResult r = Sim::runSimulation(spec);
        int caches = 0;
        for (const Sim::ComponentResult &c : r.components) {
            if (c.kind == Sim::ComponentKind::Cache) {
                ++caches;
                // Zipf(0.9) over 50000 keys into 5000 slots: some lookups hit, some miss.
                QVERIFY2(c.hitRatio > 0 && c.hitRatio < 1, qPrintable(QString::number(c.hitRatio)));
                QCOMPARE(c.hitRatio, c.hits / (c.hits + c.misses));
            } else if (c.kind == Sim::ComponentKind::Queue) {
                // Every message published is consumed, dropped, or still in the backlog.
                QVERIFY(c.published > 0);
                QCOMPARE(c.published, c.consumed + c.dropped + c.backlogFinal);
            }
        }
        QCOMPARE(caches, 1);
    }

    void eventLoopStory()
    {
        // Same work on the same 4 cores: one loop blocked by reports, the reports offloaded
        // to worker threads, or four loops.
        const Sim::RunResult blocked = runExample(QStringLiteral("event-loop-blocked.json"));
        const Sim::RunResult offload = runExample(QStringLiteral("event-loop-offload.json"));
        const Sim::RunResult cluster = runExample(QStringLiteral("event-loop-cluster.json"));
        const double b = latencyMean(blocked, "ping");
        const double o = latencyMean(offload, "ping");
        const double c = latencyMean(cluster, "ping");
        qInfo("ping mean latency: blocked %.2f ms, cluster %.2f ms, offload %.2f ms", b, c, o);
        QVERIFY(o > 0);
        QVERIFY2(c < b, "four loops must beat one blocked loop");
        QVERIFY2(o < c, "offloading must beat four loops");
        // The blocked loop waits while the machine looks idle: at most one of 4 cores busy.
        QVERIFY(blocked.component("app")->utilization < 0.25);
        QVERIFY(blocked.component("app")->meanWaiting > cluster.component("app")->meanWaiting);
        QVERIFY(cluster.component("app")->meanWaiting > offload.component("app")->meanWaiting);
    }

    void retryStormStory()
    {
        const Sim::RunResult storm = runExample(QStringLiteral("retry-storm.json"));
        const Sim::RunResult tamed = runExample(QStringLiteral("retry-storm-breaker.json"));
        const Sim::ComponentResult *stormPay = storm.component("payments");
        const Sim::ComponentResult *tamedPay = tamed.component("payments");
        QVERIFY(stormPay && tamedPay);
        qInfo("calls to payments: storm %.0f, breaker %.0f", stormPay->arrived, tamedPay->arrived);
        QVERIFY(tamedPay->arrived < stormPay->arrived);
        // Failures come fast: the api's visit latency counts failed visits too.
        QVERIFY(tamed.component("api")->latencyMs.mean < storm.component("api")->latencyMs.mean);
        // The storm spills over to requests that never call payments; the breaker keeps them.
        QVERIFY(failures(storm.request("browse"), "rejected") > 0);
        QCOMPARE(failures(tamed.request("browse")), 0.0);
        const Sim::RequestResult *checkout = tamed.request("checkout");
        QVERIFY(failures(checkout, "circuit_open") > failures(checkout) / 2);
        QCOMPARE(countEvents(storm, "breaker_open"), 0);
        QVERIFY(countEvents(tamed, "breaker_open") > 0);
        QCOMPARE(countEvents(tamed, "breaker_closed"), 1);
    }

    void autoscalingStory()
    {
        const Sim::RunResult r = runExample(QStringLiteral("autoscaling-spike.json"));
        const Sim::ComponentResult *api = r.component("api");
        QVERIFY(api);
        QCOMPARE(api->replicasMin, 4.0);  // it starts with 4 and returns to 4
        QCOMPARE(api->replicasMax, 20.0); // the spike needs all it may have
        QVERIFY(countEvents(r, "scale_up") > 0);
        QVERIFY(countEvents(r, "scale_down") > 0);
        QVERIFY(failures(r.request("_all"), "rejected") > 0); // before the new replicas are up
        // A new replica takes traffic startup_s after it starts.
        const auto start = std::find_if(r.timeline.cbegin(),
                                        r.timeline.cend(),
                                        [](const Sim::RunEvent &e) { return e.what == "start"; });
        QVERIFY(start != r.timeline.cend());
        const auto ready = std::find_if(r.timeline.cbegin(),
                                        r.timeline.cend(),
                                        [&](const Sim::RunEvent &e) {
                                            return e.what == "ready" && e.detail == start->detail;
                                        });
        QVERIFY(ready != r.timeline.cend());
        QCOMPARE(Sim::secondsToTicks(ready->tS - start->tS), Sim::secondsToTicks(30));
    }
};

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
