// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Relations.h"
#include "Results.h"
#include "Scenario.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QGraphicsLineItem;
QT_END_NAMESPACE

namespace Model {
class Document;
}

namespace Ui {

class ComponentItem;
class DocumentController;
class LegendItem;
class LinkItem;

/**
 * The topology of one Model::Document as a QGraphicsScene: a ComponentItem per component
 * and a LinkItem per relation (relationsOf()). Items follow the document's signals
 * incrementally; every edit made here (move, connect, delete, paste, arrange) goes through
 * the DocumentController as one undo step.
 *
 * Selection is reported as componentSelected(id) (exactly one component),
 * componentsSelected(ids) (one or more), linkSelected(relation) (links only) or
 * nothingSelected().
 */
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT

public:
    static constexpr qreal kGridSize = 20;

    CanvasScene(Model::Document *document,
                DocumentController *controller,
                QObject *parent = nullptr);
    ~CanvasScene() override;

    Model::Document *document() const { return m_document; }
    DocumentController *controller() const { return m_controller; }

    ComponentItem *componentItem(const QString &id) const;
    QList<ComponentItem *> componentItems() const;
    LinkItem *linkItem(Relation::Kind kind, const QString &from, const QString &to) const;
    QList<LinkItem *> linkItems() const;
    LegendItem *legendItem() const { return m_legend; }

    /** Selected components, in document order. */
    QStringList selectedComponentIds() const;
    QList<Relation> selectedRelations() const;

    /** Adds a new component of `kind` centred at `scenePos` (the palette's drop path); its id. */
    QString addComponent(Model::ComponentKind kind, QPointF scenePos);
    /** Makes the relation that fits the two kinds (connectedComponent()); false if illegal. */
    bool connectComponents(const QString &from, const QString &to);
    /** Removes one relation from its owner; false if it no longer exists. */
    bool removeRelation(const Relation &relation);
    /** Deletes the selected components, or else the selected links: one undo step. */
    void removeSelection();

    /** The selected components as a scenario-format JSON fragment (empty: nothing selected). */
    QByteArray copySelection() const;
    /** Adds the components of a copied fragment with fresh ids, shifted by `offset`, in one
     *  undo step, and selects them. Returns the new ids (empty if `json` holds none). */
    QStringList paste(const QByteArray &json, QPointF offset);

    /** Lays the graph out with Graphviz (dot, left to right) as one undo step. */
    bool arrange();
    /** True when some component has no layout position (e.g. a scenario file without
     *  "ui"): the main window should then call arrange() after opening it. */
    bool needsArrange() const;

    void setSnapToGrid(bool on) { m_snap = on; }
    bool snapToGrid() const { return m_snap; }
    QPointF snapped(QPointF p) const;
    /** True while the user drags items: only then do moves snap to the grid. */
    bool isDraggingItems() const { return m_dragging; }

    /** Colours components by utilisation and labels links with traffic; nullptr clears. */
    void setHeat(const Sim::RunResult *result);
    bool hasHeat() const { return m_hasHeat; }
    /** Links and component outlines drawn this many times as thick (the presenter view's
     *  thick lines); 1 by default. */
    void setLineScale(double scale);
    double lineScale() const { return m_lineScale; }
    const Sim::ComponentResult *heat(const QString &id) const;
    /** The highest utilisation among services, databases and caches; empty without heat. */
    QString bottleneck() const { return m_bottleneck; }
    /** Messages or calls per second along a link; negative when unknown. */
    double traffic(const Relation &relation) const;
    /**
     * The network link under a call relation (the two directions between its ends, from the
     * results' links), for the heat of the edge; nullptr without heat or without a network.
     */
    const Sim::LinkResult *linkHeat(const QString &from, const QString &to) const;

    /**
     * The architecture lint's findings to mark on the canvas: per component id, one line per
     * finding ("rule: message"). A marked component shows a badge with their count, and
     * the lines in its tooltip.
     */
    void setLintMarks(const QHash<QString, QStringList> &byComponent);
    QStringList lintMarks(const QString &id) const { return m_lint.value(id); }
    /** Marks the component where an overloaded run piled up its requests (the run stopped
     *  early, Sim::RunStop); an empty id clears the mark. Shown with or without heat. */
    void setOverloaded(const QString &id);
    QString overloaded() const { return m_overloaded; }

    /** The items' bounding rect with a margin: the rect to render for a picture. */
    QRectF contentRect() const;

public slots:
    /** Selects one component (or nothing for an unknown id) and makes it visible. */
    void selectComponent(const QString &id);

signals:
    void componentSelected(const QString &id);
    void componentsSelected(const QStringList &ids);
    void linkSelected(const Ui::Relation &relation);
    void nothingSelected();
    /** The heat overlay was turned on, off or given new results (the legend changed size). */
    void heatChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void addItem(const QString &id);
    void syncLinks();
    void updateLinkGeometry(const QString &id);
    void syncPositions();
    void placeLegend();
    void pushMoves();
    void reportSelection();
    ComponentItem *componentAt(QPointF scenePos, const QString &except = {}) const;
    void updateConnectCursor(bool allowed);

    Model::Document *m_document;
    DocumentController *m_controller;
    QHash<QString, ComponentItem *> m_items;
    QHash<QString, LinkItem *> m_links; ///< by Relation::key()
    LegendItem *m_legend = nullptr;
    bool m_snap = true;
    bool m_dragging = false;

    QString m_connectFrom;
    QGraphicsLineItem *m_connectLine = nullptr;

    bool m_hasHeat = false;
    double m_lineScale = 1.0;
    QHash<QString, Sim::ComponentResult> m_heat;
    QHash<QPair<QString, QString>, Sim::LinkResult> m_linkHeat; ///< by (from, to)
    double m_measuredS = 0;
    QString m_bottleneck;
    QHash<QString, QStringList> m_lint;
    QString m_overloaded;
};

} // namespace Ui
