// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExampleDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace Ui {

namespace {

constexpr int kMargin = 6;
constexpr int kDescriptionLines = 3;

QFont nameFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont descriptionFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}

/** Lays out `text` in at most `maxLines` lines of `width`, eliding the last one. */
QStringList wrappedLines(const QString &text, const QFont &font, int width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    layout.beginLayout();
    const QFontMetrics metrics(font);
    while (lines.size() < maxLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        QString part = text.mid(line.textStart(), line.textLength()).trimmed();
        if (lines.size() == maxLines - 1 && line.textStart() + line.textLength() < text.size())
            part = metrics.elidedText(text.mid(line.textStart()), Qt::ElideRight, width);
        lines << part;
    }
    layout.endLayout();
    return lines;
}

} // namespace

ExampleDelegate::ExampleDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void ExampleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background and focus only; the text is drawn below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal
                                                                              : QPalette::Disabled;
    const QRect area = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);

    painter->save();
    const QFont title = nameFont(option.font);
    painter->setFont(title);
    painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText
                                                         : QPalette::Text));
    const QFontMetrics titleMetrics(title);
    const QString name = titleMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                                 Qt::ElideRight, area.width());
    painter->drawText(QPoint(area.left(), area.top() + titleMetrics.ascent()), name);

    const QFont small = descriptionFont(option.font);
    const QFontMetrics smallMetrics(small);
    painter->setFont(small);
    if (!selected) {
        QColor muted = option.palette.color(group, QPalette::Text);
        muted.setAlphaF(0.65f);
        painter->setPen(muted);
    }
    int y = area.top() + titleMetrics.height() + 2 + smallMetrics.ascent();
    const QString description = index.data(DescriptionRole).toString();
    for (const QString &line : wrappedLines(description, small, area.width(), kDescriptionLines)) {
        painter->drawText(QPoint(area.left(), y), line);
        y += smallMetrics.lineSpacing();
    }
    painter->restore();
}

QSize ExampleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Room for a full description whatever the width, so that the rows line up evenly.
    const QFontMetrics titleMetrics(nameFont(option.font));
    const QFontMetrics smallMetrics(descriptionFont(option.font));
    const bool hasDescription = !index.data(DescriptionRole).toString().isEmpty();
    const int height = kMargin + titleMetrics.height()
                       + (hasDescription ? 2 + kDescriptionLines * smallMetrics.lineSpacing() : 0)
                       + kMargin;
    // A narrow width: the list gives each row the whole viewport and the text is elided,
    // so the list never scrolls sideways.
    return {titleMetrics.averageCharWidth() * 12 + 2 * kMargin, height};
}

} // namespace Ui
