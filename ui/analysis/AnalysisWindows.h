// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class CapacityWindow;
class DecisionWindow;
class PlanWindow;
class SweepWindow;

/**
 * The main window's Sweep Parameter and Find Capacity windows: created on first use as
 * windows of their own over `window`, shown and raised again after that. Each runs its work
 * on a worker thread of its own; the main window stays free to edit and run meanwhile.
 *
 * runRequested() passes on a sweep point's run (SweepWindow::runRequested) for the main
 * window's results; runningChanged() fires when a sweep or search starts or has ended.
 */
class AnalysisWindows final : public QObject
{
    Q_OBJECT

public:
    AnalysisWindows(Model::ProjectDocument *project, QWidget *window);

    /** Shows the sweep window on `scenarioId` (unless a sweep runs: then as it is). */
    SweepWindow *openSweep(const QString &scenarioId);
    /**
     * Shows the capacity window with `checked` ticked; the SLO field takes the SLO stored in
     * `currentScenarioId` when it has one.
     */
    CapacityWindow *openCapacity(const QStringList &checked, const QString &currentScenarioId);
    /** Shows the decision matrix window (docs/decide.md) on the project's decisions. */
    DecisionWindow *openDecision();
    /** Shows the migration plan window (docs/migrate.md) on the project's plans. */
    PlanWindow *openPlan();
    SweepWindow *sweepWindow() const;
    CapacityWindow *capacityWindow() const;

    bool isRunning() const;
    /** Stops a running sweep and search (their windows' destructors wait for the workers). */
    void cancel();

signals:
    void runningChanged(bool running);
    void runRequested(const QString &scenarioId,
                      const Sim::RunResult &result,
                      const QString &header);

private:
    Model::ProjectDocument *m_project;
    QWidget *m_window;
    QPointer<SweepWindow> m_sweep;
    QPointer<CapacityWindow> m_capacity;
    QPointer<DecisionWindow> m_decision;
    QPointer<PlanWindow> m_plan;
};

} // namespace Ui
