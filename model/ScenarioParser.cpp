// SPDX-License-Identifier: GPL-3.0-or-later
// parseScenario and loadScenarioFile: JSON text -> Scenario, with type errors and
// unknown-field warnings; then validateScenario, and lines from the JsonLocator.
// The fields of each object are read by readFields() from the format's tables
// (model/format/Schema.h); lists and maps with a structure of their own are read here by hand.
#include "ScenarioIo.h"

#include "JsonLocator.h"
#include "JsonPath.h"
#include "format/Schema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Model {

namespace {

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

class ObjectReader;

class Parser
{
public:
    explicit Parser(const JsonLocator &locator)
        : m_locator(locator)
    {}

    Problems problems;

    void error(const QString &path, const QString &message)
    {
        problems.append({Problem::Severity::Error, path, message, 0, 0});
    }
    void warning(const QString &path, const QString &message)
    {
        problems.append({Problem::Severity::Warning, path, message, 0, 0});
    }
    void typeError(const QString &path, const QString &expected, const QJsonValue &found)
    {
        error(path, QStringLiteral("expected %1, found %2").arg(expected, describe(found)));
    }

    /** The keys of `object` in the order they were written. */
    QStringList orderedKeys(const QJsonObject &object, const QString &path) const
    {
        QStringList keys;
        for (const QString &k : m_locator.keys(path)) {
            if (object.contains(k))
                keys.append(k);
        }
        if (keys.size() != object.size()) {
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!keys.contains(it.key()))
                    keys.append(it.key());
            }
        }
        return keys;
    }

    Scenario readScenario(const QJsonObject &root);
    /** A "cost" object on its own, its paths under `path`. */
    CostPrices readCostObject(const QJsonObject &o, const QString &path);
    /** A "workload" object on its own, its paths under `path`. */
    Workload readWorkloadObject(const QJsonObject &o, const QString &path)
    {
        Workload w;
        readWorkload(o, path, w);
        return w;
    }

private:
    template<typename Owner>
    void readFields(ObjectReader &r, Owner &out, Format::Table<Owner> table);
    template<typename Owner>
    void readPart(ObjectReader &r, const Format::Field<Owner> &f, Owner &out);
    void readWorkload(const QJsonObject &o, const QString &path, Workload &out);
    Component readComponent(const QJsonValue &v, const QString &path, Diagram &diagram);
    void readHandlers(ObjectReader &r, Service &out);
    void readPools(ObjectReader &r, Service &out);
    void readTargets(ObjectReader &r, LoadBalancer &out);
    void readRoutes(ObjectReader &r, Gateway &out);
    void readQueries(ObjectReader &r, Database &out);
    void readConsumers(ObjectReader &r, Queue &out);
    void readModules(ObjectReader &r, Service &out);
    void readLessonTries(ObjectReader &r, const QString &key, Lesson &out);
    void readWhatIfPins(ObjectReader &r, const QString &key, WhatIf &out);
    QStringList readNames(ObjectReader &r, const QString &key);
    void readMaxLength(ObjectReader &r, Queue &out);
    /** An array element that must be an object, read with its table. */
    template<typename Owner>
    Owner readElement(const QJsonValue &v, const QString &path, const QString &expected);
    Steps readSteps(const QJsonValue &v, const QString &path);
    Step readStep(const QJsonValue &v, const QString &path);
    Distribution readDistribution(const QJsonValue &v, const QString &path);
    Fault readFault(const QJsonValue &v, const QString &path);

    const JsonLocator &m_locator;
};

/**
 * Reads the fields of one JSON object. Every key read is marked; finish() puts the rest
 * into `extra` (with an "unknown field" warning) together with values of the wrong type,
 * so nothing is lost on save.
 */
class ObjectReader
{
public:
    ObjectReader(Parser &parser, const QJsonObject &object, const QString &path)
        : m_parser(parser)
        , m_object(object)
        , m_path(path)
    {}

    const QJsonObject &object() const { return m_object; }
    const QString &path() const { return m_path; }
    QString path(const QString &key) const { return JsonPath::key(m_path, key); }
    bool has(const QString &key) const { return m_object.contains(key); }

    QJsonValue take(const QString &key)
    {
        m_used.insert(key);
        return m_object.value(key);
    }

