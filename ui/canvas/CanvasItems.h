// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Relations.h"

#include <QGraphicsItem>
#include <QString>
#include <QStringList>

namespace Ui {

class CanvasScene;

/**
 * One component on the canvas. It holds only the component's id (STYLE.md #6): kind,
 * replicas and heat are read from the scene's document and heat data when it paints.
 * The item's position is the component's layout position (the body's centre).
 */
class ComponentItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 101 };

    ComponentItem(CanvasScene *canvas, const QString &id);

    QString id() const { return m_id; }
    void setId(const QString &id);
    /** Re-reads the document (replicas change the item's size). */
    void refresh();

    /** The body (without stacked replica cards and badges), centred on (0, 0). */
    static QRectF bodyRect();
    /** The connector handle shown on hover: press and drag from it to connect. */
    static QRectF connectorRect();

    /** The fill the body is painted with: the kind's colour, or the utilisation colour under heat. */
    QColor fillColor() const;
    /** Replicas of a service (1 for other kinds). */
    int replicaCount() const;
    /** "×3" for three replicas; empty for one. */
    QString replicaBadge() const;
    /** The second text line: kind, or the heat figures (utilisation, hit ratio, backlog). */
    QString detailText() const;
    /** The second line as painted: elided ("…") where the body is too narrow for it; the
     *  whole line is then the item's tooltip. */
    QString shownDetailText() const;

    /** The names of a service's modules, in order (empty for other kinds and services
     *  without modules). */
    QStringList moduleLabels() const;
    /** The chip of each module, in item coordinates: rows below the body, in the card's
     *  module strip. */
    QList<QRectF> moduleRects() const;
    /** The module strip below the body (empty without modules). */
    QRectF moduleStripRect() const;
    /** A module's tooltip: its handlers, tables and releases per month. */
    QString moduleToolTip(int index) const;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QString itemToolTip() const;
    const Model::Service *service() const;

    CanvasScene *m_canvas;
    QString m_id;
    bool m_hovered = false;
};

/** One relation drawn as an arrow from its owner to the other end (see Relation). */
class LinkItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 102 };

    LinkItem(CanvasScene *canvas, const Relation &relation);

    const Relation &relation() const { return m_relation; }
    void setRelation(const Relation &relation);
    /** Perpendicular offset in pixels, so that parallel links between two items stay apart. */
    void setOffset(qreal offset);
    /** Re-reads the end items' positions. */
    void updateGeometry();

    /** The text at the middle: the relation's label, plus its traffic under heat. */
    QString labelText() const;
    /** Width of the label box in pixels (0 without a label). */
    qreal labelWidth() const;
    QPen pen() const;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF labelRect() const;

    CanvasScene *m_canvas;
    Relation m_relation;
    qreal m_offset = 0;
    QPointF m_p1, m_p2;
};

/** The key to the link styles and, under heat, the utilisation colours. */
class LegendItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 103 };

    explicit LegendItem(CanvasScene *canvas);
    /** Re-reads whether heat is shown (the legend grows with it). */
    void refresh();

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    CanvasScene *m_canvas;
};

/** Utilisation 0..1 (and beyond) as green -> amber -> red. */
QColor heatColor(double utilization);
/** The pen a relation kind is drawn with (colour and dash pattern). */
QPen relationPen(Relation::Kind kind);
QString relationKindName(Relation::Kind kind);

} // namespace Ui
