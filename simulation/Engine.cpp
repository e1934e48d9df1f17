// SPDX-License-Identifier: GPL-3.0-or-later
#include "Engine.h"

#include "CacheStore.h"
#include "EventQueue.h"
#include "Histogram.h"
#include "Random.h"
#include "Statistics.h"
#include "Zipf.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <unordered_map>

// The engine dispatches on component kind with a switch: the kinds are a closed set inside
// the engine, and a switch on a small enum keeps the per-event path free of virtual calls
// (the registry of STYLE.md #10 lives in model/ and ui/, where kinds are extended).

namespace Sim {

namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

/** Growable ring buffer; no allocation once it has reached its peak size. */
template<typename T>
class Fifo
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
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

/** Index-addressed object pool with a free list; indices stay valid until released. */
template<typename T>
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

private:
    std::vector<T> m_items;
    std::vector<std::uint32_t> m_free;
};

enum EventType : std::uint32_t {
    EvEnd,
    EvWarmup,
    EvBucket,
    EvArrival,
    EvResume,  // a = frame: an io_ms step ended
    EvDelay,   // a = job: load balancer / gateway / external latency ended
    EvDbDone,  // a = job: a database query ended
    EvCpu,     // a = replica, b = generation: next processor-sharing completion
    EvTimeout, // a = timeout lane: its earliest deadline is due
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
};

// Laid out without padding (96 bytes): a job is value-initialised at every visit.
struct Job
{
    Tick arrival = 0;
    std::uint64_t callerToken = 0;
    std::uint64_t key = 0;            // cache key (commands, refreshes)
    Tick published = 0;               // a delivered message: when it was published
    std::uint32_t comp = 0;
    std::uint32_t replica = kNone;    // global replica index, services only
    std::uint32_t name = 0;           // request name at this component
    std::uint32_t callerFrame = kNone;
    std::uint32_t parentJob = kNone;  // load balancer / gateway that forwarded this job
    std::uint32_t type = kNone;       // workload request type, top-level jobs only
    std::int32_t poolSlot = -1;       // caller's connection pool slot this call holds
    std::uint32_t worker = 0;         // event loop worker
    std::uint32_t cacheComp = kNone;  // refresh: the cache to fill
    std::uint32_t channel = kNone;    // a delivered message: its consumer channel
    std::int32_t bulkheadSlot = -1;   // caller's bulkhead slot this call holds
    std::uint32_t prevAtReplica = kNone, nextAtReplica = kNone; // jobs at a replica
    JobOp op = OpNone;                // cache command or publish
    CacheStore::Lookup result = CacheStore::Lookup::Miss;
    bool queued = false;              // waiting in an accept or connection queue
    bool hasThread = false;           // holds one of a thread pool's threads
    bool background = false;          // a stale-while-revalidate refresh: no caller, no statistics
    bool dead = false;                // its replica crashed: frames unwind, no more notices
    bool delayed = false;             // an injected latency was applied
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
    std::uint64_t cacheKey = 0;
    std::int32_t bulkheadSlot = -1; // the bulkhead the pending attempt counts against
    bool failed = false;
    FailureReason reason = FailureReason::DependencyError;
};

struct CpuTask
{
    double tag;
    std::uint32_t frame;
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
    bool routable = false;   // balancers send it traffic
    bool detectedDown = false;
    int healthFailures = 0;
    int crashes = 0;         // consecutive, for the crash-loop back-off
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
};

struct Channel
{
    std::uint32_t queueComp = 0, queue = 0;
    std::uint32_t service = 0;
    int prefetch = 1;
    int inflight = 0;
};

struct Fill
{
    std::uint32_t inflight = 0;
    std::vector<PoolWait> waiters; // lock: requests waiting for this fill
};

bool hasUtilization(ComponentKind k)
{
    return k == ComponentKind::Service || k == ComponentKind::Database || k == ComponentKind::Cache;
}

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
    std::vector<std::int32_t> handlerByName; // name -> list, -1 none
    std::vector<std::int32_t> poolByTarget;  // component -> pool offset, -1 none
    std::uint32_t firstReplica = 0, replicaCount = 0; // replica slots (the most it may have)
    std::uint32_t rr = 0;
    // lifecycle of service replicas
    std::vector<std::uint32_t> routable;   // replicas balancers may pick
    int desired = 0;                       // replicas asked for (autoscaler target)
    TimeIntegral readyReplicas;            // replicas Ready, over time
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
    bool canCrash = false; // an OOM limit or a kill fault: its replicas track their jobs
    double capacity = 1;                           // cores x replicas, or connections
};

struct TypeStats
{
    std::uint64_t arrived = 0, completed = 0, failed = 0;
    std::uint64_t failures[static_cast<int>(FailureReason::Count)] = {};
    Histogram latency;
};

} // namespace

class EngineImpl
{
public:
    EngineImpl(const Spec &spec, int replication, const RunOptions &options);
    ReplicationResult run();

    std::atomic<double> m_progress{0};

private:
    // set-up
    std::uint32_t nameIndex(const std::string &name);
    std::uint32_t compileList(const std::vector<Step> &steps);
    void compileStep(std::uint32_t at, const Step &s);

    // event handlers
    void onArrival();
    void onCpu(std::uint32_t replica, std::uint64_t gen);
    void onDelay(std::uint32_t job);
    void onDbDone(std::uint32_t job);
    void onTimeoutLane(std::uint32_t lane);
    void onCacheCommand(std::uint32_t job);
    void onChannelFree(std::uint32_t channel);
    void scheduleLane(std::uint32_t lane);
    void onRetry(std::uint32_t frame, std::uint64_t token);
    void onRateChange(std::uint32_t edge);
    void onWarmup();
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
    void endCall(const Job &job, bool ok, FailureReason reason);
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
    void startRefresh(std::uint32_t frame, std::uint32_t cache, std::uint64_t key, std::uint32_t list);
    // queues
    void publishArrived(std::uint32_t job);
    void backlogChanged(Comp &c);
    void tryDeliver(std::uint32_t queueComp, std::uint32_t queue);
    void messageDone(const Job &job, bool ok);
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

    // CPU
    void submitCpu(std::uint32_t frame, Tick work, bool offload);
    void cpuAdd(std::uint32_t replica, std::uint32_t frame, Tick work);
    void cpuAdvance(Replica &r);
    void cpuReschedule(std::uint32_t replica);
    void cpuTaskDone(std::uint32_t frame);
    void startLoopTask(std::uint32_t replica, Worker &w, std::uint32_t frame);

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
    bool m_anyCanCrash = false; // some replica can crash: only then can a job be dead

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
    std::uint64_t m_topologyVersion = 0; // bumped when a replica becomes (un)routable
    std::vector<RunEvent> m_timeline;
    std::uint64_t m_timelineDropped = 0;
    std::uint32_t m_compiling = 0; // component whose handlers are being compiled
    std::unordered_map<Tick, std::uint32_t> m_laneByTimeout;
    Arena<Job> m_jobs;
    Arena<Frame> m_frames;
    std::uint64_t m_nextToken = 1;
    std::vector<CpuTask> m_due;

    // workload
    Random m_arrivalRng, m_typeRng;
    std::vector<double> m_typeCumulative;
    std::vector<std::uint32_t> m_typeName;
    Tick m_meanGap = 0; // constant arrivals
    double m_rateMax = 0;       // thinning bound of ramp and diurnal arrivals
    double m_rate = 0;          // current rate of piecewise-constant arrivals (spike, bursty)
    double m_gapMs = 0;         // 1000 / m_rate: mean gap of the current rate, ms
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
};

// ---------------------------------------------------------------------------------------
// set-up

