// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunController.h"

#include "Simulation.h"

#include <QThread>

#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace Ui {

namespace {
constexpr int kPollIntervalMs = 33; // about 30 Hz: smooth enough, cheap for the GUI thread
}

/** Called from the engine's worker threads: store and return, nothing else. */
class RunController::Observer final : public Sim::SimulationObserver
{
public:
    explicit Observer(const QStringList &keys)
        : m_keyList(keys)
    {
        m_keys.reserve(static_cast<size_t>(keys.size()));
        for (const QString &key : keys)
            m_keys.push_back(key.toStdString());
    }

    void onProgress(double fraction) override
    {
        // Several replications report from several threads; keep the largest.
        double seen = m_progress.load(std::memory_order_relaxed);
        while (fraction > seen
               && !m_progress.compare_exchange_weak(seen, fraction, std::memory_order_relaxed)) {
        }
    }

    void onBucket(const Sim::BucketSample &sample) override
    {
        // The basic chart follows replication 0 only; the final series is the mean of all.
        if (sample.replication != 0 || !sample.keys || !sample.values || m_keys.empty())
            return;
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_columns.empty()) {
            for (const std::string &key : m_keys) {
                int column = -1;
                for (size_t i = 0; i < sample.keys->size(); ++i) {
                    if ((*sample.keys)[i] == key) {
                        column = static_cast<int>(i);
                        break;
                    }
                }
                m_columns.push_back(column);
            }
        }
        LiveBucket bucket;
        bucket.tS = sample.tS;
        bucket.keys = m_keyList;
        bucket.values.reserve(static_cast<qsizetype>(m_columns.size()));
        for (int column : m_columns) {
            const bool present = column >= 0 && static_cast<size_t>(column) < sample.values->size();
            bucket.values.append(present ? (*sample.values)[static_cast<size_t>(column)]
                                         : std::numeric_limits<double>::quiet_NaN());
        }
        m_pending.append(std::move(bucket));
    }

    double progress() const { return m_progress.load(std::memory_order_relaxed); }

    QList<LiveBucket> takePending()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return std::exchange(m_pending, {});
    }

private:
    const QStringList m_keyList; ///< shared with every bucket, never written after construction
    std::vector<std::string> m_keys;
    std::atomic<double> m_progress{0};
    std::mutex m_mutex;
    std::vector<int> m_columns;  ///< index of each wanted key in the sample, -1 if absent
    QList<LiveBucket> m_pending; ///< guarded by m_mutex
};

RunController::RunController(QObject *parent)
    : QObject(parent)
{
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

void RunController::setLiveKeys(const QStringList &keys)
{
    m_liveKeys = keys;
    m_liveKeys.removeDuplicates();
}

bool RunController::start(const Sim::Spec &spec, int threads)
{
    if (m_thread)
        return false;
    m_cancel.store(false);
    m_observer = std::make_unique<Observer>(m_liveKeys);
    m_error.clear();
    m_lastProgress = -1;

    Sim::RunOptions options;
    options.threads = threads;
    options.cancel = &m_cancel;
    options.observer = m_observer.get();
    // The lambda owns its copy of the spec; the controller outlives the thread (see the
    // destructor), so writing m_result and m_error from the worker is safe. The GUI thread
    // reads them only after QThread::finished, which is delivered through the event queue.
    m_thread = QThread::create([this, spec, options] {
        try {
            m_result = Sim::runSimulation(spec, options);
        } catch (const std::exception &e) {
            m_error = QString::fromLocal8Bit(e.what());
        } catch (...) {
            m_error = tr("unknown error in the simulation engine");
        }
    });
    m_thread->setObjectName(QStringLiteral("ArchSim run"));
    connect(m_thread, &QThread::finished, this, &RunController::onThreadFinished);
    m_thread->start();
    m_pollTimer.start();
    emit started();
    return true;
}

void RunController::cancel()
{
    if (m_thread)
        m_cancel.store(true);
}

void RunController::poll()
{
    if (!m_observer)
        return;
    // Once cancelled, the engine winds down and reports its replications as done; the last
    // progress shown stays where the run was stopped.
    const double progress = m_observer->progress();
    if (!m_cancel.load() && progress != m_lastProgress) {
        m_lastProgress = progress;
        emit progressChanged(progress);
    }
    QList<LiveBucket> buckets = m_observer->takePending();
    if (!buckets.isEmpty())
        emit liveBuckets(buckets);
}

void RunController::onThreadFinished()
{
    m_pollTimer.stop();
    poll(); // deliver the last buckets before the final result
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
