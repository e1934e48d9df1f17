// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QStringList>

namespace Model {

/**
 * What changed from `before` to `after`, one short phrase per change, in the order of the
 * format: "Replicas of api 2→4", "Duration 60→120 s", "added cache_1", "removed mailer",
 * "handlers of api changed". Found by walking the format's tables (Model::Format), so a field
 * the format gains is compared without code here; the lists with a structure of their own
 * (handlers, routes, pools, targets, queries, consumers, faults) are compared as wholes.
 * The name, the description and the diagram are not changes of what runs and are left out.
 */
QStringList scenarioChanges(const Scenario &before, const Scenario &after);

} // namespace Model
