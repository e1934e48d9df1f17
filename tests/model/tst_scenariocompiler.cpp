// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QTest>

#include <limits>

Q_DECLARE_METATYPE(Sim::Workload)

using namespace Model;
using TestSupport::loadExample;
using TestSupport::problemsText;

namespace {

Scenario parsed(const QByteArray &text)
{
    const ScenarioLoad load = parseScenario(text);
    return load.scenario.value_or(Scenario());
}

const char *const kHeader = R"("format": "archsim-scenario", "version": 1, "name": "t",
  "simulation": { "duration_s": 10, "warmup_s": 1, "seed": 5, "replications": 2, "bucket_s": 0.5 },)";

} // namespace

class tst_ScenarioCompiler : public QObject
{
    Q_OBJECT

private slots:
    void compilesMm1()
    {
        const CompiledScenario compiled = compileScenario(loadExample(QStringLiteral("mm1.json")));
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        QVERIFY(compiled.problems.isEmpty());

        Sim::Spec expected;
        expected.name = "M/M/1 check";
        expected.durationS = 2000;
        expected.warmupS = 100;
        expected.bucketS = 10;
        expected.seed = 1;
        expected.replications = 1;
        expected.workload.entry = 0;
        expected.workload.arrivals = Sim::ArrivalKind::Poisson;
        expected.workload.ratePerS = 800;
        expected.workload.requests = {{"job", 1}};
        Sim::Component server
            = TestSupport::cpuService("server", Sim::Distribution::exponential(1), 1, 1, 1);
        server.queueLimit = 1000000;
        expected.components = {server};
        QCOMPARE(compiled.spec, expected);
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void compiledMm1Runs()
    {
        Scenario s = loadExample(QStringLiteral("mm1.json"));
        s.simulation.durationS = 20;
        s.simulation.warmupS = 2;
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(compiled.ok());
        const Sim::RunResult result = Sim::runSimulation(compiled.spec);
        QVERIFY(!result.requests.empty());
        QCOMPARE(result.requests.front().name, std::string("_all"));
        // 800/s for 18 measured seconds.
        QVERIFY2(result.requests.front().completed > 12000,
                 qPrintable(QString::number(result.requests.front().completed)));
        QCOMPARE(result.scenario, std::string("M/M/1 check"));
    }

    void fillsDefaults()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "lb", "arrivals": { "kind": "constant", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "lb", "kind": "load_balancer", "targets": [ "svc" ] },
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "call": "db" }, { "call": "ext" } ] } },
    { "id": "db", "kind": "database", "queries": { "*": 1 } },
    { "id": "ext", "kind": "external" } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Spec &spec = compiled.spec;
        QCOMPARE(spec.workload.arrivals, Sim::ArrivalKind::Constant);
        QCOMPARE(spec.workload.requests.front().weight, 1.0);
        QCOMPARE(spec.replications, 2);
        QCOMPARE(spec.bucketS, 0.5);
        QCOMPARE(spec.seed, std::uint64_t(5));

        const Sim::Component &lb = spec.components[0];
        QCOMPARE(lb.kind, Sim::ComponentKind::LoadBalancer);
        QCOMPARE(lb.policy, Sim::Balancing::RoundRobin);
        QCOMPARE(lb.latency, Sim::Distribution::constant(0));
        QCOMPARE(lb.targets, std::vector<int>{1});

        const Sim::Component &svc = spec.components[1];
        QCOMPARE(svc.replicas, 1);
        QCOMPARE(svc.cpuCores, 1.0);
        QCOMPARE(svc.concurrency, Sim::ConcurrencyModel::ThreadPool);
        QCOMPARE(svc.threads, 8);
        QCOMPARE(svc.queueLimit, std::numeric_limits<int>::max());
        QCOMPARE(svc.workers, 1);
        QCOMPARE(svc.workerThreads, 4);
        QCOMPARE(svc.balancing, Sim::Balancing::RoundRobin);
        QCOMPARE(svc.handlers.front().steps[0].target, 2);
        QCOMPARE(svc.handlers.front().steps[0].request, std::string()); // the current name
        QCOMPARE(svc.handlers.front().steps[0].timeoutMs, 0.0);
        QCOMPARE(svc.handlers.front().steps[0].retries, 0);

        QCOMPARE(spec.components[2].maxConnections, 100);
        QCOMPARE(spec.components[2].queries.front().name, std::string("*"));
        QCOMPARE(spec.components[3].latency, Sim::Distribution::constant(0));
        QCOMPARE(spec.components[3].errorRate, 0.0);
    }

    void mapsEveryField()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "gw", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "a", "weight": 2 }, { "name": "b", "weight": 0.5 } ] },
  "components": [
    { "id": "gw", "kind": "gateway", "latency_ms": { "dist": "uniform", "min": 1, "max": 2 },
      "routes": { "a": [ { "target": "svc", "weight": 3 }, { "target": "el", "weight": 1 } ],
                  "*": [ { "target": "el" } ] } },
    { "id": "svc", "kind": "service", "replicas": 3, "cpu_cores": 1.5, "balancing": "least_outstanding",
      "concurrency": { "model": "thread_pool", "threads": 16, "queue_limit": 7 },
      "pools": { "ext": 4 },
      "handlers": { "a": [ { "parallel": [ { "call": "ext", "request": "x", "timeout_ms": 50, "retries": 2 },
                                           { "io_ms": { "dist": "erlang", "k": 3, "mean": 6 } } ] },
                           { "probability": 0.25, "steps": [ { "cpu_ms": { "dist": "lognormal", "mean": 2, "stddev": 1 } } ] } ] } },
    { "id": "el", "kind": "service", "balancing": "power_of_two",
      "concurrency": { "model": "event_loop", "workers": 3, "worker_threads": 6 },
      "handlers": { "a": [ { "cpu_ms": 1, "offload": true } ], "b": [ { "cpu_ms": { "dist": "const", "value": 2 } } ] } },
    { "id": "ext", "kind": "external", "latency_ms": { "dist": "exp", "mean": 30 }, "error_rate": 0.1 } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Spec &spec = compiled.spec;

        const Sim::Component &gw = spec.components[0];
        QCOMPARE(gw.kind, Sim::ComponentKind::Gateway);
        QCOMPARE(gw.latency, Sim::Distribution::uniform(1, 2));
        QCOMPARE(gw.routes.size(), size_t(2));
        QCOMPARE(gw.routes[0].request, std::string("a"));
        QCOMPARE(gw.routes[0].routes, (std::vector<Sim::Route>{{1, 3}, {2, 1}}));
        QCOMPARE(gw.routes[1].request, std::string("*"));
        QCOMPARE(gw.routes[1].routes, (std::vector<Sim::Route>{{2, 1}}));

        const Sim::Component &svc = spec.components[1];
        QCOMPARE(svc.replicas, 3);
        QCOMPARE(svc.cpuCores, 1.5);
        QCOMPARE(svc.threads, 16);
        QCOMPARE(svc.queueLimit, 7);
        QCOMPARE(svc.balancing, Sim::Balancing::LeastOutstanding);
        QCOMPARE(svc.pools, (std::vector<Sim::Pool>{{3, 4}}));
        const std::vector<Sim::Step> &steps = svc.handlers.front().steps;
        QCOMPARE(steps.size(), size_t(2));
        QCOMPARE(steps[0].kind, Sim::Step::Kind::Parallel);
        QCOMPARE(steps[0].steps[0].kind, Sim::Step::Kind::Call);
        QCOMPARE(steps[0].steps[0].target, 3);
        QCOMPARE(steps[0].steps[0].request, std::string("x"));
        QCOMPARE(steps[0].steps[0].timeoutMs, 50.0);
        QCOMPARE(steps[0].steps[0].retries, 2);
        QCOMPARE(steps[0].steps[1].kind, Sim::Step::Kind::Io);
        QCOMPARE(steps[0].steps[1].duration, Sim::Distribution::erlang(3, 6));
        QCOMPARE(steps[1].kind, Sim::Step::Kind::Probability);
        QCOMPARE(steps[1].probability, 0.25);
        QCOMPARE(steps[1].steps[0].duration, Sim::Distribution::lognormal(2, 1));

        const Sim::Component &el = spec.components[2];
        QCOMPARE(el.concurrency, Sim::ConcurrencyModel::EventLoop);
        QCOMPARE(el.workers, 3);
        QCOMPARE(el.workerThreads, 6);
        QCOMPARE(el.balancing, Sim::Balancing::PowerOfTwo);
        QCOMPARE(el.handlers[0].steps[0].offload, true);
        QCOMPARE(el.handlers[1].request, std::string("b"));
        QCOMPARE(el.handlers[1].steps[0].duration, Sim::Distribution::constant(2));

        QCOMPARE(spec.components[3].latency, Sim::Distribution::exponential(30));
        QCOMPARE(spec.components[3].errorRate, 0.1);
        QVERIFY(Sim::checkSpec(spec).empty());
    }

    void shopExamplesCompile()
    {
        const CompiledScenario monolith = compileScenario(
            loadExample(QStringLiteral("shop-monolith.json")));
        QVERIFY2(monolith.ok(), qPrintable(problemsText(monolith.problems)));
        const Sim::Component &cache = monolith.spec.components[2];
        QCOMPARE(cache.kind, Sim::ComponentKind::Cache);
        QCOMPARE(cache.eviction, Sim::EvictionPolicy::Lru); // written explicitly
        QCOMPARE(cache.capacityKeys, std::uint64_t(5000));
        QCOMPARE(cache.commandThreads, 1);
        const Sim::Step &lookup = monolith.spec.components[1].handlers[0].steps[1];
        QCOMPARE(lookup.kind, Sim::Step::Kind::Cache);
        QCOMPARE(lookup.target, 2);
        QCOMPARE(lookup.keys, std::uint64_t(50000));
        QCOMPARE(lookup.zipf, 0.9);
        QCOMPARE(lookup.steps.size(), size_t(1));

        const CompiledScenario micro = compileScenario(
            loadExample(QStringLiteral("shop-microservices.json")));
        QVERIFY2(micro.ok(), qPrintable(problemsText(micro.problems)));
        const Sim::Component &queue = micro.spec.components[9];
        QCOMPARE(queue.kind, Sim::ComponentKind::Queue);
        QCOMPARE(queue.publishLatency, Sim::Distribution::constant(0.5));
        QCOMPARE(queue.deliveryLatency, Sim::Distribution::constant(0.5));
        QCOMPARE(queue.consumers, (std::vector<Sim::Consumer>{{4, 2, 10}}));
        const Sim::Step &publish = micro.spec.components[3].handlers[0].steps[3];
        QCOMPARE(publish.kind, Sim::Step::Kind::Publish);
        QCOMPARE(publish.target, 9);
        QCOMPARE(publish.request, std::string("order_placed"));
        QCOMPARE(micro.spec.components[5].stampede, Sim::StampedeProtection::Lock);
    }

    void mapsCaches_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("eviction");
        QTest::addColumn<int>("threads");
        using E = Sim::EvictionPolicy;
        auto row = [](const char *name, const char *fields, E e, int threads) {
            QTest::newRow(name) << QByteArray(fields) << int(e) << threads;
        };
        // Without "eviction" each engine keeps its own policy; a written one always wins.
        row("no engine", "", E::ApproxLru, 1);
        row("redis", R"(, "engine": "redis")", E::ApproxLru, 1);
        row("memcached", R"(, "engine": "memcached")", E::SegmentedLru, 4);
        row("redis lru", R"(, "engine": "redis", "eviction": "lru")", E::Lru, 1);
        row("memcached lru", R"(, "engine": "memcached", "eviction": "lru")", E::Lru, 4);
        row("memcached approx_lfu",
            R"(, "engine": "memcached", "eviction": "approx_lfu")",
            E::ApproxLfu,
            4);
        row("redis segmented_lru",
            R"(, "engine": "redis", "eviction": "segmented_lru")",
            E::SegmentedLru,
            1);
        row("lfu", R"(, "eviction": "lfu")", E::Lfu, 1);
        row("fifo", R"(, "eviction": "fifo")", E::Fifo, 1);
        row("random", R"(, "eviction": "random", "threads": 3)", E::Random, 3);
        row("approx_lru",
            R"(, "eviction": "approx_lru", "engine": "memcached", "threads": 1)",
            E::ApproxLru,
            1);
    }
    void mapsCaches()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, eviction);
        QFETCH(int, threads);
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "cache": "c", "keys": 10 } ] } },
    { "id": "c", "kind": "cache", "capacity_keys": 7)"
                                  + fields + R"( } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Component &c = compiled.spec.components[1];
        QCOMPARE(int(c.eviction), eviction);
        QCOMPARE(c.commandThreads, threads);
        QCOMPARE(c.capacityKeys, std::uint64_t(7));
        // the other defaults
        QCOMPARE(c.evictionSamples, 5);
        QCOMPARE(c.commandCpu, Sim::Distribution::constant(0.01));
        QCOMPARE(c.hitLatency, Sim::Distribution::constant(0.3));
        QCOMPARE(c.missLatency, Sim::Distribution::constant(0.3));
        QCOMPARE(c.ttlS, 0.0);
        QCOMPARE(c.ttlJitter, 0.0);
        QCOMPARE(c.stampede, Sim::StampedeProtection::None);
        const Sim::Step &step = compiled.spec.components[0].handlers[0].steps[0];
        QCOMPARE(step.zipf, 0.0);
        QVERIFY(step.steps.empty());
    }

    void mapsEveryCacheField()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service",
      "handlers": { "r": [ { "cache": "c", "keys": 1000, "zipf": 1.1, "on_miss": [ { "io_ms": 3 } ] } ] } },
    { "id": "c", "kind": "cache", "engine": "redis", "capacity_keys": 100, "eviction": "approx_lfu",
      "samples": 10, "ttl_s": 60, "ttl_jitter": 0.2, "hit_ms": { "dist": "exp", "mean": 0.4 },
      "miss_ms": 0.6, "stampede": "stale_while_revalidate", "threads": 2,
      "command_ms": { "dist": "uniform", "min": 0.01, "max": 0.03 } } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Component &c = compiled.spec.components[1];
        QCOMPARE(c.kind, Sim::ComponentKind::Cache);
        QCOMPARE(c.eviction, Sim::EvictionPolicy::ApproxLfu);
        QCOMPARE(c.evictionSamples, 10);
        QCOMPARE(c.ttlS, 60.0);
        QCOMPARE(c.ttlJitter, 0.2);
        QCOMPARE(c.hitLatency, Sim::Distribution::exponential(0.4));
        QCOMPARE(c.missLatency, Sim::Distribution::constant(0.6));
        QCOMPARE(c.stampede, Sim::StampedeProtection::StaleWhileRevalidate);
        QCOMPARE(c.commandThreads, 2);
        QCOMPARE(c.commandCpu, Sim::Distribution::uniform(0.01, 0.03));
        const Sim::Step &step = compiled.spec.components[0].handlers[0].steps[0];
        QCOMPARE(step.keys, std::uint64_t(1000));
        QCOMPARE(step.zipf, 1.1);
        QCOMPARE(step.steps.size(), size_t(1));
        QCOMPARE(step.steps[0].duration, Sim::Distribution::constant(3));
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void mapsQueues_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<bool>("durable");
        QTest::addColumn<double>("publishMs");
        // publish_ms follows durable when left out: a persistent message waits for the disk
        QTest::newRow("default") << QByteArray() << true << 1.0;
        QTest::newRow("durable") << QByteArray(R"(, "durable": true)") << true << 1.0;
        QTest::newRow("transient") << QByteArray(R"(, "durable": false)") << false << 0.3;
        QTest::newRow("written") << QByteArray(R"(, "durable": false, "publish_ms": 2)") << false
                                 << 2.0;
    }
    void mapsQueues()
    {
        QFETCH(QByteArray, fields);
        QFETCH(bool, durable);
        QFETCH(double, publishMs);
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "publish": "q" } ] } },
    { "id": "mailer", "kind": "service", "handlers": { "r": [ { "io_ms": 1 } ] } },
    { "id": "q", "kind": "queue", "consumers": [ { "service": "mailer" } ])"
                                  + fields + R"( } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Component &q = compiled.spec.components[2];
        QCOMPARE(q.durable, durable);
        QCOMPARE(q.publishLatency, Sim::Distribution::constant(publishMs));
        QCOMPARE(q.deliveryLatency, Sim::Distribution::constant(0.5));
        QCOMPARE(q.maxLength, std::int64_t(-1));
        QCOMPARE(q.overflow, Sim::Overflow::RejectPublish);
        QCOMPARE(q.exchange, Sim::Exchange::Direct);
        QCOMPARE(q.consumers, (std::vector<Sim::Consumer>{{1, 1, 1}}));
        // publish without "message" sends the current request's name
        QCOMPARE(compiled.spec.components[0].handlers[0].steps[0].request, std::string());
    }

    void mapsEveryQueueField()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "publish": "q", "message": "m" } ] } },
    { "id": "a", "kind": "service", "handlers": { "m": [ { "io_ms": 1 } ] } },
    { "id": "b", "kind": "service", "handlers": { "m": [ { "io_ms": 2 } ] } },
    { "id": "q", "kind": "queue", "broker": "rabbitmq", "durable": true,
      "publish_ms": { "dist": "exp", "mean": 0.7 }, "delivery_ms": 0.2, "max_length": 500,
      "overflow": "drop_head", "exchange": "fanout",
      "consumers": [ { "service": "a", "count": 3, "prefetch": 20 }, { "service": "b", "prefetch": 2 } ] } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Component &q = compiled.spec.components[3];
        QCOMPARE(q.kind, Sim::ComponentKind::Queue);
        QCOMPARE(q.publishLatency, Sim::Distribution::exponential(0.7));
        QCOMPARE(q.deliveryLatency, Sim::Distribution::constant(0.2));
        QCOMPARE(q.maxLength, std::int64_t(500));
        QCOMPARE(q.overflow, Sim::Overflow::DropHead);
        QCOMPARE(q.exchange, Sim::Exchange::Fanout);
        QCOMPARE(q.consumers, (std::vector<Sim::Consumer>{{1, 3, 20}, {2, 1, 2}}));
        QCOMPARE(compiled.spec.components[0].handlers[0].steps[0].request, std::string("m"));
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void mapsArrivals_data()
    {
        QTest::addColumn<QByteArray>("arrivals");
        QTest::addColumn<Sim::Workload>("expected");
        auto workload = [](Sim::ArrivalKind kind, double rate) {
            Sim::Workload w;
            w.entry = 0;
            w.arrivals = kind;
            w.ratePerS = rate;
            w.requests = {{"r", 1}};
            return w;
        };
        QTest::newRow("poisson") << QByteArray(R"({ "kind": "poisson", "rate_per_s": 40 })")
                                 << workload(Sim::ArrivalKind::Poisson, 40);
        QTest::newRow("constant") << QByteArray(R"({ "kind": "constant", "rate_per_s": 40 })")
                                  << workload(Sim::ArrivalKind::Constant, 40);
        Sim::Workload ramp = workload(Sim::ArrivalKind::Ramp, 55); // mean of 10 and 100
        ramp.rampFrom = 10;
        ramp.rampTo = 100;
        ramp.rampOverS = 30;
        ramp.rampStartS = 5;
        QTest::newRow("ramp") << QByteArray(
            R"({ "kind": "ramp", "from": 10, "to": 100, "over_s": 30, "start_s": 5 })")
                              << ramp;
        ramp.rampStartS = 0;
        QTest::newRow("ramp from the start")
            << QByteArray(R"({ "kind": "ramp", "from": 10, "to": 100, "over_s": 30 })") << ramp;
        Sim::Workload spike = workload(Sim::ArrivalKind::Spike, 20);
        spike.spikePeak = 200;
        spike.spikeAtS = 3;
        spike.spikeLengthS = 2;
        QTest::newRow("spike") << QByteArray(
            R"({ "kind": "spike", "rate_per_s": 20, "peak": 200, "at_s": 3, "length_s": 2 })")
                               << spike;
        // the long-run mean rate: the chain is low 3/4 of the time
        Sim::Workload bursty = workload(Sim::ArrivalKind::Bursty, (10 * 3 + 90 * 1) / 4.0);
        bursty.burstLowRate = 10;
        bursty.burstHighRate = 90;
        bursty.burstLowMeanS = 3;
        bursty.burstHighMeanS = 1;
        QTest::newRow("bursty") << QByteArray(
            R"({ "kind": "bursty", "low_rate": 10, "high_rate": 90, "low_mean_s": 3, "high_mean_s": 1 })")
                                << bursty;
        Sim::Workload diurnal = workload(Sim::ArrivalKind::Diurnal, 30);
        diurnal.diurnalMean = 30;
        diurnal.diurnalAmplitude = 0.5;
        diurnal.diurnalPeriodS = 8;
        diurnal.diurnalPeakAtS = 2;
        QTest::newRow("diurnal") << QByteArray(
            R"({ "kind": "diurnal", "mean": 30, "amplitude": 0.5, "period_s": 8, "peak_at_s": 2 })")
                                 << diurnal;
        diurnal.diurnalPeriodS = 86400;
        diurnal.diurnalPeakAtS = 0;
        QTest::newRow("diurnal defaults")
            << QByteArray(R"({ "kind": "diurnal", "mean": 30, "amplitude": 0.5 })") << diurnal;
    }
    void mapsArrivals()
    {
        QFETCH(QByteArray, arrivals);
        QFETCH(Sim::Workload, expected);
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": )"
                                  + arrivals + R"(, "requests": [ { "name": "r" } ] },
  "components": [ { "id": "svc", "kind": "service", "handlers": { "r": [ { "cpu_ms": 1 } ] } } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        QCOMPARE(compiled.spec.workload, expected);
        // and it runs: the arrival process of each kind delivers requests
        Sim::Spec spec = compiled.spec;
        spec.replications = 1;
        const Sim::RunResult result = Sim::runSimulation(spec);
        QVERIFY(result.requests.front().arrived > 0);
    }

    void mapsServiceLifecycle()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "a", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "a", "kind": "service", "replicas": 3, "cpu_cores": 0.5,
      "autoscaling": { "min": 2, "max": 9, "target_cpu": 0.6, "interval_s": 5,
                       "scale_up_stabilization_s": 10, "scale_down_stabilization_s": 60, "tolerance": 0.05 },
      "startup_s": 12, "memory_mb": 256, "memory_base_mb": 64, "memory_per_request_mb": 1.5,
      "restart": "on_failure", "restart_backoff_s": 2, "restart_backoff_max_s": 30,
      "health_check": { "interval_s": 1, "failures": 5 },
      "handlers": { "r": [ { "call": "b" }, { "call": "c" } ] } },
    { "id": "b", "kind": "service", "autoscaling": { "max": 4 }, "health_check": {}, "restart": "no",
      "handlers": { "r": [ { "cpu_ms": 1 } ] } },
    { "id": "c", "kind": "service", "restart": "always", "handlers": { "r": [ { "cpu_ms": 1 } ] } } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));

        const Sim::Component &a = compiled.spec.components[0];
        QCOMPARE(a.replicas, 3);
        QCOMPARE(a.cpuCores, 0.5);
        const Sim::Autoscaling written{true, 2, 9, 0.6, 5, 10, 60, 0.05};
        QCOMPARE(a.autoscaling, written);
        QCOMPARE(a.startupS, 12.0);
        QCOMPARE(a.memoryMb, 256.0);
        QCOMPARE(a.memoryBaseMb, 64.0);
        QCOMPARE(a.memoryPerRequestMb, 1.5);
        QCOMPARE(a.restart, Sim::RestartPolicy::OnFailure);
        QCOMPARE(a.restartBackoffS, 2.0);
        QCOMPARE(a.restartBackoffMaxS, 30.0);
        QCOMPARE(a.healthCheck, (Sim::HealthCheck{true, 1, 5}));

        // Defaults: Kubernetes' where it has one; an autoscaled service without "replicas"
        // starts at its minimum.
        const Sim::Component &b = compiled.spec.components[1];
        const Sim::Autoscaling defaults{true, 1, 4, 0.8, 15, 0, 300, 0.1};
        QCOMPARE(b.autoscaling, defaults);
        QCOMPARE(b.replicas, 1);
        QCOMPARE(b.healthCheck, (Sim::HealthCheck{true, 10, 3}));
        QCOMPARE(b.restart, Sim::RestartPolicy::No);

        const Sim::Component &c = compiled.spec.components[2];
        QCOMPARE(c.autoscaling, Sim::Autoscaling());
        QVERIFY(!c.autoscaling.enabled);
        QCOMPARE(c.startupS, 0.0);
        QCOMPARE(c.memoryMb, 0.0);
        QCOMPARE(c.memoryBaseMb, 0.0);
        QCOMPARE(c.memoryPerRequestMb, 0.0);
        QCOMPARE(c.restart, Sim::RestartPolicy::Always);
        QCOMPARE(c.restartBackoffS, 10.0);
        QCOMPARE(c.restartBackoffMaxS, 300.0);
        QVERIFY(!c.healthCheck.enabled);
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void autoscaledStartIsMinimumWithoutReplicas()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "a", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [ { "id": "a", "kind": "service", "autoscaling": { "min": 3, "max": 5 },
                    "handlers": { "r": [ { "cpu_ms": 1 } ] } } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        QCOMPARE(compiled.spec.components[0].replicas, 3);
        Sim::Spec spec = compiled.spec;
        spec.replications = 1;
        spec.warmupS = 0;
        // no scale event before the first evaluation (15 s), so the run holds 3 replicas
        const Sim::RunResult r = Sim::runSimulation(spec);
        QVERIFY(r.component("a"));
        QCOMPARE(r.component("a")->replicasMin, 3.0);
        QCOMPARE(r.component("a")->replicasMax, 3.0);
    }

    void mapsCallResilience()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "a", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "a", "kind": "service",
      "handlers": { "r": [ { "call": "x", "request": "q", "timeout_ms": 250, "retries": 3, "backoff_ms": 20,
                             "multiplier": 1.5, "max_backoff_ms": 400, "jitter": 0.3, "retry_budget": 0.2,
                             "circuit_breaker": { "failure_rate": 0.25, "minimum_calls": 5, "window": 40,
                                                  "open_s": 7, "half_open_calls": 1 },
                             "bulkhead": 6,
                             "fallback": [ { "io_ms": 4 }, { "call": "y", "retries": 1 } ] },
                           { "call": "y", "circuit_breaker": {} } ] } },
    { "id": "x", "kind": "external" },
    { "id": "y", "kind": "external" } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const std::vector<Sim::Step> &steps = compiled.spec.components[0].handlers[0].steps;
        const Sim::Step &call = steps[0];
        QCOMPARE(call.target, 1);
        QCOMPARE(call.request, std::string("q"));
        QCOMPARE(call.timeoutMs, 250.0);
        QCOMPARE(call.retries, 3);
        QCOMPARE(call.backoffMs, 20.0);
        QCOMPARE(call.backoffMultiplier, 1.5);
        QCOMPARE(call.backoffMaxMs, 400.0);
        QCOMPARE(call.jitter, 0.3);
        QCOMPARE(call.retryBudget, 0.2);
        QCOMPARE(call.breaker, (Sim::CircuitBreaker{true, 0.25, 5, 40, 7, 1}));
        QCOMPARE(call.bulkhead, 6);
        QCOMPARE(call.fallback.size(), size_t(2));
        QCOMPARE(call.fallback[0].kind, Sim::Step::Kind::Io);
        QCOMPARE(call.fallback[0].duration, Sim::Distribution::constant(4));
        QCOMPARE(call.fallback[1].kind, Sim::Step::Kind::Call);
        QCOMPARE(call.fallback[1].target, 2);
        QCOMPARE(call.fallback[1].retries, 1);

        // Defaults: no back-off, doubling, no cap, no jitter, budget or bulkhead; an empty
        // "circuit_breaker" object turns on a breaker with the default settings.
        const Sim::Step &plain = steps[1];
        QCOMPARE(plain.backoffMs, 0.0);
        QCOMPARE(plain.backoffMultiplier, 2.0);
        QCOMPARE(plain.backoffMaxMs, 1e9);
        QCOMPARE(plain.jitter, 0.0);
        QCOMPARE(plain.retryBudget, 0.0);
        QCOMPARE(plain.bulkhead, 0);
        QVERIFY(plain.fallback.empty());
        QCOMPARE(plain.breaker, (Sim::CircuitBreaker{true, 0.5, 20, 100, 5, 3}));
        QVERIFY(!call.fallback[1].breaker.enabled);
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void mapsFaults()
    {
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "a", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [ { "id": "a", "kind": "service", "replicas": 3, "handlers": { "r": [ { "call": "x" } ] } },
                  { "id": "x", "kind": "external" } ],
  "faults": [ { "at_s": 2, "kind": "kill_instance", "target": "a", "count": 2 },
              { "at_s": 3, "kind": "kill_instance", "target": "a" },
              { "at_s": 4, "until_s": 5, "kind": "outage", "target": "x" },
              { "at_s": 6, "kind": "outage", "target": "x" },
              { "at_s": 1, "until_s": 2, "kind": "latency", "target": "x", "latency_ms": { "dist": "exp", "mean": 50 } },
              { "at_s": 7, "until_s": 8.5, "kind": "errors", "target": "a", "error_rate": 0.3 },
              { "at_s": 20, "kind": "errors", "target": "a", "error_rate": 1 } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        using K = Sim::Fault::Kind;
        auto fault = [](K kind, int target, double at, double until, int count = 1) {
            Sim::Fault f;
            f.kind = kind;
            f.target = target;
            f.atS = at;
            f.untilS = until;
            f.count = count;
            return f;
        };
        std::vector<Sim::Fault> expected = {fault(K::KillInstance, 0, 2, 0, 2),
                                            fault(K::KillInstance, 0, 3, 0),
                                            fault(K::Outage, 1, 4, 5),
                                            fault(K::Outage, 1, 6, 10), // to the end of the run
                                            fault(K::Latency, 1, 1, 2),
                                            fault(K::Errors, 0, 7, 8.5),
                                            fault(K::Errors, 0, 20, 20)}; // after the end: empty
        expected[4].latency = Sim::Distribution::exponential(50);
        expected[5].errorRate = 0.3;
        expected[6].errorRate = 1;
        QCOMPARE(compiled.spec.faults, expected);
        QVERIFY(Sim::checkSpec(compiled.spec).empty());
    }

    void faultsRun()
    {
        // The compiled faults reach the engine: an outage of the only dependency fails the
        // requests that arrive in its window with reason "outage", and the timeline shows it.
        const Scenario s = parsed(QByteArray("{") + kHeader + R"(
  "workload": { "entry": "a", "arrivals": { "kind": "constant", "rate_per_s": 10 },
                "requests": [ { "name": "r" } ] },
  "components": [ { "id": "a", "kind": "service", "handlers": { "r": [ { "call": "x" } ] } },
                  { "id": "x", "kind": "external", "latency_ms": 1 } ],
  "faults": [ { "at_s": 4, "until_s": 6, "kind": "outage", "target": "x" } ] })");
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        Sim::Spec spec = compiled.spec;
        spec.replications = 1;
        const Sim::RunResult r = Sim::runSimulation(spec);
        // constant arrivals every 100 ms: those at 4.0, 4.1, ..., 5.9 s meet the outage
        const std::map<std::string, double> &failures = r.requests.front().failures;
        QCOMPARE(failures.size(), size_t(1));
        QCOMPARE(failures.begin()->first, std::string("outage"));
        QCOMPARE(failures.begin()->second, 20.0);
        QCOMPARE(r.timeline.size(), size_t(2));
        QCOMPARE(r.timeline[0].what, std::string("fault_start"));
        QCOMPARE(r.timeline[0].detail, std::string("outage"));
        QCOMPARE(r.timeline[1].what, std::string("fault_end"));
    }

    void deadLetteringCompiles()
    {
        // reject_publish_dlx, a message TTL, a consumer without requeue and the dead-letter
        // queue they name (issue 14; before it, "not simulated yet")
        const QByteArray text = QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "publish": "q" } ] } },
    { "id": "q", "kind": "queue", "max_length": 10, "overflow": "reject_publish_dlx",
      "dead_letter": "dlq", "message_ttl_ms": 250,
      "consumers": [ { "service": "worker", "requeue": false } ] },
    { "id": "worker", "kind": "service", "handlers": { "r": [ { "cpu_ms": 1 } ] } },
    { "id": "dlq", "kind": "queue", "consumers": [ { "service": "worker" } ] } ] })";
        const ScenarioLoad load = parseScenario(text);
        QVERIFY2(load.ok() && load.problems.isEmpty(), qPrintable(problemsText(load.problems)));
        const CompiledScenario compiled = compileScenario(*load.scenario);
        QVERIFY2(compiled.ok(), qPrintable(problemsText(compiled.problems)));
        const Sim::Component &q = compiled.spec.components[1];
        QCOMPARE(q.overflow, Sim::Overflow::RejectPublishDlx);
        QCOMPARE(q.deadLetter, 3);
        QCOMPARE(q.messageTtlMs, 250.0);
        QCOMPARE(q.consumers.front().requeue, false);
        const Sim::Component &dlq = compiled.spec.components[3];
        QCOMPARE(dlq.deadLetter, -1);
        QCOMPARE(dlq.messageTtlMs, 0.0);
        QCOMPARE(dlq.consumers.front().requeue, true);
        // and it writes back as it was read
        QCOMPARE(parseScenario(serializeScenario(*load.scenario)).scenario, load.scenario);
    }

    void deadLetterMustBeAnotherQueue()
    {
        const QByteArray text = QByteArray("{") + kHeader + R"(
  "workload": { "entry": "svc", "arrivals": { "kind": "poisson", "rate_per_s": 5 },
                "requests": [ { "name": "r" } ] },
  "components": [
    { "id": "svc", "kind": "service", "handlers": { "r": [ { "publish": "q" } ] } },
    { "id": "q", "kind": "queue", "dead_letter": "q", "consumers": [ { "service": "svc" } ] } ] })";
        const ScenarioLoad load = parseScenario(text);
        QVERIFY(!load.ok());
        QVERIFY2(problemsText(load.problems)
                     .contains(QStringLiteral("$.components[1].dead_letter: 'q' cannot be its own "
                                              "dead-letter queue")),
                 qPrintable(problemsText(load.problems)));
    }

    void overridesAreValidatedAgain()
    {
        Scenario s = loadExample(QStringLiteral("mm1.json"));
        s.simulation.durationS = 50; // as archsim-cli --duration 50, warm-up still 100
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(!compiled.ok());
        QCOMPARE(compiled.problems.size(), 1);
        QCOMPARE(compiled.problems.first().path, QStringLiteral("$.simulation.warmup_s"));
        QCOMPARE(compiled.spec, Sim::Spec());
    }

    void warningsAreLeftToTheParser()
    {
        Scenario s = loadExample(QStringLiteral("mm1.json"));
        s.extra.insert(QStringLiteral("colour"), QStringLiteral("red"));
        Component lonely;
        lonely.id = QStringLiteral("lonely");
        lonely.kind = ComponentKind::External;
        s.components.append(lonely); // unreached: a warning only
        QVERIFY(!validateScenario(s).isEmpty());
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(compiled.problems.isEmpty());
        QCOMPARE(compiled.spec.components.size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioCompiler)
#include "tst_scenariocompiler.moc"
