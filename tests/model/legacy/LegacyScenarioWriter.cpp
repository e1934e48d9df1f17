// SPDX-License-Identifier: GPL-3.0-or-later
// serializeScenario: Scenario -> JSON text in the order of the spec, so a saved file reads
// like the examples and diffs cleanly. QJsonDocument sorts keys and would put "version"
// after "name", so the writer builds its own small ordered tree and prints it.
#include "LegacyScenarioIo.h"

#include <QJsonArray>

#include <charconv>
#include <cstdio>
#include <cmath>
#include <variant>

namespace Model::Legacy {

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
        case QJsonValue::Bool: return fromBool(v.toBool());
        case QJsonValue::Double: {
            const double d = v.toDouble();
            const qint64 sentinel = std::numeric_limits<qint64>::min();
            const qint64 i = v.toInteger(sentinel);
            return i != sentinel ? fromInteger(i) : fromNumber(d);
        }
        case QJsonValue::String: return fromString(v.toString());
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
        case QJsonValue::Undefined: break;
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
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
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
    case Node::Type::Null: return "null";
    case Node::Type::Bool: return n.boolean ? "true" : "false";
    case Node::Type::Integer: return QByteArray::number(n.integer);
    case Node::Type::Unsigned: return QByteArray::number(n.unsignedInteger);
    case Node::Type::Number: return formatNumber(n.number);
    case Node::Type::String: return quote(n.string);
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
    addString(n, "dist", d.kind == Distribution::Kind::Unknown ? d.unknownName
                                                               : distributionKindName(d.kind));
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

Node step(const Step &s)
{
    Node n = Node::object();
    const QString k = stepKindKey(s.kind);
    switch (s.kind) {
    case Step::Kind::Cpu:
    case Step::Kind::Io:
        n.add(k, distribution(s.duration));
        addOptional(n, "offload", s.offload);
        break;
    case Step::Kind::Call:
        n.add(k, Node::fromString(s.target));
        addString(n, "request", s.request);
        addOptional(n, "timeout_ms", s.timeoutMs);
        addOptional(n, "retries", s.retries);
        addOptional(n, "backoff_ms", s.backoffMs);
        addOptional(n, "multiplier", s.multiplier);
        addOptional(n, "max_backoff_ms", s.maxBackoffMs);
        addOptional(n, "jitter", s.jitter);
        addOptional(n, "retry_budget", s.retryBudget);
        if (s.circuitBreaker) {
            const CircuitBreaker &b = *s.circuitBreaker;
            Node bn = Node::object();
            addOptional(bn, "failure_rate", b.failureRate);
            addOptional(bn, "minimum_calls", b.minimumCalls);
            addOptional(bn, "window", b.window);
            addOptional(bn, "open_s", b.openS);
            addOptional(bn, "half_open_calls", b.halfOpenCalls);
            addExtra(bn, b.extra);
            n.add(QStringLiteral("circuit_breaker"), std::move(bn));
        }
        addOptional(n, "bulkhead", s.bulkhead);
        if (!s.fallback.empty())
            n.add(QStringLiteral("fallback"), steps(s.fallback));
        break;
    case Step::Kind::Parallel: n.add(k, steps(s.steps)); break;
    case Step::Kind::Publish:
        n.add(k, Node::fromString(s.target));
        addString(n, "message", s.message);
        break;
    case Step::Kind::Cache:
        n.add(k, Node::fromString(s.target));
        addOptional(n, "keys", s.keys);
        addOptional(n, "zipf", s.zipf);
        if (!s.steps.empty())
            n.add(QStringLiteral("on_miss"), steps(s.steps));
        break;
    case Step::Kind::Probability:
        addOptional(n, "probability", s.probability);
        n.add(QStringLiteral("steps"), steps(s.steps));
        break;
    case Step::Kind::Unknown: break;
    }
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

void writeService(Node &n, const Service &s)
{
    addOptional(n, "replicas", s.replicas);
    addOptional(n, "cpu_cores", s.cpuCores);
    if (s.concurrency) {
        const Concurrency &c = *s.concurrency;
        Node cn = Node::object();
        addString(cn, "model", c.model);
        addOptional(cn, "threads", c.threads);
        addOptional(cn, "queue_limit", c.queueLimit);
        addOptional(cn, "workers", c.workers);
        addOptional(cn, "worker_threads", c.workerThreads);
        addExtra(cn, c.extra);
        n.add(QStringLiteral("concurrency"), std::move(cn));
    }
    addString(n, "balancing", s.balancing);
    if (s.autoscaling) {
        const Autoscaling &a = *s.autoscaling;
        Node an = Node::object();
        addOptional(an, "min", a.min);
        addOptional(an, "max", a.max);
        addOptional(an, "target_cpu", a.targetCpu);
        addOptional(an, "interval_s", a.intervalS);
        addOptional(an, "scale_up_stabilization_s", a.scaleUpStabilizationS);
        addOptional(an, "scale_down_stabilization_s", a.scaleDownStabilizationS);
        addOptional(an, "tolerance", a.tolerance);
        addExtra(an, a.extra);
        n.add(QStringLiteral("autoscaling"), std::move(an));
    }
    addOptional(n, "startup_s", s.startupS);
    addOptional(n, "memory_mb", s.memoryMb);
    addOptional(n, "memory_base_mb", s.memoryBaseMb);
    addOptional(n, "memory_per_request_mb", s.memoryPerRequestMb);
    addString(n, "restart", s.restart);
    addOptional(n, "restart_backoff_s", s.restartBackoffS);
    addOptional(n, "restart_backoff_max_s", s.restartBackoffMaxS);
    if (s.healthCheck) {
        Node hn = Node::object();
        addOptional(hn, "interval_s", s.healthCheck->intervalS);
        addOptional(hn, "failures", s.healthCheck->failures);
        addExtra(hn, s.healthCheck->extra);
        n.add(QStringLiteral("health_check"), std::move(hn));
    }
    if (!s.pools.isEmpty()) {
        Node pn = Node::object();
        for (const PoolLimit &p : s.pools)
            pn.add(p.target, Node::fromInteger(p.size));
        n.add(QStringLiteral("pools"), std::move(pn));
    }
    Node hn = Node::object();
    for (const Handler &h : s.handlers)
        hn.add(h.request, steps(h.steps));
    n.add(QStringLiteral("handlers"), std::move(hn));
}

Node component(const Component &c)
{
    Node n = Node::object();
    n.add(QStringLiteral("id"), Node::fromString(c.id));
    addString(n, "kind", c.kind == ComponentKind::Unknown ? c.unknownKind
                                                          : componentKindName(c.kind));
    switch (c.kind) {
    case ComponentKind::Service: writeService(n, c.service); break;
    case ComponentKind::LoadBalancer: {
        const LoadBalancer &lb = c.loadBalancer;
        addString(n, "policy", lb.policy);
        addDistribution(n, "latency_ms", lb.latencyMs);
        Node tn = Node::array();
        for (const QString &t : lb.targets)
            tn.append(Node::fromString(t));
        n.add(QStringLiteral("targets"), std::move(tn));
        break;
    }
    case ComponentKind::Gateway: {
        addDistribution(n, "latency_ms", c.gateway.latencyMs);
        Node rn = Node::object();
        for (const Route &r : c.gateway.routes) {
            Node list = Node::array();
            for (const RouteTarget &t : r.targets) {
                Node tn = Node::object();
                tn.add(QStringLiteral("target"), Node::fromString(t.target));
                addOptional(tn, "weight", t.weight);
                addExtra(tn, t.extra);
                list.append(std::move(tn));
            }
            rn.add(r.request, std::move(list));
        }
        n.add(QStringLiteral("routes"), std::move(rn));
        break;
    }
    case ComponentKind::Database: {
        addOptional(n, "max_connections", c.database.maxConnections);
        Node qn = Node::object();
        for (const Query &q : c.database.queries)
            qn.add(q.name, distribution(q.duration));
        n.add(QStringLiteral("queries"), std::move(qn));
        break;
    }
    case ComponentKind::Cache: {
        const Cache &k = c.cache;
        addString(n, "engine", k.engine);
        addOptional(n, "capacity_keys", k.capacityKeys);
        addString(n, "eviction", k.eviction);
        addOptional(n, "samples", k.samples);
        addOptional(n, "ttl_s", k.ttlS);
        addOptional(n, "ttl_jitter", k.ttlJitter);
        addDistribution(n, "hit_ms", k.hitMs);
        addDistribution(n, "miss_ms", k.missMs);
        addString(n, "stampede", k.stampede);
        addOptional(n, "threads", k.threads);
        addDistribution(n, "command_ms", k.commandMs);
        break;
    }
    case ComponentKind::Queue: {
        const Queue &q = c.queue;
        addString(n, "broker", q.broker);
        addOptional(n, "durable", q.durable);
        addDistribution(n, "publish_ms", q.publishMs);
        addDistribution(n, "delivery_ms", q.deliveryMs);
        if (q.maxLength)
            addOptional(n, "max_length", q.maxLength);
        else if (q.maxLengthNull)
            n.add(QStringLiteral("max_length"), Node::null());
        addString(n, "overflow", q.overflow);
        addString(n, "exchange", q.exchange);
        Node cn = Node::array();
        for (const Consumer &consumer : q.consumers) {
            Node e = Node::object();
            e.add(QStringLiteral("service"), Node::fromString(consumer.service));
            addOptional(e, "count", consumer.count);
            addOptional(e, "prefetch", consumer.prefetch);
            addExtra(e, consumer.extra);
            cn.append(std::move(e));
        }
        n.add(QStringLiteral("consumers"), std::move(cn));
        break;
    }
    case ComponentKind::External:
        addDistribution(n, "latency_ms", c.external.latencyMs);
        addOptional(n, "error_rate", c.external.errorRate);
        break;
    case ComponentKind::Unknown: break;
    }
    if (c.ui) {
        Node un = Node::object();
        un.add(QStringLiteral("x"), Node::fromNumber(c.ui->x));
        un.add(QStringLiteral("y"), Node::fromNumber(c.ui->y));
        addExtra(un, c.ui->extra);
        n.add(QStringLiteral("ui"), std::move(un));
    }
    addExtra(n, c.extra);
    return n;
}

Node scenarioNode(const Scenario &s)
{
    Node root = Node::object();
    root.add(QStringLiteral("format"), Node::fromString(s.format));
    root.add(QStringLiteral("version"), Node::fromInteger(s.version));
    addString(root, "name", s.name);
    addString(root, "description", s.description);

    Node sim = Node::object();
    sim.add(QStringLiteral("duration_s"), Node::fromNumber(s.simulation.durationS));
    sim.add(QStringLiteral("warmup_s"), Node::fromNumber(s.simulation.warmupS));
    sim.add(QStringLiteral("seed"), Node::fromUnsigned(s.simulation.seed));
    sim.add(QStringLiteral("replications"), Node::fromInteger(s.simulation.replications));
    sim.add(QStringLiteral("bucket_s"), Node::fromNumber(s.simulation.bucketS));
    addExtra(sim, s.simulation.extra);
    root.add(QStringLiteral("simulation"), std::move(sim));

    const Workload &w = s.workload;
    Node wn = Node::object();
    wn.add(QStringLiteral("entry"), Node::fromString(w.entry));
    Node an = Node::object();
    const Arrivals &arr = w.arrivals;
    addString(an, "kind", arr.kind);
    addOptional(an, "rate_per_s", arr.ratePerS);
    addOptional(an, "from", arr.from);
    addOptional(an, "to", arr.to);
    addOptional(an, "over_s", arr.overS);
    addOptional(an, "start_s", arr.startS);
    addOptional(an, "peak", arr.peak);
    addOptional(an, "at_s", arr.atS);
    addOptional(an, "length_s", arr.lengthS);
    addOptional(an, "low_rate", arr.lowRate);
    addOptional(an, "high_rate", arr.highRate);
    addOptional(an, "low_mean_s", arr.lowMeanS);
    addOptional(an, "high_mean_s", arr.highMeanS);
    addOptional(an, "mean", arr.mean);
    addOptional(an, "amplitude", arr.amplitude);
    addOptional(an, "period_s", arr.periodS);
    addOptional(an, "peak_at_s", arr.peakAtS);
    addExtra(an, arr.extra);
    wn.add(QStringLiteral("arrivals"), std::move(an));
    Node rn = Node::array();
    for (const RequestType &t : w.requests) {
        Node tn = Node::object();
        tn.add(QStringLiteral("name"), Node::fromString(t.name));
        addOptional(tn, "weight", t.weight);
        addExtra(tn, t.extra);
        rn.append(std::move(tn));
    }
    wn.add(QStringLiteral("requests"), std::move(rn));
    addExtra(wn, w.extra);
    root.add(QStringLiteral("workload"), std::move(wn));

    Node cn = Node::array();
    for (const Component &c : s.components)
        cn.append(component(c));
    root.add(QStringLiteral("components"), std::move(cn));

    if (!s.faults.isEmpty()) {
        Node fn = Node::array();
        for (const Fault &f : s.faults) {
            Node n = Node::object();
            addOptional(n, "at_s", f.atS);
            addOptional(n, "until_s", f.untilS);
            addString(n, "kind", f.kind);
            addString(n, "target", f.target);
            addOptional(n, "count", f.count);
            addDistribution(n, "latency_ms", f.latencyMs);
            addOptional(n, "error_rate", f.errorRate);
            addExtra(n, f.extra);
            fn.append(std::move(n));
        }
        root.add(QStringLiteral("faults"), std::move(fn));
    }
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

} // namespace Model::Legacy
