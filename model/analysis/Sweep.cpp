// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sweep.h"

#include "ScenarioIo.h"
#include "persistence/RunResultJson.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QStringList>

#include <chrono>
#include <cmath>

namespace Model {

std::optional<QList<PathSegment>> pathSegments(const QString &path)
{
    QList<PathSegment> out;
    QString word;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path[i];
        if (c == QLatin1Char('.')) {
            if (word.isEmpty() && (out.isEmpty() || !out.last().isIndex))
                return std::nullopt;
            if (!word.isEmpty())
                out.append({false, word});
            word.clear();
        } else if (c == QLatin1Char('[')) {
            if (!word.isEmpty())
                out.append({false, word});
            word.clear();
            const qsizetype end = path.indexOf(QLatin1Char(']'), i);
            if (end < 0 || end == i + 1 || out.isEmpty())
                return std::nullopt;
            out.append({true, path.mid(i + 1, end - i - 1)});
            i = end;
        } else {
            word += c;
        }
    }
    if (!word.isEmpty())
        out.append({false, word});
    else if (path.endsWith(QLatin1Char('.')))
        return std::nullopt;
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

namespace {

using Segment = PathSegment;

constexpr int kMaxValues = 10000; // per parameter

QString prefixOf(const QList<Segment> &segments, qsizetype upTo)
{
    QString s;
    for (qsizetype i = 0; i <= upTo && i < segments.size(); ++i) {
        if (segments[i].isIndex)
            s += QLatin1Char('[') + segments[i].text + QLatin1Char(']');
        else
            s += (s.isEmpty() ? QString() : QStringLiteral(".")) + segments[i].text;
    }
    return s;
}

/** The ids or names of an array's elements, for "there are ..." */
QString namesIn(const QJsonArray &array)
{
    QStringList names;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const QString n = o.contains(QStringLiteral("id"))
                              ? o.value(QStringLiteral("id")).toString()
                              : o.value(QStringLiteral("name")).toString();
        if (!n.isEmpty())
            names << n;
    }
    return names.isEmpty()
               ? QStringLiteral("it has %1 element(s), numbered from 0").arg(array.size())
               : QStringLiteral("there are ") + names.join(QStringLiteral(", "));
}

bool setIn(QJsonValue &node,
           const QList<Segment> &segs,
           qsizetype i,
           const QJsonValue &value,
           QString *error)
{
    const Segment &seg = segs[i];
    const bool last = i + 1 == segs.size();
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(prefixOf(segs, i), why);
        return false;
    };
    if (!seg.isIndex) {
        if (!node.isObject())
            return fail(QStringLiteral("%1 is not an object")
                            .arg(i == 0 ? QStringLiteral("the scenario") : prefixOf(segs, i - 1)));
        QJsonObject o = node.toObject();
        if (last) {
            o.insert(seg.text, value);
        } else {
            QJsonValue child = o.value(seg.text);
            if (child.isUndefined()) {
                if (segs[i + 1].isIndex)
                    return fail(QStringLiteral("there is no such list"));
                child = QJsonObject();
            }
            if (!setIn(child, segs, i + 1, value, error))
                return false;
            o.insert(seg.text, child);
        }
        node = o;
        return true;
    }
    if (!node.isArray())
        return fail(QStringLiteral("%1 is not a list").arg(prefixOf(segs, i - 1)));
    QJsonArray a = node.toArray();
    bool isNumber = false;
    const int n = seg.text.toInt(&isNumber);
    qsizetype at = -1;
    if (isNumber) {
        if (n < 0 || n >= a.size())
            return fail(QStringLiteral("no element %1; %2").arg(n).arg(namesIn(a)));
        at = n;
    } else {
        for (qsizetype k = 0; k < a.size(); ++k) {
            const QJsonObject o = a[k].toObject();
            if (o.value(QStringLiteral("id")).toString() == seg.text
                || o.value(QStringLiteral("name")).toString() == seg.text) {
                at = k;
                break;
            }
        }
        if (at < 0)
            return fail(
                QStringLiteral("no element with id or name '%1'; %2").arg(seg.text, namesIn(a)));
    }
    QJsonValue child = a[at];
    if (last) {
        child = value;
    } else if (!setIn(child, segs, i + 1, value, error)) {
        return false;
    }
    a[at] = child;
    node = a;
    return true;
}

QJsonValue valueOf(const QString &text)
{
    bool ok = false;
    const double d = text.toDouble(&ok);
    if (ok)
        return d;
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    return text;
}

