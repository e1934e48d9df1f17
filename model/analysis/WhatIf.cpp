// SPDX-License-Identifier: GPL-3.0-or-later
// What-if sliders: pinned numbers of a scenario, their ranges, and the short run of a move.
#include "WhatIf.h"

#include "ScenarioIo.h"
#include "ScenarioLimits.h"
#include "Sweep.h"
#include "SweepPaths.h"
#include "format/Schema.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace Model {

namespace {

constexpr int kStepsPerRange = 100; // a slider of about a hundred positions
constexpr int kMaxPositions = 100000;

/** What the format says of the field a path ends in. */
struct FieldInfo
{
    QString label;
    QString unit;
    Format::Range range;
    bool integer = false;
};

template<typename Owner>
std::optional<FieldInfo> rowInfo(Format::Table<Owner> table, const QString &key)
{
    for (const Format::Field<Owner> &f : table) {
        if (key != QLatin1String(f.key))
            continue;
        FieldInfo info;
        info.label = f.label ? QString::fromLatin1(f.label) : key;
        info.unit = f.unit ? QString::fromLatin1(f.unit) : QString();
        info.range = f.range;
        info.integer = std::visit(
            [](auto member) {
                using M = decltype(member);
                return std::is_same_v<
                           M,
                           std::optional<int> Owner::
                               *> || std::is_same_v<M, std::optional<qint64> Owner::*> || std::is_same_v<M, int Owner::*> || std::is_same_v<M, quint64 Owner::*>;
            },
            f.member);
        return info;
    }
    return std::nullopt;
}

/** The key of the row of `table` that holds `part` (the lists have no member to look up). */
template<typename Owner>
QString keyOfPart(Format::Table<Owner> table, Format::Part part)
{
    for (const Format::Field<Owner> &f : table) {
        if (f.part == part)
            return QString::fromLatin1(f.key);
    }
    return {};
}

const Component *componentAt(const Scenario &s, const QString &name)
{
    bool isNumber = false;
    const int i = name.toInt(&isNumber);
    if (isNumber)
        return i >= 0 && i < s.components.size() ? &s.components.at(i) : nullptr;
    return s.component(name);
}

std::optional<FieldInfo> kindRow(const Component &c, const QString &key)
{
    switch (c.kind) {
    case ComponentKind::Service:
        return rowInfo(Format::serviceFields(), key);
    case ComponentKind::LoadBalancer:
        return rowInfo(Format::loadBalancerFields(), key);
    case ComponentKind::Gateway:
        return rowInfo(Format::gatewayFields(), key);
    case ComponentKind::Database:
        return rowInfo(Format::databaseFields(), key);
    case ComponentKind::Cache:
        return rowInfo(Format::cacheFields(), key);
    case ComponentKind::Queue:
        return rowInfo(Format::queueFields(), key);
    case ComponentKind::External:
        return rowInfo(Format::externalFields(), key);
    case ComponentKind::Unknown:
        break;
    }
    return std::nullopt;
}

/** The field at `path` of `s`, by the format's tables; the label names its component. */
std::optional<FieldInfo> infoOf(const Scenario &s, const QString &path)
{
    const std::optional<QList<PathSegment>> segs = pathSegments(path);
    if (!segs || segs->isEmpty())
        return std::nullopt;
    const QList<PathSegment> &p = *segs;
    auto word = [&](qsizetype i) { return i < p.size() && !p[i].isIndex ? p[i].text : QString(); };
    const QString top = word(0);
    std::optional<FieldInfo> info;
    QString owner;
    if (top == QLatin1String("simulation") && p.size() == 2) {
        info = rowInfo(Format::simulationFields(), word(1));
        owner = QStringLiteral("Run");
    } else if (top == QLatin1String("workload") && p.size() == 3
               && word(1) == QLatin1String("arrivals")) {
        info = rowInfo(Format::arrivalFields(), word(2));
        owner = QStringLiteral("Workload");
    } else if (top == QLatin1String("workload") && p.size() == 4 && p[2].isIndex) {
        info = rowInfo(Format::requestTypeFields(), word(3));
        owner = p[2].text;
    } else if (top == QLatin1String("faults") && p.size() == 3 && p[1].isIndex) {
        info = rowInfo(Format::faultFields(), word(2));
        owner = QStringLiteral("Fault %1").arg(p[1].text);
    } else if (top == QLatin1String("components") && p.size() >= 3 && p[1].isIndex) {
        const Component *c = componentAt(s, p[1].text);
        if (!c)
            return std::nullopt;
        owner = c->id;
        const QString sub = word(2);
        if (p.size() == 3) {
            info = kindRow(*c, sub);
        } else if (c->kind == ComponentKind::Service && p.size() == 4) {
            if (sub == Format::keyOf(&Service::concurrency))
                info = rowInfo(Format::concurrencyFields(), word(3));
            else if (sub == Format::keyOf(&Service::autoscaling))
                info = rowInfo(Format::autoscalingFields(), word(3));
            else if (sub == Format::keyOf(&Service::healthCheck))
                info = rowInfo(Format::healthCheckFields(), word(3));
            else if (sub == keyOfPart(Format::serviceFields(), Format::Part::Pools))
                info = FieldInfo{QStringLiteral("Pool to %1").arg(word(3)),
                                 QString(),
                                 {1, true, double(Limits::kMaxConnections)},
                                 true};
        } else if (c->kind == ComponentKind::Queue && p.size() == 5 && p[3].isIndex
                   && sub == keyOfPart(Format::queueFields(), Format::Part::Consumers)) {
            info = rowInfo(Format::consumerFields(), word(4));
            bool isNumber = false;
            const int i = p[3].text.toInt(&isNumber);
            if (info && isNumber && i >= 0 && i < c->queue.consumers.size())
                info->label += QStringLiteral(" (%1)").arg(c->queue.consumers.at(i).service);
        }
    }
    if (!info)
        return std::nullopt;
    info->label = owner + QStringLiteral(" · ") + info->label;
    return info;
}

/** 1, 2 or 5 times a power of ten, the largest at most `x` (x > 0). */
double niceStep(double x)
{
    if (!(x > 0) || !std::isfinite(x))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {5.0, 2.0, 1.0}) {
        if (m * power <= x * (1 + 1e-9))
            return m * power;
    }
    return power;
}

