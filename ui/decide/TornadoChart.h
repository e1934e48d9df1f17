// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decision.h"

#include <QStringList>
#include <QWidget>

class QCustomPlot;

namespace Ui {

/**
 * The sensitivity of a decision (Model::weightSensitivity, docs/decide.md) as a tornado
 * chart: one horizontal bar per weight, the most sensitive on top, reaching left to how far
 * its share must fall and right to how far it must rise (in percentage points) before another
 * alternative wins. A weight that no change within 0–100% flips has no bar and "(no flip)" in
 * its label.
 */
class TornadoChart final : public QWidget
{
    Q_OBJECT

public:
    explicit TornadoChart(QWidget *parent = nullptr);

    void setResult(const Model::DecisionResult &result);
    void clear();

    QCustomPlot *plot() const { return m_plot; }
    /** The rows as drawn, top first: the criterion's label (with "(no flip)" when none). */
    QStringList rowLabels() const { return m_labels; }
    /** The bar of row `row` (top first): its left and right ends in pp (0 when none). */
    std::pair<double, double> bar(int row) const;

private:
    QCustomPlot *m_plot;
    QStringList m_labels;
    std::vector<std::pair<double, double>> m_bars;
};

} // namespace Ui
