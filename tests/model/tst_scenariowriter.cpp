// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Model;
using TestSupport::problemsText;
using TestSupport::readExample;

class tst_ScenarioWriter : public QObject
{
    Q_OBJECT

private slots:
    void examplesRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files
            = QDir(TestSupport::sourcePath(QStringLiteral("resources/examples")))
                  .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 9);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }
    void examplesRoundTrip()
    {
        QFETCH(QString, file);
        const QByteArray original = readExample(file);
        QVERIFY(!original.isEmpty());
        const ScenarioLoad first = parseScenario(original);
        QVERIFY2(first.ok(), qPrintable(problemsText(first.problems)));

        const QByteArray written = serializeScenario(*first.scenario);
        const ScenarioLoad second = parseScenario(written);
        QVERIFY2(second.ok(),
                 qPrintable(problemsText(second.problems) + QLatin1Char('\n') + written));
        QVERIFY(second.problems.isEmpty());
        QCOMPARE(*second.scenario, *first.scenario);
        QCOMPARE(serializeScenario(*second.scenario), written);

        // The same JSON data as the original, key order and spacing aside.
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(original));
    }

    void outputIsOrderedAndIndented()
    {
        const ScenarioLoad load = parseScenario(readExample(QStringLiteral("shop-monolith.json")));
        const QByteArray text = serializeScenario(*load.scenario);
        QVERIFY2(text.startsWith("{\n  \"format\": \"archsim-scenario\",\n  \"version\": 1,\n"
                                 "  \"name\": \"Shop: monolith\",\n"),
                 text.constData());
        QVERIFY(text.endsWith("}\n"));
        QVERIFY(text.contains("\n  \"simulation\": { \"duration_s\": 300, \"warmup_s\": 30, "
                              "\"seed\": 7, \"replications\": 1, \"bucket_s\": 1 },\n"));
        // Small objects stay on one line; only the free-text description may run long.
        for (const QByteArray &line : text.split('\n')) {
            if (!line.contains("\"description\""))
                QVERIFY2(line.size() <= 100, line.constData());
        }
        // A component too long for one line gets one field per line.
        QVERIFY(
            text.contains("    {\n      \"id\": \"edge\",\n      \"kind\": \"load_balancer\",\n"
                          "      \"policy\": \"least_outstanding\",\n      \"latency_ms\": 0.2,\n"
                          "      \"targets\": [ \"monolith\" ]\n    },\n"));
        QVERIFY(text.contains("\"cpu_ms\": { \"dist\": \"exp\", \"mean\": 1.5 }"));
    }

    void distributionKeepsItsWrittenForm()
    {
        Scenario s;
        Component c;
        c.id = QStringLiteral("a");
        Distribution explicitConst = Distribution::constant(2);
        explicitConst.bare = false;
        c.service.handlers = {{QStringLiteral("x"),
                               {Step::cpu(Distribution::constant(0.1)),
                                Step::io(explicitConst),
                                Step::io(Distribution::erlang(3, 1e-7))}}};
        s.components = {c};
        const QByteArray text = serializeScenario(s);
        QVERIFY2(text.contains("{ \"cpu_ms\": 0.1 }"), text.constData());
        QVERIFY2(text.contains("{ \"io_ms\": { \"dist\": \"const\", \"value\": 2 } }"),
                 text.constData());
        QVERIFY2(text.contains(
                     "{ \"io_ms\": { \"dist\": \"erlang\", \"k\": 3, \"mean\": 1e-07 } }"),
                 text.constData());
        const ScenarioLoad back = parseScenario(text);
        QVERIFY(back.scenario);
        QCOMPARE(back.scenario->components, s.components);
    }

    void everyKindAndFieldSurvives()
    {
        // Fields that none of the examples use.
        const QByteArray text = R"({
  "format": "archsim-scenario", "version": 1, "name": "all", "description": "d",
  "slo": "p99<200ms,errors<=1%",
  "simulation": { "duration_s": 100.5, "warmup_s": 0.25, "seed": 9007199254740993,
                  "replications": 3, "bucket_s": 0.5 },
  "workload": { "entry": "gw", "shared": true, "arrivals": { "kind": "ramp", "from": 5, "to": 50, "over_s": 30,
                                             "start_s": 2.5, "to_rate_per_s": 50 },
                "requests": [ { "name": "a" }, { "name": "b", "weight": 2 } ] },
  "components": [
    { "id": "gw", "kind": "gateway", "routes": { "*": [ { "target": "lb" } ],
      "b": [ { "target": "svc", "weight": 0.5 }, { "target": "lb", "weight": 0.5 } ] },
      "ui": { "x": -10.5, "y": 20, "pinned": true } },
    { "id": "lb", "kind": "load_balancer", "targets": [ "svc" ] },
    { "id": "svc", "kind": "service", "cpu_cores": 0.5, "balancing": "power_of_two",
      "concurrency": { "model": "event_loop", "workers": 4, "worker_threads": 2 },
      "autoscaling": { "min": 2, "max": 6, "target_cpu": 0.65, "interval_s": 30, "scale_up_stabilization_s": 15,
                       "scale_down_stabilization_s": 120, "tolerance": 0.05, "step": 2 },
      "startup_s": 7.5, "memory_mb": 2048, "memory_base_mb": 300, "memory_per_request_mb": 0.25,
      "restart": "on_failure", "restart_backoff_s": 1, "restart_backoff_max_s": 64,
      "health_check": { "interval_s": 2, "failures": 4, "path": "/health" },
      "pools": { "db": 3, "ext": 1 },
      "handlers": {
        "a": [ { "cpu_ms": 1, "offload": true },
               { "parallel": [ { "call": "db" }, { "call": "ext", "timeout_ms": 10, "retries": 0 } ] },
               { "call": "ext", "request": "pay", "timeout_ms": 300, "retries": 4, "backoff_ms": 25,
                 "multiplier": 1.5, "max_backoff_ms": 500, "jitter": 1, "retry_budget": 0.2,
                 "circuit_breaker": { "failure_rate": 0.3, "minimum_calls": 7, "window": 70, "open_s": 2.5,
                                      "half_open_calls": 4, "slow_ms": 100 },
                 "bulkhead": 12,
                 "fallback": [ { "io_ms": 1 }, { "probability": 0.5, "steps": [ { "call": "db" } ] } ] },
               { "probability": 0.25, "steps": [ { "publish": "q" } ] },
               { "cache": "c", "keys": 10, "on_miss": [] } ],
        "b": [ { "call": "db", "request": "*" } ],
        "m": [ { "io_ms": { "dist": "uniform", "min": 0, "max": 1 } } ] } },
    { "id": "db", "kind": "database", "queries": { "*": { "dist": "exp", "mean": 1 } } },
    { "id": "ext", "kind": "external", "error_rate": 0 },
    { "id": "c", "kind": "cache", "engine": "memcached", "capacity_keys": 100, "eviction": "segmented_lru",
      "samples": 3, "ttl_s": 0, "threads": 8, "command_ms": { "dist": "exp", "mean": 0.02 } },
    { "id": "q", "kind": "queue", "durable": false, "max_length": null, "exchange": "fanout",
      "delivery_ms": 1, "consumers": [ { "service": "svc" } ] }
  ],
  "faults": [ { "at_s": 5, "until_s": 6, "kind": "outage", "target": "ext" },
              { "at_s": 1, "kind": "kill_instance", "target": "svc", "count": 1 },
              { "at_s": 2, "until_s": 3, "kind": "latency", "target": "db",
                "latency_ms": { "dist": "uniform", "min": 10, "max": 20 } },
              { "at_s": 3, "kind": "errors", "target": "ext", "error_rate": 0.5, "note": "kept" } ]
}
)";
        const ScenarioLoad first = parseScenario(text);
        QVERIFY(first.scenario);
        QVERIFY2(!hasErrors(first.problems), qPrintable(problemsText(first.problems)));
        QCOMPARE(first.scenario->simulation.seed, quint64(9007199254740993ULL));
        QCOMPARE(first.scenario->workload.shared, std::optional<bool>(true));
        QVERIFY(first.scenario->component(QStringLiteral("q"))->queue.maxLengthNull);
        const QByteArray written = serializeScenario(*first.scenario);
        const ScenarioLoad second = parseScenario(written);
        QVERIFY(second.scenario);
        QCOMPARE(*second.scenario, *first.scenario);
        QCOMPARE(serializeScenario(*second.scenario), written);
        QVERIFY(written.contains("\"seed\": 9007199254740993"));
        QVERIFY(written.contains("\"max_length\": null"));
        QVERIFY(written.contains("\"to_rate_per_s\": 50"));
        QVERIFY(written.contains("\"pinned\": true"));
        // Every field read is written back: the same JSON data as the input, except an empty
        // on_miss list, which says nothing and is left out.
        QByteArray expected = text;
        QVERIFY(expected.contains(", \"on_miss\": []"));
        expected.replace(", \"on_miss\": []", "");
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(expected));
        // The same warnings (unknown fields) at the same paths, lines aside.
        auto summary = [](const Problems &problems) {
            QStringList out;
            for (const Problem &p : problems)
                out.append(p.path + QLatin1Char(' ') + p.message);
            out.sort();
            return out;
        };
        QVERIFY(!first.problems.isEmpty());
        QCOMPARE(summary(second.problems), summary(first.problems));
    }

    void workloadRoundTripsAlone()
    {
        // a project's shared workload is stored on its own (docs/project-files.md)
        const Scenario shop = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
        Workload w = shop.workload;
        w.shared = true;
        const QByteArray text = serializeWorkload(w);
        QVERIFY(text.startsWith("{"));
        Problems problems;
        const std::optional<Workload> back = parseWorkload(text, &problems);
        QVERIFY2(back, qPrintable(problemsText(problems)));
        QCOMPARE(*back, w);
        QCOMPARE(serializeWorkload(*back), text);

        // mistakes are errors with their path and line, as in a scenario
        QByteArray bad = text;
        QVERIFY(bad.contains("\"rate_per_s\": 600"));
        bad.replace("\"rate_per_s\": 600", "\"rate_per_s\": \"fast\"");
        QVERIFY(!parseWorkload(bad, &problems));
        QVERIFY2(problems.size() >= 1, qPrintable(problemsText(problems)));
        QCOMPARE(problems.first().path, QStringLiteral("$.arrivals.rate_per_s"));
        QVERIFY(problems.first().line > 1);
        QVERIFY(!parseWorkload("[1]", &problems));
        QCOMPARE(problems.first().path, QStringLiteral("$"));
    }

    void unknownKindsAndStepsAreKeptWhole()
    {
        const QByteArray text = R"({ "format": "archsim-scenario", "version": 1,
  "workload": { "entry": "x", "arrivals": { "kind": "poisson", "rate_per_s": 1 },
                "requests": [ { "name": "r" } ] },
  "components": [ { "id": "x", "kind": "lambda", "memory_mb": 128, "ui": { "x": 1, "y": 2 } },
                  { "id": "s", "kind": "service", "handlers": { "r": [ { "sleep": 3 } ] } } ] })";
        const ScenarioLoad first = parseScenario(text);
        QVERIFY(hasErrors(first.problems));
        const QByteArray written = serializeScenario(*first.scenario);
        QVERIFY2(written.contains(
                     "\"kind\": \"lambda\", \"ui\": { \"x\": 1, \"y\": 2 }, \"memory_mb\": 128"),
                 written.constData());
        QVERIFY(written.contains("{ \"sleep\": 3 }"));
        const ScenarioLoad second = parseScenario(written);
        QCOMPARE(*second.scenario, *first.scenario);
    }

    void escapesStrings()
    {
        Scenario s;
        s.name = QStringLiteral("quote \" backslash \\ tab \t newline \n bell \x07 é");
        const QByteArray text = serializeScenario(s);
        QVERIFY(text.contains("\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 é\""));
        QCOMPARE(parseScenario(text).scenario->name, s.name);
    }

    void numbersReadBackExactly()
    {
        Scenario s;
        s.simulation.durationS = 0.1 + 0.2;
        s.simulation.bucketS = 1e-300;
        s.simulation.warmupS = 123456789012.5;
        const ScenarioLoad back = parseScenario(serializeScenario(s));
        QCOMPARE(back.scenario->simulation.durationS, 0.1 + 0.2);
        QCOMPARE(back.scenario->simulation.bucketS, 1e-300);
        QCOMPARE(back.scenario->simulation.warmupS, 123456789012.5);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioWriter)
#include "tst_scenariowriter.moc"
