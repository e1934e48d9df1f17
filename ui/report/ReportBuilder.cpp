// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportBuilder.h"

#include "CompareView.h"
#include "ComponentChart.h"
#include "ComponentTableModel.h"
#include "Formatting.h"
#include "LatencyChart.h"
#include "ReportLayout.h"
#include "RequestTableModel.h"
#include "ScenarioIo.h"
#include "SeriesChart.h"
#include "Simulation.h"
#include "analysis/CapacityChart.h"
#include "canvas/CanvasScene.h"
#include "decide/TornadoChart.h"
#include "editing/DocumentController.h"
#include "persistence/ProjectStore.h"

#include <qcustomplot.h>

#include <QJsonDocument>
#include <QPageSize>

#include <cmath>

namespace Ui {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

/** A request figure with the unit the tables use. */
QString ms(double v)
{
    return formatMilliseconds(v) + QStringLiteral(" ms");
}

QString pct(double fraction)
{
    return formatPercent(fraction) + QStringLiteral("%");
}

QString money(double perHour)
{
    return QStringLiteral("$%1").arg(perHour, 0, 'f', perHour < 10 ? 3 : 2);
}

QString withCi(const Model::Estimate &e, QString (*format)(double), const QString &unit)
{
    QString s = format(e.mean);
    if (e.ci95)
        s += QStringLiteral(" ± ") + format(*e.ci95);
    return unit.isEmpty() ? s : s + QLatin1Char(' ') + unit;
}

QString percentValue(double fraction)
{
    return formatPercent(fraction);
}

QString moneyValue(double v)
{
    return QString::number(v, 'f', v < 10 ? 3 : 2);
}

/** The figure of compareFigures() `key` formatted with its unit. */
QString compareText(const Model::CompareFigure &f, const Model::Estimate &e)
{
    const QString unit = QLatin1String(f.unit);
    if (unit == QLatin1String("ms"))
        return withCi(e, formatMilliseconds, unit);
    if (unit.startsWith(QLatin1Char('$')))
        return QStringLiteral("$") + withCi(e, moneyValue, unit.mid(1));
    if (QLatin1String(f.key).contains(QLatin1String("rate"))
        && !QLatin1String(f.key).contains(QLatin1String("throughput")))
        return withCi(e, percentValue, QStringLiteral("%"));
    return withCi(e, formatDecimal, unit);
}

/** The rows of an item model as a report table (its DisplayRole texts and headers). */
ReportTable tableOf(const QAbstractItemModel &model,
                    const QList<int> &columns,
                    const QString &caption,
                    const QList<bool> &numeric)
{
    ReportTable t;
    t.caption = caption;
    t.numeric = numeric;
    for (int c : columns)
        t.header << model.headerData(c, Qt::Horizontal).toString();
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c : columns)
            row << model.data(model.index(r, c)).toString();
        t.rows << row;
    }
    return t;
}

QString arrivalsText(const Model::Arrivals &a)
{
    const auto n = [](const std::optional<double> &v) { return formatPlain(v.value_or(0)); };
    if (a.kind == QLatin1String("poisson") || a.kind == QLatin1String("constant"))
        return QStringLiteral("%1 arrivals at %2 requests/s").arg(a.kind, n(a.ratePerS));
    if (a.kind == QLatin1String("ramp"))
        return QStringLiteral("a ramp from %1 to %2 requests/s over %3 s, from %4 s")
            .arg(n(a.from), n(a.to), n(a.overS), n(a.startS));
    if (a.kind == QLatin1String("spike"))
        return QStringLiteral("%1 requests/s with a spike to %2 requests/s at %3 s for %4 s")
            .arg(n(a.ratePerS), n(a.peak), n(a.atS), n(a.lengthS));
    if (a.kind == QLatin1String("bursty"))
        return QStringLiteral("bursts: %1 requests/s for %2 s on average, then %3 requests/s "
                              "for %4 s")
            .arg(n(a.lowRate), n(a.lowMeanS), n(a.highRate), n(a.highMeanS));
    if (a.kind == QLatin1String("diurnal"))
        return QStringLiteral("a daily cycle around %1 requests/s (amplitude %2, period %3 s, "
                              "peak at %4 s)")
            .arg(n(a.mean), n(a.amplitude), n(a.periodS), n(a.peakAtS));
    return a.kind;
}

class Builder
{
public:
    Builder(const Model::ReportData &data, ReportLayout &layout)
        : d(data)
        , l(layout)
    {}

