// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoadEstimate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace Sim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxDepth = 32; // deeper nesting (or a cycle through queues) adds nothing more
// Paths are followed one by one: a topology that fans out at every level has exponentially
// many. Past this many steps followed the estimate gives up (no component is then called
// overloaded), so that validation stays quick on any input.
constexpr std::uint64_t kMaxWork = 2'000'000;

double seconds(const Distribution &d)
{
    return std::max(0.0, d.mean()) / 1000.0;
}

/** Per-visit means of one handler's steps, in seconds (a lower bound of its latency). */
struct Times
{
    double cpu = 0;     ///< on the cores (thread pool), on the loop (event loop)
    double offload = 0; ///< event loop: on the offload pool
    double total = 0;   ///< latency without queueing: what a thread is held for
};

class Estimator
{
public:
    explicit Estimator(const Spec &spec)
        : m_spec(spec)
        , m_load(spec.components.size())
        , m_cpu(spec.components.size(), 0)
        , m_offload(spec.components.size(), 0)
        , m_hold(spec.components.size(), 0)
        , m_fromQueue(spec.components.size(), 0)
    {}

    std::vector<ComponentLoad> run()
    {
        const Workload &w = m_spec.workload;
        const double rate = sustainedArrivalRate(w, m_spec.durationS);
        double weights = 0;
        for (const RequestType &t : w.requests)
            weights += std::max(0.0, t.weight);
        for (const RequestType &t : w.requests) {
            if (weights > 0 && t.weight > 0)
                visit(w.entry, t.name, rate * t.weight / weights, 0);
        }
        if (m_work > kMaxWork) {
            // gave up: no estimate at all rather than a partial one
            std::vector<ComponentLoad> none(m_load.size());
            for (ComponentLoad &l : none)
                l.capacityPerS = kInf;
            return none;
        }
        // services first: a queue's capacity depends on its consumers'
        for (const bool queues : {false, true}) {
            for (std::size_t i = 0; i < m_spec.components.size(); ++i) {
                if ((m_spec.components[i].kind == ComponentKind::Queue) == queues)
                    capacity(static_cast<int>(i));
            }
        }
        return m_load;
    }

private:
    bool valid(int i) const { return i >= 0 && static_cast<std::size_t>(i) < m_load.size(); }

    const Handler *handler(const Component &c, const std::string &name) const
    {
        for (const Handler &h : c.handlers) {
            if (h.request == name)
                return &h;
        }
        return nullptr;
    }

    static double missRatio(const Component &cache, const Step &s)
    {
        if (s.keys <= cache.capacityKeys || s.keys == 0)
            return 0;
        return 1.0 - static_cast<double>(cache.capacityKeys) / static_cast<double>(s.keys);
    }

    /** Mean latency of a visit without queueing, in seconds. */
    double visitTime(int i, const std::string &name, int depth) const
    {
        if (!valid(i) || depth > kMaxDepth || ++m_work > kMaxWork)
            return 0;
        const Component &c = m_spec.components[static_cast<std::size_t>(i)];
        switch (c.kind) {
        case ComponentKind::Service: {
            const Handler *h = handler(c, name);
            return h ? times(h->steps, depth).total : 0;
        }
        case ComponentKind::LoadBalancer: {
            double sum = 0;
            for (int t : c.targets)
                sum += visitTime(t, name, depth + 1);
            return seconds(c.latency) + (c.targets.empty() ? 0 : sum / double(c.targets.size()));
        }
        case ComponentKind::Gateway: {
            double sum = 0, weights = 0;
            if (const RouteTable *table = route(c, name)) {
                for (const Route &r : table->routes) {
                    sum += r.weight * visitTime(r.target, name, depth + 1);
                    weights += r.weight;
                }
            }
            return seconds(c.latency) + (weights > 0 ? sum / weights : 0);
        }
        case ComponentKind::External:
            return seconds(c.latency);
        case ComponentKind::Database:
            return queryTime(c, name);
        case ComponentKind::Cache:
            return seconds(c.commandCpu);
        case ComponentKind::Queue:
            return seconds(c.publishLatency);
        }
        return 0;
    }

