// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli: run, validate and bench scenarios without a display (spec/cli.md).
// Exit codes: 0 success, 1 the run failed, 2 bad input, 130 cancelled.

#include "BenchModels.h"
#include "ExportCommand.h"
#include "ImportCommand.h"
#include "KindTraits.h"
#include "ReportCommand.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "analysis/Capacity.h"
#include "analysis/Compare.h"
#include "analysis/Decision.h"
#include "analysis/Lint.h"
#include "analysis/Shards.h"
#include "analysis/Sweep.h"
#include "persistence/ProjectStore.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

enum Exit { ExitOk = 0, ExitRunFailed = 1, ExitBadInput = 2, ExitCancelled = 130 };

std::atomic<bool> g_cancel{false};

void onSigint(int)
{
    g_cancel.store(true);
}

void printErr(const QString &s)
{
    std::fputs(s.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
}

void printOut(const QString &s)
{
    std::fputs(s.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
}

void usage(FILE *to)
{
    std::fputs(
        "usage:\n"
        "  archsim-cli run SCENARIO [--duration S] [--warmup S] [--seed N] [--replications N]\n"
        "                  [--threads N] [--max-memory MB] [--slo TEXT] [--shard I/N]\n"
        "                  [--json FILE] [--csv DIR] [--quiet]\n"
        "  archsim-cli compare A B [C D] [--replications N] [--threads N] [--no-crn]\n"
        "                  [--duration S] [--warmup S] [--seed N] [--shard I/N] [--json FILE]\n"
        "                  [--csv DIR] [--quiet]     (A is the baseline)\n"
        "  archsim-cli sweep SCENARIO --set PATH=VALUES [--set PATH=VALUES] [--replications N]\n"
        "                  [--duration S] [--warmup S] [--seed N] [--threads N] [--shard I/N]\n"
        "                  [--json FILE] [--csv DIR] [--quiet]\n"
        "                  (VALUES: 1,2,4 or 100..2000:100; PATH e.g. components[api].replicas)\n"
        "  archsim-cli merge PART.json... --out FILE [--csv DIR]   (the --shard parts of one\n"
        "                  sweep, run or compare)\n"
        "  archsim-cli capacity SCENARIO [--slo \"p99<200ms,errors<1%\"] [--precision 0.01]\n"
        "                  [--replications N] [--threads N] [--json FILE] [--quiet]\n"
        "  archsim-cli validate SCENARIO\n"
        "  archsim-cli lint SCENARIO [--json FILE|-]   (architecture anti-patterns; exit 0\n"
        "                  with findings too)\n"
        "  archsim-cli decide PROJECT.archsim:DECISION [--adr FILE.md] [--json FILE|-]\n"
        "                  [--threads N] [--quiet]   (the decision matrix: runs the\n"
        "                  alternatives, ranks them, writes the ADR)\n"
        "  archsim-cli migrate PLAN.json|PROJECT.archsim:PLAN [--replications N]\n"
        "                  [--duration S] [--warmup S] [--threads N] [--json FILE] [--csv DIR]\n"
        "                  [--quiet]   (runs every step of a strangler-fig plan; prints the\n"
        "                  trajectory)\n"
        "  archsim-cli report SCENARIO|PROJECT.archsim [--scenario NAME]... [--compare A,B,...]\n"
        "                  [--capacity A,B,...] [--capacity-slo SLO]\n"
        "                  [--decision NAME] [--plan NAME] [--replications N] [--title TEXT]\n"
        "                  [--author TEXT] [--paper a4|letter] [--sections LIST] [--threads N]\n"
        "                  [--quiet] --out FILE.pdf   (a PDF report; runs what has no saved\n"
        "                  results; needs no display)\n"
        "  archsim-cli export SCENARIO --to mermaid|structurizr|plantuml|dot|svg|png\n"
        "                  [--out FILE]   (the topology for other tools, or a picture of the\n"
        "                  canvas; text goes to stdout without --out)\n"
        "  archsim-cli import FILE|FOLDER [--out SCENARIO.json]   (a Compose file or Kubernetes\n"
        "                  manifests as a scenario, with defaults to review and the container\n"
        "                  lint)\n"
        "  archsim-cli bench [--model NAME]\n"
        "SCENARIO is a scenario JSON file, or PROJECT.archsim:NAME for the scenario NAME of an\n"
        "ArchSim project. --json - writes the results JSON to stdout.\n"
        "Exit codes: 0 success, 1 the run failed, 2 bad input, 130 cancelled.\n",
        to);
}

/** Progress bar on stderr, redrawn at most ~10 times a second. */
class ProgressBar final : public Sim::SimulationObserver
{
public:
    void onProgress(double fraction) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (fraction < 1.0 && now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        const int width = 40;
        const int filled = static_cast<int>(fraction * width + 0.5);
        std::fprintf(stderr,
                     "\r[%-*s] %3d%%",
                     width,
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     static_cast<int>(fraction * 100 + 0.5));
        std::fflush(stderr);
    }
    void finish() { std::fputc('\n', stderr); }

private:
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
};

/** "'a', 'b'", or a sentence when there are none (an unnamed scenario shows as such). */
QString scenarioNames(const Model::Project &project)
{
    QStringList names;
    for (const Model::ProjectScenario &s : project.scenarios)
        names << (s.scenario.name.isEmpty()
                      ? QStringLiteral("(a scenario without a name)")
                      : QLatin1Char('\'') + s.scenario.name + QLatin1Char('\''));
    return names.isEmpty() ? QStringLiteral("the project has no scenarios")
                           : QStringLiteral("the project has ") + names.join(QStringLiteral(", "));
}

/** Whether `path` is an ArchSim project (an SQLite file) rather than a scenario JSON. */
bool isProjectFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

std::optional<Model::ScenarioLoad> loadScenario(const QString &arg)
{
    const int split = arg.indexOf(QStringLiteral(".archsim:"));
    if (split < 0 && (arg.endsWith(QLatin1String(".archsim")) || isProjectFile(arg))) {
        // a project without a scenario name: say which names there are
        const Model::ProjectLoad project = Model::ProjectStore::load(arg);
        if (!project.ok()) {
            printErr(QStringLiteral("error: %1: %2").arg(arg, project.error));
            return std::nullopt;
        }
        printErr(QStringLiteral("error: %1 is a project; name one of its scenarios as "
                                "%1:NAME (%2)")
                     .arg(arg, scenarioNames(*project.project)));
        return std::nullopt;
    }
    if (split >= 0) {
        // PROJECT.archsim:NAME: a scenario stored in a project file (opened read-only)
        const QString path = arg.left(split + 8);
        const QString name = arg.mid(split + 9);
        const Model::ProjectLoad project = Model::ProjectStore::load(path);
        if (!project.ok()) {
            printErr(QStringLiteral("error: %1: %2").arg(path, project.error));
            return std::nullopt;
        }
        const Model::ProjectScenario *entry = project.project->scenarioNamed(name);
        if (!entry) {
            printErr(QStringLiteral("error: %1: no scenario named '%2'; %3")
                         .arg(path, name, scenarioNames(*project.project)));
            return std::nullopt;
        }
        Model::ScenarioLoad load;
        if (entry->isReadable()) {
            // as it runs in the project: the project's prices where it sets none
            load.scenario = Model::withProjectPrices(entry->scenario, project.project->cost);
            load.problems = entry->problems;
        } else {
            // what the stored text says, with its line and column, then which scenario it is
            load.problems = entry->problems;
            load.problems.append({Model::Problem::Severity::Error,
                                  QString(),
                                  QStringLiteral("scenario '%1' in %2 cannot be read (see above); "
                                                 "open the project in ArchSim to repair it")
                                      .arg(name, path),
                                  0,
                                  0});
        }
        for (const Model::Problem &p : load.problems)
            printErr(p.toString());
        return load;
    }
    Model::ScenarioLoad load = Model::loadScenarioFile(arg);
    for (const Model::Problem &p : load.problems)
        printErr(p.toString());
    return load;
}

bool parseNumber(const QString &flag, const QString &text, double min, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !(v >= min)) {
        printErr(QStringLiteral("error: %1: expected a number >= %2, got '%3'")
                     .arg(flag)
                     .arg(min)
                     .arg(text));
        return false;
    }
    *out = v;
    return true;
}

/** --shard I/N: {I, N} with 1 <= I <= N, or nothing (and the error printed). */
std::optional<std::pair<int, int>> parseShard(const QString &text)
{
    QString error;
    const std::optional<Model::Shard> shard = Model::parseShard(text, &error);
    if (!shard) {
        printErr(QStringLiteral("error: --shard ") + error);
        return std::nullopt;
    }
    return std::make_pair(shard->index + 1, shard->count);
}

/**
 * Whether a run of `replications` can be split into `count` parts (each runs at least one);
 * says why not.
 */
bool shardFits(int index, int count, int replications, const char *setting)
{
    if (replications >= count)
        return true;
    printErr(QStringLiteral("error: --shard %1/%2: %3 replication(s) cannot be split into %2 "
                            "parts (each part runs whole replications, at least one); give %4 %2 "
                            "or more, or fewer parts")
                 .arg(index)
                 .arg(count)
                 .arg(replications)
                 .arg(QLatin1String(setting)));
    return false;
}

int cmdValidate(const QStringList &args)
{
    if (args.size() != 1) {
        usage(stderr);
        return ExitBadInput;
    }
    const auto load = loadScenario(args.first());
    if (!load)
        return ExitBadInput;
    if (!load->ok())
        return ExitBadInput;
    const Model::CompiledScenario compiled = Model::compileScenario(*load->scenario);
    int warnings = 0;
    for (const Model::Problem &p : compiled.problems) {
        printErr(p.toString());
        warnings += p.isError() ? 0 : 1;
    }
    for (const Model::Problem &p : load->problems)
        warnings += p.isError() ? 0 : 1;
    if (!compiled.ok())
        return ExitBadInput;
    printOut(QStringLiteral("%1: valid (%2 warning(s))").arg(args.first()).arg(warnings));
    return ExitOk;
}

QString fmt(double v, int prec = 3)
{
    return QString::number(v, 'f', prec);
}

void printSummary(const Sim::RunResult &r,
                  const Model::CostFigures &cost,
                  const std::optional<Model::SloVerdict> &slo)
{
    printOut(
        QStringLiteral("scenario: %1   simulated %2 s (warm-up %3 s), seed %4, %5 replication(s)")
            .arg(QString::fromStdString(r.scenario))
            .arg(r.durationS)
            .arg(r.warmupS)
            .arg(r.seed)
            .arg(r.replications));
    if (r.stop.stopped())
        printOut(QStringLiteral("PARTIAL: the run stopped at %1 s simulated (the verdict is on "
                                "stderr); the figures below cover the time until then")
                     .arg(fmt(r.stop.tS, 3)));
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
                 .arg(QStringLiteral("request"), -14)
                 .arg(QStringLiteral("arrived"), 11)
                 .arg(QStringLiteral("completed"), 11)
                 .arg(QStringLiteral("failed"), 9)
                 .arg(QStringLiteral("in flight"), 9)
                 .arg(QStringLiteral("thru/s"), 10)
                 .arg(QStringLiteral("mean ms"), 10)
                 .arg(QStringLiteral("p50 ms"), 10)
                 .arg(QStringLiteral("p99 ms"), 10)
                 .arg(QStringLiteral("max ms"), 10));
    for (const Sim::RequestResult &q : r.requests) {
        // arrived = completed + failed + in flight (at the end of the run)
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
                     .arg(QString::fromStdString(q.name), -14)
                     .arg(q.arrived, 11, 'f', 0)
                     .arg(q.completed, 11, 'f', 0)
                     .arg(q.failed, 9, 'f', 0)
                     .arg(q.inFlightAtEnd, 9, 'f', 0)
                     .arg(fmt(q.throughputPerS, 1), 10)
                     .arg(fmt(q.latencyMs.mean), 10)
                     .arg(fmt(q.latencyMs.p50), 10)
                     .arg(fmt(q.latencyMs.p99), 10)
                     .arg(fmt(q.latencyMs.max), 10));
    }
    printOut(QString());
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                 .arg(QStringLiteral("component"), -16)
                 .arg(QStringLiteral("kind"), -14)
                 .arg(QStringLiteral("thru/s"), 10)
                 .arg(QStringLiteral("util"), 7)
                 .arg(QStringLiteral("in sys"), 9)
                 .arg(QStringLiteral("waiting"), 9)
                 .arg(QStringLiteral("mean ms"), 10));
    for (const Sim::ComponentResult &c : r.components) {
        const bool hasUtil = Sim::kindTraits(c.kind).hasUtilization;
        printOut(
            QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                .arg(QString::fromStdString(c.id), -16)
                .arg(QString::fromLatin1(Sim::componentKindName(c.kind)), -14)
                .arg(fmt(c.throughputPerS, 1), 10)
                .arg(hasUtil ? fmt(c.utilization * 100, 1) + QLatin1Char('%') : QStringLiteral("-"),
                     7)
                .arg(fmt(c.meanInSystem, 2), 9)
                .arg(fmt(c.meanWaiting, 2), 9)
                .arg(fmt(c.latencyMs.mean), 10));
    }
    bool header = false;
    for (const Sim::ComponentResult &c : r.components) {
        if (c.kind != Sim::ComponentKind::Cache)
            continue;
        if (!header) {
            printOut(QStringLiteral("\n%1 %2 %3 %4 %5 %6")
                         .arg(QStringLiteral("cache"), -16)
                         .arg(QStringLiteral("hit ratio"), 10)
                         .arg(QStringLiteral("hits"), 10)
                         .arg(QStringLiteral("misses"), 10)
                         .arg(QStringLiteral("evictions"), 10)
                         .arg(QStringLiteral("stampede"), 10));
            header = true;
        }
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(QString::fromStdString(c.id), -16)
                     .arg(fmt(c.hitRatio, 4), 10)
                     .arg(c.hits, 10, 'f', 0)
                     .arg(c.misses, 10, 'f', 0)
                     .arg(c.evictions, 10, 'f', 0)
                     .arg(c.stampedeMisses, 10, 'f', 0));
    }
    header = false;
    for (const Sim::ComponentResult &c : r.components) {
        if (c.kind != Sim::ComponentKind::Queue)
            continue;
        if (!header) {
            printOut(QStringLiteral("\n%1 %2 %3 %4 %5 %6 %7 %8")
                         .arg(QStringLiteral("queue"), -16)
                         .arg(QStringLiteral("published"), 10)
                         .arg(QStringLiteral("consumed"), 10)
                         .arg(QStringLiteral("dropped"), 9)
                         .arg(QStringLiteral("backlog"), 9)
                         .arg(QStringLiteral("max"), 8)
                         .arg(QStringLiteral("age p99 ms"), 11)
                         .arg(QStringLiteral("drain s"), 9));
            header = true;
        }
        // drain s: the longest drain after a burst; "still draining" when the run ended in a
        // burst at least as high as those that drained (docs/cli.md, components)
        const QString draining = c.drainingAtEnd
                                     ? QStringLiteral("  still draining, %1 s since its peak")
                                           .arg(fmt(c.drainSincePeakS, 3))
                                     : QString();
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8%9")
                     .arg(QString::fromStdString(c.id), -16)
                     .arg(c.published, 10, 'f', 0)
                     .arg(c.consumed, 10, 'f', 0)
                     .arg(c.dropped, 9, 'f', 0)
                     .arg(fmt(c.backlogMean, 2), 9)
                     .arg(c.backlogMax, 8, 'f', 0)
                     .arg(fmt(c.messageAgeMs.p99, 2), 11)
                     .arg(fmt(c.drainS, 3), 9)
                     .arg(draining));
    }
    if (!r.links.empty()) {
        // each direction of each network link (docs/cli.md, "links")
        printOut(QStringLiteral("\n%1 %2 %3 %4 %5 %6")
                     .arg(QStringLiteral("link"), -30)
                     .arg(QStringLiteral("Mbit/s"), 9)
                     .arg(QStringLiteral("transfers"), 10)
                     .arg(QStringLiteral("MB/s"), 10)
                     .arg(QStringLiteral("util"), 7)
                     .arg(QStringLiteral("xfer ms"), 10));
        for (const Sim::LinkResult &l : r.links) {
            printOut(QStringLiteral("%1 %2 %3 %4 %5 %6")
                         .arg(QString::fromStdString(l.from + " -> " + l.to), -30)
                         .arg(l.bandwidthMbps > 0 ? fmt(l.bandwidthMbps, 1)
                                                  : QStringLiteral("unlimited"),
                              9)
                         .arg(l.transfers, 10, 'f', 0)
                         .arg(fmt(l.bytesPerS / 1e6, 3), 10)
                         .arg(fmt(l.utilization * 100, 1) + QLatin1Char('%'), 7)
                         .arg(fmt(l.meanTransferMs, 3), 10));
        }
    }
    if (!r.timeline.empty()) {
        printOut(QStringLiteral("\nevents (replication 1):"));
        std::size_t shown = 0;
        for (const Sim::RunEvent &e : r.timeline) {
            if (++shown > 20) {
                printOut(
                    QStringLiteral("  ... %1 more (all in --json)").arg(r.timeline.size() - 20));
                break;
            }
            printOut(QStringLiteral("  %1 s  %2  %3  %4")
                         .arg(e.tS, 9, 'f', 2)
                         .arg(QString::fromStdString(e.component), -14)
                         .arg(QString::fromStdString(e.what), -18)
                         .arg(QString::fromStdString(e.detail)));
        }
    }
    printOut(
        QStringLiteral("\ncost: $%1 per hour, $%2 per million requests (docs/compare.md, Cost)")
            .arg(fmt(cost.perHour, 4), fmt(cost.perMillionRequests, 4)));
    if (slo) {
        QStringList checks;
        for (const Model::SloCheck &c : slo->checks)
            checks << Model::sloCheckText(c);
        printOut(QStringLiteral("SLO %1: %2 (%3)")
                     .arg(slo->slo.text(),
                          slo->holds ? QStringLiteral("met") : QStringLiteral("NOT met"),
                          checks.join(QStringLiteral("; "))));
    }
    printOut(QStringLiteral("\n%1 events in %2 s wall (%3 events/s)")
                 .arg(r.events)
                 .arg(fmt(r.wallS, 2))
                 .arg(r.eventsPerS, 0, 'f', 0));
}

