// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QVBoxLayout;

namespace Ui {

/**
 * Pages of which one is shown, like QStackedWidget, but sized by the shown page alone: the
 * hidden pages count neither for the size hints nor for the height for a width. (A
 * QStackedLayout takes the largest height for width of all its pages, so a short page under
 * a tall one with wrapped text left a large empty gap.)
 */
class PageStack : public QWidget
{
    Q_OBJECT

public:
    explicit PageStack(QWidget *parent = nullptr);

    /** Appends `page` (hidden unless it is the first); the stack takes ownership. */
    int addWidget(QWidget *page);
    void setCurrentWidget(QWidget *page);
    QWidget *currentWidget() const { return m_current; }
    int count() const { return static_cast<int>(m_pages.size()); }
    QWidget *widget(int index) const { return m_pages.value(index); }

private:
    QVBoxLayout *m_layout;
    QList<QWidget *> m_pages;
    QWidget *m_current = nullptr;
};

} // namespace Ui
