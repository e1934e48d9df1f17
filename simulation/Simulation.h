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
    /// Memory one replication may hold, in bytes; 0 = its share of memoryBudgetBytes(spec)
    /// (runReplications divides the run's budget by the replications it runs at once).
    std::uint64_t replicationMemoryBytes = 0;
};

/**
 * Half of the memory this process may use: the least of the machine's physical memory, the
 * cgroup's memory limit and the address-space and data limits (ulimit -v, -d); half of
 * 2 GiB when none is known. The default memory budget of a run.
 */
std::uint64_t defaultMemoryBudgetBytes();

/** The memory budget of a run of `spec`, all replications together: spec.maxMemoryMb when
 *  set, else defaultMemoryBudgetBytes(). */
std::uint64_t memoryBudgetBytes(const Spec &spec);

/**
 * Runs every replication of a checked Spec (see checkSpec) and aggregates them.
 * A replication that holds more memory than its share of the budget (memoryBudgetBytes()),
 * or in which an allocation fails, stops there with its figures so far and a RunStop that
 * says why in the user's terms (ReplicationResult::stop; the run's stop is the first
 * replication's that stopped). No exception of a replication leaves these functions:
 * nothing in a run can take the calling process down.
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
