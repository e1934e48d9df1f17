// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QList>

class QGridLayout;
class QLabel;
class QPushButton;

namespace Ui {

/**
 * A small editable table made of ordinary field widgets: a header, one row of widgets per
 * entry with a remove button, and an add button. The form that owns it builds the rows and
 * fills them; RowList only lays them out and reports the clicks.
 */
class RowList : public QFrame
{
    Q_OBJECT

public:
    RowList(const QStringList &headers, const QString &addText, QWidget *parent = nullptr);

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    /** Appends a row; the widgets become children of this list. */
    void appendRow(const QList<QWidget *> &cells);
    /** Removes (and deletes, later) the last row. */
    void removeLastRow();
    QWidget *cell(int row, int column) const;
    QPushButton *addButton() const { return m_add; }
    /** Stretch factor of a column (the name column usually takes the room). */
    void setColumnStretch(int column, int stretch);
    /**
     * Lays out only the first `count` columns side by side; each later cell of an entry goes
     * on a line of its own under them, under its header and across the row, so that a row
     * of wide fields (a distribution editor) still fits a narrow dock. Call before the first
     * row.
     */
    void setLeadingColumns(int count);

signals:
    void addClicked();
    void removeClicked(int row);

private:
    QGridLayout *m_grid;
    QPushButton *m_add;
    int m_columns;
    int m_leading = -1; ///< setLeadingColumns(); -1: every column side by side
    int m_nextGridRow = 1;
    QList<QLabel *> m_headers;
    QList<QList<QWidget *>> m_rows;
    QList<QList<QWidget *>> m_decor; ///< per entry: its remove button, the later cells' labels
    QList<int> m_firstGridRow;       ///< per entry: the grid row it starts on
};

} // namespace Ui
