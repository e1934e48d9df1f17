// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasItems.h"

#include "CanvasScene.h"
#include "Document.h"
#include "Formatting.h"
#include "KindRegistry.h"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

constexpr qreal kBodyW = 150;
constexpr qreal kBodyH = 62;
constexpr qreal kStack = 6; // offset of each stacked replica card
constexpr int kMaxCards = 3;
// the module strip below a service's body: chips in rows
constexpr qreal kChipH = 18;
constexpr qreal kChipGap = 4;
constexpr qreal kChipPad = 7;  // text padding either side in a chip
constexpr qreal kStripPad = 6; // strip margin around the chips

QFont font(qreal pixelSize, bool bold = false)
{
    QFont f;
    f.setPixelSize(qRound(pixelSize));
    f.setBold(bold);
    return f;
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = qBound(0.0, t, 1.0);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

QColor heatColor(double utilization)
{
    // along the hue circle, green (0%) -> amber (50%) -> red (90% and beyond); mixing RGB
    // would pass through olive. Light enough for dark text on top.
    const double u = qBound(0.0, utilization, 1.0);
    const double hue = u <= 0.5 ? 130 - (130 - 42) * (u / 0.5)
                                : 42 - 40 * qMin(1.0, (u - 0.5) / 0.4);
    return QColor::fromHsvF(static_cast<float>(hue / 360.0), 0.52f, 0.9f);
}

QPen relationPen(Relation::Kind kind)
{
    QPen pen(QColor(0x3a, 0x40, 0x48), 1.6);
    pen.setCapStyle(Qt::FlatCap);
    switch (kind) {
    case Relation::Kind::Call:
        break;
    case Relation::Kind::Publish:
        pen.setColor(QColor(0x2e, 0x8b, 0x3e));
        pen.setDashPattern({6, 4});
        break;
    case Relation::Kind::Consumer:
        pen.setColor(QColor(0x2e, 0x8b, 0x3e));
        pen.setDashPattern({6, 4});
        break;
    case Relation::Kind::Cache:
        pen.setColor(QColor(0xc0, 0x2f, 0x4a));
        pen.setDashPattern({1.5, 3});
        pen.setCapStyle(Qt::RoundCap);
        pen.setWidthF(2.0);
        break;
    case Relation::Kind::Target:
        pen.setColor(QColor(0x7b, 0x4f, 0xc9));
        break;
    case Relation::Kind::Route:
        pen.setColor(QColor(0x0e, 0x8f, 0x9a));
        break;
    case Relation::Kind::Pool:
        pen.setColor(QColor(0x80, 0x80, 0x80));
        pen.setDashPattern({2, 3});
        break;
    }
    return pen;
}

QString relationKindName(Relation::Kind kind)
{
    switch (kind) {
    case Relation::Kind::Call:
        return QObject::tr("call");
    case Relation::Kind::Publish:
        return QObject::tr("publish");
    case Relation::Kind::Cache:
        return QObject::tr("cache lookup");
    case Relation::Kind::Target:
        return QObject::tr("balances to");
    case Relation::Kind::Route:
        return QObject::tr("routes to");
    case Relation::Kind::Consumer:
        return QObject::tr("consumed by");
    case Relation::Kind::Pool:
        return QObject::tr("connection pool");
    }
    return {};
}

// ---------------------------------------------------------------- ComponentItem

ComponentItem::ComponentItem(CanvasScene *canvas, const QString &id)
    : m_canvas(canvas)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void ComponentItem::setId(const QString &id)
{
    m_id = id;
    update();
}

void ComponentItem::refresh()
{
    prepareGeometryChange();
    update();
}

QRectF ComponentItem::bodyRect()
{
    return QRectF(-kBodyW / 2, -kBodyH / 2, kBodyW, kBodyH);
}

QRectF ComponentItem::connectorRect()
{
    return QRectF(kBodyW / 2 - 7, -7, 14, 14);
}

int ComponentItem::replicaCount() const
{
    const Model::Component *c = m_canvas->document()->component(m_id);
    if (!c)
        return 1;
    const KindInfo &k = KindRegistry::instance().info(c->kind);
    return k.replicas ? qMax(1, k.replicas(*c)) : 1;
}

QString ComponentItem::replicaBadge() const
{
    const int n = replicaCount();
    return n > 1 ? QStringLiteral("×%1").arg(n) : QString();
}

QColor ComponentItem::fillColor() const
{
    const Model::Component *c = m_canvas->document()->component(m_id);
    const KindInfo &k = KindRegistry::instance().info(c ? c->kind : Model::ComponentKind::Unknown);
    if (m_canvas->hasHeat()) {
        const Sim::ComponentResult *r = m_canvas->heat(m_id);
        if (r && k.measured)
            return heatColor(r->utilization);
        return QColor(0xee, 0xee, 0xee); // no utilisation for this kind: neutral
    }
    // a light tint of the kind's colour keeps dark text readable
    return mix(k.color, Qt::white, 0.78);
}

QString ComponentItem::detailText() const
{
    const Model::Component *c = m_canvas->document()->component(m_id);
    if (!c)
        return {};
    const KindInfo &k = KindRegistry::instance().info(c->kind);
    const Sim::ComponentResult *r = m_canvas->hasHeat() ? m_canvas->heat(m_id) : nullptr;
    if (!r || !k.heatText)
        return k.displayName;
    return k.heatText(*r);
}

namespace {

QFont detailFont()
{
    return font(11.5);
}

} // namespace

QString ComponentItem::shownDetailText() const
{
    const Model::Component *c = m_canvas->document()->component(m_id);
    const KindInfo &k = KindRegistry::instance().info(c ? c->kind : Model::ComponentKind::Unknown);
    const qreal width = bodyRect().marginsRemoved(k.textMargins).width() + 6;
    return QFontMetricsF(detailFont()).elidedText(detailText(), Qt::ElideRight, width);
}

const Model::Service *ComponentItem::service() const
{
    const Model::Component *c = m_canvas->document()->component(m_id);
    return c && c->kind == Model::ComponentKind::Service ? &c->service : nullptr;
}

namespace {

QFont chipFont()
{
    return font(10.5, true);
}

} // namespace

QStringList ComponentItem::moduleLabels() const
{
    QStringList names;
    if (const Model::Service *s = service()) {
        for (const Model::Module &m : s->modules)
            names.append(m.name);
    }
    return names;
}

QList<QRectF> ComponentItem::moduleRects() const
{
    const QStringList names = moduleLabels();
    QList<QRectF> rects;
    if (names.isEmpty())
        return rects;
    const QRectF body = bodyRect();
    const qreal left = body.left() + kStripPad;
    const qreal right = body.right() - kStripPad;
    const QFontMetricsF fm(chipFont());
    qreal x = left;
    qreal y = body.bottom() + kStripPad;
    for (const QString &name : names) {
        const qreal w = qMin(fm.horizontalAdvance(name.isEmpty() ? QStringLiteral("?") : name)
                                 + 2 * kChipPad,
                             right - left);
        if (x > left && x + w > right) { // the next row
            x = left;
            y += kChipH + kChipGap;
        }
        rects.append(QRectF(x, y, w, kChipH));
        x += w + kChipGap;
    }
    return rects;
}

QRectF ComponentItem::moduleStripRect() const
{
    const QList<QRectF> chips = moduleRects();
    if (chips.isEmpty())
        return {};
    const QRectF body = bodyRect();
    return QRectF(body.left(),
                  body.bottom(),
                  body.width(),
                  chips.last().bottom() + kStripPad - body.bottom());
}

QString ComponentItem::moduleToolTip(int index) const
{
    const Model::Service *s = service();
    if (!s || index < 0 || index >= s->modules.size())
        return {};
    const Model::Module &m = s->modules.at(index);
    const QString none = QObject::tr("none");
    QString tip = QObject::tr("Module %1").arg(m.name);
    tip += QLatin1Char('\n')
           + QObject::tr("Handlers: %1")
                 .arg(m.handlers.isEmpty() ? none : m.handlers.join(QStringLiteral(", ")));
    tip += QLatin1Char('\n')
           + QObject::tr("Tables: %1")
                 .arg(m.tables.isEmpty() ? none : m.tables.join(QStringLiteral(", ")));
    tip += QLatin1Char('\n')
           + QObject::tr("Releases per month: %1")
                 .arg(m.releasesPerMonth ? QString::number(*m.releasesPerMonth)
                                         : QObject::tr("unknown"));
    return tip;
}

QRectF ComponentItem::boundingRect() const
{
    const int cards = qMin(replicaCount(), kMaxCards);
    // stacked cards go up and right; badges stick out above; the label may be wider
    // (the lint badge sticks out below the bottom-left corner); the module strip hangs
    // below the body
    return bodyRect().adjusted(-10,
                               -12 - (cards - 1) * kStack - 16,
                               12 + (cards - 1) * kStack,
                               14 + moduleStripRect().height());
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath path;
    const int cards = qMin(replicaCount(), kMaxCards);
    path.addRect(bodyRect().adjusted(0,
                                     -(cards - 1) * kStack,
                                     (cards - 1) * kStack + 8,
                                     moduleStripRect().height()));
    return path;
}

void ComponentItem::paint(QPainter *painter,
                          const QStyleOptionGraphicsItem *option,
                          QWidget *widget)
{
    Q_UNUSED(option)
    Q_UNUSED(widget)
    const Model::Component *c = m_canvas->document()->component(m_id);
    if (!c)
        return;
    const KindInfo &k = KindRegistry::instance().info(c->kind);
    painter->setRenderHint(QPainter::Antialiasing);

    const QColor fill = fillColor();
    const QColor border = m_canvas->hasHeat() ? fill.darker(170) : k.color.darker(115);
    const QRectF body = bodyRect();

    // replicas: cards stacked behind the body
    const int cards = qMin(replicaCount(), kMaxCards);
    for (int i = cards - 1; i > 0; --i) {
        painter->setPen(QPen(border, 1.2 * m_canvas->lineScale()));
        painter->setBrush(fill.darker(100 + 6 * i));
        k.paint(painter, body.translated(i * kStack, -i * kStack));
    }

    QPen pen(border, (isSelected() ? 3.0 : 1.8) * m_canvas->lineScale());
    // a service's modules: a strip joined to the bottom of the body, one chip per module
    const QRectF strip = moduleStripRect();
    if (!strip.isEmpty()) {
        painter->setPen(pen);
        painter->setBrush(fill.darker(106));
        painter->drawRoundedRect(strip.adjusted(0, -8, 0, 0), 6, 6);
    }
    painter->setPen(pen);
    painter->setBrush(fill);
    k.paint(painter, body);
    if (!strip.isEmpty()) {
        const QFont cf = chipFont();
        const QFontMetricsF fm(cf);
        painter->setFont(cf);
        const QStringList names = moduleLabels();
        const QList<QRectF> chips = moduleRects();
        for (int i = 0; i < chips.size(); ++i) {
            const QRectF chip = chips.at(i);
            painter->setPen(QPen(k.color.darker(130), 1.0));
            painter->setBrush(Qt::white);
            painter->drawRoundedRect(chip, kChipH / 2, kChipH / 2);
            painter->setPen(QColor(0x1a, 0x1d, 0x21));
            painter->drawText(chip,
                              Qt::AlignCenter,
                              fm.elidedText(names.at(i),
                                            Qt::ElideRight,
                                            chip.width() - 2 * kChipPad + 2));
        }
    }

    if (isSelected()) {
        painter->setPen(QPen(QColor(0x1e, 0x63, 0xd6), 1.5, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-5, -5, 5, 5 + strip.height()), 6, 6);
    }

    // text: id in bold, then the kind or the heat figures
    const QRectF text = body.marginsRemoved(k.textMargins);
    painter->setPen(QColor(0x1a, 0x1d, 0x21));
    QFont idFont = font(14, true);
    QFontMetricsF fm(idFont);
    painter->setFont(idFont);
    painter->drawText(QRectF(text.left(), text.top(), text.width(), text.height() / 2 + 4),
                      Qt::AlignHCenter | Qt::AlignBottom,
                      fm.elidedText(m_id, Qt::ElideMiddle, text.width()));
    painter->setFont(detailFont());
    painter->setPen(QColor(0x33, 0x38, 0x40));
    // 3 px either side of the text rect: the detail line may reach into the margins
    painter->drawText(QRectF(text.left() - 3,
                             text.center().y() + 4,
                             text.width() + 6,
                             text.height() / 2 - 4),
                      Qt::AlignHCenter | Qt::AlignTop,
                      shownDetailText());

    // replica count badge on the top-right corner of the stack
    const QString badge = replicaBadge();
    if (!badge.isEmpty()) {
        const QFont bf = font(12, true);
        const qreal w = QFontMetricsF(bf).horizontalAdvance(badge) + 12;
        const QRectF b(body.right() + (cards - 1) * kStack - w + 6,
                       body.top() - (cards - 1) * kStack - 10,
                       w,
                       20);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0x26, 0x2b, 0x33));
        painter->drawRoundedRect(b, 10, 10);
        painter->setFont(bf);
        painter->drawText(b, Qt::AlignCenter, badge);
    }

    // where an overloaded run piled up its requests (it stopped early), else the bottleneck
    // under heat
    const bool overloaded = m_canvas->overloaded() == m_id;
    if (overloaded) {
        painter->setPen(QPen(QColor(0xb0, 0x1e, 0x1e), 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-3, -3, 3, 3), 6, 6);
    }
    if (overloaded || (m_canvas->hasHeat() && m_canvas->bottleneck() == m_id)) {
        const QFont bf = font(11, true);
        const QString t = overloaded ? QObject::tr("OVERLOADED") : QObject::tr("BOTTLENECK");
        const qreal w = QFontMetricsF(bf).horizontalAdvance(t) + 14;
        const QRectF b(body.left() - 4, body.top() - (cards - 1) * kStack - 12, w, 20);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xb0, 0x1e, 0x1e));
        painter->drawRoundedRect(b, 4, 4);
        painter->setFont(bf);
        painter->drawText(b, Qt::AlignCenter, t);
    }

    // the lint's findings: an amber badge with their count on the bottom-left corner
    if (const qsizetype findings = m_canvas->lintMarks(m_id).size(); findings > 0) {
        const QFont bf = font(11, true);
        const QString t = QStringLiteral("! %1").arg(findings);
        const qreal w = QFontMetricsF(bf).horizontalAdvance(t) + 12;
        const QRectF b(body.left() - 8, body.bottom() + strip.height() - 8, w, 20);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xd9, 0x7a, 0x00));
        painter->drawRoundedRect(b, 10, 10);
        painter->setFont(bf);
        painter->setPen(Qt::white);
        painter->drawText(b, Qt::AlignCenter, t);
    }

    // the connector handle while hovered
    if (m_hovered && !m_canvas->hasHeat()) {
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(k.color);
        painter->drawEllipse(connectorRect());
    }
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && m_canvas->isDraggingItems() && m_canvas->snapToGrid())
        return m_canvas->snapped(value.toPointF());
    return QGraphicsItem::itemChange(change, value);
}

