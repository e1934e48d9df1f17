// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareView.h"

#include "ChartExport.h"
#include "Formatting.h"
#include "PlotReadout.h"
#include "TableExport.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

const QString kMissing = QStringLiteral("–");

const char *const kP99Key = "requests._all.latency_ms.p99";
const char *const kThroughputKey = "requests._all.throughput_per_s";

/** A figure's value as its unit wants it (error rates in percent). */
QString valueText(double v, const Model::CompareFigure &f)
{
    if (!std::isfinite(v))
        return kMissing;
    const QString unit = QString::fromLatin1(f.unit);
    if (unit == QLatin1String("ms"))
        return formatMilliseconds(v);
    if (unit.isEmpty()) // a fraction: error rate
        return formatPercent(v);
    if (unit == QLatin1String("$"))
        return v == 0 ? QStringLiteral("0") : QString::number(v, 'f', std::abs(v) < 1 ? 4 : 2);
    return formatDecimal(v);
}

QString unitText(const Model::CompareFigure &f)
{
    const QString unit = QString::fromLatin1(f.unit);
    return unit.isEmpty() ? QStringLiteral("%") : unit;
}

QTableWidgetItem *cell(const QString &text, bool number)
{
    auto item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    return item;
}

void setupTable(QTableWidget *table)
{
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->setWordWrap(false);
}

/** A table as tall as its rows, so that the two tables stack without scroll bars. */
void fitHeight(QTableWidget *table)
{
    int h = table->horizontalHeader()->height() + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r)
        h += table->verticalHeader()->sectionSize(r);
    table->setFixedHeight(h);
}

QCustomPlot *makePlot(QWidget *parent, const QString &name, CompareView::Chart chart)
{
    auto plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    plot->setMinimumHeight(160);
    CompareView::setupChart(plot, chart);
    return plot;
}

} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("compareHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_figures = new QTableWidget(this);
    m_figures->setObjectName(QStringLiteral("compareFigures"));
    setupTable(m_figures);
    m_deltas = new QTableWidget(this);
    m_deltas->setObjectName(QStringLiteral("compareDeltas"));
    setupTable(m_deltas);
    installTableExport(m_figures, tr("Comparison side by side"));
    installTableExport(m_deltas, tr("Comparison against the baseline"));
    m_deltasNote = new QLabel(this);
    m_deltasNote->setWordWrap(true);

    auto figuresTitle = new QLabel(tr("<b>Side by side</b> · mean ± half-width of the 95% "
                                      "interval over the replications"),
                                   this);
    auto deltasTitle = new QLabel(this);
    deltasTitle->setObjectName(QStringLiteral("compareDeltasTitle"));
    deltasTitle->setText(tr("<b>Against the baseline</b> · paired difference (alternative − "
                            "baseline) ± its 95% interval"));
    figuresTitle->setWordWrap(true);
    deltasTitle->setWordWrap(true);

    auto tables = new QWidget(this);
    auto tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    tablesLayout->addWidget(m_header);
    tablesLayout->addWidget(figuresTitle);
    tablesLayout->addWidget(m_figures);
    tablesLayout->addWidget(deltasTitle);
    tablesLayout->addWidget(m_deltas);
    tablesLayout->addWidget(m_deltasNote);

    m_plots[LatencyCdf] = makePlot(this, QStringLiteral("compareCdfPlot"), LatencyCdf);
    m_plots[P99OverTime] = makePlot(this, QStringLiteral("compareP99Plot"), P99OverTime);
    m_plots[ThroughputOverTime] = makePlot(this,
                                           QStringLiteral("compareThroughputPlot"),
                                           ThroughputOverTime);
    for (Chart c : {P99OverTime, ThroughputOverTime}) {
        const bool latency = c == P99OverTime;
        new PlotReadout(m_plots[c], [latency](const QCPGraph *, double value) {
            return latency ? tr("%1 ms").arg(formatMilliseconds(value))
                           : tr("%1 /s").arg(formatDecimal(value));
        });
    }
    for (QCustomPlot *plot : m_plots)
        connect(plot, &QCustomPlot::mouseDoubleClick, plot, [plot] {
            plot->rescaleAxes();
            plot->replot();
        });
    installChartExport(m_plots[LatencyCdf], tr("Comparison latency CDF"));
    installChartExport(m_plots[P99OverTime], tr("Comparison p99 over time"));
    installChartExport(m_plots[ThroughputOverTime], tr("Comparison throughput over time"));

    // left: the tables with the CDF below them; right: the two charts over time
    tablesLayout->addWidget(m_plots[LatencyCdf], 1);
    auto charts = new QWidget(this);
    auto chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_plots[P99OverTime], 1);
    chartsLayout->addWidget(m_plots[ThroughputOverTime], 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("compareSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(tables);
    m_splitter->addWidget(charts);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);
}

