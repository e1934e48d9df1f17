// SPDX-License-Identifier: GPL-3.0-or-later
// Kubernetes import (model/import, docs/import.md): the shop manifests (a folder of
// multi-document files) give the expected components and values, a single file works too,
// the scenario validates and runs, and malformed manifests are refused with their line.
#include "ImportTestSupport.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "import/ContainerImport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Model;

using namespace ImportTest;

class tst_KubernetesImport : public QObject
{
    Q_OBJECT

private slots:
    void folderComponentsAndValues()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("k8s-shop")));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        QCOMPARE(r.format, QStringLiteral("kubernetes"));
        const Scenario &s = *r.scenario;
        QStringList ids;
        for (const Component &c : s.components)
            ids << c.id + QLatin1Char('=') + componentKindName(c.kind);
        QCOMPARE(ids, QStringList({"web=service", "api=service", "db=database", "cache=cache"}));
        // the Ingress publishes web
        QCOMPARE(s.workload.entry, QStringLiteral("web"));

        // web: replicas, limits (requests noted), readiness probe, HPA v1 at 60% of the
        // request, which is half the limit
        const Service &web = component(s, QStringLiteral("web")).service;
        QCOMPARE(web.concurrency->model, QStringLiteral("event_loop"));
        QCOMPARE(web.replicas, std::optional<int>(2));
        QCOMPARE(web.cpuCores, std::optional<double>(0.5));
        QCOMPARE(web.memoryMb, std::optional<double>(512));
        QCOMPARE(web.restart, QStringLiteral("always"));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("web"),
                        QStringLiteral(".restart")));
        QCOMPARE(web.healthCheck->intervalS, std::optional<double>(5));
        QCOMPARE(web.healthCheck->failures, std::optional<int>(2));
        QCOMPARE(web.autoscaling->min, std::optional<int>(1));
        // its HPA names no minReplicas: Kubernetes' 1, listed for review
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("web"),
                        QStringLiteral(".autoscaling.min")));
        QCOMPARE(web.autoscaling->max, std::optional<int>(6));
        QCOMPARE(web.autoscaling->targetCpu, std::optional<double>(0.3));
        QCOMPARE(stepTargets(component(s, QStringLiteral("web"))), QStringList({"call api"}));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("web"),
                        QStringLiteral("sidecars")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("web"),
                        QStringLiteral("256 MB")));

        // api: HPA v2 with behavior, tcpSocket readiness with Kubernetes' default period
        const Service &api = component(s, QStringLiteral("api")).service;
        QCOMPARE(api.concurrency->threads, std::optional<int>(200));
        QCOMPARE(api.replicas, std::optional<int>(3));
        QCOMPARE(api.cpuCores, std::optional<double>(2));
        QCOMPARE(api.memoryMb, std::optional<double>(2048));
        QCOMPARE(api.restart, QStringLiteral("always"));
        QCOMPARE(api.healthCheck->intervalS, std::optional<double>(10));
        QCOMPARE(api.healthCheck->failures, std::optional<int>(3));
        // no failureThreshold in its probe: Kubernetes' 3, listed for review, as the period is
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("api"),
                        QStringLiteral(".health_check.failures")));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("web"),
                         QStringLiteral(".health_check.failures")));
        QCOMPARE(api.autoscaling->min, std::optional<int>(2));
        QCOMPARE(api.autoscaling->max, std::optional<int>(10));
        QCOMPARE(api.autoscaling->targetCpu, std::optional<double>(0.35));
        QCOMPARE(api.autoscaling->scaleUpStabilizationS, std::optional<double>(15));
        QCOMPARE(api.autoscaling->scaleDownStabilizationS, std::optional<double>(120));
        QCOMPARE(stepTargets(component(s, QStringLiteral("api"))),
                 QStringList({"call db", "cache cache"}));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("api"),
                        QStringLiteral("startupProbe")));

        QCOMPARE(component(s, QStringLiteral("db")).database.maxConnections,
                 std::optional<int>(100));
        QCOMPARE(component(s, QStringLiteral("cache")).cache.engine, QStringLiteral("redis"));
        // the ConfigMap is listed as not imported
        bool configMap = false;
        for (const ImportNote &n : r.notes)
            configMap = configMap || n.message.contains(QStringLiteral("ConfigMap 'web-settings'"));
        QVERIFY(configMap);
        // the shop follows the practices the lint checks
        QStringList lines;
        for (const ContainerFinding &f : r.findings)
            lines << f.toString();
        QVERIFY2(r.findings.empty(), qPrintable(lines.join('\n')));
    }

    void moreMappedValues()
    {
        // k8s-more.yaml: the mapped keys k8s-shop leaves out, in one multi-document file
        const ImportResult r = importContainers(fixture(QStringLiteral("k8s-more.yaml")));
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        const Scenario &s = *r.scenario;
        QCOMPARE(s.name, QStringLiteral("k8s-more.yaml"));
        QStringList ids;
        for (const Component &c : s.components)
            ids << c.id + QLatin1Char('=') + componentKindName(c.kind);
        QCOMPARE(ids, QStringList({"bookings=service", "admin=service", "bookings-db=database"}));
        // its hostPort makes bookings reachable from outside
        QCOMPARE(s.workload.entry, QStringLiteral("bookings"));

        // bookings: restartPolicy OnFailure, with the engine's back-off (the kubelet's) and no
        // default to review; the liveness probe is the health check, as there is no readiness
        // probe; the CPU request is cpu_cores, as there is no limit; the HPA's min and target
        // are Kubernetes' defaults, noted
        const Service &bookings = component(s, QStringLiteral("bookings")).service;
        QVERIFY(!bookings.concurrency);
        QCOMPARE(bookings.replicas, std::optional<int>(2));
        QCOMPARE(bookings.cpuCores, std::optional<double>(0.5));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("bookings"),
                         QStringLiteral(".cpu_cores")));
        QCOMPARE(bookings.memoryMb, std::optional<double>(512));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Unmapped,
                        QStringLiteral("bookings"),
                        QStringLiteral("memory request or reservation (256 MB)")));
        QCOMPARE(bookings.restart, QStringLiteral("on_failure"));
        QVERIFY(!bookings.restartBackoffS);
        QVERIFY(!bookings.restartBackoffMaxS);
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("bookings"),
                         QStringLiteral(".restart")));
        QCOMPARE(bookings.healthCheck->intervalS, std::optional<double>(7));
        QCOMPARE(bookings.healthCheck->failures, std::optional<int>(5));
        QVERIFY(!hasNote(r,
                         ImportNote::Kind::Default,
                         QStringLiteral("bookings"),
                         QStringLiteral(".health_check")));
        QCOMPARE(bookings.autoscaling->min, std::optional<int>(1));
        QCOMPARE(bookings.autoscaling->max, std::optional<int>(5));
        QCOMPARE(bookings.autoscaling->targetCpu, std::optional<double>(0.8));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("bookings"),
                        QStringLiteral(".autoscaling.min")));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("bookings"),
                        QStringLiteral(".autoscaling.target_cpu")));
        QCOMPARE(stepTargets(component(s, QStringLiteral("bookings"))),
                 QStringList({"call bookings-db"}));

        // admin: a JVM; no restartPolicy (Kubernetes' always, noted); its readiness probe,
        // not its liveness probe, is the health check; no replicas (1)
        const Service &admin = component(s, QStringLiteral("admin")).service;
        QCOMPARE(admin.concurrency->model, QStringLiteral("thread_pool"));
        QCOMPARE(admin.concurrency->threads, std::optional<int>(200));
        QVERIFY(!admin.replicas);
        QCOMPARE(admin.cpuCores, std::optional<double>(1));
        QCOMPARE(admin.memoryMb, std::optional<double>(1024));
        QCOMPARE(admin.restart, QStringLiteral("always"));
        QVERIFY(!admin.restartBackoffS);
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("admin"),
                        QStringLiteral(".restart")));
        QCOMPARE(admin.healthCheck->intervalS, std::optional<double>(5));
        QCOMPARE(admin.healthCheck->failures, std::optional<int>(2));
        QVERIFY(!admin.autoscaling);
        // the Service's name as the first label of a cluster host name
        QCOMPARE(stepTargets(component(s, QStringLiteral("admin"))),
                 QStringList({"call bookings"}));

        QCOMPARE(component(s, QStringLiteral("bookings-db")).database.maxConnections,
                 std::optional<int>(151));
        QVERIFY(hasNote(r,
                        ImportNote::Kind::Default,
                        QStringLiteral("bookings-db"),
                        QStringLiteral("151, the default of MySQL")));

        // the lint: bookings' missing CPU limit, and admin's hostPort 8080, which bookings
        // takes already
        const QStringList findings = findingLines(r);
        QCOMPARE(findings,
                 QStringList(
                     {"container-no-cpu-limit bookings 40", "container-port-conflict admin 69"}));

        const ScenarioLoad load = parseScenario(serializeScenario(s));
        QVERIFY2(load.ok(), qPrintable(TestSupport::problemsText(load.problems)));
        QCOMPARE(*load.scenario, s);
    }

    void folderScenarioValidatesAndRuns()
    {
        const ImportResult r = importContainers(fixture(QStringLiteral("k8s-shop")));
        QVERIFY(r.ok());
        const ScenarioLoad load = parseScenario(serializeScenario(*r.scenario));
        QVERIFY2(load.ok(), qPrintable(TestSupport::problemsText(load.problems)));
        CompiledScenario compiled = compileScenario(*load.scenario);
        QVERIFY2(compiled.ok(), qPrintable(TestSupport::problemsText(compiled.problems)));
        compiled.spec.durationS = 10;
        compiled.spec.warmupS = 1;
        const Sim::RunResult run = Sim::runSimulation(compiled.spec);
        QVERIFY(run.requests.front().completed > 300);
    }

    void oneFileOfManyDocuments()
    {
        // the three files joined into one multi-document file give the same scenario's parts
        const QByteArray all = readFixture(QStringLiteral("k8s-shop/workloads.yaml")) + "\n---\n"
                               + readFixture(QStringLiteral("k8s-shop/services.yaml")) + "\n---\n"
                               + readFixture(QStringLiteral("k8s-shop/autoscaling.yaml"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shop.yaml"));
        QVERIFY(TestSupport::writeBytes(file, all));
        const ImportResult one = importContainers(file);
        const ImportResult folder = importContainers(fixture(QStringLiteral("k8s-shop")));
        QVERIFY2(one.ok(), qPrintable(errorsText(one)));
        QCOMPARE(one.scenario->components, folder.scenario->components);
        QCOMPARE(one.scenario->workload, folder.scenario->workload);
    }

    void listAndQuantities()
    {
        // a kind: List, decimal memory (1G = 10^9 bytes), millicores, a NodePort service
        const QByteArray yaml = "apiVersion: v1\n"
                                "kind: List\n"
                                "items:\n"
                                "- apiVersion: apps/v1\n"
                                "  kind: Deployment\n"
                                "  metadata: {name: orders}\n"
                                "  spec:\n"
                                "    template:\n"
                                "      metadata: {labels: {app: orders}}\n"
                                "      spec:\n"
                                "        restartPolicy: Never\n"
                                "        containers:\n"
                                "        - name: orders\n"
                                "          image: golang:1.22\n"
                                "          resources: {limits: {cpu: 250m, memory: 1G}}\n"
                                "- apiVersion: v1\n"
                                "  kind: Service\n"
                                "  metadata: {name: orders}\n"
                                "  spec:\n"
                                "    type: NodePort\n"
                                "    selector: {app: orders}\n"
                                "    ports: [{port: 80, nodePort: 30080}]\n";
        const ImportResult r = importKubernetes({{QStringLiteral("list.yaml"), yaml}});
        QVERIFY2(r.ok(), qPrintable(errorsText(r)));
        const Service &orders = component(*r.scenario, QStringLiteral("orders")).service;
        QCOMPARE(orders.cpuCores, std::optional<double>(0.25));
        QVERIFY(qAbs(*orders.memoryMb - 1e9 / 1048576.0) < 1e-9);
        QCOMPARE(orders.restart, QStringLiteral("no"));
        QCOMPARE(r.scenario->workload.entry, QStringLiteral("orders"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        QTest::newRow("syntax") << QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: x\n")
                                << 4 << "not valid YAML";
        QTest::newRow("unclosed quote")
            << QByteArray("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"x\n"
                          "spec:\n  ports: [{port: 80}]\n")
            << 4 << "quoted value is not closed";
        QTest::newRow("no kind") << QByteArray("apiVersion: v1\nmetadata: {name: x}\n") << 1
                                 << "needs apiVersion and kind";
        QTest::newRow("no name") << QByteArray("---\napiVersion: apps/v1\nkind: Deployment\n") << 2
                                 << "needs metadata.name";
        QTest::newRow("replicas") << QByteArray("apiVersion: apps/v1\nkind: Deployment\n"
                                                "metadata: {name: x}\nspec:\n  replicas: -1\n")
                                  << 5 << "spec.replicas must be a whole number";
        QTest::newRow("no containers")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n"
                          "  template:\n    spec:\n      containers: []\n")
            << 7 << "needs spec.template.spec.containers";
        QTest::newRow("cpu") << QByteArray("apiVersion: apps/v1\nkind: Deployment\n"
                                           "metadata: {name: x}\nspec:\n  template:\n    spec:\n"
                                           "      containers:\n      - image: a:1\n"
                                           "        resources: {limits: {cpu: fast}}\n")
                             << 9 << "containers[0].resources.limits.cpu";
        QTest::newRow("hpa") << QByteArray("apiVersion: autoscaling/v2\n"
                                           "kind: HorizontalPodAutoscaler\nmetadata: {name: x}\n"
                                           "spec:\n  maxReplicas: many\n")
                             << 5 << "spec.maxReplicas";
    }

    void malformed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, words);
        const ImportResult r = importKubernetes({{QStringLiteral("bad.yaml"), yaml}});
        QVERIFY(!r.ok());
        QVERIFY(!r.errors.isEmpty());
        const ImportError &e = r.errors.first();
        QCOMPARE(e.where.file, QStringLiteral("bad.yaml"));
        QCOMPARE(e.where.line, line);
        QVERIFY2(e.message.contains(words), qPrintable(e.toString()));
    }

    void emptyFolderIsRefused()
    {
        QTemporaryDir dir;
        const ImportResult r = importContainers(dir.path());
        QVERIFY(!r.ok());
        QVERIFY(r.errors.first().message.contains(QStringLiteral("no .yaml")));
    }
};

QTEST_GUILESS_MAIN(tst_KubernetesImport)
#include "tst_kubernetesimport.moc"