QString ComponentItem::itemToolTip() const
{
    // what is cut off on the card reads in full in the tooltip
    const QString detail = detailText();
    const bool elided = shownDetailText() != detail;
    const QString id = m_canvas->document()->component(m_id) ? m_id : QString();
    QString tip = elided ? id + QLatin1Char('\n') + detail : QString();
    // the lint's findings read in full (the badge shows only their count)
    const QStringList lint = m_canvas->lintMarks(m_id);
    if (!lint.isEmpty()) {
        if (tip.isEmpty())
            tip = id;
        tip += QLatin1Char('\n') + QObject::tr("Lint (see the Problems panel):");
        for (const QString &line : lint)
            tip += QStringLiteral("\n• ") + line;
    }
    return tip;
}

void ComponentItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    setToolTip(itemToolTip());
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void ComponentItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    // over a module's chip: that module's handlers, tables and releases
    const QList<QRectF> chips = moduleRects();
    QString tip;
    for (int i = 0; i < chips.size() && tip.isEmpty(); ++i) {
        if (chips.at(i).contains(event->pos()))
            tip = moduleToolTip(i);
    }
    setToolTip(tip.isEmpty() ? itemToolTip() : tip);
    QGraphicsItem::hoverMoveEvent(event);
}

void ComponentItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

