// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartExport.h"

#include "ExportSupport.h"

#include <qcustomplot.h>

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPixmap>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTemporaryFile>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

/// PNGs are drawn at twice the size on screen: sharp on a high-density screen and in print
constexpr double kPngScale = 2.0;
/// the layer of the hover read-outs (PlotReadout, LatencyChart) and QCustomPlot's selection rect
const char kOverlayLayer[] = "overlay";

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::ChartExport", text);
}

/** Hides the plot's overlay layer (the hover read-out) while a chart is drawn for export. */
class OverlayHidden
{
public:
    explicit OverlayHidden(QCustomPlot *plot)
        : m_layer(plot->layer(QLatin1String(kOverlayLayer)))
    {
        if (m_layer) {
            m_wasVisible = m_layer->visible();
            m_layer->setVisible(false);
        }
    }
    ~OverlayHidden()
    {
        if (m_layer)
            m_layer->setVisible(m_wasVisible);
    }
    OverlayHidden(const OverlayHidden &) = delete;
    OverlayHidden &operator=(const OverlayHidden &) = delete;

private:
    QCPLayer *m_layer;
    bool m_wasVisible = true;
};

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

bool writePng(QCustomPlot *plot, QSaveFile &out, QString *error)
{
    // What QCustomPlot::savePng does (toPixmap at a scale, then QImage::save), written to a
    // QIODevice, which savePng cannot take: QSaveFile makes the write atomic.
    QImage image = chartImage(plot, kPngScale);
    if (image.isNull())
        return fail(error, tr("The chart could not be drawn."));
    // 96 dpi on screen, so 192 dpi: the image keeps the chart's size where it is placed.
    const int dotsPerMeter = static_cast<int>(std::lround(96 * kPngScale / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    if (!image.save(&out, "PNG"))
        return fail(error, out.errorString());
    return true;
}

bool writeSvg(QCustomPlot *plot, QSaveFile &out, QString *error)
{
    const OverlayHidden hidden(plot);
    const QSize size = plot->size();
    QSvgGenerator svg;
    svg.setOutputDevice(&out);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(plot->logicalDpiX());
    svg.setTitle(QFileInfo(out.fileName()).completeBaseName());
    svg.setDescription(tr("Chart exported from ArchSim"));
    QCPPainter painter;
    if (!painter.begin(&svg))
        return fail(error, tr("The SVG could not be started."));
    // Vectors as savePdf draws them: no cached pixmaps, pen widths that scale with the drawing.
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNonCosmetic);
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
    if (out.error() != QFileDevice::NoError)
        return fail(error, out.errorString());
    return true;
}

bool writePdf(QCustomPlot *plot, QSaveFile &out, QString *error)
{
    // QCustomPlot::savePdf takes only a file name: it writes a temporary file, which is then
    // copied into the QSaveFile (a chart's PDF is a few hundred kB at most).
    QTemporaryFile temporary(QDir::tempPath() + QStringLiteral("/archsim-chart-XXXXXX.pdf"));
    if (!temporary.open())
        return fail(error, tr("No temporary file: %1").arg(temporary.errorString()));
    temporary.close();
    {
        const OverlayHidden hidden(plot);
        if (!plot->savePdf(temporary.fileName(),
                           0,
                           0,
                           QCP::epNoCosmetic, // lines keep their width when printed or zoomed
                           QStringLiteral("ArchSim"),
                           QFileInfo(out.fileName()).completeBaseName()))
            return fail(error, tr("The PDF could not be drawn."));
    }
    if (!temporary.open())
        return fail(error, tr("The drawn PDF could not be read: %1").arg(temporary.errorString()));
    const QByteArray pdf = temporary.readAll();
    if (pdf.isEmpty())
        return fail(error, tr("The PDF could not be drawn."));
    if (out.write(pdf) != pdf.size())
        return fail(error, out.errorString());
    return true;
}

void saveWithDialog(QCustomPlot *plot, ChartFormat format)
{
    static const char *const titles[] = {QT_TRANSLATE_NOOP("Ui::ChartExport", "Save Chart as PNG"),
                                         QT_TRANSLATE_NOOP("Ui::ChartExport", "Save Chart as SVG"),
                                         QT_TRANSLATE_NOOP("Ui::ChartExport", "Save Chart as PDF")};
    static const char *const filters[] = {QT_TRANSLATE_NOOP("Ui::ChartExport", "PNG image (*.png)"),
                                          QT_TRANSLATE_NOOP("Ui::ChartExport", "SVG image (*.svg)"),
                                          QT_TRANSLATE_NOOP("Ui::ChartExport", "PDF (*.pdf)")};
    const auto i = static_cast<std::size_t>(format);
    const QString file = ExportSupport::askFile(plot->window(),
                                                tr(titles[i]),
                                                ExportSupport::suggestedName(plot),
                                                chartFormatSuffix(format),
                                                tr(filters[i]));
    if (file.isEmpty())
        return;
    QString error;
    if (!saveChart(plot, file, format, &error))
        ExportSupport::showError(plot->window(), file, error);
}

} // namespace