    void build()
    {
        summary();
        for (const QString &section : d.settings.sections) {
            if (section == QLatin1String("scenarios"))
                scenarios();
            else if (section == QLatin1String("comparison"))
                comparison();
            else if (section == QLatin1String("capacity"))
                capacity();
            else if (section == QLatin1String("decision"))
                decision();
            else if (section == QLatin1String("plan"))
                plan();
            else if (section == QLatin1String("lint"))
                lint();
            else if (section == QLatin1String("appendix"))
                appendix();
        }
    }

private:
    // --- executive summary ----------------------------------------------------------------
    void summary()
    {
        if (!d.settings.includes(QStringLiteral("summary")))
            return;
        l.heading(QStringLiteral("Executive summary"));
        QString html;
        if (d.decision && !d.decisionResult.ranking.empty()) {
            const auto &r = d.decisionResult;
            const Model::RankedAlternative &win = r.ranking.front();
            html += QStringLiteral("<p><b>Recommendation: %1.</b> In the decision \"%2\" it "
                                   "scores %3 of 10")
                        .arg(esc(r.alternatives.at(win.alternative)),
                             esc(d.decision->name),
                             QString::number(win.score, 'f', 2));
            if (r.ranking.size() > 1)
                html += QStringLiteral(" against %1 for %2")
                            .arg(QString::number(r.ranking[1].score, 'f', 2),
                                 esc(r.alternatives.at(r.ranking[1].alternative)));
            html += QStringLiteral("; what decided it: %1.</p>")
                        .arg(esc(Model::decidingCriteriaText(r, win)));
        } else if (d.comparison && d.comparison->alternatives.size() > 1) {
            // no decision: say which alternative is fastest at the tail, and at what cost
            const auto &alts = d.comparison->alternatives;
            std::size_t best = 0;
            for (std::size_t a = 1; a < alts.size(); ++a) {
                if (alts[a].figures[p99Index()].mean < alts[best].figures[p99Index()].mean)
                    best = a;
            }
            html += QStringLiteral("<p><b>Fastest at the tail: %1</b> (p99 %2). This report has "
                                   "no decision; the comparison below weighs latency, errors "
                                   "and cost.</p>")
                        .arg(esc(alts[best].name), ms(alts[best].figures[p99Index()].mean));
        } else {
            html += QStringLiteral("<p>This report has no decision or comparison; it evaluates "
                                   "%1 scenario(s) on their own.</p>")
                        .arg(d.scenarios.size());
        }
        if (d.trajectory && !d.trajectory->points.empty()) {
            int breaking = 0;
            for (const Model::TrajectoryPoint &p : d.trajectory->points)
                breaking += p.breaksSlo ? 1 : 0;
            html += QStringLiteral("<p>The migration plan \"%1\" has %2 steps; %3.</p>")
                        .arg(esc(d.plan->name))
                        .arg(d.trajectory->points.size() - 1)
                        .arg(breaking == 0
                                 ? QStringLiteral("every step keeps the SLO")
                                 : QStringLiteral("%1 step(s) break the SLO").arg(breaking));
        }
        if (!d.capacity.empty() && d.capacitySlo) {
            QStringList parts;
            for (const Model::ReportCapacity &c : d.capacity)
                parts << (c.result.maxRatePerS
                              ? QStringLiteral("%1 carries %2 requests/s")
                                    .arg(esc(c.name), formatDecimal(*c.result.maxRatePerS))
                              : QStringLiteral("%1 holds it at no load tried").arg(esc(c.name)));
            html += QStringLiteral("<p>Under the SLO %1: %2.</p>")
                        .arg(esc(d.capacitySlo->text()), parts.join(QStringLiteral("; ")));
        }
        l.paragraph(html);
        if (d.scenarios.empty())
            return;
        ReportTable key;
        key.caption = QStringLiteral("Key figures, all requests after the warm-up");
        key.header = {QStringLiteral("Scenario"),
                      QStringLiteral("Throughput"),
                      QStringLiteral("p50"),
                      QStringLiteral("p99"),
                      QStringLiteral("Errors"),
                      QStringLiteral("Cost per hour"),
                      QStringLiteral("SLO")};
        key.numeric = {false, true, true, true, true, true, false};
        for (const Model::ReportScenario &s : d.scenarios) {
            const Sim::RequestResult *all = allRequests(s.result);
            if (!all)
                continue;
            key.rows << QStringList{s.name,
                                    formatDecimal(all->throughputPerS) + QStringLiteral("/s"),
                                    ms(all->latencyMs.p50),
                                    ms(all->latencyMs.p99),
                                    pct(errorRate(*all)),
                                    money(s.cost.perHour),
                                    !s.slo         ? QStringLiteral("none set")
                                    : s.slo->holds ? QStringLiteral("PASS")
                                                   : QStringLiteral("FAIL")};
        }
        l.table(key);
        ReportTable slo;
        slo.caption = QStringLiteral("Service-level objectives, condition by condition");
        slo.header = {QStringLiteral("Scenario"),
                      QStringLiteral("Condition"),
                      QStringLiteral("Measured"),
                      QStringLiteral("Verdict")};
        slo.numeric = {false, false, true, false};
        for (const Model::ReportScenario &s : d.scenarios) {
            if (!s.slo)
                continue;
            for (const Model::SloCheck &c : s.slo->checks)
                slo.rows << QStringList{s.name,
                                        Model::sloCheckText(c),
                                        QString(),
                                        c.holds ? QStringLiteral("PASS") : QStringLiteral("FAIL")};
        }
        if (!slo.rows.isEmpty()) {
            // the measured value is in sloCheckText; keep the table to three columns
            slo.header.removeAt(2);
            slo.numeric.removeAt(2);
            for (QStringList &row : slo.rows)
                row.removeAt(2);
            slo.widths = {2, 4, 1};
            l.table(slo);
        }
    }

