// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Compare.h"
#include "Problem.h"
#include "Results.h"
#include "Scenario.h"
#include "ScenarioIo.h"
#include "Simulation.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace Model {

/**
 * One parameter of a sweep (docs/compare.md, "Sweeps"): a path into the scenario JSON and
 * the values it takes. Paths are dotted keys with [N] for the N-th element of an array and
 * [ID] for the component, request or fault of that id or name:
 * "workload.arrivals.rate_per_s", "components[api].replicas", "components[0].cpu_cores",
 * "simulation.duration_s".
 */
struct SweepParameter
{
    QString path;
    QList<QJsonValue> values;
};

/**
 * "PATH=VALUES" with VALUES a list "1,2,4" (numbers, true/false or words) or a range
 * "100..2000:100" (from, to, step; the last value is the last step at or below `to`).
 * nullopt and a sentence in `error` when it is not one.
 */
std::optional<SweepParameter> parseSweepSet(const QString &text, QString *error);

/** One step of a path of SweepParameter's syntax: a key, or an [N] / [ID] of an array. */
struct PathSegment
{
    bool isIndex = false;
    QString text;
};

/** "components[api].replicas" -> components, [api], replicas; nullopt when malformed. */
std::optional<QList<PathSegment>> pathSegments(const QString &path);

/**
 * Sets `value` at `path` (SweepParameter's syntax) in a scenario's JSON. Keys that do not
 * exist yet are created in an existing object; an array index or id must exist. false and a
 * sentence that says where the path breaks, in `error`, otherwise.
 */
bool setScenarioPath(QJsonObject &scenario,
                     const QString &path,
                     const QJsonValue &value,
                     QString *error);

/**
 * `scenario` with each (path, value) of `set` applied by setScenarioPath, in order, then read
 * back and validated as parseScenario() does (the scenario a sweep point or a lesson hint
 * runs). A path that does not fit gives a load without a scenario and one error whose path is
 * the set's path and whose message says where it breaks.
 */
ScenarioLoad scenarioWithSet(const Scenario &scenario,
                             const QList<QPair<QString, QJsonValue>> &set);

struct SweepOptions
{
    std::optional<int> replications; ///< default: the scenario's own
    int threads = 0;                 ///< 0: all cores
    const std::atomic<bool> *cancel = nullptr;
    Sim::SimulationObserver *observer = nullptr;
    /// run only the points k of the grid with k % shardCount == shardIndex (0-based here;
    /// archsim-cli's --shard I/N counts from 1), for mergeSweeps to put together
    int shardIndex = 0;
    int shardCount = 1;
};

struct SweepPoint
{
    int index = 0;                         ///< its place in the whole grid
    QList<QPair<QString, QJsonValue>> set; ///< path, value: one per parameter
    Sim::RunResult result;
    /// one per compareFigures(): the mean over the replications and its 95% interval
    std::vector<Estimate> figures;
};

struct Sweep
{
    std::vector<SweepPoint> points; ///< finished points, in grid order (first parameter slowest)
    QStringList paths;              ///< the parameters' paths, in the order given
    int gridSize = 0;               ///< points of the whole grid
    int shardIndex = 0;             ///< which part of the grid this is (SweepOptions)
    int shardCount = 1;
    bool cancelled = false;
    double wallS = 0;
};

/**
 * Runs every point of the grid of `parameters` (one: a line, two: a full grid) on a pool of
 * threads, each point a copy of `scenario` with the parameters set. Problems of a point
 * (a path that does not fit, a value out of range) name the point and stop the sweep before
 * anything runs. A cancelled sweep keeps the points whose replications all finished.
 */
std::optional<Sweep> runSweep(const Scenario &scenario,
                              const std::vector<SweepParameter> &parameters,
                              const SweepOptions &options,
                              Problems *problems);

/**
 * {"points": [{"index": K, "set": {PATH: VALUE}, "results": <results JSON>}], "grid_size",
 * "parameters": [PATH, ...] (in the order given), ...}, and "shard": {"index": I, "count": N}
 * (I from 1) for a part of a sharded sweep.
 */
QJsonObject sweepToJson(const Sweep &sweep);

/**
 * The sweep JSON of sweepToJson (or of mergeSweeps) read back: points with their set in the
 * order of "parameters" (sorted when it is absent) and their results (runResultFromJson);
 * the points' `figures` are not restored. For merge --csv. nullopt and a sentence naming the
 * JSON path in `error` when it is not one.
 */
std::optional<Sweep> sweepFromJson(const QJsonObject &json, QString *error);

/**
 * The parts of a sharded sweep (the JSON of every shard 1..N of one grid, in any order) put
 * together into the JSON of the whole sweep: the same as one unsharded run, number for
 * number, but for the wall-clock fields (wall_s is the shards' sum). `sources` name the parts
 * in messages. nullopt and a sentence in `error` when they are not the parts of one sweep.
 */
std::optional<QJsonObject> mergeSweeps(const QList<QPair<QString, QJsonObject>> &parts,
                                       QString *error);

/** sweep.csv in `directory`: one row per point, the parameters then the main figures. */
bool writeSweepCsv(const Sweep &sweep, const QString &directory, QString *error);

} // namespace Model
