// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Spec.h"

#include <atomic>

namespace Sim {

/** One bucket of live figures, streamed while a replication runs. */
struct BucketSample
{
    int replication = 0;
    int task = 0;  ///< the task of runReplications (= replication for runSimulation)
    int index = 0; ///< bucket number, from 0
    double tS = 0; ///< end of the bucket, simulated seconds
    /// Same keys and order as Series::columns of the final result.
    const std::vector<std::string> *keys = nullptr;
    const std::vector<double> *values = nullptr;
};

/**
 * How the engine reports to a front end. Default methods do nothing. Methods are called
 * from the replication's worker thread (several replications run on several threads at
 * once), so an implementation must be thread-safe and quick: copy the figures and return.
 */
class SimulationObserver
{
public:
    virtual ~SimulationObserver() = default;
    /// fraction of all replications' simulated time done, 0..1 (at most ~100 calls per replication)
    virtual void onProgress(double fraction) { (void) fraction; }
    /// at the end of every series bucket
    virtual void onBucket(const BucketSample &sample) { (void) sample; }
};

struct RunOptions
{
    int threads = 0;                           ///< replications at once; 0 = all cores
    const std::atomic<bool> *cancel = nullptr; ///< set to true to stop as soon as possible
    SimulationObserver *observer = nullptr;
};

/**
 * Runs every replication of a checked Spec (see checkSpec) and aggregates them.
 * Replication r draws from streams seeded by (spec.seed, r): the same Spec and seed give
 * bit-identical results whatever the thread count. A cancelled run returns with
 * cancelled = true and partial figures.
 */
RunResult runSimulation(const Spec &spec, const RunOptions &options = {});

/** One replication of a Spec, for runReplications(). The Spec must outlive the call. */
struct ReplicationTask
{
    const Spec *spec = nullptr;
    int replication = 0;
};

/**
 * Runs the tasks on options.threads threads (0 = all cores), each free thread taking the
 * next task, and returns their results in the tasks' order: the same as running them one by
 * one. Progress is the mean fraction done over all tasks; buckets carry the task's index.
 */
std::vector<ReplicationResult> runReplications(const std::vector<ReplicationTask> &tasks,
                                               const RunOptions &options = {});

/** The run of `spec` made of these replications (in replication order): means and ci95. */
RunResult aggregateReplications(const Spec &spec, std::vector<ReplicationResult> reps);

/** Runs one replication on the calling thread. */
ReplicationResult runReplication(const Spec &spec, int replication, const RunOptions &options = {});

/** Version of the engine, written into results. */
const char *engineVersion();

} // namespace Sim
