// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"
#include "ScenarioIo.h"

#include <QTest>

using namespace Model;
using TestSupport::problemsText;

namespace {

// Components: 0 edge, 1 gw, 2 api, 3 worker, 4 db, 5 cache, 6 events, 7 pay.
const char *const kBase = R"({
  "format": "archsim-scenario",
  "version": 1,
  "name": "base",
  "simulation": { "duration_s": 100, "warmup_s": 10, "seed": 1, "replications": 1, "bucket_s": 1 },
  "workload": {
    "entry": "edge",
    "arrivals": { "kind": "poisson", "rate_per_s": 50 },
    "requests": [ { "name": "browse", "weight": 3 }, { "name": "buy", "weight": 1 } ]
  },
  "components": [
    { "id": "edge", "kind": "load_balancer", "policy": "round_robin", "latency_ms": 0.1,
      "targets": [ "gw" ] },
    { "id": "gw", "kind": "gateway", "latency_ms": 0.5,
      "routes": { "browse": [ { "target": "api", "weight": 1 } ],
                  "*": [ { "target": "api", "weight": 1 } ] } },
    { "id": "api", "kind": "service",
      "replicas": 2, "cpu_cores": 2,
      "concurrency": { "model": "thread_pool", "threads": 8, "queue_limit": 100 },
      "balancing": "random", "pools": { "db": 5 },
      "handlers": {
        "browse": [ { "cpu_ms": { "dist": "exp", "mean": 2 } },
                    { "cache": "cache", "keys": 100, "zipf": 0.9,
                      "on_miss": [ { "call": "db", "request": "select" } ] } ],
        "buy": [ { "cpu_ms": 1 },
                 { "parallel": [ { "call": "db", "request": "insert" },
                                 { "call": "pay", "timeout_ms": 100, "retries": 1 } ] },
                 { "probability": 0.5, "steps": [ { "io_ms": 1 } ] },
                 { "publish": "events", "message": "sold" } ] } },
    { "id": "worker", "kind": "service",
      "concurrency": { "model": "event_loop", "workers": 2, "worker_threads": 2 },
      "autoscaling": { "min": 1, "max": 4, "target_cpu": 0.5, "interval_s": 10,
                       "scale_up_stabilization_s": 5, "scale_down_stabilization_s": 60, "tolerance": 0.2 },
      "startup_s": 3, "memory_mb": 512, "memory_base_mb": 100, "memory_per_request_mb": 2,
      "restart": "on_failure", "restart_backoff_s": 5, "restart_backoff_max_s": 60,
      "health_check": { "interval_s": 5, "failures": 2 },
      "handlers": { "sold": [ { "cpu_ms": 1, "offload": true },
                              { "call": "pay", "request": "refund", "timeout_ms": 200, "retries": 2,
                                "backoff_ms": 10, "multiplier": 3, "max_backoff_ms": 100, "jitter": 0.2,
                                "retry_budget": 0.1,
                                "circuit_breaker": { "failure_rate": 0.4, "minimum_calls": 10, "window": 30,
                                                     "open_s": 2, "half_open_calls": 2 },
                                "bulkhead": 4, "fallback": [ { "io_ms": 2 } ] } ] } },
    { "id": "db", "kind": "database", "max_connections": 10,
      "queries": { "select": 1, "*": { "dist": "uniform", "min": 1, "max": 2 } } },
    { "id": "cache", "kind": "cache", "engine": "redis", "capacity_keys": 50, "eviction": "approx_lru",
      "samples": 10, "ttl_s": 10, "ttl_jitter": 0.1, "hit_ms": 0.1, "miss_ms": 0.1, "stampede": "lock",
      "threads": 2, "command_ms": 0.02 },
    { "id": "events", "kind": "queue", "broker": "rabbitmq", "durable": true, "publish_ms": 0.5,
      "delivery_ms": 0.5, "max_length": 1000, "overflow": "drop_head", "exchange": "direct",
      "consumers": [ { "service": "worker", "count": 1, "prefetch": 5 } ] },
    { "id": "pay", "kind": "external",
      "latency_ms": { "dist": "lognormal", "mean": 50, "stddev": 10 }, "error_rate": 0.01 }
  ],
  "faults": [ { "at_s": 50, "until_s": 60, "kind": "outage", "target": "pay" },
              { "at_s": 70, "kind": "kill_instance", "target": "api", "count": 1 },
              { "at_s": 20, "until_s": 30, "kind": "latency", "target": "db",
                "latency_ms": { "dist": "exp", "mean": 5 } },
              { "at_s": 40, "kind": "errors", "target": "worker", "error_rate": 0.25 } ]
}
)";

QByteArray nestedProbability(int depth)
{
    QByteArray s = "{ \"io_ms\": 1 }";
    for (int i = 0; i < depth; ++i)
        s = "{ \"probability\": 1, \"steps\": [ " + s + " ] }";
    return s;
}

} // namespace

class tst_ScenarioValidator : public QObject
{
    Q_OBJECT

private slots:
    void baseDocumentIsClean()
    {
        const ScenarioLoad load = parseScenario(kBase);
        QVERIFY2(load.problems.isEmpty(), qPrintable(problemsText(load.problems)));
        QVERIFY(load.ok());
        QVERIFY(validateScenario(*load.scenario).isEmpty());
    }

