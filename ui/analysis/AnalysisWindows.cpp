// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnalysisWindows.h"

#include "CapacityWindow.h"
#include "PlanWindow.h"
#include "ProjectDocument.h"
#include "SweepWindow.h"
#include "decide/DecisionWindow.h"

#include <QWidget>

namespace Ui {

namespace {

void present(QWidget *w)
{
    w->show();
    w->raise();
    w->activateWindow();
}

} // namespace

AnalysisWindows::AnalysisWindows(Model::ProjectDocument *project, QWidget *window)
    : QObject(window)
    , m_project(project)
    , m_window(window)
{}

SweepWindow *AnalysisWindows::openSweep(const QString &scenarioId)
{
    if (!m_sweep) {
        m_sweep = new SweepWindow(m_project, m_window);
        connect(m_sweep, &SweepWindow::runRequested, this, &AnalysisWindows::runRequested);
        connect(m_sweep, &SweepWindow::runningChanged, this, [this] {
            emit runningChanged(isRunning());
        });
    }
    m_sweep->setScenario(scenarioId); // refused while a sweep runs: it stays on its scenario
    present(m_sweep);
    return m_sweep;
}

CapacityWindow *AnalysisWindows::openCapacity(const QStringList &checked,
                                              const QString &currentScenarioId)
{
    if (!m_capacity) {
        m_capacity = new CapacityWindow(m_project, m_window);
        connect(m_capacity, &CapacityWindow::runningChanged, this, [this] {
            emit runningChanged(isRunning());
        });
    }
    const Model::Document *current = m_project->document(currentScenarioId);
    m_capacity->setChoices(checked, current ? current->scenario().slo : QString());
    present(m_capacity);
    return m_capacity;
}

DecisionWindow *AnalysisWindows::openDecision()
{
    if (!m_decision) {
        m_decision = new DecisionWindow(m_project, m_window);
        connect(m_decision, &DecisionWindow::runningChanged, this, [this] {
            emit runningChanged(isRunning());
        });
    }
    present(m_decision);
    return m_decision;
}

PlanWindow *AnalysisWindows::openPlan()
{
    if (!m_plan) {
        m_plan = new PlanWindow(m_project, m_window);
        connect(m_plan, &PlanWindow::runningChanged, this, [this] {
            emit runningChanged(isRunning());
        });
    }
    present(m_plan);
    return m_plan;
}

SweepWindow *AnalysisWindows::sweepWindow() const
{
    return m_sweep;
}

CapacityWindow *AnalysisWindows::capacityWindow() const
{
    return m_capacity;
}

bool AnalysisWindows::isRunning() const
{
    return (m_sweep && m_sweep->isRunning()) || (m_capacity && m_capacity->isRunning())
           || (m_decision && m_decision->isRunning()) || (m_plan && m_plan->isRunning());
}

void AnalysisWindows::cancel()
{
    if (m_sweep)
        m_sweep->cancel();
    if (m_capacity)
        m_capacity->cancel();
    if (m_decision)
        m_decision->cancel();
    if (m_plan)
        m_plan->cancel();
}

} // namespace Ui
