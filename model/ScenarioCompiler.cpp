// SPDX-License-Identifier: GPL-3.0-or-later
// compileScenario: a valid Scenario -> Sim::Spec (ids become indices, defaults filled in).
// Parts the engine does not model yet are errors, never silent approximations.
// The defaults come from the format's tables (Format::filled, model/format); only those
// that depend on other fields are written here. docs/scenario-format.md lists them all.
#include "ScenarioIo.h"

#include "JsonPath.h"
#include "LoadEstimate.h"
#include "ScenarioChecks.h"
#include "format/Schema.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Model {

namespace {

using JsonPath::index;
using JsonPath::key;

Sim::Distribution toSim(const Distribution &d)
{
    switch (d.kind) {
    case Distribution::Kind::Const:
        return Sim::Distribution::constant(d.value.value_or(0));
    case Distribution::Kind::Exp:
        return Sim::Distribution::exponential(d.mean.value_or(0));
    case Distribution::Kind::Uniform:
        return Sim::Distribution::uniform(d.min.value_or(0), d.max.value_or(0));
    case Distribution::Kind::Lognormal:
        return Sim::Distribution::lognormal(d.mean.value_or(0), d.stddev.value_or(0));
    case Distribution::Kind::Erlang:
        return Sim::Distribution::erlang(d.k.value_or(1), d.mean.value_or(0));
    case Distribution::Kind::Unknown:
        break;
    }
    return Sim::Distribution::constant(0); // unreachable for a validated scenario
}

/** A duration that has a default: filled() has set it, or the caller gives one. */
Sim::Distribution toSim(const std::optional<Distribution> &d, double defaultMs = 0)
{
    return d ? toSim(*d) : Sim::Distribution::constant(defaultMs);
}

/** The defaults of a queue's publish latency, which depend on its durability. */
constexpr double kDurablePublishMs = 1.0; ///< a persistent message waits for the disk
constexpr double kTransientPublishMs = 0.3;
/** Cache command threads: Redis runs commands on one, Memcached's default is -t 4. */
constexpr int kRedisThreads = 1;
constexpr int kMemcachedThreads = 4;

/**
 * What the engine cannot run yet. Each entry becomes one error; when the engine learns a
 * feature, delete its entry here and map it in Compiler below. Today there is none left
 * (dead-letter exchanges were the last, issue 14); the mechanism stays for the next one.
 */
class NotSimulatedYet
{
public:
    explicit NotSimulatedYet(Problems &problems)
        : m_problems(problems)
    {}

    void check(const Scenario &s) { (void) s; }

private:
    void report(const QString &path, const QString &what)
    {
        m_problems.append({Problem::Severity::Error,
                           path,
                           QStringLiteral("not simulated yet (%1); it arrives in a later "
                                          "release, remove it to run this scenario")
                               .arg(what),
                           0,
                           0});
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
        spec.maxMemoryMb = m_s.simulation.maxMemoryMb.value_or(0);

        const Workload &w = m_s.workload;
        spec.workload.entry = target(w.entry);
        arrivals(Format::filled(w.arrivals), spec.workload);
        const bool payloads = std::any_of(w.requests.cbegin(),
                                          w.requests.cend(),
                                          [](const RequestType &t) {
                                              return t.requestKb || t.responseKb;
                                          });
        for (const RequestType &given : w.requests) {
            const RequestType t = Format::filled(given);
            spec.workload.requests.push_back({t.name.toStdString(), *t.weight});
            if (payloads)
                spec.workload.payloads.push_back({toSim(t.requestKb), toSim(t.responseKb)});
        }

        // Indices in the Spec are those of the scenario: every component compiles to one.
        for (const Component &c : m_s.components)
            spec.components.push_back(component(c));

        for (const Fault &f : m_s.faults)
            spec.faults.push_back(fault(Format::filled(f), spec.durationS));
        return spec;
    }

private:
    int target(const QString &id) const { return m_index.value(id, -1); }