    // --- scenarios ------------------------------------------------------------------------
    void scenarios()
    {
        for (const Model::ReportScenario &s : d.scenarios)
            scenario(s);
    }

    void scenario(const Model::ReportScenario &s)
    {
        l.heading(QStringLiteral("Scenario: %1").arg(s.name));
        if (!s.scenario.description.isEmpty())
            l.paragraph(QStringLiteral("<p>%1</p>").arg(esc(s.scenario.description)));

        l.heading(QStringLiteral("Topology"), 2);
        topology(s);

        l.heading(QStringLiteral("Workload and assumptions"), 2);
        ReportTable a;
        a.header = {QStringLiteral("Assumption"), QStringLiteral("Value")};
        a.widths = {1, 3};
        a.rows << QStringList{QStringLiteral("Arrivals"),
                              arrivalsText(s.scenario.workload.arrivals)};
        a.rows << QStringList{QStringLiteral("Entry"), s.scenario.workload.entry};
        QStringList mix;
        for (const Model::RequestType &r : s.scenario.workload.requests)
            mix << QStringLiteral("%1 (weight %2)").arg(r.name, formatPlain(r.weight.value_or(1)));
        a.rows << QStringList{QStringLiteral("Request types"), mix.join(QStringLiteral(", "))};
        a.rows << QStringList{QStringLiteral("Duration"),
                              QStringLiteral("%1 s").arg(formatPlain(s.result.durationS))};
        a.rows << QStringList{QStringLiteral("Warm-up (not measured)"),
                              QStringLiteral("%1 s").arg(formatPlain(s.result.warmupS))};
        a.rows << QStringList{QStringLiteral("Seed"), QString::number(s.result.seed)};
        a.rows << QStringList{QStringLiteral("Replications"),
                              QString::number(s.result.replications)};
        a.rows << QStringList{QStringLiteral("Engine"), s.engineVersion};
        a.rows << QStringList{QStringLiteral("Results from"), s.resultSource};
        a.rows << QStringList{QStringLiteral("SLO"),
                              s.scenario.slo.isEmpty() ? QStringLiteral("none") : s.scenario.slo};
        l.table(a);

        l.heading(QStringLiteral("Results per request type"), 2);
        RequestTableModel requests;
        requests.setResult(s.result);
        QList<int> rc;
        QList<bool> rn;
        for (int c = 0; c < RequestTableModel::ColumnCount; ++c) {
            if (c == RequestTableModel::P90 || c == RequestTableModel::P999)
                continue; // p50, p95, p99 and max are enough on paper
            rc << c;
            rn << (c != RequestTableModel::Name);
        }
        l.table(tableOf(requests,
                        rc,
                        QStringLiteral("Latencies in ms, throughput per second; counts after "
                                       "the warm-up"),
                        rn));

        l.heading(QStringLiteral("Results per component"), 2);
        ComponentTableModel components;
        components.setResult(s.result);
        QList<int> cc;
        QList<bool> cn;
        for (int c = 0; c < ComponentTableModel::Details; ++c) {
            cc << c;
            cn << (c != ComponentTableModel::Id && c != ComponentTableModel::Kind);
        }
        l.table(tableOf(components, cc, QString(), cn));
        QString details;
        for (int r = 0; r < components.rowCount(); ++r) {
            const QString text
                = components.data(components.index(r, ComponentTableModel::Details)).toString();
            if (!text.isEmpty())
                details += QStringLiteral("<li><b>%1</b>: %2</li>")
                               .arg(esc(components.data(components.index(r, 0)).toString()),
                                    esc(text));
        }
        if (!details.isEmpty())
            l.paragraph(QStringLiteral("<ul>%1</ul>").arg(details));

        charts(s);
        events(s);
    }

