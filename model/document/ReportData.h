// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Document.h"
#include "Problem.h"
#include "Results.h"
#include "Scenario.h"
#include "analysis/Capacity.h"
#include "analysis/Compare.h"
#include "analysis/Cost.h"
#include "analysis/Decision.h"
#include "analysis/Lint.h"
#include "analysis/Plan.h"
#include "analysis/Report.h"
#include "analysis/Slo.h"

#include <QDateTime>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace Model {

class ProjectDocument;

/**
 * Everything a PDF report shows (docs/report.md), gathered from a project (or one scenario)
 * before anything is drawn: saved results where the project has them, new runs where it
 * has not. The drawing (ui/report) only lays these figures out.
 */
struct ReportScenario
{
    QString name;
    Scenario scenario; ///< as it runs (the project's prices applied)
    Layout layout;     ///< the canvas positions; empty: laid out automatically
    Sim::RunResult result;
    QString resultSource;  ///< "run for this report" or "saved run 'label', DATE"
    QString engineVersion; ///< of the engine that made the result
    CostFigures cost;
    std::optional<SloVerdict> slo;
    LintReport lint;
};

/** A capacity search of the report (ReportSettings::capacity): one scenario's. */
struct ReportCapacity
{
    QString name;
    double scenarioRatePerS = 0; ///< the scenario's own arrival rate (profileRate)
    CapacityResult result;
};

struct ReportData
{
    ReportSettings settings;
    QString title;
    QString author;
    QDateTime createdUtc;
    QString projectName;  ///< empty for a report of one scenario file
    QString scenarioFile; ///< that file's name, for the title page (set by who read it)
    std::vector<ReportScenario> scenarios;

    std::optional<Comparison> comparison;
    QString comparisonSource;

    std::vector<ReportCapacity> capacity; ///< in the settings' order; empty: no section
    std::optional<Slo> capacitySlo;
    int capacityReplications = 0; ///< per point

    std::optional<Decision> decision;
    std::vector<Scenario> decisionAlternatives;
    std::optional<DecisionEvidence> decisionEvidence;
    QString decisionSource;
    DecisionResult decisionResult;

    std::optional<Plan> plan;
    std::optional<Trajectory> trajectory;

    bool cancelled = false;
    double wallS = 0;
};

struct ReportRunOptions
{
    int threads = 0;
    const std::atomic<bool> *cancel = nullptr;
    /// a sentence before each step ("Running Shop: monolith"), with the share done so far
    std::function<void(const QString &, double)> progress;
};

/**
 * Gathers a project's report: the scenarios named in `settings` (all readable ones when
 * none), each with its newest saved run or a new run; the comparison (`settings.compare`, run
 * now; else the project's newest saved comparison); the decision (`settings.decision`, else
 * the first; its saved measurements when they apply, else run now); the capacity searches
 * (`settings.capacity`, run now under `settings.capacitySlo`, else the first one's SLO); the
 * plan (`settings.plan`, else the first; run now). A section the settings leave out is not run.
 * Nothing, with problems named by what they concern, when a name is unknown or a scenario
 * does not compile.
 */
std::optional<ReportData> gatherReportData(const ProjectDocument &project,
                                           const ReportSettings &settings,
                                           const ReportRunOptions &options,
                                           Problems *problems);

/** The report of one scenario (a file): it is run now, and so is its capacity search when
 *  `settings.capacity` names it. */
std::optional<ReportData> gatherScenarioReportData(const Scenario &scenario,
                                                   const ReportSettings &settings,
                                                   const ReportRunOptions &options,
                                                   Problems *problems);

} // namespace Model