QString label(const QList<QPair<QString, QJsonValue>> &set)
{
    QStringList parts;
    for (const auto &[path, value] : set) {
        parts << path + QLatin1Char('=')
                     + (value.isString()
                            ? value.toString()
                            : QString::fromUtf8(
                                  QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                                  .mid(1)
                                  .chopped(1));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

std::optional<SweepParameter> parseSweepSet(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("--set %1: %2").arg(text, why);
        return std::nullopt;
    };
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return fail(
            QStringLiteral("expected PATH=VALUES, e.g. workload.arrivals.rate_per_s=100,200 "
                           "or components[api].replicas=1..4:1"));
    SweepParameter p;
    p.path = text.left(eq).trimmed();
    if (!pathSegments(p.path))
        return fail(QStringLiteral("'%1' is not a path; write keys with dots and [N] or [ID] for "
                                   "list elements, e.g. components[api].replicas")
                        .arg(p.path));
    const QString values = text.mid(eq + 1).trimmed();
    if (values.isEmpty())
        return fail(QStringLiteral("no values after '='"));
    const qsizetype dots = values.indexOf(QStringLiteral(".."));
    if (dots >= 0) {
        // from..to:step
        const qsizetype colon = values.indexOf(QLatin1Char(':'), dots);
        bool okFrom = false, okTo = false, okStep = true;
        const double from = values.left(dots).toDouble(&okFrom);
        const double to = values.mid(dots + 2, colon < 0 ? -1 : colon - dots - 2).toDouble(&okTo);
        const double step = colon < 0 ? 1.0 : values.mid(colon + 1).toDouble(&okStep);
        if (!okFrom || !okTo || !okStep)
            return fail(
                QStringLiteral("a range is FROM..TO:STEP with numbers, e.g. 100..2000:100"));
        if (!(step > 0))
            return fail(QStringLiteral("the step must be greater than 0"));
        if (to < from)
            return fail(
                QStringLiteral("the range ends (%1) before it starts (%2)").arg(to).arg(from));
        const double count = std::floor((to - from) / step + 1e-9) + 1;
        if (count > kMaxValues)
            return fail(
                QStringLiteral("%1 values; at most %2 per parameter").arg(count).arg(kMaxValues));
        for (int k = 0; k < static_cast<int>(count); ++k) {
            // from + k * step, rounded to the step's decimals so 0.1 steps stay 0.3, not 0.30000000000000004
            const double v = from + k * step;
            p.values.append(std::round(v * 1e9) / 1e9);
        }
        return p;
    }
    for (const QString &item : values.split(QLatin1Char(','))) {
        const QString t = item.trimmed();
        if (t.isEmpty())
            return fail(QStringLiteral("an empty value in the list"));
        p.values.append(valueOf(t));
    }
    if (p.values.size() > kMaxValues)
        return fail(QStringLiteral("%1 values; at most %2 per parameter")
                        .arg(p.values.size())
                        .arg(kMaxValues));
    return p;
}

bool setScenarioPath(QJsonObject &scenario,
                     const QString &path,
                     const QJsonValue &value,
                     QString *error)
{
    const std::optional<QList<Segment>> segs = pathSegments(path);
    if (!segs) {
        if (error)
            *error = QStringLiteral("'%1' is not a path").arg(path);
        return false;
    }
    if (segs->first().isIndex) {
        if (error)
            *error = QStringLiteral("'%1' must start with a key").arg(path);
        return false;
    }
    QJsonValue root = scenario;
    if (!setIn(root, *segs, 0, value, error))
        return false;
    scenario = root.toObject();
    return true;
}

ScenarioLoad scenarioWithSet(const Scenario &scenario, const QList<QPair<QString, QJsonValue>> &set)
{
    QJsonObject json = QJsonDocument::fromJson(serializeScenario(scenario)).object();
    for (const auto &[path, value] : set) {
        QString error;
        if (!setScenarioPath(json, path, value, &error)) {
            ScenarioLoad out;
            out.problems.append({Problem::Severity::Error, path, error, 0, 0});
            return out;
        }
    }
    return parseScenario(QJsonDocument(json).toJson());
}

std::optional<Sweep> runSweep(const Scenario &scenario,
                              const std::vector<SweepParameter> &parameters,
                              const SweepOptions &options,
                              Problems *problems)
{
    const auto start = std::chrono::steady_clock::now();
    auto problem = [&](const QString &message) {
        if (problems)
            problems->append({Problem::Severity::Error, QString(), message, 0, 0});
    };
    // the grid, first parameter slowest
    std::vector<QList<QPair<QString, QJsonValue>>> grid{{}};
    for (const SweepParameter &p : parameters) {
        std::vector<QList<QPair<QString, QJsonValue>>> next;
        for (const auto &point : grid) {
            for (const QJsonValue &v : p.values) {
                auto with = point;
                with.append({p.path, v});
                next.push_back(with);
            }
        }
        grid = std::move(next);
    }
    if (parameters.empty())
        grid.clear();
    const int gridSize = static_cast<int>(grid.size());
    // this shard's points, with their places in the whole grid
    const int shards = std::max(1, options.shardCount);
    std::vector<int> indices;
    {
        std::vector<QList<QPair<QString, QJsonValue>>> mine;
        for (int k = 0; k < gridSize; ++k) {
            if (k % shards == options.shardIndex) {
                indices.push_back(k);
                mine.push_back(grid[static_cast<std::size_t>(k)]);
            }
        }
        grid = std::move(mine);
    }

    std::vector<Scenario> scenarios;
    std::vector<Sim::Spec> specs;
    bool ok = true;
    for (const auto &point : grid) {
        ScenarioLoad load = scenarioWithSet(scenario, point);
        if (!load.scenario && !load.problems.isEmpty()) {
            // the same path fails at every point: say it once
            problem(QStringLiteral("--set %1").arg(load.problems.first().message));
            return std::nullopt;
        }
        Scenario s = load.scenario.value_or(Scenario{});
        if (options.replications)
            s.simulation.replications = *options.replications;
        const CompiledScenario compiled = load.ok() ? compileScenario(s) : CompiledScenario{};
        for (Problem p : load.ok() ? compiled.problems : load.problems) {
            if (!p.isError())
                continue;
            p.message = QStringLiteral("at %1: %2").arg(label(point), p.message);
            p.line = p.column = 0; // lines of a generated text mean nothing to the user
            if (problems)
                problems->append(p);
        }
        ok = ok && load.ok() && compiled.ok();
        scenarios.push_back(std::move(s));
        specs.push_back(compiled.spec);
    }
    if (!ok)
        return std::nullopt;

    std::vector<Sim::ReplicationTask> tasks;
    std::vector<std::size_t> first; // each point's first task
    for (const Sim::Spec &spec : specs) {
        first.push_back(tasks.size());
        for (int r = 0; r < std::max(1, spec.replications); ++r)
            tasks.push_back({&spec, r});
    }
    Sim::RunOptions run;
    run.threads = options.threads;
    run.cancel = options.cancel;
    run.observer = options.observer;
    std::vector<Sim::ReplicationResult> results = Sim::runReplications(tasks, run);

    Sweep out;
    out.gridSize = gridSize;
    for (const SweepParameter &parameter : parameters)
        out.paths << parameter.path;
    out.shardIndex = options.shardIndex;
    out.shardCount = shards;
    for (std::size_t k = 0; k < grid.size(); ++k) {
        const std::size_t begin = first[k];
        const std::size_t end = k + 1 < first.size() ? first[k + 1] : tasks.size();
        bool finished = true;
        for (std::size_t t = begin; t < end; ++t)
            finished = finished && !results[t].cancelled;
        if (!finished) {
            out.cancelled = true;
            continue;
        }
        std::vector<Sim::ReplicationResult> mine(std::make_move_iterator(results.begin()
                                                                         + long(begin)),
                                                 std::make_move_iterator(results.begin()
                                                                         + long(end)));
        SweepPoint point;
        point.index = indices[k];
        point.set = grid[k];
        point.figures = figureEstimates(scenarios[k], mine);
        point.result = Sim::aggregateReplications(specs[k], std::move(mine));
        point.result.scenario = scenarios[k].name.toStdString();
        out.points.push_back(std::move(point));
    }
    out.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

QJsonObject sweepToJson(const Sweep &sweep)
{
    QJsonArray points;
    for (const SweepPoint &p : sweep.points) {
        QJsonObject set;
        for (const auto &[path, value] : p.set)
            set.insert(path, value);
        points.append(QJsonObject{{QStringLiteral("index"), p.index},
                                  {QStringLiteral("set"), set},
                                  {QStringLiteral("results"), resultsToJson(p.result)}});
    }
    QJsonObject out{{QStringLiteral("format"), QStringLiteral("archsim-sweep")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("grid_size"), sweep.gridSize},
                    {QStringLiteral("parameters"), QJsonArray::fromStringList(sweep.paths)},
                    {QStringLiteral("cancelled"), sweep.cancelled},
                    {QStringLiteral("wall_s"), sweep.wallS},
                    {QStringLiteral("points"), points}};
    if (sweep.shardCount > 1) {
        out.insert(QStringLiteral("shard"),
                   QJsonObject{{QStringLiteral("index"), sweep.shardIndex + 1},
                               {QStringLiteral("count"), sweep.shardCount}});
    }
    return out;
}

std::optional<QJsonObject> mergeSweeps(const QList<QPair<QString, QJsonObject>> &parts,
                                       QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (parts.isEmpty())
        return fail(QStringLiteral("nothing to merge"));
    int count = 0, gridSize = -1;
    QJsonValue parameters;
    QList<int> seen;
    QMap<int, QJsonValue> points;
    bool cancelled = false;
    double wall = 0;
    for (const auto &[source, json] : parts) {
        if (json.value(QStringLiteral("format")).toString() != QLatin1String("archsim-sweep")
            || json.value(QStringLiteral("version")).toInt() != 1)
            return fail(QStringLiteral("%1 is not the JSON of archsim-cli sweep (format "
                                       "\"archsim-sweep\", version 1)")
                            .arg(source));
        const QJsonObject shard = json.value(QStringLiteral("shard")).toObject();
        const int index = shard.value(QStringLiteral("index")).toInt(0);
        const int n = shard.value(QStringLiteral("count")).toInt(0);
        if (n < 2 || index < 1 || index > n)
            return fail(QStringLiteral("%1 is not a shard (it has no \"shard\": {\"index\", "
                                       "\"count\"}); run the parts with --shard I/N")
                            .arg(source));
        const int grid = json.value(QStringLiteral("grid_size")).toInt(-1);
        const QJsonValue paths = json.value(QStringLiteral("parameters"));
        if (count == 0) {
            count = n;
            gridSize = grid;
            parameters = paths;
        } else if (paths != parameters) {
            return fail(QStringLiteral("%1 sweeps other parameters than the first part: not the "
                                       "same sweep")
                            .arg(source));
        } else if (n != count || grid != gridSize) {
            return fail(QStringLiteral("%1 is shard %2/%3 of a grid of %4 points; the first part "
                                       "was of %5 shards and %6 points: not the same sweep")
                            .arg(source)
                            .arg(index)
                            .arg(n)
                            .arg(grid)
                            .arg(count)
                            .arg(gridSize));
        }
        if (seen.contains(index))
            return fail(
                QStringLiteral("shard %1/%2 is given twice (%3)").arg(index).arg(n).arg(source));
        seen.append(index);
        cancelled = cancelled || json.value(QStringLiteral("cancelled")).toBool();
        wall += json.value(QStringLiteral("wall_s")).toDouble();
        for (const QJsonValue &p : json.value(QStringLiteral("points")).toArray()) {
            const int k = p.toObject().value(QStringLiteral("index")).toInt(-1);
            if (k < 0 || k >= gridSize || k % count != index - 1)
                return fail(QStringLiteral("%1: a point with index %2 does not belong to shard "
                                           "%3/%4 of %5 points")
                                .arg(source)
                                .arg(k)
                                .arg(index)
                                .arg(n)
                                .arg(gridSize));
            points.insert(k, p);
        }
    }
    QStringList missing;
    for (int i = 1; i <= count; ++i) {
        if (!seen.contains(i))
            missing << QStringLiteral("%1/%2").arg(i).arg(count);
    }
    if (!missing.isEmpty())
        return fail(QStringLiteral("shard(s) %1 missing").arg(missing.join(QStringLiteral(", "))));
    QJsonArray merged;
    for (const QJsonValue &p : std::as_const(points))
        merged.append(p);
    QJsonObject out{{QStringLiteral("format"), QStringLiteral("archsim-sweep")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("grid_size"), gridSize},
                    {QStringLiteral("cancelled"), cancelled},
                    {QStringLiteral("wall_s"), wall},
                    {QStringLiteral("points"), merged}};
    if (!parameters.isUndefined())
        out.insert(QStringLiteral("parameters"), parameters);
    return out;
}

std::optional<Sweep> sweepFromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("archsim-sweep")
        || json.value(QStringLiteral("version")).toInt() != 1)
        return fail(QStringLiteral("$: not the JSON of archsim-cli sweep (format "
                                   "\"archsim-sweep\", version 1)"));
    Sweep sweep;
    sweep.gridSize = json.value(QStringLiteral("grid_size")).toInt(0);
    sweep.cancelled = json.value(QStringLiteral("cancelled")).toBool();
    sweep.wallS = json.value(QStringLiteral("wall_s")).toDouble();
    const QJsonValue parameters = json.value(QStringLiteral("parameters"));
    if (!parameters.isUndefined() && !parameters.isArray())
        return fail(QStringLiteral("$.parameters: not a list of paths"));
    for (const QJsonValue &p : parameters.toArray()) {
        if (!p.isString())
            return fail(QStringLiteral("$.parameters: not a list of paths"));
        sweep.paths << p.toString();
    }
    const QJsonValue points = json.value(QStringLiteral("points"));
    if (!points.isArray())
        return fail(QStringLiteral("$.points: missing or not a list"));
    const QJsonArray list = points.toArray();
    for (qsizetype k = 0; k < list.size(); ++k) {
        const QString at = QStringLiteral("$.points[%1]").arg(k);
        const QJsonObject p = list[k].toObject();
        const QJsonValue set = p.value(QStringLiteral("set"));
        if (!list[k].isObject() || !set.isObject())
            return fail(at + QStringLiteral(".set: missing or not an object"));
        SweepPoint point;
        point.index = p.value(QStringLiteral("index")).toInt(static_cast<int>(k));
        const QJsonObject values = set.toObject();
        const QStringList order = sweep.paths.isEmpty() ? values.keys() : sweep.paths;
        for (const QString &path : order) {
            if (!values.contains(path))
                return fail(QStringLiteral("%1.set: no value for the parameter %2").arg(at, path));
            point.set.append({path, values.value(path)});
        }
        if (values.size() != order.size())
            return fail(at + QStringLiteral(".set: other paths than \"parameters\""));
        QString why;
        point.result = runResultFromJson(p.value(QStringLiteral("results")).toObject(), &why);
        if (!why.isEmpty())
            return fail(QStringLiteral("%1.results: %2").arg(at, why));
        sweep.points.push_back(std::move(point));
    }
    if (sweep.paths.isEmpty() && !sweep.points.empty()) {
        for (const auto &[path, value] : sweep.points.front().set)
            sweep.paths << path;
    }
    return sweep;
}

bool writeSweepCsv(const Sweep &sweep, const QString &directory, QString *error)
{
    QStringList header;
    if (!sweep.points.empty()) {
        for (const auto &[path, value] : sweep.points.front().set)
            header << (path.contains(QLatin1Char(',')) ? QLatin1Char('"') + path + QLatin1Char('"')
                                                       : path);
    }
    header << QStringLiteral("completed") << QStringLiteral("failed")
           << QStringLiteral("throughput_per_s") << QStringLiteral("latency_mean_ms")
           << QStringLiteral("latency_mean_ms_ci_low") << QStringLiteral("latency_mean_ms_ci_high")
           << QStringLiteral("latency_p50_ms") << QStringLiteral("latency_p95_ms")
           << QStringLiteral("latency_p99_ms") << QStringLiteral("latency_p99_ms_ci_low")
           << QStringLiteral("latency_p99_ms_ci_high");
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    auto num = [](double v) { return QString::number(v, 'g', 10); };
    for (const SweepPoint &p : sweep.points) {
        QStringList row;
        for (const auto &[path, value] : p.set)
            row << (value.isString() ? value.toString() : num(value.toDouble()));
        const Sim::RequestResult all = p.result.requests.empty() ? Sim::RequestResult{}
                                                                 : p.result.requests.front();
        auto lo = [&](const Sim::Interval &ci) { return ci ? num(ci->first) : QString(); };
        auto hi = [&](const Sim::Interval &ci) { return ci ? num(ci->second) : QString(); };
        row << num(all.completed) << num(all.failed) << num(all.throughputPerS)
            << num(all.latencyMs.mean) << lo(all.ciMean) << hi(all.ciMean) << num(all.latencyMs.p50)
            << num(all.latencyMs.p95) << num(all.latencyMs.p99) << lo(all.ciP99) << hi(all.ciP99);
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    const QString path = QDir(directory).filePath(QStringLiteral("sweep.csv"));
    QSaveFile f(path);
    const QByteArray bytes = text.toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace Model
