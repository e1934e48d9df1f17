// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeriesChart.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

const char kLatencyKey[] = "requests._all.latency_ms.p99";
const char kThroughputKey[] = "requests._all.throughput_per_s";
const char kErrorsKey[] = "requests._all.errors_per_s";
const char kOfferedKey[] = "workload.rate_per_s";

const QColor kLatencyColor(0xc0, 0x39, 0x2b);
const QColor kThroughputColor(0x29, 0x80, 0xb9);
const QColor kErrorsColor(0xe6, 0x7e, 0x22);
const QColor kOfferedColor(0x7f, 0x8c, 0x8d);

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

void setupGraph(QCPGraph *graph, const QString &name, const QColor &color)
{
    graph->setName(name);
    QPen pen(color);
    pen.setWidthF(1.6);
    graph->setPen(pen);
    graph->setLineStyle(QCPGraph::lsLine);
    // Keeps long runs (10^5 buckets and more) quick to draw; NaN values leave a gap.
    graph->setAdaptiveSampling(true);
}

void colourAxis(QCPAxis *axis, const QColor &color)
{
    axis->setLabelColor(color);
    axis->setTickLabelColor(color);
    axis->setBasePen(QPen(color));
    axis->setTickPen(QPen(color));
    axis->setSubTickPen(QPen(color));
}

/** Lower bound 0 and some head room, so a flat line does not sit on the frame. */
void rescaleFromZero(QCPAxis *axis, QCPGraph *graph)
{
    bool found = false;
    const QCPRange range = graph->getValueRange(found);
    const double upper = found && std::isfinite(range.upper) && range.upper > 0 ? range.upper : 1;
    axis->setRange(0, upper * 1.1);
}

} // namespace

SeriesChart::SeriesChart(QWidget *parent)
    : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("seriesPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    // No legend: each value axis takes the colour of its curve and names it.
    m_plot->xAxis->setLabel(tr("Simulated time (s)"));
    m_plot->yAxis->setLabel(tr("p99 latency, all requests (ms)"));
    colourAxis(m_plot->yAxis, kLatencyColor);
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Throughput, all requests (per s)"));
    colourAxis(m_plot->yAxis2, kThroughputColor);

    m_latency = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    setupGraph(m_latency, tr("p99 latency, all requests"), kLatencyColor);
    m_throughput = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    setupGraph(m_throughput, tr("throughput, all requests"), kThroughputColor);
    m_errors = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    setupGraph(m_errors, tr("errors"), kErrorsColor);
    m_offered = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    setupGraph(m_offered, tr("offered load"), kOfferedColor);
    QPen dashed = m_offered->pen();
    dashed.setStyle(Qt::DashLine);
    m_offered->setPen(dashed);
    m_plot->yAxis2->setLabel(tr("Throughput · errors · offered (per s)"));
    // a compact legend: four curves on two axes need names
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

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

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    clear();
}

QStringList SeriesChart::seriesKeys()
{
    return {QString::fromLatin1(kLatencyKey), QString::fromLatin1(kThroughputKey),
            QString::fromLatin1(kErrorsKey), QString::fromLatin1(kOfferedKey)};
}

void SeriesChart::clear()
{
    beginRun(1, 0);
}

void SeriesChart::beginRun(double durationS, double warmupS)
{
    m_latency->data()->clear();
    m_throughput->data()->clear();
    m_errors->data()->clear();
    m_offered->data()->clear();
    setEvents({});
    m_plot->xAxis->setRange(0, durationS > 0 ? durationS : 1);
    m_plot->yAxis->setRange(0, 1);
    m_plot->yAxis2->setRange(0, 1);
    setWarmup(warmupS);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::appendBuckets(const QList<LiveBucket> &buckets)
{
    for (const LiveBucket &bucket : buckets) {
        if (bucket.values.size() < 2)
            continue;
        m_latency->addData(bucket.tS, bucket.values.at(0));
        m_throughput->addData(bucket.tS, bucket.values.at(1));
        if (bucket.values.size() >= 4) {
            m_errors->addData(bucket.tS, bucket.values.at(2));
            m_offered->addData(bucket.tS, bucket.values.at(3));
        }
    }
    rescaleValues();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setSeries(const Sim::Series &series, double durationS, double warmupS)
{
    m_latency->data()->clear();
    m_throughput->data()->clear();
    m_errors->data()->clear();
    m_offered->data()->clear();
    const QVector<double> time(series.tS.begin(), series.tS.end());
    if (const Sim::SeriesColumn *column = series.column(kErrorsKey))
        m_errors->setData(time, QVector<double>(column->values.begin(), column->values.end()), true);
    if (const Sim::SeriesColumn *column = series.column(kOfferedKey))
        m_offered->setData(time, QVector<double>(column->values.begin(), column->values.end()), true);
    if (const Sim::SeriesColumn *column = series.column(kLatencyKey))
        m_latency->setData(time, QVector<double>(column->values.begin(), column->values.end()), true);
    if (const Sim::SeriesColumn *column = series.column(kThroughputKey))
        m_throughput->setData(time, QVector<double>(column->values.begin(), column->values.end()), true);
    m_plot->xAxis->setRange(0, durationS > 0 ? durationS : 1);
    setWarmup(warmupS);
    rescaleValues();
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
    rescaleFromZero(m_plot->yAxis, m_latency);
    // the right axis holds throughput, errors and the offered load: fit the largest
    double upper = 0;
    for (QCPGraph *g : {m_throughput, m_errors, m_offered}) {
        bool found = false;
        const QCPRange range = g->getValueRange(found);
        if (found && std::isfinite(range.upper))
            upper = std::max(upper, range.upper);
    }
    m_plot->yAxis2->setRange(0, upper > 0 ? upper * 1.1 : 1);
}

void addEventMarkers(QCustomPlot *plot, const std::vector<Sim::RunEvent> &events, int maxMarkers,
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
