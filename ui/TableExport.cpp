// SPDX-License-Identifier: GPL-3.0-or-later
#include "TableExport.h"

#include "ExportSupport.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSaveFile>
#include <QSet>
#include <QTableView>
#include <QTreeView>

namespace Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::TableExport", text);
}

/** The separators of one text format. */
struct Dialect
{
    QChar field;
    QLatin1String record;
};

const Dialect kTsv{QLatin1Char('\t'), QLatin1String("\n")};
const Dialect kCsv{QLatin1Char(','), QLatin1String("\r\n")};

/** `text` as one field: quoted, its quotes doubled, when it holds a separator, a quote or a
 *  line break (RFC 4180; spreadsheets read tab-separated text the same way). */
QString field(const QString &text, const Dialect &dialect)
{
    if (!text.contains(dialect.field) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/** A header's title on one line: some titles break over two lines to keep columns narrow. */
QString headerText(const QAbstractItemModel *model, int section, Qt::Orientation orientation)
{
    return model->headerData(section, orientation, Qt::DisplayRole).toString().simplified();
}

/** Every shown row under `parent`, each as its first cell, depth first. */
void collectRows(const QAbstractItemModel *model,
                 const QModelIndex &parent,
                 const TableShape &shape,
                 QModelIndexList &rows)
{
    const int count = model->rowCount(parent);
    for (int r = 0; r < count; ++r) {
        if (shape.rowHidden && shape.rowHidden(r, parent))
            continue;
        const QModelIndex row = model->index(r, 0, parent);
        rows << row;
        if (model->hasChildren(row))
            collectRows(model, row, shape, rows);
    }
}

QString tableText(const QAbstractItemModel *model,
                  const QModelIndexList &selection,
                  const TableShape &shape,
                  const Dialect &dialect)
{
    if (!model)
        return {};
    QList<int> columns = shape.columns;
    if (columns.isEmpty()) {
        for (int c = 0; c < model->columnCount(); ++c)
            columns << c;
    }
    QModelIndexList rows;
    collectRows(model, QModelIndex(), shape, rows);

    // A selection narrows the rows and columns to those it touches, and the cells to its own.
    QSet<QModelIndex> selectedCells, selectedRows;
    QSet<int> selectedColumns;
    for (const QModelIndex &index : selection) {
        if (index.model() != model)
            continue;
        selectedCells.insert(index);
        selectedRows.insert(index.siblingAtColumn(0));
        selectedColumns.insert(index.column());
    }
    const bool narrowed = !selectedCells.isEmpty();
    if (narrowed) {
        rows.removeIf([&](const QModelIndex &row) { return !selectedRows.contains(row); });
        columns.removeIf([&](int c) { return !selectedColumns.contains(c); });
    }

    QString text;
    QStringList line;
    if (shape.rowHeaders)
        line << QString();
    for (int c : std::as_const(columns))
        line << field(headerText(model, c, Qt::Horizontal), dialect);
    text += line.join(dialect.field) + dialect.record;
    for (const QModelIndex &row : std::as_const(rows)) {
        line.clear();
        if (shape.rowHeaders)
            line << field(headerText(model, row.row(), Qt::Vertical), dialect);
        for (int c : std::as_const(columns)) {
            const QModelIndex cell = row.siblingAtColumn(c);
            line << (narrowed && !selectedCells.contains(cell)
                         ? QString()
                         : field(model->data(cell, Qt::DisplayRole).toString(), dialect));
        }
        text += line.join(dialect.field) + dialect.record;
    }
    return text;
}

QModelIndexList selectionOf(const QAbstractItemView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    return selection ? selection->selectedIndexes() : QModelIndexList();
}

} // namespace

TableShape tableShape(const QAbstractItemView *view)
{
    TableShape shape;
    const QHeaderView *header = nullptr;
    if (auto table = qobject_cast<const QTableView *>(view)) {
        header = table->horizontalHeader();
        // isHidden, not isVisible: a table not on screen yet still has its header "shown"
        shape.rowHeaders = !table->verticalHeader()->isHidden();
        shape.rowHidden = [table](int row, const QModelIndex &) { return table->isRowHidden(row); };
    } else if (auto tree = qobject_cast<const QTreeView *>(view)) {
        header = tree->header();
        shape.rowHidden = [tree](int row, const QModelIndex &parent) {
            return tree->isRowHidden(row, parent);
        };
    }
    if (header) {
        for (int visual = 0; visual < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            if (!header->isSectionHidden(logical))
                shape.columns << logical;
        }
    }
    return shape;
}

QString tableToTsv(const QAbstractItemModel *model,
                   const QModelIndexList &selection,
                   const TableShape &shape)
{
    return tableText(model, selection, shape, kTsv);
}

QString tableToCsv(const QAbstractItemModel *model,
                   const QModelIndexList &selection,
                   const TableShape &shape)
{
    return tableText(model, selection, shape, kCsv);
}

bool saveTableCsv(const QAbstractItemView *view, const QString &file, QString *error)
{
    const QByteArray csv = tableToCsv(view->model(), {}, tableShape(view)).toUtf8();
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(csv) != csv.size() || !out.commit()) {
        if (error)
            *error = out.errorString();
        return false;
    }
    return true;
}

void copyTable(const QAbstractItemView *view)
{
    QGuiApplication::clipboard()->setText(
        tableToTsv(view->model(), selectionOf(view), tableShape(view)));
}

void installTableExport(QAbstractItemView *view, const QString &suggestedName)
{
    ExportSupport::setSuggestedName(view, suggestedName);
    if (!ExportSupport::actions(view).isEmpty())
        return;
    auto copy = new QAction(tr("Copy"), view);
    copy->setObjectName(QStringLiteral("tableCopyAction"));
    copy->setShortcut(QKeySequence::Copy);
    // Ctrl+C copies this table only while it has focus (the view copies one cell by itself).
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copy->setStatusTip(tr("Copy the selected rows, or the whole table, for a spreadsheet"));
    QObject::connect(copy, &QAction::triggered, view, [view] { copyTable(view); });

    auto save = new QAction(tr("Save as CSV…"), view);
    save->setObjectName(QStringLiteral("tableSaveCsvAction"));
    save->setStatusTip(tr("Save the whole table as a CSV file"));
    QObject::connect(save, &QAction::triggered, view, [view] {
        const QString file = ExportSupport::askFile(view->window(),
                                                    tr("Save Table as CSV"),
                                                    ExportSupport::suggestedName(view),
                                                    QStringLiteral("csv"),
                                                    tr("CSV (*.csv)"));
        QString error;
        if (!file.isEmpty() && !saveTableCsv(view, file, &error))
            ExportSupport::showError(view->window(), file, error);
    });
    ExportSupport::addActions(view, {copy, save});
}

QList<QAction *> tableExportActions(const QAbstractItemView *view)
{
    return ExportSupport::actions(view);
}

} // namespace Ui
