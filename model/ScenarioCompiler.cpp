// SPDX-License-Identifier: GPL-3.0-or-later
// compileScenario: a valid Scenario -> Sim::Spec (ids become indices, defaults filled in).
// Parts the engine does not model yet are errors, never silent approximations.
#include "ScenarioIo.h"

#include "EngineSupport.h"
#include "JsonPath.h"
#include "ScenarioDefaults.h"

namespace Model {

namespace {

using JsonPath::index;
using JsonPath::key;

Sim::Distribution toSim(const Distribution &d)
{
    switch (d.kind) {
    case Distribution::Kind::Const: return Sim::Distribution::constant(d.value.value_or(0));
    case Distribution::Kind::Exp: return Sim::Distribution::exponential(d.mean.value_or(0));
    case Distribution::Kind::Uniform:
        return Sim::Distribution::uniform(d.min.value_or(0), d.max.value_or(0));
    case Distribution::Kind::Lognormal:
        return Sim::Distribution::lognormal(d.mean.value_or(0), d.stddev.value_or(0));
    case Distribution::Kind::Erlang:
        return Sim::Distribution::erlang(d.k.value_or(1), d.mean.value_or(0));
    case Distribution::Kind::Unknown: break;
    }
    return Sim::Distribution::constant(0); // unreachable for a validated scenario
}

Sim::Distribution toSim(const std::optional<Distribution> &d, double defaultMs)
{
    return d ? toSim(*d) : Sim::Distribution::constant(defaultMs);
}

Sim::Balancing balancing(const QString &word)
{
    if (word == QLatin1String("random"))
        return Sim::Balancing::Random;
    if (word == QLatin1String("least_outstanding"))
        return Sim::Balancing::LeastOutstanding;
    if (word == QLatin1String("power_of_two"))
        return Sim::Balancing::PowerOfTwo;
    return Sim::Balancing::RoundRobin; // also the default for an empty word
}

/**
 * What the engine cannot run yet. Each entry becomes one error; when the engine learns a
 * feature, delete its entry here and map it in Compiler below.
 */
class NotSimulatedYet
{
public:
    explicit NotSimulatedYet(Problems &problems)
        : m_problems(problems)
    {}

    void check(const Scenario &s)
    {
        const QString kind = s.workload.arrivals.kind;
        if (!kind.isEmpty() && kind != QLatin1String("poisson") && kind != QLatin1String("constant"))
            report(QStringLiteral("$.workload.arrivals.kind"),
                   QStringLiteral("%1 arrivals").arg(kind));
        for (int i = 0; i < s.components.size(); ++i) {
            const Component &c = s.components.at(i);
            const QString p = index(QStringLiteral("$.components"), i);
            if (c.kind == ComponentKind::Cache && !EngineSupport::kCaches)
                report(p, QStringLiteral("cache component '%1'").arg(c.id));
            else if (c.kind == ComponentKind::Queue && !EngineSupport::kQueues)
                report(p, QStringLiteral("queue component '%1'").arg(c.id));
            else if (c.kind == ComponentKind::Queue
                     && c.queue.overflow == QLatin1String("reject_publish_dlx"))
                report(key(p, QStringLiteral("overflow")),
                       QStringLiteral("overflow 'reject_publish_dlx': dead-letter exchanges"));
            else if (c.kind == ComponentKind::Service) {
                for (const Handler &h : c.service.handlers)
                    steps(h.steps, key(key(p, QStringLiteral("handlers")), h.request));
            }
        }
        for (int i = 0; i < s.faults.size(); ++i)
            report(index(QStringLiteral("$.faults"), i),
                   QStringLiteral("%1 fault").arg(s.faults.at(i).kind));
    }

private:
    void steps(const Steps &list, const QString &path)
    {
        for (size_t i = 0; i < list.size(); ++i) {
            const Step &s = list[i];
            const QString p = index(path, static_cast<qsizetype>(i));
            switch (s.kind) {
            case Step::Kind::Publish:
                if (!EngineSupport::kQueues)
                    report(p, QStringLiteral("publish step to '%1'").arg(s.target));
                break;
            case Step::Kind::Cache:
                if (!EngineSupport::kCaches)
                    report(p, QStringLiteral("cache step on '%1'").arg(s.target));
                steps(s.steps, key(p, QStringLiteral("on_miss")));
                break;
            case Step::Kind::Parallel:
                steps(s.steps, key(p, QStringLiteral("parallel")));
                break;
            case Step::Kind::Probability:
                steps(s.steps, key(p, QStringLiteral("steps")));
                break;
            case Step::Kind::Cpu:
            case Step::Kind::Io:
            case Step::Kind::Call:
            case Step::Kind::Unknown: break;
            }
        }
    }

    void report(const QString &path, const QString &what)
    {
        m_problems.append({Problem::Severity::Error, path,
                           QStringLiteral("not simulated yet (%1); it arrives in a later "
                                          "release, remove it to run this scenario")
                               .arg(what),
                           0, 0});
    }

