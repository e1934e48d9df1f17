// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QAbstractTableModel>

#include <vector>

namespace Ui {

/**
 * The "Components" results table: one row per component in the order of
 * Sim::RunResult::components. Same roles as RequestTableModel: DisplayRole is formatted,
 * RawValueRole the plain number (id, kind and details as text), ToolTipRole the 95%
 * confidence interval of the utilization with several replications. Details holds what only
 * some kinds have: cache hit ratio, queue backlog, changing replica counts. The vertical
 * header names each row's component (for a view that freezes the names: ResultsPanel).
 * With a network, Details also lists the links the component sends on (bytes per second and
 * how busy each is).
 * setResult() and clear() reset the model.
 */
class ComponentTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Kind,
        Throughput,
        Utilization,
        MeanInSystem,
        MeanWaiting,
        Rejected,
        MeanLatency,
        P99Latency,
        Details,
        ColumnCount
    };

    explicit ComponentTableModel(QObject *parent = nullptr);

    void setResult(const Sim::RunResult &result);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Sim::ComponentResult> m_components;
    std::vector<Sim::LinkResult> m_links;
};

} // namespace Ui
