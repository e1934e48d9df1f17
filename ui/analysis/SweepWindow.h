// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Results.h"
#include "analysis/Sweep.h"
#include "analysis/SweepPaths.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStandardItemModel;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class BackgroundJob;
class JobControls;
class SweepView;

/**
 * Simulation > Sweep Parameter…: runs one scenario of the project over the values of one or
 * two of its numbers (docs/compare.md, "Sweeps") and shows the points (SweepView).
 *
 * The form on the left: each parameter is a path (picked from the scenario's numbers,
 * Model::sweepablePaths, with their values, or typed) and its values, a list "1,2,4" or a
 * range "100..1000:100"; a path that does not fit the scenario or a value it refuses says so
 * under its field as the user types, and Run stays disabled. Then the replications of each
 * point (3 by default: the bands need at least 2) and the figures to plot.
 *
 * Run Sweep (Ctrl+Return) runs the scenario as it is in its editor now on a worker thread
 * (BackgroundJob: progress bar, Cancel or Esc). A cancelled sweep keeps and shows the points
 * whose replications all finished. A click on a point emits runRequested() with that
 * point's run, for the main window's results.
 *
 * The window holds the last sweep's points for the view and for opening their runs; nothing
 * is saved in the project.
 */
class SweepWindow final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxPoints = 2500;

    explicit SweepWindow(Model::ProjectDocument *project, QWidget *parent = nullptr);
    ~SweepWindow() override;

    /**
     * Sweeps `scenarioId` from now on: offers its numbers and, when the paths typed do not
     * fit it, sensible first choices. False (nothing changes) while a sweep runs.
     */
    bool setScenario(const QString &scenarioId);
    QString scenarioId() const { return m_scenarioId; }

    /** The paths the picker offers (the scenario's numbers). */
    QStringList offeredPaths() const;
    /** Parameter 0 or 1: its path and values as typed. */
    void setParameter(int index, const QString &path, const QString &values);
    QString parameterPath(int index) const;
    QString parameterValues(int index) const;
    /** What is wrong with parameter `index`'s path or values, shown under the field. */
    QString pathError(int index) const;
    QString valuesError(int index) const;
    void setSecondParameter(bool on);
    bool hasSecondParameter() const;
    int replications() const;
    void setReplications(int replications);
    /** The figures to plot: indices into Model::compareFigures(), in its order. */
    QList<int> chosenFigures() const;
    void setFigureChosen(int figure, bool chosen);

    /** Whether Run can be pressed: valid parameters, a figure, not running. */
    bool canRun() const;
    /** Presses Run Sweep. */
    bool run();
    void cancel();
    bool isRunning() const;
    /** The message under the buttons (why it did not run, cancelled, failed). */
    QString message() const;

    /** The sweep on screen (the last one that ran); empty before. */
    const std::optional<Model::Sweep> &sweep() const { return m_sweep; }
    SweepView *view() const { return m_view; }
    /** Emits runRequested() for point `point` of sweep(). */
    void openPoint(int point);

signals:
    void runningChanged(bool running);
    /** The run of a sweep point, for the results view; `header` is rich text. */
    void runRequested(const QString &scenarioId,
                      const Sim::RunResult &result,
                      const QString &header);

private:
    struct ParameterRow
    {
        QWidget *box = nullptr;
        QComboBox *path = nullptr;
        QLabel *current = nullptr;
        QLabel *pathError = nullptr;
        QLineEdit *values = nullptr;
        QLabel *valuesError = nullptr;
        QString suggested; ///< the values last filled in for the user
    };

    QWidget *createForm();
    void createParameterRow(int index, QWidget *parent);
    void fillPicker();
    void onPathChosen(int index);
    void validate();
    /** The parameter of `index` when its path and values are right; errors on its labels. */
    std::optional<Model::SweepParameter> checkParameter(int index);
    void setRunning(bool running);
    void onFinished();
    void onFailed(const QString &message);
    void setMessage(const QString &text);
    const Model::SweepablePath *offered(const QString &path) const;

    Model::ProjectDocument *m_project;
    QString m_scenarioId;
    QString m_scenarioName;
    QJsonObject m_json;             ///< the scenario's JSON, to check paths against
    Model::Problems m_baseProblems; ///< the scenario's own, told apart from a value's
    QList<Model::SweepablePath> m_paths;

    QLabel *m_title = nullptr;
    QStandardItemModel *m_pathModel = nullptr;
    ParameterRow m_rows[2];
    QCheckBox *m_second = nullptr;
    QSpinBox *m_replications = nullptr;
    QList<QCheckBox *> m_figureBoxes;
    QLabel *m_summary = nullptr;
    JobControls *m_controls = nullptr;
    QLabel *m_header = nullptr;
    SweepView *m_view = nullptr;

    BackgroundJob *m_job = nullptr;
    std::vector<Model::SweepParameter> m_valid; ///< the checked parameters, for run()
    // written by the worker, read after it finished
    std::optional<Model::Sweep> m_pending;
    Model::Problems m_problems;
    // the sweep on screen and what it was run with
    std::optional<Model::Sweep> m_sweep;
    std::vector<Model::SweepParameter> m_sweepParameters;
    QString m_sweepScenarioId;
    QString m_sweepScenarioName;
    int m_sweepReplications = 0;
};

} // namespace Ui