void CompareView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // the tables' size hints would take nearly all the width: share it until the user
    // moves the splitter
    if (!m_splitterMoved) {
        const int w = m_splitter->width();
        m_splitter->setSizes({w * 11 / 20, w - w * 11 / 20});
    }
}

QColor CompareView::alternativeColor(int index)
{
    // Okabe-Ito: told apart also with the common colour-vision deficiencies
    static const QColor colors[] = {QColor(0x00, 0x72, 0xB2),
                                    QColor(0xE6, 0x9F, 0x00),
                                    QColor(0x00, 0x9E, 0x73),
                                    QColor(0xCC, 0x79, 0xA7)};
    return colors[static_cast<std::size_t>(index) % std::size(colors)];
}

QColor CompareView::verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Better:
        return QColor(0x1A, 0x7F, 0x37);
    case Verdict::Worse:
        return QColor(0xC6, 0x28, 0x28);
    case Verdict::NotSignificant:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

CompareView::Verdict CompareView::verdictOf(const Model::PairedDifference &d, bool lowerIsBetter)
{
    if (!d.significant || !std::isfinite(d.delta) || d.delta == 0)
        return Verdict::NotSignificant;
    return (d.delta < 0) == lowerIsBetter ? Verdict::Better : Verdict::Worse;
}

QString CompareView::estimateText(const Model::Estimate &e, const Model::CompareFigure &f)
{
    if (!std::isfinite(e.mean))
        return kMissing;
    QString text = valueText(e.mean, f);
    if (e.ci95 && std::isfinite(*e.ci95))
        text += QStringLiteral(" ± ") + valueText(*e.ci95, f);
    return text + QLatin1Char(' ') + unitText(f);
}

QString CompareView::deltaText(const Model::PairedDifference &d, const Model::CompareFigure &f)
{
    if (!std::isfinite(d.delta))
        return kMissing;
    QString text = (d.delta > 0 ? QStringLiteral("+") : QString()) + valueText(d.delta, f);
    if (d.ci95 && std::isfinite(*d.ci95))
        text += QStringLiteral(" ± ") + valueText(*d.ci95, f);
    text += QLatin1Char(' ') + unitText(f);
    if (!d.significant)
        text += tr(" · not significant");
    return text;
}

QString CompareView::headerText() const
{
    return m_header->text();
}

void CompareView::setComparison(const Model::Comparison &c, const QString &title)
{
    m_hasComparison = true;
    QStringList facts;
    facts << (c.replications == 1 ? tr("1 replication each")
                                  : tr("%1 replications each").arg(c.replications))
          << (c.crn ? tr("common random numbers") : tr("independent seeds"))
          << tr("seed %1").arg(c.seed);
    if (c.wallS > 0)
        facts << tr("took %1").arg(formatWallTime(c.wallS));
    if (c.cancelled)
        facts << tr("<b>cancelled: partial figures</b>");
    m_header->setText(
        QStringLiteral("<b>%1</b><br>%2")
            .arg(title.isEmpty() ? tr("Comparison").toHtmlEscaped() : title.toHtmlEscaped(),
                 facts.join(QStringLiteral(" · "))));
    fillFigures(c);
    fillDeltas(c);
    for (Chart chart : {LatencyCdf, P99OverTime, ThroughputOverTime}) {
        fillChart(m_plots[chart], chart, c);
        m_plots[chart]->replot();
    }
}