    Problems &m_problems;
};

class Compiler
{
public:
    explicit Compiler(const Scenario &s)
        : m_s(s)
    {
        for (int i = 0; i < s.components.size(); ++i) {
            if (!m_index.contains(s.components.at(i).id))
                m_index.insert(s.components.at(i).id, i);
        }
    }

    Sim::Spec compile()
    {
        Sim::Spec spec;
        spec.name = m_s.name.toStdString();
        spec.durationS = m_s.simulation.durationS;
        spec.warmupS = m_s.simulation.warmupS;
        spec.bucketS = m_s.simulation.bucketS;
        spec.seed = m_s.simulation.seed;
        spec.replications = m_s.simulation.replications;

        const Workload &w = m_s.workload;
        spec.workload.entry = target(w.entry);
        spec.workload.arrivals = w.arrivals.kind == QLatin1String("constant")
                                     ? Sim::ArrivalKind::Constant
                                     : Sim::ArrivalKind::Poisson;
        spec.workload.ratePerS = w.arrivals.ratePerS.value_or(0);
        for (const RequestType &t : w.requests)
            spec.workload.requests.push_back(
                {t.name.toStdString(), t.weight.value_or(Defaults::kRequestWeight)});

        // Indices in the Spec are those of the scenario: every component compiles to one.
        for (const Component &c : m_s.components)
            spec.components.push_back(component(c));
        return spec;
    }

private:
    int target(const QString &id) const { return m_index.value(id, -1); }

    Sim::Component component(const Component &c) const
    {
        Sim::Component out;
        out.id = c.id.toStdString();
        switch (c.kind) {
        case ComponentKind::Service: service(c.service, out); break;
        case ComponentKind::LoadBalancer:
            out.kind = Sim::ComponentKind::LoadBalancer;
            out.policy = balancing(c.loadBalancer.policy);
            out.latency = toSim(c.loadBalancer.latencyMs, Defaults::kLatencyMs);
            for (const QString &t : c.loadBalancer.targets)
                out.targets.push_back(target(t));
            break;
        case ComponentKind::Gateway:
            out.kind = Sim::ComponentKind::Gateway;
            out.latency = toSim(c.gateway.latencyMs, Defaults::kLatencyMs);
            for (const Route &r : c.gateway.routes) {
                Sim::RouteTable table;
                table.request = r.request.toStdString();
                for (const RouteTarget &t : r.targets)
                    table.routes.push_back(
                        {target(t.target), t.weight.value_or(Defaults::kRouteWeight)});
                out.routes.push_back(std::move(table));
            }
            break;
        case ComponentKind::Database:
            out.kind = Sim::ComponentKind::Database;
            out.maxConnections = c.database.maxConnections.value_or(Defaults::kMaxConnections);
            for (const Query &q : c.database.queries)
                out.queries.push_back({q.name.toStdString(), toSim(q.duration)});
            break;
        case ComponentKind::External:
            out.kind = Sim::ComponentKind::External;
            out.latency = toSim(c.external.latencyMs, Defaults::kLatencyMs);
            out.errorRate = c.external.errorRate.value_or(0);
            break;
        case ComponentKind::Cache: cache(c.cache, out); break;
        case ComponentKind::Queue: queue(c.queue, out); break;
        case ComponentKind::Unknown: break; // refused by validateScenario
        }
        return out;
    }

    static void cache(const Cache &c, Sim::Component &out)
    {
        out.kind = Sim::ComponentKind::Cache;
        out.capacityKeys = static_cast<std::uint64_t>(c.capacityKeys.value_or(1));
        if (c.eviction == QLatin1String("lfu"))
            out.eviction = Sim::EvictionPolicy::Lfu;
        else if (c.eviction == QLatin1String("fifo"))
            out.eviction = Sim::EvictionPolicy::Fifo;
        else if (c.eviction == QLatin1String("random"))
            out.eviction = Sim::EvictionPolicy::Random;
        else
            out.eviction = Sim::EvictionPolicy::Lru;
        out.ttlS = c.ttlS.value_or(0);
        out.ttlJitter = c.ttlJitter.value_or(0);
        out.hitLatency = toSim(c.hitMs, Defaults::kCacheHitMs);
        out.missLatency = toSim(c.missMs, Defaults::kCacheMissMs);
        if (c.stampede == QLatin1String("lock"))
            out.stampede = Sim::StampedeProtection::Lock;
        else if (c.stampede == QLatin1String("stale_while_revalidate"))
            out.stampede = Sim::StampedeProtection::StaleWhileRevalidate;
        else
            out.stampede = Sim::StampedeProtection::None;
        out.commandThreads = c.engine == QLatin1String("memcached")
                                 ? Defaults::kMemcachedThreads
                                 : Defaults::kRedisThreads;
    }

