// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli export (docs/cli.md, "export"), driven through QProcess: the text formats are
// the library's text, the pictures are SVG and PNG, and bad input exits 2.
#include "CliProcess.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "export/DiagramExport.h"
#include "persistence/ProjectStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using TestSupport::examplePath;

namespace {

using CliTest::Outcome;

/** archsim-cli export ARGS... */
Outcome runCli(const QStringList &args)
{
    return CliTest::runCli(QStringList{QStringLiteral("export")} + args);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Model::Scenario example(const QString &file)
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(examplePath(file));
    if (!load.scenario)
        qFatal("cannot read %s", qPrintable(file));
    return *load.scenario;
}

/** Width and height from a PNG's IHDR chunk. */
QSize pngSize(const QByteArray &png)
{
    if (!png.startsWith("\x89PNG\r\n\x1a\n") || png.size() < 24 || png.mid(12, 4) != "IHDR")
        return {};
    return QSize(int(qFromBigEndian<quint32>(png.constData() + 16)),
                 int(qFromBigEndian<quint32>(png.constData() + 20)));
}

} // namespace

class tst_CliExport : public QObject
{
    Q_OBJECT

private slots:
    void textGoesToStdout_data();
    void textGoesToStdout();
    void textGoesToTheOutFile();
    void picturesOfTheCanvas();
    void pictureGoesToAPipe();
    void scenarioFromAProject();
    void scenarioWithErrorsIsStillDrawn();
    void badInputExitsTwo();
    void unwritableOutExitsOne();
};

void tst_CliExport::textGoesToStdout_data()
{
    QTest::addColumn<QString>("format");
    for (const Model::Export::DiagramFormat f : Model::Export::diagramFormats())
        QTest::newRow(qPrintable(Model::Export::diagramFormatName(f)))
            << Model::Export::diagramFormatName(f);
}

void tst_CliExport::textGoesToStdout()
{
    QFETCH(QString, format);
    const Outcome o = runCli(
        {examplePath(QStringLiteral("shop-microservices.json")), QStringLiteral("--to"), format});
    QCOMPARE(o.exitCode, 0);
    QVERIFY2(o.err.isEmpty(), o.err.constData());
    const QString expected
        = Model::Export::exportDiagram(example(QStringLiteral("shop-microservices.json")),
                                       *Model::Export::diagramFormatFromName(format));
    QCOMPARE(QString::fromUtf8(o.out), expected);
}

void tst_CliExport::textGoesToTheOutFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("shop.dot"));
    QVERIFY(TestSupport::writeBytes(out, "an older file"));
    const Outcome o = runCli({examplePath(QStringLiteral("shop-monolith.json")),
                              QStringLiteral("--to"),
                              QStringLiteral("DOT"),
                              QStringLiteral("--out"),
                              out});
    QCOMPARE(o.exitCode, 0);
    QVERIFY(o.out.isEmpty());
    QCOMPARE(QString::fromUtf8(readFile(out)),
             Model::Export::exportDiagram(example(QStringLiteral("shop-monolith.json")),
                                          Model::Export::DiagramFormat::Dot));
    // "--out -" is stdout
    const Outcome dash = runCli({examplePath(QStringLiteral("mm1.json")),
                                 QStringLiteral("--to"),
                                 QStringLiteral("plantuml"),
                                 QStringLiteral("--out"),
                                 QStringLiteral("-")});
    QCOMPARE(dash.exitCode, 0);
    QVERIFY(dash.out.startsWith("@startuml\n"));
}

void tst_CliExport::picturesOfTheCanvas()
{
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("shop.svg"));
    const QString png = dir.filePath(QStringLiteral("shop.png"));
    for (const auto &[format, file] :
         {std::pair{QStringLiteral("svg"), svg}, std::pair{QStringLiteral("png"), png}}) {
        const Outcome o = runCli({examplePath(QStringLiteral("shop-microservices.json")),
                                  QStringLiteral("--to"),
                                  format,
                                  QStringLiteral("--out"),
                                  file});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.err.isEmpty(), o.err.constData());
        QVERIFY(o.out.isEmpty());
    }
    const QByteArray svgBytes = readFile(svg);
    QVERIFY(svgBytes.startsWith("<?xml"));
    QVERIFY(svgBytes.trimmed().endsWith("</svg>"));
    for (const Model::Component &c : example(QStringLiteral("shop-microservices.json")).components)
        QVERIFY2(svgBytes.contains(">" + c.id.toUtf8() + "<"), qPrintable(c.id));
    const QSize size = pngSize(readFile(png));
    QVERIFY(size.width() > 600 && size.height() > 200);
}

