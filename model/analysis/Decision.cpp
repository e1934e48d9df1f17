// SPDX-License-Identifier: GPL-3.0-or-later
// The decision matrix (docs/decide.md). This file defines the decision's own JSON (it is not
// the scenario format), so tst_schema leaves its keys alone.
#include "Decision.h"

#include "Capacity.h"
#include "JsonFieldReader.h"
#include "ScenarioIo.h"
#include "Slo.h"
#include "Statistics.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace Model {

namespace {

// ---- criteria ---------------------------------------------------------------------------

const std::vector<DecisionCriterion> &criteriaTable()
{
    static const std::vector<DecisionCriterion> table = {
        {"team_autonomy", "Team size and autonomy", false, false, "", 10},
        {"domain_boundaries", "Domain complexity and clarity of boundaries", false, false, "", 10},
        {"independent_scaling", "Need for independent scaling", false, false, "", 5},
        {"deployment", "Deployment frequency and risk", false, false, "", 10},
        {"operational_overhead", "Operational overhead and maturity", false, false, "", 10},
        {"fault_isolation", "Fault isolation", false, false, "", 5},
        {"technology_diversity", "Technology diversity", false, false, "", 3},
        {"data_consistency", "Data consistency needs", false, false, "", 5},
        {"p99_ms", "p99 latency at the target load", true, true, "ms", 10},
        {"capacity_headroom", "Capacity headroom under the SLO", true, false, "x", 5},
        {"cost_per_hour", "Cost per hour", true, true, "$/h", 10},
        {"fault_error_rate", "Error rate under the fault", true, true, "%", 5},
        {"recovery_s", "Recovery after the fault", true, true, "s", 5},
        {"deployables", "Number of deployables", true, true, "", 3},
        {"sync_hops", "Synchronous hops on the busiest path", true, true, "", 3},
    };
    return table;
}

constexpr int kQualitative = 8;

double clampTo(double v, double lo, double hi)
{
    return std::min(hi, std::max(lo, v));
}

double round1(double v)
{
    return std::round(v * 10) / 10;
}

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

// ---- topology ---------------------------------------------------------------------------

struct Chain
{
    int hops = 0;
    QStringList path;
};

Chain deepest(const Scenario &s,
              const QString &componentId,
              const QString &request,
              QSet<QString> visiting);

Chain deepestSteps(const Scenario &s,
                   const Steps &steps,
                   const QString &request,
                   const QSet<QString> &visiting)
{
    Chain best;
    const auto consider = [&best](Chain c) {
        if (c.hops > best.hops)
            best = std::move(c);
    };
    for (const Step &step : steps) {
        switch (step.kind) {
        case Step::Kind::Call: {
            Chain c = deepest(s,
                              step.target,
                              step.request.isEmpty() ? request : step.request,
                              visiting);
            c.hops += 1;
            c.path.prepend(step.target);
            consider(c);
            consider(deepestSteps(s, step.fallback, request, visiting));
            break;
        }
        case Step::Kind::Cache:
            consider(Chain{1, {step.target}});
            consider(deepestSteps(s, step.steps, request, visiting)); // on_miss, from here
            break;
        case Step::Kind::Parallel:
        case Step::Kind::Probability:
            consider(deepestSteps(s, step.steps, request, visiting));
            break;
        default:
            break; // cpu, io; publish is asynchronous
        }
    }
    return best;
}

Chain deepest(const Scenario &s,
              const QString &componentId,
              const QString &request,
              QSet<QString> visiting)
{
    const Component *c = s.component(componentId);
    if (!c || visiting.contains(componentId))
        return {};
    visiting.insert(componentId);
    Chain best;
    const auto forward = [&](const QString &target) {
        Chain next = deepest(s, target, request, visiting);
        next.hops += 1;
        next.path.prepend(target);
        if (next.hops > best.hops)
            best = std::move(next);
    };
    switch (c->kind) {
    case ComponentKind::LoadBalancer:
        for (const QString &t : c->loadBalancer.targets)
            forward(t);
        break;
    case ComponentKind::Gateway: {
        const Route *route = nullptr;
        for (const Route &r : c->gateway.routes) {
            if (r.request == request)
                route = &r;
            else if (!route && r.request == QLatin1String("*"))
                route = &r;
        }
        if (route) {
            for (const RouteTarget &t : route->targets)
                forward(t.target);
        }
        break;
    }
    case ComponentKind::Service:
        if (const Handler *h = c->handler(request))
            best = deepestSteps(s, h->steps, request, visiting);
        else if (const Handler *any = c->handler(QStringLiteral("*")))
            best = deepestSteps(s, any->steps, request, visiting);
        break;
    default:
        break;
    }
    return best;
}

// ---- questionnaire ----------------------------------------------------------------------

/** How distributed an alternative is: -1 for one deployable to +1 for four or more. */
double spread(int deployables)
{
    return 2 * clampTo((std::max(deployables, 1) - 1) / 3.0, 0, 1) - 1;
}

QString deployablesPhrase(int n)
{
    return n <= 1 ? QStringLiteral("one deployable") : QStringLiteral("%1 deployables").arg(n);
}

/** A criterion's lean (-1: towards one deployable, +1: towards many) and why. */
struct Lean
{
    double lean = 0;
    QString why;
};

QString plural(int n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

std::vector<Lean> leansOf(const Questionnaire &q, const Scenario *first)
{
    std::vector<Lean> out(kQualitative);
    const int d = std::max(1, q.developers);
    const int t = std::max(1, q.teams);

    // team size and autonomy
    if (t == 1) {
        if (d > 12)
            out[0] = {0.25,
                      QStringLiteral("one team of %1 developers is large enough to split, and "
                                     "parts of its own would let each half work on its own")
                          .arg(d)};
        else
            out[0]
                = {-0.25,
                   QStringLiteral("%1 in one team already own all the code, and splitting "
                                  "it adds hand-offs without adding autonomy")
                       .arg(plural(d, QStringLiteral("developer"), QStringLiteral("developers")))};
    } else {
        const double a = clampTo((t - 2) / 4.0, -0.5, 1);
        out[0] = {a,
                  a > 0 ? QStringLiteral("%1 developers in %2 teams want to change and release "
                                         "their parts without waiting for each other")
                              .arg(d)
                              .arg(t)
                        : QStringLiteral("%1 developers in two teams can still coordinate "
                                         "changes to one codebase")
                              .arg(d)};
    }

    // domain complexity and clarity of boundaries
    if (q.domainStability == QLatin1String("stable"))
        out[1] = {0.5,
                  QStringLiteral("the domain is stable, so its boundaries can be drawn once and "
                                 "kept")};
    else if (q.domainStability == QLatin1String("unclear"))
        out[1] = {-1,
                  QStringLiteral("the domain's boundaries are unclear, and a wrong cut between "
                                 "services is expensive to undo")};
    else
        out[1] = {-0.25,
                  QStringLiteral("the domain is still evolving, so some boundaries will move, "
                                 "which costs more between services than inside one codebase")};

    // need for independent scaling: from the workload's request mix
    {
        double total = 0, top = 0;
        QString topName;
        if (first) {
            for (const RequestType &r : first->workload.requests) {
                const double w = r.weight.value_or(1);
                total += w;
                if (w > top) {
                    top = w;
                    topName = r.name;
                }
            }
        }
        if (!first || first->workload.requests.size() < 2 || !(total > 0)) {
            out[2] = {0,
                      QStringLiteral("all requests are of one type, so there are no parts to "
                                     "scale apart")};
        } else {
            const double share = top / total;
            const double a = clampTo((share - 0.4) * 1.5, 0, 0.8);
            out[2] = {a,
                      a > 0.1 ? QStringLiteral("'%1' makes %2% of the requests, so the parts "
                                               "carry unequal load and could scale apart")
                                    .arg(topName, num(share * 100, 0))
                              : QStringLiteral("the requests spread evenly over the parts, so "
                                               "scaling them apart saves little")};
        }
    }

    // deployment frequency and risk
    {
        const double demand = std::max(0.0, q.releasesPerWeek) * t;
        const double a = clampTo((std::log2(std::max(demand, 0.25)) - 1) / 4, -0.5, 1);
        const QString who
            = t == 1 ? QStringLiteral("one team releasing %1 times a week")
                           .arg(num(q.releasesPerWeek,
                                    q.releasesPerWeek == std::floor(q.releasesPerWeek) ? 0 : 1))
                     : QStringLiteral("%1 teams releasing %2 times a week each")
                           .arg(t)
                           .arg(num(q.releasesPerWeek,
                                    q.releasesPerWeek == std::floor(q.releasesPerWeek) ? 0 : 1));
        const QString make = t == 1 ? QStringLiteral("makes") : QStringLiteral("make");
        out[3] = {a,
                  a > 0 ? QStringLiteral("%1 %2 %3 releases a week, too many for one release "
                                         "train: each release of one deployable ships everybody's "
                                         "changes at once")
                              .arg(who, make, num(demand, 0))
                        : QStringLiteral("%1 %2 %3 releases a week, which one release train "
                                         "carries easily")
                              .arg(who, make, num(demand, demand < 10 ? 1 : 0))};
    }

    // operational overhead and maturity
    {
        double a = q.opsMaturity == QLatin1String("low")    ? -1
                   : q.opsMaturity == QLatin1String("high") ? -0.3
                                                            : -0.6;
        const bool thin = q.onCallEngineers < 3;
        if (thin)
            a = std::max(-1.0, a - 0.2);
        out[4] = {a,
                  QStringLiteral("with %1 operations maturity and %2 on call, every extra "
                                 "deployable is another thing to deploy, watch and be woken by")
                      .arg(q.opsMaturity,
                           plural(q.onCallEngineers,
                                  QStringLiteral("engineer"),
                                  QStringLiteral("engineers")))};
    }

    // fault isolation
    {
        const double a = q.opsMaturity == QLatin1String("low")    ? 0.2
                         : q.opsMaturity == QLatin1String("high") ? 0.6
                                                                  : 0.4;
        out[5] = {a,
                  QStringLiteral("separate services contain a failure only with timeouts, "
                                 "circuit breakers and bulkheads, which a team of %1 operations "
                                 "maturity %2")
                      .arg(q.opsMaturity,
                           a >= 0.6   ? QStringLiteral("runs well")
                           : a >= 0.4 ? QStringLiteral("can run")
                                      : QStringLiteral("rarely runs well yet"))};
    }

    // technology diversity
    if (t <= 1)
        out[6] = {0.1, QStringLiteral("one team rarely needs more than one stack")};
    else if (t < 5)
        out[6]
            = {0.3,
               QStringLiteral("%1 teams may sometimes want a different stack for a part").arg(t)};
    else
        out[6] = {0.6,
                  QStringLiteral("%1 teams may each pick the stack that suits their part").arg(t)};

    // data consistency needs
    {
        const double a = q.domainStability == QLatin1String("stable")    ? -0.4
                         : q.domainStability == QLatin1String("unclear") ? -0.8
                                                                         : -0.6;
        out[7] = {a,
                  QStringLiteral("one database gives transactions across modules, while "
                                 "services with databases of their own need sagas or eventual "
                                 "consistency, and in a%1 %2 domain more changes cross "
                                 "boundaries")
                      .arg(q.domainStability.startsWith(QLatin1Char('u'))
                                   || q.domainStability.startsWith(QLatin1Char('e'))
                               ? QStringLiteral("n")
                               : QString(),
                           q.domainStability)};
    }
    return out;
}

// ---- formatting of figures ---------------------------------------------------------------

QString withCi(double mean, const std::optional<double> &ci, int decimals, const QString &unit)
{
    QString text = num(mean, decimals);
    if (ci)
        text += QStringLiteral(" ± ") + num(*ci, decimals);
    if (!unit.isEmpty())
        text += (unit == QLatin1String("%") ? QString() : QStringLiteral(" ")) + unit;
    return text;
}

QString estimateText(const QString &criterion, const Estimate &e)
{
    if (criterion == QLatin1String("p99_ms"))
        return withCi(e.mean, e.ci95, 1, QStringLiteral("ms"));
    if (criterion == QLatin1String("cost_per_hour"))
        return QStringLiteral("$") + withCi(e.mean, e.ci95, 3, QStringLiteral("per hour"));
    if (criterion == QLatin1String("fault_error_rate"))
        return withCi(e.mean * 100,
                      e.ci95 ? std::optional<double>(*e.ci95 * 100) : std::nullopt,
                      2,
                      QStringLiteral("%"));
    if (criterion == QLatin1String("recovery_s"))
        return withCi(e.mean, e.ci95, 1, QStringLiteral("s"));
    if (criterion == QLatin1String("capacity_headroom"))
        return QStringLiteral("%1×").arg(num(e.mean, 2));
    return num(e.mean, 0);
}

/** The floor of a lower-is-better figure that may be 0 (see evaluateDecision). */
double floorOf(const QString &criterion)
{
    if (criterion == QLatin1String("fault_error_rate"))
        return 0.001;
    if (criterion == QLatin1String("recovery_s") || criterion == QLatin1String("sync_hops"))
        return 1;
    return 0;
}

// ---- JSON reading -------------------------------------------------------------------------

const QStringList kDomainStabilities = {QStringLiteral("stable"),
                                        QStringLiteral("evolving"),
                                        QStringLiteral("unclear")};
const QStringList kOpsMaturities = {QStringLiteral("low"),
                                    QStringLiteral("medium"),
                                    QStringLiteral("high")};
const QStringList kStatuses = {QStringLiteral("proposed"),
                               QStringLiteral("accepted"),
                               QStringLiteral("rejected"),
                               QStringLiteral("deprecated"),
                               QStringLiteral("superseded")};
const QStringList kFaultKinds = {QStringLiteral("kill_instance"), QStringLiteral("outage")};

using Reader = JsonFieldReader;

QString weightKey()
{
    return QStringLiteral("weights");
}

} // namespace

// ---- public: criteria and topology ------------------------------------------------------

double Decision::weightOf(const QString &criterion) const
{
    const auto it = weights.constFind(criterion);
    if (it != weights.constEnd())
        return *it;
    const DecisionCriterion *c = decisionCriterion(criterion);
    return c ? c->defaultWeight : 0;
}

const ScoreOverride *Decision::overrideOf(const QString &criterion,
                                          const QString &alternative) const
{
    for (const ScoreOverride &o : overrides) {
        if (o.criterion == criterion && o.alternative == alternative)
            return &o;
    }
    return nullptr;
}

const std::vector<DecisionCriterion> &decisionCriteria()
{
    return criteriaTable();
}

const DecisionCriterion *decisionCriterion(const QString &id)
{
    for (const DecisionCriterion &c : criteriaTable()) {
        if (id == QLatin1String(c.id))
            return &c;
    }
    return nullptr;
}

TopologyFacts topologyFacts(const Scenario &scenario)
{
    TopologyFacts f;
    for (const Component &c : scenario.components) {
        if (c.kind == ComponentKind::Service)
            ++f.deployables;
        else if (c.kind == ComponentKind::Database)
            ++f.databases;
    }
    double top = -1;
    for (const RequestType &r : scenario.workload.requests) {
        if (r.weight.value_or(1) > top) {
            top = r.weight.value_or(1);
            f.busiestRequest = r.name;
        }
    }
    const QString &entry = scenario.workload.entry;
    if (scenario.component(entry)) {
        Chain c = deepest(scenario, entry, f.busiestRequest, {});
        f.syncHops = c.hops + 1; // the client's call to the entry
        f.busiestPath = QStringList{entry} + c.path;
    }
    return f;
}

std::vector<std::vector<PrefilledScore>> prefillScores(const Questionnaire &questionnaire,
                                                       const std::vector<Scenario> &alternatives)
{
    const std::vector<Lean> leans = leansOf(questionnaire,
                                            alternatives.empty() ? nullptr : &alternatives.front());
    std::vector<std::vector<PrefilledScore>> out(kQualitative);
    for (int k = 0; k < kQualitative; ++k) {
        for (const Scenario &s : alternatives) {
            const int n = topologyFacts(s).deployables;
            const double effect = leans[k].lean * spread(n);
            PrefilledScore p;
            p.score = round1(clampTo(5 + 4 * effect, 0, 10));
            const bool one = n <= 1;
            const QString verdict = effect > 0.05
                                        ? (one ? QStringLiteral("helps") : QStringLiteral("help"))
                                    : effect < -0.05
                                        ? (one ? QStringLiteral("hurts") : QStringLiteral("hurt"))
                                        : (one ? QStringLiteral("makes") : QStringLiteral("make"))
                                              + QStringLiteral(" little difference");
            QString why = leans[k].why;
            why[0] = why[0].toUpper();
            p.reason = QStringLiteral("%1; here %2 %3.").arg(why, deployablesPhrase(n), verdict);
            out[k].push_back(std::move(p));
        }
    }
    return out;
}

// ---- evidence --------------------------------------------------------------------------

namespace {

/** When the fault's effect ends: a kill at once (restarts follow), a window at its end. */
double faultEnd(const Fault &f, double durationS)
{
    if (f.kind == QLatin1String("kill_instance"))
        return f.atS.value_or(0);
    return f.untilS.value_or(durationS);
}

const Sim::SeriesColumn *columnOf(const Sim::Series &s, const char *key)
{
    return s.column(key);
}

/**
 * Seconds from the fault's end until the p99 and the error rate are back near what the run
 * without the fault saw (p99 at most 1.5 x its mean bucket p99 + 1 ms, errors at most its
 * rate + 1% of the arrivals) for five buckets in a row, or to the end of the run; nullopt
 * when they never are.
 */
std::optional<double> recoveryOf(const Sim::ReplicationResult &faulted,
                                 const Sim::ReplicationResult &normal,
                                 double warmupS,
                                 double endS)
{
    const Sim::SeriesColumn *p99 = columnOf(faulted.series, "requests._all.latency_ms.p99");
    const Sim::SeriesColumn *err = columnOf(faulted.series, "requests._all.errors_per_s");
    const Sim::SeriesColumn *np99 = columnOf(normal.series, "requests._all.latency_ms.p99");
    const Sim::SeriesColumn *nerr = columnOf(normal.series, "requests._all.errors_per_s");
    const Sim::SeriesColumn *narr = columnOf(normal.series, "requests._all.arrivals_per_s");
    if (!p99 || !err || !np99 || !nerr || !narr)
        return std::nullopt;
    double baseP99 = 0, baseErr = 0, baseArr = 0;
    int n = 0;
    for (std::size_t k = 0; k < normal.series.tS.size() && k < np99->values.size(); ++k) {
        if (normal.series.tS[k] <= warmupS)
            continue;
        baseP99 += np99->values[k];
        baseErr += nerr->values[k];
        baseArr += narr->values[k];
        ++n;
    }
    if (n == 0)
        return std::nullopt;
    baseP99 /= n;
    baseErr /= n;
    baseArr /= n;
    const auto fine = [&](std::size_t k) {
        return p99->values[k] <= 1.5 * baseP99 + 1 && err->values[k] <= baseErr + 0.01 * baseArr;
    };
    const std::vector<double> &t = faulted.series.tS;
    const double bucket = faulted.series.bucketS;
    for (std::size_t k = 0; k < t.size() && k < p99->values.size(); ++k) {
        if (t[k] - bucket < endS - 1e-9)
            continue; // buckets that started before the fault ended
        const std::size_t last = std::min(t.size(), k + 5);
        bool ok = true;
        for (std::size_t j = k; j < last && ok; ++j)
            ok = fine(j);
        if (ok)
            return std::max(0.0, t[k] - bucket - endS);
    }
    return std::nullopt;
}

QString busiestService(const Sim::RunResult &run)
{
    QString best;
    double most = -1;
    for (const Sim::ComponentResult &c : run.components) {
        if (c.kind == Sim::ComponentKind::Service && c.arrived > most) {
            most = c.arrived;
            best = QString::fromStdString(c.id);
        }
    }
    return best;
}

std::size_t figureIndex(const char *key)
{
    const std::vector<CompareFigure> &f = compareFigures();
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (QLatin1String(f[k].key) == QLatin1String(key))
            return k;
    }
    return 0;
}

} // namespace

