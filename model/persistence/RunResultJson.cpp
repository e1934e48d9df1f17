// SPDX-License-Identifier: GPL-3.0-or-later
// runResultFromJson: the results JSON of spec/cli.md -> Sim::RunResult, the inverse of
// resultsToJson (model/ResultsIo.cpp). The figures of requests and components are read from
// the rows of model/ResultsSchema.cpp, which the writer walks too; tst_runresultjson checks
// resultsToJson(runResultFromJson(j)) == j on hand-made and simulated results.
#include "RunResultJson.h"

#include "KindTraits.h"
#include "ResultsSchema.h"

#include <QJsonArray>

#include <cmath>
#include <limits>
#include <span>

namespace Model {

namespace {

constexpr int kResultsVersion = 1;

/**
 * Reads values out of the JSON tree and remembers the first problem, with its path. A
 * missing figure keeps the struct's default (resultsToJson writes every figure of a kind,
 * so only hand-edited files miss some); a figure of the wrong type is an error.
 */
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

    /** A figure; null is NaN (resultsToJson writes NaN as null). */
    void figure(const QJsonObject &o, const QString &key, const QString &path, double *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (v.isNull()) {
            *out = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        if (!v.isDouble()) {
            fail(join(path, key), QStringLiteral("must be a number or null"));
            return;
        }
        *out = v.toDouble();
    }

    std::optional<QJsonObject> object(const QJsonObject &o,
                                      const QString &key,
                                      const QString &path,
                                      bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(join(path, key), QStringLiteral("is missing"));
            return std::nullopt;
        }
        if (!v.isObject()) {
            fail(join(path, key), QStringLiteral("must be an object"));
            return std::nullopt;
        }
        return v.toObject();
    }

