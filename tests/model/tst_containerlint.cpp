// SPDX-License-Identifier: GPL-3.0-or-later
// The container lint (model/import/ContainerLint.h, docs/import.md): each rule fires on a
// minimal file and not on its fixed twin, with the file's line; the ids are stable and
// every one of them is documented.
#include "TestSupport.h"
#include "import/ContainerImport.h"
#include "import/ContainerLint.h"

#include <QFile>
#include <QTest>

using namespace Model;

namespace {

ImportResult import(const QString &format, const QByteArray &yaml)
{
    return format == QLatin1String("compose")
               ? importCompose(yaml, QStringLiteral("t.yaml"))
               : importKubernetes({{QStringLiteral("t.yaml"), yaml}});
}

const ContainerFinding *findingOf(const ImportResult &r, const QString &rule)
{
    for (const ContainerFinding &f : r.findings) {
        if (f.finding.rule == rule)
            return &f;
    }
    return nullptr;
}

QByteArray deployment(const QByteArray &container,
                      const QByteArray &pod = {},
                      const QByteArray &name = "api")
{
    return "apiVersion: apps/v1\n"
           "kind: Deployment\n"
           "metadata: {name: "
           + name
           + "}\n"
             "spec:\n"
             "  template:\n"
             "    spec:\n"
           + pod
           + "      containers:\n"
             "      - name: api\n"
           + container;
}

} // namespace

class tst_ContainerLint : public QObject
{
    Q_OBJECT

private slots:
    void ruleFiresAndFixedTwinDoesNot_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QByteArray>("fixed");
        QTest::addColumn<int>("line");

