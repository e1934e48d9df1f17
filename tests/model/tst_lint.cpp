// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture lint (model/analysis/Lint.h, docs/lint.md): every rule fires on a minimal
// scenario with its anti-pattern and not on the same scenario fixed; the built-in examples
// give exactly the findings docs/lint.md lists.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Lint.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Model;

namespace {

/** A scenario around `components` (a JSON array's contents) with one request "r". */
QByteArray scenarioJson(const char *entry,
                        const QByteArray &components,
                        const QByteArray &faults = {})
{
    QByteArray text = R"({"format": "archsim-scenario", "version": 1,
      "workload": {"entry": ")";
    text += entry;
    text += R"(", "arrivals": {"kind": "poisson", "rate_per_s": 10},
                   "requests": [{"name": "r"}]},
      "components": [)";
    text += components;
    text += "]";
    if (!faults.isEmpty())
        text += R"(, "faults": [)" + faults + "]";
    text += "}";
    return text;
}

Scenario parsed(const QByteArray &json)
{
    const ScenarioLoad load = parseScenario(json);
    if (!load.ok())
        qFatal("test scenario does not load: %s\n%s",
               qPrintable(TestSupport::problemsText(load.problems)),
               json.constData());
    return *load.scenario;
}

/** "rule component" per finding, in order. */
QStringList summary(const std::vector<LintFinding> &findings)
{
    QStringList out;
    for (const LintFinding &f : findings)
        out << f.rule + QLatin1Char(' ')
                   + (f.component.isEmpty() ? QStringLiteral("-") : f.component);
    return out;
}

QStringList lint(const QByteArray &json, const LintThresholds &t = {})
{
    return summary(lintScenario(parsed(json), t));
}

const QByteArray kExt = R"({"id": "ext", "kind": "external", "latency_ms": 5})";
const QByteArray kDb = R"({"id": "db", "kind": "database", "queries": {"*": 2}})";

QByteArray chain(int services)
{
    QByteArray text;
    for (int i = 1; i <= services; ++i) {
        const QByteArray id = "s" + QByteArray::number(i);
        const QByteArray steps = i < services ? R"([{"call": "s)" + QByteArray::number(i + 1)
                                                    + R"(", "timeout_ms": 500}])"
                                              : QByteArray(R"([{"cpu_ms": 1}])");
        if (i > 1)
            text += ",";
        text += R"({"id": ")" + id + R"(", "kind": "service", "handlers": {"r": )" + steps + "}}";
    }
    return text;
}

} // namespace

class tst_Lint : public QObject
{
    Q_OBJECT

private slots:
    void ruleIds();
    void rules_data();
    void rules();
    void retryWithBackoffButNoJitterIsInfo();
    void queueWithoutConsumers();
    void killFaultNeedsHealthCheck();
    void thresholdsMove();
    void findingTextAndJson();
    void projectSettingsSilenceAndMove();
    void settingsJsonRoundTrip();
    void badSettingsNameTheirPath_data();
    void badSettingsNameTheirPath();
    void everyExampleIsListed();
    void examples_data();
    void examples();
};

void tst_Lint::ruleIds()
{
    QCOMPARE(lintRuleIds(),
             QStringList({"shared-database",
                          "pool-exceeds-db-connections",
                          "call-without-timeout",
                          "retry-without-backoff",
                          "single-replica-no-restart",
                          "unbounded-queue",
                          "no-health-check",
                          "sync-chain-depth",
                          "event-loop-blocking",
                          "ttl-without-jitter",
                          "cache-stampede",
                          "overloaded-unbounded"}));
}

