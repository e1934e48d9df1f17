// SPDX-License-Identifier: GPL-3.0-or-later
// Docker Compose import (model/import, docs/import.md): the shop fixture with every mapped key
// gives the expected components and values, the scenario validates and runs at once, the
// defaults are listed, and malformed files are refused with their line.
#include "ImportTestSupport.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "import/ContainerImport.h"
#include "import/ImageCatalog.h"

#include <QTest>

using namespace Model;

using namespace ImportTest;

class tst_ComposeImport : public QObject
{
    Q_OBJECT

private slots:
    void shopComponentsAndKinds()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-shop.yaml")));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        QCOMPARE(r.format, QStringLiteral("compose"));
        const Scenario &s = *r.scenario;
        QStringList ids;
        for (const Component &c : s.components)
            ids << c.id + QLatin1Char('=') + componentKindName(c.kind);
        QCOMPARE(ids,
                 QStringList({"proxy=load_balancer",
                              "web=service",
                              "api=service",
                              "mailer=service",
                              "db=database",
                              "cache=cache",
                              "memcached=cache",
                              "broker=queue",
                              "archive=database",
                              "api_payments_example_com=external"}));
        QCOMPARE(s.workload.entry, QStringLiteral("proxy"));
        QCOMPARE(s.name, QStringLiteral("compose-shop.yaml"));
        QVERIFY(s.description.contains(QStringLiteral("Imported from compose-shop.yaml")));
    }

    void shopMappedValues()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-shop.yaml")));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        const Scenario &s = *r.scenario;

        // proxy: nginx, depends_on web and api
        QCOMPARE(component(s, QStringLiteral("proxy")).loadBalancer.targets,
                 QStringList({"web", "api"}));

        // web: Node.js, deploy.replicas, limits (reservations noted), restart from the
        // merged anchor (unless-stopped: Docker's doubling delay), healthcheck 1m30s
        const Service &web = component(s, QStringLiteral("web")).service;
        QCOMPARE(web.concurrency->model, QStringLiteral("event_loop"));
        QCOMPARE(web.replicas, std::optional<int>(2));
        QCOMPARE(web.cpuCores, std::optional<double>(1));
        QCOMPARE(web.memoryMb, std::optional<double>(512));
        QCOMPARE(web.restart, QStringLiteral("always"));
        QCOMPARE(web.restartBackoffS, std::optional<double>(0.1));
        QCOMPARE(web.restartBackoffMaxS, std::optional<double>(60));
        QCOMPARE(web.healthCheck->intervalS, std::optional<double>(90));
        QCOMPARE(web.healthCheck->failures, std::optional<int>(3));
        // its healthcheck gives no retries: Docker's 3, listed for review
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("web"),
                        QStringLiteral(".health_check.failures")));
        QCOMPARE(stepTargets(component(s, QStringLiteral("web"))),
                 QStringList({"call api", "cache memcached"}));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("web"),
                        QStringLiteral("256 MB")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("web"),
                        QStringLiteral("healthcheck.start_period")));

        // api: JVM, deploy.restart_policy with delay and max_attempts, healthcheck retries
        const Service &api = component(s, QStringLiteral("api")).service;
        QCOMPARE(api.concurrency->model, QStringLiteral("thread_pool"));
        QCOMPARE(api.concurrency->threads, std::optional<int>(200));
        QCOMPARE(api.replicas, std::optional<int>(3));
        QCOMPARE(api.cpuCores, std::optional<double>(2));
        QCOMPARE(api.memoryMb, std::optional<double>(1024));
        QCOMPARE(api.restart, QStringLiteral("on_failure"));
        QCOMPARE(api.restartBackoffS, std::optional<double>(5));
        QCOMPARE(api.restartBackoffMaxS, std::optional<double>(5));
        QCOMPARE(api.healthCheck->intervalS, std::optional<double>(30));
        QCOMPARE(api.healthCheck->failures, std::optional<int>(5));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("api"),
                         QStringLiteral(".health_check.failures")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("api"),
                        QStringLiteral("at most 5 restart attempts")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("api"),
                        QStringLiteral("deploy.restart_policy.window")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("api"),
                        QStringLiteral(".health_check.interval_s")));
        // depends_on first, then the environment's URLs (db and cache again are not repeated)
        QCOMPARE(stepTargets(component(s, QStringLiteral("api"))),
                 QStringList({"call db",
                              "cache cache",
                              "call api_payments_example_com",
                              "publish broker"}));

        // mailer: unknown image, legacy scale, cpus and mem_limit; consumes from broker
        const Service &mailer = component(s, QStringLiteral("mailer")).service;
        QVERIFY(!mailer.concurrency);
        QCOMPARE(mailer.replicas, std::optional<int>(2));
        QCOMPARE(mailer.cpuCores, std::optional<double>(0.5));
        QCOMPARE(mailer.memoryMb, std::optional<double>(256));
        QCOMPARE(stepTargets(component(s, QStringLiteral("mailer"))),
                 QStringList({"call archive"}));
        const Queue &broker = component(s, QStringLiteral("broker")).queue;
        QCOMPARE(broker.consumers.size(), 1);
        QCOMPARE(broker.consumers.first().service, QStringLiteral("mailer"));

        // the images' defaults
        QCOMPARE(component(s, QStringLiteral("db")).database.maxConnections,
                 std::optional<int>(100));
        QVERIFY(!component(s, QStringLiteral("archive")).database.maxConnections);
        QCOMPARE(component(s, QStringLiteral("cache")).cache.engine, QStringLiteral("redis"));
        QCOMPARE(component(s, QStringLiteral("memcached")).cache.engine,
                 QStringLiteral("memcached"));
        QCOMPARE(component(s, QStringLiteral("cache")).cache.capacityKeys,
                 std::optional<qint64>(10000));
        // resources of a database are read for the lint but not simulated: noted
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("db"),
                        QStringLiteral("resources")));
    }

    void moreMappedValues()
    {
        // compose-more.yaml: the mapped keys compose-shop.yaml leaves out
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-more.yaml")));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        const Scenario &s = *r.scenario;
        QStringList ids;
        for (const Component &c : s.components)
            ids << c.id + QLatin1Char('=') + componentKindName(c.kind);
        QCOMPARE(ids,
                 QStringList({"edge=load_balancer",
                              "web=service",
                              "api=service",
                              "reminders=service",
                              "bookings-db=database",
                              "audit-db=database"}));
        QCOMPARE(s.workload.entry, QStringLiteral("edge"));

        // edge: traefik is a load balancer; its target comes from links ("web:frontend": the
        // alias is no name); its restart policy and health check are noted, not simulated
        QCOMPARE(component(s, QStringLiteral("edge")).loadBalancer.targets, QStringList({"web"}));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("edge"),
                        QStringLiteral("load_balancer, because the image is Traefik")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("edge"),
                        QStringLiteral("resources, restart policy, health checks of a "
                                       "load_balancer are not simulated")));

        // web: openjdk is a JVM with 200 threads; restart "no" as written, without back-off
        // and without a default to review; the CPU reservation is cpu_cores, as there is no
        // CPU limit; links gives the call, and the environment's URL to api is no second one
        const Service &web = component(s, QStringLiteral("web")).service;
        QCOMPARE(web.concurrency->model, QStringLiteral("thread_pool"));
        QCOMPARE(web.concurrency->threads, std::optional<int>(200));
        QCOMPARE(web.replicas, std::optional<int>(2));
        QCOMPARE(web.cpuCores, std::optional<double>(0.75));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("web"),
                         QStringLiteral(".cpu_cores")));
        QCOMPARE(web.memoryMb, std::optional<double>(1024));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("web"),
                        QStringLiteral("memory request or reservation (512 MB)")));
        QCOMPARE(web.restart, QStringLiteral("no"));
        QVERIFY(!web.restartBackoffS);
        QVERIFY(!web.restartBackoffMaxS);
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("web"),
                         QStringLiteral(".restart")));
        QCOMPARE(web.healthCheck->intervalS, std::optional<double>(15));
        QCOMPARE(web.healthCheck->failures, std::optional<int>(4));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("web"),
                         QStringLiteral(".health_check")));
        QCOMPARE(stepTargets(component(s, QStringLiteral("web"))), QStringList({"call api"}));

        // api: python takes ArchSim's 8 threads (noted); on-failure:3 restarts on failure with
        // Docker's doubling delay, and the 3 attempts are noted; the CPU limit wins over the
        // reservation; a URL and a host:port in the environment give its calls
        const Service &api = component(s, QStringLiteral("api")).service;
        QVERIFY(!api.concurrency);
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("api"),
                        QStringLiteral("a pool of 8 threads (ArchSim's default)")));
        QCOMPARE(api.replicas, std::optional<int>(3));
        QCOMPARE(api.cpuCores, std::optional<double>(1.5));
        QCOMPARE(api.memoryMb, std::optional<double>(512));
        QCOMPARE(api.restart, QStringLiteral("on_failure"));
        QCOMPARE(api.restartBackoffS, std::optional<double>(0.1));
        QCOMPARE(api.restartBackoffMaxS, std::optional<double>(60));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("api"),
                        QStringLiteral("at most 3 restart attempts")));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("api"),
                         QStringLiteral(".restart")));
        QCOMPARE(api.healthCheck->intervalS, std::optional<double>(20));
        QCOMPARE(api.healthCheck->failures, std::optional<int>(2));
        QCOMPARE(stepTargets(component(s, QStringLiteral("api"))),
                 QStringList({"call bookings-db", "call audit-db"}));

        // reminders: deploy.restart_policy condition none wins over restart: always
        const Service &reminders = component(s, QStringLiteral("reminders")).service;
        QVERIFY(!reminders.concurrency);
        QVERIFY(!reminders.replicas);
        QCOMPARE(reminders.cpuCores, std::optional<double>(0.25));
        QCOMPARE(reminders.memoryMb, std::optional<double>(256));
        QCOMPARE(reminders.restart, QStringLiteral("no"));
        QVERIFY(!reminders.restartBackoffS);
        QVERIFY(!reminders.restartBackoffMaxS);
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("reminders"),
                         QStringLiteral(".restart")));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Unmapped,
                         QStringLiteral("reminders"),
                         QStringLiteral("restart attempts")));
        QCOMPARE(reminders.healthCheck->intervalS, std::optional<double>(60));
        QCOMPARE(reminders.healthCheck->failures, std::optional<int>(3));
        QCOMPARE(stepTargets(component(s, QStringLiteral("reminders"))),
                 QStringList({"call audit-db"}));

        // the databases' connection limits by image, each noted
        QCOMPARE(component(s, QStringLiteral("bookings-db")).database.maxConnections,
                 std::optional<int>(151));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("bookings-db"),
                        QStringLiteral("151, the default of MySQL")));
        QCOMPARE(component(s, QStringLiteral("audit-db")).database.maxConnections,
                 std::optional<int>(151));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("audit-db"),
                        QStringLiteral("151, the default of MariaDB")));

        // the lint: the missing CPU limit and the restart "no" of web, the condition none of
        // reminders, and api's port 8080 on the loopback address that web takes on every one
        const QStringList findings = findingLines(r);
        QCOMPARE(findings,
                 QStringList({"container-no-cpu-limit web 56",
                              "container-no-restart-policy web 46",
                              "container-no-restart-policy reminders 102",
                              "container-port-conflict api 73"}));

        const ScenarioLoad load = parseScenario(serializeScenario(s));
        QVERIFY2(load.ok(), qPrintable(TestSupport::problemsText(load.problems)));
        QCOMPARE(*load.scenario, s);
    }

    void zeroRestartAttemptsIsNoLimit()
    {
        // Docker reads on-failure:0 (MaximumRetryCount 0) and Swarm max_attempts: 0 as no
        // limit: neither is noted as "at most 0 restart attempts"
        const QByteArray yaml = "services:\n"
                                "  api:\n"
                                "    image: python:3.12\n"
                                "    restart: on-failure:0\n"
                                "  worker:\n"
                                "    image: python:3.12\n"
                                "    deploy:\n"
                                "      restart_policy: {condition: on-failure, delay: 2s, "
                                "max_attempts: 0}\n";
        const ImportResult r = importCompose(yaml, QStringLiteral("zero.yaml"));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        const Service &api = component(*r.scenario, QStringLiteral("api")).service;
        QCOMPARE(api.restart, QStringLiteral("on_failure"));
        QCOMPARE(api.restartBackoffS, std::optional<double>(0.1));
        const Service &worker = component(*r.scenario, QStringLiteral("worker")).service;
        QCOMPARE(worker.restart, QStringLiteral("on_failure"));
        QCOMPARE(worker.restartBackoffS, std::optional<double>(2));
        for (const QString &id : {QStringLiteral("api"), QStringLiteral("worker")})
            QVERIFY2(!hasNote(r,
                              ImportNote::Kind::Unmapped,
                              id,
                              QStringLiteral("restart attempts")),
                     qPrintable(id));
    }

    void everyGuessIsNoted()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-shop.yaml")));
        QVERIFY(r.ok());
        for (const QString &path : {QStringLiteral("$.workload.arrivals"),
                                    QStringLiteral("$.workload.requests"),
                                    QStringLiteral("$.workload.entry"),
                                    QStringLiteral("$.simulation")})
            QVERIFY2(hasNote(r, ImportNote::Kind::Default, QString(), path), qPrintable(path));
        // every service's time, every cache size and query time
        const Scenario &s = *r.scenario;
        for (int i = 0; i < s.components.size(); ++i) {
            const Component &c = s.components.at(i);
            const QString p = QStringLiteral("$.components[%1]").arg(i);
            if (c.kind == ComponentKind::Service)
                QVERIFY2(hasNote(r,
                                 ImportNote::Kind::Default,
                                 c.id,
                                 p + ".handlers.request[0].cpu_ms"),
                         qPrintable(c.id));
            if (c.kind == ComponentKind::Cache)
                QVERIFY(hasNote(r, ImportNote::Kind::Default, c.id, p + ".capacity_keys"));
            if (c.kind == ComponentKind::Database)
                QVERIFY(hasNote(r, ImportNote::Kind::Default, c.id, p + ".queries"));
            if (c.kind == ComponentKind::External)
                QVERIFY(hasNote(r, ImportNote::Kind::Default, c.id, p + ".latency_ms"));
        }
        // and the paths of the defaults are in the description that persists
        QVERIFY(
            s.description.contains(QStringLiteral("$.components[1].handlers.request[0].cpu_ms")));
        // a default note points into the file
        bool located = false;
        for (const ImportNote &n : r.notes)
            located = located || (n.component == QLatin1String("api") && n.where.line > 0);
        QVERIFY(located);
    }

    void importedScenarioValidatesAndRuns()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-shop.yaml")));
        QVERIFY(r.ok());
        const QByteArray json = serializeScenario(*r.scenario);
        const ScenarioLoad load = parseScenario(json);
        QVERIFY2(load.ok(), qPrintable(TestSupport::problemsText(load.problems)));
        QCOMPARE(*load.scenario, *r.scenario);
        for (const Problem &p : load.problems)
            QVERIFY2(p.isError() == false, qPrintable(p.toString()));
        CompiledScenario compiled = compileScenario(*load.scenario);
        QVERIFY2(compiled.ok(), qPrintable(TestSupport::problemsText(compiled.problems)));
        compiled.spec.durationS = 10;
        compiled.spec.warmupS = 1;
        const Sim::RunResult run = Sim::runSimulation(compiled.spec);
        QVERIFY(!run.requests.empty());
        QVERIFY(run.requests.front().completed > 300);
        QCOMPARE(run.requests.front().failed, 0.0);
    }

    void cleanFixtureHasNoFindings()
    {
        // the shop fixture follows every container practice the lint checks
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-shop.yaml")));
        QVERIFY(r.ok());
        QStringList lines;
        for (const ContainerFinding &f : r.findings)
            lines << f.toString();
        QVERIFY2(r.findings.empty(), qPrintable(lines.join('\n')));
    }

    void quickstartHasFindingsWithLines()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("compose-quickstart.yaml")));
        QVERIFY(r.ok());
        QVERIFY(!r.findings.empty());
        for (const ContainerFinding &f : r.findings) {
            QVERIFY2(f.where.line > 0, qPrintable(f.toString()));
            QVERIFY(!f.finding.hint.isEmpty());
        }
    }

    void imageNames_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("kind");
        QTest::newRow("library") << "postgres:16"
                                 << "database";
        QTest::newRow("registry path") << "docker.io/library/redis:7-alpine"
                                       << "cache";
        QTest::newRow("vendor") << "bitnami/rabbitmq:3.13"
                                << "queue";
        QTest::newRow("suffix") << "redis-stack-server:7"
                                << "cache";
        QTest::newRow("digest") << "mariadb@sha256:0123"
                                << "database";
        QTest::newRow("port in registry") << "localhost:5000/haproxy"
                                          << "load_balancer";
        QTest::newRow("gateway") << "kong:3.6"
                                 << "gateway";
        QTest::newRow("own") << "ghcr.io/acme/orders:1.0"
                             << "service";
        QTest::newRow("none") << ""
                              << "service";
    }

    void imageNames()
    {
        QFETCH(QString, image);
        QFETCH(QString, kind);
        QCOMPARE(componentKindName(classifyImage(image).kind), kind);
    }

    void environmentLinksAndCycles()
    {
        // a and b name each other: the second link would close a cycle and is dropped, noted
        const QByteArray yaml = "services:\n"
                                "  a:\n"
                                "    image: python:3.12\n"
                                "    ports: ['8080:8080']\n"
                                "    environment:\n"
                                "      B_URL: http://b:9000\n"
                                "  b:\n"
                                "    image: python:3.12\n"
                                "    environment: [A_HOST=a]\n";
        const ImportResult r = importCompose(yaml, QStringLiteral("c.yaml"));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        QCOMPARE(stepTargets(component(*r.scenario, QStringLiteral("a"))), QStringList({"call b"}));
        QCOMPARE(stepTargets(component(*r.scenario, QStringLiteral("b"))), QStringList());
        QVERIFY(
            hasNote(r, ImportNote::Kind::Unmapped, QStringLiteral("b"), QStringLiteral("cycle")));
        QVERIFY(parseScenario(serializeScenario(*r.scenario)).ok());
    }

    void documentsAreReadOneByOne()
    {
        // tests/fixtures/import/malformed-loadall-loop.yaml, found by tst_fuzzimport: the
        // quick-start file with pieces of lines moved. yaml-cpp's LoadAll appended documents
        // for ever on it, until the machine ran out of memory; it is refused now, with a line.
        const ImportResult r = importContainers(
            fixture(QStringLiteral("malformed-loadall-loop.yaml")));
        QVERIFY(!r.ok());
        QVERIFY(!r.errors.isEmpty());
        QVERIFY(r.errors.first().where.line > 0);
        // several documents keep their own lines (a Compose file has one: the first counts)
        const QByteArray two = "# comment\n---\nservices:\n  api:\n    image: node:20\n---\n"
                               "services:\n  other:\n    image: [unclosed\n";
        const ImportResult second = importCompose(two, QStringLiteral("two.yaml"));
        QVERIFY(!second.ok());
        QCOMPARE(second.errors.first().where.line, 10);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        QTest::newRow("syntax") << QByteArray("services:\n  api:\n    image: [unclosed\n") << 4
                                << "not valid YAML";
        QTest::newRow("no services")
            << QByteArray("version: '3'\nnetworks: {}\n") << 1 << "needs 'services'";
        // yaml-cpp accepts a quoted value that is never closed; the service after it was lost
        QTest::newRow("unclosed double quote")
            << QByteArray("services:\n  web:\n    image: acme/web:1\n    environment:\n"
                          "      A: \"x\n  db:\n    image: postgres:16\n")
            << 5 << "quoted value is not closed";
        QTest::newRow("unclosed single quote")
            << QByteArray("services:\n  web:\n    image: 'nginx:1\n    ports: [80:80]\n") << 3
            << "quoted value is not closed";
        QTest::newRow("escaped quote is no end")
            << QByteArray("services:\n  web:\n    image: \"nginx:1\\\"\n") << 3
            << "quoted value is not closed";
        QTest::newRow("replicas") << QByteArray("services:\n  api:\n    image: x:1\n    deploy:\n"
                                                "      replicas: three\n")
                                  << 5 << "deploy.replicas must be a whole number";
        QTest::newRow("memory") << QByteArray("services:\n  api:\n    deploy:\n      resources:\n"
                                              "        limits:\n          memory: lots\n")
                                << 6 << "deploy.resources.limits.memory";
        QTest::newRow("restart") << QByteArray("services:\n  api:\n    restart: sometimes\n") << 3
                                 << "restart must be";
        QTest::newRow("depends_on") << QByteArray("services:\n  api:\n    depends_on: [db]\n") << 3
                                    << "'db', which is not a service";
        QTest::newRow("ports") << QByteArray("services:\n  api:\n    ports:\n      - \"80:x\"\n")
                               << 4 << "not a port";
        QTest::newRow("interval") << QByteArray("services:\n  api:\n    healthcheck:\n"
                                                "      interval: soon\n")
                                  << 4 << "healthcheck.interval";
    }

    void quotedValuesThatCloseAreRead()
    {
        // the closing-quote check must not refuse what YAML allows: escapes, '' in single
        // quotes, a quoted value over two lines, a quoted key, and an alias of a quoted map
        const QByteArray yaml = "x-env: &env {\"NOTE\": 'it''s \"fine\"'}\n"
                                "services:\n  \"web\":\n    image: \"nginx:1.25\"\n"
                                "    environment:\n"
                                "      A: \"a \\\" quote\"\n"
                                "      B: \"over\n        two lines\"\n"
                                "  api:\n    image: 'node:20'\n    environment: *env\n";
        const ImportResult r = importCompose(yaml, QStringLiteral("quotes.yaml"));
        QVERIFY2(r.ok(), qPrintable(r.errors.value(0).toString()));
        QCOMPARE(r.scenario->components.size(), 2);
    }

    void malformed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, words);
        const ImportResult r = importCompose(yaml, QStringLiteral("bad.yaml"));
        QVERIFY(!r.ok());
        QVERIFY(!r.errors.isEmpty());
        const ImportError &e = r.errors.first();
        QCOMPARE(e.where.file, QStringLiteral("bad.yaml"));
        QCOMPARE(e.where.line, line);
        QVERIFY2(e.message.contains(words), qPrintable(e.toString()));
        QVERIFY(e.toString().startsWith(QStringLiteral("bad.yaml:%1").arg(line)));
    }
};

QTEST_GUILESS_MAIN(tst_ComposeImport)
#include "tst_composeimport.moc"
