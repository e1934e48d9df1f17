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

namespace Ui {

/**
 * A basic chart of all requests' p99 latency (left axis) and throughput (right axis) over
 * simulated time, with the warm-up shaded. It follows replication 0 while a run goes on
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

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    void setWarmup(double warmupS);
    void rescaleValues();

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_latency = nullptr;
    QCPGraph *m_throughput = nullptr;
    QCPItemRect *m_warmup = nullptr;
    QCPItemText *m_warmupLabel = nullptr;
};

} // namespace Ui
