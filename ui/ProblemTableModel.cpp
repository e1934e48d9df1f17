// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProblemTableModel.h"

#include "Formatting.h"

#include <QApplication>
#include <QStyle>

namespace Ui {

ProblemTableModel::ProblemTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProblemTableModel::setProblems(const Model::Problems &problems)
{
    beginResetModel();
    m_problems = problems;
    endResetModel();
}

int ProblemTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problems.size());
}

int ProblemTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Model::Problem &p = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: return p.isError() ? tr("Error") : tr("Warning");
        case Path: return p.path;
        case Line: return p.line > 0 ? QString::number(p.line) : QString();
        case Message: return p.message;
        default: return {};
        }
    case RawValueRole:
        return index.column() == Line ? QVariant(p.line) : data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        if (index.column() == Severity) {
            return QApplication::style()->standardIcon(p.isError() ? QStyle::SP_MessageBoxCritical
                                                                   : QStyle::SP_MessageBoxWarning);
        }
        return {};
    case Qt::TextAlignmentRole:
        return alignment(index.column() != Line);
    case Qt::ToolTipRole:
        return p.toString();
    default:
        return {};
    }
}

QVariant ProblemTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity: return tr("Severity");
    case Path: return tr("JSON path");
    case Line: return tr("Line");
    case Message: return tr("Message");
    default: return {};
    }
}

} // namespace Ui
