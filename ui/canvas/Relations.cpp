// SPDX-License-Identifier: GPL-3.0-or-later
#include "Relations.h"

#include <QStringList>

namespace Ui {

namespace {

using Model::ComponentKind;
using Model::Step;

struct Collector
{
    QList<Relation> relations;

    Relation &get(Relation::Kind kind, const QString &from, const QString &to)
    {
        for (Relation &r : relations) {
            if (r.kind == kind && r.from == from && r.to == to)
                return r;
        }
        relations.append(Relation{kind, from, to, {}});
        return relations.last();
    }

    static void addLabel(Relation &r, const QString &text)
    {
        if (text.isEmpty())
            return;
        QStringList parts = r.label.isEmpty() ? QStringList() : r.label.split(QStringLiteral(", "));
        if (!parts.contains(text)) {
            parts.append(text);
            r.label = parts.join(QStringLiteral(", "));
        }
    }

    void steps(const QString &from, const QString &request, const Model::Steps &list)
    {
        for (const Step &s : list) {
            switch (s.kind) {
            case Step::Kind::Call: {
                Relation &r = get(Relation::Kind::Call, from, s.target);
                if (!s.request.isEmpty() && s.request != request)
                    addLabel(r, s.request);
                break;
            }
            case Step::Kind::Publish: {
                Relation &r = get(Relation::Kind::Publish, from, s.target);
                if (!s.message.isEmpty() && s.message != request)
                    addLabel(r, s.message);
                break;
            }
            case Step::Kind::Cache:
                get(Relation::Kind::Cache, from, s.target);
                break;
            default:
                break;
            }
            steps(from, request, s.steps);
            steps(from, request, s.fallback);
        }
    }
};

QString formatNumber(double v)
{
    return QString::number(v, 'g', 3);
}

bool removeSteps(Model::Steps &steps, Step::Kind kind, const QString &target)
{
    bool changed = false;
    for (std::size_t i = 0; i < steps.size();) {
        Step &s = steps[i];
        if (s.kind == kind && s.target == target) {
            Model::Steps keep = kind == Step::Kind::Cache ? std::move(s.steps) : Model::Steps();
            steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i));
            steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i), keep.begin(), keep.end());
            changed = true;
            continue; // the spliced on_miss steps are looked at too
        }
        changed = removeSteps(s.steps, kind, target) || changed;
        changed = removeSteps(s.fallback, kind, target) || changed;
        ++i;
    }
    return changed;
}

bool hasStep(const Model::Steps &steps, Step::Kind kind, const QString &target)
{
    for (const Step &s : steps) {
        if ((s.kind == kind && s.target == target) || hasStep(s.steps, kind, target)
            || hasStep(s.fallback, kind, target))
            return true;
    }
    return false;
}

} // namespace

QString Relation::key() const
{
    return QStringLiteral("%1:%2>%3").arg(static_cast<int>(kind)).arg(from, to);
}

QList<Relation> relationsOf(const Model::Scenario &scenario)
{
    Collector c;
    for (const Model::Component &comp : scenario.components) {
        switch (comp.kind) {
        case ComponentKind::Service:
            for (const Model::Handler &h : comp.service.handlers)
                c.steps(comp.id, h.request, h.steps);
            for (const Model::PoolLimit &p : comp.service.pools) {
                bool called = false;
                for (Relation &r : c.relations) {
                    if (r.kind == Relation::Kind::Call && r.from == comp.id && r.to == p.target) {
                        Collector::addLabel(r, QObject::tr("pool %1").arg(p.size));
                        called = true;
                    }
                }
                if (!called)
                    Collector::addLabel(c.get(Relation::Kind::Pool, comp.id, p.target),
                                        QObject::tr("pool %1").arg(p.size));
            }
            break;
        case ComponentKind::LoadBalancer:
            for (const QString &t : comp.loadBalancer.targets)
                c.get(Relation::Kind::Target, comp.id, t);
            break;
        case ComponentKind::Gateway:
            for (const Model::Route &route : comp.gateway.routes) {
                for (const Model::RouteTarget &t : route.targets) {
                    Relation &r = c.get(Relation::Kind::Route, comp.id, t.target);
                    const double w = t.weight.value_or(1.0);
                    // the weight says something only when it splits traffic
                    const bool split = route.targets.size() > 1 || w < 1.0;
                    const QString name = route.request == QLatin1String("*") ? QStringLiteral("*") : route.request;
                    Collector::addLabel(r, split ? QStringLiteral("%1 %2").arg(name, formatNumber(w)) : name);
                }
            }
            break;
        case ComponentKind::Queue:
            for (const Model::Consumer &k : comp.queue.consumers) {
                Relation &r = c.get(Relation::Kind::Consumer, comp.id, k.service);
                if (k.count.value_or(1) > 1)
                    Collector::addLabel(r, QStringLiteral("×%1").arg(*k.count));
            }
            break;
        default:
            break;
        }
    }
    return c.relations;
}

