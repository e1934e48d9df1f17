// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the engine: the state of one replication (EngineImpl) and its records. Front
// ends include Engine.h or Simulation.h, never this file. EngineImpl's members are defined
// by concern:
//
//   EngineSetup.cpp     the constructor: names, compiled handler programs, replicas, series
//   EngineLoop.cpp      the event loop, warm-up, series buckets, the replication's results
//   EngineJobs.cpp      the workload, jobs at each kind of component, balancing
//   EngineReplicas.cpp  replica lifecycle: crashes, restarts, health checks, autoscaling, faults
//   EngineFrames.cpp    handler frames and their steps; calls, retries, breakers, timeouts
//   EngineCaches.cpp    look-aside caches and their stampede protections
//   EngineQueues.cpp    queues: channels with prefetch and acks
//   EngineCpu.cpp       processor sharing on each replica's cores, event loops
//
// The helpers called at every visit (new jobs and frames, picking a replica, submitting CPU
// work) are defined at the end of this file, inline, so that every file that calls them can
// still inline them, as the single Engine.cpp of before did.

#include "Engine.h"

#include "CacheStore.h"
#include "EventQueue.h"
#include "GrowArray.h"
#include "Histogram.h"
#include "KindTraits.h"
#include "Random.h"
#include "Statistics.h"
#include "Trace.h"
#include "Zipf.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// The engine dispatches on component kind with a switch: the kinds are a closed set inside
// the engine, and a switch on a small enum keeps the per-event path free of virtual calls
// (the registry of STYLE.md #10 lives in model/ and ui/, where kinds are extended).

namespace Sim::Internal {

constexpr std::uint32_t kNone = 0xffffffffu;
constexpr double kMiB = 1024.0 * 1024.0;

/** Growable ring buffer; no allocation once it has reached its peak size. */
template<typename T>
class Fifo
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    /// Memory it holds (its storage, used or not); within `soon` entries of doubling, three
    /// times as much: the old and the new storage are held together while it grows.
    std::size_t bytes(std::size_t soon = 0) const
    {
        const std::size_t n = m_buf.capacity();
        return (n > 0 && n - m_size < soon ? 3 * n : n) * sizeof(T);
    }
    void push(const T &v)
    {
        if (m_size == m_buf.size())
            grow();
        m_buf[(m_head + m_size) & (m_buf.size() - 1)] = v;
        ++m_size;
    }
    const T &front() const { return m_buf[m_head]; }
    void pushFront(const T &v)
    {
        if (m_size == m_buf.size())
            grow();
        m_head = (m_head + m_buf.size() - 1) & (m_buf.size() - 1);
        m_buf[m_head] = v;
        ++m_size;
    }
    T pop()
    {
        T v = m_buf[m_head];
        m_head = (m_head + 1) & (m_buf.size() - 1);
        --m_size;
        return v;
    }

private:
    void grow()
    {
        const std::size_t n = m_buf.empty() ? 8 : m_buf.size() * 2;
        std::vector<T> nb(n);
        for (std::size_t i = 0; i < m_size; ++i)
            nb[i] = m_buf[(m_head + i) & (m_buf.size() - 1)];
        m_buf.swap(nb);
        m_head = 0;
    }
    std::vector<T> m_buf;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

/**
 * Index-addressed object pool with a free list; indices stay valid until released. Its items
 * and free list are GrowArrays (pools `Pool` and `Pool + 1`): growing copies nothing, and
 * the next replication on the thread finds the pages this one touched.
 */
template<typename T, int Pool>
class Arena
{
public:
    std::uint32_t alloc()
    {
        if (!m_free.empty()) {
            const std::uint32_t i = m_free.back();
            m_free.pop_back();
            m_items[i] = T{};
            return i;
        }
        m_items.emplace_back();
        return static_cast<std::uint32_t>(m_items.size() - 1);
    }
    void release(std::uint32_t i) { m_free.push_back(i); }
    T &operator[](std::uint32_t i) { return m_items[i]; }
    std::size_t capacity() const { return m_items.size(); }
    std::size_t live() const { return m_items.size() - m_free.size(); }
    /// Memory it holds (its storage, used or not); when fewer than `soon` more items fit
    /// before its storage doubles, three times as much, as a vector holds its old and new
    /// storage together while it grows. A GrowArray grows in place, so that is an upper
    /// bound now; it stays the measure of the budget and of the reported peak, which are
    /// therefore what they were.
    std::size_t bytes(std::size_t soon = 0) const
    {
        std::size_t n = m_items.capacity();
        if (n > 0 && n - m_items.size() + m_free.size() < soon)
            n *= 3;
        return n * sizeof(T) + m_free.capacity() * sizeof(std::uint32_t);
    }
    /// Calls f(item) for every item allocated and not released (O(capacity); for the end of
    /// a run, not for the event path).
    template<typename F>
    void forEachLive(F f) const
    {
        std::vector<bool> released(m_items.size(), false);
        for (std::size_t k = 0; k < m_free.size(); ++k)
            released[m_free[k]] = true;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            if (!released[i])
                f(m_items[i]);
        }
    }

private:
    GrowArray<T, Pool> m_items;
    GrowArray<std::uint32_t, Pool + 1> m_free;
};