    std::optional<double> number(const QString &key)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isDouble())
            return wrongType(key, QStringLiteral("a number"), v), std::nullopt;
        return v.toDouble();
    }

    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return std::nullopt;
        return integerValue(v, path(key), min, max, &m_kept, key);
    }

    std::optional<int> intValue(const QString &key)
    {
        const auto v = integer(key,
                               std::numeric_limits<int>::min(),
                               std::numeric_limits<int>::max());
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }

    std::optional<bool> boolean(const QString &key)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isBool())
            return wrongType(key, QStringLiteral("true or false"), v), std::nullopt;
        return v.toBool();
    }

    /** A string field; empty when absent or of the wrong type. */
    QString string(const QString &key)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return {};
        if (!v.isString())
            return wrongType(key, QStringLiteral("a string"), v), QString();
        return v.toString();
    }

    std::optional<QJsonObject> object(const QString &key)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isObject())
            return wrongType(key, QStringLiteral("an object"), v), std::nullopt;
        return v.toObject();
    }

    std::optional<QJsonArray> array(const QString &key)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isArray())
            return wrongType(key, QStringLiteral("an array"), v), std::nullopt;
        return v.toArray();
    }

    /** Keeps a read field for the next save, in `extra`, without a warning. */
    void keep(const QString &key) { m_kept.insert(key, m_object.value(key)); }

    /** Reports a value of the wrong type and keeps it for the next save. */
    void wrongType(const QString &key, const QString &expected, const QJsonValue &found)
    {
        m_parser.typeError(path(key), expected, found);
        m_kept.insert(key, found);
    }

    void finish(QJsonObject *extra, bool warnUnknown = true)
    {
        for (const QString &key : m_parser.orderedKeys(m_object, m_path)) {
            if (m_kept.contains(key)) {
                extra->insert(key, m_kept.value(key));
            } else if (!m_used.contains(key)) {
                extra->insert(key, m_object.value(key));
                if (warnUnknown) {
                    m_parser.warning(path(key),
                                     QStringLiteral("unknown field '%1' is kept but ignored; "
                                                    "check its spelling")
                                         .arg(key));
                }
            }
        }
    }

    /** Reads an integer in [min, max]; on failure reports and, with `kept`, keeps the value. */
    std::optional<qint64> integerValue(const QJsonValue &v,
                                       const QString &where,
                                       qint64 min,
                                       qint64 max,
                                       QJsonObject *kept,
                                       const QString &key)
    {
        auto fail = [&](const QString &message) {
            m_parser.error(where, message);
            if (kept)
                kept->insert(key, v);
            return std::optional<qint64>();
        };
        if (!v.isDouble())
            return fail(QStringLiteral("expected an integer, found %1").arg(describe(v)));
        const double d = v.toDouble();
        if (std::floor(d) != d)
            return fail(QStringLiteral("expected an integer, found %1").arg(d));
        const qint64 sentinel = std::numeric_limits<qint64>::min();
        const qint64 i = v.toInteger(sentinel);
        if (i == sentinel || i < min || i > max) {
            return fail(
                QStringLiteral("%1 is out of range; use a whole number from %2 to %3")
                    .arg(QString::number(d, 'g', 17), QString::number(min), QString::number(max)));
        }
        return i;
    }

private:
    Parser &m_parser;
    const QJsonObject m_object;
    const QString m_path;
    QSet<QString> m_used;
    QJsonObject m_kept;
};

