// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of the Compose and Kubernetes import tests (tst_composeimport, tst_kubernetesimport):
// their fixtures, the imported components and steps, and what the import noted and found.

#include "Scenario.h"
#include "TestSupport.h"
#include "import/ContainerImport.h"

#include <QFile>
#include <QStringList>

namespace ImportTest {

/** Path of a fixture in tests/fixtures/import. */
inline QString fixture(const QString &name)
{
    return TestSupport::sourcePath(QStringLiteral("tests/fixtures/import/") + name);
}

inline QByteArray readFixture(const QString &name)
{
    QFile f(fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return f.readAll();
}

/** The scenario's component `id`; the test stops when there is none. */
inline const Model::Component &component(const Model::Scenario &s, const QString &id)
{
    const Model::Component *c = s.component(id);
    if (!c)
        qFatal("no component %s", qPrintable(id));
    return *c;
}

/** A service's first handler's calls, cache lookups and publishes: "call db", "cache c". */
inline QStringList stepTargets(const Model::Component &c)
{
    QStringList out;
    for (const Model::Step &st : c.service.handlers.value(0).steps) {
        if (st.kind == Model::Step::Kind::Call)
            out << QStringLiteral("call ") + st.target;
        else if (st.kind == Model::Step::Kind::Cache)
            out << QStringLiteral("cache ") + st.target;
        else if (st.kind == Model::Step::Kind::Publish)
            out << QStringLiteral("publish ") + st.target;
    }
    return out;
}

/** A note of `kind` about `component` whose path or message contains `part`. */
inline bool hasNote(const Model::ImportResult &r,
                    Model::ImportNote::Kind kind,
                    const QString &component,
                    const QString &part)
{
    for (const Model::ImportNote &n : r.notes) {
        if (n.kind == kind && n.component == component
            && (n.path.contains(part) || n.message.contains(part)))
            return true;
    }
    return false;
}

/** The import's errors, a line each. */
inline QString errorsText(const Model::ImportResult &r)
{
    QStringList lines;
    for (const Model::ImportError &e : r.errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

/** The container lint's findings as "RULE COMPONENT LINE", in the import's order. */
inline QStringList findingLines(const Model::ImportResult &r)
{
    QStringList out;
    for (const Model::ContainerFinding &f : r.findings)
        out << QStringLiteral("%1 %2 %3")
                   .arg(f.finding.rule, f.finding.component)
                   .arg(f.where.line);
    return out;
}

} // namespace ImportTest
