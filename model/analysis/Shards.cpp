// SPDX-License-Identifier: GPL-3.0-or-later
// Parts of sharded runs and comparisons: running a part, its JSON with every replication in
// full, and merging the parts back into what one unsharded run writes (Shards.h).
#include "Shards.h"

#include "Histogram.h"
#include "KindTraits.h"
#include "ResultsSchema.h"
#include "ScenarioIo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <cmath>
#include <limits>
#include <span>

namespace Model {

namespace {

constexpr int kPartVersion = 1;
const char kRunFormat[] = "archsim-run-part";
const char kCompareFormat[] = "archsim-compare-part";

// --- numbers that read back bit for bit ---------------------------------------------------

/** A double as JSON: a number when finite (and not −0), else "nan", "inf", "-inf" or "-0". */
QJsonValue exact(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (v == 0 && std::signbit(v))
        return QStringLiteral("-0"); // Qt writes −0 as 0
    return v;
}

QJsonArray exactArray(const std::vector<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(exact(v));
    return a;
}

/** Reads part JSON and keeps the first problem with its path (as runResultFromJson). */
class Reader
{
public:
    QString error;

    bool ok() const { return error.isEmpty(); }

    void fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = path + QStringLiteral(": ") + message;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path + QLatin1Char('.') + key;
    }

    static QString at(const QString &path, qsizetype i)
    {
        return QStringLiteral("%1[%2]").arg(path).arg(i);
    }

    /** A number of exact(); nothing (and a problem) for anything else. */
    std::optional<double> number(const QJsonValue &v, const QString &path)
    {
        if (v.isDouble())
            return v.toDouble();
        if (v.isString()) {
            const QString s = v.toString();
            if (s == QLatin1String("nan"))
                return std::numeric_limits<double>::quiet_NaN();
            if (s == QLatin1String("inf"))
                return std::numeric_limits<double>::infinity();
            if (s == QLatin1String("-inf"))
                return -std::numeric_limits<double>::infinity();
            if (s == QLatin1String("-0"))
                return -0.0;
        }
        fail(path, QStringLiteral("must be a number (or \"nan\", \"inf\", \"-inf\", \"-0\")"));
        return std::nullopt;
    }

    double number(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            fail(join(path, key), QStringLiteral("is missing"));
            return 0;
        }
        return number(v, join(path, key)).value_or(0);
    }