// ---------------------------------------------------------------- LinkItem

LinkItem::LinkItem(CanvasScene *canvas, const Relation &relation)
    : m_canvas(canvas)
    , m_relation(relation)
{
    setFlags(ItemIsSelectable);
    setZValue(0);
}

void LinkItem::setRelation(const Relation &relation)
{
    prepareGeometryChange();
    m_relation = relation;
    update();
}

void LinkItem::setOffset(qreal offset)
{
    m_offset = offset;
}

namespace {

/** Where the segment from the centre to `towards` leaves `rect` (centred on `center`). */
QPointF clipToRect(QPointF center, QPointF towards, const QRectF &rect)
{
    const QPointF d = towards - center;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return center;
    const qreal tx = qFuzzyIsNull(d.x()) ? 1e9 : (rect.width() / 2) / qAbs(d.x());
    const qreal ty = qFuzzyIsNull(d.y()) ? 1e9 : (rect.height() / 2) / qAbs(d.y());
    const qreal t = qMin(1.0, qMin(tx, ty));
    return center + d * t;
}

} // namespace

void LinkItem::updateGeometry()
{
    const ComponentItem *a = m_canvas->componentItem(m_relation.from);
    const ComponentItem *b = m_canvas->componentItem(m_relation.to);
    if (!a || !b)
        return;
    prepareGeometryChange();
    QPointF ca = a->pos();
    QPointF cb = b->pos();
    QPointF d = cb - ca;
    const qreal len = std::hypot(d.x(), d.y());
    if (len > 0.1) {
        // a consistent normal for both directions, so that A->B and B->A separate
        const bool flip = m_relation.from > m_relation.to;
        QPointF n(-d.y() / len, d.x() / len);
        if (flip)
            n = -n;
        ca += n * m_offset;
        cb += n * m_offset;
    }
    const QRectF body = ComponentItem::bodyRect().adjusted(-3, -3, 3, 3);
    m_p1 = clipToRect(ca, cb, body);
    m_p2 = clipToRect(cb, ca, body);
    update();
}