bool canConnect(Model::ComponentKind fromKind, Model::ComponentKind toKind)
{
    const auto forwardable = [](ComponentKind k) {
        return k == ComponentKind::Service || k == ComponentKind::LoadBalancer || k == ComponentKind::Gateway
               || k == ComponentKind::External;
    };
    switch (fromKind) {
    case ComponentKind::Service:
        return toKind != ComponentKind::Unknown;
    case ComponentKind::Queue:
        return toKind == ComponentKind::Service;
    case ComponentKind::LoadBalancer:
    case ComponentKind::Gateway:
        return forwardable(toKind);
    default:
        return false;
    }
}

std::optional<Model::Component> connectedComponent(const Model::Scenario &scenario, const QString &from,
                                                   const QString &to)
{
    const Model::Component *source = scenario.component(from);
    const Model::Component *target = scenario.component(to);
    if (!source || !target || from == to || !canConnect(source->kind, target->kind))
        return std::nullopt;
    Model::Component c = *source;
    switch (c.kind) {
    case ComponentKind::Service: {
        Step step;
        if (target->kind == ComponentKind::Queue) {
            step.kind = Step::Kind::Publish;
            step.target = to;
        } else if (target->kind == ComponentKind::Cache) {
            // a second lookup of the same cache in the same handler would mean nothing
            for (const Model::Handler &h : c.service.handlers) {
                if (hasStep(h.steps, Step::Kind::Cache, to))
                    return std::nullopt;
            }
            step.kind = Step::Kind::Cache;
            step.target = to;
            step.keys = 10000;
            step.zipf = 0.9;
        } else {
            step = Step::call(to);
            if (target->kind == ComponentKind::Database && !target->database.queries.isEmpty()
                && target->database.queries.first().name != QLatin1String("*"))
                step.request = target->database.queries.first().name;
        }
        if (c.service.handlers.isEmpty()) {
            QString name = QStringLiteral("request");
            if (!scenario.workload.requests.isEmpty() && !scenario.workload.requests.first().name.isEmpty())
                name = scenario.workload.requests.first().name;
            c.service.handlers.append(Model::Handler{name, {}});
        }
        for (Model::Handler &h : c.service.handlers)
            h.steps.push_back(step);
        return c;
    }
    case ComponentKind::Queue:
        for (const Model::Consumer &k : c.queue.consumers) {
            if (k.service == to)
                return std::nullopt;
        }
        c.queue.consumers.append(Model::Consumer{to, 1, 10, {}});
        return c;
    case ComponentKind::LoadBalancer:
        if (c.loadBalancer.targets.contains(to))
            return std::nullopt;
        c.loadBalancer.targets.append(to);
        return c;
    case ComponentKind::Gateway: {
        for (Model::Route &r : c.gateway.routes) {
            if (r.request != QLatin1String("*"))
                continue;
            for (const Model::RouteTarget &t : r.targets) {
                if (t.target == to)
                    return std::nullopt;
            }
            r.targets.append(Model::RouteTarget{to, 1.0, {}});
            return c;
        }
        c.gateway.routes.append(Model::Route{QStringLiteral("*"), {Model::RouteTarget{to, 1.0, {}}}});
        return c;
    }
    default:
        return std::nullopt;
    }
}

std::optional<Model::Component> componentWithoutRelation(const Model::Scenario &scenario, const Relation &relation)
{
    const Model::Component *source = scenario.component(relation.from);
    if (!source)
        return std::nullopt;
    Model::Component c = *source;
    bool changed = false;
    const auto stepsOf = [&](Step::Kind kind) {
        for (Model::Handler &h : c.service.handlers)
            changed = removeSteps(h.steps, kind, relation.to) || changed;
    };
    switch (relation.kind) {
    case Relation::Kind::Call:
        stepsOf(Step::Kind::Call);
        for (qsizetype i = c.service.pools.size() - 1; i >= 0; --i) {
            if (c.service.pools.at(i).target == relation.to) {
                c.service.pools.removeAt(i);
                changed = true;
            }
        }
        break;
    case Relation::Kind::Publish:
        stepsOf(Step::Kind::Publish);
        break;
    case Relation::Kind::Cache:
        stepsOf(Step::Kind::Cache);
        break;
    case Relation::Kind::Pool:
        for (qsizetype i = c.service.pools.size() - 1; i >= 0; --i) {
            if (c.service.pools.at(i).target == relation.to) {
                c.service.pools.removeAt(i);
                changed = true;
            }
        }
        break;
    case Relation::Kind::Target:
        changed = c.loadBalancer.targets.removeAll(relation.to) > 0;
        break;
    case Relation::Kind::Route:
        for (qsizetype i = c.gateway.routes.size() - 1; i >= 0; --i) {
            Model::Route &r = c.gateway.routes[i];
            changed = r.targets.removeIf([&](const Model::RouteTarget &t) { return t.target == relation.to; }) > 0
                      || changed;
            if (r.targets.isEmpty())
                c.gateway.routes.removeAt(i);
        }
        break;
    case Relation::Kind::Consumer:
        changed = c.queue.consumers.removeIf([&](const Model::Consumer &k) { return k.service == relation.to; }) > 0;
        break;
    }
    if (!changed)
        return std::nullopt;
    return c;
}

} // namespace Ui
