// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartExport.h"
#include "ComponentChart.h"
#include "DecisionWindow.h"
#include "LatencyChart.h"
#include "ProjectDocument.h"
#include "SeriesChart.h"
#include "TestSupport.h"
#include "analysis/CapacityWindow.h"
#include "analysis/PlanWindow.h"
#include "analysis/SweepView.h"
#include "compare/CompareView.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

const QColor kCurveColor(0x1f, 0x77, 0xb4);
/// the colour of a box on the overlay layer, which exports leave out
const QColor kOverlayColor(0xff, 0x00, 0xff);

/** Whether `image` has a pixel of exactly `color`. */
bool hasColor(const QImage &image, const QColor &color)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            if (qRed(line[x]) == color.red() && qGreen(line[x]) == color.green()
                && qBlue(line[x]) == color.blue())
                return true;
        }
    }
    return false;
}

/** The object names of the actions in the context menu `widget` shows when right-clicked. */
QStringList contextMenuActions(QWidget *widget)
{
    QStringList names;
    bool shown = false;
    QTimer::singleShot(0, widget, [&] {
        auto menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        shown = true;
        for (const QAction *a : menu->actions()) {
            if (!a->isSeparator())
                names << a->objectName();
        }
        menu->close();
    });
    const QPoint pos(widget->width() / 2, widget->height() / 2);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, widget->mapToGlobal(pos));
    QApplication::sendEvent(widget, &event);
    if (!shown)
        return {QStringLiteral("no menu")};
    return names;
}

QStringList objectNames(const QList<QAction *> &actions)
{
    QStringList names;
    for (const QAction *a : actions)
        names << a->objectName();
    return names;
}

const QStringList kChartActions{QStringLiteral("chartSavePngAction"),
                                QStringLiteral("chartSaveSvgAction"),
                                QStringLiteral("chartSavePdfAction"),
                                QStringLiteral("chartCopyAction")};

} // namespace

class tst_ChartExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void pngHasTwiceTheSize();
    void svgIsValidVectorGraphics();
    void pdfIsOnePageOfTheChartsSize();
    void copyPutsTheImageOnTheClipboard();
    void hoverReadoutIsLeftOut();
    void replacesAFileWithoutLeftovers();
    void failureSaysWhyAndWritesNothing();
    void contextMenuHasTheActions();
    void keepsTheChartsOwnActions();
    void everyChartHasTheActions();

private:
    QCustomPlot *m_plot = nullptr;
    QTemporaryDir m_dir;
};

void tst_ChartExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_ChartExport::init()
{
    m_plot = new QCustomPlot;
    m_plot->resize(400, 300);
    QCPGraph *graph = m_plot->addGraph();
    graph->setPen(QPen(kCurveColor, 3));
    graph->setData({0, 1, 2, 3, 4}, {1, 3, 2, 5, 4});
    graph->setName(QStringLiteral("p99"));
    m_plot->xAxis->setLabel(QStringLiteral("Simulated time (s)"));
    m_plot->yAxis->setLabel(QStringLiteral("Latency (ms)"));
    m_plot->legend->setVisible(true);
    m_plot->rescaleAxes();
    m_plot->replot();
    Ui::installChartExport(m_plot, QStringLiteral("Latency"));
}

void tst_ChartExport::cleanup()
{
    delete m_plot;
    m_plot = nullptr;
}

