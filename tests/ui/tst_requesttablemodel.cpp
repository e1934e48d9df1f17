// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"
#include "RequestTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Ui::RequestTableModel;

namespace {

Sim::RunResult twoRequestTypes()
{
    Sim::RunResult result;
    Sim::RequestResult all;
    all.name = "_all";
    all.arrived = 12003;
    all.completed = 11990;
    all.failed = 10;
    all.inFlightAtEnd = 3;
    all.throughputPerS = 599.5;
    all.latencyMs = {5.0123, 3.2, 10.5, 14.25, 23.456, 48.9, 120.75};
    all.failures = {{"timeout", 7}, {"rejected", 3}};
    all.ciMean = std::make_pair(4.9, 5.1);
    Sim::RequestResult browse;
    browse.name = "browse";
    browse.arrived = 9000;
    browse.completed = 9000;
    browse.latencyMs = {0.5, 0.4, 0.9, 1, 2, 3, 4};
    result.requests = {all, browse};
    return result;
}

} // namespace

class tst_RequestTableModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheResultAllFirst();
    void rawValuesAreTheEngineNumbers();
    void numbersAreFormattedAndRightAligned();
    void toolTipsShowIntervalsAndFailureReasons();
    void clearEmptiesTheModel();
    void passesTheModelTester();
};

void tst_RequestTableModel::rowsFollowTheResultAllFirst()
{
    RequestTableModel model;
    QCOMPARE(model.rowCount(), 0);
    model.setResult(twoRequestTypes());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(RequestTableModel::ColumnCount));
    QCOMPARE(model.index(0, RequestTableModel::Name).data().toString(), QStringLiteral("_all"));
    QCOMPARE(model.index(1, RequestTableModel::Name).data().toString(), QStringLiteral("browse"));
    QCOMPARE(model.headerData(RequestTableModel::P999, Qt::Horizontal).toString(),
             QStringLiteral("p99.9 ms"));
}

void tst_RequestTableModel::rawValuesAreTheEngineNumbers()
{
    RequestTableModel model;
    const Sim::RunResult result = twoRequestTypes();
    model.setResult(result);
    const auto raw = [&model](int column) {
        return model.index(0, column).data(Ui::RawValueRole).toDouble();
    };
    const Sim::RequestResult &all = result.requests.front();
    QCOMPARE(raw(RequestTableModel::Arrived), all.arrived);
    QCOMPARE(raw(RequestTableModel::Completed), all.completed);
    QCOMPARE(raw(RequestTableModel::Failed), all.failed);
    QCOMPARE(raw(RequestTableModel::InFlight), all.inFlightAtEnd);
    QCOMPARE(raw(RequestTableModel::Throughput), all.throughputPerS);
    QCOMPARE(raw(RequestTableModel::Mean), all.latencyMs.mean);
    QCOMPARE(raw(RequestTableModel::P50), all.latencyMs.p50);
    QCOMPARE(raw(RequestTableModel::P90), all.latencyMs.p90);
    QCOMPARE(raw(RequestTableModel::P95), all.latencyMs.p95);
    QCOMPARE(raw(RequestTableModel::P99), all.latencyMs.p99);
    QCOMPARE(raw(RequestTableModel::P999), all.latencyMs.p999);
    QCOMPARE(raw(RequestTableModel::Max), all.latencyMs.max);
}

void tst_RequestTableModel::numbersAreFormattedAndRightAligned()
{
    RequestTableModel model;
    model.setResult(twoRequestTypes());
    const auto text = [&model](int row, int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(text(0, RequestTableModel::Arrived), Ui::formatCount(12003));
    QCOMPARE(text(0, RequestTableModel::InFlight), Ui::formatCount(3));
    QCOMPARE(text(0, RequestTableModel::Mean), Ui::formatMilliseconds(5.0123));
    QCOMPARE(text(0, RequestTableModel::Throughput), Ui::formatDecimal(599.5));
    const int right = model.index(0, RequestTableModel::Mean).data(Qt::TextAlignmentRole).toInt();
    QVERIFY(right & Qt::AlignRight);
    const int left = model.index(0, RequestTableModel::Name).data(Qt::TextAlignmentRole).toInt();
    QVERIFY(left & Qt::AlignLeft);
}

void tst_RequestTableModel::toolTipsShowIntervalsAndFailureReasons()
{
    RequestTableModel model;
    model.setResult(twoRequestTypes());
    const QString mean = model.index(0, RequestTableModel::Mean).data(Qt::ToolTipRole).toString();
    QVERIFY2(mean.contains(QStringLiteral("95% CI")), qPrintable(mean));
    QVERIFY(mean.contains(Ui::formatMilliseconds(4.9)));
    const QString failed
        = model.index(0, RequestTableModel::Failed).data(Qt::ToolTipRole).toString();
    QVERIFY(failed.contains(QStringLiteral("timeout: 7")));
    QVERIFY(failed.contains(QStringLiteral("rejected: 3")));
    // No interval with one replication: no tooltip.
    QVERIFY(!model.index(1, RequestTableModel::Mean).data(Qt::ToolTipRole).isValid());
}

void tst_RequestTableModel::clearEmptiesTheModel()
{
    RequestTableModel model;
    model.setResult(twoRequestTypes());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_RequestTableModel::passesTheModelTester()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(twoRequestTypes());
    model.clear();
    model.setResult(twoRequestTypes());
}

QTEST_GUILESS_MAIN(tst_RequestTableModel)
#include "tst_requesttablemodel.moc"