std::optional<DecisionEvidence> gatherDecisionEvidence(const Decision &decision,
                                                       const std::vector<Scenario> &alternatives,
                                                       const DecisionRunOptions &options,
                                                       Problems *problems)
{
    const auto start = std::chrono::steady_clock::now();
    const auto say = [&](const QString &what) {
        if (options.progress)
            options.progress(what);
    };
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    DecisionEvidence out;
    const DecisionSimulation &sim = decision.simulation;
    out.replications = sim.replications;

    std::vector<CompareAlternative> runs;
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        Scenario s = alternatives[a];
        if (sim.targetRatePerS) {
            const double rate = profileRate(s.workload.arrivals);
            if (!(rate > 0)) {
                if (problems)
                    problems->append(
                        {Problem::Severity::Error,
                         QStringLiteral("$.simulation.target_rate_per_s"),
                         QStringLiteral("%1 has no arrival rate to scale to the target load; give "
                                        "its workload a rate or leave target_rate_per_s out")
                             .arg(s.name)});
                return std::nullopt;
            }
            s = scaledArrivals(std::move(s), *sim.targetRatePerS / rate);
        }
        const QString name = a < std::size_t(decision.alternatives.size())
                                 ? decision.alternatives.at(qsizetype(a))
                                 : s.name;
        runs.push_back({name, s});
    }
    std::optional<Slo> slo;
    if (sim.capacity) {
        const QString text = sim.slo.isEmpty() && !alternatives.empty() ? alternatives.front().slo
                                                                        : sim.slo;
        if (text.isEmpty()) {
            if (problems)
                problems->append({Problem::Severity::Error,
                                  QStringLiteral("$.simulation.slo"),
                                  QStringLiteral("the capacity search needs an SLO; set one, "
                                                 "e.g. \"p99<200ms\", or turn capacity off")});
            return std::nullopt;
        }
        QString error;
        slo = parseSlo(text, &error);
        if (!slo) {
            if (problems)
                problems->append(
                    {Problem::Severity::Error, QStringLiteral("$.simulation.slo"), error});
            return std::nullopt;
        }
        out.slo = slo->text();
    }

    CompareOptions compare;
    compare.replications = sim.replications;
    compare.threads = options.threads;
    compare.durationS = sim.durationS;
    compare.cancel = options.cancel;
    say(QStringLiteral("Comparing the alternatives at the target load"));
    const std::optional<Comparison> normal = runComparison(runs, compare, problems);
    if (!normal)
        return std::nullopt;
    out.seed = normal->seed;
    out.cancelled = normal->cancelled;
    const std::size_t p99 = figureIndex("latency_p99_ms");
    const std::size_t errors = figureIndex("error_rate");
    const std::size_t cost = figureIndex("cost_per_hour");
    for (std::size_t a = 0; a < runs.size(); ++a) {
        AlternativeEvidence e;
        e.name = runs[a].name;
        e.targetRatePerS = profileRate(runs[a].scenario.workload.arrivals);
        const AlternativeRun &run = normal->alternatives[a];
        e.p99Ms = run.figures[p99];
        e.errorRate = run.figures[errors];
        e.costPerHour = run.figures[cost];
        e.topology = topologyFacts(runs[a].scenario);
        out.alternatives.push_back(std::move(e));
    }

    // the fault run: the same replications with the fault added
    out.fault = sim.fault;
    if (!sim.fault.kind.isEmpty() && !cancelled()) {
        std::vector<CompareAlternative> faulted = runs;
        std::vector<double> ends;
        for (std::size_t a = 0; a < faulted.size(); ++a) {
            Scenario &s = faulted[a].scenario;
            if (sim.durationS)
                s.simulation.durationS = *sim.durationS;
            Fault f = sim.fault;
            if (f.target.isEmpty() || !s.component(f.target))
                f.target = busiestService(normal->alternatives[a].result);
            if (!f.atS)
                f.atS = s.simulation.warmupS + (s.simulation.durationS - s.simulation.warmupS) / 2;
            out.alternatives[a].faultTarget = f.target;
            ends.push_back(faultEnd(f, s.simulation.durationS));
            s.faults.append(f);
        }
        say(QStringLiteral("Running the alternatives with the fault"));
        const std::optional<Comparison> withFault = runComparison(faulted, compare, problems);
        if (!withFault)
            return std::nullopt;
        out.cancelled = out.cancelled || withFault->cancelled;
        for (std::size_t a = 0; a < faulted.size(); ++a) {
            const AlternativeRun &run = withFault->alternatives[a];
            AlternativeEvidence &e = out.alternatives[a];
            e.faultErrorRate = run.figures[errors];
            std::vector<double> recovery;
            const Scenario &s = faulted[a].scenario;
            const std::vector<Sim::ReplicationResult> &reps = run.result.perReplication;
            const std::vector<Sim::ReplicationResult> &base
                = normal->alternatives[a].result.perReplication;
            for (std::size_t r = 0; r < reps.size() && r < base.size(); ++r) {
                const std::optional<double> t
                    = recoveryOf(reps[r], base[r], s.simulation.warmupS, ends[a]);
                if (!t)
                    ++e.notRecovered;
                recovery.push_back(t ? *t : std::max(0.0, s.simulation.durationS - ends[a]));
            }
            if (!recovery.empty())
                e.recoveryS = estimateOf(recovery);
        }
    }

    // the capacity search
    if (slo && !cancelled()) {
        for (std::size_t a = 0; a < runs.size(); ++a) {
            say(QStringLiteral("Searching the capacity of %1").arg(runs[a].name));
            CapacityOptions capacity;
            capacity.precision = 0.02;
            capacity.threads = options.threads;
            capacity.cancel = options.cancel;
            Scenario s = runs[a].scenario;
            if (sim.durationS)
                s.simulation.durationS = *sim.durationS;
            const std::optional<CapacityResult> found = findCapacity(s, *slo, capacity, problems);
            if (!found)
                return std::nullopt;
            out.cancelled = out.cancelled || found->cancelled;
            out.alternatives[a].capacitySearched = true;
            out.alternatives[a].maxRatePerS = found->maxRatePerS;
        }
    }
    out.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