    /** A whole number from `min` to `max`. */
    qint64 integer(const QJsonObject &o,
                   const QString &key,
                   const QString &path,
                   qint64 min,
                   qint64 max = std::numeric_limits<qint64>::max())
    {
        const QJsonValue v = o.value(key);
        const qint64 none = std::numeric_limits<qint64>::min();
        const qint64 i = v.isDouble() ? v.toInteger(none) : none;
        if (i == none || i < min || i > max) {
            fail(join(path, key),
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be a whole number from %1").arg(min));
            return min;
        }
        return i;
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString())
            fail(join(path, key),
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be a string"));
        return v.toString();
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (!v.isBool())
            fail(join(path, key),
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be true or false"));
        return v.toBool();
    }

    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject())
            fail(path,
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be an object"));
        return v.toObject();
    }

    QJsonArray array(const QJsonValue &v, const QString &path)
    {
        if (!v.isArray())
            fail(path,
                 v.isUndefined() ? QStringLiteral("is missing")
                                 : QStringLiteral("must be an array"));
        return v.toArray();
    }

    std::vector<double> numbers(const QJsonValue &v, const QString &path)
    {
        std::vector<double> out;
        const QJsonArray a = array(v, path);
        out.reserve(static_cast<std::size_t>(a.size()));
        for (qsizetype i = 0; i < a.size() && ok(); ++i)
            out.push_back(number(a.at(i), at(path, i)).value_or(0));
        return out;
    }

    std::map<std::string, double> failures(const QJsonObject &o, const QString &path)
    {
        std::map<std::string, double> out;
        const QString p = join(path, QStringLiteral("failures"));
        const QJsonObject list = object(o.value(QStringLiteral("failures")), p);
        for (auto it = list.constBegin(); it != list.constEnd() && ok(); ++it)
            out[it.key().toStdString()] = number(it.value(), join(p, it.key())).value_or(0);
        return out;
    }
};

// --- a replication --------------------------------------------------------------------

/** The key of a ResultsSchema row in a part: "latency_ms.p99", "ci95.latency_ms.p99". */
template<typename Result>
QString fieldKey(const ResultsSchema::Field<Result> &f)
{
    return f.object ? QString::fromLatin1(f.object) + QLatin1Char('.') + QString::fromLatin1(f.key)
                    : QString::fromLatin1(f.key);
}

/** Every row of a ResultsSchema table, whatever the kind; an interval only when known. */
template<typename Result>
void writeFields(QJsonObject &o,
                 const Result &r,
                 std::span<const ResultsSchema::Field<Result>> table)
{
    using ResultsSchema::Form;
    for (const ResultsSchema::Field<Result> &f : table) {
        switch (f.form) {
        case Form::Count:
        case Form::Figure:
            o.insert(fieldKey(f), exact(*ResultsSchema::numberIn(r, f)));
            break;
        case Form::Flag:
            o.insert(fieldKey(f), *ResultsSchema::flagIn(r, f));
            break;
        case Form::Interval:
            if (const Sim::Interval &i = *ResultsSchema::intervalIn(r, f))
                o.insert(fieldKey(f), QJsonArray{exact(i->first), exact(i->second)});
            break;
        }
    }
}

template<typename Result>
void readFields(Reader &rd,
                const QJsonObject &o,
                const QString &path,
                std::span<const ResultsSchema::Field<Result>> table,
                Result *out)
{
    using ResultsSchema::Form;
    for (const ResultsSchema::Field<Result> &f : table) {
        const QString key = fieldKey(f);
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            continue; // written by an ArchSim without this figure: its default
        const QString p = Reader::join(path, key);
        switch (f.form) {
        case Form::Count:
        case Form::Figure:
            *ResultsSchema::numberIn(*out, f) = rd.number(v, p).value_or(0);
            break;
        case Form::Flag:
            if (!v.isBool())
                rd.fail(p, QStringLiteral("must be true or false"));
            *ResultsSchema::flagIn(*out, f) = v.toBool();
            break;
        case Form::Interval: {
            const QJsonArray a = rd.array(v, p);
            if (rd.ok() && a.size() != 2)
                rd.fail(p, QStringLiteral("must be an array [low, high]"));
            if (!rd.ok())
                break;
            const double lo = rd.number(a.at(0), Reader::at(p, 0)).value_or(0);
            const double hi = rd.number(a.at(1), Reader::at(p, 1)).value_or(0);
            *ResultsSchema::intervalIn(*out, f) = std::make_pair(lo, hi);
            break;
        }
        }
    }
}

QJsonObject failuresJson(const std::map<std::string, double> &failures)
{
    QJsonObject o;
    for (const auto &[reason, n] : failures)
        o.insert(QString::fromStdString(reason), exact(n));
    return o;
}

QJsonObject requestJson(const Sim::RequestResult &r)
{
    QJsonObject o{{QStringLiteral("name"), QString::fromStdString(r.name)}};
    writeFields(o, r, ResultsSchema::requestFields());
    o.insert(QStringLiteral("failures"), failuresJson(r.failures));
    QJsonArray bins;
    for (const Sim::HistogramBin &b : r.latencyHistogram)
        bins.append(QJsonArray{exact(b.loMs), exact(b.hiMs), exact(b.count)});
    o.insert(QStringLiteral("latency_histogram_ms"), bins);
    return o;
}

QJsonObject componentJson(const Sim::ComponentResult &c)
{
    QJsonObject o{{QStringLiteral("id"), QString::fromStdString(c.id)},
                  {QStringLiteral("kind"), QString::fromLatin1(Sim::kindTraits(c.kind).word)}};
    writeFields(o, c, ResultsSchema::componentFields());
    o.insert(QStringLiteral("failures"), failuresJson(c.failures));
    return o;
}

Sim::RequestResult readRequest(Reader &rd, const QJsonValue &v, const QString &path)
{
    Sim::RequestResult r;
    const QJsonObject o = rd.object(v, path);
    if (!rd.ok())
        return r;
    r.name = rd.string(o, QStringLiteral("name"), path).toStdString();
    readFields(rd, o, path, ResultsSchema::requestFields(), &r);
    r.failures = rd.failures(o, path);
    const QString p = Reader::join(path, QStringLiteral("latency_histogram_ms"));
    const QJsonArray bins = rd.array(o.value(QStringLiteral("latency_histogram_ms")), p);
    for (qsizetype i = 0; i < bins.size() && rd.ok(); ++i) {
        const QJsonArray bin = rd.array(bins.at(i), Reader::at(p, i));
        if (rd.ok() && bin.size() != 3)
            rd.fail(Reader::at(p, i), QStringLiteral("must be an array [low_ms, high_ms, count]"));
        if (!rd.ok())
            break;
        Sim::HistogramBin b;
        b.loMs = rd.number(bin.at(0), Reader::at(Reader::at(p, i), 0)).value_or(0);
        b.hiMs = rd.number(bin.at(1), Reader::at(Reader::at(p, i), 1)).value_or(0);
        b.count = rd.number(bin.at(2), Reader::at(Reader::at(p, i), 2)).value_or(0);
        r.latencyHistogram.push_back(b);
    }
    return r;
}

Sim::ComponentResult readComponent(Reader &rd, const QJsonValue &v, const QString &path)
{
    Sim::ComponentResult c;
    const QJsonObject o = rd.object(v, path);
    if (!rd.ok())
        return c;
    c.id = rd.string(o, QStringLiteral("id"), path).toStdString();
    const QString kind = rd.string(o, QStringLiteral("kind"), path);
    if (!rd.ok())
        return c;
    if (const auto k = Sim::componentKindFromWord(kind.toStdString())) {
        c.kind = *k;
    } else {
        rd.fail(Reader::join(path, QStringLiteral("kind")),
                QStringLiteral("'%1' is not a component kind this ArchSim knows").arg(kind));
        return c;
    }
    readFields(rd, o, path, ResultsSchema::componentFields(), &c);
    c.failures = rd.failures(o, path);
    return c;
}

std::optional<Sim::ReplicationResult> readReplication(Reader &rd,
                                                      const QJsonValue &json,
                                                      const QString &path)
{
    Sim::ReplicationResult r;
    const QJsonObject o = rd.object(json, path);
    if (!rd.ok())
        return std::nullopt;
    r.replication = static_cast<int>(
        rd.integer(o, QStringLiteral("replication"), path, 0, std::numeric_limits<int>::max()));
    r.events = static_cast<std::uint64_t>(rd.integer(o, QStringLiteral("events"), path, 0));
    r.wallS = rd.number(o, QStringLiteral("wall_s"), path);
    r.cancelled = rd.boolean(o, QStringLiteral("cancelled"), path);
    const QString requestsPath = Reader::join(path, QStringLiteral("requests"));
    const QJsonArray requests = rd.array(o.value(QStringLiteral("requests")), requestsPath);
    for (qsizetype i = 0; i < requests.size() && rd.ok(); ++i)
        r.requests.push_back(readRequest(rd, requests.at(i), Reader::at(requestsPath, i)));
    const QString componentsPath = Reader::join(path, QStringLiteral("components"));
    const QJsonArray components = rd.array(o.value(QStringLiteral("components")), componentsPath);
    for (qsizetype i = 0; i < components.size() && rd.ok(); ++i)
        r.components.push_back(readComponent(rd, components.at(i), Reader::at(componentsPath, i)));

    const QString seriesPath = Reader::join(path, QStringLiteral("series"));
    const QJsonObject series = rd.object(o.value(QStringLiteral("series")), seriesPath);
    if (rd.ok()) {
        r.series.bucketS = rd.number(series, QStringLiteral("bucket_s"), seriesPath);
        r.series.tS = rd.numbers(series.value(QStringLiteral("t_s")),
                                 Reader::join(seriesPath, QStringLiteral("t_s")));
        const QString columnsPath = Reader::join(seriesPath, QStringLiteral("columns"));
        const QJsonArray columns = rd.array(series.value(QStringLiteral("columns")), columnsPath);
        for (qsizetype i = 0; i < columns.size() && rd.ok(); ++i) {
            const QString p = Reader::at(columnsPath, i);
            const QJsonObject c = rd.object(columns.at(i), p);
            if (!rd.ok())
                break;
            Sim::SeriesColumn column;
            column.key = rd.string(c, QStringLiteral("key"), p).toStdString();
            column.values = rd.numbers(c.value(QStringLiteral("values")),
                                       Reader::join(p, QStringLiteral("values")));
            r.series.columns.push_back(std::move(column));
        }
    }

    const QString eventsPath = Reader::join(path, QStringLiteral("timeline"));
    const QJsonArray events = rd.array(o.value(QStringLiteral("timeline")), eventsPath);
    for (qsizetype i = 0; i < events.size() && rd.ok(); ++i) {
        const QString p = Reader::at(eventsPath, i);
        const QJsonObject e = rd.object(events.at(i), p);
        if (!rd.ok())
            break;
        Sim::RunEvent event;
        event.tS = rd.number(e, QStringLiteral("t_s"), p);
        event.component = rd.string(e, QStringLiteral("component"), p).toStdString();
        event.what = rd.string(e, QStringLiteral("what"), p).toStdString();
        event.detail = rd.string(e, QStringLiteral("detail"), p).toStdString();
        r.timeline.push_back(std::move(event));
    }
    r.timelineDropped = static_cast<std::uint64_t>(
        rd.integer(o, QStringLiteral("timeline_dropped"), path, 0));
    if (!rd.ok())
        return std::nullopt;
    return r;
}

/**
 * Why replication `r` cannot be aggregated with the others of `spec` (empty when it can):
 * Sim::aggregateReplications indexes the replications' requests, components, series columns
 * and histogram bins alike, so a damaged part must not reach it. `reference` is another
 * replication of the same run, whose series columns it must share.
 */
QString unfit(const Sim::Spec &spec,
              const Sim::ReplicationResult &r,
              const Sim::ReplicationResult *reference)
{
    if (r.requests.size() != spec.workload.requests.size() + 1)
        return QStringLiteral("it has %1 request type(s) where the scenario has %2 (and \"_all\")")
            .arg(r.requests.size())
            .arg(spec.workload.requests.size());
    for (std::size_t i = 0; i < r.requests.size(); ++i) {
        const std::string expected = i == 0 ? std::string("_all")
                                            : spec.workload.requests[i - 1].name;
        if (r.requests[i].name != expected)
            return QStringLiteral("request %1 is '%2' where the scenario has '%3'")
                .arg(i)
                .arg(QString::fromStdString(r.requests[i].name), QString::fromStdString(expected));
        // the bins must lie on the histogram grid in order (Sim::Histogram::coarseIndexOf)
        int last = -1;
        for (const Sim::HistogramBin &b : r.requests[i].latencyHistogram) {
            if (!(b.loMs >= 0 && b.loMs < 9e12))
                return QStringLiteral("request '%1' has a histogram bin at %2 ms")
                    .arg(QString::fromStdString(r.requests[i].name))
                    .arg(b.loMs);
            const int index = Sim::Histogram::coarseIndexOf(
                static_cast<std::uint64_t>(std::llround(b.loMs * 1e6)));
            if (index <= last)
                return QStringLiteral("request '%1' has histogram bins out of order")
                    .arg(QString::fromStdString(r.requests[i].name));
            last = index;
        }
    }
    if (r.components.size() != spec.components.size())
        return QStringLiteral("it has %1 component(s) where the scenario has %2")
            .arg(r.components.size())
            .arg(spec.components.size());
    for (std::size_t i = 0; i < r.components.size(); ++i) {
        if (r.components[i].id != spec.components[i].id
            || r.components[i].kind != spec.components[i].kind)
            return QStringLiteral("component %1 is '%2' where the scenario has '%3'")
                .arg(i)
                .arg(QString::fromStdString(r.components[i].id),
                     QString::fromStdString(spec.components[i].id));
    }
    for (const Sim::SeriesColumn &c : r.series.columns) {
        if (c.values.size() != r.series.tS.size())
            return QStringLiteral("its series column '%1' has %2 values for %3 buckets")
                .arg(QString::fromStdString(c.key))
                .arg(c.values.size())
                .arg(r.series.tS.size());
    }
    if (reference) {
        bool same = r.series.columns.size() == reference->series.columns.size();
        for (std::size_t k = 0; same && k < r.series.columns.size(); ++k)
            same = r.series.columns[k].key == reference->series.columns[k].key;
        if (!same)
            return QStringLiteral("its series has other columns than replication %1's")
                .arg(reference->replication);
    }
    if (r.cancelled)
        return QStringLiteral("it was cancelled; run the part again");
    return {};
}

// --- parts ----------------------------------------------------------------------------

QJsonObject partHeader(const char *format, const Shard &shard, double wallS)
{
    return QJsonObject{{QStringLiteral("format"), QString::fromLatin1(format)},
                       {QStringLiteral("version"), kPartVersion},
                       {QStringLiteral("engine"), QString::fromLatin1(Sim::engineVersion())},
                       {QStringLiteral("shard"),
                        QJsonObject{{QStringLiteral("index"), shard.index + 1},
                                    {QStringLiteral("count"), shard.count}}},
                       {QStringLiteral("wall_s"), wallS}};
}

QJsonObject scenarioJson(const Scenario &scenario)
{
    return QJsonDocument::fromJson(serializeScenario(scenario)).object();
}

QJsonArray replicationsJson(const std::vector<Sim::ReplicationResult> &replications)
{
    QJsonArray a;
    for (const Sim::ReplicationResult &r : replications)
        a.append(replicationToJson(r));
    return a;
}

/** What every part has: its place in the split, the ArchSim that wrote it, its wall time. */
struct Header
{
    QString source;
    Shard shard; ///< index from 0
    QString engine;
    double wallS = 0;
};

/** The parts of one split: each once, all there (the sweep's merge says it the same way). */
class Split
{
public:
    QString error;

