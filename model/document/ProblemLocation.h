// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QString>

namespace Model {

/**
 * Where a problem's JSON path points in a scenario, for the GUI to show the place: which
 * part of the scenario it lies in and, inside "$.components[N]", which component.
 */
struct ProblemLocation
{
    enum class Section {
        None,       ///< not a JSON path ("" or not starting with "$")
        Header,     ///< anything else at the top level: name, description, version, ...
        Simulation, ///< "$.simulation..." and the scenario's "$.network..."
        Workload,   ///< "$.workload..."
        Component,  ///< "$.components[N]..."
        Faults,     ///< "$.faults..."
    };
    Section section = Section::None;
    int componentIndex = -1; ///< N of "$.components[N]"; -1 outside the components
    QString componentId;     ///< the id of component N; empty when there is no such component
    QString componentPath;   ///< "$.components[N]", the component's own path; empty outside

    bool operator==(const ProblemLocation &) const = default;
};

/** Where `path` (a Problem::path) lies in `scenario`. */
ProblemLocation locateProblem(const Scenario &scenario, const QString &path);

} // namespace Model
