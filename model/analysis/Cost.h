// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Model {

/** What one component costs per hour in a run. */
struct ComponentCost
{
    QString id;
    double perHour = 0;
};

/**
 * The cost of running a scenario as a run measured it, in US dollars. Services cost their
 * mean number of replicas (autoscaling included) times cores times the vCPU-hour price plus
 * memory (memory_mb, else 4 GB per core) times the GB-hour price; load balancers, gateways,
 * databases, caches and queues one node each at their hourly price; externals their price
 * per million calls times the calls they served. Prices: the scenario's "cost" block, else
 * the defaults of the format's cost table (docs/compare.md, "Cost").
 */
struct CostFigures
{
    double perHour = 0;
    /// perHour over the completed requests of an hour, times a million; 0 when none completed
    double perMillionRequests = 0;
    QList<ComponentCost> components;
};

/** {"per_hour", "per_million_requests", "components": {ID: per_hour}} */
QJsonObject costToJson(const CostFigures &cost);

/**
 * The results JSON of a run of `scenario` (resultsToJson) with its cost added under "cost"
 * and, when the scenario has an SLO, its verdict under "slo" (sloVerdictToJson): what
 * archsim-cli run writes.
 */
QJsonObject scenarioResultsJson(const Scenario &scenario, const Sim::RunResult &run);

/** The prices of `scenario`: its "cost" block with the defaults filled in. */
CostPrices pricesOf(const Scenario &scenario);

/**
 * Each price of `own` where it sets one, else of `project` (a project's prices,
 * docs/compare.md "Cost"); nullopt when neither is given.
 */
std::optional<CostPrices> mergedPrices(const std::optional<CostPrices> &own,
                                       const std::optional<CostPrices> &project);
/** `scenario` as it runs in a project with prices `project`: its "cost" is mergedPrices. */
Scenario withProjectPrices(Scenario scenario, const std::optional<CostPrices> &project);

/** The cost of one replication (its mean replicas and throughput). */
CostFigures costOf(const Scenario &scenario, const Sim::ReplicationResult &replication);
/** The cost of a run: from its figures, the means over its replications. */
CostFigures costOf(const Scenario &scenario, const Sim::RunResult &run);

} // namespace Model