void tst_ChartExport::pngHasTwiceTheSize()
{
    const QString file = m_dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(Ui::saveChart(m_plot, file, Ui::ChartFormat::Png, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(file, "PNG"));
    QCOMPARE(image.size(), QSize(800, 600));
    QVERIFY(hasColor(image, kCurveColor));            // the curve is drawn, not an empty frame
    QVERIFY(qAbs(image.dotsPerMeterX() - 7559) <= 1); // 192 dpi: the chart's size when placed
}

void tst_ChartExport::svgIsValidVectorGraphics()
{
    const QString file = m_dir.filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(Ui::saveChart(m_plot, file, Ui::ChartFormat::Svg, &error), qPrintable(error));
    QSvgRenderer renderer(file);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 400, 300));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(f.readAll());
    // vectors: the axis label is text and the curve a path, not an embedded picture
    QVERIFY(svg.contains(QStringLiteral("Latency (ms)")));
    QVERIFY(svg.contains(QStringLiteral("<path")) || svg.contains(QStringLiteral("<polyline")));
    QVERIFY(!svg.contains(QStringLiteral("<image")));
    // drawn back, it shows the curve
    QImage image(400, 300, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QVERIFY(hasColor(image, kCurveColor));
}

void tst_ChartExport::pdfIsOnePageOfTheChartsSize()
{
    const QString file = m_dir.filePath(QStringLiteral("chart.pdf"));
    QString error;
    QVERIFY2(Ui::saveChart(m_plot, file, Ui::ChartFormat::Pdf, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (pdfinfo.isEmpty())
        QSKIP("pdfinfo (poppler-utils) is not installed");
    QProcess info;
    info.start(pdfinfo, {file});
    QVERIFY(info.waitForFinished(30000));
    QCOMPARE(info.exitCode(), 0);
    const QString out = QString::fromUtf8(info.readAllStandardOutput());
    QVERIFY2(QRegularExpression(QStringLiteral("Pages:\\s+1\\n")).match(out).hasMatch(),
             qPrintable(out));
    QVERIFY2(QRegularExpression(QStringLiteral("Page size:\\s+400 x 300 pts"))
                 .match(out)
                 .hasMatch(),
             qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("ArchSim")), qPrintable(out)); // the creator
}

void tst_ChartExport::copyPutsTheImageOnTheClipboard()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(QStringLiteral("before"));
    QVERIFY(clipboard->image().isNull());
    m_plot->findChild<QAction *>(QStringLiteral("chartCopyAction"))->trigger();
    const QImage image = clipboard->image();
    QVERIFY(!image.isNull());
    const double scale = std::max(1.0, m_plot->devicePixelRatioF());
    QCOMPARE(image.size(), QSize(400, 300) * scale);
    QVERIFY(hasColor(image, kCurveColor));
}

void tst_ChartExport::hoverReadoutIsLeftOut()
{
    // what the hover read-outs draw on: the overlay layer
    auto box = new QCPItemRect(m_plot);
    box->setLayer(QStringLiteral("overlay"));
    box->topLeft->setType(QCPItemPosition::ptAbsolute);
    box->bottomRight->setType(QCPItemPosition::ptAbsolute);
    box->topLeft->setCoords(100, 100);
    box->bottomRight->setCoords(200, 200);
    box->setPen(Qt::NoPen);
    box->setBrush(kOverlayColor);
    QVERIFY(hasColor(m_plot->toPixmap().toImage(), kOverlayColor)); // the test can tell

    QVERIFY(!hasColor(Ui::chartImage(m_plot, 1), kOverlayColor));
    const QString file = m_dir.filePath(QStringLiteral("readout.png"));
    QVERIFY(Ui::saveChart(m_plot, file, Ui::ChartFormat::Png, nullptr));
    QVERIFY(!hasColor(QImage(file), kOverlayColor));
    // and the read-out shows again on screen
    QVERIFY(m_plot->layer(QStringLiteral("overlay"))->visible());
    QVERIFY(hasColor(m_plot->toPixmap().toImage(), kOverlayColor));
}

void tst_ChartExport::replacesAFileWithoutLeftovers()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("old.pdf"));
    QVERIFY(TestSupport::writeBytes(file, "an older file"));
    for (Ui::ChartFormat format :
         {Ui::ChartFormat::Png, Ui::ChartFormat::Svg, Ui::ChartFormat::Pdf}) {
        QString error;
        QVERIFY2(Ui::saveChart(m_plot, file, format, &error), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("old.pdf")});
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("%PDF-"));
}