EngineImpl::EngineImpl(const Spec &spec, int replication, const RunOptions &options)
    : m_spec(spec)
    , m_options(options)
    , m_replication(replication)
    , m_arrivalRng(spec.seed, static_cast<std::uint64_t>(replication), 0x10000)
    , m_typeRng(spec.seed, static_cast<std::uint64_t>(replication), 0x10001)
{
    m_duration = secondsToTicks(spec.durationS);
    m_warmup = secondsToTicks(spec.warmupS);
    m_bucket = std::max<Tick>(1, secondsToTicks(spec.bucketS > 0 ? spec.bucketS : spec.durationS));

    const std::size_t nComp = spec.components.size();
    m_comps.resize(nComp);

    // names first: workload types, handlers, calls, queries, routes
    for (const RequestType &t : spec.workload.requests)
        m_typeName.push_back(nameIndex(t.name));
    for (std::size_t i = 0; i < nComp; ++i) {
        const Component &c = spec.components[i];
        m_comps[i].spec = &c;
        m_comps[i].kind = c.kind;
        m_comps[i].concurrency = c.concurrency;
        m_comps[i].rng = Random(spec.seed, static_cast<std::uint64_t>(replication), i);
        for (const Handler &h : c.handlers)
            nameIndex(h.request);
        for (const Query &q : c.queries)
            nameIndex(q.name);
        for (const RouteTable &r : c.routes)
            nameIndex(r.request);
    }

    // handler programs (after names from calls are known, handlerByName is sized at the end)
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> handlerLists(nComp);
    for (std::size_t i = 0; i < nComp; ++i) {
        m_comps[i].bulkheadByTarget.assign(nComp, -1);
        m_compiling = static_cast<std::uint32_t>(i);
        for (const Handler &h : spec.components[i].handlers)
            handlerLists[i].emplace_back(nameIndex(h.request), compileList(h.steps));
    }
    // only replicas that can crash keep a list of their jobs (the crash fails them all)
    for (const Fault &f : spec.faults) {
        if (f.kind == Fault::Kind::KillInstance && f.target >= 0 && f.target < static_cast<int>(nComp))
            m_comps[static_cast<std::size_t>(f.target)].canCrash = true;
    }
    for (std::size_t i = 0; i < nComp; ++i) {
        if (spec.components[i].memoryMb > 0)
            m_comps[i].canCrash = true;
        m_anyCanCrash = m_anyCanCrash || m_comps[i].canCrash;
    }

    // replicas (as many slots as the autoscaler may use), pools and bulkheads
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        c.poolByTarget.assign(nComp, -1);
        if (s.kind == ComponentKind::Service) {
            for (std::size_t p = 0; p < s.pools.size(); ++p)
                c.poolByTarget[static_cast<std::size_t>(s.pools[p].target)] = static_cast<std::int32_t>(p);
            int initial = std::max(1, s.replicas);
            int slots = initial;
            if (s.autoscaling.enabled) {
                initial = std::clamp(initial, std::max(1, s.autoscaling.minReplicas),
                                     std::max(1, s.autoscaling.maxReplicas));
                slots = std::max(initial, s.autoscaling.maxReplicas);
            }
            c.firstReplica = static_cast<std::uint32_t>(m_replicas.size());
            c.replicaCount = static_cast<std::uint32_t>(slots);
            c.desired = initial;
            c.capacity = s.cpuCores; // per ready replica
            for (std::uint32_t r = 0; r < c.replicaCount; ++r) {
                Replica rep;
                rep.comp = static_cast<std::uint32_t>(i);
                rep.capacity = s.cpuCores;
                if (s.concurrency == ConcurrencyModel::EventLoop)
                    rep.workers.resize(static_cast<std::size_t>(std::max(1, s.workers)));
                rep.poolBase = static_cast<std::uint32_t>(m_pools.size());
                for (const Pool &p : s.pools) {
                    PoolState ps;
                    ps.target = static_cast<std::uint32_t>(p.target);
                    ps.size = std::max(1, p.size);
                    m_pools.push_back(std::move(ps));
                }
                rep.bulkheadBase = static_cast<std::uint32_t>(m_bulkheads.size());
                m_bulkheads.resize(m_bulkheads.size() + c.bulkheadLimits.size(), 0);
                if (static_cast<int>(r) < initial) {
                    rep.state = ReplicaState::Ready;
                    rep.routable = true;
                    c.routable.push_back(c.firstReplica + r);
                }
                m_replicas.push_back(std::move(rep));
            }
            c.readyReplicas.set(0, initial);
        } else if (s.kind == ComponentKind::Database) {
            c.capacity = std::max(1, s.maxConnections);
            c.servers = std::max(1, s.maxConnections);
        } else if (s.kind == ComponentKind::Cache) {
            c.capacity = std::max(1, s.commandThreads);
            c.servers = std::max(1, s.commandThreads);
            c.ttl = static_cast<Tick>(s.ttlS * 1e9 + 0.5);
        }
    }

    const std::size_t nNames = m_nameIds.size();
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        c.handlerByName.assign(nNames, -1);
        for (const auto &[name, list] : handlerLists[i])
            c.handlerByName[name] = static_cast<std::int32_t>(list);
        c.queryByName.assign(nNames, -1);
        for (std::size_t q = 0; q < s.queries.size(); ++q) {
            if (s.queries[q].name == "*")
                c.defaultQuery = static_cast<std::int32_t>(q);
            else
                c.queryByName[m_nameIds.at(s.queries[q].name)] = static_cast<std::int32_t>(q);
        }
        c.routeByName.assign(nNames, -1);
        for (const RouteTable &rt : s.routes) {
            std::vector<std::pair<std::uint32_t, double>> table;
            double sum = 0;
            for (const Route &r : rt.routes) {
                sum += r.weight;
                table.emplace_back(static_cast<std::uint32_t>(r.target), sum);
            }
            for (auto &entry : table)
                entry.second /= sum;
            const auto idx = static_cast<std::int32_t>(c.routeTables.size());
            c.routeTables.push_back(std::move(table));
            if (rt.request == "*")
                c.defaultRoute = idx;
            else
                c.routeByName[m_nameIds.at(rt.request)] = idx;
        }
    }

    // caches: one key store each, over the key ranges of all the steps that use it
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        if (c.spec->kind == ComponentKind::Cache)
            c.store = std::make_unique<CacheStore>(c.spec->eviction, c.spec->capacityKeys, c.keySpace,
                                                   c.spec->evictionSamples, &c.rng);
    }
    // queues: one queue (direct) or one per consumer group (fanout), channels bound to replicas
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        if (s.kind != ComponentKind::Queue)
            continue;
        const bool fanout = s.exchange == Exchange::Fanout && !s.consumers.empty();
        c.queues.resize(fanout ? s.consumers.size() : 1);
        for (std::size_t g = 0; g < s.consumers.size(); ++g) {
            const Consumer &k = s.consumers[g];
            for (int n = 0; n < k.count; ++n) {
                Channel ch;
                ch.queueComp = static_cast<std::uint32_t>(i);
                ch.queue = fanout ? static_cast<std::uint32_t>(g) : 0;
                ch.service = static_cast<std::uint32_t>(k.service);
                ch.prefetch = std::max(1, k.prefetch);
                c.queues[ch.queue].channels.push_back(static_cast<std::uint32_t>(m_channels.size()));
                m_channels.push_back(ch);
            }
        }
    }

    // workload
    double sum = 0;
    for (const RequestType &t : spec.workload.requests) {
        sum += t.weight;
        m_typeCumulative.push_back(sum);
    }
    for (double &w : m_typeCumulative)
        w /= sum;
    m_types.resize(spec.workload.requests.size());
    m_meanGap = static_cast<Tick>(1e9 / spec.workload.ratePerS + 0.5);

    // series columns
    m_seriesKeys = {"requests._all.arrivals_per_s",   "requests._all.throughput_per_s",
                    "requests._all.errors_per_s",     "requests._all.latency_ms.p50",
                    "requests._all.latency_ms.p95",   "requests._all.latency_ms.p99",
                    "workload.rate_per_s"};
    for (const Comp &c : m_comps) {
        if (hasUtilization(c.spec->kind))
            m_seriesKeys.push_back("components." + c.spec->id + ".utilization");
    }
    for (const Comp &c : m_comps)
        m_seriesKeys.push_back("components." + c.spec->id + ".in_system");
    for (const Comp &c : m_comps)
        m_seriesKeys.push_back("components." + c.spec->id + ".throughput_per_s");
    for (const Comp &c : m_comps) {
        if (c.spec->kind == ComponentKind::Cache)
            m_seriesKeys.push_back("components." + c.spec->id + ".hit_ratio");
        else if (c.spec->kind == ComponentKind::Queue)
            m_seriesKeys.push_back("components." + c.spec->id + ".backlog");
        else if (c.spec->kind == ComponentKind::Service)
            m_seriesKeys.push_back("components." + c.spec->id + ".replicas");
    }
    m_seriesValues.resize(m_seriesKeys.size());
    m_bucketRow.resize(m_seriesKeys.size());
}