enum EventType : std::uint32_t {
    EvEnd,
    EvWarmup,
    EvBucket,
    EvArrival,
    EvResume,       // a = frame: an io_ms step ended
    EvDelay,        // a = job: load balancer / gateway / external latency ended
    EvDbDone,       // a = job: a database query ended
    EvCpu,          // a = replica, b = generation: next processor-sharing completion
    EvTimeout,      // a = timeout lane: its earliest deadline is due
    EvCacheCmd,     // a = job: a cache server thread finished a command
    EvChannelFree,  // a = channel: an ack reached the broker, the prefetch slot is free
    EvRateChange,   // spike edges, bursty state changes: the arrival rate steps
    EvRetry,        // a = frame, b = token: a retry's back-off ended
    EvDispatch,     // a = job: an injected latency ended, admit the job now
    EvReplicaStart, // a = replica: restart after back-off, or scale-up: cold start begins
    EvReplicaReady, // a = replica, b = epoch: cold start over, takes traffic
    EvHealth,       // a = replica: periodic health check
    EvAutoscale,    // a = component: autoscaler evaluation
    EvFaultStart,   // a = fault
    EvFaultEnd,     // a = fault
    EvExpire,       // a = queue component, b = its queue (fanout group) << 32 | generation
    EvNet,          // a = hop: a network hop's latency ended
    EvPipe,         // a = pipe, b = generation: next processor-sharing transfer completion
    EvCpuDone,      // a = CPU task (frame, or job | kJobTask), b = replica: a step with a core
                    // to itself ended (Comp::directCpu)
};

enum class ReplicaState : std::uint8_t { Stopped, Starting, Ready, Dead, Draining };

enum JobOp : std::uint8_t { OpNone, OpGet, OpSet, OpPublish };

struct CStep
{
    Step::Kind kind;
    bool offload;
    std::int32_t target;
    std::int32_t name; // -1 = the current request's name
    Tick timeout;
    std::int32_t retries;
    double probability;
    Distribution duration;
    std::uint32_t child;      // first child list
    std::uint32_t childCount; // number of child lists
    std::uint32_t lane;       // Call with a timeout: its timeout lane
    std::uint32_t sampler;    // Cache: key sampler
    std::uint64_t keyOffset;  // Cache: first key of this step's key range in the cache
    std::uint32_t fallback;   // Call: list run when the call finally fails, kNone = none
    std::uint32_t link;       // Call: breaker / retry budget of (caller, target), kNone = none
    std::int32_t bulkhead;    // Call: bulkhead index in the caller's replica, -1 = none
    Tick backoff;             // Call: first retry wait
    double multiplier, jitter;
    Tick backoffMax;
    std::uint32_t net; // Call: its network (m_nets), kNone = none
    bool compress;     // Cpu: the response compression appended to a handler
};

/** Circuit breaker and retry budget of the calls from one component to one target. */
struct CallLink
{
    enum State : std::uint8_t { Closed, Open, HalfOpen };
    CircuitBreaker config;
    double budgetRatio = 0;
    double budgetTokens = 10; // retries allowed before the ratio has earned any
    State state = Closed;
    std::vector<std::uint8_t> outcomes; // ring buffer, 1 = failure
    std::size_t head = 0, count = 0, failures = 0;
    Tick openUntil = 0;
    int trialsIssued = 0, trialsSucceeded = 0;
    std::uint32_t comp = 0;
    std::string target;
};

/**
 * Pending timeouts of one duration. Calls with the same timeout expire in the order they
 * were made, so a FIFO holds them sorted and only its head needs an event in the heap:
 * the heap stays small however many calls are in flight, and a call that returns in time
 * costs no heap operation (its entry is skipped when it reaches the head).
 */
struct TimeoutLane
{
    struct Entry
    {
        Tick deadline;
        std::uint32_t frame;
        std::uint64_t token;
    };
    Fifo<Entry> queue;
    bool scheduled = false;
};

struct CList
{
    std::uint32_t begin = 0, end = 0;
    /// A handler of one CPU step (not offloaded, no compression): its step, else kNone. A
    /// thread-pool service runs it without a frame (startServiceJob, the frameless path).
    std::uint32_t soloCpu = kNone;
};

/// A CPU task of the frameless path names its job, with this bit set, instead of a frame.
inline constexpr std::uint32_t kJobTask = 0x80000000u;

// Laid out without padding (96 bytes): a job is value-initialised at every visit.
struct Job
{
    Tick arrival = 0;
    std::uint64_t callerToken = 0;
    std::uint64_t key = 0; // cache key (commands, refreshes)
    Tick published = 0;    // a delivered message: when it was published
    std::uint32_t comp = 0;
    std::uint32_t replica = kNone; // global replica index, services only
    std::uint32_t name = 0;        // request name at this component
    std::uint32_t callerFrame = kNone;
    std::uint32_t parentJob = kNone; // load balancer / gateway that forwarded this job
    std::uint32_t type = kNone;      // workload request type, top-level jobs only
    std::int32_t poolSlot = -1;      // caller's connection pool slot this call holds
    std::uint32_t worker = 0;        // event loop worker
    std::uint32_t cacheComp = kNone; // refresh: the cache to fill
    std::uint32_t channel = kNone;   // a delivered message: its consumer channel
    std::int32_t bulkheadSlot = -1;  // caller's bulkhead slot this call holds
    std::uint32_t prevAtReplica = kNone, nextAtReplica = kNone; // jobs at a replica
    JobOp op = OpNone;                                          // cache command or publish
    CacheStore::Lookup result = CacheStore::Lookup::Miss;
    bool queued = false;     // waiting in an accept or connection queue
    bool hasThread = false;  // holds one of a thread pool's threads
    bool background = false; // a stale-while-revalidate refresh: no caller, no statistics
    bool dead = false;       // its replica crashed: frames unwind, no more notices
    bool delayed = false;    // an injected latency was applied
    bool measured = false;   // top-level: arrived after the warm-up, so its end is counted
};
static_assert(sizeof(Job) == 96);