    bool add(const QString &source, const QJsonObject &json, const char *format, Header *out)
    {
        auto fail = [&](const QString &why) {
            error = why;
            return false;
        };
        if (json.value(QStringLiteral("format")).toString() != QLatin1String(format))
            return fail(QStringLiteral("%1 is not a part of the same kind (its \"format\" is not "
                                       "\"%2\")")
                            .arg(source, QLatin1String(format)));
        const QJsonValue version = json.value(QStringLiteral("version"));
        if (version.toInteger(-1) != kPartVersion)
            return fail(
                version.isDouble() && version.toDouble() > kPartVersion
                    ? QStringLiteral("%1 was written by a newer ArchSim (part version %2; "
                                     "this one reads version %3)")
                          .arg(source)
                          .arg(version.toDouble())
                          .arg(kPartVersion)
                    : QStringLiteral("%1: $.version must be %2").arg(source).arg(kPartVersion));
        Reader rd;
        const QJsonObject shard = rd.object(json.value(QStringLiteral("shard")),
                                            QStringLiteral("$.shard"));
        const int count = rd.ok() ? static_cast<int>(rd.integer(shard,
                                                                QStringLiteral("count"),
                                                                QStringLiteral("$.shard"),
                                                                1,
                                                                kMaxParts))
                                  : 1;
        const int index
            = rd.ok() ? static_cast<int>(
                  rd.integer(shard, QStringLiteral("index"), QStringLiteral("$.shard"), 1, count))
                      : 1;
        out->source = source;
        out->shard = {index - 1, count};
        out->engine = rd.string(json, QStringLiteral("engine"), QStringLiteral("$"));
        out->wallS = rd.number(json, QStringLiteral("wall_s"), QStringLiteral("$"));
        if (!rd.ok())
            return fail(QStringLiteral("%1: %2").arg(source, rd.error));
        if (!m_parts.isEmpty()) {
            const Header &first = m_parts.first();
            if (count != first.shard.count)
                return fail(QStringLiteral("%1 is part %2/%3 but %4 is part %5/%6: parts of "
                                           "different splits")
                                .arg(source)
                                .arg(index)
                                .arg(count)
                                .arg(first.source)
                                .arg(first.shard.index + 1)
                                .arg(first.shard.count));
            if (out->engine != first.engine)
                return fail(QStringLiteral("%1 was written by ArchSim %2 but %3 by %4: run every "
                                           "part with the same ArchSim")
                                .arg(source, out->engine, first.source, first.engine));
        }
        for (const Header &h : std::as_const(m_parts)) {
            if (h.shard.index == out->shard.index)
                return fail(QStringLiteral("shard %1/%2 is given twice (%3 and %4)")
                                .arg(index)
                                .arg(count)
                                .arg(h.source, source));
        }
        m_parts.append(*out);
        return true;
    }

