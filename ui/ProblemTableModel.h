// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QAbstractTableModel>

namespace Ui {

/**
 * The Problems panel: one row per Model::Problem (severity, JSON path, line, message).
 * setProblems() resets the model. RawValueRole gives the line as an int (0 when unknown).
 */
class ProblemTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Severity, Path, Line, Message, ColumnCount };

    explicit ProblemTableModel(QObject *parent = nullptr);

    void setProblems(const Model::Problems &problems);
    const Model::Problems &problems() const { return m_problems; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Model::Problems m_problems;
};

} // namespace Ui
