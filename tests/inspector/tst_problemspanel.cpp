// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProblemsPanel.h"

#include "Document.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QAction>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

Q_DECLARE_METATYPE(Model::Problem)
Q_DECLARE_METATYPE(Model::LintFinding)

class tst_ProblemsPanel : public QObject
{
    Q_OBJECT

private slots:
    void listsAndFollowsTheDocument();
    void locationNamesTheComponent();
    void activationEmitsTheProblem();
    void lintFindingsFollowTheProblems();
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

void tst_ProblemsPanel::lintFindingsFollowTheProblems()
{
    Model::Document doc;
    doc.setScenario(shop());
    Ui::ProblemsPanel panel(&doc);
    const int problems = panel.model()->rowCount();
    // the example's findings (docs/lint.md): two retries without back-off, an unbounded queue
    Model::LintSettings settings;
    settings.silenced.append({QStringLiteral("s"),
                              QStringLiteral("unbounded-queue"),
                              QStringLiteral("order_events"),
                              QStringLiteral("Bounded by the broker's policy.")});
    const Model::LintReport report = Model::lintInProject(doc.scenario(),
                                                          QStringLiteral("s"),
                                                          settings);
    QCOMPARE(report.findings.size(), std::size_t(2));
    panel.setLint(report);
    QCOMPARE(panel.model()->rowCount(), problems + 2);
    QVERIFY(!panel.model()->findingAt(problems - 1));
    const Model::LintFinding *first = panel.model()->findingAt(problems);
    QVERIFY(first);
    QCOMPARE(first->rule, QStringLiteral("retry-without-backoff"));
    QCOMPARE(panel.model()->index(problems, Ui::ProblemListModel::SeverityColumn).data().toString(),
             QStringLiteral("lint warning"));
    QCOMPARE(panel.model()->index(problems, Ui::ProblemListModel::LocationColumn).data().toString(),
             QStringLiteral("cart"));
    QVERIFY(panel.model()
                ->index(problems, Ui::ProblemListModel::MessageColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("retry-without-backoff: ")));
    QVERIFY(panel.model()
                ->index(problems, Ui::ProblemListModel::MessageColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Fix: ")));
    QVERIFY2(panel.summaryText().contains(QStringLiteral("2 lint finding(s) (1 silenced)")),
             qPrintable(panel.summaryText()));

    // activating a finding names its component, as the main window selects it
    QSignalSpy activated(&panel, &Ui::ProblemsPanel::problemActivated);
    emit panel.view()->activated(panel.model()->index(problems, 0));
    QCOMPARE(activated.count(), 1);
    int cart = -1;
    for (int i = 0; i < doc.scenario().components.size(); ++i) {
        if (doc.scenario().components.at(i).id == QStringLiteral("cart"))
            cart = i;
    }
    QCOMPARE(activated.first().at(0).value<Model::Problem>().path,
             QStringLiteral("$.components[%1]").arg(cart));

    // Ctrl+Shift+I on a finding's row asks to silence it; on a problem's row nothing
    QSignalSpy silence(&panel, &Ui::ProblemsPanel::silenceRequested);
    auto *action = panel.findChild<QAction *>(QStringLiteral("silenceFindingAction"));
    QVERIFY(action);
    panel.view()->setCurrentIndex(panel.model()->index(problems + 1, 0));
    action->trigger();
    QCOMPARE(silence.count(), 1);
    QCOMPARE(silence.first().at(0).value<Model::LintFinding>().component, QStringLiteral("orders"));
    if (problems > 0) {
        panel.view()->setCurrentIndex(panel.model()->index(0, 0));
        action->trigger();
        QCOMPARE(silence.count(), 1);
    }

    // an edit of the document keeps the findings it was given until they are set again
    Model::SimulationSettings settingsNow = doc.scenario().simulation;
    settingsNow.warmupS = 1000;
    doc.setSimulation(settingsNow);
    QCOMPARE(panel.model()->rowCount(), int(doc.problems().size()) + 2);
    panel.setLint({});
    QCOMPARE(panel.model()->rowCount(), int(doc.problems().size()));
}

QTEST_MAIN(tst_ProblemsPanel)
#include "tst_problemspanel.moc"