Scenario Parser::readScenario(const QJsonObject &root)
{
    Scenario s;
    ObjectReader r(*this, root, JsonPath::root());
    s.format = r.string(QStringLiteral("format"));
    if (!r.has(QStringLiteral("format")))
        error(r.path(QStringLiteral("format")),
              QStringLiteral("missing; add \"format\": \"archsim-scenario\""));
    if (const auto v = r.intValue(QStringLiteral("version")))
        s.version = *v;
    else
        s.version = 0;
    if (!r.has(QStringLiteral("version")))
        error(r.path(QStringLiteral("version")), QStringLiteral("missing; add \"version\": 1"));
    s.name = r.string(QStringLiteral("name"));
    s.description = r.string(QStringLiteral("description"));
    s.slo = r.string(QStringLiteral("slo"));
    if (const auto o = r.object(QStringLiteral("lesson"))) {
        ObjectReader lr(*this, *o, r.path(QStringLiteral("lesson")));
        Lesson lesson;
        readFields(lr, lesson, Format::lessonFields());
        lr.finish(&lesson.extra);
        s.lesson = lesson;
    }
    if (const auto o = r.object(QStringLiteral("what_if"))) {
        ObjectReader wr(*this, *o, r.path(QStringLiteral("what_if")));
        WhatIf whatIf;
        readFields(wr, whatIf, Format::whatIfFields());
        wr.finish(&whatIf.extra);
        s.whatIf = whatIf;
    }

    if (const auto o = r.object(QStringLiteral("simulation"))) {
        ObjectReader sr(*this, *o, r.path(QStringLiteral("simulation")));
        readFields(sr, s.simulation, Format::simulationFields());
        sr.finish(&s.simulation.extra);
    }

    if (const auto o = r.object(QStringLiteral("workload"))) {
        readWorkload(*o, r.path(QStringLiteral("workload")), s.workload);
    } else if (!r.has(QStringLiteral("workload"))) {
        error(r.path(QStringLiteral("workload")),
              QStringLiteral("missing; add a \"workload\" object with entry, arrivals and "
                             "requests"));
    }

    if (const auto a = r.array(QStringLiteral("components"))) {
        const QString path = r.path(QStringLiteral("components"));
        for (qsizetype i = 0; i < a->size(); ++i)
            s.components.append(readComponent(a->at(i), JsonPath::index(path, i), s.diagram));
    } else if (!r.has(QStringLiteral("components"))) {
        error(r.path(QStringLiteral("components")),
              QStringLiteral("missing; add a \"components\" array"));
    }

    if (const auto a = r.array(QStringLiteral("faults"))) {
        const QString path = r.path(QStringLiteral("faults"));
        for (qsizetype i = 0; i < a->size(); ++i)
            s.faults.append(readFault(a->at(i), JsonPath::index(path, i)));
    }
    if (const auto o = r.object(QStringLiteral("cost")))
        s.cost = readCostObject(*o, r.path(QStringLiteral("cost")));
    if (const auto o = r.object(QStringLiteral("network"))) {
        ObjectReader nr(*this, *o, r.path(QStringLiteral("network")));
        Network network;
        readFields(nr, network, Format::networkFields());
        nr.finish(&network.extra);
        s.network = network;
    }
    r.finish(&s.extra);
    return s;
}

template<typename Owner>
void Parser::readFields(ObjectReader &r, Owner &out, Format::Table<Owner> table)
{
    for (const Format::Field<Owner> &f : table) {
        const QString key = QString::fromLatin1(f.key);
        if (f.part != Format::Part::None && f.part != Format::Part::Steps) {
            readPart(r, f, out);
            continue;
        }
        std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::monostate>) {
                } else if constexpr (std::is_same_v<M, std::optional<double> Owner::*>) {
                    out.*member = r.number(key);
                } else if constexpr (std::is_same_v<M, std::optional<int> Owner::*>) {
                    out.*member = r.intValue(key);
                } else if constexpr (std::is_same_v<M, std::optional<qint64> Owner::*>) {
                    out.*member = r.integer(key,
                                            std::numeric_limits<qint64>::min(),
                                            std::numeric_limits<qint64>::max());
                } else if constexpr (std::is_same_v<M, std::optional<bool> Owner::*>) {
                    out.*member = r.boolean(key);
                } else if constexpr (std::is_same_v<M, QString Owner::*>) {
                    out.*member = r.string(key);
                } else if constexpr (std::is_same_v<M, std::optional<Distribution> Owner::*>) {
                    if (r.has(key))
                        out.*member = readDistribution(r.take(key), r.path(key));
                } else if constexpr (std::is_same_v<M, Distribution Owner::*>) {
                    out.*member = readDistribution(r.take(key), r.path(key));
                } else if constexpr (std::is_same_v<M, double Owner::*>) {
                    if (const auto v = r.number(key))
                        out.*member = *v;
                } else if constexpr (std::is_same_v<M, int Owner::*>) {
                    if (const auto v = r.intValue(key))
                        out.*member = *v;
                } else if constexpr (std::is_same_v<M, quint64 Owner::*>) {
                    if (const auto v = r.integer(key, 0, std::numeric_limits<qint64>::max()))
                        out.*member = static_cast<quint64>(*v);
                } else if constexpr (std::is_same_v<M, std::vector<Step> Owner::*>) {
                    if (r.has(key))
                        out.*member = readSteps(r.take(key), r.path(key));
                } else if constexpr (std::is_same_v<M, QStringList Owner::*>) {
                    out.*member = readNames(r, key);
                } else {
                    // a sub-object with a table of its own ("concurrency": {...})
                    using Sub = typename std::remove_reference_t<decltype(out.*member)>::value_type;
                    if (const auto o = r.object(key)) {
                        ObjectReader sr(*this, *o, r.path(key));
                        Sub sub;
                        readFields(sr, sub, Format::fieldsOf<Sub>());
                        sr.finish(&sub.extra);
                        out.*member = sub;
                    }
                }
            },
            f.member);
    }
}

