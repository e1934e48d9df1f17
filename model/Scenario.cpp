// SPDX-License-Identifier: GPL-3.0-or-later
#include "Scenario.h"

#include "format/Schema.h"

namespace Model {

Distribution Distribution::constant(double v)
{
    Distribution d;
    d.kind = Kind::Const;
    d.value = v;
    return d;
}

Distribution Distribution::exponential(double mean)
{
    Distribution d;
    d.kind = Kind::Exp;
    d.bare = false;
    d.mean = mean;
    return d;
}

Distribution Distribution::uniform(double min, double max)
{
    Distribution d;
    d.kind = Kind::Uniform;
    d.bare = false;
    d.min = min;
    d.max = max;
    return d;
}

Distribution Distribution::lognormal(double mean, double stddev)
{
    Distribution d;
    d.kind = Kind::Lognormal;
    d.bare = false;
    d.mean = mean;
    d.stddev = stddev;
    return d;
}

Distribution Distribution::erlang(int k, double mean)
{
    Distribution d;
    d.kind = Kind::Erlang;
    d.bare = false;
    d.k = k;
    d.mean = mean;
    return d;
}

Step Step::cpu(const Distribution &ms)
{
    Step s;
    s.kind = Kind::Cpu;
    s.duration = ms;
    return s;
}

Step Step::io(const Distribution &ms)
{
    Step s;
    s.kind = Kind::Io;
    s.duration = ms;
    return s;
}

Step Step::call(const QString &target, const QString &request)
{
    Step s;
    s.kind = Kind::Call;
    s.target = target;
    s.request = request;
    return s;
}

QString distributionKindName(Distribution::Kind kind)
{
    switch (kind) {
    case Distribution::Kind::Const:
        return QStringLiteral("const");
    case Distribution::Kind::Exp:
        return QStringLiteral("exp");
    case Distribution::Kind::Uniform:
        return QStringLiteral("uniform");
    case Distribution::Kind::Lognormal:
        return QStringLiteral("lognormal");
    case Distribution::Kind::Erlang:
        return QStringLiteral("erlang");
    case Distribution::Kind::Unknown:
        break;
    }
    return {};
}

QString stepKindKey(Step::Kind kind)
{
    // the first row of a step kind's table is the key that names the kind
    const Format::Table<Step> fields = Format::stepFields(kind);
    return fields.empty() ? QString() : QString::fromLatin1(fields.front().key);
}

QString componentKindName(ComponentKind kind)
{
    switch (kind) {
    case ComponentKind::Service:
        return QStringLiteral("service");
    case ComponentKind::LoadBalancer:
        return QStringLiteral("load_balancer");
    case ComponentKind::Gateway:
        return QStringLiteral("gateway");
    case ComponentKind::Database:
        return QStringLiteral("database");
    case ComponentKind::Cache:
        return QStringLiteral("cache");
    case ComponentKind::Queue:
        return QStringLiteral("queue");
    case ComponentKind::External:
        return QStringLiteral("external");
    case ComponentKind::Unknown:
        break;
    }
    return {};
}

ComponentKind componentKindFromName(const QString &name)
{
    for (ComponentKind k : {ComponentKind::Service,
                            ComponentKind::LoadBalancer,
                            ComponentKind::Gateway,
                            ComponentKind::Database,
                            ComponentKind::Cache,
                            ComponentKind::Queue,
                            ComponentKind::External}) {
        if (componentKindName(k) == name)
            return k;
    }
    return ComponentKind::Unknown;
}

const Handler *Component::handler(const QString &request) const
{
    for (const Handler &h : service.handlers) {
        if (h.request == request)
            return &h;
    }
    return nullptr;
}

int Scenario::indexOf(const QString &id) const
{
    for (int i = 0; i < components.size(); ++i) {
        if (components.at(i).id == id)
            return i;
    }
    return -1;
}

const Component *Scenario::component(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &components.at(i);
}

} // namespace Model
