// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

#include <functional>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;

namespace Ui {

/**
 * The hover read-out of the time charts (SeriesChart, ComponentChart). While the mouse is
 * over the plot's axis rect, a dotted line marks the bucket nearest to the cursor, a dot
 * marks each visible curve's value there, and a box lists the time and every curve's value
 * with its unit. Leaving the plot hides it. The read-out installs itself as an event filter
 * on the plot and turns mouse tracking on; it never consumes events, so dragging and
 * wheel zoom keep working.
 *
 * The read-out holds no pointer to a graph between mouse moves: a chart may remove and
 * re-add its graphs at any time.
 */
class PlotReadout final : public QObject
{
    Q_OBJECT

public:
    /** Writes one curve's value with its unit, e.g. "12.3 ms"; NaN never reaches it. */
    using ValueFormat = std::function<QString(const QCPGraph *graph, double value)>;

    PlotReadout(QCustomPlot *plot, ValueFormat format);

    /** Shows the read-out for the cursor at `pos` (plot pixels); hides it outside the axis
     *  rect or when no visible curve has data. */
    void showAt(const QPointF &pos);
    void hide();
    /** Shows the read-out again at the last position, for new data; nothing when hidden. */
    void refresh();

    bool isVisible() const { return m_visible; }
    /** The read-out's text ("t = 12 s" and one line per curve); empty when hidden. */
    QString text() const;
    /** The time (key) the read-out snapped to; meaningful only while visible. */
    double key() const { return m_key; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCPItemTracer *tracer(std::size_t i);

    QCustomPlot *m_plot;
    ValueFormat m_format;
    // QCustomPlot deletes its items before QWidget's destructor, which may still send a Leave
    // event here: the guarded pointers tell that the items are gone.
    QPointer<QCPItemStraightLine> m_line;
    QPointer<QCPItemText> m_label;
    std::vector<QCPItemTracer *> m_tracers;
    QPointF m_pos;
    double m_key = 0;
    bool m_visible = false;
};

} // namespace Ui