void tst_ChartExport::failureSaysWhyAndWritesNothing()
{
    // a folder that does not exist
    const QString missing = m_dir.filePath(QStringLiteral("no such folder/chart.png"));
    for (Ui::ChartFormat format :
         {Ui::ChartFormat::Png, Ui::ChartFormat::Svg, Ui::ChartFormat::Pdf}) {
        QString error;
        QVERIFY(!Ui::saveChart(m_plot, missing, format, &error));
        QVERIFY2(!error.isEmpty(), "the message needs a reason");
        QVERIFY(!QFile::exists(missing));
    }
    // a chart that cannot be drawn keeps the old file as it was
    const QString file = m_dir.filePath(QStringLiteral("kept.png"));
    {
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("kept");
    }
    m_plot->resize(0, 0);
    QString error;
    QVERIFY(!Ui::saveChart(m_plot, file, Ui::ChartFormat::Png, &error));
    QVERIFY(!error.isEmpty());
    QFile kept(file);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("kept"));
}

void tst_ChartExport::contextMenuHasTheActions()
{
    QCOMPARE(m_plot->contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(contextMenuActions(m_plot), kChartActions);
    QCOMPARE(objectNames(Ui::chartExportActions(m_plot)), kChartActions);
    // installed again: the same four actions, only the name changes
    Ui::installChartExport(m_plot, QStringLiteral("Other"));
    QCOMPARE(contextMenuActions(m_plot), kChartActions);
}

void tst_ChartExport::keepsTheChartsOwnActions()
{
    QCustomPlot plot;
    plot.resize(300, 200);
    auto own = new QAction(QStringLiteral("Reset View"), &plot);
    own->setObjectName(QStringLiteral("ownAction"));
    plot.addAction(own);
    plot.setContextMenuPolicy(Qt::ActionsContextMenu);
    Ui::installChartExport(&plot, QStringLiteral("Chart"));
    QCOMPARE(contextMenuActions(&plot), QStringList{QStringLiteral("ownAction")} + kChartActions);

    // a chart that draws its own menu keeps it and adds the actions itself
    QCustomPlot custom;
    custom.setContextMenuPolicy(Qt::CustomContextMenu);
    Ui::installChartExport(&custom, QStringLiteral("Chart"));
    QCOMPARE(custom.contextMenuPolicy(), Qt::CustomContextMenu);
    QCOMPARE(objectNames(Ui::chartExportActions(&custom)), kChartActions);
}

void tst_ChartExport::everyChartHasTheActions()
{
    Model::ProjectDocument project; // outlives the windows
    QWidget window;
    new Ui::SeriesChart(&window);
    new Ui::ComponentChart(&window);
    new Ui::LatencyChart(&window);
    new Ui::CompareView(&window);
    new Ui::SweepView(&window);
    new Ui::CapacityWindow(&project, &window);
    new Ui::PlanWindow(&project, &window);
    new Ui::DecisionWindow(&project, &window);
    window.resize(1200, 900);
    QStringList plots;
    for (QCustomPlot *plot : window.findChildren<QCustomPlot *>()) {
        plots << plot->objectName();
        QCOMPARE(objectNames(Ui::chartExportActions(plot)), kChartActions);
        QCOMPARE(plot->contextMenuPolicy(), Qt::ActionsContextMenu);
    }
    plots.sort();
    QCOMPARE(plots,
             QStringList({"capacityPlot",
                          "compareCdfPlot",
                          "compareP99Plot",
                          "compareThroughputPlot",
                          "componentPlot",
                          "latencyPlot",
                          "planChart",
                          "seriesPlot",
                          "sweepHeatMapPlot",
                          "tornadoPlot"}));
    // the menu of a real chart, right-clicked
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto series = window.findChild<QCustomPlot *>(QStringLiteral("seriesPlot"));
    QCOMPARE(contextMenuActions(series), kChartActions);
}

QTEST_MAIN(tst_ChartExport)
#include "tst_chartexport.moc"