void CompareView::fillFigures(const Model::Comparison &c)
{
    const std::vector<Model::CompareFigure> &figures = Model::compareFigures();
    const int columns = static_cast<int>(c.alternatives.size());
    m_figures->clear();
    m_figures->setColumnCount(columns);
    m_figures->setRowCount(static_cast<int>(figures.size()) + 2);
    QStringList rows;
    for (const Model::CompareFigure &f : figures)
        rows << tr(f.label);
    rows << tr("Bottleneck") << tr("Service replicas");
    m_figures->setVerticalHeaderLabels(rows);
    for (int a = 0; a < columns; ++a) {
        const Model::AlternativeRun &alt = c.alternatives[static_cast<std::size_t>(a)];
        auto header = new QTableWidgetItem(a == 0 ? tr("%1 (baseline)").arg(alt.name) : alt.name);
        header->setForeground(alternativeColor(a));
        header->setToolTip(alt.name);
        m_figures->setHorizontalHeaderItem(a, header);
        for (std::size_t k = 0; k < figures.size() && k < alt.figures.size(); ++k)
            m_figures->setItem(static_cast<int>(k),
                               a,
                               cell(estimateText(alt.figures[k], figures[k]), true));
        const int row = static_cast<int>(figures.size());
        m_figures->setItem(row,
                           a,
                           cell(alt.bottleneck.isEmpty()
                                    ? kMissing
                                    : tr("%1 (%2 % busy)")
                                          .arg(alt.bottleneck,
                                               formatPercent(alt.bottleneckUtilization)),
                                true));
        m_figures->setItem(row + 1, a, cell(formatPlain(alt.replicas), true));
    }
    fitHeight(m_figures);
    m_figures->setCurrentItem(nullptr);
}

void CompareView::fillDeltas(const Model::Comparison &c)
{
    const std::vector<Model::CompareFigure> &figures = Model::compareFigures();
    const int columns = static_cast<int>(c.deltas.size());
    m_deltas->clear();
    m_deltas->setColumnCount(columns);
    m_deltas->setRowCount(static_cast<int>(figures.size()));
    QStringList rows;
    for (const Model::CompareFigure &f : figures)
        rows << tr(f.label);
    m_deltas->setVerticalHeaderLabels(rows);
    for (int d = 0; d < columns; ++d) {
        const Model::AlternativeDelta &delta = c.deltas[static_cast<std::size_t>(d)];
        auto header = new QTableWidgetItem(tr("%1 − %2").arg(delta.name, c.baseline));
        header->setForeground(alternativeColor(d + 1));
        m_deltas->setHorizontalHeaderItem(d, header);
        for (std::size_t k = 0; k < figures.size() && k < delta.figures.size(); ++k) {
            const Model::PairedDifference &p = delta.figures[k];
            const Verdict verdict = verdictOf(p, figures[k].lowerIsBetter);
            QTableWidgetItem *item = cell(deltaText(p, figures[k]), true);
            item->setForeground(verdictColor(verdict));
            if (verdict != Verdict::NotSignificant) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            item->setToolTip(verdict == Verdict::Better  ? tr("Better than the baseline")
                             : verdict == Verdict::Worse ? tr("Worse than the baseline")
                                                         : tr("Not significant: the 95% interval "
                                                              "of the difference contains zero"));
            m_deltas->setItem(static_cast<int>(k), d, item);
        }
    }
    fitHeight(m_deltas);
    m_deltas->setCurrentItem(nullptr);
    m_deltasNote->setText(
        c.replications < 2
            ? tr("With one replication there are no intervals: every difference is marked not "
                 "significant. Compare with 2 or more replications.")
            : tr("<span style='color:%1'>Green</span>: better than the baseline; "
                 "<span style='color:%2'>red</span>: worse; grey: not significant (the "
                 "interval of the difference contains zero).")
                  .arg(verdictColor(Verdict::Better).name(), verdictColor(Verdict::Worse).name()));
}