/** `v` without the noise of repeated sums (0.30000000000000004 -> 0.3). */
double tidy(double v)
{
    if (v == 0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, 12 - std::ceil(std::log10(std::fabs(v))));
    return std::round(v * scale) / scale;
}

const SweepablePath *find(const QList<SweepablePath> &paths, const QString &path)
{
    for (const SweepablePath &p : paths) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

QString notAPath(const QString &field)
{
    return QStringLiteral("'%1' is not a path; write keys with dots and [N] or [ID] for list "
                          "elements, e.g. components[api].replicas")
        .arg(field);
}

QString notANumber(const QString &field)
{
    return QStringLiteral("'%1' is not a number of this scenario (a component renamed or "
                          "removed?); unpin it, or pin a number as archsim-cli sweep --set "
                          "names it, e.g. components[api].replicas")
        .arg(field);
}

/** The slider for `path` on `s` with the range taken around its value. */
WhatIfSlider sliderAround(const Scenario &s, const SweepablePath &p)
{
    WhatIfSlider out;
    out.path = p.path;
    out.value = p.value;
    out.unit = p.unit;
    const std::optional<FieldInfo> info = infoOf(s, p.path);
    out.label = info ? info->label : p.path;
    out.integer = info && info->integer;
    if (info && !info->unit.isEmpty())
        out.unit = info->unit;
    const Format::Range range = info ? info->range : Format::Range{0, true};
    const double v = p.value;
    // the lowest value the format takes; no number here is below 0
    double low = std::max(0.0, range.min);
    double high = v > 0 ? 4 * v : (out.integer ? 10.0 : 1.0);
    if (out.integer)
        high = std::max(high, v + 8);
    high = std::min(high, range.max);
    double step = niceStep((high - low) / kStepsPerRange);
    if (out.integer)
        step = std::max(1.0, std::round(step));
    const bool lowIncluded = range.minIncluded || low > range.min;
    // the grid passes through the value: min = v - k * step, the lowest the format allows
    const double below = std::floor((v - low) / step + 1e-9);
    double min = v - below * step;
    if (!lowIncluded && min <= range.min)
        min += step;
    if (min > v)
        min = v; // a value outside the range: the slider still shows it
    const double above = std::floor((high - v) / step + 1e-9);
    double max = v + std::max(0.0, above) * step;
    if (max <= min)
        max = min + step;
    out.min = tidy(min);
    out.max = tidy(max);
    out.step = tidy(step);
    return out;
}

WhatIfSlider sliderOf(const Scenario &scenario,
                      const QList<SweepablePath> &paths,
                      const WhatIfPin &pin)
{
    const SweepablePath *p = find(paths, pin.field);
    if (!p) {
        WhatIfSlider out;
        out.path = pin.field;
        out.label = pin.field;
        out.problem = pathSegments(pin.field) ? notANumber(pin.field) : notAPath(pin.field);
        return out;
    }
    WhatIfSlider out = sliderAround(scenario, *p);
    if (pin.step && *pin.step > 0)
        out.step = *pin.step;
    if (pin.min)
        out.min = *pin.min;
    if (pin.max)
        out.max = *pin.max;
    if (!(out.max > out.min))
        out.problem = QStringLiteral("the range %1 to %2 is empty; give a min below the max")
                          .arg(out.min)
                          .arg(out.max);
    return out;
}

} // namespace