// ---- ranking and sensitivity ---------------------------------------------------------------

std::vector<RankedAlternative> rankMatrix(const std::vector<double> &weights,
                                          const std::vector<std::vector<double>> &scores)
{
    const std::size_t nAlt = scores.empty() ? 0 : scores.front().size();
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<RankedAlternative> out(nAlt);
    for (std::size_t a = 0; a < nAlt; ++a) {
        out[a].alternative = int(a);
        for (std::size_t k = 0; k < scores.size() && k < weights.size(); ++k)
            out[a].score += total > 0 ? weights[k] / total * scores[k][a] : 0;
    }
    std::stable_sort(out.begin(), out.end(), [](const auto &x, const auto &y) {
        return x.score > y.score;
    });
    if (out.size() < 2)
        return out;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int self = out[i].alternative;
        const int other = i == 0 ? out[1].alternative : out[0].alternative;
        std::vector<DecidingCriterion> parts;
        for (std::size_t k = 0; k < scores.size() && k < weights.size(); ++k) {
            const double points = total > 0 ? weights[k] / total
                                                  * (scores[k][std::size_t(self)]
                                                     - scores[k][std::size_t(other)])
                                            : 0;
            if (std::abs(points) > 1e-12)
                parts.push_back({QString::number(k), points});
        }
        std::stable_sort(parts.begin(), parts.end(), [](const auto &x, const auto &y) {
            return std::abs(x.points) > std::abs(y.points);
        });
        if (parts.size() > 3)
            parts.resize(3);
        // "two or three": a third that adds less than a tenth of the first is left out
        if (parts.size() == 3 && std::abs(parts[2].points) < 0.1 * std::abs(parts[0].points))
            parts.resize(2);
        out[i].deciding = std::move(parts);
    }
    return out;
}

std::vector<WeightSensitivity> weightSensitivity(const std::vector<double> &weights,
                                                 const std::vector<std::vector<double>> &scores)
{
    std::vector<WeightSensitivity> out;
    const std::size_t nAlt = scores.empty() ? 0 : scores.front().size();
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (nAlt < 2 || !(total > 0))
        return out;
    const int winner = rankMatrix(weights, scores).front().alternative;
    for (std::size_t i = 0; i < weights.size() && i < scores.size(); ++i) {
        WeightSensitivity s;
        s.criterion = int(i);
        s.share = weights[i] / total;
        const double rest = total - weights[i];
        if (!(rest > 0)) {
            out.push_back(s); // the only weight: moving it changes nothing relative
            continue;
        }
        // With share p for criterion i and the others in proportion, alternative a scores
        // S_a(p) = p s_ai + (1 - p) R_a, a straight line; the winner changes where the lines
        // of the winner and another alternative cross.
        std::vector<double> r(nAlt, 0);
        for (std::size_t a = 0; a < nAlt; ++a) {
            for (std::size_t k = 0; k < weights.size() && k < scores.size(); ++k) {
                if (k != i)
                    r[a] += weights[k] / rest * scores[k][a];
            }
        }
        const std::size_t w = std::size_t(winner);
        for (std::size_t a = 0; a < nAlt; ++a) {
            if (a == w)
                continue;
            const double atZero = r[w] - r[a];                // D(0)
            const double atOne = scores[i][w] - scores[i][a]; // D(1)
            const double slope = atOne - atZero;
            if (std::abs(slope) < 1e-12)
                continue; // parallel: never cross
            const double p = atZero / (atZero - atOne);
            if (p < -1e-12 || p > 1 + 1e-12)
                continue;
            const double at = clampTo(p, 0, 1);
            // a tie at the end of the range is no flip: the other must win beyond the crossing
            if (at < s.share && atZero < -1e-12 && (!s.lowerFlip || at > *s.lowerFlip)) {
                s.lowerFlip = at;
                s.lowerWinner = int(a);
            } else if (at > s.share && atOne < -1e-12 && (!s.upperFlip || at < *s.upperFlip)) {
                s.upperFlip = at;
                s.upperWinner = int(a);
            }
        }
        out.push_back(s);
    }
    return out;
}

