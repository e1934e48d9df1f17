// SPDX-License-Identifier: GPL-3.0-or-later
#include "KindRegistry.h"

#include "Document.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPolygonF>

namespace Ui {

namespace {

using Model::ComponentKind;

void paintService(QPainter *p, const QRectF &r)
{
    const qreal radius = qMin(r.height(), r.width()) * 0.18;
    p->drawRoundedRect(r, radius, radius);
}

void paintHexagon(QPainter *p, const QRectF &r)
{
    const qreal inset = qMin(r.height() * 0.5, r.width() * 0.18);
    const QPolygonF hex{QPointF(r.left(), r.center().y()), QPointF(r.left() + inset, r.top()),
                        QPointF(r.right() - inset, r.top()), QPointF(r.right(), r.center().y()),
                        QPointF(r.right() - inset, r.bottom()), QPointF(r.left() + inset, r.bottom())};
    p->drawPolygon(hex);
}

void paintTrapezoid(QPainter *p, const QRectF &r)
{
    const qreal inset = r.width() * 0.12;
    const QPolygonF trapezoid{QPointF(r.left(), r.top()), QPointF(r.right(), r.top()),
                              QPointF(r.right() - inset, r.bottom()), QPointF(r.left() + inset, r.bottom())};
    p->drawPolygon(trapezoid);
}

void paintCylinder(QPainter *p, const QRectF &r)
{
    const qreal e = qMin(r.height() * 0.28, 16.0); // height of the rim ellipse
    QPainterPath body;
    body.moveTo(r.left(), r.top() + e / 2);
    body.lineTo(r.left(), r.bottom() - e / 2);
    body.arcTo(QRectF(r.left(), r.bottom() - e, r.width(), e), 180, 180);
    body.lineTo(r.right(), r.top() + e / 2);
    body.arcTo(QRectF(r.left(), r.top(), r.width(), e), 0, 180);
    body.closeSubpath();
    p->drawPath(body);
    // the front of the rim
    QPainterPath rim;
    rim.moveTo(r.left(), r.top() + e / 2);
    rim.arcTo(QRectF(r.left(), r.top(), r.width(), e), 180, 180);
    p->save();
    p->setBrush(Qt::NoBrush);
    p->drawPath(rim);
    p->restore();
}

void paintCache(QPainter *p, const QRectF &r)
{
    const qreal radius = qMin(r.height(), r.width()) * 0.18;
    p->drawRoundedRect(r, radius, radius);
    // a lightning bolt in the top-right corner
    const qreal s = qMin(r.height() * 0.42, 22.0);
    const QPointF o(r.right() - s * 0.85, r.top() + s * 0.2);
    const QPolygonF bolt{o + QPointF(s * 0.45, 0), o + QPointF(s * 0.05, s * 0.55), o + QPointF(s * 0.35, s * 0.55),
                         o + QPointF(s * 0.15, s), o + QPointF(s * 0.65, s * 0.38), o + QPointF(s * 0.35, s * 0.38),
                         o + QPointF(s * 0.6, 0)};
    p->save();
    p->setBrush(p->pen().color());
    p->setPen(Qt::NoPen);
    p->drawPolygon(bolt);
    p->restore();
}

void paintQueue(QPainter *p, const QRectF &r)
{
    const qreal radius = r.height() * 0.3;
    p->drawRoundedRect(r, radius, radius);
    // message slots: parallel bars along the right end
    p->save();
    QPen pen = p->pen();
    pen.setWidthF(qMax(1.0, pen.widthF()));
    p->setPen(pen);
    // kept to the right end, clear of the centred text
    const qreal gap = qMax(2.5, r.width() * 0.03);
    const qreal top = r.top() + r.height() * 0.25;
    const qreal bottom = r.bottom() - r.height() * 0.25;
    for (int i = 0; i < 3; ++i) {
        const qreal x = r.right() - radius * 0.45 - i * gap;
        p->drawLine(QPointF(x, top), QPointF(x, bottom));
    }
    p->restore();
}

void paintCloud(QPainter *p, const QRectF &r)
{
    // a cloud from overlapping ellipses, outlined dashed: "outside our system"
    const qreal w = r.width();
    const qreal h = r.height();
    QPainterPath cloud;
    cloud.addEllipse(QRectF(r.left(), r.top() + h * 0.3, w * 0.42, h * 0.62));
    cloud.addEllipse(QRectF(r.left() + w * 0.2, r.top(), w * 0.45, h * 0.75));
    cloud.addEllipse(QRectF(r.left() + w * 0.48, r.top() + h * 0.1, w * 0.4, h * 0.62));
    cloud.addEllipse(QRectF(r.left() + w * 0.58, r.top() + h * 0.35, w * 0.42, h * 0.6));
    cloud.addRoundedRect(QRectF(r.left() + w * 0.15, r.top() + h * 0.45, w * 0.7, h * 0.55), h * 0.2, h * 0.2);
    cloud.setFillRule(Qt::WindingFill);
    cloud = cloud.simplified(); // one outline, no inner arcs
    p->save();
    QPen pen = p->pen();
    pen.setStyle(Qt::DashLine);
    p->setPen(pen);
    p->drawPath(cloud);
    p->restore();
}

QString firstRequestName(const Model::Scenario &scenario)
{
    for (const Model::RequestType &r : scenario.workload.requests) {
        if (!r.name.isEmpty())
            return r.name;
    }
    return QStringLiteral("request");
}

Model::Component makeService(const Model::Scenario &scenario)
{
    Model::Component c;
    c.kind = ComponentKind::Service;
    c.service.replicas = 1;
    c.service.cpuCores = 1;
    Model::Concurrency concurrency;
    concurrency.model = QStringLiteral("thread_pool");
    concurrency.threads = 16;
    c.service.concurrency = concurrency;
    c.service.handlers.append(
        Model::Handler{firstRequestName(scenario), {Model::Step::cpu(Model::Distribution::exponential(2))}});
    return c;
}

Model::Component makeLoadBalancer(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::LoadBalancer;
    c.loadBalancer.policy = QStringLiteral("round_robin");
    c.loadBalancer.latencyMs = Model::Distribution::constant(0.2);
    return c;
}

Model::Component makeGateway(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::Gateway;
    c.gateway.latencyMs = Model::Distribution::constant(0.5);
    return c;
}

Model::Component makeDatabase(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::Database;
    c.database.maxConnections = 50;
    c.database.queries.append(Model::Query{QStringLiteral("*"), Model::Distribution::exponential(3)});
    return c;
}

Model::Component makeCache(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::Cache;
    c.cache.engine = QStringLiteral("redis");
    c.cache.capacityKeys = 10000;
    c.cache.eviction = QStringLiteral("lru");
    c.cache.ttlS = 300;
    c.cache.hitMs = Model::Distribution::constant(0.3);
    c.cache.missMs = Model::Distribution::constant(0.3);
    c.cache.stampede = QStringLiteral("none");
    return c;
}

Model::Component makeQueue(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::Queue;
    c.queue.broker = QStringLiteral("rabbitmq");
    c.queue.durable = true;
    c.queue.publishMs = Model::Distribution::constant(0.5);
    c.queue.deliveryMs = Model::Distribution::constant(0.5);
    c.queue.exchange = QStringLiteral("direct");
    return c;
}

Model::Component makeExternal(const Model::Scenario &)
{
    Model::Component c;
    c.kind = ComponentKind::External;
    c.external.latencyMs = Model::Distribution::lognormal(80, 30);
    c.external.errorRate = 0.0;
    return c;
}

} // namespace

KindRegistry &KindRegistry::instance()
{
    static KindRegistry registry;
    return registry;
}

KindRegistry::KindRegistry()
{
    // Colours: one hue per kind, far apart and dark enough for a white-ish fill to show
    // them on a projector; the heat overlay uses green/amber/red fills instead.
    registerKind({ComponentKind::Service, QObject::tr("Service"), QStringLiteral("service"), QColor(0x2f, 0x6f, 0xd6),
                  paintService, makeService});
    registerKind({ComponentKind::LoadBalancer, QObject::tr("Load balancer"), QStringLiteral("lb"),
                  QColor(0x7b, 0x4f, 0xc9), paintHexagon, makeLoadBalancer});
    registerKind({ComponentKind::Gateway, QObject::tr("Gateway"), QStringLiteral("gateway"), QColor(0x0e, 0x8f, 0x9a),
                  paintTrapezoid, makeGateway});
    registerKind({ComponentKind::Database, QObject::tr("Database"), QStringLiteral("db"), QColor(0xc8, 0x6a, 0x12),
                  paintCylinder, makeDatabase});
    registerKind({ComponentKind::Cache, QObject::tr("Cache"), QStringLiteral("cache"), QColor(0xc0, 0x2f, 0x4a),
                  paintCache, makeCache});
    registerKind({ComponentKind::Queue, QObject::tr("Queue"), QStringLiteral("queue"), QColor(0x2e, 0x8b, 0x3e),
                  paintQueue, makeQueue});
    registerKind({ComponentKind::External, QObject::tr("External"), QStringLiteral("external"),
                  QColor(0x5f, 0x66, 0x73), paintCloud, makeExternal});
    m_fallback = {ComponentKind::Unknown, QObject::tr("Unknown"), QStringLiteral("component"), QColor(0x80, 0x80, 0x80),
                  paintService, [](const Model::Scenario &) {
                      Model::Component c;
                      c.kind = ComponentKind::Unknown;
                      return c;
                  }};
}

void KindRegistry::registerKind(const KindInfo &info)
{
    for (KindInfo &k : m_kinds) {
        if (k.kind == info.kind) {
            k = info;
            return;
        }
    }
    m_kinds.append(info);
}

const KindInfo *KindRegistry::find(Model::ComponentKind kind) const
{
    for (const KindInfo &k : m_kinds) {
        if (k.kind == kind)
            return &k;
    }
    return nullptr;
}

const KindInfo &KindRegistry::info(Model::ComponentKind kind) const
{
    const KindInfo *k = find(kind);
    return k ? *k : m_fallback;
}

QList<Model::ComponentKind> KindRegistry::kinds() const
{
    QList<Model::ComponentKind> result;
    for (const KindInfo &k : m_kinds)
        result.append(k.kind);
    return result;
}

QIcon KindRegistry::icon(Model::ComponentKind kind) const
{
    const KindInfo &k = info(kind);
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(k.color.darker(120), qMax(1.0, size / 20.0)));
        p.setBrush(k.color.lighter(150));
        const qreal m = size * 0.08;
        k.paint(&p, QRectF(m, size * 0.2, size - 2 * m, size * 0.6));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

Model::Component KindRegistry::createComponent(Model::ComponentKind kind, const Model::Document &document) const
{
    const KindInfo &k = info(kind);
    Model::Component c = k.create(document.scenario());
    c.kind = kind;
    c.id = document.uniqueId(k.idStem);
    return c;
}

} // namespace Ui
