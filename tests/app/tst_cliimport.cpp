// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli import (docs/import.md, docs/cli.md) end to end: the written scenario passes
// archsim-cli validate and run at once, the report lists the defaults and the container lint
// with their lines, and malformed input exits with 2 and the file, line and reason.
#include "CliProcess.h"
#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using CliTest::Outcome;
using CliTest::runCli;

namespace {

QString fixture(const QString &name)
{
    return TestSupport::sourcePath(QStringLiteral("tests/fixtures/import/") + name);
}

} // namespace

class tst_CliImport : public QObject
{
    Q_OBJECT

private slots:
    void composeValidatesAndRunsAtOnce()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("quickstart.json"));
        const Outcome o = runCli({QStringLiteral("import"),
                                  fixture(QStringLiteral("compose-quickstart.yaml")),
                                  QStringLiteral("--out"),
                                  out});
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("imported "));
        QVERIFY(o.out.contains("entry 'app'"));
        QVERIFY(o.out.contains("defaults to review"));
        QVERIFY(o.out.contains("$.workload.arrivals"));
        // each finding with the file's line
        QVERIFY2(o.out.contains("compose-quickstart.yaml:44 warning container-port-conflict "
                                "rabbitmq"),
                 o.out.constData());
        QVERIFY(o.out.contains("wrote "));
        QVERIFY(QFile::exists(out));

        const Outcome v = runCli({QStringLiteral("validate"), out});
        QVERIFY2(v.exitCode == 0, v.err.constData());
        QVERIFY(v.out.contains("valid"));
        const Outcome r = runCli({QStringLiteral("run"),
                                  out,
                                  QStringLiteral("--duration"),
                                  QStringLiteral("10"),
                                  QStringLiteral("--warmup"),
                                  QStringLiteral("1"),
                                  QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void kubernetesFolderToStdout()
    {
        const Outcome o = runCli({QStringLiteral("import"), fixture(QStringLiteral("k8s-shop"))});
        QVERIFY2(o.exitCode == 0, o.err.constData());
        // without --out the scenario is on stdout and the report on stderr
        QVERIFY(o.out.startsWith("{"));
        QVERIFY(o.out.contains("\"autoscaling\""));
        QVERIFY(o.err.contains("imported "));
        QVERIFY(o.err.contains("not imported"));
        QVERIFY(o.err.contains("ConfigMap 'web-settings'"));
    }

    void malformedExitsWithTheLine()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.yaml"));
        QVERIFY(TestSupport::writeBytes(bad,
                                        "services:\n  api:\n    image: acme/api:1\n"
                                        "    deploy:\n      replicas: three\n"));
        const Outcome o = runCli({QStringLiteral("import"), bad});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.out.isEmpty());
        QVERIFY2(o.err.contains("broken.yaml:5:17: error: deploy.replicas must be a whole number"),
                 o.err.constData());
        QCOMPARE(runCli({QStringLiteral("import")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("import"), bad, QStringLiteral("--bogus")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("missing.yaml"))})
                     .exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(tst_CliImport)
#include "tst_cliimport.moc"