template<typename Owner>
void Parser::readPart(ObjectReader &r, const Format::Field<Owner> &f, Owner &out)
{
    using Format::Part;
    if constexpr (std::is_same_v<Owner, Service>) {
        if (f.part == Part::Handlers)
            readHandlers(r, out);
        else if (f.part == Part::Pools)
            readPools(r, out);
        else if (f.part == Part::Modules)
            readModules(r, out);
    } else if constexpr (std::is_same_v<Owner, LoadBalancer>) {
        readTargets(r, out);
    } else if constexpr (std::is_same_v<Owner, Gateway>) {
        readRoutes(r, out);
    } else if constexpr (std::is_same_v<Owner, Database>) {
        readQueries(r, out);
    } else if constexpr (std::is_same_v<Owner, Queue>) {
        if (f.part == Part::Consumers)
            readConsumers(r, out);
        else if (f.part == Part::MaxLength)
            readMaxLength(r, out);
    } else if constexpr (std::is_same_v<Owner, Lesson>) {
        readLessonTries(r, QString::fromLatin1(f.key), out);
    } else if constexpr (std::is_same_v<Owner, LessonTry>) {
        // any JSON value: the value the hint's field takes
        const QString key = QString::fromLatin1(f.key);
        if (r.has(key))
            out.value = r.take(key);
    } else if constexpr (std::is_same_v<Owner, WhatIf>) {
        readWhatIfPins(r, QString::fromLatin1(f.key), out);
    }
}

template<typename Owner>
Owner Parser::readElement(const QJsonValue &v, const QString &path, const QString &expected)
{
    Owner out;
    if (v.isObject()) {
        ObjectReader r(*this, v.toObject(), path);
        readFields(r, out, Format::fieldsOf<Owner>());
        r.finish(&out.extra);
    } else {
        typeError(path, expected, v);
    }
    return out;
}

CostPrices Parser::readCostObject(const QJsonObject &o, const QString &path)
{
    ObjectReader r(*this, o, path);
    CostPrices cost;
    readFields(r, cost, Format::costFields());
    r.finish(&cost.extra);
    return cost;
}

void Parser::readWorkload(const QJsonObject &o, const QString &path, Workload &out)
{
    ObjectReader r(*this, o, path);
    readFields(r, out, Format::workloadFields());
    if (const auto a = r.object(QStringLiteral("arrivals"))) {
        // Every known field is read whatever the kind; validateScenario warns about those
        // that do not apply to it, as it does for the concurrency models.
        ObjectReader ar(*this, *a, r.path(QStringLiteral("arrivals")));
        readFields(ar, out.arrivals, Format::arrivalFields());
        ar.finish(&out.arrivals.extra);
    } else if (!r.has(QStringLiteral("arrivals"))) {
        error(r.path(QStringLiteral("arrivals")),
              QStringLiteral("missing; add for example \"arrivals\": {\"kind\": \"poisson\", "
                             "\"rate_per_s\": 100}"));
    }
    if (const auto a = r.array(QStringLiteral("requests"))) {
        const QString rpath = r.path(QStringLiteral("requests"));
        for (qsizetype i = 0; i < a->size(); ++i)
            out.requests.append(readElement<RequestType>(
                a->at(i),
                JsonPath::index(rpath, i),
                QStringLiteral("an object like {\"name\": \"browse\", \"weight\": 1}")));
    } else if (!r.has(QStringLiteral("requests"))) {
        error(r.path(QStringLiteral("requests")),
              QStringLiteral("missing; add for example \"requests\": [{\"name\": \"browse\", "
                             "\"weight\": 1}]"));
    }
    r.finish(&out.extra);
}

