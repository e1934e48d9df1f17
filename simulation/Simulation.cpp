// SPDX-License-Identifier: GPL-3.0-or-later
#include "Simulation.h"
#include "Trace.h"

#include "Engine.h"
#include "Histogram.h"
#include "Statistics.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <limits>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#if defined(__unix__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Sim {

const char *engineVersion()
{
    return ARCHSIM_VERSION;
}

namespace {

/** A number from the first line of a file ("max" or nothing: 0). */
std::uint64_t numberInFile(const char *path)
{
    std::ifstream in(path);
    std::uint64_t v = 0;
    if (in && (in >> v))
        return v;
    return 0;
}

/**
 * The figures of a replication that could not make its own, because an allocation failed
 * where the engine could not catch it (setting up, or making its figures): its requests and
 * components by name, with nothing counted, and a stop that says why.
 */
ReplicationResult unfinishedReplication(const Spec &spec, int replication) noexcept
{
    ReplicationResult out;
    out.replication = replication;
    out.stop.reason = RunStop::Reason::OutOfMemory;
    try {
        out.stop.verdict = "stopped: out of memory (an allocation failed) before the run could "
                           "keep its figures; give it more memory or simulate a smaller system";
        out.requests.push_back({});
        out.requests.back().name = "_all";
        for (const RequestType &t : spec.workload.requests) {
            out.requests.push_back({});
            out.requests.back().name = t.name;
        }
        for (const Component &c : spec.components) {
            out.components.push_back({});
            out.components.back().id = c.id;
            out.components.back().kind = c.kind;
        }
    } catch (...) {
        // not even that fits: aggregateReplications copes with empty lists
    }
    return out;
}

} // namespace

std::uint64_t defaultMemoryBudgetBytes()
{
    std::uint64_t usable = 0;
    auto consider = [&usable](std::uint64_t v) {
        if (v > 0 && (usable == 0 || v < usable))
            usable = v;
    };
#if defined(__unix__)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0)
        consider(static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize));
    for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
        rlimit limit{};
        if (getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
            consider(static_cast<std::uint64_t>(limit.rlim_cur));
    }
    consider(numberInFile("/sys/fs/cgroup/memory.max")); // cgroup v2
    const std::uint64_t v1 = numberInFile("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    if (v1 < (std::uint64_t{1} << 60)) // v1 says "no limit" with a huge number
        consider(v1);
#endif
    if (usable == 0)
        usable = std::uint64_t{2} << 30;
    return usable / 2;
}

std::uint64_t memoryBudgetBytes(const Spec &spec)
{
    if (spec.maxMemoryMb > 0)
        return static_cast<std::uint64_t>(spec.maxMemoryMb * 1024.0 * 1024.0);
    return defaultMemoryBudgetBytes();
}

namespace {

ReplicationResult runOne(const Spec &spec,
                         int replication,
                         const RunOptions &options,
                         TraceSink *trace)
{
    // The run's boundary: an allocation that fails outside the event loop (which catches its
    // own) ends the replication here, reported like the budget's stop, never as an exception.
    try {
        Engine engine(spec, replication, options, trace);
        return engine.run();
    } catch (const std::bad_alloc &) {
    } catch (const std::length_error &) {
    }
    return unfinishedReplication(spec, replication);
}

} // namespace

ReplicationResult runReplication(const Spec &spec, int replication, const RunOptions &options)
{
    return runOne(spec, replication, options, nullptr);
}

ReplicationResult runReplication(const Spec &spec,
                                 int replication,
                                 TraceSink &trace,
                                 const RunOptions &options)
{
    return runOne(spec, replication, options, &trace);
}

namespace {

/** Mean over replications of one figure, with its 95% confidence interval. */
template<typename Get>
double meanOf(const std::vector<ReplicationResult> &reps, Get get, Interval *ci = nullptr)
{
    Welford w;
    for (const ReplicationResult &r : reps)
        w.add(get(r));
    if (ci) {
        if (w.count() >= 2) {
            const double half = studentT95(static_cast<int>(w.count() - 1))
                                * std::sqrt(w.variance() / static_cast<double>(w.count()));
            *ci = std::make_pair(w.mean() - half, w.mean() + half);
        } else {
            ci->reset();
        }
    }
    return w.mean();
}

LatencySummary meanLatency(const std::vector<ReplicationResult> &reps,
                           const LatencySummary &(*pick)(const ReplicationResult &, std::size_t),
                           std::size_t i)
{
    LatencySummary s;
    s.mean = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).mean; });
    s.p50 = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).p50; });
    s.p90 = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).p90; });
    s.p95 = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).p95; });
    s.p99 = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).p99; });
    s.p999 = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).p999; });
    s.max = meanOf(reps, [&](const ReplicationResult &r) { return pick(r, i).max; });
    return s;
}