    /** After the last part: every part 1..N there. */
    bool complete()
    {
        if (m_parts.isEmpty()) {
            error = QStringLiteral("nothing to merge");
            return false;
        }
        const int count = m_parts.first().shard.count;
        QStringList missing;
        for (int i = 0; i < count; ++i) {
            bool seen = false;
            for (const Header &h : std::as_const(m_parts))
                seen = seen || h.shard.index == i;
            if (!seen)
                missing << QStringLiteral("%1/%2").arg(i + 1).arg(count);
        }
        if (!missing.isEmpty()) {
            error = QStringLiteral("shard(s) %1 missing").arg(missing.join(QStringLiteral(", ")));
            return false;
        }
        return true;
    }

    double wallS() const
    {
        double sum = 0;
        for (const Header &h : m_parts)
            sum += h.wallS;
        return sum;
    }

    static constexpr int kMaxParts = 100000;

private:
    QList<Header> m_parts;
};

/** The scenario of a part: read and compiled, or a sentence naming the file. */
std::optional<std::pair<Scenario, Sim::Spec>> compilePartScenario(const QString &source,
                                                                  const QString &what,
                                                                  const QJsonValue &json,
                                                                  QString *error)
{
    if (!json.isObject()) {
        *error = QStringLiteral("%1: %2 must be the scenario's JSON object").arg(source, what);
        return std::nullopt;
    }
    const ScenarioLoad load = parseScenario(QJsonDocument(json.toObject()).toJson());
    if (!load.ok()) {
        QString first;
        for (const Problem &p : load.problems) {
            if (p.isError()) {
                first = p.toString();
                break;
            }
        }
        *error
            = QStringLiteral("%1: the scenario in %2 cannot be read: %3").arg(source, what, first);
        return std::nullopt;
    }
    const CompiledScenario compiled = compileScenario(*load.scenario);
    if (!compiled.ok()) {
        QString first;
        for (const Problem &p : compiled.problems) {
            if (p.isError()) {
                first = p.toString();
                break;
            }
        }
        *error = QStringLiteral("%1: the scenario in %2 does not compile: %3")
                     .arg(source, what, first);
        return std::nullopt;
    }
    if (!Sim::checkSpec(compiled.spec).empty()) {
        *error = QStringLiteral("%1: the scenario in %2 cannot run").arg(source, what);
        return std::nullopt;
    }
    return std::make_pair(*load.scenario, compiled.spec);
}

/**
 * The replications of one part (`json`, an array at `path` in `source`): exactly those
 * `shard` runs of `replications`, each fit for aggregating with the run of `spec`. They go
 * into `into` at their indices.
 */
bool readPartReplications(const QString &source,
                          const QJsonValue &json,
                          const QString &path,
                          const Sim::Spec &spec,
                          const Shard &shard,
                          int replications,
                          std::vector<std::optional<Sim::ReplicationResult>> &into,
                          QString *error)
{
    Reader rd;
    const QJsonArray list = rd.array(json, path);
    if (!rd.ok()) {
        *error = QStringLiteral("%1: %2").arg(source, rd.error);
        return false;
    }
    const std::vector<int> expected = shardReplications(replications, shard);
    if (list.size() != static_cast<qsizetype>(expected.size())) {
        *error = QStringLiteral("%1: %2 holds %3 replication(s); part %4/%5 of %6 has %7")
                     .arg(source, path)
                     .arg(list.size())
                     .arg(shard.index + 1)
                     .arg(shard.count)
                     .arg(replications)
                     .arg(expected.size());
        return false;
    }
    const Sim::ReplicationResult *reference = nullptr;
    for (const std::optional<Sim::ReplicationResult> &r : into) {
        if (r) {
            reference = &*r;
            break;
        }
    }
    for (std::size_t k = 0; k < expected.size(); ++k) {
        const QString at = Reader::at(path, static_cast<qsizetype>(k));
        std::optional<Sim::ReplicationResult> r = readReplication(rd, list.at(qsizetype(k)), at);
        if (!r) {
            *error = QStringLiteral("%1: %2").arg(source, rd.error);
            return false;
        }
        if (r->replication != expected[k]) {
            *error = QStringLiteral("%1: %2 is replication %3; part %4/%5 has %6 there")
                         .arg(source, at)
                         .arg(r->replication)
                         .arg(shard.index + 1)
                         .arg(shard.count)
                         .arg(expected[k]);
            return false;
        }
        const QString why = unfit(spec, *r, reference);
        if (!why.isEmpty()) {
            *error = QStringLiteral("%1: %2 (replication %3) does not fit the scenario: %4")
                         .arg(source, at)
                         .arg(r->replication)
                         .arg(why);
            return false;
        }
        into[static_cast<std::size_t>(expected[k])] = std::move(*r);
        if (!reference)
            reference = &*into[static_cast<std::size_t>(expected[k])];
    }
    return true;
}

/** Every part's replications were read (the split is complete): them in order. */
std::vector<Sim::ReplicationResult> inOrder(
    std::vector<std::optional<Sim::ReplicationResult>> &list)
{
    std::vector<Sim::ReplicationResult> out;
    out.reserve(list.size());
    for (std::optional<Sim::ReplicationResult> &r : list)
        out.push_back(std::move(r).value_or(Sim::ReplicationResult{}));
    return out;
}

QString kindWord(PartKind kind)
{
    switch (kind) {
    case PartKind::Sweep:
        return QStringLiteral("sweep");
    case PartKind::Run:
        return QStringLiteral("run");
    case PartKind::Comparison:
        return QStringLiteral("comparison");
    }
    return {};
}

/** "seed 7" when two scenario JSONs differ in their seed, else "". */
QString seedDifference(const QJsonObject &a, const QJsonObject &b)
{
    const QJsonValue sa
        = a.value(QStringLiteral("simulation")).toObject().value(QStringLiteral("seed"));
    const QJsonValue sb
        = b.value(QStringLiteral("simulation")).toObject().value(QStringLiteral("seed"));
    if (sa == sb)
        return {};
    auto text = [](const QJsonValue &v) {
        return v.isUndefined() ? QStringLiteral("the default seed")
                               : QStringLiteral("seed %1").arg(v.toVariant().toString());
    };
    return text(sa) + QStringLiteral("|") + text(sb);
}

} // namespace