Component Parser::readComponent(const QJsonValue &v, const QString &path, Diagram &diagram)
{
    Component c;
    if (!v.isObject()) {
        c.kind = ComponentKind::Unknown;
        typeError(path, QStringLiteral("an object"), v);
        return c;
    }
    ObjectReader r(*this, v.toObject(), path);
    c.id = r.string(QStringLiteral("id"));
    const QString kind = r.string(QStringLiteral("kind"));
    c.kind = componentKindFromName(kind);
    if (c.kind == ComponentKind::Unknown)
        c.unknownKind = kind;
    if (const auto ui = r.object(QStringLiteral("ui"))) {
        ObjectReader ur(*this, *ui, r.path(QStringLiteral("ui")));
        UiPosition pos;
        readFields(ur, pos, Format::uiFields());
        ur.finish(&pos.extra);
        // The position belongs to the diagram, by id. A component without an id, or with
        // the id of an earlier one, keeps its "ui" as an unread field so a save keeps it.
        if (!c.id.isEmpty() && !diagram.positions.contains(c.id))
            diagram.positions.insert(c.id, pos);
        else
            r.keep(QStringLiteral("ui"));
    }
    switch (c.kind) {
    case ComponentKind::Service:
        readFields(r, c.service, Format::serviceFields());
        break;
    case ComponentKind::LoadBalancer:
        readFields(r, c.loadBalancer, Format::loadBalancerFields());
        break;
    case ComponentKind::Gateway:
        readFields(r, c.gateway, Format::gatewayFields());
        break;
    case ComponentKind::Database:
        readFields(r, c.database, Format::databaseFields());
        break;
    case ComponentKind::Cache:
        readFields(r, c.cache, Format::cacheFields());
        break;
    case ComponentKind::Queue:
        readFields(r, c.queue, Format::queueFields());
        break;
    case ComponentKind::External:
        readFields(r, c.external, Format::externalFields());
        break;
    case ComponentKind::Unknown:
        break;
    }
    // With an unknown kind every other field is kept without a warning each:
    // the kind error says it all.
    r.finish(&c.extra, c.kind != ComponentKind::Unknown);
    return c;
}

void Parser::readPools(ObjectReader &r, Service &out)
{
    if (const auto o = r.object(QStringLiteral("pools"))) {
        const QString ppath = r.path(QStringLiteral("pools"));
        ObjectReader pr(*this, *o, ppath);
        for (const QString &target : orderedKeys(*o, ppath)) {
            PoolLimit p;
            p.target = target;
            const auto size = pr.integerValue(o->value(target),
                                              JsonPath::key(ppath, target),
                                              std::numeric_limits<int>::min(),
                                              std::numeric_limits<int>::max(),
                                              nullptr,
                                              target);
            p.size = size ? static_cast<int>(*size) : 0;
            out.pools.append(p);
        }
    }
}

void Parser::readHandlers(ObjectReader &r, Service &out)
{
    if (const auto o = r.object(QStringLiteral("handlers"))) {
        const QString hpath = r.path(QStringLiteral("handlers"));
        for (const QString &name : orderedKeys(*o, hpath)) {
            Handler h;
            h.request = name;
            h.steps = readSteps(o->value(name), JsonPath::key(hpath, name));
            out.handlers.append(h);
        }
    }
}

