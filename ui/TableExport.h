// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QModelIndexList>
#include <QString>

#include <functional>

class QAbstractItemModel;
class QAbstractItemView;
class QAction;

namespace Ui {

/** How a view shows its model: what a copy or a CSV holds, in the view's order. */
struct TableShape
{
    /** Model columns in the order they show (hidden ones left out); empty: all, in model order. */
    QList<int> columns;
    /** A first column with the rows' headers (the vertical header's text). */
    bool rowHeaders = false;
    /** Rows the view hides (none when not set); they are left out. */
    std::function<bool(int row, const QModelIndex &parent)> rowHidden;
};

/** The shape `view` gives its model: its header's visual order without hidden sections, its
 *  vertical header when shown (QTableView), its hidden rows. */
TableShape tableShape(const QAbstractItemView *view);

/**
 * The table as tab-separated text for a spreadsheet: a header row (the column titles, a line
 * break in a title read as a space), then one line per row, each cell's text as displayed
 * (Qt::DisplayRole), lines ending in "\n". With a `selection`, only the rows and columns that
 * hold a selected cell, and of those only the selected cells' text; without, every row (a
 * tree's children after their parent). A field with a tab, a quote or a line break is quoted,
 * its quotes doubled, as spreadsheets read it.
 */
QString tableToTsv(const QAbstractItemModel *model,
                   const QModelIndexList &selection = {},
                   const TableShape &shape = {});

/**
 * The same table as CSV (RFC 4180): comma-separated, records ending in CRLF, a field with a
 * comma, a quote or a line break in double quotes with its quotes doubled.
 */
QString tableToCsv(const QAbstractItemModel *model,
                   const QModelIndexList &selection = {},
                   const TableShape &shape = {});

/** tableToCsv() of the whole table as UTF-8 (no byte-order mark) to `file`, atomically
 *  (QSaveFile): on failure the file is as it was and `error`, when given, says why. */
bool saveTableCsv(const QAbstractItemView *view, const QString &file, QString *error);

/** Puts tableToTsv() of `view`'s selection, or of the whole table when nothing is selected,
 *  on the clipboard as text. */
void copyTable(const QAbstractItemView *view);

/**
 * Gives a results table (QTableView, QTableWidget, QTreeView) a context menu with "Copy"
 * (also Ctrl+C while the table has focus) and "Save as CSV…" (objectNames tableCopyAction,
 * tableSaveCsvAction). Save asks for a file in the folder of the last export, suggesting
 * `suggestedName`.csv, and shows a message box naming the file and the reason when it fails.
 * Like installChartExport(), the actions join the view's own (QWidget::actions()); a view
 * with a menu of its own keeps it and can add tableExportActions() to it. Calling this again
 * only changes the suggested name.
 */
void installTableExport(QAbstractItemView *view, const QString &suggestedName);

/** The export actions installTableExport() gave `view`, in menu order; empty before. */
QList<QAction *> tableExportActions(const QAbstractItemView *view);

} // namespace Ui