        QTest::newRow("no-memory-limit")
            << "container-no-memory-limit"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    deploy:\n      resources:\n"
                          "        limits: {memory: 256M}\n")
            << 2;
        QTest::newRow("no-memory-limit k8s")
            << "container-no-memory-limit"
            << "kubernetes"
            << deployment("        image: a:1\n        resources: {limits: {cpu: 1}}\n")
            << deployment(
                   "        image: a:1\n        resources: {limits: {cpu: 1, memory: 1Gi}}\n")
            << 10;
        QTest::newRow("no-cpu-limit")
            << "container-no-cpu-limit"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    cpus: 0.5\n") << 2;
        QTest::newRow("no-healthcheck")
            << "container-no-healthcheck"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    healthcheck:\n"
                          "      test: [CMD, /health]\n")
            << 2;
        QTest::newRow("healthcheck disabled")
            << "container-no-healthcheck"
            << "compose"
            << QByteArray(
                   "services:\n  api:\n    image: a:1\n    healthcheck:\n      disable: true\n")
            << QByteArray(
                   "services:\n  api:\n    image: a:1\n    healthcheck:\n      test: [CMD, /h]\n")
            << 5;
        QTest::newRow("no-healthcheck k8s")
            << "container-no-healthcheck"
            << "kubernetes" << deployment("        image: a:1\n")
            << deployment("        image: a:1\n        readinessProbe: {tcpSocket: {port: 80}}\n")
            << 3;
        QTest::newRow("no-restart-policy")
            << "container-no-restart-policy"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    restart: unless-stopped\n") << 2;
        QTest::newRow("restart no")
            << "container-no-restart-policy"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n    restart: \"no\"\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    restart: on-failure\n") << 4;
        QTest::newRow("restartPolicy Never")
            << "container-no-restart-policy"
            << "kubernetes" << deployment("        image: a:1\n", "      restartPolicy: Never\n")
            << deployment("        image: a:1\n", "      restartPolicy: Always\n") << 7;
        QTest::newRow("restart-without-backoff")
            << "container-restart-without-backoff"
            << "compose"
            << QByteArray("services:\n  api:\n    image: a:1\n    deploy:\n      restart_policy:\n"
                          "        condition: any\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    deploy:\n      restart_policy:\n"
                          "        condition: any\n        delay: 5s\n        max_attempts: 3\n")
            << 6;
        QTest::newRow("restart-without-backoff max_attempts 0")
            << "container-restart-without-backoff"
            << "compose"
            << QByteArray("services:\n  api:\n    image: a:1\n    deploy:\n      restart_policy:\n"
                          "        condition: any\n        max_attempts: 0\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    deploy:\n      restart_policy:\n"
                          "        condition: any\n        max_attempts: 3\n")
            << 6;
        QTest::newRow("liveness-is-readiness")
            << "container-liveness-is-readiness"
            << "kubernetes"
            << deployment("        image: a:1\n"
                          "        livenessProbe: {httpGet: {path: /health, port: 80}}\n"
                          "        readinessProbe: {httpGet: {path: /health, port: 80}}\n")
            << deployment("        image: a:1\n"
                          "        livenessProbe: {httpGet: {path: /livez, port: 80}}\n"
                          "        readinessProbe: {httpGet: {path: /readyz, port: 80}}\n")
            << 10;
        QTest::newRow("runs-as-root")
            << "container-runs-as-root"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n    user: root\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    user: \"1000:1000\"\n") << 4;
        QTest::newRow("runs-as-root unsaid")
            << "container-runs-as-root"
            << "compose" << QByteArray("services:\n  api:\n    image: a:1\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    user: app\n") << 2;
        QTest::newRow("runs-as-root k8s")
            << "container-runs-as-root"
            << "kubernetes"
            << deployment("        image: a:1\n        securityContext: {runAsUser: 0}\n")
            << deployment("        image: a:1\n", "      securityContext: {runAsNonRoot: true}\n")
            << 10;
        QTest::newRow("secret-in-environment")
            << "container-secret-in-environment"
            << "compose"
            << QByteArray("services:\n  api:\n    image: a:1\n    environment:\n"
                          "      DB_PASSWORD: hunter2\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    environment:\n"
                          "      DB_PASSWORD_FILE: /run/secrets/db\n")
            << 5;
        QTest::newRow("secret in a URL")
            << "container-secret-in-environment"
            << "compose"
            << QByteArray("services:\n  api:\n    image: a:1\n    environment:\n"
                          "      - DATABASE_URL=postgres://u:hunter2@db/x\n")
            << QByteArray("services:\n  api:\n    image: a:1\n    environment:\n"
                          "      - DATABASE_URL=postgres://db/x\n")
            << 5;
        QTest::newRow("secret k8s")
            << "container-secret-in-environment"
            << "kubernetes"
            << deployment("        image: a:1\n        env: [{name: API_TOKEN, value: abc}]\n")
            << deployment("        image: a:1\n        env: [{name: API_TOKEN, valueFrom: "
                          "{secretKeyRef: {name: s, key: t}}}]\n")
            << 10;
        QTest::newRow("port-conflict")
            << "container-port-conflict"
            << "compose"
            << QByteArray("services:\n  a:\n    image: a:1\n    ports: [\"8080:80\"]\n  b:\n"
                          "    image: b:1\n    ports: [\"8080:81\"]\n")
            << QByteArray("services:\n  a:\n    image: a:1\n    ports: [\"8080:80\"]\n  b:\n"
                          "    image: b:1\n    ports: [\"8081:81\"]\n")
            << 7;
        QTest::newRow("port-conflict range")
            << "container-port-conflict"
            << "compose"
            << QByteArray("services:\n  a:\n    image: a:1\n    ports: [\"9000-9002:9000-9002\"]\n"
                          "  b:\n    image: b:1\n    ports: [\"127.0.0.1:9001:9001\"]\n")
            << QByteArray("services:\n  a:\n    image: a:1\n    ports: [\"9000-9002:9000-9002\"]\n"
                          "  b:\n    image: b:1\n    ports: [\"9001:9001/udp\"]\n")
            << 7;
        // two Deployments with the same hostPort: the line of the second's (ten lines of the
        // first document, its "---", then the second's ten)
        QTest::newRow("port-conflict hostPort")
            << "container-port-conflict"
            << "kubernetes"
            << deployment(
                   "        image: a:1\n        ports: [{containerPort: 80, hostPort: 8080}]\n")
                   + "---\n"
                   + deployment("        image: b:1\n"
                                "        ports: [{containerPort: 81, hostPort: 8080}]\n",
                                {},
                                "b")
            << deployment(
                   "        image: a:1\n        ports: [{containerPort: 80, hostPort: 8080}]\n")
                   + "---\n"
                   + deployment("        image: b:1\n"
                                "        ports: [{containerPort: 81, hostPort: 8081}]\n",
                                {},
                                "b")
            << 21;
        QTest::newRow("port-conflict hostPort protocol")
            << "container-port-conflict"
            << "kubernetes"
            << deployment(
                   "        image: a:1\n        ports: [{containerPort: 53, hostPort: 53}]\n")
                   + "---\n"
                   + deployment(
                       "        image: b:1\n"
                       "        ports: [{containerPort: 53, hostPort: 53, protocol: TCP}]\n",
                       {},
                       "b")
            << deployment(
                   "        image: a:1\n        ports: [{containerPort: 53, hostPort: 53}]\n")
                   + "---\n"
                   + deployment(
                       "        image: b:1\n"
                       "        ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]\n",
                       {},
                       "b")
            << 21;
        QTest::newRow("latest-image-tag")
            << "container-latest-image-tag"
            << "compose" << QByteArray("services:\n  api:\n    image: acme/api:latest\n")
            << QByteArray("services:\n  api:\n    image: acme/api:1.4.2\n") << 3;
        QTest::newRow("no tag")
            << "container-latest-image-tag"
            << "compose" << QByteArray("services:\n  api:\n    image: localhost:5000/api\n")
            << QByteArray("services:\n  api:\n    image: localhost:5000/api@sha256:abc\n") << 3;
        QTest::newRow("no-log-rotation")
            << "container-no-log-rotation"
            << "compose"
            << QByteArray(
                   "services:\n  api:\n    image: a:1\n    logging:\n      driver: json-file\n")
            << QByteArray(
                   "services:\n  api:\n    image: a:1\n    logging:\n      driver: json-file\n"
                   "      options: {max-size: 10m}\n")
            << 5;
    }

    void ruleFiresAndFixedTwinDoesNot()
    {
        QFETCH(QString, rule);
        QFETCH(QString, format);
        QFETCH(QByteArray, bad);
        QFETCH(QByteArray, fixed);
        QFETCH(int, line);
        const ImportResult before = import(format, bad);
        const ImportResult after = import(format, fixed);
        QVERIFY(before.ok());
        QVERIFY(after.ok());
        const ContainerFinding *f = findingOf(before, rule);
        QVERIFY2(f, qPrintable(rule));
        QCOMPARE(f->where.file, QStringLiteral("t.yaml"));
        QCOMPARE(f->where.line, line);
        QVERIFY(!f->finding.message.isEmpty());
        QVERIFY(!f->finding.hint.isEmpty());
        QVERIFY(!f->finding.component.isEmpty());
        const ContainerFinding *g = findingOf(after, rule);
        QVERIFY2(!g, g ? qPrintable(g->toString()) : "");
    }

    void idsAreStableAndDocumented()
    {
        QStringList ids;
        for (const ContainerLintRule &r : containerLintRules())
            ids << r.id;
        QCOMPARE(ids,
                 QStringList({"container-no-memory-limit",
                              "container-no-cpu-limit",
                              "container-no-healthcheck",
                              "container-no-restart-policy",
                              "container-restart-without-backoff",
                              "container-liveness-is-readiness",
                              "container-runs-as-root",
                              "container-secret-in-environment",
                              "container-port-conflict",
                              "container-latest-image-tag",
                              "container-no-log-rotation"}));
        QFile doc(TestSupport::sourcePath(QStringLiteral("docs/import.md")));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        for (const ContainerLintRule &r : containerLintRules()) {
            QVERIFY2(text.contains(QStringLiteral("### ") + r.id), qPrintable(r.id));
            // the risk and the fix are printed in the doc as the code says them
            QVERIFY2(text.contains(r.risk), qPrintable(r.id + ": risk"));
            QVERIFY2(text.contains(r.hint), qPrintable(r.id + ": hint"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_ContainerLint)
#include "tst_containerlint.moc"