/**
 * Mean latency histogram of request i: the replications' bins sit on one grid
 * (Histogram::coarseIndexOf), so they add up bin by bin over the union of their ranges.
 */
std::vector<HistogramBin> meanHistogram(const std::vector<ReplicationResult> &reps, std::size_t i)
{
    auto indexOf = [](const HistogramBin &b) {
        return Histogram::coarseIndexOf(static_cast<std::uint64_t>(std::llround(b.loMs * 1e6)));
    };
    int first = std::numeric_limits<int>::max(), last = -1;
    for (const ReplicationResult &r : reps) {
        const std::vector<HistogramBin> &bins = r.requests[i].latencyHistogram;
        if (!bins.empty()) {
            first = std::min(first, indexOf(bins.front()));
            last = std::max(last, indexOf(bins.back()));
        }
    }
    std::vector<HistogramBin> out;
    if (last < 0)
        return out;
    for (int ci = first; ci <= last; ++ci)
        out.push_back({static_cast<double>(Histogram::coarseLower(ci)) / 1e6,
                       static_cast<double>(Histogram::coarseLower(ci + 1)) / 1e6,
                       0.0});
    for (const ReplicationResult &r : reps) {
        for (const HistogramBin &b : r.requests[i].latencyHistogram)
            out[static_cast<std::size_t>(indexOf(b) - first)].count += b.count;
    }
    for (HistogramBin &b : out)
        b.count /= static_cast<double>(reps.size());
    return out;
}

const LatencySummary &requestLatency(const ReplicationResult &r, std::size_t i)
{
    return r.requests[i].latencyMs;
}

const LatencySummary &componentLatency(const ReplicationResult &r, std::size_t i)
{
    return r.components[i].latencyMs;
}

const LatencySummary &messageAge(const ReplicationResult &r, std::size_t i)
{
    return r.components[i].messageAgeMs;
}

