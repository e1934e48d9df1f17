// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioEditors.h"

#include "ProblemLocation.h"
#include "ProjectDocument.h"
#include "canvas/CanvasScene.h"
#include "canvas/CanvasView.h"
#include "editing/DocumentController.h"
#include "inspector/InspectorWidget.h"
#include "inspector/ProblemsPanel.h"

#include <QAction>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QToolBar>
#include <QUndoCommand>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Ui {

namespace {

/**
 * A change of the project's lint settings, on the undo stack of the scenario it was made
 * from. Holds the values before and after (not domain state: what undo restores).
 */
class SetLintSettingsCommand final : public QUndoCommand
{
public:
    SetLintSettingsCommand(Model::ProjectDocument *project,
                           Model::LintSettings before,
                           Model::LintSettings after,
                           const QString &text)
        : QUndoCommand(text)
        , m_project(project)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    void redo() override { m_project->setLintSettings(m_after); }
    void undo() override { m_project->setLintSettings(m_before); }

private:
    Model::ProjectDocument *m_project;
    Model::LintSettings m_before, m_after;
};

/** Selects on `e`'s canvas the component `problem` is about, when it is about one. */
void selectProblemComponent(const ScenarioEditor &e, const Model::Problem &problem)
{
    const QString id
        = Model::locateProblem(e.controller->document()->scenario(), problem.path).componentId;
    if (!id.isEmpty())
        e.scene->selectComponent(id);
}

} // namespace

ScenarioEditors::ScenarioEditors(Model::ProjectDocument *project,
                                 QUndoGroup *undoGroup,
                                 QWidget *parent)
    : QObject(parent)
    , m_project(project)
    , m_undoGroup(undoGroup)
{
    setObjectName(QStringLiteral("scenarioEditors"));

    // The inspector of the shown scenario, under a bar of its scenario-wide pages.
    m_inspectorStack = new QStackedWidget(parent);
    m_inspectorStack->setObjectName(QStringLiteral("inspectorStack"));
    auto inspectorEmpty = new QLabel(tr("Open a scenario to edit it here."), parent);
    inspectorEmpty->setAlignment(Qt::AlignCenter);
    inspectorEmpty->setWordWrap(true);
    m_inspectorStack->addWidget(inspectorEmpty);
    auto pages = new QToolBar(parent);
    pages->setObjectName(QStringLiteral("inspectorPages"));
    pages->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto pageAction =
        [this, pages](const QString &text, const char *name, void (InspectorWidget::*show)()) {
            QAction *a = pages->addAction(text);
            a->setObjectName(QLatin1String(name));
            connect(a, &QAction::triggered, this, [this, show] {
                if (ScenarioEditor *e = editor(m_currentId))
                    (e->inspector->*show)();
            });
        };
    pageAction(tr("Scenario"), "inspectScenarioAction", &InspectorWidget::showScenario);
    pageAction(tr("Workload"), "inspectWorkloadAction", &InspectorWidget::showWorkload);
    pageAction(tr("Simulation"), "inspectSimulationAction", &InspectorWidget::showSimulation);
    pageAction(tr("Faults"), "inspectFaultsAction", &InspectorWidget::showFaults);
    m_inspectorPane = new QWidget(parent);
    auto inspectorLayout = new QVBoxLayout(m_inspectorPane);
    inspectorLayout->setContentsMargins(0, 0, 0, 0);
    inspectorLayout->setSpacing(0);
    inspectorLayout->addWidget(pages);
    inspectorLayout->addWidget(m_inspectorStack, 1);

    // The problems of the shown scenario.
    m_problemsStack = new QStackedWidget(parent);
    m_problemsStack->setObjectName(QStringLiteral("problemsStack"));
    m_problemsStack->addWidget(new QWidget(parent));

    // The canvas of the shown scenario.
    m_canvasStack = new QStackedWidget(parent);
    m_canvasStack->setObjectName(QStringLiteral("canvasStack"));
    m_canvasPlaceholder = new QLabel(parent);
    m_canvasPlaceholder->setAlignment(Qt::AlignCenter);
    m_canvasPlaceholder->setWordWrap(true);
    m_canvasPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    m_canvasPlaceholder->setMargin(24);
    m_canvasStack->addWidget(m_canvasPlaceholder);
}

ScenarioEditors::~ScenarioEditors()
{
    clear();
}

ScenarioEditor *ScenarioEditors::editor(const QString &scenarioId) const
{
    return m_editors.value(scenarioId, nullptr);
}