struct Frame
{
    std::uint64_t token = 0; // call in flight (0 = none)
    Tick work = 0;           // pending CPU work
    std::uint32_t job = kNone;
    std::uint32_t parent = kNone;
    std::uint32_t begin = 0, end = 0, pc = 0;
    std::uint32_t pending = 0;
    std::int32_t attemptsLeft = 0;
    float responseKb = -1; // a call over a network: its compressed response size, once known
    std::uint64_t cacheKey = 0;
    std::int32_t bulkheadSlot = -1; // the bulkhead the pending attempt counts against
    bool failed = false;
    FailureReason reason = FailureReason::DependencyError;
};
static_assert(sizeof(Frame) == 64); // responseKb fills padding: no bigger than before

struct CpuTask
{
    double tag;
    std::uint32_t frame;
};

/** The network of a call step: its latency and the two directions of its link. */
struct CNet
{
    Distribution latency;    // one way
    bool noLatency = true;   // a constant 0: no event
    std::uint32_t forth = 0; // pipe caller -> target (requests)
    std::uint32_t back = 0;  // pipe target -> caller (responses)
};

/**
 * One direction of a link between two components: its transfers share the bandwidth as
 * processor sharing (each of n gets 1/n of it), with the virtual-time technique of the
 * replicas' cores. Work is in ticks at the full bandwidth.
 */
struct Pipe
{
    std::uint32_t from = 0, to = 0;
    double bandwidthMbps = 0; // 0: unlimited
    double ticksPerByte = 0;  // 0: unlimited
    double vtime = 0;
    Tick last = 0;
    std::vector<CpuTask> heap; // frame = hop
    std::uint64_t gen = 0;
    Tick scheduled = -1;
    TimeIntegral busy; // 1 while a transfer is on it
    double busy0 = 0;
    // after the warm-up
    std::uint64_t transfers = 0;
    double bytes = 0;
    double transferTicks = 0;
};

/**
 * A request or response on its way over a network: on the link (while `onPipe`), then for
 * the latency. A request carries its job (made, not yet dispatched); a response carries a
 * copy of the ended job, whose endCall() runs when it arrives.
 */
struct Hop
{
    Job job;
    std::uint32_t jobIndex = kNone; // request: the job to dispatch
    std::uint32_t net = 0;
    std::uint32_t pipe = 0;
    Tick started = 0;
    double bytes = 0;
    bool response = false;
    bool ok = true;
    FailureReason reason = FailureReason::Count;
};

struct Worker
{
    std::uint32_t current = kNone;
    Fifo<std::uint32_t> queue;
    int offloadBusy = 0;
    Fifo<std::uint32_t> offloadQueue;
};

struct PoolWait
{
    std::uint32_t frame;
    std::uint64_t token;
};

struct PoolState
{
    std::uint32_t target = 0;
    int size = 1;
    int outstanding = 0;
    Fifo<PoolWait> waiting;
};

struct Replica
{
    std::uint32_t comp = 0;
    int busyThreads = 0;
    int inFlight = 0;
    Fifo<std::uint32_t> acceptQueue;
    // processor sharing over the replica's cores
    double capacity = 1;
    double vtime = 0;
    Tick last = 0;
    std::vector<CpuTask> heap;
    std::uint64_t gen = 0;
    Tick scheduled = -1;
    TimeIntegral busy; // busy cores
    std::vector<Worker> workers;
    std::uint32_t nextWorker = 0;
    std::uint32_t poolBase = 0;
    std::uint32_t bulkheadBase = 0;
    // lifecycle
    ReplicaState state = ReplicaState::Stopped;
    bool routable = false; // balancers send it traffic
    bool detectedDown = false;
    int healthFailures = 0;
    int crashes = 0; // consecutive, for the crash-loop back-off
    Tick startedAt = 0;
    std::uint64_t epoch = 0; // bumped at every crash
    std::uint32_t jobHead = kNone;
    bool healthScheduled = false;
};

struct Message
{
    Tick published;
    std::uint32_t name;
};

struct QueueState
{
    Fifo<Message> ready;
    std::uint64_t unacked = 0;
    std::vector<std::uint32_t> channels;
    std::uint32_t rr = 0;
    // message TTL: the head's expiry has an event (FIFO: the head expires first); a newer
    // schedule (a requeued, older message at the head) makes the earlier event stale
    Tick expiryAt = -1;
    std::uint32_t expiryGen = 0;
};

struct Channel
{
    std::uint32_t queueComp = 0, queue = 0;
    std::uint32_t service = 0;
    int prefetch = 1;
    int inflight = 0;
    bool requeue = true; // a failed message goes back to the queue, else it is dead-lettered
};

struct Fill
{
    std::uint32_t inflight = 0;
    std::vector<PoolWait> waiters; // lock: requests waiting for this fill
};

/**
 * Drain of a queue's backlog after bursts. A burst starts when the backlog rises above the
 * level it rests at (outside a burst the resting level follows the backlog) and ends when
 * the backlog is back at or below it; the drain runs from the burst's peak (the last moment
 * at its highest backlog) to its end. O(1) per backlog change, constant memory.
 */
struct DrainTracker
{
    double rest = 0;
    bool open = false;
    double peak = 0;
    Tick peakAt = 0;
    Tick longest = 0;       // longest drain of the bursts that ended in the measured time
    double highestRise = 0; // peak - rest of the highest of them
};

