// SPDX-License-Identifier: GPL-3.0-or-later
#include "Spec.h"

#include "KindTraits.h"

#include <cmath>
#include <functional>
#include <set>

namespace Sim {

const char *componentKindName(ComponentKind k)
{
    return kindTraits(k).word;
}

namespace {

bool finiteNonNegative(double v)
{
    return std::isfinite(v) && v >= 0;
}

void checkDistribution(const Distribution &d,
                       const std::string &where,
                       std::vector<std::string> &out)
{
    bool ok = finiteNonNegative(d.a) && finiteNonNegative(d.b);
    if (d.kind == Distribution::Kind::Uniform && d.b < d.a)
        ok = false;
    if (d.kind == Distribution::Kind::Erlang && (d.k < 1 || d.k > 1000))
        ok = false;
    if (!ok)
        out.push_back(where + ": invalid distribution parameters");
}

} // namespace

std::vector<std::string> checkSpec(const Spec &spec)
{
    std::vector<std::string> out;
    const int n = static_cast<int>(spec.components.size());
    auto validIndex = [n](int i) { return i >= 0 && i < n; };
    if (!(std::isfinite(spec.durationS) && spec.durationS > 0 && spec.durationS < 1e8))
        out.push_back("duration must be positive and below 1e8 s");
    if (!(std::isfinite(spec.warmupS) && spec.warmupS >= 0 && spec.warmupS < spec.durationS))
        out.push_back("warm-up must be at least 0 and shorter than the duration");
    if (!(std::isfinite(spec.bucketS) && spec.bucketS >= 0 && spec.bucketS <= spec.durationS))
        out.push_back("bucket must be positive and at most the duration");
    else if (spec.bucketS > 0 && spec.durationS / spec.bucketS > 1e6)
        out.push_back("more than 1e6 series buckets: choose a larger bucket");
    if (spec.replications < 1 || spec.replications > 10000)
        out.push_back("replications must be between 1 and 10000");
    if (!(std::isfinite(spec.maxMemoryMb) && spec.maxMemoryMb >= 0 && spec.maxMemoryMb <= 1e9))
        out.push_back("max_memory_mb must be at least 0 (0: the default) and at most 1e9");
    if (!validIndex(spec.workload.entry))
        out.push_back("workload entry is not a component");
    if (!(std::isfinite(spec.workload.ratePerS) && spec.workload.ratePerS > 0
          && spec.workload.ratePerS <= 1e9))
        out.push_back("workload rate must be positive (and at most 1e9/s)");
    const Workload &w = spec.workload;
    auto rateOk = [](double r) { return std::isfinite(r) && r >= 0 && r <= 1e9; };
    switch (w.arrivals) {
    case ArrivalKind::Ramp:
        if (!rateOk(w.rampFrom) || !rateOk(w.rampTo) || std::max(w.rampFrom, w.rampTo) <= 0)
            out.push_back("ramp rates must be at least 0, one of them positive");
        if (!(std::isfinite(w.rampOverS) && w.rampOverS > 0)
            || !(std::isfinite(w.rampStartS) && w.rampStartS >= 0))
            out.push_back("ramp 'over' must be positive and 'start' at least 0");
        break;
    case ArrivalKind::Spike:
        if (!rateOk(w.spikePeak) || !(w.spikeAtS >= 0) || !(w.spikeLengthS >= 0)
            || !std::isfinite(w.spikeAtS + w.spikeLengthS))
            out.push_back("spike peak, at and length must be at least 0");
        break;
    case ArrivalKind::Bursty:
        if (!rateOk(w.burstLowRate) || !rateOk(w.burstHighRate) || !(w.burstLowMeanS > 0)
            || !(w.burstHighMeanS > 0) || !std::isfinite(w.burstLowMeanS + w.burstHighMeanS))
            out.push_back("bursty rates must be at least 0 and mean durations positive");
        break;
    case ArrivalKind::Diurnal:
        if (!rateOk(w.diurnalMean) || w.diurnalMean <= 0
            || !(w.diurnalAmplitude >= 0 && w.diurnalAmplitude <= 1)
            || !(std::isfinite(w.diurnalPeriodS) && w.diurnalPeriodS > 0)
            || !std::isfinite(w.diurnalPeakAtS))
            out.push_back(
                "diurnal mean must be positive, amplitude within [0, 1], period positive");
        break;
    case ArrivalKind::Poisson:
    case ArrivalKind::Constant:
        break;
    }
    for (std::size_t i = 0; i < spec.faults.size(); ++i) {
        const Fault &f = spec.faults[i];
        const std::string where = "fault " + std::to_string(i);
        if (!validIndex(f.target))
            out.push_back(where + ": target is not a component");
        if (!(std::isfinite(f.atS) && f.atS >= 0))
            out.push_back(where + ": at_s must be at least 0");
        if (f.kind != Fault::Kind::KillInstance && !(std::isfinite(f.untilS) && f.untilS >= f.atS))
            out.push_back(where + ": until_s must not be before at_s");
        if (f.kind == Fault::Kind::KillInstance && f.count < 1)
            out.push_back(where + ": count must be at least 1");
        if (f.kind == Fault::Kind::Errors && !(f.errorRate >= 0 && f.errorRate <= 1))
            out.push_back(where + ": error_rate must be within [0, 1]");
        if (f.kind == Fault::Kind::Latency)
            checkDistribution(f.latency, where + ".latency_ms", out);
    }
    if (spec.workload.requests.empty())
        out.push_back("workload has no request types");
    for (const RequestType &t : spec.workload.requests) {
        if (!(std::isfinite(t.weight) && t.weight > 0))
            out.push_back("request type " + t.name + ": weight must be positive");
    }

    if (spec.workload.payloads.size() > spec.workload.requests.size())
        out.push_back("more payloads than request types");
    for (const Payload &p : spec.workload.payloads) {
        checkDistribution(p.requestKb, "request_kb", out);
        checkDistribution(p.responseKb, "response_kb", out);
    }

    std::function<void(const std::vector<Step> &, const std::string &, int)> checkSteps;
    checkSteps = [&](const std::vector<Step> &steps, const std::string &where, int depth) {
        if (depth > 64) {
            out.push_back(where + ": steps nested too deeply");
            return;
        }
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const std::string w = where + "[" + std::to_string(i) + "]";
            switch (s.kind) {
            case Step::Kind::Cpu:
            case Step::Kind::Io:
                checkDistribution(s.duration, w, out);
                break;
            case Step::Kind::Call:
                if (!validIndex(s.target))
                    out.push_back(w + ": call target is not a component");
                if (!(std::isfinite(s.backoffMs) && s.backoffMs >= 0
                      && std::isfinite(s.backoffMultiplier) && s.backoffMultiplier >= 1
                      && s.backoffMultiplier <= 100 && s.backoffMaxMs >= 0))
                    out.push_back(
                        w + ": backoff must be at least 0 and its multiplier within [1, 100]");
                if (!(s.jitter >= 0 && s.jitter <= 1))
                    out.push_back(w + ": jitter must be within [0, 1]");
                if (!(std::isfinite(s.retryBudget) && s.retryBudget >= 0 && s.retryBudget <= 100))
                    out.push_back(w + ": retry budget must be within [0, 100]");
                if (s.bulkhead < 0)
                    out.push_back(w + ": bulkhead must be at least 0");
                if (s.breaker.enabled
                    && (!(s.breaker.failureRate > 0 && s.breaker.failureRate <= 1)
                        || s.breaker.minimumCalls < 1 || s.breaker.window < 1
                        || s.breaker.window > 1000000
                        || !(std::isfinite(s.breaker.openS) && s.breaker.openS >= 0)
                        || s.breaker.halfOpenCalls < 1))
                    out.push_back(w + ": circuit breaker settings out of range");
                if (s.network.enabled) {
                    checkDistribution(s.network.latency, w + ".network.latency_ms", out);
                    if (!(std::isfinite(s.network.bandwidthMbps) && s.network.bandwidthMbps >= 0))
                        out.push_back(w + ": network bandwidth must be at least 0 (0: unlimited)");
                }
                checkSteps(s.fallback, w + ".fallback", depth + 1);
                if (!(std::isfinite(s.timeoutMs) && s.timeoutMs >= 0))
                    out.push_back(w + ": timeout must be at least 0");
                if (s.retries < 0 || s.retries > 100)
                    out.push_back(w + ": retries must be between 0 and 100");
                break;
            case Step::Kind::Parallel:
                checkSteps(s.steps, w + ".parallel", depth + 1);
                break;
            case Step::Kind::Probability:
                if (!(s.probability >= 0 && s.probability <= 1))
                    out.push_back(w + ": probability must be within [0, 1]");
                checkSteps(s.steps, w + ".steps", depth + 1);
                break;
            case Step::Kind::Cache:
                if (!validIndex(s.target)
                    || spec.components[static_cast<std::size_t>(s.target)].kind
                           != ComponentKind::Cache)
                    out.push_back(w + ": cache step target is not a cache");
                if (s.keys < 1 || s.keys > (1ull << 40))
                    out.push_back(w + ": keys must be between 1 and 2^40");
                if (!(std::isfinite(s.zipf) && s.zipf >= 0 && s.zipf <= 10))
                    out.push_back(w + ": zipf must be within [0, 10]");
                checkSteps(s.steps, w + ".on_miss", depth + 1);
                break;
            case Step::Kind::Publish:
                if (!validIndex(s.target)
                    || spec.components[static_cast<std::size_t>(s.target)].kind
                           != ComponentKind::Queue)
                    out.push_back(w + ": publish target is not a queue");
                break;
            }
        }
    };

