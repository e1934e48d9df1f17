// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackgroundJob.h"

#include <QMutexLocker>
#include <QThread>

#include <algorithm>
#include <exception>

namespace Ui {

namespace {
constexpr int kPollIntervalMs = 33; // about 30 Hz, as RunController

/** Raises `target` to `value` when that is larger (several threads report at once). */
void raise(std::atomic<double> &target, double value)
{
    double seen = target.load(std::memory_order_relaxed);
    while (value > seen && !target.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
    }
}
} // namespace

void BackgroundJob::Progress::onProgress(double fraction)
{
    const double from = m_from.load(std::memory_order_relaxed);
    const double to = m_to.load(std::memory_order_relaxed);
    raise(m_value, from + std::clamp(fraction, 0.0, 1.0) * (to - from));
}

void BackgroundJob::Progress::setStage(double from, double to)
{
    m_from.store(from, std::memory_order_relaxed);
    m_to.store(std::max(from, to), std::memory_order_relaxed);
    raise(m_value, from);
}

void BackgroundJob::Progress::setNote(const QString &note)
{
    const QMutexLocker lock(&m_mutex);
    m_note = note;
}

QString BackgroundJob::Progress::note() const
{
    const QMutexLocker lock(&m_mutex);
    return m_note;
}

BackgroundJob::BackgroundJob(const QString &threadName, QObject *parent)
    : QObject(parent)
    , m_threadName(threadName)
{
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &BackgroundJob::poll);
}

BackgroundJob::~BackgroundJob()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool BackgroundJob::start(Work work)
{
    if (m_thread || !work)
        return false;
    m_cancel.store(false);
    m_progress = std::make_unique<Progress>();
    m_error.clear();
    m_lastProgress = -1;
    m_lastNote.clear();
    // The job outlives the thread (see the destructor); its owner reads what the work wrote
    // only after QThread::finished.
    m_thread = QThread::create([this, work = std::move(work)] {
        try {
            work(m_cancel, *m_progress);
        } catch (const std::exception &e) {
            m_error = QString::fromLocal8Bit(e.what());
        } catch (...) {
            m_error = tr("unknown error in the simulation engine");
        }
    });
    m_thread->setObjectName(m_threadName);
    connect(m_thread, &QThread::finished, this, &BackgroundJob::onThreadFinished);
    m_thread->start();
    m_pollTimer.start();
    emit started();
    return true;
}

void BackgroundJob::cancel()
{
    if (m_thread)
        m_cancel.store(true);
}

void BackgroundJob::poll()
{
    if (!m_progress || m_cancel.load())
        return;
    const double progress = m_progress->value();
    if (progress != m_lastProgress) {
        m_lastProgress = progress;
        emit progressChanged(progress);
    }
    const QString note = m_progress->note();
    if (note != m_lastNote) {
        m_lastNote = note;
        emit noteChanged(note);
    }
}

void BackgroundJob::onThreadFinished()
{
    m_pollTimer.stop();
    poll();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_progress.reset();
    if (m_error.isEmpty())
        emit finished();
    else
        emit failed(m_error);
}

} // namespace Ui