// ---- evaluation -----------------------------------------------------------------------------

DecisionResult evaluateDecision(const Decision &decision,
                                const std::vector<Scenario> &alternatives,
                                const DecisionEvidence *evidence)
{
    DecisionResult out;
    const std::size_t nAlt = alternatives.size();
    for (std::size_t a = 0; a < nAlt; ++a)
        out.alternatives.append(a < std::size_t(decision.alternatives.size())
                                    ? decision.alternatives.at(qsizetype(a))
                                    : alternatives[a].name);
    const std::vector<std::vector<PrefilledScore>> prefilled = prefillScores(decision.questionnaire,
                                                                             alternatives);
    const std::vector<DecisionCriterion> &criteria = decisionCriteria();
    const bool haveEvidence = evidence && evidence->alternatives.size() == nAlt;

    for (std::size_t k = 0; k < criteria.size(); ++k) {
        const DecisionCriterion &c = criteria[k];
        const QString id = QLatin1String(c.id);
        DecisionRow row;
        row.criterion = id;
        row.label = QLatin1String(c.label);
        row.simulated = c.simulated;
        row.weight = decision.weightOf(id);
        row.cells.resize(nAlt);
        if (!c.simulated) {
            for (std::size_t a = 0; a < nAlt; ++a) {
                row.cells[a].score = prefilled[k][a].score;
                row.cells[a].reason = prefilled[k][a].reason;
            }
        } else {
            // the raw figures: from the evidence, or the topology (known without a run)
            std::vector<std::optional<Estimate>> raw(nAlt);
            for (std::size_t a = 0; a < nAlt; ++a) {
                const TopologyFacts topo = haveEvidence ? evidence->alternatives[a].topology
                                                        : topologyFacts(alternatives[a]);
                if (id == QLatin1String("deployables"))
                    raw[a] = Estimate{double(topo.deployables), std::nullopt};
                else if (id == QLatin1String("sync_hops"))
                    raw[a] = Estimate{double(topo.syncHops), std::nullopt};
                if (!haveEvidence)
                    continue;
                const AlternativeEvidence &e = evidence->alternatives[a];
                if (id == QLatin1String("p99_ms"))
                    raw[a] = e.p99Ms;
                else if (id == QLatin1String("cost_per_hour"))
                    raw[a] = e.costPerHour;
                else if (id == QLatin1String("fault_error_rate"))
                    raw[a] = e.faultErrorRate;
                else if (id == QLatin1String("recovery_s"))
                    raw[a] = e.recoveryS;
                else if (id == QLatin1String("capacity_headroom") && e.capacitySearched
                         && e.targetRatePerS > 0)
                    raw[a] = Estimate{e.maxRatePerS.value_or(0) / e.targetRatePerS, std::nullopt};
            }
            row.measured = std::all_of(raw.begin(), raw.end(), [](const auto &r) {
                return r.has_value();
            });
            if (row.measured) {
                const double floor = floorOf(id);
                double best = c.lowerIsBetter ? std::numeric_limits<double>::infinity() : 0;
                for (const auto &r : raw)
                    best = c.lowerIsBetter ? std::min(best, r->mean) : std::max(best, r->mean);
                for (std::size_t a = 0; a < nAlt; ++a) {
                    const double v = raw[a]->mean;
                    double score = 10;
                    if (c.lowerIsBetter)
                        score = v + floor > 0 ? 10 * (best + floor) / (v + floor) : 10;
                    else
                        score = best > 0 ? 10 * v / best : 0;
                    DecisionCell &cell = row.cells[a];
                    cell.score = round1(clampTo(score, 0, 10));
                    cell.raw = raw[a];
                    cell.text = estimateText(id, *raw[a]);
                    if (id == QLatin1String("sync_hops"))
                        cell.reason
                            = QStringLiteral("'%1' goes %2.")
                                  .arg(haveEvidence
                                           ? evidence->alternatives[a].topology.busiestRequest
                                           : topologyFacts(alternatives[a]).busiestRequest,
                                       (haveEvidence ? evidence->alternatives[a].topology
                                                     : topologyFacts(alternatives[a]))
                                           .busiestPath.join(QStringLiteral(" → ")));
                    else if (id == QLatin1String("deployables"))
                        cell.reason = v == 1 ? QStringLiteral("One service to build, release "
                                                              "and run.")
                                             : QStringLiteral("%1 services to build, release and "
                                                              "run.")
                                                   .arg(num(v, 0));
                    else if (id == QLatin1String("capacity_headroom"))
                        cell.reason = evidence->alternatives[a].maxRatePerS
                                          ? QStringLiteral("%1 requests/s under %2 against %3/s.")
                                                .arg(num(*evidence->alternatives[a].maxRatePerS, 0),
                                                     evidence->slo,
                                                     num(evidence->alternatives[a].targetRatePerS,
                                                         0))
                                          : QStringLiteral("The SLO %1 holds at no load tried.")
                                                .arg(evidence->slo);
                    else if (id == QLatin1String("recovery_s")
                             && evidence->alternatives[a].notRecovered > 0)
                        cell.reason = QStringLiteral("%1 of %2 replications had not recovered "
                                                     "when the run ended (counted as the time "
                                                     "to the end).")
                                          .arg(evidence->alternatives[a].notRecovered)
                                          .arg(evidence->replications);
                    else if (id == QLatin1String("fault_error_rate")
                             || id == QLatin1String("recovery_s"))
                        cell.reason = QStringLiteral("%1 of %2 at %3.")
                                          .arg(evidence->fault.kind,
                                               evidence->alternatives[a].faultTarget,
                                               evidence->fault.atS
                                                   ? num(*evidence->fault.atS, 0)
                                                         + QStringLiteral(" s")
                                                   : QStringLiteral("the middle of the run"));
                    else
                        cell.reason = QStringLiteral("All requests at %1 requests/s, the mean of "
                                                     "%2 replications.")
                                          .arg(num(evidence->alternatives[a].targetRatePerS, 0))
                                          .arg(evidence->replications);
                }
            } else {
                out.notes.append(QStringLiteral("%1: not measured (%2), left out of the ranking.")
                                     .arg(row.label,
                                          !haveEvidence ? QStringLiteral("no simulation ran")
                                          : id == QLatin1String("capacity_headroom")
                                              ? QStringLiteral("no capacity search was asked for")
                                              : QStringLiteral("no fault run was asked for")));
            }
        }
        // the user's overrides win over pre-filled and measured scores
        for (std::size_t a = 0; a < nAlt; ++a) {
            if (const ScoreOverride *o = decision.overrideOf(id,
                                                             out.alternatives.at(qsizetype(a)))) {
                row.cells[a].score = clampTo(o->score, 0, 10);
                row.cells[a].overridden = true;
                // the pre-filled or measured reasoning does not explain a score set by hand
                row.cells[a].reason = o->reason.isEmpty()
                                          ? QStringLiteral("set by hand, with no reason given "
                                                           "(the pre-filled reasoning was: %1)")
                                                .arg(row.cells[a].reason)
                                          : o->reason;
                if (!row.measured && row.simulated) {
                    // an override of every alternative makes an unmeasured row usable
                    bool all = true;
                    for (const QString &alt : out.alternatives)
                        all = all && decision.overrideOf(id, alt);
                    if (all) {
                        row.measured = true;
                        out.notes.removeIf([&row](const QString &n) {
                            return n.startsWith(row.label + QLatin1Char(':'));
                        });
                    }
                }
            }
        }
        out.rows.push_back(std::move(row));
    }

    // the ranking over the rows in use
    std::vector<int> used;
    std::vector<double> weights;
    std::vector<std::vector<double>> scores;
    double total = 0;
    for (std::size_t k = 0; k < out.rows.size(); ++k) {
        if (!out.rows[k].measured)
            continue;
        used.push_back(int(k));
        weights.push_back(out.rows[k].weight);
        total += out.rows[k].weight;
        std::vector<double> s;
        for (const DecisionCell &c : out.rows[k].cells)
            s.push_back(c.score);
        scores.push_back(std::move(s));
    }
    for (std::size_t u = 0; u < used.size(); ++u)
        out.rows[std::size_t(used[u])].share = total > 0 ? weights[u] / total : 0;
    if (!(total > 0))
        out.notes.append(
            QStringLiteral("Every weight is 0: give at least one criterion a weight."));
    out.ranking = rankMatrix(weights, scores);
    for (RankedAlternative &r : out.ranking) {
        for (DecidingCriterion &d : r.deciding)
            d.criterion = out.rows[std::size_t(used[std::size_t(d.criterion.toInt())])].criterion;
    }
    out.sensitivity = weightSensitivity(weights, scores);
    for (WeightSensitivity &s : out.sensitivity)
        s.criterion = used[std::size_t(s.criterion)];
    return out;
}

