// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QScrollArea;

namespace Ui {

class ComponentForm;
class DocumentController;
class FaultsForm;
class FieldMessage;
class InspectorPage;
class PageStack;
struct Relation;
class ScenarioHeaderForm;
class SimulationForm;
class WorkloadForm;

/**
 * The property inspector: one scrollable form for the selected component (by kind), the
 * workload, the simulation settings, the faults or the scenario's name and description.
 *
 * Every edit goes through the DocumentController (setComponent, renameComponent,
 * setWorkload, setSimulation with a merge key naming the field; setFaults, setHeader), never
 * into the document directly. The inspector follows the document: when the shown part
 * changes elsewhere (undo, the canvas) the form shows the new values without emitting and
 * without moving the caret of the field being typed in; a removed component clears it; a
 * renamed one stays shown. After each validation the fields with problems get a red (error)
 * or amber (warning) frame and the problem's sentence as tooltip.
 */
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Page { None, Component, Workload, Simulation, Faults, Scenario };

    explicit InspectorWidget(DocumentController *controller, QWidget *parent = nullptr);
    ~InspectorWidget() override;

    void showComponent(const QString &id);
    /**
     * Shows what makes a link of the canvas: the step of the source's handler that calls,
     * publishes to or looks up the target (selected in its step list), or the row of the
     * target, route, consumer or pool. The focus stays where it is. Shows the source's form
     * when no single field makes it; returns false then.
     */
    bool showRelation(const Ui::Relation &relation);
    /** F2: focuses the shown component's id with its text selected, to type a new one;
     *  false when no component is shown. */
    bool startRename();
    void showWorkload();
    void showSimulation();
    void showFaults();
    void showScenario();
    void clear();

    /**
     * Shows the form that holds `path` (a Problem's JSON path, e.g.
     * "$.components[2].handlers.browse[0].call") and focuses and highlights its field.
     * Returns false when no form edits that path.
     */
    bool focusPath(const QString &path);

    Page page() const { return m_page; }
    /** The shown component's id (empty unless page() is Component). */
    QString componentId() const { return m_componentId; }
    /** The field of the shown form that edits `path`, or nullptr (tests, focus). */
    QWidget *fieldForPath(const QString &path) const;
    QLineEdit *idField() const { return m_idEdit; }

signals:
    /** The shown page or component changed (the main window may sync its selection). */
    void pageChanged(Ui::InspectorWidget::Page page, const QString &componentId);

private:
    void refresh();
    void showProblems();
    void setPage(Page page, QWidget *form, const QString &title);
    ComponentForm *formFor(Model::ComponentKind kind);
    InspectorPage *currentPage() const;
    void idEdited();
    void idFinished();
    QString idProblem(const QString &id) const;
    QString componentPath() const;

    DocumentController *m_controller;
    Page m_page = Page::None;
    QString m_componentId;
    QLabel *m_title;
    QWidget *m_idRow;
    QLineEdit *m_idEdit;
    FieldMessage *m_idMessage;
    QScrollArea *m_scroll;
    PageStack *m_stack;
    QWidget *m_empty;
    QHash<int, ComponentForm *> m_componentForms; ///< ComponentKind -> form
    ComponentForm *m_componentForm = nullptr;
    WorkloadForm *m_workloadForm;
    SimulationForm *m_simulationForm;
    FaultsForm *m_faultsForm;
    ScenarioHeaderForm *m_headerForm;
};

} // namespace Ui
