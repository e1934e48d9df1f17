// SPDX-License-Identifier: GPL-3.0-or-later
// serializeScenario: Scenario -> JSON text in the order of the spec, so a saved file reads
// like the examples and diffs cleanly. QJsonDocument sorts keys and would put "version"
// after "name", so the writer builds its own small ordered tree and prints it.
// writeFields() writes each object's fields in the order of its table (model/format).
#include "ScenarioIo.h"

#include "format/Schema.h"

#include <QJsonArray>
#include <QSet>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <variant>

namespace Model {

namespace {

constexpr int kLineWidth = 100;

/** A JSON value whose object members keep the order they were added in. */
struct Node
{
    enum class Type { Null, Bool, Integer, Unsigned, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    qint64 integer = 0;
    quint64 unsignedInteger = 0;
    double number = 0;
    QString string;
    std::vector<Node> items;
    std::vector<std::pair<QString, Node>> members;

    static Node null() { return {}; }
    static Node fromBool(bool b)
    {
        Node n;
        n.type = Type::Bool;
        n.boolean = b;
        return n;
    }
    static Node fromInteger(qint64 i)
    {
        Node n;
        n.type = Type::Integer;
        n.integer = i;
        return n;
    }
    static Node fromUnsigned(quint64 i)
    {
        Node n;
        n.type = Type::Unsigned;
        n.unsignedInteger = i;
        return n;
    }
    static Node fromNumber(double d)
    {
        Node n;
        n.type = Type::Number;
        n.number = d;
        return n;
    }
    static Node fromString(const QString &s)
    {
        Node n;
        n.type = Type::String;
        n.string = s;
        return n;
    }
    static Node array()
    {
        Node n;
        n.type = Type::Array;
        return n;
    }
    static Node object()
    {
        Node n;
        n.type = Type::Object;
        return n;
    }

    bool has(const QString &key) const
    {
        for (const auto &m : members) {
            if (m.first == key)
                return true;
        }
        return false;
    }
    Node &add(const QString &key, Node value)
    {
        members.emplace_back(key, std::move(value));
        return *this;
    }
    void append(Node value) { items.push_back(std::move(value)); }

    static Node fromJson(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Bool:
            return fromBool(v.toBool());
        case QJsonValue::Double: {
            const double d = v.toDouble();
            const qint64 sentinel = std::numeric_limits<qint64>::min();
            const qint64 i = v.toInteger(sentinel);
            return i != sentinel ? fromInteger(i) : fromNumber(d);
        }
        case QJsonValue::String:
            return fromString(v.toString());
        case QJsonValue::Array: {
            Node n = array();
            for (const QJsonValue &item : v.toArray())
                n.append(fromJson(item));
            return n;
        }
        case QJsonValue::Object: {
            Node n = object();
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                n.add(it.key(), fromJson(it.value()));
            return n;
        }
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        }
        return null();
    }
};

/** Shortest text that reads back as exactly the same double. */
QByteArray formatNumber(double d)
{
    if (!std::isfinite(d))
        return "null"; // JSON has no NaN or infinity; the parser never produces them
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return QByteArray::number(static_cast<qint64>(d));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    return QByteArray(buffer, static_cast<qsizetype>(result.ptr - buffer));
}

QByteArray quote(const QString &s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char c : s.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned char>(c));
                out += hex;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray compact(const Node &n)
{
    switch (n.type) {
    case Node::Type::Null:
        return "null";
    case Node::Type::Bool:
        return n.boolean ? "true" : "false";
    case Node::Type::Integer:
        return QByteArray::number(n.integer);
    case Node::Type::Unsigned:
        return QByteArray::number(n.unsignedInteger);
    case Node::Type::Number:
        return formatNumber(n.number);
    case Node::Type::String:
        return quote(n.string);
    case Node::Type::Array: {
        if (n.items.empty())
            return "[]";
        QByteArray out = "[ ";
        for (size_t i = 0; i < n.items.size(); ++i) {
            if (i)
                out += ", ";
            out += compact(n.items[i]);
        }
        return out + " ]";
    }
    case Node::Type::Object: {
        if (n.members.empty())
            return "{}";
        QByteArray out = "{ ";
        for (size_t i = 0; i < n.members.size(); ++i) {
            if (i)
                out += ", ";
            out += quote(n.members[i].first) + ": " + compact(n.members[i].second);
        }
        return out + " }";
    }
    }
    return "null";
}

/**
 * Prints `n` on one line when it fits in the line width after `used` columns, else one
 * member or item per line. The top level always breaks.
 */
void render(const Node &n, int indent, int used, int depth, QByteArray &out)
{
    const bool container = n.type == Node::Type::Array || n.type == Node::Type::Object;
    // +1 leaves room for the comma that may follow.
    if (!container || (depth > 0 && [&] {
            const QByteArray c = compact(n);
            return used + c.size() + 1 <= kLineWidth;
        }())) {
        out += compact(n);
        return;
    }
    const bool isObject = n.type == Node::Type::Object;
    const size_t count = isObject ? n.members.size() : n.items.size();
    if (count == 0) {
        out += isObject ? "{}" : "[]";
        return;
    }
    const QByteArray pad(indent + 2, ' ');
    out += isObject ? "{\n" : "[\n";
    for (size_t i = 0; i < count; ++i) {
        out += pad;
        int col = static_cast<int>(pad.size());
        if (isObject) {
            const QByteArray k = quote(n.members[i].first) + ": ";
            out += k;
            col += static_cast<int>(k.size());
        }
        const Node &child = isObject ? n.members[i].second : n.items[i];
        render(child, indent + 2, col, depth + 1, out);
        if (i + 1 < count)
            out += ',';
        out += '\n';
    }
    out += QByteArray(indent, ' ');
    out += isObject ? '}' : ']';
}

/** Appends the fields of `extra` that the known fields did not already write. */
void addExtra(Node &n, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!n.has(it.key()))
            n.add(it.key(), Node::fromJson(it.value()));
    }
}

