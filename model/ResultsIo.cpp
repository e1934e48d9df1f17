// SPDX-License-Identifier: GPL-3.0-or-later
// resultsToJson and writeResultsCsv: Sim::RunResult -> the results formats of spec/cli.md.
// The figures of requests and components, and the columns of requests.csv and
// components.csv, come from the rows of ResultsSchema.cpp.
#include "ScenarioIo.h"

#include "KindTraits.h"
#include "ResultsSchema.h"
#include "Simulation.h"

#include <QDir>
#include <QJsonArray>
#include <QMap>
#include <QSaveFile>

#include <charconv>
#include <cmath>
#include <optional>
#include <span>

namespace Model {

namespace {

/** A figure; non-finite values (no data) become null, as JSON has no NaN. */
QJsonValue figure(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

/** A count: written as an integer when it is a whole number (a mean over replications may not be). */
QJsonValue count(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15)
        return QJsonValue(static_cast<qint64>(v));
    return figure(v);
}

QJsonValue interval(const Sim::Interval &i)
{
    return QJsonArray{figure(i->first), figure(i->second)};
}

QString kindName(Sim::ComponentKind k)
{
    return QString::fromLatin1(Sim::kindTraits(k).word);
}

/**
 * The rows of a ResultsSchema table that apply (all of them when `kind` is empty), into `o`
 * and the objects nested in it. An interval is written only when it is known, and a nested
 * object only when something went into it.
 */
template<typename Result>
void writeFields(QJsonObject &o,
                 const Result &r,
                 std::span<const ResultsSchema::Field<Result>> fields,
                 std::optional<Sim::ComponentKind> kind)
{
    using ResultsSchema::Form;
    QMap<QString, QJsonObject> nested;
    for (const ResultsSchema::Field<Result> &f : fields) {
        if (kind && !ResultsSchema::applies(f.kinds, *kind))
            continue;
        QJsonValue v;
        switch (f.form) {
        case Form::Count:
            v = count(*ResultsSchema::numberIn(r, f));
            break;
        case Form::Figure:
            v = figure(*ResultsSchema::numberIn(r, f));
            break;
        case Form::Flag:
            v = *ResultsSchema::flagIn(r, f);
            break;
        case Form::Interval: {
            const Sim::Interval &i = *ResultsSchema::intervalIn(r, f);
            if (!i)
                continue;
            v = interval(i);
            break;
        }
        }
        if (f.object)
            nested[QString::fromLatin1(f.object)].insert(QString::fromLatin1(f.key), v);
        else
            o.insert(QString::fromLatin1(f.key), v);
    }
    for (auto it = nested.cbegin(); it != nested.cend(); ++it)
        o.insert(it.key(), it.value());
}

QJsonObject failuresJson(const std::map<std::string, double> &failures)
{
    QJsonObject o;
    for (const auto &[reason, n] : failures)
        o.insert(QString::fromStdString(reason), count(n));
    return o;
}

QJsonObject requestJson(const Sim::RequestResult &r)
{
    QJsonObject o;
    writeFields(o, r, ResultsSchema::requestFields(), std::nullopt);
    o.insert(QStringLiteral("failures"), failuresJson(r.failures));
    // [low ms, high ms, count] per bin, contiguous (docs/cli.md)
    QJsonArray histogram;
    for (const Sim::HistogramBin &b : r.latencyHistogram)
        histogram.append(QJsonArray{figure(b.loMs), figure(b.hiMs), count(b.count)});
    o.insert(QStringLiteral("latency_histogram_ms"), histogram);
    return o;
}

QJsonObject componentJson(const Sim::ComponentResult &c)
{
    // The visit figures every kind has, and those of its kind: Little's law (mean_in_system =
    // throughput x latency) holds for each, as failed visits count in both throughput and
    // latency.
    QJsonObject o;
    o.insert(QStringLiteral("kind"), kindName(c.kind));
    if (!c.failures.empty())
        o.insert(QStringLiteral("failures"), failuresJson(c.failures));
    writeFields(o, c, ResultsSchema::componentFields(), c.kind);
    return o;
}

QJsonObject requestsJson(const std::vector<Sim::RequestResult> &list)
{
    // QJsonObject keeps keys sorted: "_all" comes before any lower-case request name.
    QJsonObject requests;
    for (const Sim::RequestResult &r : list)
        requests.insert(QString::fromStdString(r.name), requestJson(r));
    return requests;
}

QJsonObject componentsJson(const std::vector<Sim::ComponentResult> &list)
{
    QJsonObject components;
    for (const Sim::ComponentResult &c : list)
        components.insert(QString::fromStdString(c.id), componentJson(c));
    return components;
}

/** Each direction of each network link: [{from, to, figures}] (docs/cli.md, "links"). */
QJsonArray linksJson(const std::vector<Sim::LinkResult> &list)
{
    QJsonArray links;
    for (const Sim::LinkResult &l : list) {
        QJsonObject o{{QStringLiteral("from"), QString::fromStdString(l.from)},
                      {QStringLiteral("to"), QString::fromStdString(l.to)}};
        writeFields(o, l, ResultsSchema::linkFields(), std::nullopt);
        links.append(o);
    }
    return links;
}

QJsonArray eventsJson(const std::vector<Sim::RunEvent> &timeline)
{
    QJsonArray events;
    for (const Sim::RunEvent &e : timeline) {
        events.append(
            QJsonObject{{QStringLiteral("t_s"), figure(e.tS)},
                        {QStringLiteral("component"), QString::fromStdString(e.component)},
                        {QStringLiteral("what"), QString::fromStdString(e.what)},
                        {QStringLiteral("detail"), QString::fromStdString(e.detail)}});
    }
    return events;
}

/** Why a run stopped early (docs/cli.md, "stop"). */
QJsonObject stopJson(const Sim::RunStop &stop)
{
    QJsonObject o{{QStringLiteral("reason"),
                   QString::fromLatin1(Sim::runStopReasonName(stop.reason))},
                  {QStringLiteral("t_s"), figure(stop.tS)},
                  {QStringLiteral("verdict"), QString::fromStdString(stop.verdict)},
                  {QStringLiteral("overloaded"), stop.overloaded},
                  {QStringLiteral("needed_mb"), figure(stop.neededMb)},
                  {QStringLiteral("budget_mb"), figure(stop.budgetMb)}};
    if (!stop.component.empty()) {
        o.insert(QStringLiteral("component"), QString::fromStdString(stop.component));
        o.insert(QStringLiteral("waiting"), count(stop.held));
        o.insert(QStringLiteral("arrivals_per_s"), figure(stop.arrivalsPerS));
        o.insert(QStringLiteral("served_per_s"), figure(stop.servedPerS));
    }
    return o;
}

QJsonArray numbers(const std::vector<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(figure(v));
    return a;
}

// --- CSV ----------------------------------------------------------------------------

QByteArray csvNumber(double v)
{
    if (!std::isfinite(v))
        return {};
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QByteArray::number(static_cast<qint64>(v));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QByteArray(buffer, static_cast<qsizetype>(result.ptr - buffer));
}

QByteArray csvText(const std::string &s)
{
    QByteArray b = QByteArray::fromStdString(s);
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r')) {
        b.replace("\"", "\"\"");
        b = '"' + b + '"';
    }
    return b;
}

QByteArray csvRow(const QList<QByteArray> &cells)
{
    QByteArray row;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            row += ',';
        row += cells.at(i);
    }
    return row + '\n';
}