std::uint32_t EngineImpl::nameIndex(const std::string &name)
{
    const auto it = m_nameIds.find(name);
    if (it != m_nameIds.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(m_nameIds.size());
    m_nameIds.emplace(name, id);
    return id;
}

std::uint32_t EngineImpl::compileList(const std::vector<Step> &steps)
{
    const auto list = static_cast<std::uint32_t>(m_lists.size());
    m_lists.emplace_back();
    const auto begin = static_cast<std::uint32_t>(m_steps.size());
    m_steps.resize(m_steps.size() + steps.size());
    m_lists[list] = {begin, begin + static_cast<std::uint32_t>(steps.size())};
    for (std::size_t i = 0; i < steps.size(); ++i)
        compileStep(begin + static_cast<std::uint32_t>(i), steps[i]);
    return list;
}

void EngineImpl::compileStep(std::uint32_t at, const Step &s)
{
    CStep c{};
    c.kind = s.kind;
    c.offload = s.offload;
    c.target = s.target;
    c.name = s.request.empty() ? -1 : static_cast<std::int32_t>(nameIndex(s.request));
    c.timeout = s.timeoutMs > 0 ? static_cast<Tick>(s.timeoutMs * 1e6 + 0.5) : 0;
    c.retries = std::max(0, s.retries);
    c.probability = s.probability;
    c.duration = s.duration;
    c.fallback = kNone;
    c.link = kNone;
    c.bulkhead = -1;
    if (c.kind == Step::Kind::Call) {
        c.backoff = static_cast<Tick>(std::max(0.0, s.backoffMs) * 1e6 + 0.5);
        c.backoffMax = static_cast<Tick>(std::min(1e12, std::max(0.0, s.backoffMaxMs)) * 1e6 + 0.5);
        c.multiplier = s.backoffMultiplier;
        c.jitter = s.jitter;
        if (!s.fallback.empty())
            c.fallback = compileList(s.fallback);
        if (s.breaker.enabled || s.retryBudget > 0) {
            // one breaker and budget per (caller component, target), shared by its call steps
            const auto key = std::make_pair(m_compiling, static_cast<std::uint32_t>(s.target));
            auto it = m_linkIndex.find(key);
            if (it == m_linkIndex.end()) {
                it = m_linkIndex.emplace(key, static_cast<std::uint32_t>(m_links.size())).first;
                CallLink link;
                link.comp = m_compiling;
                link.target = m_spec.components[static_cast<std::size_t>(s.target)].id;
                m_links.push_back(std::move(link));
            }
            CallLink &link = m_links[it->second];
            if (s.breaker.enabled && !link.config.enabled) {
                link.config = s.breaker;
                link.outcomes.assign(static_cast<std::size_t>(std::max(1, s.breaker.window)), 0);
            }
            if (s.retryBudget > 0)
                link.budgetRatio = s.retryBudget;
            c.link = it->second;
        }
        if (s.bulkhead > 0) {
            Comp &caller = m_comps[m_compiling];
            std::int32_t &idx = caller.bulkheadByTarget[static_cast<std::size_t>(s.target)];
            if (idx < 0) {
                idx = static_cast<std::int32_t>(caller.bulkheadLimits.size());
                caller.bulkheadLimits.push_back(s.bulkhead);
            }
            c.bulkhead = idx;
        }
    }
    if (c.kind == Step::Kind::Call && c.timeout > 0) {
        const auto it = m_laneByTimeout.find(c.timeout);
        if (it != m_laneByTimeout.end()) {
            c.lane = it->second;
        } else {
            c.lane = static_cast<std::uint32_t>(m_lanes.size());
            m_laneByTimeout.emplace(c.timeout, c.lane);
            m_lanes.emplace_back();
        }
    }
    if (s.kind == Step::Kind::Cache) {
        Comp &cache = m_comps[static_cast<std::size_t>(s.target)];
        c.sampler = static_cast<std::uint32_t>(m_samplers.size());
        m_samplers.emplace_back(s.keys, s.zipf);
        c.keyOffset = cache.keySpace;
        cache.keySpace += s.keys;
        c.child = compileList(s.steps);
        c.childCount = 1;
    }
    if (s.kind == Step::Kind::Parallel) {
        // one list per branch, at consecutive list indices
        const auto first = static_cast<std::uint32_t>(m_lists.size());
        m_lists.resize(m_lists.size() + s.steps.size());
        for (std::size_t b = 0; b < s.steps.size(); ++b) {
            const auto begin = static_cast<std::uint32_t>(m_steps.size());
            m_steps.emplace_back();
            m_lists[first + b] = {begin, begin + 1};
            compileStep(begin, s.steps[b]);
        }
        c.child = first;
        c.childCount = static_cast<std::uint32_t>(s.steps.size());
    } else if (s.kind == Step::Kind::Probability) {
        c.child = compileList(s.steps);
        c.childCount = 1;
    }
    m_steps[at] = c;
}

// ---------------------------------------------------------------------------------------
// the event loop

ReplicationResult EngineImpl::run()
{
    const auto wallStart = std::chrono::steady_clock::now();
    m_events.reserve(1024);
    m_events.push(m_duration, EvEnd, 0);
    if (m_warmup > 0)
        m_events.push(m_warmup, EvWarmup, 0);
    else
        onWarmup();
    if (m_bucket < m_duration)
        m_events.push(m_bucket, EvBucket, 0);

    // workload
    const Workload &w = m_spec.workload;
    switch (w.arrivals) {
    case ArrivalKind::Spike:
        m_rate = w.ratePerS;
        m_gapMs = 1000.0 / m_rate;
        m_events.push(secondsToTicks(w.spikeAtS), EvRateChange, 0);
        m_events.push(secondsToTicks(w.spikeAtS + w.spikeLengthS), EvRateChange, 1);
        break;
    case ArrivalKind::Bursty:
        m_rate = w.burstLowRate;
        m_gapMs = 1000.0 / m_rate;
        m_events.push(static_cast<Tick>(m_arrivalRng.exponential(w.burstLowMeanS) * 1e9), EvRateChange, 2);
        break;
    case ArrivalKind::Ramp:
        m_rateMax = std::max(w.rampFrom, w.rampTo);
        break;
    case ArrivalKind::Diurnal:
        m_rateMax = w.diurnalMean * (1 + std::max(0.0, w.diurnalAmplitude));
        break;
    case ArrivalKind::Poisson:
    case ArrivalKind::Constant:
        m_rate = w.ratePerS;
        m_gapMs = 1000.0 / m_rate;
        break;
    }
    scheduleArrival(0);

    // autoscalers, health checks, faults
    for (std::uint32_t i = 0; i < m_comps.size(); ++i) {
        const Component &c = *m_comps[i].spec;
        if (c.kind != ComponentKind::Service)
            continue;
        if (c.autoscaling.enabled)
            m_events.push(secondsToTicks(std::max(0.001, c.autoscaling.intervalS)), EvAutoscale, i);
        if (c.healthCheck.enabled) {
            for (std::uint32_t r = 0; r < m_comps[i].replicaCount; ++r)
                m_events.push(secondsToTicks(std::max(0.001, c.healthCheck.intervalS)), EvHealth,
                              m_comps[i].firstReplica + r);
        }
    }
    for (std::uint32_t f = 0; f < m_spec.faults.size(); ++f) {
        const Fault &fault = m_spec.faults[f];
        m_events.push(secondsToTicks(fault.atS), EvFaultStart, f);
        if (fault.kind != Fault::Kind::KillInstance && fault.untilS > fault.atS)
            m_events.push(secondsToTicks(fault.untilS), EvFaultEnd, f);
    }

    const double progressStep = static_cast<double>(m_duration) / 100.0;
    double nextProgress = progressStep;
    bool running = true;
    while (running) {
        Event e;
        if (m_arrivalAt >= 0 && m_events.runsBeforeTop(m_arrivalAt, m_arrivalSeq)) {
            e = {m_arrivalAt, m_arrivalSeq, EvArrival, 0, 0};
            m_arrivalAt = -1;
        } else if (!m_events.empty()) {
            e = m_events.pop();
        } else {
            break;
        }
        m_now = e.time;
        ++m_eventCount;
        switch (e.type) {
        case EvArrival:
            onArrival();
            break;
        case EvRateChange:
            onRateChange(e.a);
            break;
        case EvRetry:
            onRetry(e.a, e.b);
            break;
        case EvDispatch:
            dispatch(e.a);
            break;
        case EvReplicaStart:
            if (m_replicas[e.a].epoch == e.b)
                replicaStart(e.a);
            break;
        case EvReplicaReady:
            replicaReady(e.a, e.b);
            break;
        case EvHealth:
            onHealth(e.a);
            break;
        case EvAutoscale:
            onAutoscale(e.a);
            break;
        case EvFaultStart:
            onFault(e.a, true);
            break;
        case EvFaultEnd:
            onFault(e.a, false);
            break;
        case EvCpu:
            onCpu(e.a, e.b);
            break;
        case EvResume: {
            Frame &f = m_frames[e.a];
            ++f.pc;
            runFrame(e.a);
            break;
        }
        case EvDelay:
            onDelay(e.a);
            break;
        case EvDbDone:
            onDbDone(e.a);
            break;
        case EvTimeout:
            onTimeoutLane(e.a);
            break;
        case EvCacheCmd:
            onCacheCommand(e.a);
            break;
        case EvChannelFree:
            onChannelFree(e.a);
            break;
        case EvBucket:
            emitBucket(m_now);
            if (m_now + m_bucket < m_duration)
                m_events.push(m_now + m_bucket, EvBucket, 0);
            break;
        case EvWarmup:
            onWarmup();
            break;
        case EvEnd:
            running = false;
            break;
        }
        if ((m_eventCount & 4095) == 0) {
            if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) {
                m_cancelled = true;
                break;
            }
            if (static_cast<double>(m_now) >= nextProgress) {
                m_progress.store(static_cast<double>(m_now) / static_cast<double>(m_duration),
                                 std::memory_order_relaxed);
                nextProgress = static_cast<double>(m_now) + progressStep;
                if (m_options.observer)
                    m_options.observer->onProgress(m_progress.load());
            }
        }
    }
    const Tick end = m_cancelled ? m_now : m_duration;
    m_now = end;
    if (end > m_bucketStart)
        emitBucket(end);
    if (!m_measuring)
        onWarmup(); // cancelled during warm-up: report what there is
    m_progress.store(1.0);

    // ---- results
    ReplicationResult out;
    out.replication = m_replication;
    out.cancelled = m_cancelled;
    out.events = m_eventCount;
    const double measured = std::max(1e-12, ticksToSeconds(end - m_warmup));
    const double measuredTicks = std::max(1.0, static_cast<double>(end - m_warmup));
    auto summary = [](const Histogram &h) {
        LatencySummary s;
        s.mean = h.mean() * 1e-6;
        s.p50 = h.quantile(0.50) * 1e-6;
        s.p90 = h.quantile(0.90) * 1e-6;
        s.p95 = h.quantile(0.95) * 1e-6;
        s.p99 = h.quantile(0.99) * 1e-6;
        s.p999 = h.quantile(0.999) * 1e-6;
        s.max = static_cast<double>(h.max()) * 1e-6;
        return s;
    };
    auto bins = [](const Histogram &h) {
        std::vector<HistogramBin> out;
        for (const Histogram::CoarseBin &b : h.coarseBins())
            // ms = ticks / 1e6, divided (not times 1e-6) so that edges print as they are
            out.push_back({static_cast<double>(b.lo) / 1e6, static_cast<double>(b.hi) / 1e6,
                           static_cast<double>(b.count)});
        return out;
    };
    RequestResult all;
    all.name = "_all";
    Histogram allLatency;
    std::uint64_t allFailures[static_cast<int>(FailureReason::Count)] = {};
    for (std::size_t t = 0; t < m_types.size(); ++t) {
        const TypeStats &ts = m_types[t];
        RequestResult r;
        r.name = m_spec.workload.requests[t].name;
        r.arrived = static_cast<double>(ts.arrived);
        r.completed = static_cast<double>(ts.completed);
        r.failed = static_cast<double>(ts.failed);
        r.throughputPerS = r.completed / measured;
        r.latencyMs = summary(ts.latency);
        r.latencyHistogram = bins(ts.latency);
        for (int k = 0; k < static_cast<int>(FailureReason::Count); ++k) {
            if (ts.failures[k]) {
                r.failures[failureReasonName(static_cast<FailureReason>(k))] =
                    static_cast<double>(ts.failures[k]);
                allFailures[k] += ts.failures[k];
            }
        }
        all.arrived += r.arrived;
        all.completed += r.completed;
        all.failed += r.failed;
        allLatency.merge(ts.latency);
        out.requests.push_back(std::move(r));
    }
    all.throughputPerS = all.completed / measured;
    all.latencyMs = summary(allLatency);
    all.latencyHistogram = bins(allLatency);
    for (int k = 0; k < static_cast<int>(FailureReason::Count); ++k) {
        if (allFailures[k])
            all.failures[failureReasonName(static_cast<FailureReason>(k))] =
                static_cast<double>(allFailures[k]);
    }
    out.requests.insert(out.requests.begin(), std::move(all));

    for (std::size_t i = 0; i < m_comps.size(); ++i) {
        Comp &c = m_comps[i];
        ComponentResult r;
        r.id = c.spec->id;
        r.kind = c.spec->kind;
        r.arrived = static_cast<double>(c.arrived);
        r.completed = static_cast<double>(c.completed);
        r.failed = static_cast<double>(c.failed);
        r.rejected = static_cast<double>(c.rejected);
        for (int k = 0; k < static_cast<int>(FailureReason::Count); ++k) {
            if (c.failures[k])
                r.failures[failureReasonName(static_cast<FailureReason>(k))] = static_cast<double>(c.failures[k]);
        }
        r.throughputPerS = (r.completed + r.failed) / measured;
        r.meanInSystem = (c.inSystem.areaAt(end) - c.inSystem0) / measuredTicks;
        r.meanWaiting = (c.waiting.areaAt(end) - c.waiting0) / measuredTicks;
        r.latencyMs = summary(c.latency);
        if (c.spec->kind == ComponentKind::Service) {
            double busy = 0;
            for (std::uint32_t k = 0; k < c.replicaCount; ++k)
                busy += m_replicas[c.firstReplica + k].busy.areaAt(end);
            const double readyArea = c.readyReplicas.areaAt(end) - c.ready0;
            r.utilization = readyArea > 0 ? (busy - c.busy0) / (c.capacity * readyArea) : 0.0;
            r.replicasMin = c.readyMin;
            r.replicasMax = c.readyMax;
            r.replicasMean = readyArea / measuredTicks;
        } else if (hasUtilization(c.spec->kind)) {
            r.utilization = (c.serverBusyArea.areaAt(end) - c.busy0) / (c.capacity * measuredTicks);
        }
        if (c.store) {
            r.hits = static_cast<double>(c.hits);
            r.misses = static_cast<double>(c.misses);
            r.hitRatio = c.hits + c.misses ? r.hits / (r.hits + r.misses) : 0.0;
            r.evictions = static_cast<double>(c.store->evictions() - c.evictions0);
            r.expirations = static_cast<double>(c.store->expirations() - c.expirations0);
            r.stampedeMisses = static_cast<double>(c.stampedeMisses);
            r.staleHits = static_cast<double>(c.staleHits);
            r.lockWaits = static_cast<double>(c.lockWaits);
        }
        if (c.spec->kind == ComponentKind::Queue) {
            r.published = static_cast<double>(c.published);
            r.consumed = static_cast<double>(c.consumed);
            r.dropped = static_cast<double>(c.dropped);
            r.redelivered = static_cast<double>(c.redelivered);
            r.backlogMean = (c.backlog.areaAt(end) - c.backlog0) / measuredTicks;
            r.backlogMax = c.backlogMax;
            r.backlogFinal = c.backlog.level();
            r.messageAgeMs = summary(c.messageAge);
            const DrainTracker &d = c.drain;
            r.drainS = ticksToSeconds(d.longest);
            if (d.open && d.peak - d.rest >= d.highestRise) {
                // the run ended in a burst as high as any that drained (or none drained)
                r.drainingAtEnd = true;
                r.drainSincePeakS = ticksToSeconds(end - d.peakAt);
            }
        }
        out.components.push_back(std::move(r));
    }

    out.series.bucketS = m_spec.bucketS > 0 ? m_spec.bucketS : m_spec.durationS;
    out.series.tS = std::move(m_tS);
    for (std::size_t k = 0; k < m_seriesKeys.size(); ++k)
        out.series.columns.push_back({m_seriesKeys[k], std::move(m_seriesValues[k])});
    out.timeline = std::move(m_timeline);
    out.timelineDropped = m_timelineDropped;
    out.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return out;
}

void EngineImpl::onWarmup()
{
    m_measuring = true;
    for (Comp &c : m_comps) {
        c.inSystem0 = c.inSystem.areaAt(m_now);
        c.waiting0 = c.waiting.areaAt(m_now);
        if (c.spec->kind == ComponentKind::Service) {
            double busy = 0;
            for (std::uint32_t k = 0; k < c.replicaCount; ++k)
                busy += m_replicas[c.firstReplica + k].busy.areaAt(m_now);
            c.busy0 = busy;
        } else {
            c.busy0 = c.serverBusyArea.areaAt(m_now);
        }
        if (c.store) {
            c.evictions0 = c.store->evictions();
            c.expirations0 = c.store->expirations();
        }
        c.backlog0 = c.backlog.areaAt(m_now);
        c.backlogMax = c.backlog.level();
        c.ready0 = c.readyReplicas.areaAt(m_now);
        c.readyMin = c.readyMax = c.readyReplicas.level();
    }
}