void addString(Node &n, const char *key, const QString &value)
{
    if (!value.isEmpty())
        n.add(QString::fromLatin1(key), Node::fromString(value));
}

template<typename T>
void addOptional(Node &n, const char *key, const std::optional<T> &value)
{
    if (!value)
        return;
    if constexpr (std::is_same_v<T, double>)
        n.add(QString::fromLatin1(key), Node::fromNumber(*value));
    else if constexpr (std::is_same_v<T, bool>)
        n.add(QString::fromLatin1(key), Node::fromBool(*value));
    else
        n.add(QString::fromLatin1(key), Node::fromInteger(*value));
}

Node distribution(const Distribution &d)
{
    if (d.kind == Distribution::Kind::Const && d.bare && d.value && d.extra.isEmpty())
        return Node::fromNumber(*d.value);
    Node n = Node::object();
    addString(n,
              "dist",
              d.kind == Distribution::Kind::Unknown ? d.unknownName : distributionKindName(d.kind));
    addOptional(n, "value", d.value);
    addOptional(n, "k", d.k);
    addOptional(n, "mean", d.mean);
    addOptional(n, "stddev", d.stddev);
    addOptional(n, "min", d.min);
    addOptional(n, "max", d.max);
    addExtra(n, d.extra);
    return n;
}

void addDistribution(Node &n, const char *key, const std::optional<Distribution> &d)
{
    if (d)
        n.add(QString::fromLatin1(key), distribution(*d));
}

Node steps(const Steps &list);
template<typename Owner>
void writePart(Node &n, const Format::Field<Owner> &f, const Owner &value);