    static double queryTime(const Component &db, const std::string &name)
    {
        const Query *fallback = nullptr;
        for (const Query &q : db.queries) {
            if (q.name == name)
                return seconds(q.duration);
            if (q.name == "*")
                fallback = &q;
        }
        return fallback ? seconds(fallback->duration) : 0;
    }

    static const RouteTable *route(const Component &gateway, const std::string &name)
    {
        const RouteTable *fallback = nullptr;
        for (const RouteTable &t : gateway.routes) {
            if (t.request == name)
                return &t;
            if (t.request == "*")
                fallback = &t;
        }
        return fallback;
    }

    Times times(const std::vector<Step> &steps, int depth) const
    {
        Times out;
        if (depth > kMaxDepth)
            return out;
        for (const Step &s : steps) {
            switch (s.kind) {
            case Step::Kind::Cpu:
                (s.offload ? out.offload : out.cpu) += seconds(s.duration);
                out.total += seconds(s.duration);
                break;
            case Step::Kind::Io:
                out.total += seconds(s.duration);
                break;
            case Step::Kind::Call:
                out.total += visitTime(s.target, s.request, depth + 1);
                break;
            case Step::Kind::Parallel: {
                double longest = 0;
                for (const Step &branch : s.steps) {
                    const Times t = times({branch}, depth + 1);
                    out.cpu += t.cpu;
                    out.offload += t.offload;
                    longest = std::max(longest, t.total);
                }
                out.total += longest;
                break;
            }
            case Step::Kind::Probability: {
                const Times t = times(s.steps, depth + 1);
                out.cpu += s.probability * t.cpu;
                out.offload += s.probability * t.offload;
                out.total += s.probability * t.total;
                break;
            }
            case Step::Kind::Cache:
                if (valid(s.target)) {
                    const Component &cache = m_spec.components[std::size_t(s.target)];
                    const double miss = missRatio(cache, s);
                    const Times t = times(s.steps, depth + 1);
                    out.total += (1 - miss) * seconds(cache.hitLatency)
                                 + miss * (seconds(cache.missLatency) + t.total);
                    out.cpu += miss * t.cpu;
                    out.offload += miss * t.offload;
                }
                break;
            case Step::Kind::Publish:
                if (valid(s.target))
                    out.total += seconds(m_spec.components[std::size_t(s.target)].publishLatency);
                break;
            }
        }
        return out;
    }

    /** The mean CPU of compressing a response to `name` at `c`, seconds (0 without). */
    double compressionSeconds(const Component &c, const std::string &name) const
    {
        if (!c.compression.enabled)
            return 0;
        const Workload &w = m_spec.workload;
        for (std::size_t t = 0; t < w.payloads.size() && t < w.requests.size(); ++t) {
            if (w.requests[t].name == name)
                return w.payloads[t].responseKb.mean() * c.compression.cpuMsPerKb / 1000;
        }
        return 0;
    }