    void topology(const Model::ReportScenario &s)
    {
        auto doc = std::make_unique<Model::Document>();
        doc->setScenario(s.scenario, s.layout);
        auto controller = std::make_unique<DocumentController>(doc.get());
        auto scene = std::make_unique<CanvasScene>(doc.get(), controller.get());
        if (s.layout.positions.isEmpty())
            scene->arrange();
        scene->clearSelection();
        l.scene(scene.get(),
                340,
                QStringLiteral("The topology of %1, as drawn on the canvas").arg(s.name));
        // the layout draws the scene when it writes: keep it (and its document) alive
        m_keep.push_back(std::move(scene));
        m_keepControllers.push_back(std::move(controller));
        m_keepDocs.push_back(std::move(doc));
    }

    void charts(const Model::ReportScenario &s)
    {
        l.heading(QStringLiteral("Charts"), 2);
        const double width = l.textWidth();
        {
            auto chart = std::make_unique<SeriesChart>();
            chart->resize(int(width), 260);
            chart->setSeries(s.result.series, s.result.durationS, s.result.warmupS);
            chart->setEvents(s.result.timeline);
            addChart(std::move(chart),
                     215,
                     QStringLiteral("Latency percentiles (left axis), throughput, errors and "
                                    "offered load (right axis) over time; warm-up shaded"));
        }
        for (const auto &[metric, caption] :
             {std::pair{QStringLiteral("utilization"),
                        QStringLiteral("Utilisation of each component over time")},
              std::pair{QStringLiteral("hit_ratio"), QStringLiteral("Cache hit ratio over time")},
              std::pair{QStringLiteral("backlog"), QStringLiteral("Queue backlog over time")}}) {
            auto chart = std::make_unique<ComponentChart>();
            chart->resize(int(width), 260);
            chart->setSeries(s.result.series, s.result.durationS);
            chart->setEvents(s.result.timeline);
            if (!chart->metrics().contains(metric))
                continue; // a metric no component has: no chart
            chart->setMetric(metric);
            addChart(std::move(chart), 190, caption);
        }
        {
            auto chart = std::make_unique<LatencyChart>();
            chart->resize(int(width), 260);
            chart->setResult(s.result);
            if (chart->hasChart())
                addChart(std::move(chart),
                         200,
                         QStringLiteral("Latency distribution of all requests: histogram and "
                                        "CDF, with p50, p95 and p99 marked"));
        }
    }

    void events(const Model::ReportScenario &s)
    {
        if (s.result.timeline.empty())
            return;
        l.heading(QStringLiteral("Timeline of events"), 2);
        ReportTable t;
        t.header = {QStringLiteral("Time"),
                    QStringLiteral("Component"),
                    QStringLiteral("Event"),
                    QStringLiteral("Detail")};
        t.numeric = {true, false, false, false};
        t.widths = {1, 2, 2, 3};
        for (const Sim::RunEvent &e : s.result.timeline)
            t.rows << QStringList{QStringLiteral("%1 s").arg(formatPlain(e.tS)),
                                  QString::fromStdString(e.component),
                                  QString::fromStdString(e.what).replace(QLatin1Char('_'),
                                                                         QLatin1Char(' ')),
                                  QString::fromStdString(e.detail)};
        t.caption = QStringLiteral("Events of replication 0, in time order");
        l.table(t);
    }

    void addChart(std::unique_ptr<QWidget> owner, double heightPt, const QString &caption)
    {
        QCustomPlot *plot = owner->findChild<QCustomPlot *>();
        if (!plot)
            return;
        l.chart(std::move(owner), plot, heightPt, caption);
    }

