// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BuiltinExamples.h"
#include "LessonGallery.h"
#include "Problem.h"
#include "Results.h"
#include "Scenario.h"

#include <QMainWindow>
#include <QMessageBox>

#include <functional>

QT_BEGIN_NAMESPACE
class QDockWidget;
class QLabel;
class QProgressBar;
class QUndoGroup;
QT_END_NAMESPACE

namespace Model {
class Document;
class ProjectDocument;
} // namespace Model

namespace Ui {

class AnalysisWindows;
class CanvasScene;
class CanvasView;
class CapacityWindow;
class DecisionWindow;
class PlanWindow;
class CompareSession;
class DocumentController;
class InspectorWidget;
class LessonPanel;
class WatchPanel;
class MainWindowActions;
class PresenterView;
class Palette;
class ProblemsPanel;
class ProjectFiles;
class PricesDialog;
class LintSettingsDialog;
class ProjectPanel;
class ResultsPanel;
class RunController;
class ScenarioEditors;
class ScenarioPanel;
class SweepWindow;
class WhatIfPanel;
struct RunSettings;

/**
 * The ArchSim window: one project (a `.archsim` file, Model::ProjectDocument) at a time.
 *
 * Left: the project's scenarios with their saved runs (ProjectPanel) and the palette of
 * component kinds. Centre: the open scenario's run settings and Run button, its canvas, and
 * below it the results (tables and charts). Right: the inspector of the selection. Bottom:
 * the problems of the scenario. Each scenario has its own editor (canvas scene, inspector,
 * problems panel and undo stack, created when first shown: ScenarioEditors); the Edit
 * menu's Undo/Redo follow the shown one (QUndoGroup). The menus and their actions are
 * MainWindowActions, the results area ResultsPanel; the window connects them.
 *
 * Runs go on a worker thread (RunController), one at a time, with the scenario as it is
 * when Run is pressed; the finished run is saved in the project and the canvas shows its
 * heat. Saved runs re-open from the project panel without running again.
 *
 * The project is saved only by Save / Save As (atomically, by ProjectStore); while
 * anything is unsaved an autosave copy is written every minute and offered back when the
 * project is opened again after a crash.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum class ResultsTab { Requests, Components };
    enum class ChartTab { OverTime, ComponentsOverTime, LatencyDistribution };

    /** Asks the user a question (message boxes); replaceable so tests can answer. */
    using QuestionHandler
        = std::function<QMessageBox::StandardButton(const QString &title,
                                                    const QString &text,
                                                    QMessageBox::StandardButtons buttons,
                                                    QMessageBox::StandardButton defaultButton)>;
    /** Asks for a file name to save to (empty: cancelled); replaceable for tests. */
    using SaveFileHandler = std::function<
        QString(const QString &title, const QString &suggested, const QString &filter)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // --- Project --------------------------------------------------------------------------

    Model::ProjectDocument *project() const { return m_project; }
    /**
     * What the application opens at start: `file` when given (a project, or a scenario JSON
     * that becomes a new untitled project), else the project of the last session, else the
     * built-in example project. An autosave copy newer than the file is offered first. When
     * there was nothing to open (no file, no last project: a first start), the gallery of
     * lessons opens over the example project as the start page.
     */
    void openStartup(const QString &file = {});
    /** Replaces the project with the built-in examples (asks first when unsaved). */
    bool openExampleProject();
    /** A new project with one empty scenario (asks first when unsaved). */
    bool newProject();
    /**
     * Opens a `.archsim` project (asks first when unsaved). On failure the message is shown,
     * the current project stays and the file is not touched; returns false.
     */
    bool openProject(const QString &fileName);
    bool saveProject();
    bool saveProjectAs(const QString &fileName);
    /** True when the project or any scenario has changes that are not saved. */
    bool isModified() const;
    /** Writes the autosave copy now when something changed since the last one. */
    bool autosaveNow();
    void setAutosaveInterval(int milliseconds);

    // --- Scenarios ------------------------------------------------------------------------

    /**
     * Imports a scenario JSON file into the project as a new scenario and shows it (the JSON
     * file is only read). A file with problems is imported and its problems shown; a file
     * that holds no scenario is refused with its line and column in a message; returns
     * false then.
     */
    bool openScenarioFile(const QString &fileName);
    /**
     * File > Import > Compose… / Kubernetes…: makes a scenario of a Compose file, a manifest
     * file or a folder of manifests (Model::importContainers, docs/import.md), adds it to the
     * project as a new, unsaved scenario and shows it; the defaults to review, the keys not
     * imported and the container lint's findings are listed in its problems panel. Malformed
     * input is refused with an error message naming each file and line; returns false then.
     */
    bool importContainerFiles(const QString &fileOrFolder);
    bool exportScenarioFile(const QString &fileName);
    /**
     * File > Export Diagram: writes the shown scenario as `format` ("mermaid", "structurizr",
     * "plantuml", "dot", or "svg" and "png" of its canvas with the heat, lint marks and
     * overload mark it shows) to `fileName`; false after showing why not.
     */
    bool exportDiagram(const QString &format, const QString &fileName);
    /** File > Project Prices…: the project's cost model; accepted prices apply at once. */
    PricesDialog *openPricesDialog();
    /**
     * File > Lint Settings… (also from a problems panel): the project's lint thresholds and
     * silenced findings; accepted settings apply at once, as one undo step.
     */
    LintSettingsDialog *openLintSettingsDialog();
    /**
     * Opens a scenario JSON file as a new, untitled project holding it (asks first when the
     * open project is unsaved). A file that cannot be read is refused with its line and
     * column and the open project stays.
     */
    bool openScenarioAsProject(const QString &fileName);
    /** Adds a copy of built-in example `index` to the project and shows it. */
    bool openExample(int index);
    int exampleCount() const { return static_cast<int>(m_examples.size()); }
    /** Adds an empty scenario and shows it. */
    QString newScenario();

