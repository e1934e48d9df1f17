// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocumentController.h"

#include <QUndoCommand>

namespace Ui {

namespace {

enum CommandId { MoveId = 1, SetComponentId, SetWorkloadId, SetSimulationId, SetNetworkId };

/** Generic "swap a value" command (STYLE.md #8): apply(before) on undo, apply(after) on redo. */
template<typename T>
class SetValueCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const T &)>;
    SetValueCommand(const QString &text,
                    T before,
                    T after,
                    Apply apply,
                    int id = -1,
                    QString mergeKey = {},
                    int generation = 0)
        : QUndoCommand(text)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_apply(std::move(apply))
        , m_id(id)
        , m_mergeKey(std::move(mergeKey))
        , m_generation(generation)
    {}
    void undo() override { m_apply(m_before); }
    void redo() override { m_apply(m_after); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : m_id; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const SetValueCommand *>(other);
        if (o->m_mergeKey != m_mergeKey || o->m_generation != m_generation)
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    T m_before, m_after;
    Apply m_apply;
    int m_id;
    QString m_mergeKey;
    int m_generation;
};

class AddComponentCommand : public QUndoCommand
{
public:
    AddComponentCommand(Model::Document *doc, Model::Component c, QPointF pos)
        : QUndoCommand(QObject::tr("Add %1").arg(c.id))
        , m_doc(doc)
        , m_component(std::move(c))
        , m_pos(pos)
    {}
    void redo() override { m_doc->addComponent(m_component, m_pos); }
    void undo() override { m_doc->removeComponent(m_component.id); }

private:
    Model::Document *m_doc;
    Model::Component m_component;
    QPointF m_pos;
};

class RemoveComponentCommand : public QUndoCommand
{
public:
    RemoveComponentCommand(Model::Document *doc, const QString &id, QUndoCommand *parent)
        : QUndoCommand(QObject::tr("Delete %1").arg(id), parent)
        , m_doc(doc)
    {
        m_index = doc->scenario().indexOf(id);
        m_component = doc->scenario().components.at(m_index);
        m_pos = doc->layout().positions.value(id);
    }
    void redo() override
    {
        // the index at the time of removal: earlier removals of the same step shift it
        m_index = m_doc->scenario().indexOf(m_component.id);
        m_doc->removeComponent(m_component.id);
    }
    void undo() override { m_doc->addComponent(m_component, m_pos, m_index); }

private:
    Model::Document *m_doc;
    Model::Component m_component;
    QPointF m_pos;
    int m_index = 0;
};

class RenameCommand : public QUndoCommand
{
public:
    RenameCommand(Model::Document *doc, QString from, QString to)
        : QUndoCommand(QObject::tr("Rename %1 to %2").arg(from, to))
        , m_doc(doc)
        , m_from(std::move(from))
        , m_to(std::move(to))
    {}
    void redo() override { m_doc->renameComponent(m_from, m_to); }
    void undo() override { m_doc->renameComponent(m_to, m_from); }

private:
    Model::Document *m_doc;
    QString m_from, m_to;
};

class MoveCommand : public QUndoCommand
{
public:
    MoveCommand(Model::Document *doc,
                QHash<QString, QPointF> before,
                QHash<QString, QPointF> after,
                int generation)
        : QUndoCommand(QObject::tr("Move"))
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_generation(generation)
    {}
    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }
    int id() const override { return MoveId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const MoveCommand *>(other);
        if (o->m_generation != m_generation || o->m_after.keys() != m_after.keys())
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    void apply(const QHash<QString, QPointF> &positions)
    {
        for (auto it = positions.cbegin(); it != positions.cend(); ++it)
            m_doc->setPosition(it.key(), it.value());
    }
    Model::Document *m_doc;
    QHash<QString, QPointF> m_before, m_after;
    int m_generation;
};

struct ScenarioAndLayout
{
    Model::Scenario scenario;
    Model::Layout layout;
};

} // namespace