void EngineImpl::emitBucket(Tick end)
{
    const double len = std::max(1e-12, ticksToSeconds(end - m_bucketStart));
    const double lenTicks = std::max(1.0, static_cast<double>(end - m_bucketStart));
    std::size_t k = 0;
    m_bucketRow[k++] = static_cast<double>(m_bucketArrivals) / len;
    m_bucketRow[k++] = static_cast<double>(m_bucketCompleted) / len;
    m_bucketRow[k++] = static_cast<double>(m_bucketFailed) / len;
    m_bucketRow[k++] = m_bucketLatency.quantile(0.50) * 1e-6;
    m_bucketRow[k++] = m_bucketLatency.quantile(0.95) * 1e-6;
    m_bucketRow[k++] = m_bucketLatency.quantile(0.99) * 1e-6;
    m_bucketRow[k++] = arrivalRate(end);
    for (Comp &c : m_comps) {
        double area = 0;
        double capacityArea = c.capacity * lenTicks;
        if (c.spec->kind == ComponentKind::Service) {
            for (std::uint32_t r = 0; r < c.replicaCount; ++r)
                area += m_replicas[c.firstReplica + r].busy.areaAt(end);
            const double ready = c.readyReplicas.areaAt(end);
            capacityArea = c.capacity * (ready - c.readyLast);
            c.readyLast = ready;
        } else if (hasUtilization(c.spec->kind)) {
            area = c.serverBusyArea.areaAt(end);
        } else {
            continue;
        }
        m_bucketRow[k++] = capacityArea > 0 ? (area - c.busyLast) / capacityArea : 0.0;
        c.busyLast = area;
    }
    for (Comp &c : m_comps) {
        // in_system: the level at the bucket end (cheap; the time-average lives in the summary)
        m_bucketRow[k++] = c.inSystem.level();
    }
    for (Comp &c : m_comps) {
        m_bucketRow[k++] = static_cast<double>(c.bucketEnded) / len;
        c.bucketEnded = 0;
    }
    for (Comp &c : m_comps) {
        if (c.spec->kind == ComponentKind::Cache) {
            const std::uint64_t lookups = c.bucketHits + c.bucketMisses;
            m_bucketRow[k++] = lookups ? static_cast<double>(c.bucketHits) / static_cast<double>(lookups) : 0.0;
            c.bucketHits = c.bucketMisses = 0;
        } else if (c.spec->kind == ComponentKind::Queue) {
            m_bucketRow[k++] = c.backlog.level();
        } else if (c.spec->kind == ComponentKind::Service) {
            m_bucketRow[k++] = c.readyReplicas.level();
        }
    }
    for (std::size_t i = 0; i < m_bucketRow.size(); ++i)
        m_seriesValues[i].push_back(m_bucketRow[i]);
    m_tS.push_back(ticksToSeconds(end));
    if (m_options.observer) {
        BucketSample s;
        s.replication = m_replication;
        s.index = m_bucketIndex;
        s.tS = ticksToSeconds(end);
        s.keys = &m_seriesKeys;
        s.values = &m_bucketRow;
        m_options.observer->onBucket(s);
    }
    ++m_bucketIndex;
    m_bucketStart = end;
    m_bucketArrivals = m_bucketCompleted = m_bucketFailed = 0;
    m_bucketLatency.clear();
}

// ---------------------------------------------------------------------------------------
// workload and jobs

double EngineImpl::arrivalRate(Tick t) const
{
    const Workload &w = m_spec.workload;
    const double ts = ticksToSeconds(t);
    switch (w.arrivals) {
    case ArrivalKind::Poisson:
    case ArrivalKind::Constant:
        return w.ratePerS;
    case ArrivalKind::Ramp:
        if (ts <= w.rampStartS)
            return w.rampFrom;
        if (ts >= w.rampStartS + w.rampOverS)
            return w.rampTo;
        return w.rampFrom + (w.rampTo - w.rampFrom) * (ts - w.rampStartS) / w.rampOverS;
    case ArrivalKind::Spike:
        return ts >= w.spikeAtS && ts < w.spikeAtS + w.spikeLengthS ? w.spikePeak : w.ratePerS;
    case ArrivalKind::Bursty:
        return m_rate;
    case ArrivalKind::Diurnal:
        return std::max(0.0, w.diurnalMean
                                 * (1 + w.diurnalAmplitude
                                            * std::cos(2 * std::numbers::pi * (ts - w.diurnalPeakAtS) / w.diurnalPeriodS)));
    }
    return w.ratePerS;
}

void EngineImpl::onRateChange(std::uint32_t edge)
{
    const Workload &w = m_spec.workload;
    if (edge == 0) {
        m_rate = w.spikePeak;
        m_gapMs = 1000.0 / m_rate;
    } else if (edge == 1) {
        m_rate = w.ratePerS;
        m_gapMs = 1000.0 / m_rate;
    } else {
        // bursty: the modulating chain changes state
        m_burstHigh = !m_burstHigh;
        m_rate = m_burstHigh ? w.burstHighRate : w.burstLowRate;
        m_gapMs = 1000.0 / m_rate;
        const double mean = m_burstHigh ? w.burstHighMeanS : w.burstLowMeanS;
        m_events.push(m_now + std::max<Tick>(1, static_cast<Tick>(m_arrivalRng.exponential(mean) * 1e9)),
                      EvRateChange, 2);
    }
    // Poisson arrivals are memoryless: at a rate step the pending arrival is redrawn
    m_arrivalAt = -1;
    if (m_rate > 0)
        scheduleArrival(m_now + std::max<Tick>(1, static_cast<Tick>(m_arrivalRng.exponential(m_gapMs) * 1e6 + 0.5)));
}

void EngineImpl::onArrival()
{
    const ArrivalKind kind = m_spec.workload.arrivals;
    Tick gap = 0;
    bool thinning = false;
    switch (kind) {
    case ArrivalKind::Constant:
        gap = m_meanGap;
        break;
    case ArrivalKind::Ramp:
    case ArrivalKind::Diurnal:
        // non-homogeneous Poisson by thinning (Lewis and Shedler): candidates at the peak
        // rate, each kept with probability rate(t) / peak
        thinning = true;
        gap = static_cast<Tick>(m_arrivalRng.exponential(1000.0 / m_rateMax) * 1e6 + 0.5);
        break;
    case ArrivalKind::Poisson:
    case ArrivalKind::Spike:
    case ArrivalKind::Bursty:
        gap = m_rate > 0 ? static_cast<Tick>(m_arrivalRng.exponential(m_gapMs) * 1e6 + 0.5) : -1;
        break;
    }
    if (gap >= 0)
        scheduleArrival(m_now + std::max<Tick>(gap, 1));
    if (thinning && !(m_arrivalRng.uniform01() * m_rateMax < arrivalRate(m_now)))
        return;

    std::uint32_t type = 0;
    if (m_typeCumulative.size() > 1) {
        const double u = m_typeRng.uniform01();
        while (type + 1 < m_typeCumulative.size() && u >= m_typeCumulative[type])
            ++type;
    }
    if (m_measuring)
        ++m_types[type].arrived;
    ++m_bucketArrivals;
    const auto entry = static_cast<std::uint32_t>(m_spec.workload.entry);
    const std::uint32_t j = newJob(entry, m_typeName[type]);
    m_jobs[j].type = type;
    if (m_comps[entry].kind == ComponentKind::Service)
        m_jobs[j].replica = pickReplica(m_comps[entry]);
    dispatch(j);
}

inline std::uint32_t EngineImpl::newJob(std::uint32_t comp, std::uint32_t name)
{
    const std::uint32_t j = m_jobs.alloc();
    Job &job = m_jobs[j];
    job.arrival = m_now;
    job.comp = comp;
    job.name = name;
    return j;
}

/**
 * The balancing policies, one function for callers picking a replica and for load
 * balancers picking a backend: which of n >= 1 candidates takes the next request, given
 * each one's load. `rr` is the chooser's rotation (round robin, and where least
 * outstanding starts looking, so that equal candidates share the load). One candidate
 * is chosen without drawing a random number.
 */
namespace {

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

} // namespace

inline std::uint32_t EngineImpl::pickReplica(Comp &c)
{
    const auto n = static_cast<std::uint32_t>(c.routable.size());
    if (n == 0)
        return kNone;
    if (n == 1)
        return c.routable[0];
    const std::uint32_t *routable = c.routable.data();
    return routable[balance(c.spec->balancing, n, c.rr, c.rng,
                            [this, routable](std::uint32_t i) { return m_replicas[routable[i]].inFlight; })];
}

void EngineImpl::dispatch(std::uint32_t j)
{
    {
        Job &job = m_jobs[j];
        if (m_anyCanCrash && job.dead) {
            // its replica crashed during an injected delay: the caller has been told already
            m_jobs.release(j);
            return;
        }
        Comp &c = m_comps[job.comp];
        if (!job.delayed) {
            if (m_measuring)
                ++c.arrived;
            c.inSystem.add(m_now, 1);
            if (job.replica != kNone) {
                ++m_replicas[job.replica].inFlight;
                if (c.canCrash)
                    linkJob(j);
            }
            if (c.faulted && !c.latencyFaults.empty()) {
                // a latency fault in force: the visit starts late
                job.delayed = true;
                Tick extra = 0;
                for (std::uint32_t f : c.latencyFaults)
                    extra += c.rng.sampleTicks(m_spec.faults[f].latency);
                m_events.push(m_now + extra, EvDispatch, j);
                return;
            }
        }
        if (c.faulted) {
            if (c.outages > 0) {
                jobDone(j, false, FailureReason::Outage);
                return;
            }
            if (c.injectedErrorRate > 0 && c.rng.uniform01() < c.injectedErrorRate) {
                jobDone(j, false, FailureReason::DependencyError);
                return;
            }
        }
    }
    Job &job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    switch (c.kind) {
    case ComponentKind::Service: {
        if (job.replica == kNone) {
            jobDone(j, false, FailureReason::Outage); // no replica is up
            return;
        }
        Replica &r = m_replicas[job.replica];
        const Component &s = *c.spec;
        if (c.canCrash) {
            if (r.state == ReplicaState::Dead) {
                // balancers still send traffic to a dead replica until a health check notices
                jobDone(j, false, FailureReason::Crash);
                return;
            }
            if (s.memoryMb > 0 && s.memoryBaseMb + s.memoryPerRequestMb * r.inFlight > s.memoryMb) {
                crashReplica(job.replica, "oom");
                return;
            }
        }
        if (c.concurrency == ConcurrencyModel::ThreadPool) {
            if (r.busyThreads < s.threads) {
                startServiceJob(j);
            } else if (r.acceptQueue.size() < static_cast<std::size_t>(s.queueLimit)) {
                job.queued = true;
                r.acceptQueue.push(j);
                c.waiting.add(m_now, 1);
            } else {
                if (m_measuring)
                    ++c.rejected;
                jobDone(j, false, FailureReason::Rejected);
            }
        } else {
            job.worker = r.nextWorker++ % static_cast<std::uint32_t>(r.workers.size());
            startServiceJob(j);
        }
        break;
    }
    case ComponentKind::LoadBalancer:
    case ComponentKind::Gateway:
    case ComponentKind::External:
        m_events.push(m_now + c.rng.sampleTicks(c.spec->latency), EvDelay, j);
        break;
    case ComponentKind::Database:
    case ComponentKind::Cache:
        if (c.serversBusy < c.servers) {
            if (c.spec->kind == ComponentKind::Database)
                startQuery(j);
            else
                startCommand(j);
        } else {
            job.queued = true;
            c.serverQueue.push(j);
            c.waiting.add(m_now, 1);
        }
        break;
    case ComponentKind::Queue:
        m_events.push(m_now + c.rng.sampleTicks(c.spec->publishLatency), EvDelay, j);
        break;
    }
}

void EngineImpl::serverFreed(Comp &c)
{
    while (!c.serverQueue.empty() && c.serversBusy < c.servers) {
        const std::uint32_t next = c.serverQueue.pop();
        m_jobs[next].queued = false;
        c.waiting.add(m_now, -1);
        if (c.spec->kind == ComponentKind::Database)
            startQuery(next);
        else
            startCommand(next);
    }
}

void EngineImpl::startCommand(std::uint32_t j)
{
    Comp &c = m_comps[m_jobs[j].comp];
    ++c.serversBusy;
    c.serverBusyArea.set(m_now, c.serversBusy);
    m_events.push(m_now + c.rng.sampleTicks(c.spec->commandCpu), EvCacheCmd, j);
}

