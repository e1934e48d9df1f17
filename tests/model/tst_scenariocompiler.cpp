// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QFile>
#include <QTest>

#include <limits>

using namespace Model;

namespace {

QString dump(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems)
        lines.append(p.toString());
    return lines.join(QLatin1Char('\n'));
}

Scenario loadExample(const QString &name)
{
    const ScenarioLoad load = loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/") + name));
    return load.scenario.value_or(Scenario());
}

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
        QVERIFY2(compiled.ok(), qPrintable(dump(compiled.problems)));
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
        Sim::Component server = TestSupport::cpuService("server", Sim::Distribution::exponential(1),
                                                        1, 1, 1);
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
        QVERIFY2(result.requests.front().completed > 12000, qPrintable(QString::number(result.requests.front().completed)));
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
        QVERIFY2(compiled.ok(), qPrintable(dump(compiled.problems)));
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
        QVERIFY2(compiled.ok(), qPrintable(dump(compiled.problems)));
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

    void shopExamplesAreNotSimulatedYet_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("cachePaths");
        QTest::addColumn<QStringList>("queuePaths");
        QTest::newRow("monolith") << "shop-monolith.json"
                                  << QStringList{"$.components[1].handlers.browse[1]", "$.components[2]"}
                                  << QStringList{};
        QTest::newRow("microservices")
            << "shop-microservices.json"
            << QStringList{"$.components[1].handlers.browse[1]", "$.components[5]"}
            << QStringList{"$.components[3].handlers.checkout[3]", "$.components[9]"};
    }
    void shopExamplesAreNotSimulatedYet()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, cachePaths);
        QFETCH(QStringList, queuePaths);
        QStringList expected;
        if (!EngineSupport::kCaches)
            expected += cachePaths;
        if (!EngineSupport::kQueues)
            expected += queuePaths;
        const CompiledScenario compiled = compileScenario(loadExample(file));
        QStringList paths;
        for (const Problem &p : compiled.problems) {
            QVERIFY(p.isError());
            QVERIFY2(p.message.startsWith(QStringLiteral("not simulated yet (")), qPrintable(p.message));
            QVERIFY(p.message.contains(QStringLiteral("it arrives in a later release")));
            paths.append(p.path);
        }
        paths.sort();
        expected.sort();
        QCOMPARE(paths, expected);
        QCOMPARE(compiled.ok(), expected.isEmpty());
        if (!compiled.ok())
            QCOMPARE(compiled.spec, Sim::Spec());
    }

    void faultsAndLaterArrivalsAreNotSimulatedYet()
    {
        Scenario s = loadExample(QStringLiteral("mm1.json"));
        s.workload.arrivals.kind = QStringLiteral("diurnal");
        Fault f;
        f.kind = QStringLiteral("outage");
        f.atS = 10;
        f.target = QStringLiteral("server");
        s.faults = {f};
        const CompiledScenario compiled = compileScenario(s);
        QCOMPARE(compiled.problems.size(), 2);
        QCOMPARE(compiled.problems.at(0).path, QStringLiteral("$.workload.arrivals.kind"));
        QCOMPARE(compiled.problems.at(0).message,
                 QStringLiteral("not simulated yet (diurnal arrivals); it arrives in a later "
                                "release, remove it to run this scenario"));
        QCOMPARE(compiled.problems.at(1).path, QStringLiteral("$.faults[0]"));
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

    void locatesCompileProblems()
    {
        QFile f(TestSupport::sourcePath(QStringLiteral("resources/examples/shop-monolith.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        const CompiledScenario compiled = compileScenario(*parseScenario(text).scenario);
        if (EngineSupport::kCaches)
            QSKIP("caches are simulated");
        const Problems located = locateProblems(compiled.problems, text);
        QCOMPARE(located.size(), 2);
        QCOMPARE(located.at(0).line, 17); // the cache step on the browse handler
        QCOMPARE(located.at(1).line, 23); // the catalog_cache component
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioCompiler)
#include "tst_scenariocompiler.moc"
