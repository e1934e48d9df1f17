// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>

namespace Model {

/** Canvas data of one scenario, kept apart from the domain document (STYLE.md #6). */
struct Layout
{
    QHash<QString, QPointF> positions; ///< component id -> scene position
    double zoom = 1.0;
    QPointF center;
    bool operator==(const Layout &) const = default;
};

/**
 * One editable scenario and its layout: what the GUI edits. Every change goes through the
 * setters below (the GUI's undo commands call them with before/after values) and is
 * announced by fine-grained signals, so views update incrementally (STYLE.md #9):
 *
 * - componentAdded(id) after a component appears, componentRemoved(id) after it is gone,
 *   componentChanged(id) after any field of it changes (also for references rewritten by a
 *   rename), componentRenamed(oldId, newId);
 * - positionChanged(id) after its layout position changes;
 * - workloadChanged(), simulationChanged() (also after the scenario's network changed),
 *   faultsChanged(), headerChanged() (name, description, SLO), whatIfChanged() (the pinned
 *   what-if sliders and their window);
 * - scenarioReset() after setScenario() replaced everything;
 * - problemsChanged() after validation ran again (it runs after every change, with the same
 *   validator as archsim-cli, then, when that finds no error, the compiler's refusals such
 *   as "not simulated yet").
 *
 * The document holds no undo stack: ui/ pushes QUndoCommands that call these setters.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);

    const Scenario &scenario() const { return m_scenario; }
    const Layout &layout() const { return m_layout; }
    const Problems &problems() const { return m_problems; }

    /** Replaces the whole scenario and layout (open, import, undo of a bulk change). */
    void setScenario(const Scenario &scenario, const Layout &layout = {});

    const Component *component(const QString &id) const;
    /** Adds a component (its id must be new) at `position`; index -1 appends. */
    void addComponent(const Component &component, QPointF position, int index = -1);
    /** Removes a component and its layout; references to it elsewhere are left as they
     *  are (validation then reports them), so that undo restores exactly. */
    void removeComponent(const QString &id);
    /** Replaces one component (same id). */
    void setComponent(const Component &component);
    /** Renames a component and rewrites every reference to it (calls, routes, targets,
     *  pools, consumers, cache and publish steps, faults, workload entry). */
    void renameComponent(const QString &oldId, const QString &newId);
    void setPosition(const QString &id, QPointF position);
    void setLayout(const Layout &layout);

    void setWorkload(const Workload &workload);
    void setSimulation(const SimulationSettings &simulation);
    /** The scenario's "network" (absent: none); announced as simulationChanged(). */
    void setNetwork(const std::optional<Network> &network);
    void setFaults(const QList<Fault> &faults);
    void setHeader(const QString &name, const QString &description);
    /** The scenario's SLO ("slo"), e.g. "p99<200ms,errors<1%"; empty for none. */
    void setSlo(const QString &slo);
    /** The scenario's what-if sliders ("what_if"; absent: none pinned). */
    void setWhatIf(const std::optional<WhatIf> &whatIf);

    /** A fresh id like "service_3" that no component uses. */
    QString uniqueId(const QString &stem) const;

signals:
    void componentAdded(const QString &id);
    void componentRemoved(const QString &id);
    void componentChanged(const QString &id);
    void componentRenamed(const QString &oldId, const QString &newId);
    void positionChanged(const QString &id);
    void workloadChanged();
    void simulationChanged();
    void faultsChanged();
    void headerChanged();
    void whatIfChanged();
    void scenarioReset();
    void problemsChanged();

private:
    void revalidate();

    Scenario m_scenario;
    Layout m_layout;
    Problems m_problems;
};

/** Rewrites every reference to component `oldId` into `newId` (used by rename). */
void renameReferences(Scenario &scenario, const QString &oldId, const QString &newId);

/**
 * Removes what names component `id` once it is deleted (the component itself stays): the
 * steps that call it or publish to it (with their fallback), the pools, load balancer
 * targets, route targets (a route left without targets goes too), queue consumers and
 * faults that name it; a workload entry naming it is cleared. A cache step of a deleted
 * cache is replaced by its on_miss steps, the work done without the cache. Found with
 * Format::forEachReference(), so a reference the format gains is covered or left for the
 * validator to report, never silently kept. Returns one phrase per thing removed, e.g.
 * "a step of api's handler “browse”".
 */
QStringList removeReferences(Scenario &scenario, const QString &id);

/**
 * What a new "call" step of component `caller` calls at first: the first of `candidates`
 * that is not `caller` and does not call `caller` back, directly or through others (which
 * would be a cycle of synchronous calls); empty when every candidate would, so the user
 * picks one.
 */
QString defaultCallTarget(const Scenario &scenario,
                          const QString &caller,
                          const QStringList &candidates);

} // namespace Model
