// SPDX-License-Identifier: GPL-3.0-or-later
// The theory overlay of watch mode: per component the queueing-theory estimate beside what
// the watched run measured, and why they differ (docs/desktop-app.md, "Theory overlay").
#include "WatchSession.h"

#include "KindTraits.h"
#include "LoadEstimate.h"
#include "QueueingTheory.h"

#include <algorithm>
#include <cmath>

namespace Model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/** Squared coefficient of variation of a duration: 0 constant, 1 exponential. */
double scv(const Sim::Distribution &d)
{
    const double m = d.mean();
    if (m <= 0)
        return 0;
    switch (d.kind) {
    case Sim::Distribution::Kind::Const:
        return 0;
    case Sim::Distribution::Kind::Exp:
        return 1;
    case Sim::Distribution::Kind::Uniform:
        return (d.b - d.a) * (d.b - d.a) / 12 / (m * m);
    case Sim::Distribution::Kind::Lognormal:
        return d.b * d.b / (m * m);
    case Sim::Distribution::Kind::Erlang:
        return 1.0 / std::max(1, d.k);
    }
    return 1;
}

const char *arrivalWord(Sim::ArrivalKind k)
{
    switch (k) {
    case Sim::ArrivalKind::Poisson:
        return "poisson";
    case Sim::ArrivalKind::Constant:
        return "constant";
    case Sim::ArrivalKind::Ramp:
        return "ramp";
    case Sim::ArrivalKind::Spike:
        return "spike";
    case Sim::ArrivalKind::Bursty:
        return "bursty";
    case Sim::ArrivalKind::Diurnal:
        return "diurnal";
    }
    return "";
}

/** The cache steps of the spec that read `cache`, nested ones too. */
void cacheSteps(const std::vector<Sim::Step> &steps, int cache, std::vector<const Sim::Step *> &out)
{
    for (const Sim::Step &s : steps) {
        if (s.kind == Sim::Step::Kind::Cache && s.target == cache)
            out.push_back(&s);
        cacheSteps(s.steps, cache, out);
        cacheSteps(s.fallback, cache, out);
    }
}

QString figure(double v)
{
    return QString::number(v, 'g', 3);
}

} // namespace