    static void arrivals(const Arrivals &a, Sim::Workload &out)
    {
        out.arrivals = Format::valueOf(Format::arrivalWords(), a.kind, Sim::ArrivalKind::Poisson);
        switch (out.arrivals) {
        case Sim::ArrivalKind::Poisson:
        case Sim::ArrivalKind::Constant:
            out.ratePerS = a.ratePerS.value_or(0);
            break;
        case Sim::ArrivalKind::Ramp:
            out.rampFrom = a.from.value_or(0);
            out.rampTo = a.to.value_or(0);
            out.rampOverS = a.overS.value_or(0);
            out.rampStartS = *a.startS;
            // The engine reads ratePerS only for poisson, constant and spike arrivals; the
            // other kinds carry their long-run mean there (positive, as checkSpec wants).
            out.ratePerS = (out.rampFrom + out.rampTo) / 2;
            break;
        case Sim::ArrivalKind::Spike:
            out.ratePerS = a.ratePerS.value_or(0);
            out.spikePeak = a.peak.value_or(0);
            out.spikeAtS = a.atS.value_or(0);
            out.spikeLengthS = a.lengthS.value_or(0);
            break;
        case Sim::ArrivalKind::Bursty:
            out.burstLowRate = a.lowRate.value_or(0);
            out.burstHighRate = a.highRate.value_or(0);
            out.burstLowMeanS = a.lowMeanS.value_or(0);
            out.burstHighMeanS = a.highMeanS.value_or(0);
            // The chain spends lowMean / (lowMean + highMean) of the time in the low state.
            out.ratePerS = (out.burstLowRate * out.burstLowMeanS
                            + out.burstHighRate * out.burstHighMeanS)
                           / (out.burstLowMeanS + out.burstHighMeanS);
            break;
        case Sim::ArrivalKind::Diurnal:
            out.diurnalMean = a.mean.value_or(0);
            out.diurnalAmplitude = a.amplitude.value_or(0);
            out.diurnalPeriodS = *a.periodS;
            out.diurnalPeakAtS = *a.peakAtS;
            out.ratePerS = out.diurnalMean;
            break;
        }
    }

    Sim::Fault fault(const Fault &f, double durationS) const
    {
        Sim::Fault out;
        out.kind = Format::valueOf(Format::faultWords(), f.kind, Sim::Fault::Kind::KillInstance);
        out.target = target(f.target);
        out.atS = f.atS.value_or(0);
        if (out.kind != Sim::Fault::Kind::KillInstance) {
            // Without until_s the window lasts to the end of the run. A fault that starts
            // after the end (a warning only) gets an empty window, which checkSpec accepts.
            out.untilS = f.untilS.value_or(std::max(durationS, out.atS));
        }
        out.count = *f.count;
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
        case ComponentKind::Service:
            service(c.service, out);
            break;
        case ComponentKind::LoadBalancer: {
            const LoadBalancer lb = Format::filled(c.loadBalancer);
            out.kind = Sim::ComponentKind::LoadBalancer;
            out.policy = Format::valueOf(Format::balancingWords(),
                                         lb.policy,
                                         Sim::Balancing::RoundRobin);
            out.latency = toSim(lb.latencyMs);
            for (const QString &t : lb.targets)
                out.targets.push_back(target(t));
            break;
        }
        case ComponentKind::Gateway: {
            const Gateway g = Format::filled(c.gateway);
            out.kind = Sim::ComponentKind::Gateway;
            out.latency = toSim(g.latencyMs);
            for (const Route &r : g.routes) {
                Sim::RouteTable table;
                table.request = r.request.toStdString();
                for (const RouteTarget &given : r.targets) {
                    const RouteTarget t = Format::filled(given);
                    table.routes.push_back({target(t.target), *t.weight});
                }
                out.routes.push_back(std::move(table));
            }
            break;
        }
        case ComponentKind::Database: {
            const Database d = Format::filled(c.database);
            out.kind = Sim::ComponentKind::Database;
            out.maxConnections = *d.maxConnections;
            for (const Query &q : d.queries)
                out.queries.push_back({q.name.toStdString(), toSim(q.duration)});
            break;
        }
        case ComponentKind::External: {
            const External e = Format::filled(c.external);
            out.kind = Sim::ComponentKind::External;
            out.latency = toSim(e.latencyMs);
            out.errorRate = *e.errorRate;
            break;
        }
        case ComponentKind::Cache:
            cache(c.cache, out);
            break;
        case ComponentKind::Queue:
            queue(c.queue, out);
            break;
        case ComponentKind::Unknown:
            break; // refused by validateScenario
        }
        return out;
    }

