// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>

namespace Sim::Internal {

// CPU: processor sharing on each replica's cores, event loops and offload pools on top

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

void EngineImpl::cpuFrameDone(std::uint32_t f)
{
    Frame &fr = m_frames[f];
    const Job &job = m_jobs[fr.job];
    const Comp &c = m_comps[job.comp];
    if (c.concurrency == ConcurrencyModel::ThreadPool) {
        // the handler's last step: the frame ends, as runFrame would find (a crashed replica's
        // frames go through runFrame, which unwinds them)
        if (++fr.pc >= fr.end - fr.begin && !m_anyCanCrash)
            frameComplete(f);
        else
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

} // namespace Sim::Internal