QString sensitivityText(const DecisionResult &result, const WeightSensitivity &s)
{
    if (!s.lowerFlip && !s.upperFlip)
        return QStringLiteral("no change within 0–100% flips it");
    QStringList parts;
    if (s.lowerFlip)
        parts.append(QStringLiteral("down to %1% (−%2 pp) makes %3 win")
                         .arg(num(*s.lowerFlip * 100),
                              num((s.share - *s.lowerFlip) * 100),
                              result.alternatives.value(s.lowerWinner)));
    if (s.upperFlip)
        parts.append(QStringLiteral("up to %1% (+%2 pp) makes %3 win")
                         .arg(num(*s.upperFlip * 100),
                              num((*s.upperFlip - s.share) * 100),
                              result.alternatives.value(s.upperWinner)));
    return parts.join(QStringLiteral("; "));
}

// ---- the ADR ------------------------------------------------------------------------------

namespace {

const DecisionRow *rowOf(const DecisionResult &r, const QString &criterion)
{
    for (const DecisionRow &row : r.rows) {
        if (row.criterion == criterion)
            return &row;
    }
    return nullptr;
}

} // namespace

QString decidingCriteriaText(const DecisionResult &r, const RankedAlternative &ranked)
{
    QStringList parts;
    for (const DecidingCriterion &d : ranked.deciding) {
        const DecisionRow *row = rowOf(r, d.criterion);
        parts.append(QStringLiteral("%1 (%2%3)")
                         .arg(row ? row->label.toLower() : d.criterion,
                              d.points >= 0 ? QStringLiteral("+") : QStringLiteral("−"),
                              num(std::abs(d.points), 2)));
    }
    return parts.join(QStringLiteral(", "));
}

namespace {

QString questionnaireText(const Questionnaire &q)
{
    return QStringLiteral("%1 in %2, releasing %3 times a week per team; the domain is %4; "
                          "operations maturity is %5, with %6 on call")
        .arg(plural(q.developers, QStringLiteral("developer"), QStringLiteral("developers")),
             plural(q.teams, QStringLiteral("team"), QStringLiteral("teams")),
             QString::number(q.releasesPerWeek),
             q.domainStability,
             q.opsMaturity,
             plural(q.onCallEngineers, QStringLiteral("engineer"), QStringLiteral("engineers")));
}

QString percent(double share)
{
    return num(share * 100, 0) + QLatin1Char('%');
}

} // namespace

QString decisionAdr(const Decision &decision,
                    const std::vector<Scenario> &alternatives,
                    const DecisionResult &result,
                    const DecisionEvidence *evidence)
{
    QString md;
    const auto line = [&md](const QString &s = {}) { md += s + QLatin1Char('\n'); };
    line(QStringLiteral("# ") + decision.name);
    line();
    line(QStringLiteral("* Status: ") + decision.status);
    line();
    line(QStringLiteral("## Context and Problem Statement"));
    line();
    QStringList quoted;
    for (const QString &alt : result.alternatives)
        quoted.append(QLatin1Char('"') + alt + QLatin1Char('"'));
    line(decision.context.isEmpty() ? QStringLiteral("Which of %1 should we build?")
                                          .arg(quoted.join(QStringLiteral(" or ")))
                                    : decision.context.trimmed());
    line();
    line(QStringLiteral("The team: %1.").arg(questionnaireText(decision.questionnaire)));
    line();

    line(QStringLiteral("## Decision Drivers"));
    line();
    std::vector<const DecisionRow *> drivers;
    for (const DecisionRow &row : result.rows) {
        if (row.measured && row.share > 0)
            drivers.push_back(&row);
    }
    std::stable_sort(drivers.begin(), drivers.end(), [](const auto *x, const auto *y) {
        return x->share > y->share;
    });
    for (const DecisionRow *row : drivers)
        line(QStringLiteral("* %1 (weight %2%3)")
                 .arg(row->label,
                      percent(row->share),
                      row->simulated ? QStringLiteral(", simulated") : QString()));
    for (const QString &note : result.notes)
        line(QStringLiteral("* Not considered: ") + note);
    line();

    line(QStringLiteral("## Considered Options"));
    line();
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        const QString desc = alternatives[a].description.trimmed();
        line(
            QStringLiteral("* %1%2").arg(result.alternatives.at(qsizetype(a)),
                                         desc.isEmpty() ? QString() : QStringLiteral(": ") + desc));
    }
    line();

    line(QStringLiteral("## Decision Outcome"));
    line();
    if (result.ranking.size() >= 2) {
        const RankedAlternative &win = result.ranking[0];
        const RankedAlternative &second = result.ranking[1];
        line(QStringLiteral("Chosen option: \"%1\", because it scores %2 of 10 against %3 for "
                            "\"%4\" in the weighted matrix; what decided it: %5.")
                 .arg(result.alternatives.at(win.alternative),
                      num(win.score, 2),
                      num(second.score, 2),
                      result.alternatives.at(second.alternative),
                      decidingCriteriaText(result, win)));
        line();
        line(QStringLiteral("| option | weighted score | what decided it (points against %1) |")
                 .arg(QStringLiteral("the runner-up for the winner, the winner for the others")));
        line(QStringLiteral("|---|---:|---|"));
        for (const RankedAlternative &r : result.ranking)
            line(QStringLiteral("| %1 | %2 | %3 |")
                     .arg(result.alternatives.at(r.alternative),
                          num(r.score, 2),
                          decidingCriteriaText(result, r)));
        line();
    }

    if (evidence) {
        line(QStringLiteral("### Evidence"));
        line();
        line(QStringLiteral("Measured by ArchSim with %1 replications per alternative (seed %2, "
                            "common random numbers); ± is the half-width of the 95% confidence "
                            "interval.")
                 .arg(evidence->replications)
                 .arg(evidence->seed));
        if (!evidence->fault.kind.isEmpty()) {
            const Fault &f = evidence->fault;
            const QString when = f.atS ? QStringLiteral("at %1 s").arg(num(*f.atS, 0))
                                       : QStringLiteral("in the middle of the measured time");
            const QString where = QStringLiteral(
                "the busiest service of each alternative (the one that receives the most "
                "requests)");
            if (f.kind == QLatin1String("kill_instance"))
                line(QStringLiteral("The fault run kills %1 of %2 %3; its restart policy brings "
                                    "it back. Recovery is the time until the p99 and the error "
                                    "rate are back near their level without the fault for five "
                                    "seconds in a row.")
                         .arg(plural(f.count.value_or(1),
                                     QStringLiteral("instance"),
                                     QStringLiteral("instances")),
                              f.target.isEmpty() ? where : f.target,
                              when));
            else
                line(QStringLiteral("The fault run takes %1 down %2%3. Recovery is the time "
                                    "from the end of the outage until the p99 and the error "
                                    "rate are back near their level without the fault for five "
                                    "seconds in a row.")
                         .arg(f.target.isEmpty() ? where : f.target,
                              when,
                              f.untilS ? QStringLiteral(" until %1 s").arg(num(*f.untilS, 0))
                                       : QStringLiteral(" until the end of the run")));
        }
        if (!evidence->slo.isEmpty())
            line(QStringLiteral("Capacity headroom is the highest rate at which the SLO %1 holds "
                                "over the target rate.")
                     .arg(evidence->slo));
        if (evidence->cancelled)
            line(QStringLiteral("**The runs were cancelled: the figures are incomplete.**"));
        line();
        QString header = QStringLiteral("| figure |");
        QString rule = QStringLiteral("|---|");
        for (const QString &alt : result.alternatives) {
            header += QStringLiteral(" %1 |").arg(alt);
            rule += QStringLiteral("---:|");
        }
        line(header);
        line(rule);
        const auto row = [&](const QString &label,
                             const std::function<QString(const AlternativeEvidence &)> &f) {
            QString text = QStringLiteral("| %1 |").arg(label);
            for (const AlternativeEvidence &e : evidence->alternatives)
                text += QStringLiteral(" %1 |").arg(f(e));
            line(text);
        };
        row(QStringLiteral("target load"), [](const AlternativeEvidence &e) {
            return num(e.targetRatePerS, 0) + QStringLiteral(" requests/s");
        });
        row(QStringLiteral("p99 latency"), [](const AlternativeEvidence &e) {
            return estimateText(QStringLiteral("p99_ms"), e.p99Ms);
        });
        row(QStringLiteral("error rate"), [](const AlternativeEvidence &e) {
            return estimateText(QStringLiteral("fault_error_rate"), e.errorRate);
        });
        row(QStringLiteral("cost per hour"), [](const AlternativeEvidence &e) {
            return estimateText(QStringLiteral("cost_per_hour"), e.costPerHour);
        });
        if (!evidence->fault.kind.isEmpty()) {
            row(QStringLiteral("fault"), [&](const AlternativeEvidence &e) {
                return QStringLiteral("%1 of %2").arg(evidence->fault.kind, e.faultTarget);
            });
            row(QStringLiteral("error rate under the fault"), [](const AlternativeEvidence &e) {
                return e.faultErrorRate
                           ? estimateText(QStringLiteral("fault_error_rate"), *e.faultErrorRate)
                           : QStringLiteral("—");
            });
            row(QStringLiteral("recovery after the fault"), [](const AlternativeEvidence &e) {
                if (!e.recoveryS)
                    return QStringLiteral("—");
                QString t = estimateText(QStringLiteral("recovery_s"), *e.recoveryS);
                if (e.notRecovered > 0)
                    t += QStringLiteral(" (%1 not recovered)").arg(e.notRecovered);
                return t;
            });
        }
        if (!evidence->slo.isEmpty())
            row(QStringLiteral("capacity under ") + evidence->slo,
                [](const AlternativeEvidence &e) {
                    return e.maxRatePerS ? num(*e.maxRatePerS, 0) + QStringLiteral(" requests/s (")
                                               + num(*e.maxRatePerS / e.targetRatePerS, 2)
                                               + QStringLiteral("×)")
                                         : QStringLiteral("fails at every load tried");
                });
        row(QStringLiteral("deployables"),
            [](const AlternativeEvidence &e) { return QString::number(e.topology.deployables); });
        row(QStringLiteral("synchronous hops, busiest path"), [](const AlternativeEvidence &e) {
            return QStringLiteral("%1 (%2)")
                .arg(e.topology.syncHops)
                .arg(e.topology.busiestPath.join(QStringLiteral(" → ")));
        });
        line();
    }

    line(QStringLiteral("### Confidence"));
    line();
    line(QStringLiteral("How far each weight (its share of all weights, the others kept in "
                        "proportion) must move before another option wins:"));
    line();
    std::vector<WeightSensitivity> sens = result.sensitivity;
    const auto distance = [](const WeightSensitivity &s) {
        double d = std::numeric_limits<double>::infinity();
        if (s.lowerFlip)
            d = std::min(d, s.share - *s.lowerFlip);
        if (s.upperFlip)
            d = std::min(d, *s.upperFlip - s.share);
        return d;
    };
    std::stable_sort(sens.begin(), sens.end(), [&](const auto &x, const auto &y) {
        return distance(x) < distance(y);
    });
    for (const WeightSensitivity &s : sens)
        line(QStringLiteral("* %1 (now %2): %3")
                 .arg(result.rows[std::size_t(s.criterion)].label,
                      percent(s.share),
                      sensitivityText(result, s)));
    line();

    line(QStringLiteral("## Pros and Cons of the Options"));
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        line();
        line(QStringLiteral("### ") + result.alternatives.at(qsizetype(a)));
        line();
        // good: the criteria where it scores above the other options' mean; bad: below
        struct Item
        {
            double margin;
            QString text;
        };
        std::vector<Item> good, bad;
        for (const DecisionRow &row : result.rows) {
            if (!row.measured || row.share <= 0)
                continue;
            double others = 0;
            for (std::size_t b = 0; b < row.cells.size(); ++b)
                others += b == a ? 0 : row.cells[b].score;
            others /= double(row.cells.size() - 1);
            const DecisionCell &cell = row.cells[a];
            const double margin = (cell.score - others) * row.share;
            if (std::abs(cell.score - others) < 0.5)
                continue;
            const QString text
                = QStringLiteral("%1: %2 of 10%3%4 %5")
                      .arg(row.label,
                           num(cell.score),
                           cell.text.isEmpty() ? QString() : QStringLiteral(", ") + cell.text,
                           cell.overridden ? QStringLiteral(" (set by hand)") : QString(),
                           cell.reason.isEmpty() ? QString() : QStringLiteral("— ") + cell.reason);
            (margin > 0 ? good : bad).push_back({std::abs(margin), text.trimmed()});
        }
        const auto byMargin = [](const Item &x, const Item &y) { return x.margin > y.margin; };
        std::stable_sort(good.begin(), good.end(), byMargin);
        std::stable_sort(bad.begin(), bad.end(), byMargin);
        for (const Item &i : good)
            line(QStringLiteral("* Good, because ") + i.text);
        for (const Item &i : bad)
            line(QStringLiteral("* Bad, because ") + i.text);
        if (good.empty() && bad.empty())
            line(QStringLiteral("* Neutral: no criterion sets it apart by half a point or more."));
    }
    return md;
}

