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
    const Message m{m_now, job.name};
    for (std::uint32_t qi = 0; qi < c.queues.size(); ++qi) {
        QueueState &q = c.queues[qi];
        if (c.spec->maxLength >= 0
            && q.ready.size() >= static_cast<std::size_t>(c.spec->maxLength)) {
            if (c.spec->overflow != Overflow::DropHead) {
                // reject_publish: the publisher is refused; reject_publish_dlx: and the
                // message goes to the dead-letter queue
                accepted = false;
                if (c.spec->overflow == Overflow::RejectPublishDlx)
                    deadLetter(job.comp, m);
                continue;
            }
            // drop_head: the oldest ready message goes (or the new one, with max_length 0);
            // with a dead-letter queue it goes there, as RabbitMQ does
            if (m_measuring)
                ++c.dropped;
            if (q.ready.empty()) {
                deadLetter(job.comp, m);
                continue;
            }
            const Message head = q.ready.pop();
            c.backlog.add(m_now, -1);
            deadLetter(job.comp, head);
        }
        q.ready.push(m);
        c.backlog.add(m_now, 1);
        if (m_measuring) {
            ++c.published;
            c.backlogMax = std::max(c.backlogMax, c.backlog.level());
        }
        scheduleExpiry(job.comp, qi);
    }
    if (!accepted && m_measuring)
        ++c.rejected;
    backlogChanged(c);
    jobDone(j, accepted, FailureReason::Rejected);
    const auto comp = job.comp;
    for (std::uint32_t q = 0; q < m_comps[comp].queues.size(); ++q)
        tryDeliver(comp, q);
}

bool EngineImpl::enqueue(std::uint32_t comp, std::uint32_t qi, const Message &m)
{
    // a dead letter into its queue: no publisher to refuse, so a full queue drops it
    Comp &c = m_comps[comp];
    QueueState &q = c.queues[qi];
    if (c.spec->maxLength >= 0 && q.ready.size() >= static_cast<std::size_t>(c.spec->maxLength)) {
        if (c.spec->overflow != Overflow::DropHead || q.ready.empty()) {
            if (m_measuring)
                ++c.dropped;
            return false;
        }
        q.ready.pop();
        c.backlog.add(m_now, -1);
        if (m_measuring)
            ++c.dropped;
    }
    q.ready.push(m);
    c.backlog.add(m_now, 1);
    if (m_measuring) {
        ++c.published;
        c.backlogMax = std::max(c.backlogMax, c.backlog.level());
    }
    scheduleExpiry(comp, qi);
    return true;
}

void EngineImpl::deadLetter(std::uint32_t from, const Message &m)
{
    Comp &c = m_comps[from];
    if (c.deadLetter == kNone)
        return; // no dead-letter queue: the message is gone
    if (m_measuring)
        ++c.deadLettered;
    // Into the dead-letter queue as a new message: its age (and its own TTL) count from now.
    // A full dead-letter queue drops it (enqueue never dead-letters again), so one dead
    // letter never recurses; the dead-letter queue's own dead letters (TTL, nacks) go on to
    // its own dead_letter queue later, like any queue's.
    const std::uint32_t dlq = c.deadLetter;
    Comp &d = m_comps[dlq];
    const Message letter{m_now, m.name};
    for (std::uint32_t qi = 0; qi < d.queues.size(); ++qi)
        enqueue(dlq, qi, letter);
    backlogChanged(d);
    for (std::uint32_t qi = 0; qi < d.queues.size(); ++qi)
        tryDeliver(dlq, qi);
}

void EngineImpl::scheduleExpiry(std::uint32_t comp, std::uint32_t qi)
{
    Comp &c = m_comps[comp];
    QueueState &q = c.queues[qi];
    if (c.messageTtl <= 0 || q.ready.empty())
        return;
    const Tick at = q.ready.front().published + c.messageTtl;
    if (q.expiryAt >= 0 && q.expiryAt <= at)
        return; // the event in the queue comes first
    q.expiryAt = at;
    ++q.expiryGen;
    m_events.push(std::max(at, m_now), EvExpire, comp, (std::uint64_t(qi) << 32) | q.expiryGen);
}

void EngineImpl::onExpire(std::uint32_t comp, std::uint64_t b)
{
    Comp &c = m_comps[comp];
    const auto qi = static_cast<std::uint32_t>(b >> 32);
    QueueState &q = c.queues[qi];
    if (static_cast<std::uint32_t>(b) != q.expiryGen)
        return; // replaced by an earlier one
    q.expiryAt = -1;
    bool changed = false;
    while (!q.ready.empty() && q.ready.front().published + c.messageTtl <= m_now) {
        const Message m = q.ready.pop();
        c.backlog.add(m_now, -1);
        changed = true;
        if (m_measuring)
            ++c.expired;
        deadLetter(comp, m);
    }
    if (changed)
        backlogChanged(c);
    scheduleExpiry(comp, qi);
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
    } else if (ch.requeue) {
        // nack with requeue: back to the head of the queue, delivered again
        q.ready.pushFront({job.published, job.name});
        if (m_measuring)
            ++c.redelivered;
        scheduleExpiry(ch.queueComp, ch.queue); // an old message may now head the queue
        // a handler that fails at once would otherwise spin at one instant
        roundTrip = std::max<Tick>(roundTrip, kTicksPerMs);
    } else {
        // nack without requeue: the message leaves the queue for its dead-letter queue
        c.backlog.add(m_now, -1);
        backlogChanged(c);
        if (m_measuring)
            ++c.nacked;
        deadLetter(ch.queueComp, {job.published, job.name});
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
