// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QStackedWidget;
QT_END_NAMESPACE

class QCustomPlot;
class QCPAbstractItem;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;

namespace Ui {

/**
 * The latency distribution of a finished run for one request type (all requests by default,
 * a combo box picks another): the histogram as bars, the CDF as a line (cumulative share of
 * the requests, 0-100 %, right axis), on a logarithmic latency axis in ms, with dashed
 * markers at the run's p50, p95 and p99 (RequestResult::latencyMs), labelled above the plot
 * on their lines, and a legend under the plot.
 *
 * The bars are a density: each bin's share of the requests divided by its width in 1/8
 * octaves (an octave is a doubling of latency), "Density (% per 1/8 octave)" on the left
 * axis. The engine's bins (RequestResult::latencyHistogram) cut each octave into 8 bins of
 * equal width in ms, so on the log axis they are 1.8 times wider at the start of an octave
 * than at its end; plain shares per bin would draw that as a saw tooth. A bin exactly 1/8
 * octave wide has its share as its height. Within a bin the CDF is drawn and read linearly
 * in log(latency).
 *
 * Hovering shows the latency under the cursor, its bin with the bin's share of the requests
 * and the CDF there; the wheel zooms and a drag pans the latency axis; a double click resets
 * the view. Without a histogram (no run yet, a run saved before histograms existed, a request
 * type with no completed request) a sentence says why instead of an empty chart.
 */
class LatencyChart final : public QWidget
{
    Q_OBJECT

public:
    explicit LatencyChart(QWidget *parent = nullptr);

    /** Shows `result`'s distribution for the current request type, or "_all" when the
     *  result has no such type. */
    void setResult(const Sim::RunResult &result);
    /** Forgets the run: the placeholder asks for a run. */
    void clear();
    /** Forgets the last run while the next one goes on: the placeholder says the
     *  distribution comes at the end (it needs the whole run). */
    void beginRun();

    /** Picks a request type by name ("_all" for all requests); unknown names are ignored. */
    void setRequestType(const QString &name);
    QString requestType() const { return m_type; }
    /** The request types on offer, "_all" first. */
    QStringList requestTypes() const;

    /** Whether the chart (true) or the placeholder sentence (false) is shown. */
    bool hasChart() const;
    QString placeholderText() const;

    /** The CDF of the shown distribution at `latencyMs`, in percent (0-100). */
    double cdfAt(double latencyMs) const;
    /** The hover read-out for the latency `latencyMs`: the bin holding it with its share,
     *  and the CDF there; empty without a chart. */
    QString readoutAt(double latencyMs) const;
    /** The shown read-out's text; empty while the mouse is not over the plot. */
    QString readoutText() const;

    /** The home view: latencies from the 0.1 % quantile's bin to the largest latency and the
     *  percentile markers, with a margin; the full value axes. */
    void resetView();

signals:
    /** The user picked another request type in the combo box. */
    void requestTypeChanged(const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Bin
    {
        double loMs, hiMs; ///< as drawn: finite and > 0 (see drawableBins)
        double share;      ///< percent of the type's requests
        double density;    ///< share per 1/8 octave of width
        double cdfHi;      ///< percent of requests <= hiMs
    };
    struct TypeData
    {
        QString name;
        std::vector<Sim::HistogramBin> histogram;
        Sim::LatencySummary latencyMs;
    };

    void rebuild();
    /** Puts the percentile labels above the plot on their lines, in rows where they meet. */
    void placeMarkerLabels();
    void showPlaceholder(const QString &text);
    void showReadout(const QPointF &pos);
    void hideReadout();
    const Bin *binAt(double latencyMs) const;

    QComboBox *m_typeBox = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_histogram = nullptr;
    QCPGraph *m_cdf = nullptr;
    std::vector<QCPAbstractItem *> m_markers;
    std::vector<std::pair<QCPItemText *, double>> m_markerLabels; ///< with their latency (ms)
    QCPItemStraightLine *m_cursor = nullptr;
    QCPItemTracer *m_cdfTracer = nullptr;
    QCPItemText *m_readout = nullptr;

    bool m_hasResult = false;
    bool m_running = false;
    std::vector<TypeData> m_types;
    QString m_type = QStringLiteral("_all");
    std::vector<Bin> m_bins; ///< of the shown type
    double m_maxDensity = 0;
};

} // namespace Ui