QList<QByteArray> intervalCells(const Sim::Interval &i)
{
    if (!i)
        return {QByteArray(), QByteArray()};
    return {csvNumber(i->first), csvNumber(i->second)};
}

/** The cells of the rows with a CSV column; those of another kind stay empty. */
template<typename Result>
QList<QByteArray> csvCells(const Result &r,
                           std::span<const ResultsSchema::Field<Result>> fields,
                           std::optional<Sim::ComponentKind> kind)
{
    using ResultsSchema::Form;
    QList<QByteArray> cells;
    for (const ResultsSchema::Field<Result> &f : fields) {
        if (!f.csv)
            continue;
        const bool applies = !kind || ResultsSchema::applies(f.kinds, *kind);
        switch (f.form) {
        case Form::Count:
        case Form::Figure:
            cells.append(applies ? csvNumber(*ResultsSchema::numberIn(r, f)) : QByteArray());
            break;
        case Form::Flag:
            cells.append(applies ? QByteArray(*ResultsSchema::flagIn(r, f) ? "true" : "false")
                                 : QByteArray());
            break;
        case Form::Interval:
            cells += applies ? intervalCells(*ResultsSchema::intervalIn(r, f))
                             : QList<QByteArray>{QByteArray(), QByteArray()};
            break;
        }
    }
    return cells;
}