QString LinkItem::labelText() const
{
    QString text = m_relation.label;
    const double t = m_canvas->hasHeat() ? m_canvas->traffic(m_relation) : -1;
    if (t >= 0) {
        const QString r = formatRate(t);
        text = text.isEmpty() ? r : text + QStringLiteral(" · ") + r;
    }
    if (m_relation.kind == Relation::Kind::Call && m_canvas->hasHeat()) {
        // a network link: the bytes both ways, and how busy its busier direction is
        const Sim::LinkResult *forth = m_canvas->linkHeat(m_relation.from, m_relation.to);
        const Sim::LinkResult *back = m_canvas->linkHeat(m_relation.to, m_relation.from);
        if (forth && back) {
            QString net = formatByteRate(forth->bytesPerS + back->bytesPerS);
            if (forth->bandwidthMbps > 0 || back->bandwidthMbps > 0)
                net += QStringLiteral(" · ")
                       + QObject::tr("link %1%")
                             .arg(formatPercent(std::max(forth->utilization, back->utilization)));
            text = text.isEmpty() ? net : text + QStringLiteral(" · ") + net;
        }
    }
    return text;
}

QPen LinkItem::pen() const
{
    QPen p = relationPen(m_relation.kind);
    if (m_relation.kind == Relation::Kind::Call && m_canvas->hasHeat()) {
        // the heat of a network link with a bandwidth: coloured by its busier direction
        const Sim::LinkResult *forth = m_canvas->linkHeat(m_relation.from, m_relation.to);
        const Sim::LinkResult *back = m_canvas->linkHeat(m_relation.to, m_relation.from);
        if (forth && back && (forth->bandwidthMbps > 0 || back->bandwidthMbps > 0)) {
            p.setColor(heatColor(std::max(forth->utilization, back->utilization)));
            p.setWidthF(p.widthF() + 1.5);
        }
    }
    if (isSelected()) {
        p.setWidthF(p.widthF() + 1.8);
        p.setColor(QColor(0x1e, 0x63, 0xd6));
    }
    p.setWidthF(p.widthF() * m_canvas->lineScale());
    return p;
}

