// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Compare.h"
#include "Problem.h"
#include "Scenario.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>
#include <vector>

namespace Model {

/**
 * A strangler-fig migration plan (docs/migrate.md): an ordered list of steps from a starting
 * scenario (the monolith) towards services of their own. Every step's scenario is derived by
 * the planner from the previous one (derivePlan), never stored: an edit to the starting
 * scenario flows through the whole plan.
 *
 * Steps:
 * - facade: a gateway in front of the monolith, routing "*" to the old entry.
 * - extract: a module of the monolith (Service::modules) becomes a service of its own. Its
 *   handlers are the module's (or the rewrite the step gives), it calls what they call; it
 *   takes no traffic until a shift.
 * - database: the extracted service keeps the shared database, or gets its own with the
 *   queries its handlers use; a synchronisation cost on writes while the monolith still
 *   owns the module (dual writes: each write is also made on the shared database; change
 *   data capture: extra CPU and latency on each write).
 * - shift: the facade sends this share of the module's requests to the new service.
 * - retire: the module leaves the monolith (its handlers, its queries on the shared
 *   database, the synchronisation); what no request can reach any more is removed.
 */

/** What a step does; its word in the plan's JSON ("action"). */
enum class PlanAction { Facade, Extract, Database, Shift, Retire };
QString planActionName(PlanAction action);
std::optional<PlanAction> planActionFromName(const QString &name);

struct PlanStep
{
    PlanAction action = PlanAction::Extract;
    QString name;  ///< the user's title; empty: the planner describes the step (stepTitle)
    QString notes; ///< free text: why, who, rollback remarks

    // facade
    QString facade = QStringLiteral("gw"); ///< the gateway's id
    std::optional<double> latencyMs;       ///< the gateway's latency (default 0.5 ms)

    // extract, database, shift, retire
    QString module;

    // extract
    QString service; ///< the new service's id; empty: the module's name
    std::optional<int> replicas;
    std::optional<double> cpuCores;
    std::optional<double> memoryMb;
    /// the new service's "concurrency" object in the scenario format; absent: the monolith's
    std::optional<QJsonObject> concurrency;
    /// a rewrite of the module's handlers for the new service, in the scenario format's
    /// "handlers" object; absent: the monolith's handlers of the module, as they are
    std::optional<QJsonObject> handlers;
    /// the new service's "pools"; absent: the monolith's pools to what its handlers call
    std::optional<QJsonObject> pools;
    /// components the new service brings (a queue, a consumer), in the format's component
    /// objects; one with an existing id replaces that component
    QJsonArray components;

    // database
    QString data = QStringLiteral("own");  ///< "own" or "shared"
    QString database;                      ///< the own database's id; empty: "<service>_db"
    std::optional<int> maxConnections;     ///< the own database's (default 30)
    std::optional<int> pool;               ///< the new service's pool to it; absent: none
    QString sync = QStringLiteral("none"); ///< "none", "dual_write", "cdc"
    /// the queries that write (are synchronised); empty: every query of the module
    QStringList writes;
    std::optional<double> syncMs; ///< cdc: CPU per write (default 0.2 ms)

    // shift
    std::optional<double> share; ///< 0 to 1 of the module's requests at the facade

    QJsonObject extra; ///< fields this version does not know, kept
    bool operator==(const PlanStep &) const = default;
};

struct Plan
{
    static QString formatName() { return QStringLiteral("archsim-plan"); }
    static constexpr int kFormatVersion = 1;