void tst_Lint::rules_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QByteArray>("fixed");
    QTest::addColumn<QStringList>("expected"); // the findings of `bad`; `fixed` has none

    const QByteArray lb = R"({"id": "edge", "kind": "load_balancer", "targets": ["a", "b"]},)";
    QTest::newRow("shared-database")
        << scenarioJson("edge",
                        lb + R"({"id": "a", "kind": "service", "handlers": {"r": [{"call": "db"}]}},
                                {"id": "b", "kind": "service", "handlers": {"r": [{"call": "db"}]}},)"
                            + kDb)
        << scenarioJson("edge",
                        lb + R"({"id": "a", "kind": "service", "handlers": {"r": [{"call": "db"}]}},
                                {"id": "b", "kind": "service", "handlers": {"r": [{"call": "db2"}]}},
                                {"id": "db2", "kind": "database", "queries": {"*": 2}},)"
                            + kDb)
        << QStringList{"shared-database db"};

    QTest::newRow("pool-exceeds-db-connections")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "replicas": 3, "pools": {"db": 20},
                            "handlers": {"r": [{"call": "db"}]}},
                           {"id": "db", "kind": "database", "max_connections": 50,
                            "queries": {"*": 2}})")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "replicas": 3, "pools": {"db": 15},
                            "handlers": {"r": [{"call": "db"}]}},
                           {"id": "db", "kind": "database", "max_connections": 50,
                            "queries": {"*": 2}})")
        << QStringList{"pool-exceeds-db-connections db"};

    QTest::newRow("call-without-timeout")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [{"call": "ext"}]}},)"
                            + kExt)
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service",
                            "handlers": {"r": [{"call": "ext", "timeout_ms": 500}]}},)"
                            + kExt)
        << QStringList{"call-without-timeout a"};

    QTest::newRow("retry-without-backoff")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [
                             {"call": "ext", "timeout_ms": 500, "retries": 2}]}},)"
                            + kExt)
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [
                             {"call": "ext", "timeout_ms": 500, "retries": 2, "backoff_ms": 100,
                              "jitter": 0.5}]}},)"
                            + kExt)
        << QStringList{"retry-without-backoff a"};

    QTest::newRow("single-replica-no-restart")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "restart": "no",
                            "handlers": {"r": [{"cpu_ms": 1}]}})")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "restart": "on_failure",
                            "handlers": {"r": [{"cpu_ms": 1}]}})")
        << QStringList{"single-replica-no-restart a"};

    const QByteArray consumer
        = R"({"id": "m", "kind": "service", "handlers": {"r": [{"cpu_ms": 1}]}})";
    QTest::newRow("unbounded-queue")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [{"publish": "q"}]}},
                           {"id": "q", "kind": "queue", "consumers": [{"service": "m"}]},)"
                            + consumer)
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [{"publish": "q"}]}},
                           {"id": "q", "kind": "queue", "max_length": 1000,
                            "consumers": [{"service": "m"}]},)"
                            + consumer)
        << QStringList{"unbounded-queue q"};

    QTest::newRow("no-health-check")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "replicas": 2, "memory_mb": 512,
                            "handlers": {"r": [{"cpu_ms": 1}]}})")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "replicas": 2, "memory_mb": 512,
                            "health_check": {"interval_s": 5, "failures": 3},
                            "handlers": {"r": [{"cpu_ms": 1}]}})")
        << QStringList{"no-health-check a"};

    // 4 hops (5 services waiting on each other) against 3
    QTest::newRow("sync-chain-depth")
        << scenarioJson("s1", chain(5)) << scenarioJson("s1", chain(4))
        << QStringList{"sync-chain-depth s1"};

    QTest::newRow("event-loop-blocking")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "concurrency": {"model": "event_loop"},
                            "handlers": {"r": [{"cpu_ms": 1}, {"cpu_ms": {"dist": "exp", "mean": 20}}]}})")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "concurrency": {"model": "event_loop"},
                            "handlers": {"r": [{"cpu_ms": 1},
                                               {"cpu_ms": {"dist": "exp", "mean": 20}, "offload": true}]}})")
        << QStringList{"event-loop-blocking a"};

    const QByteArray cacheStep = R"({"id": "a", "kind": "service", "handlers": {"r": [
                                      {"cache": "c", "keys": 1000, "zipf": ZIPF,
                                       "on_miss": [{"call": "db"}]}]}},)";
    QByteArray uniform = cacheStep;
    uniform.replace("ZIPF", "0");
    QByteArray skewed = cacheStep;
    skewed.replace("ZIPF", "1.0");
    QTest::newRow("ttl-without-jitter")
        << scenarioJson("a",
                        uniform
                            + R"({"id": "c", "kind": "cache", "capacity_keys": 100, "ttl_s": 60},)"
                            + kDb)
        << scenarioJson("a",
                        uniform + R"({"id": "c", "kind": "cache", "capacity_keys": 100, "ttl_s": 60,
                                  "ttl_jitter": 0.1},)"
                            + kDb)
        << QStringList{"ttl-without-jitter c"};

    QTest::newRow("cache-stampede")
        << scenarioJson("a",
                        skewed + R"({"id": "c", "kind": "cache", "capacity_keys": 100, "ttl_s": 60,
                                  "ttl_jitter": 0.1},)"
                            + kDb)
        << scenarioJson("a",
                        skewed + R"({"id": "c", "kind": "cache", "capacity_keys": 100, "ttl_s": 60,
                                  "ttl_jitter": 0.1, "stampede": "lock"},)"
                            + kDb)
        << QStringList{"cache-stampede c"};

    // 10 requests/s of 200 ms of CPU on one core: capacity 5/s, and no queue_limit
    QTest::newRow("overloaded-unbounded")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service", "handlers": {"r": [{"cpu_ms": 200}]}})")
        << scenarioJson("a",
                        R"({"id": "a", "kind": "service",
                            "concurrency": {"model": "thread_pool", "queue_limit": 100},
                            "handlers": {"r": [{"cpu_ms": 200}]}})")
        << QStringList{"overloaded-unbounded a"};
}