struct Backend
{
    std::uint32_t comp;
    std::uint32_t replica; // kNone for non-services
};

struct Comp
{
    const Component *spec = nullptr;
    // copies of spec fields read at every visit (one load instead of two)
    ComponentKind kind = ComponentKind::Service;
    ConcurrencyModel concurrency = ConcurrencyModel::ThreadPool;
    std::vector<std::int32_t> handlerByName;          // name -> list, -1 none
    std::vector<std::int32_t> poolByTarget;           // component -> pool offset, -1 none
    std::uint32_t firstReplica = 0, replicaCount = 0; // replica slots (the most it may have)
    std::uint32_t rr = 0;
    // lifecycle of service replicas
    std::vector<std::uint32_t> routable; // replicas balancers may pick
    int desired = 0;                     // replicas asked for (autoscaler target)
    TimeIntegral readyReplicas;          // replicas Ready, over time
    double readyMin = 0, readyMax = 0, ready0 = 0;
    std::vector<std::int32_t> bulkheadByTarget; // component -> bulkhead offset, -1 none
    std::vector<int> bulkheadLimits;
    // autoscaler
    double scaleBusyLast = 0, scaleReadyLast = 0;
    std::vector<std::pair<Tick, int>> recommendations;
    // faults in force
    bool faulted = false; // any of the three below: dispatch checks this one flag
    int outages = 0;
    double injectedErrorRate = 0;
    std::vector<std::uint32_t> latencyFaults, errorFaults;
    // load balancer
    std::vector<Backend> backends;
    std::uint64_t backendsVersion = ~0ull;
    // gateway: name -> route table index
    std::vector<std::int32_t> routeByName;
    std::int32_t defaultRoute = -1;
    std::vector<std::vector<std::pair<std::uint32_t, double>>> routeTables; // cumulative weights
    // database connections, cache command threads: FIFO servers
    std::vector<std::int32_t> queryByName;
    std::int32_t defaultQuery = -1;
    int serversBusy = 0;
    int servers = 1;
    Fifo<std::uint32_t> serverQueue;
    TimeIntegral serverBusyArea;
    Random rng;
    // cache
    std::unique_ptr<CacheStore> store;
    std::uint64_t keySpace = 0;
    std::unordered_map<std::uint64_t, Fill> fills;
    std::uint64_t hits = 0, misses = 0, stampedeMisses = 0, staleHits = 0, lockWaits = 0;
    std::uint64_t evictions0 = 0, expirations0 = 0;
    std::uint64_t bucketHits = 0, bucketMisses = 0;
    Tick ttl = 0;
    // queue
    std::vector<QueueState> queues;
    std::uint64_t published = 0, consumed = 0, dropped = 0, redelivered = 0;
    std::uint64_t expired = 0, nacked = 0, deadLettered = 0;
    Tick messageTtl = 0;              // 0: messages never expire
    std::uint32_t deadLetter = kNone; // the queue component that takes the dead letters
    TimeIntegral backlog;
    double backlog0 = 0, backlogMax = 0;
    DrainTracker drain;
    Histogram messageAge;
    // statistics (counters after warm-up)
    std::uint64_t arrived = 0, completed = 0, failed = 0, rejected = 0;
    std::uint64_t failures[static_cast<int>(FailureReason::Count)] = {};
    Histogram latency;
    TimeIntegral inSystem, waiting;
    double inSystem0 = 0, waiting0 = 0, busy0 = 0; // areas at warm-up
    double busyLast = 0;                           // area at the last bucket
    double readyLast = 0;                          // ready-replica area at the last bucket
    std::uint64_t bucketEnded = 0;                 // visits that ended in this bucket
    // since the start, warm-up included: the rates of a verdict (RunStop)
    std::uint64_t visitsAll = 0, endedAll = 0, consumedAll = 0;
    bool canCrash = false; // an OOM limit or a kill fault: its replicas track their jobs
    /// A thread pool with no more threads than cores, no parallel branches and no cache
    /// on_miss steps (a refresh runs them beside the handler, without a thread): a CPU step
    /// never shares a core, so it runs as a plain delay (threadPoolCpu) instead of through
    /// the replica's processor-sharing heap. Off when a replica can crash: a crash unwinds
    /// the tasks in the heap. The same with a trace and without: a trace only reads.
    bool directCpu = false;
    double capacity = 1; // cores x replicas, or connections
};

struct TypeStats
{
    std::uint64_t arrived = 0, completed = 0, failed = 0;
    std::uint64_t failures[static_cast<int>(FailureReason::Count)] = {};
    Histogram latency;
};

/**
 * The balancing policies, one function for callers picking a replica and for load
 * balancers picking a backend: which of n >= 1 candidates takes the next request, given
 * each one's load. `rr` is the chooser's rotation (round robin, and where least
 * outstanding starts looking, so that equal candidates share the load). One candidate
 * is chosen without drawing a random number.
 */
template<typename Load>
std::uint32_t balance(Balancing policy, std::uint32_t n, std::uint32_t &rr, Random &rng, Load load)
{
    if (n == 1)
        return 0;
    switch (policy) {
    case Balancing::RoundRobin:
        return rr++ % n;
    case Balancing::Random:
        return rng.below(n);
    case Balancing::LeastOutstanding: {
        // ties: the first after the previous choice
        std::uint32_t best = rr % n;
        auto bestLoad = load(best);
        for (std::uint32_t k = 1; k < n; ++k) {
            const std::uint32_t i = (rr + k) % n;
            const auto l = load(i);
            if (l < bestLoad) {
                best = i;
                bestLoad = l;
            }
        }
        rr = (best + 1) % n;
        return best;
    }
    case Balancing::PowerOfTwo: {
        const std::uint32_t a = rng.below(n);
        std::uint32_t b = rng.below(n - 1);
        if (b >= a)
            ++b;
        return load(b) < load(a) ? b : a;
    }
    }
    return 0;
}