std::optional<Shard> parseShard(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    bool okI = false, okN = false;
    const int index = parts.size() == 2 ? parts[0].trimmed().toInt(&okI) : 0;
    const int count = parts.size() == 2 ? parts[1].trimmed().toInt(&okN) : 0;
    if (!okI || !okN || count < 1 || index < 1 || index > count) {
        if (error)
            *error = QStringLiteral("%1: expected I/N with 1 <= I <= N, e.g. 2/8").arg(text);
        return std::nullopt;
    }
    return Shard{index - 1, count};
}

std::vector<int> shardReplications(int replications, const Shard &shard)
{
    std::vector<int> out;
    if (shard.count < 1 || shard.index < 0)
        return out;
    for (int r = shard.index; r < replications; r += shard.count)
        out.push_back(r);
    return out;
}

QJsonObject replicationToJson(const Sim::ReplicationResult &r)
{
    QJsonArray requests;
    for (const Sim::RequestResult &q : r.requests)
        requests.append(requestJson(q));
    QJsonArray components;
    for (const Sim::ComponentResult &c : r.components)
        components.append(componentJson(c));
    QJsonArray columns;
    for (const Sim::SeriesColumn &c : r.series.columns)
        columns.append(QJsonObject{{QStringLiteral("key"), QString::fromStdString(c.key)},
                                   {QStringLiteral("values"), exactArray(c.values)}});
    QJsonArray events;
    for (const Sim::RunEvent &e : r.timeline)
        events.append(
            QJsonObject{{QStringLiteral("t_s"), exact(e.tS)},
                        {QStringLiteral("component"), QString::fromStdString(e.component)},
                        {QStringLiteral("what"), QString::fromStdString(e.what)},
                        {QStringLiteral("detail"), QString::fromStdString(e.detail)}});
    return QJsonObject{
        {QStringLiteral("replication"), r.replication},
        {QStringLiteral("events"),
         static_cast<qint64>(
             std::min<std::uint64_t>(r.events, std::numeric_limits<qint64>::max()))},
        {QStringLiteral("wall_s"), exact(r.wallS)},
        {QStringLiteral("cancelled"), r.cancelled},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("components"), components},
        {QStringLiteral("series"),
         QJsonObject{{QStringLiteral("bucket_s"), exact(r.series.bucketS)},
                     {QStringLiteral("t_s"), exactArray(r.series.tS)},
                     {QStringLiteral("columns"), columns}}},
        {QStringLiteral("timeline"), events},
        {QStringLiteral("timeline_dropped"),
         static_cast<qint64>(
             std::min<std::uint64_t>(r.timelineDropped, std::numeric_limits<qint64>::max()))},
    };
}

