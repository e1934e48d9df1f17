// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Capacity.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCustomPlot;

namespace Ui {

/** One scenario's capacity search as the capacity window shows it. */
struct CapacityOutcome
{
    QString name;
    std::optional<Model::CapacityResult> result; ///< none: it did not run (`problem` says why)
    QString problem;
};

/**
 * Latency (or errors) against load for the capacity searches of one to four scenarios:
 * for each scenario a curve of one SLO condition's figure (the mean over the replications)
 * at every arrival rate the search tried, sorted by rate, in the scenario's colour
 * (CompareView::alternativeColor); the condition's limit as a dashed horizontal line; and a
 * diamond where each curve breaks, at its highest passing rate (its max_rate_per_s), labelled
 * with that rate. Latencies are drawn on a log axis (past the capacity they grow by orders of
 * magnitude), error rates in percent on a linear one.
 */
class CapacityChart final : public QWidget
{
    Q_OBJECT

public:
    explicit CapacityChart(QWidget *parent = nullptr);

    /** Shows `outcomes` for condition `condition` of `slo`. */
    void setOutcomes(const QList<CapacityOutcome> &outcomes, const Model::Slo &slo, int condition);
    void clear();

    QCustomPlot *plot() const { return m_plot; }
    /** The curves: one per scenario that has points, named by the scenario. */
    QStringList curveNames() const;
    /** The points of curve `curve` as drawn: (rate, figure), sorted by rate. */
    QList<QPointF> curvePoints(int curve) const;
    /** The limit line's height in the axis's unit (ms or %); none without one. */
    std::optional<double> limitLine() const { return m_limit; }
    /** The break markers (rate, figure), one per scenario that has a max rate. */
    QList<QPointF> breakMarkers() const;

private:
    QCustomPlot *m_plot;
    QStringList m_names;
    std::optional<double> m_limit;
};

} // namespace Ui
