// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareController.h"

#include "Simulation.h"

#include <QThread>

#include <exception>

namespace Ui {

namespace {
constexpr int kPollIntervalMs = 33; // about 30 Hz, as RunController
}

/** Called from the engine's worker threads: store and return, nothing else. */
class CompareController::Observer final : public Sim::SimulationObserver
{
public:
    void onProgress(double fraction) override
    {
        double seen = m_progress.load(std::memory_order_relaxed);
        while (fraction > seen
               && !m_progress.compare_exchange_weak(seen, fraction, std::memory_order_relaxed)) {
        }
    }
    double progress() const { return m_progress.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_progress{0};
};

CompareController::CompareController(QObject *parent)
    : QObject(parent)
{
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &CompareController::poll);
}

CompareController::~CompareController()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool CompareController::start(const std::vector<Model::CompareAlternative> &alternatives,
                              const Model::CompareOptions &options)
{
    if (m_thread || alternatives.size() < 2)
        return false;
    m_cancel.store(false);
    m_observer = std::make_unique<Observer>();
    m_comparison.reset();
    m_problems.clear();
    m_error.clear();
    m_lastProgress = -1;

    Model::CompareOptions o = options;
    o.cancel = &m_cancel;
    o.observer = m_observer.get();
    // The lambda owns copies of the scenarios; the controller outlives the thread (see the
    // destructor), and the GUI thread reads the results only after QThread::finished.
    m_thread = QThread::create([this, alternatives, o] {
        try {
            m_comparison = Model::runComparison(alternatives, o, &m_problems);
        } catch (const std::exception &e) {
            m_error = QString::fromLocal8Bit(e.what());
        } catch (...) {
            m_error = tr("unknown error in the simulation engine");
        }
    });
    m_thread->setObjectName(QStringLiteral("ArchSim compare"));
    connect(m_thread, &QThread::finished, this, &CompareController::onThreadFinished);
    m_thread->start();
    m_pollTimer.start();
    emit started();
    return true;
}

void CompareController::cancel()
{
    if (m_thread)
        m_cancel.store(true);
}

void CompareController::poll()
{
    if (!m_observer || m_cancel.load())
        return;
    const double progress = m_observer->progress();
    if (progress != m_lastProgress) {
        m_lastProgress = progress;
        emit progressChanged(progress);
    }
}

void CompareController::onThreadFinished()
{
    m_pollTimer.stop();
    poll();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_observer.reset();
    if (m_error.isEmpty())
        emit finished();
    else
        emit failed(m_error);
}

} // namespace Ui
