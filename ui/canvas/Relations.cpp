// SPDX-License-Identifier: GPL-3.0-or-later
#include "Relations.h"

#include "KindRegistry.h"

#include <QStringList>

namespace Ui {

namespace {

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

    void add(Relation::Kind kind, const QString &from, const QString &to, const QString &label)
    {
        addLabel(get(kind, from, to), label);
    }
};

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

} // namespace

QString Relation::key() const
{
    return QStringLiteral("%1:%2>%3").arg(static_cast<int>(kind)).arg(from, to);
}

QList<Relation> relationsOf(const Model::Scenario &scenario)
{
    Collector c;
    const KindRegistry &registry = KindRegistry::instance();
    for (const Model::Component &comp : scenario.components) {
        const KindInfo &k = registry.info(comp.kind);
        if (!k.relations)
            continue;
        k.relations(comp, [&](Relation::Kind kind, const QString &to, const QString &label) {
            c.add(kind, comp.id, to, label);
        });
    }
    return c.relations;
}

bool canConnect(Model::ComponentKind fromKind, Model::ComponentKind toKind)
{
    const KindRegistry &registry = KindRegistry::instance();
    const KindInfo *from = registry.find(fromKind);
    const KindInfo *to = registry.find(toKind);
    return from && to && from->connectsTo && from->connectsTo(*to);
}

std::optional<Model::Component> connectedComponent(const Model::Scenario &scenario,
                                                   const QString &from,
                                                   const QString &to)
{
    const Model::Component *source = scenario.component(from);
    const Model::Component *target = scenario.component(to);
    if (!source || !target || from == to || !canConnect(source->kind, target->kind))
        return std::nullopt;
    const KindInfo &k = KindRegistry::instance().info(source->kind);
    if (!k.connect)
        return std::nullopt;
    return k.connect(scenario, *source, *target);
}

std::optional<Model::Component> componentWithoutRelation(const Model::Scenario &scenario,
                                                         const Relation &relation)
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
            changed = r.targets.removeIf([&](const Model::RouteTarget &t) {
                return t.target == relation.to;
            }) > 0 || changed;
            if (r.targets.isEmpty())
                c.gateway.routes.removeAt(i);
        }
        break;
    case Relation::Kind::Consumer:
        changed = c.queue.consumers.removeIf([&](const Model::Consumer &k) {
            return k.service == relation.to;
        }) > 0;
        break;
    }
    if (!changed)
        return std::nullopt;
    return c;
}

} // namespace Ui