RunResult aggregateImpl(const Spec &spec, std::vector<ReplicationResult> reps)
{
    RunResult out;
    out.scenario = spec.name;
    out.durationS = spec.durationS;
    out.warmupS = spec.warmupS;
    out.seed = spec.seed;
    out.replications = static_cast<int>(reps.size());
    if (reps.empty())
        return out;
    for (const ReplicationResult &x : reps) {
        out.events += x.events;
        out.cancelled = out.cancelled || x.cancelled;
        if (x.stop.stopped() && !out.stop.stopped())
            out.stop = x.stop;
    }
    // A replication whose figures could not be made (unfinishedReplication, out of memory)
    // has fewer entries than the others: the run's figures are those of the others then.
    const std::size_t nRequests = spec.workload.requests.size() + 1;
    const std::size_t nComponents = spec.components.size();
    const auto complete = [&](const ReplicationResult &x) {
        return x.requests.size() == nRequests && x.components.size() == nComponents;
    };
    std::vector<ReplicationResult> incomplete;
    for (auto it = reps.begin(); it != reps.end();) {
        if (complete(*it)) {
            ++it;
        } else {
            incomplete.push_back(std::move(*it));
            it = reps.erase(it);
        }
    }
    if (reps.empty()) {
        out.perReplication = std::move(incomplete);
        return out;
    }
    const ReplicationResult &first = reps.front();
    for (std::size_t i = 0; i < first.requests.size(); ++i) {
        RequestResult r;
        r.name = first.requests[i].name;
        r.arrived = meanOf(reps, [i](const ReplicationResult &x) { return x.requests[i].arrived; });
        r.completed = meanOf(reps,
                             [i](const ReplicationResult &x) { return x.requests[i].completed; });
        r.failed = meanOf(reps, [i](const ReplicationResult &x) { return x.requests[i].failed; });
        r.inFlightAtEnd = meanOf(reps, [i](const ReplicationResult &x) {
            return x.requests[i].inFlightAtEnd;
        });
        r.throughputPerS = meanOf(
            reps,
            [i](const ReplicationResult &x) { return x.requests[i].throughputPerS; },
            &r.ciThroughput);
        r.latencyMs = meanLatency(reps, requestLatency, i);
        meanOf(
            reps,
            [i](const ReplicationResult &x) { return x.requests[i].latencyMs.mean; },
            &r.ciMean);
        meanOf(
            reps,
            [i](const ReplicationResult &x) { return x.requests[i].latencyMs.p99; },
            &r.ciP99);
        for (const ReplicationResult &x : reps) {
            for (const auto &[reason, count] : x.requests[i].failures)
                r.failures[reason] += count / static_cast<double>(reps.size());
        }
        r.latencyHistogram = meanHistogram(reps, i);
        out.requests.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < first.components.size(); ++i) {
        ComponentResult c;
        c.id = first.components[i].id;
        c.kind = first.components[i].kind;
        auto field = [&](double ComponentResult::*m, Interval *ci = nullptr) {
            return meanOf(
                reps, [i, m](const ReplicationResult &x) { return x.components[i].*m; }, ci);
        };
        c.arrived = field(&ComponentResult::arrived);
        c.completed = field(&ComponentResult::completed);
        c.failed = field(&ComponentResult::failed);
        c.throughputPerS = field(&ComponentResult::throughputPerS);
        c.utilization = field(&ComponentResult::utilization, &c.ciUtilization);
        c.meanInSystem = field(&ComponentResult::meanInSystem);
        c.meanWaiting = field(&ComponentResult::meanWaiting);
        c.rejected = field(&ComponentResult::rejected);
        for (const ReplicationResult &x : reps) {
            for (const auto &[reason, count] : x.components[i].failures)
                c.failures[reason] += count / static_cast<double>(reps.size());
        }
        c.latencyMs = meanLatency(reps, componentLatency, i);
        c.hits = field(&ComponentResult::hits);
        c.misses = field(&ComponentResult::misses);
        c.hitRatio = field(&ComponentResult::hitRatio);
        c.evictions = field(&ComponentResult::evictions);
        c.expirations = field(&ComponentResult::expirations);
        c.stampedeMisses = field(&ComponentResult::stampedeMisses);
        c.staleHits = field(&ComponentResult::staleHits);
        c.lockWaits = field(&ComponentResult::lockWaits);
        c.published = field(&ComponentResult::published);
        c.consumed = field(&ComponentResult::consumed);
        c.dropped = field(&ComponentResult::dropped);
        c.redelivered = field(&ComponentResult::redelivered);
        c.expired = field(&ComponentResult::expired);
        c.nacked = field(&ComponentResult::nacked);
        c.deadLettered = field(&ComponentResult::deadLettered);
        c.backlogMean = field(&ComponentResult::backlogMean);
        c.backlogMax = field(&ComponentResult::backlogMax);
        c.backlogFinal = field(&ComponentResult::backlogFinal);
        c.messageAgeMs = meanLatency(reps, messageAge, i);
        // drain: the mean of the longest drains; draining at the end if any replication was,
        // for the longest time since its peak among them
        c.drainS = field(&ComponentResult::drainS);
        for (const ReplicationResult &x : reps) {
            if (x.components[i].drainingAtEnd) {
                c.drainingAtEnd = true;
                c.drainSincePeakS = std::max(c.drainSincePeakS, x.components[i].drainSincePeakS);
            }
        }
        c.replicasMean = field(&ComponentResult::replicasMean);
        c.replicasMin = first.components[i].replicasMin;
        c.replicasMax = first.components[i].replicasMax;
        for (const ReplicationResult &x : reps) {
            c.replicasMin = std::min(c.replicasMin, x.components[i].replicasMin);
            c.replicasMax = std::max(c.replicasMax, x.components[i].replicasMax);
        }
        out.components.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < first.links.size(); ++i) {
        LinkResult l = first.links[i];
        auto field = [&](double LinkResult::*m) {
            return meanOf(reps, [i, m](const ReplicationResult &x) {
                return i < x.links.size() ? x.links[i].*m : 0.0;
            });
        };
        l.transfers = field(&LinkResult::transfers);
        l.bytesPerS = field(&LinkResult::bytesPerS);
        l.utilization = field(&LinkResult::utilization);
        l.meanTransferMs = field(&LinkResult::meanTransferMs);
        out.links.push_back(std::move(l));
    }
    // series: mean per bucket over the replications (a cancelled one may be shorter)
    std::size_t len = first.series.tS.size();
    for (const ReplicationResult &x : reps)
        len = std::min(len, x.series.tS.size());
    out.series.bucketS = first.series.bucketS;
    out.series.tS.assign(first.series.tS.begin(), first.series.tS.begin() + static_cast<long>(len));
    for (std::size_t k = 0; k < first.series.columns.size(); ++k) {
        SeriesColumn col;
        col.key = first.series.columns[k].key;
        col.values.assign(len, 0.0);
        for (const ReplicationResult &x : reps) {
            for (std::size_t b = 0; b < len; ++b)
                col.values[b] += x.series.columns[k].values[b] / static_cast<double>(reps.size());
        }
        out.series.columns.push_back(std::move(col));
    }
    out.timeline = reps.front().timeline;
    out.perReplication = std::move(reps);
    for (ReplicationResult &x : incomplete)
        out.perReplication.push_back(std::move(x));
    std::sort(out.perReplication.begin(),
              out.perReplication.end(),
              [](const ReplicationResult &a, const ReplicationResult &b) {
                  return a.replication < b.replication;
              });
    return out;
}

