// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"

#include <QString>

namespace Model {
struct SavedRun;
}

namespace Sim {
struct RunResult;
}

namespace Ui {

struct RunSettings;

/*
 * What the main window says about a scenario, its problems and its runs, in sentences: the
 * header's summary, why a run does not start, where a file cannot be read, and the line
 * above the results.
 */

/** The run settings of the header's spin boxes (duration, warm-up, seed, replications). */
RunSettings runSettingsOf(const Model::Scenario &scenario);

/**
 * "Workload: poisson arrivals, 600/s into “edge”; request types: browse 75%, checkout 25%.
 * Components: gateway, service ×3, database." Kinds in the order they first appear.
 */
QString scenarioSummary(const Model::Scenario &scenario);

/** "3 problems stop this scenario from running: see the Problems panel." (errors only) */
QString errorSummary(const Model::Problems &problems);

/** "line 3, column 7: …" (else the path) for each problem, one per line. */
QString problemLines(const Model::Problems &problems);

/**
 * "<b>Shop</b>: saved run of 2025-01-02 10:30 (engine 1.4): duration 60 s (warm-up 5 s),
 * seed 1, 2 replications."
 */
QString savedRunHeader(const QString &scenarioName,
                       const Model::SavedRun &run,
                       const Sim::RunResult &result);

/**
 * "<b>Shop</b>: duration 60 s (warm-up 5 s), seed 1, 1 replication; saved in the project.",
 * or for a cancelled run "... cancelled at 40%, partial results (not saved); ...".
 */
QString finishedRunHeader(const QString &scenarioName, const Sim::RunResult &result, int percent);

/**
 * The verdict of the scenario's SLO on a run, for the results header: "SLO p99<200ms: met
 * (p99 12.3 ms < 200 ms)" in green, or "NOT met" in red naming the conditions that failed;
 * empty without an SLO (or one that does not parse).
 */
QString sloVerdictHtml(const QString &slo, const Sim::RunResult &result);
/**
 * `header`, then a line with the run's cost under the scenario's prices ("Cost: $0.62 per
 * hour, $0.29 per million requests") and, when the scenario has an SLO, its verdict
 * (sloVerdictHtml).
 */
QString withRunVerdicts(const QString &header,
                        const Model::Scenario &scenario,
                        const Sim::RunResult &result);

/** "1.2M events in 0.8 s wall time, 1.5M events/s" */
QString runTiming(const Sim::RunResult &result);

} // namespace Ui
