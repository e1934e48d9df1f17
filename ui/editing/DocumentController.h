// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Document.h"

#include <QObject>
#include <QPointF>
#include <QUndoStack>

namespace Ui {

/**
 * The one way the GUI edits a Model::Document: every method pushes an undoable command on
 * the document's undo stack (STYLE.md #7). Commands store ids and before/after values,
 * never item pointers. Views never edit the document directly.
 *
 * - Moves of the same components merge while a drag goes on (beginMove/endMove).
 * - setComponent() calls with the same `mergeKey` in a row merge into one step (typing in
 *   a field gives one undo step per field, not per keystroke).
 * - beginMacro()/endMacro() group several edits into one step (e.g. delete of a selection).
 */
class DocumentController : public QObject
{
    Q_OBJECT

public:
    explicit DocumentController(Model::Document *document, QObject *parent = nullptr);

    Model::Document *document() const { return m_document; }
    QUndoStack *undoStack() { return &m_stack; }

    /** Adds a component; the first that takes requests also becomes the workload's entry
     *  when it has none (one undo step). */
    void addComponent(const Model::Component &component, QPointF position);
    /**
     * Removes components, the layout of each and everything that names them (steps,
     * pools, targets, routes, consumers, faults, the workload entry:
     * Model::removeReferences()); one undo step. Returns what went besides the components,
     * one phrase each.
     */
    QStringList removeComponents(const QStringList &ids);
    void setComponent(const Model::Component &after, const QString &mergeKey = {});
    void renameComponent(const QString &oldId, const QString &newId);
    void moveComponents(const QHash<QString, QPointF> &after);
    void setLayout(const Model::Layout &after, const QString &text);
    void setWorkload(const Model::Workload &after, const QString &mergeKey = {});
    void setSimulation(const Model::SimulationSettings &after, const QString &mergeKey = {});
    /** The scenario's network: a checkable group's toggle, or one of its fields. */
    void setNetwork(const std::optional<Model::Network> &after, const QString &mergeKey = {});
    void setFaults(const QList<Model::Fault> &after);
    void setHeader(const QString &name, const QString &description);
    void setSlo(const QString &slo);
    /** The pinned what-if sliders and their window; `text` names the step ("Pin …"). */
    void setWhatIf(const std::optional<Model::WhatIf> &after, const QString &text);
    /** Replaces the whole scenario (paste of many, import into this document): one step. */
    void setScenario(const Model::Scenario &after,
                     const Model::Layout &layout,
                     const QString &text);

    void beginMacro(const QString &text) { m_stack.beginMacro(text); }
    void endMacro() { m_stack.endMacro(); }
    /** Ends merging of moves and field edits: the next one starts a new undo step. */
    void closeMerge() { ++m_mergeGeneration; }
    int mergeGeneration() const { return m_mergeGeneration; }

signals:
    /** After removeComponents(): the ids deleted and what went with them (one phrase each). */
    void componentsRemoved(const QStringList &ids, const QStringList &alsoRemoved);

private:
    Model::Document *m_document;
    QUndoStack m_stack;
    int m_mergeGeneration = 0;
};

} // namespace Ui
