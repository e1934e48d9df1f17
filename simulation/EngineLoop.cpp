// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <new>
#include <stdexcept>

namespace Sim::Internal {

// the event loop

ReplicationResult EngineImpl::run()
{
    const auto wallStart = std::chrono::steady_clock::now();
    m_budgetBytes = m_options.replicationMemoryBytes ? m_options.replicationMemoryBytes
                                                     : memoryBudgetBytes(m_spec);
    m_events.reserve(1024);
    m_frameless = !m_anyCanCrash && !m_trace;
    if (m_trace)
        traceStart();
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
        m_events.push(static_cast<Tick>(m_arrivalRng.exponential(w.burstLowMeanS) * 1e9),
                      EvRateChange,
                      2);
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
                m_events.push(secondsToTicks(std::max(0.001, c.healthCheck.intervalS)),
                              EvHealth,
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
    // An allocation that fails inside the loop stops the run here, like the budget does: the
    // figures so far are kept (an event may have been cut short: they are partial anyway).
    try {
        while (running) {
            Event e;
            if (!m_events.empty()) {
                const Event &top = m_events.top();
                if (m_arrivalAt >= 0
                    && (m_arrivalAt < top.time
                        || (m_arrivalAt == top.time && m_arrivalSeq < top.seq))) {
                    e = {m_arrivalAt, m_arrivalSeq, EvArrival, 0, 0};
                    m_arrivalAt = -1;
                } else {
                    e = m_events.popSettled();
                    prefetchAhead();
                }
            } else if (m_arrivalAt >= 0) {
                e = {m_arrivalAt, m_arrivalSeq, EvArrival, 0, 0};
                m_arrivalAt = -1;
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
            case EvCpuDone:
                m_replicas[static_cast<std::uint32_t>(e.b)].busy.add(m_now, -1);
                cpuTaskDone(e.a);
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
            case EvNet:
                onNet(e.a);
                break;
            case EvPipe:
                onPipe(e.a, e.b);
                break;
            case EvExpire:
                onExpire(e.a, e.b);
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
            if (m_trace) [[unlikely]]
                traceLevels();
            if ((m_eventCount & 4095) == 0) {
                if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) {
                    m_cancelled = true;
                    break;
                }
                if (overBudget())
                    break;
                if (static_cast<double>(m_now) >= nextProgress) {
                    m_progress.store(static_cast<double>(m_now) / static_cast<double>(m_duration),
                                     std::memory_order_relaxed);
                    nextProgress = static_cast<double>(m_now) + progressStep;
                    if (m_options.observer)
                        m_options.observer->onProgress(m_progress.load());
                }
            }
        }
    } catch (const std::bad_alloc &) {
        m_stop = stopVerdict(RunStop::Reason::OutOfMemory, heldBytes());
    } catch (const std::length_error &) {
        m_stop = stopVerdict(RunStop::Reason::OutOfMemory, heldBytes());
    }
    m_peakHeld = std::max(m_peakHeld, heldBytes());
    if (m_stop.stopped())
        m_events.release(); // no more events: its memory helps the figures below be made
    const Tick end = m_cancelled || m_stop.stopped() ? m_now : m_duration;
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
    out.stop = m_stop;
    out.peakMemoryMb = static_cast<double>(m_peakHeld) / kMiB;
    out.events = m_eventCount;
    const double measured = std::max(1e-12, ticksToSeconds(end - m_warmup));
    const double measuredTicks = std::max(1.0, static_cast<double>(end - m_warmup));
    auto summary = [](const Histogram &h) {
        LatencySummary s;
        s.mean = h.mean() * 1e-6;
        static constexpr double kQuantiles[] = {0.50, 0.90, 0.95, 0.99, 0.999};
        double q[5];
        h.quantiles(kQuantiles, q, 5);
        s.p50 = q[0] * 1e-6;
        s.p90 = q[1] * 1e-6;
        s.p95 = q[2] * 1e-6;
        s.p99 = q[3] * 1e-6;
        s.p999 = q[4] * 1e-6;
        s.max = static_cast<double>(h.max()) * 1e-6;
        return s;
    };
    auto bins = [](const Histogram &h) {
        std::vector<HistogramBin> out;
        for (const Histogram::CoarseBin &b : h.coarseBins())
            // ms = ticks / 1e6, divided (not times 1e-6) so that edges print as they are
            out.push_back({static_cast<double>(b.lo) / 1e6,
                           static_cast<double>(b.hi) / 1e6,
                           static_cast<double>(b.count)});
        return out;
    };
    // requests that arrived after the warm-up and had not ended when the run did: the live
    // top-level jobs (a dead one's failure was counted when its replica crashed)
    std::vector<std::uint64_t> inFlight(m_types.size(), 0);
    m_jobs.forEachLive([&inFlight](const Job &job) {
        if (job.type != kNone && job.measured && !job.dead)
            ++inFlight[job.type];
    });
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
        r.inFlightAtEnd = static_cast<double>(inFlight[t]);
        r.throughputPerS = r.completed / measured;
        r.latencyMs = summary(ts.latency);
        r.latencyHistogram = bins(ts.latency);
        for (int k = 0; k < static_cast<int>(FailureReason::Count); ++k) {
            if (ts.failures[k]) {
                r.failures[failureReasonName(static_cast<FailureReason>(k))] = static_cast<double>(
                    ts.failures[k]);
                allFailures[k] += ts.failures[k];
            }
        }
        all.arrived += r.arrived;
        all.completed += r.completed;
        all.failed += r.failed;
        all.inFlightAtEnd += r.inFlightAtEnd;
        allLatency.merge(ts.latency);
        out.requests.push_back(std::move(r));
    }
    all.throughputPerS = all.completed / measured;
    all.latencyMs = summary(allLatency);
    all.latencyHistogram = bins(allLatency);
    for (int k = 0; k < static_cast<int>(FailureReason::Count); ++k) {
        if (allFailures[k])
            all.failures[failureReasonName(static_cast<FailureReason>(k))] = static_cast<double>(
                allFailures[k]);
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
                r.failures[failureReasonName(static_cast<FailureReason>(k))] = static_cast<double>(
                    c.failures[k]);
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
        } else if (kindTraits(c.spec->kind).hasUtilization) {
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
            r.expired = static_cast<double>(c.expired);
            r.nacked = static_cast<double>(c.nacked);
            r.deadLettered = static_cast<double>(c.deadLettered);
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
    for (const Pipe &p : m_pipes) {
        LinkResult l;
        l.from = m_comps[p.from].spec->id;
        l.to = m_comps[p.to].spec->id;
        l.bandwidthMbps = p.bandwidthMbps;
        l.transfers = static_cast<double>(p.transfers);
        l.bytesPerS = p.bytes / measured;
        l.utilization = (p.busy.areaAt(end) - p.busy0) / measuredTicks;
        l.meanTransferMs = p.transfers ? p.transferTicks * 1e-6 / static_cast<double>(p.transfers)
                                       : 0.0;
        out.links.push_back(std::move(l));
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

// ---- the memory budget

std::uint64_t EngineImpl::heldBytes() const
{
    // What grows with the requests a run holds; the fixed set-up (components, handler
    // programs, cache stores sized by their capacity) is left out. A pool or queue that is
    // about to double (fewer free places than a check interval can fill) counts at its old
    // and new size together, three times its size, as both are held while it grows: the run
    // stops before a doubling would take it past the budget.
    constexpr std::size_t soon = 8192; // > 4096 events between checks
    std::uint64_t b = m_jobs.bytes(soon) + m_frames.bytes(soon) + m_events.bytes()
                      + m_due.capacity() * sizeof(CpuTask);
    for (const Replica &r : m_replicas) {
        b += r.acceptQueue.bytes(soon) + r.heap.capacity() * sizeof(CpuTask);
        for (const Worker &w : r.workers)
            b += w.queue.bytes(soon) + w.offloadQueue.bytes(soon);
    }
    for (const Comp &c : m_comps) {
        b += c.serverQueue.bytes(soon);
        b += c.fills.size() * (sizeof(std::uint64_t) + sizeof(Fill) + 2 * sizeof(void *));
        for (const QueueState &q : c.queues)
            b += q.ready.bytes(soon);
    }
    for (const PoolState &p : m_pools)
        b += p.waiting.bytes(soon);
    for (const TimeoutLane &l : m_lanes)
        b += l.queue.bytes(soon);
    b += m_hops.bytes(soon);
    for (const Pipe &p : m_pipes)
        b += p.heap.capacity() * sizeof(CpuTask);
    b += m_tS.capacity() * sizeof(double) * (1 + m_seriesValues.size());
    b += m_timeline.capacity() * sizeof(RunEvent);
    return b;
}

bool EngineImpl::overBudget()
{
    const std::uint64_t held = heldBytes();
    m_peakHeld = std::max(m_peakHeld, held);
    if (m_budgetBytes == 0 || held <= m_budgetBytes)
        return false;
    m_stop = stopVerdict(RunStop::Reason::MemoryBudget, held);
    return true;
}

namespace {

/** 1234567 -> "1,234,567" (rounded to a whole number). */
std::string withCommas(double v)
{
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.0f", std::max(0.0, std::round(v)));
    std::string in(digits), out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (i > 0 && (in.size() - i) % 3 == 0)
            out += ',';
        out += in[i];
    }
    return out;
}

/** Two significant digits, as an estimate deserves: 998,113 -> 1,000,000; 977 -> 980. */
std::string rateText(double perS)
{
    if (!(perS > 0))
        return "0";
    if (perS < 10) {
        char b[32];
        std::snprintf(b, sizeof b, "%.2g", perS);
        return b;
    }
    const double scale = std::pow(10.0, std::floor(std::log10(perS)) - 1);
    return withCommas(std::round(perS / scale) * scale);
}

/** 3,140,000 -> "3.1 million"; under a million with commas. */
std::string countText(double n)
{
    char b[48];
    if (n >= 1e9) {
        std::snprintf(b, sizeof b, "%.1f billion", n / 1e9);
        return b;
    }
    if (n >= 1e6) {
        std::snprintf(b, sizeof b, "%.1f million", n / 1e6);
        return b;
    }
    return withCommas(n);
}

std::string mbText(double mb)
{
    char b[32];
    std::snprintf(b, sizeof b, mb < 10 ? "%.1f MB" : "%.0f MB", mb);
    return b;
}

} // namespace

RunStop EngineImpl::stopVerdict(RunStop::Reason reason, std::uint64_t held) const
{
    RunStop s;
    s.reason = reason;
    s.tS = ticksToSeconds(m_now);
    s.neededMb = static_cast<double>(held) / kMiB;
    s.budgetMb = static_cast<double>(m_budgetBytes) / kMiB;
    // Where the requests pile up: the most waiting (an accept, event-loop or server queue, a
    // queue's backlog), else the most in flight at a component that serves them itself (a
    // balancer or gateway holds its forwarded requests too, which would hide the culprit).
    const Comp *worst = nullptr;
    bool waiting = false;
    double most = 0;
    for (const Comp &c : m_comps) {
        const double w = c.kind == ComponentKind::Queue ? c.backlog.level() : c.waiting.level();
        if (w > most) {
            most = w;
            worst = &c;
            waiting = true;
        }
    }
    if (!worst) {
        for (const Comp &c : m_comps) {
            if (c.kind == ComponentKind::LoadBalancer || c.kind == ComponentKind::Gateway)
                continue;
            if (c.inSystem.level() > most) {
                most = c.inSystem.level();
                worst = &c;
            }
        }
    }
    std::string where;
    if (worst) {
        const bool queue = worst->kind == ComponentKind::Queue;
        const double t = std::max(1e-9, s.tS);
        s.component = worst->spec->id;
        s.held = most;
        s.arrivalsPerS = static_cast<double>(worst->visitsAll) / t;
        s.servedPerS = static_cast<double>(queue ? worst->consumedAll : worst->endedAll) / t;
        s.overloaded = s.arrivalsPerS > 1.05 * s.servedPerS;
        where = countText(most)
                + (queue     ? " messages waiting in '"
                   : waiting ? " requests waiting at '"
                             : " requests in flight at '")
                + s.component + "' (arrivals " + rateText(s.arrivalsPerS) + "/s, "
                + (s.overloaded ? "capacity about " : "served ") + rateText(s.servedPerS) + "/s)";
    }
    char at[64];
    std::snprintf(at,
                  sizeof at,
                  s.tS < 100 ? "stopped at %.3g s simulated" : "stopped at %.0f s simulated",
                  s.tS);
    std::string v = at;
    if (reason == RunStop::Reason::OutOfMemory)
        v += ", out of memory (an allocation failed)";
    if (s.overloaded) {
        v += ": " + where + ": the system is overloaded";
    } else {
        if (reason == RunStop::Reason::MemoryBudget)
            v += ": the run needed " + mbText(s.neededMb)
                 + " to go on, more than its memory budget of " + mbText(s.budgetMb);
        if (!where.empty())
            v += (reason == RunStop::Reason::MemoryBudget ? ", with " : ": ") + where;
        v += "; give the run more memory (simulation.max_memory_mb, --max-memory) or "
             "simulate fewer requests at once";
    }
    s.verdict = std::move(v);
    return s;
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
    for (Pipe &p : m_pipes)
        p.busy0 = p.busy.areaAt(m_now);
}

void EngineImpl::emitBucket(Tick end)
{
    const double len = std::max(1e-12, ticksToSeconds(end - m_bucketStart));
    const double lenTicks = std::max(1.0, static_cast<double>(end - m_bucketStart));
    std::size_t k = 0;
    m_bucketRow[k++] = static_cast<double>(m_bucketArrivals) / len;
    m_bucketRow[k++] = static_cast<double>(m_bucketCompleted) / len;
    m_bucketRow[k++] = static_cast<double>(m_bucketFailed) / len;
    {
        static constexpr double kSeriesQuantiles[] = {0.50, 0.95, 0.99};
        double q[3];
        m_bucketLatency.quantiles(kSeriesQuantiles, q, 3);
        for (double v : q)
            m_bucketRow[k++] = v * 1e-6;
    }
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
        } else if (kindTraits(c.spec->kind).hasUtilization) {
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
            m_bucketRow[k++] = lookups ? static_cast<double>(c.bucketHits)
                                             / static_cast<double>(lookups)
                                       : 0.0;
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

} // namespace Sim::Internal
