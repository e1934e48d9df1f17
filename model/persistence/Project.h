// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"
#include "analysis/Lint.h"

#include "Results.h"
#include "analysis/Decision.h"
#include "analysis/Plan.h"
#include "analysis/Report.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * A project: the document behind one `.archsim` file (docs/project-files.md). Plain data
 * with no SQL and no widgets; ProjectStore reads and writes it. Domain data (the scenarios)
 * and presentation data (the canvas layout) are kept apart (STYLE.md #6): a scenario's
 * components are identified by their `id`, and the layout refers to those ids.
 */
namespace Model {

/** Facts about the project as a whole. */
struct ProjectMetadata
{
    QString name;
    QString description;
    QDateTime created;  ///< UTC; ProjectStore::save fills in "now" when invalid
    QDateTime modified; ///< UTC; set by the caller when the user changes something
    /// The ArchSim version that wrote the file. Read from the file; save() always writes
    /// ProjectStore::applicationVersion().
    QString appVersion;
    bool operator==(const ProjectMetadata &) const = default;
};

/**
 * Where a scenario's components sit on the canvas and how the view was left. Stored apart
 * from the scenario document; positions of ids the scenario no longer has are harmless
 * and kept.
 */
struct ScenarioLayout
{
    QMap<QString, QPointF> positions; ///< component id -> scene position
    double zoom = 1.0;
    QPointF center; ///< scene point at the centre of the view

    bool operator==(const ScenarioLayout &) const = default;
};

/** The "ui" positions written in a scenario document (e.g. an imported file), as a layout. */
ScenarioLayout layoutFromScenario(const Scenario &scenario);
/** Writes the layout's positions into the components' "ui" fields (for export). */
void applyLayoutToScenario(const ScenarioLayout &layout, Scenario *scenario);

/** The settings a run was made with. */
struct RunParameters
{
    double durationS = 0;
    double warmupS = 0;
    quint64 seed = 0;
    int replications = 1;
    bool operator==(const RunParameters &) const = default;
};

/**
 * A finished run kept in the project, so it re-opens without running again. `results` is
 * the results JSON of Model::resultsToJson; runResultFromJson turns it back into a
 * Sim::RunResult.
 */
struct SavedRun
{
    QString id;          ///< unique in the project
    QString label;       ///< free text given by the user, may be empty
    QDateTime timestamp; ///< UTC, when the run finished
    RunParameters parameters;
    QString engineVersion;
    QJsonObject results;
    /// Set only when the stored results text could not be read (damaged row). The text is
    /// kept and written back byte for byte; `results` is empty then.
    std::optional<QByteArray> unreadableResults;

    bool operator==(const SavedRun &) const = default;
};

/**
 * A SavedRun for a finished run: a new id, the current time, parameters and engine
 * version taken from the result, and resultsToJson(result).
 */
SavedRun savedRunFromResult(const Sim::RunResult &result, const QString &label = {});

/**
 * A finished comparison of scenarios kept in the project (docs/compare.md), so it reopens
 * without running again. `comparison` is the JSON of Model::comparisonToJson;
 * comparisonFromJson turns it back into a Model::Comparison. It names the scenarios it
 * compared as they were called then and stays when they are renamed or removed.
 */
struct SavedComparison
{
    QString id;          ///< unique among the project's comparisons
    QString label;       ///< free text given by the user, may be empty
    QDateTime timestamp; ///< UTC, when the comparison finished
    QJsonObject comparison;
    /// Set only when the stored text could not be read (damaged row). The text is kept and
    /// written back byte for byte; `comparison` is empty then.
    std::optional<QByteArray> unreadableJson;

    /** The compared scenarios' names as the JSON has them, the baseline first. */
    QStringList scenarioNames() const;

    bool operator==(const SavedComparison &) const = default;
};

/** One scenario of a project with its layout and its saved runs. */
struct ProjectScenario
{
    QString id; ///< stable, unique in the project; not the scenario's name (names may repeat)
    Scenario scenario;
    ScenarioLayout layout;
    QList<SavedRun> runs; ///< oldest first

    /// What parseScenario reported when the project was loaded (warnings, or errors the
    /// user still has to fix). Not saved: it is recomputed on every load.
    Problems problems;
    /**
     * Set only when the stored scenario text could not be read at all (not JSON, not a
     * scenario, a newer scenario version). `scenario` then holds nothing but the name, the
     * GUI should show the scenario as damaged, and save() writes this text back byte for
     * byte so nothing is lost.
     */
    std::optional<QByteArray> unreadableJson;

    bool isReadable() const { return !unreadableJson.has_value(); }

    /** A new scenario entry with a fresh id and the scenario's "ui" positions as layout. */
    static ProjectScenario create(const Scenario &scenario);

    bool operator==(const ProjectScenario &) const = default;
};

struct Project
{
    ProjectMetadata metadata;
    QList<ProjectScenario> scenarios;   ///< in the order the user arranged them
    QList<SavedComparison> comparisons; ///< oldest first
    /**
     * The workload the scenarios marked "shared": true use (docs/project-files.md, "Shared
     * workload"): its arrivals and request mix (sharedPart); empty when none shares one.
     * Each sharing scenario also holds a copy, so that it runs and exports on its own.
     */
    std::optional<Workload> sharedWorkload;
    /**
     * The project's cost model (docs/compare.md, "Cost"): prices for every scenario that
     * does not set its own in its "cost" block; empty: the defaults. Model::withProjectPrices
     * gives a scenario as it runs in the project.
     */
    std::optional<CostPrices> cost;
    /**
     * The architecture lint's thresholds and the findings the team silenced, each with its
     * reason (docs/lint.md, "Per project"); the defaults when the project sets none.
     */
    LintSettings lint;
    /**
     * The project's decisions (docs/decide.md), in the order they were made; ids unique
     * among them. They name their alternatives by scenario name.
     */
    QList<Decision> decisions;
    /**
     * Entries of the stored decisions that could not be read (a damaged or newer entry),
     * exactly as stored; every save writes them back after the readable ones.
     */
    QJsonArray unreadableDecisions;
    /**
     * The stored decisions' text when it is not a JSON list at all; `decisions` is then
     * empty. Written back byte for byte (under "decisions_damaged" once there are readable
     * decisions to write under "decisions").
     */
    std::optional<QByteArray> unreadableDecisionsText;
    /**
     * The decisions' last measurements (docs/decide.md, "Saved measurements"), by decision
     * id; measurements of a decision no longer in the project are not saved. Entries that
     * could not be read are kept as stored (by decision id) and written back.
     */
    QMap<QString, SavedDecisionEvidence> decisionEvidence;
    QJsonObject unreadableDecisionEvidence;
    /**
     * The project's strangler-fig migration plans (docs/migrate.md); each names its starting
     * scenario by name. Unreadable ones are kept as the decisions' are.
     */
    QList<Plan> plans;
    QJsonArray unreadablePlans;
    std::optional<QByteArray> unreadablePlansText;
    /**
     * What File > Export Report… last exported (docs/report.md): sections, their order, the
     * scenarios, title and paper; none: the defaults. Settings that cannot be read are
     * reported when the project opens and the defaults apply.
     */
    std::optional<ReportSettings> report;

    int indexOf(const QString &scenarioId) const;
    ProjectScenario *scenario(const QString &scenarioId);
    const ProjectScenario *scenario(const QString &scenarioId) const;
    /** The first scenario with that name (as `archsim-cli run PROJECT.archsim:NAME` needs). */
    const ProjectScenario *scenarioNamed(const QString &name) const;
    /** The first decision with that name (as `archsim-cli decide PROJECT.archsim:NAME` needs). */
    const Decision *decisionNamed(const QString &name) const;
    /** The first plan with that name (as `archsim-cli migrate PROJECT.archsim:NAME` needs). */
    const Plan *planNamed(const QString &name) const;

    bool operator==(const Project &) const = default;
};

/** A new id for a scenario or a run (a UUID without braces). */
QString newProjectId();

/** Whether a scenario's workload follows its project's shared workload. */
inline bool sharesWorkload(const Scenario &scenario)
{
    return scenario.workload.shared.value_or(false);
}

/**
 * What a project's scenarios share of a workload: the arrivals and the request mix, and
 * "shared": true. Not the entry, which names a component of each scenario's own topology.
 */
Workload sharedPart(const Workload &workload);
/** `own` with the shared part of `shared` (its own entry kept). */
Workload withSharedPart(Workload own, const Workload &shared);

/**
 * Makes the copies agree after a load: without a shared workload, the first readable
 * scenario that shares one provides it; every readable scenario that shares it then holds
 * exactly it. Returns a sentence per scenario whose copy differed (edited elsewhere) and now
 * follows the shared workload; none when they agreed.
 */
QStringList applySharedWorkload(Project &project);

} // namespace Model
