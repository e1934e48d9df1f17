// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QList>
#include <QString>

class QAction;
class QCustomPlot;

namespace Ui {

/** The file formats a chart saves to. */
enum class ChartFormat {
    Png, ///< raster at twice the chart's size on screen (192 dpi), for slides and chat
    Svg, ///< vector, for the web and for editing
    Pdf, ///< vector, one page the size of the chart, for print and LaTeX
};

/** "png", "svg" or "pdf": the file suffix of `format`, without the dot. */
QString chartFormatSuffix(ChartFormat format);

/**
 * Writes `plot` as it is drawn now (its size on screen, its ranges, its legend) to `file` in
 * `format`. The hover read-outs (the plot's "overlay" layer) are left out. The write is atomic
 * (QSaveFile): on success `file` holds the whole chart; on failure it is as it was (absent or
 * the old file) and `error`, when given, says why in a sentence. No dialog is shown.
 */
bool saveChart(QCustomPlot *plot, const QString &file, ChartFormat format, QString *error);

/** The chart as an image of its size on screen times `scale` (without the hover read-outs). */
QImage chartImage(QCustomPlot *plot, double scale);

/** Puts the chart on the clipboard as an image at the screen's pixel density. */
void copyChart(QCustomPlot *plot);

/**
 * Gives `plot` a context menu (right click) with "Save as PNG…", "Save as SVG…", "Save as
 * PDF…" and "Copy" (objectNames chartSavePngAction, chartSaveSvgAction, chartSavePdfAction,
 * chartCopyAction). The save actions ask for a file, starting in the folder last used for an
 * export (QSettings) with `suggestedName` and the format's suffix, then call saveChart() and
 * show a message box naming the file and the reason when it fails.
 *
 * The actions are the plot's own (QWidget::actions()) and the plot's context menu policy
 * becomes Qt::ActionsContextMenu: actions the chart adds to the plot before or after show in
 * the same menu, above a separator. A chart with a menu of its own (Qt::CustomContextMenu)
 * keeps it and can add chartExportActions() to it. Calling this again only changes the
 * suggested name.
 */
void installChartExport(QCustomPlot *plot, const QString &suggestedName);

/** The export actions installChartExport() gave `plot`, in menu order; empty before. */
QList<QAction *> chartExportActions(const QCustomPlot *plot);

} // namespace Ui
