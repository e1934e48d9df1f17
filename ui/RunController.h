// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Spec.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Ui {

/**
 * One series bucket of replication 0 while it runs: the values of RunController::liveKeys().
 * Every bucket carries the key list (implicitly shared, so the copy is cheap): several charts
 * can take their columns from one stream by key name, whatever else the list holds.
 */
struct LiveBucket
{
    double tS = 0;
    QStringList keys;     ///< the live keys, one per value
    QList<double> values; ///< NaN where the engine has no such series

    /** Index of `key` in keys, -1 when absent. */
    qsizetype indexOf(const QString &key) const { return keys.indexOf(key); }
};

/**
 * Runs Sim::runSimulation on a worker thread, one run at a time, and reports to the GUI
 * thread. The engine's observer calls arrive on worker threads; they only store the latest
 * progress (an atomic) and copy the wanted bucket values under a mutex. A timer in the GUI
 * thread polls them about 30 times a second, so signals never fire faster than that.
 *
 * Signals, all in the thread that owns the controller:
 * - started() right after start() succeeded;
 * - progressChanged(fraction) and liveBuckets(buckets) while the run goes on (no progress
 *   after cancel(): the bar keeps showing where the run was stopped);
 * - finished() once the run ended, cancelled or not; result() then holds it;
 * - failed(message) instead of finished() when the engine threw.
 * Destroying the controller cancels a running run and waits for the worker.
 */
class RunController final : public QObject
{
    Q_OBJECT

public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    /**
     * Series keys (e.g. "requests._all.latency_ms.p99") copied into LiveBucket::values, for
     * the next start(). Pass the union of what every live chart wants (duplicates are dropped,
     * the first occurrence keeps its place), e.g.
     * `SeriesChart::seriesKeys() + ComponentChart::liveKeys(spec)`.
     */
    void setLiveKeys(const QStringList &keys);
    QStringList liveKeys() const { return m_liveKeys; }

    bool isRunning() const { return m_thread != nullptr; }
    /** Starts a run of a checked spec; returns false, doing nothing, while one runs. */
    bool start(const Sim::Spec &spec, int threads = 0);
    /** Asks the engine to stop soon; finished() follows with result().cancelled set. */
    void cancel();

    /** The last finished run (empty before the first). */
    const Sim::RunResult &result() const { return m_result; }

signals:
    void started();
    void progressChanged(double fraction);
    void liveBuckets(const QList<Ui::LiveBucket> &buckets);
    void finished();
    void failed(const QString &message);

private:
    class Observer;

    void poll();
    void onThreadFinished();

    QStringList m_liveKeys;
    std::unique_ptr<Observer> m_observer;
    std::atomic<bool> m_cancel{false};
    QThread *m_thread = nullptr;
    QTimer m_pollTimer;
    Sim::RunResult m_result; ///< written by the worker, read after it finished
    QString m_error;         ///< likewise
    double m_lastProgress = -1;
};

} // namespace Ui
