// SPDX-License-Identifier: GPL-3.0-or-later
// compileScenario: a valid Scenario -> Sim::Spec (ids become indices, defaults filled in).
// Parts the engine does not model yet are errors, never silent approximations.
// Every default applied here is listed in ScenarioDefaults.h and docs/scenario-format.md.
#include "LegacyScenarioIo.h"

#include "JsonPath.h"
#include "ScenarioDefaults.h"

#include <algorithm>

namespace Model::Legacy {

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

/** The eviction policy; without one, the engine's own: Redis samples, Memcached segments. */
Sim::EvictionPolicy eviction(const QString &word, bool memcached)
{
    if (word == QLatin1String("lru"))
        return Sim::EvictionPolicy::Lru;
    if (word == QLatin1String("lfu"))
        return Sim::EvictionPolicy::Lfu;
    if (word == QLatin1String("fifo"))
        return Sim::EvictionPolicy::Fifo;
    if (word == QLatin1String("random"))
        return Sim::EvictionPolicy::Random;
    if (word == QLatin1String("approx_lru"))
        return Sim::EvictionPolicy::ApproxLru;
    if (word == QLatin1String("approx_lfu"))
        return Sim::EvictionPolicy::ApproxLfu;
    if (word == QLatin1String("segmented_lru"))
        return Sim::EvictionPolicy::SegmentedLru;
    return memcached ? Sim::EvictionPolicy::SegmentedLru : Sim::EvictionPolicy::ApproxLru;
}

/**
 * What the engine cannot run yet. Each entry becomes one error; when the engine learns a
 * feature, delete its entry here and map it in Compiler below. Today only dead-letter
 * exchanges are left: the document keeps the word, the engine has no dead-letter queue.
 */
class NotSimulatedYet
{
public:
    explicit NotSimulatedYet(Problems &problems)
        : m_problems(problems)
    {}

    void check(const Scenario &s)
    {
        for (int i = 0; i < s.components.size(); ++i) {
            const Component &c = s.components.at(i);
            if (c.kind == ComponentKind::Queue
                && c.queue.overflow == QLatin1String("reject_publish_dlx")) {
                report(key(index(QStringLiteral("$.components"), i), QStringLiteral("overflow")),
                       QStringLiteral("overflow 'reject_publish_dlx': dead-letter exchanges"));
            }
        }
    }

private:
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
        arrivals(w.arrivals, spec.workload);
        for (const RequestType &t : w.requests)
            spec.workload.requests.push_back(
                {t.name.toStdString(), t.weight.value_or(Defaults::kRequestWeight)});

        // Indices in the Spec are those of the scenario: every component compiles to one.
        for (const Component &c : m_s.components)
            spec.components.push_back(component(c));

        for (const Fault &f : m_s.faults)
            spec.faults.push_back(fault(f, spec.durationS));
        return spec;
    }

private:
    int target(const QString &id) const { return m_index.value(id, -1); }

    static void arrivals(const Arrivals &a, Sim::Workload &out)
    {
        const QString &kind = a.kind;
        if (kind == QLatin1String("constant")) {
            out.arrivals = Sim::ArrivalKind::Constant;
            out.ratePerS = a.ratePerS.value_or(0);
        } else if (kind == QLatin1String("ramp")) {
            out.arrivals = Sim::ArrivalKind::Ramp;
            out.rampFrom = a.from.value_or(0);
            out.rampTo = a.to.value_or(0);
            out.rampOverS = a.overS.value_or(0);
            out.rampStartS = a.startS.value_or(Defaults::kRampStartS);
            // The engine reads ratePerS only for poisson, constant and spike arrivals; the
            // other kinds carry their long-run mean there (positive, as checkSpec wants).
            out.ratePerS = (out.rampFrom + out.rampTo) / 2;
        } else if (kind == QLatin1String("spike")) {
            out.arrivals = Sim::ArrivalKind::Spike;
            out.ratePerS = a.ratePerS.value_or(0);
            out.spikePeak = a.peak.value_or(0);
            out.spikeAtS = a.atS.value_or(0);
            out.spikeLengthS = a.lengthS.value_or(0);
        } else if (kind == QLatin1String("bursty")) {
            out.arrivals = Sim::ArrivalKind::Bursty;
            out.burstLowRate = a.lowRate.value_or(0);
            out.burstHighRate = a.highRate.value_or(0);
            out.burstLowMeanS = a.lowMeanS.value_or(0);
            out.burstHighMeanS = a.highMeanS.value_or(0);
            // The chain spends lowMean / (lowMean + highMean) of the time in the low state.
            out.ratePerS = (out.burstLowRate * out.burstLowMeanS
                            + out.burstHighRate * out.burstHighMeanS)
                           / (out.burstLowMeanS + out.burstHighMeanS);
        } else if (kind == QLatin1String("diurnal")) {
            out.arrivals = Sim::ArrivalKind::Diurnal;
            out.diurnalMean = a.mean.value_or(0);
            out.diurnalAmplitude = a.amplitude.value_or(0);
            out.diurnalPeriodS = a.periodS.value_or(Defaults::kDiurnalPeriodS);
            out.diurnalPeakAtS = a.peakAtS.value_or(Defaults::kDiurnalPeakAtS);
            out.ratePerS = out.diurnalMean;
        } else {
            out.arrivals = Sim::ArrivalKind::Poisson;
            out.ratePerS = a.ratePerS.value_or(0);
        }
    }

