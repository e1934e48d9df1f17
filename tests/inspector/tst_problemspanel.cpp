// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProblemsPanel.h"

#include "Document.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>

Q_DECLARE_METATYPE(Model::Problem)

class tst_ProblemsPanel : public QObject
{
    Q_OBJECT

private slots:
    void listsAndFollowsTheDocument();
    void locationNamesTheComponent();
    void activationEmitsTheProblem();
};

namespace {

Model::Scenario shop()
{
    return TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
}

} // namespace

void tst_ProblemsPanel::listsAndFollowsTheDocument()
{
    Model::Document doc;
    doc.setScenario(shop());
    Ui::ProblemsPanel panel(&doc);
    QCOMPARE(panel.model()->rowCount(), int(doc.problems().size()));
    Model::SimulationSettings s = doc.scenario().simulation;
    s.warmupS = 1000;
    doc.setSimulation(s);
    QCOMPARE(panel.model()->rowCount(), int(doc.problems().size()));
    bool found = false;
    for (int r = 0; r < panel.model()->rowCount(); ++r) {
        if (panel.model()->problems().at(r).path == QStringLiteral("$.simulation.warmup_s")) {
            found = true;
            QCOMPARE(panel.model()
                         ->index(r, Ui::ProblemListModel::SeverityColumn)
                         .data()
                         .toString(),
                     QStringLiteral("error"));
            QVERIFY(panel.model()
                        ->index(r, Ui::ProblemListModel::MessageColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("warm-up")));
        }
    }
    QVERIFY(found);
}

void tst_ProblemsPanel::locationNamesTheComponent()
{
    const QStringList ids = {QStringLiteral("gw"), QStringLiteral("catalog")};
    QCOMPARE(Ui::ProblemListModel::location(QStringLiteral("$.components[1].concurrency.threads"),
                                            ids),
             QStringLiteral("catalog › concurrency.threads"));
    QCOMPARE(Ui::ProblemListModel::location(QStringLiteral("$.components[0]"), ids),
             QStringLiteral("gw"));
    QCOMPARE(Ui::ProblemListModel::location(QStringLiteral("$.workload.entry"), ids),
             QStringLiteral("workload › entry"));
}

void tst_ProblemsPanel::activationEmitsTheProblem()
{
    Model::Document doc;
    Model::Scenario scenario = shop();
    scenario.simulation.bucketS = 0;
    doc.setScenario(scenario);
    Ui::ProblemsPanel panel(&doc);
    QSignalSpy spy(&panel, &Ui::ProblemsPanel::problemActivated);
    int row = -1;
    for (int r = 0; r < panel.model()->rowCount(); ++r) {
        if (panel.model()->problems().at(r).path == QStringLiteral("$.simulation.bucket_s"))
            row = r;
    }
    QVERIFY(row >= 0);
    emit panel.view()->activated(panel.model()->index(row, 0));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).value<Model::Problem>().path,
             QStringLiteral("$.simulation.bucket_s"));
}

QTEST_MAIN(tst_ProblemsPanel)
#include "tst_problemspanel.moc"
