// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioDiff.h"

#include "format/Schema.h"

#include <QObject>

namespace Model {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

template<typename T>
QString optionalText(const std::optional<T> &v)
{
    if (!v)
        return QObject::tr("default");
    if constexpr (std::is_same_v<T, bool>)
        return *v ? QObject::tr("on") : QObject::tr("off");
    else
        return number(static_cast<double>(*v));
}

QString distributionText(const Distribution &d)
{
    if (d.kind == Distribution::Kind::Const && d.value)
        return number(*d.value);
    QStringList parts{d.kind == Distribution::Kind::Unknown ? d.unknownName
                                                            : distributionKindName(d.kind)};
    const auto add = [&](const char *name, const auto &v) {
        if (v)
            parts << QStringLiteral("%1 %2").arg(QLatin1String(name), number(*v));
    };
    add("mean", d.mean);
    add("min", d.min);
    add("max", d.max);
    add("stddev", d.stddev);
    add("k", d.k);
    return parts.join(QLatin1Char(' '));
}

/** "Replicas of api" from the row's label (else its key) and the owner's name. */
template<typename Owner>
QString what(const Format::Field<Owner> &f, const QString &owner)
{
    const QString name = QString::fromLatin1(f.label ? f.label : f.key);
    return owner.isEmpty() ? name : QObject::tr("%1 of %2").arg(name, owner);
}

template<typename Owner>
void diffFields(const Owner &before,
                const Owner &after,
                Format::Table<Owner> table,
                const QString &owner,
                QStringList &out)
{
    for (const Format::Field<Owner> &f : table) {
        const QString unit = f.unit ? QLatin1Char(' ') + QString::fromLatin1(f.unit) : QString();
        const auto change = [&](const QString &from, const QString &to) {
            out << QStringLiteral("%1 %2→%3%4").arg(what(f, owner), from, to, unit);
        };
        std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::monostate>) {
                    // a part with a structure of its own: compared as a whole below
                } else {
                    const auto &a = before.*member;
                    const auto &b = after.*member;
                    using V = std::remove_cvref_t<decltype(a)>;
                    if (a == b)
                        return;
                    if constexpr (std::is_same_v<V, QString>) {
                        change(a.isEmpty() ? QObject::tr("none") : a,
                               b.isEmpty() ? QObject::tr("none") : b);
                    } else if constexpr (std::is_same_v<V, Distribution>) {
                        change(distributionText(a), distributionText(b));
                    } else if constexpr (std::is_same_v<V, std::optional<Distribution>>) {
                        change(a ? distributionText(*a) : QObject::tr("default"),
                               b ? distributionText(*b) : QObject::tr("default"));
                    } else if constexpr (
                        std::is_same_v<
                            V,
                            double> || std::is_same_v<V, int> || std::is_same_v<V, quint64>) {
                        change(number(static_cast<double>(a)), number(static_cast<double>(b)));
                    } else if constexpr (
                        std::is_same_v<
                            V,
                            std::optional<
                                double>> || std::is_same_v<V, std::optional<int>> || std::is_same_v<V, std::optional<qint64>> || std::is_same_v<V, std::optional<bool>>) {
                        change(optionalText(a), optionalText(b));
                    } else if constexpr (std::is_same_v<V, std::vector<Step>>) {
                        out << QObject::tr("%1 changed").arg(what(f, owner));
                    } else if constexpr (std::is_same_v<V, QStringList>) {
                        change(a.join(QStringLiteral(", ")), b.join(QStringLiteral(", ")));
                    } else {
                        // a sub-object with a table of its own (concurrency, autoscaling, ...)
                        using Sub = typename V::value_type;
                        if (!a || !b) {
                            out << (b ? QObject::tr("%1 added") : QObject::tr("%1 removed"))
                                       .arg(what(f, owner));
                        } else {
                            diffFields(*a, *b, Format::fieldsOf<Sub>(), owner, out);
                            if (!(a->extra == b->extra))
                                out << QObject::tr("%1 changed").arg(what(f, owner));
                        }
                    }
                }
            },
            f.member);
    }
}

