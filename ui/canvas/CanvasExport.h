// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Document.h"
#include "Results.h"
#include "Scenario.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ui {

/** The picture formats of the canvas (archsim-cli export --to svg|png, File > Export). */
enum class CanvasImageFormat { Svg, Png };

/** "svg", "png"; nullopt for any other word (case-insensitive). */
std::optional<CanvasImageFormat> canvasImageFormatFromName(const QString &name);
QString canvasImageSuffix(CanvasImageFormat format);

/** What the canvas shows on top of the topology, for a picture of it as it is on screen. */
struct CanvasOverlay
{
    const Sim::RunResult *heat = nullptr;  ///< utilisation colours and traffic (nullptr: none)
    QHash<QString, QStringList> lintMarks; ///< CanvasScene::setLintMarks()
    QString overloaded;                    ///< CanvasScene::setOverloaded()
};

/**
 * The canvas of `scenario` (positions from `layout`, then the scenario's own "ui" positions;
 * laid out with Graphviz as Arrange does when some component has none) drawn into a picture:
 * a fresh CanvasScene like the report's (ui/report), so the picture has no selection, rendered
 * with QGraphicsScene::render over CanvasScene::contentRect() on white. SVG keeps vectors and
 * text; PNG is drawn at twice the scene's size. Needs a QApplication (fonts, widgets' style).
 * Returns the file's bytes; empty with `error` set when it could not be drawn.
 */
QByteArray canvasImage(const Model::Scenario &scenario,
                       const Model::Layout &layout,
                       CanvasImageFormat format,
                       const CanvasOverlay &overlay = {},
                       QString *error = nullptr);

/**
 * canvasImage() written to `fileName` atomically (QSaveFile: a failed write leaves an
 * existing file as it was). False with `error` ("what: why") when it failed.
 */
bool writeCanvasImage(const Model::Scenario &scenario,
                      const Model::Layout &layout,
                      const QString &fileName,
                      CanvasImageFormat format,
                      const CanvasOverlay &overlay = {},
                      QString *error = nullptr);

} // namespace Ui
