// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Simulation.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Ui {

/**
 * Runs one piece of long work at a time (a comparison, a sweep, a capacity search) on a
 * worker thread and reports to the GUI thread, as RunController does for runs: the work
 * only stores its progress (an atomic) and a note (under a mutex), and a timer in the GUI
 * thread polls them about 30 times a second, so signals never fire faster than that.
 *
 * The work gets the cancel flag and a Progress to hand to the engine as its observer. It
 * writes its results where its owner reads them after finished() (the owner outlives the
 * job: see the destructor).
 *
 * Signals, in the thread that owns the job:
 * - started() right after start() succeeded;
 * - progressChanged(fraction) and noteChanged(text) while it runs (none after cancel());
 * - finished() once the work returned, cancelled or not;
 * - failed(message) instead of finished() when the work threw.
 * Destroying the job cancels running work and waits for the worker.
 */
class BackgroundJob final : public QObject
{
    Q_OBJECT

public:
    /** The engine's observer for the work; called from any thread. */
    class Progress final : public Sim::SimulationObserver
    {
    public:
        /** The engine's fraction of the current stage; the whole only ever grows. */
        void onProgress(double fraction) override;
        /** From now on the engine's fractions 0..1 fill [from, to] of the whole. */
        void setStage(double from, double to);
        /** A line about where the work is ("point 4: 1,200/s"). */
        void setNote(const QString &note);
        double value() const { return m_value.load(std::memory_order_relaxed); }
        QString note() const;

    private:
        std::atomic<double> m_value{0};
        std::atomic<double> m_from{0};
        std::atomic<double> m_to{1};
        mutable QMutex m_mutex;
        QString m_note;
    };

    using Work = std::function<void(const std::atomic<bool> &cancel, Progress &progress)>;

    explicit BackgroundJob(const QString &threadName, QObject *parent = nullptr);
    ~BackgroundJob() override;

    bool isRunning() const { return m_thread != nullptr; }
    /** Starts `work` on a worker thread; returns false, doing nothing, while one runs. */
    bool start(Work work);
    /** Asks the work to stop soon (its cancel flag); finished() follows. */
    void cancel();
    /** Whether cancel() was called on the last work. */
    bool wasCancelled() const { return m_cancel.load(); }

signals:
    void started();
    void progressChanged(double fraction);
    void noteChanged(const QString &note);
    void finished();
    void failed(const QString &message);

private:
    void poll();
    void onThreadFinished();

    QString m_threadName;
    std::unique_ptr<Progress> m_progress;
    std::atomic<bool> m_cancel{false};
    QThread *m_thread = nullptr;
    QTimer m_pollTimer;
    QString m_error; ///< written by the worker, read after it
    double m_lastProgress = -1;
    QString m_lastNote;
};

} // namespace Ui
