// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QAbstractTableModel>

#include <vector>

namespace Ui {

/**
 * The "Requests" results table: one row per request type, "_all" first, in the order of
 * Sim::RunResult::requests. DisplayRole is formatted text, RawValueRole the plain number
 * (the request name for column Name), ToolTipRole the 95% confidence interval when the run
 * had several replications. setResult() and clear() reset the model.
 */
class RequestTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Arrived,
        Completed,
        Failed,
        InFlight,
        Throughput,
        Mean,
        P50,
        P90,
        P95,
        P99,
        P999,
        Max,
        ColumnCount
    };

    explicit RequestTableModel(QObject *parent = nullptr);

    void setResult(const Sim::RunResult &result);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Sim::RequestResult> m_requests;
};

} // namespace Ui
