// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStackedWidget>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QLabel;
class QTabWidget;
QT_END_NAMESPACE

namespace Sim {
struct RunResult;
struct Spec;
} // namespace Sim

namespace Ui {

class ComponentChart;
class ComponentTableModel;
class LatencyChart;
class RequestTableModel;
class SeriesChart;
struct LiveBucket;

/**
 * The results area of the main window: a placeholder until there are results, then a header
 * line over the tables (Requests, Components) on the left and the charts (Over time,
 * Components over time, Latency distribution) on the right. It shows what it is given and
 * keeps no result of its own beyond what its tables and charts display.
 */
class ResultsPanel final : public QStackedWidget
{
    Q_OBJECT

public:
    explicit ResultsPanel(QWidget *parent = nullptr);

    /** The series keys the charts fill live for a run of `spec` (RunController::setLiveKeys). */
    static QStringList liveKeys(const Sim::Spec &spec);

    /** No results: empty tables and charts, and `placeholder` in their place. */
    void clear(const QString &placeholder);
    /** A run of `spec` starts: empty tables, charts that fill live, `header` (rich text) above. */
    void beginRun(const Sim::Spec &spec, const QString &header);
    /** Shows a finished (or saved) run with `header` (rich text) above it. */
    void showResult(const Sim::RunResult &result, const QString &header);
    void setHeader(const QString &header);

    /** 0: Requests, 1: Components. */
    void showResultsTab(int index);
    /** 0: Over time, 1: Components over time, 2: Latency distribution. */
    void showChartTab(int index);
    /** Live buckets of the running simulation, for the charts over time. */
    void appendBuckets(const QList<Ui::LiveBucket> &buckets);

private:
    QLabel *m_placeholder = nullptr;
    QLabel *m_header = nullptr;
    QTabWidget *m_resultsTabs = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    RequestTableModel *m_requestModel = nullptr;
    ComponentTableModel *m_componentModel = nullptr;
    SeriesChart *m_chart = nullptr;
    ComponentChart *m_componentChart = nullptr;
    LatencyChart *m_latencyChart = nullptr;
};

} // namespace Ui
