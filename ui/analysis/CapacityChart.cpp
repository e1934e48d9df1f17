// SPDX-License-Identifier: GPL-3.0-or-later
#include "CapacityChart.h"

#include "ChartExport.h"
#include "Formatting.h"
#include "compare/CompareView.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

const char kBreakProperty[] = "archsimBreak"; // marks the break markers' graphs

bool isLatency(const Model::SloCondition &c)
{
    return c.figure != Model::SloCondition::Figure::Errors;
}

QString figureName(Model::SloCondition::Figure f)
{
    using F = Model::SloCondition::Figure;
    switch (f) {
    case F::Mean:
        return QStringLiteral("Mean");
    case F::P50:
        return QStringLiteral("p50");
    case F::P90:
        return QStringLiteral("p90");
    case F::P95:
        return QStringLiteral("p95");
    case F::P99:
        return QStringLiteral("p99");
    case F::P999:
        return QStringLiteral("p99.9");
    case F::Max:
        return QStringLiteral("Max");
    case F::Errors:
        break;
    }
    return QStringLiteral("Errors");
}

/** A condition's figure in the axis's unit: ms for latencies, % for errors. */
double shown(const Model::SloCondition &c, double value)
{
    return isLatency(c) ? value : value * 100;
}

} // namespace

CapacityChart::CapacityChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("capacityChart"));
    m_plot->setObjectName(QStringLiteral("capacityPlot"));
    m_plot->setMinimumSize(320, 220);
    m_plot->xAxis->setLabel(tr("Arrival rate (requests/s)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, m_plot, [this] {
        m_plot->rescaleAxes();
        m_plot->replot();
    });
    installChartExport(m_plot, tr("Capacity"));
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void CapacityChart::clear()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_names.clear();
    m_limit.reset();
    m_plot->replot();
}

namespace {

/**
 * Ticks at 1, 2 and 5 times the powers of ten from 1 µs to 5,000 s (in ms), labelled as
 * numbers: the axis shows those in its range, zoomed or not.
 */
QSharedPointer<QCPAxisTickerText> logTicks()
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setSubTickCount(0);
    for (int e = -3; e <= 6; ++e) {
        for (const double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, e);
            ticker->addTick(v, QString::number(v, 'g', 6));
        }
    }
    return ticker;
}

} // namespace

