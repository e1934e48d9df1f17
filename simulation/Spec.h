// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

/**
 * The plain input of the engine. model/ compiles a scenario document into a Spec;
 * tests and benchmarks build one directly. Every cross-reference is an index into
 * Spec::components, so the engine never looks up strings while it runs.
 *
 * The member initialisers below are for Specs built by hand (a service with one thread is
 * the M/M/1 server of the validation tests). They are not the format's defaults: a scenario
 * gets those from the rows of model/format/ScenarioSchema.cpp, and the compiler sets every
 * field of the Spec from the scenario, so nothing here reaches a scenario's run.
 */
namespace Sim {

/** Simulation time: an integer count of nanoseconds (ticks). */
using Tick = std::int64_t;
constexpr Tick kTicksPerSecond = 1'000'000'000;
constexpr Tick kTicksPerMs = 1'000'000;

inline Tick secondsToTicks(double s)
{
    return static_cast<Tick>(s * 1e9 + 0.5);
}
inline double ticksToMs(Tick t)
{
    return static_cast<double>(t) * 1e-6;
}
inline double ticksToSeconds(Tick t)
{
    return static_cast<double>(t) * 1e-9;
}

/** A random duration in milliseconds (see scenario-format.md, "Distributions"). */
struct Distribution
{
    enum class Kind : std::uint8_t { Const, Exp, Uniform, Lognormal, Erlang };
    Kind kind = Kind::Const;
    double a = 0; ///< const: value; exp, lognormal, erlang: mean; uniform: min
    double b = 0; ///< uniform: max; lognormal: standard deviation
    int k = 1;    ///< erlang: number of phases

    static Distribution constant(double v) { return {Kind::Const, v, 0, 1}; }
    static Distribution exponential(double mean) { return {Kind::Exp, mean, 0, 1}; }
    static Distribution uniform(double lo, double hi) { return {Kind::Uniform, lo, hi, 1}; }
    static Distribution lognormal(double mean, double sd) { return {Kind::Lognormal, mean, sd, 1}; }
    static Distribution erlang(int k, double mean) { return {Kind::Erlang, mean, 0, k}; }

    double mean() const { return kind == Kind::Uniform ? (a + b) / 2 : a; }
    bool operator==(const Distribution &) const = default;
};

/** Circuit breaker on calls from one component to one target (closed, open, half-open). */
struct CircuitBreaker
{
    bool enabled = false;
    double failureRate = 0.5; ///< open when this fraction of the window's calls failed...
    int minimumCalls = 20;    ///< ...and the window holds at least this many calls
    int window = 100;         ///< count-based sliding window of call outcomes
    double openS = 5;         ///< time in open before half-open
    int halfOpenCalls = 3;    ///< trial calls in half-open; all must succeed to close
    bool operator==(const CircuitBreaker &) const = default;
};

/**
 * The network a call step crosses (docs/scenario-format.md, "Network"): a one-way latency on
 * the request and again on the response, and a link of `bandwidthMbps` in each direction
 * between the caller and the target, shared by its concurrent transfers (processor sharing).
 * The compiler fills it in for the call steps it applies to; disabled, the call goes straight
 * to its target, as it did before networks existed.
 */
struct Network
{
    bool enabled = false;
    Distribution latency;     ///< ms, one way
    double bandwidthMbps = 0; ///< megabits per second, each direction; 0 = unlimited
    bool operator==(const Network &) const = default;
};

/**
 * A service's response compression: each response costs cpuMsPerKb x its size in KB of CPU on
 * the replica's cores and goes on the wire `ratio` times smaller.
 */
struct Compression
{
    bool enabled = false;
    double ratio = 1;
    double cpuMsPerKb = 0;
    bool operator==(const Compression &) const = default;
};

/** One step of a handler. Nested lists (parallel branches, probability) live in `steps`. */
struct Step
{
    enum class Kind : std::uint8_t { Cpu, Io, Call, Parallel, Probability, Cache, Publish };
    Kind kind = Kind::Cpu;
    Distribution duration; ///< Cpu, Io: milliseconds
    bool offload = false;  ///< Cpu on an event loop: run on the worker-thread pool
    int target = -1;       ///< Call, Cache, Publish: index of the component
    std::string
        request; ///< Call: request name at the target (empty = the current one); Publish: message
    double timeoutMs = 0;         ///< Call: 0 = no timeout
    int retries = 0;              ///< Call: extra attempts after a failure or timeout
    double backoffMs = 0;         ///< Call: wait before the first retry
    double backoffMultiplier = 2; ///< Call: each further retry waits this much longer
    double backoffMaxMs = 1e9;    ///< Call: cap on one wait
    double jitter = 0;            ///< Call: each wait uniform within +/- this fraction
    double retryBudget = 0;       ///< Call: retries at most this fraction of calls (0 = no budget)
    int bulkhead
        = 0; ///< Call: most concurrent calls per caller replica, more are rejected (0 = none)
    CircuitBreaker breaker;     ///< Call
    Network network;            ///< Call: the network it crosses (disabled: none)
    std::vector<Step> fallback; ///< Call: run when the call finally fails; success continues
    double probability = 1;     ///< Probability
    std::uint64_t keys = 1;     ///< Cache: number of distinct keys
    double zipf = 0;            ///< Cache: Zipf exponent of key popularity (0 = uniform)
    std::vector<Step>
        steps; ///< Parallel: one step per branch; Probability: the steps; Cache: on_miss