    // --- comparison -----------------------------------------------------------------------
    void comparison()
    {
        if (!d.comparison || d.comparison->alternatives.size() < 2)
            return;
        const Model::Comparison &c = *d.comparison;
        l.heading(QStringLiteral("Comparison"));
        l.paragraph(QStringLiteral("<p>%1 alternatives, %2 replications each%3, seed %4; %5. "
                                   "Each figure is the mean over the replications with the "
                                   "half-width of its 95% confidence interval; each delta is "
                                   "against the baseline, <b>%6</b>, from paired replications, "
                                   "marked * where its interval excludes zero.</p>")
                        .arg(c.alternatives.size())
                        .arg(c.replications)
                        .arg(c.crn ? QStringLiteral(" with common random numbers") : QString())
                        .arg(c.seed)
                        .arg(esc(d.comparisonSource), esc(c.baseline)));
        ReportTable t;
        t.header << QStringLiteral("Figure");
        t.numeric << false;
        for (const Model::AlternativeRun &a : c.alternatives) {
            t.header << a.name;
            t.numeric << true;
        }
        const auto &figures = Model::compareFigures();
        for (std::size_t f = 0; f < figures.size(); ++f) {
            QStringList row{QLatin1String(figures[f].label)};
            for (std::size_t a = 0; a < c.alternatives.size(); ++a)
                row << compareText(figures[f], c.alternatives[a].figures[f]);
            t.rows << row;
        }
        l.table(t);
        ReportTable deltas;
        deltas.caption = QStringLiteral("Differences against %1").arg(c.baseline);
        deltas.header << QStringLiteral("Figure");
        deltas.numeric << false;
        for (const Model::AlternativeDelta &a : c.deltas) {
            deltas.header << a.name;
            deltas.numeric << true;
        }
        for (std::size_t f = 0; f < figures.size(); ++f) {
            QStringList row{QLatin1String(figures[f].label)};
            for (const Model::AlternativeDelta &a : c.deltas) {
                const Model::PairedDifference &p = a.figures[f];
                Model::Estimate e{p.delta, p.ci95};
                QString text = compareText(figures[f], e);
                if (p.delta > 0)
                    text.prepend(QLatin1Char('+'));
                row << text + (p.significant ? QStringLiteral(" *") : QString());
            }
            deltas.rows << row;
        }
        l.table(deltas);
        // the overlaid charts of the Compare view, drawn by its code
        for (const auto &[chart, caption] :
             {std::pair{CompareView::LatencyCdf,
                        QStringLiteral("Latency CDF of all requests, one line per alternative")},
              std::pair{CompareView::P99OverTime,
                        QStringLiteral("p99 latency over time, one line per alternative")},
              std::pair{CompareView::ThroughputOverTime,
                        QStringLiteral("Throughput over time, one line per alternative")}}) {
            auto plot = std::make_unique<QCustomPlot>();
            plot->resize(int(l.textWidth()), 260);
            CompareView::setupChart(plot.get(), chart);
            CompareView::fillChart(plot.get(), chart, c);
            bool any = false;
            for (int g = 0; g < plot->graphCount(); ++g)
                any = any || plot->graph(g)->dataCount() > 0;
            if (!any)
                continue; // a saved comparison without series: no empty chart
            QCustomPlot *raw = plot.get();
            l.chart(std::move(plot), raw, 200, caption);
        }
    }

