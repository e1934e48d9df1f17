// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QCPAbstractItem;

namespace Ui {

/**
 * Per-component series of a finished run over simulated time: one curve per component
 * for the metric chosen in the combo box (utilisation, ready replicas, cache hit ratio,
 * queue backlog, requests in the component, visits per second). Metrics no component has
 * are not offered.
 */
class ComponentChart final : public QWidget
{
    Q_OBJECT

public:
    explicit ComponentChart(QWidget *parent = nullptr);

    void clear();
    void setSeries(const Sim::Series &series, double durationS);
    /** The run's events, drawn as markers on every metric's chart. */
    void setEvents(const std::vector<Sim::RunEvent> &events);
    int markerCount() const { return static_cast<int>(m_markers.size()); }
    /** The metric keys on offer for the current series, e.g. "utilization", "replicas". */
    QStringList metrics() const;
    void setMetric(const QString &metric);
    int curveCount() const;

private:
    void redraw();

    QComboBox *m_metric = nullptr;
    QCustomPlot *m_plot = nullptr;
    Sim::Series m_series;
    std::vector<Sim::RunEvent> m_events;
    std::vector<QCPAbstractItem *> m_markers;
    double m_durationS = 1;
};

} // namespace Ui
