// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BuiltinExamples.h"
#include "Problem.h"
#include "Scenario.h"

#include <QMainWindow>

#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTableView;
QT_END_NAMESPACE

namespace Model {
struct ScenarioLoad;
}

namespace Ui {

class ComponentTableModel;
class ProblemTableModel;
class RequestTableModel;
class RunController;
class ScenarioPanel;
class SeriesChart;
class ComponentChart;

/**
 * The first ArchSim window: built-in examples on the left, the open scenario and its run
 * settings on top, results (request and component tables over a chart) in the middle and
 * the problems of the scenario at the bottom. A run goes on a worker thread (RunController); the window
 * stays responsive and allows one run at a time.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum class ResultsTab { Requests, Components };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /**
     * Opens a scenario JSON file (read only: the file is never written). Returns true when
     * the file could be parsed into a scenario, even one with problems; the Problems panel
     * lists them. Refused (false) while a run goes on.
     */
    bool openScenarioFile(const QString &fileName);
    /** Opens built-in example `index` (0 is the M/M/1 example); false when out of range. */
    bool openExample(int index);
    int exampleCount() const { return static_cast<int>(m_examples.size()); }

    /**
     * Runs the open scenario with the settings of the panel. Returns false without running
     * while another run goes on, or when the scenario with these settings has errors (they
     * are shown in the Problems panel). runEnded() follows a successful start.
     */
    bool startRun();
    /** Asks the running simulation to stop; runEnded() follows with partial results. */
    void cancelRun();
    bool isRunning() const;

    void showResultsTab(ResultsTab tab);

signals:
    /** A run ended (completed, cancelled or failed) and its results are on screen. */
    void runEnded();

private:
    void createActions();
    void createMenus();
    void createWidgets();
    void openFileDialog();
    void about();

    void showScenario(const Model::ScenarioLoad &load, const QString &source);
    void setProblems(const Model::Problems &problems);
    void clearResults(const QString &placeholder);
    void setRunning(bool running);
    void updateActions();

    void onRunProgress(double fraction);
    void onRunFinished();
    void onRunFailed(const QString &message);

    QList<BuiltinExample> m_examples;
    std::optional<Model::Scenario> m_scenario; ///< as read; the panel's settings apply per run
    Model::Problems m_loadProblems;           ///< problems found while reading it
    bool m_runnable = false;
    QString m_runningScenarioName;

    RunController *m_runController = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;

    QListWidget *m_exampleList = nullptr;
    QDockWidget *m_exampleDock = nullptr;
    ScenarioPanel *m_scenarioPanel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QStackedWidget *m_resultsStack = nullptr;
    QLabel *m_resultsPlaceholder = nullptr;
    QLabel *m_resultsHeader = nullptr;
    QTabWidget *m_resultsTabs = nullptr;
    RequestTableModel *m_requestModel = nullptr;
    QTableView *m_requestView = nullptr;
    ComponentTableModel *m_componentModel = nullptr;
    QTableView *m_componentView = nullptr;
    SeriesChart *m_chart = nullptr;
    ComponentChart *m_componentChart = nullptr;
    ProblemTableModel *m_problemModel = nullptr;
    QTableView *m_problemView = nullptr;
    QDockWidget *m_problemDock = nullptr;
    QLabel *m_runStatus = nullptr;
};

} // namespace Ui