/** The fields of `value` in the order of its table; then the caller adds `extra`. */
template<typename Owner>
void writeFields(Node &n, const Owner &value, Format::Table<Owner> table)
{
    for (const Format::Field<Owner> &f : table) {
        if (f.part != Format::Part::None && f.part != Format::Part::Steps) {
            writePart(n, f, value);
            continue;
        }
        const QString key = QString::fromLatin1(f.key);
        std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::monostate>) {
                } else if constexpr (std::is_same_v<M, QString Owner::*>) {
                    if (f.always)
                        n.add(key, Node::fromString(value.*member));
                    else
                        addString(n, f.key, value.*member);
                } else if constexpr (std::is_same_v<M, std::optional<Distribution> Owner::*>) {
                    addDistribution(n, f.key, value.*member);
                } else if constexpr (std::is_same_v<M, Distribution Owner::*>) {
                    n.add(key, distribution(value.*member));
                } else if constexpr (std::is_same_v<M, double Owner::*>) {
                    n.add(key, Node::fromNumber(value.*member));
                } else if constexpr (std::is_same_v<M, int Owner::*>) {
                    n.add(key, Node::fromInteger(value.*member));
                } else if constexpr (std::is_same_v<M, quint64 Owner::*>) {
                    n.add(key, Node::fromUnsigned(value.*member));
                } else if constexpr (std::is_same_v<M, std::vector<Step> Owner::*>) {
                    if (f.always || !(value.*member).empty())
                        n.add(key, steps(value.*member));
                } else if constexpr (std::is_same_v<M, QStringList Owner::*>) {
                    if (f.always || !(value.*member).isEmpty()) {
                        Node list = Node::array();
                        for (const QString &name : value.*member)
                            list.append(Node::fromString(name));
                        n.add(key, std::move(list));
                    }
                } else if constexpr (
                    std::is_same_v<
                        M,
                        std::optional<double> Owner::
                            *> || std::is_same_v<M, std::optional<int> Owner::*> || std::is_same_v<M, std::optional<qint64> Owner::*> || std::is_same_v<M, std::optional<bool> Owner::*>) {
                    addOptional(n, f.key, value.*member);
                } else {
                    // a sub-object with a table of its own
                    const auto &sub = value.*member;
                    using Sub = typename std::remove_reference_t<decltype(sub)>::value_type;
                    if (sub) {
                        Node sn = Node::object();
                        writeFields(sn, *sub, Format::fieldsOf<Sub>());
                        addExtra(sn, sub->extra);
                        n.add(key, std::move(sn));
                    }
                }
            },
            f.member);
    }
}

/** An element of a list: its fields and its extra fields. */
template<typename Owner>
Node element(const Owner &value)
{
    Node n = Node::object();
    writeFields(n, value, Format::fieldsOf<Owner>());
    addExtra(n, value.extra);
    return n;
}

/** The lists and maps with a structure of their own. */
template<typename Owner>
void writePart(Node &n, const Format::Field<Owner> &f, const Owner &value)
{
    const QString key = QString::fromLatin1(f.key);
    using Format::Part;
    if constexpr (std::is_same_v<Owner, Service>) {
        if (f.part == Part::Pools && !value.pools.isEmpty()) {
            Node pn = Node::object();
            for (const PoolLimit &p : value.pools)
                pn.add(p.target, Node::fromInteger(p.size));
            n.add(key, std::move(pn));
        } else if (f.part == Part::Handlers) {
            Node hn = Node::object();
            for (const Handler &h : value.handlers)
                hn.add(h.request, steps(h.steps));
            n.add(key, std::move(hn));
        } else if (f.part == Part::Modules && !value.modules.isEmpty()) {
            Node mn = Node::array();
            for (const Module &m : value.modules)
                mn.append(element(m));
            n.add(key, std::move(mn));
        }
    } else if constexpr (std::is_same_v<Owner, LoadBalancer>) {
        Node tn = Node::array();
        for (const QString &t : value.targets)
            tn.append(Node::fromString(t));
        n.add(key, std::move(tn));
    } else if constexpr (std::is_same_v<Owner, Gateway>) {
        Node rn = Node::object();
        for (const Route &r : value.routes) {
            Node list = Node::array();
            for (const RouteTarget &t : r.targets)
                list.append(element(t));
            rn.add(r.request, std::move(list));
        }
        n.add(key, std::move(rn));
    } else if constexpr (std::is_same_v<Owner, Database>) {
        Node qn = Node::object();
        for (const Query &q : value.queries)
            qn.add(q.name, distribution(q.duration));
        n.add(key, std::move(qn));
    } else if constexpr (std::is_same_v<Owner, Queue>) {
        if (f.part == Part::MaxLength) {
            if (value.maxLength)
                addOptional(n, f.key, value.maxLength);
            else if (value.maxLengthNull)
                n.add(key, Node::null());
        } else if (f.part == Part::Consumers) {
            Node cn = Node::array();
            for (const Consumer &consumer : value.consumers)
                cn.append(element(consumer));
            n.add(key, std::move(cn));
        }
    } else if constexpr (std::is_same_v<Owner, Lesson>) {
        if (!value.tries.isEmpty()) {
            Node tn = Node::array();
            for (const LessonTry &t : value.tries) {
                // a hint with the sentence only stays the plain string it was written as
                if (t.bare && t.field.isEmpty() && !t.value && t.extra.isEmpty())
                    tn.append(Node::fromString(t.text));
                else
                    tn.append(element(t));
            }
            n.add(key, std::move(tn));
        }
    } else if constexpr (std::is_same_v<Owner, LessonTry>) {
        if (value.value)
            n.add(key, Node::fromJson(*value.value));
    } else if constexpr (std::is_same_v<Owner, WhatIf>) {
        Node pn = Node::array();
        for (const WhatIfPin &pin : value.pinned)
            pn.append(element(pin));
        n.add(key, std::move(pn));
    }
}

