// SPDX-License-Identifier: GPL-3.0-or-later
#include "Scenario.h"

#include "KindTraits.h"

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

// The model's kinds are the engine's, in its order, and one more: Unknown.
static_assert(static_cast<std::size_t>(ComponentKind::Unknown) == Sim::kKindTraits.size());
static_assert(static_cast<int>(ComponentKind::External)
              == static_cast<int>(Sim::ComponentKind::External));
static_assert(static_cast<int>(ComponentKind::Queue)
              == static_cast<int>(Sim::ComponentKind::Queue));

const Sim::KindTraits *kindTraits(ComponentKind kind)
{
    const auto i = static_cast<std::size_t>(kind);
    return i < Sim::kKindTraits.size() ? &Sim::kKindTraits[i] : nullptr;
}

QString componentKindName(ComponentKind kind)
{
    const Sim::KindTraits *traits = kindTraits(kind);
    return traits ? QString::fromLatin1(traits->word) : QString();
}

ComponentKind componentKindFromName(const QString &name)
{
    for (std::size_t i = 0; i < Sim::kKindTraits.size(); ++i) {
        if (name == QLatin1String(Sim::kKindTraits[i].word))
            return static_cast<ComponentKind>(i);
    }
    return ComponentKind::Unknown;
}

bool acceptsRequests(ComponentKind kind)
{
    const Sim::KindTraits *traits = kindTraits(kind);
    return traits && traits->acceptsRequests;
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