    bool operator==(const Step &) const = default;
};

enum class ComponentKind : std::uint8_t {
    Service,
    LoadBalancer,
    Gateway,
    Database,
    External,
    Cache,
    Queue
};
enum class EvictionPolicy : std::uint8_t {
    Lru,
    Lfu,
    Fifo,
    Random,
    ApproxLru,
    ApproxLfu,
    SegmentedLru
};
enum class StampedeProtection : std::uint8_t { None, Lock, StaleWhileRevalidate };
enum class Overflow : std::uint8_t { RejectPublish, DropHead, RejectPublishDlx };
enum class Exchange : std::uint8_t { Direct, Fanout };
enum class Balancing : std::uint8_t { RoundRobin, Random, LeastOutstanding, PowerOfTwo };
enum class ConcurrencyModel : std::uint8_t { ThreadPool, EventLoop };

/** The format word of `k`: kindTraits(k).word (KindTraits.h has the other facts of a kind). */
const char *componentKindName(ComponentKind k);

struct Handler
{
    std::string request; ///< request or message name
    std::vector<Step> steps;
    bool operator==(const Handler &) const = default;
};

struct Route
{
    int target = -1;
    double weight = 1;
    bool operator==(const Route &) const = default;
};

struct RouteTable
{
    std::string request; ///< "*" is the default route table
    std::vector<Route> routes;
    bool operator==(const RouteTable &) const = default;
};

struct Query
{
    std::string name; ///< "*" is the default query
    Distribution duration;
    bool operator==(const Query &) const = default;
};

struct Pool
{
    int target = -1; ///< component index
    int size = 1;    ///< most calls outstanding at once, per replica of the caller
    bool operator==(const Pool &) const = default;
};

/** Kubernetes HPA semantics (see docs/scenario-format.md for the formula). */
struct Autoscaling
{
    bool enabled = false;
    int minReplicas = 1;
    int maxReplicas = 1;
    double targetUtilization = 0.7; ///< of the requested CPU
    double intervalS = 15;          ///< evaluation period (HPA sync period)
    double scaleUpStabilizationS = 0;
    double scaleDownStabilizationS = 300;
    double tolerance = 0.1; ///< no change while |ratio - 1| <= tolerance
    bool operator==(const Autoscaling &) const = default;
};

enum class RestartPolicy : std::uint8_t { Always, OnFailure, No };

struct HealthCheck
{
    bool enabled = false;
    double intervalS = 10;
    int failureThreshold = 3; ///< consecutive failed checks before the replica leaves balancing
    bool operator==(const HealthCheck &) const = default;
};

struct Consumer
{
    int service = -1;    ///< component index of the consuming service
    int count = 1;       ///< channels (consumers)
    int prefetch = 1;    ///< unacknowledged messages per channel
    bool requeue = true; ///< a failed message goes back to the queue; false: dead-lettered
    bool operator==(const Consumer &) const = default;
};

struct Component
{
    std::string id;
    ComponentKind kind = ComponentKind::Service;

    // service
    int replicas = 1;
    double cpuCores = 1;
    ConcurrencyModel concurrency = ConcurrencyModel::ThreadPool;
    int threads = 1;                                  ///< thread_pool
    int queueLimit = std::numeric_limits<int>::max(); ///< thread_pool accept queue
    int workers = 1;                                  ///< event_loop processes per replica
    int workerThreads = 4;                            ///< event_loop offload pool per worker
    Balancing balancing = Balancing::RoundRobin;      ///< how callers pick a replica
    Autoscaling autoscaling;
    double startupS = 0;     ///< cold start: a new or restarted replica takes traffic after this
    double memoryMb = 0;     ///< limit per replica, 0 = none; exceeding it kills the replica (OOM)
    double memoryBaseMb = 0; ///< footprint of an idle replica
    double memoryPerRequestMb = 0; ///< per request at the replica (queued or in progress)
    RestartPolicy restart = RestartPolicy::Always;
    double restartBackoffS = 10; ///< first crash-loop back-off, doubled per crash
    double restartBackoffMaxS = 300;
    HealthCheck healthCheck;
    Compression compression; ///< of its responses
    std::vector<Pool> pools;
    std::vector<Handler> handlers;