    void rule_data()
    {
        QTest::addColumn<QByteArrayList>("edits"); // from, to, from, to, ...
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isError");
        QTest::addColumn<QString>("message"); // a part of the message
        QTest::addColumn<int>("line");        // 0: not checked

        auto row = [](const char *name,
                      QByteArrayList edits,
                      const char *path,
                      const char *message,
                      int line = 0) {
            QTest::newRow(name) << edits << QString::fromUtf8(path) << true
                                << QString::fromUtf8(message) << line;
        };
        auto warn =
            [](const char *name, QByteArrayList edits, const char *path, const char *message) {
                QTest::newRow(name)
                    << edits << QString::fromUtf8(path) << false << QString::fromUtf8(message) << 0;
            };

        // Document
        row("format",
            {"\"format\": \"archsim-scenario\"", "\"format\": \"archsim-results\""},
            "$.format",
            "this is not an ArchSim scenario (format 'archsim-results')",
            2);
        row("newer version",
            {"\"version\": 1", "\"version\": 3"},
            "$.version",
            "written by a newer ArchSim (format version 3); this version reads version 1",
            3);
        row("version 0",
            {"\"version\": 1", "\"version\": 0"},
            "$.version",
            "unknown format version 0");
        row("slo without unit",
            {"\"version\": 1", "\"version\": 1, \"slo\": \"p99<200\""},
            "$.slo",
            "give the latency's unit, ms or s",
            3);

        // Simulation
        row("warmup >= duration",
            {"\"warmup_s\": 10", "\"warmup_s\": 100"},
            "$.simulation.warmup_s",
            "the warm-up (100 s) must be shorter than duration_s (100 s)",
            5);
        row("negative warmup",
            {"\"warmup_s\": 10", "\"warmup_s\": -1"},
            "$.simulation.warmup_s",
            "the warm-up cannot be negative");
        row("zero duration",
            {"\"duration_s\": 100", "\"duration_s\": 0"},
            "$.simulation.duration_s",
            "the duration must be greater than 0");
        row("replications",
            {"\"replications\": 1", "\"replications\": 0"},
            "$.simulation.replications",
            "must be from 1 to 10000 (it is 0)");
        row("bucket zero",
            {"\"bucket_s\": 1", "\"bucket_s\": 0"},
            "$.simulation.bucket_s",
            "the series bucket must be greater than 0 s");
        row("bucket longer than the run",
            {"\"bucket_s\": 1", "\"bucket_s\": 1e300"},
            "$.simulation.bucket_s",
            "the series bucket (1e+300 s) is longer than the run (100 s)");
        row("too many buckets",
            {"\"bucket_s\": 1", "\"bucket_s\": 0.00001"},
            "$.simulation.bucket_s",
            "use a larger bucket_s");

        // Workload
        row("entry missing",
            {"\"entry\": \"edge\",", ""},
            "$.workload.entry",
            "missing; name the component that receives the requests");
        row("entry unknown",
            {"\"entry\": \"edge\"", "\"entry\": \"edges\""},
            "$.workload.entry",
            "there is no component 'edges'",
            7);
        row("entry is a queue",
            {"\"entry\": \"edge\"", "\"entry\": \"events\""},
            "$.workload.entry",
            "'events' is a queue, which takes messages, not requests");
        row("negative rate",
            {"\"rate_per_s\": 50", "\"rate_per_s\": -5"},
            "$.workload.arrivals.rate_per_s",
            "the rate must be greater than 0 (it is -5)",
            8);
        row("zero rate",
            {"\"rate_per_s\": 50", "\"rate_per_s\": 0"},
            "$.workload.arrivals.rate_per_s",
            "the rate must be greater than 0 (it is 0)");
        row("rate missing",
            {", \"rate_per_s\": 50", ""},
            "$.workload.arrivals.rate_per_s",
            "missing; give the arrival rate");
        row("arrival kind missing",
            {"\"kind\": \"poisson\", ", ""},
            "$.workload.arrivals.kind",
            "missing; use \"kind\": \"poisson\", or one of constant, ramp, spike, bursty, diurnal");
        row("arrival kind unknown",
            {"\"kind\": \"poisson\"", "\"kind\": \"poison\""},
            "$.workload.arrivals.kind",
            "unknown arrival kind 'poison'");
        row("no request types",
            {"[ { \"name\": \"browse\", \"weight\": 3 }, { \"name\": \"buy\", \"weight\": 1 } ]",
             "[]"},
            "$.workload.requests",
            "no request types");
        row("request weight zero",
            {"\"weight\": 3", "\"weight\": 0"},
            "$.workload.requests[0].weight",
            "the weight must be greater than 0 (it is 0)",
            9);
        row("request weight negative",
            {"\"weight\": 3", "\"weight\": -1"},
            "$.workload.requests[0].weight",
            "the weight must be greater than 0 (it is -1)");
        row("request name twice",
            {"{ \"name\": \"buy\"", "{ \"name\": \"browse\""},
            "$.workload.requests[1].name",
            "'browse' is already listed at $.workload.requests[0]");
        row("request name missing",
            {"{ \"name\": \"buy\", ", "{ "},
            "$.workload.requests[1].name",
            "missing; every request type needs a name");

        // Components and ids
        row("unknown kind",
            {"\"kind\": \"external\"", "\"kind\": \"extern\""},
            "$.components[7].kind",
            "unknown kind 'extern'; use one of service, load_balancer");
        row("missing kind",
            {"\"id\": \"pay\", \"kind\": \"external\",", "\"id\": \"pay\","},
            "$.components[7].kind",
            "missing; use one of service");
        row("missing id",
            {"{ \"id\": \"pay\", ", "{ "},
            "$.components[7].id",
            "missing; every component needs a unique id");
        row("bad id",
            {"\"id\": \"worker\"", "\"id\": \"wor ker\""},
            "$.components[3].id",
            "'wor ker' may use only letters, digits, '_' and '-'");
        row("duplicate id",
            {"\"id\": \"worker\"", "\"id\": \"api\""},
            "$.components[3].id",
            "'api' is already the id of $.components[2]; ids must be unique");
        row("no components",
            {"\"components\": [", "\"components\": [], \"old\": ["},
            "$.components",
            "a scenario needs at least one component");

        // References
        row("call target",
            {"{ \"call\": \"pay\",", "{ \"call\": \"payment\","},
            "$.components[2].handlers.buy[1].parallel[1].call",
            "there is no component 'payment'");
        row("lb target",
            {"\"targets\": [ \"gw\" ]", "\"targets\": [ \"gateway\" ]"},
            "$.components[0].targets[0]",
            "there is no component 'gateway'",
            13);
        row("route target",
            {"\"browse\": [ { \"target\": \"api\"", "\"browse\": [ { \"target\": \"apx\""},
            "$.components[1].routes.browse[0].target",
            "there is no component 'apx'");
        row("pool target",
            {"\"pools\": { \"db\": 5 }", "\"pools\": { \"dbx\": 5 }"},
            "$.components[2].pools.dbx",
            "there is no component 'dbx'");
        row("consumer",
            {"{ \"service\": \"worker\"", "{ \"service\": \"workers\""},
            "$.components[6].consumers[0].service",
            "there is no component 'workers'");
        row("cache step",
            {"{ \"cache\": \"cache\",", "{ \"cache\": \"cach\","},
            "$.components[2].handlers.browse[1].cache",
            "there is no component 'cach'");
        row("publish",
            {"{ \"publish\": \"events\"", "{ \"publish\": \"event\""},
            "$.components[2].handlers.buy[3].publish",
            "there is no component 'event'");
        row("fault target",
            {"\"target\": \"pay\" }", "\"target\": \"paypal\" }"},
            "$.faults[0].target",
            "there is no component 'paypal'");

        // References to the wrong kind
        row("call a queue",
            {"{ \"call\": \"pay\",", "{ \"call\": \"events\","},
            "$.components[2].handlers.buy[1].parallel[1].call",
            "'events' is a queue, which takes messages, not requests; use {\"publish\": "
            "\"events\"");
        row("call a cache",
            {"{ \"call\": \"pay\",", "{ \"call\": \"cache\","},
            "$.components[2].handlers.buy[1].parallel[1].call",
            "'cache' is a cache; look keys up");
        row("publish to a database",
            {"{ \"publish\": \"events\"", "{ \"publish\": \"db\""},
            "$.components[2].handlers.buy[3].publish",
            "'db' is a database, not a queue; publish needs a queue");
        row("cache step on a database",
            {"{ \"cache\": \"cache\",", "{ \"cache\": \"db\","},
            "$.components[2].handlers.browse[1].cache",
            "'db' is a database, not a cache");
        row("consumer is a database",
            {"{ \"service\": \"worker\"", "{ \"service\": \"db\""},
            "$.components[6].consumers[0].service",
            "'db' is a database, not a service");
        row("kill a database",
            {"\"kind\": \"kill_instance\", \"target\": \"api\"",
             "\"kind\": \"kill_instance\", \"target\": \"db\""},
            "$.faults[1].target",
            "only a service has instances to kill");

        // Where requests go
        row("no handler",
            {"\"buy\": [ { \"cpu_ms\": 1 },", "\"purchase\": [ { \"cpu_ms\": 1 },"},
            "$.components[1].routes[\"*\"][0].target",
            "request 'buy' reaches service 'api', which has no handler for it; add a handler 'buy' "
            "to 'api'");
        row("no route",
            {"\"*\": [ { \"target\": \"api\", \"weight\": 1 } ]",
             "\"other\": [ { \"target\": \"api\", \"weight\": 1 } ]"},
            "$.components[0].targets[0]",
            "request 'buy' reaches gateway 'gw', which has no route for it and no \"*\" route");
        row("no query",
            {"\"*\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 }",
             "\"update\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 }"},
            "$.components[2].handlers.buy[1].parallel[0].call",
            "query 'insert' reaches database 'db', which has no query 'insert' and no \"*\" query");
        row("call keeps the request name",
            {"\"*\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 }",
             "\"insert\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 }",
             "{ \"call\": \"db\", \"request\": \"insert\" }",
             "{ \"call\": \"db\" }"},
            "$.components[2].handlers.buy[1].parallel[0].call",
            "query 'buy' reaches database 'db'");
        row("no handler for a message",
            {"\"sold\": [", "\"sale\": ["},
            "$.components[6].consumers[0].service",
            "message 'sold' reaches service 'worker', which has no handler for it");

        // Cycles
        row("cycle",
            {"{ \"io_ms\": 1 }", "{ \"call\": \"edge\" }"},
            "$.components[2].handlers.buy[2].steps[0].call",
            "synchronous calls form a cycle: edge → gw → api → edge",
            28);
        row("self call",
            {"{ \"call\": \"db\", \"request\": \"select\" }",
             "{ \"call\": \"api\", \"request\": \"browse\" }"},
            "$.components[2].handlers.browse[1].on_miss[0].call",
            "synchronous calls form a cycle: api → api");

        // Numbers and words of each kind
        row("replicas",
            {"\"replicas\": 2", "\"replicas\": 0"},
            "$.components[2].replicas",
            "must be at least 1",
            18);
        row("too many replicas",
            {"\"replicas\": 2", "\"replicas\": 20000"},
            "$.components[2].replicas",
            "must be at most 10000");
        row("cpu cores",
            {"\"cpu_cores\": 2", "\"cpu_cores\": 0"},
            "$.components[2].cpu_cores",
            "cpu_cores must be greater than 0");
        row("threads",
            {"\"threads\": 8", "\"threads\": 0"},
            "$.components[2].concurrency.threads",
            "must be at least 1");
        row("queue limit",
            {"\"queue_limit\": 100", "\"queue_limit\": -1"},
            "$.components[2].concurrency.queue_limit",
            "must be at least 0");
        row("workers",
            {"\"workers\": 2", "\"workers\": 0"},
            "$.components[3].concurrency.workers",
            "must be at least 1");
        row("worker threads",
            {"\"worker_threads\": 2", "\"worker_threads\": 0"},
            "$.components[3].concurrency.worker_threads",
            "must be at least 1");
        row("concurrency model",
            {"\"model\": \"thread_pool\"", "\"model\": \"fibers\""},
            "$.components[2].concurrency.model",
            "unknown concurrency model 'fibers'; use one of thread_pool, event_loop");
        row("concurrency model missing",
            {"\"model\": \"thread_pool\", ", ""},
            "$.components[2].concurrency.model",
            "missing; use \"thread_pool\" or \"event_loop\"");
        row("balancing",
            {"\"balancing\": \"random\"", "\"balancing\": \"sticky\""},
            "$.components[2].balancing",
            "unknown balancing 'sticky'");
        row("pool size",
            {"\"pools\": { \"db\": 5 }", "\"pools\": { \"db\": 0 }"},
            "$.components[2].pools.db",
            "a pool holds from 1 to 1000000 connections (it is 0)");
        row("policy",
            {"\"policy\": \"round_robin\"", "\"policy\": \"fastest\""},
            "$.components[0].policy",
            "unknown policy 'fastest'; use one of round_robin, random, least_outstanding, "
            "power_of_two");
        row("lb without targets",
            {"\"targets\": [ \"gw\" ]", "\"targets\": []"},
            "$.components[0].targets",
            "a load balancer needs at least one target");
        row("gateway without routes",
            {"\"routes\": { \"browse\": [ { \"target\": \"api\", \"weight\": 1 } ],\n"
             "                  \"*\": [ { \"target\": \"api\", \"weight\": 1 } ] }",
             "\"routes\": {}"},
            "$.components[1].routes",
            "a gateway needs routes");
        row("route without targets",
            {"\"browse\": [ { \"target\": \"api\", \"weight\": 1 } ]", "\"browse\": []"},
            "$.components[1].routes.browse",
            "a route needs at least one target");
        row("route weight",
            {"\"browse\": [ { \"target\": \"api\", \"weight\": 1 } ]",
             "\"browse\": [ { \"target\": \"api\", \"weight\": -1 } ]"},
            "$.components[1].routes.browse[0].weight",
            "the weight must be greater than 0 (it is -1)");
        row("max connections",
            {"\"max_connections\": 10", "\"max_connections\": 0"},
            "$.components[4].max_connections",
            "must be at least 1");
        row("no queries",
            {"\"queries\": { \"select\": 1, \"*\": { \"dist\": \"uniform\", \"min\": 1, \"max\": 2 "
             "} }",
             "\"queries\": {}"},
            "$.components[4].queries",
            "a database needs queries");
        row("probability",
            {"\"probability\": 0.5", "\"probability\": 1.5"},
            "$.components[2].handlers.buy[2].probability",
            "the probability must be between 0 and 1 (it is 1.5)");
        row("negative probability",
            {"\"probability\": 0.5", "\"probability\": -0.1"},
            "$.components[2].handlers.buy[2].probability",
            "between 0 and 1");
        row("error rate",
            {"\"error_rate\": 0.01", "\"error_rate\": 2"},
            "$.components[7].error_rate",
            "the error rate must be between 0 and 1 (it is 2)");
        row("timeout",
            {"\"timeout_ms\": 100", "\"timeout_ms\": 0"},
            "$.components[2].handlers.buy[1].parallel[1].timeout_ms",
            "the timeout must be greater than 0");
        row("retries",
            {"\"retries\": 1", "\"retries\": -1"},
            "$.components[2].handlers.buy[1].parallel[1].retries",
            "must be at least 0");
        row("empty parallel",
            {"[ { \"call\": \"db\", \"request\": \"insert\" },\n"
             "                                 { \"call\": \"pay\", \"timeout_ms\": 100, "
             "\"retries\": 1 } ]",
             "[]"},
            "$.components[2].handlers.buy[1].parallel",
            "a parallel step needs at least one branch");
        row("step without a kind",
            {"{ \"io_ms\": 1 }", "{ \"sleep_ms\": 1 }"},
            "$.components[2].handlers.buy[2].steps[0]",
            "a step needs one of cpu_ms, io_ms, call, parallel, publish, cache or probability");
        row("too deep",
            {"{ \"io_ms\": 1 }", nestedProbability(17)},
            qPrintable(QStringLiteral("$.components[2].handlers.buy[2]")
                       + QStringLiteral(".steps[0]").repeated(16)),
            "steps nest more than 16 levels deep");
        row("cache keys",
            {"\"keys\": 100", "\"keys\": 0"},
            "$.components[2].handlers.browse[1].keys",
            "must be at least 1");
        row("cache keys missing",
            {"\"keys\": 100, ", ""},
            "$.components[2].handlers.browse[1].keys",
            "missing; give the number of distinct keys");
        row("zipf",
            {"\"zipf\": 0.9", "\"zipf\": -1"},
            "$.components[2].handlers.browse[1].zipf",
            "the Zipf exponent must be from 0");
        row("capacity",
            {"\"capacity_keys\": 50", "\"capacity_keys\": 0"},
            "$.components[5].capacity_keys",
            "must be at least 1");
        row("engine",
            {"\"engine\": \"redis\"", "\"engine\": \"valkey\""},
            "$.components[5].engine",
            "unknown engine 'valkey'; use one of redis, memcached");
        row("eviction",
            {"\"eviction\": \"approx_lru\"", "\"eviction\": \"mru\""},
            "$.components[5].eviction",
            "unknown eviction 'mru'");
        row("stampede",
            {"\"stampede\": \"lock\"", "\"stampede\": \"pray\""},
            "$.components[5].stampede",
            "unknown stampede protection 'pray'");
        row("ttl",
            {"\"ttl_s\": 10", "\"ttl_s\": -1"},
            "$.components[5].ttl_s",
            "the TTL must be from 0 (no expiry)");
        row("ttl jitter",
            {"\"ttl_jitter\": 0.1", "\"ttl_jitter\": 1.5"},
            "$.components[5].ttl_jitter",
            "the jitter must be between 0 and 1");
        row("broker",
            {"\"broker\": \"rabbitmq\"", "\"broker\": \"kafka\""},
            "$.components[6].broker",
            "unknown broker 'kafka'");
        row("overflow",
            {"\"overflow\": \"drop_head\"", "\"overflow\": \"explode\""},
            "$.components[6].overflow",
            "unknown overflow 'explode'");
        row("exchange",
            {"\"exchange\": \"direct\"", "\"exchange\": \"topic\""},
            "$.components[6].exchange",
            "unknown exchange 'topic'; use one of direct, fanout");
        row("max length",
            {"\"max_length\": 1000", "\"max_length\": 0"},
            "$.components[6].max_length",
            "must be at least 1");
        row("consumer count",
            {"\"count\": 1, \"prefetch\": 5", "\"count\": 0, \"prefetch\": 5"},
            "$.components[6].consumers[0].count",
            "must be at least 1");
        row("prefetch",
            {"\"prefetch\": 5", "\"prefetch\": 0"},
            "$.components[6].consumers[0].prefetch",
            "must be at least 1");
        row("fault kind",
            {"\"kind\": \"outage\"", "\"kind\": \"meteor\""},
            "$.faults[0].kind",
            "unknown fault kind 'meteor'; use one of kill_instance, outage, latency, errors");
        row("fault time missing",
            {"\"at_s\": 50, ", ""},
            "$.faults[0].at_s",
            "missing; give the time of the fault");
        row("fault negative time",
            {"\"at_s\": 50", "\"at_s\": -50"},
            "$.faults[0].at_s",
            "the time cannot be negative");
        row("fault end",
            {"\"until_s\": 60", "\"until_s\": 40"},
            "$.faults[0].until_s",
            "until_s (40) must be later than at_s (50)");
        row("fault count",
            {"\"count\": 1 }", "\"count\": 0 }"},
            "$.faults[1].count",
            "must be at least 1");

        // Distributions
        row("negative mean",
            {"{ \"dist\": \"exp\", \"mean\": 2 }", "{ \"dist\": \"exp\", \"mean\": -2 }"},
            "$.components[2].handlers.browse[0].cpu_ms.mean",
            "mean must be 0 or more (it is -2)",
            22);
        row("negative constant",
            {"\"buy\": [ { \"cpu_ms\": 1 },", "\"buy\": [ { \"cpu_ms\": -1 },"},
            "$.components[2].handlers.buy[0].cpu_ms",
            "a duration must be 0 or more (it is -1)");
        row("min > max",
            {"\"min\": 1, \"max\": 2", "\"min\": 3, \"max\": 2"},
            "$.components[4].queries[\"*\"].min",
            "min (3) is greater than max (2); swap them");
        row("erlang k",
            {"{ \"dist\": \"exp\", \"mean\": 2 }",
             "{ \"dist\": \"erlang\", \"k\": 0, \"mean\": 2 }"},
            "$.components[2].handlers.browse[0].cpu_ms.k",
            "k must be from 1 to 1000 (it is 0)");
        row("erlang k missing",
            {"{ \"dist\": \"exp\", \"mean\": 2 }", "{ \"dist\": \"erlang\", \"mean\": 2 }"},
            "$.components[2].handlers.browse[0].cpu_ms.k",
            "missing; an erlang distribution needs 'k'");
        row("unknown dist",
            {"{ \"dist\": \"exp\", \"mean\": 2 }", "{ \"dist\": \"gamma\", \"mean\": 2 }"},
            "$.components[2].handlers.browse[0].cpu_ms.dist",
            "unknown distribution 'gamma'; use one of const, exp, uniform, lognormal, erlang");
        row("no dist",
            {"{ \"dist\": \"exp\", \"mean\": 2 }", "{ \"mean\": 2 }"},
            "$.components[2].handlers.browse[0].cpu_ms",
            "a distribution object needs \"dist\"");
        row("missing mean",
            {"{ \"dist\": \"exp\", \"mean\": 2 }", "{ \"dist\": \"exp\" }"},
            "$.components[2].handlers.browse[0].cpu_ms.mean",
            "missing; \"dist\": \"exp\" needs 'mean'");
        row("lognormal mean zero",
            {"\"mean\": 50, \"stddev\": 10", "\"mean\": 0, \"stddev\": 10"},
            "$.components[7].latency_ms.mean",
            "mean must be greater than 0");
        row("negative stddev",
            {"\"mean\": 50, \"stddev\": 10", "\"mean\": 50, \"stddev\": -10"},
            "$.components[7].latency_ms.stddev",
            "stddev must be 0 or more");
        row("too long",
            {"\"buy\": [ { \"cpu_ms\": 1 },", "\"buy\": [ { \"cpu_ms\": 1e12 },"},
            "$.components[2].handlers.buy[0].cpu_ms",
            "1e+12 ms is too long; use at most 1000000000 ms");
        row("latency",
            {"\"latency_ms\": 0.1", "\"latency_ms\": -0.1"},
            "$.components[0].latency_ms",
            "a duration must be 0 or more");
        row("hit latency",
            {"\"hit_ms\": 0.1", "\"hit_ms\": { \"dist\": \"uniform\", \"min\": 1 }"},
            "$.components[5].hit_ms.max",
            "missing; \"dist\": \"uniform\" needs 'max'");

        // Arrival kinds (the edit replaces the poisson arrivals on line 8)
        const QByteArray poisson = "\"kind\": \"poisson\", \"rate_per_s\": 50";
        row("ramp from missing",
            {poisson, "\"kind\": \"ramp\", \"to\": 100, \"over_s\": 60"},
            "$.workload.arrivals.from",
            "missing; ramp arrivals need 'from', the rate at the start",
            8);
        row("ramp to missing",
            {poisson, "\"kind\": \"ramp\", \"from\": 100, \"over_s\": 60"},
            "$.workload.arrivals.to",
            "missing; ramp arrivals need 'to'");
        row("ramp over missing",
            {poisson, "\"kind\": \"ramp\", \"from\": 1, \"to\": 100"},
            "$.workload.arrivals.over_s",
            "missing; ramp arrivals need 'over_s'");
        row("ramp from 0 to 0",
            {poisson, "\"kind\": \"ramp\", \"from\": 0, \"to\": 0, \"over_s\": 60"},
            "$.workload.arrivals.to",
            "a ramp from 0 to 0 sends nothing");
        row("ramp negative rate",
            {poisson, "\"kind\": \"ramp\", \"from\": -1, \"to\": 5, \"over_s\": 60"},
            "$.workload.arrivals.from",
            "from must be at least 0 and at most 100000000 (it is -1)");
        row("ramp over zero",
            {poisson, "\"kind\": \"ramp\", \"from\": 1, \"to\": 5, \"over_s\": 0"},
            "$.workload.arrivals.over_s",
            "over_s must be greater than 0 and at most 100000000 (it is 0)");
        row("ramp start negative",
            {poisson, "\"kind\": \"ramp\", \"from\": 1, \"to\": 5, \"over_s\": 5, \"start_s\": -2"},
            "$.workload.arrivals.start_s",
            "start_s must be at least 0");
        row("spike base missing",
            {poisson, "\"kind\": \"spike\", \"peak\": 200, \"at_s\": 10, \"length_s\": 5"},
            "$.workload.arrivals.rate_per_s",
            "missing; give the arrival rate in requests per second");
        row("spike peak missing",
            {poisson, "\"kind\": \"spike\", \"rate_per_s\": 50, \"at_s\": 10, \"length_s\": 5"},
            "$.workload.arrivals.peak",
            "missing; spike arrivals need 'peak', the rate during the spike");
        row("spike at missing",
            {poisson, "\"kind\": \"spike\", \"rate_per_s\": 50, \"peak\": 9, \"length_s\": 5"},
            "$.workload.arrivals.at_s",
            "missing; spike arrivals need 'at_s'");
        row("spike length zero",
            {poisson,
             "\"kind\": \"spike\", \"rate_per_s\": 50, \"peak\": 9, \"at_s\": 1, \"length_s\": 0"},
            "$.workload.arrivals.length_s",
            "length_s must be greater than 0");
        row("spike negative peak",
            {poisson,
             "\"kind\": \"spike\", \"rate_per_s\": 50, \"peak\": -9, \"at_s\": 1, \"length_s\": 2"},
            "$.workload.arrivals.peak",
            "peak must be at least 0");
        const QByteArray bursty = "\"kind\": \"bursty\", \"low_rate\": 10, \"high_rate\": 100, "
                                  "\"low_mean_s\": 20, \"high_mean_s\": 5";
        row("bursty high rate zero",
            {poisson, bursty, "\"high_rate\": 100", "\"high_rate\": 0"},
            "$.workload.arrivals.high_rate",
            "high_rate must be greater than 0");
        row("bursty low rate negative",
            {poisson, bursty, "\"low_rate\": 10", "\"low_rate\": -10"},
            "$.workload.arrivals.low_rate",
            "low_rate must be at least 0");
        row("bursty mean missing",
            {poisson, bursty, ", \"low_mean_s\": 20", ""},
            "$.workload.arrivals.low_mean_s",
            "missing; bursty arrivals need 'low_mean_s'");
        row("bursty mean zero",
            {poisson, bursty, "\"high_mean_s\": 5", "\"high_mean_s\": 0"},
            "$.workload.arrivals.high_mean_s",
            "high_mean_s must be at least 0.001 and at most 100000000 (it is 0)");
        const QByteArray diurnal = "\"kind\": \"diurnal\", \"mean\": 50, \"amplitude\": 0.5, "
                                   "\"period_s\": 100, \"peak_at_s\": 25";
        row("diurnal amplitude",
            {poisson, diurnal, "\"amplitude\": 0.5", "\"amplitude\": 1.5"},
            "$.workload.arrivals.amplitude",
            "amplitude must be at least 0 and at most 1 (it is 1.5)");
        row("diurnal amplitude missing",
            {poisson, diurnal, "\"amplitude\": 0.5, ", ""},
            "$.workload.arrivals.amplitude",
            "missing; diurnal arrivals need 'amplitude'");
        row("diurnal mean zero",
            {poisson, diurnal, "\"mean\": 50", "\"mean\": 0"},
            "$.workload.arrivals.mean",
            "mean must be greater than 0");
        row("diurnal period zero",
            {poisson, diurnal, "\"period_s\": 100", "\"period_s\": 0"},
            "$.workload.arrivals.period_s",
            "period_s must be greater than 0");
        row("diurnal peak negative",
            {poisson, diurnal, "\"peak_at_s\": 25", "\"peak_at_s\": -1"},
            "$.workload.arrivals.peak_at_s",
            "peak_at_s must be at least 0");

        // Service lifecycle (worker, $.components[3])
        const QByteArray scaling = "\"autoscaling\": { \"min\": 1, \"max\": 4,";
        row("autoscaling max missing",
            {scaling, "\"autoscaling\": { \"min\": 1,"},
            "$.components[3].autoscaling.max",
            "missing; give the most replicas the autoscaler may run");
        row("autoscaling max below min",
            {scaling, "\"autoscaling\": { \"min\": 5, \"max\": 4,"},
            "$.components[3].autoscaling.max",
            "max (4) is below min (5)");
        row("autoscaling min",
            {scaling, "\"autoscaling\": { \"min\": 0, \"max\": 4,"},
            "$.components[3].autoscaling.min",
            "must be at least 1");
        row("autoscaling max too big",
            {scaling, "\"autoscaling\": { \"min\": 1, \"max\": 40000,"},
            "$.components[3].autoscaling.max",
            "must be at most 10000");
        row("target cpu zero",
            {"\"target_cpu\": 0.5", "\"target_cpu\": 0"},
            "$.components[3].autoscaling.target_cpu",
            "target_cpu is a fraction of cpu_cores, greater than 0 and at most 1 (it is 0)");
        row("target cpu above 1",
            {"\"target_cpu\": 0.5", "\"target_cpu\": 1.5"},
            "$.components[3].autoscaling.target_cpu",
            "(it is 1.5)");
        row("autoscaling interval",
            {"\"interval_s\": 10", "\"interval_s\": 0"},
            "$.components[3].autoscaling.interval_s",
            "interval_s must be from 0.001 to 100000000 s (it is 0)");
        row("stabilization negative",
            {"\"scale_down_stabilization_s\": 60", "\"scale_down_stabilization_s\": -60"},
            "$.components[3].autoscaling.scale_down_stabilization_s",
            "the stabilization window must be from 0");
        row("tolerance",
            {"\"tolerance\": 0.2", "\"tolerance\": 2"},
            "$.components[3].autoscaling.tolerance",
            "the tolerance must be between 0 and 1 (it is 2)");
        row("startup negative",
            {"\"startup_s\": 3", "\"startup_s\": -3"},
            "$.components[3].startup_s",
            "startup_s must be from 0 to 100000000 s (it is -3)");
        row("memory limit zero",
            {"\"memory_mb\": 512", "\"memory_mb\": 0"},
            "$.components[3].memory_mb",
            "must be greater than 0 (it is 0); leave it out for no limit");
        row("memory base negative",
            {"\"memory_base_mb\": 100", "\"memory_base_mb\": -1"},
            "$.components[3].memory_base_mb",
            "must be 0 or more (it is -1)");
        row("memory too large",
            {"\"memory_per_request_mb\": 2", "\"memory_per_request_mb\": 1e12"},
            "$.components[3].memory_per_request_mb",
            "must be at most 1000000000 MB");
        row("restart policy",
            {"\"restart\": \"on_failure\"", "\"restart\": \"sometimes\""},
            "$.components[3].restart",
            "unknown restart policy 'sometimes'; use one of always, on_failure, no");
        row("restart back-off",
            {"\"restart_backoff_s\": 5", "\"restart_backoff_s\": -5"},
            "$.components[3].restart_backoff_s",
            "the restart back-off must be from 0");
        row("health interval",
            {"\"health_check\": { \"interval_s\": 5", "\"health_check\": { \"interval_s\": 0.0001"},
            "$.components[3].health_check.interval_s",
            "interval_s must be from 0.001");
        row("health failures",
            {"\"failures\": 2", "\"failures\": 0"},
            "$.components[3].health_check.failures",
            "must be at least 1");

        // Call resilience (worker's call to pay)
        const QString call = QStringLiteral("$.components[3].handlers.sold[1].");
        auto callRow =
            [&](const char *name, QByteArrayList edits, const char *field, const char *message) {
                row(name, edits, qPrintable(call + QString::fromLatin1(field)), message);
            };
        callRow("backoff negative",
                {"\"backoff_ms\": 10", "\"backoff_ms\": -10"},
                "backoff_ms",
                "backoff_ms must be from 0 to 1000000000 ms (it is -10)");
        callRow("max backoff",
                {"\"max_backoff_ms\": 100", "\"max_backoff_ms\": 1e10"},
                "max_backoff_ms",
                "max_backoff_ms must be from 0 to 1000000000 ms");
        callRow("multiplier below 1",
                {"\"multiplier\": 3", "\"multiplier\": 0.5"},
                "multiplier",
                "the multiplier must be from 1 (the same wait every time) to 100 (it is 0.5)");
        callRow("jitter",
                {"\"jitter\": 0.2", "\"jitter\": 1.2"},
                "jitter",
                "the jitter must be between 0 and 1");
        callRow("retry budget",
                {"\"retry_budget\": 0.1", "\"retry_budget\": -0.1"},
                "retry_budget",
                "the retry budget must be between 0 and 1 (it is -0.1)");
        callRow("breaker failure rate",
                {"\"failure_rate\": 0.4", "\"failure_rate\": 0"},
                "circuit_breaker.failure_rate",
                "the failure rate must be greater than 0 and at most 1");
        callRow("breaker minimum calls",
                {"\"minimum_calls\": 10", "\"minimum_calls\": 0"},
                "circuit_breaker.minimum_calls",
                "must be at least 1");
        callRow("breaker window",
                {"\"window\": 30", "\"window\": 0"},
                "circuit_breaker.window",
                "must be at least 1");
        callRow("breaker open",
                {"\"open_s\": 2", "\"open_s\": -2"},
                "circuit_breaker.open_s",
                "open_s must be from 0 to 100000000 s (it is -2)");
        callRow("breaker half open",
                {"\"half_open_calls\": 2", "\"half_open_calls\": 0"},
                "circuit_breaker.half_open_calls",
                "must be at least 1");
        callRow("breaker type",
                {"\"circuit_breaker\": {", "\"circuit_breaker\": true, \"x\": {"},
                "circuit_breaker",
                "expected an object, found true");
        callRow("bulkhead",
                {"\"bulkhead\": 4", "\"bulkhead\": 0"},
                "bulkhead",
                "must be at least 1");
        callRow("fallback step",
                {"[ { \"io_ms\": 2 } ]", "[ { \"sleep_ms\": 2 } ]"},
                "fallback[0]",
                "a step needs one of cpu_ms, io_ms, call, parallel");
        callRow("fallback distribution",
                {"[ { \"io_ms\": 2 } ]", "[ { \"io_ms\": -2 } ]"},
                "fallback[0].io_ms",
                "a duration must be 0 or more (it is -2)");
        callRow("fallback reference",
                {"[ { \"io_ms\": 2 } ]", "[ { \"call\": \"paypal\" } ]"},
                "fallback[0].call",
                "there is no component 'paypal'");
        callRow("fallback without a handler",
                {"[ { \"io_ms\": 2 } ]", "[ { \"call\": \"api\", \"request\": \"refund\" } ]"},
                "fallback[0].call",
                "request 'refund' reaches service 'api', which has no handler for it");
        row("fallback cycle",
            {"{ \"io_ms\": 1 }", "{ \"call\": \"pay\", \"fallback\": [ { \"call\": \"edge\" } ] }"},
            "$.components[2].handlers.buy[2].steps[0].fallback[0].call",
            "synchronous calls form a cycle: edge → gw → api → edge");
        callRow("fallback too deep",
                {"[ { \"io_ms\": 2 } ]", "[ " + nestedProbability(15) + " ]"},
                qPrintable(QStringLiteral("fallback[0]")
                           + QStringLiteral(".steps[0]").repeated(15)),
                "steps nest more than 16 levels deep");
        callRow("fallback type",
                {"\"fallback\": [ { \"io_ms\": 2 } ]", "\"fallback\": { \"io_ms\": 2 }"},
                "fallback",
                "expected an array of steps, found an object");

        // Cache additions
        row("samples",
            {"\"samples\": 10", "\"samples\": 0"},
            "$.components[5].samples",
            "must be at least 1");
        row("too many samples",
            {"\"samples\": 10", "\"samples\": 5000"},
            "$.components[5].samples",
            "must be at most 1000");
        row("cache threads",
            {"\"threads\": 2, \"command_ms\"", "\"threads\": 0, \"command_ms\""},
            "$.components[5].threads",
            "must be at least 1");
        row("command time",
            {"\"command_ms\": 0.02", "\"command_ms\": -0.02"},
            "$.components[5].command_ms",
            "a duration must be 0 or more");

        // Fault additions
        row("latency fault without latency",
            {", \"kind\": \"latency\", \"target\": \"db\",\n                \"latency_ms\": { "
             "\"dist\": \"exp\", \"mean\": 5 }",
             ", \"kind\": \"latency\", \"target\": \"db\""},
            "$.faults[2].latency_ms",
            "missing; give the latency added to every visit");
        row("latency fault negative",
            {"\"latency_ms\": { \"dist\": \"exp\", \"mean\": 5 }",
             "\"latency_ms\": { \"dist\": \"exp\", \"mean\": -5 }"},
            "$.faults[2].latency_ms.mean",
            "mean must be 0 or more (it is -5)");
        row("errors fault without rate",
            {", \"error_rate\": 0.25", ""},
            "$.faults[3].error_rate",
            "missing; give the probability that a visit fails, 0 to 1");
        row("errors fault rate",
            {"\"error_rate\": 0.25", "\"error_rate\": 1.25"},
            "$.faults[3].error_rate",
            "the error rate must be between 0 and 1 (it is 1.25)");
        row("fault end too late",
            {"\"until_s\": 30", "\"until_s\": 1e9"},
            "$.faults[2].until_s",
            "must be at most 100000000 s");
        row("fault start too late",
            {"\"at_s\": 40", "\"at_s\": 1e9"},
            "$.faults[3].at_s",
            "must be at most 100000000 s");
        row("fault target of a latency fault",
            {"\"target\": \"db\",", "\"target\": \"dbx\","},
            "$.faults[2].target",
            "there is no component 'dbx'");

        // Warnings: legal but suspicious
        warn("offload on a thread pool",
             {"\"buy\": [ { \"cpu_ms\": 1 },", "\"buy\": [ { \"cpu_ms\": 1, \"offload\": true },"},
             "$.components[2].handlers.buy[0].offload",
             "offload matters only on an event_loop service");
        warn("threads on an event loop",
             {"\"workers\": 2,", "\"workers\": 2, \"threads\": 4,"},
             "$.components[3].concurrency.threads",
             "threads applies to thread_pool only; with event_loop it is ignored");
        warn("unreached",
             {"{ \"id\": \"pay\",",
              "{ \"id\": \"lonely\", \"kind\": \"external\" }, { \"id\": \"pay\","},
             "$.components[7]",
             "nothing sends requests to 'lonely' from the workload entry");
        warn("queue without consumers",
             {"[ { \"service\": \"worker\", \"count\": 1, \"prefetch\": 5 } ]", "[]"},
             "$.components[6].consumers",
             "this queue has no consumers");
        warn("service without handlers",
             {"\"handlers\": { \"sold\": [", "\"handlers\": {}, \"old\": { \"sold\": ["},
             "$.components[3].handlers",
             "this service has no handlers");
        warn("fault after the run",
             {"\"at_s\": 70", "\"at_s\": 700"},
             "$.faults[1].at_s",
             "the fault comes at 700 s, after the run ends (100 s)");

        // Warnings about the additions
        warn("rate with ramp arrivals",
             {"\"kind\": \"poisson\"", "\"kind\": \"ramp\", \"from\": 1, \"to\": 9, \"over_s\": 5"},
             "$.workload.arrivals.rate_per_s",
             "rate_per_s applies to poisson, constant and spike arrivals only; with ramp arrivals "
             "it is ignored");
        warn("spike field with poisson",
             {"\"rate_per_s\": 50", "\"rate_per_s\": 50, \"peak\": 100"},
             "$.workload.arrivals.peak",
             "peak applies to spike arrivals only; with poisson arrivals it is ignored");
        warn("spike after the run",
             {"\"kind\": \"poisson\"",
              "\"kind\": \"spike\", \"peak\": 100, \"at_s\": 200, \"length_s\": 5"},
             "$.workload.arrivals.at_s",
             "the spike comes at 200 s, after the run ends (100 s)");
        warn("replicas outside the autoscaling range",
             {"\"concurrency\": { \"model\": \"event_loop\"",
              "\"replicas\": 9, \"concurrency\": { \"model\": \"event_loop\""},
             "$.components[3].replicas",
             "replicas (9) is outside autoscaling min..max (1..4); the service starts with 4");
        warn("memory without a limit",
             {"\"memory_mb\": 512, ", ""},
             "$.components[3].memory_base_mb",
             "memory_base_mb matters only with memory_mb, the limit per replica");
        warn("memory full at the first request",
             {"\"memory_mb\": 512", "\"memory_mb\": 101"},
             "$.components[3].memory_mb",
             "memory_base_mb + memory_per_request_mb (102 MB) exceed memory_mb (101 MB): every "
             "replica runs out of memory at its first request");
        warn("back-off without restarts",
             {"\"restart\": \"on_failure\"", "\"restart\": \"no\""},
             "$.components[3].restart_backoff_s",
             "restart_backoff_s matters only when replicas restart");
        warn("back-off without retries",
             {"\"retries\": 2,", "\"retries\": 0,"},
             "$.components[3].handlers.sold[1].backoff_ms",
             "backoff_ms matters only with retries, and this call has none");
        warn("jitter without back-off",
             {"\"backoff_ms\": 10, ", ""},
             "$.components[3].handlers.sold[1].jitter",
             "jitter spreads the back-off, but there is none");
        warn("breaker that never opens",
             {"\"minimum_calls\": 10", "\"minimum_calls\": 40"},
             "$.components[3].handlers.sold[1].circuit_breaker.minimum_calls",
             "minimum_calls (40) is more than the window holds (30), so the breaker never opens");
        warn("two breakers for one target",
             {"[ { \"io_ms\": 2 } ]",
              "[ { \"call\": \"pay\", \"circuit_breaker\": { \"window\": 30 } } ]"},
             "$.components[3].handlers.sold[1].fallback[0].circuit_breaker",
             "calls from 'worker' to 'pay' share one circuit breaker, but this circuit_breaker "
             "differs from the one at $.components[3].handlers.sold[1]");
        warn("two bulkheads for one target",
             {"[ { \"io_ms\": 2 } ]", "[ { \"call\": \"pay\", \"bulkhead\": 2 } ]"},
             "$.components[3].handlers.sold[1].fallback[0].bulkhead",
             "share one bulkhead");
        warn("two retry budgets for one target",
             {"[ { \"io_ms\": 2 } ]",
              "[ { \"call\": \"pay\", \"retries\": 1, \"retry_budget\": 0.3 } ]"},
             "$.components[3].handlers.sold[1].fallback[0].retry_budget",
             "share one retry budget");
        warn("samples without sampling",
             {"\"eviction\": \"approx_lru\"", "\"eviction\": \"lru\""},
             "$.components[5].samples",
             "samples applies to approx_lru and approx_lfu only; with lru it is ignored");
        warn("samples with memcached's default",
             {"\"engine\": \"redis\", \"capacity_keys\": 50, \"eviction\": \"approx_lru\",",
              "\"engine\": \"memcached\", \"capacity_keys\": 50,"},
             "$.components[5].samples",
             "with segmented_lru it is ignored");
        warn("overflow without a limit",
             {"\"max_length\": 1000, ", ""},
             "$.components[6].overflow",
             "overflow matters only with max_length; without one the queue never overflows");
        warn("count on an outage",
             {"\"kind\": \"outage\", \"target\": \"pay\"",
              "\"kind\": \"outage\", \"target\": \"pay\", \"count\": 2"},
             "$.faults[0].count",
             "count applies to kill_instance faults only; with outage it is ignored");
        warn("end of a kill",
             {"\"kind\": \"kill_instance\"", "\"until_s\": 80, \"kind\": \"kill_instance\""},
             "$.faults[1].until_s",
             "a kill has no end");
        warn("latency on an errors fault",
             {"\"error_rate\": 0.25", "\"error_rate\": 0.25, \"latency_ms\": 3"},
             "$.faults[3].latency_ms",
             "latency_ms applies to latency faults only; with errors it is ignored");
        warn("error rate on an outage",
             {"\"kind\": \"outage\", \"target\": \"pay\"",
              "\"kind\": \"outage\", \"target\": \"pay\", \"error_rate\": 1"},
             "$.faults[0].error_rate",
             "error_rate applies to errors faults only; with outage it is ignored");
    }