    Sim::Fault fault(const Fault &f, double durationS) const
    {
        Sim::Fault out;
        if (f.kind == QLatin1String("outage"))
            out.kind = Sim::Fault::Kind::Outage;
        else if (f.kind == QLatin1String("latency"))
            out.kind = Sim::Fault::Kind::Latency;
        else if (f.kind == QLatin1String("errors"))
            out.kind = Sim::Fault::Kind::Errors;
        else
            out.kind = Sim::Fault::Kind::KillInstance;
        out.target = target(f.target);
        out.atS = f.atS.value_or(0);
        if (out.kind != Sim::Fault::Kind::KillInstance) {
            // Without until_s the window lasts to the end of the run. A fault that starts
            // after the end (a warning only) gets an empty window, which checkSpec accepts.
            out.untilS = f.untilS.value_or(std::max(durationS, out.atS));
        }
        out.count = f.count.value_or(1);
        if (f.latencyMs)
            out.latency = toSim(*f.latencyMs);
        out.errorRate = f.errorRate.value_or(0);
        return out;
    }

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
        const bool memcached = c.engine == QLatin1String("memcached");
        out.capacityKeys = static_cast<std::uint64_t>(c.capacityKeys.value_or(1));
        out.eviction = eviction(c.eviction, memcached);
        out.evictionSamples = c.samples.value_or(Defaults::kEvictionSamples);
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
        out.commandThreads = c.threads.value_or(memcached ? Defaults::kMemcachedThreads
                                                          : Defaults::kRedisThreads);
        out.commandCpu = toSim(c.commandMs, Defaults::kCommandMs);
    }

    void queue(const Queue &q, Sim::Component &out) const
    {
        out.kind = Sim::ComponentKind::Queue;
        out.durable = q.durable.value_or(true);
        out.publishLatency = toSim(q.publishMs, out.durable ? Defaults::kDurablePublishMs
                                                            : Defaults::kTransientPublishMs);
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
        if (s.autoscaling) {
            const Autoscaling &a = *s.autoscaling;
            Sim::Autoscaling &as = out.autoscaling;
            as.enabled = true;
            as.minReplicas = a.min.value_or(Defaults::kAutoscalingMin);
            // max is required; a scenario that left it out did not validate
            as.maxReplicas = a.max.value_or(as.minReplicas);
            as.targetUtilization = a.targetCpu.value_or(Defaults::kAutoscalingTargetCpu);
            as.intervalS = a.intervalS.value_or(Defaults::kAutoscalingIntervalS);
            as.scaleUpStabilizationS = a.scaleUpStabilizationS.value_or(
                Defaults::kScaleUpStabilizationS);
            as.scaleDownStabilizationS = a.scaleDownStabilizationS.value_or(
                Defaults::kScaleDownStabilizationS);
            as.tolerance = a.tolerance.value_or(Defaults::kAutoscalingTolerance);
            // Without "replicas" an autoscaled service starts at its minimum (the engine
            // clamps the starting count into [min, max]).
            if (!s.replicas)
                out.replicas = as.minReplicas;
        }
        out.startupS = s.startupS.value_or(Defaults::kStartupS);
        out.memoryMb = s.memoryMb.value_or(0);
        out.memoryBaseMb = s.memoryBaseMb.value_or(0);
        out.memoryPerRequestMb = s.memoryPerRequestMb.value_or(0);
        if (s.restart == QLatin1String("on_failure"))
            out.restart = Sim::RestartPolicy::OnFailure;
        else if (s.restart == QLatin1String("no"))
            out.restart = Sim::RestartPolicy::No;
        else
            out.restart = Sim::RestartPolicy::Always;
        out.restartBackoffS = s.restartBackoffS.value_or(Defaults::kRestartBackoffS);
        out.restartBackoffMaxS = s.restartBackoffMaxS.value_or(Defaults::kRestartBackoffMaxS);
        if (s.healthCheck) {
            out.healthCheck.enabled = true;
            out.healthCheck.intervalS = s.healthCheck->intervalS.value_or(
                Defaults::kHealthIntervalS);
            out.healthCheck.failureThreshold = s.healthCheck->failures.value_or(
                Defaults::kHealthFailures);
        }
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
                step.backoffMs = s.backoffMs.value_or(Defaults::kBackoffMs);
                step.backoffMultiplier = s.multiplier.value_or(Defaults::kBackoffMultiplier);
                step.backoffMaxMs = s.maxBackoffMs.value_or(Defaults::kMaxBackoffMs);
                step.jitter = s.jitter.value_or(0);
                step.retryBudget = s.retryBudget.value_or(0);
                if (s.circuitBreaker) {
                    const CircuitBreaker &b = *s.circuitBreaker;
                    step.breaker.enabled = true;
                    step.breaker.failureRate = b.failureRate.value_or(
                        Defaults::kBreakerFailureRate);
                    step.breaker.minimumCalls = b.minimumCalls.value_or(
                        Defaults::kBreakerMinimumCalls);
                    step.breaker.window = b.window.value_or(Defaults::kBreakerWindow);
                    step.breaker.openS = b.openS.value_or(Defaults::kBreakerOpenS);
                    step.breaker.halfOpenCalls = b.halfOpenCalls.value_or(
                        Defaults::kBreakerHalfOpenCalls);
                }
                step.bulkhead = s.bulkhead.value_or(0);
                step.fallback = steps(s.fallback);
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
    for (const Problem &p : Legacy::validateScenario(scenario)) {
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

} // namespace Model::Legacy
