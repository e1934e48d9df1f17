// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;

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
    /** The metric keys on offer for the current series, e.g. "utilization", "replicas". */
    QStringList metrics() const;
    void setMetric(const QString &metric);
    int curveCount() const;

private:
    void redraw();

    QComboBox *m_metric = nullptr;
    QCustomPlot *m_plot = nullptr;
    Sim::Series m_series;
    double m_durationS = 1;
};

} // namespace Ui
