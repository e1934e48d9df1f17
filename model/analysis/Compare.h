// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Cost.h"
#include "Problem.h"
#include "Results.h"
#include "Scenario.h"
#include "Simulation.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace Model {

/**
 * Comparing alternatives (docs/compare.md): every scenario runs the same replications, and
 * with common random numbers (the default) replication r of every alternative uses the same
 * seed, so the arrivals and request types are the same requests and a component id that two
 * designs share draws from the same stream (Sim::componentStream). Differences are taken per
 * replication pair, which removes the noise the alternatives share.
 */
struct CompareAlternative
{
    QString name; ///< how tables and the JSON name it: the scenario's name, else its source
    Scenario scenario;
};

struct CompareOptions
{
    int replications = 10;
    int threads = 0;                 ///< 0: all cores
    bool crn = true;                 ///< false: each alternative gets seeds of its own (--no-crn)
    std::optional<quint64> seed;     ///< default: the baseline's simulation.seed
    std::optional<double> durationS; ///< default: each scenario's own
    std::optional<double> warmupS;
    const std::atomic<bool> *cancel = nullptr;
    Sim::SimulationObserver *observer = nullptr; ///< progress over all runs
};

/** A figure of the comparison: its JSON key and how to read it off one replication. */
struct CompareFigure
{
    const char *key;   ///< "latency_p99_ms"
    const char *label; ///< "p99 latency"
    const char *unit;  ///< "ms", "/s", "", "$/h"
    bool lowerIsBetter;
};

/** The figures compared, in table order. */
const std::vector<CompareFigure> &compareFigures();

/** The mean of a figure over the replications and the half-width of its 95% interval. */
struct Estimate
{
    double mean = 0;
    std::optional<double> ci95; ///< none with one replication
    bool operator==(const Estimate &) const = default;
};

/** The mean of `values` (one per replication) and, with two or more, its 95% interval. */
Estimate estimateOf(const std::vector<double> &values);

/** alternative − baseline, from paired replications. */
struct PairedDifference
{
    double delta = 0;
    std::optional<double> ci95; ///< half-width; none with one replication
    /// the interval of the difference excludes zero
    bool significant = false;
};

struct AlternativeRun
{
    QString name;
    Sim::RunResult result;
    CostFigures cost;
    std::vector<Estimate> figures; ///< one per compareFigures()
    QString bottleneck;            ///< the busiest component that has a utilisation
    double bottleneckUtilization = 0;
    double replicas = 0; ///< mean replicas of all services
};

struct AlternativeDelta
{
    QString name;
    std::vector<PairedDifference> figures; ///< one per compareFigures()
};

struct Comparison
{
    QString baseline;
    int replications = 0;
    bool crn = true;
    quint64 seed = 0;
    std::vector<AlternativeRun> alternatives; ///< [0] is the baseline
    std::vector<AlternativeDelta> deltas;     ///< one per alternative after the baseline
    bool cancelled = false;
    double wallS = 0;
};

/**
 * The alternatives as a comparison runs them: each scenario with the options' replications,
 * seed (with common random numbers the baseline's for all, else one of its own), duration and
 * warm-up set, and compiled.
 */
struct ComparePlan
{
    std::vector<QString> names;      ///< the alternatives' names; [0] is the baseline
    std::vector<Scenario> scenarios; ///< as run
    std::vector<Sim::Spec> specs;    ///< compiled from `scenarios`
    int replications = 0;
    bool crn = true;
    quint64 seed = 0; ///< the comparison's seed (CompareOptions::seed, else the baseline's)
};

/**
 * The plan of runComparison: nothing when there are no alternatives or a scenario does not
 * compile (its problems go to `problems`, each named by its alternative).
 */
std::optional<ComparePlan> planComparison(const std::vector<CompareAlternative> &alternatives,
                                          const CompareOptions &options,
                                          Problems *problems);

/**
 * The comparison of the plan's alternatives made of their replications: `replications[a]`
 * holds replications 0 .. plan.replications - 1 of alternative a, in order. What
 * runComparison does once they ran, and what merging the parts of a sharded comparison does
 * (model/analysis/Shards.h). wallS is left 0.
 */
Comparison compareReplications(const ComparePlan &plan,
                               std::vector<std::vector<Sim::ReplicationResult>> replications);

/**
 * Runs every alternative (valid scenarios; compile problems go to `problems`) with the
 * options' replications on a pool of threads and compares them with the first. Returns
 * nothing when a scenario does not compile.
 */
std::optional<Comparison> runComparison(const std::vector<CompareAlternative> &alternatives,
                                        const CompareOptions &options,
                                        Problems *problems);

/**
 * The figures of compareFigures() over some replications of `scenario` (its cost prices):
 * each one's mean and the half-width of its 95% interval (none with one replication).
 */
std::vector<Estimate> figureEstimates(const Scenario &scenario,
                                      const std::vector<Sim::ReplicationResult> &replications);

/** The paired difference of b − a over equally long lists (replication by replication). */
PairedDifference pairedDifference(const std::vector<double> &a, const std::vector<double> &b);

/** The comparison's JSON (docs/compare.md): baseline, alternatives with results, deltas. */
QJsonObject comparisonToJson(const Comparison &comparison);

/**
 * Reads the JSON of comparisonToJson back (a comparison saved in a project reopens without
 * running again): baseline, replications, crn, seed, wall_s, every alternative's summary
 * figures, bottleneck and replicas with its results (runResultFromJson), and the deltas.
 * Not in the JSON and so left empty: each alternative's `cost` breakdown (its cost per hour
 * and per million requests are figures of the summary). comparisonToJson of the result
 * equals the input for every input comparisonToJson wrote.
 *
 * The result is always whole: at least one alternative, one figure per compareFigures()
 * in every alternative and every delta, one delta per alternative after the baseline. On
 * anything else (not a comparison, a newer version, a missing or mistyped field) returns
 * nothing and sets `error` to a sentence that names the JSON path.
 */
std::optional<Comparison> comparisonFromJson(const QJsonObject &json, QString *error);

/** compare.csv (one row per alternative) and deltas.csv in `directory`. */
bool writeComparisonCsv(const Comparison &comparison, const QString &directory, QString *error);

} // namespace Model