Steps Parser::readSteps(const QJsonValue &v, const QString &path)
{
    Steps steps;
    if (!v.isArray()) {
        typeError(path, QStringLiteral("an array of steps"), v);
        return steps;
    }
    const QJsonArray a = v.toArray();
    steps.reserve(static_cast<size_t>(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i)
        steps.push_back(readStep(a.at(i), JsonPath::index(path, i)));
    return steps;
}

Step Parser::readStep(const QJsonValue &v, const QString &path)
{
    Step s;
    s.kind = Step::Kind::Unknown;
    if (!v.isObject()) {
        typeError(path, QStringLiteral("a step object such as {\"cpu_ms\": 2}"), v);
        return s;
    }
    const QJsonObject o = v.toObject();
    QList<Step::Kind> kinds;
    for (Step::Kind k : {Step::Kind::Cpu,
                         Step::Kind::Io,
                         Step::Kind::Call,
                         Step::Kind::Parallel,
                         Step::Kind::Publish,
                         Step::Kind::Cache,
                         Step::Kind::Probability}) {
        if (o.contains(stepKindKey(k)))
            kinds.append(k);
    }
    if (kinds.size() != 1) {
        // Keep the whole step as written; validateScenario explains what a step needs.
        if (kinds.size() > 1) {
            error(path,
                  QStringLiteral("a step does one thing, but this one has both '%1' "
                                 "and '%2'; split it into two steps")
                      .arg(stepKindKey(kinds.at(0)), stepKindKey(kinds.at(1))));
        }
        s.extra = o;
        return s;
    }
    s.kind = kinds.first();
    ObjectReader r(*this, o, path);
    readFields(r, s, Format::stepFields(s.kind));
    if (s.kind == Step::Kind::Probability && !r.has(QStringLiteral("steps")))
        error(r.path(QStringLiteral("steps")),
              QStringLiteral("missing; a probability step needs \"steps\": [...] to run"));
    r.finish(&s.extra);
    return s;
}

Distribution Parser::readDistribution(const QJsonValue &v, const QString &path)
{
    Distribution d;
    if (v.isDouble()) {
        d.value = v.toDouble();
        return d;
    }
    if (!v.isObject()) {
        d.kind = Distribution::Kind::Unknown;
        typeError(path,
                  QStringLiteral("a number of milliseconds or a distribution such as "
                                 "{\"dist\": \"exp\", \"mean\": 2}"),
                  v);
        return d;
    }
    d.bare = false;
    ObjectReader r(*this, v.toObject(), path);
    const QString name = r.string(QStringLiteral("dist"));
    d.kind = Distribution::Kind::Unknown;
    for (auto k : {Distribution::Kind::Const,
                   Distribution::Kind::Exp,
                   Distribution::Kind::Uniform,
                   Distribution::Kind::Lognormal,
                   Distribution::Kind::Erlang}) {
        if (distributionKindName(k) == name)
            d.kind = k;
    }
    switch (d.kind) {
    case Distribution::Kind::Const:
        d.value = r.number(QStringLiteral("value"));
        break;
    case Distribution::Kind::Exp:
        d.mean = r.number(QStringLiteral("mean"));
        break;
    case Distribution::Kind::Uniform:
        d.min = r.number(QStringLiteral("min"));
        d.max = r.number(QStringLiteral("max"));
        break;
    case Distribution::Kind::Lognormal:
        d.mean = r.number(QStringLiteral("mean"));
        d.stddev = r.number(QStringLiteral("stddev"));
        break;
    case Distribution::Kind::Erlang:
        d.k = r.intValue(QStringLiteral("k"));
        d.mean = r.number(QStringLiteral("mean"));
        break;
    case Distribution::Kind::Unknown:
        d.unknownName = name;
        break;
    }
    r.finish(&d.extra, d.kind != Distribution::Kind::Unknown);
    return d;
}

void Parser::readTargets(ObjectReader &r, LoadBalancer &out)
{
    if (const auto a = r.array(QStringLiteral("targets"))) {
        const QString tpath = r.path(QStringLiteral("targets"));
        for (qsizetype i = 0; i < a->size(); ++i) {
            if (!a->at(i).isString())
                typeError(JsonPath::index(tpath, i), QStringLiteral("a component id"), a->at(i));
            out.targets.append(a->at(i).toString());
        }
    }
}

void Parser::readRoutes(ObjectReader &r, Gateway &out)
{
    if (const auto o = r.object(QStringLiteral("routes"))) {
        const QString rpath = r.path(QStringLiteral("routes"));
        for (const QString &name : orderedKeys(*o, rpath)) {
            Route route;
            route.request = name;
            const QString path = JsonPath::key(rpath, name);
            const QJsonValue v = o->value(name);
            if (!v.isArray()) {
                typeError(path,
                          QStringLiteral("an array of {\"target\": ..., \"weight\": ...}"),
                          v);
            } else {
                const QJsonArray a = v.toArray();
                for (qsizetype i = 0; i < a.size(); ++i)
                    route.targets.append(readElement<RouteTarget>(
                        a.at(i),
                        JsonPath::index(path, i),
                        QStringLiteral("an object like {\"target\": \"api\", \"weight\": 1}")));
            }
            out.routes.append(route);
        }
    }
}

void Parser::readQueries(ObjectReader &r, Database &out)
{
    if (const auto o = r.object(QStringLiteral("queries"))) {
        const QString qpath = r.path(QStringLiteral("queries"));
        for (const QString &name : orderedKeys(*o, qpath)) {
            Query q;
            q.name = name;
            q.duration = readDistribution(o->value(name), JsonPath::key(qpath, name));
            out.queries.append(q);
        }
    }
}

void Parser::readMaxLength(ObjectReader &r, Queue &out)
{
    const QString key = Format::keyOf(&Queue::maxLength);
    if (r.has(key) && r.object().value(key).isNull()) {
        r.take(key);
        out.maxLengthNull = true;
    } else {
        out.maxLength = r.integer(key,
                                  std::numeric_limits<qint64>::min(),
                                  std::numeric_limits<qint64>::max());
    }
}

void Parser::readConsumers(ObjectReader &r, Queue &out)
{
    if (const auto a = r.array(QStringLiteral("consumers"))) {
        const QString cpath = r.path(QStringLiteral("consumers"));
        for (qsizetype i = 0; i < a->size(); ++i)
            out.consumers.append(
                readElement<Consumer>(a->at(i),
                                      JsonPath::index(cpath, i),
                                      QStringLiteral(
                                          "an object like {\"service\": \"mailer\", \"count\": 1, "
                                          "\"prefetch\": 10}")));
    }
}

void Parser::readModules(ObjectReader &r, Service &out)
{
    if (const auto a = r.array(QStringLiteral("modules"))) {
        const QString mpath = r.path(QStringLiteral("modules"));
        for (qsizetype i = 0; i < a->size(); ++i)
            out.modules.append(
                readElement<Module>(a->at(i),
                                    JsonPath::index(mpath, i),
                                    QStringLiteral("an object like {\"name\": \"catalog\", "
                                                   "\"handlers\": [\"browse\"]}")));
    }
}

void Parser::readLessonTries(ObjectReader &r, const QString &key, Lesson &out)
{
    if (const auto a = r.array(key)) {
        const QString path = r.path(key);
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QJsonValue v = a->at(i);
            if (v.isString()) {
                LessonTry t;
                t.text = v.toString();
                t.bare = true;
                out.tries.append(t);
                continue;
            }
            out.tries.append(readElement<LessonTry>(
                v,
                JsonPath::index(path, i),
                QStringLiteral("a sentence, or an object like {\"text\": \"Use 4 workers\", "
                               "\"field\": \"components[api].concurrency.workers\", "
                               "\"value\": 4}")));
        }
    }
}

