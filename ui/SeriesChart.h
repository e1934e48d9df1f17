// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
void addEventMarkers(QCustomPlot *plot, const std::vector<Sim::RunEvent> &events, int maxMarkers,
                     std::vector<QCPAbstractItem *> &items);

/**
 * A chart of all requests' p99 latency (left axis), throughput, errors and the offered load
 * (right axis) over simulated time, with the warm-up shaded and the run's events (faults,
 * crashes, restarts, scaling, breaker transitions) drawn as labelled markers. It follows replication 0 while a run goes on
 * (appendBuckets) and shows the final series, the mean over replications, at the end.
 */
class SeriesChart final : public QWidget
{
    Q_OBJECT

public:
    explicit SeriesChart(QWidget *parent = nullptr);

    /** The series keys the chart draws, in the order appendBuckets() expects its values. */
    static QStringList seriesKeys();

    void clear();
    /** Empties the chart and fixes the time axis for a run of `durationS`. */
    void beginRun(double durationS, double warmupS);
    /** Adds live buckets; each value list follows seriesKeys(). */
    void appendBuckets(const QList<Ui::LiveBucket> &buckets);
    /** Replaces everything with a finished run's series. */
    void setSeries(const Sim::Series &series, double durationS, double warmupS);
    /** Draws the run's events as vertical markers (at most kMaxMarkers, the first ones). */
    void setEvents(const std::vector<Sim::RunEvent> &events);
    static constexpr int kMaxMarkers = 40;
    int markerCount() const { return static_cast<int>(m_markers.size()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    void setWarmup(double warmupS);
    void rescaleValues();

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_latency = nullptr;
    QCPGraph *m_throughput = nullptr;
    QCPGraph *m_errors = nullptr;
    QCPGraph *m_offered = nullptr;
    std::vector<QCPAbstractItem *> m_markers;
    QCPItemRect *m_warmup = nullptr;
    QCPItemText *m_warmupLabel = nullptr;
};

} // namespace Ui
