// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QList>

class QGridLayout;
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

signals:
    void addClicked();
    void removeClicked(int row);

private:
    QGridLayout *m_grid;
    QPushButton *m_add;
    int m_columns;
    QList<QList<QWidget *>> m_rows;
};

} // namespace Ui
