// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioTemplates.h"

#include <QObject>

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

QString scenarioNameProblem(const QString &name, const QStringList &others)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QObject::tr("A scenario needs a name: archsim-cli picks a scenario of a project "
                           "by its name (PROJECT.archsim:NAME).");
    if (others.contains(trimmed))
        return QObject::tr("Another scenario of this project is called “%1”: names must differ "
                           "so that each can be picked by its name.")
            .arg(trimmed);
    return {};
}

} // namespace Model
