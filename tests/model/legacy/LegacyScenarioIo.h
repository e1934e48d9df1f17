// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The scenario parser, writer, validator and compiler as they were before the format schema
// (issue 9), kept only while tst_schemamigration compares them with the schema-driven code.
// Delete this folder with that test once they agree.
#include "ScenarioIo.h"

namespace Model::Legacy {

using Model::CompiledScenario;
using Model::ScenarioLoad;

ScenarioLoad parseScenario(const QByteArray &utf8);
ScenarioLoad loadScenarioFile(const QString &fileName);
Problems locateProblems(Problems problems, const QByteArray &utf8);
QByteArray serializeScenario(const Scenario &scenario);
Problems validateScenario(const Scenario &scenario);
CompiledScenario compileScenario(const Scenario &scenario);

} // namespace Model::Legacy