std::optional<Sim::ReplicationResult> replicationFromJson(const QJsonValue &json,
                                                          const QString &path,
                                                          QString *error)
{
    Reader rd;
    std::optional<Sim::ReplicationResult> r = readReplication(rd, json, path);
    if (error)
        *error = rd.error;
    return r;
}

RunPart runRunPart(const Scenario &scenario,
                   const Sim::Spec &spec,
                   const Shard &shard,
                   const Sim::RunOptions &options)
{
    const auto start = std::chrono::steady_clock::now();
    RunPart part;
    part.shard = shard;
    part.scenario = scenario;
    std::vector<Sim::ReplicationTask> tasks;
    for (int r : shardReplications(std::max(1, spec.replications), shard))
        tasks.push_back({&spec, r});
    part.replications = Sim::runReplications(tasks, options);
    for (const Sim::ReplicationResult &r : part.replications)
        part.cancelled = part.cancelled || r.cancelled;
    part.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return part;
}

QJsonObject runPartToJson(const RunPart &part)
{
    QJsonObject json = partHeader(kRunFormat, part.shard, part.wallS);
    json.insert(QStringLiteral("scenario"), scenarioJson(part.scenario));
    json.insert(QStringLiteral("replications"), replicationsJson(part.replications));
    return json;
}

