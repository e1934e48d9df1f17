// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyChart.h"

#include "ChartExport.h"
#include "Formatting.h"
#include "SeriesChart.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

const char kOverlay[] = "overlay";
const char kAll[] = "_all";
const double kEighthOctave = std::log(2.0) / 8; ///< the density's unit width, in log(ms)

const QColor kBarColor(0x29, 0x80, 0xb9);
const QColor kCdfColor(0x2c, 0x3e, 0x50);

struct Percentile
{
    const char *label;
    double Sim::LatencySummary::*value;
    QColor color; ///< the shades of the latency curves in SeriesChart
};

const Percentile kPercentiles[] = {
    {"p50", &Sim::LatencySummary::p50, QColor(0xe6, 0x8a, 0x7e)},
    {"p95", &Sim::LatencySummary::p95, QColor(0xd2, 0x45, 0x32)},
    {"p99", &Sim::LatencySummary::p99, QColor(0x8e, 0x1b, 0x10)},
};

/** Bins sorted by latency, with edges a log axis can draw: a first bin from 0 and an open
 *  last bin get the width (ratio) of their neighbour. */
std::vector<Sim::HistogramBin> drawableBins(std::vector<Sim::HistogramBin> bins)
{
    std::sort(bins.begin(), bins.end(), [](const Sim::HistogramBin &a, const Sim::HistogramBin &b) {
        return a.hiMs < b.hiMs;
    });
    for (std::size_t i = 0; i < bins.size(); ++i) {
        Sim::HistogramBin &b = bins[i];
        if (!(b.loMs > 0)) {
            double ratio = 2;
            if (i + 1 < bins.size() && bins[i + 1].loMs > 0 && std::isfinite(bins[i + 1].hiMs))
                ratio = bins[i + 1].hiMs / bins[i + 1].loMs;
            b.loMs = b.hiMs / ratio;
        }
        if (!std::isfinite(b.hiMs)) {
            double ratio = 2;
            if (i > 0 && bins[i - 1].loMs > 0)
                ratio = bins[i - 1].hiMs / bins[i - 1].loMs;
            b.hiMs = b.loMs * ratio;
        }
    }
    std::erase_if(bins, [](const Sim::HistogramBin &b) {
        return !(b.loMs > 0) || !(b.hiMs > b.loMs) || !std::isfinite(b.hiMs) || !(b.count >= 0);
    });
    return bins;
}

