// SPDX-License-Identifier: GPL-3.0-or-later
#include "Capacity.h"

#include "ScenarioIo.h"
#include "ScenarioLimits.h"
#include "Statistics.h"
#include "format/Schema.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace Model {

namespace {

constexpr double kMinScale = 1e-6;
constexpr int kMaxPoints = 80;
/// per point: the first duration, then at most this many times four times longer
constexpr int kMaxRefinements = 3;
/// exceedances of the SLO's most extreme quantile a replication should see at least
constexpr double kTailSamples = 200;

/** How far into the tail a condition looks: 0.99 for p99, 0.5 for the mean. */
double tailOf(const SloCondition &c)
{
    switch (c.figure) {
    case SloCondition::Figure::Mean:
    case SloCondition::Figure::P50:
        return 0.5;
    case SloCondition::Figure::P90:
        return 0.9;
    case SloCondition::Figure::P95:
        return 0.95;
    case SloCondition::Figure::P99:
        return 0.99;
    case SloCondition::Figure::P999:
    case SloCondition::Figure::Max:
        return 0.999;
    case SloCondition::Figure::Errors:
        return std::clamp(1.0 - c.limit, 0.5, 0.9999);
    }
    return 0.99;
}

struct PointRun
{
    CapacityPoint point;
    bool cancelled = false;
    bool failedToCompile = false;
};

/**
 * One scale of the search. The first duration gives each replication kTailSamples requests
 * beyond the SLO's most extreme quantile (20,000 requests for p99), with a tenth of it as
 * warm-up; a profile that changes over time (ramp, spike, bursty, diurnal) runs at least its
 * scenario's duration, with the same share of warm-up. A point is decided when every
 * condition's 95% interval over the replications lies on one side of its limit; otherwise
 * it runs again four times longer (halving the interval), at most kMaxRefinements times
 * (64 times the first duration), and the last run decides. So the points that bisection
 * lands close to the capacity are the ones that run long: a latency percentile is flat in
 * the load there (M/M/4's p99 moves 0.8% for 1.8% more load), and a point decided on noise
 * would move the answer by more than the precision.
 */
PointRun runPoint(const Scenario &base,
                  const Slo &slo,
                  double scale,
                  const CapacityOptions &options,
                  Problems *problems)
{
    PointRun out;
    Scenario s = scaledArrivals(base, scale);
    const double rate = profileRate(s.workload.arrivals);
    double tail = 0.5;
    for (const SloCondition &c : slo.conditions)
        tail = std::max(tail, tailOf(c));
    // A steady profile (poisson, constant) needs only enough requests; one that changes over
    // time keeps its own duration and warm-up, or it would be another profile.
    const QString kind = s.workload.arrivals.kind;
    const bool steady = kind == QLatin1String("poisson") || kind == QLatin1String("constant");
    const double samples = kTailSamples / (1.0 - tail) / std::max(rate, 1e-9);
    const double warmupShare = s.simulation.warmupS / s.simulation.durationS;
    double duration = steady ? std::max(samples, 1.0) : std::max(s.simulation.durationS, samples);
    duration = std::min(duration, Limits::kMaxDurationS / 64);
    for (int round = 0;; ++round) {
        s.simulation.durationS = duration;
        s.simulation.warmupS = duration * (steady ? 0.1 : warmupShare);
        s.simulation.bucketS = std::min(base.simulation.bucketS, duration);
        s.simulation.replications = std::max(1, options.replications);
        const CompiledScenario compiled = compileScenario(s);
        if (!compiled.ok()) {
            for (Problem p : compiled.problems) {
                p.message
                    = QStringLiteral("at %1 × the arrival rate: %2").arg(scale).arg(p.message);
                if (problems && p.isError())
                    problems->append(p);
            }
            out.failedToCompile = true;
            return out;
        }
        Sim::RunOptions run;
        run.threads = options.threads;
        run.cancel = options.cancel;
        run.observer = options.observer;
        const Sim::RunResult result = Sim::runSimulation(compiled.spec, run);
        if (result.cancelled) {
            out.cancelled = true;
            return out;
        }
        CapacityPoint &p = out.point;
        p.scale = scale;
        p.ratePerS = rate;
        p.durationS = duration;
        p.all = result.requests.empty() ? Sim::RequestResult{} : result.requests.front();
        p.figures.clear();
        bool decided = true;
        for (const SloCondition &c : slo.conditions) {
            std::vector<double> values;
            for (const Sim::ReplicationResult &r : result.perReplication)
                values.push_back(r.requests.empty() ? 0.0 : sloFigure(c, r.requests.front()));
            const Estimate e = estimateOf(values);
            p.figures.push_back(e);
            decided = decided && std::abs(e.mean - c.limit) > e.ci95.value_or(0);
        }
        p.passes = sloHolds(slo, p.all);
        p.cost = costOf(s, result);
        if (decided || round >= kMaxRefinements || duration * 4 > Limits::kMaxDurationS)
            return out;
        duration *= 4;
    }
}

} // namespace

