// SPDX-License-Identifier: GPL-3.0-or-later
// A lesson's "try this" hint applied to its scenario, through the JSON as a sweep does it.
#include "Lesson.h"

#include "JsonPath.h"
#include "Sweep.h"

namespace Model {

ScenarioLoad scenarioWithTry(const Scenario &scenario, int tryIndex)
{
    ScenarioLoad out;
    const QString path = JsonPath::index(QStringLiteral("$.lesson.try"), tryIndex);
    auto refuse = [&](const QString &why) {
        out.problems.append({Problem::Severity::Error, path, why, 0, 0});
        return out;
    };
    if (!scenario.lesson || tryIndex < 0 || tryIndex >= scenario.lesson->tries.size())
        return refuse(QStringLiteral("the scenario has no such hint"));
    const LessonTry &hint = scenario.lesson->tries.at(tryIndex);
    if (hint.field.isEmpty() || !hint.value)
        return refuse(QStringLiteral("this hint names no field and value to set"));
    ScenarioLoad load = scenarioWithSet(scenario, {{hint.field, *hint.value}});
    if (!load.scenario && !load.problems.isEmpty())
        return refuse(load.problems.first().message);
    return load;
}

} // namespace Model
