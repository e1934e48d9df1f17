// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioText.h"

#include "Formatting.h"
#include "Results.h"
#include "ScenarioPanel.h"
#include "analysis/Cost.h"
#include "analysis/Slo.h"
#include "persistence/Project.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace Ui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Ui::ScenarioText", text, nullptr, n);
}

/** "duration 60 s (warm-up 5 s), seed 1, 2 replications" */
QString runSettingsText(const Sim::RunResult &result)
{
    return tr("duration %1 s (warm-up %2 s), seed %3, %n replication(s)", result.replications)
        .arg(formatPlain(result.durationS), formatPlain(result.warmupS))
        .arg(result.seed);
}

} // namespace

RunSettings runSettingsOf(const Model::Scenario &scenario)
{
    RunSettings settings;
    settings.durationS = scenario.simulation.durationS;
    settings.warmupS = scenario.simulation.warmupS;
    settings.seed = scenario.simulation.seed;
    settings.replications = scenario.simulation.replications;
    return settings;
}

QString scenarioSummary(const Model::Scenario &scenario)
{
    const Model::Workload &workload = scenario.workload;
    QString arrivals = workload.arrivals.kind.isEmpty()
                           ? tr("arrivals")
                           : tr("%1 arrivals").arg(workload.arrivals.kind);
    if (workload.arrivals.ratePerS)
        arrivals += tr(", %1/s").arg(formatPlain(*workload.arrivals.ratePerS));
    double totalWeight = 0;
    for (const Model::RequestType &request : workload.requests)
        totalWeight += request.weight.value_or(1);
    QStringList requests;
    for (const Model::RequestType &request : workload.requests) {
        if (workload.requests.size() == 1 || totalWeight <= 0)
            requests << request.name;
        else
            requests << tr("%1 %2%")
                            .arg(request.name)
                            .arg(std::round(request.weight.value_or(1) / totalWeight * 1000) / 10);
    }
    // Kinds in the order they first appear, with their counts.
    QStringList kinds;
    QList<int> counts;
    for (const Model::Component &component : scenario.components) {
        const QString kind = component.kind == Model::ComponentKind::Unknown
                                 ? component.unknownKind
                                 : Model::componentKindName(component.kind);
        const qsizetype at = kinds.indexOf(kind);
        if (at < 0) {
            kinds << kind;
            counts << 1;
        } else {
            ++counts[at];
        }
    }
    QStringList components;
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        components << (counts.at(i) == 1
                           ? kinds.at(i)
                           : QStringLiteral("%1 ×%2").arg(kinds.at(i)).arg(counts.at(i)));
    }
    if (components.isEmpty())
        components << tr("none yet (drag them from the palette)");
    return tr("Workload: %1 into “%2”; request types: %3. Components: %4.")
        .arg(arrivals,
             workload.entry,
             requests.join(QStringLiteral(", ")),
             components.join(QStringLiteral(", ")));
}

QString errorSummary(const Model::Problems &problems)
{
    qsizetype errors = 0;
    for (const Model::Problem &problem : problems)
        errors += problem.isError() ? 1 : 0;
    return errors == 1 ? tr("1 problem stops this scenario from running: see the Problems panel.")
                       : tr("%1 problems stop this scenario from running: see the Problems panel.")
                             .arg(errors);
}

QString problemLines(const Model::Problems &problems)
{
    QStringList lines;
    for (const Model::Problem &problem : problems) {
        QString where;
        if (problem.line > 0) {
            where = problem.column > 0
                        ? tr("line %1, column %2: ").arg(problem.line).arg(problem.column)
                        : tr("line %1: ").arg(problem.line);
        } else if (!problem.path.isEmpty()) {
            where = problem.path + QStringLiteral(": ");
        }
        lines << where + problem.message;
    }
    return lines.join(QLatin1Char('\n'));
}

QString savedRunHeader(const QString &scenarioName,
                       const Model::SavedRun &run,
                       const Sim::RunResult &result)
{
    const QString when = run.timestamp.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return tr("<b>%1</b>: saved run of %2 (engine %3): duration %4 s (warm-up %5 s), seed %6, "
              "%n replication(s).",
              result.replications)
        .arg(scenarioName.toHtmlEscaped(),
             when,
             run.engineVersion.toHtmlEscaped(),
             formatPlain(result.durationS),
             formatPlain(result.warmupS))
        .arg(result.seed);
}

QString finishedRunHeader(const QString &scenarioName, const Sim::RunResult &result, int percent)
{
    if (result.stop.stopped()) {
        return tr("<b>%1</b>: <span style=\"color:#cf222e\"><b>%2</b></span>; partial results "
                  "(not saved); %3.")
            .arg(scenarioName.toHtmlEscaped(),
                 QString::fromStdString(result.stop.verdict).toHtmlEscaped(),
                 runSettingsText(result));
    }
    if (result.cancelled) {
        return tr("<b>%1</b>: cancelled at %2%, partial results (not saved); %3.")
            .arg(scenarioName.toHtmlEscaped())
            .arg(percent)
            .arg(runSettingsText(result));
    }
    return tr("<b>%1</b>: %2; saved in the project.")
        .arg(scenarioName.toHtmlEscaped(), runSettingsText(result));
}

QString sloVerdictHtml(const QString &slo, const Sim::RunResult &result)
{
    const std::optional<Model::SloVerdict> verdict = Model::sloVerdictOf(slo, result);
    if (!verdict)
        return {};
    QStringList checks;
    for (const Model::SloCheck &c : verdict->checks) {
        if (verdict->holds || !c.holds)
            checks << Model::sloCheckText(c).toHtmlEscaped();
    }
    // the palette's own link colours are too pale on some themes; these read on light and dark
    const QString colour = verdict->holds ? QStringLiteral("#1a7f37") : QStringLiteral("#cf222e");
    return tr("SLO <b>%1</b>: <span style=\"color:%2\"><b>%3</b></span> (%4)")
        .arg(verdict->slo.text().toHtmlEscaped(),
             colour,
             verdict->holds ? tr("met") : tr("NOT met"),
             checks.join(QStringLiteral("; ")));
}

QString withRunVerdicts(const QString &header,
                        const Model::Scenario &scenario,
                        const Sim::RunResult &result)
{
    const Model::CostFigures cost = Model::costOf(scenario, result);
    QString out = header
                  + tr("<br>Cost: $%1 per hour, $%2 per million requests")
                        .arg(QString::number(cost.perHour, 'f', cost.perHour < 1 ? 4 : 2),
                             QString::number(cost.perMillionRequests,
                                             'f',
                                             cost.perMillionRequests < 1 ? 4 : 2));
    const QString verdict = sloVerdictHtml(scenario.slo, result);
    if (!verdict.isEmpty())
        out += QStringLiteral("; ") + verdict;
    return out;
}

QString runTiming(const Sim::RunResult &result)
{
    return tr("%1 events in %2 wall time, %3 events/s")
        .arg(formatSi(static_cast<double>(result.events)),
             formatWallTime(result.wallS),
             formatSi(result.eventsPerS));
}

} // namespace Ui
