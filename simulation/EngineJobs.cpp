// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace Sim::Internal {

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
        return std::max(0.0,
                        w.diurnalMean
                            * (1
                               + w.diurnalAmplitude
                                     * std::cos(2 * std::numbers::pi * (ts - w.diurnalPeakAtS)
                                                / w.diurnalPeriodS)));
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
        m_events.push(m_now
                          + std::max<Tick>(1,
                                           static_cast<Tick>(m_arrivalRng.exponential(mean) * 1e9)),
                      EvRateChange,
                      2);
    }
    // Poisson arrivals are memoryless: at a rate step the pending arrival is redrawn
    m_arrivalAt = -1;
    if (m_rate > 0)
        scheduleArrival(
            m_now
            + std::max<Tick>(1, static_cast<Tick>(m_arrivalRng.exponential(m_gapMs) * 1e6 + 0.5)));
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
    const auto entry = static_cast<std::uint32_t>(m_spec.workload.entry);
    // the job first: if its allocation fails (the run then stops, EngineLoop.cpp), the
    // request was never counted, and arrived = completed + failed + in flight still holds
    const std::uint32_t j = newJob(entry, m_typeName[type]);
    if (m_measuring)
        ++m_types[type].arrived;
    ++m_bucketArrivals;
    m_jobs[j].type = type;
    // request-level figures count the requests that arrived after the warm-up, whenever they
    // end: arrived = completed + failed + in flight at the end, per request type
    m_jobs[j].measured = m_measuring;
    if (m_comps[entry].kind == ComponentKind::Service)
        m_jobs[j].replica = pickReplica(m_comps[entry]);
    dispatchVisit(j); // inlined: one call fewer for every request
}

void EngineImpl::dispatch(std::uint32_t j)
{
    dispatchVisit(j);
}

[[gnu::always_inline]] inline void EngineImpl::dispatchVisit(std::uint32_t j)
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
            if (m_trace) [[unlikely]]
                traceBegin(j);
            if (m_measuring)
                ++c.arrived;
            ++c.visitsAll;
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
            expires = m_now
                      + std::max<Tick>(1, static_cast<Tick>(static_cast<double>(c.ttl) * f + 0.5));
        }
        c.store->insert(job.key, m_now, expires);
        const std::uint64_t key = job.key;
        const std::uint32_t cache = job.comp;
        jobDone(j, true, FailureReason::Count);
        fillEnded(cache, key, true, FailureReason::Count);
    } else {
        CacheStore::Lookup r = c.store->lookup(job.key, m_now);
        if (r == CacheStore::Lookup::Expired
            && c.spec->stampede != StampedeProtection::StaleWhileRevalidate) {
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
        m_events.push(m_now + c.rng.sampleTicks(hit ? c.spec->hitLatency : c.spec->missLatency),
                      EvDelay,
                      j);
    }
    serverFreed(c);
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
                  EvDbDone,
                  j);
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
        const std::uint32_t b
            = balance(c.spec->policy, n, c.rr, c.rng, [this, &c](std::uint32_t i) {
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
    if (m_trace) [[unlikely]]
        traceEnd(j, ok, reason);
    c.inSystem.add(m_now, -1);
    ++c.bucketEnded;
    ++c.endedAll;
    // the visit's latency; a top-level request's too (its visit of the entry is the request)
    const Tick latency = m_now - job.arrival;
    const int bin = Histogram::binOf(latency);
    if (m_measuring) {
        // every visit that ends counts in the component's latency and throughput, failed
        // ones too, so that Little's law holds at each component (L = throughput x latency)
        ++(ok ? c.completed : c.failed);
        if (!ok)
            ++c.failures[static_cast<int>(reason)];
        c.latency.addAt(bin, latency);
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
    if (job.type != kNone) // a top-level request: no caller, no slots, none of endCall's cases
        requestEnded(job, ok, reason, latency, bin);
    else
        endCall(job, ok, reason);
}

void EngineImpl::endCall(const Job &job, bool ok, FailureReason reason, bool answered)
{
    if (m_hasNetwork && !answered && job.callerFrame != kNone && job.op == OpNone) {
        // a call over a network: its response crosses back first (an answer to a call that
        // has already timed out is dropped where it is)
        const Frame &fr = m_frames[job.callerFrame];
        if (fr.token == job.callerToken) {
            const CStep &s = m_steps[fr.begin + fr.pc];
            if (s.kind == Step::Kind::Call && s.net != kNone) {
                startHop(job, kNone, s.net, true, ok, reason);
                return;
            }
        }
    }
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
        const Tick latency = m_now - job.arrival;
        requestEnded(job, ok, reason, latency, Histogram::binOf(latency));
    }
}

[[gnu::always_inline]] inline void EngineImpl::requestEnded(
    const Job &job, bool ok, FailureReason reason, Tick latency, int bin)
{
    // a top-level request ends; its latency goes into two histograms, its bucket found once
    if (job.measured) {
        TypeStats &ts = m_types[job.type];
        if (ok) {
            ++ts.completed;
            ts.latency.addAt(bin, latency);
        } else {
            ++ts.failed;
            ++ts.failures[static_cast<int>(reason)];
        }
    }
    if (ok) {
        ++m_bucketCompleted;
        m_bucketLatency.addAt(bin, latency);
    } else {
        ++m_bucketFailed;
    }
}

} // namespace Sim::Internal