    // load_balancer (policy, targets), gateway (routes), external: latency
    Balancing policy = Balancing::RoundRobin;
    std::vector<int> targets;
    Distribution latency; ///< milliseconds
    std::vector<RouteTable> routes;

    // database
    int maxConnections = 1;
    std::vector<Query> queries;

    // external
    double errorRate = 0;

    // cache
    EvictionPolicy eviction = EvictionPolicy::Lru;
    std::uint64_t capacityKeys = 1000;
    int evictionSamples = 5; ///< approx_lru / approx_lfu
    double ttlS = 0;         ///< 0 = keys never expire
    double ttlJitter = 0;    ///< each TTL uniform within +/- this fraction
    Distribution hitLatency = Distribution::constant(0.3);  ///< ms, network + reply
    Distribution missLatency = Distribution::constant(0.3); ///< ms
    StampedeProtection stampede = StampedeProtection::None;
    int commandThreads = 1;                                 ///< Redis 1, Memcached 4
    Distribution commandCpu = Distribution::constant(0.01); ///< ms of server CPU per command

    // queue
    bool durable = true;
    Distribution publishLatency = Distribution::constant(0.5);  ///< ms until the broker confirms
    Distribution deliveryLatency = Distribution::constant(0.5); ///< ms, ack round trip
    std::int64_t maxLength = -1; ///< ready messages per queue, -1 = unbounded
    Overflow overflow = Overflow::RejectPublish;
    Exchange exchange = Exchange::Direct;
    std::vector<Consumer> consumers;
    int deadLetter = -1;     ///< queue index that takes the dead letters, -1 = none (dropped)
    double messageTtlMs = 0; ///< a ready message older than this expires; 0 = never

    bool operator==(const Component &) const = default;
};

enum class ArrivalKind : std::uint8_t { Poisson, Constant, Ramp, Spike, Bursty, Diurnal };

struct RequestType
{
    std::string name;
    double weight = 1;
    bool operator==(const RequestType &) const = default;
};

/**
 * The payload sizes of a request type, in KB (1000 bytes): of every request and response of
 * its name (the workload's and the calls' that use the name). What a network's links carry.
 */
struct Payload
{
    Distribution requestKb, responseKb;
    bool operator==(const Payload &) const = default;
};

struct Workload
{
    int entry = 0;
    ArrivalKind arrivals = ArrivalKind::Poisson;
    double ratePerS = 1; ///< poisson, constant; the base rate of spike
    // ramp: Poisson whose rate goes linearly from `from` to `to` over `over` seconds from `start`
    double rampFrom = 0, rampTo = 0, rampOverS = 1, rampStartS = 0;
    // spike: rate ratePerS, and `peak` from `at` for `length` seconds
    double spikePeak = 0, spikeAtS = 0, spikeLengthS = 0;
    // bursty: two-state Markov-modulated Poisson; mean sojourn in each state
    double burstLowRate = 0, burstHighRate = 0, burstLowMeanS = 1, burstHighMeanS = 1;
    // diurnal: mean * (1 + amplitude * sin(2 pi (t - peakAt) / period + pi / 2)), peak at peakAt
    double diurnalMean = 0, diurnalAmplitude = 0, diurnalPeriodS = 86400, diurnalPeakAtS = 0;
    std::vector<RequestType> requests;
    /// the payload of requests[i] (may be shorter than `requests`: the rest carry none)
    std::vector<Payload> payloads;
    bool operator==(const Workload &) const = default;
};

struct Fault
{
    enum class Kind : std::uint8_t { KillInstance, Outage, Latency, Errors };
    Kind kind = Kind::KillInstance;
    int target = -1;
    double atS = 0;
    double untilS = 0;    ///< outage, latency, errors: end of the window
    int count = 1;        ///< kill_instance: replicas killed
    Distribution latency; ///< latency: added to every visit (ms)
    double errorRate = 0; ///< errors: probability that a visit fails
    bool operator==(const Fault &) const = default;
};

struct Spec
{
    std::string name;
    double durationS = 60;
    double warmupS = 0;
    double bucketS = 1;
    std::uint64_t seed = 1;
    int replications = 1;
    /// Memory the run may hold, all its replications together, in MiB; 0 = the default
    /// (defaultMemoryBudgetBytes(), Simulation.h). Past it the run stops with a verdict.
    double maxMemoryMb = 0;
    Workload workload;
    std::vector<Component> components;
    std::vector<Fault> faults;
    bool operator==(const Spec &) const = default;
};

/**
 * Engine-level consistency check of a Spec (indices in range, positive rates, ...).
 * model/ validates the document with JSON paths first; this is the engine's own guard
 * so that a hand-built Spec can never crash it. Returns an empty list when the Spec is fine.
 */
std::vector<std::string> checkSpec(const Spec &spec);

} // namespace Sim
