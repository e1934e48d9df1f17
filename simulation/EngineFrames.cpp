// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>
#include <cmath>

namespace Sim::Internal {

// handler frames

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
            submitCpu(f, s.compress ? compressWork(f) : c.rng.sampleTicks(s.duration), s.offload);
            return;
        case Step::Kind::Io:
            m_events.push(m_now + c.rng.sampleTicks(s.duration), EvResume, f);
            return;
        case Step::Kind::Call:
            fr.attemptsLeft = s.retries;
            if (s.link != kNone && m_links[s.link].budgetRatio > 0) {
                // retry budget: every call earns a fraction of a retry
                CallLink &l = m_links[s.link];
                l.budgetTokens = std::min(10.0 + l.budgetRatio * 100.0,
                                          l.budgetTokens + l.budgetRatio);
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
    // the four fields used below (a copy of the whole frame cost more than its use)
    const Frame &ended = m_frames[f];
    const std::uint32_t job = ended.job, parent = ended.parent;
    const bool failed = ended.failed;
    const FailureReason reason = ended.reason;
    m_frames.release(f);
    if (parent == kNone) {
        jobDone(job, !failed, reason);
        return;
    }
    Frame &p = m_frames[parent];
    if (failed && !p.failed) {
        p.failed = true;
        p.reason = reason;
    }
    if (--p.pending > 0)
        return;
    // all children have ended
    if (m_steps[p.begin + p.pc].kind == Step::Kind::Cache) {
        cacheFillDone(parent);
        return;
    }
    if (p.failed) {
        frameComplete(parent);
    } else {
        ++p.pc;
        runFrame(parent);
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
        const auto slot = static_cast<std::int32_t>(m_replicas[caller.replica].bulkheadBase)
                          + s.bulkhead;
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
        const std::int32_t p
            = m_comps[caller.comp].poolByTarget[static_cast<std::size_t>(s.target)];
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
    const std::uint32_t name = s.name >= 0 ? static_cast<std::uint32_t>(s.name)
                                           : m_jobs[fr.job].name;
    const auto target = static_cast<std::uint32_t>(s.target);
    const std::int32_t bulkhead = fr.bulkheadSlot;
    const std::uint32_t j = newJob(target, name);
    Job &job = m_jobs[j];
    job.callerFrame = f;
    job.callerToken = token;
    job.poolSlot = slot;
    job.bulkheadSlot = bulkhead;
    if (s.net != kNone) {
        // over a network: the target sees the request when it has crossed (onNet)
        m_frames[f].responseKb = -1;
        startHop(job, j, s.net, false, true, FailureReason::Count);
        return;
    }
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
            && static_cast<double>(l.failures)
                   >= l.config.failureRate * static_cast<double>(l.count))
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

} // namespace Sim::Internal
