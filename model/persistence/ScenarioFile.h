// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Project.h"
#include "ScenarioIo.h"

#include <QString>

namespace Model {

/**
 * Import and export of one scenario as a JSON file in the contract format
 * (spec/scenario-format.md): the form a scenario has inside a project, so a scenario
 * exported and imported again is unchanged.
 */
class ScenarioFile
{
public:
    /**
     * Reads and checks a scenario file (loadScenarioFile). The components' "ui" positions,
     * if any, can seed the canvas: ProjectScenario::create(*load.scenario) does that.
     */
    static ScenarioLoad importFrom(const QString &fileName);

    /**
     * Writes serializeScenario(scenario) atomically (QSaveFile): on failure an existing
     * file is unchanged and `error` says why. With a layout, its positions are written into
     * the components' "ui" fields so that another ArchSim places them the same way.
     */
    static bool exportTo(const Scenario &scenario,
                         const QString &fileName,
                         QString *error,
                         const ScenarioLayout *layout = nullptr);
};

} // namespace Model