bool writeFile(const QString &fileName, const QByteArray &contents, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()
        || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write '%1': %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QJsonObject resultsToJson(const Sim::RunResult &result)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("archsim-results"));
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("scenario"), QString::fromStdString(result.scenario));
    root.insert(QStringLiteral("simulation"),
                QJsonObject{{QStringLiteral("duration_s"), figure(result.durationS)},
                            {QStringLiteral("warmup_s"), figure(result.warmupS)},
                            {QStringLiteral("seed"),
                             result.seed <= quint64(std::numeric_limits<qint64>::max())
                                 ? QJsonValue(static_cast<qint64>(result.seed))
                                 : QJsonValue(static_cast<double>(result.seed))},
                            {QStringLiteral("replications"), result.replications}});
    root.insert(QStringLiteral("engine"),
                QJsonObject{{QStringLiteral("version"), QString::fromLatin1(Sim::engineVersion())},
                            {QStringLiteral("events"), static_cast<qint64>(result.events)},
                            {QStringLiteral("wall_s"), figure(result.wallS)},
                            {QStringLiteral("events_per_s"), figure(result.eventsPerS)}});
    if (result.cancelled)
        root.insert(QStringLiteral("cancelled"), true);
    if (result.partial())
        root.insert(QStringLiteral("partial"), true);
    if (result.stop.stopped())
        root.insert(QStringLiteral("stop"), stopJson(result.stop));

    root.insert(QStringLiteral("requests"), requestsJson(result.requests));
    root.insert(QStringLiteral("components"), componentsJson(result.components));
    if (!result.links.empty()) // only with a network: results without one are as before
        root.insert(QStringLiteral("links"), linksJson(result.links));

    QJsonObject series;
    series.insert(QStringLiteral("bucket_s"), figure(result.series.bucketS));
    series.insert(QStringLiteral("t_s"), numbers(result.series.tS));
    for (const Sim::SeriesColumn &column : result.series.columns)
        series.insert(QString::fromStdString(column.key), numbers(column.values));
    root.insert(QStringLiteral("series"), series);

    // The timeline of replication 0 (RunResult::timeline), and how many entries it left out.
    root.insert(QStringLiteral("events"), eventsJson(result.timeline));
    root.insert(QStringLiteral("events_dropped"),
                static_cast<qint64>(result.perReplication.empty()
                                        ? 0
                                        : result.perReplication.front().timelineDropped));

    // With several replications, each one's own figures (the top level holds their mean).
    // Their wall-clock times go under "engine", so that everything else is the same for the
    // same scenario and seed.
    if (result.perReplication.size() > 1) {
        QJsonObject engine = root.value(QStringLiteral("engine")).toObject();
        QJsonArray wall;
        for (const Sim::ReplicationResult &r : result.perReplication)
            wall.append(figure(r.wallS));
        engine.insert(QStringLiteral("replication_wall_s"), wall);
        root.insert(QStringLiteral("engine"), engine);

        QJsonArray reps;
        for (const Sim::ReplicationResult &r : result.perReplication) {
            QJsonObject o;
            o.insert(QStringLiteral("replication"), r.replication);
            o.insert(QStringLiteral("events"), static_cast<qint64>(r.events));
            if (r.cancelled)
                o.insert(QStringLiteral("cancelled"), true);
            if (r.stop.stopped())
                o.insert(QStringLiteral("stop"), stopJson(r.stop));
            o.insert(QStringLiteral("requests"), requestsJson(r.requests));
            o.insert(QStringLiteral("components"), componentsJson(r.components));
            if (!r.links.empty())
                o.insert(QStringLiteral("links"), linksJson(r.links));
            reps.append(o);
        }
        root.insert(QStringLiteral("per_replication"), reps);
    }
    return root;
}

bool writeResultsCsv(const Sim::RunResult &result, const QString &directory, QString *error)
{
    const QDir dir(directory);
    if (!dir.exists()) {
        if (error)
            *error = QStringLiteral("the directory '%1' does not exist").arg(directory);
        return false;
    }

    QByteArray requests = csvRow(ResultsSchema::requestCsvHeader());
    for (const Sim::RequestResult &r : result.requests)
        requests += csvRow(QList<QByteArray>{csvText(r.name)}
                           + csvCells(r, ResultsSchema::requestFields(), std::nullopt));

    QByteArray components = csvRow(ResultsSchema::componentCsvHeader());
    for (const Sim::ComponentResult &c : result.components)
        components += csvRow(QList<QByteArray>{csvText(c.id), kindName(c.kind).toUtf8()}
                             + csvCells(c, ResultsSchema::componentFields(), c.kind));

    QByteArray links = csvRow(ResultsSchema::linkCsvHeader());
    for (const Sim::LinkResult &l : result.links)
        links += csvRow(QList<QByteArray>{csvText(l.from), csvText(l.to)}
                        + csvCells(l, ResultsSchema::linkFields(), std::nullopt));
    if (!result.links.empty()
        && !writeFile(dir.filePath(QStringLiteral("links.csv")), links, error))
        return false;

    QByteArray events = csvRow({"t_s", "component", "what", "detail"});
    for (const Sim::RunEvent &e : result.timeline)
        events += csvRow(
            {csvNumber(e.tS), csvText(e.component), csvText(e.what), csvText(e.detail)});

    QList<QByteArray> header{"t_s"};
    for (const Sim::SeriesColumn &column : result.series.columns)
        header.append(csvText(column.key));
    QByteArray series = csvRow(header);
    for (size_t row = 0; row < result.series.tS.size(); ++row) {
        QList<QByteArray> cells{csvNumber(result.series.tS[row])};
        for (const Sim::SeriesColumn &column : result.series.columns)
            cells.append(row < column.values.size() ? csvNumber(column.values[row]) : QByteArray());
        series += csvRow(cells);
    }

    return writeFile(dir.filePath(QStringLiteral("requests.csv")), requests, error)
           && writeFile(dir.filePath(QStringLiteral("components.csv")), components, error)
           && writeFile(dir.filePath(QStringLiteral("series.csv")), series, error)
           && writeFile(dir.filePath(QStringLiteral("events.csv")), events, error);
}

} // namespace Model