ScenarioEditor *ScenarioEditors::ensure(const QString &scenarioId)
{
    if (ScenarioEditor *existing = editor(scenarioId))
        return existing;
    Model::Document *document = m_project->document(scenarioId);
    if (!document)
        return nullptr;
    auto e = new ScenarioEditor;
    e->scenarioId = scenarioId;
    e->controller = new DocumentController(document, this);
    e->scene = new CanvasScene(document, e->controller, e->controller);
    e->view = new CanvasView(e->scene, m_canvasStack);
    e->view->setObjectName(QStringLiteral("canvasView"));
    e->view->setGridVisible(m_grid);
    e->view->setSnapToGrid(m_snap);
    e->inspector = new InspectorWidget(e->controller, m_inspectorStack);
    e->inspector->setObjectName(QStringLiteral("inspector"));
    e->problems = new ProblemsPanel(document, m_problemsStack);
    e->problems->setObjectName(QStringLiteral("problemsPanel"));
    m_canvasStack->addWidget(e->view);
    m_inspectorStack->addWidget(e->inspector);
    m_problemsStack->addWidget(e->problems);
    m_undoGroup->addStack(e->controller->undoStack());

    connect(e->scene,
            &CanvasScene::componentSelected,
            e->inspector,
            &InspectorWidget::showComponent);
    connect(e->scene, &CanvasScene::linkSelected, e->inspector, &InspectorWidget::showRelation);
    connect(e->view,
            &CanvasView::renameRequested,
            e->inspector,
            [inspector = e->inspector](const QString &id) {
                inspector->showComponent(id);
                inspector->startRename();
            });
    connect(e->scene, &CanvasScene::nothingSelected, e->inspector, &InspectorWidget::showWorkload);
    connect(e->problems,
            &ProblemsPanel::problemActivated,
            this,
            &ScenarioEditors::problemActivated);
    connect(e->problems,
            &ProblemsPanel::problemSelected,
            e->problems,
            [e](const Model::Problem &p) { selectProblemComponent(*e, p); });
    connect(e->problems, &ProblemsPanel::silenceRequested, this, &ScenarioEditors::askToSilence);
    connect(e->problems,
            &ProblemsPanel::lintSettingsRequested,
            this,
            &ScenarioEditors::lintSettingsRequested);
    connect(e->controller,
            &DocumentController::componentsRemoved,
            this,
            [this](const QStringList &ids, const QStringList &alsoRemoved) {
                const QString deleted = ids.join(QStringLiteral(", "));
                emit statusMessage(
                    alsoRemoved.isEmpty()
                        ? tr("Deleted %1.").arg(deleted)
                        : tr("Deleted %1 and what named it: %2 (Undo brings all back).")
                              .arg(deleted, alsoRemoved.join(QStringLiteral("; "))));
            });
    connect(document, &Model::Document::problemsChanged, this, [this, scenarioId] {
        if (scenarioId == m_currentId)
            emit problemsChanged();
    });
    // The header shows the name, the summary (workload, component kinds) and the settings.
    const auto header = [this, scenarioId] {
        if (scenarioId == m_currentId)
            emit headerChanged();
    };
    for (auto signal : {&Model::Document::simulationChanged,
                        &Model::Document::headerChanged,
                        &Model::Document::workloadChanged,
                        &Model::Document::scenarioReset})
        connect(document, signal, this, header);
    for (auto signal : {&Model::Document::componentAdded, &Model::Document::componentRemoved})
        connect(document, signal, this, header);

    // A scenario without positions (a hand-written file) is laid out once when it is first
    // shown; that is part of opening it, not an edit to undo.
    if (e->scene->needsArrange()) {
        e->scene->arrange();
        e->controller->undoStack()->clear();
    }
    e->inspector->showWorkload();
    m_editors.insert(scenarioId, e);
    // The lint reads the whole scenario: any edit may change what it finds.
    connect(m_project,
            &Model::ProjectDocument::documentEdited,
            e->problems,
            [this, scenarioId](const QString &id) {
                if (id == scenarioId)
                    refreshLint(editor(scenarioId));
            });
    connect(m_project,
            &Model::ProjectDocument::lintSettingsChanged,
            e->problems,
            [this, scenarioId] { refreshLint(editor(scenarioId)); });
    // what an import left to review (docs/import.md), kept by the project for the session
    connect(m_project,
            &Model::ProjectDocument::importReviewChanged,
            e->problems,
            [this, scenarioId](const QString &id) {
                if (ScenarioEditor *ed = editor(scenarioId); ed && id == scenarioId)
                    ed->problems->setImportReview(m_project->importReview(id));
            });
    e->problems->setImportReview(m_project->importReview(scenarioId));
    refreshLint(e);
    return e;
}

