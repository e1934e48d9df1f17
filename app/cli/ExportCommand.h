// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/** Whether `archsim-cli export` with these arguments (after the command) draws a picture of
 *  the canvas (--to svg or png) and so needs a QApplication. */
bool exportNeedsWidgets(const QStringList &args);

/** archsim-cli export (docs/cli.md): a scenario's topology as Mermaid, Structurizr DSL,
 *  PlantUML, Graphviz DOT, or as an SVG or PNG of its canvas (which needs a QApplication).
 *  Returns the exit code. */
int cmdExport(const QStringList &args);