    // --- capacity -------------------------------------------------------------------------
    void capacity()
    {
        if (d.capacity.empty() || !d.capacitySlo)
            return;
        const Model::Slo &slo = *d.capacitySlo;
        l.heading(QStringLiteral("Capacity"));
        l.paragraph(
            QStringLiteral("<p>The highest arrival rate at which the SLO <b>%1</b> holds, searched "
                           "for this report: the whole arrival profile is scaled, doubling or "
                           "halving until one rate passes and one fails, then bisecting to "
                           "within %2%; each rate tried runs %3 replications, and a figure is "
                           "their mean.</p>")
                .arg(esc(slo.text()))
                .arg(formatPlain(Model::CapacityOptions{}.precision * 100))
                .arg(d.capacityReplications));
        ReportTable t;
        t.caption = QStringLiteral("Capacity under %1").arg(slo.text());
        t.header = {QStringLiteral("Scenario"),
                    QStringLiteral("Its rate"),
                    QStringLiteral("Capacity"),
                    QStringLiteral("Headroom"),
                    QStringLiteral("Cost per hour there"),
                    QStringLiteral("Rates tried")};
        t.numeric = {false, true, true, true, true, true};
        t.widths = {4, 2, 2, 2, 2, 1};
        for (const Model::ReportCapacity &c : d.capacity) {
            const auto &max = c.result.maxRatePerS;
            t.rows << QStringList{c.name,
                                  formatDecimal(c.scenarioRatePerS) + QStringLiteral("/s"),
                                  max ? formatDecimal(*max) + QStringLiteral("/s")
                                      : QStringLiteral("none"),
                                  max ? QStringLiteral("%1×").arg(formatDecimal(c.result.maxScale))
                                      : QStringLiteral("-"),
                                  max ? money(c.result.costAtMax.perHour) : QStringLiteral("-"),
                                  QString::number(c.result.points.size())};
        }
        l.table(t);
        QStringList notes;
        for (const Model::ReportCapacity &c : d.capacity) {
            if (!c.result.note.isEmpty())
                notes << QStringLiteral("%1: %2").arg(esc(c.name), esc(c.result.note));
        }
        if (!notes.isEmpty())
            l.paragraph(QStringLiteral("<p>%1</p>").arg(notes.join(QStringLiteral("<br>"))));
        QList<CapacityOutcome> outcomes;
        for (const Model::ReportCapacity &c : d.capacity)
            outcomes.append({c.name, c.result, QString()});
        for (int condition = 0; condition < slo.conditions.size(); ++condition) {
            auto chart = std::make_unique<CapacityChart>();
            chart->resize(int(l.textWidth()), 320);
            chart->setOutcomes(outcomes, slo, condition);
            QCustomPlot *plot = chart->plot();
            l.chart(std::move(chart),
                    plot,
                    230,
                    QStringLiteral("%1 against the arrival rate; the dashed line is the SLO's "
                                   "limit, a diamond each scenario's capacity")
                        .arg(slo.conditions[condition].text));
        }
    }

