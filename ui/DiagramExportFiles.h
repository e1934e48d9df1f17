// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "canvas/CanvasExport.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Ui {

/**
 * File > Export Diagram: the shown scenario as Mermaid, Structurizr DSL, PlantUML or
 * Graphviz DOT text (model/export/DiagramExport.h) or as an SVG or PNG of its canvas
 * (CanvasExport.h). The main window supplies the scenario and asks for the file; this says
 * what each entry is called and writes the file.
 */
namespace DiagramExportFiles {

/** The entries in menu order: "mermaid", "structurizr", "plantuml", "dot", "svg", "png". */
QList<QString> formats();
/** The menu text ("&Mermaid Flowchart…"), the dialog's title and filter, the file suffix. */
QString menuText(const QString &format);
QString dialogTitle(const QString &format);
/** What the entry does, for the status bar. */
QString statusTip(const QString &format);
QString fileFilter(const QString &format);
QString suffix(const QString &format);

/**
 * Where the save dialog starts: the folder of the last diagram export (QSettings; the
 * documents folder the first time) and `scenarioName` made safe for a file name, with the
 * format's suffix.
 */
QString suggestedFile(const QString &scenarioName, const QString &format);
/** `fileName` with the format's suffix added when it has another; remembers its folder. */
QString acceptedFile(const QString &fileName, const QString &format);

/**
 * Writes the diagram of `scenario` (the canvas of `layout` and `overlay` for svg and png)
 * to `fileName` atomically. False with `error` (a sentence) when it failed; nothing is
 * written then. `warnings` (if given) gets what the text formats left out (links to ids
 * that are no component).
 */
bool write(const QString &format,
           const QString &fileName,
           const Model::Scenario &scenario,
           const Model::Layout &layout,
           const CanvasOverlay &overlay,
           QString *error,
           QStringList *warnings = nullptr);

} // namespace DiagramExportFiles

} // namespace Ui
