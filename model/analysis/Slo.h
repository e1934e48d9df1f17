// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QList>
#include <QString>

#include <optional>

namespace Model {

/**
 * A service level objective (docs/compare.md, "Capacity"): conditions on a run's figures
 * for all requests together, all of which must hold. Written "p99<200ms,errors<1%":
 * a figure (mean, p50, p90, p95, p99, p999, max latency, or errors), < or <=, and a limit
 * (latencies in ms or s, errors in % or as a fraction).
 */
struct SloCondition
{
    enum class Figure { Mean, P50, P90, P95, P99, P999, Max, Errors };
    Figure figure = Figure::P99;
    bool orEqual = false; ///< <= instead of <
    double limit = 0;     ///< ms for latencies, a fraction for errors
    QString text;         ///< as written, e.g. "p99<200ms"
};

struct Slo
{
    QList<SloCondition> conditions;
    QString text() const; ///< the conditions as written, joined by ","
};

/**
 * Parses an SLO. nullopt with a sentence in `error` that quotes the part that is wrong and
 * its position (1-based character) and says what would be right.
 */
std::optional<Slo> parseSlo(const QString &text, QString *error);

/** The figure a condition looks at, in a run's figures for all requests. */
double sloFigure(const SloCondition &condition, const Sim::RequestResult &all);

/** Whether every condition holds for these figures (the first request result, "_all"). */
bool sloHolds(const Slo &slo, const Sim::RequestResult &all);

} // namespace Model