// ---- JSON ----------------------------------------------------------------------------------

namespace {

QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject estimateJson(const Estimate &e)
{
    return {{QStringLiteral("mean"), e.mean}, {QStringLiteral("ci95"), orNull(e.ci95)}};
}

QJsonObject faultJson(const Fault &f)
{
    QJsonObject o{{QStringLiteral("kind"), f.kind}};
    if (f.atS)
        o.insert(QStringLiteral("at_s"), *f.atS);
    if (f.untilS)
        o.insert(QStringLiteral("until_s"), *f.untilS);
    if (!f.target.isEmpty())
        o.insert(QStringLiteral("target"), f.target);
    if (f.count)
        o.insert(QStringLiteral("count"), *f.count);
    return o;
}

/** A fault object (`fp` its path), as faultJson writes it. */
Fault readFault(Reader &r, const QJsonObject &f, const QString &fp)
{
    r.unknownKeys(f,
                  fp,
                  {QStringLiteral("kind"),
                   QStringLiteral("at_s"),
                   QStringLiteral("until_s"),
                   QStringLiteral("target"),
                   QStringLiteral("count")});
    Fault fault;
    fault.kind
        = r.word(f, QStringLiteral("kind"), fp, QStringLiteral("kill_instance"), kFaultKinds);
    fault.atS = r.number(f, QStringLiteral("at_s"), fp, 0, 1e8, QStringLiteral("s"));
    fault.untilS = r.number(f, QStringLiteral("until_s"), fp, 0, 1e8, QStringLiteral("s"));
    fault.target = r.string(f, QStringLiteral("target"), fp, QString());
    fault.count = r.integer(f, QStringLiteral("count"), fp, 1, 100000);
    if (fault.atS && fault.untilS && *fault.untilS <= *fault.atS)
        r.error(fp + QStringLiteral(".until_s"),
                QStringLiteral("must be after at_s (%1 s)").arg(*fault.atS));
    return fault;
}

QJsonObject simulationJson(const DecisionSimulation &s)
{
    QJsonObject sim{{QStringLiteral("replications"), s.replications},
                    {QStringLiteral("capacity"), s.capacity}};
    if (s.targetRatePerS)
        sim.insert(QStringLiteral("target_rate_per_s"), *s.targetRatePerS);
    if (s.durationS)
        sim.insert(QStringLiteral("duration_s"), *s.durationS);
    if (!s.slo.isEmpty())
        sim.insert(QStringLiteral("slo"), s.slo);
    sim.insert(QStringLiteral("fault"),
               s.fault.kind.isEmpty() ? QJsonValue(QJsonValue::Null)
                                      : QJsonValue(faultJson(s.fault)));
    return sim;
}

/** A decision's "simulation" object (`sp` its path), as simulationJson writes it. */
DecisionSimulation readSimulation(Reader &r, const QJsonObject &sim, const QString &sp)
{
    r.unknownKeys(sim,
                  sp,
                  {QStringLiteral("replications"),
                   QStringLiteral("target_rate_per_s"),
                   QStringLiteral("duration_s"),
                   QStringLiteral("capacity"),
                   QStringLiteral("slo"),
                   QStringLiteral("fault")});
    DecisionSimulation s;
    s.replications
        = r.integer(sim, QStringLiteral("replications"), sp, 1, 1000).value_or(s.replications);
    s.targetRatePerS
        = r.number(sim, QStringLiteral("target_rate_per_s"), sp, 1e-6, 1e9, QStringLiteral("/s"));
    s.durationS = r.number(sim, QStringLiteral("duration_s"), sp, 1e-3, 1e8, QStringLiteral("s"));
    const QJsonValue cap = sim.value(QStringLiteral("capacity"));
    if (!cap.isUndefined() && !cap.isNull() && !cap.isBool())
        r.error(sp + QStringLiteral(".capacity"), QStringLiteral("must be true or false"));
    s.capacity = cap.toBool(false);
    s.slo = r.string(sim, QStringLiteral("slo"), sp, QString());
    if (!s.slo.isEmpty()) {
        QString error;
        if (!parseSlo(s.slo, &error))
            r.error(sp + QStringLiteral(".slo"), error);
    }
    const QString fp = sp + QStringLiteral(".fault");
    const QJsonValue faultValue = sim.value(QStringLiteral("fault"));
    if (faultValue.isObject()) {
        s.fault = readFault(r, faultValue.toObject(), fp);
    } else if (!faultValue.isUndefined() && !faultValue.isNull()) {
        r.error(fp,
                QStringLiteral("must be an object {\"kind\": \"kill_instance\", ...} or null for "
                               "no fault run"));
    }
    return s;
}

QJsonObject evidenceJson(const DecisionEvidence &evidence)
{
    QJsonArray alts;
    for (const AlternativeEvidence &e : evidence.alternatives) {
        QJsonObject o{{QStringLiteral("name"), e.name},
                      {QStringLiteral("target_rate_per_s"), e.targetRatePerS},
                      {QStringLiteral("latency_p99_ms"), estimateJson(e.p99Ms)},
                      {QStringLiteral("error_rate"), estimateJson(e.errorRate)},
                      {QStringLiteral("cost_per_hour"), estimateJson(e.costPerHour)},
                      {QStringLiteral("deployables"), e.topology.deployables},
                      {QStringLiteral("databases"), e.topology.databases},
                      {QStringLiteral("busiest_request"), e.topology.busiestRequest},
                      {QStringLiteral("sync_hops"), e.topology.syncHops},
                      {QStringLiteral("busiest_path"),
                       QJsonArray::fromStringList(e.topology.busiestPath)}};
        if (e.faultErrorRate) {
            o.insert(QStringLiteral("fault_target"), e.faultTarget);
            o.insert(QStringLiteral("fault_error_rate"), estimateJson(*e.faultErrorRate));
        }
        if (e.recoveryS) {
            o.insert(QStringLiteral("recovery_s"), estimateJson(*e.recoveryS));
            o.insert(QStringLiteral("not_recovered"), e.notRecovered);
        }
        if (e.capacitySearched)
            o.insert(QStringLiteral("max_rate_per_s"), orNull(e.maxRatePerS));
        alts.append(o);
    }
    QJsonObject out{{QStringLiteral("replications"), evidence.replications},
                    {QStringLiteral("seed"), QString::number(evidence.seed)},
                    {QStringLiteral("slo"), evidence.slo},
                    {QStringLiteral("cancelled"), evidence.cancelled},
                    {QStringLiteral("wall_s"), evidence.wallS},
                    {QStringLiteral("alternatives"), alts}};
    if (!evidence.fault.kind.isEmpty())
        out.insert(QStringLiteral("fault"), faultJson(evidence.fault));
    return out;
}

std::optional<Estimate> readEstimate(Reader &r,
                                     const QJsonObject &o,
                                     const QString &key,
                                     const QString &path)
{
    if (!o.contains(key))
        return std::nullopt;
    const QJsonObject e = r.object(o, key, path);
    const QString p = path + QLatin1Char('.') + key;
    r.unknownKeys(e, p, {QStringLiteral("mean"), QStringLiteral("ci95")});
    const std::optional<double> mean = r.number(e, QStringLiteral("mean"), p, -1e300, 1e300);
    if (!mean) {
        r.error(p + QStringLiteral(".mean"), QStringLiteral("a measured figure needs its mean"));
        return std::nullopt;
    }
    return Estimate{*mean, r.number(e, QStringLiteral("ci95"), p, 0, 1e300)};
}

/** evidenceJson's JSON (`path` its path). */
DecisionEvidence readEvidence(Reader &r, const QJsonObject &o, const QString &path)
{
    r.unknownKeys(o,
                  path,
                  {QStringLiteral("replications"),
                   QStringLiteral("seed"),
                   QStringLiteral("slo"),
                   QStringLiteral("cancelled"),
                   QStringLiteral("wall_s"),
                   QStringLiteral("fault"),
                   QStringLiteral("alternatives")});
    DecisionEvidence out;
    if (const std::optional<int> n = r.integer(o, QStringLiteral("replications"), path, 1, 1000))
        out.replications = *n;
    else
        r.error(path + QStringLiteral(".replications"),
                QStringLiteral("missing: run the decision again"));
    bool seedOk = false;
    out.seed = r.string(o, QStringLiteral("seed"), path).toULongLong(&seedOk);
    if (!seedOk)
        r.error(path + QStringLiteral(".seed"), QStringLiteral("must be a whole number in quotes"));
    out.slo = r.string(o, QStringLiteral("slo"), path);
    out.cancelled = o.value(QStringLiteral("cancelled")).toBool(false);
    out.wallS = r.number(o, QStringLiteral("wall_s"), path, 0, 1e12).value_or(0);
    if (const std::optional<QJsonObject> f = r.objectIfGiven(o, QStringLiteral("fault"), path))
        out.fault = readFault(r, *f, path + QStringLiteral(".fault"));
    const QJsonArray alts = r.array(o, QStringLiteral("alternatives"), path);
    for (qsizetype i = 0; i < alts.size(); ++i) {
        const QString p = path + QStringLiteral(".alternatives[%1]").arg(i);
        const QJsonObject a = alts.at(i).toObject();
        r.unknownKeys(a,
                      p,
                      {QStringLiteral("name"),
                       QStringLiteral("target_rate_per_s"),
                       QStringLiteral("latency_p99_ms"),
                       QStringLiteral("error_rate"),
                       QStringLiteral("cost_per_hour"),
                       QStringLiteral("deployables"),
                       QStringLiteral("databases"),
                       QStringLiteral("busiest_request"),
                       QStringLiteral("sync_hops"),
                       QStringLiteral("busiest_path"),
                       QStringLiteral("fault_target"),
                       QStringLiteral("fault_error_rate"),
                       QStringLiteral("recovery_s"),
                       QStringLiteral("not_recovered"),
                       QStringLiteral("max_rate_per_s")});
        AlternativeEvidence e;
        e.name = r.string(a, QStringLiteral("name"), p);
        e.targetRatePerS = r.number(a, QStringLiteral("target_rate_per_s"), p, 0, 1e12).value_or(0);
        const auto required = [&](const QString &key) {
            std::optional<Estimate> v = readEstimate(r, a, key, p);
            if (!v)
                r.error(p + QLatin1Char('.') + key,
                        QStringLiteral("missing: run the decision again"));
            return v.value_or(Estimate{});
        };
        e.p99Ms = required(QStringLiteral("latency_p99_ms"));
        e.errorRate = required(QStringLiteral("error_rate"));
        e.costPerHour = required(QStringLiteral("cost_per_hour"));
        e.topology.deployables
            = r.integer(a, QStringLiteral("deployables"), p, 0, 1000000).value_or(0);
        e.topology.databases = r.integer(a, QStringLiteral("databases"), p, 0, 1000000).value_or(0);
        e.topology.busiestRequest = r.string(a, QStringLiteral("busiest_request"), p);
        e.topology.syncHops = r.integer(a, QStringLiteral("sync_hops"), p, 0, 1000000).value_or(0);
        for (const QJsonValue &v : r.array(a, QStringLiteral("busiest_path"), p))
            e.topology.busiestPath.append(v.toString());
        e.faultTarget = r.string(a, QStringLiteral("fault_target"), p);
        e.faultErrorRate = readEstimate(r, a, QStringLiteral("fault_error_rate"), p);
        e.recoveryS = readEstimate(r, a, QStringLiteral("recovery_s"), p);
        e.notRecovered = r.integer(a, QStringLiteral("not_recovered"), p, 0, 1000).value_or(0);
        e.capacitySearched = a.contains(QStringLiteral("max_rate_per_s"));
        e.maxRatePerS = r.number(a, QStringLiteral("max_rate_per_s"), p, 0, 1e12);
        out.alternatives.push_back(e);
    }
    return out;
}

} // namespace

