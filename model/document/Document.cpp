// SPDX-License-Identifier: GPL-3.0-or-later
#include "Document.h"

#include "ScenarioIo.h"
#include "analysis/Sweep.h"
#include "format/Schema.h"

#include <QRegularExpression>
#include <QSet>

namespace Model {

namespace {

// "components[ID]": how a path of Model::setScenarioPath's syntax (what-if sliders, lesson
// hints: "components[api].threads") starts at component `id`'s entry.
QString componentPrefix(const QString &id)
{
    return QStringLiteral("components[") + id + QLatin1Char(']');
}

bool pathNamesComponent(const QString &path, const QString &id)
{
    const std::optional<QList<PathSegment>> segments = pathSegments(path);
    return segments && segments->size() >= 2 && segments->at(0).text == QLatin1String("components")
           && !segments->at(0).isIndex && segments->at(1).isIndex && segments->at(1).text == id;
}

template<typename Visit>
void forEachComponentPath(Scenario &scenario, Visit visit)
{
    if (scenario.whatIf) {
        for (WhatIfPin &pin : scenario.whatIf->pinned)
            visit(pin.field);
    }
    if (scenario.lesson) {
        for (LessonTry &hint : scenario.lesson->tries)
            visit(hint.field);
    }
}

} // namespace

void renameReferences(Scenario &scenario, const QString &oldId, const QString &newId)
{
    Format::forEachReference(scenario, [&](QString &id, const QString &, Format::Refers) {
        if (id == oldId)
            id = newId;
    });
    // paths are not references of the format's tables (Schema.h): they are strings of a syntax
    forEachComponentPath(scenario, [&](QString &path) {
        if (pathNamesComponent(path, oldId))
            path.replace(0, componentPrefix(oldId).size(), componentPrefix(newId));
    });
}

namespace {

// A reference to a deleted component while the sweep runs: no component id can hold a NUL.
const QString kDeleted = QStringLiteral("\x01deleted");

template<typename Owner>
bool namesDeleted(const Owner &owner, Format::Table<Owner> table)
{
    for (const Format::Field<Owner> &f : table) {
        if (f.refers != Format::Refers::None
            && owner.*std::get<QString Owner::*>(f.member) == kDeleted)
            return true;
    }
    return false;
}

// The step lists are structure the tables leave to hand-written walkers (Schema.h): a step
// that names the deleted component goes; a cache step is replaced by its miss path.
int sweepSteps(Steps &steps)
{
    int removed = 0;
    for (size_t i = 0; i < steps.size();) {
        Step &step = steps[i];
        if (!namesDeleted(step, Format::stepFields(step.kind))) {
            for (const Format::Field<Step> &f : Format::stepFields(step.kind)) {
                if (f.part == Format::Part::Steps)
                    removed += sweepSteps(step.*std::get<std::vector<Step> Step::*>(f.member));
            }
            ++i;
            continue;
        }
        ++removed;
        Steps replacement;
        if (step.kind == Step::Kind::Cache) {
            replacement = std::move(step.steps);
            removed += sweepSteps(replacement);
        }
        steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i));
        steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(i),
                     replacement.begin(),
                     replacement.end());
        i += replacement.size();
    }
    return removed;
}