    std::optional<QJsonArray> array(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isArray()) {
            fail(join(path, key), QStringLiteral("must be an array"));
            return std::nullopt;
        }
        return v.toArray();
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isString()) {
            fail(join(path, key), QStringLiteral("must be a string"));
            return {};
        }
        return v.toString();
    }

    /** A whole, non-negative number (counts of events, seeds). */
    void unsignedInteger(const QJsonObject &o,
                         const QString &key,
                         const QString &path,
                         std::uint64_t *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isDouble()) {
            fail(join(path, key), QStringLiteral("must be a whole number"));
            return;
        }
        // resultsToJson writes values above INT64_MAX as a double (an approximation).
        // 2^64 itself is how the largest values round; it maps back to the largest value.
        const double d = v.toDouble();
        if (d >= 9.223372036854775807e18) {
            *out = d < 1.8446744073709551615e19 ? static_cast<std::uint64_t>(d)
                                                : std::numeric_limits<std::uint64_t>::max();
            return;
        }
        const qint64 i = v.toInteger(-1);
        if (i < 0 || static_cast<double>(i) != d) {
            fail(join(path, key), QStringLiteral("must be a whole number, 0 or more"));
            return;
        }
        *out = static_cast<std::uint64_t>(i);
    }

    void integer(const QJsonObject &o, const QString &key, const QString &path, int *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || d != std::floor(d) || std::fabs(d) > 2147483647.0) {
            fail(join(path, key), QStringLiteral("must be a whole number"));
            return;
        }
        *out = static_cast<int>(d);
    }

    void interval(const QJsonObject &o, const QString &key, const QString &path, Sim::Interval *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 2) {
            fail(join(path, key), QStringLiteral("must be an array [low, high]"));
            return;
        }
        double bounds[2] = {0, 0};
        for (int i = 0; i < 2; ++i) {
            const QJsonValue b = a.at(i);
            if (b.isNull())
                bounds[i] = std::numeric_limits<double>::quiet_NaN();
            else if (b.isDouble())
                bounds[i] = b.toDouble();
            else
                fail(QStringLiteral("%1[%2]").arg(join(path, key)).arg(i),
                     QStringLiteral("must be a number or null"));
        }
        *out = std::make_pair(bounds[0], bounds[1]);
    }

    void numbers(const QJsonArray &a, const QString &path, std::vector<double> *out)
    {
        out->reserve(static_cast<size_t>(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonValue v = a.at(i);
            if (v.isNull()) {
                out->push_back(std::numeric_limits<double>::quiet_NaN());
            } else if (v.isDouble()) {
                out->push_back(v.toDouble());
            } else {
                fail(QStringLiteral("%1[%2]").arg(path).arg(i),
                     QStringLiteral("must be a number or null"));
                return;
            }
        }
    }

    void boolean(const QJsonObject &o, const QString &key, const QString &path, bool *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isBool()) {
            fail(join(path, key), QStringLiteral("must be true or false"));
            return;
        }
        *out = v.toBool();
    }

    /** "latency_histogram_ms": [[low ms, high ms, count], ...]; null figures are NaN. */
    void histogram(const QJsonObject &o,
                   const QString &key,
                   const QString &path,
                   std::vector<Sim::HistogramBin> *out)
    {
        const auto a = array(o, key, path);
        if (!a)
            return;
        const QString p = join(path, key);
        out->reserve(static_cast<size_t>(a->size()));
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString at = QStringLiteral("%1[%2]").arg(p).arg(i);
            const QJsonValue v = a->at(i);
            const QJsonArray bin = v.toArray();
            if (!v.isArray() || bin.size() != 3) {
                fail(at, QStringLiteral("must be an array [low_ms, high_ms, count]"));
                return;
            }
            double x[3] = {0, 0, 0};
            for (int k = 0; k < 3; ++k) {
                const QJsonValue e = bin.at(k);
                if (e.isNull()) {
                    x[k] = std::numeric_limits<double>::quiet_NaN();
                } else if (e.isDouble()) {
                    x[k] = e.toDouble();
                } else {
                    fail(QStringLiteral("%1[%2]").arg(at).arg(k),
                         QStringLiteral("must be a number or null"));
                    return;
                }
            }
            out->push_back({x[0], x[1], x[2]});
        }
    }

    /**
     * Every row of a ResultsSchema table that is present in `o` (or in the object the row
     * names inside it), whatever the kind: resultsToJson writes back only the rows of the
     * kind, which are exactly the ones that were there.
     */
    template<typename Result>
    void fields(const QJsonObject &o,
                const QString &path,
                std::span<const ResultsSchema::Field<Result>> table,
                Result *out)
    {
        using ResultsSchema::Form;
        for (const ResultsSchema::Field<Result> &f : table) {
            QJsonObject in = o;
            QString at = path;
            if (f.object) {
                const QString name = QString::fromLatin1(f.object);
                const auto nested = object(o, name, path);
                if (!nested)
                    continue;
                in = *nested;
                at = join(path, name);
            }
            const QString key = QString::fromLatin1(f.key);
            switch (f.form) {
            case Form::Count:
            case Form::Figure:
                figure(in, key, at, ResultsSchema::numberIn(*out, f));
                break;
            case Form::Flag:
                boolean(in, key, at, ResultsSchema::flagIn(*out, f));
                break;
            case Form::Interval:
                interval(in, key, at, ResultsSchema::intervalIn(*out, f));
                break;
            }
        }
    }

    /** reason -> count; only reasons that occurred are written. */
    void failures(const QJsonObject &o, const QString &path, std::map<std::string, double> *out)
    {
        const auto list = object(o, QStringLiteral("failures"), path);
        if (!list)
            return;
        const QString p = join(path, QStringLiteral("failures"));
        for (auto it = list->constBegin(); it != list->constEnd(); ++it) {
            double n = 0;
            figure(*list, it.key(), p, &n);
            (*out)[it.key().toStdString()] = n;
        }
    }

    Sim::RequestResult request(const QString &name, const QJsonValue &value, const QString &path)
    {
        Sim::RequestResult r;
        r.name = name.toStdString();
        if (!value.isObject()) {
            fail(path, QStringLiteral("must be an object"));
            return r;
        }
        const QJsonObject o = value.toObject();
        fields(o, path, ResultsSchema::requestFields(), &r);
        failures(o, path, &r.failures);
        histogram(o, QStringLiteral("latency_histogram_ms"), path, &r.latencyHistogram);
        return r;
    }

    Sim::ComponentResult component(const QString &id, const QJsonValue &value, const QString &path)
    {
        Sim::ComponentResult c;
        c.id = id.toStdString();
        if (!value.isObject()) {
            fail(path, QStringLiteral("must be an object"));
            return c;
        }
        const QJsonObject o = value.toObject();
        const QString kind = string(o, QStringLiteral("kind"), path);
        if (const auto k = kindFromName(kind)) {
            c.kind = *k;
        } else {
            fail(join(path, QStringLiteral("kind")),
                 QStringLiteral("'%1' is not a component kind this ArchSim knows").arg(kind));
            return c;
        }
        fields(o, path, ResultsSchema::componentFields(), &c);
        failures(o, path, &c.failures);
        return c;
    }

    /** The "links" of the run or of one replication (only with a network). */
    void links(const QJsonObject &o, const QString &path, std::vector<Sim::LinkResult> *out)
    {
        if (!o.contains(QStringLiteral("links")))
            return;
        const auto list = array(o, QStringLiteral("links"), path);
        if (!list)
            return;
        const QString p = join(path, QStringLiteral("links"));
        for (qsizetype i = 0; i < list->size(); ++i) {
            const QString at = QStringLiteral("%1[%2]").arg(p).arg(i);
            if (!list->at(i).isObject()) {
                fail(at, QStringLiteral("must be an object"));
                continue;
            }
            const QJsonObject l = list->at(i).toObject();
            Sim::LinkResult link;
            link.from = string(l, QStringLiteral("from"), at).toStdString();
            link.to = string(l, QStringLiteral("to"), at).toStdString();
            fields(l, at, ResultsSchema::linkFields(), &link);
            out->push_back(std::move(link));
        }
    }

    /** The "requests" and "components" objects of the run or of one replication. */
    void figures(const QJsonObject &o,
                 const QString &path,
                 std::vector<Sim::RequestResult> *requests,
                 std::vector<Sim::ComponentResult> *components)
    {
        if (const auto list = object(o, QStringLiteral("requests"), path, true)) {
            // "_all" first, as the engine orders them; then the others in key order.
            const QString all = QStringLiteral("_all");
            const QString p = join(path, QStringLiteral("requests"));
            if (list->contains(all))
                requests->push_back(request(all, list->value(all), join(p, all)));
            for (auto it = list->constBegin(); it != list->constEnd(); ++it) {
                if (it.key() != all)
                    requests->push_back(request(it.key(), it.value(), join(p, it.key())));
            }
        }
        if (const auto list = object(o, QStringLiteral("components"), path, true)) {
            const QString p = join(path, QStringLiteral("components"));
            for (auto it = list->constBegin(); it != list->constEnd(); ++it)
                components->push_back(component(it.key(), it.value(), join(p, it.key())));
        }
    }

    Sim::ReplicationResult replication(const QJsonValue &value, const QString &path)
    {
        Sim::ReplicationResult rep;
        if (!value.isObject()) {
            fail(path, QStringLiteral("must be an object"));
            return rep;
        }
        const QJsonObject o = value.toObject();
        integer(o, QStringLiteral("replication"), path, &rep.replication);
        unsignedInteger(o, QStringLiteral("events"), path, &rep.events);
        const QJsonValue cancelled = o.value(QStringLiteral("cancelled"));
        if (!cancelled.isUndefined() && !cancelled.isBool())
            fail(join(path, QStringLiteral("cancelled")), QStringLiteral("must be true or false"));
        rep.cancelled = cancelled.toBool(false);
        figures(o, path, &rep.requests, &rep.components);
        links(o, path, &rep.links);
        return rep;
    }

    Sim::RunEvent event(const QJsonValue &value, const QString &path)
    {
        Sim::RunEvent e;
        if (!value.isObject()) {
            fail(path, QStringLiteral("must be an object"));
            return e;
        }
        const QJsonObject o = value.toObject();
        figure(o, QStringLiteral("t_s"), path, &e.tS);
        e.component = string(o, QStringLiteral("component"), path).toStdString();
        e.what = string(o, QStringLiteral("what"), path).toStdString();
        e.detail = string(o, QStringLiteral("detail"), path).toStdString();
        return e;
    }

    static std::optional<Sim::ComponentKind> kindFromName(const QString &name)
    {
        return Sim::componentKindFromWord(name.toStdString());
    }
};

} // namespace

