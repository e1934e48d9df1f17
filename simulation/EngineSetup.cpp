// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

#include <algorithm>

namespace Sim::Internal {

namespace {

/**
 * Whether any of the steps (nested ones included) may run beside the handler's own: two or
 * more parallel branches, or a cache's on_miss steps (a stale-while-revalidate refresh runs
 * them in the background on the same replica, without a thread).
 */
bool runsBranches(const std::vector<Step> &steps)
{
    return std::any_of(steps.begin(), steps.end(), [](const Step &s) {
        return (s.kind == Step::Kind::Parallel && s.steps.size() > 1)
               || (s.kind == Step::Kind::Cache && !s.steps.empty()) || runsBranches(s.steps)
               || runsBranches(s.fallback);
    });
}

} // namespace

// set-up

EngineImpl::EngineImpl(const Spec &spec, int replication, const RunOptions &options)
    : m_spec(spec)
    , m_options(options)
    , m_replication(replication)
    , m_arrivalRng(spec.seed, static_cast<std::uint64_t>(replication), 0x10000)
    , m_typeRng(spec.seed, static_cast<std::uint64_t>(replication), 0x10001)
{
    m_duration = secondsToTicks(spec.durationS);
    m_warmup = secondsToTicks(spec.warmupS);
    m_bucket = std::max<Tick>(1, secondsToTicks(spec.bucketS > 0 ? spec.bucketS : spec.durationS));

    const std::size_t nComp = spec.components.size();
    m_comps.resize(nComp);

    // names first: workload types, handlers, calls, queries, routes
    for (const RequestType &t : spec.workload.requests)
        m_typeName.push_back(nameIndex(t.name));
    for (std::size_t i = 0; i < nComp; ++i) {
        const Component &c = spec.components[i];
        m_comps[i].spec = &c;
        m_comps[i].kind = c.kind;
        m_comps[i].concurrency = c.concurrency;
        m_comps[i].rng = Random(spec.seed,
                                static_cast<std::uint64_t>(replication),
                                componentStream(c.id));
        for (const Handler &h : c.handlers)
            nameIndex(h.request);
        for (const Query &q : c.queries)
            nameIndex(q.name);
        for (const RouteTable &r : c.routes)
            nameIndex(r.request);
    }

    // handler programs (after names from calls are known, handlerByName is sized at the end)
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> handlerLists(nComp);
    for (std::size_t i = 0; i < nComp; ++i) {
        m_comps[i].bulkheadByTarget.assign(nComp, -1);
        m_compiling = static_cast<std::uint32_t>(i);
        // a compressing service ends each handler with the CPU of compressing the response
        const bool compress = spec.components[i].kind == ComponentKind::Service
                              && spec.components[i].compression.enabled;
        for (const Handler &h : spec.components[i].handlers)
            handlerLists[i].emplace_back(nameIndex(h.request), compileList(h.steps, compress));
    }
    // only replicas that can crash keep a list of their jobs (the crash fails them all)
    for (const Fault &f : spec.faults) {
        if (f.kind == Fault::Kind::KillInstance && f.target >= 0
            && f.target < static_cast<int>(nComp))
            m_comps[static_cast<std::size_t>(f.target)].canCrash = true;
    }
    for (std::size_t i = 0; i < nComp; ++i) {
        if (spec.components[i].memoryMb > 0)
            m_comps[i].canCrash = true;
        m_anyCanCrash = m_anyCanCrash || m_comps[i].canCrash;
    }

    // replicas (as many slots as the autoscaler may use), pools and bulkheads
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        c.poolByTarget.assign(nComp, -1);
        if (s.kind == ComponentKind::Service) {
            for (std::size_t p = 0; p < s.pools.size(); ++p)
                c.poolByTarget[static_cast<std::size_t>(s.pools[p].target)]
                    = static_cast<std::int32_t>(p);
            int initial = std::max(1, s.replicas);
            int slots = initial;
            if (s.autoscaling.enabled) {
                initial = std::clamp(initial,
                                     std::max(1, s.autoscaling.minReplicas),
                                     std::max(1, s.autoscaling.maxReplicas));
                slots = std::max(initial, s.autoscaling.maxReplicas);
            }
            c.firstReplica = static_cast<std::uint32_t>(m_replicas.size());
            c.replicaCount = static_cast<std::uint32_t>(slots);
            c.desired = initial;
            c.capacity = s.cpuCores; // per ready replica
            // at most one CPU task per thread, so with no more threads than cores none shares
            // a core (Comp::directCpu)
            c.directCpu = !c.canCrash && s.concurrency == ConcurrencyModel::ThreadPool
                          && static_cast<double>(s.threads) <= s.cpuCores
                          && std::none_of(s.handlers.begin(),
                                          s.handlers.end(),
                                          [](const Handler &h) { return runsBranches(h.steps); });
            for (std::uint32_t r = 0; r < c.replicaCount; ++r) {
                Replica rep;
                rep.comp = static_cast<std::uint32_t>(i);
                rep.capacity = s.cpuCores;
                if (s.concurrency == ConcurrencyModel::EventLoop)
                    rep.workers.resize(static_cast<std::size_t>(std::max(1, s.workers)));
                rep.poolBase = static_cast<std::uint32_t>(m_pools.size());
                for (const Pool &p : s.pools) {
                    PoolState ps;
                    ps.target = static_cast<std::uint32_t>(p.target);
                    ps.size = std::max(1, p.size);
                    m_pools.push_back(std::move(ps));
                }
                rep.bulkheadBase = static_cast<std::uint32_t>(m_bulkheads.size());
                m_bulkheads.resize(m_bulkheads.size() + c.bulkheadLimits.size(), 0);
                if (static_cast<int>(r) < initial) {
                    rep.state = ReplicaState::Ready;
                    rep.routable = true;
                    c.routable.push_back(c.firstReplica + r);
                }
                m_replicas.push_back(std::move(rep));
            }
            c.readyReplicas.set(0, initial);
        } else if (s.kind == ComponentKind::Database) {
            c.capacity = std::max(1, s.maxConnections);
            c.servers = std::max(1, s.maxConnections);
        } else if (s.kind == ComponentKind::Cache) {
            c.capacity = std::max(1, s.commandThreads);
            c.servers = std::max(1, s.commandThreads);
            c.ttl = static_cast<Tick>(s.ttlS * 1e9 + 0.5);
        }
    }