qreal LinkItem::labelWidth() const
{
    return labelRect().width();
}

QRectF LinkItem::labelRect() const
{
    const QString text = labelText();
    if (text.isEmpty())
        return {};
    const QFontMetricsF fm(font(11));
    const QSizeF size(fm.horizontalAdvance(text) + 10, fm.height() + 4);
    const QPointF mid = (m_p1 + m_p2) / 2;
    return QRectF(mid - QPointF(size.width() / 2, size.height() / 2), size);
}

QRectF LinkItem::boundingRect() const
{
    const qreal margin = 12 * m_canvas->lineScale();
    return QRectF(m_p1, m_p2)
        .normalized()
        .adjusted(-margin, -margin, margin, margin)
        .united(labelRect());
}

QPainterPath LinkItem::shape() const
{
    QPainterPath line(m_p1);
    line.lineTo(m_p2);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath path = stroker.createStroke(line);
    const QRectF label = labelRect();
    if (!label.isNull())
        path.addRect(label);
    return path;
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option)
    Q_UNUSED(widget)
    const QLineF line(m_p1, m_p2);
    if (line.length() < 1)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QPen p = pen();
    painter->setPen(p);
    painter->setBrush(Qt::NoBrush);
    // stop the line at the arrow head's base (a thick line gets a larger head)
    const qreal head = 11 * std::sqrt(m_canvas->lineScale());
    QLineF shaft = line;
    shaft.setLength(qMax(0.0, line.length() - head + 1));
    painter->drawLine(shaft);

    const double angle = std::atan2(-line.dy(), line.dx());
    const QPointF tip = m_p2;
    const QPointF left = tip
                         - QPointF(std::cos(angle - M_PI / 7) * head,
                                   -std::sin(angle - M_PI / 7) * head);
    const QPointF right = tip
                          - QPointF(std::cos(angle + M_PI / 7) * head,
                                    -std::sin(angle + M_PI / 7) * head);
    painter->setPen(QPen(p.color(), 1.0));
    const bool open = m_relation.kind == Relation::Kind::Publish
                      || m_relation.kind == Relation::Kind::Consumer;
    painter->setBrush(open ? QBrush(Qt::white) : QBrush(p.color()));
    painter->drawPolygon(QPolygonF{tip, left, right});

    const QRectF label = labelRect();
    if (!label.isNull()) {
        painter->setPen(QPen(p.color().lighter(150), 0.8));
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(label, 4, 4);
        painter->setPen(QColor(0x20, 0x24, 0x2a));
        painter->setFont(font(11));
        painter->drawText(label, Qt::AlignCenter, labelText());
    }
}

