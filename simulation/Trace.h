// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Simulation.h"
#include "Spec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Sim {

/** No job, component or request type in a TraceRecord field. */
constexpr std::uint32_t kTraceNone = 0xffffffffu;

/**
 * One thing a traced replication did (runReplication with a TraceSink): a visit began, a visit ended, or the
 * levels of a component changed. Records come in the order the engine made them; every
 * record of one engine event carries that event's number, so "the next event" is the next
 * run of records with a higher `event`.
 */
struct TraceRecord
{
    enum class Kind : std::uint8_t {
        /// a job began its visit at `comp` (a request entering at the workload's entry, a call,
        /// a forward of a load balancer or gateway, a cache command, a publish, a delivered
        /// message); `job` names it until the matching VisitEnded
        VisitBegan,
        /// the visit of `job` ended: `ok`, else failed for `reason`
        VisitEnded,
        /// `comp`'s queued, busy and servers changed (at the end of event `event`)
        Levels,
    };
    Kind kind = Kind::VisitBegan;
    bool ok = true;                              ///< VisitEnded
    FailureReason reason = FailureReason::Count; ///< VisitEnded and failed
    Tick time = 0;                               ///< simulated time
    std::uint64_t event = 0;                     ///< number of the engine event, from 1
    std::uint32_t job = kTraceNone;              ///< VisitBegan, VisitEnded
    std::uint32_t comp = kTraceNone;             ///< VisitBegan, Levels
    /// VisitBegan: the job at the component that made the call or forwarded it (kTraceNone
    /// for a request entering, a delivered message, a cache write after a miss, or a caller
    /// that gave up waiting)
    std::uint32_t fromJob = kTraceNone;
    std::uint32_t fromComp = kTraceNone; ///< VisitBegan: that job's component, or a delivered
                                         ///< message's queue
    std::uint32_t name = kTraceNone;     ///< VisitBegan: request name, index into the names
    std::uint32_t type = kTraceNone;     ///< VisitBegan: workload request type of a request
                                         ///< entering at the entry, else kTraceNone
    /// Levels: what waits (an accept, loop or server queue; a queue's ready messages)
    std::int32_t queued = 0;
    /// Levels: servers held (threads or busy loop workers of the ready replicas, connections,
    /// command threads, a queue's unacknowledged messages, visits at a balancer, gateway or
    /// external)
    std::int32_t busy = 0;
    std::int32_t servers = 0; ///< Levels: servers there are (0: no limit)
    float cpu = 0;            ///< Levels: busy cores (services)
    float cores = 0;          ///< Levels: cores of the ready replicas (services)

    bool operator==(const TraceRecord &) const = default;
};

/**
 * Where a traced replication reports what it does (runReplication with a sink). Called on
 * the replication's thread, in event order; the engine's figures are the same with or
 * without a sink.
 */
class TraceSink
{
public:
    virtual ~TraceSink() = default;
    /// Before the first record: the request names that TraceRecord::name indexes.
    virtual void traceStarted(const std::vector<std::string> &names) { (void) names; }
    virtual void record(const TraceRecord &record) = 0;
};

/**
 * runReplication() telling `trace` every visit's start and end and every change of a
 * component's levels (watch mode). The figures are bit for bit those of the untraced
 * replication; a run without a sink pays one test of a pointer at each of the trace's places.
 */
ReplicationResult runReplication(const Spec &spec,
                                 int replication,
                                 TraceSink &trace,
                                 const RunOptions &options = {});

} // namespace Sim