    const std::size_t nNames = m_nameIds.size();
    if (m_hasNetwork
        || std::any_of(spec.components.begin(), spec.components.end(), [](const Component &c) {
               return c.compression.enabled;
           })) {
        m_netRng = Random(spec.seed, static_cast<std::uint64_t>(replication), 0x10002);
        m_payloads.resize(nNames);
        const Workload &w = spec.workload;
        for (std::size_t t = 0; t < w.payloads.size() && t < w.requests.size(); ++t)
            m_payloads[m_nameIds.at(w.requests[t].name)] = w.payloads[t];
    }
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        c.handlerByName.assign(nNames, -1);
        for (const auto &[name, list] : handlerLists[i])
            c.handlerByName[name] = static_cast<std::int32_t>(list);
        c.queryByName.assign(nNames, -1);
        for (std::size_t q = 0; q < s.queries.size(); ++q) {
            if (s.queries[q].name == "*")
                c.defaultQuery = static_cast<std::int32_t>(q);
            else
                c.queryByName[m_nameIds.at(s.queries[q].name)] = static_cast<std::int32_t>(q);
        }
        c.routeByName.assign(nNames, -1);
        for (const RouteTable &rt : s.routes) {
            std::vector<std::pair<std::uint32_t, double>> table;
            double sum = 0;
            for (const Route &r : rt.routes) {
                sum += r.weight;
                table.emplace_back(static_cast<std::uint32_t>(r.target), sum);
            }
            for (auto &entry : table)
                entry.second /= sum;
            const auto idx = static_cast<std::int32_t>(c.routeTables.size());
            c.routeTables.push_back(std::move(table));
            if (rt.request == "*")
                c.defaultRoute = idx;
            else
                c.routeByName[m_nameIds.at(rt.request)] = idx;
        }
    }

    // caches: one key store each, over the key ranges of all the steps that use it
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        if (c.spec->kind == ComponentKind::Cache)
            c.store = std::make_unique<CacheStore>(c.spec->eviction,
                                                   c.spec->capacityKeys,
                                                   c.keySpace,
                                                   c.spec->evictionSamples,
                                                   &c.rng);
    }
    // queues: one queue (direct) or one per consumer group (fanout), channels bound to replicas
    for (std::size_t i = 0; i < nComp; ++i) {
        Comp &c = m_comps[i];
        const Component &s = *c.spec;
        if (s.kind != ComponentKind::Queue)
            continue;
        const bool fanout = s.exchange == Exchange::Fanout && !s.consumers.empty();
        c.queues.resize(fanout ? s.consumers.size() : 1);
        c.messageTtl = s.messageTtlMs > 0 ? std::max<Tick>(1, secondsToTicks(s.messageTtlMs / 1000))
                                          : 0;
        c.deadLetter = s.deadLetter >= 0 ? static_cast<std::uint32_t>(s.deadLetter) : kNone;
        for (std::size_t g = 0; g < s.consumers.size(); ++g) {
            const Consumer &k = s.consumers[g];
            for (int n = 0; n < k.count; ++n) {
                Channel ch;
                ch.queueComp = static_cast<std::uint32_t>(i);
                ch.queue = fanout ? static_cast<std::uint32_t>(g) : 0;
                ch.service = static_cast<std::uint32_t>(k.service);
                ch.prefetch = std::max(1, k.prefetch);
                ch.requeue = k.requeue;
                c.queues[ch.queue].channels.push_back(
                    static_cast<std::uint32_t>(m_channels.size()));
                m_channels.push_back(ch);
            }
        }
    }

    // workload
    double sum = 0;
    for (const RequestType &t : spec.workload.requests) {
        sum += t.weight;
        m_typeCumulative.push_back(sum);
    }
    for (double &w : m_typeCumulative)
        w /= sum;
    m_types.resize(spec.workload.requests.size());
    m_meanGap = static_cast<Tick>(1e9 / spec.workload.ratePerS + 0.5);

    // series columns
    m_seriesKeys = {"requests._all.arrivals_per_s",
                    "requests._all.throughput_per_s",
                    "requests._all.errors_per_s",
                    "requests._all.latency_ms.p50",
                    "requests._all.latency_ms.p95",
                    "requests._all.latency_ms.p99",
                    "workload.rate_per_s"};
    for (const Comp &c : m_comps) {
        if (kindTraits(c.spec->kind).hasUtilization)
            m_seriesKeys.push_back("components." + c.spec->id + ".utilization");
    }
    for (const Comp &c : m_comps)
        m_seriesKeys.push_back("components." + c.spec->id + ".in_system");
    for (const Comp &c : m_comps)
        m_seriesKeys.push_back("components." + c.spec->id + ".throughput_per_s");
    for (const Comp &c : m_comps) {
        if (c.spec->kind == ComponentKind::Cache)
            m_seriesKeys.push_back("components." + c.spec->id + ".hit_ratio");
        else if (c.spec->kind == ComponentKind::Queue)
            m_seriesKeys.push_back("components." + c.spec->id + ".backlog");
        else if (c.spec->kind == ComponentKind::Service)
            m_seriesKeys.push_back("components." + c.spec->id + ".replicas");
    }
    m_seriesValues.resize(m_seriesKeys.size());
    m_bucketRow.resize(m_seriesKeys.size());
}