// A function object, not a function: std::push_heap and pop_heap inline its comparisons,
// where through a function pointer each one was a call (docs/performance.md, issue 14).
inline constexpr auto taskAfter = [](const CpuTask &x, const CpuTask &y) {
    return x.tag > y.tag || (x.tag == y.tag && x.frame > y.frame);
};

class EngineImpl
{
public:
    EngineImpl(const Spec &spec, int replication, const RunOptions &options);
    ReplicationResult run();

    std::atomic<double> m_progress{0};
    TraceSink *m_trace = nullptr; ///< watch mode's trace (EngineTrace.cpp); nullptr: none

private:
    // set-up
    std::uint32_t nameIndex(const std::string &name);
    std::uint32_t compileList(const std::vector<Step> &steps, bool compress = false);
    void compileStep(std::uint32_t at, const Step &s);

    // event handlers
    void onArrival();
    void onCpu(std::uint32_t replica, std::uint64_t gen);
    void onDelay(std::uint32_t job);
    void onDbDone(std::uint32_t job);
    void onTimeoutLane(std::uint32_t lane);
    void onCacheCommand(std::uint32_t job);
    void onChannelFree(std::uint32_t channel);
    void onExpire(std::uint32_t queueComp, std::uint64_t b);
    void scheduleLane(std::uint32_t lane);
    void onRetry(std::uint32_t frame, std::uint64_t token);
    void onRateChange(std::uint32_t edge);
    void onWarmup();
    // the memory budget (EngineLoop.cpp)
    std::uint64_t heldBytes() const;
    bool overBudget();
    RunStop stopVerdict(RunStop::Reason reason, std::uint64_t held) const;
    // replicas, faults, autoscaling
    void setRoutable(std::uint32_t replica, bool routable);
    void replicaStart(std::uint32_t replica);
    void replicaReady(std::uint32_t replica, std::uint64_t epoch);
    void crashReplica(std::uint32_t replica, const char *what);
    void stopIfDrained(std::uint32_t replica);
    void onHealth(std::uint32_t replica);
    void onAutoscale(std::uint32_t comp);
    void onFault(std::uint32_t fault, bool start);
    void addEvent(std::uint32_t comp, const char *what, std::string detail = {});
    void linkJob(std::uint32_t job);
    void unlinkJob(std::uint32_t job);
    double arrivalRate(Tick t) const;
    // calls
    bool callPermitted(std::uint32_t link);
    void recordCall(std::uint32_t link, bool ok);
    void emitBucket(Tick end);

    // jobs
    std::uint32_t newJob(std::uint32_t comp, std::uint32_t name);
    std::uint32_t pickReplica(Comp &c);
    void dispatch(std::uint32_t job);
    void dispatchVisit(std::uint32_t job); // dispatch's body (EngineJobs.cpp)
    /// `answered`: its response has crossed the call's network (or there is none to cross)
    void endCall(const Job &job, bool ok, FailureReason reason, bool answered = false);
    /// A top-level request ended after `latency` ticks (in bucket `bin` of the histograms).
    void requestEnded(const Job &job, bool ok, FailureReason reason, Tick latency, int bin);
    void setState(std::uint32_t replica, ReplicaState state);
    void startServiceJob(std::uint32_t job);
    void startQuery(std::uint32_t job);
    void startCommand(std::uint32_t job);
    void serverFreed(Comp &c);
    // caches
    void cacheReturned(std::uint32_t frame, CacheStore::Lookup result);
    void cacheFillDone(std::uint32_t frame);
    void issueSet(std::uint32_t cache, std::uint64_t key);
    void fillEnded(std::uint32_t cache, std::uint64_t key, bool ok, FailureReason reason);
    void startRefresh(std::uint32_t frame,
                      std::uint32_t cache,
                      std::uint64_t key,
                      std::uint32_t list);
    // queues
    void publishArrived(std::uint32_t job);
    void backlogChanged(Comp &c);
    void tryDeliver(std::uint32_t queueComp, std::uint32_t queue);
    void messageDone(const Job &job, bool ok);
    bool enqueue(std::uint32_t queueComp, std::uint32_t queue, const Message &m);
    void scheduleExpiry(std::uint32_t queueComp, std::uint32_t queue);
    void deadLetter(std::uint32_t fromComp, const Message &m);
    void forward(std::uint32_t job, std::uint32_t target, std::uint32_t replica);
    void jobDone(std::uint32_t job, bool ok, FailureReason reason);

    // frames
    std::uint32_t newFrame(std::uint32_t job, std::uint32_t parent, std::uint32_t list);
    void runFrame(std::uint32_t frame);
    void frameComplete(std::uint32_t frame);
    void frameFail(std::uint32_t frame, FailureReason reason);
    void startAttempt(std::uint32_t frame);
    void sendCall(std::uint32_t frame, std::uint64_t token, std::int32_t poolSlot);
    void callReturned(std::uint32_t frame, bool ok, FailureReason reason);