void EngineImpl::onCacheCommand(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    --c.serversBusy;
    c.serverBusyArea.set(m_now, c.serversBusy);
    if (job.op == OpSet) {
        Tick expires = 0;
        if (c.ttl > 0) {
            double f = 1.0;
            if (c.spec->ttlJitter > 0)
                f += c.spec->ttlJitter * (2.0 * c.rng.uniform01() - 1.0);
            expires = m_now + std::max<Tick>(1, static_cast<Tick>(static_cast<double>(c.ttl) * f + 0.5));
        }
        c.store->insert(job.key, m_now, expires);
        const std::uint64_t key = job.key;
        const std::uint32_t cache = job.comp;
        jobDone(j, true, FailureReason::Count);
        fillEnded(cache, key, true, FailureReason::Count);
    } else {
        CacheStore::Lookup r = c.store->lookup(job.key, m_now);
        if (r == CacheStore::Lookup::Expired && c.spec->stampede != StampedeProtection::StaleWhileRevalidate) {
            c.store->expire(job.key);
            r = CacheStore::Lookup::Miss;
        }
        job.result = r;
        const bool hit = r != CacheStore::Lookup::Miss;
        if (m_measuring) {
            ++(hit ? c.hits : c.misses);
            if (r == CacheStore::Lookup::Expired)
                ++c.staleHits;
        }
        ++(hit ? c.bucketHits : c.bucketMisses);
        m_events.push(m_now + c.rng.sampleTicks(hit ? c.spec->hitLatency : c.spec->missLatency), EvDelay, j);
    }
    serverFreed(c);
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
    const std::uint32_t f = newFrame(j, kNone, static_cast<std::uint32_t>(list));
    runFrame(f);
}

void EngineImpl::startQuery(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    std::int32_t q = c.queryByName[job.name];
    if (q < 0)
        q = c.defaultQuery;
    if (q < 0) {
        jobDone(j, false, FailureReason::NoHandler);
        return;
    }
    ++c.serversBusy;
    c.serverBusyArea.set(m_now, c.serversBusy);
    m_events.push(m_now + c.rng.sampleTicks(c.spec->queries[static_cast<std::size_t>(q)].duration),
                  EvDbDone, j);
}

void EngineImpl::onDbDone(std::uint32_t j)
{
    Comp &c = m_comps[m_jobs[j].comp];
    --c.serversBusy;
    c.serverBusyArea.set(m_now, c.serversBusy);
    jobDone(j, true, FailureReason::Count);
    serverFreed(c);
}

void EngineImpl::onDelay(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    switch (c.kind) {
    case ComponentKind::Cache:
        jobDone(j, true, FailureReason::Count);
        return;
    case ComponentKind::Queue:
        publishArrived(j);
        return;
    case ComponentKind::External:
        if (c.spec->errorRate > 0 && c.rng.uniform01() < c.spec->errorRate)
            jobDone(j, false, FailureReason::DependencyError);
        else
            jobDone(j, true, FailureReason::Count);
        return;
    case ComponentKind::LoadBalancer: {
        if (c.backendsVersion != m_topologyVersion) {
            // the replicas that can take traffic changed since the last request
            c.backends.clear();
            for (int t : c.spec->targets) {
                const Comp &tc = m_comps[static_cast<std::size_t>(t)];
                if (tc.spec->kind == ComponentKind::Service) {
                    for (std::uint32_t r : tc.routable)
                        c.backends.push_back({static_cast<std::uint32_t>(t), r});
                } else {
                    c.backends.push_back({static_cast<std::uint32_t>(t), kNone});
                }
            }
            c.backendsVersion = m_topologyVersion;
        }
        const auto n = static_cast<std::uint32_t>(c.backends.size());
        if (n == 0) {
            jobDone(j, false, FailureReason::Outage);
            return;
        }
        // a backend's load: requests at the replica, or at the component (not a service)
        const std::uint32_t b = balance(c.spec->policy, n, c.rr, c.rng, [this, &c](std::uint32_t i) {
            const Backend &be = c.backends[i];
            return be.replica != kNone ? static_cast<double>(m_replicas[be.replica].inFlight)
                                       : m_comps[be.comp].inSystem.level();
        });
        forward(j, c.backends[b].comp, c.backends[b].replica);
        return;
    }
    case ComponentKind::Gateway: {
        std::int32_t table = c.routeByName[job.name];
        if (table < 0)
            table = c.defaultRoute;
        if (table < 0) {
            jobDone(j, false, FailureReason::NoHandler);
            return;
        }
        const auto &routes = c.routeTables[static_cast<std::size_t>(table)];
        std::size_t k = 0;
        if (routes.size() > 1) {
            const double u = c.rng.uniform01();
            while (k + 1 < routes.size() && u >= routes[k].second)
                ++k;
        }
        forward(j, routes[k].first, kNone);
        return;
    }
    default:
        return;
    }
}

void EngineImpl::forward(std::uint32_t j, std::uint32_t target, std::uint32_t replica)
{
    const std::uint32_t name = m_jobs[j].name;
    const std::uint32_t child = newJob(target, name);
    Job &cj = m_jobs[child];
    cj.parentJob = j;
    Comp &tc = m_comps[target];
    if (tc.kind == ComponentKind::Service)
        cj.replica = replica != kNone ? replica : pickReplica(tc);
    dispatch(child);
}

void EngineImpl::jobDone(std::uint32_t j, bool ok, FailureReason reason)
{
    if (m_anyCanCrash && m_jobs[j].dead) {
        // its replica crashed and its caller was told then; its last frame has now unwound
        m_jobs.release(j);
        return;
    }
    const Job job = m_jobs[j]; // copy: the arena may grow below
    Comp &c = m_comps[job.comp];
    if (job.background) {
        // a stale-while-revalidate refresh ended: store the value, or give up the fill
        m_jobs.release(j);
        if (ok)
            issueSet(job.cacheComp, job.key);
        else
            fillEnded(job.cacheComp, job.key, false, reason);
        return;
    }
    c.inSystem.add(m_now, -1);
    ++c.bucketEnded;
    if (m_measuring) {
        // every visit that ends counts in the component's latency and throughput, failed
        // ones too, so that Little's law holds at each component (L = throughput x latency)
        ++(ok ? c.completed : c.failed);
        if (!ok)
            ++c.failures[static_cast<int>(reason)];
        c.latency.add(m_now - job.arrival);
    }
    if (job.replica != kNone) {
        if (c.canCrash)
            unlinkJob(j);
        Replica &r = m_replicas[job.replica];
        --r.inFlight;
        if (job.hasThread) {
            --r.busyThreads;
            if (!r.acceptQueue.empty()) {
                const std::uint32_t next = r.acceptQueue.pop();
                m_jobs[next].queued = false;
                c.waiting.add(m_now, -1);
                startServiceJob(next);
            }
        }
        if (r.state == ReplicaState::Draining)
            stopIfDrained(job.replica);
    }
    m_jobs.release(j);
    endCall(job, ok, reason);
}

void EngineImpl::endCall(const Job &job, bool ok, FailureReason reason)
{
    if (job.bulkheadSlot >= 0)
        --m_bulkheads[static_cast<std::size_t>(job.bulkheadSlot)];
    if (job.poolSlot >= 0) {
        PoolState &p = m_pools[static_cast<std::size_t>(job.poolSlot)];
        --p.outstanding;
        while (!p.waiting.empty()) {
            const PoolWait w = p.waiting.pop();
            if (m_frames[w.frame].token != w.token)
                continue; // timed out while waiting
            if (m_jobs[m_frames[w.frame].job].dead) {
                m_frames[w.frame].token = 0;
                frameFail(w.frame, FailureReason::Crash);
                continue;
            }
            sendCall(w.frame, w.token, job.poolSlot);
            break;
        }
    }

    if (job.parentJob != kNone) {
        jobDone(job.parentJob, ok, reason);
    } else if (job.callerFrame != kNone) {
        if (m_frames[job.callerFrame].token == job.callerToken) {
            if (job.op == OpGet)
                cacheReturned(job.callerFrame, job.result);
            else
                callReturned(job.callerFrame, ok, reason);
        }
    } else if (job.channel != kNone) {
        messageDone(job, ok);
    } else if (job.type != kNone) {
        // a top-level request ends
        if (m_measuring) {
            TypeStats &ts = m_types[job.type];
            if (ok) {
                ++ts.completed;
                ts.latency.add(m_now - job.arrival);
            } else {
                ++ts.failed;
                ++ts.failures[static_cast<int>(reason)];
            }
        }
        if (ok) {
            ++m_bucketCompleted;
            m_bucketLatency.add(m_now - job.arrival);
        } else {
            ++m_bucketFailed;
        }
    }
}

// ---------------------------------------------------------------------------------------
// replica lifecycle: crashes, restarts, health checks, autoscaling, faults

void EngineImpl::addEvent(std::uint32_t comp, const char *what, std::string detail)
{
    if (m_timeline.size() >= kMaxTimeline) {
        ++m_timelineDropped;
        return;
    }
    m_timeline.push_back({ticksToSeconds(m_now), m_comps[comp].spec->id, what, std::move(detail)});
}

void EngineImpl::linkJob(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Replica &r = m_replicas[job.replica];
    job.prevAtReplica = kNone;
    job.nextAtReplica = r.jobHead;
    if (r.jobHead != kNone)
        m_jobs[r.jobHead].prevAtReplica = j;
    r.jobHead = j;
}

void EngineImpl::unlinkJob(std::uint32_t j)
{
    Job &job = m_jobs[j];
    Replica &r = m_replicas[job.replica];
    if (job.prevAtReplica != kNone)
        m_jobs[job.prevAtReplica].nextAtReplica = job.nextAtReplica;
    else if (r.jobHead == j)
        r.jobHead = job.nextAtReplica;
    if (job.nextAtReplica != kNone)
        m_jobs[job.nextAtReplica].prevAtReplica = job.prevAtReplica;
    job.prevAtReplica = job.nextAtReplica = kNone;
}

void EngineImpl::setRoutable(std::uint32_t ri, bool routable)
{
    Replica &r = m_replicas[ri];
    if (r.routable == routable)
        return;
    r.routable = routable;
    Comp &c = m_comps[r.comp];
    if (routable)
        c.routable.insert(std::upper_bound(c.routable.begin(), c.routable.end(), ri), ri);
    else
        c.routable.erase(std::find(c.routable.begin(), c.routable.end(), ri));
    ++m_topologyVersion;
    if (routable) {
        // messages may have waited for a consumer replica to come up
        for (const Channel &ch : m_channels) {
            if (ch.service == r.comp)
                tryDeliver(ch.queueComp, ch.queue);
        }
    }
}

void EngineImpl::setState(std::uint32_t ri, ReplicaState state)
{
    Replica &r = m_replicas[ri];
    auto running = [](ReplicaState s) { return s == ReplicaState::Ready || s == ReplicaState::Draining; };
    const int delta = (running(state) ? 1 : 0) - (running(r.state) ? 1 : 0);
    r.state = state;
    if (delta != 0) {
        Comp &c = m_comps[r.comp];
        c.readyReplicas.add(m_now, delta);
        if (m_measuring) {
            c.readyMin = std::min(c.readyMin, c.readyReplicas.level());
            c.readyMax = std::max(c.readyMax, c.readyReplicas.level());
        }
    }
}