/** The lists of a kind's struct that its table marks as parts (handlers, routes, ...). */
template<typename Owner>
void diffParts(const Owner &before,
               const Owner &after,
               Format::Table<Owner> table,
               const QString &owner,
               QStringList &out)
{
    if (before == after)
        return;
    // Whatever differs beyond the rows is in the parts: name them from the table.
    QStringList scalar;
    diffFields(before, after, table, owner, scalar);
    out << scalar;
    Owner withParts = after;
    // Copy every row's member of `before` into `withParts`: what still differs is a part.
    for (const Format::Field<Owner> &f : table) {
        std::visit(
            [&](auto member) {
                if constexpr (!std::is_same_v<decltype(member), std::monostate>)
                    withParts.*member = before.*member;
            },
            f.member);
    }
    if (withParts == before)
        return;
    QStringList parts;
    for (const Format::Field<Owner> &f : table) {
        if (f.part != Format::Part::None && f.part != Format::Part::Steps)
            parts << QString::fromLatin1(f.key);
    }
    out << QObject::tr("%1 of %2 changed")
               .arg(parts.isEmpty() ? QObject::tr("other fields") : parts.join(QLatin1Char('/')),
                    owner);
}

void diffComponent(const Component &a, const Component &b, QStringList &out)
{
    if (a.kind != b.kind) {
        out << QObject::tr("%1 is now a %2").arg(b.id, componentKindName(b.kind));
        return;
    }
    switch (a.kind) {
    case ComponentKind::Service:
        diffParts(a.service, b.service, Format::serviceFields(), a.id, out);
        break;
    case ComponentKind::LoadBalancer:
        diffParts(a.loadBalancer, b.loadBalancer, Format::loadBalancerFields(), a.id, out);
        break;
    case ComponentKind::Gateway:
        diffParts(a.gateway, b.gateway, Format::gatewayFields(), a.id, out);
        break;
    case ComponentKind::Database:
        diffParts(a.database, b.database, Format::databaseFields(), a.id, out);
        break;
    case ComponentKind::Cache:
        diffParts(a.cache, b.cache, Format::cacheFields(), a.id, out);
        break;
    case ComponentKind::Queue:
        diffParts(a.queue, b.queue, Format::queueFields(), a.id, out);
        break;
    case ComponentKind::External:
        diffParts(a.external, b.external, Format::externalFields(), a.id, out);
        break;
    case ComponentKind::Unknown:
        if (!(a == b))
            out << QObject::tr("%1 changed").arg(a.id);
        break;
    }
}

} // namespace

QStringList scenarioChanges(const Scenario &before, const Scenario &after)
{
    QStringList out;
    diffFields(before.simulation, after.simulation, Format::simulationFields(), QString(), out);
    diffFields(before.workload, after.workload, Format::workloadFields(), QString(), out);
    diffFields(before.workload.arrivals,
               after.workload.arrivals,
               Format::arrivalFields(),
               QObject::tr("the arrivals"),
               out);
    for (const RequestType &r : after.workload.requests) {
        const auto old = std::find_if(before.workload.requests.cbegin(),
                                      before.workload.requests.cend(),
                                      [&](const RequestType &o) { return o.name == r.name; });
        if (old == before.workload.requests.cend())
            out << QObject::tr("added request type %1").arg(r.name);
        else
            diffFields(*old, r, Format::requestTypeFields(), r.name, out);
    }
    for (const RequestType &r : before.workload.requests) {
        if (std::none_of(after.workload.requests.cbegin(),
                         after.workload.requests.cend(),
                         [&](const RequestType &o) { return o.name == r.name; }))
            out << QObject::tr("removed request type %1").arg(r.name);
    }
    for (const Component &c : after.components) {
        const Component *old = before.component(c.id);
        if (!old)
            out << QObject::tr("added %1").arg(c.id);
        else
            diffComponent(*old, c, out);
    }
    for (const Component &c : before.components) {
        if (!after.component(c.id))
            out << QObject::tr("removed %1").arg(c.id);
    }
    if (!(before.faults == after.faults))
        out << QObject::tr("faults changed (%1→%2)")
                   .arg(before.faults.size())
                   .arg(after.faults.size());
    return out;
}

} // namespace Model
