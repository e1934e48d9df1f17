// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentChart.h"

#include "ChartExport.h"
#include "Formatting.h"
#include "KindTraits.h"
#include "SeriesChart.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace Ui {

namespace {

struct Metric
{
    const char *key;   ///< series key suffix: components.<id>.<key>
    const char *label; ///< combo box and axis text, with the unit
    double scale;      ///< series value -> axis value (fractions are shown in percent)
    const char *unit;  ///< after a value in the hover read-out
};

const Metric kMetrics[] = {
    {"utilization",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Utilisation (% busy)"),
     100,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "%")},
    {"replicas",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Ready replicas (count)"),
     1,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "replicas")},
    {"hit_ratio",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Cache hit ratio (%)"),
     100,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "%")},
    {"backlog",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Queue backlog (messages)"),
     1,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "messages")},
    {"in_system",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Requests in the component (count)"),
     1,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "requests")},
    {"throughput_per_s",
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "Visits per second (1/s)"),
     1,
     QT_TRANSLATE_NOOP("Ui::ComponentChart", "/s")},
};

const Metric *findMetric(const QString &key)
{
    for (const Metric &m : kMetrics) {
        if (key == QLatin1String(m.key))
            return &m;
    }
    return nullptr;
}

/** A qualitative palette that stays apart on a projector. */
QColor curveColor(int i)
{
    static const QColor colors[] = {{0x1f, 0x77, 0xb4},
                                    {0xd6, 0x27, 0x28},
                                    {0x2c, 0xa0, 0x2c},
                                    {0xff, 0x7f, 0x0e},
                                    {0x94, 0x67, 0xbd},
                                    {0x8c, 0x56, 0x4b},
                                    {0xe3, 0x77, 0xc2},
                                    {0x7f, 0x7f, 0x7f},
                                    {0xbc, 0xbd, 0x22},
                                    {0x17, 0xbe, 0xcf}};
    return colors[i % 10];
}

/** "components.<id>.<metric>" -> id, when the key ends in that metric. */
QString componentOf(const QString &key, const QString &metric)
{
    const QString prefix = QStringLiteral("components.");
    const QString suffix = QLatin1Char('.') + metric;
    if (!key.startsWith(prefix) || !key.endsWith(suffix)
        || key.size() <= prefix.size() + suffix.size())
        return {};
    return key.mid(prefix.size(), key.size() - prefix.size() - suffix.size());
}

/** Whether the chart draws the series `key` (some component's known metric). */
bool isChartKey(const QString &key)
{
    for (const Metric &m : kMetrics) {
        if (!componentOf(key, QLatin1String(m.key)).isEmpty())
            return true;
    }
    return false;
}

} // namespace

ComponentChart::ComponentChart(QWidget *parent)
    : QWidget(parent)
{
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("componentMetric"));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("componentPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->xAxis->setLabel(tr("Simulated time (s)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(m_plot->font().family(), 8));
    m_plot->legend->setRowSpacing(0);
    placeLegendBelow(m_plot, 4); // one entry per component, under the plot, off the data

    m_readout = new PlotReadout(m_plot, [this](const QCPGraph *, double value) {
        const Metric *m = findMetric(metric());
        const QString unit = m ? tr(m->unit) : QString();
        // percentages as in the tables ("83.4%"), counts and rates with their unit
        return m && m->scale == 100 ? formatPercent(value / 100) + unit
                                    : formatDecimal(value) + QLatin1Char(' ') + unit;
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    installChartExport(m_plot, tr("Components over time"));

    auto top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show per component:"), this));
    top->addWidget(m_metric, 1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);

    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        m_wantedMetric = metric();
        redraw();
    });
    clear();
}

QStringList ComponentChart::liveKeys(const Sim::Spec &spec)
{
    // The engine's own list (EngineImpl's series columns), restricted to the chart's metrics;
    // tst_componentchart checks both stay the same on the built-in examples.
    QStringList keys;
    auto key = [](const Sim::Component &c, const char *metric) {
        return QStringLiteral("components.%1.%2")
            .arg(QString::fromStdString(c.id), QLatin1String(metric));
    };
    for (const Sim::Component &c : spec.components) {
        if (Sim::kindTraits(c.kind).hasUtilization)
            keys << key(c, "utilization");
    }
    for (const Sim::Component &c : spec.components)
        keys << key(c, "in_system");
    for (const Sim::Component &c : spec.components)
        keys << key(c, "throughput_per_s");
    for (const Sim::Component &c : spec.components) {
        if (c.kind == Sim::ComponentKind::Cache)
            keys << key(c, "hit_ratio");
        else if (c.kind == Sim::ComponentKind::Queue)
            keys << key(c, "backlog");
        else if (c.kind == Sim::ComponentKind::Service)
            keys << key(c, "replicas");
    }
    return keys;
}

void ComponentChart::clear()
{
    m_events.clear();
    setSeries({}, 1);
}

void ComponentChart::beginRun(double durationS)
{
    m_events.clear();
    setSeries({}, durationS);
}

