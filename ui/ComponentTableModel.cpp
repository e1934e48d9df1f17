// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentTableModel.h"

#include "Formatting.h"
#include "KindTraits.h"

#include <cmath>

#include <QStringList>

namespace Ui {

namespace {

double rawValue(const Sim::ComponentResult &c, int column)
{
    switch (column) {
    case ComponentTableModel::Throughput:
        return c.throughputPerS;
    case ComponentTableModel::Utilization:
        return c.utilization;
    case ComponentTableModel::MeanInSystem:
        return c.meanInSystem;
    case ComponentTableModel::MeanWaiting:
        return c.meanWaiting;
    case ComponentTableModel::Rejected:
        return c.rejected;
    case ComponentTableModel::MeanLatency:
        return c.latencyMs.mean;
    case ComponentTableModel::P99Latency:
        return c.latencyMs.p99;
    default:
        return 0;
    }
}

QString details(const Sim::ComponentResult &c, const std::vector<Sim::LinkResult> &links)
{
    QStringList parts;
    // the network links it sends on: requests of its calls, responses to its callers
    for (const Sim::LinkResult &l : links) {
        if (l.from != c.id)
            continue;
        // a no-break space between a figure and its unit, as for the queues' below
        QString part
            = ComponentTableModel::tr("to %1 %2")
                  .arg(QString::fromStdString(l.to),
                       formatByteRate(l.bytesPerS).replace(QLatin1Char(' '), QChar(0x00a0)));
        if (l.bandwidthMbps > 0)
            part += ComponentTableModel::tr(" (link %1% busy)").arg(formatPercent(l.utilization));
        parts << part;
    }
    switch (c.kind) {
    case Sim::ComponentKind::Cache:
        parts << ComponentTableModel::tr("hit ratio %1%").arg(formatPercent(c.hitRatio))
              << ComponentTableModel::tr("%1 evictions").arg(formatCount(c.evictions));
        if (c.stampedeMisses > 0)
            parts << ComponentTableModel::tr("%1 stampede misses")
                         .arg(formatCount(c.stampedeMisses));
        break;
    case Sim::ComponentKind::Queue:
        // a no-break space between a figure and its unit: the report's list under the
        // component table wraps these lines, and "0.8" must not end a line without its "s"
        parts << ComponentTableModel::tr("backlog mean %1, max %2")
                     .arg(formatDecimal(c.backlogMean), formatCount(c.backlogMax))
              << ComponentTableModel::tr("message age p99 %1\u00a0ms")
                     .arg(formatMilliseconds(c.messageAgeMs.p99));
        if (c.drainS > 0)
            parts << ComponentTableModel::tr("longest drain %1\u00a0s")
                         .arg(formatPlain(std::round(c.drainS * 10) / 10));
        if (c.drainingAtEnd)
            parts << ComponentTableModel::tr("still draining at the end (%1\u00a0s since its peak)")
                         .arg(formatPlain(std::round(c.drainSincePeakS * 10) / 10));
        if (c.dropped > 0)
            parts << ComponentTableModel::tr("%1 dropped").arg(formatCount(c.dropped));
        break;
    default:
        break;
    }
    if (c.replicasMax > c.replicasMin) {
        parts << ComponentTableModel::tr("replicas %1–%2 (mean %3)")
                     .arg(formatCount(c.replicasMin),
                          formatCount(c.replicasMax),
                          formatDecimal(c.replicasMean));
    }
    return parts.join(QStringLiteral(", "));
}

QString text(const Sim::ComponentResult &c, int column, const std::vector<Sim::LinkResult> &links)
{
    switch (column) {
    case ComponentTableModel::Id:
        return QString::fromStdString(c.id);
    case ComponentTableModel::Kind:
        return QString::fromLatin1(Sim::componentKindName(c.kind));
    case ComponentTableModel::Details:
        return details(c, links);
    default:
        return {};
    }
}

QString formatted(const Sim::ComponentResult &c, int column)
{
    const double value = rawValue(c, column);
    switch (column) {
    case ComponentTableModel::Utilization:
        return formatPercent(value);
    case ComponentTableModel::Rejected:
        return formatCount(value);
    case ComponentTableModel::MeanLatency:
    case ComponentTableModel::P99Latency:
        return formatMilliseconds(value);
    default:
        return formatDecimal(value);
    }
}

bool isText(int column)
{
    return column == ComponentTableModel::Id || column == ComponentTableModel::Kind
           || column == ComponentTableModel::Details;
}

} // namespace

ComponentTableModel::ComponentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ComponentTableModel::setResult(const Sim::RunResult &result)
{
    beginResetModel();
    m_components = result.components;
    m_links = result.links;
    endResetModel();
}

void ComponentTableModel::clear()
{
    beginResetModel();
    m_components.clear();
    m_links.clear();
    endResetModel();
}

int ComponentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_components.size());
}

int ComponentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComponentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Sim::ComponentResult &c = m_components[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == Utilization && !Sim::kindTraits(c.kind).hasUtilization)
            return QString(); // a load balancer, gateway, external API or queue has no busy fraction
        return isText(column) ? text(c, column, m_links) : formatted(c, column);
    case RawValueRole:
        return isText(column) ? QVariant(text(c, column, m_links)) : QVariant(rawValue(c, column));
    case Qt::TextAlignmentRole:
        return alignment(isText(column));
    case Qt::ToolTipRole:
        if (column == Details) {
            const QString full = details(c, m_links);
            return full.isEmpty() ? QVariant() : QVariant(full);
        }
        if (column == Rejected && !c.failures.empty()) {
            // why visits failed here: rejected, timeout, crash, outage, ...
            QStringList reasons;
            for (const auto &[reason, count] : c.failures)
                reasons << QStringLiteral("%1: %2").arg(QString::fromStdString(reason),
                                                        formatCount(count));
            return tr("Failed visits:\n") + reasons.join(QLatin1Char('\n'));
        }
        if (column == Utilization && c.ciUtilization) {
            const Sim::Interval percent = std::make_pair(c.ciUtilization->first * 100,
                                                         c.ciUtilization->second * 100);
            return formatInterval(percent, formatDecimal, QStringLiteral("%"));
        }
        return {};
    default:
        return {};
    }
}

QVariant ComponentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && section >= 0
        && section < static_cast<int>(m_components.size())) {
        // The component's name as the row's header: a view that shows it keeps the names
        // in sight while its columns scroll sideways (the results table does).
        const Sim::ComponentResult &c = m_components.at(static_cast<size_t>(section));
        if (role == Qt::DisplayRole)
            return QString::fromStdString(c.id);
        if (role == Qt::ToolTipRole)
            return data(index(section, Kind), Qt::DisplayRole).toString().isEmpty()
                       ? QVariant(QString::fromStdString(c.id))
                       : QVariant(tr("%1 (%2)").arg(QString::fromStdString(c.id),
                                                    data(index(section, Kind)).toString()));
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    // Two-line titles keep the number columns as narrow as their numbers, leaving room for
    // the details.
    static const char *const titles[ColumnCount] = {QT_TR_NOOP("Component"),
                                                    QT_TR_NOOP("Kind"),
                                                    QT_TR_NOOP("Throughput\nper s"),
                                                    QT_TR_NOOP("Utilization\n%"),
                                                    QT_TR_NOOP("Mean in\nsystem"),
                                                    QT_TR_NOOP("Mean\nwaiting"),
                                                    QT_TR_NOOP("Rejected"),
                                                    QT_TR_NOOP("Mean\nms"),
                                                    QT_TR_NOOP("p99\nms"),
                                                    QT_TR_NOOP("Details")};
    switch (role) {
    case Qt::DisplayRole:
        return tr(titles[section]);
    case Qt::TextAlignmentRole:
        return alignment(isText(section));
    case Qt::ToolTipRole:
        switch (section) {
        case Throughput:
            return tr("Visits that ended (completed or failed) per simulated second");
        case Utilization:
            return tr("Service: busy core-seconds / (cores × replicas × measured time); "
                      "database: busy connections / max_connections");
        case MeanInSystem:
            return tr("Time-average number of requests at the component "
                      "(waiting and in service)");
        case MeanWaiting:
            return tr("Time-average number of requests not started yet (accept "
                      "queue, event-loop queue, database or cache server queue)");
        case Rejected:
            return tr("Requests turned away because a queue was full");
        case MeanLatency:
        case P99Latency:
            return tr("From arrival at the component to its response, failed "
                      "visits included, in milliseconds");
        case Details:
            return tr("Figures only some kinds have: cache hit ratio, queue backlog, "
                      "replica counts that changed, and with a network the bytes per second "
                      "it sends on each link and how busy the link is");
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace Ui
