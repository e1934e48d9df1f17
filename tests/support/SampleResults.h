// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

/**
 * Hand-made results for the tests of the results formats (model/ResultsIo.cpp and
 * model/persistence/RunResultJson.cpp): every field of its kind set to its own figure, so a
 * field written to or read from the wrong key shows. Tests change what they need on a copy.
 */
namespace TestSupport {

/** "_all": 1000 arrived, 990 completed, 10 failed, failures, ci95 and three histogram bins. */
Sim::RequestResult sampleAllRequests();
/** "browse": a count that is not whole (800.5, a mean over replications) and a NaN max. */
Sim::RequestResult sampleBrowseRequests();
/** "api": a service with replicas, waiting visits, rejections and a ci95 of its utilization. */
Sim::ComponentResult sampleService();
/** "db": a database with utilization and waiting queries. */
Sim::ComponentResult sampleDatabase();
/** "edge": a load balancer (no utilization). */
Sim::ComponentResult sampleLoadBalancer();
/** `pay,"ext"`: an external whose id needs quoting in CSV. */
Sim::ComponentResult sampleExternal();
/** "cache": every cache counter. */
Sim::ComponentResult sampleCache();
/** "events": every queue figure, ending while draining. */
Sim::ComponentResult sampleQueue();

/**
 * Scenario "Shop", 600 s with 60 s warm-up, seed 42, 3 replications (no per-replication
 * figures): the two request entries and six components above, a series of two columns over
 * three buckets, and two timeline events.
 */
Sim::RunResult sampleRunResult();

} // namespace TestSupport