DocumentController::DocumentController(Model::Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{}

void DocumentController::addComponent(const Model::Component &component, QPointF position)
{
    if (m_document->component(component.id))
        return;
    // The first component that takes requests becomes the workload's entry, in the same
    // step: a workload without an entry is an error the user did not make.
    const Model::Workload workload = m_document->scenario().workload;
    if (!workload.entry.isEmpty() || !Model::acceptsRequests(component.kind)) {
        m_stack.push(new AddComponentCommand(m_document, component, position));
        return;
    }
    Model::Workload after = workload;
    after.entry = component.id;
    Model::Document *doc = m_document;
    m_stack.beginMacro(tr("Add %1").arg(component.id));
    m_stack.push(new AddComponentCommand(m_document, component, position));
    m_stack.push(new SetValueCommand<Model::Workload>(tr("Set the entry to %1").arg(component.id),
                                                      workload,
                                                      after,
                                                      [doc](const Model::Workload &w) {
                                                          doc->setWorkload(w);
                                                      }));
    m_stack.endMacro();
}

QStringList DocumentController::removeComponents(const QStringList &ids)
{
    QStringList present;
    for (const QString &id : ids) {
        if (m_document->component(id) && !present.contains(id))
            present << id;
    }
    if (present.isEmpty())
        return {};
    // What names the deleted components goes in the same step (Model::removeReferences), so
    // no step is left calling a component that is gone.
    Model::Scenario after = m_document->scenario();
    for (const QString &id : present)
        after.components.removeAt(after.indexOf(id));
    QStringList removed;
    for (const QString &id : present)
        removed += Model::removeReferences(after, id);

    m_stack.beginMacro(present.size() == 1
                           ? tr("Delete %1").arg(present.first())
                           : tr("Delete %n components", nullptr, static_cast<int>(present.size())));
    Model::Document *doc = m_document;
    for (const Model::Component &c : after.components) {
        const Model::Component *before = doc->component(c.id);
        if (before && !(*before == c))
            m_stack.push(
                new SetValueCommand<Model::Component>(tr("Edit %1").arg(c.id),
                                                      *before,
                                                      c,
                                                      [doc](const Model::Component &value) {
                                                          doc->setComponent(value);
                                                      }));
    }
    if (!(doc->scenario().workload == after.workload))
        m_stack.push(new SetValueCommand<Model::Workload>(tr("Edit workload"),
                                                          doc->scenario().workload,
                                                          after.workload,
                                                          [doc](const Model::Workload &w) {
                                                              doc->setWorkload(w);
                                                          }));
    if (!(doc->scenario().faults == after.faults))
        m_stack.push(new SetValueCommand<QList<Model::Fault>>(tr("Edit faults"),
                                                              doc->scenario().faults,
                                                              after.faults,
                                                              [doc](const QList<Model::Fault> &f) {
                                                                  doc->setFaults(f);
                                                              }));
    for (const QString &id : present)
        m_stack.push(new RemoveComponentCommand(m_document, id, nullptr));
    m_stack.endMacro();
    emit componentsRemoved(present, removed);
    return removed;
}

void DocumentController::setComponent(const Model::Component &after, const QString &mergeKey)
{
    const Model::Component *before = m_document->component(after.id);
    if (!before || *before == after)
        return;
    Model::Document *doc = m_document;
    m_stack.push(new SetValueCommand<Model::Component>(
        tr("Edit %1").arg(after.id),
        *before,
        after,
        [doc](const Model::Component &c) { doc->setComponent(c); },
        SetComponentId,
        mergeKey.isEmpty() ? QString() : after.id + QLatin1Char('/') + mergeKey,
        m_mergeGeneration));
}

void DocumentController::renameComponent(const QString &oldId, const QString &newId)
{
    if (oldId == newId || !m_document->component(oldId) || m_document->component(newId))
        return;
    m_stack.push(new RenameCommand(m_document, oldId, newId));
}

void DocumentController::moveComponents(const QHash<QString, QPointF> &after)
{
    QHash<QString, QPointF> before;
    bool changed = false;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const QPointF old = m_document->layout().positions.value(it.key());
        before.insert(it.key(), old);
        changed = changed || old != it.value();
    }
    if (changed)
        m_stack.push(new MoveCommand(m_document, before, after, m_mergeGeneration));
}

