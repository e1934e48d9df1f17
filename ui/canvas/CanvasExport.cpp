// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasExport.h"

#include "CanvasScene.h"
#include "DocumentController.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::CanvasExport", text);
}

/// PNGs at twice the scene's size: sharp on a high-density screen and in print (as charts)
constexpr qreal kPngScale = 2.0;

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QByteArray renderSvg(CanvasScene &scene, const QRectF &source, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QSize size(int(std::ceil(source.width())), int(std::ceil(source.height())));
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    // its width and height in millimetres: the canvas's size on a 96 dpi screen, as a browser
    // shows one CSS pixel
    svg.setResolution(96);
    svg.setTitle(title);
    svg.setDescription(tr("The topology of the scenario, drawn by ArchSim"));
    QPainter painter;
    if (!painter.begin(&svg))
        return {};
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    scene.render(&painter, QRectF(QPointF(0, 0), size), source, Qt::KeepAspectRatio);
    painter.end();
    return bytes;
}

QByteArray renderPng(CanvasScene &scene, const QRectF &source)
{
    const QSize size(int(std::ceil(source.width() * kPngScale)),
                     int(std::ceil(source.height() * kPngScale)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.fill(Qt::white);
    // 96 dpi on screen, so 192 dpi: the image keeps the canvas's size where it is placed
    const int dotsPerMeter = static_cast<int>(std::lround(96 * kPngScale / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        scene.render(&painter, QRectF(QPointF(0, 0), size), source, Qt::KeepAspectRatio);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

} // namespace

std::optional<CanvasImageFormat> canvasImageFormatFromName(const QString &name)
{
    if (name.compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0)
        return CanvasImageFormat::Svg;
    if (name.compare(QLatin1String("png"), Qt::CaseInsensitive) == 0)
        return CanvasImageFormat::Png;
    return std::nullopt;
}

QString canvasImageSuffix(CanvasImageFormat format)
{
    return format == CanvasImageFormat::Svg ? QStringLiteral("svg") : QStringLiteral("png");
}

QByteArray canvasImage(const Model::Scenario &scenario,
                       const Model::Layout &layout,
                       CanvasImageFormat format,
                       const CanvasOverlay &overlay,
                       QString *error)
{
    // A scene of its own, as the report draws one: the user's canvas keeps its selection,
    // and what the picture shows does not depend on where the view is scrolled.
    Model::Document document;
    document.setScenario(scenario, layout);
    DocumentController controller(&document);
    CanvasScene scene(&document, &controller);
    if (scene.needsArrange())
        scene.arrange();
    scene.setHeat(overlay.heat);
    scene.setLintMarks(overlay.lintMarks);
    scene.setOverloaded(overlay.overloaded);
    scene.clearSelection();
    const QRectF source = scene.contentRect();
    if (scenario.components.isEmpty() || source.isEmpty()) {
        setError(error, tr("the scenario has no components to draw"));
        return {};
    }
    const QByteArray bytes
        = format == CanvasImageFormat::Svg
              ? renderSvg(scene, source, scenario.name.isEmpty() ? tr("Topology") : scenario.name)
              : renderPng(scene, source);
    if (bytes.isEmpty())
        setError(error, tr("the canvas could not be drawn"));
    return bytes;
}

bool writeCanvasImage(const Model::Scenario &scenario,
                      const Model::Layout &layout,
                      const QString &fileName,
                      CanvasImageFormat format,
                      const CanvasOverlay &overlay,
                      QString *error)
{
    QString why;
    const QByteArray bytes = canvasImage(scenario, layout, format, overlay, &why);
    if (bytes.isEmpty()) {
        setError(error, QStringLiteral("%1: %2").arg(fileName, why));
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        setError(error, QStringLiteral("%1: %2").arg(fileName, file.errorString()));
        return false;
    }
    return true;
}

} // namespace Ui
