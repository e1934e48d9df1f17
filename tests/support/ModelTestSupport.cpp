// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"

#include "TestSupport.h"

#include <QFile>
#include <QStringList>

namespace TestSupport {

QString problemsText(const Model::Problems &problems)
{
    QStringList lines;
    for (const Model::Problem &p : problems)
        lines.append(p.toString());
    return lines.join(QLatin1Char('\n'));
}

QByteArray readExample(const QString &file)
{
    QFile f(examplePath(file));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Model::Scenario loadExample(const QString &file)
{
    const Model::ScenarioLoad load = Model::parseScenario(readExample(file));
    if (!load.scenario)
        qFatal("cannot read the example %s:\n%s",
               qPrintable(file),
               qPrintable(problemsText(load.problems)));
    return *load.scenario;
}

Sim::Spec compileExample(const QString &file)
{
    const Model::ScenarioLoad load = Model::parseScenario(readExample(file));
    if (!load.ok())
        return {};
    const Model::CompiledScenario compiled = Model::compileScenario(*load.scenario);
    return compiled.ok() ? compiled.spec : Sim::Spec{};
}

} // namespace TestSupport