    // network (EngineNetwork.cpp)
    void startHop(const Job &job,
                  std::uint32_t jobIndex,
                  std::uint32_t net,
                  bool response,
                  bool ok,
                  FailureReason reason);
    void hopOffPipe(std::uint32_t hop);
    void onNet(std::uint32_t hop);
    void onPipe(std::uint32_t pipe, std::uint64_t gen);
    void pipeAdvance(Pipe &p);
    void pipeReschedule(std::uint32_t pipe);
    void pipeCount(Pipe &p, double bytes, Tick onPipe);
    Tick compressWork(std::uint32_t frame);
    std::uint32_t pipeIndex(std::uint32_t from, std::uint32_t to, double bandwidthMbps);
    double payloadKb(std::uint32_t name, bool response, Random &rng);

    // CPU
    void submitCpu(std::uint32_t frame, Tick work, bool offload);
    void cpuAdd(std::uint32_t replica, std::uint32_t frame, Tick work);
    void threadPoolCpu(const Comp &c, std::uint32_t replica, std::uint32_t task, Tick work);
    void cpuAdvance(Replica &r);
    void cpuReschedule(std::uint32_t replica);
    void cpuTaskDone(std::uint32_t task);
    void cpuFrameDone(std::uint32_t frame);
    void startLoopTask(std::uint32_t replica, Worker &w, std::uint32_t frame);

    // prefetching the state of the events coming up (EngineLoop.cpp)
    void prefetchAhead();

    // watch mode's trace (EngineTrace.cpp): called only when m_trace is set
    void traceStart();
    void traceBegin(std::uint32_t job);
    void traceEnd(std::uint32_t job, bool ok, FailureReason reason);
    void traceLevels();

    double ps(const Replica &r) const
    {
        const auto n = static_cast<double>(r.heap.size());
        return n <= r.capacity ? 1.0 : r.capacity / n;
    }

    const Spec &m_spec;
    RunOptions m_options;
    int m_replication;
    EventQueue m_events;
    Tick m_now = 0;
    Tick m_duration = 0, m_warmup = 0, m_bucket = 0;
    bool m_measuring = false;
    bool m_cancelled = false;
    RunStop m_stop;                  // set when the run stopped early
    std::uint64_t m_budgetBytes = 0; // this replication's memory budget
    std::uint64_t m_peakHeld = 0;    // the most heldBytes() seen
    bool m_anyCanCrash = false;      // some replica can crash: only then can a job be dead
    /// Handlers of one CPU step run without a frame: no replica can crash (whose tasks unwind
    /// through their frames) and no trace (which follows frames) is taken.
    bool m_frameless = false;

    std::unordered_map<std::string, std::uint32_t> m_nameIds;
    std::vector<CStep> m_steps;
    std::vector<CList> m_lists;
    std::vector<Comp> m_comps;
    std::vector<Replica> m_replicas;
    std::vector<PoolState> m_pools;
    std::vector<TimeoutLane> m_lanes;
    std::vector<ZipfSampler> m_samplers;
    std::vector<Channel> m_channels;
    std::vector<CallLink> m_links;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> m_linkIndex;
    std::vector<int> m_bulkheads; // in-flight calls per (replica, bulkhead)
    // network: only scenarios with one have nets and pipes
    bool m_hasNetwork = false;
    std::vector<CNet> m_nets;
    std::vector<Pipe> m_pipes;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> m_pipeIndex;
    Arena<Hop, kPoolHops> m_hops;
    std::vector<Payload> m_payloads; // by name id (names past its end: no payload)
    Random m_netRng;
    std::uint64_t m_topologyVersion = 0; // bumped when a replica becomes (un)routable
    std::vector<RunEvent> m_timeline;
    std::uint64_t m_timelineDropped = 0;
    std::uint32_t m_compiling = 0; // component whose handlers are being compiled
    std::unordered_map<Tick, std::uint32_t> m_laneByTimeout;
    Arena<Job, kPoolJobs> m_jobs;
    Arena<Frame, kPoolFrames> m_frames;
    std::uint64_t m_nextToken = 1;
    std::vector<CpuTask> m_due;

    // workload
    Random m_arrivalRng, m_typeRng;
    std::vector<double> m_typeCumulative;
    std::vector<std::uint32_t> m_typeName;
    Tick m_meanGap = 0;   // constant arrivals
    double m_rateMax = 0; // thinning bound of ramp and diurnal arrivals
    double m_rate = 0;    // current rate of piecewise-constant arrivals (spike, bursty)
    double m_gapMs = 0;   // 1000 / m_rate: mean gap of the current rate, ms
    bool m_burstHigh = false;
    // The next arrival waits outside the event heap: there is always exactly one, and a rate
    // change replaces it. It still takes its sequence number when scheduled, so events run
    // in the same (time, seq) order as if it were in the heap; it saves a push and a pop
    // per request.
    Tick m_arrivalAt = -1; // -1: none (a rate of 0)
    std::uint64_t m_arrivalSeq = 0;
    void scheduleArrival(Tick at)
    {
        m_arrivalAt = at;
        m_arrivalSeq = m_events.takeSeq();
    }

    // statistics
    std::vector<TypeStats> m_types;
    std::uint64_t m_eventCount = 0;
    // series
    std::vector<std::string> m_seriesKeys;
    std::vector<std::vector<double>> m_seriesValues;
    std::vector<double> m_tS;
    std::vector<double> m_bucketRow;
    Histogram m_bucketLatency;
    std::uint64_t m_bucketArrivals = 0, m_bucketCompleted = 0, m_bucketFailed = 0;
    Tick m_bucketStart = 0;
    int m_bucketIndex = 0;
    // trace: the levels last reported per component
    std::vector<TraceRecord> m_traceLevels;
};