    void queue(const Queue &q, Sim::Component &out) const
    {
        out.kind = Sim::ComponentKind::Queue;
        out.durable = q.durable.value_or(true);
        out.publishLatency = toSim(q.publishMs, Defaults::kPublishMs);
        out.deliveryLatency = toSim(q.deliveryMs, Defaults::kDeliveryMs);
        out.maxLength = q.maxLength.value_or(-1);
        out.overflow = q.overflow == QLatin1String("drop_head") ? Sim::Overflow::DropHead
                                                                : Sim::Overflow::RejectPublish;
        out.exchange = q.exchange == QLatin1String("fanout") ? Sim::Exchange::Fanout
                                                             : Sim::Exchange::Direct;
        for (const Consumer &c : q.consumers)
            out.consumers.push_back({target(c.service), c.count.value_or(Defaults::kConsumers),
                                     c.prefetch.value_or(Defaults::kPrefetch)});
    }

    void service(const Service &s, Sim::Component &out) const
    {
        out.kind = Sim::ComponentKind::Service;
        out.replicas = s.replicas.value_or(Defaults::kReplicas);
        out.cpuCores = s.cpuCores.value_or(Defaults::kCpuCores);
        const Concurrency c = s.concurrency.value_or(Concurrency());
        out.concurrency = c.model == QLatin1String("event_loop") ? Sim::ConcurrencyModel::EventLoop
                                                                 : Sim::ConcurrencyModel::ThreadPool;
        out.threads = c.threads.value_or(Defaults::kThreads);
        out.queueLimit = c.queueLimit.value_or(Defaults::kQueueLimit);
        out.workers = c.workers.value_or(Defaults::kWorkers);
        out.workerThreads = c.workerThreads.value_or(Defaults::kWorkerThreads);
        out.balancing = balancing(s.balancing);
        for (const PoolLimit &p : s.pools)
            out.pools.push_back({target(p.target), p.size});
        for (const Handler &h : s.handlers)
            out.handlers.push_back({h.request.toStdString(), steps(h.steps)});
    }

    std::vector<Sim::Step> steps(const Steps &list) const
    {
        std::vector<Sim::Step> out;
        out.reserve(list.size());
        for (const Step &s : list) {
            Sim::Step step;
            switch (s.kind) {
            case Step::Kind::Cpu:
                step.kind = Sim::Step::Kind::Cpu;
                step.duration = toSim(s.duration);
                step.offload = s.offload.value_or(false);
                break;
            case Step::Kind::Io:
                step.kind = Sim::Step::Kind::Io;
                step.duration = toSim(s.duration);
                break;
            case Step::Kind::Call:
                step.kind = Sim::Step::Kind::Call;
                step.target = target(s.target);
                step.request = s.request.toStdString();
                step.timeoutMs = s.timeoutMs.value_or(0);
                step.retries = s.retries.value_or(0);
                break;
            case Step::Kind::Parallel:
                step.kind = Sim::Step::Kind::Parallel;
                step.steps = steps(s.steps);
                break;
            case Step::Kind::Probability:
                step.kind = Sim::Step::Kind::Probability;
                step.probability = s.probability.value_or(1);
                step.steps = steps(s.steps);
                break;
            case Step::Kind::Cache:
                step.kind = Sim::Step::Kind::Cache;
                step.target = target(s.target);
                step.keys = static_cast<std::uint64_t>(s.keys.value_or(1));
                step.zipf = s.zipf.value_or(Defaults::kZipf);
                step.steps = steps(s.steps);
                break;
            case Step::Kind::Publish:
                step.kind = Sim::Step::Kind::Publish;
                step.target = target(s.target);
                step.request = s.message.toStdString(); // empty: the current request's name
                break;
            case Step::Kind::Unknown:
                continue; // refused by validateScenario
            }
            out.push_back(std::move(step));
        }
        return out;
    }

    const Scenario &m_s;
    QHash<QString, int> m_index;
};

} // namespace

CompiledScenario compileScenario(const Scenario &scenario)
{
    CompiledScenario out;
    // Only errors: the caller has already shown the warnings of parseScenario, and
    // settings changed since (archsim-cli --warmup ...) are checked again here.
    for (const Problem &p : validateScenario(scenario)) {
        if (p.isError())
            out.problems.append(p);
    }
    NotSimulatedYet(out.problems).check(scenario);
    if (hasErrors(out.problems))
        return out;

    out.spec = Compiler(scenario).compile();
    // The engine's own guard; a validated scenario never trips it, so anything here is a
    // gap in validateScenario and is reported rather than run.
    for (const std::string &message : Sim::checkSpec(out.spec)) {
        out.problems.append({Problem::Severity::Error, JsonPath::root(),
                             QStringLiteral("the engine refuses this scenario: %1 (please report "
                                            "this: the validator should have caught it)")
                                 .arg(QString::fromStdString(message)),
                             0, 0});
    }
    if (hasErrors(out.problems))
        out.spec = Sim::Spec();
    return out;
}

} // namespace Model
