// SPDX-License-Identifier: GPL-3.0-or-later
#include "KindRegistry.h"

#include "Document.h"
#include "Formatting.h"
#include "KindTraits.h"
#include "Results.h"
#include "format/Schema.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPolygonF>

namespace Ui {

namespace {

using Model::ComponentKind;
using Model::Step;

void paintService(QPainter *p, const QRectF &r)
{
    const qreal radius = qMin(r.height(), r.width()) * 0.18;
    p->drawRoundedRect(r, radius, radius);
}

void paintHexagon(QPainter *p, const QRectF &r)
{
    const qreal inset = qMin(r.height() * 0.5, r.width() * 0.18);
    const QPolygonF hex{QPointF(r.left(), r.center().y()),
                        QPointF(r.left() + inset, r.top()),
                        QPointF(r.right() - inset, r.top()),
                        QPointF(r.right(), r.center().y()),
                        QPointF(r.right() - inset, r.bottom()),
                        QPointF(r.left() + inset, r.bottom())};
    p->drawPolygon(hex);
}

void paintTrapezoid(QPainter *p, const QRectF &r)
{
    const qreal inset = r.width() * 0.12;
    const QPolygonF trapezoid{QPointF(r.left(), r.top()),
                              QPointF(r.right(), r.top()),
                              QPointF(r.right() - inset, r.bottom()),
                              QPointF(r.left() + inset, r.bottom())};
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
    const QPolygonF bolt{o + QPointF(s * 0.45, 0),
                         o + QPointF(s * 0.05, s * 0.55),
                         o + QPointF(s * 0.35, s * 0.55),
                         o + QPointF(s * 0.15, s),
                         o + QPointF(s * 0.65, s * 0.38),
                         o + QPointF(s * 0.35, s * 0.38),
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
    cloud.addRoundedRect(QRectF(r.left() + w * 0.15, r.top() + h * 0.45, w * 0.7, h * 0.55),
                         h * 0.2,
                         h * 0.2);
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
        Model::Handler{firstRequestName(scenario),
                       {Model::Step::cpu(Model::Distribution::exponential(2))}});
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
    c.database.queries.append(
        Model::Query{QStringLiteral("*"), Model::Distribution::exponential(3)});
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

// --- the item under heat ---------------------------------------------------------------

QString percent(double v)
{
    return QStringLiteral("%1%").arg(qRound(v * 100));
}

QString busyText(const Sim::ComponentResult &r)
{
    return QObject::tr("%1 busy · %2").arg(percent(r.utilization), formatRate(r.throughputPerS));
}

QString cacheText(const Sim::ComponentResult &r)
{
    return QObject::tr("hit %1 · %2 busy").arg(percent(r.hitRatio), percent(r.utilization));
}

QString queueText(const Sim::ComponentResult &r)
{
    return QObject::tr("backlog %1 (max %2)").arg(qRound(r.backlogMean)).arg(qRound(r.backlogMax));
}

QString throughputText(const Sim::ComponentResult &r)
{
    return QObject::tr("%1 · p99 %2")
        .arg(formatRate(r.throughputPerS), formatDuration(r.latencyMs.p99));
}

int serviceReplicas(const Model::Component &c)
{
    return c.service.replicas.value_or(1);
}

// --- links ---------------------------------------------------------------------------------

/** Whether a step of `kind` to `target` is among `steps` or the lists nested in them. */
bool hasStep(const Model::Steps &steps, Step::Kind kind, const QString &target)
{
    bool found = false;
    Model::Format::forEachStep(steps, QString(), [&](const Step &s, const QString &) {
        found = found || (s.kind == kind && s.target == target);
    });
    return found;
}

void serviceRelations(const Model::Component &c, const RelationSink &add)
{
    // Calls, publishes and cache lookups, nested ones too (the format's step walker knows
    // which steps hold lists); a request or message name is shown only when it differs
    // from the handler's.
    QStringList called;
    for (const Model::Handler &h : c.service.handlers) {
        Model::Format::forEachStep(h.steps, QString(), [&](const Step &s, const QString &) {
            switch (s.kind) {
            case Step::Kind::Call:
                add(Relation::Kind::Call,
                    s.target,
                    !s.request.isEmpty() && s.request != h.request ? s.request : QString());
                called.append(s.target);
                break;
            case Step::Kind::Publish:
                add(Relation::Kind::Publish,
                    s.target,
                    !s.message.isEmpty() && s.message != h.request ? s.message : QString());
                break;
            case Step::Kind::Cache:
                add(Relation::Kind::Cache, s.target, QString());
                break;
            default:
                break;
            }
        });
    }
    // A connection pool is labelled on the call it limits, else drawn on its own.
    for (const Model::PoolLimit &p : c.service.pools) {
        add(called.contains(p.target) ? Relation::Kind::Call : Relation::Kind::Pool,
            p.target,
            QObject::tr("pool %1").arg(p.size));
    }
}

void loadBalancerRelations(const Model::Component &c, const RelationSink &add)
{
    for (const QString &t : c.loadBalancer.targets)
        add(Relation::Kind::Target, t, QString());
}

void gatewayRelations(const Model::Component &c, const RelationSink &add)
{
    for (const Model::Route &route : c.gateway.routes) {
        for (const Model::RouteTarget &t : route.targets) {
            const double w = t.weight.value_or(1.0);
            // the weight says something only when it splits traffic
            const bool split = route.targets.size() > 1 || w < 1.0;
            add(Relation::Kind::Route,
                t.target,
                split ? QStringLiteral("%1 %2").arg(route.request, QString::number(w, 'g', 3))
                      : route.request);
        }
    }
}

void queueRelations(const Model::Component &c, const RelationSink &add)
{
    for (const Model::Consumer &k : c.queue.consumers)
        add(Relation::Kind::Consumer,
            k.service,
            k.count.value_or(1) > 1 ? QStringLiteral("×%1").arg(*k.count) : QString());
}

std::optional<Model::Component> connectService(const Model::Scenario &scenario,
                                               Model::Component c,
                                               const Model::Component &target)
{
    const KindInfo &t = KindRegistry::instance().info(target.kind);
    const Step step = t.reachedBy ? t.reachedBy(target) : Step::call(target.id);
    if (step.kind == Step::Kind::Cache) {
        // a second lookup of the same cache in the same handler would mean nothing
        for (const Model::Handler &h : c.service.handlers) {
            if (hasStep(h.steps, Step::Kind::Cache, target.id))
                return std::nullopt;
        }
    }
    if (c.service.handlers.isEmpty()) {
        QString name = QStringLiteral("request");
        if (!scenario.workload.requests.isEmpty()
            && !scenario.workload.requests.first().name.isEmpty())
            name = scenario.workload.requests.first().name;
        c.service.handlers.append(Model::Handler{name, {}});
    }
    for (Model::Handler &h : c.service.handlers)
        h.steps.push_back(step);
    return c;
}

std::optional<Model::Component> connectQueue(const Model::Scenario &,
                                             Model::Component c,
                                             const Model::Component &target)
{
    for (const Model::Consumer &k : c.queue.consumers) {
        if (k.service == target.id)
            return std::nullopt;
    }
    c.queue.consumers.append(Model::Consumer{target.id, 1, 10, {}, {}});
    return c;
}

std::optional<Model::Component> connectLoadBalancer(const Model::Scenario &,
                                                    Model::Component c,
                                                    const Model::Component &target)
{
    if (c.loadBalancer.targets.contains(target.id))
        return std::nullopt;
    c.loadBalancer.targets.append(target.id);
    return c;
}

std::optional<Model::Component> connectGateway(const Model::Scenario &,
                                               Model::Component c,
                                               const Model::Component &target)
{
    for (Model::Route &r : c.gateway.routes) {
        if (r.request != QLatin1String("*"))
            continue;
        for (const Model::RouteTarget &t : r.targets) {
            if (t.target == target.id)
                return std::nullopt;
        }
        r.targets.append(Model::RouteTarget{target.id, 1.0, {}});
        return c;
    }
    c.gateway.routes.append(
        Model::Route{QStringLiteral("*"), {Model::RouteTarget{target.id, 1.0, {}}}});
    return c;
}

Step publishTo(const Model::Component &queue)
{
    Step step;
    step.kind = Step::Kind::Publish;
    step.target = queue.id;
    return step;
}

Step lookUp(const Model::Component &cache)
{
    Step step;
    step.kind = Step::Kind::Cache;
    step.target = cache.id;
    step.keys = 10000;
    step.zipf = 0.9;
    return step;
}

Step query(const Model::Component &database)
{
    // the database's first named query, so that a new call costs what that query costs
    Step step = Step::call(database.id);
    if (!database.database.queries.isEmpty()
        && database.database.queries.first().name != QLatin1String("*"))
        step.request = database.database.queries.first().name;
    return step;
}

bool anyKind(const KindInfo &)
{
    return true;
}

bool forwardable(const KindInfo &target)
{
    return target.forwardable;
}

bool consumer(const KindInfo &target)
{
    return target.consumer;
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
    registerKind({.kind = ComponentKind::Service,
                  .idStem = QStringLiteral("service"),
                  .color = QColor(0x2f, 0x6f, 0xd6),
                  .paint = paintService,
                  .create = makeService,
                  .replicas = serviceReplicas,
                  .heatText = busyText,
                  .relations = serviceRelations,
                  .connectsTo = anyKind,
                  .connect = connectService,
                  .consumer = true});
    registerKind({.kind = ComponentKind::LoadBalancer,
                  .idStem = QStringLiteral("lb"),
                  .color = QColor(0x7b, 0x4f, 0xc9),
                  .paint = paintHexagon,
                  .create = makeLoadBalancer,
                  .heatText = throughputText,
                  .relations = loadBalancerRelations,
                  .connectsTo = forwardable,
                  .connect = connectLoadBalancer});
    registerKind({.kind = ComponentKind::Gateway,
                  .idStem = QStringLiteral("gateway"),
                  .color = QColor(0x0e, 0x8f, 0x9a),
                  .paint = paintTrapezoid,
                  .create = makeGateway,
                  .heatText = throughputText,
                  .relations = gatewayRelations,
                  .connectsTo = forwardable,
                  .connect = connectGateway});
    registerKind({.kind = ComponentKind::Database,
                  .idStem = QStringLiteral("db"),
                  .color = QColor(0xc8, 0x6a, 0x12),
                  .paint = paintCylinder,
                  .create = makeDatabase,
                  .textMargins = {10, 12, 10, 2}, // below the cylinder's rim
                  .heatText = busyText,
                  .reachedBy = query});
    registerKind({.kind = ComponentKind::Cache,
                  .idStem = QStringLiteral("cache"),
                  .color = QColor(0xc0, 0x2f, 0x4a),
                  .paint = paintCache,
                  .create = makeCache,
                  .heatText = cacheText,
                  .reachedBy = lookUp});
    registerKind({.kind = ComponentKind::Queue,
                  .idStem = QStringLiteral("queue"),
                  .color = QColor(0x2e, 0x8b, 0x3e),
                  .paint = paintQueue,
                  .create = makeQueue,
                  .heatText = queueText,
                  .relations = queueRelations,
                  .connectsTo = consumer,
                  .connect = connectQueue,
                  .reachedBy = publishTo});
    registerKind({.kind = ComponentKind::External,
                  .idStem = QStringLiteral("external"),
                  .color = QColor(0x5f, 0x66, 0x73),
                  .paint = paintCloud,
                  .create = makeExternal,
                  .heatText = throughputText});
    m_fallback = {.kind = ComponentKind::Unknown,
                  .displayName = QObject::tr("Unknown"),
                  .idStem = QStringLiteral("component"),
                  .color = QColor(0x80, 0x80, 0x80),
                  .paint = paintService,
                  .create =
                      [](const Model::Scenario &) {
                          Model::Component c;
                          c.kind = ComponentKind::Unknown;
                          return c;
                      },
                  .heatText = throughputText};
}

void KindRegistry::registerKind(KindInfo info)
{
    // What the engine's table (simulation/KindTraits.h) says about the kind is taken from it.
    if (const Sim::KindTraits *traits = Model::kindTraits(info.kind)) {
        info.displayName = QObject::tr(traits->label);
        info.measured = traits->hasUtilization;
        // Kinds reached by a step of their own (a query, a lookup, a publish) are connected by
        // that step; a load balancer or gateway forwards only to the other request takers.
        info.forwardable = traits->acceptsRequests && !info.reachedBy;
    }
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

Model::Component KindRegistry::createComponent(Model::ComponentKind kind,
                                               const Model::Document &document) const
{
    const KindInfo &k = info(kind);
    Model::Component c = k.create(document.scenario());
    c.kind = kind;
    c.id = document.uniqueId(k.idStem);
    return c;
}

} // namespace Ui