double profileRate(const Arrivals &a)
{
    if (a.kind == QLatin1String("diurnal"))
        return a.mean.value_or(0);
    if (a.kind == QLatin1String("ramp"))
        return a.to.value_or(0);
    if (a.kind == QLatin1String("bursty")) {
        const double low = a.lowMeanS.value_or(0), high = a.highMeanS.value_or(0);
        return low + high > 0
                   ? (a.lowRate.value_or(0) * low + a.highRate.value_or(0) * high) / (low + high)
                   : 0;
    }
    return a.ratePerS.value_or(0);
}

Scenario scaledArrivals(Scenario scenario, double scale)
{
    // every rate of the profile: the rows of the arrivals' table measured in "/s"
    Arrivals &a = scenario.workload.arrivals;
    for (const Format::Field<Arrivals> &row : Format::arrivalFields()) {
        if (!row.unit || QLatin1String(row.unit) != QLatin1String("/s"))
            continue;
        std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::optional<double> Arrivals::*>) {
                    if (a.*member)
                        a.*member = *(a.*member) * scale;
                }
            },
            row.member);
    }
    return scenario;
}

std::optional<CapacityResult> findCapacity(const Scenario &scenario,
                                           const Slo &slo,
                                           const CapacityOptions &options,
                                           Problems *problems)
{
    CapacityResult out;
    out.slo = slo;
    if (!(profileRate(scenario.workload.arrivals) > 0)) {
        if (problems)
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.workload.arrivals"),
                              QStringLiteral("the arrival profile has no rate to scale"),
                              0,
                              0});
        return std::nullopt;
    }
    // the bracket: the lowest failing scale, and the highest passing one below it (near the
    // edge noise may let a point pass above one that failed; the lower failure wins)
    std::optional<double> pass, fail;
    auto bracket = [&] {
        fail.reset();
        pass.reset();
        for (const CapacityPoint &p : out.points) {
            if (!p.passes)
                fail = std::min(fail.value_or(p.scale), p.scale);
        }
        for (const CapacityPoint &p : out.points) {
            if (p.passes && (!fail || p.scale < *fail))
                pass = std::max(pass.value_or(p.scale), p.scale);
        }
    };
    auto tryScale = [&](double scale) -> std::optional<bool> {
        PointRun r = runPoint(scenario, slo, scale, options, problems);
        if (r.failedToCompile)
            return std::nullopt;
        if (r.cancelled) {
            out.cancelled = true;
            return std::nullopt;
        }
        const bool passes = r.point.passes;
        out.points.push_back(std::move(r.point));
        if (options.pointFinished)
            options.pointFinished(out.points.back());
        bracket();
        return passes;
    };
    auto stopped = [&] {
        return out.cancelled ? std::optional<CapacityResult>(out) : std::nullopt;
    };
    // bracket: double while it passes, halve while it fails
    double scale = 1;
    const std::optional<bool> first = tryScale(scale);
    if (!first)
        return stopped();
    const double maxScale = Limits::kMaxRatePerS / profileRate(scenario.workload.arrivals);
    while (!(pass && fail) && static_cast<int>(out.points.size()) < kMaxPoints) {
        scale = *first ? scale * 2 : scale / 2;
        if (scale > maxScale) {
            out.note = QStringLiteral("the SLO holds up to the largest rate a scenario may have");
            break;
        }
        if (scale < kMinScale) {
            out.note = QStringLiteral("the SLO does not hold even at a millionth of the load");
            break;
        }
        if (!tryScale(scale))
            return stopped();
    }
    // bisect
    while (pass && fail && (*fail - *pass) > options.precision * *fail) {
        if (static_cast<int>(out.points.size()) >= kMaxPoints) {
            out.note = QStringLiteral("stopped after %1 points before reaching the precision")
                           .arg(kMaxPoints);
            break;
        }
        if (!tryScale((*pass + *fail) / 2))
            return stopped();
    }
    if (pass) {
        out.maxScale = *pass;
        out.maxRatePerS = *pass * profileRate(scenario.workload.arrivals);
        for (const CapacityPoint &p : out.points) {
            if (p.scale == *pass)
                out.costAtMax = p.cost;
        }
    }
    return out;
}