    for (int i = 0; i < n; ++i) {
        const Component &c = spec.components[static_cast<std::size_t>(i)];
        const std::string where = "component " + c.id;
        switch (c.kind) {
        case ComponentKind::Service:
            if (c.replicas < 1 || c.replicas > 100000)
                out.push_back(where + ": replicas must be between 1 and 100000");
            if (!(std::isfinite(c.cpuCores) && c.cpuCores > 0 && c.cpuCores <= 1e6))
                out.push_back(where + ": cpu_cores must be positive");
            if (c.threads < 1)
                out.push_back(where + ": threads must be at least 1");
            if (c.queueLimit < 0)
                out.push_back(where + ": queue_limit must be at least 0");
            if (c.workers < 1 || c.workers > 100000)
                out.push_back(where + ": workers must be between 1 and 100000");
            if (c.workerThreads < 1)
                out.push_back(where + ": worker_threads must be at least 1");
            if (c.autoscaling.enabled
                && (c.autoscaling.minReplicas < 1
                    || c.autoscaling.maxReplicas < c.autoscaling.minReplicas
                    || c.autoscaling.maxReplicas > 100000
                    || !(c.autoscaling.targetUtilization > 0
                         && c.autoscaling.targetUtilization <= 1)
                    || !(c.autoscaling.intervalS > 0) || !(c.autoscaling.scaleUpStabilizationS >= 0)
                    || !(c.autoscaling.scaleDownStabilizationS >= 0)
                    || !(c.autoscaling.tolerance >= 0)))
                out.push_back(where + ": autoscaling settings out of range");
            if (!(std::isfinite(c.startupS) && c.startupS >= 0) || !(c.memoryMb >= 0)
                || !(c.memoryBaseMb >= 0) || !(c.memoryPerRequestMb >= 0)
                || !(c.restartBackoffS >= 0) || !(c.restartBackoffMaxS >= 0))
                out.push_back(where + ": startup, memory and restart back-off must be at least 0");
            if (c.healthCheck.enabled
                && (!(c.healthCheck.intervalS > 0) || c.healthCheck.failureThreshold < 1))
                out.push_back(
                    where
                    + ": health check interval must be positive and its threshold at least 1");
            if (c.compression.enabled
                && (!(std::isfinite(c.compression.ratio) && c.compression.ratio >= 1)
                    || !(std::isfinite(c.compression.cpuMsPerKb) && c.compression.cpuMsPerKb >= 0)))
                out.push_back(where
                              + ": compression ratio must be at least 1 and its CPU at least 0");
            for (const Pool &p : c.pools) {
                if (!validIndex(p.target))
                    out.push_back(where + ": pool target is not a component");
                if (p.size < 1)
                    out.push_back(where + ": pool size must be at least 1");
            }
            for (const Handler &h : c.handlers)
                checkSteps(h.steps, where + ".handlers." + h.request, 0);
            break;
        case ComponentKind::LoadBalancer:
            if (c.targets.empty())
                out.push_back(where + ": a load balancer needs at least one target");
            for (int t : c.targets) {
                if (!validIndex(t))
                    out.push_back(where + ": target is not a component");
            }
            checkDistribution(c.latency, where + ".latency_ms", out);
            break;
        case ComponentKind::Gateway:
            for (const RouteTable &rt : c.routes) {
                double sum = 0;
                if (rt.routes.empty())
                    out.push_back(where + ": route " + rt.request + " has no targets");
                for (const Route &r : rt.routes) {
                    if (!validIndex(r.target))
                        out.push_back(where + ": route target is not a component");
                    if (!(std::isfinite(r.weight) && r.weight > 0))
                        out.push_back(where + ": route weights must be positive");
                    sum += r.weight;
                }
                (void) sum;
            }
            checkDistribution(c.latency, where + ".latency_ms", out);
            break;
        case ComponentKind::Database:
            if (c.maxConnections < 1)
                out.push_back(where + ": max_connections must be at least 1");
            for (const Query &q : c.queries)
                checkDistribution(q.duration, where + ".queries." + q.name, out);
            break;
        case ComponentKind::External:
            checkDistribution(c.latency, where + ".latency_ms", out);
            if (!(c.errorRate >= 0 && c.errorRate <= 1))
                out.push_back(where + ": error_rate must be within [0, 1]");
            break;
        case ComponentKind::Cache:
            if (c.capacityKeys > (1ull << 32))
                out.push_back(where + ": capacity_keys must be at most 2^32");
            if (c.evictionSamples < 1 || c.evictionSamples > 1000)
                out.push_back(where + ": samples must be between 1 and 1000");
            if (!(std::isfinite(c.ttlS) && c.ttlS >= 0))
                out.push_back(where + ": ttl_s must be at least 0");
            if (!(c.ttlJitter >= 0 && c.ttlJitter <= 1))
                out.push_back(where + ": ttl_jitter must be within [0, 1]");
            if (c.commandThreads < 1 || c.commandThreads > 1024)
                out.push_back(where + ": threads must be between 1 and 1024");
            checkDistribution(c.hitLatency, where + ".hit_ms", out);
            checkDistribution(c.missLatency, where + ".miss_ms", out);
            checkDistribution(c.commandCpu, where + ".command_ms", out);
            break;
        case ComponentKind::Queue:
            checkDistribution(c.publishLatency, where + ".publish_ms", out);
            checkDistribution(c.deliveryLatency, where + ".delivery_ms", out);
            for (const Consumer &k : c.consumers) {
                if (!validIndex(k.service)
                    || spec.components[static_cast<std::size_t>(k.service)].kind
                           != ComponentKind::Service)
                    out.push_back(where + ": a consumer is not a service");
                if (k.count < 1 || k.count > 100000)
                    out.push_back(where + ": consumer count must be between 1 and 100000");
                if (k.prefetch < 1 || k.prefetch > 1000000)
                    out.push_back(where + ": prefetch must be between 1 and 1000000");
            }
            if (c.deadLetter != -1
                && (!validIndex(c.deadLetter)
                    || spec.components[static_cast<std::size_t>(c.deadLetter)].kind
                           != ComponentKind::Queue))
                out.push_back(where + ": dead_letter is not a queue");
            if (!(std::isfinite(c.messageTtlMs) && c.messageTtlMs >= 0 && c.messageTtlMs <= 1e9))
                out.push_back(where + ": message_ttl_ms must be from 0 to 1e9");
            break;
        }
    }
    // A synchronous call cycle would recurse without end; model/ reports it with paths,
    // this guards hand-built specs. Edges: calls, LB targets, gateway routes.
    std::vector<std::set<int>> edges(static_cast<std::size_t>(n));
    std::function<void(int, const std::vector<Step> &)> collect =
        [&](int from, const std::vector<Step> &steps) {
            for (const Step &s : steps) {
                if (s.kind == Step::Kind::Call && validIndex(s.target))
                    edges[static_cast<std::size_t>(from)].insert(s.target);
                collect(from, s.steps);
            }
        };
    for (int i = 0; i < n; ++i) {
        const Component &c = spec.components[static_cast<std::size_t>(i)];
        for (const Handler &h : c.handlers)
            collect(i, h.steps);
        for (int t : c.targets) {
            if (validIndex(t))
                edges[static_cast<std::size_t>(i)].insert(t);
        }
        for (const RouteTable &rt : c.routes) {
            for (const Route &r : rt.routes) {
                if (validIndex(r.target))
                    edges[static_cast<std::size_t>(i)].insert(r.target);
            }
        }
    }
    std::vector<int> state(static_cast<std::size_t>(n), 0);
    bool cycle = false;
    std::function<void(int)> visit = [&](int v) {
        state[static_cast<std::size_t>(v)] = 1;
        for (int w : edges[static_cast<std::size_t>(v)]) {
            if (state[static_cast<std::size_t>(w)] == 1)
                cycle = true;
            else if (state[static_cast<std::size_t>(w)] == 0)
                visit(w);
        }
        state[static_cast<std::size_t>(v)] = 2;
    };
    for (int i = 0; i < n && !cycle; ++i) {
        if (state[static_cast<std::size_t>(i)] == 0)
            visit(i);
    }
    if (cycle)
        out.push_back("the synchronous calls form a cycle");
    return out;
}

} // namespace Sim