void CompareView::setupChart(QCustomPlot *plot, Chart chart)
{
    switch (chart) {
    case LatencyCdf: {
        plot->xAxis->setLabel(tr("Latency, all requests (ms, log scale)"));
        plot->yAxis->setLabel(tr("Requests at or below (%)"));
        plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
        logTicker->setLogBase(10);
        logTicker->setSubTickCount(8);
        plot->xAxis->setTicker(logTicker);
        break;
    }
    case P99OverTime:
        plot->xAxis->setLabel(tr("Simulated time (s)"));
        plot->yAxis->setLabel(tr("p99 latency (ms)"));
        break;
    case ThroughputOverTime:
    case ChartCount:
        plot->xAxis->setLabel(tr("Simulated time (s)"));
        plot->yAxis->setLabel(tr("Throughput (per s)"));
        break;
    }
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setRowSpacing(0);
    plot->legend->setBrush(QColor(255, 255, 255, 210));
    // the curves keep to the top (CDF, throughput) or the middle (p99): legends at the bottom
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

void CompareView::fillChart(QCustomPlot *plot, Chart chart, const Model::Comparison &c)
{
    plot->clearGraphs();
    for (std::size_t a = 0; a < c.alternatives.size(); ++a) {
        const Model::AlternativeRun &alt = c.alternatives[a];
        QVector<double> x, y;
        if (chart == LatencyCdf) {
            // each bin's upper edge with the share of requests at or below it
            if (!alt.result.requests.empty()) {
                const std::vector<Sim::HistogramBin> &bins
                    = alt.result.requests.front().latencyHistogram;
                double total = 0;
                for (const Sim::HistogramBin &b : bins)
                    total += b.count;
                double cumulative = 0;
                if (total > 0 && !bins.empty() && bins.front().loMs > 0) {
                    x << bins.front().loMs;
                    y << 0;
                }
                for (const Sim::HistogramBin &b : bins) {
                    cumulative += b.count;
                    if (total > 0 && b.hiMs > 0 && std::isfinite(b.hiMs)) {
                        x << b.hiMs;
                        y << 100 * cumulative / total;
                    }
                }
            }
        } else if (const Sim::SeriesColumn *column = alt.result.series.column(
                       chart == P99OverTime ? kP99Key : kThroughputKey)) {
            const std::size_t n = std::min(column->values.size(), alt.result.series.tS.size());
            for (std::size_t i = 0; i < n; ++i) {
                x << alt.result.series.tS[i];
                y << column->values[i];
            }
        }
        QCPGraph *graph = plot->addGraph();
        graph->setName(alt.name);
        graph->setPen(QPen(alternativeColor(static_cast<int>(a)), 2));
        graph->setData(x, y, true);
    }
    plot->rescaleAxes();
    if (chart == LatencyCdf) {
        plot->yAxis->setRange(0, 100);
    } else {
        const QCPRange r = plot->yAxis->range();
        plot->yAxis->setRange(std::min(0.0, r.lower), r.upper * 1.08 + 1e-9);
    }
}

QStringList CompareView::chartCurveNames(Chart chart) const
{
    QStringList names;
    for (int i = 0; i < m_plots[chart]->graphCount(); ++i)
        names << m_plots[chart]->graph(i)->name();
    return names;
}

int CompareView::chartPointCount(Chart chart, int curve) const
{
    if (curve < 0 || curve >= m_plots[chart]->graphCount())
        return 0;
    return m_plots[chart]->graph(curve)->dataCount();
}

} // namespace Ui
