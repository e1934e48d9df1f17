// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <string>
#include <vector>

namespace Sim {

/**
 * The load offered to one component, estimated before a run from the workload and the mean
 * times of the handlers' steps (no queueing, no failures, no retries): what validation's
 * "overloaded" warning and the lint rule overloaded-unbounded compare.
 */
struct ComponentLoad
{
    double arrivalsPerS = 0; ///< mean visits per second offered at the sustained rate
    /// Most visits per second it can serve (infinity when nothing limits it: externals,
    /// balancers, gateways). The smallest of its limits, named in `limit`.
    double capacityPerS = 0;
    std::string limit; ///< "cores", "threads", "event loop", "connections", "command threads",
                       ///< "consumers"; empty when unlimited
    /// What it cannot serve at once waits without a limit: a thread pool without queue_limit,
    /// an event loop, a database's or cache's server queue, a queue without max_length.
    bool unboundedQueue = false;

    /** Offered load above capacity. */
    bool overloaded() const { return arrivalsPerS > capacityPerS; }
};

/**
 * The rate a workload sustains: poisson and constant their rate; ramp the larger of its
 * rates at the start and at the end of the run; spike its base rate (the spike passes);
 * bursty the time-weighted mean of its two rates; diurnal its mean.
 */
double sustainedArrivalRate(const Workload &workload, double durationS);

/**
 * Offered load and capacity of every component of a checked Spec (see checkSpec), in the
 * order of Spec::components. Rates follow the requests from the entry: calls, load balancers
 * (evenly), gateway routes (by weight), probability steps, cache misses (a miss ratio of
 * 1 - capacity / keys for keys beyond the capacity, else none), publishes and their consumers
 * (fanout: every consumer; direct: shared by channel count). With autoscaling, services count
 * at their most replicas. A topology with so many call paths that following them all would
 * take long (over 2 million steps) gets no estimate: every component unloaded.
 */
std::vector<ComponentLoad> estimateLoad(const Spec &spec);

} // namespace Sim