void DocumentController::setLayout(const Model::Layout &after, const QString &text)
{
    Model::Document *doc = m_document;
    if (doc->layout() == after)
        return;
    m_stack.push(
        new SetValueCommand<Model::Layout>(text,
                                           doc->layout(),
                                           after,
                                           [doc](const Model::Layout &l) { doc->setLayout(l); }));
}

void DocumentController::setWorkload(const Model::Workload &after, const QString &mergeKey)
{
    Model::Document *doc = m_document;
    if (doc->scenario().workload == after)
        return;
    m_stack.push(new SetValueCommand<Model::Workload>(
        tr("Edit workload"),
        doc->scenario().workload,
        after,
        [doc](const Model::Workload &w) { doc->setWorkload(w); },
        SetWorkloadId,
        mergeKey,
        m_mergeGeneration));
}

void DocumentController::setSimulation(const Model::SimulationSettings &after,
                                       const QString &mergeKey)
{
    Model::Document *doc = m_document;
    if (doc->scenario().simulation == after)
        return;
    m_stack.push(new SetValueCommand<Model::SimulationSettings>(
        tr("Edit simulation settings"),
        doc->scenario().simulation,
        after,
        [doc](const Model::SimulationSettings &s) { doc->setSimulation(s); },
        SetSimulationId,
        mergeKey,
        m_mergeGeneration));
}

void DocumentController::setNetwork(const std::optional<Model::Network> &after,
                                    const QString &mergeKey)
{
    Model::Document *doc = m_document;
    if (doc->scenario().network == after)
        return;
    m_stack.push(new SetValueCommand<std::optional<Model::Network>>(
        tr("Edit network"),
        doc->scenario().network,
        after,
        [doc](const std::optional<Model::Network> &n) { doc->setNetwork(n); },
        SetNetworkId,
        mergeKey,
        m_mergeGeneration));
}

void DocumentController::setFaults(const QList<Model::Fault> &after)
{
    Model::Document *doc = m_document;
    if (doc->scenario().faults == after)
        return;
    m_stack.push(new SetValueCommand<QList<Model::Fault>>(tr("Edit faults"),
                                                          doc->scenario().faults,
                                                          after,
                                                          [doc](const QList<Model::Fault> &f) {
                                                              doc->setFaults(f);
                                                          }));
}

void DocumentController::setHeader(const QString &name, const QString &description)
{
    Model::Document *doc = m_document;
    const QPair<QString, QString> before{doc->scenario().name, doc->scenario().description};
    const QPair<QString, QString> after{name, description};
    if (before == after)
        return;
    m_stack.push(
        new SetValueCommand<QPair<QString, QString>>(tr("Edit name and description"),
                                                     before,
                                                     after,
                                                     [doc](const QPair<QString, QString> &h) {
                                                         doc->setHeader(h.first, h.second);
                                                     }));
}

void DocumentController::setSlo(const QString &slo)
{
    Model::Document *doc = m_document;
    if (doc->scenario().slo == slo)
        return;
    m_stack.push(new SetValueCommand<QString>(tr("Edit SLO"),
                                              doc->scenario().slo,
                                              slo,
                                              [doc](const QString &s) { doc->setSlo(s); }));
}

void DocumentController::setWhatIf(const std::optional<Model::WhatIf> &after, const QString &text)
{
    Model::Document *doc = m_document;
    if (doc->scenario().whatIf == after)
        return;
    m_stack.push(new SetValueCommand<std::optional<Model::WhatIf>>(
        text, doc->scenario().whatIf, after, [doc](const std::optional<Model::WhatIf> &w) {
            doc->setWhatIf(w);
        }));
}

void DocumentController::setScenario(const Model::Scenario &after,
                                     const Model::Layout &layout,
                                     const QString &text)
{
    Model::Document *doc = m_document;
    m_stack.push(
        new SetValueCommand<ScenarioAndLayout>(text,
                                               ScenarioAndLayout{doc->scenario(), doc->layout()},
                                               ScenarioAndLayout{after, layout},
                                               [doc](const ScenarioAndLayout &v) {
                                                   doc->setScenario(v.scenario, v.layout);
                                               }));
}

} // namespace Ui
