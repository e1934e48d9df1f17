// SPDX-License-Identifier: GPL-3.0-or-later
#include "Document.h"

#include "ScenarioIo.h"
#include "format/Schema.h"

namespace Model {

void renameReferences(Scenario &scenario, const QString &oldId, const QString &newId)
{
    Format::forEachReference(scenario, [&](QString &id, const QString &, Format::Refers) {
        if (id == oldId)
            id = newId;
    });
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

QString Document::uniqueId(const QString &stem) const
{
    for (int n = 1;; ++n) {
        const QString id = QStringLiteral("%1_%2").arg(stem).arg(n);
        if (m_scenario.indexOf(id) < 0)
            return id;
    }
}

} // namespace Model