QStringList sweep(Scenario &scenario)
{
    QStringList removed;
    if (namesDeleted(scenario.workload, Format::workloadFields()))
        removed << QObject::tr("the workload's entry");
    for (const Format::Field<Workload> &f : Format::workloadFields()) {
        if (f.refers != Format::Refers::None) {
            QString &value = scenario.workload.*std::get<QString Workload::*>(f.member);
            if (value == kDeleted)
                value.clear();
        }
    }
    for (Component &c : scenario.components) {
        for (Handler &h : c.service.handlers) {
            const int n = sweepSteps(h.steps);
            for (int k = 0; k < n; ++k)
                removed << QObject::tr("a step of %1's handler “%2”").arg(c.id, h.request);
        }
        const qsizetype pools = c.service.pools.removeIf(
            [](const PoolLimit &p) { return p.target == kDeleted; });
        for (qsizetype k = 0; k < pools; ++k)
            removed << QObject::tr("a connection pool of %1").arg(c.id);
        const qsizetype targets = c.loadBalancer.targets.removeAll(kDeleted);
        for (qsizetype k = 0; k < targets; ++k)
            removed << QObject::tr("a target of %1").arg(c.id);
        for (qsizetype r = 0; r < c.gateway.routes.size();) {
            Route &route = c.gateway.routes[r];
            const qsizetype n = route.targets.removeIf(
                [](const RouteTarget &t) { return namesDeleted(t, Format::routeTargetFields()); });
            for (qsizetype k = 0; k < n; ++k)
                removed << QObject::tr("a target of %1's route “%2”").arg(c.id, route.request);
            if (n > 0 && route.targets.isEmpty())
                c.gateway.routes.removeAt(r); // a route to nothing: the default route serves
            else
                ++r;
        }
        const qsizetype consumers = c.queue.consumers.removeIf(
            [](const Consumer &k) { return namesDeleted(k, Format::consumerFields()); });
        for (qsizetype k = 0; k < consumers; ++k)
            removed << QObject::tr("a consumer of %1").arg(c.id);
    }
    const qsizetype faults = scenario.faults.removeIf(
        [](const Fault &f) { return namesDeleted(f, Format::faultFields()); });
    for (qsizetype k = 0; k < faults; ++k)
        removed << QObject::tr("a fault");
    if (scenario.whatIf) {
        scenario.whatIf->pinned.removeIf([&](const WhatIfPin &pin) {
            if (!pathNamesComponent(pin.field, kDeleted))
                return false;
            // "components[ID].threads" -> "threads"
            const QString rest = pin.field.mid(componentPrefix(kDeleted).size() + 1);
            removed << QObject::tr("a what-if slider (%1)").arg(rest);
            return true;
        });
    }
    if (scenario.lesson) {
        const qsizetype hints = scenario.lesson->tries.removeIf(
            [](const LessonTry &hint) { return pathNamesComponent(hint.field, kDeleted); });
        for (qsizetype k = 0; k < hints; ++k)
            removed << QObject::tr("a “try this” hint of the lesson");
    }
    return removed;
}

} // namespace

QStringList removeReferences(Scenario &scenario, const QString &id)
{
    if (id.isEmpty())
        return {};
    renameReferences(scenario, id, kDeleted);
    QStringList removed = sweep(scenario);
    // Whatever the sweep does not know how to remove keeps naming the deleted id, so the
    // validator reports it as before.
    renameReferences(scenario, kDeleted, id);
    return removed;
}

QString defaultCallTarget(const Scenario &scenario,
                          const QString &caller,
                          const QStringList &candidates)
{
    // Who sends synchronous requests to whom: the request references of each component.
    static const QRegularExpression owner(QStringLiteral("^\\$\\.components\\[(\\d+)\\]"));
    QHash<QString, QStringList> sendsTo;
    Format::forEachReference(scenario,
                             [&](const QString &id, const QString &path, Format::Refers refers) {
                                 if (refers != Format::Refers::Requests)
                                     return;
                                 const QRegularExpressionMatch m = owner.match(path);
                                 const int i = m.hasMatch() ? m.captured(1).toInt() : -1;
                                 if (i >= 0 && i < scenario.components.size())
                                     sendsTo[scenario.components.at(i).id] << id;
                             });
    const auto reaches = [&](const QString &from, const QString &to) {
        QStringList todo{from};
        QSet<QString> seen{from};
        while (!todo.isEmpty()) {
            const QString at = todo.takeLast();
            if (at == to)
                return true;
            for (const QString &next : sendsTo.value(at)) {
                if (!seen.contains(next)) {
                    seen.insert(next);
                    todo << next;
                }
            }
        }
        return false;
    };
    for (const QString &candidate : candidates) {
        if (candidate != caller && !reaches(candidate, caller))
            return candidate;
    }
    return {};
}

Document::Document(QObject *parent)
    : QObject(parent)
{
    revalidate();
}

void Document::revalidate()
{
    Problems problems = validateScenario(m_scenario);
    // What the validator accepts may still be refused by the compiler ("not simulated yet");
    // listing that too means the panel shows everything a run would refuse.
    if (!hasErrors(problems)) {
        for (const Problem &problem : compileScenario(m_scenario).problems) {
            if (!problems.contains(problem))
                problems.append(problem);
        }
    }
    if (m_problems != problems) {
        m_problems = std::move(problems);
        emit problemsChanged();
    }
}

void Document::setScenario(const Scenario &scenario, const Layout &layout)
{
    m_scenario = scenario;
    m_layout = layout;
    // A position written in the scenario ("ui") is used when the layout has none. From here
    // on the layout is the only place positions live; the diagram keeps only the fields of
    // "ui" this version does not know, for the next export.
    QMap<QString, UiPosition> unknown;
    for (auto it = scenario.diagram.positions.cbegin(); it != scenario.diagram.positions.cend();
         ++it) {
        if (!m_layout.positions.contains(it.key()))
            m_layout.positions.insert(it.key(), QPointF(it->x, it->y));
        if (!it->extra.isEmpty())
            unknown.insert(it.key(), UiPosition{0, 0, it->extra});
    }
    m_scenario.diagram.positions = unknown;
    emit scenarioReset();
    revalidate();
}