    static void cache(const Cache &given, Sim::Component &out)
    {
        const Cache c = Format::filled(given);
        out.kind = Sim::ComponentKind::Cache;
        const bool memcached = Format::valueOf(Format::cacheEngineWords(), c.engine, 0) == 1;
        out.capacityKeys = static_cast<std::uint64_t>(c.capacityKeys.value_or(1));
        // without an eviction word, the engine's own: Redis samples, Memcached segments
        out.eviction = Format::valueOf(Format::evictionWords(),
                                       c.eviction,
                                       memcached ? Sim::EvictionPolicy::SegmentedLru
                                                 : Sim::EvictionPolicy::ApproxLru);
        out.evictionSamples = *c.samples;
        out.ttlS = *c.ttlS;
        out.ttlJitter = *c.ttlJitter;
        out.hitLatency = toSim(c.hitMs);
        out.missLatency = toSim(c.missMs);
        out.stampede = Format::valueOf(Format::stampedeWords(),
                                       c.stampede,
                                       Sim::StampedeProtection::None);
        out.commandThreads = c.threads.value_or(memcached ? kMemcachedThreads : kRedisThreads);
        out.commandCpu = toSim(c.commandMs);
    }

    void queue(const Queue &given, Sim::Component &out) const
    {
        const Queue q = Format::filled(given);
        out.kind = Sim::ComponentKind::Queue;
        out.durable = *q.durable;
        out.publishLatency = toSim(q.publishMs,
                                   out.durable ? kDurablePublishMs : kTransientPublishMs);
        out.deliveryLatency = toSim(q.deliveryMs);
        out.maxLength = q.maxLength.value_or(-1);
        out.overflow = Format::valueOf(Format::overflowWords(),
                                       q.overflow,
                                       Sim::Overflow::RejectPublish);
        out.exchange = Format::valueOf(Format::exchangeWords(), q.exchange, Sim::Exchange::Direct);
        out.deadLetter = q.deadLetter.isEmpty() ? -1 : target(q.deadLetter);
        out.messageTtlMs = q.messageTtlMs.value_or(0);
        for (const Consumer &entry : q.consumers) {
            const Consumer c = Format::filled(entry);
            out.consumers.push_back({target(c.service), *c.count, *c.prefetch, *c.requeue});
        }
    }

