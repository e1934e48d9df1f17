// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PlotReadout.h"
#include "RunController.h"

#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

class QCustomPlot;
class QCPGraph;
class QCPItemRect;
class QCPItemText;
class QCPAbstractItem;

namespace Ui {

/** Draws run events as labelled vertical markers on `plot`; the items are appended to
 *  `items` (at most `maxMarkers` events; only spaced-out ones get a label). */
void addEventMarkers(QCustomPlot *plot,
                     const std::vector<Sim::RunEvent> &events,
                     int maxMarkers,
                     std::vector<QCPAbstractItem *> &items);

/** Moves `plot`'s legend from inside the axis rect to a row of its own below it, `columns`
 *  entries wide, so that it never covers the data. */
void placeLegendBelow(QCustomPlot *plot, int columns);

/**
 * A chart of all requests' latency percentiles p50, p95 and p99 (left axis, ms), throughput,
 * errors and the offered load (right axis, per second) over simulated time, with a legend,
 * the warm-up shaded and the run's events (faults, crashes, restarts, scaling, breaker
 * transitions) drawn as labelled markers. The legend is a row under the plot, off the data. It follows replication 0 while a run goes on
 * (appendBuckets) and shows the final series, the mean over replications, at the end.
 *
 * Hovering shows the time and every curve's value at the nearest bucket; the wheel zooms
 * and a drag pans the time axis; a double click resets the view (resetView()).
 */
class SeriesChart final : public QWidget
{
    Q_OBJECT

public:
    explicit SeriesChart(QWidget *parent = nullptr);

    /** The series keys the chart draws; pass them (with other charts' keys) to
     *  RunController::setLiveKeys. */
    static QStringList seriesKeys();

    void clear();
    /** Empties the chart and fixes the time axis for a run of `durationS`. */
    void beginRun(double durationS, double warmupS);
    /** Adds live buckets; each curve takes its value by key name from LiveBucket::keys
     *  (keys the chart does not draw are ignored, missing ones leave the curve alone). */
    void appendBuckets(const QList<Ui::LiveBucket> &buckets);
    /** Replaces everything with a finished run's series. */
    void setSeries(const Sim::Series &series, double durationS, double warmupS);
    /** Draws the run's events as vertical markers (at most kMaxMarkers, the first ones). */
    void setEvents(const std::vector<Sim::RunEvent> &events);
    static constexpr int kMaxMarkers = 40;
    int markerCount() const { return static_cast<int>(m_markers.size()); }
    /** Shows the whole run again (0 to the duration) and fits the value axes to the data:
     *  what a double click on the plot does. */
    void resetView();
    /** The hover read-out (for tests and the report: its text and position). */
    PlotReadout *readout() const { return m_readout; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    struct Curve
    {
        const char *key;
        QCPGraph *graph;
    };

    void clearCurves();
    void setWarmup(double warmupS);
    void rescaleValues();

    QCustomPlot *m_plot = nullptr;
    std::vector<Curve> m_curves; ///< in seriesKeys() order
    PlotReadout *m_readout = nullptr;
    std::vector<QCPAbstractItem *> m_markers;
    QCPItemRect *m_warmup = nullptr;
    QCPItemText *m_warmupLabel = nullptr;
    double m_durationS = 1;
    QStringList m_liveKeys;               ///< the key list m_liveColumns was built for
    std::vector<qsizetype> m_liveColumns; ///< per curve, its index in m_liveKeys or -1
};

} // namespace Ui