void ScenarioEditors::refreshLint(ScenarioEditor *e)
{
    if (!e)
        return;
    const Model::LintReport report = m_project->lint(e->scenarioId);
    e->problems->setLint(report);
    QHash<QString, QStringList> marks;
    for (const Model::LintFinding &f : report.findings) {
        if (!f.component.isEmpty())
            marks[f.component].append(QStringLiteral("%1: %2").arg(f.rule, f.message));
    }
    e->scene->setLintMarks(marks);
}

void ScenarioEditors::setLintSettings(const Model::LintSettings &settings, const QString &text)
{
    if (settings == m_project->lintSettings())
        return;
    if (ScenarioEditor *e = editor(m_currentId)) {
        e->controller->undoStack()->push(
            new SetLintSettingsCommand(m_project, m_project->lintSettings(), settings, text));
        return;
    }
    m_project->setLintSettings(settings);
}

bool ScenarioEditors::silence(const Model::LintFinding &finding, const QString &reason)
{
    if (!editor(m_currentId) || reason.trimmed().isEmpty())
        return false;
    Model::LintSettings settings = m_project->lintSettings();
    if (settings.silenceOf(m_currentId, finding))
        return false;
    settings.silenced.append({m_currentId, finding.rule, finding.component, reason.trimmed()});
    setLintSettings(settings,
                    tr("Silence %1 for %2")
                        .arg(finding.rule,
                             finding.component.isEmpty() ? tr("the scenario") : finding.component));
    emit statusMessage(
        tr("Silenced %1 for %2; Lint Settings lists it, Undo brings it back.")
            .arg(finding.rule,
                 finding.component.isEmpty() ? tr("the scenario") : finding.component));
    return true;
}

void ScenarioEditors::askToSilence(const Model::LintFinding &finding)
{
    bool ok = false;
    const QString reason = QInputDialog::getText(
        m_problemsStack->window(),
        tr("Silence Finding"),
        tr("Why is %1 acceptable for %2? The reason is saved in the project with the "
           "silenced finding.")
            .arg(finding.rule,
                 finding.component.isEmpty() ? tr("the scenario") : finding.component),
        QLineEdit::Normal,
        QString(),
        &ok);
    if (!ok)
        return;
    if (reason.trimmed().isEmpty()) {
        emit statusMessage(tr("Not silenced: a silenced finding needs a reason."));
        return;
    }
    silence(finding, reason);
}

ScenarioEditor *ScenarioEditors::show(const QString &scenarioId)
{
    m_currentId = scenarioId;
    ScenarioEditor *e = scenarioId.isEmpty() ? nullptr : ensure(scenarioId);
    if (!e) {
        showPage(0);
        m_undoGroup->setActiveStack(nullptr);
        return nullptr;
    }
    m_canvasStack->setCurrentWidget(e->view);
    m_inspectorStack->setCurrentWidget(e->inspector);
    m_problemsStack->setCurrentWidget(e->problems);
    m_undoGroup->setActiveStack(e->controller->undoStack());
    return e;
}

void ScenarioEditors::setPlaceholder(const QString &text)
{
    m_canvasPlaceholder->setText(text);
}

void ScenarioEditors::showPage(int index)
{
    m_canvasStack->setCurrentIndex(index);
    m_inspectorStack->setCurrentIndex(index);
    m_problemsStack->setCurrentIndex(index);
}

void ScenarioEditors::drop(const QString &scenarioId)
{
    ScenarioEditor *e = m_editors.take(scenarioId);
    if (!e)
        return;
    if (scenarioId == m_currentId)
        showPage(0);
    m_undoGroup->removeStack(e->controller->undoStack());
    delete e->view;
    delete e->inspector;
    delete e->problems;
    delete e->controller; // owns the scene
    delete e;
}

void ScenarioEditors::clear()
{
    const QStringList ids = m_editors.keys();
    for (const QString &id : ids)
        drop(id);
    m_currentId.clear();
}

void ScenarioEditors::setGridVisible(bool visible)
{
    m_grid = visible;
    for (ScenarioEditor *e : std::as_const(m_editors))
        e->view->setGridVisible(visible);
}

void ScenarioEditors::setSnapToGrid(bool on)
{
    m_snap = on;
    for (ScenarioEditor *e : std::as_const(m_editors))
        e->view->setSnapToGrid(on);
}

bool ScenarioEditors::isClean() const
{
    for (ScenarioEditor *e : std::as_const(m_editors)) {
        if (!e->controller->undoStack()->isClean())
            return false;
    }
    return true;
}

void ScenarioEditors::setClean()
{
    for (ScenarioEditor *e : std::as_const(m_editors))
        e->controller->undoStack()->setClean();
}

bool ScenarioEditors::focusProblem(const Model::Problem &problem)
{
    ScenarioEditor *e = editor(m_currentId);
    if (!e)
        return false;
    selectProblemComponent(*e, problem);
    return e->inspector->focusPath(problem.path);
}

} // namespace Ui
