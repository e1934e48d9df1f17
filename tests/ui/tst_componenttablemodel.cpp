// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentTableModel.h"
#include "Formatting.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using Ui::ComponentTableModel;

namespace {

Sim::RunResult twoComponents()
{
    Sim::RunResult result;
    Sim::ComponentResult edge;
    edge.id = "edge";
    edge.kind = Sim::ComponentKind::LoadBalancer;
    edge.throughputPerS = 800;
    edge.latencyMs = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2};
    Sim::ComponentResult api;
    api.id = "api";
    api.kind = Sim::ComponentKind::Service;
    api.throughputPerS = 799.25;
    api.utilization = 0.8123;
    api.meanInSystem = 4.02;
    api.meanWaiting = 3.21;
    api.rejected = 2;
    api.latencyMs = {5.03, 3.5, 9, 11, 23.1, 40, 80};
    api.ciUtilization = std::make_pair(0.80, 0.82);
    api.replicasMin = 2;
    api.replicasMax = 5;
    api.replicasMean = 3.25;
    Sim::ComponentResult cache;
    cache.id = "catalog_cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.hitRatio = 0.873;
    cache.evictions = 1200;
    Sim::ComponentResult queue;
    queue.id = "order_events";
    queue.kind = Sim::ComponentKind::Queue;
    queue.backlogMean = 3.5;
    queue.backlogMax = 40;
    queue.messageAgeMs.p99 = 12.5;
    queue.drainS = 7.25;
    result.components = {edge, api, cache, queue};
    return result;
}

} // namespace

class tst_ComponentTableModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheResult();
    void valuesAndFormatting();
    void utilizationToolTipShowsTheInterval();
    void detailsSayWhatOnlySomeKindsHave();
    void detailsListTheNetworkLinks();
    void passesTheModelTester();
    void rowHeadersNameTheComponentsAfterSorting();
};

void tst_ComponentTableModel::rowsFollowTheResult()
{
    ComponentTableModel model;
    model.setResult(twoComponents());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(ComponentTableModel::ColumnCount));
    QCOMPARE(model.index(0, ComponentTableModel::Id).data().toString(), QStringLiteral("edge"));
    QCOMPARE(model.index(0, ComponentTableModel::Kind).data().toString(),
             QString::fromLatin1(Sim::componentKindName(Sim::ComponentKind::LoadBalancer)));
    QCOMPARE(model.index(1, ComponentTableModel::Id).data().toString(), QStringLiteral("api"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_ComponentTableModel::valuesAndFormatting()
{
    ComponentTableModel model;
    model.setResult(twoComponents());
    const QModelIndex utilization = model.index(1, ComponentTableModel::Utilization);
    QCOMPARE(utilization.data(Ui::RawValueRole).toDouble(), 0.8123);
    QCOMPARE(utilization.data().toString(), Ui::formatPercent(0.8123));
    QCOMPARE(model.index(1, ComponentTableModel::MeanInSystem).data(Ui::RawValueRole).toDouble(),
             4.02);
    QCOMPARE(model.index(1, ComponentTableModel::MeanWaiting).data(Ui::RawValueRole).toDouble(),
             3.21);
    QCOMPARE(model.index(1, ComponentTableModel::Rejected).data().toString(), Ui::formatCount(2));
    QCOMPARE(model.index(1, ComponentTableModel::P99Latency).data(Ui::RawValueRole).toDouble(),
             23.1);
    QCOMPARE(model.index(1, ComponentTableModel::MeanLatency).data().toString(),
             Ui::formatMilliseconds(5.03));
    QVERIFY(model.index(1, ComponentTableModel::Throughput).data(Qt::TextAlignmentRole).toInt()
            & Qt::AlignRight);
    QVERIFY(model.index(1, ComponentTableModel::Id).data(Qt::TextAlignmentRole).toInt()
            & Qt::AlignLeft);
}

void tst_ComponentTableModel::utilizationToolTipShowsTheInterval()
{
    ComponentTableModel model;
    model.setResult(twoComponents());
    const QString tip
        = model.index(1, ComponentTableModel::Utilization).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("95% CI")) && tip.contains(Ui::formatDecimal(80)),
             qPrintable(tip));
    QVERIFY(!model.index(0, ComponentTableModel::Utilization).data(Qt::ToolTipRole).isValid());
}

