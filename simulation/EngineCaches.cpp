// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

namespace Sim::Internal {

// caches: look-aside (cache-aside) with stampede protections

void EngineImpl::cacheReturned(std::uint32_t f, CacheStore::Lookup result)
{
    Frame &fr = m_frames[f];
    fr.token = 0;
    if (m_anyCanCrash && m_jobs[fr.job].dead) {
        frameFail(f, FailureReason::Crash);
        return;
    }
    const CStep &s = m_steps[fr.begin + fr.pc];
    const auto cacheIdx = static_cast<std::uint32_t>(s.target);
    Comp &cache = m_comps[cacheIdx];
    const std::uint64_t key = fr.cacheKey;
    if (result == CacheStore::Lookup::Hit) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    // Double-checked: the answer was decided when the command ran, and a fill may have landed
    // since. Protected caches look again before starting a fill (as lock implementations do
    // after taking the lock); an unprotected one does not, which is the stampede.
    const bool protectedCache = cache.spec->stampede != StampedeProtection::None;
    const bool landed = protectedCache && cache.store->fresh(key, m_now);
    if (result == CacheStore::Lookup::Expired) {
        // stale_while_revalidate: serve the stale value; one refresh runs in the background
        const auto running = cache.fills.find(key);
        if (!landed && (running == cache.fills.end() || running->second.inflight == 0)) {
            cache.fills[key].inflight = 1;
            startRefresh(f, cacheIdx, key, s.child);
        }
        ++m_frames[f].pc;
        runFrame(f);
        return;
    }
    if (landed) {
        ++fr.pc;
        runFrame(f);
        return;
    }
    const auto it = cache.fills.find(key);
    if (it != cache.fills.end() && it->second.inflight > 0) {
        if (cache.spec->stampede == StampedeProtection::Lock) {
            // wait for the fill already in flight instead of asking the origin again
            const std::uint64_t token = m_nextToken++;
            fr.token = token;
            it->second.waiters.push_back({f, token});
            if (m_measuring)
                ++cache.lockWaits;
            return;
        }
        if (m_measuring)
            ++cache.stampedeMisses;
        ++it->second.inflight;
    } else {
        cache.fills[key].inflight = 1;
    }
    fr.pending = 1;
    const std::uint32_t child = newFrame(fr.job, f, s.child);
    runFrame(child);
}

void EngineImpl::cacheFillDone(std::uint32_t f)
{
    const Frame &fr = m_frames[f];
    const CStep &s = m_steps[fr.begin + fr.pc];
    const auto cache = static_cast<std::uint32_t>(s.target);
    const std::uint64_t key = fr.cacheKey;
    if (fr.failed) {
        const FailureReason reason = fr.reason;
        fillEnded(cache, key, false, reason);
        frameComplete(f);
        return;
    }
    // the fill is released when the SET has run, so a GET queued behind it sees the value
    issueSet(cache, key);
    ++m_frames[f].pc;
    runFrame(f);
}

void EngineImpl::issueSet(std::uint32_t cache, std::uint64_t key)
{
    const std::uint32_t j = newJob(cache, 0);
    m_jobs[j].op = OpSet;
    m_jobs[j].key = key;
    dispatch(j);
}

void EngineImpl::fillEnded(std::uint32_t cache, std::uint64_t key, bool ok, FailureReason reason)
{
    Comp &c = m_comps[cache];
    const auto it = c.fills.find(key);
    if (it == c.fills.end() || it->second.inflight == 0)
        return;
    if (--it->second.inflight > 0)
        return;
    const std::vector<PoolWait> waiters = std::move(it->second.waiters);
    c.fills.erase(it);
    for (const PoolWait &w : waiters) {
        if (m_frames[w.frame].token != w.token)
            continue;
        m_frames[w.frame].token = 0;
        if (ok) {
            ++m_frames[w.frame].pc;
            runFrame(w.frame);
        } else {
            frameFail(w.frame, reason);
        }
    }
}

void EngineImpl::startRefresh(std::uint32_t f,
                              std::uint32_t cache,
                              std::uint64_t key,
                              std::uint32_t list)
{
    const Job &caller = m_jobs[m_frames[f].job];
    const std::uint32_t comp = caller.comp, name = caller.name, replica = caller.replica,
                        worker = caller.worker;
    const std::uint32_t j = newJob(comp, name);
    Job &job = m_jobs[j];
    job.replica = replica;
    job.worker = worker;
    job.background = true;
    job.key = key;
    job.cacheComp = cache;
    runFrame(newFrame(j, kNone, list));
}

} // namespace Sim::Internal