void EngineImpl::crashReplica(std::uint32_t ri, const char *what)
{
    Replica &r = m_replicas[ri];
    Comp &c = m_comps[r.comp];
    if (r.state == ReplicaState::Dead || r.state == ReplicaState::Stopped)
        return;
    addEvent(r.comp, what, "replica " + std::to_string(ri - c.firstReplica));
    if (m_now - r.startedAt >= 600 * kTicksPerSecond)
        r.crashes = 0; // ran long enough: the crash-loop back-off starts again
    ++r.crashes;
    ++r.epoch;
    setState(ri, ReplicaState::Dead);

    // the CPU work in progress or queued on it is lost
    std::vector<std::uint32_t> orphans;
    for (const CpuTask &t : r.heap)
        orphans.push_back(t.frame);
    r.heap.clear();
    ++r.gen;
    r.scheduled = -1;
    r.busy.set(m_now, 0);
    for (Worker &w : r.workers) {
        while (!w.queue.empty()) {
            orphans.push_back(w.queue.pop());
            c.waiting.add(m_now, -1);
        }
        while (!w.offloadQueue.empty()) {
            orphans.push_back(w.offloadQueue.pop());
            c.waiting.add(m_now, -1);
        }
        w.current = kNone;
        w.offloadBusy = 0;
    }
    while (!r.acceptQueue.empty()) {
        r.acceptQueue.pop();
        c.waiting.add(m_now, -1);
    }
    // every request on it fails now; their callers hear of it at once (connection reset)
    std::vector<std::uint32_t> jobs;
    for (std::uint32_t j = r.jobHead; j != kNone; j = m_jobs[j].nextAtReplica)
        jobs.push_back(j);
    r.jobHead = kNone;
    r.inFlight = 0;
    r.busyThreads = 0;
    for (std::uint32_t j : jobs) {
        Job &job = m_jobs[j];
        job.prevAtReplica = job.nextAtReplica = kNone;
        const Job copy = job;
        c.inSystem.add(m_now, -1);
        ++c.bucketEnded;
        if (m_measuring) {
            ++c.failed;
            ++c.failures[static_cast<int>(FailureReason::Crash)];
            c.latency.add(m_now - copy.arrival);
        }
        // a queued job has no frames and no events: it goes now; a started one stays until its
        // frames unwind, one in an injected delay until its EvDispatch
        if (job.queued)
            m_jobs.release(j);
        else
            job.dead = true;
        endCall(copy, false, FailureReason::Crash);
    }
    for (std::uint32_t f : orphans)
        frameFail(f, FailureReason::Crash);

    const RestartPolicy policy = c.spec->restart;
    if (policy != RestartPolicy::No) {
        const double backoff = std::min(c.spec->restartBackoffMaxS,
                                        c.spec->restartBackoffS * std::pow(2.0, r.crashes - 1));
        m_events.push(m_now + secondsToTicks(backoff), EvReplicaStart, ri, r.epoch);
    }
}

