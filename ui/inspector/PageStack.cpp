// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageStack.h"

#include <QVBoxLayout>

namespace Ui {

PageStack::PageStack(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
}

int PageStack::addWidget(QWidget *page)
{
    m_pages.append(page);
    m_layout->addWidget(page);
    if (!m_current)
        m_current = page;
    else
        page->hide(); // a hidden widget is no item of the layout: no size, no height for width
    return static_cast<int>(m_pages.size()) - 1;
}

void PageStack::setCurrentWidget(QWidget *page)
{
    if (!m_pages.contains(page) || page == m_current)
        return;
    // keep the focus inside the stack when the page that had it goes
    const bool hadFocus = m_current && m_current->isAncestorOf(focusWidget());
    if (m_current)
        m_current->hide();
    m_current = page;
    page->show();
    if (hadFocus)
        setFocus();
    updateGeometry();
}

} // namespace Ui
