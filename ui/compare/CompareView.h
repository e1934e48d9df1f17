// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Compare.h"

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QSplitter;
class QTableWidget;
QT_END_NAMESPACE

class QCustomPlot;

namespace Ui {

/**
 * A finished comparison (Model::Comparison) side by side, shown without running anything:
 * - the figures table: one row per compareFigures() figure plus the bottleneck and the
 *   replicas, one column per alternative (the baseline first); each cell "mean ± ci95 unit";
 * - the deltas against the baseline, one column per other alternative: green where the
 *   alternative is better (CompareFigure::lowerIsBetter says which way), red where it is
 *   worse, grey with "not significant" where the paired interval contains zero;
 * - overlaid charts, one colour per alternative: the latency CDF (all requests'
 *   latencyHistogram), and p99 latency and throughput over time (the run's series).
 */
class CompareView final : public QWidget
{
    Q_OBJECT

public:
    enum class Verdict { Better, Worse, NotSignificant };
    enum Chart { LatencyCdf, P99OverTime, ThroughputOverTime, ChartCount };

    explicit CompareView(QWidget *parent = nullptr);

    void setComparison(const Model::Comparison &comparison, const QString &title = {});
    bool hasComparison() const { return m_hasComparison; }

    QTableWidget *figuresTable() const { return m_figures; }
    QTableWidget *deltasTable() const { return m_deltas; }
    QString headerText() const;

    /** The colour of alternative `index` in every chart and column header. */
    static QColor alternativeColor(int index);
    static QColor verdictColor(Verdict verdict);
    /** Which way a paired difference points for a figure. */
    static Verdict verdictOf(const Model::PairedDifference &d, bool lowerIsBetter);
    /** "12.3 ± 0.4 ms": how a cell shows an estimate of `figure`. */
    static QString estimateText(const Model::Estimate &e, const Model::CompareFigure &figure);
    /** "−1.2 ± 0.3 ms", "+0.4 ± 0.6 ms · not significant". */
    static QString deltaText(const Model::PairedDifference &d, const Model::CompareFigure &figure);

    /** The curves of a chart: their names (the alternatives) and how many points each has. */
    QStringList chartCurveNames(Chart chart) const;
    int chartPointCount(Chart chart, int curve) const;

    /**
     * The overlaid charts without the view: the axes, their titles and the legend of `chart`
     * on `plot`, then its curves from `comparison`, one per alternative in alternativeColor().
     * The view and the report (ReportBuilder's comparison section) draw the same charts.
     */
    static void setupChart(QCustomPlot *plot, Chart chart);
    static void fillChart(QCustomPlot *plot, Chart chart, const Model::Comparison &comparison);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fillFigures(const Model::Comparison &c);
    void fillDeltas(const Model::Comparison &c);

    QLabel *m_header = nullptr;
    QTableWidget *m_figures = nullptr;
    QTableWidget *m_deltas = nullptr;
    QLabel *m_deltasNote = nullptr;
    QCustomPlot *m_plots[ChartCount] = {};
    QSplitter *m_splitter = nullptr;
    bool m_splitterMoved = false;
    bool m_hasComparison = false;
};

} // namespace Ui
