// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>

namespace Sim::Internal {

// queues: RabbitMQ-style channels with prefetch and acks

void EngineImpl::publishArrived(std::uint32_t j)
{
    const Job job = m_jobs[j];
    Comp &c = m_comps[job.comp];
    bool accepted = true;
    for (QueueState &q : c.queues) {
        if (c.spec->maxLength >= 0
            && q.ready.size() >= static_cast<std::size_t>(c.spec->maxLength)) {
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
        ++c.consumedAll;
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

} // namespace Sim::Internal
