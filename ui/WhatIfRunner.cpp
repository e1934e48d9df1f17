// SPDX-License-Identifier: GPL-3.0-or-later
#include "WhatIfRunner.h"

#include "Simulation.h"
#include "analysis/WhatIf.h"

namespace Ui {

WhatIfRunner::WhatIfRunner(QObject *parent)
    : QObject(parent)
    , m_job(QStringLiteral("ArchSim what-if"))
{
    m_kick.setSingleShot(true);
    m_kick.setInterval(0);
    connect(&m_kick, &QTimer::timeout, this, &WhatIfRunner::startPending);
    connect(&m_job, &BackgroundJob::finished, this, [this] { onJobEnded(QString()); });
    connect(&m_job, &BackgroundJob::failed, this, &WhatIfRunner::onJobEnded);
}

int WhatIfRunner::request(const Model::Scenario &scenario,
                          const QList<QPair<QString, double>> &values,
                          double windowS)
{
    Request r;
    r.generation = ++m_generation;
    r.scenario = scenario;
    r.values = values;
    r.windowS = windowS;
    r.since.start();
    m_pending = std::move(r);
    if (m_job.isRunning())
        m_job.cancel(); // startPending() follows when the worker is free
    else
        m_kick.start();
    return m_generation;
}

void WhatIfRunner::cancel()
{
    ++m_generation; // whatever runs now is stale
    m_pending.reset();
    m_kick.stop();
    m_job.cancel();
}

void WhatIfRunner::startPending()
{
    if (!m_pending || m_job.isRunning())
        return;
    Request r = std::move(*m_pending);
    m_pending.reset();
    m_runningGeneration = r.generation;
    m_runningSince = r.since;
    m_result.reset();
    m_problems.clear();
    // The runner outlives the job's worker (m_job is a member; its destructor waits), so the
    // work may write m_result and m_problems; they are read after BackgroundJob::finished.
    m_job.start(
        [this,
         scenario = std::move(r.scenario),
         values = r.values,
         windowS = r.windowS](const std::atomic<bool> &cancel, BackgroundJob::Progress &progress) {
            const Model::WhatIfRun build = Model::whatIfRun(scenario, values, windowS);
            if (!build.ok()) {
                m_problems = build.problems;
                return;
            }
            if (cancel.load())
                return;
            Sim::RunOptions options;
            options.threads = 1;
            options.cancel = &cancel;
            options.observer = &progress;
            m_result = Sim::runSimulation(build.spec, options);
        });
    emit started(r.generation);
}

void WhatIfRunner::onJobEnded(const QString &error)
{
    const int generation = m_runningGeneration;
    if (generation != m_generation) {
        emit staleDropped(generation, !m_result || m_result->cancelled);
    } else if (!error.isEmpty()) {
        emit failed(generation, error);
    } else if (!m_problems.isEmpty()) {
        emit refused(generation, m_problems);
    } else if (m_result && !m_result->cancelled) {
        emit finished(generation, *m_result, double(m_runningSince.nsecsElapsed()) / 1e6);
    }
    m_result.reset();
    if (m_pending)
        startPending();
}

} // namespace Ui