QString typeLabel(const QString &name)
{
    return name == QLatin1String(kAll) ? LatencyChart::tr("All requests") : name;
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QWidget(parent)
{
    m_typeBox = new QComboBox(this);
    m_typeBox->setObjectName(QStringLiteral("latencyRequestType"));
    m_typeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("latencyPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("latencyPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
    logTicker->setLogBase(10);
    logTicker->setSubTickCount(8);
    m_plot->xAxis->setTicker(logTicker);
    m_plot->xAxis->setNumberFormat(QStringLiteral("g"));
    m_plot->xAxis->setNumberPrecision(6);
    m_plot->xAxis->setLabel(tr("Latency (ms, log scale)"));
    m_plot->yAxis->setLabel(tr("Density (% per 1/8 octave)"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Cumulative share, CDF (%)"));
    QSharedPointer<QCPAxisTickerFixed> percentTicker(new QCPAxisTickerFixed);
    percentTicker->setTickStep(20);
    m_plot->yAxis2->setTicker(percentTicker);

    m_histogram = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_histogram->setName(tr("histogram (density)"));
    m_histogram->setLineStyle(QCPGraph::lsStepLeft);
    m_histogram->setPen(QPen(kBarColor.darker(120), 1));
    QColor fill = kBarColor;
    fill.setAlpha(110);
    m_histogram->setBrush(fill);

    m_cdf = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_cdf->setName(tr("CDF (share of requests ≤ latency)"));
    m_cdf->setLineStyle(QCPGraph::lsLine);
    m_cdf->setPen(QPen(kCdfColor, 2));

    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->legend->setRowSpacing(0);
    placeLegendBelow(m_plot, 2);
    // the percentile labels sit above the plot, each on its marker line
    connect(m_plot, &QCustomPlot::afterLayout, this, &LatencyChart::placeMarkerLabels);

    // The hover read-out lives on the buffered overlay layer: moving it repaints only that.
    if (!m_plot->layer(QLatin1String(kOverlay)))
        m_plot->addLayer(QLatin1String(kOverlay));
    m_plot->layer(QLatin1String(kOverlay))->setMode(QCPLayer::lmBuffered);
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setLayer(QLatin1String(kOverlay));
    QPen cursorPen(QColor(0x55, 0x55, 0x55));
    cursorPen.setStyle(Qt::DotLine);
    m_cursor->setPen(cursorPen);
    m_cdfTracer = new QCPItemTracer(m_plot);
    m_cdfTracer->setLayer(QLatin1String(kOverlay));
    m_cdfTracer->setStyle(QCPItemTracer::tsCircle);
    m_cdfTracer->setSize(7);
    m_cdfTracer->setPen(QPen(kCdfColor, 1.5));
    m_cdfTracer->setBrush(Qt::white);
    m_cdfTracer->position->setAxes(m_plot->xAxis, m_plot->yAxis2);
    m_readout = new QCPItemText(m_plot);
    m_readout->setLayer(QLatin1String(kOverlay));
    m_readout->setClipToAxisRect(false);
    m_readout->position->setType(QCPItemPosition::ptAbsolute);
    m_readout->setTextAlignment(Qt::AlignLeft);
    m_readout->setPadding(QMargins(6, 4, 6, 4));
    m_readout->setBrush(QColor(255, 255, 255, 230));
    m_readout->setPen(QPen(QColor(0x99, 0x99, 0x99)));
    for (QCPAbstractItem *item : {static_cast<QCPAbstractItem *>(m_cursor),
                                  static_cast<QCPAbstractItem *>(m_cdfTracer),
                                  static_cast<QCPAbstractItem *>(m_readout)})
        item->setVisible(false);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    installChartExport(m_plot, tr("Latency distribution"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_plot);

    auto top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Request type:"), this));
    top->addWidget(m_typeBox);
    top->addStretch(1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    connect(m_typeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_type = m_typeBox->currentData().toString();
        rebuild();
        emit requestTypeChanged(m_type);
    });
    clear();
}

void LatencyChart::setResult(const Sim::RunResult &result)
{
    m_hasResult = true;
    m_running = false;
    m_types.clear();
    for (const Sim::RequestResult &r : result.requests)
        m_types.push_back({QString::fromStdString(r.name), r.latencyHistogram, r.latencyMs});
    {
        const QSignalBlocker blocker(m_typeBox);
        m_typeBox->clear();
        for (const TypeData &t : m_types)
            m_typeBox->addItem(typeLabel(t.name), t.name);
        int keep = m_typeBox->findData(m_type);
        if (keep < 0)
            keep = std::max(0, m_typeBox->findData(QLatin1String(kAll)));
        m_typeBox->setCurrentIndex(keep);
        m_type = m_typeBox->count() > 0 ? m_typeBox->currentData().toString()
                                        : QString::fromLatin1(kAll);
    }
    m_typeBox->setEnabled(m_typeBox->count() > 1);
    rebuild();
}

void LatencyChart::beginRun()
{
    clear();
    m_running = true;
    rebuild();
}

void LatencyChart::clear()
{
    m_hasResult = false;
    m_running = false;
    m_types.clear();
    {
        const QSignalBlocker blocker(m_typeBox);
        m_typeBox->clear();
    }
    m_typeBox->setEnabled(false);
    rebuild();
}

void LatencyChart::setRequestType(const QString &name)
{
    const int i = m_typeBox->findData(name);
    if (i >= 0)
        m_typeBox->setCurrentIndex(i); // rebuilds through currentIndexChanged when it changes
}

QStringList LatencyChart::requestTypes() const
{
    QStringList out;
    for (const TypeData &t : m_types)
        out << t.name;
    return out;
}

bool LatencyChart::hasChart() const
{
    return m_stack->currentWidget() == m_plot;
}

QString LatencyChart::placeholderText() const
{
    return hasChart() ? QString() : m_placeholder->text();
}

void LatencyChart::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void LatencyChart::rebuild()
{
    hideReadout();
    for (QCPAbstractItem *item : m_markers)
        m_plot->removeItem(item);
    m_markers.clear();
    m_markerLabels.clear();
    m_histogram->data()->clear();
    m_cdf->data()->clear();
    m_bins.clear();
    m_maxDensity = 0;

    if (m_running) {
        showPlaceholder(tr("The latency distribution appears when the run ends: the histogram "
                           "and the CDF need every request."));
        return;
    }
    if (!m_hasResult) {
        showPlaceholder(tr("Run a scenario to see the latency distribution of its requests: "
                           "a histogram and the cumulative share (CDF) with p50, p95 and p99."));
        return;
    }
    const auto type = std::find_if(m_types.begin(), m_types.end(), [this](const TypeData &t) {
        return t.name == m_type;
    });
    const bool anyHistogram = std::any_of(m_types.begin(), m_types.end(), [](const TypeData &t) {
        return !t.histogram.empty();
    });
    if (!anyHistogram) {
        showPlaceholder(tr("This run has no latency histogram: results saved before ArchSim "
                           "recorded histograms do not carry one. Run the scenario again to see "
                           "the latency distribution."));
        return;
    }
    const std::vector<Sim::HistogramBin> bins = type == m_types.end()
                                                    ? std::vector<Sim::HistogramBin>{}
                                                    : drawableBins(type->histogram);
    double total = 0;
    for (const Sim::HistogramBin &b : bins)
        total += b.count;
    if (!(total > 0)) {
        showPlaceholder(tr("No request of type “%1” completed after the warm-up, so there is no "
                           "latency distribution to show.")
                            .arg(typeLabel(m_type)));
        return;
    }

    // Histogram as a filled step outline (lsStepLeft: each point's value holds until the next
    // key), CDF as straight segments between bin edges, which are straight on the log axis.
    QVector<double> hKeys, hValues, cKeys, cValues;
    double cumulative = 0;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const Sim::HistogramBin &b = bins[i];
        const double share = 100 * b.count / total;
        const double density = share * kEighthOctave / std::log(b.hiMs / b.loMs);
        const bool gap = i == 0 || b.loMs > bins[i - 1].hiMs * (1 + 1e-9);
        if (gap) {
            if (i > 0) {
                hKeys << bins[i - 1].hiMs;
                hValues << 0;
            }
            hKeys << b.loMs;
            hValues << 0;
            cKeys << b.loMs;
            cValues << cumulative;
        }
        hKeys << b.loMs;
        hValues << density;
        cumulative += share;
        cKeys << b.hiMs;
        cValues << std::min(cumulative, 100.0);
        m_bins.push_back({b.loMs, b.hiMs, share, density, std::min(cumulative, 100.0)});
        m_maxDensity = std::max(m_maxDensity, density);
    }
    hKeys << bins.back().hiMs;
    hValues << 0;
    m_histogram->setData(hKeys, hValues, true);
    m_cdf->setData(cKeys, cValues, true);

    // p50 / p95 / p99 of the run (from its fine histogram, not these coarse bins)
    for (const Percentile &p : kPercentiles) {
        const double ms = type->latencyMs.*p.value;
        if (!(ms > 0) || !std::isfinite(ms))
            continue;
        auto line = new QCPItemStraightLine(m_plot);
        line->setClipToAxisRect(true);
        line->point1->setCoords(ms, 0);
        line->point2->setCoords(ms, 1);
        QPen pen(p.color, 1.5);
        pen.setStyle(Qt::DashLine);
        line->setPen(pen);
        m_markers.push_back(line);
        auto label = new QCPItemText(m_plot);
        label->setClipToAxisRect(false); // above the axis rect (placeMarkerLabels)
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAbsolute);
        label->position->setCoords(ms, 0);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setColor(p.color.darker(130));
        label->setText(tr("%1 %2 ms").arg(QLatin1String(p.label), formatMilliseconds(ms)));
        m_markers.push_back(label);
        m_markerLabels.emplace_back(label, ms);
    }

    m_stack->setCurrentWidget(m_plot);
    resetView();
}

void LatencyChart::resetView()
{
    if (!m_bins.empty()) {
        // From the bin where the CDF passes 0.1 % (the engine's bins start at the very
        // smallest latency, often decades below the rest) to the largest latency: the tail
        // is what matters. The wheel zooms out to the rest.
        double lo = m_bins.front().loMs, hi = m_bins.back().hiMs;
        for (const Bin &b : m_bins) {
            if (b.cdfHi >= 0.1) {
                lo = b.loMs;
                break;
            }
        }
        for (auto b = m_bins.rbegin(); b != m_bins.rend(); ++b) {
            if (b->share > 0) {
                hi = b->hiMs;
                break;
            }
        }
        for (const auto &[label, ms] : m_markerLabels) {
            lo = std::min(lo, ms);
            hi = std::max(hi, ms);
        }
        lo /= 1.3;
        hi *= 1.3;
        m_plot->xAxis->setRange(lo, hi);
    } else {
        m_plot->xAxis->setRange(0.1, 1000);
    }
    // Head room over the highest bar; 100 % of the CDF stays visible.
    m_plot->yAxis->setRange(0, m_maxDensity > 0 ? m_maxDensity * 1.15 : 1);
    m_plot->yAxis2->setRange(0, 102);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LatencyChart::placeMarkerLabels()
{
    // Each label is centred over its marker line, just above the axis rect, outside the data
    // (the CDF runs along the top of the rect). Labels that would overlap take a row above;
    // the top margin grows to hold the rows.
    QCPAxisRect *rect = m_plot->axisRect();
    std::vector<std::pair<double, double>> taken; // per row: the right edge of its last label
    int rows = 0;
    int rowHeight = 0;
    for (const auto &[label, ms] : m_markerLabels) {
        const QFontMetrics fm(label->font());
        const int width = fm.horizontalAdvance(label->text()) + 8;
        rowHeight = std::max(rowHeight, fm.height() + 4);
        const double x = m_plot->xAxis->coordToPixel(ms);
        const bool inView = x >= rect->left() && x <= rect->right();
        label->setVisible(inView);
        if (!inView)
            continue;
        // keep it inside the widget: at the edges it leans away from the border
        Qt::Alignment h = Qt::AlignHCenter;
        double left = x - width / 2.0;
        if (left < 2) {
            h = Qt::AlignLeft;
            left = x;
        } else if (x + width / 2.0 > m_plot->width() - 2) {
            h = Qt::AlignRight;
            left = x - width;
        }
        std::size_t row = 0;
        while (row < taken.size() && left < taken[row].second + 6)
            ++row;
        if (row == taken.size())
            taken.emplace_back(left, left + width);
        else
            taken[row] = {left, left + width};
        rows = std::max(rows, static_cast<int>(row) + 1);
        label->setPositionAlignment(h | Qt::AlignBottom);
        label->position->setCoords(ms, rect->top() - 1 - static_cast<int>(row) * rowHeight);
    }
    const int top = rows * rowHeight + 4;
    if (rect->minimumMargins().top() != top) {
        rect->setMinimumMargins(QMargins(0, top, 0, 0));
        m_plot->replot(QCustomPlot::rpQueuedReplot); // lays out again with the new margin
    }
}

const LatencyChart::Bin *LatencyChart::binAt(double latencyMs) const
{
    // the first bin whose upper edge is >= latencyMs; it holds latencyMs if its lower edge is below
    const auto it = std::lower_bound(m_bins.begin(),
                                     m_bins.end(),
                                     latencyMs,
                                     [](const Bin &b, double ms) { return b.hiMs < ms; });
    if (it == m_bins.end() || !(it->loMs < latencyMs))
        return nullptr;
    return &*it;
}

double LatencyChart::cdfAt(double latencyMs) const
{
    if (m_bins.empty() || !(latencyMs > m_bins.front().loMs))
        return 0;
    if (latencyMs >= m_bins.back().hiMs)
        return m_bins.back().cdfHi;
    if (const Bin *b = binAt(latencyMs)) {
        // linear in log(latency) within the bin, as drawn on the log axis
        const double cdfLo = b->cdfHi - b->share;
        const double f = std::log(latencyMs / b->loMs) / std::log(b->hiMs / b->loMs);
        return cdfLo + f * b->share;
    }
    // in a gap between bins: the CDF stays at the end of the bin below
    const auto below = std::lower_bound(m_bins.begin(),
                                        m_bins.end(),
                                        latencyMs,
                                        [](const Bin &b, double ms) { return b.hiMs < ms; });
    return below == m_bins.begin() ? 0 : (below - 1)->cdfHi;
}

QString LatencyChart::readoutAt(double latencyMs) const
{
    if (m_bins.empty() || !(latencyMs > 0))
        return {};
    QStringList lines;
    lines << tr("%1 ms").arg(formatMilliseconds(latencyMs));
    if (const Bin *b = binAt(latencyMs))
        lines << tr("bin %1 – %2 ms: %3% of requests")
                     .arg(formatMilliseconds(b->loMs),
                          formatMilliseconds(b->hiMs),
                          formatDecimal(b->share));
    else
        lines << tr("no bin here: no measured request");
    lines << tr("CDF: %1% took ≤ %2 ms")
                 .arg(formatDecimal(cdfAt(latencyMs)), formatMilliseconds(latencyMs));
    return lines.join(QLatin1Char('\n'));
}

QString LatencyChart::readoutText() const
{
    return m_readout->visible() ? m_readout->text() : QString();
}

void LatencyChart::showReadout(const QPointF &pos)
{
    const QRect rect = m_plot->axisRect()->rect();
    if (m_bins.empty() || !rect.contains(pos.toPoint())) {
        hideReadout();
        return;
    }
    const double ms = m_plot->xAxis->pixelToCoord(pos.x());
    m_readout->setText(readoutAt(ms));
    const bool right = pos.x() < rect.center().x();
    const bool below = pos.y() < rect.center().y();
    m_readout->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight)
                                    | (below ? Qt::AlignTop : Qt::AlignBottom));
    m_readout->position->setCoords(pos.x() + (right ? 14 : -14), pos.y() + (below ? 14 : -14));
    m_cursor->point1->setCoords(ms, 0);
    m_cursor->point2->setCoords(ms, 1);
    m_cdfTracer->position->setCoords(ms, cdfAt(ms));
    m_readout->setVisible(true);
    m_cursor->setVisible(true);
    m_cdfTracer->setVisible(true);
    m_plot->layer(QLatin1String(kOverlay))->replot();
}

void LatencyChart::hideReadout()
{
    const bool wasVisible = m_readout->visible();
    m_readout->setVisible(false);
    m_cursor->setVisible(false);
    m_cdfTracer->setVisible(false);
    if (wasVisible)
        m_plot->layer(QLatin1String(kOverlay))->replot();
}

bool LatencyChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot) {
        if (event->type() == QEvent::MouseMove)
            showReadout(static_cast<QMouseEvent *>(event)->position());
        else if (event->type() == QEvent::Leave)
            hideReadout();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Ui