// ---------------------------------------------------------------------------------------
// the per-event helpers: jobs (EngineJobs.cpp), frames (EngineFrames.cpp), replicas
// (EngineReplicas.cpp), CPU (EngineCpu.cpp)

inline std::uint32_t EngineImpl::newJob(std::uint32_t comp, std::uint32_t name)
{
    const std::uint32_t j = m_jobs.alloc();
    Job &job = m_jobs[j];
    job.arrival = m_now;
    job.comp = comp;
    job.name = name;
    return j;
}

inline std::uint32_t EngineImpl::pickReplica(Comp &c)
{
    const auto n = static_cast<std::uint32_t>(c.routable.size());
    if (n == 0)
        return kNone;
    if (n == 1)
        return c.routable[0];
    const std::uint32_t *routable = c.routable.data();
    return routable[balance(c.spec->balancing, n, c.rr, c.rng, [this, routable](std::uint32_t i) {
        return m_replicas[routable[i]].inFlight;
    })];
}

inline void EngineImpl::startServiceJob(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    if (c.concurrency == ConcurrencyModel::ThreadPool) {
        ++m_replicas[job.replica].busyThreads;
        job.hasThread = true;
    }
    const std::int32_t list = c.handlerByName[job.name];
    if (list < 0) {
        jobDone(j, false, FailureReason::NoHandler);
        return;
    }
    if (m_frameless && c.concurrency == ConcurrencyModel::ThreadPool) {
        // the frameless path: what runFrame, submitCpu and cpuTaskDone do for a handler of one
        // CPU step (the same draw from the same generator), without a frame to allocate, step
        // through and release; the job itself is the task (docs/performance.md, issue 14)
        const std::uint32_t solo = m_lists[static_cast<std::size_t>(list)].soloCpu;
        if (solo != kNone) {
            threadPoolCpu(c, job.replica, j | kJobTask, c.rng.sampleTicks(m_steps[solo].duration));
            return;
        }
    }
    const std::uint32_t f = newFrame(j, kNone, static_cast<std::uint32_t>(list));
    runFrame(f);
}

inline void EngineImpl::linkJob(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Replica &r = m_replicas[job.replica];
    job.prevAtReplica = kNone;
    job.nextAtReplica = r.jobHead;
    if (r.jobHead != kNone)
        m_jobs[r.jobHead].prevAtReplica = j;
    r.jobHead = j;
}

inline std::uint32_t EngineImpl::newFrame(std::uint32_t job,
                                          std::uint32_t parent,
                                          std::uint32_t list)
{
    const std::uint32_t f = m_frames.alloc();
    Frame &fr = m_frames[f];
    fr.job = job;
    fr.parent = parent;
    fr.begin = m_lists[list].begin;
    fr.end = m_lists[list].end;
    fr.pc = 0;
    return f;
}

inline void EngineImpl::cpuAdvance(Replica &r)
{
    if (!r.heap.empty())
        r.vtime += static_cast<double>(m_now - r.last) * ps(r);
    r.last = m_now;
}

inline void EngineImpl::cpuReschedule(std::uint32_t ri)
{
    Replica &r = m_replicas[ri];
    if (r.heap.empty()) {
        r.scheduled = -1;
        return;
    }
    const double remaining = std::max(0.0, r.heap.front().tag - r.vtime);
    // ceil(remaining / ps - 1e-9) by hand: std::ceil is a library call without SSE4.1, and
    // the argument is > -1, where truncation and one step up give the same value; at a share
    // of 1 (no more tasks than cores) without the division, whose result is the same
    const double share = ps(r);
    const double wall = (share == 1.0 ? remaining : remaining / share) - 1e-9;
    Tick delay = static_cast<Tick>(wall);
    if (static_cast<double>(delay) < wall)
        ++delay;
    const Tick at = m_now + delay;
    if (at == r.scheduled)
        return;
    r.scheduled = at;
    m_events.push(at, EvCpu, ri, ++r.gen);
}

inline void EngineImpl::cpuAdd(std::uint32_t ri, std::uint32_t f, Tick work)
{
    Replica &r = m_replicas[ri];
    if (r.heap.empty() && r.capacity >= 1.0) {
        // an idle replica with a core or more, the common case: a direct start at virtual
        // time 0, as below (and as cpuAdvance would leave it), without the heap's sifting and
        // cpuReschedule's arithmetic: at a share of 1 its ceil(max(0, work) - 1e-9) is
        // max(0, work) itself for every tick count below 2^53
        r.last = m_now;
        r.vtime = 0;
        r.heap.push_back({static_cast<double>(work), f});
        r.busy.set(m_now, 1.0);
        const Tick at = m_now + std::max<Tick>(work, 0);
        if (at != r.scheduled) {
            r.scheduled = at;
            m_events.push(at, EvCpu, ri, ++r.gen);
        }
        return;
    }
    cpuAdvance(r);
    if (r.heap.empty())
        r.vtime = 0; // keeps tags small, so doubles stay exact on long runs
    r.heap.push_back({r.vtime + static_cast<double>(work), f});
    std::push_heap(r.heap.begin(), r.heap.end(), taskAfter);
    r.busy.set(m_now, std::min(static_cast<double>(r.heap.size()), r.capacity));
    cpuReschedule(ri);
}

