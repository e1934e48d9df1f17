// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QList>
#include <QString>

namespace Model {

/** A number of a scenario that a sweep can set (Model::SweepParameter's path syntax). */
struct SweepablePath
{
    QString path;           ///< "components[api].replicas"
    double value = 0;       ///< what the scenario has there, or the default it takes
    bool isDefault = false; ///< not written in the scenario: the format's default
    QString unit;           ///< "ms", "s", "/s", "MB", or empty
};

/**
 * The numbers of `scenario` a sweep can vary, in the order of the file (the run settings,
 * the workload, each component, the faults), each with the path that setScenarioPath()
 * takes and the value it has: every number written in the scenario (array elements with an
 * "id" or "name" addressed by it, others by index), then for each object the fields the
 * format's tables give a default that are not written (a service's replicas, cpu_cores,
 * ...; the fields of its concurrency model when it has a "concurrency" object). Left out:
 * the seed, replications and bucket of the run settings (the sweep has its own
 * replications), the canvas positions and the cost prices.
 */
QList<SweepablePath> sweepablePaths(const Scenario &scenario);

} // namespace Model