void Parser::readWhatIfPins(ObjectReader &r, const QString &key, WhatIf &out)
{
    if (const auto a = r.array(key)) {
        const QString path = r.path(key);
        for (qsizetype i = 0; i < a->size(); ++i)
            out.pinned.append(readElement<WhatIfPin>(
                a->at(i),
                JsonPath::index(path, i),
                QStringLiteral("an object like {\"field\": \"components[api].replicas\", "
                               "\"min\": 1, \"max\": 8}")));
    }
}

QStringList Parser::readNames(ObjectReader &r, const QString &key)
{
    QStringList names;
    if (const auto a = r.array(key)) {
        const QString path = r.path(key);
        for (qsizetype i = 0; i < a->size(); ++i) {
            if (!a->at(i).isString())
                typeError(JsonPath::index(path, i), QStringLiteral("a name"), a->at(i));
            else
                names.append(a->at(i).toString());
        }
    }
    return names;
}

Fault Parser::readFault(const QJsonValue &v, const QString &path)
{
    return readElement<Fault>(v, path, QStringLiteral("a fault object"));
}

} // namespace

Problems locateProblems(Problems problems, const QByteArray &utf8)
{
    const JsonLocator locator(utf8);
    for (Problem &p : problems) {
        if (p.path.isEmpty() || p.line > 0)
            continue;
        const JsonLocator::Position pos = locator.find(p.path);
        p.line = pos.line;
        p.column = pos.column;
    }
    // In the order of the text, so a reader can fix them top to bottom.
    std::stable_sort(problems.begin(), problems.end(), [](const Problem &a, const Problem &b) {
        return a.line < b.line;
    });
    return problems;
}