Node step(const Step &s)
{
    Node n = Node::object();
    writeFields(n, s, Format::stepFields(s.kind));
    addExtra(n, s.extra);
    return n;
}

Node steps(const Steps &list)
{
    Node n = Node::array();
    for (const Step &s : list)
        n.append(step(s));
    return n;
}

Node component(const Component &c, const UiPosition *ui)
{
    Node n = Node::object();
    n.add(QStringLiteral("id"), Node::fromString(c.id));
    addString(n,
              "kind",
              c.kind == ComponentKind::Unknown ? c.unknownKind : componentKindName(c.kind));
    switch (c.kind) {
    case ComponentKind::Service:
        writeFields(n, c.service, Format::serviceFields());
        break;
    case ComponentKind::LoadBalancer:
        writeFields(n, c.loadBalancer, Format::loadBalancerFields());
        break;
    case ComponentKind::Gateway:
        writeFields(n, c.gateway, Format::gatewayFields());
        break;
    case ComponentKind::Database:
        writeFields(n, c.database, Format::databaseFields());
        break;
    case ComponentKind::Cache:
        writeFields(n, c.cache, Format::cacheFields());
        break;
    case ComponentKind::Queue:
        writeFields(n, c.queue, Format::queueFields());
        break;
    case ComponentKind::External:
        writeFields(n, c.external, Format::externalFields());
        break;
    case ComponentKind::Unknown:
        break;
    }
    if (ui)
        n.add(QStringLiteral("ui"), element(*ui));
    addExtra(n, c.extra);
    return n;
}

Node workloadNode(const Workload &w)
{
    Node wn = Node::object();
    writeFields(wn, w, Format::workloadFields());
    wn.add(QStringLiteral("arrivals"), element(w.arrivals));
    Node rn = Node::array();
    for (const RequestType &t : w.requests)
        rn.append(element(t));
    wn.add(QStringLiteral("requests"), std::move(rn));
    addExtra(wn, w.extra);
    return wn;
}

Node scenarioNode(const Scenario &s)
{
    Node root = Node::object();
    root.add(QStringLiteral("format"), Node::fromString(s.format));
    root.add(QStringLiteral("version"), Node::fromInteger(s.version));
    addString(root, "name", s.name);
    addString(root, "description", s.description);
    addString(root, "slo", s.slo);
    if (s.lesson)
        root.add(QStringLiteral("lesson"), element(*s.lesson));
    if (s.whatIf)
        root.add(QStringLiteral("what_if"), element(*s.whatIf));
    root.add(QStringLiteral("simulation"), element(s.simulation));

    root.add(QStringLiteral("workload"), workloadNode(s.workload));

    Node cn = Node::array();
    QSet<QString> placed; // the first component with an id has its position
    for (const Component &c : s.components) {
        const auto pos = s.diagram.positions.constFind(c.id);
        const bool first = !c.id.isEmpty() && !placed.contains(c.id);
        placed.insert(c.id);
        cn.append(component(c, first && pos != s.diagram.positions.constEnd() ? &*pos : nullptr));
    }
    root.add(QStringLiteral("components"), std::move(cn));
    if (s.network)
        root.add(QStringLiteral("network"), element(*s.network));

    if (!s.faults.isEmpty()) {
        Node fn = Node::array();
        for (const Fault &f : s.faults)
            fn.append(element(f));
        root.add(QStringLiteral("faults"), std::move(fn));
    }
    if (s.cost)
        root.add(QStringLiteral("cost"), element(*s.cost));
    addExtra(root, s.extra);
    return root;
}

} // namespace

QByteArray serializeScenario(const Scenario &scenario)
{
    QByteArray out;
    render(scenarioNode(scenario), 0, 0, 0, out);
    out += '\n';
    return out;
}

QByteArray serializeCostPrices(const CostPrices &prices)
{
    QByteArray out;
    render(element(prices), 0, 0, 0, out);
    out += '\n';
    return out;
}

QByteArray serializeWorkload(const Workload &workload)
{
    QByteArray out;
    render(workloadNode(workload), 0, 0, 0, out);
    out += '\n';
    return out;
}

} // namespace Model
