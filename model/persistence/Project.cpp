// SPDX-License-Identifier: GPL-3.0-or-later
#include "Project.h"

#include "ScenarioIo.h"
#include "Simulation.h"

#include <QJsonArray>
#include <QUuid>

namespace Model {

QString newProjectId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ScenarioLayout layoutFromScenario(const Scenario &scenario)
{
    ScenarioLayout layout;
    for (const Component &c : scenario.components) {
        const auto it = scenario.diagram.positions.constFind(c.id);
        if (it != scenario.diagram.positions.constEnd())
            layout.positions.insert(c.id, QPointF(it->x, it->y));
    }
    return layout;
}

void applyLayoutToScenario(const ScenarioLayout &layout, Scenario *scenario)
{
    for (const Component &c : scenario->components) {
        const auto it = layout.positions.constFind(c.id);
        if (it == layout.positions.constEnd())
            continue;
        // keeps the fields of "ui" this version does not know
        UiPosition &pos = scenario->diagram.positions[c.id];
        pos.x = it->x();
        pos.y = it->y();
    }
}

SavedRun savedRunFromResult(const Sim::RunResult &result, const QString &label)
{
    SavedRun run;
    run.id = newProjectId();
    run.label = label;
    run.timestamp = QDateTime::currentDateTimeUtc();
    run.parameters.durationS = result.durationS;
    run.parameters.warmupS = result.warmupS;
    run.parameters.seed = result.seed;
    run.parameters.replications = result.replications;
    run.engineVersion = QString::fromLatin1(Sim::engineVersion());
    run.results = resultsToJson(result);
    return run;
}

QStringList SavedComparison::scenarioNames() const
{
    QStringList names;
    for (const QJsonValue &a : comparison.value(QStringLiteral("alternatives")).toArray())
        names.append(a.toObject().value(QStringLiteral("scenario")).toString());
    return names;
}

ProjectScenario ProjectScenario::create(const Scenario &scenario)
{
    ProjectScenario s;
    s.id = newProjectId();
    s.scenario = scenario;
    s.layout = layoutFromScenario(scenario);
    return s;
}

int Project::indexOf(const QString &scenarioId) const
{
    for (qsizetype i = 0; i < scenarios.size(); ++i) {
        if (scenarios.at(i).id == scenarioId)
            return static_cast<int>(i);
    }
    return -1;
}

ProjectScenario *Project::scenario(const QString &scenarioId)
{
    const int i = indexOf(scenarioId);
    return i < 0 ? nullptr : &scenarios[i];
}

const ProjectScenario *Project::scenario(const QString &scenarioId) const
{
    const int i = indexOf(scenarioId);
    return i < 0 ? nullptr : &scenarios.at(i);
}

Workload sharedPart(const Workload &workload)
{
    Workload w;
    w.shared = true;
    w.arrivals = workload.arrivals;
    w.requests = workload.requests;
    w.extra = workload.extra;
    return w;
}

Workload withSharedPart(Workload own, const Workload &shared)
{
    const QString entry = own.entry;
    own = sharedPart(shared);
    own.entry = entry;
    return own;
}

QStringList applySharedWorkload(Project &project)
{
    QStringList notes;
    for (const ProjectScenario &s : std::as_const(project.scenarios)) {
        if (!project.sharedWorkload && s.isReadable() && sharesWorkload(s.scenario))
            project.sharedWorkload = s.scenario.workload;
    }
    if (!project.sharedWorkload)
        return notes;
    project.sharedWorkload = sharedPart(*project.sharedWorkload);
    for (ProjectScenario &s : project.scenarios) {
        if (!s.isReadable() || !sharesWorkload(s.scenario)
            || sharedPart(s.scenario.workload) == *project.sharedWorkload)
            continue;
        s.scenario.workload = withSharedPart(s.scenario.workload, *project.sharedWorkload);
        notes.append(QStringLiteral("The workload of the scenario '%1' differed from the "
                                    "project's shared workload (it was changed outside this "
                                    "project); it now follows the shared workload again")
                         .arg(s.scenario.name));
    }
    return notes;
}

const ProjectScenario *Project::scenarioNamed(const QString &name) const
{
    for (const ProjectScenario &s : scenarios) {
        if (s.scenario.name == name)
            return &s;
    }
    return nullptr;
}

const Decision *Project::decisionNamed(const QString &name) const
{
    for (const Decision &d : decisions) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

const Plan *Project::planNamed(const QString &name) const
{
    for (const Plan &p : plans) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

} // namespace Model
