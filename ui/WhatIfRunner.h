// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BackgroundJob.h"
#include "Problem.h"
#include "Results.h"
#include "Scenario.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>

#include <optional>

namespace Ui {

/**
 * The short runs of the what-if sliders (Model::whatIfRun), one at a time on a worker thread
 * (BackgroundJob), the newest request winning. Each request() gets the next generation
 * number; a run that is not the newest request's when it ends is stale: its figures are
 * dropped (staleDropped()), never reported as finished(). A request while a run goes on
 * cancels that run (the engine's cancel flag) and starts the newest request once the worker
 * is free; requests made in one turn of the event loop start one run.
 *
 * The worker compiles (Model::whatIfRun) and runs; the GUI thread only copies the scenario.
 *
 * Signals, in the thread that owns the runner:
 * - started(generation) when the run of a request starts on the worker;
 * - finished(generation, result, ms) when the newest request's run ended, not cancelled;
 *   `ms` is the wall time since its request() (the last move of a slider);
 * - refused(generation, problems) instead, when a value of the newest request is refused;
 * - failed(generation, message) instead, when the engine threw;
 * - staleDropped(generation, cancelled) when a run that a newer request (or cancel()) made
 *   stale ended; `cancelled` says the engine was stopped before its end (or never started).
 */
class WhatIfRunner final : public QObject
{
    Q_OBJECT

public:
    explicit WhatIfRunner(QObject *parent = nullptr);

    /**
     * Asks for the short run of `scenario` with `values` set at their paths, `windowS`
     * simulated seconds long; returns its generation. A run going on is cancelled.
     */
    int request(const Model::Scenario &scenario,
                const QList<QPair<QString, double>> &values,
                double windowS);
    /** Makes every request so far stale: cancels the run going on, drops a waiting one. */
    void cancel();
    /** A run goes on or a request waits for the worker. */
    bool isBusy() const { return m_job.isRunning() || m_pending.has_value(); }
    /** The generation of the newest request (0 before the first). */
    int generation() const { return m_generation; }

signals:
    void started(int generation);
    void finished(int generation, const Sim::RunResult &result, double milliseconds);
    void refused(int generation, const Model::Problems &problems);
    void failed(int generation, const QString &message);
    void staleDropped(int generation, bool cancelled);

private:
    struct Request
    {
        int generation = 0;
        Model::Scenario scenario;
        QList<QPair<QString, double>> values;
        double windowS = 0;
        QElapsedTimer since; ///< started at request()
    };

    void startPending();
    void onJobEnded(const QString &error);

    BackgroundJob m_job;
    QTimer m_kick; ///< starts the pending request on the next turn of the event loop
    std::optional<Request> m_pending;
    int m_generation = 0;
    int m_runningGeneration = 0;
    QElapsedTimer m_runningSince;
    // written by the worker, read after BackgroundJob::finished
    std::optional<Sim::RunResult> m_result;
    Model::Problems m_problems;
};

} // namespace Ui
