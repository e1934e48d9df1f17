// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PlotReadout.h"
#include "Results.h"
#include "RunController.h"
#include "Spec.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QCPAbstractItem;

namespace Ui {

/**
 * Per-component series over simulated time: one curve per component for the metric chosen
 * in the combo box (utilisation, ready replicas, cache hit ratio, queue backlog, requests in
 * the component, visits per second), with a legend. Metrics no component has are not
 * offered; the chosen metric is kept from run to run when the next run has it.
 *
 * It fills live while a run streams (beginRun, then appendBuckets with buckets whose keys
 * include liveKeys(spec)) and shows the finished run's series, the mean over replications,
 * with setSeries(), which replaces the live points.
 *
 * Hovering shows the time and every component's value at the nearest bucket; the wheel
 * zooms and a drag pans the time axis; a double click resets the view (resetView()).
 */
class ComponentChart final : public QWidget
{
    Q_OBJECT

public:
    explicit ComponentChart(QWidget *parent = nullptr);

    /**
     * The series keys this chart draws for a run of `spec`: "components.<id>.<metric>" for
     * every metric the engine records for that component (the same keys as in the final
     * series). Pass them, with the other charts' keys, to RunController::setLiveKeys.
     */
    static QStringList liveKeys(const Sim::Spec &spec);

    void clear();
    /** Empties the chart (keeping the chosen metric) and fixes the time axis for a run of
     *  `durationS`; the metrics on offer appear with the first live buckets. */
    void beginRun(double durationS);
    /** Adds live buckets: every "components.<id>.<metric>" value the chart knows, taken by
     *  key name from LiveBucket::keys; other keys are ignored. */
    void appendBuckets(const QList<Ui::LiveBucket> &buckets);
    /** Replaces everything (live points included) with a finished run's series. */
    void setSeries(const Sim::Series &series, double durationS);
    /** The run's events, drawn as markers on every metric's chart. */
    void setEvents(const std::vector<Sim::RunEvent> &events);
    int markerCount() const { return static_cast<int>(m_markers.size()); }
    /** The metric keys on offer for the current series, e.g. "utilization", "replicas". */
    QStringList metrics() const;
    /** The metric shown ("" when none is on offer). */
    QString metric() const;
    void setMetric(const QString &metric);
    int curveCount() const;
    /** The number of points drawn, all curves together. */
    int pointCount() const;
    /** Shows the whole run again (0 to the duration) and fits the value axis to the data:
     *  what a double click on the plot does. */
    void resetView();
    PlotReadout *readout() const { return m_readout; }

private:
    void updateMetricChoices();
    void redraw();
    void drawNewPoints();
    void rescaleValues();

    QComboBox *m_metric = nullptr;
    QCustomPlot *m_plot = nullptr;
    PlotReadout *m_readout = nullptr;
    Sim::Series m_series; ///< the finished run's, or the live points so far
    std::vector<Sim::RunEvent> m_events;
    std::vector<QCPAbstractItem *> m_markers;
    double m_durationS = 1;
    QString m_wantedMetric; ///< the user's choice, kept while a run has no such metric
    std::vector<std::size_t> m_graphColumns; ///< per graph, its column in m_series
    std::size_t m_drawn = 0;                 ///< buckets of m_series already in the graphs
    double m_upper = 0;                      ///< largest value drawn (in axis units)
    QStringList m_liveKeys;                  ///< the key list m_liveColumns was built for
    /// per drawn key: (its column in m_series, its index in m_liveKeys)
    std::vector<std::pair<std::size_t, qsizetype>> m_liveColumns;
};

} // namespace Ui
