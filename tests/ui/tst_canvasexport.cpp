// SPDX-License-Identifier: GPL-3.0-or-later
// Pictures of the canvas (Ui::canvasImage: SVG read back with Qt's SVG reader, PNG) and
// File > Export Diagram in the main window; the diagram links agree with the canvas's.
#include "DiagramExportFiles.h"
#include "MainWindow.h"
#include "MainWindowActions.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "canvas/CanvasExport.h"
#include "canvas/CanvasScene.h"
#include "canvas/Relations.h"
#include "export/DiagramExport.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using Ui::CanvasImageFormat;

namespace {

Model::Scenario fixtureScenario()
{
    QFile f(TestSupport::sourcePath(QStringLiteral("tests/golden/export/all-kinds.json")));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    const Model::ScenarioLoad load = Model::parseScenario(f.readAll());
    if (!load.scenario)
        qFatal("the fixture cannot be read");
    return *load.scenario;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** How many pixels differ from white. */
int inkedPixels(const QImage &image)
{
    int inked = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            inked += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
    }
    return inked;
}

/** The canvas's relations in the terms of the diagram export, to compare the two. */
QStringList canvasRelations(const Model::Scenario &s)
{
    QStringList out;
    for (const Ui::Relation &r : Ui::relationsOf(s))
        out << QStringLiteral("%1 %2>%3 %4").arg(int(r.kind)).arg(r.from, r.to, r.label);
    return out;
}

QStringList exportedRelations(const Model::Scenario &s)
{
    using Model::Export::LinkKind;
    const Model::Export::DiagramGraph g = Model::Export::diagramGraph(s);
    QStringList out;
    for (const Model::Export::DiagramLink &l : g.links) {
        Ui::Relation::Kind kind;
        switch (l.kind) {
        case LinkKind::Call:
        case LinkKind::Query:
            kind = Ui::Relation::Kind::Call;
            break;
        case LinkKind::CacheLookup:
            kind = Ui::Relation::Kind::Cache;
            break;
        case LinkKind::Publish:
            kind = Ui::Relation::Kind::Publish;
            break;
        case LinkKind::Consume:
            kind = Ui::Relation::Kind::Consumer;
            break;
        case LinkKind::Balance:
            kind = Ui::Relation::Kind::Target;
            break;
        case LinkKind::Route:
            kind = Ui::Relation::Kind::Route;
            break;
        case LinkKind::Pool:
            kind = Ui::Relation::Kind::Pool;
            break;
        case LinkKind::Requests:
        case LinkKind::DeadLetter:
        default:
            continue; // the canvas does not draw these
        }
        out << QStringLiteral("%1 %2>%3 %4")
                   .arg(int(kind))
                   .arg(g.nodes.at(l.from).id, g.nodes.at(l.to).id, l.label);
    }
    return out;
}

} // namespace

class tst_CanvasExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void svgReadsBackWithQtSvg();
    void pngIsTheCanvasAtTwiceItsSize();
    void overlayIsDrawn();
    void layoutPositionsAreKept();
    void failedWriteLeavesNothingAndSaysWhy();
    void emptyScenarioIsRefused();
    void diagramLinksAreTheCanvasLinks();
    void exportMenuWritesEveryFormat();
};

void tst_CanvasExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_canvasexport"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QSettings().clear();
}