/**
 * A CPU step of a thread-pool service (a frame, or a job with kJobTask). On a replica of a
 * directCpu component it has a core to itself, so it ends after exactly `work` ticks, as the
 * processor-sharing heap would end it at a share of 1 (at the same time and, with one
 * thread, by an event pushed at the same point), without the heap, its virtual clock and its
 * rescheduling; elsewhere it joins the heap.
 */
inline void EngineImpl::threadPoolCpu(const Comp &c,
                                      std::uint32_t ri,
                                      std::uint32_t task,
                                      Tick work)
{
    if (!c.directCpu) {
        cpuAdd(ri, task, work);
        return;
    }
    m_replicas[ri].busy.add(m_now, 1);
    m_events.push(m_now + std::max<Tick>(work, 0), EvCpuDone, task, ri);
}

/** A CPU step ended, from the heap or as a plain delay (onCpu, EvCpuDone). */
inline void EngineImpl::cpuTaskDone(std::uint32_t task)
{
    if (task & kJobTask) // the frameless path's one step is done: so is the handler
        jobDone(task & ~kJobTask, true, FailureReason::Count);
    else
        cpuFrameDone(task);
}

inline void EngineImpl::startLoopTask(std::uint32_t replica, Worker &w, std::uint32_t f)
{
    w.current = f;
    cpuAdd(replica, f, m_frames[f].work);
}

inline void EngineImpl::submitCpu(std::uint32_t f, Tick work, bool offload)
{
    Frame &fr = m_frames[f];
    const Job &job = m_jobs[fr.job];
    const Comp &c = m_comps[job.comp];
    fr.work = work;
    if (c.concurrency == ConcurrencyModel::ThreadPool) {
        threadPoolCpu(c, job.replica, f, work);
        return;
    }
    Replica &r = m_replicas[job.replica];
    Worker &w = r.workers[job.worker];
    if (offload) {
        if (w.offloadBusy < c.spec->workerThreads) {
            ++w.offloadBusy;
            cpuAdd(job.replica, f, work);
        } else {
            w.offloadQueue.push(f);
            m_comps[job.comp].waiting.add(m_now, 1);
        }
        return;
    }
    if (w.current == kNone) {
        startLoopTask(job.replica, w, f);
    } else {
        w.queue.push(f);
        m_comps[job.comp].waiting.add(m_now, 1);
    }
}

/**
 * Prefetches what the events a few places ahead in the event list will touch, in stages:
 * an event's job (or frame) first; some events later, when that has arrived, the frame that
 * called the job and the job it was forwarded from; then their jobs and callers. A request
 * that comes back after a long wait (an API's 500 ms) finds its state out of every cache:
 * without this, each of these is a miss to memory the event handler waits for, one after
 * another (docs/performance.md, issue 14). Prefetches change nothing but timing.
 */
// always_inline: as a function of its own GCC finds that it only reads memory (prefetches
// count as nothing) and drops the call
[[gnu::always_inline]] inline void EngineImpl::prefetchAhead()
{
    constexpr std::size_t kStage1 = 12, kStage2 = 8, kStage3 = 5, kStage4 = 2;
    if (!m_events.ahead(kStage4))
        return; // a short run (few events pending, as in an M/M/1): nothing ahead to fetch
    auto job = [this](std::uint32_t j) {
        if (j == kNone) // a frame that was never used keeps no job
            return;
        const char *p = reinterpret_cast<const char *>(&m_jobs[j]);
        __builtin_prefetch(p);
        __builtin_prefetch(p + sizeof(Job) - 1);
    };
    auto frame = [this](std::uint32_t f) { __builtin_prefetch(&m_frames[f]); };
    auto isJobEvent = [](std::uint32_t type) {
        return type == EvDelay || type == EvDbDone || type == EvCacheCmd || type == EvDispatch;
    };
    auto isFrameEvent = [](std::uint32_t type) { return type == EvResume || type == EvRetry; };
    if (const Event *e = m_events.ahead(kStage1)) {
        if (isJobEvent(e->type))
            job(e->a);
        else if (e->type == EvCpuDone)
            (e->a & kJobTask) ? job(e->a & ~kJobTask) : frame(e->a);
        else if (isFrameEvent(e->type))
            frame(e->a);
    }
    if (const Event *e = m_events.ahead(kStage2)) {
        if (isJobEvent(e->type)) {
            const Job &jb = m_jobs[e->a];
            if (jb.callerFrame != kNone)
                frame(jb.callerFrame);
            if (jb.parentJob != kNone)
                job(jb.parentJob);
        } else if (isFrameEvent(e->type)) {
            job(m_frames[e->a].job);
        }
    }
    if (const Event *e = m_events.ahead(kStage3)) {
        if (isJobEvent(e->type)) {
            const Job &jb = m_jobs[e->a];
            if (jb.callerFrame != kNone)
                job(m_frames[jb.callerFrame].job);
            if (jb.parentJob != kNone) {
                const Job &parent = m_jobs[jb.parentJob];
                if (parent.callerFrame != kNone)
                    frame(parent.callerFrame);
                if (parent.parentJob != kNone)
                    job(parent.parentJob);
            }
        }
    }
    if (const Event *e = m_events.ahead(kStage4)) {
        if (isJobEvent(e->type)) {
            const Job &jb = m_jobs[e->a];
            const std::uint32_t cj = jb.callerFrame != kNone ? m_frames[jb.callerFrame].job : kNone;
            if (cj != kNone) {
                const Job &caller = m_jobs[cj];
                if (caller.parentJob != kNone)
                    job(caller.parentJob);
                if (caller.callerFrame != kNone)
                    frame(caller.callerFrame);
            }
        }
    }
}

} // namespace Sim::Internal
