// SPDX-License-Identifier: GPL-3.0-or-later
// resultsToJson and writeResultsCsv: Sim::RunResult -> the results formats of spec/cli.md.
#include "ScenarioIo.h"

#include "KindTraits.h"
#include "Simulation.h"

#include <QDir>
#include <QJsonArray>
#include <QSaveFile>

#include <charconv>
#include <cmath>

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

QJsonObject latencyJson(const Sim::LatencySummary &l)
{
    return QJsonObject{{QStringLiteral("mean"), figure(l.mean)},
                       {QStringLiteral("p50"), figure(l.p50)},
                       {QStringLiteral("p90"), figure(l.p90)},
                       {QStringLiteral("p95"), figure(l.p95)},
                       {QStringLiteral("p99"), figure(l.p99)},
                       {QStringLiteral("p999"), figure(l.p999)},
                       {QStringLiteral("max"), figure(l.max)}};
}

QJsonObject requestJson(const Sim::RequestResult &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("arrived"), count(r.arrived));
    o.insert(QStringLiteral("completed"), count(r.completed));
    o.insert(QStringLiteral("failed"), count(r.failed));
    o.insert(QStringLiteral("throughput_per_s"), figure(r.throughputPerS));
    o.insert(QStringLiteral("latency_ms"), latencyJson(r.latencyMs));
    QJsonObject ci;
    if (r.ciMean)
        ci.insert(QStringLiteral("latency_ms.mean"), interval(r.ciMean));
    if (r.ciP99)
        ci.insert(QStringLiteral("latency_ms.p99"), interval(r.ciP99));
    if (r.ciThroughput)
        ci.insert(QStringLiteral("throughput_per_s"), interval(r.ciThroughput));
    if (!ci.isEmpty())
        o.insert(QStringLiteral("ci95"), ci);
    QJsonObject failures;
    for (const auto &[reason, n] : r.failures)
        failures.insert(QString::fromStdString(reason), count(n));
    o.insert(QStringLiteral("failures"), failures);
    // [low ms, high ms, count] per bin, contiguous (docs/cli.md)
    QJsonArray histogram;
    for (const Sim::HistogramBin &b : r.latencyHistogram)
        histogram.append(QJsonArray{figure(b.loMs), figure(b.hiMs), count(b.count)});
    o.insert(QStringLiteral("latency_histogram_ms"), histogram);
    return o;
}

bool hasUtilization(Sim::ComponentKind k)
{
    return Sim::kindTraits(k).hasUtilization;
}