    /** `rate` visits per second of `name` reach component i. */
    void visit(int i, const std::string &name, double rate, int depth)
    {
        if (!valid(i) || depth > kMaxDepth || rate <= 0 || ++m_work > kMaxWork)
            return;
        const auto k = static_cast<std::size_t>(i);
        const Component &c = m_spec.components[k];
        m_load[k].arrivalsPerS += rate;
        switch (c.kind) {
        case ComponentKind::Service:
            if (const Handler *h = handler(c, name)) {
                const Times t = times(h->steps, depth);
                // a compressing service's response costs CPU after the handler
                const double compress = compressionSeconds(c, name);
                m_cpu[k] += rate * (t.cpu + compress);
                m_offload[k] += rate * t.offload;
                m_hold[k] += rate * (t.total + compress);
                steps(h->steps, name, rate, depth);
            }
            break;
        case ComponentKind::LoadBalancer:
            for (int t : c.targets)
                visit(t, name, rate / double(c.targets.size()), depth + 1);
            break;
        case ComponentKind::Gateway:
            if (const RouteTable *table = route(c, name)) {
                double weights = 0;
                for (const Route &r : table->routes)
                    weights += std::max(0.0, r.weight);
                for (const Route &r : table->routes) {
                    if (weights > 0 && r.weight > 0)
                        visit(r.target, name, rate * r.weight / weights, depth + 1);
                }
            }
            break;
        case ComponentKind::Database:
            m_hold[k] += rate * queryTime(c, name);
            break;
        case ComponentKind::Cache:
            m_hold[k] += rate * seconds(c.commandCpu);
            break;
        case ComponentKind::Queue: {
            // Channels hold a message from delivery to ack: the consumer's handler time plus
            // the ack's trip. Direct: the channels share the messages (pooled slot-seconds
            // over all slots); fanout: every consumer gets each one (the busiest counts).
            const bool fanout = c.exchange == Exchange::Fanout;
            double slots = 0;
            for (const Consumer &con : c.consumers)
                slots += std::max(0, con.count) * std::max(1, con.prefetch);
            for (const Consumer &con : c.consumers) {
                if (!valid(con.service) || slots <= 0 || con.count <= 0)
                    continue;
                const double mine = double(con.count) * std::max(1, con.prefetch);
                const double share = fanout ? 1.0 : mine / slots;
                const double hold = visitTime(con.service, name, depth + 1)
                                    + seconds(c.deliveryLatency);
                if (fanout)
                    m_hold[k] = std::max(m_hold[k], rate * hold / mine);
                else
                    m_hold[k] += rate * share * hold / slots;
                m_fromQueue[std::size_t(con.service)] += rate * share;
                visit(con.service, name, rate * share, depth + 1);
            }
            break;
        }
        case ComponentKind::External:
            break;
        }
    }

    /** The visits a handler's steps make, at `rate` runs of them per second. */
    void steps(const std::vector<Step> &list, const std::string &name, double rate, int depth)
    {
        if (depth > kMaxDepth)
            return;
        for (const Step &s : list) {
            switch (s.kind) {
            case Step::Kind::Call:
                visit(s.target, s.request.empty() ? name : s.request, rate, depth + 1);
                break;
            case Step::Kind::Parallel:
                for (const Step &branch : s.steps)
                    steps({branch}, name, rate, depth + 1);
                break;
            case Step::Kind::Probability:
                steps(s.steps, name, rate * s.probability, depth + 1);
                break;
            case Step::Kind::Cache:
                if (valid(s.target)) {
                    const Component &cache = m_spec.components[std::size_t(s.target)];
                    visit(s.target, name, rate, depth + 1);
                    steps(s.steps, name, rate * missRatio(cache, s), depth + 1);
                }
                break;
            case Step::Kind::Publish:
                visit(s.target, s.request.empty() ? name : s.request, rate, depth + 1);
                break;
            case Step::Kind::Cpu:
            case Step::Kind::Io:
                break;
            }
        }
    }

