// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QJsonObject>
#include <QString>

namespace Model {

/**
 * Reads the results JSON of spec/cli.md, as Model::resultsToJson writes it, back into a
 * Sim::RunResult, so a run saved in a project re-opens without running again.
 *
 * Every field resultsToJson writes is restored: scenario, simulation settings, engine
 * figures (events, wall_s, events_per_s), "cancelled", each request with its latency
 * summary, latency histogram, failures and ci95 intervals, each component with its visit
 * figures and those of its kind (for queues the drain figures too), the series, the
 * "events" timeline with "events_dropped", and "per_replication". Results saved before the
 * histogram and the drain figures existed read with those empty or 0.
 * null figures become NaN. resultsToJson(runResultFromJson(j)) == j for every j that
 * resultsToJson wrote.
 *
 * Without "per_replication" (one replication) perReplication holds one entry with the
 * run's own figures. Not in the JSON and so not restored: the order of components and
 * series columns (the JSON keeps keys sorted) and each replication's series.
 *
 * On error (not a results object, a newer results version, a field of the wrong type)
 * returns a default RunResult and sets `error` to a sentence naming the JSON path.
 */
Sim::RunResult runResultFromJson(const QJsonObject &json, QString *error);

} // namespace Model