QJsonObject componentJson(const Sim::ComponentResult &c)
{
    // The visit figures every kind has: Little's law (mean_in_system = throughput x latency)
    // holds for each, as failed visits count in both throughput and latency.
    QJsonObject o;
    o.insert(QStringLiteral("kind"), kindName(c.kind));
    o.insert(QStringLiteral("arrived"), count(c.arrived));
    o.insert(QStringLiteral("completed"), count(c.completed));
    o.insert(QStringLiteral("failed"), count(c.failed));
    o.insert(QStringLiteral("rejected"), count(c.rejected));
    if (!c.failures.empty()) {
        QJsonObject failures;
        for (const auto &[reason, n] : c.failures)
            failures.insert(QString::fromStdString(reason), count(n));
        o.insert(QStringLiteral("failures"), failures);
    }
    o.insert(QStringLiteral("throughput_per_s"), figure(c.throughputPerS));
    o.insert(QStringLiteral("mean_in_system"), figure(c.meanInSystem));
    o.insert(QStringLiteral("mean_waiting"), figure(c.meanWaiting));
    o.insert(QStringLiteral("latency_ms"), latencyJson(c.latencyMs));
    if (hasUtilization(c.kind))
        o.insert(QStringLiteral("utilization"), figure(c.utilization));
    switch (c.kind) {
    case Sim::ComponentKind::Service:
        o.insert(QStringLiteral("replicas"),
                 QJsonObject{{QStringLiteral("min"), count(c.replicasMin)},
                             {QStringLiteral("max"), count(c.replicasMax)},
                             {QStringLiteral("mean"), figure(c.replicasMean)}});
        break;
    case Sim::ComponentKind::Cache:
        o.insert(QStringLiteral("hits"), count(c.hits));
        o.insert(QStringLiteral("misses"), count(c.misses));
        o.insert(QStringLiteral("hit_ratio"), figure(c.hitRatio));
        o.insert(QStringLiteral("evictions"), count(c.evictions));
        o.insert(QStringLiteral("expirations"), count(c.expirations));
        o.insert(QStringLiteral("stampede_misses"), count(c.stampedeMisses));
        o.insert(QStringLiteral("stale_hits"), count(c.staleHits));
        o.insert(QStringLiteral("lock_waits"), count(c.lockWaits));
        break;
    case Sim::ComponentKind::Queue:
        o.insert(QStringLiteral("published"), count(c.published));
        o.insert(QStringLiteral("consumed"), count(c.consumed));
        o.insert(QStringLiteral("dropped"), count(c.dropped));
        o.insert(QStringLiteral("redelivered"), count(c.redelivered));
        o.insert(QStringLiteral("backlog"),
                 QJsonObject{{QStringLiteral("mean"), figure(c.backlogMean)},
                             {QStringLiteral("max"), count(c.backlogMax)},
                             {QStringLiteral("final"), count(c.backlogFinal)}});
        o.insert(QStringLiteral("message_age_ms"), latencyJson(c.messageAgeMs));
        o.insert(QStringLiteral("drain_s"), figure(c.drainS));
        o.insert(QStringLiteral("draining_at_end"), c.drainingAtEnd);
        o.insert(QStringLiteral("drain_since_peak_s"), figure(c.drainSincePeakS));
        break;
    case Sim::ComponentKind::Database:
    case Sim::ComponentKind::LoadBalancer:
    case Sim::ComponentKind::Gateway:
    case Sim::ComponentKind::External: break;
    }
    if (c.ciUtilization)
        o.insert(QStringLiteral("ci95"),
                 QJsonObject{{QStringLiteral("utilization"), interval(c.ciUtilization)}});
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

    root.insert(QStringLiteral("requests"), requestsJson(result.requests));
    root.insert(QStringLiteral("components"), componentsJson(result.components));

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
            o.insert(QStringLiteral("requests"), requestsJson(r.requests));
            o.insert(QStringLiteral("components"), componentsJson(r.components));
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

    QByteArray requests = csvRow({"request", "arrived", "completed", "failed", "throughput_per_s",
                                  "latency_mean_ms", "latency_p50_ms", "latency_p90_ms",
                                  "latency_p95_ms", "latency_p99_ms", "latency_p999_ms",
                                  "latency_max_ms", "ci95_mean_lo_ms", "ci95_mean_hi_ms",
                                  "ci95_p99_lo_ms", "ci95_p99_hi_ms"});
    for (const Sim::RequestResult &r : result.requests) {
        const Sim::LatencySummary &l = r.latencyMs;
        requests += csvRow(QList<QByteArray>{csvText(r.name), csvNumber(r.arrived),
                                             csvNumber(r.completed), csvNumber(r.failed),
                                             csvNumber(r.throughputPerS), csvNumber(l.mean),
                                             csvNumber(l.p50), csvNumber(l.p90), csvNumber(l.p95),
                                             csvNumber(l.p99), csvNumber(l.p999), csvNumber(l.max)}
                           + intervalCells(r.ciMean) + intervalCells(r.ciP99));
    }

    QByteArray components = csvRow({"component", "kind", "arrived", "completed", "failed",
                                    "throughput_per_s", "utilization", "mean_in_system",
                                    "mean_waiting", "rejected", "latency_mean_ms",
                                    "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
                                    "replicas_min", "replicas_max", "replicas_mean", "hits",
                                    "misses", "hit_ratio", "evictions", "expirations",
                                    "stampede_misses", "stale_hits", "lock_waits", "published",
                                    "consumed", "dropped", "redelivered", "backlog_mean",
                                    "backlog_max", "backlog_final", "message_age_mean_ms",
                                    "message_age_p99_ms", "drain_s", "draining_at_end",
                                    "drain_since_peak_s"});
    for (const Sim::ComponentResult &c : result.components) {
        const Sim::LatencySummary &l = c.latencyMs;
        // Columns that do not apply to the kind stay empty (a service has no hit ratio).
        const bool service = c.kind == Sim::ComponentKind::Service;
        const bool cache = c.kind == Sim::ComponentKind::Cache;
        const bool queue = c.kind == Sim::ComponentKind::Queue;
        auto only = [](bool applies, double v) { return applies ? csvNumber(v) : QByteArray(); };
        components += csvRow({csvText(c.id), kindName(c.kind).toUtf8(), csvNumber(c.arrived),
                              csvNumber(c.completed), csvNumber(c.failed),
                              csvNumber(c.throughputPerS),
                              only(hasUtilization(c.kind), c.utilization),
                              csvNumber(c.meanInSystem), csvNumber(c.meanWaiting),
                              csvNumber(c.rejected), csvNumber(l.mean), csvNumber(l.p50),
                              csvNumber(l.p95), csvNumber(l.p99), only(service, c.replicasMin),
                              only(service, c.replicasMax), only(service, c.replicasMean),
                              only(cache, c.hits), only(cache, c.misses), only(cache, c.hitRatio),
                              only(cache, c.evictions), only(cache, c.expirations),
                              only(cache, c.stampedeMisses), only(cache, c.staleHits),
                              only(cache, c.lockWaits), only(queue, c.published),
                              only(queue, c.consumed), only(queue, c.dropped),
                              only(queue, c.redelivered), only(queue, c.backlogMean),
                              only(queue, c.backlogMax), only(queue, c.backlogFinal),
                              only(queue, c.messageAgeMs.mean), only(queue, c.messageAgeMs.p99),
                              only(queue, c.drainS),
                              queue ? QByteArray(c.drainingAtEnd ? "true" : "false") : QByteArray(),
                              only(queue, c.drainSincePeakS)});
    }

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
