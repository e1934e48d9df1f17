// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ScenarioIo.h"

namespace Model {

/**
 * `scenario` with its lesson's hint `tryIndex` (of "try", from 0) applied: the hint's `field`
 * set to its `value` in the scenario's JSON (setScenarioPath, the syntax of archsim-cli sweep
 * --set), then read back and validated as parseScenario() does. A hint without a field or a value, or whose field
 * does not fit the scenario, gives a load without a scenario and one problem saying why,
 * at the hint's path.
 */
ScenarioLoad scenarioWithTry(const Scenario &scenario, int tryIndex);

} // namespace Model