QJsonObject decisionToJson(const Decision &d)
{
    QJsonObject q{{QStringLiteral("developers"), d.questionnaire.developers},
                  {QStringLiteral("teams"), d.questionnaire.teams},
                  {QStringLiteral("releases_per_week"), d.questionnaire.releasesPerWeek},
                  {QStringLiteral("domain_stability"), d.questionnaire.domainStability},
                  {QStringLiteral("ops_maturity"), d.questionnaire.opsMaturity},
                  {QStringLiteral("on_call_engineers"), d.questionnaire.onCallEngineers}};
    QJsonObject weights;
    for (auto it = d.weights.constBegin(); it != d.weights.constEnd(); ++it)
        weights.insert(it.key(), it.value());
    QJsonArray overrides;
    for (const ScoreOverride &o : d.overrides) {
        QJsonObject j{{QStringLiteral("criterion"), o.criterion},
                      {QStringLiteral("alternative"), o.alternative},
                      {QStringLiteral("score"), o.score}};
        if (!o.reason.isEmpty())
            j.insert(QStringLiteral("reason"), o.reason);
        overrides.append(j);
    }
    const QJsonObject sim = simulationJson(d.simulation);
    QJsonObject out{{QStringLiteral("id"), d.id},
                    {QStringLiteral("name"), d.name},
                    {QStringLiteral("status"), d.status},
                    {QStringLiteral("context"), d.context},
                    {QStringLiteral("alternatives"), QJsonArray::fromStringList(d.alternatives)},
                    {QStringLiteral("questionnaire"), q},
                    {weightKey(), weights},
                    {QStringLiteral("overrides"), overrides},
                    {QStringLiteral("simulation"), sim}};
    return out;
}

std::optional<Decision> decisionFromJson(const QJsonObject &json,
                                         const QString &prefix,
                                         Problems *problems)
{
    Reader r(prefix, problems);
    Decision d;
    r.unknownKeys(json,
                  QString(),
                  {QStringLiteral("id"),
                   QStringLiteral("name"),
                   QStringLiteral("status"),
                   QStringLiteral("context"),
                   QStringLiteral("alternatives"),
                   QStringLiteral("questionnaire"),
                   weightKey(),
                   QStringLiteral("overrides"),
                   QStringLiteral("simulation")});
    d.id = r.string(json, QStringLiteral("id"), QString(), QString());
    d.name = r.string(json, QStringLiteral("name"), QString(), QString());
    if (d.name.trimmed().isEmpty())
        r.error(QStringLiteral(".name"),
                QStringLiteral("a decision needs a name, e.g. \"Monolith or microservices?\""));
    d.status = r.word(json, QStringLiteral("status"), QString(), d.status, kStatuses);
    d.context = r.string(json, QStringLiteral("context"), QString(), QString());
    const QJsonArray alts = r.array(json, QStringLiteral("alternatives"), QString());
    for (qsizetype i = 0; i < alts.size(); ++i) {
        if (!alts.at(i).isString() || alts.at(i).toString().isEmpty())
            r.error(QStringLiteral(".alternatives[%1]").arg(i),
                    QStringLiteral("must be the name of a scenario of the project, in quotes"));
        else
            d.alternatives.append(alts.at(i).toString());
    }

    const QString qp = QStringLiteral(".questionnaire");
    const QJsonObject q = r.object(json, QStringLiteral("questionnaire"), QString());
    r.unknownKeys(q,
                  qp,
                  {QStringLiteral("developers"),
                   QStringLiteral("teams"),
                   QStringLiteral("releases_per_week"),
                   QStringLiteral("domain_stability"),
                   QStringLiteral("ops_maturity"),
                   QStringLiteral("on_call_engineers")});
    Questionnaire &qq = d.questionnaire;
    qq.developers
        = r.integer(q, QStringLiteral("developers"), qp, 1, 100000).value_or(qq.developers);
    qq.teams = r.integer(q, QStringLiteral("teams"), qp, 1, 10000).value_or(qq.teams);
    qq.releasesPerWeek = r.number(q, QStringLiteral("releases_per_week"), qp, 0, 10000)
                             .value_or(qq.releasesPerWeek);
    qq.domainStability
        = r.word(q, QStringLiteral("domain_stability"), qp, qq.domainStability, kDomainStabilities);
    qq.opsMaturity = r.word(q, QStringLiteral("ops_maturity"), qp, qq.opsMaturity, kOpsMaturities);
    qq.onCallEngineers = r.integer(q, QStringLiteral("on_call_engineers"), qp, 0, 100000)
                             .value_or(qq.onCallEngineers);
    if (qq.teams > qq.developers)
        r.error(qp + QStringLiteral(".teams"),
                QStringLiteral("there are more teams (%1) than developers (%2); give the number "
                               "of teams the developers work in")
                    .arg(qq.teams)
                    .arg(qq.developers));

    const QJsonObject w = r.object(json, weightKey(), QString());
    QStringList ids;
    for (const DecisionCriterion &c : decisionCriteria())
        ids.append(QLatin1String(c.id));
    for (auto it = w.begin(); it != w.end(); ++it) {
        const QString path = QStringLiteral(".weights.") + it.key();
        if (!decisionCriterion(it.key())) {
            r.error(path,
                    QStringLiteral("unknown criterion '%1'; the criteria are %2")
                        .arg(it.key(), ids.join(QStringLiteral(", "))));
            continue;
        }
        if (const std::optional<double> v
            = r.number(w, it.key(), QStringLiteral(".weights"), 0, 100))
            d.weights.insert(it.key(), *v);
        else if (it.value().isNull())
            r.error(path, QStringLiteral("must be a number from 0 to 100"));
    }

    const QJsonArray overrides = r.array(json, QStringLiteral("overrides"), QString());
    for (qsizetype i = 0; i < overrides.size(); ++i) {
        const QString path = QStringLiteral(".overrides[%1]").arg(i);
        if (!overrides.at(i).isObject()) {
            r.error(path,
                    QStringLiteral("must be an object {\"criterion\": ..., \"alternative\": ..., "
                                   "\"score\": ...}"));
            continue;
        }
        const QJsonObject o = overrides.at(i).toObject();
        r.unknownKeys(o,
                      path,
                      {QStringLiteral("criterion"),
                       QStringLiteral("alternative"),
                       QStringLiteral("score"),
                       QStringLiteral("reason")});
        ScoreOverride so;
        so.criterion = r.string(o, QStringLiteral("criterion"), path, QString());
        so.alternative = r.string(o, QStringLiteral("alternative"), path, QString());
        so.reason = r.string(o, QStringLiteral("reason"), path, QString());
        const std::optional<double> score = r.number(o, QStringLiteral("score"), path, 0, 10);
        if (!decisionCriterion(so.criterion))
            r.error(path + QStringLiteral(".criterion"),
                    QStringLiteral("unknown criterion '%1'; the criteria are %2")
                        .arg(so.criterion, ids.join(QStringLiteral(", "))));
        if (!d.alternatives.contains(so.alternative))
            r.error(path + QStringLiteral(".alternative"),
                    QStringLiteral("'%1' is not one of the decision's alternatives (%2)")
                        .arg(so.alternative, d.alternatives.join(QStringLiteral(", "))));
        if (!score && !o.contains(QStringLiteral("score")))
            r.error(path + QStringLiteral(".score"),
                    QStringLiteral("an override needs a score from 0 to 10"));
        if (score)
            so.score = *score;
        if (d.overrideOf(so.criterion, so.alternative))
            r.error(path,
                    QStringLiteral("a second override of %1 for %2; keep one")
                        .arg(so.criterion, so.alternative));
        d.overrides.append(so);
    }

    d.simulation = readSimulation(r,
                                  r.object(json, QStringLiteral("simulation"), QString()),
                                  QStringLiteral(".simulation"));
    if (!r.ok())
        return std::nullopt;
    return d;
}