void tst_ComponentTableModel::detailsSayWhatOnlySomeKindsHave()
{
    ComponentTableModel model;
    model.setResult(twoComponents());
    const auto details = [&model](int row) {
        return model.index(row, ComponentTableModel::Details).data().toString();
    };
    QCOMPARE(details(0), QString());
    QVERIFY2(details(1).contains(QStringLiteral("replicas 2–5")), qPrintable(details(1)));
    QVERIFY2(details(2).contains(QStringLiteral("hit ratio %1%").arg(Ui::formatPercent(0.873))),
             qPrintable(details(2)));
    QVERIFY2(details(3).contains(QStringLiteral("backlog mean"))
                 && details(3).contains(QStringLiteral("40")),
             qPrintable(details(3)));
    QVERIFY2(details(3).contains(QStringLiteral("longest drain 7.3\u00a0s")),
             qPrintable(details(3)));
    QVERIFY2(!details(3).contains(QStringLiteral("still draining")), qPrintable(details(3)));
    Sim::RunResult draining = twoComponents();
    draining.components[3].drainingAtEnd = true;
    draining.components[3].drainSincePeakS = 12;
    model.setResult(draining);
    QVERIFY2(details(3).contains(
                 QStringLiteral("still draining at the end (12\u00a0s since its peak)")),
             qPrintable(details(3)));
    model.setResult(twoComponents());
    QCOMPARE(model.index(2, ComponentTableModel::Details).data(Ui::RawValueRole).toString(),
             details(2));
}

void tst_ComponentTableModel::detailsListTheNetworkLinks()
{
    // with a network, each component lists the links it sends on: bytes/s and how busy
    Sim::RunResult result = twoComponents();
    Sim::LinkResult out;
    out.from = "api";
    out.to = "edge";
    out.bandwidthMbps = 100;
    out.bytesPerS = 3.785e6;
    out.utilization = 0.303;
    Sim::LinkResult unlimited;
    unlimited.from = "edge";
    unlimited.to = "api";
    unlimited.bytesPerS = 950;
    result.links = {out, unlimited};
    ComponentTableModel model;
    model.setResult(result);
    const QString api = model.index(1, ComponentTableModel::Details).data().toString();
    QVERIFY2(api.contains(QStringLiteral("to edge 3.79\u00a0MB/s (link %1% busy)")
                              .arg(Ui::formatPercent(0.303))),
             qPrintable(api));
    QVERIFY2(api.contains(QStringLiteral("replicas 2–5")), qPrintable(api));
    const QString edge = model.index(0, ComponentTableModel::Details).data().toString();
    QCOMPARE(edge, QStringLiteral("to api 950\u00a0B/s"));
    model.setResult(twoComponents());
    QCOMPARE(model.index(0, ComponentTableModel::Details).data().toString(), QString());
}

void tst_ComponentTableModel::passesTheModelTester()
{
    ComponentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(twoComponents());
    model.clear();
}

void tst_ComponentTableModel::rowHeadersNameTheComponentsAfterSorting()
{
    ComponentTableModel model;
    model.setResult(twoComponents());
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("edge"));
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("api"));
    QVERIFY(model.headerData(1, Qt::Vertical, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("api")));
    // Through a sorting proxy (as the results panel shows it) the names follow their rows.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Ui::RawValueRole);
    proxy.sort(ComponentTableModel::Id, Qt::DescendingOrder);
    for (int row = 0; row < proxy.rowCount(); ++row)
        QCOMPARE(proxy.headerData(row, Qt::Vertical).toString(),
                 proxy.index(row, ComponentTableModel::Id).data().toString());
    QVERIFY(proxy.headerData(0, Qt::Vertical).toString() != QStringLiteral("edge"));
}

QTEST_GUILESS_MAIN(tst_ComponentTableModel)
#include "tst_componenttablemodel.moc"