bool writeJson(const QString &to, const QJsonObject &object);

/** "0, 3, 6" (the replications of a part), shortened when long. */
QString replicationList(const std::vector<int> &replications)
{
    QStringList items;
    for (std::size_t k = 0; k < replications.size(); ++k) {
        if (replications.size() > 8 && k == 3) {
            items << QStringLiteral("...");
            k = replications.size() - 2;
        }
        items << QString::number(replications[k]);
    }
    return items.join(QStringLiteral(", "));
}

/** --shard writes a part for merge: its JSON is needed, and CSV comes from the merge. */
bool shardOutputsFit(const QString &jsonOut, const QString &csvDir)
{
    if (jsonOut.isEmpty()) {
        printErr(QStringLiteral("error: --shard runs a part for archsim-cli merge: give --json "
                                "FILE to write it"));
        return false;
    }
    if (!csvDir.isEmpty()) {
        printErr(QStringLiteral("error: --csv: a part has no CSV of its own; merge the parts with "
                                "archsim-cli merge PART.json... --out FILE --csv DIR"));
        return false;
    }
    return true;
}

int cmdRun(const QStringList &args)
{
    QString file, jsonOut, csvDir;
    std::optional<QString> sloText;
    std::optional<double> duration, warmup, seed, replications, threads, maxMemory;
    std::optional<std::pair<int, int>> shard;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](const QString &flag) -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(flag));
                return std::nullopt;
            }
            return args[++i];
        };
        auto number = [&](std::optional<double> &into, double min) {
            const auto v = value(a);
            double d = 0;
            if (!v || !parseNumber(a, *v, min, &d))
                return false;
            into = d;
            return true;
        };
        if (a == QLatin1String("--max-memory")) {
            if (!number(maxMemory, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--duration")) {
            if (!number(duration, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--warmup")) {
            if (!number(warmup, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--seed")) {
            if (!number(seed, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--replications")) {
            if (!number(replications, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--threads")) {
            if (!number(threads, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--json")) {
            const auto v = value(a);
            if (!v)
                return ExitBadInput;
            jsonOut = *v;
        } else if (a == QLatin1String("--csv")) {
            const auto v = value(a);
            if (!v)
                return ExitBadInput;
            csvDir = *v;
        } else if (a == QLatin1String("--slo")) {
            const auto v = value(a);
            if (!v)
                return ExitBadInput;
            sloText = *v;
        } else if (a == QLatin1String("--shard")) {
            const auto v = value(a);
            shard = v ? parseShard(*v) : std::nullopt;
            if (!shard)
                return ExitBadInput;
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        usage(stderr);
        return ExitBadInput;
    }
    if (shard && !shardOutputsFit(jsonOut, csvDir))
        return ExitBadInput;
    auto load = loadScenario(file);
    if (!load || !load->ok())
        return ExitBadInput;
    Model::Scenario scenario = *load->scenario;
    if (duration)
        scenario.simulation.durationS = *duration;
    if (warmup)
        scenario.simulation.warmupS = *warmup;
    if (seed)
        scenario.simulation.seed = static_cast<quint64>(*seed);
    if (replications)
        scenario.simulation.replications = static_cast<int>(*replications);
    if (sloText)
        scenario.slo = *sloText;
    if (maxMemory)
        scenario.simulation.maxMemoryMb = *maxMemory;
    if (duration || warmup || sloText || maxMemory) {
        // overrides go through the same validation as the file (what loading the file has
        // printed already is not printed again)
        const Model::Problems problems = Model::validateScenario(scenario);
        for (const Model::Problem &p : problems) {
            const bool printed = std::any_of(load->problems.cbegin(),
                                             load->problems.cend(),
                                             [&p](const Model::Problem &q) {
                                                 return q.path == p.path && q.message == p.message;
                                             });
            if (!printed)
                printErr(p.toString());
        }
        if (Model::hasErrors(problems))
            return ExitBadInput;
    }
    const Model::CompiledScenario compiled = Model::compileScenario(scenario);
    for (const Model::Problem &p : compiled.problems)
        printErr(p.toString());
    if (!compiled.ok())
        return ExitBadInput;
    const std::vector<std::string> specProblems = Sim::checkSpec(compiled.spec);
    for (const std::string &p : specProblems)
        printErr(QStringLiteral("error: %1").arg(QString::fromStdString(p)));
    if (!specProblems.empty())
        return ExitBadInput;
    const int replicationCount = std::max(1, compiled.spec.replications);
    if (shard && !shardFits(shard->first, shard->second, replicationCount, "--replications"))
        return ExitBadInput;

    ProgressBar bar;
    const bool showProgress = !quiet && isatty(fileno(stderr));
    Sim::RunOptions options;
    options.threads = threads ? static_cast<int>(*threads) : 0;
    options.cancel = &g_cancel;
    options.observer = showProgress ? &bar : nullptr;
    std::signal(SIGINT, onSigint);
    if (shard) {
        // part I of N: the replications r with r mod N = I - 1, every one in full, for merge
        const Model::Shard which{shard->first - 1, shard->second};
        const Model::RunPart part = Model::runRunPart(scenario, compiled.spec, which, options);
        if (showProgress)
            bar.finish();
        if (part.cancelled) {
            printErr(QStringLiteral("cancelled"));
            return ExitCancelled;
        }
        if (!writeJson(jsonOut, Model::runPartToJson(part)))
            return ExitRunFailed;
        if (!quiet && jsonOut != QLatin1String("-")) {
            std::uint64_t events = 0;
            for (const Sim::ReplicationResult &r : part.replications)
                events += r.events;
            printOut(QStringLiteral("part %1/%2 of '%3': replication(s) %4 of %5, %6 events in %7 "
                                    "s wall -> %8")
                         .arg(shard->first)
                         .arg(shard->second)
                         .arg(scenario.name)
                         .arg(replicationList(Model::shardReplications(replicationCount, which)))
                         .arg(replicationCount)
                         .arg(events)
                         .arg(fmt(part.wallS, 2))
                         .arg(jsonOut));
        }
        return ExitOk;
    }
    const Sim::RunResult result = Sim::runSimulation(compiled.spec, options);
    if (showProgress)
        bar.finish();
    if (result.cancelled) {
        printErr(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    // Stopped early (the memory budget, or out of memory): the figures so far are written
    // as usual, marked partial, and the verdict goes to stderr with exit code 1.
    const int exitCode = result.stop.stopped() ? ExitRunFailed : ExitOk;

    const QByteArray json = QJsonDocument(Model::scenarioResultsJson(scenario, result))
                                .toJson(QJsonDocument::Indented);
    if (jsonOut == QLatin1String("-")) {
        std::fwrite(json.constData(), 1, static_cast<std::size_t>(json.size()), stdout);
    } else {
        if (!quiet)
            printSummary(result,
                         Model::costOf(scenario, result),
                         Model::sloVerdictOf(scenario.slo, result));
        if (!jsonOut.isEmpty()) {
            QSaveFile out(jsonOut);
            if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size()
                || !out.commit()) {
                printErr(
                    QStringLiteral("error: cannot write %1: %2").arg(jsonOut, out.errorString()));
                return ExitRunFailed;
            }
        }
    }
    if (!csvDir.isEmpty()) {
        QString error;
        if (!QDir().mkpath(csvDir) || !Model::writeResultsCsv(result, csvDir, &error)) {
            printErr(QStringLiteral("error: cannot write CSV to %1: %2").arg(csvDir, error));
            return ExitRunFailed;
        }
    }
    if (result.stop.stopped())
        printErr(QString::fromStdString(result.stop.verdict));
    return exitCode;
}

/** Writes `json` to FILE, or to stdout for "-". */
bool writeJson(const QString &to, const QJsonObject &object)
{
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    if (to == QLatin1String("-")) {
        std::fwrite(json.constData(), 1, static_cast<std::size_t>(json.size()), stdout);
        return true;
    }
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit()) {
        printErr(QStringLiteral("error: cannot write %1: %2").arg(to, out.errorString()));
        return false;
    }
    return true;
}

/** "12.3 ± 0.4" with the figure's unit; "±" left out without an interval. */
QString withInterval(double mean, const std::optional<double> &ci, const char *unit)
{
    const int prec = std::abs(mean) >= 100 ? 1 : (std::abs(mean) >= 1 ? 2 : 4);
    QString s = QString::number(mean, 'f', prec);
    if (ci)
        s += QStringLiteral(" ± ") + QString::number(*ci, 'f', prec);
    if (*unit)
        s += QLatin1Char(' ') + QString::fromUtf8(unit);
    return s;
}

void printComparison(const Model::Comparison &c)
{
    const std::vector<Model::CompareFigure> &figures = Model::compareFigures();
    printOut(QStringLiteral("baseline: %1   %2 replication(s), seed %3, %4")
                 .arg(c.baseline)
                 .arg(c.replications)
                 .arg(c.seed)
                 .arg(c.crn ? QStringLiteral("common random numbers")
                            : QStringLiteral("independent seeds (--no-crn)")));
    QString head = QStringLiteral("%1").arg(QStringLiteral("figure"), -24);
    for (const Model::AlternativeRun &a : c.alternatives)
        head += QStringLiteral(" %1").arg(a.name.left(26), -26);
    printOut(head);
    for (std::size_t k = 0; k < figures.size(); ++k) {
        QString line = QStringLiteral("%1").arg(QString::fromUtf8(figures[k].label), -24);
        for (const Model::AlternativeRun &a : c.alternatives)
            line += QStringLiteral(" %1").arg(withInterval(a.figures[k].mean,
                                                           a.figures[k].ci95,
                                                           figures[k].unit),
                                              -26);
        printOut(line);
    }
    QString bottleneck = QStringLiteral("%1").arg(QStringLiteral("Bottleneck"), -24);
    QString replicas = QStringLiteral("%1").arg(QStringLiteral("Replicas (services)"), -24);
    for (const Model::AlternativeRun &a : c.alternatives) {
        bottleneck
            += QStringLiteral(" %1").arg(a.bottleneck.isEmpty()
                                             ? QStringLiteral("-")
                                             : QStringLiteral("%1 %2%")
                                                   .arg(a.bottleneck)
                                                   .arg(a.bottleneckUtilization * 100, 0, 'f', 1),
                                         -26);
        replicas += QStringLiteral(" %1").arg(QString::number(a.replicas, 'f', 1), -26);
    }
    printOut(bottleneck);
    printOut(replicas);
    for (const Model::AlternativeDelta &d : c.deltas) {
        printOut(QStringLiteral("\n%1 − %2 (paired, 95% interval):").arg(d.name, c.baseline));
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const Model::PairedDifference &p = d.figures[k];
            printOut(QStringLiteral("  %1 %2  %3")
                         .arg(QString::fromUtf8(figures[k].label), -22)
                         .arg(withInterval(p.delta, p.ci95, figures[k].unit), -28)
                         .arg(!p.ci95         ? QStringLiteral("(one replication: no interval)")
                              : p.significant ? QStringLiteral("significant")
                                              : QStringLiteral("not significant")));
        }
    }
    printOut(QStringLiteral("\n%1 s wall").arg(c.wallS, 0, 'f', 2));
}

int cmdCompare(const QStringList &args)
{
    QStringList files;
    QString jsonOut, csvDir;
    std::optional<double> duration, warmup, seed, replications, threads;
    std::optional<std::pair<int, int>> shard;
    bool quiet = false, crn = true;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return std::nullopt;
            }
            return args[++i];
        };
        auto number = [&](std::optional<double> &into, double min) {
            const auto v = value();
            double d = 0;
            if (!v || !parseNumber(a, *v, min, &d))
                return false;
            into = d;
            return true;
        };
        if (a == QLatin1String("--duration")) {
            if (!number(duration, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--warmup")) {
            if (!number(warmup, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--seed")) {
            if (!number(seed, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--replications")) {
            if (!number(replications, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--threads")) {
            if (!number(threads, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--json") || a == QLatin1String("--csv")) {
            const auto v = value();
            if (!v)
                return ExitBadInput;
            (a == QLatin1String("--json") ? jsonOut : csvDir) = *v;
        } else if (a == QLatin1String("--shard")) {
            const auto v = value();
            shard = v ? parseShard(*v) : std::nullopt;
            if (!shard)
                return ExitBadInput;
        } else if (a == QLatin1String("--no-crn")) {
            crn = false;
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            files << a;
        }
    }
    if (files.size() < 2 || files.size() > 4) {
        printErr(QStringLiteral("error: compare takes 2 to 4 scenarios (got %1); the first is "
                                "the baseline")
                     .arg(files.size()));
        usage(stderr);
        return ExitBadInput;
    }
    if (shard && !shardOutputsFit(jsonOut, csvDir))
        return ExitBadInput;
    std::vector<Model::CompareAlternative> alternatives;
    QSet<QString> names;
    for (const QString &f : files) {
        const auto load = loadScenario(f);
        if (!load || !load->ok())
            return ExitBadInput;
        // the scenario's name; its source where two would read the same
        QString name = load->scenario->name.isEmpty() ? QFileInfo(f).completeBaseName()
                                                      : load->scenario->name;
        if (names.contains(name))
            name += QStringLiteral(" (%1)").arg(f);
        names.insert(name);
        alternatives.push_back({name, *load->scenario});
    }
    Model::CompareOptions options;
    options.replications = replications ? static_cast<int>(*replications) : 10;
    options.threads = threads ? static_cast<int>(*threads) : 0;
    options.crn = crn;
    if (seed)
        options.seed = static_cast<quint64>(*seed);
    options.durationS = duration;
    options.warmupS = warmup;
    options.cancel = &g_cancel;
    ProgressBar bar;
    const bool showProgress = !quiet && isatty(fileno(stderr));
    options.observer = showProgress ? &bar : nullptr;
    std::signal(SIGINT, onSigint);
    Model::Problems problems;
    if (shard) {
        // part I of N: replications r with r mod N = I - 1 of every alternative, for merge
        if (!shardFits(shard->first, shard->second, options.replications, "--replications"))
            return ExitBadInput;
        const Model::Shard which{shard->first - 1, shard->second};
        const std::optional<Model::ComparisonPart> part
            = Model::runComparisonPart(alternatives, options, which, &problems);
        if (showProgress)
            bar.finish();
        for (const Model::Problem &p : problems)
            printErr(p.toString());
        if (!part)
            return ExitBadInput;
        if (part->cancelled) {
            printErr(QStringLiteral("cancelled"));
            return ExitCancelled;
        }
        if (!writeJson(jsonOut, Model::comparisonPartToJson(*part)))
            return ExitRunFailed;
        if (!quiet && jsonOut != QLatin1String("-"))
            printOut(
                QStringLiteral("part %1/%2 of the comparison: replication(s) %3 of %4 of "
                               "each of %5 alternatives in %6 s wall -> %7")
                    .arg(shard->first)
                    .arg(shard->second)
                    .arg(replicationList(Model::shardReplications(options.replications, which)))
                    .arg(options.replications)
                    .arg(alternatives.size())
                    .arg(fmt(part->wallS, 2))
                    .arg(jsonOut));
        return ExitOk;
    }
    const std::optional<Model::Comparison> comparison = Model::runComparison(alternatives,
                                                                             options,
                                                                             &problems);
    if (showProgress)
        bar.finish();
    for (const Model::Problem &p : problems)
        printErr(p.toString());
    if (!comparison)
        return ExitBadInput;
    if (comparison->cancelled) {
        printErr(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    if (jsonOut != QLatin1String("-") && !quiet)
        printComparison(*comparison);
    if (!jsonOut.isEmpty() && !writeJson(jsonOut, Model::comparisonToJson(*comparison)))
        return ExitRunFailed;
    if (!csvDir.isEmpty()) {
        QString error;
        if (!QDir().mkpath(csvDir) || !Model::writeComparisonCsv(*comparison, csvDir, &error)) {
            printErr(QStringLiteral("error: cannot write CSV to %1: %2").arg(csvDir, error));
            return ExitRunFailed;
        }
    }
    return ExitOk;
}

void printSweep(const Model::Sweep &sweep)
{
    if (sweep.points.empty())
        return;
    QString head;
    for (const auto &[path, value] : sweep.points.front().set)
        head += QStringLiteral("%1 ").arg(path.right(28), -28);
    printOut(head
             + QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(QStringLiteral("thru/s"), 10)
                   .arg(QStringLiteral("mean ms"), 10)
                   .arg(QStringLiteral("p95 ms"), 10)
                   .arg(QStringLiteral("p99 ms"), 10)
                   .arg(QStringLiteral("failed"), 9));
    for (const Model::SweepPoint &p : sweep.points) {
        QString line;
        for (const auto &[path, value] : p.set) {
            const QString v = value.isString() ? value.toString()
                                               : QString::number(value.toDouble(), 'g', 10);
            line += QStringLiteral("%1 ").arg(v, -28);
        }
        const Sim::RequestResult all = p.result.requests.empty() ? Sim::RequestResult{}
                                                                 : p.result.requests.front();
        printOut(line
                 + QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(fmt(all.throughputPerS, 1), 10)
                       .arg(fmt(all.latencyMs.mean), 10)
                       .arg(fmt(all.latencyMs.p95), 10)
                       .arg(fmt(all.latencyMs.p99), 10)
                       .arg(all.failed, 9, 'f', 0));
    }
    printOut(QStringLiteral("\n%1 point(s) in %2 s wall")
                 .arg(sweep.points.size())
                 .arg(sweep.wallS, 0, 'f', 2));
}

int cmdSweep(const QStringList &args)
{
    QString file, jsonOut, csvDir;
    std::vector<Model::SweepParameter> parameters;
    std::pair<int, int> shard{1, 1};
    std::optional<double> replications, threads, duration, warmup, seed;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return std::nullopt;
            }
            return args[++i];
        };
        auto number = [&](std::optional<double> &into, double min) {
            const auto v = value();
            double d = 0;
            if (!v || !parseNumber(a, *v, min, &d))
                return false;
            into = d;
            return true;
        };
        if (a == QLatin1String("--set")) {
            const auto v = value();
            if (!v)
                return ExitBadInput;
            QString error;
            const std::optional<Model::SweepParameter> p = Model::parseSweepSet(*v, &error);
            if (!p) {
                printErr(QStringLiteral("error: ") + error);
                return ExitBadInput;
            }
            parameters.push_back(*p);
        } else if (a == QLatin1String("--duration")) {
            if (!number(duration, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--warmup")) {
            if (!number(warmup, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--seed")) {
            if (!number(seed, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--replications")) {
            if (!number(replications, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--threads")) {
            if (!number(threads, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--json") || a == QLatin1String("--csv")) {
            const auto v = value();
            if (!v)
                return ExitBadInput;
            (a == QLatin1String("--json") ? jsonOut : csvDir) = *v;
        } else if (a == QLatin1String("--shard")) {
            const auto v = value();
            const auto parsed = v ? parseShard(*v) : std::nullopt;
            if (!parsed)
                return ExitBadInput;
            shard = *parsed;
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            file = a;
        }
    }
    if (file.isEmpty() || parameters.empty()) {
        printErr(
            QStringLiteral("error: sweep needs a scenario and at least one --set PATH=VALUES"));
        usage(stderr);
        return ExitBadInput;
    }
    if (parameters.size() > 2) {
        printErr(QStringLiteral("error: a sweep takes one or two --set (a line or a grid); got %1")
                     .arg(parameters.size()));
        return ExitBadInput;
    }
    const auto load = loadScenario(file);
    if (!load || !load->ok())
        return ExitBadInput;
    // --duration, --warmup and --seed set the base; every point is checked with them
    Model::Scenario base = *load->scenario;
    if (duration)
        base.simulation.durationS = *duration;
    if (warmup)
        base.simulation.warmupS = *warmup;
    if (seed)
        base.simulation.seed = static_cast<quint64>(*seed);
    Model::SweepOptions options;
    if (replications)
        options.replications = static_cast<int>(*replications);
    options.threads = threads ? static_cast<int>(*threads) : 0;
    options.shardIndex = shard.first - 1;
    options.shardCount = shard.second;
    options.cancel = &g_cancel;
    ProgressBar bar;
    const bool showProgress = !quiet && isatty(fileno(stderr));
    options.observer = showProgress ? &bar : nullptr;
    std::signal(SIGINT, onSigint);
    Model::Problems problems;
    const std::optional<Model::Sweep> sweep = Model::runSweep(base, parameters, options, &problems);
    if (showProgress)
        bar.finish();
    for (const Model::Problem &p : problems)
        printErr(p.toString());
    if (!sweep)
        return ExitBadInput;
    // a cancelled sweep still writes the points it finished
    if (jsonOut != QLatin1String("-") && !quiet)
        printSweep(*sweep);
    if (!jsonOut.isEmpty() && !writeJson(jsonOut, Model::sweepToJson(*sweep)))
        return ExitRunFailed;
    if (!csvDir.isEmpty()) {
        QString error;
        if (!QDir().mkpath(csvDir) || !Model::writeSweepCsv(*sweep, csvDir, &error)) {
            printErr(QStringLiteral("error: cannot write CSV to %1: %2").arg(csvDir, error));
            return ExitRunFailed;
        }
    }
    if (sweep->cancelled) {
        printErr(QStringLiteral("cancelled: %1 of %2 point(s) finished")
                     .arg(sweep->points.size())
                     .arg(sweep->gridSize));
        return ExitCancelled;
    }
    return ExitOk;
}

int cmdCapacity(const QStringList &args)
{
    QString file, jsonOut, sloText;
    std::optional<double> precision, replications, threads, seed;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return std::nullopt;
            }
            return args[++i];
        };
        auto number = [&](std::optional<double> &into, double min) {
            const auto v = value();
            double d = 0;
            if (!v || !parseNumber(a, *v, min, &d))
                return false;
            into = d;
            return true;
        };
        if (a == QLatin1String("--slo") || a == QLatin1String("--json")) {
            const auto v = value();
            if (!v)
                return ExitBadInput;
            (a == QLatin1String("--slo") ? sloText : jsonOut) = *v;
        } else if (a == QLatin1String("--precision")) {
            if (!number(precision, 0.0001))
                return ExitBadInput;
            if (*precision > 0.5) {
                printErr(
                    QStringLiteral("error: --precision is a fraction, at most 0.5 (0.01 is 1%)"));
                return ExitBadInput;
            }
        } else if (a == QLatin1String("--replications")) {
            if (!number(replications, 2))
                return ExitBadInput;
        } else if (a == QLatin1String("--threads")) {
            if (!number(threads, 1))
                return ExitBadInput;
        } else if (a == QLatin1String("--seed")) {
            if (!number(seed, 0))
                return ExitBadInput;
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        printErr(QStringLiteral("error: capacity needs a scenario"));
        usage(stderr);
        return ExitBadInput;
    }
    const auto load = loadScenario(file);
    if (!load || !load->ok())
        return ExitBadInput;
    Model::Scenario scenario = *load->scenario;
    // --slo, else the scenario's own "slo"
    if (sloText.isEmpty())
        sloText = scenario.slo;
    if (sloText.isEmpty()) {
        printErr(QStringLiteral("error: the scenario has no \"slo\"; give one with --slo, e.g. "
                                "--slo \"p99<200ms,errors<1%\""));
        return ExitBadInput;
    }
    QString error;
    const std::optional<Model::Slo> slo = Model::parseSlo(sloText, &error);
    if (!slo) {
        printErr(QStringLiteral("error: --slo: ") + error);
        return ExitBadInput;
    }
    if (seed)
        scenario.simulation.seed = static_cast<quint64>(*seed);
    Model::CapacityOptions options;
    if (precision)
        options.precision = *precision;
    if (replications)
        options.replications = static_cast<int>(*replications);
    options.threads = threads ? static_cast<int>(*threads) : 0;
    options.cancel = &g_cancel;
    std::signal(SIGINT, onSigint);
    Model::Problems problems;
    const std::optional<Model::CapacityResult> result
        = Model::findCapacity(scenario, *slo, options, &problems);
    for (const Model::Problem &p : problems)
        printErr(p.toString());
    if (!result)
        return ExitBadInput;
    if (jsonOut != QLatin1String("-") && !quiet) {
        printOut(QStringLiteral("SLO: %1   precision %2%, %3 replications per point")
                     .arg(slo->text())
                     .arg(options.precision * 100)
                     .arg(options.replications));
        printOut(QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(QStringLiteral("rate/s"), 12)
                     .arg(QStringLiteral("holds"), 6)
                     .arg(QStringLiteral("p99 ms"), 10)
                     .arg(QStringLiteral("errors"), 9)
                     .arg(QStringLiteral("simulated s"), 12));
        for (const Model::CapacityPoint &p : result->points) {
            const double ended = p.all.completed + p.all.failed;
            printOut(
                QStringLiteral("%1 %2 %3 %4 %5")
                    .arg(fmt(p.ratePerS, 1), 12)
                    .arg(p.passes ? QStringLiteral("yes") : QStringLiteral("no"), 6)
                    .arg(fmt(p.all.latencyMs.p99), 10)
                    .arg(fmt(ended > 0 ? p.all.failed / ended * 100 : 0, 2) + QLatin1Char('%'), 9)
                    .arg(fmt(p.durationS, 0), 12));
        }
        if (result->maxRatePerS)
            printOut(QStringLiteral("\ncapacity: %1 requests/s (%2 × the scenario's rate), "
                                    "$%3 per hour there")
                         .arg(fmt(*result->maxRatePerS, 1), fmt(result->maxScale, 3))
                         .arg(fmt(result->costAtMax.perHour, 3)));
        else
            printOut(QStringLiteral("\ncapacity: none found"));
        if (!result->note.isEmpty())
            printOut(QStringLiteral("note: ") + result->note);
    }
    if (!jsonOut.isEmpty() && !writeJson(jsonOut, Model::capacityToJson(*result)))
        return ExitRunFailed;
    if (result->cancelled) {
        printErr(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    return ExitOk;
}

int cmdMerge(const QStringList &args)
{
    QStringList files;
    QString out, csvDir;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--out") || args[i] == QLatin1String("--csv")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(args[i]));
                return ExitBadInput;
            }
            (args[i] == QLatin1String("--out") ? out : csvDir) = args[i + 1];
            ++i;
        } else if (args[i].startsWith(QLatin1String("--"))) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(args[i]));
            return ExitBadInput;
        } else {
            files << args[i];
        }
    }
    if (files.isEmpty() || out.isEmpty()) {
        printErr(QStringLiteral("error: merge needs the shards' JSON files and --out FILE"));
        usage(stderr);
        return ExitBadInput;
    }
    QList<QPair<QString, QJsonObject>> parts;
    for (const QString &f : files) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly)) {
            printErr(QStringLiteral("error: %1: %2").arg(f, file.errorString()));
            return ExitBadInput;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            printErr(QStringLiteral("error: %1: not JSON (%2 at byte %3)")
                         .arg(f, parseError.errorString())
                         .arg(parseError.offset));
            return ExitBadInput;
        }
        parts.append({f, doc.object()});
    }
    // the parts of one sweep, run or comparison: their "format" says which
    QString error;
    const std::optional<Model::PartKind> kind = Model::partKindOf(parts, &error);
    if (!kind) {
        printErr(QStringLiteral("error: ") + error);
        return ExitBadInput;
    }
    auto writeCsv = [&](auto write) {
        if (csvDir.isEmpty())
            return true;
        QString why;
        if (!QDir().mkpath(csvDir) || !write(csvDir, &why)) {
            printErr(QStringLiteral("error: cannot write CSV to %1: %2").arg(csvDir, why));
            return false;
        }
        return true;
    };
    QString summary;
    switch (*kind) {
    case Model::PartKind::Sweep: {
        const std::optional<QJsonObject> merged = Model::mergeSweeps(parts, &error);
        if (!merged) {
            printErr(QStringLiteral("error: ") + error);
            return ExitBadInput;
        }
        if (!writeJson(out, *merged))
            return ExitRunFailed;
        if (!csvDir.isEmpty()) {
            // the CSV of the merged JSON read back, as the unsharded sweep writes it
            const std::optional<Model::Sweep> sweep = Model::sweepFromJson(*merged, &error);
            if (!sweep) {
                printErr(QStringLiteral("error: ") + error);
                return ExitBadInput;
            }
            if (!writeCsv([&](const QString &dir, QString *why) {
                    return Model::writeSweepCsv(*sweep, dir, why);
                }))
                return ExitRunFailed;
        }
        summary = QStringLiteral("%1 point(s) of a sweep")
                      .arg(merged->value(QStringLiteral("points")).toArray().size());
        break;
    }
    case Model::PartKind::Run: {
        const std::optional<Model::MergedRun> merged = Model::mergeRunParts(parts, &error);
        if (!merged) {
            printErr(QStringLiteral("error: ") + error);
            return ExitBadInput;
        }
        // what run --json writes for the whole run
        if (!writeJson(out, Model::scenarioResultsJson(merged->scenario, merged->result))
            || !writeCsv([&](const QString &dir, QString *why) {
                   return Model::writeResultsCsv(merged->result, dir, why);
               }))
            return ExitRunFailed;
        summary = QStringLiteral("%1 replication(s) of '%2'")
                      .arg(merged->result.replications)
                      .arg(merged->scenario.name);
        break;
    }
    case Model::PartKind::Comparison: {
        const std::optional<Model::Comparison> merged = Model::mergeComparisonParts(parts, &error);
        if (!merged) {
            printErr(QStringLiteral("error: ") + error);
            return ExitBadInput;
        }
        if (!writeJson(out, Model::comparisonToJson(*merged))
            || !writeCsv([&](const QString &dir, QString *why) {
                   return Model::writeComparisonCsv(*merged, dir, why);
               }))
            return ExitRunFailed;
        summary = QStringLiteral("a comparison of %1 alternatives, %2 replication(s) each")
                      .arg(merged->alternatives.size())
                      .arg(merged->replications);
        break;
    }
    }
    if (out != QLatin1String("-"))
        printOut(QStringLiteral("merged %1 part(s): %2 -> %3").arg(parts.size()).arg(summary, out));
    return ExitOk;
}

/**
 * lint SCENARIO [--json FILE|-]: the anti-patterns of docs/lint.md, one line each on stdout
 * (or the JSON alone with --json -). Findings are not a failure: exit 0 with or without them.
 */
int cmdLint(const QStringList &args)
{
    QString file;
    QString jsonOut;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return ExitBadInput;
            }
            jsonOut = args.at(++i);
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        printErr(QStringLiteral("error: lint needs a scenario"));
        usage(stderr);
        return ExitBadInput;
    }
    const auto load = loadScenario(file);
    if (!load || !load->ok())
        return ExitBadInput;
    // PROJECT.archsim:NAME: the project's thresholds and silenced findings (docs/lint.md)
    Model::LintSettings settings;
    QString scenarioId;
    if (const int split = file.indexOf(QStringLiteral(".archsim:")); split >= 0) {
        const QString path = file.left(split + 8);
        const Model::ProjectLoad project = Model::ProjectStore::load(path);
        // damaged lint settings (the defaults then apply) are said, as decide and report do
        for (const QString &w : project.warnings)
            printErr(QStringLiteral("warning: %1: %2").arg(path, w));
        const Model::ProjectScenario *entry = project.ok() ? project.project->scenarioNamed(
                                                  file.mid(split + 9))
                                                           : nullptr;
        if (entry) {
            settings = project.project->lint;
            scenarioId = entry->id;
        }
    }
    const Model::LintReport report = Model::lintInProject(*load->scenario, scenarioId, settings);
    const std::vector<Model::LintFinding> &findings = report.findings;
    if (jsonOut != QLatin1String("-")) {
        for (const Model::LintFinding &f : findings)
            printOut(Model::lintFindingLine(f));
        for (const auto &[f, reason] : report.silenced)
            printOut(QStringLiteral("silenced %1 %2: %3")
                         .arg(f.rule,
                              f.component.isEmpty() ? QStringLiteral("-") : f.component,
                              reason));
        int warnings = 0;
        for (const Model::LintFinding &f : findings)
            warnings += f.severity == Model::LintFinding::Severity::Warning ? 1 : 0;
        printErr(QStringLiteral("%1: %2 finding(s), %3 warning(s)%4")
                     .arg(file)
                     .arg(findings.size())
                     .arg(warnings)
                     .arg(report.silenced.empty()
                              ? QString()
                              : QStringLiteral(", %1 silenced").arg(report.silenced.size())));
    }
    if (!jsonOut.isEmpty() && !writeJson(jsonOut, Model::lintReportToJson(report)))
        return ExitRunFailed;
    return ExitOk;
}

/** "'a', 'b'" of the project's decisions, or a sentence when it has none. */
QString decisionNames(const Model::Project &project)
{
    QStringList names;
    for (const Model::Decision &d : project.decisions)
        names << QLatin1Char('\'') + d.name + QLatin1Char('\'');
    return names.isEmpty() ? QStringLiteral("the project has no decisions; make one in ArchSim "
                                            "(Simulation > Decision Matrix)")
                           : QStringLiteral("the project has ") + names.join(QStringLiteral(", "));
}

/** Text written atomically to `to` ("-": stdout). */
bool writeText(const QString &to, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    if (to == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        return true;
    }
    QSaveFile f(to);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        printErr(QStringLiteral("error: cannot write %1: %2").arg(to, f.errorString()));
        return false;
    }
    return true;
}

/** The matrix, the ranking and the sensitivity as archsim-cli decide prints them. */
void printDecision(const Model::DecisionResult &r)
{
    int labelWidth = 9;
    for (const Model::DecisionRow &row : r.rows)
        labelWidth = std::max(labelWidth, int(row.label.size()));
    // each alternative's column as wide as its widest cell
    const auto cellText = [](const Model::DecisionRow &row, const Model::DecisionCell &c) {
        QString cell = row.measured || c.overridden ? QString::number(c.score, 'f', 1)
                                                    : QStringLiteral("-");
        if (c.overridden)
            cell += QLatin1Char('*');
        if (!c.text.isEmpty())
            cell += QStringLiteral(" (") + c.text + QLatin1Char(')');
        return cell;
    };
    int cellWidth = 0;
    for (const QString &alt : r.alternatives)
        cellWidth = std::max(cellWidth, int(alt.size()));
    for (const Model::DecisionRow &row : r.rows) {
        for (const Model::DecisionCell &c : row.cells)
            cellWidth = std::max(cellWidth, int(cellText(row, c).size()));
    }
    QString head = QStringLiteral("%1 %2")
                       .arg(QStringLiteral("criterion"), -labelWidth)
                       .arg(QStringLiteral("weight"), 7);
    for (const QString &alt : r.alternatives)
        head += QStringLiteral("  %1").arg(alt, -cellWidth);
    printOut(head.trimmed());
    for (const Model::DecisionRow &row : r.rows) {
        QString line = QStringLiteral("%1 %2")
                           .arg(row.label, -labelWidth)
                           .arg(row.measured
                                    ? QString::number(row.share * 100, 'f', 0) + QLatin1Char('%')
                                    : QStringLiteral("-"),
                                7);
        for (const Model::DecisionCell &c : row.cells)
            line += QStringLiteral("  %1").arg(cellText(row, c), -cellWidth);
        printOut(line.trimmed());
    }
    for (const QString &note : r.notes)
        printOut(QStringLiteral("note: ") + note);
    printOut(QStringLiteral("\nranking (weighted score of 10, and what decided it):"));
    for (std::size_t i = 0; i < r.ranking.size(); ++i) {
        const Model::RankedAlternative &a = r.ranking[i];
        printOut(QStringLiteral("%1. %2 %3  %4")
                     .arg(i + 1)
                     .arg(r.alternatives.at(a.alternative), -24)
                     .arg(a.score, 5, 'f', 2)
                     .arg(Model::decidingCriteriaText(r, a)));
    }
    printOut(QStringLiteral("\nsensitivity (the share of a weight at which the winner changes):"));
    for (const Model::WeightSensitivity &s : r.sensitivity)
        printOut(QStringLiteral("  %1 %2  %3")
                     .arg(r.rows[std::size_t(s.criterion)].label, -labelWidth)
                     .arg(QString::number(s.share * 100, 'f', 0) + QLatin1Char('%'), 4)
                     .arg(Model::sensitivityText(r, s)));
}

int cmdDecide(const QStringList &args)
{
    QString target, adrOut, jsonOut;
    int threads = 0;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--adr") || a == QLatin1String("--json")
            || a == QLatin1String("--threads")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return ExitBadInput;
            }
            const QString v = args.at(++i);
            if (a == QLatin1String("--adr")) {
                adrOut = v;
            } else if (a == QLatin1String("--json")) {
                jsonOut = v;
            } else {
                double n = 0;
                if (!parseNumber(a, v, 0, &n))
                    return ExitBadInput;
                threads = int(n);
            }
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !target.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            target = a;
        }
    }
    if (adrOut == QLatin1String("-") && jsonOut == QLatin1String("-")) {
        printErr(QStringLiteral("error: --adr - and --json - would both write to stdout; write "
                                "one of them to a file"));
        return ExitBadInput;
    }
    // the simulations take a while: an output that cannot be written is said before them
    for (const QString &out : {adrOut, jsonOut}) {
        if (out.isEmpty() || out == QLatin1String("-"))
            continue;
        const QFileInfo folder(QFileInfo(out).absolutePath());
        if (!folder.isDir() || !folder.isWritable()) {
            printErr(QStringLiteral("error: cannot write %1: the folder %2 %3")
                         .arg(out,
                              QDir::toNativeSeparators(folder.filePath()),
                              folder.isDir() ? QStringLiteral("is not writable")
                                             : QStringLiteral("does not exist")));
            return ExitRunFailed;
        }
    }
    const int split = target.indexOf(QStringLiteral(".archsim:"));
    if (target.isEmpty() || split < 0) {
        printErr(QStringLiteral("error: decide needs PROJECT.archsim:DECISION, the name of a "
                                "decision in a project, e.g. shop.archsim:'Shop: monolith or "
                                "microservices?'"));
        return ExitBadInput;
    }
    const QString path = target.left(split + 8);
    const QString name = target.mid(split + 9);
    const Model::ProjectLoad load = Model::ProjectStore::load(path);
    if (!load.ok()) {
        printErr(QStringLiteral("error: %1: %2").arg(path, load.error));
        return ExitBadInput;
    }
    for (const QString &w : load.warnings)
        printErr(QStringLiteral("warning: %1: %2").arg(path, w));
    const Model::Project &project = *load.project;
    const Model::Decision *decision = project.decisionNamed(name);
    if (!decision) {
        printErr(QStringLiteral("error: %1: no decision named '%2'; %3")
                     .arg(path, name, decisionNames(project)));
        return ExitBadInput;
    }
    const QString prefix
        = QStringLiteral("$.decisions[%1]").arg(project.decisions.indexOf(*decision));
    QStringList names;
    for (const Model::ProjectScenario &s : project.scenarios) {
        if (s.isReadable())
            names << s.scenario.name;
    }
    Model::Problems problems = Model::checkDecisionAlternatives(*decision, names);
    std::vector<Model::Scenario> alternatives;
    for (const QString &alt : decision->alternatives) {
        if (const Model::ProjectScenario *s = project.scenarioNamed(alt); s && s->isReadable())
            alternatives.push_back(Model::withProjectPrices(s->scenario, project.cost));
    }
    if (!problems.isEmpty()) {
        for (Model::Problem p : problems) {
            p.path = prefix + p.path.mid(1);
            printErr(p.toString());
        }
        return ExitBadInput;
    }
    Model::DecisionRunOptions options;
    options.threads = threads;
    options.cancel = &g_cancel;
    if (!quiet)
        options.progress = [](const QString &step) { printErr(step + QStringLiteral("...")); };
    std::signal(SIGINT, onSigint);
    Model::Problems runProblems;
    const std::optional<Model::DecisionEvidence> evidence
        = Model::gatherDecisionEvidence(*decision, alternatives, options, &runProblems);
    for (Model::Problem p : runProblems) {
        // the decision's own settings (a scenario's problems name their alternative)
        if (p.path == QLatin1String("$.simulation.slo")
            || p.path == QLatin1String("$.simulation.target_rate_per_s"))
            p.path = prefix + p.path.mid(1);
        printErr(p.toString());
    }
    if (!evidence)
        return ExitBadInput;
    if (evidence->cancelled) {
        printErr(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    const Model::DecisionResult result = Model::evaluateDecision(*decision,
                                                                 alternatives,
                                                                 &*evidence);
    if (jsonOut != QLatin1String("-") && adrOut != QLatin1String("-")) {
        printOut(QStringLiteral("%1 (%2): %3 alternatives, %4 replications each, %5 s wall\n")
                     .arg(decision->name, decision->status)
                     .arg(alternatives.size())
                     .arg(evidence->replications)
                     .arg(evidence->wallS, 0, 'f', 1));
        printDecision(result);
    }
    if (!adrOut.isEmpty()
        && !writeText(adrOut, Model::decisionAdr(*decision, alternatives, result, &*evidence)))
        return ExitRunFailed;
    if (!jsonOut.isEmpty()
        && !writeJson(jsonOut, Model::decisionResultToJson(*decision, result, &*evidence)))
        return ExitRunFailed;
    return ExitOk;
}

QString planNames(const Model::Project &project)
{
    QStringList names;
    for (const Model::Plan &p : project.plans)
        names << QLatin1Char('\'') + p.name + QLatin1Char('\'');
    return names.isEmpty() ? QStringLiteral("the project has no plans")
                           : QStringLiteral("the project has ") + names.join(QStringLiteral(", "));
}

/** The plan and its starting scenario, from a plan file or a project; nullopt: said why. */
std::optional<std::pair<Model::Plan, Model::Scenario>> loadPlan(const QString &target)
{
    const int split = target.indexOf(QStringLiteral(".archsim:"));
    if (split >= 0) {
        const QString path = target.left(split + 8);
        const QString name = target.mid(split + 9);
        const Model::ProjectLoad load = Model::ProjectStore::load(path);
        if (!load.ok()) {
            printErr(QStringLiteral("error: %1: %2").arg(path, load.error));
            return std::nullopt;
        }
        for (const QString &w : load.warnings)
            printErr(QStringLiteral("warning: %1: %2").arg(path, w));
        const Model::Project &project = *load.project;
        const Model::Plan *plan = project.planNamed(name);
        if (!plan) {
            printErr(QStringLiteral("error: %1: no plan named '%2'; %3")
                         .arg(path, name, planNames(project)));
            return std::nullopt;
        }
        const Model::ProjectScenario *start = project.scenarioNamed(plan->start);
        if (!start || !start->isReadable()) {
            printErr(
                QStringLiteral("error: %1: $.plans[%2].start: the plan starts from '%3', "
                               "which the project %4; %5")
                    .arg(path)
                    .arg(project.plans.indexOf(*plan))
                    .arg(plan->start,
                         start ? QStringLiteral("cannot read") : QStringLiteral("does not have"),
                         scenarioNames(project)));
            return std::nullopt;
        }
        return std::pair{*plan, Model::withProjectPrices(start->scenario, project.cost)};
    }
    QFile file(target);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(QStringLiteral("error: %1: %2").arg(target, file.errorString()));
        return std::nullopt;
    }
    Model::Problems problems;
    const std::optional<Model::Plan> plan = Model::parsePlan(file.readAll(), &problems);
    for (const Model::Problem &p : problems)
        printErr(QStringLiteral("%1: %2").arg(target, p.toString()));
    if (!plan)
        return std::nullopt;
    Model::Problems startProblems;
    const std::optional<Model::Scenario> start = Model::planStartFromFile(*plan,
                                                                          target,
                                                                          &startProblems);
    for (const Model::Problem &p : startProblems)
        printErr(QStringLiteral("%1: %2").arg(target, p.toString()));
    if (!start)
        return std::nullopt;
    return std::pair{*plan, *start};
}

void printTrajectory(const Model::Trajectory &t)
{
    const std::vector<Model::CompareFigure> &figures = Model::compareFigures();
    auto figure = [&](const Model::TrajectoryPoint &p, const char *key) {
        for (std::size_t f = 0; f < figures.size(); ++f) {
            if (qstrcmp(figures[f].key, key) == 0 && f < p.run.figures.size())
                return withInterval(p.run.figures[f].mean, p.run.figures[f].ci95, figures[f].unit);
        }
        return QStringLiteral("-");
    };
    printOut(QStringLiteral("%1: %2 steps, %3 replication(s) each, seed %4%5")
                 .arg(t.plan)
                 .arg(t.steps.size())
                 .arg(t.comparison.replications)
                 .arg(t.comparison.seed)
                 .arg(t.slo.isEmpty() ? QString() : QStringLiteral(", SLO ") + t.slo));
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                 .arg(QStringLiteral("step"), -4)
                 .arg(QStringLiteral("action"), -8)
                 .arg(QStringLiteral("p99 latency"), -22)
                 .arg(QStringLiteral("error rate"), -22)
                 .arg(QStringLiteral("cost"), -20)
                 .arg(QStringLiteral("deployables"), 11)
                 .arg(QStringLiteral("hops"), 4)
                 .arg(QStringLiteral("lint"), 4));
    for (std::size_t k = 0; k < t.points.size(); ++k) {
        const Model::TrajectoryPoint &p = t.points[k];
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8  %9")
                     .arg(k, -4)
                     .arg(p.action, -8)
                     .arg(figure(p, "latency_p99_ms"), -22)
                     .arg(figure(p, "error_rate"), -22)
                     .arg(figure(p, "cost_per_hour"), -20)
                     .arg(p.deployables, 11)
                     .arg(p.syncHops, 4)
                     .arg(p.lintFindings, 4)
                     .arg(p.title));
        if (p.breaksSlo)
            printOut(QStringLiteral("     ! breaks the SLO: %1").arg(p.sloText));
        for (const QString &l : p.newLint)
            printOut(QStringLiteral("     ! new lint finding: %1").arg(l));
    }
    printOut(QStringLiteral("\n%1 s wall").arg(t.comparison.wallS, 0, 'f', 2));
}

int cmdMigrate(const QStringList &args)
{
    QString target, jsonOut, csvDir;
    Model::MigrateOptions options;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json") || a == QLatin1String("--csv")
            || a == QLatin1String("--replications") || a == QLatin1String("--threads")
            || a == QLatin1String("--duration") || a == QLatin1String("--warmup")) {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("error: %1 needs a value").arg(a));
                return ExitBadInput;
            }
            const QString v = args.at(++i);
            double n = 0;
            if (a == QLatin1String("--json")) {
                jsonOut = v;
            } else if (a == QLatin1String("--csv")) {
                csvDir = v;
            } else if (a == QLatin1String("--warmup")) {
                if (!parseNumber(a, v, 0, &n))
                    return ExitBadInput;
                options.warmupS = n;
            } else if (a == QLatin1String("--duration")) {
                if (!parseNumber(a, v, 0, &n) || n <= 0) {
                    printErr(QStringLiteral("error: --duration must be greater than 0"));
                    return ExitBadInput;
                }
                options.durationS = n;
            } else {
                if (!parseNumber(a, v, a == QLatin1String("--threads") ? 0 : 1, &n))
                    return ExitBadInput;
                (a == QLatin1String("--threads") ? options.threads : options.replications) = int(n);
            }
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !target.isEmpty()) {
            printErr(QStringLiteral("error: unexpected argument '%1'").arg(a));
            usage(stderr);
            return ExitBadInput;
        } else {
            target = a;
        }
    }
    if (target.isEmpty()) {
        printErr(QStringLiteral("error: migrate needs a plan: PLAN.json or PROJECT.archsim:PLAN"));
        return ExitBadInput;
    }
    const auto loaded = loadPlan(target);
    if (!loaded)
        return ExitBadInput;
    ProgressBar progress;
    options.cancel = &g_cancel;
    if (!quiet)
        options.observer = &progress;
    std::signal(SIGINT, onSigint);
    Model::Problems problems;
    const std::optional<Model::Trajectory> t
        = Model::runPlan(loaded->first, loaded->second, options, &problems);
    if (!quiet)
        progress.finish();
    for (const Model::Problem &p : problems)
        printErr(QStringLiteral("%1: %2").arg(target, p.toString()));
    if (!t)
        return ExitBadInput;
    if (t->cancelled) {
        printErr(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    if (jsonOut != QLatin1String("-"))
        printTrajectory(*t);
    if (!jsonOut.isEmpty() && !writeJson(jsonOut, Model::trajectoryToJson(*t)))
        return ExitRunFailed;
    if (!csvDir.isEmpty()) {
        QString error;
        if (!QDir().mkpath(csvDir) || !Model::writeTrajectoryCsv(*t, csvDir, &error)) {
            printErr(QStringLiteral("error: cannot write CSV to %1: %2").arg(csvDir, error));
            return ExitRunFailed;
        }
    }
    return ExitOk;
}

int cmdBench(const QStringList &args)
{
    QString only;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--model") && i + 1 < args.size()) {
            only = args[++i];
        } else {
            usage(stderr);
            return ExitBadInput;
        }
    }
    bool found = false;
    printOut(QStringLiteral("%1 %2 %3 %4")
                 .arg(QStringLiteral("model"), -10)
                 .arg(QStringLiteral("events"), 12)
                 .arg(QStringLiteral("events/s"), 14)
                 .arg(QStringLiteral("ns/event"), 10));
    for (const Sim::Bench::Model &m : Sim::Bench::models()) {
        if (!only.isEmpty() && only != QString::fromStdString(m.name))
            continue;
        found = true;
        Sim::RunOptions o;
        o.threads = 1;
        o.cancel = &g_cancel;
        std::signal(SIGINT, onSigint);
        const Sim::RunResult r = Sim::runSimulation(m.build(m.defaultDurationS), o);
        if (r.cancelled)
            return ExitCancelled;
        printOut(QStringLiteral("%1 %2 %3 %4")
                     .arg(QString::fromStdString(m.name), -10)
                     .arg(r.events, 12)
                     .arg(r.eventsPerS, 14, 'f', 0)
                     .arg(r.wallS * 1e9 / static_cast<double>(r.events), 10, 'f', 1));
    }
    if (!found) {
        printErr(QStringLiteral("error: unknown model '%1'").arg(only));
        return ExitBadInput;
    }
    return ExitOk;
}

int dispatchCommand(const QString &command, const QStringList &args);

} // namespace

int main(int argc, char **argv)
{
    // `report` draws the canvas and the charts, `export --to svg|png` the canvas: widgets, on
    // the offscreen platform unless the caller chose one, so that they run without a display.
    // Every other command needs no GUI.
    bool widgets = argc > 1 && std::strcmp(argv[1], "report") == 0;
    if (argc > 1 && std::strcmp(argv[1], "export") == 0) {
        // export draws the canvas for --to svg and png only
        QStringList exportArgs;
        for (int i = 2; i < argc; ++i)
            exportArgs << QString::fromLocal8Bit(argv[i]);
        widgets = exportNeedsWidgets(exportArgs);
    }
    if (widgets && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (widgets && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // a QApplication wants a private runtime folder; a headless machine may have none
        const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/archsim-runtime-"
                               + QByteArray::number(qulonglong(getuid()));
        if (::mkdir(dir.constData(), 0700) == 0 || errno == EEXIST)
            qputenv("XDG_RUNTIME_DIR", dir);
    }
    std::unique_ptr<QCoreApplication> app = widgets
                                                ? std::make_unique<QApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("archsim-cli"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        usage(stderr);
        return ExitBadInput;
    }
    const QString command = args.takeFirst();
    // An allocation that fails outside a run (which reports its own, see Sim::runSimulation)
    // ends the command with a sentence rather than an abort.
    try {
        return dispatchCommand(command, args);
    } catch (const std::bad_alloc &) {
        printErr(QStringLiteral("error: out of memory while running '%1'").arg(command));
        return ExitRunFailed;
    }
}

namespace {

int dispatchCommand(const QString &command, const QStringList &args)
{
    if (command == QLatin1String("run"))
        return cmdRun(args);
    if (command == QLatin1String("validate"))
        return cmdValidate(args);
    if (command == QLatin1String("lint"))
        return cmdLint(args);
    if (command == QLatin1String("compare"))
        return cmdCompare(args);
    if (command == QLatin1String("sweep"))
        return cmdSweep(args);
    if (command == QLatin1String("capacity"))
        return cmdCapacity(args);
    if (command == QLatin1String("merge"))
        return cmdMerge(args);
    if (command == QLatin1String("decide"))
        return cmdDecide(args);
    if (command == QLatin1String("migrate"))
        return cmdMigrate(args);
    if (command == QLatin1String("report"))
        return cmdReport(args);
    if (command == QLatin1String("export"))
        return cmdExport(args);
    if (command == QLatin1String("bench"))
        return cmdBench(args);
    if (command == QLatin1String("import"))
        return cmdImport(args);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        usage(stdout);
        return ExitOk;
    }
    printErr(QStringLiteral("error: unknown command '%1'").arg(command));
    usage(stderr);
    return ExitBadInput;
}

} // namespace