std::uint32_t EngineImpl::nameIndex(const std::string &name)
{
    const auto it = m_nameIds.find(name);
    if (it != m_nameIds.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(m_nameIds.size());
    m_nameIds.emplace(name, id);
    return id;
}

std::uint32_t EngineImpl::compileList(const std::vector<Step> &steps, bool compress)
{
    const auto list = static_cast<std::uint32_t>(m_lists.size());
    m_lists.emplace_back();
    const auto begin = static_cast<std::uint32_t>(m_steps.size());
    const std::size_t n = steps.size() + (compress ? 1 : 0);
    m_steps.resize(m_steps.size() + n);
    m_lists[list] = {begin, begin + static_cast<std::uint32_t>(n), kNone};
    for (std::size_t i = 0; i < steps.size(); ++i)
        compileStep(begin + static_cast<std::uint32_t>(i), steps[i]);
    if (compress) {
        // the response's compression: CPU work whose size compressWork() draws
        CStep c{};
        c.kind = Step::Kind::Cpu;
        c.compress = true;
        c.name = -1;
        c.fallback = c.link = c.net = kNone;
        c.bulkhead = -1;
        m_steps[begin + steps.size()] = c;
    }
    if (n == 1 && m_steps[begin].kind == Step::Kind::Cpu && !m_steps[begin].offload
        && !m_steps[begin].compress)
        m_lists[list].soloCpu = begin;
    return list;
}

std::uint32_t EngineImpl::pipeIndex(std::uint32_t from, std::uint32_t to, double bandwidthMbps)
{
    const auto key = std::make_pair(from, to);
    auto it = m_pipeIndex.find(key);
    if (it == m_pipeIndex.end()) {
        it = m_pipeIndex.emplace(key, static_cast<std::uint32_t>(m_pipes.size())).first;
        Pipe p;
        p.from = from;
        p.to = to;
        m_pipes.push_back(std::move(p));
    }
    // call steps between the same two components share the link: the smallest bandwidth
    // any of them gives applies
    Pipe &p = m_pipes[it->second];
    if (bandwidthMbps > 0 && (p.bandwidthMbps == 0 || bandwidthMbps < p.bandwidthMbps)) {
        p.bandwidthMbps = bandwidthMbps;
        p.ticksPerByte = 8.0 / (bandwidthMbps * 1e6) * 1e9;
    }
    return it->second;
}

void EngineImpl::compileStep(std::uint32_t at, const Step &s)
{
    CStep c{};
    c.kind = s.kind;
    c.offload = s.offload;
    c.target = s.target;
    c.name = s.request.empty() ? -1 : static_cast<std::int32_t>(nameIndex(s.request));
    c.timeout = s.timeoutMs > 0 ? static_cast<Tick>(s.timeoutMs * 1e6 + 0.5) : 0;
    c.retries = std::max(0, s.retries);
    c.probability = s.probability;
    c.duration = s.duration;
    c.fallback = kNone;
    c.link = kNone;
    c.bulkhead = -1;
    c.net = kNone;
    if (c.kind == Step::Kind::Call && s.network.enabled && s.target >= 0) {
        const auto target = static_cast<std::uint32_t>(s.target);
        CNet net;
        net.latency = s.network.latency;
        net.noLatency = s.network.latency.kind == Distribution::Kind::Const
                        && s.network.latency.a == 0;
        net.forth = pipeIndex(m_compiling, target, s.network.bandwidthMbps);
        net.back = pipeIndex(target, m_compiling, s.network.bandwidthMbps);
        c.net = static_cast<std::uint32_t>(m_nets.size());
        m_nets.push_back(net);
        m_hasNetwork = true;
    }
    if (c.kind == Step::Kind::Call) {
        c.backoff = static_cast<Tick>(std::max(0.0, s.backoffMs) * 1e6 + 0.5);
        c.backoffMax = static_cast<Tick>(std::min(1e12, std::max(0.0, s.backoffMaxMs)) * 1e6 + 0.5);
        c.multiplier = s.backoffMultiplier;
        c.jitter = s.jitter;
        if (!s.fallback.empty())
            c.fallback = compileList(s.fallback);
        if (s.breaker.enabled || s.retryBudget > 0) {
            // one breaker and budget per (caller component, target), shared by its call steps
            const auto key = std::make_pair(m_compiling, static_cast<std::uint32_t>(s.target));
            auto it = m_linkIndex.find(key);
            if (it == m_linkIndex.end()) {
                it = m_linkIndex.emplace(key, static_cast<std::uint32_t>(m_links.size())).first;
                CallLink link;
                link.comp = m_compiling;
                link.target = m_spec.components[static_cast<std::size_t>(s.target)].id;
                m_links.push_back(std::move(link));
            }
            CallLink &link = m_links[it->second];
            if (s.breaker.enabled && !link.config.enabled) {
                link.config = s.breaker;
                link.outcomes.assign(static_cast<std::size_t>(std::max(1, s.breaker.window)), 0);
            }
            if (s.retryBudget > 0)
                link.budgetRatio = s.retryBudget;
            c.link = it->second;
        }
        if (s.bulkhead > 0) {
            Comp &caller = m_comps[m_compiling];
            std::int32_t &idx = caller.bulkheadByTarget[static_cast<std::size_t>(s.target)];
            if (idx < 0) {
                idx = static_cast<std::int32_t>(caller.bulkheadLimits.size());
                caller.bulkheadLimits.push_back(s.bulkhead);
            }
            c.bulkhead = idx;
        }
    }
    if (c.kind == Step::Kind::Call && c.timeout > 0) {
        const auto it = m_laneByTimeout.find(c.timeout);
        if (it != m_laneByTimeout.end()) {
            c.lane = it->second;
        } else {
            c.lane = static_cast<std::uint32_t>(m_lanes.size());
            m_laneByTimeout.emplace(c.timeout, c.lane);
            m_lanes.emplace_back();
        }
    }
    if (s.kind == Step::Kind::Cache) {
        Comp &cache = m_comps[static_cast<std::size_t>(s.target)];
        c.sampler = static_cast<std::uint32_t>(m_samplers.size());
        m_samplers.emplace_back(s.keys, s.zipf);
        c.keyOffset = cache.keySpace;
        cache.keySpace += s.keys;
        c.child = compileList(s.steps);
        c.childCount = 1;
    }
    if (s.kind == Step::Kind::Parallel) {
        // one list per branch, at consecutive list indices
        const auto first = static_cast<std::uint32_t>(m_lists.size());
        m_lists.resize(m_lists.size() + s.steps.size());
        for (std::size_t b = 0; b < s.steps.size(); ++b) {
            const auto begin = static_cast<std::uint32_t>(m_steps.size());
            m_steps.emplace_back();
            m_lists[first + b] = {begin, begin + 1};
            compileStep(begin, s.steps[b]);
        }
        c.child = first;
        c.childCount = static_cast<std::uint32_t>(s.steps.size());
    } else if (s.kind == Step::Kind::Probability) {
        c.child = compileList(s.steps);
        c.childCount = 1;
    }
    m_steps[at] = c;
}

} // namespace Sim::Internal
