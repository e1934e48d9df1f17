// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProblemLocation.h"

#include "JsonPath.h"

#include <QRegularExpression>

namespace Model {

ProblemLocation locateProblem(const Scenario &scenario, const QString &path)
{
    ProblemLocation location;
    if (!path.startsWith(QLatin1Char('$')))
        return location;
    static const QRegularExpression component(QStringLiteral("^\\$\\.components\\[(\\d+)\\]"));
    const QRegularExpressionMatch match = component.match(path);
    if (match.hasMatch()) {
        location.section = ProblemLocation::Section::Component;
        location.componentPath = match.captured(0);
        bool ok = false;
        const int index = match.captured(1).toInt(&ok);
        location.componentIndex = ok ? index : -1;
        if (ok && index < scenario.components.size())
            location.componentId = scenario.components.at(index).id;
    } else if (JsonPath::isWithin(path, QStringLiteral("$.workload"))) {
        location.section = ProblemLocation::Section::Workload;
    } else if (JsonPath::isWithin(path, QStringLiteral("$.simulation"))
               || JsonPath::isWithin(path, QStringLiteral("$.network"))) {
        location.section = ProblemLocation::Section::Simulation;
    } else if (JsonPath::isWithin(path, QStringLiteral("$.faults"))) {
        location.section = ProblemLocation::Section::Faults;
    } else {
        location.section = ProblemLocation::Section::Header;
    }
    return location;
}

} // namespace Model