Problems checkDecisionAlternatives(const Decision &decision, const QStringList &scenarioNames)
{
    Problems out;
    if (decision.alternatives.size() < 2)
        out.append({Problem::Severity::Error,
                    QStringLiteral("$.alternatives"),
                    QStringLiteral("a decision needs two or more alternatives (it has %1); add "
                                   "scenarios of the project to it")
                        .arg(decision.alternatives.size())});
    QSet<QString> seen;
    for (qsizetype i = 0; i < decision.alternatives.size(); ++i) {
        const QString &name = decision.alternatives.at(i);
        const QString path = QStringLiteral("$.alternatives[%1]").arg(i);
        if (!scenarioNames.contains(name))
            out.append({Problem::Severity::Error,
                        path,
                        QStringLiteral("the project has no scenario named '%1'; its scenarios are "
                                       "%2")
                            .arg(name, scenarioNames.join(QStringLiteral(", ")))});
        if (seen.contains(name))
            out.append({Problem::Severity::Error,
                        path,
                        QStringLiteral("'%1' is named twice; each alternative once").arg(name)});
        seen.insert(name);
    }
    return out;
}

QJsonObject decisionResultToJson(const Decision &decision,
                                 const DecisionResult &result,
                                 const DecisionEvidence *evidence)
{
    QJsonArray rows;
    for (const DecisionRow &row : result.rows) {
        QJsonArray cells;
        for (std::size_t a = 0; a < row.cells.size(); ++a) {
            const DecisionCell &c = row.cells[a];
            QJsonObject cell{{QStringLiteral("alternative"), result.alternatives.at(qsizetype(a))},
                             {QStringLiteral("score"), c.score},
                             {QStringLiteral("reason"), c.reason},
                             {QStringLiteral("overridden"), c.overridden}};
            cell.insert(QStringLiteral("value"),
                        c.raw ? QJsonValue(estimateJson(*c.raw)) : QJsonValue(QJsonValue::Null));
            cells.append(cell);
        }
        rows.append(QJsonObject{{QStringLiteral("criterion"), row.criterion},
                                {QStringLiteral("label"), row.label},
                                {QStringLiteral("simulated"), row.simulated},
                                {QStringLiteral("used"), row.measured},
                                {QStringLiteral("weight"), row.weight},
                                {QStringLiteral("share"), row.share},
                                {QStringLiteral("scores"), cells}});
    }
    QJsonArray ranking;
    for (const RankedAlternative &r : result.ranking) {
        QJsonArray deciding;
        for (const DecidingCriterion &d : r.deciding)
            deciding.append(QJsonObject{{QStringLiteral("criterion"), d.criterion},
                                        {QStringLiteral("points"), d.points}});
        ranking.append(
            QJsonObject{{QStringLiteral("alternative"), result.alternatives.at(r.alternative)},
                        {QStringLiteral("score"), r.score},
                        {QStringLiteral("deciding"), deciding}});
    }
    QJsonArray sensitivity;
    for (const WeightSensitivity &s : result.sensitivity) {
        QJsonObject o{{QStringLiteral("criterion"),
                       result.rows[std::size_t(s.criterion)].criterion},
                      {QStringLiteral("share"), s.share},
                      {QStringLiteral("lower_flip"), orNull(s.lowerFlip)},
                      {QStringLiteral("upper_flip"), orNull(s.upperFlip)}};
        o.insert(QStringLiteral("lower_winner"),
                 s.lowerFlip ? QJsonValue(result.alternatives.value(s.lowerWinner))
                             : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("upper_winner"),
                 s.upperFlip ? QJsonValue(result.alternatives.value(s.upperWinner))
                             : QJsonValue(QJsonValue::Null));
        sensitivity.append(o);
    }
    QJsonObject out{{QStringLiteral("format"), QStringLiteral("archsim-decision-result")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("decision"), decisionToJson(decision)},
                    {QStringLiteral("criteria"), rows},
                    {QStringLiteral("ranking"), ranking},
                    {QStringLiteral("sensitivity"), sensitivity},
                    {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}};
    if (evidence)
        out.insert(QStringLiteral("evidence"), evidenceJson(*evidence));
    return out;
}

// ---- saved evidence ------------------------------------------------------------------------

QString decisionFingerprint(const std::vector<Scenario> &alternatives)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (Scenario s : alternatives) {
        s.name.clear();
        s.description.clear();
        hash.addData(serializeScenario(s));
        hash.addData(QByteArrayView("\n", 1));
    }
    return QString::fromLatin1(hash.result().toHex());
}

bool savedEvidenceApplies(const SavedDecisionEvidence &saved,
                          const Decision &decision,
                          const std::vector<Scenario> &alternatives)
{
    return saved.alternatives == decision.alternatives && saved.simulation == decision.simulation
           && saved.evidence.alternatives.size() == alternatives.size()
           && saved.fingerprint == decisionFingerprint(alternatives);
}

void renameInSavedEvidence(SavedDecisionEvidence &saved, const QString &from, const QString &to)
{
    for (QString &name : saved.alternatives) {
        if (name == from)
            name = to;
    }
    for (AlternativeEvidence &e : saved.evidence.alternatives) {
        if (e.name == from)
            e.name = to;
    }
}

QJsonObject savedEvidenceToJson(const SavedDecisionEvidence &saved)
{
    return {{QStringLiteral("alternatives"), QJsonArray::fromStringList(saved.alternatives)},
            {QStringLiteral("simulation"), simulationJson(saved.simulation)},
            {QStringLiteral("fingerprint"), saved.fingerprint},
            {QStringLiteral("measured_at"), saved.measuredAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("evidence"), evidenceJson(saved.evidence)}};
}

std::optional<SavedDecisionEvidence> savedEvidenceFromJson(const QJsonObject &json,
                                                           const QString &prefix,
                                                           Problems *problems)
{
    Reader r(prefix, problems);
    r.unknownKeys(json,
                  QString(),
                  {QStringLiteral("alternatives"),
                   QStringLiteral("simulation"),
                   QStringLiteral("fingerprint"),
                   QStringLiteral("measured_at"),
                   QStringLiteral("evidence")});
    SavedDecisionEvidence out;
    for (const QJsonValue &v : r.array(json, QStringLiteral("alternatives"), QString()))
        out.alternatives.append(v.toString());
    out.simulation = readSimulation(r,
                                    r.object(json, QStringLiteral("simulation"), QString()),
                                    QStringLiteral(".simulation"));
    out.fingerprint = r.string(json, QStringLiteral("fingerprint"), QString());
    out.measuredAt = QDateTime::fromString(r.string(json, QStringLiteral("measured_at"), QString()),
                                           Qt::ISODateWithMs);
    out.evidence = readEvidence(r,
                                r.object(json, QStringLiteral("evidence"), QString()),
                                QStringLiteral(".evidence"));
    if (out.fingerprint.isEmpty() || out.alternatives.size() < 2
        || qsizetype(out.evidence.alternatives.size()) != out.alternatives.size())
        r.error(QString(),
                QStringLiteral("the saved measurements do not say what they were measured on; "
                               "run the decision's simulations again"));
    if (!r.ok())
        return std::nullopt;
    return out;
}

} // namespace Model
