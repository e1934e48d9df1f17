// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Model;
using TestSupport::problemsText;

namespace {

const Problem *findProblem(const Problems &problems, const QString &path)
{
    for (const Problem &p : problems) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

/** A small valid scenario, one item per line so tests can name line numbers. */
const char *const kSmall = R"({
  "format": "archsim-scenario",
  "version": 1,
  "name": "small",
  "simulation": { "duration_s": 10, "warmup_s": 1, "seed": 3, "replications": 1, "bucket_s": 1 },
  "workload": {
    "entry": "api",
    "arrivals": { "kind": "poisson", "rate_per_s": 10 },
    "requests": [ { "name": "job", "weight": 1 } ]
  },
  "components": [
    { "id": "api", "kind": "service",
      "replicas": 2,
      "handlers": { "job": [ { "cpu_ms": 1 } ] } }
  ]
}
)";

QByteArray small(const QByteArray &from, const QByteArray &to)
{
    QByteArray text(kSmall);
    const qsizetype at = text.indexOf(from);
    Q_ASSERT(at >= 0);
    return text.replace(at, from.size(), to);
}

} // namespace

class tst_ScenarioParser : public QObject
{
    Q_OBJECT

private slots:
    void examplesParseWithoutProblems_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("mm1") << "resources/examples/mm1.json";
        QTest::newRow("monolith") << "resources/examples/shop-monolith.json";
        QTest::newRow("microservices") << "resources/examples/shop-microservices.json";
        QTest::newRow("autoscaling") << "resources/examples/autoscaling-spike.json";
        QTest::newRow("retry storm") << "resources/examples/retry-storm-breaker.json";
    }
    void examplesParseWithoutProblems()
    {
        QFETCH(QString, file);
        const ScenarioLoad load = loadScenarioFile(TestSupport::sourcePath(file));
        QVERIFY2(load.problems.isEmpty(), qPrintable(problemsText(load.problems)));
        QVERIFY(load.ok());
        QVERIFY(!load.scenario->name.isEmpty());
    }

    void readsEveryFieldOfMm1()
    {
        const ScenarioLoad load = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/mm1.json")));
        QVERIFY(load.ok());
        const Scenario &s = *load.scenario;
        QCOMPARE(s.name, QStringLiteral("M/M/1 check"));
        QVERIFY(s.description.startsWith(QStringLiteral("One single-core")));
        QCOMPARE(s.simulation.durationS, 2000.0);
        QCOMPARE(s.simulation.warmupS, 100.0);
        QCOMPARE(s.simulation.seed, quint64(1));
        QCOMPARE(s.simulation.replications, 1);
        QCOMPARE(s.simulation.bucketS, 10.0);
        QCOMPARE(s.workload.entry, QStringLiteral("server"));
        QCOMPARE(s.workload.arrivals.kind, QStringLiteral("poisson"));
        QCOMPARE(s.workload.arrivals.ratePerS, std::optional<double>(800));
        QCOMPARE(s.workload.requests.size(), 1);
        QCOMPARE(s.components.size(), 1);
        const Component &c = s.components.first();
        QCOMPARE(c.kind, ComponentKind::Service);
        QCOMPARE(c.service.replicas, std::optional<int>(1));
        QCOMPARE(c.service.concurrency->model, QStringLiteral("thread_pool"));
        QCOMPARE(c.service.concurrency->queueLimit, std::optional<int>(1000000));
        QCOMPARE(c.service.handlers.size(), 1);
        const Step &step = c.service.handlers.first().steps.at(0);
        QCOMPARE(step.kind, Step::Kind::Cpu);
        QCOMPARE(step.duration, Distribution::exponential(1));
    }

    void readsCachesAndQueues()
    {
        const ScenarioLoad load = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
        QVERIFY(load.ok());
        const Scenario &s = *load.scenario;
        const Component *cache = s.component(QStringLiteral("catalog_cache"));
        QVERIFY(cache);
        QCOMPARE(cache->kind, ComponentKind::Cache);
        QCOMPARE(cache->cache.capacityKeys, std::optional<qint64>(5000));
        QCOMPARE(cache->cache.stampede, QStringLiteral("lock"));
        QCOMPARE(cache->cache.hitMs, std::optional<Distribution>(Distribution::constant(0.3)));
        const Component *queue = s.component(QStringLiteral("order_events"));
        QCOMPARE(queue->queue.consumers.size(), 1);
        QCOMPARE(queue->queue.consumers.first().prefetch, std::optional<int>(10));
        const Step &publish
            = s.component(QStringLiteral("orders"))->service.handlers.first().steps.at(3);
        QCOMPARE(publish.kind, Step::Kind::Publish);
        QCOMPARE(publish.target, QStringLiteral("order_events"));
        QCOMPARE(publish.message, QStringLiteral("order_placed"));
        const Step &lookup
            = s.component(QStringLiteral("catalog"))->service.handlers.first().steps.at(1);
        QCOMPARE(lookup.kind, Step::Kind::Cache);
        QCOMPARE(lookup.keys, std::optional<qint64>(50000));
        QCOMPARE(lookup.steps.size(), size_t(1));
        QCOMPARE(lookup.steps.front().request, QStringLiteral("select_product"));
    }

    void readsTheResilienceFields()
    {
        const ScenarioLoad load = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/retry-storm-breaker.json")));
        QVERIFY(load.ok());
        const Step &call
            = load.scenario->component(QStringLiteral("api"))->service.handlers.at(1).steps.at(2);
        QCOMPARE(call.kind, Step::Kind::Call);
        QCOMPARE(call.backoffMs, std::optional<double>(100));
        QCOMPARE(call.multiplier, std::optional<double>(2));
        QCOMPARE(call.maxBackoffMs, std::optional<double>(1000));
        QCOMPARE(call.jitter, std::optional<double>(0.5));
        QCOMPARE(call.retryBudget, std::optional<double>(0.1));
        QVERIFY(call.circuitBreaker);
        QCOMPARE(call.circuitBreaker->failureRate, std::optional<double>(0.5));
        QCOMPARE(call.circuitBreaker->minimumCalls, std::optional<int>(20));
        QCOMPARE(call.circuitBreaker->window, std::optional<int>(50));
        QCOMPARE(call.circuitBreaker->openS, std::optional<double>(5));
        QCOMPARE(call.circuitBreaker->halfOpenCalls, std::optional<int>(3));
        QCOMPARE(call.bulkhead, std::nullopt);
        QVERIFY(call.fallback.empty());

        const ScenarioLoad storm = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/retry-storm.json")));
        QCOMPARE(storm.scenario->faults.size(), 1);
        const Fault &f = storm.scenario->faults.first();
        QCOMPARE(f.kind, QStringLiteral("latency"));
        QCOMPARE(f.atS, std::optional<double>(60));
        QCOMPARE(f.untilS, std::optional<double>(120));
        QCOMPARE(f.latencyMs, std::optional<Distribution>(Distribution::constant(10000)));
        QCOMPARE(f.errorRate, std::nullopt);

        const ScenarioLoad spike = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/autoscaling-spike.json")));
        const Arrivals &a = spike.scenario->workload.arrivals;
        QCOMPARE(a.kind, QStringLiteral("spike"));
        QCOMPARE(a.ratePerS, std::optional<double>(100));
        QCOMPARE(a.peak, std::optional<double>(400));
        QCOMPARE(a.atS, std::optional<double>(120));
        QCOMPARE(a.lengthS, std::optional<double>(180));
        QCOMPARE(a.from, std::nullopt);
        const Service &api = spike.scenario->component(QStringLiteral("api"))->service;
        QVERIFY(api.autoscaling);
        QCOMPARE(api.autoscaling->min, std::optional<int>(2));
        QCOMPARE(api.autoscaling->max, std::optional<int>(20));
        QCOMPARE(api.autoscaling->targetCpu, std::optional<double>(0.6));
        QCOMPARE(api.autoscaling->intervalS, std::optional<double>(15));
        QCOMPARE(api.autoscaling->tolerance, std::nullopt);
        QCOMPARE(api.startupS, std::optional<double>(30));
        QVERIFY(!api.healthCheck);
        QVERIFY(api.restart.isEmpty());
    }

    void readsEveryAddedField()
    {
        const ScenarioLoad load = parseScenario(
            small("\"replicas\": 2,",
                  "\"replicas\": 2, \"memory_mb\": 300, \"memory_base_mb\": 50, "
                  "\"memory_per_request_mb\": 0.5, "
                  "\"restart\": \"no\", \"restart_backoff_s\": 3, \"restart_backoff_max_s\": 9, "
                  "\"health_check\": { \"interval_s\": 4, \"failures\": 6 }, "
                  "\"autoscaling\": { \"max\": 3, \"scale_up_stabilization_s\": 1, "
                  "\"scale_down_stabilization_s\": 2, \"tolerance\": 0.3 },"));
        QVERIFY2(load.scenario, qPrintable(problemsText(load.problems)));
        const Service &s = load.scenario->components.first().service;
        QCOMPARE(s.memoryMb, std::optional<double>(300));
        QCOMPARE(s.memoryBaseMb, std::optional<double>(50));
        QCOMPARE(s.memoryPerRequestMb, std::optional<double>(0.5));
        QCOMPARE(s.restart, QStringLiteral("no"));
        QCOMPARE(s.restartBackoffS, std::optional<double>(3));
        QCOMPARE(s.restartBackoffMaxS, std::optional<double>(9));
        QCOMPARE(s.healthCheck->intervalS, std::optional<double>(4));
        QCOMPARE(s.healthCheck->failures, std::optional<int>(6));
        QCOMPARE(s.autoscaling->min, std::nullopt);
        QCOMPARE(s.autoscaling->max, std::optional<int>(3));
        QCOMPARE(s.autoscaling->scaleUpStabilizationS, std::optional<double>(1));
        QCOMPARE(s.autoscaling->scaleDownStabilizationS, std::optional<double>(2));
        QCOMPARE(s.autoscaling->tolerance, std::optional<double>(0.3));

        const ScenarioLoad arrivals = parseScenario(
            small("\"kind\": \"poisson\", \"rate_per_s\": 10",
                  "\"kind\": \"bursty\", \"low_rate\": 1, \"high_rate\": 2, \"low_mean_s\": 3, "
                  "\"high_mean_s\": 4, \"from\": 5, \"to\": 6, \"over_s\": 7, \"start_s\": 8, "
                  "\"mean\": 9, \"amplitude\": 0.1, \"period_s\": 11, \"peak_at_s\": 12"));
        const Arrivals &a = arrivals.scenario->workload.arrivals;
        QCOMPARE(a.lowRate, std::optional<double>(1));
        QCOMPARE(a.highRate, std::optional<double>(2));
        QCOMPARE(a.lowMeanS, std::optional<double>(3));
        QCOMPARE(a.highMeanS, std::optional<double>(4));
        QCOMPARE(a.from, std::optional<double>(5));
        QCOMPARE(a.to, std::optional<double>(6));
        QCOMPARE(a.overS, std::optional<double>(7));
        QCOMPARE(a.startS, std::optional<double>(8));
        QCOMPARE(a.mean, std::optional<double>(9));
        QCOMPARE(a.amplitude, std::optional<double>(0.1));
        QCOMPARE(a.periodS, std::optional<double>(11));
        QCOMPARE(a.peakAtS, std::optional<double>(12));
        // the fields of the other kinds are kept, with a warning each, not an error
        QVERIFY2(arrivals.ok(), qPrintable(problemsText(arrivals.problems)));
        QCOMPARE(arrivals.problems.size(), 8);

        const ScenarioLoad steps = parseScenario(
            small("{ \"cpu_ms\": 1 }",
                  "{ \"call\": \"db\", \"bulkhead\": 3, \"fallback\": [ { \"io_ms\": 1 } ], "
                  "\"circuit_breaker\": {} }, { \"cache\": \"c\", \"keys\": 5 }"));
        const Step &call = steps.scenario->components.first().service.handlers.first().steps.at(0);
        QCOMPARE(call.bulkhead, std::optional<int>(3));
        QCOMPARE(call.fallback.size(), size_t(1));
        QCOMPARE(call.fallback.front().duration, Distribution::constant(1));
        QCOMPARE(call.circuitBreaker, std::optional<CircuitBreaker>(CircuitBreaker()));
    }

    void malformedJsonGivesLineAndColumn()
    {
        const QByteArray text = "{\n  \"format\": \"archsim-scenario\",\n  \"version\": 1 2\n}\n";
        const ScenarioLoad load = parseScenario(text);
        QVERIFY(!load.scenario);
        QCOMPARE(load.problems.size(), 1);
        const Problem &p = load.problems.first();
        QVERIFY(p.isError());
        QCOMPARE(p.path, QString());
        QCOMPARE(p.line, 3);
        QCOMPARE(p.column, 16);
        QVERIFY2(p.message.contains(QStringLiteral("not valid JSON")), qPrintable(p.message));
        QVERIFY2(p.toString().startsWith(QStringLiteral("error: line 3, column 16: ")),
                 qPrintable(p.toString()));
    }

    void emptyTextIsMalformed()
    {
        const ScenarioLoad load = parseScenario(QByteArray());
        QVERIFY(!load.scenario);
        QCOMPARE(load.problems.size(), 1);
        QCOMPARE(load.problems.first().line, 1);
    }

    void rootMustBeAnObject()
    {
        const ScenarioLoad load = parseScenario("[1, 2]");
        QVERIFY(!load.scenario);
        QCOMPARE(load.problems.size(), 1);
        QCOMPARE(load.problems.first().path, QStringLiteral("$"));
    }

    void missingFileIsOneProblem()
    {
        QTemporaryDir dir;
        const ScenarioLoad load = loadScenarioFile(dir.filePath(QStringLiteral("nope.json")));
        QVERIFY(!load.scenario);
        QCOMPARE(load.problems.size(), 1);
        QCOMPARE(load.problems.first().path, QString());
        QVERIFY(load.problems.first().message.contains(QStringLiteral("nope.json")));
    }

    void typeErrorNamesPathAndLine()
    {
        const ScenarioLoad load = parseScenario(small("\"replicas\": 2", "\"replicas\": \"two\""));
        QVERIFY(load.scenario);
        QVERIFY(!load.ok());
        QCOMPARE(load.problems.size(), 1);
        const Problem &p = load.problems.first();
        QCOMPARE(p.toString(),
                 QStringLiteral("error: line 13: $.components[0].replicas: "
                                "expected an integer, found a string"));
        QCOMPARE(p.column, 7);
    }

    void typeErrors_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("fraction") << QByteArray("\"replicas\": 2")
                                  << QByteArray("\"replicas\": 2.5") << "$.components[0].replicas"
                                  << "expected an integer, found 2.5";
        QTest::newRow("too large") << QByteArray("\"replicas\": 2")
                                   << QByteArray("\"replicas\": 1e12") << "$.components[0].replicas"
                                   << "1000000000000 is out of range; use a whole number from "
                                      "-2147483648 to 2147483647";
        QTest::newRow("number") << QByteArray("\"rate_per_s\": 10")
                                << QByteArray("\"rate_per_s\": \"10\"")
                                << "$.workload.arrivals.rate_per_s"
                                << "expected a number, found a string";
        QTest::newRow("negative seed")
            << QByteArray("\"seed\": 3") << QByteArray("\"seed\": -3") << "$.simulation.seed"
            << "-3 is out of range; use a whole number from 0 to "
               "9223372036854775807";
        QTest::newRow("distribution")
            << QByteArray("{ \"cpu_ms\": 1 }") << QByteArray("{ \"cpu_ms\": \"fast\" }")
            << "$.components[0].handlers.job[0].cpu_ms"
            << "expected a number of milliseconds or a distribution such "
               "as {\"dist\": \"exp\", \"mean\": 2}, found a string";
        QTest::newRow("handler") << QByteArray("\"job\": [ { \"cpu_ms\": 1 } ]")
                                 << QByteArray("\"job\": { \"cpu_ms\": 1 }")
                                 << "$.components[0].handlers.job"
                                 << "expected an array of steps, found an object";
        QTest::newRow("step") << QByteArray("[ { \"cpu_ms\": 1 } ]") << QByteArray("[ 5 ]")
                              << "$.components[0].handlers.job[0]"
                              << "expected a step object such as {\"cpu_ms\": 2}, found a number";
        QTest::newRow("component")
            << QByteArray("{ \"id\": \"api\", \"kind\": \"service\",")
            << QByteArray("true, { \"id\": \"api\", \"kind\": \"service\",") << "$.components[0]"
            << "expected an object, found true";
        QTest::newRow("components") << QByteArray("\"components\": [")
                                    << QByteArray("\"components\": {}, \"x\": [") << "$.components"
                                    << "expected an array, found an object";
        QTest::newRow("bool") << QByteArray("\"cpu_ms\": 1")
                              << QByteArray("\"cpu_ms\": 1, \"offload\": 1")
                              << "$.components[0].handlers.job[0].offload"
                              << "expected true or false, found a number";
        QTest::newRow("two kinds")
            << QByteArray("\"cpu_ms\": 1") << QByteArray("\"cpu_ms\": 1, \"io_ms\": 2")
            << "$.components[0].handlers.job[0]"
            << "a step does one thing, but this one has both 'cpu_ms' and "
               "'io_ms'; split it into two steps";
        QTest::newRow("no workload")
            << QByteArray("\"workload\"") << QByteArray("\"workload_\"") << "$.workload"
            << "missing; add a \"workload\" object with entry, arrivals "
               "and requests";
        QTest::newRow("no version") << QByteArray("\"version\": 1,") << QByteArray() << "$.version"
                                    << "missing; add \"version\": 1";
        QTest::newRow("autoscaling")
            << QByteArray("\"replicas\": 2") << QByteArray("\"replicas\": 2, \"autoscaling\": 4")
            << "$.components[0].autoscaling"
            << "expected an object, found a number";
        QTest::newRow("autoscaling max")
            << QByteArray("\"replicas\": 2")
            << QByteArray("\"replicas\": 2, \"autoscaling\": { \"max\": 2.5 }")
            << "$.components[0].autoscaling.max"
            << "expected an integer, found 2.5";
        QTest::newRow("health check")
            << QByteArray("\"replicas\": 2") << QByteArray("\"replicas\": 2, \"health_check\": []")
            << "$.components[0].health_check"
            << "expected an object, found an array";
        QTest::newRow("restart") << QByteArray("\"replicas\": 2")
                                 << QByteArray("\"replicas\": 2, \"restart\": false")
                                 << "$.components[0].restart"
                                 << "expected a string, found false";
        QTest::newRow("startup") << QByteArray("\"replicas\": 2")
                                 << QByteArray("\"replicas\": 2, \"startup_s\": \"5\"")
                                 << "$.components[0].startup_s"
                                 << "expected a number, found a string";
        QTest::newRow("fallback") << QByteArray("{ \"cpu_ms\": 1 }")
                                  << QByteArray("{ \"call\": \"api\", \"fallback\": 1 }")
                                  << "$.components[0].handlers.job[0].fallback"
                                  << "expected an array of steps, found a number";
        QTest::newRow("breaker") << QByteArray("{ \"cpu_ms\": 1 }")
                                 << QByteArray("{ \"call\": \"api\", \"circuit_breaker\": \"on\" }")
                                 << "$.components[0].handlers.job[0].circuit_breaker"
                                 << "expected an object, found a string";
        QTest::newRow("breaker window")
            << QByteArray("{ \"cpu_ms\": 1 }")
            << QByteArray("{ \"call\": \"api\", \"circuit_breaker\": { \"window\": 1.5 } }")
            << "$.components[0].handlers.job[0].circuit_breaker.window"
            << "expected an integer, found 1.5";
        QTest::newRow("bulkhead") << QByteArray("{ \"cpu_ms\": 1 }")
                                  << QByteArray("{ \"call\": \"api\", \"bulkhead\": true }")
                                  << "$.components[0].handlers.job[0].bulkhead"
                                  << "expected an integer, found true";
        QTest::newRow("jitter") << QByteArray("{ \"cpu_ms\": 1 }")
                                << QByteArray("{ \"call\": \"api\", \"jitter\": \"some\" }")
                                << "$.components[0].handlers.job[0].jitter"
                                << "expected a number, found a string";
        QTest::newRow("ramp") << QByteArray("\"rate_per_s\": 10")
                              << QByteArray("\"rate_per_s\": 10, \"peak\": \"high\"")
                              << "$.workload.arrivals.peak"
                              << "expected a number, found a string";
        QTest::newRow("fault latency")
            << QByteArray("\"components\": [")
            << QByteArray(
                   "\"faults\": [ { \"at_s\": 1, \"kind\": \"latency\", \"target\": \"api\", "
                   "\"latency_ms\": \"slow\" } ], \"components\": [")
            << "$.faults[0].latency_ms"
            << "expected a number of milliseconds or a distribution such as {\"dist\": \"exp\", "
               "\"mean\": 2}, found a string";
        QTest::newRow("fault error rate")
            << QByteArray("\"components\": [")
            << QByteArray("\"faults\": [ { \"at_s\": 1, \"kind\": \"errors\", \"target\": \"api\", "
                          "\"error_rate\": [] } ], \"components\": [")
            << "$.faults[0].error_rate"
            << "expected a number, found an array";
        QTest::newRow("cache samples")
            << QByteArray("\"components\": [")
            << QByteArray(
                   "\"components\": [ { \"id\": \"c\", \"kind\": \"cache\", \"capacity_keys\": 5, "
                   "\"samples\": \"5\" },")
            << "$.components[0].samples"
            << "expected an integer, found a string";
    }
    void typeErrors()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const ScenarioLoad load = parseScenario(small(from, to));
        QVERIFY(load.scenario);
        const Problem *p = findProblem(load.problems, path);
        QVERIFY2(p, qPrintable(problemsText(load.problems)));
        QVERIFY(p->isError());
        QCOMPARE(p->message, message);
        QVERIFY(p->line > 0);
        // The validator does not repeat the same trouble in other words.
        for (const Problem &other : load.problems) {
            if (&other != p && other.isError())
                QVERIFY2(!other.path.startsWith(path), qPrintable(problemsText(load.problems)));
        }
    }

    void reportsAllProblemsAtOnce()
    {
        QByteArray text = small("\"replicas\": 2", "\"replicas\": 0");
        text.replace("\"rate_per_s\": 10", "\"rate_per_s\": -1");
        text.replace("\"weight\": 1", "\"weight\": \"heavy\"");
        const ScenarioLoad load = parseScenario(text);
        QVERIFY(findProblem(load.problems, QStringLiteral("$.components[0].replicas")));
        QVERIFY(findProblem(load.problems, QStringLiteral("$.workload.arrivals.rate_per_s")));
        QVERIFY(findProblem(load.problems, QStringLiteral("$.workload.requests[0].weight")));
        QCOMPARE(load.problems.size(), 3);
        // Sorted by line.
        QCOMPARE(load.problems.at(0).line, 8);
        QCOMPARE(load.problems.at(1).line, 9);
        QCOMPARE(load.problems.at(2).line, 13);
    }

    void unknownFieldsAreKeptAndWarned()
    {
        QByteArray text = small("\"name\": \"small\",",
                                "\"name\": \"small\", \"owner\": {\"team\": \"a\"},");
        text.replace("\"replicas\": 2", "\"replicas\": 2, \"colour\": \"red\"");
        text.replace("{ \"cpu_ms\": 1 }",
                     "{ \"cpu_ms\": {\"dist\": \"exp\", \"mean\": 1, \"sd\": 2}, \"note\": 7 }");
        text.replace("\"bucket_s\": 1", "\"bucket_s\": 1, \"threads\": 4");
        const ScenarioLoad load = parseScenario(text);
        QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
        QCOMPARE(load.problems.size(), 5);
        for (const Problem &p : load.problems) {
            QVERIFY(!p.isError());
            QVERIFY(p.message.startsWith(QStringLiteral("unknown field '")));
            QVERIFY(p.message.contains(QStringLiteral("is kept but ignored")));
        }
        const Problem *colour = findProblem(load.problems,
                                            QStringLiteral("$.components[0].colour"));
        QVERIFY(colour);
        QCOMPARE(colour->line, 13);
        QVERIFY(findProblem(load.problems, QStringLiteral("$.owner")));
        QVERIFY(findProblem(load.problems, QStringLiteral("$.simulation.threads")));
        QVERIFY(findProblem(load.problems, QStringLiteral("$.components[0].handlers.job[0].note")));
        QVERIFY(findProblem(load.problems,
                            QStringLiteral("$.components[0].handlers.job[0].cpu_ms.sd")));

        const Scenario &s = *load.scenario;
        QCOMPARE(s.extra.value(QStringLiteral("owner"))
                     .toObject()
                     .value(QStringLiteral("team"))
                     .toString(),
                 QStringLiteral("a"));
        QCOMPARE(s.components.first().extra.value(QStringLiteral("colour")).toString(),
                 QStringLiteral("red"));
        const Step &step = s.components.first().service.handlers.first().steps.front();
        QCOMPARE(step.extra.value(QStringLiteral("note")).toInt(), 7);
        QCOMPARE(step.duration.extra.value(QStringLiteral("sd")).toInt(), 2);
        QCOMPARE(s.simulation.extra.value(QStringLiteral("threads")).toInt(), 4);
    }

    void valuesOfTheWrongTypeAreKept()
    {
        const ScenarioLoad load = parseScenario(small("\"replicas\": 2", "\"replicas\": \"two\""));
        QCOMPARE(load.scenario->components.first().service.replicas, std::nullopt);
        QCOMPARE(
            load.scenario->components.first().extra.value(QStringLiteral("replicas")).toString(),
            QStringLiteral("two"));
        QVERIFY(serializeScenario(*load.scenario).contains("\"replicas\": \"two\""));
    }

    void duplicateKeysAreWarned()
    {
        const ScenarioLoad load = parseScenario(
            small("\"replicas\": 2", "\"replicas\": 5, \"replicas\": 2"));
        QCOMPARE(load.problems.size(), 1);
        QCOMPARE(load.problems.first().path, QStringLiteral("$.components[0].replicas"));
        QVERIFY(!load.problems.first().isError());
        QCOMPARE(load.scenario->components.first().service.replicas, std::optional<int>(2));
    }

    void keepsTheWrittenOrderOfHandlers()
    {
        const ScenarioLoad load = parseScenario(
            small("\"handlers\": { \"job\": [ { \"cpu_ms\": 1 } ] }",
                  "\"handlers\": { \"job\": [ { \"cpu_ms\": 1 } ], \"zeta\": [], \"alpha\": [ { "
                  "\"io_ms\": 1 } ] }"));
        const QList<Handler> &h = load.scenario->components.first().service.handlers;
        QCOMPARE(h.size(), 3);
        QCOMPARE(h.at(0).request, QStringLiteral("job"));
        QCOMPARE(h.at(1).request, QStringLiteral("zeta"));
        QCOMPARE(h.at(2).request, QStringLiteral("alpha"));
    }

    void distributionForms()
    {
        const ScenarioLoad load = parseScenario(
            small("{ \"cpu_ms\": 1 }",
                  "{ \"cpu_ms\": {\"dist\": \"const\", \"value\": 2.5} }, { \"io_ms\": {\"dist\": "
                  "\"uniform\", \"min\": 1, \"max\": 3} }, { \"cpu_ms\": {\"dist\": \"lognormal\", "
                  "\"mean\": 2, \"stddev\": 1} }, { \"cpu_ms\": {\"dist\": \"erlang\", \"k\": 4, "
                  "\"mean\": 2} }, { \"cpu_ms\": 0.5 }"));
        QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
        const Steps &steps = load.scenario->components.first().service.handlers.first().steps;
        QCOMPARE(steps.size(), size_t(5));
        Distribution c = Distribution::constant(2.5);
        c.bare = false;
        QCOMPARE(steps[0].duration, c);
        QCOMPARE(steps[1].duration, Distribution::uniform(1, 3));
        QCOMPARE(steps[2].duration, Distribution::lognormal(2, 1));
        QCOMPARE(steps[3].duration, Distribution::erlang(4, 2));
        QCOMPARE(steps[4].duration, Distribution::constant(0.5));
        QVERIFY(steps[4].duration.bare);
    }

    void newerVersionIsRefused()
    {
        const ScenarioLoad load = parseScenario(small("\"version\": 1", "\"version\": 2"));
        const Problem *p = findProblem(load.problems, QStringLiteral("$.version"));
        QVERIFY(p);
        QVERIFY(p->message.startsWith(QStringLiteral("written by a newer ArchSim")));
        QCOMPARE(p->line, 3);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioParser)
#include "tst_scenarioparser.moc"