void CapacityChart::setOutcomes(const QList<CapacityOutcome> &outcomes,
                                const Model::Slo &slo,
                                int condition)
{
    clear();
    if (condition < 0 || condition >= slo.conditions.size())
        return;
    const Model::SloCondition &c = slo.conditions.at(condition);
    const bool latency = isLatency(c);
    m_plot->yAxis->setLabel(latency ? tr("%1 latency (ms, log scale)").arg(figureName(c.figure))
                                    : tr("Error rate (%)"));
    if (latency) {
        // 1-2-5 ticks: QCPAxisTickerLog falls back to linear steps over less than 1.6
        // decades (500, 1000, 1500 ... on a log axis, nothing labelled below 500)
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(logTicks());
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }

    double yLo = shown(c, c.limit), yHi = shown(c, c.limit), xHi = 0;
    for (int o = 0; o < outcomes.size(); ++o) {
        const CapacityOutcome &outcome = outcomes.at(o);
        if (!outcome.result || outcome.result->points.empty())
            continue;
        const Model::CapacityResult &r = *outcome.result;
        const QColor color = CompareView::alternativeColor(o);
        std::vector<const Model::CapacityPoint *> points;
        for (const Model::CapacityPoint &p : r.points)
            points.push_back(&p);
        std::sort(points.begin(), points.end(), [](auto a, auto b) {
            return a->ratePerS < b->ratePerS;
        });
        QVector<double> x, y;
        std::optional<double> atMax;
        for (const Model::CapacityPoint *p : points) {
            if (static_cast<qsizetype>(p->figures.size()) <= condition)
                continue;
            const double v = shown(c, p->figures[static_cast<std::size_t>(condition)].mean);
            if (!std::isfinite(v) || (latency && v <= 0))
                continue; // nothing completed: no latency to draw on a log axis
            x << p->ratePerS;
            y << v;
            yLo = std::min(yLo, v);
            yHi = std::max(yHi, v);
            xHi = std::max(xHi, p->ratePerS);
            if (r.maxRatePerS && p->scale == r.maxScale)
                atMax = v;
        }
        QCPGraph *curve = m_plot->addGraph();
        curve->setName(outcome.name);
        curve->setPen(QPen(color, 2));
        curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
        curve->setData(x, y, true);
        m_names << outcome.name;

        if (r.maxRatePerS && atMax) {
            QCPGraph *marker = m_plot->addGraph();
            marker->setProperty(kBreakProperty, true);
            marker->setName(tr("%1: capacity").arg(outcome.name));
            marker->setLineStyle(QCPGraph::lsNone);
            marker->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.5), color, 14));
            marker->setData({*r.maxRatePerS}, {*atMax});
            marker->removeFromLegend();
            // the label above and left of the diamond (14 px wide), clear of it and of the
            // SLO's line through it, on white so that no grid or curve line crosses it
            auto at = new QCPItemTracer(m_plot);
            at->setStyle(QCPItemTracer::tsNone);
            at->position->setType(QCPItemPosition::ptPlotCoords);
            at->position->setCoords(*r.maxRatePerS, *atMax);
            auto label = new QCPItemText(m_plot);
            label->position->setParentAnchor(at->position);
            label->position->setCoords(-9, -9); // pixels from the diamond's centre
            label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
            label->setPadding(QMargins(2, 1, 2, 1));
            label->setBrush(QColor(255, 255, 255, 225));
            label->setText(tr("%1 /s").arg(formatDecimal(*r.maxRatePerS)));
            label->setColor(color.darker(130));
            QFont bold(m_plot->font().family(), 9);
            bold.setBold(true);
            label->setFont(bold);
        }
    }

    // the SLO's limit across the chart
    m_limit = shown(c, c.limit);
    auto line = new QCPItemStraightLine(m_plot);
    line->setPen(QPen(QColor(0xC6, 0x28, 0x28), 1.5, Qt::DashLine));
    line->point1->setCoords(0, *m_limit);
    line->point2->setCoords(1, *m_limit);
    auto limitText = new QCPItemText(m_plot);
    limitText->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    limitText->position->setTypeY(QCPItemPosition::ptPlotCoords);
    limitText->position->setCoords(0.99, *m_limit);
    limitText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    limitText->setText(tr("SLO %1").arg(c.text));
    limitText->setColor(QColor(0xC6, 0x28, 0x28));
    limitText->setPadding(QMargins(0, 3, 0, 0));

    m_plot->xAxis->setRange(0, xHi > 0 ? xHi * 1.08 : 1);
    if (latency)
        m_plot->yAxis->setRange(yLo / 1.6, yHi * 1.6);
    else
        m_plot->yAxis->setRange(0, std::max(yHi * 1.15, 0.1));
    // a limit near the foot of the chart (errors<1% on a scale to 30%) says its name above the
    // line, not under it where the axis would cut through it
    const QCPRange range = m_plot->yAxis->range();
    const double height = latency && range.lower > 0 && *m_limit > 0
                              ? std::log(*m_limit / range.lower)
                                    / std::log(range.upper / range.lower)
                              : (*m_limit - range.lower) / range.size();
    if (height < 0.2) {
        limitText->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        limitText->setPadding(QMargins(0, 0, 0, 3));
    }
    m_plot->replot();
}

QStringList CapacityChart::curveNames() const
{
    return m_names;
}

QList<QPointF> CapacityChart::curvePoints(int curve) const
{
    QList<QPointF> out;
    int seen = -1;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (graph->property(kBreakProperty).toBool() || ++seen != curve)
            continue;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            out << QPointF(it->key, it->value);
    }
    return out;
}

QList<QPointF> CapacityChart::breakMarkers() const
{
    QList<QPointF> out;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (graph->property(kBreakProperty).toBool() && !graph->data()->isEmpty())
            out << QPointF(graph->data()->constBegin()->key, graph->data()->constBegin()->value);
    }
    return out;
}

} // namespace Ui