    // --- Lessons --------------------------------------------------------------------------

    /**
     * Help > Lessons…: the gallery of the built-in lessons (object name lessonGallery), a
     * non-modal dialog deleted when it closes; opening a lesson there calls openLesson().
     */
    LessonGallery *openLessonGallery();
    /**
     * Adds a copy of built-in lesson `index` (builtinLessons() order) to the project as a new,
     * unsaved scenario and shows it, with its text, what to notice and what to try in the
     * Lesson dock beside the canvas.
     */
    bool openLesson(int index);
    int lessonCount() const { return static_cast<int>(m_lessons.size()); }
    /** The Lesson dock's panel (shown while the shown scenario has a lesson). */
    LessonPanel *lessonPanel() const { return m_lessonPanel; }

    // --- Watch mode -----------------------------------------------------------------------

    /**
     * Simulation > Watch… (Ctrl+Shift+W): records a run of the shown scenario and shows the
     * Watch dock (object name watchDock) to play it on the canvas. False, recording nothing,
     * while the scenario has errors (the Problems panel lists them) or a recording runs.
     */
    bool openWatch();
    WatchPanel *watchPanel() const { return m_watchPanel; }

    /** Shows a scenario of the project (its editor and its newest saved run). */
    bool showScenario(const QString &scenarioId);
    QString currentScenarioId() const { return m_currentId; }
    Model::Document *currentDocument() const;
    DocumentController *currentController() const;
    CanvasScene *currentScene() const;
    CanvasView *currentView() const;
    InspectorWidget *currentInspector() const;
    ProblemsPanel *currentProblemsPanel() const;
    QUndoGroup *undoGroup() const { return m_undoGroup; }

    /** Shows a saved run's results (and its heat on the canvas) without running. */
    bool showSavedRun(const QString &scenarioId, const QString &runId);
    /** The results on screen (a finished or a saved run); nullptr when none. */
    const Sim::RunResult *shownResult() const { return m_hasResult ? &m_result : nullptr; }

    // --- Runs -----------------------------------------------------------------------------

    /**
     * Runs the shown scenario as it is now. Returns false without running while another run
     * goes on, or when the scenario has errors (the Problems panel lists them). runEnded()
     * follows a successful start.
     */
    bool startRun();
    /** Asks the running simulation to stop; runEnded() follows with partial results. */
    void cancelRun();
    bool isRunning() const;

    // --- What-if sliders and presenter view -------------------------------------------------

    /**
     * The What-if dock's panel (object name whatIfPanel): the shown scenario's pinned
     * parameters as sliders; each move re-runs a short simulation whose figures replace the
     * results on screen (not saved). Simulation > What-if Sliders (Ctrl+Shift+K) shows it.
     */
    WhatIfPanel *whatIfPanel() const { return m_whatIfPanel; }
    /** Shows and raises the What-if dock. */
    void showWhatIf();
    /** View > Presenter View (F5): the window full screen for a projector (PresenterView). */
    PresenterView *presenterView() const { return m_presenter; }

    // --- Comparisons ----------------------------------------------------------------------

    /**
     * Opens the Compare Scenarios dialog with `scenarioIds` ticked (the first the baseline);
     * with none given, the scenarios selected in the project panel, else the shown one.
     * False while a run or a comparison goes on.
     */
    bool openCompareDialog(const QStringList &scenarioIds = {});
    /** Shows a saved comparison in the compare window, without running. */
    bool showSavedComparison(const QString &comparisonId);
    CompareSession *compareSession() const { return m_compare; }

    // --- Sweeps and capacity --------------------------------------------------------------

    /** Shows the Sweep Parameter window on the shown scenario. */
    SweepWindow *openSweepWindow();
    /**
     * Shows the Find Capacity window with the scenarios selected in the project panel (else
     * the shown one) ticked, its SLO field taking the shown scenario's SLO when it has one.
     */
    CapacityWindow *openCapacityWindow();
    /** Shows the Decision Matrix window (Simulation > Decision Matrix…, Ctrl+Shift+M). */
    DecisionWindow *openDecisionWindow();
    /** File > Export Report…: the report dialog, modal (its object name: reportDialog). */
    void openReportDialog();
    /** Shows the Migration Plan window (Simulation > Migration Plan…, Ctrl+Shift+G). */
    PlanWindow *openPlanWindow();
    AnalysisWindows *analysisWindows() const { return m_analysis; }
    /**
     * Shows a run that is not saved in the project (a sweep point's) in the results, with
     * `header` (rich text) above it, and the heat of it on `scenarioId`'s canvas. False while
     * a run or a comparison goes on.
     */
    bool showUnsavedRun(const QString &scenarioId,
                        const Sim::RunResult &result,
                        const QString &header);