    void rule()
    {
        QFETCH(QByteArrayList, edits);
        QFETCH(QString, path);
        QFETCH(bool, isError);
        QFETCH(QString, message);
        QFETCH(int, line);

        QByteArray text(kBase);
        for (qsizetype i = 0; i + 1 < edits.size(); i += 2) {
            const qsizetype at = text.indexOf(edits.at(i));
            QVERIFY2(at >= 0, edits.at(i).constData());
            text.replace(at, edits.at(i).size(), edits.at(i + 1));
        }
        const ScenarioLoad load = parseScenario(text);
        QVERIFY(load.scenario);
        const Problem *found = nullptr;
        for (const Problem &p : load.problems) {
            if (p.path == path && p.message.contains(message))
                found = &p;
        }
        QVERIFY2(found,
                 qPrintable(QStringLiteral("expected %1: %2\ngot:\n%3")
                                .arg(path, message, problemsText(load.problems))));
        QCOMPARE(found->isError(), isError);
        QCOMPARE(load.ok(), !isError && !hasErrors(load.problems));
        if (line > 0)
            QCOMPARE(found->line, line);
        QVERIFY(found->line > 0);
        // Every message is a sentence for a person, not a code.
        QVERIFY(found->message.size() > 10);
    }

    void validatesEditedScenarios()
    {
        // The GUI edits the structs directly: no text, no lines, same rules.
        Scenario s;
        s.workload.entry = QStringLiteral("a");
        s.workload.arrivals.kind = QStringLiteral("poisson");
        s.workload.arrivals.ratePerS = 10;
        RequestType r;
        r.name = QStringLiteral("r");
        r.weight = 1.0;
        s.workload.requests = {r};
        Component a;
        a.id = QStringLiteral("a");
        a.service.handlers = {Handler{QStringLiteral("r"), {Step::call(QStringLiteral("b"))}}};
        Component b = a;
        b.id = QStringLiteral("b");
        b.service.handlers = {Handler{QStringLiteral("r"), {Step::call(QStringLiteral("a"))}}};
        s.components = {a, b};
        const Problems problems = validateScenario(s);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().path, QStringLiteral("$.components[1].handlers.r[0].call"));
        QVERIFY(problems.first().message.contains(QStringLiteral("a → b → a")));
        QCOMPARE(problems.first().line, 0);

