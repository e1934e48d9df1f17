// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cost.h"
#include "Slo.h"

#include "ScenarioIo.h"
#include "format/Schema.h"

namespace Model {

namespace {

constexpr double kDefaultGbPerCore = 4.0; // Google Cloud's "standard" shapes: 4 GB per vCPU

template<typename Requests, typename Components>
CostFigures costFrom(const Scenario &scenario,
                     const Requests &requests,
                     const Components &components)
{
    const CostPrices prices = pricesOf(scenario);
    CostFigures out;
    for (const Sim::ComponentResult &c : components) {
        const Component *model = scenario.component(QString::fromStdString(c.id));
        if (!model)
            continue;
        double perHour = 0;
        switch (model->kind) {
        case ComponentKind::Service: {
            const Service s = Format::filled(model->service);
            const double cores = s.cpuCores.value_or(1);
            // memory_mb is a limit; without one (absent or 0) a replica is priced as a
            // standard shape of its cores
            const std::optional<double> mb = model->service.memoryMb;
            const double gb = mb && *mb > 0 ? *mb / 1024.0 : cores * kDefaultGbPerCore;
            perHour = c.replicasMean * (cores * *prices.vcpuHour + gb * *prices.gbHour);
            break;
        }
        case ComponentKind::LoadBalancer:
            perHour = *prices.loadBalancerHour;
            break;
        case ComponentKind::Gateway:
            perHour = *prices.gatewayHour;
            break;
        case ComponentKind::Database:
            perHour = *prices.databaseNodeHour;
            break;
        case ComponentKind::Cache:
            perHour = *prices.cacheNodeHour;
            break;
        case ComponentKind::Queue:
            perHour = *prices.queueNodeHour;
            break;
        case ComponentKind::External:
            perHour = c.throughputPerS * 3600.0 / 1e6 * *prices.externalPerMillionCalls;
            break;
        case ComponentKind::Unknown:
            break;
        }
        out.components.append({model->id, perHour});
        out.perHour += perHour;
    }
    const double completedPerHour = requests.empty() ? 0 : requests.front().throughputPerS * 3600;
    out.perMillionRequests = completedPerHour > 0 ? out.perHour / completedPerHour * 1e6 : 0;
    return out;
}

} // namespace

QJsonObject costToJson(const CostFigures &cost)
{
    QJsonObject components;
    for (const ComponentCost &c : cost.components)
        components.insert(c.id, c.perHour);
    return QJsonObject{{QStringLiteral("per_hour"), cost.perHour},
                       {QStringLiteral("per_million_requests"), cost.perMillionRequests},
                       {QStringLiteral("components"), components}};
}

QJsonObject scenarioResultsJson(const Scenario &scenario, const Sim::RunResult &run)
{
    QJsonObject json = resultsToJson(run);
    json.insert(QStringLiteral("cost"), costToJson(costOf(scenario, run)));
    if (const std::optional<SloVerdict> slo = sloVerdictOf(scenario.slo, run))
        json.insert(QStringLiteral("slo"), sloVerdictToJson(*slo));
    return json;
}

CostPrices pricesOf(const Scenario &scenario)
{
    return Format::filled(scenario.cost.value_or(CostPrices{}));
}

std::optional<CostPrices> mergedPrices(const std::optional<CostPrices> &own,
                                       const std::optional<CostPrices> &project)
{
    if (!own || !project)
        return own ? own : project;
    CostPrices merged = *own;
    for (const Format::Field<CostPrices> &f : Format::costFields()) {
        if (const auto *member = std::get_if<std::optional<double> CostPrices::*>(&f.member)) {
            if (!(merged.**member))
                merged.**member = (*project).**member;
        }
    }
    return merged;
}

Scenario withProjectPrices(Scenario scenario, const std::optional<CostPrices> &project)
{
    scenario.cost = mergedPrices(scenario.cost, project);
    return scenario;
}

CostFigures costOf(const Scenario &scenario, const Sim::ReplicationResult &replication)
{
    return costFrom(scenario, replication.requests, replication.components);
}

CostFigures costOf(const Scenario &scenario, const Sim::RunResult &run)
{
    return costFrom(scenario, run.requests, run.components);
}

} // namespace Model
