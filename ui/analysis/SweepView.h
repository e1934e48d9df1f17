// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Sweep.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QGridLayout;
class QLabel;
class QStackedWidget;
QT_END_NAMESPACE

class QCustomPlot;
class QCPColorMap;

namespace Ui {

/**
 * The points of a sweep (Model::Sweep) as charts, shown without running anything:
 * - one parameter: a line chart per chosen figure (Model::compareFigures() indices), the
 *   mean over the replications at each value with its 95% interval as a band around it;
 * - two parameters: a heat map (QCPColorMap) of one chosen figure, the first parameter's
 *   values across, the second's up, each cell labelled with its value while the grid is
 *   small enough to read; a figure box above it picks which figure.
 * A point a cancelled sweep did not finish is left out (a gap in the heat map).
 *
 * A click on a point of a line chart, or on a cell of the heat map, emits
 * pointActivated(i) with i the index of that point in the sweep's `points`.
 */
class SweepView final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Empty, Lines, HeatMap };

    explicit SweepView(QWidget *parent = nullptr);

    /** No sweep: `text` in place of the charts. */
    void clear(const QString &text);
    /**
     * Shows `sweep` of `parameters` (one: lines, two: heat map) for the `figures` (indices
     * into compareFigures(), in the order to show them).
     */
    void setSweep(const Model::Sweep &sweep,
                  const std::vector<Model::SweepParameter> &parameters,
                  const QList<int> &figures);

    Mode mode() const { return m_mode; }
    /** The line charts, one per figure in setSweep()'s order. */
    QList<QCustomPlot *> linePlots() const { return m_linePlots; }
    QCustomPlot *heatMapPlot() const { return m_heatPlot; }
    QCPColorMap *heatMap() const { return m_heatMap; }
    /** The figure the heat map shows (an index into compareFigures()). */
    int heatMapFigure() const;
    void setHeatMapFigure(int figure);

    /** The sweep point drawn at `pos` (widget coordinates of `plot`): -1 when none is. */
    int pointAt(const QCustomPlot *plot, const QPointF &pos) const;
    /** Where point `point` is drawn in `plot` (widget coordinates); for tests. */
    QPointF pointPosition(const QCustomPlot *plot, int point) const;

    /** A parameter's value as the axes and headers show it: "400", "0.25", "true", "lru". */
    static QString valueText(const QJsonValue &value);
    /** "mean latency (ms)", "error rate (%)": a figure's axis label. */
    static QString figureAxisLabel(int figure);
    /** A figure's value in the unit its axis shows (error rates in percent). */
    static double displayValue(int figure, double value);
    /** "12.3 ms", "0.52 %", "$1.23": a figure's value with its unit. */
    static QString figureText(int figure, double value);

signals:
    void pointActivated(int point);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Point
    {
        int gridIndex = 0;
        double x = 0;                         ///< the line charts' key
        std::vector<Model::Estimate> figures; ///< one per compareFigures()
    };

    void buildLines();
    void buildHeatMap();
    void clearPlots();

    QLabel *m_placeholder = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_linesPage = nullptr;
    QGridLayout *m_linesGrid = nullptr;
    QWidget *m_heatPage = nullptr;
    QComboBox *m_heatFigure = nullptr;
    QCustomPlot *m_heatPlot = nullptr;
    QCPColorMap *m_heatMap = nullptr;
    QList<QCustomPlot *> m_linePlots;

    Mode m_mode = Mode::Empty;
    std::vector<Model::SweepParameter> m_parameters;
    QList<int> m_figures;
    std::vector<Point> m_points;
    bool m_numericX = true;
};

} // namespace Ui
