// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Ui {

/**
 * Paints a built-in example as its name in bold over the first lines of its description
 * (Qt::DisplayRole and DescriptionRole), so the list says what each example shows.
 */
class ExampleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int DescriptionRole = Qt::UserRole + 1;

    explicit ExampleDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Ui