    void service(const Service &given, Sim::Component &out) const
    {
        const Service s = Format::filled(given);
        out.kind = Sim::ComponentKind::Service;
        out.replicas = *s.replicas;
        out.cpuCores = *s.cpuCores;
        const Concurrency c = Format::filled(s.concurrency.value_or(Concurrency()));
        out.concurrency = Format::valueOf(Format::concurrencyWords(),
                                          c.model,
                                          Sim::ConcurrencyModel::ThreadPool);
        out.threads = *c.threads;
        out.queueLimit = *c.queueLimit;
        out.workers = *c.workers;
        out.workerThreads = *c.workerThreads;
        out.balancing = Format::valueOf(Format::balancingWords(),
                                        s.balancing,
                                        Sim::Balancing::RoundRobin);
        if (s.autoscaling) {
            const Autoscaling a = Format::filled(*s.autoscaling);
            Sim::Autoscaling &as = out.autoscaling;
            as.enabled = true;
            as.minReplicas = *a.min;
            // max is required; a scenario that left it out did not validate
            as.maxReplicas = a.max.value_or(as.minReplicas);
            as.targetUtilization = *a.targetCpu;
            as.intervalS = *a.intervalS;
            as.scaleUpStabilizationS = *a.scaleUpStabilizationS;
            as.scaleDownStabilizationS = *a.scaleDownStabilizationS;
            as.tolerance = *a.tolerance;
            // Without "replicas" an autoscaled service starts at its minimum (the engine
            // clamps the starting count into [min, max]).
            if (!given.replicas)
                out.replicas = as.minReplicas;
        }
        out.startupS = *s.startupS;
        out.memoryMb = *s.memoryMb;
        out.memoryBaseMb = *s.memoryBaseMb;
        out.memoryPerRequestMb = *s.memoryPerRequestMb;
        out.restart = Format::valueOf(Format::restartWords(),
                                      s.restart,
                                      Sim::RestartPolicy::Always);
        out.restartBackoffS = *s.restartBackoffS;
        out.restartBackoffMaxS = *s.restartBackoffMaxS;
        if (s.healthCheck) {
            const HealthCheck h = Format::filled(*s.healthCheck);
            out.healthCheck.enabled = true;
            out.healthCheck.intervalS = *h.intervalS;
            out.healthCheck.failureThreshold = *h.failures;
        }
        if (s.compression) {
            const Compression z = Format::filled(*s.compression);
            out.compression.enabled = true;
            out.compression.ratio = z.ratio.value_or(1);
            out.compression.cpuMsPerKb = z.cpuMsPerKb.value_or(0);
        }
        for (const PoolLimit &p : s.pools)
            out.pools.push_back({target(p.target), p.size});
        for (const Handler &h : s.handlers)
            out.handlers.push_back({h.request.toStdString(), steps(h.steps)});
    }

    /**
     * The network a call step crosses: its own "network" (fields left out take the
     * scenario's), else the scenario's, which applies to every call but those to a database,
     * whose query times already include the round trip (docs/scenario-format.md, "Network").
     */
    Sim::Network network(const std::optional<Network> &own, int targetIndex) const
    {
        if (!own
            && (!m_s.network || targetIndex < 0
                || m_s.components.at(targetIndex).kind == ComponentKind::Database))
            return {};
        Network n = own ? *own : *m_s.network;
        if (own && m_s.network) {
            if (!n.latencyMs)
                n.latencyMs = m_s.network->latencyMs;
            if (!n.bandwidthMbps)
                n.bandwidthMbps = m_s.network->bandwidthMbps;
        }
        n = Format::filled(n);
        Sim::Network out;
        out.enabled = true;
        out.latency = toSim(n.latencyMs);
        out.bandwidthMbps = n.bandwidthMbps.value_or(0); // none: unlimited
        return out;
    }

    std::vector<Sim::Step> steps(const Steps &list) const
    {
        std::vector<Sim::Step> out;
        out.reserve(list.size());
        for (const Step &given : list) {
            if (given.kind == Step::Kind::Unknown)
                continue; // refused by validateScenario
            const Step s = Format::filled(given, Format::stepFields(given.kind));
            Sim::Step step;
            switch (s.kind) {
            case Step::Kind::Cpu:
                step.kind = Sim::Step::Kind::Cpu;
                step.duration = toSim(s.duration);
                step.offload = *s.offload;
                break;
            case Step::Kind::Io:
                step.kind = Sim::Step::Kind::Io;
                step.duration = toSim(s.duration);
                break;
            case Step::Kind::Call:
                step.kind = Sim::Step::Kind::Call;
                step.target = target(s.target);
                step.request = s.request.toStdString();
                step.timeoutMs = s.timeoutMs.value_or(0); // none
                step.retries = *s.retries;
                step.backoffMs = *s.backoffMs;
                step.backoffMultiplier = *s.multiplier;
                step.backoffMaxMs = *s.maxBackoffMs;
                step.jitter = *s.jitter;
                step.retryBudget = *s.retryBudget;
                if (s.circuitBreaker) {
                    const CircuitBreaker b = Format::filled(*s.circuitBreaker);
                    step.breaker.enabled = true;
                    step.breaker.failureRate = *b.failureRate;
                    step.breaker.minimumCalls = *b.minimumCalls;
                    step.breaker.window = *b.window;
                    step.breaker.openS = *b.openS;
                    step.breaker.halfOpenCalls = *b.halfOpenCalls;
                }
                step.bulkhead = *s.bulkhead;
                step.network = network(s.network, step.target);
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
                step.zipf = *s.zipf;
                step.steps = steps(s.steps);
                break;
            case Step::Kind::Publish:
                step.kind = Sim::Step::Kind::Publish;
                step.target = target(s.target);
                step.request = s.message.toStdString(); // empty: the current request's name
                break;
            case Step::Kind::Unknown:
                break;
            }
            out.push_back(std::move(step));
        }
        return out;
    }

