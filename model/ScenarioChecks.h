// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ScenarioIo.h"

// Internal to model/: the parts of validateScenario() that live in files of their own.
#include "JsonPath.h"
#include "Problem.h"
#include "Scenario.h"

#include <QHash>

namespace Model {

/** 'name', as the validator's sentences quote ids and words. */
inline QString quoted(const QString &s)
{
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

/**
 * What every checker of a scenario shares: the scenario, the index of each id (its first
 * component), the problems found so far and how to add one.
 */
class ScenarioChecker
{
public:
    explicit ScenarioChecker(const Scenario &s)
        : m_s(s)
    {
        for (int i = 0; i < s.components.size(); ++i) {
            const QString &id = s.components.at(i).id;
            if (!id.isEmpty() && !m_index.contains(id))
                m_index.insert(id, i);
        }
    }

protected:
    void error(const QString &path, const QString &message)
    {
        m_problems.append({Problem::Severity::Error, path, message, 0, 0});
    }
    void warning(const QString &path, const QString &message)
    {
        m_problems.append({Problem::Severity::Warning, path, message, 0, 0});
    }
    static QString componentPath(int i)
    {
        return JsonPath::index(QStringLiteral("$.components"), i);
    }

    const Scenario &m_s;
    QHash<QString, int> m_index;
    Problems m_problems;
};

/**
 * Where requests go (ScenarioFlow.cpp): every request type followed from the entry through
 * load balancers, routes, calls and queues to a handler, components nothing reaches, and
 * cycles of synchronous calls.
 */
Problems checkRequestFlow(const Scenario &scenario);

/** The overloads of a scenario that has passed every other rule (ScenarioCompiler.cpp): the
 *  validator's last check, so it compiles without validating again. */
QList<Overload> overloadsOfValid(const Scenario &scenario);

} // namespace Model
