// SPDX-License-Identifier: GPL-3.0-or-later
// Lookups over the format's tables, and the walk over every reference a scenario holds.
#include "Schema.h"

#include "JsonPath.h"

#include <QSet>

namespace Model::Format {

using JsonPath::index;
using JsonPath::key;

int valueOf(Words words, const QString &word, int fallback)
{
    for (const Word &w : words) {
        if (word == QLatin1String(w.word))
            return w.value;
    }
    return fallback;
}

bool contains(Words words, const QString &word)
{
    for (const Word &w : words) {
        if (word == QLatin1String(w.word))
            return true;
    }
    return false;
}

QString wordList(Words words)
{
    QStringList list;
    for (const Word &w : words)
        list.append(QString::fromLatin1(w.word));
    return list.join(QStringLiteral(", "));
}

namespace {

template<typename Owner>
void addKeys(Table<Owner> table, QSet<QString> &seen, QStringList &out)
{
    for (const Field<Owner> &f : table) {
        const QString k = QString::fromLatin1(f.key);
        if (!seen.contains(k)) {
            seen.insert(k);
            out.append(k);
        }
    }
}

} // namespace

QStringList allKeys()
{
    QSet<QString> seen;
    QStringList keys;
    // the keys of the top level and of the structures the walkers write by hand
    for (const char *k :
         {"format",   "version", "name",     "description", "simulation", "workload",
          "arrivals", "cost",    "requests", "components",  "faults",     "id",
          "kind",     "ui",      "network",  "dist",        "value",      "mean",
          "min",      "max",     "stddev",   "k",           "lesson",     "what_if"}) {
        seen.insert(QString::fromLatin1(k));
        keys.append(QString::fromLatin1(k));
    }
    addKeys(simulationFields(), seen, keys);
    addKeys(costFields(), seen, keys);
    addKeys(workloadFields(), seen, keys);
    addKeys(arrivalFields(), seen, keys);
    addKeys(requestTypeFields(), seen, keys);
    addKeys(faultFields(), seen, keys);
    addKeys(serviceFields(), seen, keys);
    addKeys(concurrencyFields(), seen, keys);
    addKeys(autoscalingFields(), seen, keys);
    addKeys(healthCheckFields(), seen, keys);
    addKeys(loadBalancerFields(), seen, keys);
    addKeys(gatewayFields(), seen, keys);
    addKeys(routeTargetFields(), seen, keys);
    addKeys(databaseFields(), seen, keys);
    addKeys(cacheFields(), seen, keys);
    addKeys(queueFields(), seen, keys);
    addKeys(consumerFields(), seen, keys);
    addKeys(moduleFields(), seen, keys);
    addKeys(externalFields(), seen, keys);
    addKeys(uiFields(), seen, keys);
    addKeys(circuitBreakerFields(), seen, keys);
    addKeys(networkFields(), seen, keys);
    addKeys(compressionFields(), seen, keys);
    addKeys(lessonFields(), seen, keys);
    addKeys(lessonTryFields(), seen, keys);
    addKeys(whatIfFields(), seen, keys);
    addKeys(whatIfPinFields(), seen, keys);
    for (Step::Kind k : {Step::Kind::Cpu,
                         Step::Kind::Io,
                         Step::Kind::Call,
                         Step::Kind::Parallel,
                         Step::Kind::Publish,
                         Step::Kind::Cache,
                         Step::Kind::Probability})
        addKeys(stepFields(k), seen, keys);
    return keys;
}

QString nestedStepsKey(Step::Kind kind)
{
    for (const Field<Step> &f : stepFields(kind)) {
        if (f.part == Part::Steps && std::holds_alternative<std::vector<Step> Step::*>(f.member)
            && std::get<std::vector<Step> Step::*>(f.member) == &Step::steps)
            return QString::fromLatin1(f.key);
    }
    return {};
}

void forEachStep(const Steps &steps,
                 const QString &path,
                 const std::function<void(const Step &, const QString &)> &visit)
{
    for (size_t i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        const QString p = index(path, static_cast<qsizetype>(i));
        visit(s, p);
        for (const Field<Step> &f : stepFields(s.kind)) {
            if (f.part == Part::Steps) {
                const auto member = std::get<std::vector<Step> Step::*>(f.member);
                forEachStep(s.*member, key(p, QString::fromLatin1(f.key)), visit);
            }
        }
    }
}

namespace {

// One walk for both the const and the mutable scenario: `S` is Scenario or const Scenario.

template<typename OwnerT, typename Owner, typename V>
void tableReferences(OwnerT &owner, Table<Owner> table, const QString &path, const V &visit)
{
    for (const Field<Owner> &f : table) {
        if (f.refers != Refers::None)
            visit(owner.*std::get<QString Owner::*>(f.member),
                  key(path, QString::fromLatin1(f.key)),
                  f.refers);
    }
}

template<typename StepsT, typename V>
void stepReferences(StepsT &steps, const QString &path, const V &visit)
{
    for (size_t i = 0; i < steps.size(); ++i) {
        auto &s = steps[i];
        const QString p = index(path, static_cast<qsizetype>(i));
        for (const Field<Step> &f : stepFields(s.kind)) {
            const QString k = key(p, QString::fromLatin1(f.key));
            if (f.refers != Refers::None)
                visit(s.*std::get<QString Step::*>(f.member), k, f.refers);
            else if (f.part == Part::Steps)
                stepReferences(s.*std::get<std::vector<Step> Step::*>(f.member), k, visit);
        }
    }
}

template<typename S, typename V>
void walkReferences(S &scenario, const V &visit)
{
    tableReferences(scenario.workload, workloadFields(), QStringLiteral("$.workload"), visit);
    for (int i = 0; i < scenario.components.size(); ++i) {
        auto &c = scenario.components[i];
        const QString p = index(QStringLiteral("$.components"), i);
        switch (c.kind) {
        case ComponentKind::Service:
            for (auto &pool : c.service.pools)
                visit(pool.target,
                      key(key(p, QStringLiteral("pools")), pool.target),
                      Refers::Requests);
            for (auto &h : c.service.handlers)
                stepReferences(h.steps, key(key(p, QStringLiteral("handlers")), h.request), visit);
            break;
        case ComponentKind::LoadBalancer:
            for (int t = 0; t < c.loadBalancer.targets.size(); ++t)
                visit(c.loadBalancer.targets[t],
                      index(key(p, QStringLiteral("targets")), t),
                      Refers::Requests);
            break;
        case ComponentKind::Gateway:
            for (auto &r : c.gateway.routes) {
                const QString rp = key(key(p, QStringLiteral("routes")), r.request);
                for (int t = 0; t < r.targets.size(); ++t)
                    tableReferences(r.targets[t], routeTargetFields(), index(rp, t), visit);
            }
            break;
        case ComponentKind::Queue:
            for (int k = 0; k < c.queue.consumers.size(); ++k)
                tableReferences(c.queue.consumers[k],
                                consumerFields(),
                                index(key(p, QStringLiteral("consumers")), k),
                                visit);
            break;
        case ComponentKind::Database:
        case ComponentKind::Cache:
        case ComponentKind::External:
        case ComponentKind::Unknown:
            break;
        }
    }
    for (int i = 0; i < scenario.faults.size(); ++i)
        tableReferences(scenario.faults[i],
                        faultFields(),
                        index(QStringLiteral("$.faults"), i),
                        visit);
}

} // namespace

void forEachReference(Scenario &scenario,
                      const std::function<void(QString &id, const QString &path, Refers)> &visit)
{
    walkReferences(scenario, visit);
}

void forEachReference(
    const Scenario &scenario,
    const std::function<void(const QString &id, const QString &path, Refers)> &visit)
{
    walkReferences(scenario, visit);
}

} // namespace Model::Format
