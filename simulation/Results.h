// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/**
 * What a run produces. Field names follow spec/cli.md ("Results JSON"); model/ writes
 * them as JSON. With several replications every figure is the mean over replications
 * and the *Ci95 fields hold 95% confidence intervals (empty with one replication).
 */
namespace Sim {

struct LatencySummary
{
    double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0; ///< milliseconds
};

using Interval = std::optional<std::pair<double, double>>;

/** Why a request or call failed. */
enum class FailureReason : std::uint8_t {
    Rejected,        ///< a full accept queue, queue overflow or bulkhead
    Timeout,         ///< a call's timeout
    DependencyError, ///< an external's error, or an injected error
    NoHandler,       ///< nothing handles the request name
    CircuitOpen,     ///< a circuit breaker refused the call
    Crash,           ///< the replica died (killed, out of memory) with the request on it
    Outage,          ///< the component is down (fault window)
    Count
};
const char *failureReasonName(FailureReason r);

/**
 * One bin of a latency histogram: `count` latencies of at least loMs and less than hiMs.
 * The edges are whole nanoseconds (ticks) on a fixed grid, Histogram::coarseIndexOf: 8 bins
 * per power of two (each 1/8 of its octave, so 6.25% to 12.5% of its lower edge wide).
 */
struct HistogramBin
{
    double loMs = 0, hiMs = 0;
    double count = 0; ///< with several replications, the mean count per replication
};

/**
 * The figures of one request type, over the requests that arrived after the warm-up (those
 * that arrived during it are left out, whenever they end): arrived = completed + failed +
 * inFlightAtEnd in each replication.
 */
struct RequestResult
{
    std::string name; ///< "_all" for the first entry
    double arrived = 0, completed = 0, failed = 0;
    double inFlightAtEnd = 0; ///< arrived, and neither completed nor failed when the run ended
    double throughputPerS = 0;
    LatencySummary latencyMs;
    std::map<std::string, double> failures; ///< reason name -> count (only reasons that occurred)
    Interval ciMean, ciP99;                 ///< latency_ms.mean, latency_ms.p99
    Interval ciThroughput;
    /// The latencies of latencyMs (completed requests, after warm-up; failed requests are
    /// not in it) in coarse log bins, for the histogram and CDF charts: contiguous bins from
    /// the one holding the smallest latency to the one holding the largest, empty bins in
    /// between kept (count 0). The counts add up to `completed`. Empty when none completed.
    std::vector<HistogramBin> latencyHistogram;
};

struct ComponentResult
{
    std::string id;
    ComponentKind kind = ComponentKind::Service;
    double arrived = 0, completed = 0, failed = 0;
    double throughputPerS = 0; ///< visits that ended (completed or failed) per second
    double utilization
        = 0; ///< service: busy core-s / (cores x replicas x time); db: busy connections / max
    double meanInSystem = 0; ///< time-average visits at the component (waiting + in service)
    double meanWaiting = 0;  ///< time-average visits not yet started: accept queue, event-loop
                             ///< queue, database / cache server queue (not client pool waits)
    double rejected = 0;
    std::map<std::string, double>
        failures;             ///< reason name -> failed visits (reasons that occurred)
    LatencySummary latencyMs; ///< arrival at the component to its response, failed visits too
    double replicasMin = 0, replicasMax = 0, replicasMean = 0;
    Interval ciUtilization;

    // cache (after warm-up)
    double hits = 0, misses = 0, hitRatio = 0, evictions = 0, expirations = 0;
    double stampedeMisses
        = 0;              ///< misses of a key whose fill was already in flight, sent to the origin
    double staleHits = 0; ///< stale_while_revalidate: expired values served
    double lockWaits = 0; ///< lock: misses that waited for another request's fill