ScenarioLoad parseScenario(const QByteArray &utf8)
{
    ScenarioLoad load;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonParseError::offset is the byte just past the offending character.
        const JsonLocator::Position pos
            = JsonLocator::positionOf(utf8, std::max<qsizetype>(0, parseError.offset - 1));
        load.problems.append({Problem::Severity::Error,
                              QString(),
                              QStringLiteral("this is not valid JSON: %1 at line %2, column %3")
                                  .arg(parseError.errorString())
                                  .arg(pos.line)
                                  .arg(pos.column),
                              pos.line,
                              pos.column});
        return load;
    }
    if (!doc.isObject()) {
        load.problems.append({Problem::Severity::Error,
                              JsonPath::root(),
                              QStringLiteral("a scenario is a JSON object { ... }, but this "
                                             "file holds an array"),
                              1,
                              1});
        return load;
    }

    const JsonLocator locator(utf8);
    Parser parser(locator);
    Scenario scenario = parser.readScenario(doc.object());

    Problems problems = parser.problems;
    for (const QString &path : locator.duplicateKeys()) {
        problems.append({Problem::Severity::Warning,
                         path,
                         QStringLiteral("this key appears more than once in the same object; "
                                        "only the last value is used (and saved)"),
                         0,
                         0});
    }
    // A value that could not be read already has its error; the validator would only
    // repeat it in other words (e.g. "missing"), so its problems at or inside such a
    // path are left out.
    QStringList unreadable;
    for (const Problem &p : parser.problems) {
        if (p.isError())
            unreadable.append(p.path);
    }
    for (const Problem &p : validateScenario(scenario)) {
        const bool repeated = std::any_of(unreadable.cbegin(),
                                          unreadable.cend(),
                                          [&](const QString &u) {
                                              return JsonPath::isWithin(p.path, u);
                                          });
        if (!repeated)
            problems.append(p);
    }
    load.problems = locateProblems(problems, utf8);
    load.scenario = std::move(scenario);
    return load;
}

namespace {

/**
 * One object of the format on its own (what a project stores apart from its scenarios):
 * JSON errors, then `read(parser, object)`, whose problems (the parser's, and any it adds)
 * get their lines. nullopt when there is any error.
 */
template<typename T, typename Read>
std::optional<T> parseObjectAlone(const QByteArray &utf8,
                                  Problems *problems,
                                  const QString &notAnObject,
                                  Read read)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (problems)
            *problems = {
                {Problem::Severity::Error,
                 JsonPath::root(),
                 parseError.error != QJsonParseError::NoError
                     ? QStringLiteral("this is not valid JSON: %1").arg(parseError.errorString())
                     : notAnObject,
                 0,
                 0}};
        return std::nullopt;
    }
    const JsonLocator locator(utf8);
    Parser parser(locator);
    T value = read(parser, doc.object());
    const Problems found = locateProblems(parser.problems, utf8);
    if (problems)
        *problems = found;
    if (hasErrors(found))
        return std::nullopt;
    return value;
}

} // namespace

std::optional<Workload> parseWorkload(const QByteArray &utf8, Problems *problems)
{
    return parseObjectAlone<Workload>(utf8,
                                      problems,
                                      QStringLiteral("a workload is a JSON object { ... }"),
                                      [](Parser &parser, const QJsonObject &o) {
                                          return parser.readWorkloadObject(o, JsonPath::root());
                                      });
}

std::optional<CostPrices> parseCostPrices(const QByteArray &utf8, Problems *problems)
{
    return parseObjectAlone<CostPrices>(utf8,
                                        problems,
                                        QStringLiteral("prices are a JSON object { ... }"),
                                        [](Parser &parser, const QJsonObject &o) {
                                            const CostPrices cost
                                                = parser.readCostObject(o, JsonPath::root());
                                            // the ranges, as the validator checks them in a scenario's "cost"
                                            Scenario holder;
                                            holder.cost = cost;
                                            const QString prefix = QStringLiteral("$.cost");
                                            for (Problem p : validateScenario(holder)) {
                                                if (JsonPath::isWithin(p.path, prefix)) {
                                                    p.path = JsonPath::root()
                                                             + p.path.mid(prefix.size());
                                                    parser.problems.append(p);
                                                }
                                            }
                                            return cost;
                                        });
}

ScenarioLoad loadScenarioFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioLoad load;
        load.problems.append(
            {Problem::Severity::Error,
             QString(),
             QStringLiteral("cannot read '%1': %2").arg(fileName, file.errorString()),
             0,
             0});
        return load;
    }
    return parseScenario(file.readAll());
}

} // namespace Model
