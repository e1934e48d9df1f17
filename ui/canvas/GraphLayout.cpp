// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphLayout.h"

#include <QByteArray>
#include <QDebug>

#include <graphviz/gvc.h>

namespace Ui {

namespace {

// cgraph takes char * for names and attributes it does not modify
char *str(QByteArray &bytes)
{
    return bytes.data();
}

void setAttr(void *object, const char *name, const QByteArray &value)
{
    QByteArray n(name);
    QByteArray v(value);
    QByteArray empty;
    agsafeset(object, str(n), str(v), str(empty));
}

} // namespace

QHash<QString, QPointF> layeredLayout(const QList<LayoutNode> &nodes,
                                      const QList<QPair<QString, QString>> &edges,
                                      qreal rankGap,
                                      qreal nodeGap)
{
    QHash<QString, QPointF> result;
    if (nodes.isEmpty())
        return result;
    // One Graphviz context for the life of the process (layouts run on the GUI thread only):
    // Graphviz 2.42's Pango plugin keeps a pointer into the context's font table across
    // contexts, so freeing a context and opening another reads freed memory.
    static GVC_t *const gvc = gvContext();
    QByteArray graphName("archsim");
    Agraph_t *g = agopen(str(graphName), Agdirected, nullptr);
    setAttr(g, "rankdir", "LR");
    setAttr(g, "nodesep", QByteArray::number(nodeGap / 72.0)); // inches
    setAttr(g, "ranksep", QByteArray::number(rankGap / 72.0));
    setAttr(g, "splines", "line");

    QHash<QString, Agnode_t *> byId;
    for (const LayoutNode &n : nodes) {
        QByteArray name = n.id.toUtf8();
        Agnode_t *node = agnode(g, str(name), 1);
        setAttr(node, "shape", "box");
        setAttr(node, "fixedsize", "true");
        // the canvas draws the card; Graphviz only places the box. Without this its default
        // label (the id) warns "size too small for label" on stderr for long ids
        setAttr(node, "label", "");
        setAttr(node, "width", QByteArray::number(n.size.width() / 72.0));
        setAttr(node, "height", QByteArray::number(n.size.height() / 72.0));
        byId.insert(n.id, node);
    }
    for (const auto &e : edges) {
        Agnode_t *a = byId.value(e.first);
        Agnode_t *b = byId.value(e.second);
        if (a && b && a != b) {
            QByteArray empty;
            agedge(g, a, b, str(empty), 1);
        }
    }

    if (gvLayout(gvc, g, "dot") == 0) {
        for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
            const pointf p = ND_coord(it.value()); // points, y up
            result.insert(it.key(), QPointF(p.x, -p.y));
        }
        gvFreeLayout(gvc, g);
    } else {
        qWarning("Graphviz could not lay out the graph");
    }
    agclose(g);
    return result;
}

} // namespace Ui