void tst_Lint::rules()
{
    QFETCH(QByteArray, bad);
    QFETCH(QByteArray, fixed);
    QFETCH(QStringList, expected);
    QCOMPARE(lint(bad), expected);
    QCOMPARE(lint(fixed), QStringList());
    // every finding says what and how, in full sentences
    for (const LintFinding &f : lintScenario(parsed(bad))) {
        QVERIFY(lintRuleIds().contains(f.rule));
        QVERIFY2(f.message.endsWith(QLatin1Char('.')), qPrintable(f.message));
        QVERIFY2(f.message.contains(QLatin1Char('\'') + f.component + QLatin1Char('\'')),
                 qPrintable(f.message));
        QVERIFY2(!f.hint.isEmpty() && f.hint.endsWith(QLatin1Char('.')), qPrintable(f.hint));
    }
}

void tst_Lint::retryWithBackoffButNoJitterIsInfo()
{
    const std::vector<LintFinding> findings = lintScenario(
        parsed(scenarioJson("a",
                            R"({"id": "a", "kind": "service", "handlers": {"r": [
                                 {"call": "ext", "timeout_ms": 500, "retries": 2,
                                  "backoff_ms": 100}]}},)"
                                + kExt)));
    QCOMPARE(summary(findings), QStringList{"retry-without-backoff a"});
    QCOMPARE(findings.front().severity, LintFinding::Severity::Info);
    QVERIFY(findings.front().message.contains(QLatin1String("no jitter")));
    // no back-off at all is a warning
    const std::vector<LintFinding> none = lintScenario(
        parsed(scenarioJson("a",
                            R"({"id": "a", "kind": "service", "handlers": {"r": [
                                 {"call": "ext", "timeout_ms": 500, "retries": 2}]}},)"
                                + kExt)));
    QCOMPARE(none.front().severity, LintFinding::Severity::Warning);
}

void tst_Lint::queueWithoutConsumers()
{
    const std::vector<LintFinding> findings = lintScenario(parsed(
        scenarioJson("a",
                     R"({"id": "a", "kind": "service", "handlers": {"r": [{"publish": "q"}]}},
                               {"id": "q", "kind": "queue", "max_length": 1000})")));
    QCOMPARE(summary(findings), QStringList{"unbounded-queue q"});
    QCOMPARE(findings.front().severity, LintFinding::Severity::Warning);
    QVERIFY(findings.front().message.contains(QLatin1String("Nothing consumes")));
}

void tst_Lint::killFaultNeedsHealthCheck()
{
    const QByteArray service = R"({"id": "a", "kind": "service", "replicas": 2,
                                    "handlers": {"r": [{"cpu_ms": 1}]}})";
    const QByteArray kill = R"({"at_s": 10, "kind": "kill_instance", "target": "a"})";
    QCOMPARE(lint(scenarioJson("a", service, kill)), QStringList{"no-health-check a"});
    // a replica that nothing in the scenario kills
    QCOMPARE(lint(scenarioJson("a", service)), QStringList());
    // a single replica: a health check has nowhere else to send the requests
    QByteArray single = service;
    single.replace(R"("replicas": 2)", R"("replicas": 1)");
    QCOMPARE(lint(scenarioJson("a", single, kill)), QStringList());
}

