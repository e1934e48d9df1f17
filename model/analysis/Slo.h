// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

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

/** One condition of an SLO checked against a run: the figure it saw and whether it held. */
struct SloCheck
{
    SloCondition condition;
    double value = 0; ///< ms for latencies, a fraction for errors
    bool holds = false;
};

/** An SLO checked against a run's figures for all requests. */
struct SloVerdict
{
    Slo slo;
    std::vector<SloCheck> checks; ///< one per condition, in the SLO's order
    bool holds = false;           ///< every condition held
};

SloVerdict checkSlo(const Slo &slo, const Sim::RequestResult &all);

/**
 * The verdict of a scenario's stored SLO ("slo", Scenario::slo) on a run: none when the
 * scenario has no SLO, its text does not parse (validation reports that) or the run has no
 * figures.
 */
std::optional<SloVerdict> sloVerdictOf(const QString &sloText, const Sim::RunResult &run);

/** "p99 12.3 ms < 200 ms" for one check; latencies in ms, errors in %. */
QString sloCheckText(const SloCheck &check);

/**
 * {"text": "p99<200ms,errors<1%", "holds": BOOL, "conditions": [{"text", "figure",
 * "value", "limit", "holds"}]}; values and limits in ms for latencies, fractions for errors.
 */
QJsonObject sloVerdictToJson(const SloVerdict &verdict);

} // namespace Model