    // --- decision -------------------------------------------------------------------------
    void decision()
    {
        if (!d.decision)
            return;
        const Model::DecisionResult &r = d.decisionResult;
        l.heading(QStringLiteral("Decision: %1").arg(d.decision->name));
        QString html = QStringLiteral("<p>Status: <b>%1</b>. Simulated criteria: %2.</p>")
                           .arg(esc(d.decision->status), esc(d.decisionSource));
        if (!d.decision->context.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(esc(d.decision->context));
        l.paragraph(html);
        ReportTable m;
        m.caption = QStringLiteral("The matrix: scores of 0 to 10 (* set by hand), weights "
                                   "of 0 to 100 and their share");
        m.header = {QStringLiteral("Criterion"), QStringLiteral("Weight"), QStringLiteral("Share")};
        m.numeric = {false, true, true};
        for (const QString &a : r.alternatives) {
            m.header << a;
            m.numeric << true;
        }
        for (const Model::DecisionRow &row : r.rows) {
            QStringList cells{row.label,
                              formatPlain(row.weight),
                              row.measured ? pct(row.share) : QStringLiteral("not used")};
            for (const Model::DecisionCell &cell : row.cells) {
                QString text = row.measured || cell.overridden
                                   ? QString::number(cell.score, 'f', 1)
                                         + (cell.overridden ? QStringLiteral("*") : QString())
                                   : QStringLiteral("-");
                if (!cell.text.isEmpty())
                    text += QStringLiteral(" (%1)").arg(cell.text);
                cells << text;
            }
            m.rows << cells;
        }
        l.table(m);
        QString ranking = QStringLiteral("<p><b>Ranking</b></p><ol>");
        for (const Model::RankedAlternative &ra : r.ranking)
            ranking += QStringLiteral("<li><b>%1</b>: %2 of 10 — %3</li>")
                           .arg(esc(r.alternatives.at(ra.alternative)),
                                QString::number(ra.score, 'f', 2),
                                esc(Model::decidingCriteriaText(r, ra)));
        ranking += QStringLiteral("</ol>");
        for (const QString &note : r.notes)
            ranking += QStringLiteral("<p><i>%1</i></p>").arg(esc(note));
        l.paragraph(ranking);

        ReportTable sens;
        sens.caption = QStringLiteral("Sensitivity: how far each weight's share must move "
                                      "before another alternative wins");
        sens.header = {QStringLiteral("Criterion"),
                       QStringLiteral("Share"),
                       QStringLiteral("Flip")};
        sens.numeric = {false, true, false};
        sens.widths = {3, 1, 5};
        for (const Model::WeightSensitivity &s : r.sensitivity)
            sens.rows << QStringList{r.rows[std::size_t(s.criterion)].label,
                                     pct(s.share),
                                     Model::sensitivityText(r, s)};
        l.table(sens);
        auto tornado = std::make_unique<TornadoChart>();
        tornado->resize(int(l.textWidth()), 320);
        tornado->setResult(r);
        QCustomPlot *plot = tornado->plot();
        l.chart(std::move(tornado),
                plot,
                250,
                QStringLiteral("Tornado chart: the share each weight may fall to (left) or rise "
                               "to (right) before the winner changes"));
    }

    // --- plan -----------------------------------------------------------------------------
    void plan()
    {
        if (!d.plan || !d.trajectory)
            return;
        const Model::Trajectory &t = *d.trajectory;
        l.heading(QStringLiteral("Migration plan: %1").arg(d.plan->name));
        l.paragraph(
            QStringLiteral("<p>Every step below is a scenario of its own, derived from "
                           "\"%1\" and run with the same workload and seeds (%2 "
                           "replications, common random numbers)%3.</p>")
                .arg(esc(d.plan->start))
                .arg(t.comparison.replications)
                .arg(t.slo.isEmpty() ? QString() : QStringLiteral("; SLO %1").arg(esc(t.slo))));
        ReportTable steps;
        steps.caption = QStringLiteral("The trajectory, step by step");
        steps.header = {QStringLiteral("#"),
                        QStringLiteral("Step"),
                        QStringLiteral("p99"),
                        QStringLiteral("Errors"),
                        QStringLiteral("Cost per hour"),
                        QStringLiteral("Deployables"),
                        QStringLiteral("Hops"),
                        QStringLiteral("SLO")};
        steps.numeric = {true, false, true, true, true, true, true, false};
        for (std::size_t i = 0; i < t.points.size(); ++i) {
            const Model::TrajectoryPoint &p = t.points[i];
            using F = Model::TrajectoryFigure;
            steps.rows << QStringList{QString::number(i),
                                      p.title,
                                      withCi(Model::trajectoryFigure(p, F::P99),
                                             formatMilliseconds,
                                             QStringLiteral("ms")),
                                      pct(Model::trajectoryFigure(p, F::ErrorRate).mean),
                                      money(Model::trajectoryFigure(p, F::CostPerHour).mean),
                                      QString::number(p.deployables),
                                      QString::number(p.syncHops),
                                      p.breaksSlo ? QStringLiteral("FAIL") : QStringLiteral("ok")};
        }
        l.table(steps);
        // the trajectory chart: p99 with its interval and cost, by step
        auto plot = std::make_unique<QCustomPlot>();
        plot->resize(int(l.textWidth()), 300);
        QCPGraph *p99 = plot->addGraph();
        p99->setName(QStringLiteral("p99 latency (ms)"));
        p99->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
        p99->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        QCPGraph *cost = plot->addGraph(plot->xAxis, plot->yAxis2);
        cost->setName(QStringLiteral("cost per hour ($)"));
        cost->setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
        cost->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
        for (std::size_t i = 0; i < t.points.size(); ++i) {
            using F = Model::TrajectoryFigure;
            p99->addData(double(i), Model::trajectoryFigure(t.points[i], F::P99).mean);
            cost->addData(double(i), Model::trajectoryFigure(t.points[i], F::CostPerHour).mean);
        }
        plot->xAxis->setLabel(QStringLiteral("step"));
        auto steps1 = QSharedPointer<QCPAxisTickerFixed>::create();
        steps1->setTickStep(1);
        steps1->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot->xAxis->setTicker(steps1);
        plot->yAxis->setLabel(QStringLiteral("p99 latency (ms)"));
        plot->yAxis2->setLabel(QStringLiteral("cost per hour ($)"));
        plot->yAxis2->setVisible(true);
        plot->xAxis->setRange(-0.5, double(t.points.size()) - 0.5);
        p99->rescaleValueAxis(false, true);
        cost->rescaleValueAxis(false, true);
        plot->yAxis->setRangeLower(0);
        plot->yAxis2->setRangeLower(0);
        plot->legend->setVisible(true);
        placeLegendBelow(plot.get(), 2);
        QCustomPlot *raw = plot.get();
        l.chart(std::move(plot),
                raw,
                220,
                QStringLiteral("p99 latency and cost per hour after each step"));
    }

    // --- lint -----------------------------------------------------------------------------
    void lint()
    {
        bool any = false;
        for (const Model::ReportScenario &s : d.scenarios)
            any = any || !s.lint.findings.empty() || !s.lint.silenced.empty();
        if (!any)
            return;
        l.heading(QStringLiteral("Architecture lint"));
        for (const Model::ReportScenario &s : d.scenarios) {
            if (s.lint.findings.empty() && s.lint.silenced.empty())
                continue;
            l.heading(s.name, 2);
            QString html = QStringLiteral("<ul>");
            for (const Model::LintFinding &f : s.lint.findings)
                html += QStringLiteral("<li><b>%1</b> (%2%3): %4 <i>Fix: %5</i></li>")
                            .arg(esc(f.rule),
                                 Model::lintSeverityName(f.severity),
                                 f.component.isEmpty() ? QString()
                                                       : QStringLiteral(", ") + esc(f.component),
                                 esc(f.message),
                                 esc(f.hint));
            for (const auto &[f, reason] : s.lint.silenced)
                html += QStringLiteral("<li><b>%1</b> (silenced%2): %3</li>")
                            .arg(esc(f.rule),
                                 f.component.isEmpty() ? QString()
                                                       : QStringLiteral(", ") + esc(f.component),
                                 esc(reason));
            html += QStringLiteral("</ul>");
            l.paragraph(html);
        }
    }

    // --- appendix -------------------------------------------------------------------------
    void appendix()
    {
        if (d.scenarios.empty())
            return;
        l.heading(QStringLiteral("Appendix: scenario JSON"));
        for (const Model::ReportScenario &s : d.scenarios) {
            l.heading(s.name, 2);
            l.code(QString::fromUtf8(Model::serializeScenario(s.scenario)).trimmed());
        }
    }

    // --- helpers --------------------------------------------------------------------------
    static const Sim::RequestResult *allRequests(const Sim::RunResult &r)
    {
        return r.requests.empty() ? nullptr : &r.requests.front();
    }
    static double errorRate(const Sim::RequestResult &r)
    {
        const double ended = r.completed + r.failed;
        return ended > 0 ? r.failed / ended : 0;
    }
    static std::size_t p99Index()
    {
        const auto &f = Model::compareFigures();
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (QLatin1String(f[i].key) == QLatin1String("latency_p99_ms"))
                return i;
        }
        return 0;
    }