        s.components[1].service.handlers.first().steps = {Step::cpu(Distribution::constant(1))};
        QVERIFY(validateScenario(s).isEmpty());
    }

    void sharedSettingsAreWarnedOncePerStep()
    {
        // Three calls to the same target with three bulkheads: the second and the third
        // step each get one warning, naming the first step that differs.
        const QByteArray text = R"({ "format": "archsim-scenario", "version": 1,
  "workload": { "entry": "a", "arrivals": { "kind": "poisson", "rate_per_s": 1 },
                "requests": [ { "name": "r" } ] },
  "components": [ { "id": "a", "kind": "service", "handlers": { "r": [
                      { "call": "x", "bulkhead": 1 }, { "call": "x", "bulkhead": 2 },
                      { "call": "x", "bulkhead": 3 }, { "call": "y", "bulkhead": 9 } ] } },
                  { "id": "x", "kind": "external" }, { "id": "y", "kind": "external" } ] })";
        const ScenarioLoad load = parseScenario(text);
        QVERIFY(load.ok());
        QStringList paths;
        for (const Problem &p : load.problems) {
            QVERIFY(!p.isError());
            paths.append(p.path);
            QVERIFY2(p.message.contains(
                         QStringLiteral("differs from the one at $.components[0].handlers.r[0]")),
                     qPrintable(p.message));
        }
        QCOMPARE(paths,
                 (QStringList{QStringLiteral("$.components[0].handlers.r[1].bulkhead"),
                              QStringLiteral("$.components[0].handlers.r[2].bulkhead")}));
    }

    void everyProblemIsReportedOnce()
    {
        QByteArray text(kBase);
        text.replace("\"replicas\": 2", "\"replicas\": 0");
        text.replace("\"rate_per_s\": 50", "\"rate_per_s\": -1");
        text.replace("\"warmup_s\": 10", "\"warmup_s\": 1000");
        text.replace("\"probability\": 0.5", "\"probability\": 2");
        text.replace("{ \"publish\": \"events\"", "{ \"publish\": \"nowhere\"");
        const ScenarioLoad load = parseScenario(text);
        QStringList paths;
        QStringList warnings;
        for (const Problem &p : load.problems)
            (p.isError() ? paths : warnings).append(p.path);
        // With the publish gone, nothing reaches the queue and its consumer.
        QCOMPARE(warnings,
                 (QStringList{QStringLiteral("$.components[3]"),
                              QStringLiteral("$.components[6]")}));
        QCOMPARE(paths,
                 (QStringList{QStringLiteral("$.simulation.warmup_s"),
                              QStringLiteral("$.workload.arrivals.rate_per_s"),
                              QStringLiteral("$.components[2].replicas"),
                              QStringLiteral("$.components[2].handlers.buy[2].probability"),
                              QStringLiteral("$.components[2].handlers.buy[3].publish")}));
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioValidator)
#include "tst_scenariovalidator.moc"