void tst_CanvasExport::svgReadsBackWithQtSvg()
{
    const Model::Scenario s = TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
    QString error;
    const QByteArray svg = Ui::canvasImage(s, {}, CanvasImageFormat::Svg, {}, &error);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    // the view box is the canvas's content in scene units; the size says 96 dpi
    QVERIFY(renderer.viewBox().width() > 300);
    QVERIFY(renderer.viewBox().height() > 100);
    const QRegularExpressionMatch width
        = QRegularExpression(QStringLiteral("width=\"([0-9.]+)mm\"")).match(QString::fromUtf8(svg));
    QVERIFY(width.hasMatch());
    QVERIFY2(qAbs(width.captured(1).toDouble() - renderer.viewBox().width() * 25.4 / 96) < 1,
             qPrintable(width.captured(0)));
    // text stays text: every component's id can be found in the file
    for (const Model::Component &c : s.components)
        QVERIFY2(svg.contains(">" + c.id.toUtf8() + "<"), qPrintable(c.id));
    QVERIFY(svg.contains("<title>Shop: microservices</title>"));
    // and it draws: rendered, it is not blank
    QImage image(renderer.viewBox().size(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QVERIFY(inkedPixels(image) > image.width() * image.height() / 100);
}

void tst_CanvasExport::pngIsTheCanvasAtTwiceItsSize()
{
    const Model::Scenario s = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const QByteArray png = Ui::canvasImage(s, {}, CanvasImageFormat::Png);
    const QImage image = QImage::fromData(png, "PNG");
    QVERIFY(!image.isNull());
    const QByteArray svg = Ui::canvasImage(s, {}, CanvasImageFormat::Svg);
    const QSize scene = QSvgRenderer(svg).viewBox().size();
    QVERIFY(qAbs(image.width() - 2 * scene.width()) <= 2);
    QVERIFY(qAbs(image.height() - 2 * scene.height()) <= 2);
    QCOMPARE(image.pixel(0, 0), qRgb(255, 255, 255)); // on white, not transparent
    QVERIFY(inkedPixels(image) > image.width() * image.height() / 100);
}

void tst_CanvasExport::overlayIsDrawn()
{
    const Model::Scenario s = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const QImage plain = QImage::fromData(Ui::canvasImage(s, {}, CanvasImageFormat::Png), "PNG");
    Ui::CanvasOverlay overlay;
    overlay.lintMarks.insert(QStringLiteral("monolith"),
                             {QStringLiteral("single-replica: one replica")});
    overlay.overloaded = QStringLiteral("db");
    const QImage marked = QImage::fromData(Ui::canvasImage(s, {}, CanvasImageFormat::Png, overlay),
                                           "PNG");
    QVERIFY(!marked.isNull());
    QVERIFY(marked != plain);
}

void tst_CanvasExport::layoutPositionsAreKept()
{
    // Two components placed far apart: the picture spans them (no arrange over the layout).
    const Model::Scenario s = TestSupport::loadExample(QStringLiteral("event-loop-blocked.json"));
    Model::Layout layout;
    layout.positions.insert(QStringLiteral("app"), QPointF(0, 0));
    layout.positions.insert(QStringLiteral("db"), QPointF(2000, 0));
    const QSize wide
        = QSvgRenderer(Ui::canvasImage(s, layout, CanvasImageFormat::Svg)).viewBox().size();
    QVERIFY2(wide.width() > 2000, qPrintable(QString::number(wide.width())));
    layout.positions.insert(QStringLiteral("db"), QPointF(0, 400));
    const QSize tall
        = QSvgRenderer(Ui::canvasImage(s, layout, CanvasImageFormat::Svg)).viewBox().size();
    QVERIFY(tall.width() < 1000);
    QVERIFY(tall.height() > 400);
}

void tst_CanvasExport::failedWriteLeavesNothingAndSaysWhy()
{
    const Model::Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder/mm1.svg"));
    QString error;
    QVERIFY(!Ui::writeCanvasImage(s, {}, missing, CanvasImageFormat::Svg, {}, &error));
    QVERIFY2(error.startsWith(missing + QStringLiteral(": ")), qPrintable(error));
    QVERIFY(!QFile::exists(missing));

    // an existing file is replaced whole (atomically)
    const QString path = dir.filePath(QStringLiteral("mm1.png"));
    QVERIFY(TestSupport::writeBytes(path, "old"));
    QVERIFY(Ui::writeCanvasImage(s, {}, path, CanvasImageFormat::Png, {}, &error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("\x89PNG"));
}

void tst_CanvasExport::emptyScenarioIsRefused()
{
    Model::Scenario empty;
    empty.name = QStringLiteral("nothing");
    QString error;
    QVERIFY(Ui::canvasImage(empty, {}, CanvasImageFormat::Png, {}, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("no components")), qPrintable(error));
}

void tst_CanvasExport::diagramLinksAreTheCanvasLinks()
{
    // The export collects the relations in model/ (no widgets there); the canvas in
    // ui/canvas. They must not drift apart.
    QList<Model::Scenario> scenarios{fixtureScenario()};
    for (const QString &f :
         QDir(TestSupport::examplePath()).entryList({QStringLiteral("*.json")}, QDir::Files))
        scenarios << TestSupport::loadExample(f);
    for (const Model::Scenario &s : std::as_const(scenarios)) {
        const QStringList canvas = canvasRelations(s);
        QVERIFY2(!canvas.isEmpty() || s.components.size() == 1, qPrintable(s.name));
        QCOMPARE(exportedRelations(s), canvas);
    }
}

void tst_CanvasExport::exportMenuWritesEveryFormat()
{
    Ui::MainWindow window;
    QVERIFY(window.openExampleProject());
    QVERIFY(window.currentDocument());
    const QString scenarioName = window.project()->scenarioName(window.currentScenarioId());

    // File > Export Diagram holds the six entries, enabled on a shown scenario
    QMenu *menu = window.findChild<QMenu *>(QStringLiteral("exportDiagramMenu"));
    QVERIFY(menu);
    QVERIFY(window.menuBar()->actions().first()->menu()->actions().contains(menu->menuAction()));
    QStringList names;
    for (QAction *a : menu->actions()) {
        if (!a->isSeparator())
            names << a->objectName();
    }
    QCOMPARE(names,
             (QStringList{"exportMermaidAction",
                          "exportStructurizrAction",
                          "exportPlantumlAction",
                          "exportDotAction",
                          "exportSvgAction",
                          "exportPngAction"}));

    QTemporaryDir dir;
    QSettings().setValue(QStringLiteral("lastDiagramExportDirectory"), dir.path());
    QStringList suggestions;
    QString answer;
    window.setSaveFileHandler([&](const QString &, const QString &suggested, const QString &) {
        suggestions << suggested;
        return answer;
    });
    const QList<QPair<QString, QByteArray>> expected{{"mermaid", "flowchart LR"},
                                                     {"structurizr", "workspace "},
                                                     {"plantuml", "@startuml"},
                                                     {"dot", "digraph "},
                                                     {"svg", "<?xml"},
                                                     {"png", "\x89PNG"}};
    for (const auto &[format, start] : expected) {
        const QString objectName
            = QStringLiteral("export%1%2Action").arg(format.left(1).toUpper(), format.mid(1));
        QAction *action = window.findChild<QAction *>(objectName);
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        // the answer has no suffix: the format's is added
        answer = dir.filePath(QStringLiteral("topology-") + format);
        action->trigger();
        // the scenario's name, made safe for a file name ("M/M/1 check": "M-M-1 check")
        QCOMPARE(suggestions.last(),
                 QDir(dir.path())
                     .filePath(QString(scenarioName).replace(QLatin1Char('/'), QLatin1Char('-'))
                               + QLatin1Char('.') + Ui::DiagramExportFiles::suffix(format)));
        const QString written = answer + QLatin1Char('.') + Ui::DiagramExportFiles::suffix(format);
        QFile f(written);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(written));
        const QByteArray bytes = f.readAll();
        QVERIFY2(bytes.contains(start), qPrintable(format));
        if (format == QLatin1String("svg"))
            QVERIFY(QSvgRenderer(bytes).isValid());
    }
    // the folder is remembered for the next export
    QCOMPARE(QSettings().value(QStringLiteral("lastDiagramExportDirectory")).toString(),
             QDir(dir.path()).absolutePath());

    // cancelled: nothing written
    answer.clear();
    const int files = int(QDir(dir.path()).entryList(QDir::Files).size());
    window.findChild<QAction *>(QStringLiteral("exportDotAction"))->trigger();
    QCOMPARE(int(QDir(dir.path()).entryList(QDir::Files).size()), files);

    // a link to an id that is no component (a draft) is left out, and the status says so
    Model::Component first = window.currentDocument()->scenario().components.first();
    QVERIFY(!first.service.handlers.isEmpty());
    first.service.handlers[0].steps.push_back(Model::Step::call(QStringLiteral("ghost")));
    window.currentDocument()->setComponent(first);
    const QString draft = dir.filePath(QStringLiteral("draft.dot"));
    QVERIFY(window.exportDiagram(QStringLiteral("dot"), draft));
    QVERIFY(!readAll(draft).contains("ghost"));
    const QString status = window.findChild<QLabel *>(QStringLiteral("runStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("'ghost'")), qPrintable(status));

    // a failed write says so and writes nothing
    QVERIFY(!window.exportDiagram(QStringLiteral("mermaid"),
                                  dir.filePath(QStringLiteral("missing/x.mmd"))));
    QVERIFY(window.lastError().contains(QStringLiteral("missing")));
}

QTEST_MAIN(tst_CanvasExport)
#include "tst_canvasexport.moc"
