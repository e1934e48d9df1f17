// SPDX-License-Identifier: GPL-3.0-or-later
// The trace of watch mode (runReplication with a TraceSink). The engine calls these behind one
// `if (m_trace)` each, so an untraced run only tests a pointer; nothing here changes
// the engine's state or draws a random number, so a traced run has the untraced figures.
#include "EngineImpl.h"

namespace Sim::Internal {

void EngineImpl::traceStart()
{
    std::vector<std::string> names(m_nameIds.size());
    for (const auto &[name, id] : m_nameIds)
        names[id] = name;
    m_trace->traceStarted(names);
    m_traceLevels.assign(m_comps.size(), TraceRecord{});
    for (std::size_t i = 0; i < m_comps.size(); ++i) {
        m_traceLevels[i].kind = TraceRecord::Kind::Levels;
        m_traceLevels[i].comp = static_cast<std::uint32_t>(i);
        m_traceLevels[i].servers = -1; // differs from any level: the first report goes out
    }
    traceLevels();
}

void EngineImpl::traceBegin(std::uint32_t j)
{
    const Job &job = m_jobs[j];
    TraceRecord r;
    r.kind = TraceRecord::Kind::VisitBegan;
    r.time = m_now;
    r.event = m_eventCount;
    r.job = j;
    r.comp = job.comp;
    r.name = job.name;
    r.type = job.type;
    if (job.callerFrame != kNone) {
        // a caller that timed out has moved on: its frame may serve another job by now
        // (and a caller whose replica crashed has ended its visit then)
        const Frame &fr = m_frames[job.callerFrame];
        if (fr.token == job.callerToken) {
            r.fromComp = m_jobs[fr.job].comp;
            if (!m_jobs[fr.job].dead)
                r.fromJob = fr.job;
        }
    } else if (job.parentJob != kNone) {
        r.fromJob = job.parentJob;
        r.fromComp = m_jobs[job.parentJob].comp;
    } else if (job.channel != kNone) {
        r.fromComp = m_channels[job.channel].queueComp;
    }
    m_trace->record(r);
}

void EngineImpl::traceEnd(std::uint32_t j, bool ok, FailureReason reason)
{
    TraceRecord r;
    r.kind = TraceRecord::Kind::VisitEnded;
    r.time = m_now;
    r.event = m_eventCount;
    r.job = j;
    r.ok = ok;
    r.reason = ok ? FailureReason::Count : reason;
    m_trace->record(r);
}

void EngineImpl::traceLevels()
{
    for (std::size_t i = 0; i < m_comps.size(); ++i) {
        const Comp &c = m_comps[i];
        TraceRecord now = m_traceLevels[i];
        now.queued = static_cast<std::int32_t>(c.waiting.level());
        now.busy = 0;
        now.servers = 0;
        now.cpu = 0;
        now.cores = 0;
        switch (c.kind) {
        case ComponentKind::Service:
            for (std::uint32_t k = 0; k < c.replicaCount; ++k) {
                const Replica &r = m_replicas[c.firstReplica + k];
                if (r.state != ReplicaState::Ready && r.state != ReplicaState::Draining)
                    continue;
                if (c.concurrency == ConcurrencyModel::ThreadPool) {
                    now.busy += r.busyThreads;
                    now.servers += c.spec->threads;
                } else {
                    for (const Worker &w : r.workers)
                        now.busy += w.current != kNone ? 1 : 0;
                    now.servers += static_cast<std::int32_t>(r.workers.size());
                }
                now.cpu += static_cast<float>(r.busy.level());
                now.cores += static_cast<float>(r.capacity);
            }
            break;
        case ComponentKind::Database:
        case ComponentKind::Cache:
            now.busy = c.serversBusy;
            now.servers = c.servers;
            break;
        case ComponentKind::Queue: {
            now.queued = static_cast<std::int32_t>(c.backlog.level());
            std::uint64_t unacked = 0;
            for (const QueueState &q : c.queues)
                unacked += q.unacked;
            now.busy = static_cast<std::int32_t>(unacked);
            break;
        }
        case ComponentKind::LoadBalancer:
        case ComponentKind::Gateway:
        case ComponentKind::External:
            now.busy = static_cast<std::int32_t>(c.inSystem.level());
            break;
        }
        TraceRecord &last = m_traceLevels[i];
        if (now.queued == last.queued && now.busy == last.busy && now.servers == last.servers
            && now.cpu == last.cpu && now.cores == last.cores)
            continue;
        now.time = m_now;
        now.event = m_eventCount;
        last = now;
        m_trace->record(now);
    }
}

} // namespace Sim::Internal