const Component *Document::component(const QString &id) const
{
    const int i = m_scenario.indexOf(id);
    return i < 0 ? nullptr : &m_scenario.components.at(i);
}

void Document::addComponent(const Component &component, QPointF position, int index)
{
    if (index < 0 || index > m_scenario.components.size())
        index = static_cast<int>(m_scenario.components.size());
    m_scenario.components.insert(index, component);
    m_layout.positions.insert(component.id, position);
    emit componentAdded(component.id);
    revalidate();
}

void Document::removeComponent(const QString &id)
{
    const int i = m_scenario.indexOf(id);
    if (i < 0)
        return;
    m_scenario.components.removeAt(i);
    m_layout.positions.remove(id);
    m_scenario.diagram.positions.remove(id);
    emit componentRemoved(id);
    revalidate();
}

void Document::setComponent(const Component &component)
{
    const int i = m_scenario.indexOf(component.id);
    if (i < 0 || m_scenario.components.at(i) == component)
        return;
    m_scenario.components[i] = component;
    emit componentChanged(component.id);
    revalidate();
}

void Document::renameComponent(const QString &oldId, const QString &newId)
{
    const int i = m_scenario.indexOf(oldId);
    if (i < 0 || oldId == newId || m_scenario.indexOf(newId) >= 0)
        return;
    const Scenario before = m_scenario;
    m_scenario.components[i].id = newId;
    renameReferences(m_scenario, oldId, newId);
    if (m_layout.positions.contains(oldId))
        m_layout.positions.insert(newId, m_layout.positions.take(oldId));
    if (m_scenario.diagram.positions.contains(oldId))
        m_scenario.diagram.positions.insert(newId, m_scenario.diagram.positions.take(oldId));
    emit componentRenamed(oldId, newId);
    for (int k = 0; k < m_scenario.components.size(); ++k) {
        if (k != i && !(m_scenario.components.at(k) == before.components.at(k)))
            emit componentChanged(m_scenario.components.at(k).id);
    }
    if (!(m_scenario.workload == before.workload))
        emit workloadChanged();
    if (!(m_scenario.faults == before.faults))
        emit faultsChanged();
    if (!(m_scenario.whatIf == before.whatIf))
        emit whatIfChanged();
    revalidate();
}

void Document::setPosition(const QString &id, QPointF position)
{
    if (m_layout.positions.value(id) == position && m_layout.positions.contains(id))
        return;
    m_layout.positions.insert(id, position);
    emit positionChanged(id);
}

void Document::setLayout(const Layout &layout)
{
    const Layout before = m_layout;
    m_layout = layout;
    for (auto it = m_layout.positions.cbegin(); it != m_layout.positions.cend(); ++it) {
        if (before.positions.value(it.key()) != it.value() || !before.positions.contains(it.key()))
            emit positionChanged(it.key());
    }
    // a position that went away changed too (views fall back to their default placement)
    for (auto it = before.positions.cbegin(); it != before.positions.cend(); ++it) {
        if (!m_layout.positions.contains(it.key()))
            emit positionChanged(it.key());
    }
}

void Document::setWorkload(const Workload &workload)
{
    if (m_scenario.workload == workload)
        return;
    m_scenario.workload = workload;
    emit workloadChanged();
    revalidate();
}

void Document::setSimulation(const SimulationSettings &simulation)
{
    if (m_scenario.simulation == simulation)
        return;
    m_scenario.simulation = simulation;
    emit simulationChanged();
    revalidate();
}

void Document::setNetwork(const std::optional<Network> &network)
{
    if (m_scenario.network == network)
        return;
    m_scenario.network = network;
    emit simulationChanged();
    revalidate();
}

void Document::setFaults(const QList<Fault> &faults)
{
    if (m_scenario.faults == faults)
        return;
    m_scenario.faults = faults;
    emit faultsChanged();
    revalidate();
}

void Document::setHeader(const QString &name, const QString &description)
{
    if (m_scenario.name == name && m_scenario.description == description)
        return;
    m_scenario.name = name;
    m_scenario.description = description;
    emit headerChanged();
    revalidate();
}

void Document::setSlo(const QString &slo)
{
    if (m_scenario.slo == slo)
        return;
    m_scenario.slo = slo;
    emit headerChanged();
    revalidate();
}

void Document::setWhatIf(const std::optional<WhatIf> &whatIf)
{
    if (m_scenario.whatIf == whatIf)
        return;
    m_scenario.whatIf = whatIf;
    emit whatIfChanged();
    revalidate();
}

QString Document::uniqueId(const QString &stem) const
{
    for (int n = 1;; ++n) {
        const QString id = QStringLiteral("%1_%2").arg(stem).arg(n);
        if (m_scenario.indexOf(id) < 0)
            return id;
    }
}

} // namespace Model
