// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepPaths.h"

#include "ScenarioIo.h"
#include "format/Schema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <type_traits>

namespace Model {

namespace {

using Defaults = QHash<QString, QList<SweepablePath>>; // object path -> its defaults

const QLatin1String kMs("ms");

/** The unit a number at `path` is in, from its key (the format's naming: _ms, _s, _mb). */
QString unitOfPath(const QString &path)
{
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const QString key = path.mid(dot + 1);
    const QString parent = dot < 0 ? QString() : path.left(dot);
    if (parent == QLatin1String("workload.arrivals")) {
        for (const Format::Field<Arrivals> &row : Format::arrivalFields()) {
            if (key == QLatin1String(row.key))
                return row.unit ? QString::fromLatin1(row.unit) : QString();
        }
    }
    // the fields of a distribution, which is a duration in ms
    static const QStringList distributionKeys = {QStringLiteral("mean"),
                                                 QStringLiteral("value"),
                                                 QStringLiteral("min"),
                                                 QStringLiteral("max"),
                                                 QStringLiteral("stddev")};
    if (distributionKeys.contains(key)
        && (parent.endsWith(QLatin1String("_ms")) || parent.contains(QLatin1String(".queries."))))
        return kMs;
    if (parent.endsWith(QLatin1String(".queries")))
        return kMs;
    if (key.endsWith(QLatin1String("_ms")))
        return kMs;
    if (key.endsWith(QLatin1String("_per_s")))
        return QStringLiteral("/s");
    if (key.endsWith(QLatin1String("_s")))
        return QStringLiteral("s");
    if (key.endsWith(QLatin1String("_mb")))
        return QStringLiteral("MB");
    return {};
}

/** "ramp" in "poisson ramp": whether a row's appliesTo names `kind`. */
bool applies(const char *appliesTo, const QString &kind)
{
    return !appliesTo || QString::fromLatin1(appliesTo).split(QLatin1Char(' ')).contains(kind);
}

/** The rows of `table` that have a numeric default, as paths under `prefix`. */
template<typename Owner>
void addDefaults(Defaults &defaults,
                 const QString &prefix,
                 Format::Table<Owner> table,
                 const QString &kind = {})
{
    for (const Format::Field<Owner> &row : table) {
        if (!row.deflt || !row.words.empty() || row.refers != Format::Refers::None
            || row.part != Format::Part::None || !applies(row.appliesTo, kind))
            continue;
        const double value = *row.deflt;
        // "unlimited" and other defaults outside the range a user may write
        if (!row.range.contains(value) || value >= 1e9)
            continue;
        const bool number = std::visit(
            [](auto member) {
                using M = decltype(member);
                return std::is_same_v<
                           M,
                           std::optional<double> Owner::
                               *> || std::is_same_v<M, std::optional<int> Owner::*> || std::is_same_v<M, std::optional<qint64> Owner::*> || std::is_same_v<M, std::optional<Distribution> Owner::*>;
            },
            row.member);
        if (!number)
            continue;
        const QString path = prefix + QLatin1Char('.') + QLatin1String(row.key);
        defaults[prefix].append(
            {path, value, true, row.unit ? QString::fromLatin1(row.unit) : unitOfPath(path)});
    }
}

/** How a path names element `index` of `array`: [id] or [name] when it has one, else [N]. */
QString elementName(const QJsonArray &array, qsizetype index)
{
    const QJsonObject o = array.at(index).toObject();
    for (const char *key : {"id", "name"}) {
        const QString name = o.value(QLatin1String(key)).toString();
        // a name the path syntax cannot hold falls back to the index
        if (!name.isEmpty() && !name.contains(QLatin1Char('.')) && !name.contains(QLatin1Char('['))
            && !name.contains(QLatin1Char(']')))
            return name;
    }
    return QString::number(index);
}

void walk(const QJsonValue &value,
          const QString &path,
          const Defaults &defaults,
          QList<SweepablePath> &out)
{
    if (value.isDouble()) {
        out.append({path, value.toDouble(), false, unitOfPath(path)});
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            walk(array.at(i),
                 path + QLatin1Char('[') + elementName(array, i) + QLatin1Char(']'),
                 defaults,
                 out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QSet<QString> written;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("ui"))
                continue; // canvas positions
            const QString child = path + QLatin1Char('.') + it.key();
            written.insert(child);
            walk(it.value(), child, defaults, out);
        }
        for (const SweepablePath &d : defaults.value(path)) {
            if (!written.contains(d.path))
                out.append(d);
        }
    }
}

Defaults defaultsOf(const Scenario &scenario)
{
    Defaults d;
    const Arrivals &arrivals = scenario.workload.arrivals;
    addDefaults(d, QStringLiteral("workload.arrivals"), Format::arrivalFields(), arrivals.kind);
    const QJsonArray requests = QJsonDocument::fromJson(serializeScenario(scenario))
                                    .object()
                                    .value(QStringLiteral("workload"))
                                    .toObject()
                                    .value(QStringLiteral("requests"))
                                    .toArray();
    for (qsizetype i = 0; i < requests.size(); ++i)
        addDefaults(d,
                    QStringLiteral("workload.requests[%1]").arg(elementName(requests, i)),
                    Format::requestTypeFields());
    QJsonArray components;
    for (const Component &c : scenario.components)
        components.append(QJsonObject{{QStringLiteral("id"), c.id}});
    for (qsizetype i = 0; i < scenario.components.size(); ++i) {
        const Component &c = scenario.components.at(i);
        const QString prefix = QStringLiteral("components[%1]").arg(elementName(components, i));
        switch (c.kind) {
        case ComponentKind::Service: {
            const Service &s = c.service;
            addDefaults(d, prefix, Format::serviceFields());
            if (s.autoscaling) {
                // the replicas follow the autoscaler: its min, not a number to sweep
                QList<SweepablePath> &own = d[prefix];
                own.removeIf([&](const SweepablePath &p) {
                    return p.path == prefix + QLatin1Char('.') + Format::keyOf(&Service::replicas);
                });
                addDefaults(d,
                            prefix + QLatin1Char('.') + Format::keyOf(&Service::autoscaling),
                            Format::autoscalingFields());
            }
            if (s.concurrency)
                addDefaults(d,
                            prefix + QLatin1Char('.') + Format::keyOf(&Service::concurrency),
                            Format::concurrencyFields(),
                            s.concurrency->model.isEmpty() ? QStringLiteral("thread_pool")
                                                           : s.concurrency->model);
            if (s.healthCheck)
                addDefaults(d,
                            prefix + QLatin1Char('.') + Format::keyOf(&Service::healthCheck),
                            Format::healthCheckFields());
            break;
        }
        case ComponentKind::LoadBalancer:
            addDefaults(d, prefix, Format::loadBalancerFields());
            break;
        case ComponentKind::Gateway:
            addDefaults(d, prefix, Format::gatewayFields());
            break;
        case ComponentKind::Database:
            addDefaults(d, prefix, Format::databaseFields());
            break;
        case ComponentKind::Cache:
            addDefaults(d, prefix, Format::cacheFields(), c.cache.eviction);
            break;
        case ComponentKind::Queue:
            addDefaults(d, prefix, Format::queueFields());
            break;
        case ComponentKind::External:
            addDefaults(d, prefix, Format::externalFields());
            break;
        case ComponentKind::Unknown:
            break;
        }
    }
    for (qsizetype i = 0; i < scenario.faults.size(); ++i)
        addDefaults(d,
                    QStringLiteral("faults[%1]").arg(i),
                    Format::faultFields(),
                    scenario.faults.at(i).kind);
    return d;
}

} // namespace

QList<SweepablePath> sweepablePaths(const Scenario &scenario)
{
    const QJsonObject json = QJsonDocument::fromJson(serializeScenario(scenario)).object();
    const Defaults defaults = defaultsOf(scenario);
    QList<SweepablePath> out;
    // the run settings the sweep does not take from the scenario are left out
    const QJsonObject simulation = json.value(QStringLiteral("simulation")).toObject();
    for (const QString &key : {Format::keyOf(&SimulationSettings::durationS),
                               Format::keyOf(&SimulationSettings::warmupS)}) {
        const QJsonValue v = simulation.value(key);
        const QString path = QStringLiteral("simulation.") + key;
        if (v.isDouble())
            out.append({path, v.toDouble(), false, unitOfPath(path)});
    }
    for (const char *key : {"workload", "components", "faults"})
        walk(json.value(QLatin1String(key)), QLatin1String(key), defaults, out);
    return out;
}

} // namespace Model
