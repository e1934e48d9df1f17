// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>
#include <cmath>

namespace Sim::Internal {

// replica lifecycle: crashes, restarts, health checks, autoscaling, faults

void EngineImpl::addEvent(std::uint32_t comp, const char *what, std::string detail)
{
    if (m_timeline.size() >= kMaxTimeline) {
        ++m_timelineDropped;
        return;
    }
    m_timeline.push_back({ticksToSeconds(m_now), m_comps[comp].spec->id, what, std::move(detail)});
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
    auto running = [](ReplicaState s) {
        return s == ReplicaState::Ready || s == ReplicaState::Draining;
    };
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
        if (m_trace)
            traceEnd(j, false, FailureReason::Crash);
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
    addEvent(r.comp,
             restart ? "restart" : "start",
             "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
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
            addEvent(r.comp,
                     "health_down",
                     "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
        }
    } else if (r.state == ReplicaState::Ready) {
        r.healthFailures = 0;
        if (r.detectedDown) {
            r.detectedDown = false;
            setRoutable(ri, true);
            addEvent(r.comp,
                     "health_up",
                     "replica " + std::to_string(ri - m_comps[r.comp].firstReplica));
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
        if (r.state == ReplicaState::Starting || r.state == ReplicaState::Ready
            || r.state == ReplicaState::Dead)
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
    addEvent(ci,
             target > current ? "scale_up" : "scale_down",
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
        for (std::uint32_t k = 0; k < c.replicaCount && static_cast<int>(victims.size()) < f.count;
             ++k) {
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

} // namespace Sim::Internal