QJsonObject capacityToJson(const CapacityResult &result)
{
    QJsonArray points;
    for (const CapacityPoint &p : result.points) {
        QJsonObject slo;
        for (qsizetype k = 0; k < result.slo.conditions.size(); ++k) {
            const Estimate &e = p.figures[static_cast<std::size_t>(k)];
            slo.insert(result.slo.conditions[k].text,
                       QJsonObject{{QStringLiteral("value"), e.mean},
                                   {QStringLiteral("ci95"),
                                    e.ci95 ? QJsonValue(*e.ci95) : QJsonValue(QJsonValue::Null)}});
        }
        const double ended = p.all.completed + p.all.failed;
        const QJsonObject figures{{QStringLiteral("throughput_per_s"), p.all.throughputPerS},
                                  {QStringLiteral("latency_ms"),
                                   QJsonObject{{QStringLiteral("mean"), p.all.latencyMs.mean},
                                               {QStringLiteral("p50"), p.all.latencyMs.p50},
                                               {QStringLiteral("p95"), p.all.latencyMs.p95},
                                               {QStringLiteral("p99"), p.all.latencyMs.p99}}},
                                  {QStringLiteral("error_rate"),
                                   ended > 0 ? p.all.failed / ended : 0.0},
                                  {QStringLiteral("slo"), slo}};
        points.append(QJsonObject{{QStringLiteral("rate_per_s"), p.ratePerS},
                                  {QStringLiteral("scale"), p.scale},
                                  {QStringLiteral("passes"), p.passes},
                                  {QStringLiteral("duration_s"), p.durationS},
                                  {QStringLiteral("results"), figures}});
    }
    QJsonObject out{{QStringLiteral("format"), QStringLiteral("archsim-capacity")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("slo"), result.slo.text()},
                    {QStringLiteral("max_rate_per_s"),
                     result.maxRatePerS ? QJsonValue(*result.maxRatePerS)
                                        : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("max_scale"), result.maxScale},
                    {QStringLiteral("cancelled"), result.cancelled},
                    {QStringLiteral("points"), points}};
    if (result.maxRatePerS) {
        out.insert(QStringLiteral("cost_at_max"),
                   QJsonObject{{QStringLiteral("per_hour"), result.costAtMax.perHour},
                               {QStringLiteral("per_million_requests"),
                                result.costAtMax.perMillionRequests}});
    }
    if (!result.note.isEmpty())
        out.insert(QStringLiteral("note"), result.note);
    return out;
}

} // namespace Model