int WhatIfSlider::positions() const
{
    if (!(step > 0) || !(max >= min))
        return 1;
    const double n = std::floor((max - min) / step + 1e-9) + 1;
    return static_cast<int>(std::clamp(n, 1.0, double(kMaxPositions)));
}

double WhatIfSlider::valueAt(int k) const
{
    const int last = positions() - 1;
    return tidy(std::min(max, min + std::clamp(k, 0, last) * step));
}

int WhatIfSlider::positionOf(double v) const
{
    if (!(step > 0))
        return 0;
    return std::clamp(static_cast<int>(std::lround((v - min) / step)), 0, positions() - 1);
}

QStringList whatIfPinProblems(const Scenario &scenario)
{
    QStringList out;
    if (!scenario.whatIf)
        return out;
    const QList<SweepablePath> paths = sweepablePaths(scenario);
    for (const WhatIfPin &pin : scenario.whatIf->pinned) {
        if (!pathSegments(pin.field))
            out.append(notAPath(pin.field));
        else
            out.append(find(paths, pin.field) ? QString() : notANumber(pin.field));
    }
    return out;
}

WhatIfSlider whatIfSlider(const Scenario &scenario, const WhatIfPin &pin)
{
    return sliderOf(scenario, sweepablePaths(scenario), pin);
}

QList<WhatIfSlider> whatIfSliders(const Scenario &scenario)
{
    QList<WhatIfSlider> out;
    if (scenario.whatIf) {
        const QList<SweepablePath> paths = sweepablePaths(scenario);
        for (const WhatIfPin &pin : scenario.whatIf->pinned)
            out.append(sliderOf(scenario, paths, pin));
    }
    return out;
}

std::optional<WhatIfPin> whatIfPin(const Scenario &scenario, const QString &field, QString *error)
{
    const WhatIfSlider slider = whatIfSlider(scenario, WhatIfPin{field, {}, {}, {}, {}});
    if (!slider.problem.isEmpty()) {
        if (error)
            *error = slider.problem;
        return std::nullopt;
    }
    return WhatIfPin{field, slider.min, slider.max, slider.step, {}};
}

