// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportData.h"

#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "persistence/RunResultJson.h"

#include <chrono>

namespace Model {

namespace {

QString when(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

/** Progress over the report's steps: each step's sentence and the share done before it. */
class ReportSteps
{
public:
    ReportSteps(const ReportRunOptions &options, int count)
        : m_options(options)
        , m_count(std::max(1, count))
    {}
    void next(const QString &what)
    {
        if (m_options.progress)
            m_options.progress(what, double(m_done) / m_count);
        ++m_done;
    }
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

private:
    const ReportRunOptions &m_options;
    int m_count;
    int m_done = 0;
};

/** Runs a scenario (with `replications` when > 0); nothing, with problems, when it fails. */
std::optional<Sim::RunResult> runNow(Scenario scenario,
                                     int replications,
                                     const ReportRunOptions &options,
                                     Problems *problems)
{
    if (replications > 0)
        scenario.simulation.replications = replications;
    const CompiledScenario compiled = compileScenario(scenario);
    if (!compiled.ok()) {
        for (Problem p : compiled.problems) {
            p.message = QStringLiteral("%1: %2").arg(scenario.name, p.message);
            problems->append(p);
        }
        return std::nullopt;
    }
    Sim::RunOptions o;
    o.threads = options.threads;
    o.cancel = options.cancel;
    return Sim::runSimulation(compiled.spec, o);
}

void fillFigures(ReportScenario &s)
{
    s.cost = costOf(s.scenario, s.result);
    s.slo = sloVerdictOf(s.scenario.slo, s.result);
}

/**
 * The SLO of the report's capacity searches: `capacity_slo`, else the first scenario's own
 * "slo"; nothing, with a problem saying what to do, when there is none or it does not read.
 */
std::optional<Slo> capacitySloOf(const ReportSettings &settings,
                                 const Scenario &first,
                                 Problems *problems)
{
    const QString text = settings.capacitySlo.isEmpty() ? first.slo : settings.capacitySlo;
    if (text.isEmpty()) {
        problems->append({Problem::Severity::Error,
                          QStringLiteral("$.capacity_slo"),
                          QStringLiteral("'%1' has no \"slo\" to search its capacity under; "
                                         "give the SLO for the capacity searches (--capacity-slo, "
                                         "or Capacity SLO in the dialog), e.g. "
                                         "\"p99<200ms,errors<1%\"")
                              .arg(first.name)});
        return std::nullopt;
    }
    QString error;
    std::optional<Slo> slo = parseSlo(text, &error);
    if (!slo)
        problems->append({Problem::Severity::Error,
                          settings.capacitySlo.isEmpty() ? QStringLiteral("$.capacity[0]")
                                                         : QStringLiteral("$.capacity_slo"),
                          QStringLiteral("the SLO '%1' does not read: %2").arg(text, error)});
    return slo;
}

/**
 * Searches the capacity of each of `scenarios` (name, scenario as it runs) under
 * `data.capacitySlo`; false, with problems, when a search cannot run. A cancelled search
 * marks the data.
 */
bool searchCapacities(const std::vector<std::pair<QString, Scenario>> &scenarios,
                      const ReportRunOptions &options,
                      ReportSteps &steps,
                      ReportData &data,
                      Problems *problems)
{
    if (scenarios.empty())
        return true;
    CapacityOptions o;
    if (data.settings.replications > 0)
        o.replications = data.settings.replications;
    o.threads = options.threads;
    o.cancel = options.cancel;
    data.capacityReplications = o.replications;
    for (const auto &[name, scenario] : scenarios) {
        if (steps.cancelled()) {
            data.cancelled = true;
            return true;
        }
        steps.next(QStringLiteral("Searching the capacity of %1").arg(name));
        Problems found;
        std::optional<CapacityResult> result = findCapacity(scenario, *data.capacitySlo, o, &found);
        for (Problem p : found) {
            p.message = QStringLiteral("%1: %2").arg(name, p.message);
            problems->append(p);
        }
        if (!result)
            return false;
        if (result->cancelled) {
            data.cancelled = true;
            return true;
        }
        data.capacity.push_back({name, profileRate(scenario.workload.arrivals), *result});
    }
    return true;
}

} // namespace

std::optional<ReportData> gatherScenarioReportData(const Scenario &scenario,
                                                   const ReportSettings &settings,
                                                   const ReportRunOptions &options,
                                                   Problems *problems)
{
    const auto started = std::chrono::steady_clock::now();
    ReportData data;
    data.settings = settings;
    data.title = settings.title.isEmpty() ? scenario.name : settings.title;
    data.author = settings.author;
    data.createdUtc = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < settings.capacity.size(); ++i) {
        if (settings.capacity[i] != scenario.name)
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.capacity[%1]").arg(i),
                              QStringLiteral("the report is of the scenario '%1'; it has no "
                                             "scenario named '%2'")
                                  .arg(scenario.name, settings.capacity[i])});
    }
    if (hasErrors(*problems))
        return std::nullopt;
    const bool capacity = settings.includes(QStringLiteral("capacity"))
                          && !settings.capacity.isEmpty();
    if (capacity) { // before anything runs
        data.capacitySlo = capacitySloOf(settings, scenario, problems);
        if (!data.capacitySlo)
            return std::nullopt;
    }
    ReportSteps steps(options, capacity ? 2 : 1);
    steps.next(QStringLiteral("Running %1").arg(scenario.name));
    ReportScenario s;
    s.name = scenario.name;
    s.scenario = scenario;
    Problems found;
    const std::optional<Sim::RunResult> result
        = runNow(scenario, settings.replications, options, &found);
    *problems += found;
    if (!result)
        return std::nullopt;
    if (settings.replications > 0)
        s.scenario.simulation.replications = settings.replications;
    s.result = *result;
    s.resultSource = QStringLiteral("run for this report");
    s.engineVersion = QString::fromLatin1(Sim::engineVersion());
    s.lint.findings = lintScenario(s.scenario);
    fillFigures(s);
    data.cancelled = result->cancelled;
    data.scenarios.push_back(std::move(s));
    if (capacity && !data.cancelled
        && !searchCapacities({{scenario.name, scenario}}, options, steps, data, problems))
        return std::nullopt;
    data.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return data;
}

