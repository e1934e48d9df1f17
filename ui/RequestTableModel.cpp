// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestTableModel.h"

#include "Formatting.h"

#include <QStringList>

namespace Ui {

namespace {

double rawValue(const Sim::RequestResult &r, int column)
{
    switch (column) {
    case RequestTableModel::Arrived:
        return r.arrived;
    case RequestTableModel::Completed:
        return r.completed;
    case RequestTableModel::Failed:
        return r.failed;
    case RequestTableModel::InFlight:
        return r.inFlightAtEnd;
    case RequestTableModel::Throughput:
        return r.throughputPerS;
    case RequestTableModel::Mean:
        return r.latencyMs.mean;
    case RequestTableModel::P50:
        return r.latencyMs.p50;
    case RequestTableModel::P90:
        return r.latencyMs.p90;
    case RequestTableModel::P95:
        return r.latencyMs.p95;
    case RequestTableModel::P99:
        return r.latencyMs.p99;
    case RequestTableModel::P999:
        return r.latencyMs.p999;
    case RequestTableModel::Max:
        return r.latencyMs.max;
    default:
        return 0;
    }
}

QString formatted(const Sim::RequestResult &r, int column)
{
    const double value = rawValue(r, column);
    switch (column) {
    case RequestTableModel::Arrived:
    case RequestTableModel::Completed:
    case RequestTableModel::Failed:
    case RequestTableModel::InFlight:
        return formatCount(value);
    case RequestTableModel::Throughput:
        return formatDecimal(value);
    default:
        return formatMilliseconds(value);
    }
}

QString toolTip(const Sim::RequestResult &r, int column)
{
    switch (column) {
    case RequestTableModel::Mean:
        return formatInterval(r.ciMean, formatMilliseconds, QStringLiteral("ms"));
    case RequestTableModel::P99:
        return formatInterval(r.ciP99, formatMilliseconds, QStringLiteral("ms"));
    case RequestTableModel::Throughput:
        return formatInterval(r.ciThroughput, formatDecimal, QStringLiteral("/s"));
    case RequestTableModel::Failed: {
        QStringList reasons;
        for (const auto &[reason, count] : r.failures)
            reasons << QStringLiteral("%1: %2").arg(QString::fromStdString(reason),
                                                    formatCount(count));
        return reasons.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

} // namespace

RequestTableModel::RequestTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RequestTableModel::setResult(const Sim::RunResult &result)
{
    beginResetModel();
    m_requests = result.requests;
    endResetModel();
}

void RequestTableModel::clear()
{
    beginResetModel();
    m_requests.clear();
    endResetModel();
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_requests.size());
}

int RequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Sim::RequestResult &r = m_requests[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == Name ? QString::fromStdString(r.name) : formatted(r, column);
    case RawValueRole:
        return column == Name ? QVariant(QString::fromStdString(r.name))
                              : QVariant(rawValue(r, column));
    case Qt::TextAlignmentRole:
        return alignment(column == Name);
    case Qt::ToolTipRole: {
        const QString tip = toolTip(r, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    default:
        return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {QT_TR_NOOP("Request"),
                                                    QT_TR_NOOP("Arrived"),
                                                    QT_TR_NOOP("Completed"),
                                                    QT_TR_NOOP("Failed"),
                                                    QT_TR_NOOP("In flight"),
                                                    QT_TR_NOOP("Throughput/s"),
                                                    QT_TR_NOOP("Mean ms"),
                                                    QT_TR_NOOP("p50 ms"),
                                                    QT_TR_NOOP("p90 ms"),
                                                    QT_TR_NOOP("p95 ms"),
                                                    QT_TR_NOOP("p99 ms"),
                                                    QT_TR_NOOP("p99.9 ms"),
                                                    QT_TR_NOOP("Max ms")};
    switch (role) {
    case Qt::DisplayRole:
        return tr(titles[section]);
    case Qt::TextAlignmentRole:
        return alignment(section == Name);
    case Qt::ToolTipRole:
        switch (section) {
        case Name:
            return tr("Request type; _all is every request together");
        case Arrived:
            return tr("Requests that arrived after the warm-up");
        case Completed:
            return tr("Requests that arrived after the warm-up and were answered successfully");
        case Failed:
            return tr("Requests that failed (rejected, timed out, dependency error)");
        case InFlight:
            return tr("Requests that arrived after the warm-up and were still in flight when "
                      "the run ended: arrived = completed + failed + in flight");
        case Throughput:
            return tr("Completed requests per simulated second");
        default:
            return tr("Latency from arrival at the entry to the response, completed "
                      "requests only, in milliseconds");
        }
    default:
        return {};
    }
}

} // namespace Ui