    /** Capacity from the rate-weighted mean times of the visits. */
    void capacity(int i)
    {
        const auto k = static_cast<std::size_t>(i);
        const Component &c = m_spec.components[k];
        ComponentLoad &l = m_load[k];
        l.capacityPerS = kInf;
        const double rate = l.arrivalsPerS;
        auto limitBy = [&l, rate](double units, double busyPerS, const char *what) {
            // `units` servers, each busy `busyPerS / rate` seconds per visit
            if (rate <= 0 || busyPerS <= 0)
                return;
            const double cap = units * rate / busyPerS;
            if (cap < l.capacityPerS) {
                l.capacityPerS = cap;
                l.limit = what;
            }
        };
        switch (c.kind) {
        case ComponentKind::Service: {
            // deliveries from queues are bounded by their channels' prefetch: what the
            // service cannot take waits in the queue, not at the service
            const bool direct = rate > m_fromQueue[k] * (1 + 1e-9);
            const double replicas = c.autoscaling.enabled
                                        ? std::max(c.replicas, c.autoscaling.maxReplicas)
                                        : c.replicas;
            const double cores = replicas * c.cpuCores;
            if (c.concurrency == ConcurrencyModel::ThreadPool) {
                limitBy(cores, m_cpu[k] + m_offload[k], "cores");
                limitBy(replicas * c.threads, m_hold[k], "threads");
                l.unboundedQueue = c.queueLimit == std::numeric_limits<int>::max() && direct;
            } else {
                limitBy(cores, m_cpu[k] + m_offload[k], "cores");
                limitBy(replicas * c.workers, m_cpu[k], "event loop");
                limitBy(replicas * c.workers * c.workerThreads, m_offload[k], "offload threads");
                l.unboundedQueue = direct;
            }
            break;
        }
        case ComponentKind::Database:
            limitBy(c.maxConnections, m_hold[k], "connections");
            l.unboundedQueue = true;
            break;
        case ComponentKind::Cache:
            limitBy(c.commandThreads, m_hold[k], "command threads");
            l.unboundedQueue = true;
            break;
        case ComponentKind::Queue:
            limitBy(1, m_hold[k], "consumers");
            // slowed by its consumers: a consumer offered more than it serves takes its share
            for (const Consumer &con : c.consumers) {
                if (!valid(con.service))
                    continue;
                const ComponentLoad &s = m_load[std::size_t(con.service)];
                if (s.arrivalsPerS > s.capacityPerS && s.arrivalsPerS > 0 && rate > 0) {
                    const double cap = rate * s.capacityPerS / s.arrivalsPerS;
                    if (cap < l.capacityPerS) {
                        l.capacityPerS = cap;
                        l.limit = "consumers";
                    }
                }
            }
            if (c.consumers.empty() && rate > 0) {
                l.capacityPerS = 0;
                l.limit = "consumers";
            }
            l.unboundedQueue = c.maxLength < 0;
            break;
        case ComponentKind::LoadBalancer:
        case ComponentKind::Gateway:
        case ComponentKind::External:
            break;
        }
    }

    const Spec &m_spec;
    std::vector<ComponentLoad> m_load;
    // rate-weighted sums of the per-visit times: seconds of work per second of time
    std::vector<double> m_cpu, m_offload, m_hold;
    std::vector<double> m_fromQueue;  // visits per second delivered by queues
    mutable std::uint64_t m_work = 0; // visits and times followed, against kMaxWork
};

} // namespace

double sustainedArrivalRate(const Workload &w, double durationS)
{
    switch (w.arrivals) {
    case ArrivalKind::Poisson:
    case ArrivalKind::Constant:
    case ArrivalKind::Spike:
        return w.ratePerS;
    case ArrivalKind::Ramp: {
        auto at = [&w](double t) {
            if (t <= w.rampStartS)
                return w.rampFrom;
            if (t >= w.rampStartS + w.rampOverS || w.rampOverS <= 0)
                return w.rampTo;
            return w.rampFrom + (w.rampTo - w.rampFrom) * (t - w.rampStartS) / w.rampOverS;
        };
        return std::max(at(0), at(durationS));
    }
    case ArrivalKind::Bursty: {
        const double total = w.burstLowMeanS + w.burstHighMeanS;
        return total > 0
                   ? (w.burstLowRate * w.burstLowMeanS + w.burstHighRate * w.burstHighMeanS) / total
                   : w.burstLowRate;
    }
    case ArrivalKind::Diurnal:
        return w.diurnalMean;
    }
    return w.ratePerS;
}

std::vector<ComponentLoad> estimateLoad(const Spec &spec)
{
    return Estimator(spec).run();
}

} // namespace Sim