    const Scenario &m_s;
    QHash<QString, int> m_index;
};

} // namespace

namespace {

/** 1234567 -> "1,234,567"; under 100 with up to 3 significant digits. */
QString rateText(double perS)
{
    if (perS < 100)
        return QString::number(perS, 'g', 3);
    const double scale = std::pow(10.0, std::floor(std::log10(perS)) - 2);
    return QLocale(QLocale::English).toString(std::round(perS / scale) * scale, 'f', 0);
}

} // namespace

QString Overload::message() const
{
    return QStringLiteral("'%1' is offered about %2 requests/s but can serve about %3/s "
                          "(limited by its %4), and what it cannot serve waits without a "
                          "limit: its backlog grows for as long as the run lasts, until the "
                          "memory budget stops the run")
        .arg(id, rateText(offeredPerS), rateText(capacityPerS), limit);
}

QString Overload::hint(const Scenario &scenario) const
{
    const Component *c = index >= 0 && index < scenario.components.size()
                             ? &scenario.components.at(index)
                             : nullptr;
    QString bound;
    if (c && c->kind == ComponentKind::Queue)
        bound = QStringLiteral("set max_length with an overflow policy");
    else if (c && c->kind == ComponentKind::Service
             && (!c->service.concurrency
                 || c->service.concurrency->model != QLatin1String("event_loop")))
        bound = QStringLiteral("set a queue_limit (excess requests are rejected)");
    else
        bound = QStringLiteral("put a bounded thread_pool service with a queue_limit in front");
    return QStringLiteral("Give %1 more capacity (replicas, cores, threads, connections), "
                          "lower the offered load, or %2.")
        .arg(QLatin1Char('\'') + id + QLatin1Char('\''), bound);
}

QList<Overload> overloadedUnbounded(const Scenario &scenario)
{
    // validateScenario ends with overloadsOfValid when there is no error; its warnings carry
    // the same findings, but a caller may want them as data
    if (hasErrors(validateScenario(scenario)))
        return {};
    return overloadsOfValid(scenario);
}

QList<Overload> overloadsOfValid(const Scenario &scenario)
{
    QList<Overload> out;
    const Sim::Spec spec = Compiler(scenario).compile();
    if (!Sim::checkSpec(spec).empty())
        return out;
    const std::vector<Sim::ComponentLoad> load = Sim::estimateLoad(spec);
    for (std::size_t i = 0; i < load.size() && i < std::size_t(scenario.components.size()); ++i) {
        const Sim::ComponentLoad &l = load[i];
        if (!l.overloaded() || !l.unboundedQueue)
            continue;
        Overload o;
        o.index = static_cast<int>(i);
        o.id = scenario.components.at(static_cast<qsizetype>(i)).id;
        o.offeredPerS = l.arrivalsPerS;
        o.capacityPerS = l.capacityPerS;
        o.limit = QString::fromStdString(l.limit);
        out.append(o);
    }
    return out;
}

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
        out.problems.append({Problem::Severity::Error,
                             JsonPath::root(),
                             QStringLiteral("the engine refuses this scenario: %1 (please report "
                                            "this: the validator should have caught it)")
                                 .arg(QString::fromStdString(message)),
                             0,
                             0});
    }
    if (hasErrors(out.problems))
        out.spec = Sim::Spec();
    return out;
}

} // namespace Model
