// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeriesChart.h"

#include "ChartExport.h"
#include "Formatting.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

/** The curves, in seriesKeys() order: the left axis holds the latencies, the right the rates. */
struct CurveSpec
{
    const char *key;
    const char *name; ///< legend and read-out
    QColor color;
    bool rightAxis;
    Qt::PenStyle style;
};

const CurveSpec kCurves[] = {
    {"requests._all.latency_ms.p50",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "p50 latency"),
     QColor(0xe6, 0x8a, 0x7e),
     false,
     Qt::SolidLine},
    {"requests._all.latency_ms.p95",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "p95 latency"),
     QColor(0xd2, 0x45, 0x32),
     false,
     Qt::SolidLine},
    {"requests._all.latency_ms.p99",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "p99 latency"),
     QColor(0x8e, 0x1b, 0x10),
     false,
     Qt::SolidLine},
    {"requests._all.throughput_per_s",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "throughput"),
     QColor(0x29, 0x80, 0xb9),
     true,
     Qt::SolidLine},
    {"requests._all.errors_per_s",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "errors"),
     QColor(0xe6, 0x7e, 0x22),
     true,
     Qt::SolidLine},
    {"workload.rate_per_s",
     QT_TRANSLATE_NOOP("Ui::SeriesChart", "offered load"),
     QColor(0x7f, 0x8c, 0x8d),
     true,
     Qt::DashLine},
};

const QColor kLatencyAxisColor(0x8e, 0x1b, 0x10);
const QColor kRateAxisColor(0x29, 0x80, 0xb9);

/** Marker colour by what happened: failures red, recovery green, scaling blue, breakers amber. */
QColor eventColor(const std::string &what)
{
    if (what == "crash" || what == "oom" || what == "health_down" || what == "fault_start")
        return {0xc0, 0x39, 0x2b};
    if (what == "restart" || what == "ready" || what == "health_up" || what == "fault_end"
        || what == "breaker_closed")
        return {0x27, 0xae, 0x60};
    if (what.rfind("breaker", 0) == 0)
        return {0xd3, 0x54, 0x00};
    return {0x2c, 0x3e, 0x50};
}

void setupGraph(QCPGraph *graph, const QString &name, const QColor &color, Qt::PenStyle style)
{
    graph->setName(name);
    QPen pen(color);
    pen.setWidthF(1.6);
    pen.setStyle(style);
    graph->setPen(pen);
    graph->setLineStyle(QCPGraph::lsLine);
    // Keeps long runs (10^5 buckets and more) quick to draw; NaN values leave a gap.
    graph->setAdaptiveSampling(true);
}

/** Lower bound 0 and some head room, so a flat line does not sit on the frame. */
void rescaleFromZero(QCPAxis *axis, const std::vector<QCPGraph *> &graphs)
{
    double upper = 0;
    for (QCPGraph *g : graphs) {
        bool found = false;
        const QCPRange range = g->getValueRange(found);
        if (found && std::isfinite(range.upper))
            upper = std::max(upper, range.upper);
    }
    axis->setRange(0, upper > 0 ? upper * 1.1 : 1);
}

void colourAxis(QCPAxis *axis, const QColor &color)
{
    axis->setLabelColor(color);
    axis->setTickLabelColor(color);
    axis->setBasePen(QPen(color));
    axis->setTickPen(QPen(color));
    axis->setSubTickPen(QPen(color));
}

} // namespace

void placeLegendBelow(QCustomPlot *plot, int columns)
{
    QCPLegend *legend = plot->legend;
    if (plot->axisRect()->insetLayout()->take(legend))
        plot->axisRect()->insetLayout()->simplify();
    QCPLayoutGrid *layout = plot->plotLayout();
    if (!layout->hasElement(layout->rowCount() - 1, 0)
        || layout->element(layout->rowCount() - 1, 0) != legend) {
        layout->addElement(layout->rowCount(), 0, legend);
        // the plot takes all the height the legend's rows do not need
        layout->setRowStretchFactor(layout->rowCount() - 1, 0.001);
    }
    // the wrap first: setFillOrder() rearranges the entries already there by it
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setMargins(QMargins(6, 0, 6, 4));
    legend->setColumnSpacing(12);
}