std::optional<MergedRun> mergeRunParts(const QList<QPair<QString, QJsonObject>> &parts,
                                       QString *error)
{
    QString why;
    auto fail = [&](const QString &message) -> std::optional<MergedRun> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    Split split;
    std::optional<std::pair<Scenario, Sim::Spec>> compiled;
    QJsonObject firstScenario;
    QString firstSource;
    std::vector<std::optional<Sim::ReplicationResult>> replications;
    for (const auto &[source, json] : parts) {
        Header header;
        if (!split.add(source, json, kRunFormat, &header))
            return fail(split.error);
        const QJsonValue scenario = json.value(QStringLiteral("scenario"));
        if (!compiled) {
            compiled = compilePartScenario(source, QStringLiteral("$.scenario"), scenario, &why);
            if (!compiled)
                return fail(why);
            firstScenario = scenario.toObject();
            firstSource = source;
            const int count = std::max(1, compiled->second.replications);
            if (count < header.shard.count)
                return fail(QStringLiteral("%1: a run of %2 replication(s) cannot have %3 parts")
                                .arg(source)
                                .arg(count)
                                .arg(header.shard.count));
            replications.resize(static_cast<std::size_t>(count));
        } else if (scenario != QJsonValue(firstScenario)) {
            const QString seeds = seedDifference(scenario.toObject(), firstScenario);
            if (!seeds.isEmpty())
                return fail(QStringLiteral("%1 ran %2 but %3 ran %4: parts of different runs")
                                .arg(source,
                                     seeds.section(QLatin1Char('|'), 0, 0),
                                     firstSource,
                                     seeds.section(QLatin1Char('|'), 1, 1)));
            return fail(QStringLiteral("%1 is a part of another run than %2: their scenarios "
                                       "differ")
                            .arg(source, firstSource));
        }
        if (!readPartReplications(source,
                                  json.value(QStringLiteral("replications")),
                                  QStringLiteral("$.replications"),
                                  compiled->second,
                                  header.shard,
                                  static_cast<int>(replications.size()),
                                  replications,
                                  &why))
            return fail(why);
    }
    if (!split.complete())
        return fail(split.error);
    MergedRun out;
    out.scenario = compiled->first;
    out.result = Sim::aggregateReplications(compiled->second, inOrder(replications));
    out.result.wallS = split.wallS();
    out.result.eventsPerS = out.result.wallS > 0
                                ? static_cast<double>(out.result.events) / out.result.wallS
                                : 0;
    return out;
}

std::optional<ComparisonPart> runComparisonPart(const std::vector<CompareAlternative> &alternatives,
                                                const CompareOptions &options,
                                                const Shard &shard,
                                                Problems *problems)
{
    const auto start = std::chrono::steady_clock::now();
    std::optional<ComparePlan> plan = planComparison(alternatives, options, problems);
    if (!plan)
        return std::nullopt;
    const std::vector<int> mine = shardReplications(plan->replications, shard);
    std::vector<Sim::ReplicationTask> tasks;
    for (const Sim::Spec &spec : plan->specs) {
        for (int r : mine)
            tasks.push_back({&spec, r});
    }
    Sim::RunOptions run;
    run.threads = options.threads;
    run.cancel = options.cancel;
    run.observer = options.observer;
    std::vector<Sim::ReplicationResult> results = Sim::runReplications(tasks, run);
    ComparisonPart part;
    part.shard = shard;
    for (std::size_t a = 0; a < plan->specs.size(); ++a) {
        const auto begin = results.begin() + static_cast<long>(a * mine.size());
        part.replications.emplace_back(std::make_move_iterator(begin),
                                       std::make_move_iterator(begin + long(mine.size())));
        for (const Sim::ReplicationResult &r : part.replications.back())
            part.cancelled = part.cancelled || r.cancelled;
    }
    part.plan = std::move(*plan);
    part.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return part;
}

QJsonObject comparisonPartToJson(const ComparisonPart &part)
{
    QJsonObject json = partHeader(kCompareFormat, part.shard, part.wallS);
    json.insert(QStringLiteral("replications"), part.plan.replications);
    json.insert(QStringLiteral("crn"), part.plan.crn);
    json.insert(QStringLiteral("seed"), QString::number(part.plan.seed));
    QJsonArray alternatives;
    for (std::size_t a = 0; a < part.plan.names.size(); ++a) {
        alternatives.append(
            QJsonObject{{QStringLiteral("name"), part.plan.names[a]},
                        {QStringLiteral("scenario"), scenarioJson(part.plan.scenarios[a])},
                        {QStringLiteral("replications"),
                         a < part.replications.size() ? replicationsJson(part.replications[a])
                                                      : QJsonArray()}});
    }
    json.insert(QStringLiteral("alternatives"), alternatives);
    return json;
}