QList<WhatIfCandidate> whatIfCandidates(const Scenario &scenario, const QString &componentId)
{
    // the usual knobs, by the key the path ends in
    const QStringList usualKeys = {Format::keyOf(&Arrivals::ratePerS),
                                   Format::keyOf(&Service::replicas),
                                   Format::keyOf(&Service::cpuCores),
                                   Format::keyOf(&Concurrency::threads),
                                   Format::keyOf(&Concurrency::workers),
                                   Format::keyOf(&Concurrency::workerThreads),
                                   Format::keyOf(&Concurrency::queueLimit),
                                   Format::keyOf(&Cache::capacityKeys),
                                   Format::keyOf(&Cache::ttlS),
                                   Format::keyOf(&Consumer::prefetch),
                                   Format::keyOf(&Consumer::count),
                                   Format::keyOf(&Database::maxConnections)};
    const QString pools = QLatin1Char('.') + keyOfPart(Format::serviceFields(), Format::Part::Pools)
                          + QLatin1Char('.');
    QString prefix;
    if (componentId.isEmpty()) {
        prefix = QStringLiteral("workload.arrivals.");
    } else {
        const int i = scenario.indexOf(componentId);
        if (i < 0)
            return {};
        // sweepablePaths names a component by its id, or by its index when the id cannot be
        // written in a path
        prefix = QStringLiteral("components[%1].")
                     .arg(componentId.contains(QLatin1Char('.'))
                                  || componentId.contains(QLatin1Char('['))
                                  || componentId.contains(QLatin1Char(']'))
                              ? QString::number(i)
                              : componentId);
    }
    QList<WhatIfCandidate> usual, other;
    for (const SweepablePath &p : sweepablePaths(scenario)) {
        if (!p.path.startsWith(prefix))
            continue;
        const QString key = p.path.mid(p.path.lastIndexOf(QLatin1Char('.')) + 1);
        const bool isUsual = usualKeys.contains(key) || p.path.contains(pools)
                             || (componentId.isEmpty() && p.unit == QLatin1String("/s"));
        const std::optional<FieldInfo> info = infoOf(scenario, p.path);
        WhatIfCandidate c{p.path, info ? info->label : p.path, p.value, p.unit, isUsual};
        (isUsual ? usual : other).append(c);
    }
    return usual + other;
}

QString checkWhatIfValue(const WhatIfSlider &slider, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("%1 needs a number").arg(slider.label);
    if (slider.integer && value != std::round(value))
        return QStringLiteral("%1 takes whole numbers (%2 is not one)")
            .arg(slider.label)
            .arg(value);
    if (value < slider.min || value > slider.max)
        return QStringLiteral("%1 must be from %2 to %3 on this slider (%4 is outside); widen the "
                              "pin's range to go further")
            .arg(slider.label)
            .arg(slider.min)
            .arg(slider.max)
            .arg(value);
    return {};
}

double whatIfWindowS(const Scenario &scenario)
{
    const WhatIf filled = Format::filled(scenario.whatIf.value_or(WhatIf{}));
    return filled.windowS.value_or(60);
}

WhatIfRun whatIfRun(const Scenario &scenario,
                    const QList<QPair<QString, double>> &values,
                    double windowS)
{
    WhatIfRun out;
    if (!(windowS > 0) || windowS > Limits::kMaxWhatIfWindowS) {
        out.problems.append({Problem::Severity::Error,
                             QStringLiteral("$.what_if.window_s"),
                             QStringLiteral("the window must be greater than 0 and at most %1 s "
                                            "(it is %2)")
                                 .arg(Limits::kMaxWhatIfWindowS)
                                 .arg(windowS),
                             0,
                             0});
        return out;
    }
    QList<QPair<QString, QJsonValue>> set;
    QString said; // "components[cart].replicas = 0", to name the values in a problem
    for (const auto &[path, value] : values) {
        set.append({path, value});
        said += (said.isEmpty() ? QString() : QStringLiteral(", "))
                + QStringLiteral("%1 = %2").arg(path).arg(value);
    }
    ScenarioLoad load = scenarioWithSet(scenario, set);
    if (load.ok()) {
        // the window: the short run's duration, the warm-up in the same proportion
        Scenario &s = *load.scenario;
        const SimulationSettings &run = s.simulation;
        s.simulation.warmupS = run.durationS > 0 ? run.warmupS * windowS / run.durationS : 0;
        s.simulation.durationS = windowS;
        s.simulation.replications = 1;
        // a window shorter than ten of the scenario's buckets still draws ten points
        s.simulation.bucketS = std::min(run.bucketS, windowS / 10);
        const CompiledScenario compiled = compileScenario(s);
        load.problems = compiled.problems;
        if (compiled.ok()) {
            for (const std::string &refusal : Sim::checkSpec(compiled.spec))
                load.problems.append(
                    {Problem::Severity::Error, QString(), QString::fromStdString(refusal), 0, 0});
            out.spec = compiled.spec;
        }
    }
    for (Problem p : load.problems) {
        if (!p.isError())
            continue;
        p.message = QStringLiteral("%1: %2").arg(said.isEmpty() ? QStringLiteral("as it is") : said,
                                                 p.message);
        p.line = p.column = 0; // lines of a generated text mean nothing to the user
        out.problems.append(p);
    }
    if (load.scenario && !hasErrors(out.problems))
        out.scenario = load.scenario;
    return out;
}

} // namespace Model
