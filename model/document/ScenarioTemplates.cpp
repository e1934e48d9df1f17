// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioTemplates.h"

namespace Model {

Scenario emptyScenario(const QString &name)
{
    Scenario scenario;
    scenario.name = name;
    scenario.simulation.durationS = 60;
    scenario.simulation.warmupS = 5;
    scenario.simulation.seed = 1;
    scenario.workload.arrivals.kind = QStringLiteral("poisson");
    scenario.workload.arrivals.ratePerS = 100;
    RequestType request;
    request.name = QStringLiteral("request");
    scenario.workload.requests << request;
    return scenario;
}

QString uniqueScenarioName(const QString &base, const QStringList &taken)
{
    QString name = base;
    for (int n = 2; taken.contains(name); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

} // namespace Model