/** Sums the progress of every replication for the caller's observer. */
class ProgressRelay final : public SimulationObserver
{
public:
    ProgressRelay(SimulationObserver *target, int replications)
        : m_target(target)
        , m_done(static_cast<std::size_t>(replications), 0.0)
    {}
    void report(int replication, double fraction)
    {
        double sum = 0;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done[static_cast<std::size_t>(replication)] = fraction;
            for (double d : m_done)
                sum += d;
        }
        m_target->onProgress(sum / static_cast<double>(m_done.size()));
    }

private:
    SimulationObserver *m_target;
    std::mutex m_mutex;
    std::vector<double> m_done;
};

/** Per-replication observer: forwards buckets, turns progress into the run's total. */
class ReplicationObserver final : public SimulationObserver
{
public:
    ReplicationObserver(ProgressRelay *relay, SimulationObserver *target, int task, int replication)
        : m_relay(relay)
        , m_target(target)
        , m_task(task)
        , m_replication(replication)
    {}
    void onProgress(double fraction) override { m_relay->report(m_task, fraction); }
    void onBucket(const BucketSample &sample) override
    {
        BucketSample s = sample;
        s.replication = m_replication;
        s.task = m_task;
        m_target->onBucket(s);
    }

private:
    ProgressRelay *m_relay;
    SimulationObserver *m_target;
    int m_task;
    int m_replication;
};

} // namespace

std::vector<ReplicationResult> runReplications(const std::vector<ReplicationTask> &tasks,
                                               const RunOptions &options)
{
    const int n = static_cast<int>(tasks.size());
    int threads = options.threads > 0
                      ? options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads = std::max(1, std::min(threads, n));

    std::vector<ReplicationResult> results(tasks.size());
    std::unique_ptr<ProgressRelay> relay;
    std::vector<std::unique_ptr<ReplicationObserver>> observers;
    if (options.observer && n > 0) {
        relay = std::make_unique<ProgressRelay>(options.observer, n);
        for (int t = 0; t < n; ++t)
            observers.push_back(
                std::make_unique<ReplicationObserver>(relay.get(),
                                                      options.observer,
                                                      t,
                                                      tasks[std::size_t(t)].replication));
    }
    // An exception other than a failed allocation (which runReplication reports as a stop)
    // is carried to the calling thread: none may end a worker thread, and the process with it.
    std::exception_ptr error;
    std::mutex errorMutex;
    auto runOne = [&](int t) {
        try {
            const ReplicationTask &task = tasks[static_cast<std::size_t>(t)];
            RunOptions o = options;
            o.observer = options.observer ? observers[static_cast<std::size_t>(t)].get() : nullptr;
            // each replication running at once gets its share of the run's memory budget
            if (!o.replicationMemoryBytes)
                o.replicationMemoryBytes = memoryBudgetBytes(*task.spec)
                                           / static_cast<std::uint64_t>(threads);
            results[static_cast<std::size_t>(t)] = runReplication(*task.spec, task.replication, o);
            if (relay)
                relay->report(t, 1.0);
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (!error)
                error = std::current_exception();
        }
    };
    if (threads <= 1) {
        for (int t = 0; t < n; ++t)
            runOne(t);
    } else {
        // A shared counter hands out the next task to whichever thread is free: tasks of
        // unequal length (alternatives, sweep points) keep every core busy to the end.
        std::atomic<int> next{0};
        std::vector<std::thread> pool;
        for (int k = 0; k < threads; ++k) {
            pool.emplace_back([&] {
                for (int t = next++; t < n; t = next++)
                    runOne(t);
            });
        }
        for (std::thread &th : pool)
            th.join();
    }
    if (error)
        std::rethrow_exception(error);
    return results;
}

RunResult aggregateReplications(const Spec &spec, std::vector<ReplicationResult> reps)
{
    return aggregateImpl(spec, std::move(reps));
}

RunResult runSimulation(const Spec &spec, const RunOptions &options)
{
    const auto start = std::chrono::steady_clock::now();
    const int reps = std::max(1, spec.replications);
    std::vector<ReplicationTask> tasks;
    for (int r = 0; r < reps; ++r)
        tasks.push_back({&spec, r});
    RunResult out = aggregateImpl(spec, runReplications(tasks, options));
    out.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.eventsPerS = out.wallS > 0 ? static_cast<double>(out.events) / out.wallS : 0;
    return out;
}

} // namespace Sim