std::optional<Comparison> mergeComparisonParts(const QList<QPair<QString, QJsonObject>> &parts,
                                               QString *error)
{
    QString why;
    auto fail = [&](const QString &message) -> std::optional<Comparison> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // what makes two parts parts of one comparison: everything but the replications
    auto identity = [](const QJsonObject &json) {
        QJsonArray alternatives;
        for (const QJsonValue &a : json.value(QStringLiteral("alternatives")).toArray()) {
            QJsonObject o = a.toObject();
            o.remove(QStringLiteral("replications"));
            alternatives.append(o);
        }
        return QJsonObject{{QStringLiteral("replications"),
                            json.value(QStringLiteral("replications"))},
                           {QStringLiteral("crn"), json.value(QStringLiteral("crn"))},
                           {QStringLiteral("seed"), json.value(QStringLiteral("seed"))},
                           {QStringLiteral("alternatives"), alternatives}};
    };
    Split split;
    std::optional<ComparePlan> plan;
    QJsonObject firstIdentity;
    QString firstSource;
    std::vector<std::vector<std::optional<Sim::ReplicationResult>>> replications;
    for (const auto &[source, json] : parts) {
        Header header;
        if (!split.add(source, json, kCompareFormat, &header))
            return fail(split.error);
        const QJsonObject id = identity(json);
        if (!plan) {
            Reader rd;
            ComparePlan p;
            p.replications = static_cast<int>(
                rd.integer(json, QStringLiteral("replications"), QStringLiteral("$"), 1, 1000000));
            p.crn = rd.boolean(json, QStringLiteral("crn"), QStringLiteral("$"));
            bool seedOk = false;
            p.seed
                = rd.string(json, QStringLiteral("seed"), QStringLiteral("$")).toULongLong(&seedOk);
            if (rd.ok() && !seedOk)
                rd.fail(QStringLiteral("$.seed"),
                        QStringLiteral("must be a whole number in a string"));
            const QJsonArray alternatives = rd.array(json.value(QStringLiteral("alternatives")),
                                                     QStringLiteral("$.alternatives"));
            if (rd.ok() && alternatives.isEmpty())
                rd.fail(QStringLiteral("$.alternatives"), QStringLiteral("must hold at least one"));
            for (qsizetype a = 0; a < alternatives.size() && rd.ok(); ++a) {
                const QString path = Reader::at(QStringLiteral("$.alternatives"), a);
                const QJsonObject alt = rd.object(alternatives.at(a), path);
                if (!rd.ok())
                    break;
                p.names.push_back(rd.string(alt, QStringLiteral("name"), path));
                if (!rd.ok())
                    break;
                const auto sc = compilePartScenario(source,
                                                    Reader::join(path, QStringLiteral("scenario")),
                                                    alt.value(QStringLiteral("scenario")),
                                                    &why);
                if (!sc)
                    return fail(why);
                if (std::max(1, sc->second.replications) != p.replications)
                    return fail(QStringLiteral("%1: %2 runs %3 replication(s), the comparison %4")
                                    .arg(source, path)
                                    .arg(sc->second.replications)
                                    .arg(p.replications));
                p.scenarios.push_back(sc->first);
                p.specs.push_back(sc->second);
            }
            if (!rd.ok())
                return fail(QStringLiteral("%1: %2").arg(source, rd.error));
            if (p.replications < header.shard.count)
                return fail(QStringLiteral("%1: a comparison of %2 replication(s) cannot have %3 "
                                           "parts")
                                .arg(source)
                                .arg(p.replications)
                                .arg(header.shard.count));
            replications.assign(p.specs.size(),
                                std::vector<std::optional<Sim::ReplicationResult>>(
                                    static_cast<std::size_t>(p.replications)));
            plan = std::move(p);
            firstIdentity = id;
            firstSource = source;
        } else if (id != firstIdentity) {
            if (id.value(QStringLiteral("seed")) != firstIdentity.value(QStringLiteral("seed")))
                return fail(
                    QStringLiteral("%1 ran seed %2 but %3 ran seed %4: parts of different "
                                   "comparisons")
                        .arg(source,
                             id.value(QStringLiteral("seed")).toVariant().toString(),
                             firstSource,
                             firstIdentity.value(QStringLiteral("seed")).toVariant().toString()));
            return fail(QStringLiteral("%1 is a part of another comparison than %2: their "
                                       "scenarios or settings differ")
                            .arg(source, firstSource));
        }
        const QJsonArray alternatives = json.value(QStringLiteral("alternatives")).toArray();
        for (std::size_t a = 0; a < plan->specs.size(); ++a) {
            const QString path = Reader::at(QStringLiteral("$.alternatives"), qsizetype(a));
            if (!readPartReplications(source,
                                      alternatives.at(qsizetype(a))
                                          .toObject()
                                          .value(QStringLiteral("replications")),
                                      Reader::join(path, QStringLiteral("replications")),
                                      plan->specs[a],
                                      header.shard,
                                      plan->replications,
                                      replications[a],
                                      &why))
                return fail(why);
        }
    }
    if (!split.complete())
        return fail(split.error);
    std::vector<std::vector<Sim::ReplicationResult>> byAlternative;
    for (std::vector<std::optional<Sim::ReplicationResult>> &list : replications)
        byAlternative.push_back(inOrder(list));
    Comparison out = compareReplications(*plan, std::move(byAlternative));
    out.wallS = split.wallS();
    return out;
}

std::optional<PartKind> partKindOf(const QList<QPair<QString, QJsonObject>> &parts, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<PartKind> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (parts.isEmpty())
        return fail(QStringLiteral("nothing to merge"));
    std::optional<PartKind> kind;
    QString kindSource;
    for (const auto &[source, json] : parts) {
        const QJsonValue formatValue = json.value(QStringLiteral("format"));
        const QString format = formatValue.toString();
        PartKind k;
        if (format == QLatin1String("archsim-sweep")) {
            k = PartKind::Sweep;
        } else if (format == QLatin1String(kRunFormat)) {
            k = PartKind::Run;
        } else if (format == QLatin1String(kCompareFormat)) {
            k = PartKind::Comparison;
        } else if (format == QLatin1String("archsim-results")
                   || format == QLatin1String("archsim-compare")) {
            return fail(QStringLiteral("%1 is the JSON of a whole %2, not a part: run the parts "
                                       "with --shard I/N --json FILE and merge those")
                            .arg(source,
                                 format == QLatin1String("archsim-results")
                                     ? QStringLiteral("run")
                                     : QStringLiteral("comparison")));
        } else {
            return fail(
                QStringLiteral("%1 is not a part of a sharded sweep, run or comparison (%2); merge "
                               "takes the JSON that sweep, run and compare write with --shard I/N")
                    .arg(source,
                         formatValue.isString()
                             ? QStringLiteral("its \"format\" is \"%1\"").arg(format)
                             : QStringLiteral("it has no \"format\"")));
        }
        if (!kind) {
            kind = k;
            kindSource = source;
        } else if (*kind != k) {
            return fail(QStringLiteral("%1 is a part of a %2 but %3 is a part of a %4: merge the "
                                       "parts of one job at a time")
                            .arg(source, kindWord(k), kindSource, kindWord(*kind)));
        }
    }
    return kind;
}

} // namespace Model