void tst_Lint::thresholdsMove()
{
    LintThresholds t;
    t.syncChainMaxHops = 2;
    QCOMPARE(lint(scenarioJson("s1", chain(4)), t), QStringList{"sync-chain-depth s1"});
    t.eventLoopBlockingCpuMs = 30;
    const QByteArray loop
        = scenarioJson("a",
                       R"({"id": "a", "kind": "service", "concurrency": {"model": "event_loop"},
            "handlers": {"r": [{"cpu_ms": 20}]}})");
    QCOMPARE(lint(loop, t), QStringList());
    QCOMPARE(lint(loop), QStringList{"event-loop-blocking a"});
    const QByteArray db = scenarioJson("a",
                                       R"({"id": "a", "kind": "service",
                                           "handlers": {"r": [{"call": "db"}]}},)"
                                           + kDb);
    QCOMPARE(lint(db), QStringList());
    t.databaseCallsNeedTimeout = true;
    QCOMPARE(lint(db, t), QStringList{"call-without-timeout a"});
    t.hotCacheZipf = 0.5;
    const QByteArray warm = scenarioJson("a",
                                         R"({"id": "a", "kind": "service", "handlers": {"r": [
              {"cache": "c", "keys": 1000, "zipf": 0.6, "on_miss": [{"io_ms": 2}]}]}},
           {"id": "c", "kind": "cache", "capacity_keys": 100, "ttl_s": 60, "ttl_jitter": 0.1})");
    QCOMPARE(lint(warm), QStringList());
    QCOMPARE(lint(warm, t), QStringList{"cache-stampede c"});
}

void tst_Lint::findingTextAndJson()
{
    const std::vector<LintFinding> findings = {{QStringLiteral("unbounded-queue"),
                                                LintFinding::Severity::Info,
                                                QStringLiteral("q"),
                                                QStringLiteral("The queue 'q' grows."),
                                                QStringLiteral("Bound it.")},
                                               {QStringLiteral("sync-chain-depth"),
                                                LintFinding::Severity::Warning,
                                                QString(),
                                                QStringLiteral("Deep."),
                                                QStringLiteral("Shorten it.")}};
    QCOMPARE(lintFindingLine(findings[0]),
             QStringLiteral("info unbounded-queue q: The queue 'q' grows. Fix: Bound it."));
    QCOMPARE(lintFindingLine(findings[1]),
             QStringLiteral("warning sync-chain-depth -: Deep. Fix: Shorten it."));
    const QJsonObject json = lintToJson(findings);
    const QJsonArray list = json.value(QLatin1String("findings")).toArray();
    QCOMPARE(list.size(), 2);
    const QJsonObject first = list.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("rule")).toString(), QStringLiteral("unbounded-queue"));
    QCOMPARE(first.value(QLatin1String("severity")).toString(), QStringLiteral("info"));
    QCOMPARE(first.value(QLatin1String("component")).toString(), QStringLiteral("q"));
    QCOMPARE(first.value(QLatin1String("message")).toString(),
             QStringLiteral("The queue 'q' grows."));
    QCOMPARE(first.value(QLatin1String("hint")).toString(), QStringLiteral("Bound it."));
    QCOMPARE(first.keys().size(), 5);
    QVERIFY(list.at(1).toObject().value(QLatin1String("component")).isNull());
    QCOMPARE(lintToJson({}).value(QLatin1String("findings")).toArray().size(), 0);
}

