// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Compare.h"
#include "Results.h"
#include "Scenario.h"
#include "Simulation.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

/**
 * Sharded runs and comparisons (docs/scale-out.md): `archsim-cli run --shard I/N` and
 * `compare --shard I/N` run part I of N of the replications, and `merge` puts the parts
 * together into what one unsharded run writes, number for number (only the wall-clock fields
 * differ). Sweeps shard their points instead (Sweep.h, mergeSweeps).
 *
 * Replication r belongs to part r mod N (counting parts from 0 here; --shard counts from 1).
 * A replication's figures depend only on the Spec and (seed, r), so a part's replications
 * are those of the whole run. The run's figures are aggregated from its replications
 * (percentiles, histograms and series too), so a part carries each replication in full: its
 * figures, series and events, every double exactly (see replicationToJson).
 */
namespace Model {

/** Part `index` of `count`, from 0 (archsim-cli's --shard I/N is index I − 1). */
struct Shard
{
    int index = 0;
    int count = 1;
};

/**
 * "I/N", the text of --shard, with 1 <= I <= N: Shard{I − 1, N}. Nothing and a sentence in
 * `error` otherwise.
 */
std::optional<Shard> parseShard(const QString &text, QString *error);

/** The replications out of 0 .. replications − 1 that `shard` runs: r with r % count == index. */
std::vector<int> shardReplications(int replications, const Shard &shard);

/**
 * One replication in full fidelity, for a part: its index, events, wall_s, cancelled;
 * "requests" and "components" as arrays in the engine's order, each with every figure of
 * ResultsSchema (those of every kind; intervals when known), failures and the latency
 * histogram; "series" with bucket_s, t_s and its columns in order; "timeline" (its events)
 * and "timeline_dropped". Numbers are written so that they read back bit for bit: finite
 * doubles as JSON numbers (Qt writes their shortest round-trip form), NaN, infinities and
 * −0 as the strings "nan", "inf", "-inf" and "-0".
 */
QJsonObject replicationToJson(const Sim::ReplicationResult &replication);

/**
 * Reads replicationToJson back: replicationFromJson(replicationToJson(r)) equals r. On a
 * value of the wrong type returns nothing and sets `error` to a sentence naming the path
 * below `path`. A figure of ResultsSchema that is missing keeps its default.
 */
std::optional<Sim::ReplicationResult> replicationFromJson(const QJsonValue &json,
                                                          const QString &path,
                                                          QString *error);

// --- run --replications N --shard I/N ---------------------------------------------------

struct RunPart
{
    Shard shard;
    Scenario scenario;                                ///< as run: with the command line's settings
    std::vector<Sim::ReplicationResult> replications; ///< the part's, in order
    bool cancelled = false;
    double wallS = 0;
};

/**
 * Runs part `shard` of the replications of `scenario`, compiled into `spec` (checked; its
 * `replications` is the whole run's), on options.threads threads.
 */
RunPart runRunPart(const Scenario &scenario,
                   const Sim::Spec &spec,
                   const Shard &shard,
                   const Sim::RunOptions &options);

/**
 * {"format": "archsim-run-part", "version": 1, "engine": VERSION, "shard": {"index": I,
 * "count": N} (I from 1), "wall_s", "scenario": <the scenario JSON as run>, "replications":
 * [replicationToJson of each]}.
 */
QJsonObject runPartToJson(const RunPart &part);

struct MergedRun
{
    Scenario scenario;     ///< as run
    Sim::RunResult result; ///< wallS: the parts' sum
};

/**
 * The parts of a sharded run (`sources` name them in messages; any order) put together:
 * the scenario recompiled, every replication in order, aggregated as the unsharded run
 * aggregates them. Refused, with a sentence naming the file in `error`: a file that is not a
 * run part or cannot be read, parts of different scenarios, seeds, splits or ArchSim
 * versions, a part given twice, a missing part, a part without exactly its replications.
 */
std::optional<MergedRun> mergeRunParts(const QList<QPair<QString, QJsonObject>> &parts,
                                       QString *error);

// --- compare --shard I/N ----------------------------------------------------------------

struct ComparisonPart
{
    Shard shard;
    ComparePlan plan; ///< every alternative as run
    /// [alternative]: the part's replications of it, in order (the same indices for all)
    std::vector<std::vector<Sim::ReplicationResult>> replications;
    bool cancelled = false;
    double wallS = 0;
};

/**
 * Runs part `shard` of a comparison: the replications r with r % shard.count == shard.index
 * of every alternative (common random numbers pair the alternatives by r). Nothing when a
 * scenario does not compile (its problems go to `problems`).
 */
std::optional<ComparisonPart> runComparisonPart(const std::vector<CompareAlternative> &alternatives,
                                                const CompareOptions &options,
                                                const Shard &shard,
                                                Problems *problems);

/**
 * {"format": "archsim-compare-part", "version": 1, "engine", "shard", "wall_s",
 * "replications": R, "crn", "seed": "S", "alternatives": [{"name", "scenario": <as run>,
 * "replications": [...]}]}; the first alternative is the baseline.
 */
QJsonObject comparisonPartToJson(const ComparisonPart &part);

/**
 * The parts of a sharded comparison put together with the code runComparison uses
 * (compareReplications): comparisonToJson of the result is what the unsharded compare
 * writes but for wall_s (the parts' sum). Refused as mergeRunParts refuses.
 */
std::optional<Comparison> mergeComparisonParts(const QList<QPair<QString, QJsonObject>> &parts,
                                               QString *error);

// --- which kind -------------------------------------------------------------------------

enum class PartKind { Sweep, Run, Comparison };

/**
 * The kind of the parts by their "format" ("archsim-sweep", "archsim-run-part",
 * "archsim-compare-part"). Nothing, with a sentence naming the file in `error`, for a file
 * of another format or parts of different kinds.
 */
std::optional<PartKind> partKindOf(const QList<QPair<QString, QJsonObject>> &parts, QString *error);

} // namespace Model