Sim::RunResult runResultFromJson(const QJsonObject &json, QString *error)
{
    const QString root = QStringLiteral("$");
    Reader r;
    Sim::RunResult result;

    if (json.value(QStringLiteral("format")).toString() != QLatin1String("archsim-results")) {
        r.fail(QStringLiteral("$.format"),
               QStringLiteral("this is not ArchSim results JSON (\"format\" must be "
                              "\"archsim-results\")"));
    } else if (const int version = json.value(QStringLiteral("version")).toInt(0);
               version != kResultsVersion) {
        r.fail(QStringLiteral("$.version"),
               version > kResultsVersion
                   ? QStringLiteral("results version %1 was written by a newer ArchSim; this "
                                    "one reads version %2")
                         .arg(version)
                         .arg(kResultsVersion)
                   : QStringLiteral("must be %1").arg(kResultsVersion));
    }

    if (r.ok()) {
        result.scenario = r.string(json, QStringLiteral("scenario"), root).toStdString();
        if (const auto sim = r.object(json, QStringLiteral("simulation"), root, true)) {
            const QString p = QStringLiteral("$.simulation");
            r.figure(*sim, QStringLiteral("duration_s"), p, &result.durationS);
            r.figure(*sim, QStringLiteral("warmup_s"), p, &result.warmupS);
            r.unsignedInteger(*sim, QStringLiteral("seed"), p, &result.seed);
            r.integer(*sim, QStringLiteral("replications"), p, &result.replications);
        }
        if (const auto engine = r.object(json, QStringLiteral("engine"), root)) {
            const QString p = QStringLiteral("$.engine");
            r.unsignedInteger(*engine, QStringLiteral("events"), p, &result.events);
            r.figure(*engine, QStringLiteral("wall_s"), p, &result.wallS);
            r.figure(*engine, QStringLiteral("events_per_s"), p, &result.eventsPerS);
        }
        const QJsonValue cancelled = json.value(QStringLiteral("cancelled"));
        if (!cancelled.isUndefined() && !cancelled.isBool())
            r.fail(QStringLiteral("$.cancelled"), QStringLiteral("must be true or false"));
        result.cancelled = cancelled.toBool(false);

        r.figures(json, root, &result.requests, &result.components);
        r.links(json, root, &result.links);
        if (const auto series = r.object(json, QStringLiteral("series"), root)) {
            const QString p = QStringLiteral("$.series");
            r.figure(*series, QStringLiteral("bucket_s"), p, &result.series.bucketS);
            if (const auto t = r.array(*series, QStringLiteral("t_s"), p))
                r.numbers(*t, QStringLiteral("$.series.t_s"), &result.series.tS);
            for (auto it = series->constBegin(); it != series->constEnd(); ++it) {
                if (it.key() == QLatin1String("bucket_s") || it.key() == QLatin1String("t_s"))
                    continue;
                const QString path = Reader::join(p, it.key());
                if (!it.value().isArray()) {
                    r.fail(path, QStringLiteral("must be an array of numbers"));
                    continue;
                }
                Sim::SeriesColumn column;
                column.key = it.key().toStdString();
                r.numbers(it.value().toArray(), path, &column.values);
                result.series.columns.push_back(std::move(column));
            }
        }
        if (const auto events = r.array(json, QStringLiteral("events"), root)) {
            for (qsizetype i = 0; i < events->size(); ++i)
                result.timeline.push_back(
                    r.event(events->at(i), QStringLiteral("$.events[%1]").arg(i)));
        }
        std::uint64_t dropped = 0;
        r.unsignedInteger(json, QStringLiteral("events_dropped"), root, &dropped);

        if (const auto reps = r.array(json, QStringLiteral("per_replication"), root)) {
            for (qsizetype i = 0; i < reps->size(); ++i)
                result.perReplication.push_back(
                    r.replication(reps->at(i), QStringLiteral("$.per_replication[%1]").arg(i)));
        }
        // each replication's wall-clock time is under "engine" (everything else is the same
        // for the same scenario and seed)
        if (const auto engine = r.object(json, QStringLiteral("engine"), root)) {
            if (const auto wall = r.array(*engine,
                                          QStringLiteral("replication_wall_s"),
                                          QStringLiteral("$.engine"))) {
                std::vector<double> walls;
                r.numbers(*wall, QStringLiteral("$.engine.replication_wall_s"), &walls);
                for (std::size_t i = 0; i < walls.size() && i < result.perReplication.size(); ++i)
                    result.perReplication[i].wallS = walls[i];
            }
        }
        if (result.perReplication.empty()) {
            // One replication: its figures are the run's own.
            Sim::ReplicationResult only;
            only.requests = result.requests;
            only.components = result.components;
            only.series = result.series;
            only.events = result.events;
            only.wallS = result.wallS;
            only.cancelled = result.cancelled;
            result.perReplication.push_back(std::move(only));
        }
        // The timeline is replication 0's.
        result.perReplication.front().timeline = result.timeline;
        result.perReplication.front().timelineDropped = dropped;
    }

    if (!r.ok()) {
        if (error)
            *error = r.error;
        return Sim::RunResult();
    }
    if (error)
        error->clear();
    return result;
}

} // namespace Model