namespace {

/** The findings of each built-in example: the list of docs/lint.md, "The built-in examples". */
QList<std::pair<QString, QStringList>> expectedExampleFindings()
{
    return {
        {"autoscaling-spike.json", {}},
        {"event-loop-blocked.json", {"event-loop-blocking app"}},
        {"event-loop-cluster.json", {"event-loop-blocking app"}},
        {"event-loop-offload.json", {}},
        {"mm1.json", {}},
        {"retry-storm-breaker.json", {}},
        {"retry-storm.json", {"retry-without-backoff api"}},
        {"shop-microservices.json",
         {"retry-without-backoff cart",
          "retry-without-backoff orders",
          "unbounded-queue order_events"}},
        {"shop-monolith.json", {"retry-without-backoff monolith", "cache-stampede catalog_cache"}},
    };
}

} // namespace

void tst_Lint::projectSettingsSilenceAndMove()
{
    const Scenario deep = parsed(scenarioJson("s1", chain(5)));
    LintSettings settings;
    LintReport report = lintInProject(deep, QStringLiteral("A"), settings);
    QCOMPARE(summary(report.findings), QStringList{"sync-chain-depth s1"});
    QVERIFY(report.silenced.empty());
    // silenced in scenario A only, with its reason
    settings.silenced.append({QStringLiteral("A"),
                              QStringLiteral("sync-chain-depth"),
                              QStringLiteral("s1"),
                              QStringLiteral("Accepted until the split in Q3.")});
    report = lintInProject(deep, QStringLiteral("A"), settings);
    QVERIFY(report.findings.empty());
    QCOMPARE(report.silenced.size(), std::size_t(1));
    QCOMPARE(report.silenced[0].first.rule, QStringLiteral("sync-chain-depth"));
    QCOMPARE(report.silenced[0].second, QStringLiteral("Accepted until the split in Q3."));
    QCOMPARE(summary(lintInProject(deep, QStringLiteral("B"), settings).findings),
             QStringList{"sync-chain-depth s1"});
    // a threshold the project raises: the chain of 4 hops no longer fires anywhere
    LintSettings relaxed;
    relaxed.thresholds.syncChainMaxHops = 4;
    QVERIFY(lintInProject(deep, QStringLiteral("B"), relaxed).findings.empty());
    QVERIFY(lintInProject(deep, QStringLiteral("B"), relaxed).silenced.empty());
    // the JSON lists the silenced findings with their reason
    const QJsonObject json = lintReportToJson(lintInProject(deep, QStringLiteral("A"), settings));
    QCOMPARE(json.value(QLatin1String("findings")).toArray().size(), 0);
    const QJsonObject silenced = json.value(QLatin1String("silenced")).toArray().first().toObject();
    QCOMPARE(silenced.value(QLatin1String("rule")).toString(), QStringLiteral("sync-chain-depth"));
    QCOMPARE(silenced.value(QLatin1String("component")).toString(), QStringLiteral("s1"));
    QCOMPARE(silenced.value(QLatin1String("reason")).toString(),
             QStringLiteral("Accepted until the split in Q3."));
    QVERIFY(!lintReportToJson(lintInProject(deep, QStringLiteral("B"), settings))
                 .contains(QLatin1String("silenced")));
}

void tst_Lint::settingsJsonRoundTrip()
{
    QString error;
    // the defaults write nothing and read back as the defaults
    QCOMPARE(lintSettingsToJson(LintSettings{}), QJsonObject{});
    QCOMPARE(lintSettingsFromJson(QJsonObject{}, &error),
             std::optional<LintSettings>(LintSettings{}));
    LintSettings s;
    s.thresholds.syncChainMaxHops = 5;
    s.thresholds.eventLoopBlockingCpuMs = 2.5;
    s.thresholds.hotCacheZipf = 1.1;
    s.thresholds.databaseCallsNeedTimeout = true;
    s.silenced.append({QStringLiteral("id-1"),
                       QStringLiteral("shared-database"),
                       QStringLiteral("db"),
                       QStringLiteral("One team owns both services.")});
    s.silenced.append({QStringLiteral("id-2"),
                       QStringLiteral("sync-chain-depth"),
                       QString(),
                       QStringLiteral("A teaching example.")});
    const QJsonObject json = lintSettingsToJson(s);
    QCOMPARE(json.value(QLatin1String("thresholds")).toObject().size(), 4);
    QVERIFY(json.value(QLatin1String("silenced"))
                .toArray()
                .at(1)
                .toObject()
                .value(QLatin1String("component"))
                .isNull());
    const std::optional<LintSettings> back = lintSettingsFromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, s);
}

