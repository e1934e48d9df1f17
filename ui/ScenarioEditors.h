// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "analysis/Lint.h"

#include <QHash>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QLabel;
class QStackedWidget;
class QUndoGroup;
class QWidget;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class CanvasScene;
class CanvasView;
class DocumentController;
class InspectorWidget;
class ProblemsPanel;

/** What one scenario is edited with; the controller owns the scene. */
struct ScenarioEditor
{
    QString scenarioId;
    DocumentController *controller = nullptr;
    CanvasScene *scene = nullptr;
    CanvasView *view = nullptr;
    InspectorWidget *inspector = nullptr;
    ProblemsPanel *problems = nullptr;
};

/**
 * The editors of the project's scenarios, one per readable scenario, created when it is
 * first shown, and the three places the window shows the shown one in: the canvas stack
 * (centre), the inspector pane with its page bar (right) and the problems stack (bottom).
 * Each editor's undo stack joins the window's QUndoGroup; the shown one is the active one.
 * Page 0 of each stack is what shows when no scenario can be edited.
 *
 * Signals, for the shown scenario only: problemsChanged() when its problems change,
 * headerChanged() when its name, description, run settings, workload or components change
 * (what the scenario header shows). problemActivated() when a problem is activated in a
 * Problems panel. statusMessage() says what an edit did beyond what the canvas shows (what a
 * delete took with it).
 */
class ScenarioEditors final : public QObject
{
    Q_OBJECT

public:
    /** `parent` is the window; the stacks are its children until they are placed. */
    ScenarioEditors(Model::ProjectDocument *project, QUndoGroup *undoGroup, QWidget *parent);
    ~ScenarioEditors() override;

    QStackedWidget *canvasStack() const { return m_canvasStack; }
    QWidget *inspectorPane() const { return m_inspectorPane; }
    QStackedWidget *problemsStack() const { return m_problemsStack; }

    /** The editor of `scenarioId` if it was created; nullptr otherwise. */
    ScenarioEditor *editor(const QString &scenarioId) const;
    /**
     * Makes `scenarioId` the shown scenario and returns its editor, created if needed. For
     * an empty id or a scenario that could not be read: nullptr, and page 0 of the stacks.
     */
    ScenarioEditor *show(const QString &scenarioId);
    /** What the canvas says when no scenario can be edited. */
    void setPlaceholder(const QString &text);
    /** Deletes the editor of `scenarioId` (before its document goes). */
    void drop(const QString &scenarioId);
    /** Deletes every editor; nothing is shown. */
    void clear();

    void setGridVisible(bool visible);
    void setSnapToGrid(bool on);
    /** True when every editor's undo stack is at its clean state. */
    bool isClean() const;
    void setClean();

    /**
     * Shows the place of `problem` in the shown scenario: selects the component it lies in
     * and focuses the inspector's field. False when no form edits that path, or when no
     * scenario is shown.
     */
    bool focusProblem(const Model::Problem &problem);

    /**
     * Sets the project's lint settings as one undo step of the shown scenario (`text` names
     * it in Edit > Undo); directly when no scenario is shown. Every editor's problems panel
     * and canvas follow (docs/lint.md, "Per project").
     */
    void setLintSettings(const Model::LintSettings &settings, const QString &text);
    /** Silences `finding` of the shown scenario with `reason` (one undo step). */
    bool silence(const Model::LintFinding &finding, const QString &reason);

signals:
    void problemsChanged();
    void headerChanged();
    void problemActivated(const Model::Problem &problem);
    void statusMessage(const QString &text);
    /** Lint Settings… was chosen in a problems panel. */
    void lintSettingsRequested();

private:
    ScenarioEditor *ensure(const QString &scenarioId);
    /** The lint findings of `e`'s scenario into its problems panel and onto its canvas. */
    void refreshLint(ScenarioEditor *e);
    /** Asks for the reason, then silences (the problems panel's request). */
    void askToSilence(const Model::LintFinding &finding);
    void showPage(int index);

    Model::ProjectDocument *m_project;
    QUndoGroup *m_undoGroup;
    QHash<QString, ScenarioEditor *> m_editors;
    QString m_currentId;
    bool m_grid = true;
    bool m_snap = true;
    QStackedWidget *m_canvasStack = nullptr;
    QLabel *m_canvasPlaceholder = nullptr;
    QStackedWidget *m_inspectorStack = nullptr;
    QWidget *m_inspectorPane = nullptr;
    QStackedWidget *m_problemsStack = nullptr;
};

} // namespace Ui
