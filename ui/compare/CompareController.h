// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "analysis/Compare.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace Ui {

class BackgroundJob;

/**
 * Runs Model::runComparison on a worker thread (a BackgroundJob), one comparison at a time,
 * and reports to the GUI thread about 30 times a second.
 *
 * Signals, in the thread that owns the controller:
 * - started() right after start() succeeded;
 * - progressChanged(fraction) while it runs (none after cancel());
 * - finished() once it ended: comparison() holds it (cancelled() when cancel() stopped it,
 *   with partial figures), or nothing when a scenario did not compile (problems() say why);
 * - failed(message) instead of finished() when the engine threw.
 * Destroying the controller cancels a running comparison and waits for the worker.
 */
class CompareController final : public QObject
{
    Q_OBJECT

public:
    explicit CompareController(QObject *parent = nullptr);
    ~CompareController() override;

    bool isRunning() const;
    /**
     * Starts comparing `alternatives` (the baseline first) with `options` (its cancel flag
     * and observer are the controller's). Returns false, doing nothing, while one runs or
     * with fewer than two alternatives.
     */
    bool start(const std::vector<Model::CompareAlternative> &alternatives,
               const Model::CompareOptions &options);
    /** Asks the engine to stop soon; finished() follows. */
    void cancel();
    bool wasCancelled() const;

    /** The last finished comparison; empty before the first or when it did not compile. */
    const std::optional<Model::Comparison> &comparison() const { return m_comparison; }
    /** Why the last comparison did not run (compile problems, each naming its scenario). */
    const Model::Problems &problems() const { return m_problems; }

signals:
    void started();
    void progressChanged(double fraction);
    void finished();
    void failed(const QString &message);

private:
    BackgroundJob *m_job;
    std::optional<Model::Comparison> m_comparison; ///< written by the worker, read after it
    Model::Problems m_problems;                    ///< likewise
};

} // namespace Ui
