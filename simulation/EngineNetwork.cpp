// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>

namespace Sim::Internal {

// Networks between components (docs/scenario-format.md, "Network"). A call step over a
// network sends its request over the link caller -> target, then waits the latency, before
// the target sees it; the response goes over target -> caller, then the latency, before the
// caller sees it. Each direction of a link is one Pipe, shared by its transfers as processor
// sharing. Scenarios without a network never reach this file: sendCall() and endCall() test
// CStep::net and m_hasNetwork first.

double EngineImpl::payloadKb(std::uint32_t name, bool response, Random &rng)
{
    if (name >= m_payloads.size())
        return 0;
    const Payload &p = m_payloads[name];
    return std::max(0.0, rng.sample(response ? p.responseKb : p.requestKb));
}

void EngineImpl::startHop(const Job &job,
                          std::uint32_t jobIndex,
                          std::uint32_t net,
                          bool response,
                          bool ok,
                          FailureReason reason)
{
    double kb = 0;
    if (response) {
        // a failed call's answer is an error, not the payload
        if (ok) {
            const float compressed = m_frames[job.callerFrame].responseKb;
            kb = compressed >= 0 ? static_cast<double>(compressed)
                                 : payloadKb(job.name, true, m_netRng);
        }
    } else {
        kb = payloadKb(job.name, false, m_netRng);
    }
    const CNet &n = m_nets[net];
    const std::uint32_t h = m_hops.alloc();
    Hop &hop = m_hops[h];
    hop.job = job;
    hop.jobIndex = jobIndex;
    hop.net = net;
    hop.pipe = response ? n.back : n.forth;
    hop.started = m_now;
    hop.bytes = kb * 1000.0;
    hop.response = response;
    hop.ok = ok;
    hop.reason = reason;
    const std::uint32_t pi = hop.pipe;
    Pipe &p = m_pipes[pi];
    if (p.ticksPerByte > 0 && hop.bytes > 0) {
        pipeAdvance(p);
        if (p.heap.empty())
            p.vtime = 0; // keeps tags small
        p.heap.push_back({p.vtime + hop.bytes * p.ticksPerByte, h});
        std::push_heap(p.heap.begin(), p.heap.end(), taskAfter);
        p.busy.set(m_now, 1);
        pipeReschedule(pi);
        return;
    }
    hopOffPipe(h);
}

void EngineImpl::pipeCount(Pipe &p, double bytes, Tick onPipe)
{
    if (!m_measuring)
        return;
    ++p.transfers;
    p.bytes += bytes;
    p.transferTicks += static_cast<double>(onPipe);
}

void EngineImpl::hopOffPipe(std::uint32_t h)
{
    Hop &hop = m_hops[h];
    pipeCount(m_pipes[hop.pipe], hop.bytes, m_now - hop.started);
    const CNet &n = m_nets[hop.net];
    if (n.noLatency) {
        onNet(h);
        return;
    }
    m_events.push(m_now + m_netRng.sampleTicks(n.latency), EvNet, h);
}

void EngineImpl::onNet(std::uint32_t h)
{
    if (!m_hops[h].response) {
        // the request reaches its target now
        const std::uint32_t j = m_hops[h].jobIndex;
        m_hops.release(h);
        Job &job = m_jobs[j];
        job.arrival = m_now;
        Comp &tc = m_comps[job.comp];
        if (tc.kind == ComponentKind::Service)
            job.replica = pickReplica(tc);
        dispatch(j);
        return;
    }
    const Hop hop = m_hops[h]; // copy: endCall may start hops
    m_hops.release(h);
    endCall(hop.job, hop.ok, hop.reason, true);
}

void EngineImpl::pipeAdvance(Pipe &p)
{
    if (!p.heap.empty())
        p.vtime += static_cast<double>(m_now - p.last) / static_cast<double>(p.heap.size());
    p.last = m_now;
}

void EngineImpl::pipeReschedule(std::uint32_t pi)
{
    Pipe &p = m_pipes[pi];
    if (p.heap.empty()) {
        p.scheduled = -1;
        return;
    }
    const double remaining = std::max(0.0, p.heap.front().tag - p.vtime);
    // a huge transfer on a thin link would overflow the tick count: far past any run's end
    const double wall = std::min(remaining * static_cast<double>(p.heap.size()) - 1e-9, 1e18);
    Tick delay = static_cast<Tick>(wall);
    if (static_cast<double>(delay) < wall)
        ++delay;
    const Tick at = m_now + delay;
    if (at == p.scheduled)
        return;
    p.scheduled = at;
    m_events.push(at, EvPipe, pi, ++p.gen);
}

void EngineImpl::onPipe(std::uint32_t pi, std::uint64_t gen)
{
    if (m_pipes[pi].gen != gen)
        return;
    Pipe &p = m_pipes[pi];
    pipeAdvance(p);
    std::vector<std::uint32_t> done;
    // tags are doubles and completion times were rounded up to whole ticks
    while (!p.heap.empty() && p.heap.front().tag <= p.vtime + 0.5) {
        std::pop_heap(p.heap.begin(), p.heap.end(), taskAfter);
        done.push_back(p.heap.back().frame);
        p.heap.pop_back();
    }
    p.busy.set(m_now, p.heap.empty() ? 0 : 1);
    p.scheduled = -1;
    pipeReschedule(pi);
    for (const std::uint32_t h : done)
        hopOffPipe(h);
}

Tick EngineImpl::compressWork(std::uint32_t f)
{
    const Frame &fr = m_frames[f];
    const std::uint32_t ji = fr.job;
    Comp &c = m_comps[m_jobs[ji].comp];
    const double kb = payloadKb(m_jobs[ji].name, true, c.rng);
    const Compression &z = c.spec->compression;
    // the compressed size travels back with the answer: to the frame that made the call
    // (through the load balancer or gateway that forwarded it, if any)
    std::uint32_t root = ji;
    while (m_jobs[root].parentJob != kNone)
        root = m_jobs[root].parentJob;
    const Job &r = m_jobs[root];
    if (r.callerFrame != kNone && r.op == OpNone && m_frames[r.callerFrame].token == r.callerToken)
        m_frames[r.callerFrame].responseKb = static_cast<float>(kb / z.ratio);
    return static_cast<Tick>(std::min(kb * z.cpuMsPerKb * 1e6 + 0.5, 1e18));
}

} // namespace Sim::Internal