void WatchSession::computeTheory()
{
    m_theory.clear();
    const std::vector<Sim::ComponentLoad> load = Sim::estimateLoad(m_spec);
    const Sim::Tick from = std::min(Sim::secondsToTicks(m_spec.warmupS), m_endTime);
    const Sim::Tick to = m_endTime;
    const double T = Sim::ticksToSeconds(to - from);
    if (T <= 0)
        return;
    std::vector<double> visits(m_spec.components.size(), 0);
    for (const WatchVisit &v : m_visits) {
        if (v.begin >= from && v.begin <= to)
            ++visits[static_cast<std::size_t>(v.comp)];
    }
    const bool poisson = m_spec.workload.arrivals == Sim::ArrivalKind::Poisson;

    for (std::size_t i = 0; i < m_spec.components.size() && i < load.size(); ++i) {
        const Sim::Component &c = m_spec.components[i];
        const Sim::ComponentLoad &l = load[i];
        const int comp = static_cast<int>(i);
        if (l.limit.empty() || !(l.arrivalsPerS > 0))
            continue;
        WatchTheory t;
        t.comp = comp;
        t.id = QString::fromStdString(c.id);
        t.limit = QString::fromStdString(l.limit);
        t.arrivalsPerS = l.arrivalsPerS;
        t.measuredArrivalsPerS = visits[i] / T;
        t.utilisation = l.capacityPerS > 0 ? l.arrivalsPerS / l.capacityPerS
                                           : std::numeric_limits<double>::infinity();
        const double replicas = c.autoscaling.enabled
                                    ? std::max(c.replicas, c.autoscaling.maxReplicas)
                                    : std::max(1, c.replicas);
        // the M/M/c station: servers per queue, and the arrivals that queue sees
        int c1 = 0;        // servers of one queue (0: no FIFO queue to compare)
        double queues = 1; // queues the arrivals are split over
        double cs2 = 1;    // service time SCV, when known
        bool cs2Known = false;
        if (t.limit == QLatin1String("cores")) {
            t.servers = replicas * c.cpuCores;
            t.measuredUtilisation = utilisation(comp, from, to);
        } else if (t.limit == QLatin1String("threads")) {
            t.servers = replicas * c.threads;
            c1 = c.threads;
            queues = replicas;
            t.measuredUtilisation = serverUtilisation(comp, from, to);
        } else if (t.limit == QLatin1String("event loop")) {
            t.servers = replicas * c.workers;
            t.measuredUtilisation = serverUtilisation(comp, from, to);
        } else if (t.limit == QLatin1String("connections")) {
            t.servers = c.maxConnections;
            c1 = c.maxConnections;
            t.measuredUtilisation = serverUtilisation(comp, from, to);
            if (c.queries.size() == 1) {
                cs2 = scv(c.queries.front().duration);
                cs2Known = true;
            }
        } else if (t.limit == QLatin1String("command threads")) {
            t.servers = c.commandThreads;
            c1 = c.commandThreads;
            t.measuredUtilisation = serverUtilisation(comp, from, to);
            cs2 = scv(c.commandCpu);
            cs2Known = true;
        } else {
            // offload threads, consumers: the trace has no level for them
            t.servers = kNaN;
            t.measuredUtilisation = kNaN;
        }
        t.serviceMs = l.capacityPerS > 0 && std::isfinite(t.servers)
                          ? t.servers / l.capacityPerS * 1000
                          : kNaN;
        t.waitMs = kNaN;
        t.measuredWaitMs = kNaN;
        if (c1 > 0) {
            t.waitMs = Sim::Theory::mmcMeanWait(c1, l.arrivalsPerS / queues, t.serviceMs / 1000)
                       * 1000;
            // Little's law on the queue: mean queued / arrivals per second
            t.measuredWaitMs = visits[i] > 0 ? meanQueued(comp, from, to) / (visits[i] / T) * 1000
                                             : kNaN;
        }
        t.hitRatio = kNaN;
        t.measuredHitRatio = kNaN;
        std::vector<const Sim::Step *> reads;
        if (c.kind == Sim::ComponentKind::Cache) {
            for (const Sim::Component &other : m_spec.components) {
                for (const Sim::Handler &h : other.handlers)
                    cacheSteps(h.steps, comp, reads);
            }
            if (reads.size() == 1) {
                t.hitRatio = Sim::Theory::cheHitRatio(reads.front()->keys,
                                                      reads.front()->zipf,
                                                      static_cast<double>(c.capacityKeys));
            }
            if (i < m_result.components.size()) {
                const Sim::ComponentResult &r = m_result.components[i];
                if (r.hits + r.misses > 0)
                    t.measuredHitRatio = r.hitRatio;
            }
        }

        // do they differ beyond what a run of this length explains?
        const double n = std::max(1.0, visits[i]);
        const double rho = t.utilisation;
        bool differs = false;
        if (std::isfinite(t.measuredUtilisation)
            && std::abs(t.measuredUtilisation - rho)
                   > std::max(0.05 * std::min(rho, 1.0), 3 * std::min(rho, 1.0) * std::sqrt(2 / n)))
            differs = true;
        // the relative standard error of an M/M/1 mean (Whitt 1989), as a guide for M/M/c
        const double waitSe = rho < 1 ? (1 + rho) / ((1 - rho) * std::sqrt(n))
                                      : std::numeric_limits<double>::infinity();
        if (std::isfinite(t.waitMs) && std::isfinite(t.measuredWaitMs)
            && std::abs(t.measuredWaitMs - t.waitMs)
                   > std::max({0.15 * t.waitMs, 3 * waitSe * t.waitMs, 0.01}))
            differs = true;
        if (std::isfinite(t.hitRatio) && std::isfinite(t.measuredHitRatio)
            && std::abs(t.hitRatio - t.measuredHitRatio) > 0.03)
            differs = true;
        if (!(rho < 1))
            differs = true;
        t.differs = differs;
        if (differs) {
            // why, as far as the scenario tells: the first says the most
            QStringList &notes = t.notes;
            if (!(rho < 1))
                notes << QStringLiteral("Offered more than it can serve (ρ ≥ 1): queueing "
                                        "theory has no steady state; its queue grows for as "
                                        "long as the run lasts.");
            const double lambda = t.measuredArrivalsPerS;
            if (std::abs(lambda - l.arrivalsPerS)
                > std::max(0.05 * l.arrivalsPerS, 3 * std::sqrt(l.arrivalsPerS / T)))
                notes << QStringLiteral("Feedback: %1/s reached it, the estimate offers %2/s "
                                        "(retries, timeouts, failures, a breaker or a saturated "
                                        "caller change its load).")
                             .arg(figure(lambda), figure(l.arrivalsPerS));
            if (!poisson)
                notes << QStringLiteral("Non-Poisson input: the workload's arrivals are %1; "
                                        "M/M/c assumes Poisson.")
                             .arg(QLatin1String(arrivalWord(m_spec.workload.arrivals)));
            if (c1 > 0 && cs2Known && std::abs(cs2 - 1) > 0.05 && std::isfinite(t.waitMs))
                notes << QStringLiteral("Service times are not exponential (cs² = %1): by "
                                        "Allen–Cunneen the wait is about (1 + cs²)/2 = %2 × "
                                        "M/M/c's, %3 ms.")
                             .arg(figure(cs2),
                                  figure((1 + cs2) / 2),
                                  figure(t.waitMs * (1 + cs2) / 2));
            else if (c1 > 0 && !cs2Known)
                notes << QStringLiteral("Service times are a sum of steps (or a mix of "
                                        "queries), not exponential.");
            for (const Sim::Component &q : m_spec.components) {
                if (q.kind != Sim::ComponentKind::Queue)
                    continue;
                for (const Sim::Consumer &con : q.consumers) {
                    if (con.service == comp)
                        notes << QStringLiteral("It consumes %1: at most %2 × %3 messages "
                                                "(consumers × prefetch) reach it at once, the "
                                                "rest wait in the queue, so it never sees "
                                                "Poisson arrivals.")
                                     .arg(QString::fromStdString(q.id))
                                     .arg(con.count)
                                     .arg(con.prefetch);
                }
            }
            if (queues > 1)
                notes << QStringLiteral("%1 replicas queue on their own (c = %2 each); a "
                                        "balancer's split of Poisson arrivals is not Poisson.")
                             .arg(queues)
                             .arg(c1);
            if (t.limit == QLatin1String("cores"))
                notes << QStringLiteral("Processor sharing: its requests share the cores "
                                        "instead of queueing in line, so there is no FIFO wait "
                                        "to compare.");
            if (std::isfinite(t.hitRatio) || reads.size() > 1) {
                if (reads.size() > 1)
                    notes << QStringLiteral("Several key ranges share the cache: Che's "
                                            "approximation needs each one's rate (not shown).");
                if (c.eviction != Sim::EvictionPolicy::Lru)
                    notes << QStringLiteral("Che's approximation is for exact LRU; this cache "
                                            "evicts otherwise.");
                if (c.ttlS > 0)
                    notes << QStringLiteral("TTL expiries drop keys that LRU alone would keep.");
                notes << QStringLiteral("The cache starts empty: early misses lower the "
                                        "measured hit ratio.");
            }
            if (std::isfinite(waitSe) && c1 > 0)
                notes << QStringLiteral("Finite run: %1 visits; a mean wait near ρ = %2 varies "
                                        "by about ±%3% from run to run.")
                             .arg(static_cast<qint64>(n))
                             .arg(figure(rho))
                             .arg(figure(100 * waitSe));
            if (m_spec.warmupS <= 0)
                notes << QStringLiteral("No warm-up: the figures include the start from an "
                                        "empty system.");
        }
        m_theory << t;
    }
}

} // namespace Model
