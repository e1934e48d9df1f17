// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "Scenario.h"
#include "Spec.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * What-if sliders (docs/desktop-app.md, "What-if sliders"): numbers of a scenario pinned as
 * sliders, each a path in the syntax of archsim-cli sweep --set (Model::setScenarioPath), and
 * the short run that a move of a slider starts. No widgets here: the What-if dock and the
 * benchmark use these.
 */
namespace Model {

/** A pinned parameter resolved against a scenario: what a slider shows. */
struct WhatIfSlider
{
    QString path;     ///< "components[cart].concurrency.threads"
    QString label;    ///< "cart · Threads"
    QString unit;     ///< "/s", "s", "ms", "MB" or empty
    double value = 0; ///< the scenario's value there, or the format's default
    double min = 0;   ///< the slider's range and step (the pin's, or taken around `value`)
    double max = 0;
    double step = 1;
    bool integer = false; ///< the format reads an integer there
    /// why the pin does not fit the scenario (its component renamed or removed), with what
    /// to do; empty when it fits
    QString problem;

    /** Slider positions 0..positions()-1 stand for min, min + step, ... max. */
    int positions() const;
    /** The value of position `k`, rounded to the step. */
    double valueAt(int k) const;
    /** The position nearest to `v`. */
    int positionOf(double v) const;
};

/**
 * One sentence per pinned parameter of `scenario`, in their order: empty when the pin names a
 * number of the scenario that a what-if can move (a number written in it, or a field with a
 * numeric default: Model::sweepablePaths), else why not and what to do.
 */
QStringList whatIfPinProblems(const Scenario &scenario);

/**
 * The slider of `field` on `scenario`, with the range of `pin` where it gives one, else a range
 * taken around the scenario's value: from the lowest value the format allows (at least 0 or 1)
 * to four times the value (integers: at least the value + 8), capped by the format's maximum,
 * in about a hundred steps of 1, 2 or 5 times a power of ten that pass through the value.
 * A field that names no number has its `problem` set.
 */
WhatIfSlider whatIfSlider(const Scenario &scenario, const WhatIfPin &pin);

/** The sliders of the scenario's pinned parameters, in their order (none: no "what_if"). */
QList<WhatIfSlider> whatIfSliders(const Scenario &scenario);

/**
 * A pin for `field` with the range whatIfSlider() takes around the scenario's value written
 * out, so the slider keeps its range when the value changes later; nullopt and a sentence in
 * `error` when the field names no number of the scenario.
 */
std::optional<WhatIfPin> whatIfPin(const Scenario &scenario, const QString &field, QString *error);

/**
 * The parameters one would pin on component `componentId` (empty: the workload), the usual
 * ones first (`usual` true): the arrival rate; replicas, CPU cores, threads, workers and the
 * connection pools of a service; a cache's capacity and TTL; a queue's prefetch and consumer
 * count; a database's connections. Then, `usual` false, the component's other numbers.
 */
struct WhatIfCandidate
{
    QString path;
    QString label;
    double value = 0;
    QString unit;
    bool usual = false;
};
QList<WhatIfCandidate> whatIfCandidates(const Scenario &scenario, const QString &componentId);

/**
 * Empty when `value` may be given to `slider`, else a sentence that says why not: not a finite
 * number, not a whole number where the format wants one, outside the slider's range.
 */
QString checkWhatIfValue(const WhatIfSlider &slider, double value);

/** The short run of a what-if: the scenario with the values set, compiled. */
struct WhatIfRun
{
    std::optional<Scenario> scenario; ///< with the values set and the window as its duration
    Sim::Spec spec;
    Problems problems; ///< errors only; each names the value that caused it where it can
    bool ok() const { return scenario.has_value() && !hasErrors(problems); }
};

/**
 * `scenario` with each (path, value) of `values` set, run for `windowS` simulated seconds
 * (its warm-up scaled by windowS / its duration; its series bucket at most a tenth of the
 * window), one replication, compiled and checked by
 * the engine (Sim::checkSpec). A value the format refuses gives problems that name the
 * slider's path and value and the format's sentence: "components[cart].replicas = 0:
 * replicas must be at least 1".
 */
WhatIfRun whatIfRun(const Scenario &scenario,
                    const QList<QPair<QString, double>> &values,
                    double windowS);

/** The window of the scenario's what-if: its "window_s", or the format's default. */
double whatIfWindowS(const Scenario &scenario);

} // namespace Model