void EngineImpl::replicaStart(std::uint32_t ri)
{
    Replica &r = m_replicas[ri];
    const bool restart = r.state == ReplicaState::Dead;
    if (r.state != ReplicaState::Dead && r.state != ReplicaState::Stopped)
        return;
    setRoutable(ri, false);
    setState(ri, ReplicaState::Starting);
    addEvent(r.comp, restart ? "restart" : "start", "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
    const Tick startup = secondsToTicks(m_comps[r.comp].spec->startupS);
    if (startup > 0)
        m_events.push(m_now + startup, EvReplicaReady, ri, r.epoch);
    else
        replicaReady(ri, r.epoch);
}

void EngineImpl::replicaReady(std::uint32_t ri, std::uint64_t epoch)
{
    Replica &r = m_replicas[ri];
    if (r.epoch != epoch || r.state != ReplicaState::Starting)
        return;
    setState(ri, ReplicaState::Ready);
    r.startedAt = m_now;
    r.detectedDown = false;
    r.healthFailures = 0;
    setRoutable(ri, true);
    addEvent(r.comp, "ready", "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
}

void EngineImpl::stopIfDrained(std::uint32_t ri)
{
    Replica &r = m_replicas[ri];
    if (r.state == ReplicaState::Draining && r.inFlight == 0 && r.heap.empty())
        setState(ri, ReplicaState::Stopped);
}

void EngineImpl::onHealth(std::uint32_t ri)
{
    Replica &r = m_replicas[ri];
    const HealthCheck &hc = m_comps[r.comp].spec->healthCheck;
    m_events.push(m_now + secondsToTicks(std::max(0.001, hc.intervalS)), EvHealth, ri);
    if (r.state == ReplicaState::Dead) {
        if (++r.healthFailures >= hc.failureThreshold && !r.detectedDown) {
            r.detectedDown = true;
            setRoutable(ri, false);
            addEvent(r.comp, "health_down", "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
        }
    } else if (r.state == ReplicaState::Ready) {
        r.healthFailures = 0;
        if (r.detectedDown) {
            r.detectedDown = false;
            setRoutable(ri, true);
            addEvent(r.comp, "health_up", "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
        }
    }
}

void EngineImpl::onAutoscale(std::uint32_t ci)
{
    Comp &c = m_comps[ci];
    const Autoscaling &as = c.spec->autoscaling;
    m_events.push(m_now + secondsToTicks(std::max(0.001, as.intervalS)), EvAutoscale, ci);

    // average CPU utilisation of the running replicas over the last period (HPA's metric)
    double busy = 0;
    int current = 0;
    for (std::uint32_t k = 0; k < c.replicaCount; ++k) {
        const Replica &r = m_replicas[c.firstReplica + k];
        busy += r.busy.areaAt(m_now);
        if (r.state == ReplicaState::Starting || r.state == ReplicaState::Ready || r.state == ReplicaState::Dead)
            ++current;
    }
    const double ready = c.readyReplicas.areaAt(m_now);
    const double dBusy = busy - c.scaleBusyLast, dReady = ready - c.scaleReadyLast;
    c.scaleBusyLast = busy;
    c.scaleReadyLast = ready;
    int desired = current;
    if (dReady > 0) {
        const double utilization = dBusy / (c.spec->cpuCores * dReady);
        const double ratio = utilization / as.targetUtilization;
        if (std::abs(ratio - 1.0) > as.tolerance)
            desired = static_cast<int>(std::ceil(current * ratio - 1e-9));
    }
    desired = std::clamp(desired, std::max(1, as.minReplicas), std::max(1, as.maxReplicas));

    // stabilisation windows (HPA behavior): scale up to the lowest, down to the highest
    // recommendation of the window
    c.recommendations.emplace_back(m_now, desired);
    const Tick upWindow = secondsToTicks(as.scaleUpStabilizationS);
    const Tick downWindow = secondsToTicks(as.scaleDownStabilizationS);
    const Tick keep = std::max(upWindow, downWindow);
    while (!c.recommendations.empty() && c.recommendations.front().first < m_now - keep)
        c.recommendations.erase(c.recommendations.begin());
    int up = desired, down = desired;
    for (const auto &[t, rec] : c.recommendations) {
        if (t >= m_now - upWindow)
            up = std::min(up, rec);
        if (t >= m_now - downWindow)
            down = std::max(down, rec);
    }
    int target = current;
    if (target < up)
        target = up;
    if (target > down)
        target = down;
    if (target == current)
        return;
    addEvent(ci, target > current ? "scale_up" : "scale_down",
             std::to_string(current) + " -> " + std::to_string(target) + " replicas");
    c.desired = target;
    for (int n = current; n < target; ++n) {
        for (std::uint32_t k = 0; k < c.replicaCount; ++k) {
            if (m_replicas[c.firstReplica + k].state == ReplicaState::Stopped) {
                replicaStart(c.firstReplica + k);
                break;
            }
        }
    }
    for (int n = current; n > target; --n) {
        // remove a replica that is not ready yet first, else the newest ready one
        std::uint32_t victim = kNone;
        for (std::uint32_t k = c.replicaCount; k-- > 0;) {
            const ReplicaState st = m_replicas[c.firstReplica + k].state;
            if (st == ReplicaState::Starting || st == ReplicaState::Dead) {
                victim = c.firstReplica + k;
                break;
            }
        }
        for (std::uint32_t k = c.replicaCount; victim == kNone && k-- > 0;) {
            if (m_replicas[c.firstReplica + k].state == ReplicaState::Ready)
                victim = c.firstReplica + k;
        }
        if (victim == kNone)
            break;
        setRoutable(victim, false);
        Replica &v = m_replicas[victim];
        ++v.epoch; // a pending restart or ready event no longer applies
        if (v.state == ReplicaState::Ready) {
            setState(victim, ReplicaState::Draining); // finishes what it has
            stopIfDrained(victim);
        } else {
            setState(victim, ReplicaState::Stopped);
        }
    }
}

void EngineImpl::onFault(std::uint32_t fi, bool start)
{
    const Fault &f = m_spec.faults[fi];
    if (f.target < 0 || f.target >= static_cast<int>(m_comps.size()))
        return;
    const auto ci = static_cast<std::uint32_t>(f.target);
    Comp &c = m_comps[ci];
    static const char *names[] = {"kill_instance", "outage", "latency", "errors"};
    addEvent(ci, start ? "fault_start" : "fault_end", names[static_cast<int>(f.kind)]);
    switch (f.kind) {
    case Fault::Kind::KillInstance: {
        if (!start || c.spec->kind != ComponentKind::Service)
            return;
        std::vector<std::uint32_t> victims;
        for (std::uint32_t k = 0; k < c.replicaCount && static_cast<int>(victims.size()) < f.count; ++k) {
            if (m_replicas[c.firstReplica + k].state == ReplicaState::Ready)
                victims.push_back(c.firstReplica + k);
        }
        for (std::uint32_t v : victims)
            crashReplica(v, "crash");
        return;
    }
    case Fault::Kind::Outage:
        c.outages += start ? 1 : -1;
        break;
    case Fault::Kind::Latency:
        if (start)
            c.latencyFaults.push_back(fi);
        else
            c.latencyFaults.erase(std::find(c.latencyFaults.begin(), c.latencyFaults.end(), fi));
        break;
    case Fault::Kind::Errors: {
        // the error faults in force combine as independent causes
        if (start)
            c.errorFaults.push_back(fi);
        else
            c.errorFaults.erase(std::find(c.errorFaults.begin(), c.errorFaults.end(), fi));
        double pass = 1;
        for (std::uint32_t k : c.errorFaults)
            pass *= 1 - m_spec.faults[k].errorRate;
        c.injectedErrorRate = 1 - pass;
        break;
    }
    }
    c.faulted = c.outages > 0 || c.injectedErrorRate > 0 || !c.latencyFaults.empty();
}

// ---------------------------------------------------------------------------------------
// handler frames

inline std::uint32_t EngineImpl::newFrame(std::uint32_t job, std::uint32_t parent, std::uint32_t list)
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

void EngineImpl::runFrame(std::uint32_t f)
{
    if (m_anyCanCrash && m_jobs[m_frames[f].job].dead) {
        frameFail(f, FailureReason::Crash); // its replica crashed: unwind
        return;
    }
    for (;;) {
        Frame &fr = m_frames[f];
        if (fr.begin + fr.pc >= fr.end) {
            frameComplete(f);
            return;
        }
        const CStep &s = m_steps[fr.begin + fr.pc];
        Comp &c = m_comps[m_jobs[fr.job].comp];
        switch (s.kind) {
        case Step::Kind::Cpu:
            submitCpu(f, c.rng.sampleTicks(s.duration), s.offload);
            return;
        case Step::Kind::Io:
            m_events.push(m_now + c.rng.sampleTicks(s.duration), EvResume, f);
            return;
        case Step::Kind::Call:
            fr.attemptsLeft = s.retries;
            if (s.link != kNone && m_links[s.link].budgetRatio > 0) {
                // retry budget: every call earns a fraction of a retry
                CallLink &l = m_links[s.link];
                l.budgetTokens = std::min(10.0 + l.budgetRatio * 100.0, l.budgetTokens + l.budgetRatio);
            }
            startAttempt(f);
            return;
        case Step::Kind::Cache:
        case Step::Kind::Publish: {
            const std::uint64_t token = m_nextToken++;
            fr.token = token;
            fr.attemptsLeft = 0; // a rejected publish fails the step; no retries
            std::uint32_t name = 0;
            std::uint64_t key = 0;
            if (s.kind == Step::Kind::Cache) {
                key = s.keyOffset + m_samplers[s.sampler].sample(c.rng) - 1;
                fr.cacheKey = key;
            } else {
                name = s.name >= 0 ? static_cast<std::uint32_t>(s.name) : m_jobs[fr.job].name;
            }
            const std::uint32_t j = newJob(static_cast<std::uint32_t>(s.target), name);
            Job &job = m_jobs[j];
            job.callerFrame = f;
            job.callerToken = token;
            job.op = s.kind == Step::Kind::Cache ? OpGet : OpPublish;
            job.key = key;
            dispatch(j);
            return;
        }
        case Step::Kind::Probability:
            if (!(c.rng.uniform01() < s.probability)) {
                ++fr.pc;
                continue;
            }
            [[fallthrough]];
        case Step::Kind::Parallel: {
            // +1 guards against the parent completing while its children are started
            fr.pending = s.childCount + 1;
            const std::uint32_t first = s.child, count = s.childCount;
            const std::uint32_t job = fr.job;
            for (std::uint32_t b = 0; b < count; ++b)
                runFrame(newFrame(job, f, first + b));
            Frame &again = m_frames[f];
            if (--again.pending > 0)
                return;
            if (again.failed) {
                frameComplete(f);
                return;
            }
            ++again.pc;
            continue;
        }
        }
    }
}

void EngineImpl::frameComplete(std::uint32_t f)
{
    const Frame fr = m_frames[f];
    m_frames.release(f);
    if (fr.parent == kNone) {
        jobDone(fr.job, !fr.failed, fr.reason);
        return;
    }
    Frame &p = m_frames[fr.parent];
    if (fr.failed && !p.failed) {
        p.failed = true;
        p.reason = fr.reason;
    }
    if (--p.pending > 0)
        return;
    // all children have ended
    if (m_steps[p.begin + p.pc].kind == Step::Kind::Cache) {
        cacheFillDone(fr.parent);
        return;
    }
    if (p.failed) {
        frameComplete(fr.parent);
    } else {
        ++p.pc;
        runFrame(fr.parent);
    }
}

void EngineImpl::frameFail(std::uint32_t f, FailureReason reason)
{
    Frame &fr = m_frames[f];
    fr.failed = true;
    fr.reason = reason;
    frameComplete(f);
}

void EngineImpl::startAttempt(std::uint32_t f)
{
    Frame &fr = m_frames[f];
    const CStep &s = m_steps[fr.begin + fr.pc];
    if (s.link != kNone && !callPermitted(s.link)) {
        callReturned(f, false, FailureReason::CircuitOpen);
        return;
    }
    const Job &caller = m_jobs[fr.job];
    fr.bulkheadSlot = -1;
    if (s.bulkhead >= 0 && caller.replica != kNone) {
        const auto slot = static_cast<std::int32_t>(m_replicas[caller.replica].bulkheadBase) + s.bulkhead;
        if (m_bulkheads[static_cast<std::size_t>(slot)]
            >= m_comps[caller.comp].bulkheadLimits[static_cast<std::size_t>(s.bulkhead)]) {
            callReturned(f, false, FailureReason::Rejected);
            return;
        }
        fr.bulkheadSlot = slot;
    }
    const std::uint64_t token = m_nextToken++;
    fr.token = token;
    if (s.timeout > 0) {
        m_lanes[s.lane].queue.push({m_now + s.timeout, f, token});
        if (!m_lanes[s.lane].scheduled)
            scheduleLane(s.lane);
    }
    std::int32_t slot = -1;
    if (caller.replica != kNone) {
        const std::int32_t p = m_comps[caller.comp].poolByTarget[static_cast<std::size_t>(s.target)];
        if (p >= 0) {
            slot = static_cast<std::int32_t>(m_replicas[caller.replica].poolBase) + p;
            PoolState &pool = m_pools[static_cast<std::size_t>(slot)];
            if (pool.outstanding >= pool.size) {
                pool.waiting.push({f, token});
                return;
            }
        }
    }
    sendCall(f, token, slot);
}

void EngineImpl::sendCall(std::uint32_t f, std::uint64_t token, std::int32_t slot)
{
    if (slot >= 0)
        ++m_pools[static_cast<std::size_t>(slot)].outstanding;
    const Frame &fr = m_frames[f];
    if (fr.bulkheadSlot >= 0)
        ++m_bulkheads[static_cast<std::size_t>(fr.bulkheadSlot)];
    const CStep &s = m_steps[fr.begin + fr.pc];
    const std::uint32_t name = s.name >= 0 ? static_cast<std::uint32_t>(s.name) : m_jobs[fr.job].name;
    const auto target = static_cast<std::uint32_t>(s.target);
    const std::int32_t bulkhead = fr.bulkheadSlot;
    const std::uint32_t j = newJob(target, name);
    Job &job = m_jobs[j];
    job.callerFrame = f;
    job.callerToken = token;
    job.poolSlot = slot;
    job.bulkheadSlot = bulkhead;
    Comp &tc = m_comps[target];
    if (tc.kind == ComponentKind::Service)
        job.replica = pickReplica(tc);
    dispatch(j);
}

bool EngineImpl::callPermitted(std::uint32_t li)
{
    CallLink &l = m_links[li];
    if (!l.config.enabled)
        return true;
    switch (l.state) {
    case CallLink::Closed:
        return true;
    case CallLink::Open:
        if (m_now < l.openUntil)
            return false;
        l.state = CallLink::HalfOpen;
        l.trialsIssued = l.trialsSucceeded = 0;
        addEvent(l.comp, "breaker_half_open", "to " + l.target);
        [[fallthrough]];
    case CallLink::HalfOpen:
        if (l.trialsIssued >= l.config.halfOpenCalls)
            return false;
        ++l.trialsIssued;
        return true;
    }
    return true;
}

void EngineImpl::recordCall(std::uint32_t li, bool ok)
{
    CallLink &l = m_links[li];
    if (!l.config.enabled)
        return;
    auto open = [&] {
        l.state = CallLink::Open;
        l.openUntil = m_now + secondsToTicks(l.config.openS);
        addEvent(l.comp, "breaker_open", "to " + l.target);
    };
    switch (l.state) {
    case CallLink::Closed: {
        const std::size_t window = l.outcomes.size();
        if (l.count == window)
            l.failures -= l.outcomes[l.head];
        else
            ++l.count;
        l.outcomes[l.head] = ok ? 0 : 1;
        l.failures += ok ? 0 : 1;
        l.head = (l.head + 1) % window;
        if (l.count >= static_cast<std::size_t>(std::max(1, l.config.minimumCalls))
            && static_cast<double>(l.failures) >= l.config.failureRate * static_cast<double>(l.count))
            open();
        break;
    }
    case CallLink::HalfOpen:
        if (!ok) {
            open();
        } else if (++l.trialsSucceeded >= l.config.halfOpenCalls) {
            l.state = CallLink::Closed;
            std::fill(l.outcomes.begin(), l.outcomes.end(), 0);
            l.head = l.count = l.failures = 0;
            addEvent(l.comp, "breaker_closed", "to " + l.target);
        }
        break;
    case CallLink::Open:
        break; // late answers to calls made before it opened
    }
}

void EngineImpl::callReturned(std::uint32_t f, bool ok, FailureReason reason)
{
    Frame &fr = m_frames[f];
    fr.token = 0;
    if (m_anyCanCrash && m_jobs[fr.job].dead) {
        frameFail(f, FailureReason::Crash);
        return;
    }
    const CStep &s = m_steps[fr.begin + fr.pc];
    if (s.kind != Step::Kind::Call) {
        // publish: no retries or fallback
        if (ok) {
            ++fr.pc;
            runFrame(f);
        } else {
            frameFail(f, reason);
        }
        return;
    }
    if (s.link != kNone && reason != FailureReason::CircuitOpen)
        recordCall(s.link, ok);
    if (ok) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    bool retry = reason != FailureReason::CircuitOpen && fr.attemptsLeft > 0;
    if (retry && s.link != kNone && m_links[s.link].budgetRatio > 0) {
        CallLink &l = m_links[s.link];
        if (l.budgetTokens >= 1)
            l.budgetTokens -= 1;
        else
            retry = false; // the retry budget is spent
    }
    if (retry) {
        --fr.attemptsLeft;
        const int attempt = s.retries - fr.attemptsLeft; // 1 for the first retry
        double wait = static_cast<double>(s.backoff) * std::pow(s.multiplier, attempt - 1);
        wait = std::min(wait, static_cast<double>(s.backoffMax));
        if (s.jitter > 0)
            wait *= 1.0 + s.jitter * (2.0 * m_comps[m_jobs[fr.job].comp].rng.uniform01() - 1.0);
        const auto delay = static_cast<Tick>(wait + 0.5);
        if (delay > 0) {
            const std::uint64_t token = m_nextToken++;
            fr.token = token;
            m_events.push(m_now + delay, EvRetry, f, token);
        } else {
            startAttempt(f);
        }
        return;
    }
    if (s.fallback != kNone) {
        fr.pending = 1;
        const std::uint32_t child = newFrame(fr.job, f, s.fallback);
        runFrame(child);
        return;
    }
    frameFail(f, reason);
}

void EngineImpl::onRetry(std::uint32_t f, std::uint64_t token)
{
    Frame &fr = m_frames[f];
    if (fr.token != token)
        return;
    fr.token = 0;
    if (m_jobs[fr.job].dead)
        frameFail(f, FailureReason::Crash);
    else
        startAttempt(f);
}

void EngineImpl::scheduleLane(std::uint32_t lane)
{
    TimeoutLane &l = m_lanes[lane];
    // calls that already returned (or whose frame is gone) need no event
    while (!l.queue.empty() && m_frames[l.queue.front().frame].token != l.queue.front().token)
        l.queue.pop();
    l.scheduled = !l.queue.empty();
    if (l.scheduled)
        m_events.push(l.queue.front().deadline, EvTimeout, lane);
}

void EngineImpl::onTimeoutLane(std::uint32_t lane)
{
    TimeoutLane &l = m_lanes[lane];
    while (!l.queue.empty() && l.queue.front().deadline <= m_now) {
        const TimeoutLane::Entry e = l.queue.pop();
        if (m_frames[e.frame].token == e.token)
            callReturned(e.frame, false, FailureReason::Timeout); // may push a retry's deadline
    }
    scheduleLane(lane);
}

// ---------------------------------------------------------------------------------------
// caches: look-aside (cache-aside) with stampede protections

void EngineImpl::cacheReturned(std::uint32_t f, CacheStore::Lookup result)
{
    Frame &fr = m_frames[f];
    fr.token = 0;
    if (m_anyCanCrash && m_jobs[fr.job].dead) {
        frameFail(f, FailureReason::Crash);
        return;
    }
    const CStep &s = m_steps[fr.begin + fr.pc];
    const auto cacheIdx = static_cast<std::uint32_t>(s.target);
    Comp &cache = m_comps[cacheIdx];
    const std::uint64_t key = fr.cacheKey;
    if (result == CacheStore::Lookup::Hit) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    // Double-checked: the answer was decided when the command ran, and a fill may have landed
    // since. Protected caches look again before starting a fill (as lock implementations do
    // after taking the lock); an unprotected one does not, which is the stampede.
    const bool protectedCache = cache.spec->stampede != StampedeProtection::None;
    const bool landed = protectedCache && cache.store->fresh(key, m_now);
    if (result == CacheStore::Lookup::Expired) {
        // stale_while_revalidate: serve the stale value; one refresh runs in the background
        const auto running = cache.fills.find(key);
        if (!landed && (running == cache.fills.end() || running->second.inflight == 0)) {
            cache.fills[key].inflight = 1;
            startRefresh(f, cacheIdx, key, s.child);
        }
        ++m_frames[f].pc;
        runFrame(f);
        return;
    }
    if (landed) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    const auto it = cache.fills.find(key);
    if (it != cache.fills.end() && it->second.inflight > 0) {
        if (cache.spec->stampede == StampedeProtection::Lock) {
            // wait for the fill already in flight instead of asking the origin again
            const std::uint64_t token = m_nextToken++;
            fr.token = token;
            it->second.waiters.push_back({f, token});
            if (m_measuring)
                ++cache.lockWaits;
            return;
        }
        if (m_measuring)
            ++cache.stampedeMisses;
        ++it->second.inflight;
    } else {
        cache.fills[key].inflight = 1;
    }
    fr.pending = 1;
    const std::uint32_t child = newFrame(fr.job, f, s.child);
    runFrame(child);
}

void EngineImpl::cacheFillDone(std::uint32_t f)
{
    const Frame &fr = m_frames[f];
    const CStep &s = m_steps[fr.begin + fr.pc];
    const auto cache = static_cast<std::uint32_t>(s.target);
    const std::uint64_t key = fr.cacheKey;
    if (fr.failed) {
        const FailureReason reason = fr.reason;
        fillEnded(cache, key, false, reason);
        frameComplete(f);
        return;
    }
    // the fill is released when the SET has run, so a GET queued behind it sees the value
    issueSet(cache, key);
    ++m_frames[f].pc;
    runFrame(f);
}

void EngineImpl::issueSet(std::uint32_t cache, std::uint64_t key)
{
    const std::uint32_t j = newJob(cache, 0);
    m_jobs[j].op = OpSet;
    m_jobs[j].key = key;
    dispatch(j);
}

void EngineImpl::fillEnded(std::uint32_t cache, std::uint64_t key, bool ok, FailureReason reason)
{
    Comp &c = m_comps[cache];
    const auto it = c.fills.find(key);
    if (it == c.fills.end() || it->second.inflight == 0)
        return;
    if (--it->second.inflight > 0)
        return;
    const std::vector<PoolWait> waiters = std::move(it->second.waiters);
    c.fills.erase(it);
    for (const PoolWait &w : waiters) {
        if (m_frames[w.frame].token != w.token)
            continue;
        m_frames[w.frame].token = 0;
        if (ok) {
            ++m_frames[w.frame].pc;
            runFrame(w.frame);
        } else {
            frameFail(w.frame, reason);
        }
    }
}

void EngineImpl::startRefresh(std::uint32_t f, std::uint32_t cache, std::uint64_t key, std::uint32_t list)
{
    const Job &caller = m_jobs[m_frames[f].job];
    const std::uint32_t comp = caller.comp, name = caller.name, replica = caller.replica,
                        worker = caller.worker;
    const std::uint32_t j = newJob(comp, name);
    Job &job = m_jobs[j];
    job.replica = replica;
    job.worker = worker;
    job.background = true;
    job.key = key;
    job.cacheComp = cache;
    runFrame(newFrame(j, kNone, list));
}

// ---------------------------------------------------------------------------------------
// queues: RabbitMQ-style channels with prefetch and acks

void EngineImpl::publishArrived(std::uint32_t j)
{
    const Job job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    bool accepted = true;
    for (QueueState &q : c.queues) {
        if (c.spec->maxLength >= 0 && q.ready.size() >= static_cast<std::size_t>(c.spec->maxLength)) {
            if (c.spec->overflow == Overflow::RejectPublish) {
                accepted = false;
                continue;
            }
            // drop_head: the oldest ready message goes (or the new one, with max_length 0)
            if (m_measuring)
                ++c.dropped;
            if (q.ready.empty())
                continue;
            q.ready.pop();
            c.backlog.add(m_now, -1);
        }
        q.ready.push({m_now, job.name});
        c.backlog.add(m_now, 1);
        if (m_measuring) {
            ++c.published;
            c.backlogMax = std::max(c.backlogMax, c.backlog.level());
        }
    }
    if (!accepted && m_measuring)
        ++c.rejected;
    backlogChanged(c);
    jobDone(j, accepted, FailureReason::Rejected);
    const auto comp = job.comp;
    for (std::uint32_t q = 0; q < m_comps[comp].queues.size(); ++q)
        tryDeliver(comp, q);
}

void EngineImpl::backlogChanged(Comp &c)
{
    DrainTracker &d = c.drain;
    const double level = c.backlog.level();
    if (!d.open) {
        if (level > d.rest) {
            d.open = true; // a burst begins: the resting level is what it was
            d.peak = level;
            d.peakAt = m_now;
        } else {
            d.rest = level;
        }
        return;
    }
    if (level >= d.peak) {
        d.peak = level;
        d.peakAt = m_now;
    } else if (level <= d.rest) {
        if (m_measuring) {
            d.longest = std::max(d.longest, m_now - d.peakAt);
            d.highestRise = std::max(d.highestRise, d.peak - d.rest);
        }
        d.open = false;
        d.rest = level;
    }
}

void EngineImpl::tryDeliver(std::uint32_t comp, std::uint32_t qi)
{
    QueueState &q = m_comps[comp].queues[qi];
    const auto n = static_cast<std::uint32_t>(q.channels.size());
    while (!q.ready.empty() && n > 0) {
        // round robin over the channels that have a free prefetch slot, as RabbitMQ does
        std::uint32_t found = kNone;
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t ch = q.channels[(q.rr + k) % n];
            if (m_channels[ch].inflight < m_channels[ch].prefetch) {
                found = ch;
                q.rr = (q.rr + k + 1) % n;
                break;
            }
        }
        if (found == kNone)
            return;
        Channel &ch = m_channels[found];
        const std::uint32_t replica = pickReplica(m_comps[ch.service]);
        if (replica == kNone)
            return; // no consumer replica is up: the messages wait
        const Message m = q.ready.pop();
        ++q.unacked;
        ++ch.inflight;
        const std::uint32_t j = newJob(ch.service, m.name);
        Job &job = m_jobs[j];
        job.replica = replica;
        job.channel = found;
        job.published = m.published;
        dispatch(j);
    }
}

void EngineImpl::messageDone(const Job &job, bool ok)
{
    Channel &ch = m_channels[job.channel];
    Comp &c = m_comps[ch.queueComp];
    QueueState &q = c.queues[ch.queue];
    --q.unacked;
    Tick roundTrip = c.rng.sampleTicks(c.spec->deliveryLatency);
    if (ok) {
        c.backlog.add(m_now, -1);
        backlogChanged(c);
        if (m_measuring) {
            ++c.consumed;
            c.messageAge.add(m_now - job.published);
        }
    } else {
        // nack with requeue: back to the head of the queue, delivered again
        q.ready.pushFront({job.published, job.name});
        if (m_measuring)
            ++c.redelivered;
        // a handler that fails at once would otherwise spin at one instant
        roundTrip = std::max<Tick>(roundTrip, kTicksPerMs);
    }
    m_events.push(m_now + roundTrip, EvChannelFree, job.channel);
}

void EngineImpl::onChannelFree(std::uint32_t channel)
{
    Channel &ch = m_channels[channel];
    --ch.inflight;
    tryDeliver(ch.queueComp, ch.queue);
}

// ---------------------------------------------------------------------------------------
// CPU: processor sharing on each replica's cores, event loops and offload pools on top

inline void EngineImpl::submitCpu(std::uint32_t f, Tick work, bool offload)
{
    Frame &fr = m_frames[f];
    const Job &job = m_jobs[fr.job];
    const Comp &c = m_comps[job.comp];
    fr.work = work;
    if (c.concurrency == ConcurrencyModel::ThreadPool) {
        cpuAdd(job.replica, f, work);
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

void EngineImpl::startLoopTask(std::uint32_t replica, Worker &w, std::uint32_t f)
{
    w.current = f;
    cpuAdd(replica, f, m_frames[f].work);
}

inline void EngineImpl::cpuAdvance(Replica &r)
{
    if (!r.heap.empty())
        r.vtime += static_cast<double>(m_now - r.last) * ps(r);
    r.last = m_now;
}

static bool taskAfter(const CpuTask &x, const CpuTask &y)
{
    return x.tag > y.tag || (x.tag == y.tag && x.frame > y.frame);
}

inline void EngineImpl::cpuAdd(std::uint32_t ri, std::uint32_t f, Tick work)
{
    Replica &r = m_replicas[ri];
    cpuAdvance(r);
    if (r.heap.empty())
        r.vtime = 0; // keeps tags small, so doubles stay exact on long runs
    r.heap.push_back({r.vtime + static_cast<double>(work), f});
    std::push_heap(r.heap.begin(), r.heap.end(), taskAfter);
    r.busy.set(m_now, std::min(static_cast<double>(r.heap.size()), r.capacity));
    cpuReschedule(ri);
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
    // the argument is > -1, where truncation and one step up give the same value
    const double wall = remaining / ps(r) - 1e-9;
    Tick delay = static_cast<Tick>(wall);
    if (static_cast<double>(delay) < wall)
        ++delay;
    const Tick at = m_now + delay;
    if (at == r.scheduled)
        return;
    r.scheduled = at;
    m_events.push(at, EvCpu, ri, ++r.gen);
}

void EngineImpl::onCpu(std::uint32_t ri, std::uint64_t gen)
{
    Replica &r = m_replicas[ri];
    if (gen != r.gen)
        return; // superseded by a later reschedule
    cpuAdvance(r);
    if (r.heap.size() == 1 && r.heap.front().tag <= r.vtime + 0.5) {
        // the common case: the one task on the replica is done
        const std::uint32_t f = r.heap.front().frame;
        r.heap.clear();
        r.busy.set(m_now, 0);
        r.scheduled = -1;
        cpuTaskDone(f);
        return;
    }
    m_due.clear();
    // tags are doubles; completion times were rounded up to whole ticks, so anything within
    // half a tick of the virtual clock is due now
    while (!r.heap.empty() && r.heap.front().tag <= r.vtime + 0.5) {
        std::pop_heap(r.heap.begin(), r.heap.end(), taskAfter);
        m_due.push_back(r.heap.back());
        r.heap.pop_back();
    }
    r.busy.set(m_now, std::min(static_cast<double>(r.heap.size()), r.capacity));
    r.scheduled = -1;
    cpuReschedule(ri);
    // completions may add work to this replica; m_due is not touched by them
    const std::size_t n = m_due.size();
    if (n == 1) {
        cpuTaskDone(m_due[0].frame);
    } else {
        const std::vector<CpuTask> due = m_due;
        for (const CpuTask &t : due)
            cpuTaskDone(t.frame);
    }
}

void EngineImpl::cpuTaskDone(std::uint32_t f)
{
    Frame &fr = m_frames[f];
    const Job &job = m_jobs[fr.job];
    const Comp &c = m_comps[job.comp];
    if (c.concurrency == ConcurrencyModel::ThreadPool) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    const std::uint32_t ri = job.replica;
    const std::uint32_t wi = job.worker;
    const std::uint32_t comp = job.comp;
    const bool offload = m_steps[fr.begin + fr.pc].offload;
    {
        Worker &w = m_replicas[ri].workers[wi];
        if (offload) {
            --w.offloadBusy;
            if (!w.offloadQueue.empty()) {
                const std::uint32_t next = w.offloadQueue.pop();
                m_comps[comp].waiting.add(m_now, -1);
                ++w.offloadBusy;
                cpuAdd(ri, next, m_frames[next].work);
            }
        } else {
            w.current = kNone;
        }
    }
    // Resume first: consecutive CPU steps of one request run back to back on the loop,
    // as synchronous JavaScript does, before the loop takes the next queued callback.
    ++fr.pc;
    runFrame(f);
    Worker &w = m_replicas[ri].workers[wi];
    if (!offload && w.current == kNone && !w.queue.empty()) {
        const std::uint32_t next = w.queue.pop();
        m_comps[comp].waiting.add(m_now, -1);
        startLoopTask(ri, w, next);
    }
}

// ---------------------------------------------------------------------------------------

Engine::Engine(const Spec &spec, int replication, const RunOptions &options)
    : d(std::make_unique<EngineImpl>(spec, replication, options))
{}

Engine::~Engine() = default;

ReplicationResult Engine::run()
{
    return d->run();
}

double Engine::progress() const
{
    return d->m_progress.load(std::memory_order_relaxed);
}

} // namespace Sim