    void showResultsTab(ResultsTab tab);
    void showChartTab(ChartTab tab);

    void setQuestionHandler(QuestionHandler handler) { m_ask = std::move(handler); }
    void setSaveFileHandler(SaveFileHandler handler) { m_askSaveFile = std::move(handler); }

    /** The recent projects, newest first (QSettings). */
    static QStringList recentProjects();
    /** The last error the window showed (a message, a failed run, a refused run); empty: none. */
    QString lastError() const { return m_lastError; }

    /**
     * Restores the window's size and position, its docks and the splitters' positions of the
     * last session (QSettings group "window"), or, the first time, opens at defaultSize() for
     * the screen; from then on they are saved again on close. Without this call (tests,
     * screenshots) the window keeps its built-in layout and saves nothing.
     */
    void restoreWindowLayout();
    /** 1440×900, or less to fit `available` (a screen's available geometry). */
    static QSize defaultSize(const QRect &available);

signals:
    /** A run ended (completed, cancelled or failed) and its results are on screen. */
    void runEnded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void connectActions();
    void createWidgets();
    void saveWindowLayout();

    // project
    void resetEditors();
    void onProjectReset();
    void updateTitle();
    void commitPendingEdits();
    void showError(const QString &title, const QString &text, const QString &details = {});

    // scenarios
    bool showScenario(const QString &scenarioId, bool showNewestRun);
    void showNewestResults();
    void dropEditor(const QString &scenarioId);
    void renameScenarioDialog();
    void deleteScenario();
    void duplicateScenario();
    void deleteRun();
    void deleteComparison();
    void renameRunDialog();
    void updateScenarioPanel();
    void updateProblemDock();
    void updateLessonDock();
    /** The shown scenario compiled and checked; false (saying why) when it cannot run. */
    bool compileShown(Sim::Spec *spec);
    /** The shown canvas's lines as thick as the presenter view wants them (or normal). */
    void applyLineScale();
    void onProblemActivated(const Model::Problem &problem);
    void applyRunSettings(const RunSettings &settings, const QString &field);

    // runs and results
    void clearResults(const QString &placeholder);
    void displayResult(const Sim::RunResult &result, const QString &header);
    void setRunning(bool running);
    void updateActions();
    void onRunProgress(double fraction);
    void onRunFinished();
    void onRunFailed(const QString &message);
    void connectWhatIf();
    void pinWhatIf(const QString &path);
    void unpinWhatIf(const QString &path);
    void setWhatIfWindow(double seconds);
    void applyWhatIf(const QList<QPair<QString, double>> &values);
    void showWhatIfResult(const Sim::RunResult &result, const QString &header);
    void about();
    void reportProblem();
    void exportDiagramDialog(const QString &format);

    QList<BuiltinExample> m_examples;
    QList<BuiltinLesson> m_lessons;
    Model::ProjectDocument *m_project = nullptr;
    ScenarioEditors *m_editors = nullptr;
    QString m_currentId;
    QUndoGroup *m_undoGroup = nullptr;

    RunController *m_runController = nullptr;
    CompareSession *m_compare = nullptr;
    AnalysisWindows *m_analysis = nullptr;
    QString m_runScenarioId;
    QString m_runScenarioName;
    Model::Scenario m_runScenario; ///< as the run started, with the project's prices
    Sim::RunResult m_result;
    bool m_hasResult = false;
    QString m_shownRunId; ///< the saved run on screen; empty for none or a run not kept
    QString m_resultScenarioId;

    QuestionHandler m_ask;
    SaveFileHandler m_askSaveFile;

    MainWindowActions *m_actions = nullptr;
    ProjectFiles *m_files = nullptr;
    bool m_rememberLayout = false;

    ProjectPanel *m_projectPanel = nullptr;
    QDockWidget *m_projectDock = nullptr;
    Palette *m_palette = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_problemDock = nullptr;
    LessonPanel *m_lessonPanel = nullptr;
    WhatIfPanel *m_whatIfPanel = nullptr;
    QDockWidget *m_whatIfDock = nullptr;
    PresenterView *m_presenter = nullptr;
    bool m_whatIfShown = false; ///< the results on screen are the what-if sliders' short run
    QDockWidget *m_lessonDock = nullptr;
    WatchPanel *m_watchPanel = nullptr;
    QDockWidget *m_watchDock = nullptr;
    bool m_lessonDockSized = false; ///< given its room the first time it showed
    bool m_problemDockAutoShown = false;
    ScenarioPanel *m_scenarioPanel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    ResultsPanel *m_resultsPanel = nullptr;
    QLabel *m_runStatus = nullptr;
    QString m_lastError; ///< the last error shown, for Help > Report a Problem
};

} // namespace Ui
