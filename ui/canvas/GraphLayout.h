// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QSizeF>
#include <QString>

namespace Ui {

struct LayoutNode
{
    QString id;
    QSizeF size; ///< pixels
};

/**
 * A layered left-to-right layout by Graphviz "dot": the centre of every node, in pixels,
 * with y growing downwards. `rankGap` is the room between ranks (for link labels),
 * `nodeGap` between the nodes of one rank, both in pixels. Empty when Graphviz fails (a message goes to qWarning).
 */
QHash<QString, QPointF> layeredLayout(const QList<LayoutNode> &nodes,
                                      const QList<QPair<QString, QString>> &edges,
                                      qreal rankGap = 80,
                                      qreal nodeGap = 40);

} // namespace Ui