    // queue (after warm-up)
    double published = 0, consumed = 0, dropped = 0, redelivered = 0;
    /// dead-lettering: ready messages expired by the message TTL, messages nacked without
    /// requeue, and every message sent to the dead-letter queue (expired, nacked, or refused
    /// by reject_publish_dlx)
    double expired = 0, nacked = 0, deadLettered = 0;
    double backlogMean = 0, backlogMax = 0, backlogFinal = 0; ///< ready + unacknowledged
    LatencySummary messageAgeMs;                              ///< publish to ack
    /// Drain after bursts. A burst starts when the backlog rises above the level it rested
    /// at and ends when it is back at or below that level; its drain time runs from its peak
    /// (the last moment at its highest backlog) to its end. drainS: the longest drain of the
    /// bursts that ended in the measured time (0 when none did).
    double drainS = 0;
    /// The run ended during a burst at least as high (above its resting level) as any that
    /// drained in the measured time, so drainS may understate how long draining takes.
    bool drainingAtEnd = false;
    double drainSincePeakS = 0; ///< with drainingAtEnd: from that burst's peak to the end
};

/**
 * One direction of a network link between two components (docs/scenario-format.md,
 * "Network"): the transfers from `from` to `to`, that is the requests of from's call steps to
 * `to` and the responses of to's call steps to `from`. Over the measured time.
 */
struct LinkResult
{
    std::string from, to;      ///< component ids
    double bandwidthMbps = 0;  ///< 0: unlimited
    double transfers = 0;      ///< transfers that ended
    double bytesPerS = 0;      ///< bytes of those transfers per second (KB = 1000 bytes)
    double utilization = 0;    ///< fraction of the time at least one transfer was on the link
    double meanTransferMs = 0; ///< mean time on the link (shared), without the latency
};

/** Something that happened during a run, for the timeline. */
struct RunEvent
{
    double tS = 0;
    std::string component;
    std::string what; ///< scale_up, scale_down, crash, oom, restart, ready, health_down, health_up,
                      ///< breaker_open, breaker_half_open, breaker_closed, fault_start, fault_end
    std::string detail; ///< e.g. "3 -> 4 replicas", "outage"
};

struct SeriesColumn
{
    std::string key; ///< e.g. "requests._all.latency_ms.p99", "components.api.utilization"
    std::vector<double> values;
};

/** Fixed time buckets over the whole run, warm-up included (so cold starts show). */
struct Series
{
    double bucketS = 1;
    std::vector<double> tS; ///< end time of each bucket
    std::vector<SeriesColumn> columns;
    const SeriesColumn *column(const std::string &key) const;
};

/**
 * Why a run stopped before its end, other than cancellation: it held more memory than its
 * budget, or an allocation failed. The figures then cover the time up to `tS` (partial).
 */
struct RunStop
{
    enum class Reason : std::uint8_t { None, MemoryBudget, OutOfMemory };
    Reason reason = Reason::None;
    double tS = 0;           ///< simulated time it stopped at
    std::string component;   ///< the component holding the most requests then (empty: none)
    double held = 0;         ///< requests (messages, for a queue) at that component
    double arrivalsPerS = 0; ///< visits per second that reached it since the start
    double servedPerS = 0;   ///< visits per second it ended (a queue: messages consumed)
    bool overloaded = false; ///< more arrived than it served: the backlog grows
    /// memory the run held, or was about to hold: a pool about to double counts at its old
    /// and new size together (the engine's estimate, EngineImpl::heldBytes)
    double neededMb = 0;
    double budgetMb = 0; ///< the replication's share of the budget
    std::string verdict; ///< the sentence for the user
    bool stopped() const { return reason != Reason::None; }
};
/** "memory_budget", "out_of_memory" (or "" for None). */
const char *runStopReasonName(RunStop::Reason r);

struct ReplicationResult
{
    int replication = 0;
    std::vector<RequestResult> requests; ///< [0] is "_all", then one per request type
    std::vector<ComponentResult> components;
    std::vector<LinkResult> links; ///< each direction of each network link (none without one)
    Series series;
    std::uint64_t events = 0;
    double wallS = 0;
    bool cancelled = false;
    RunStop stop;                   ///< set when it stopped early (memory)
    std::vector<RunEvent> timeline; ///< at most kMaxTimeline entries
    std::uint64_t timelineDropped = 0;
    double peakMemoryMb = 0; ///< the most memory the run held (the engine's estimate)
};

constexpr std::size_t kMaxTimeline = 10000;

struct RunResult
{
    std::string scenario;
    double durationS = 0, warmupS = 0;
    std::uint64_t seed = 0;
    int replications = 0;
    std::vector<RequestResult> requests;
    std::vector<ComponentResult> components;
    std::vector<LinkResult> links; ///< each direction of each network link (none without one)
    Series series;                 ///< mean over replications
    std::uint64_t events = 0;      ///< all replications
    double wallS = 0;
    double eventsPerS = 0;
    bool cancelled = false;
    /// The stop of the first replication (in replication order) that stopped early: the run's
    /// figures are then partial (see partial()).
    RunStop stop;
    std::vector<ReplicationResult> perReplication;
    std::vector<RunEvent> timeline; ///< of replication 0

    const RequestResult *request(const std::string &name) const;
    const ComponentResult *component(const std::string &id) const;
    /** Cut short: cancelled or stopped early. */
    bool partial() const { return cancelled || stop.stopped(); }
};

} // namespace Sim
