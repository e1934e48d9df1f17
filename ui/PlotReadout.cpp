// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlotReadout.h"

#include "Formatting.h"

#include <qcustomplot.h>

#include <QMouseEvent>

#include <cmath>

namespace Ui {

namespace {

const char kOverlay[] = "overlay";

/** The data point of `graph` whose key is nearest to `key`; end() when the graph is empty. */
QCPGraphDataContainer::const_iterator nearest(const QCPGraph *graph, double key)
{
    const QSharedPointer<QCPGraphDataContainer> data = graph->data();
    auto it = data->findBegin(key, false); // first point with a key >= key
    if (it == data->constEnd())
        return data->isEmpty() ? it : it - 1;
    if (it != data->constBegin() && key - (it - 1)->key < it->key - key)
        --it;
    return it;
}

} // namespace

PlotReadout::PlotReadout(QCustomPlot *plot, ValueFormat format)
    : QObject(plot)
    , m_plot(plot)
    , m_format(std::move(format))
{
    // The overlay layer is buffered on its own: moving the read-out repaints only that layer,
    // not 10^5 points of curves.
    if (!m_plot->layer(QLatin1String(kOverlay)))
        m_plot->addLayer(QLatin1String(kOverlay));
    m_plot->layer(QLatin1String(kOverlay))->setMode(QCPLayer::lmBuffered);
    m_line = new QCPItemStraightLine(m_plot);
    m_line->setLayer(QLatin1String(kOverlay));
    m_line->setClipToAxisRect(true);
    QPen pen(QColor(0x55, 0x55, 0x55));
    pen.setStyle(Qt::DotLine);
    m_line->setPen(pen);
    m_line->setVisible(false);

    m_label = new QCPItemText(m_plot);
    m_label->setLayer(QLatin1String(kOverlay));
    m_label->setClipToAxisRect(false);
    m_label->position->setType(QCPItemPosition::ptAbsolute);
    m_label->setTextAlignment(Qt::AlignLeft);
    m_label->setPadding(QMargins(6, 4, 6, 4));
    m_label->setBrush(QColor(255, 255, 255, 230));
    m_label->setPen(QPen(QColor(0x99, 0x99, 0x99)));
    QFont font = m_label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    m_label->setFont(font);
    m_label->setVisible(false);

    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
}

QCPItemTracer *PlotReadout::tracer(std::size_t i)
{
    while (m_tracers.size() <= i) {
        auto t = new QCPItemTracer(m_plot);
        t->setLayer(QLatin1String(kOverlay));
        t->setClipToAxisRect(true);
        t->setStyle(QCPItemTracer::tsCircle);
        t->setSize(7);
        t->setBrush(Qt::white);
        t->setVisible(false);
        m_tracers.push_back(t);
        m_label->setLayer(QLatin1String(kOverlay)); // back on top of the new dot
    }
    return m_tracers[i];
}

void PlotReadout::showAt(const QPointF &pos)
{
    if (!m_line || !m_label)
        return;
    m_pos = pos;
    QCPAxisRect *rect = m_plot->axisRect();
    std::size_t used = 0;
    QStringList lines;
    bool snapped = false;
    if (rect && rect->rect().contains(pos.toPoint())) {
        for (int g = 0; g < m_plot->graphCount(); ++g) {
            QCPGraph *graph = m_plot->graph(g);
            if (!graph->visible() || graph->data()->isEmpty())
                continue;
            const double x = graph->keyAxis()->pixelToCoord(pos.x());
            if (!snapped) {
                // Snap to the bucket nearest the cursor on the first curve; the time charts'
                // curves share their buckets, so every curve is read at that time.
                const auto it = nearest(graph, x);
                m_key = it->key;
                snapped = true;
                lines << tr("t = %1 s").arg(formatPlain(m_key));
                m_line->point1->setAxes(graph->keyAxis(), graph->valueAxis());
                m_line->point2->setAxes(graph->keyAxis(), graph->valueAxis());
                m_line->point1->setCoords(m_key, 0);
                m_line->point2->setCoords(m_key, 1);
            }
            const auto it = nearest(graph, m_key);
            const double value = it->value;
            if (!std::isfinite(value)) {
                lines << tr("%1: no data").arg(graph->name());
                continue;
            }
            lines << QStringLiteral("%1: %2").arg(graph->name(), m_format(graph, value));
            QCPItemTracer *t = tracer(used++);
            t->position->setAxes(graph->keyAxis(), graph->valueAxis());
            t->position->setCoords(it->key, value);
            t->setPen(QPen(graph->pen().color(), 1.5));
            t->setVisible(true);
        }
    }
    for (std::size_t i = used; i < m_tracers.size(); ++i)
        m_tracers[i]->setVisible(false);
    m_visible = snapped;
    m_line->setVisible(snapped);
    m_label->setVisible(snapped);
    if (snapped) {
        m_label->setText(lines.join(QLatin1Char('\n')));
        // Keep the box inside the plot: it goes to the side of the cursor with more room.
        const QRect r = rect->rect();
        const bool right = pos.x() < r.center().x();
        const bool below = pos.y() < r.center().y();
        m_label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight)
                                      | (below ? Qt::AlignTop : Qt::AlignBottom));
        m_label->position->setCoords(pos.x() + (right ? 14 : -14), pos.y() + (below ? 14 : -14));
    }
    m_plot->layer(QLatin1String(kOverlay))->replot();
}

void PlotReadout::hide()
{
    if (!m_visible || !m_line || !m_label)
        return;
    m_visible = false;
    m_line->setVisible(false);
    m_label->setVisible(false);
    for (QCPItemTracer *t : m_tracers)
        t->setVisible(false);
    m_plot->layer(QLatin1String(kOverlay))->replot();
}

void PlotReadout::refresh()
{
    if (m_visible)
        showAt(m_pos);
}

QString PlotReadout::text() const
{
    return m_visible && m_label ? m_label->text() : QString();
}

bool PlotReadout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot) {
        if (event->type() == QEvent::MouseMove)
            showAt(static_cast<QMouseEvent *>(event)->position());
        else if (event->type() == QEvent::Leave)
            hide();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Ui
