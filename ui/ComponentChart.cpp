// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentChart.h"

#include "SeriesChart.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

struct Metric
{
    const char *key;   ///< series key suffix: components.<id>.<key>
    const char *label; ///< combo box and axis text
};

const Metric kMetrics[] = {
    {"utilization", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Utilisation (busy fraction)")},
    {"replicas", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Ready replicas")},
    {"hit_ratio", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Cache hit ratio")},
    {"backlog", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Queue backlog (messages)")},
    {"in_system", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Requests in the component")},
    {"throughput_per_s", QT_TRANSLATE_NOOP("Ui::ComponentChart", "Visits per second")},
};

/** A qualitative palette that stays apart on a projector. */
QColor curveColor(int i)
{
    static const QColor colors[] = {{0x1f, 0x77, 0xb4}, {0xd6, 0x27, 0x28}, {0x2c, 0xa0, 0x2c},
                                    {0xff, 0x7f, 0x0e}, {0x94, 0x67, 0xbd}, {0x8c, 0x56, 0x4b},
                                    {0xe3, 0x77, 0xc2}, {0x7f, 0x7f, 0x7f}, {0xbc, 0xbd, 0x22},
                                    {0x17, 0xbe, 0xcf}};
    return colors[i % 10];
}

/** "components.<id>.<metric>" -> id, when the key ends in that metric. */
QString componentOf(const std::string &key, const QString &metric)
{
    const QString k = QString::fromStdString(key);
    const QString prefix = QStringLiteral("components.");
    const QString suffix = QLatin1Char('.') + metric;
    if (!k.startsWith(prefix) || !k.endsWith(suffix))
        return {};
    return k.mid(prefix.size(), k.size() - prefix.size() - suffix.size());
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
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));

    auto top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show per component:"), this));
    top->addWidget(m_metric, 1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);

    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    clear();
}

void ComponentChart::clear()
{
    m_events.clear();
    setSeries({}, 1);
}

void ComponentChart::setEvents(const std::vector<Sim::RunEvent> &events)
{
    m_events = events;
    redraw();
}

void ComponentChart::setSeries(const Sim::Series &series, double durationS)
{
    m_series = series;
    m_durationS = durationS > 0 ? durationS : 1;
    const QString current = m_metric->currentData().toString();
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->clear();
        for (const Metric &m : kMetrics) {
            const QString key = QString::fromLatin1(m.key);
            for (const Sim::SeriesColumn &c : m_series.columns) {
                if (!componentOf(c.key, key).isEmpty()) {
                    m_metric->addItem(tr(m.label), key);
                    break;
                }
            }
        }
        const int keep = m_metric->findData(current);
        m_metric->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    redraw();
}

QStringList ComponentChart::metrics() const
{
    QStringList out;
    for (int i = 0; i < m_metric->count(); ++i)
        out << m_metric->itemData(i).toString();
    return out;
}

void ComponentChart::setMetric(const QString &metric)
{
    const int i = m_metric->findData(metric);
    if (i >= 0)
        m_metric->setCurrentIndex(i);
}

int ComponentChart::curveCount() const
{
    return m_plot->graphCount();
}

void ComponentChart::redraw()
{
    m_plot->clearGraphs();
    for (QCPAbstractItem *item : m_markers)
        m_plot->removeItem(item);
    m_markers.clear();
    const QString metric = m_metric->currentData().toString();
    const QVector<double> time(m_series.tS.begin(), m_series.tS.end());
    double upper = 0;
    int n = 0;
    for (const Sim::SeriesColumn &c : m_series.columns) {
        const QString id = componentOf(c.key, metric);
        if (id.isEmpty())
            continue;
        QCPGraph *g = m_plot->addGraph();
        g->setName(id);
        QPen pen(curveColor(n++));
        pen.setWidthF(1.5);
        g->setPen(pen);
        g->setLineStyle(metric == QLatin1String("replicas") ? QCPGraph::lsStepLeft : QCPGraph::lsLine);
        g->setAdaptiveSampling(true);
        g->setData(time, QVector<double>(c.values.begin(), c.values.end()), true);
        for (double v : c.values) {
            if (std::isfinite(v))
                upper = std::max(upper, v);
        }
    }
    m_plot->yAxis->setLabel(m_metric->currentText());
    m_plot->xAxis->setRange(0, m_durationS);
    const bool fraction = metric == QLatin1String("utilization") || metric == QLatin1String("hit_ratio");
    m_plot->yAxis->setRange(0, fraction ? std::max(1.0, upper * 1.05) : (upper > 0 ? upper * 1.1 : 1));
    m_plot->legend->setVisible(n > 0);
    if (n > 0)
        addEventMarkers(m_plot, m_events, SeriesChart::kMaxMarkers, m_markers);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace Ui
