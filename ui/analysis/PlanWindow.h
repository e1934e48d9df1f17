// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Plan.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGraphicsView;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSlider;
class QSpinBox;
class QTableWidget;
class QUndoStack;
QT_END_NAMESPACE

class QCustomPlot;

namespace Model {
class ProjectDocument;
}

namespace Ui {

class BackgroundJob;
class JobControls;

/**
 * Simulation > Migration Plan… (docs/migrate.md, docs/desktop-app.md): the project's
 * strangler-fig plans, one shown at a time. On the left the plan's steps (each with the
 * planner's problem in red), the form of the selected step and the suggested order of the
 * modules; on the right the timeline (a slider over the derived steps and the selected
 * step's components, the changed ones highlighted) and, after Run, the trajectory: a chart
 * of one figure across the steps and a table of all of them, the steps that break the SLO
 * or add a lint finding in red.
 *
 * Every edit is a command on the window's undo stack that replaces the plan in the
 * ProjectDocument (setPlan), so it is saved with the project; the window keeps only the
 * shown plan's id and the trajectory of its last run (not saved, dropped when the plan
 * changes). Run simulates the steps on a worker thread (BackgroundJob; Esc cancels).
 */
class PlanWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit PlanWindow(Model::ProjectDocument *project, QWidget *parent = nullptr);
    ~PlanWindow() override;

    QUndoStack *undoStack() const { return m_undo; }

    QString currentPlanId() const { return m_currentId; }
    /** Shows the plan; false for an unknown id. */
    bool showPlan(const QString &planId);
    /**
     * A new empty plan (undoable) starting from the scenario with that name (empty: the
     * first scenario with a service that has modules), shown. Empty when there is none.
     */
    QString newPlan(const QString &scenarioName = {});
    bool removeCurrentPlan();

    /** The selected step (index into plan.steps), -1 for none. */
    int currentStep() const;
    void selectStep(int index);
    /** Undoable edits of the shown plan; false when nothing changes. */
    bool addStep(Model::PlanAction action);
    bool removeStep(int index);
    bool moveStep(int index, int by);
    bool setStep(int index, const Model::PlanStep &step);
    /** Appends extract, database (own), shift 100% and retire per suggested module. */
    bool appendSuggestedSteps();

    /** Writes the shown plan, its start embedded, as a plan file. */
    bool exportPlan(const QString &fileName, QString *error) const;
    /**
     * Adds the plan in the file (undoable); its start scenario is added to the project when
     * no scenario has its name. Returns the new plan's id, empty with `error` set.
     */
    QString importPlan(const QString &fileName, QString *error);

    /** The timeline's position: 0 the start, k after plan.steps[k-1]. */
    void setTimelineStep(int step);
    QSlider *timeline() const { return m_slider; }
    /** The derivation problems of the shown plan, as shown. */
    QStringList problems() const { return m_problemLines; }

    void setRunSettings(int replications, double durationS);
    bool runPlan();
    void cancel();
    bool isRunning() const;
    QString message() const;
    /** The last run's trajectory of the shown plan, while it still applies. */
    const std::optional<Model::Trajectory> &trajectory() const { return m_trajectory; }
    QTableWidget *table() const { return m_table; }

signals:
    void runningChanged(bool running);

private:
    QWidget *createForm();
    QWidget *createStepForm();
    std::optional<Model::Plan> current() const;
    std::optional<Model::Scenario> currentStart() const;
    bool edit(const QString &text, int mergeId, const std::function<void(Model::Plan &)> &change);
    bool editStep(const QString &text,
                  int mergeId,
                  const std::function<void(Model::PlanStep &)> &change);
    void refresh();
    void refreshStepForm();
    void refreshTimeline();
    void refreshTrajectory();
    void showSuggestion();
    void openStepScenario();
    void onFinished();
    void setRunning(bool running);

    Model::ProjectDocument *m_project;
    QUndoStack *m_undo;
    BackgroundJob *m_job;
    QString m_currentId;
    std::vector<Model::DerivedStep> m_derived;
    QStringList m_problemLines;
    std::optional<Model::Trajectory> m_trajectory;
    std::optional<Model::Plan> m_trajectoryPlan; ///< the plan the trajectory was run on
    std::optional<Model::Trajectory> m_pending;
    std::optional<Model::Plan> m_pendingPlan;
    QString m_pendingError;
    bool m_refreshing = false;

    QComboBox *m_plans = nullptr;
    QListWidget *m_steps = nullptr;
    QComboBox *m_addAction = nullptr;
    QLabel *m_problemLabel = nullptr;
    QFormLayout *m_stepForm = nullptr;
    QLabel *m_stepAction = nullptr;
    QLineEdit *m_stepName = nullptr;
    QPlainTextEdit *m_stepNotes = nullptr;
    QLineEdit *m_facade = nullptr;
    QDoubleSpinBox *m_latency = nullptr;
    QComboBox *m_module = nullptr;
    QLineEdit *m_service = nullptr;
    QSpinBox *m_replicas = nullptr;
    QDoubleSpinBox *m_cpu = nullptr;
    QDoubleSpinBox *m_memory = nullptr;
    QComboBox *m_data = nullptr;
    QLineEdit *m_database = nullptr;
    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_pool = nullptr;
    QComboBox *m_sync = nullptr;
    QDoubleSpinBox *m_syncMs = nullptr;
    QDoubleSpinBox *m_share = nullptr;
    QLabel *m_suggestion = nullptr;
    QSpinBox *m_replications = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    JobControls *m_controls = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_stepTitle = nullptr;
    QGraphicsView *m_view = nullptr;
    QLabel *m_removed = nullptr;
    QComboBox *m_figure = nullptr;
    QCustomPlot *m_plot = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace Ui
