// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"

#include "Results.h"
#include "Spec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

/**
 * The scenario format v1 (spec/scenario-format.md) and the results JSON (spec/cli.md).
 * These functions are the one code path shared by the GUI, archsim-cli and the tests.
 */
namespace Model {

struct ScenarioLoad
{
    std::optional<Scenario> scenario; ///< empty when the text could not be read at all
    Problems problems;                ///< syntax, type and validation problems, and warnings
    bool ok() const { return scenario.has_value() && !hasErrors(problems); }
};

/** Parses, type-checks and validates UTF-8 scenario JSON; reports every problem at once. */
ScenarioLoad parseScenario(const QByteArray &utf8);
/** parseScenario on a file's contents; a missing or unreadable file is one Problem with path "". */
ScenarioLoad loadScenarioFile(const QString &fileName);

/**
 * Fills in the line and column of each problem from the source text (by its JSON path, or
 * the nearest enclosing path that is in the text) and sorts them by line. parseScenario
 * does this itself; use it for problems found later, e.g. those of compileScenario.
 */
Problems locateProblems(Problems problems, const QByteArray &utf8);

/** Writes a scenario back as JSON (unknown fields kept). parse(serialize(s)) == s. */
QByteArray serializeScenario(const Scenario &scenario);

/**
 * A "workload" object on its own, as a project stores its shared workload
 * (docs/project-files.md): written like the scenario's "workload", read back with the
 * scenario's rules for types and fields (paths start at "$"); the checks that need the
 * rest of a scenario (the entry component, request names in handlers) are left to the
 * scenarios that use it. nullopt with `problems` when it is not a JSON object or has errors.
 */
QByteArray serializeWorkload(const Workload &workload);
std::optional<Workload> parseWorkload(const QByteArray &utf8, Problems *problems);

/**
 * A "cost" object on its own, as a project stores its prices (docs/compare.md, "Cost"):
 * written like a scenario's "cost", read back with its rules (types, fields and ranges;
 * paths start at "$"). nullopt with `problems` when it is not a JSON object or has errors.
 */
QByteArray serializeCostPrices(const CostPrices &prices);
std::optional<CostPrices> parseCostPrices(const QByteArray &utf8, Problems *problems);

/** The validation rules of the spec on an already-parsed scenario. */
Problems validateScenario(const Scenario &scenario);

struct CompiledScenario
{
    Sim::Spec spec;
    /// Errors such as "not simulated yet: $.components[5]" for parts a later release models.
    Problems problems;
    bool ok() const { return !hasErrors(problems); }
};

/**
 * Turns a valid scenario into engine input (indices instead of ids, defaults filled in; see
 * docs/scenario-format.md). Validates again first (settings may have been overridden since
 * parsing) and reports only errors: the validation errors, and "not simulated yet" for
 * every part the engine cannot run. On any error `spec` is a default Sim::Spec.
 */
CompiledScenario compileScenario(const Scenario &scenario);

/**
 * A component offered more requests than it can serve while what it cannot serve at once
 * waits without a limit (Sim::estimateLoad on the compiled scenario): its backlog grows for
 * as long as the run lasts, until the run's memory budget stops it.
 */
struct Overload
{
    int index = -1; ///< in Scenario::components
    QString id;
    double offeredPerS = 0, capacityPerS = 0;
    QString limit; ///< what limits it: "cores", "threads", "connections", ...
    /// the sentence of the validation warning and the lint finding
    QString message() const;
    /// what to change, naming the field that bounds its queue
    QString hint(const Scenario &scenario) const;
};

/** Every Overload of a scenario that validates without errors (else none). Estimates only:
 *  see Sim::estimateLoad for what they take into account. */
QList<Overload> overloadedUnbounded(const Scenario &scenario);

/**
 * The results JSON of spec/cli.md, extended as docs/cli.md describes field by field: per
 * request a "failures" object (reason -> count), "ci95.throughput_per_s" when known and
 * "latency_histogram_ms" ([lo, hi, count] bins of the completed requests); per
 * component the visit figures of every kind (arrived, completed, failed, rejected,
 * throughput, mean_in_system, mean_waiting, full latency summary), utilization of services,
 * databases and caches, "ci95.utilization" when known, the cache and queue counters (with a
 * queue's "drain_s", "draining_at_end" and "drain_since_peak_s"); the
 * run's "events" (the timeline of replication 0) and "events_dropped"; "per_replication"
 * with several replications; and "cancelled": true for a cancelled run. Counts are integers
 * when whole; a figure with no data (NaN) is null. QJsonObject sorts keys, so "_all" comes
 * first among lower-case request names.
 */
QJsonObject resultsToJson(const Sim::RunResult &result);

/**
 * One CSV per table into an existing directory: requests.csv, components.csv, series.csv
 * and events.csv (docs/cli.md).
 */
bool writeResultsCsv(const Sim::RunResult &result, const QString &directory, QString *error);

} // namespace Model