SeriesChart::SeriesChart(QWidget *parent)
    : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("seriesPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    // Each value axis takes the colour of its curves; the legend names the curves.
    m_plot->xAxis->setLabel(tr("Simulated time (s)"));
    m_plot->yAxis->setLabel(tr("Latency, all requests (ms)"));
    colourAxis(m_plot->yAxis, kLatencyAxisColor);
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Rate (per s)")); // the legend names the curves
    colourAxis(m_plot->yAxis2, kRateAxisColor);

    for (const CurveSpec &c : kCurves) {
        QCPAxis *valueAxis = c.rightAxis ? m_plot->yAxis2 : m_plot->yAxis;
        QCPGraph *graph = m_plot->addGraph(m_plot->xAxis, valueAxis);
        setupGraph(graph, tr(c.name), c.color, c.style);
        m_curves.push_back({c.key, graph});
    }
    // a compact legend: six curves on two axes need names; in three columns under the plot
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->legend->setRowSpacing(0);
    placeLegendBelow(m_plot, 3);

    m_warmup = new QCPItemRect(m_plot);
    m_warmup->setClipToAxisRect(true);
    m_warmup->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_warmup->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_warmup->setPen(Qt::NoPen);
    m_warmup->setBrush(QColor(0, 0, 0, 18));
    m_warmup->setLayer(QStringLiteral("background"));

    m_warmupLabel = new QCPItemText(m_plot);
    m_warmupLabel->setClipToAxisRect(true);
    m_warmupLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_warmupLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_warmupLabel->setText(tr("warm-up"));
    m_warmupLabel->setColor(QColor(0x60, 0x60, 0x60));
    m_warmupLabel->setPadding(QMargins(4, 4, 4, 4));

    m_readout = new PlotReadout(m_plot, [this](const QCPGraph *graph, double value) {
        return graph->valueAxis() == m_plot->yAxis ? tr("%1 ms").arg(formatMilliseconds(value))
                                                   : tr("%1 /s").arg(formatDecimal(value));
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    installChartExport(m_plot, tr("Latency and throughput over time"));

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    clear();
}

QStringList SeriesChart::seriesKeys()
{
    QStringList keys;
    for (const CurveSpec &c : kCurves)
        keys << QString::fromLatin1(c.key);
    return keys;
}

void SeriesChart::clear()
{
    beginRun(1, 0);
}

void SeriesChart::clearCurves()
{
    for (const Curve &c : m_curves)
        c.graph->data()->clear();
    m_readout->hide();
}

void SeriesChart::beginRun(double durationS, double warmupS)
{
    clearCurves();
    setEvents({});
    m_durationS = durationS > 0 ? durationS : 1;
    m_plot->xAxis->setRange(0, m_durationS);
    m_plot->yAxis->setRange(0, 1);
    m_plot->yAxis2->setRange(0, 1);
    setWarmup(warmupS);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::appendBuckets(const QList<LiveBucket> &buckets)
{
    for (const LiveBucket &bucket : buckets) {
        if (bucket.keys != m_liveKeys) { // once per run: every bucket shares one key list
            m_liveKeys = bucket.keys;
            m_liveColumns.clear();
            for (const Curve &c : m_curves)
                m_liveColumns.push_back(m_liveKeys.indexOf(QLatin1String(c.key)));
        }
        for (std::size_t i = 0; i < m_curves.size(); ++i) {
            const qsizetype column = m_liveColumns[i];
            if (column >= 0 && column < bucket.values.size())
                m_curves[i].graph->addData(bucket.tS, bucket.values.at(column));
        }
    }
    rescaleValues();
    m_readout->refresh();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setSeries(const Sim::Series &series, double durationS, double warmupS)
{
    clearCurves();
    const QVector<double> time(series.tS.begin(), series.tS.end());
    for (const Curve &c : m_curves) {
        if (const Sim::SeriesColumn *column = series.column(c.key)) {
            const QVector<double> values(column->values.begin(), column->values.end());
            c.graph->setData(time, values, true);
        }
    }
    m_durationS = durationS > 0 ? durationS : 1;
    m_plot->xAxis->setRange(0, m_durationS);
    setWarmup(warmupS);
    rescaleValues();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::resetView()
{
    m_plot->xAxis->setRange(0, m_durationS);
    rescaleValues();
    m_readout->refresh();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QSize SeriesChart::sizeHint() const
{
    return {640, 260};
}

QSize SeriesChart::minimumSizeHint() const
{
    return {320, 180};
}

void SeriesChart::setWarmup(double warmupS)
{
    const bool visible = warmupS > 0;
    m_warmup->setVisible(visible);
    m_warmupLabel->setVisible(visible);
    m_warmup->topLeft->setCoords(0, 0);
    m_warmup->bottomRight->setCoords(warmupS, 1);
    m_warmupLabel->position->setCoords(0, 1);
}

void SeriesChart::rescaleValues()
{
    // each value axis fits the largest of its curves
    std::vector<QCPGraph *> left, right;
    for (const Curve &c : m_curves)
        (c.graph->valueAxis() == m_plot->yAxis ? left : right).push_back(c.graph);
    rescaleFromZero(m_plot->yAxis, left);
    rescaleFromZero(m_plot->yAxis2, right);
}

void addEventMarkers(QCustomPlot *plot,
                     const std::vector<Sim::RunEvent> &events,
                     int maxMarkers,
                     std::vector<QCPAbstractItem *> &items)
{
    int shown = 0;
    double lastLabelT = -1e300;
    const double minGap = plot->xAxis->range().size() / 8; // labels closer than this would overlap
    for (const Sim::RunEvent &e : events) {
        if (shown >= maxMarkers)
            break;
        ++shown;
        const QColor color = eventColor(e.what);
        auto line = new QCPItemStraightLine(plot);
        line->setClipToAxisRect(true);
        line->point1->setCoords(e.tS, 0);
        line->point2->setCoords(e.tS, 1);
        QPen pen(color);
        pen.setStyle(Qt::DotLine);
        line->setPen(pen);
        items.push_back(line);
        // every marker is drawn; only spaced-out ones are labelled (half-open probes repeat)
        if (e.tS - lastLabelT < minGap || e.what == "breaker_half_open")
            continue;
        lastLabelT = e.tS;
        auto label = new QCPItemText(plot);
        label->setClipToAxisRect(true);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(e.tS, 0.02 + 0.06 * (static_cast<int>(items.size()) % 2));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        QString text = QString::fromStdString(e.component + " " + e.what);
        if (!e.detail.empty() && e.what.rfind("scale", 0) == 0)
            text += QLatin1Char(' ') + QString::fromStdString(e.detail);
        label->setText(text);
        label->setColor(color);
        QFont font = label->font();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        label->setFont(font);
        items.push_back(label);
    }
}

void SeriesChart::setEvents(const std::vector<Sim::RunEvent> &events)
{
    for (QCPAbstractItem *item : m_markers)
        m_plot->removeItem(item);
    m_markers.clear();
    addEventMarkers(m_plot, events, kMaxMarkers, m_markers);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace Ui
