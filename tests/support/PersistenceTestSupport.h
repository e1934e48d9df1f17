// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the tests of model/persistence and model/document: example projects, a
// short real run, a file's exact state (to prove a file was not touched) and raw SQL.

#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "persistence/Project.h"
#include "persistence/ProjectStore.h"
#include "persistence/SqliteConnection.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <unistd.h>

namespace PersistenceTest {

inline QStringList exampleFiles()
{
    return {QStringLiteral("mm1.json"),
            QStringLiteral("shop-monolith.json"),
            QStringLiteral("shop-microservices.json")};
}

/** A real run of `scenario`, cut to a few simulated seconds; empty result if it cannot run. */
inline Sim::RunResult shortRun(Model::Scenario scenario, double durationS = 4, int replications = 1)
{
    scenario.simulation.durationS = durationS;
    scenario.simulation.warmupS = 1;
    scenario.simulation.replications = replications;
    scenario.simulation.bucketS = 1;
    const Model::CompiledScenario compiled = Model::compileScenario(scenario);
    if (!compiled.ok()) {
        for (const Model::Problem &p : compiled.problems)
            qInfo("not run: %s", qPrintable(p.toString()));
        return {};
    }
    return Sim::runSimulation(compiled.spec);
}

/** Every component of the scenario at a distinct place. */
inline Model::ScenarioLayout layoutFor(const Model::Scenario &scenario, double offset)
{
    Model::ScenarioLayout layout;
    for (qsizetype i = 0; i < scenario.components.size(); ++i)
        layout.positions.insert(scenario.components.at(i).id,
                                QPointF(offset + 120.5 * double(i), -40.25 * double(i)));
    layout.zoom = 1.25 + offset / 1000;
    layout.center = QPointF(offset, offset / 2);
    return layout;
}

/**
 * The three examples as scenarios of one project, each with a layout, and a saved run of
 * a real short simulation for every example the engine can run.
 */
inline Model::Project exampleProject()
{
    Model::Project project;
    project.metadata.name = QStringLiteral("Shop architecture study");
    project.metadata.description = QStringLiteral(
        "Monolith against microservices, with M/M/1 as a check");
    project.metadata.created = QDateTime::fromString(QStringLiteral("2024-03-01T09:30:00.125Z"),
                                                     Qt::ISODateWithMs);
    project.metadata.modified = QDateTime::currentDateTimeUtc();
    project.metadata.appVersion = Model::ProjectStore::applicationVersion();
    double offset = 0;
    for (const QString &file : exampleFiles()) {
        Model::ProjectScenario s = Model::ProjectScenario::create(TestSupport::loadExample(file));
        s.layout = layoutFor(s.scenario, offset);
        offset += 100;
        const Sim::RunResult run = shortRun(s.scenario);
        if (!run.requests.empty())
            s.runs.append(Model::savedRunFromResult(run, QStringLiteral("first look")));
        project.scenarios.append(s);
    }
    return project;
}

/** The bytes and modification time of a file, to show it was left alone. */
struct FileState
{
    QByteArray bytes;
    QDateTime modified;
    qint64 size = -1;
    bool operator==(const FileState &) const = default;
};

inline FileState stateOf(const QString &path)
{
    FileState s;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        s.bytes = f.readAll();
    const QFileInfo info(path);
    s.modified = info.lastModified();
    s.size = info.exists() ? info.size() : -1;
    return s;
}

/** The names in a folder, to show that no temporary or journal file was left behind. */
inline QStringList entriesOf(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System
                                      | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

/** Sets a file's modification time an hour back, so a rewrite would surely change it. */
inline bool backdate(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite)
           && f.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                            QFileDevice::FileModificationTime);
}

/** Runs one SQL statement on a file with a connection of the test's own. */
inline bool execOn(const QString &path, const QString &sql)
{
    Model::SqliteConnection c(path, Model::SqliteConnection::Mode::ReadWrite);
    const bool ok = c.isOpen() && c.exec(sql);
    if (!ok)
        qWarning("%s: %s", qPrintable(sql), qPrintable(c.errorString()));
    return ok;
}

inline bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace PersistenceTest
