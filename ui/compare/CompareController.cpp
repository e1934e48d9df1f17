// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareController.h"

#include "BackgroundJob.h"

namespace Ui {

CompareController::CompareController(QObject *parent)
    : QObject(parent)
    , m_job(new BackgroundJob(QStringLiteral("ArchSim compare"), this))
{
    connect(m_job, &BackgroundJob::started, this, &CompareController::started);
    connect(m_job, &BackgroundJob::progressChanged, this, &CompareController::progressChanged);
    connect(m_job, &BackgroundJob::finished, this, &CompareController::finished);
    connect(m_job, &BackgroundJob::failed, this, &CompareController::failed);
}

// The job (a child) cancels and waits for the worker before the results it writes go.
CompareController::~CompareController()
{
    delete m_job;
}

bool CompareController::isRunning() const
{
    return m_job->isRunning();
}

bool CompareController::wasCancelled() const
{
    return m_job->wasCancelled();
}

bool CompareController::start(const std::vector<Model::CompareAlternative> &alternatives,
                              const Model::CompareOptions &options)
{
    if (isRunning() || alternatives.size() < 2)
        return false;
    m_comparison.reset();
    m_problems.clear();
    // The work owns copies of the scenarios; the controller reads the results only after
    // finished().
    return m_job->start([this, alternatives, options](const std::atomic<bool> &cancel,
                                                      BackgroundJob::Progress &progress) {
        Model::CompareOptions o = options;
        o.cancel = &cancel;
        o.observer = &progress;
        m_comparison = Model::runComparison(alternatives, o, &m_problems);
    });
}

void CompareController::cancel()
{
    m_job->cancel();
}

} // namespace Ui