    QString id; ///< in a project: unique among its plans
    QString name;
    QString description;
    /// in a project: the starting scenario's name; in a plan file: a scenario file's path
    /// relative to the plan file (empty when `startScenario` holds it)
    QString start;
    std::optional<Scenario> startScenario; ///< a plan file's embedded starting scenario
    QString monolith; ///< the service the plan strangles; empty: the only one with modules
    QString slo;      ///< the steps are checked against it; empty: the start scenario's
    QList<PlanStep> steps;
    QJsonObject extra;
    bool operator==(const Plan &) const = default;
};

/** One derived step: its scenario and what changed from the step before. */
struct DerivedStep
{
    QString title;  ///< the step's name, or the planner's description of it
    QString action; ///< planActionName; "start" for step 0
    Scenario scenario;
    QStringList changed; ///< ids of components added or changed by the step
    QStringList removed; ///< ids of components the step removed
};

/**
 * The plan's scenarios: step 0 is `start`, step k applies plan.steps[k-1] to step k-1.
 * Problems name where they are ("steps[3].module") and what to do; an error stops the
 * derivation at that step (the steps before it are returned).
 */
std::vector<DerivedStep> derivePlan(const Plan &plan, const Scenario &start, Problems *problems);

/**
 * For each component of `scenario` (by index), the indices of the components it names
 * (routes, targets, calls, caches, publishes, pools, consumers; itself and unknown ids left
 * out): the edges requests and messages travel along.
 */
QList<QSet<int>> componentReferences(const Scenario &scenario);

/** The planner's description of a step ("Extract catalog into the service 'catalog'"). */
QString stepTitle(const PlanStep &step);

/** One module's place in the suggested order, with the reasons. */
struct ModuleRanking
{
    QString module;
    double loadShare = 0;   ///< of the workload's requests it serves
    double cpuShare = 0;    ///< of the monolith's CPU demand (need for independent scaling)
    double changeShare = 0; ///< of the modules' releases per month
    int calls = 0;          ///< calls between it and the other modules
    int sharedTables = 0;   ///< its tables other modules also touch
    double value = 0;       ///< 0 to 1
    double coupling = 0;    ///< 0 to 1
    double score = 0;       ///< value minus half the coupling; the order is by it
    QString reason;         ///< a sentence
};

/**
 * The modules of the monolith ranked by extraction value (share of load, of CPU, of change)
 * against coupling (calls between modules, shared tables), best first.
 */
std::vector<ModuleRanking> suggestOrder(const Scenario &start, const QString &monolith);

/** The monolith a plan works on: `plan.monolith`, else the only service with modules. */
QString planMonolith(const Plan &plan, const Scenario &start);

/** One step of the trajectory: its figures, its facts, its flags. */
struct TrajectoryPoint
{
    QString title;
    QString action;
    AlternativeRun run; ///< figures with their intervals (compareFigures())
    int deployables = 0;
    int syncHops = 0;
    int lintFindings = 0;
    QStringList newLint; ///< lint findings (lintFindingLine) the step added
    bool breaksSlo = false;
    QString sloText; ///< why it breaks the SLO
};

/** The figures a trajectory is drawn in, in the order the plan window offers them. */
enum class TrajectoryFigure { P99, ErrorRate, CostPerHour, Deployables, SyncHops, LintFindings };
/** A step's value of `figure`: compare's estimate, or the step's fact (no interval). */
Estimate trajectoryFigure(const TrajectoryPoint &point, TrajectoryFigure figure);

struct Trajectory
{
    QString plan;
    QString slo;
    std::vector<DerivedStep> steps;
    std::vector<TrajectoryPoint> points; ///< one per step
    Comparison comparison;               ///< the runs, step 0 the baseline
    bool cancelled = false;
};

struct MigrateOptions
{
    int replications = 5;
    int threads = 0;
    std::optional<double> durationS; ///< default: the start scenario's
    std::optional<double> warmupS;
    const std::atomic<bool> *cancel = nullptr;
    Sim::SimulationObserver *observer = nullptr;
};

/**
 * Simulates every step with the same workload and seeds (common random numbers, as compare
 * does) and collects the trajectory. nullopt, with problems, when the plan cannot be
 * derived or a step's scenario does not validate.
 */
std::optional<Trajectory> runPlan(const Plan &plan,
                                  const Scenario &start,
                                  const MigrateOptions &options,
                                  Problems *problems);

/** The plan as its JSON object (the plan file's fields; "format" and "version" included). */
QJsonObject planToJson(const Plan &plan);
/**
 * A plan from JSON; nullopt with problems (JSON paths) when it is not one. An embedded
 * "start" scenario is parsed with the scenario format's reader.
 */
std::optional<Plan> planFromJson(const QJsonObject &json, Problems *problems);
/** A plan file's bytes; problems carry line and column. */
std::optional<Plan> parsePlan(const QByteArray &utf8, Problems *problems);
QByteArray serializePlan(const Plan &plan);
/**
 * A plan file's starting scenario: the one it embeds, else the scenario file `start` names,
 * relative to the plan file's folder. nullopt with problems (their paths in the scenario
 * file) when it cannot be read or does not validate.
 */
std::optional<Scenario> planStartFromFile(const Plan &plan,
                                          const QString &planFileName,
                                          Problems *problems);

/**
 * trajectory.csv in `directory`: one row per step (step, name, action, each figure's mean
 * and 95% half-width, deployables, sync hops, lint findings, SLO broken).
 */
bool writeTrajectoryCsv(const Trajectory &trajectory, const QString &directory, QString *error);

/** archsim-cli migrate's JSON: {"plan", "slo", "replications", "steps": [...]}. */
QJsonObject trajectoryToJson(const Trajectory &trajectory);

} // namespace Model