void tst_Lint::badSettingsNameTheirPath_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown key") << QByteArray(R"({"threshold": {}})")
                                 << QStringLiteral("$.threshold: unknown key");
    QTest::newRow("unknown threshold")
        << QByteArray(R"({"thresholds": {"max_hops": 2}})")
        << QStringLiteral("$.thresholds.max_hops: unknown threshold");
    QTest::newRow("hops not whole")
        << QByteArray(R"({"thresholds": {"sync_chain_max_hops": 2.5}})")
        << QStringLiteral("$.thresholds.sync_chain_max_hops: not a whole");
    QTest::newRow("hops zero") << QByteArray(R"({"thresholds": {"sync_chain_max_hops": 0}})")
                               << QStringLiteral("$.thresholds.sync_chain_max_hops: not a number "
                                                 "from 1 to 100");
    QTest::newRow("negative ms") << QByteArray(
        R"({"thresholds": {"event_loop_blocking_cpu_ms": -1}})")
                                 << QStringLiteral(
                                        "$.thresholds.event_loop_blocking_cpu_ms: not a number");
    QTest::newRow("zipf text") << QByteArray(R"({"thresholds": {"hot_cache_zipf": "high"}})")
                               << QStringLiteral("$.thresholds.hot_cache_zipf: not a number");
    QTest::newRow("db not bool")
        << QByteArray(R"({"thresholds": {"database_calls_need_timeout": 1}})")
        << QStringLiteral("$.thresholds.database_calls_need_timeout: not true or false");
    QTest::newRow("silenced not list")
        << QByteArray(R"({"silenced": {}})") << QStringLiteral("$.silenced: not a list");
    QTest::newRow("unknown rule") << QByteArray(
        R"({"silenced": [{"scenario": "a", "rule": "no-such", "reason": "x"}]})")
                                  << QStringLiteral("$.silenced[0].rule: not a rule id");
    QTest::newRow("no reason") << QByteArray(
        R"({"silenced": [{"scenario": "a", "rule": "shared-database", "component": "db"}]})")
                               << QStringLiteral("$.silenced[0].reason: missing");
    QTest::newRow("blank reason") << QByteArray(
        R"({"silenced": [{"scenario": "a", "rule": "shared-database", "reason": " "}]})")
                                  << QStringLiteral("$.silenced[0].reason: missing");
    QTest::newRow("no scenario") << QByteArray(
        R"({"silenced": [{"rule": "shared-database", "reason": "x"}]})")
                                 << QStringLiteral("$.silenced[0].scenario: not a scenario id");
    QTest::newRow("component number") << QByteArray(
        R"({"silenced": [{"scenario": "a", "rule": "shared-database", "component": 3, "reason": "x"}]})")
                                      << QStringLiteral(
                                             "$.silenced[0].component: not a component id or null");
}

void tst_Lint::badSettingsNameTheirPath()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!lintSettingsFromJson(QJsonDocument::fromJson(json).object(), &why));
    QVERIFY2(why.startsWith(error), qPrintable(why));
}

void tst_Lint::everyExampleIsListed()
{
    QStringList listed;
    for (const auto &[file, findings] : expectedExampleFindings())
        listed << file;
    QCOMPARE(QDir(TestSupport::examplePath())
                 .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name),
             listed);
}

void tst_Lint::examples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");
    for (const auto &[file, findings] : expectedExampleFindings())
        QTest::newRow(qPrintable(file)) << file << findings;
}

void tst_Lint::examples()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    QCOMPARE(summary(lintScenario(TestSupport::loadExample(file))), expected);
}

QTEST_GUILESS_MAIN(tst_Lint)
#include "tst_lint.moc"
