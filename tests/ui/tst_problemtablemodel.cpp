// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"
#include "ProblemTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Ui::ProblemTableModel;

namespace {

Model::Problems twoProblems()
{
    Model::Problem error;
    error.path = QStringLiteral("$.workload.arrivals.rate_per_s");
    error.message = QStringLiteral("must be greater than 0");
    error.line = 7;
    Model::Problem warning;
    warning.severity = Model::Problem::Severity::Warning;
    warning.path = QStringLiteral("$.colour");
    warning.message = QStringLiteral("unknown field");
    return {error, warning};
}

} // namespace

class tst_ProblemTableModel : public QObject
{
    Q_OBJECT

private slots:
    void showsSeverityPathLineAndMessage();
    void passesTheModelTester();
};

void tst_ProblemTableModel::showsSeverityPathLineAndMessage()
{
    ProblemTableModel model;
    model.setProblems(twoProblems());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ProblemTableModel::Severity).data().toString(), QStringLiteral("Error"));
    QCOMPARE(model.index(0, ProblemTableModel::Path).data().toString(),
             QStringLiteral("$.workload.arrivals.rate_per_s"));
    QCOMPARE(model.index(0, ProblemTableModel::Line).data().toString(), QStringLiteral("7"));
    QCOMPARE(model.index(0, ProblemTableModel::Line).data(Ui::RawValueRole).toInt(), 7);
    QCOMPARE(model.index(0, ProblemTableModel::Message).data().toString(),
             QStringLiteral("must be greater than 0"));
    QCOMPARE(model.index(1, ProblemTableModel::Severity).data().toString(), QStringLiteral("Warning"));
    // An unknown line is left blank rather than shown as 0.
    QCOMPARE(model.index(1, ProblemTableModel::Line).data().toString(), QString());
    QCOMPARE(model.problems(), twoProblems());
}

void tst_ProblemTableModel::passesTheModelTester()
{
    ProblemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProblems(twoProblems());
    model.setProblems({});
}

QTEST_MAIN(tst_ProblemTableModel)
#include "tst_problemtablemodel.moc"
