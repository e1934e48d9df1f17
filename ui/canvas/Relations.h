// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>

namespace Ui {

/**
 * One arrow of the canvas, derived from the scenario: the relations are the domain data
 * (call steps, routes, consumers, ...), a link is only a view of them. `from` is always
 * the component whose JSON holds the relation, so removing it edits `from` only.
 */
struct Relation
{
    enum class Kind { Call, Publish, Cache, Target, Route, Consumer, Pool };
    Kind kind = Kind::Call;
    QString from;
    QString to;
    QString label; ///< request names that differ, route weights, pool size; may be empty

    /** Identifies the link across updates (a label change keeps the selection). */
    QString key() const;
    bool operator==(const Relation &) const = default;
};

/**
 * How a component kind reports the relations one component holds (KindInfo::relations):
 * `label` (may be empty) joins the labels of the relation (kind, the component, to).
 */
using RelationSink
    = std::function<void(Relation::Kind kind, const QString &to, const QString &label)>;

/**
 * Every relation of the scenario, one per (kind, from, to), in component order; each
 * component's kind (KindRegistry) says which it holds.
 */
QList<Relation> relationsOf(const Model::Scenario &scenario);

/** Whether dragging a connection from `fromKind` to `toKind` makes a relation (KindRegistry). */
bool canConnect(Model::ComponentKind fromKind, Model::ComponentKind toKind);

/**
 * `from` with the relation that fits the two kinds added (see canConnect; the kind of
 * `from` says how): a call, publish or cache step appended to each handler of a service,
 * a consumer of a queue, a target of a load balancer, a "*" route of a gateway. Empty when
 * the pair is illegal or the relation exists already (and adding it again would mean
 * nothing).
 */
std::optional<Model::Component> connectedComponent(const Model::Scenario &scenario,
                                                   const QString &from,
                                                   const QString &to);

/**
 * The owner of `relation` with that relation removed: every call (publish, cache) step to
 * the target, nested ones too (a cache step leaves its on_miss steps in its place), the
 * target, route entries, consumer or pool. Empty when nothing matches.
 */
std::optional<Model::Component> componentWithoutRelation(const Model::Scenario &scenario,
                                                         const Relation &relation);

} // namespace Ui

Q_DECLARE_METATYPE(Ui::Relation)