void tst_CliExport::pictureGoesToAPipe()
{
    // QProcess reads the standard output through a pipe: no terminal, so the picture may go
    // there without --out
    const Outcome o = runCli(
        {examplePath(QStringLiteral("mm1.json")), QStringLiteral("--to"), QStringLiteral("png")});
    QCOMPARE(o.exitCode, 0);
    QVERIFY(pngSize(o.out).isValid());
}

void tst_CliExport::scenarioFromAProject()
{
    QTemporaryDir dir;
    Model::Project project;
    project.metadata.name = QStringLiteral("export test");
    Model::ProjectScenario entry = Model::ProjectScenario::create(
        example(QStringLiteral("event-loop-blocked.json")));
    // the canvas layout is the project's: the picture spans it
    entry.layout.positions.insert(QStringLiteral("app"), QPointF(0, 0));
    entry.layout.positions.insert(QStringLiteral("db"), QPointF(1500, 0));
    const QString name = entry.scenario.name;
    project.scenarios.append(entry);
    const QString path = dir.filePath(QStringLiteral("p.archsim"));
    QString error;
    QVERIFY2(Model::ProjectStore::save(project, path, &error), qPrintable(error));

    const Outcome text = runCli(
        {path + QLatin1Char(':') + name, QStringLiteral("--to"), QStringLiteral("mermaid")});
    QCOMPARE(text.exitCode, 0);
    QCOMPARE(QString::fromUtf8(text.out),
             Model::Export::exportDiagram(entry.scenario, Model::Export::DiagramFormat::Mermaid));
    const Outcome picture = runCli(
        {path + QLatin1Char(':') + name, QStringLiteral("--to"), QStringLiteral("png")});
    QCOMPARE(picture.exitCode, 0);
    QVERIFY(pngSize(picture.out).width() > 2 * 1500);

    const Outcome noName = runCli({path, QStringLiteral("--to"), QStringLiteral("dot")});
    QCOMPARE(noName.exitCode, 2);
    QVERIFY2(noName.err.contains(name.toUtf8()), noName.err.constData());
    const Outcome wrongName = runCli(
        {path + QStringLiteral(":nonesuch"), QStringLiteral("--to"), QStringLiteral("dot")});
    QCOMPARE(wrongName.exitCode, 2);
    QVERIFY(wrongName.err.contains("no scenario named 'nonesuch'"));
}

void tst_CliExport::scenarioWithErrorsIsStillDrawn()
{
    const QString fixture = TestSupport::sourcePath(
        QStringLiteral("tests/golden/export/all-kinds.json"));
    const Outcome o = runCli({fixture, QStringLiteral("--to"), QStringLiteral("structurizr")});
    QCOMPARE(o.exitCode, 0);
    QVERIFY(o.err.contains("error: "));      // the problems, as validate prints them
    QVERIFY(o.err.contains("note: "));       // and that the diagram shows it as it is
    QVERIFY(o.out.startsWith("workspace ")); // still drawn
}

void tst_CliExport::badInputExitsTwo()
{
    QTemporaryDir dir;
    const QString mm1 = examplePath(QStringLiteral("mm1.json"));
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    Outcome o = runCli({missing, QStringLiteral("--to"), QStringLiteral("mermaid")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(missing.toUtf8()), o.err.constData());
    QVERIFY(o.out.isEmpty());

    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QVERIFY(TestSupport::writeBytes(broken, "{\n  \"format\": \"archsim-scenario\",\n  oops\n}\n"));
    o = runCli({broken, QStringLiteral("--to"), QStringLiteral("dot")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("line 3"), o.err.constData());

    o = runCli({mm1, QStringLiteral("--to"), QStringLiteral("visio")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("unknown format 'visio'"));
    QVERIFY(o.err.contains("mermaid, structurizr, plantuml, dot, svg or png"));

    o = runCli({mm1});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("--to FORMAT"));
    o = runCli({mm1, QStringLiteral("--to")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("--to needs a value"));
    o = runCli({mm1, QStringLiteral("--to"), QStringLiteral("dot"), QStringLiteral("--scale")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("unexpected argument '--scale'"));
}

void tst_CliExport::unwritableOutExitsOne()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("no/such/folder/x.mmd"));
    const Outcome o = runCli({examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--to"),
                              QStringLiteral("mermaid"),
                              QStringLiteral("--out"),
                              out});
    QCOMPARE(o.exitCode, 1);
    QVERIFY2(o.err.contains("cannot write " + out.toUtf8()), o.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliExport)
#include "tst_cliexport.moc"