    const Model::ReportData &d;
    ReportLayout &l;
    // Destroyed in reverse order: the scenes, then their controllers, then the documents
    // both of them point to.
    std::vector<std::unique_ptr<Model::Document>> m_keepDocs;
    std::vector<std::unique_ptr<DocumentController>> m_keepControllers;
    std::vector<std::unique_ptr<CanvasScene>> m_keep;
};

} // namespace

QString reportVersionLine()
{
    return QStringLiteral("ArchSim %1, engine %2")
        .arg(Model::ProjectStore::applicationVersion(), QString::fromLatin1(Sim::engineVersion()));
}

bool writeReport(const Model::ReportData &data, const QString &fileName, QString *error, int *pages)
{
    const QPageSize size(data.settings.paper == QLatin1String("letter") ? QPageSize::Letter
                                                                        : QPageSize::A4);
    ReportLayout layout(size);
    ReportLayout::TitlePage title;
    title.title = data.title;
    title.subtitle = QStringLiteral("Performance and architecture evaluation");
    if (!data.projectName.isEmpty())
        title.lines << QStringLiteral("Project: %1").arg(data.projectName);
    else if (!data.scenarioFile.isEmpty())
        title.lines << QStringLiteral("Scenario file: %1").arg(data.scenarioFile);
    if (!data.author.isEmpty())
        title.lines << QStringLiteral("Author: %1").arg(data.author);
    title.lines << QStringLiteral("Date: %1")
                       .arg(data.createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd")));
    title.lines << reportVersionLine();
    title.lines << QStringLiteral("Paper: %1")
                       .arg(data.settings.paper == QLatin1String("letter")
                                ? QStringLiteral("US Letter")
                                : QStringLiteral("A4"));
    layout.setTitlePage(title);
    layout.setRunningTitle(data.title);
    Builder builder(data, layout);
    builder.build();
    const bool ok = layout.write(fileName, error);
    if (ok && pages)
        *pages = layout.pageCount();
    return ok;
}

} // namespace Ui