void ComponentChart::appendBuckets(const QList<LiveBucket> &buckets)
{
    if (buckets.isEmpty())
        return;
    bool newColumns = false;
    for (const LiveBucket &bucket : buckets) {
        if (bucket.keys != m_liveKeys) {
            // The first buckets of a run (every bucket shares one key list): start the
            // series over with the columns this chart draws.
            m_liveKeys = bucket.keys;
            m_liveColumns.clear();
            m_series = {};
            for (qsizetype k = 0; k < m_liveKeys.size(); ++k) {
                if (!isChartKey(m_liveKeys.at(k)))
                    continue;
                m_liveColumns.emplace_back(m_series.columns.size(), k);
                m_series.columns.push_back({m_liveKeys.at(k).toStdString(), {}});
            }
            newColumns = true;
        }
        m_series.tS.push_back(bucket.tS);
        constexpr double missing = std::numeric_limits<double>::quiet_NaN();
        for (const auto &[column, k] : m_liveColumns)
            m_series.columns[column].values.push_back(k < bucket.values.size() ? bucket.values.at(k)
                                                                               : missing);
    }
    if (newColumns) {
        updateMetricChoices();
        redraw();
    } else {
        drawNewPoints();
        m_readout->refresh();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ComponentChart::setEvents(const std::vector<Sim::RunEvent> &events)
{
    m_events = events;
    redraw();
}

void ComponentChart::setSeries(const Sim::Series &series, double durationS)
{
    m_series = series;
    m_liveKeys.clear(); // the next live buckets start a new series
    m_liveColumns.clear();
    m_durationS = durationS > 0 ? durationS : 1;
    m_plot->xAxis->setRange(0, m_durationS);
    updateMetricChoices();
    redraw();
}

void ComponentChart::updateMetricChoices()
{
    const QSignalBlocker blocker(m_metric);
    m_metric->clear();
    for (const Metric &m : kMetrics) {
        const QString key = QString::fromLatin1(m.key);
        for (const Sim::SeriesColumn &c : m_series.columns) {
            if (!componentOf(QString::fromStdString(c.key), key).isEmpty()) {
                m_metric->addItem(tr(m.label), key);
                break;
            }
        }
    }
    const int keep = m_metric->findData(m_wantedMetric);
    m_metric->setCurrentIndex(keep >= 0 ? keep : 0);
}

QStringList ComponentChart::metrics() const
{
    QStringList out;
    for (int i = 0; i < m_metric->count(); ++i)
        out << m_metric->itemData(i).toString();
    return out;
}

QString ComponentChart::metric() const
{
    return m_metric->currentData().toString();
}

void ComponentChart::setMetric(const QString &metric)
{
    m_wantedMetric = metric;
    const int i = m_metric->findData(metric);
    if (i >= 0)
        m_metric->setCurrentIndex(i);
}

int ComponentChart::curveCount() const
{
    return m_plot->graphCount();
}

int ComponentChart::pointCount() const
{
    int n = 0;
    for (int g = 0; g < m_plot->graphCount(); ++g)
        n += m_plot->graph(g)->data()->size();
    return n;
}

void ComponentChart::resetView()
{
    m_plot->xAxis->setRange(0, m_durationS);
    rescaleValues();
    m_readout->refresh();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ComponentChart::redraw()
{
    m_readout->hide(); // it reads the graphs, which are about to go
    m_plot->clearGraphs();
    m_graphColumns.clear();
    for (QCPAbstractItem *item : m_markers)
        m_plot->removeItem(item);
    m_markers.clear();
    const QString metric = this->metric();
    int n = 0;
    for (std::size_t i = 0; i < m_series.columns.size(); ++i) {
        const QString id = componentOf(QString::fromStdString(m_series.columns[i].key), metric);
        if (id.isEmpty())
            continue;
        QCPGraph *g = m_plot->addGraph();
        g->setName(id);
        QPen pen(curveColor(n++));
        pen.setWidthF(1.5);
        g->setPen(pen);
        g->setLineStyle(metric == QLatin1String("replicas") ? QCPGraph::lsStepLeft
                                                            : QCPGraph::lsLine);
        g->setAdaptiveSampling(true);
        m_graphColumns.push_back(i);
    }
    m_drawn = 0;
    m_upper = 0;
    drawNewPoints();
    m_plot->yAxis->setLabel(m_metric->currentText());
    m_plot->legend->setVisible(n > 0);
    if (n > 0)
        addEventMarkers(m_plot, m_events, SeriesChart::kMaxMarkers, m_markers);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ComponentChart::drawNewPoints()
{
    const Metric *m = findMetric(metric());
    const double scale = m ? m->scale : 1;
    const std::size_t size = m_series.tS.size();
    if (m_drawn < size) {
        const QVector<double> time(m_series.tS.begin() + static_cast<std::ptrdiff_t>(m_drawn),
                                   m_series.tS.end());
        for (std::size_t g = 0; g < m_graphColumns.size(); ++g) {
            const std::vector<double> &values = m_series.columns[m_graphColumns[g]].values;
            QVector<double> scaled;
            scaled.reserve(time.size());
            for (std::size_t i = m_drawn; i < size; ++i) {
                const double v = i < values.size() ? values[i] * scale
                                                   : std::numeric_limits<double>::quiet_NaN();
                if (std::isfinite(v))
                    m_upper = std::max(m_upper, v);
                scaled.append(v);
            }
            m_plot->graph(static_cast<int>(g))->addData(time, scaled, true);
        }
        m_drawn = size;
    }
    rescaleValues();
}

void ComponentChart::rescaleValues()
{
    // Percentages get a fixed 0-100 scale (a bit of head room), so live curves do not jump.
    const Metric *m = findMetric(metric());
    const bool percent = m && m->scale == 100;
    const double upper = percent ? std::max(105.0, m_upper * 1.05)
                                 : (m_upper > 0 ? m_upper * 1.1 : 1);
    m_plot->yAxis->setRange(0, upper);
}

} // namespace Ui