// ---------------------------------------------------------------- LegendItem

namespace {

constexpr Relation::Kind kLegendKinds[] = {Relation::Kind::Call,
                                           Relation::Kind::Publish,
                                           Relation::Kind::Consumer,
                                           Relation::Kind::Cache,
                                           Relation::Kind::Route,
                                           Relation::Kind::Target};

} // namespace

LegendItem::LegendItem(CanvasScene *canvas)
    : m_canvas(canvas)
{
    setZValue(3);
}

void LegendItem::refresh()
{
    prepareGeometryChange();
    update();
}

QRectF LegendItem::boundingRect() const
{
    const qreal rows = std::size(kLegendKinds) + (m_canvas->hasHeat() ? 3 : 0); // with a margin
    return QRectF(0, 0, 190, 28 + rows * 18);
}

void LegendItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option)
    Q_UNUSED(widget)
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF r = boundingRect();
    painter->setPen(QPen(QColor(0xc8, 0xcc, 0xd2), 1));
    painter->setBrush(QColor(255, 255, 255, 240));
    painter->drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter->setFont(font(12, true));
    painter->setPen(QColor(0x1a, 0x1d, 0x21));
    painter->drawText(QRectF(10, 6, r.width() - 20, 18),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QObject::tr("Legend"));
    painter->setFont(font(11));
    qreal y = 28;
    for (const Relation::Kind kind : kLegendKinds) {
        painter->setPen(relationPen(kind));
        painter->drawLine(QPointF(12, y + 9), QPointF(52, y + 9));
        painter->setPen(QColor(0x1a, 0x1d, 0x21));
        painter->drawText(QRectF(60, y, r.width() - 66, 18),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          relationKindName(kind));
        y += 18;
    }
    if (m_canvas->hasHeat()) {
        painter->drawText(QRectF(12, y + 2, r.width() - 24, 18),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QObject::tr("Utilisation"));
        y += 20;
        const QRectF bar(12, y, r.width() - 24, 12);
        QLinearGradient g(bar.topLeft(), bar.topRight());
        for (int i = 0; i <= 10; ++i)
            g.setColorAt(i / 10.0, heatColor(i / 10.0));
        painter->setPen(Qt::NoPen);
        painter->setBrush(g);
        painter->drawRect(bar);
        painter->setPen(QColor(0x33, 0x38, 0x40));
        painter->setFont(font(10));
        painter->drawText(QRectF(bar.left(), bar.bottom(), 40, 14),
                          Qt::AlignLeft,
                          QStringLiteral("0%"));
        painter->drawText(QRectF(bar.center().x() - 20, bar.bottom(), 40, 14),
                          Qt::AlignHCenter,
                          QStringLiteral("50%"));
        painter->drawText(QRectF(bar.right() - 40, bar.bottom(), 40, 14),
                          Qt::AlignRight,
                          QStringLiteral("100%"));
    }
}

} // namespace Ui
