// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Compare.h"
#include "Cost.h"
#include "Problem.h"
#include "Scenario.h"
#include "Simulation.h"
#include "Slo.h"

#include <QJsonObject>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace Model {

/**
 * The highest arrival rate at which an SLO holds (docs/compare.md, "Capacity"). The search
 * scales the workload's whole arrival profile (every rate of the arrivals, the fields whose
 * unit is "/s" in the format's table) by a factor: doubling or halving from 1 until one
 * scale passes and one fails, then bisecting until the two are within `precision` of each
 * other. Each point runs until the SLO's figures are known well enough (see runPoint in
 * Capacity.cpp).
 */
struct CapacityPoint;

struct CapacityOptions
{
    double precision = 0.01; ///< relative width of the final bracket
    int replications = 4;    ///< per point; the intervals come from them
    int threads = 0;         ///< 0: all cores
    const std::atomic<bool> *cancel = nullptr;
    Sim::SimulationObserver *observer = nullptr; ///< progress of the current point
    /// called on the searching thread after each point, in the order they ran
    std::function<void(const CapacityPoint &)> pointFinished;
};

struct CapacityPoint
{
    double scale = 1;
    double ratePerS = 0; ///< the profile's rate at this scale (profileRate)
    bool passes = false;
    double durationS = 0;          ///< simulated time of each replication
    Sim::RequestResult all;        ///< figures for all requests, means over the replications
    std::vector<Estimate> figures; ///< one per SLO condition: its mean and ci95
    CostFigures cost;              ///< at this load (autoscaled replicas as they ran)
};

struct CapacityResult
{
    Slo slo;
    std::optional<double> maxRatePerS; ///< none when the SLO holds at no load tried
    double maxScale = 0;
    std::vector<CapacityPoint> points; ///< in the order they ran
    CostFigures costAtMax;             ///< the cost at the highest passing point
    QString note;                      ///< why the search stopped early, if it did
    bool cancelled = false;
};

/**
 * The rate of the arrival profile in requests per second: rate_per_s (poisson, constant, the
 * base of a spike), mean (diurnal), the final rate `to` (ramp), the time-weighted mean of the
 * two rates (bursty).
 */
double profileRate(const Arrivals &arrivals);

/** `scenario` with every rate of its arrival profile multiplied by `scale`. */
Scenario scaledArrivals(Scenario scenario, double scale);

std::optional<CapacityResult> findCapacity(const Scenario &scenario,
                                           const Slo &slo,
                                           const CapacityOptions &options,
                                           Problems *problems);

/** {"slo": TEXT, "max_rate_per_s": X, "points": [{"rate_per_s", "passes", "results"}], ...} */
QJsonObject capacityToJson(const CapacityResult &result);

} // namespace Model