QString chartFormatSuffix(ChartFormat format)
{
    switch (format) {
    case ChartFormat::Png:
        return QStringLiteral("png");
    case ChartFormat::Svg:
        return QStringLiteral("svg");
    case ChartFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

bool saveChart(QCustomPlot *plot, const QString &file, ChartFormat format, QString *error)
{
    if (plot->width() <= 0 || plot->height() <= 0)
        return fail(error, tr("The chart has no size."));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return fail(error, out.errorString());
    bool written = false;
    switch (format) {
    case ChartFormat::Png:
        written = writePng(plot, out, error);
        break;
    case ChartFormat::Svg:
        written = writeSvg(plot, out, error);
        break;
    case ChartFormat::Pdf:
        written = writePdf(plot, out, error);
        break;
    }
    if (!written) {
        out.cancelWriting();
        return false;
    }
    if (!out.commit())
        return fail(error, out.errorString());
    return true;
}

QImage chartImage(QCustomPlot *plot, double scale)
{
    const OverlayHidden hidden(plot);
    return plot->toPixmap(0, 0, scale).toImage();
}

void copyChart(QCustomPlot *plot)
{
    // The screen's density: the image pastes at the size the chart has on screen, sharp on a
    // high-density one.
    const double scale = std::max(1.0, plot->devicePixelRatioF());
    QGuiApplication::clipboard()->setImage(chartImage(plot, scale));
}

void installChartExport(QCustomPlot *plot, const QString &suggestedName)
{
    ExportSupport::setSuggestedName(plot, suggestedName);
    if (!ExportSupport::actions(plot).isEmpty())
        return;
    const auto saveAction = [plot](const QString &text, const char *name, ChartFormat format) {
        auto a = new QAction(text, plot);
        a->setObjectName(QLatin1String(name));
        QObject::connect(a, &QAction::triggered, plot, [plot, format] {
            saveWithDialog(plot, format);
        });
        return a;
    };
    auto copy = new QAction(tr("Copy"), plot);
    copy->setObjectName(QStringLiteral("chartCopyAction"));
    copy->setStatusTip(tr("Copy the chart to the clipboard as an image"));
    QObject::connect(copy, &QAction::triggered, plot, [plot] { copyChart(plot); });
    ExportSupport::addActions(
        plot,
        {saveAction(tr("Save as PNG…"), "chartSavePngAction", ChartFormat::Png),
         saveAction(tr("Save as SVG…"), "chartSaveSvgAction", ChartFormat::Svg),
         saveAction(tr("Save as PDF…"), "chartSavePdfAction", ChartFormat::Pdf),
         copy});
}

QList<QAction *> chartExportActions(const QCustomPlot *plot)
{
    return ExportSupport::actions(plot);
}

} // namespace Ui
