// SPDX-License-Identifier: GPL-3.0-or-later
#include "RowList.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Ui {

RowList::RowList(const QStringList &headers, const QString &addText, QWidget *parent)
    : QFrame(parent)
    , m_columns(static_cast<int>(headers.size()))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(4);
    m_grid = new QGridLayout;
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(3);
    for (int c = 0; c < m_columns; ++c) {
        auto *label = new QLabel(headers.at(c), this);
        QFont f = label->font();
        f.setPointSizeF(f.pointSizeF() * 0.9);
        label->setFont(f);
        label->setForegroundRole(QPalette::PlaceholderText);
        label->setWordWrap(true); // a long header must not widen its column beyond the dock
        m_grid->addWidget(label, 0, c);
        m_headers.append(label);
    }
    outer->addLayout(m_grid);
    m_add = new QPushButton(addText, this);
    m_add->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_add);
    addRow->addStretch(1);
    outer->addLayout(addRow);
    connect(m_add, &QPushButton::clicked, this, &RowList::addClicked);
}

void RowList::setLeadingColumns(int count)
{
    m_leading = std::clamp(count, 1, m_columns);
    for (int c = 0; c < m_headers.size(); ++c)
        m_headers.at(c)->setVisible(c < m_leading);
}

void RowList::appendRow(const QList<QWidget *> &cells)
{
    const int row = rowCount();
    const int side = m_leading < 0 ? m_columns : m_leading; // columns side by side
    const int first = m_nextGridRow;
    int line = first;
    QList<QWidget *> widgets, decor;
    for (int c = 0; c < cells.size(); ++c) {
        QWidget *cell = cells.at(c);
        cell->setParent(this);
        if (c < side) {
            m_grid->addWidget(cell, first, c);
        } else {
            // a later cell: on a line of its own across the row, under its header, indented
            ++line;
            auto *holder = new QWidget(this);
            auto *h = new QVBoxLayout(holder); // the header above: the field gets the width
            h->setContentsMargins(12, 0, 0, 0);
            h->setSpacing(1);
            auto *label = new QLabel(c < m_headers.size() ? m_headers.at(c)->text() : QString(),
                                     holder);
            label->setFont(m_headers.value(c, label)->font());
            label->setForegroundRole(QPalette::PlaceholderText);
            h->addWidget(label);
            cell->setParent(holder);
            h->addWidget(cell);
            m_grid->addWidget(holder, line, 0, 1, side);
            holder->show();
            decor.append(holder);
        }
        cell->show();
        widgets.append(cell);
    }
    auto *remove = new QToolButton(this);
    remove->setText(QStringLiteral("✕"));
    remove->setToolTip(tr("Remove this entry"));
    remove->setAutoRaise(true);
    m_grid->addWidget(remove, first, side);
    remove->show();
    widgets.append(remove);
    connect(remove, &QToolButton::clicked, this, [this, row] { emit removeClicked(row); });
    m_rows.append(widgets);
    m_decor.append(decor);
    m_firstGridRow.append(first);
    m_nextGridRow = line + 1;
}

void RowList::removeLastRow()
{
    if (m_rows.isEmpty())
        return;
    const QList<QWidget *> widgets = m_rows.takeLast() + m_decor.takeLast();
    m_nextGridRow = m_firstGridRow.takeLast();
    for (QWidget *w : widgets) {
        m_grid->removeWidget(w);
        w->hide();
        // the remove button may be the one whose click is being handled
        w->deleteLater();
    }
}

QWidget *RowList::cell(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= m_rows.at(row).size())
        return nullptr;
    return m_rows.at(row).at(column);
}

void RowList::setColumnStretch(int column, int stretch)
{
    m_grid->setColumnStretch(column, stretch);
}

} // namespace Ui