std::optional<ReportData> gatherReportData(const ProjectDocument &project,
                                           const ReportSettings &settings,
                                           const ReportRunOptions &options,
                                           Problems *problems)
{
    const auto started = std::chrono::steady_clock::now();
    ReportData data;
    data.settings = settings;
    data.projectName = project.metadata().name;
    data.title = settings.title.isEmpty() ? data.projectName : settings.title;
    data.author = settings.author;
    data.createdUtc = QDateTime::currentDateTimeUtc();

    // Which scenarios: by name, in the settings' order; else every readable one.
    QStringList ids;
    if (settings.scenarios.isEmpty()) {
        for (const QString &id : project.scenarioIds()) {
            if (project.isReadable(id))
                ids << id;
        }
    } else {
        for (qsizetype i = 0; i < settings.scenarios.size(); ++i) {
            QString found;
            for (const QString &id : project.scenarioIds()) {
                if (project.isReadable(id) && project.scenarioName(id) == settings.scenarios[i]) {
                    found = id;
                    break;
                }
            }
            if (found.isEmpty())
                problems->append({Problem::Severity::Error,
                                  QStringLiteral("$.scenarios[%1]").arg(i),
                                  QStringLiteral("the project has no scenario named '%1'")
                                      .arg(settings.scenarios[i])});
            else
                ids << found;
        }
    }
    const auto decisionNamed = [&](const QString &name) -> std::optional<Decision> {
        for (const Decision &d : project.decisions()) {
            if (name.isEmpty() || d.name == name)
                return d;
        }
        return std::nullopt;
    };
    const auto planNamed = [&](const QString &name) -> std::optional<Plan> {
        for (const Plan &p : project.plans()) {
            if (name.isEmpty() || p.name == name)
                return p;
        }
        return std::nullopt;
    };
    if (settings.includes(QStringLiteral("decision")) && !settings.decision.isEmpty()
        && !decisionNamed(settings.decision))
        problems->append(
            {Problem::Severity::Error,
             QStringLiteral("$.decision"),
             QStringLiteral("the project has no decision named '%1'").arg(settings.decision)});
    if (settings.includes(QStringLiteral("plan")) && !settings.plan.isEmpty()
        && !planNamed(settings.plan))
        problems->append({Problem::Severity::Error,
                          QStringLiteral("$.plan"),
                          QStringLiteral("the project has no plan named '%1'").arg(settings.plan)});
    for (qsizetype i = 0; i < settings.compare.size(); ++i) {
        bool known = false;
        for (const QString &id : project.scenarioIds())
            known = known
                    || (project.isReadable(id) && project.scenarioName(id) == settings.compare[i]);
        if (!known)
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.compare[%1]").arg(i),
                              QStringLiteral("the project has no scenario named '%1'")
                                  .arg(settings.compare[i])});
    }
    // the capacity searches: by name, among every readable scenario
    std::vector<std::pair<QString, Scenario>> capacityScenarios;
    for (qsizetype i = 0; i < settings.capacity.size(); ++i) {
        bool known = false;
        for (const QString &id : project.scenarioIds()) {
            if (!known && project.isReadable(id)
                && project.scenarioName(id) == settings.capacity[i]) {
                known = true;
                if (const std::optional<Scenario> s = project.scenarioToRun(id))
                    capacityScenarios.emplace_back(settings.capacity[i], *s);
            }
        }
        if (!known)
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.capacity[%1]").arg(i),
                              QStringLiteral("the project has no scenario named '%1'")
                                  .arg(settings.capacity[i])});
    }
    if (!settings.includes(QStringLiteral("capacity")))
        capacityScenarios.clear();
    if (!capacityScenarios.empty())
        data.capacitySlo = capacitySloOf(settings, capacityScenarios.front().second, problems);
    if (!settings.compare.isEmpty() && settings.compare.size() < 2)
        problems->append({Problem::Severity::Error,
                          QStringLiteral("$.compare"),
                          QStringLiteral("a comparison needs two or more scenarios")});
    if (hasErrors(*problems))
        return std::nullopt;

    const std::optional<Decision> decision = settings.includes(QStringLiteral("decision"))
                                                 ? decisionNamed(settings.decision)
                                                 : std::nullopt;
    const std::optional<Plan> plan = settings.includes(QStringLiteral("plan"))
                                         ? planNamed(settings.plan)
                                         : std::nullopt;
    const bool compareNow = settings.includes(QStringLiteral("comparison"))
                            && !settings.compare.isEmpty();
    ReportSteps steps(options,
                      int(ids.size()) + (compareNow ? 1 : 0) + int(capacityScenarios.size())
                          + (decision ? 1 : 0) + (plan ? 1 : 0));

    for (const QString &id : std::as_const(ids)) {
        if (steps.cancelled()) {
            data.cancelled = true;
            return data;
        }
        ReportScenario s;
        s.name = project.scenarioName(id);
        s.scenario = *project.scenarioToRun(id);
        s.layout = project.document(id) ? project.document(id)->layout() : Layout{};
        s.lint = project.lint(id);
        // the newest saved run that reads, else a run now
        const QList<SavedRun> runs = project.runs(id);
        bool haveSaved = false;
        for (auto it = runs.crbegin(); it != runs.crend() && !haveSaved; ++it) {
            if (it->unreadableResults)
                continue;
            QString error;
            Sim::RunResult r = runResultFromJson(it->results, &error);
            if (!error.isEmpty())
                continue;
            s.result = std::move(r);
            s.engineVersion = it->engineVersion;
            s.resultSource = QStringLiteral("saved run%1 of %2")
                                 .arg(it->label.isEmpty() ? QString()
                                                          : QStringLiteral(" '%1'").arg(it->label),
                                      when(it->timestamp));
            haveSaved = true;
        }
        steps.next(haveSaved ? QStringLiteral("Reading %1").arg(s.name)
                             : QStringLiteral("Running %1").arg(s.name));
        if (!haveSaved) {
            Problems found;
            const std::optional<Sim::RunResult> r
                = runNow(s.scenario, settings.replications, options, &found);
            *problems += found;
            if (!r)
                return std::nullopt;
            if (settings.replications > 0)
                s.scenario.simulation.replications = settings.replications;
            s.result = *r;
            s.resultSource = QStringLiteral("run for this report");
            s.engineVersion = QString::fromLatin1(Sim::engineVersion());
            if (r->cancelled) {
                data.cancelled = true;
                return data;
            }
        }
        fillFigures(s);
        data.scenarios.push_back(std::move(s));
    }

    // The comparison: the one asked for, run now; else the newest saved one.
    if (compareNow) {
        steps.next(QStringLiteral("Comparing %1").arg(settings.compare.join(QStringLiteral(", "))));
        std::vector<CompareAlternative> alternatives;
        for (const QString &name : settings.compare) {
            for (const QString &id : project.scenarioIds()) {
                if (project.isReadable(id) && project.scenarioName(id) == name) {
                    alternatives.push_back({name, *project.scenarioToRun(id)});
                    break;
                }
            }
        }
        CompareOptions o;
        o.replications = settings.replications > 0
                             ? settings.replications
                             : std::max(2, alternatives.front().scenario.simulation.replications);
        o.threads = options.threads;
        o.cancel = options.cancel;
        Problems found;
        data.comparison = runComparison(alternatives, o, &found);
        *problems += found;
        if (!data.comparison)
            return std::nullopt;
        data.comparisonSource = QStringLiteral("run for this report");
        if (data.comparison->cancelled) {
            data.cancelled = true;
            return data;
        }
    } else if (settings.includes(QStringLiteral("comparison"))) {
        const QList<SavedComparison> saved = project.comparisons();
        for (auto it = saved.crbegin(); it != saved.crend(); ++it) {
            QString error;
            if (it->unreadableJson)
                continue;
            if (std::optional<Comparison> c = comparisonFromJson(it->comparison, &error)) {
                data.comparison = std::move(c);
                data.comparisonSource = QStringLiteral("saved comparison%1 of %2")
                                            .arg(it->label.isEmpty()
                                                     ? QString()
                                                     : QStringLiteral(" '%1'").arg(it->label),
                                                 when(it->timestamp));
                break;
            }
        }
    }

    // The capacity searches, run now (they are not saved in a project).
    if (!searchCapacities(capacityScenarios, options, steps, data, problems))
        return std::nullopt;
    if (data.cancelled)
        return data;

    // The decision: its saved measurements when they apply, else measured now.
    if (decision) {
        steps.next(QStringLiteral("Decision: %1").arg(decision->name));
        Problems found;
        const std::optional<std::vector<Scenario>> alternatives
            = project.decisionScenarios(*decision, &found);
        if (!alternatives) {
            for (Problem &p : found)
                p.path = QStringLiteral("$.decisions[%1]%2")
                             .arg(project.decisionPosition(decision->id))
                             .arg(p.path.mid(1));
            *problems += found;
            return std::nullopt;
        }
        data.decision = decision;
        data.decisionAlternatives = *alternatives;
        if (const std::optional<SavedDecisionEvidence> saved = project.savedDecisionEvidence(
                decision->id);
            saved && savedEvidenceApplies(*saved, *decision, *alternatives)) {
            data.decisionEvidence = saved->evidence;
            data.decisionSource
                = QStringLiteral("measurements saved %1").arg(when(saved->measuredAt));
        } else {
            DecisionRunOptions o;
            o.threads = options.threads;
            o.cancel = options.cancel;
            data.decisionEvidence = gatherDecisionEvidence(*decision, *alternatives, o, &found);
            *problems += found;
            if (!data.decisionEvidence)
                return std::nullopt;
            data.decisionSource = QStringLiteral("measured for this report");
            if (data.decisionEvidence->cancelled) {
                data.cancelled = true;
                return data;
            }
        }
        data.decisionResult = evaluateDecision(*decision, *alternatives, &*data.decisionEvidence);
    }

    // The plan: derived from its start and run now (trajectories are not saved).
    if (plan) {
        steps.next(QStringLiteral("Migration plan: %1").arg(plan->name));
        const std::optional<Scenario> start = project.planStart(*plan);
        if (!start) {
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.plan"),
                              QStringLiteral("the plan '%1' starts from '%2', which the project "
                                             "does not have")
                                  .arg(plan->name, plan->start)});
            return std::nullopt;
        }
        MigrateOptions o;
        if (settings.replications > 0)
            o.replications = settings.replications;
        o.threads = options.threads;
        o.cancel = options.cancel;
        Problems found;
        data.plan = plan;
        data.trajectory = runPlan(*plan, *start, o, &found);
        *problems += found;
        if (!data.trajectory)
            return std::nullopt;
        if (data.trajectory->cancelled)
            data.cancelled = true;
    }
    data.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return data;
}

} // namespace Model
