// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElidingComboBox.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QScrollBar>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QToolTip>

namespace Ui {

ElidingComboBox::ElidingComboBox(QWidget *parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(6);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QRect ElidingComboBox::textRect() const
{
    QStyleOptionComboBox option;
    initStyleOption(&option);
    return style()
        ->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this)
        .adjusted(1, 0, -1, 0);
}

QString ElidingComboBox::shownText() const
{
    if (isEditable())
        return currentText();
    return fontMetrics().elidedText(currentText(), Qt::ElideRight, textRect().width());
}

void ElidingComboBox::paintEvent(QPaintEvent *event)
{
    if (isEditable()) {
        QComboBox::paintEvent(event);
        return;
    }
    // QComboBox paints its text clipped at the arrow; this is its paintEvent with the text
    // elided first.
    QStylePainter painter(this);
    painter.setPen(palette().color(QPalette::Text));
    QStyleOptionComboBox option;
    initStyleOption(&option);
    painter.drawComplexControl(QStyle::CC_ComboBox, option);
    option.currentText = shownText();
    painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

bool ElidingComboBox::event(QEvent *event)
{
    // an elided text shows in full as tooltip; otherwise the field's own tooltip (its meaning)
    if (event->type() == QEvent::ToolTip && shownText() != currentText()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        QString tip = currentText();
        if (!toolTip().isEmpty())
            tip += QStringLiteral("\n\n") + toolTip();
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QComboBox::event(event);
}

void ElidingComboBox::showPopup()
{
    // the list shows every entry in full, even where the box itself is narrower
    const int scrollBar = view()->verticalScrollBar()
                              ? view()->verticalScrollBar()->sizeHint().width()
                              : 0;
    view()->setMinimumWidth(view()->sizeHintForColumn(0) + scrollBar + 2 * view()->frameWidth());
    QComboBox::showPopup();
}

} // namespace Ui
