// SPDX-License-Identifier: GPL-3.0-or-later
// The Decision Matrix window, headless: the example decision's pre-filled matrix, weights and
// scores edited in the table with undo and redo, the questionnaire, new and removed decisions
// (undoable), the simulations on a worker thread filling the simulated criteria and the
// tornado chart, Export ADR, and the menu entry with its shortcut.
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "TestSupport.h"
#include "decide/DecisionWindow.h"
#include "decide/TornadoChart.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Model;
using Ui::DecisionWindow;

namespace {

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
        QTest::qWait(20);
    }
}

int rowOf(QTableWidget *table, const QString &criterion)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->data(Qt::UserRole).toString() == criterion)
            return r;
    }
    return -1;
}

} // namespace

class tst_DecisionWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ProjectDocument> m_project;
    DecisionWindow *m_decision = nullptr;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_decisionwindow"));
    }

    void init()
    {
        m_window = std::make_unique<QWidget>();
        m_project = std::make_unique<ProjectDocument>();
        QStringList problems;
        m_project->setProject(
            ProjectDocument::exampleProject(TestSupport::sourcePath(
                                                QStringLiteral("resources/examples")),
                                            &problems));
        QVERIFY(problems.isEmpty());
        m_decision = new DecisionWindow(m_project.get(), m_window.get());
    }

    void cleanup()
    {
        m_window.reset(); // the window and its job (waits for the worker)
        m_project.reset();
    }

    void showsTheExampleDecisionPrefilled()
    {
        QCOMPARE(m_decision->currentDecisionId(), m_project->decisions().front().id);
        QVERIFY2(m_decision->problem().isEmpty(), qPrintable(m_decision->problem()));
        QTableWidget *t = m_decision->matrix();
        QCOMPARE(t->rowCount(), int(decisionCriteria().size()));
        QCOMPARE(t->columnCount(), 5); // criterion, weight, share, two alternatives
        QCOMPARE(t->horizontalHeaderItem(3)->text(), QStringLiteral("Shop: monolith"));
        // the small team of the example: operations overhead 9.0 against 1.0 (2 on call)
        const int ops = rowOf(t, QStringLiteral("operational_overhead"));
        QCOMPARE(t->item(ops, 3)->text(), QStringLiteral("9.0"));
        QCOMPARE(t->item(ops, 4)->text(), QStringLiteral("1.0"));
        QVERIFY(t->item(ops, 4)->toolTip().contains(QStringLiteral("low operations maturity")));
        // the reason of the selected cell under the table
        t->setCurrentCell(ops, 4);
        QVERIFY(m_decision->reasonLabel()->text().contains(QStringLiteral("4 deployables hurt")));
        // not measured yet: the simulated rows wait, except the topology's
        QVERIFY(!m_decision->hasEvidence());
        QCOMPARE(t->item(rowOf(t, QStringLiteral("p99_ms")), 2)->text(),
                 QStringLiteral("not used"));
        QVERIFY(t->item(rowOf(t, QStringLiteral("deployables")), 3)
                    ->text()
                    .startsWith(QStringLiteral("10.0")));
        QVERIFY(m_decision->rankingLabel()->text().contains(QStringLiteral("Shop: monolith")));
        QVERIFY(!m_decision->tornado()->rowLabels().isEmpty());
    }

    void weightsAndScoresEditWithUndo()
    {
        QTableWidget *t = m_decision->matrix();
        const QString id = m_decision->currentDecisionId();
        const int cost = rowOf(t, QStringLiteral("cost_per_hour"));
        t->item(cost, 1)->setText(QStringLiteral("40"));
        QCOMPARE(m_project->decision(id)->weightOf(QStringLiteral("cost_per_hour")), 40.0);
        QVERIFY(m_project->structureModified());
        // a refused weight changes nothing and says why
        t->item(cost, 1)->setText(QStringLiteral("400"));
        QCOMPARE(m_project->decision(id)->weightOf(QStringLiteral("cost_per_hour")), 40.0);
        QVERIFY(m_decision->message().contains(QStringLiteral("0 to 100")));
        // a score by hand
        const int team = rowOf(t, QStringLiteral("team_autonomy"));
        t->item(team, 4)->setText(QStringLiteral("8"));
        const Decision d = *m_project->decision(id);
        QVERIFY(
            d.overrideOf(QStringLiteral("team_autonomy"), QStringLiteral("Shop: microservices")));
        QCOMPARE(t->item(team, 4)->text(), QStringLiteral("8.0*"));
        QCOMPARE(m_decision->undoStack()->count(), 2);
        // its reason, typed under the table: one more undo step; the matrix shows it
        QLineEdit *why = m_decision->overrideReasonField();
        t->setCurrentCell(team, 3);
        // the monolith's score is pre-filled: nothing to explain
        QVERIFY(!why->isVisibleTo(m_decision));
        t->setCurrentCell(team, 4);
        QVERIFY(why->isVisibleTo(m_decision));
        QCOMPARE(why->text(), QString());
        why->setText(QStringLiteral("  Two more teams join in spring. "));
        emit why->editingFinished();
        QCOMPARE(m_project->decision(id)
                     ->overrideOf(QStringLiteral("team_autonomy"),
                                  QStringLiteral("Shop: microservices"))
                     ->reason,
                 QStringLiteral("Two more teams join in spring."));
        QCOMPARE(t->item(team, 4)->toolTip(), QStringLiteral("Two more teams join in spring."));
        QCOMPARE(m_decision->undoStack()->count(), 3);
        if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            m_decision->resize(1280 - 16, 800 - 48);
            m_decision->show();
            settle();
            QVERIFY(m_decision->grab().save(
                QDir(dir).filePath(QStringLiteral("decision-override.png"))));
        }
        emit why->editingFinished(); // unchanged: no step
        QCOMPARE(m_decision->undoStack()->count(), 3);
        m_decision->undoStack()->undo();
        QCOMPARE(m_project->decision(id)
                     ->overrideOf(QStringLiteral("team_autonomy"),
                                  QStringLiteral("Shop: microservices"))
                     ->reason,
                 QString());
        m_decision->undoStack()->undo();
        QVERIFY(!m_project->decision(id)->overrideOf(QStringLiteral("team_autonomy"),
                                                     QStringLiteral("Shop: microservices")));
        QCOMPARE(t->item(team, 4)->text(), QStringLiteral("4.0"));
        m_decision->undoStack()->undo();
        QCOMPARE(m_project->decision(id)->weightOf(QStringLiteral("cost_per_hour")), 10.0);
        m_decision->undoStack()->redo();
        m_decision->undoStack()->redo();
        QCOMPARE(*m_project->decision(id), d);
        m_decision->undoStack()->redo(); // the reason
        QCOMPARE(m_project->decision(id)->overrides.size(), 1);
        // empty: back to the pre-filled score
        t->item(team, 4)->setText(QString());
        QVERIFY(m_project->decision(id)->overrides.isEmpty());
    }

    void questionnaireChangesTheScoresAndMergesItsSteps()
    {
        const QString id = m_decision->currentDecisionId();
        auto developers = m_decision->findChild<QSpinBox *>(QStringLiteral("decisionDevelopers"));
        auto teams = m_decision->findChild<QSpinBox *>(QStringLiteral("decisionTeams"));
        developers->setValue(60);
        teams->setValue(8);
        QCOMPARE(m_project->decision(id)->questionnaire.teams, 8);
        QCOMPARE(m_decision->undoStack()->count(), 1); // the answers merge into one step
        QTableWidget *t = m_decision->matrix();
        const int team = rowOf(t, QStringLiteral("team_autonomy"));
        QCOMPARE(t->item(team, 4)->text(), QStringLiteral("9.0"));
        m_decision->undoStack()->undo();
        QCOMPARE(m_project->decision(id)->questionnaire.teams, 1);
        QCOMPARE(developers->value(), 3);
    }

    void newAndRemovedDecisionsUndo()
    {
        const QString first = m_decision->currentDecisionId();
        const QString made = m_decision->newDecision();
        QCOMPARE(m_project->decisions().size(), 2);
        QCOMPARE(m_decision->currentDecisionId(), made);
        // the first two readable scenarios of the project
        QCOMPARE(m_project->decision(made)->alternatives.size(), 2);
        QVERIFY(m_decision->removeCurrentDecision());
        QCOMPARE(m_project->decisions().size(), 1);
        QCOMPARE(m_decision->currentDecisionId(), first);
        m_decision->undoStack()->undo();
        QCOMPARE(m_project->decisions().size(), 2);
        QVERIFY(m_project->decision(made));
        m_decision->undoStack()->undo();
        QCOMPARE(m_project->decisions().size(), 1);
        // one alternative is not enough: said, and nothing runs
        QVERIFY(m_decision->setAlternatives({QStringLiteral("Shop: monolith")}));
        QVERIFY(m_decision->problem().contains(QStringLiteral("two or more")));
        QVERIFY(!m_decision->runSimulations());
    }

    void simulationsFillTheMatrixAndTheAdr()
    {
        // short runs: 60 simulated seconds (30 of warm-up), 2 replications, no capacity search
        Decision d = *m_project->decision(m_decision->currentDecisionId());
        DecisionSimulation s = d.simulation;
        s.durationS = 60;
        s.replications = 2;
        s.capacity = false;
        s.fault.atS = 45;
        QVERIFY(m_decision->setSimulation(s));
        QVERIFY(m_decision->runSimulations());
        QVERIFY(m_decision->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!m_decision->isRunning(), 120000);
        QVERIFY2(m_decision->hasEvidence(), qPrintable(m_decision->message()));
        QTableWidget *t = m_decision->matrix();
        const int p99 = rowOf(t, QStringLiteral("p99_ms"));
        QVERIFY2(t->item(p99, 3)->text().contains(QStringLiteral(" ms")),
                 qPrintable(t->item(p99, 3)->text()));
        QVERIFY(t->item(p99, 2)->text() != QStringLiteral("not used"));
        QVERIFY(t->item(rowOf(t, QStringLiteral("capacity_headroom")), 2)->text()
                == QStringLiteral("not used"));
        // the ADR with the evidence
        QTemporaryDir dir;
        QString error;
        const QString file = dir.filePath(QStringLiteral("adr.md"));
        QVERIFY2(m_decision->exportAdr(file, &error), qPrintable(error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString adr = QString::fromUtf8(f.readAll());
        QVERIFY(adr.startsWith(QStringLiteral("# Shop: monolith or microservices?")));
        QVERIFY(adr.contains(QStringLiteral("### Evidence")));
        QVERIFY(adr.contains(QStringLiteral("## Pros and Cons of the Options")));
        // a change of the simulation settings makes the measurements stale
        s.replications = 3;
        QVERIFY(m_decision->setSimulation(s));
        QVERIFY(!m_decision->hasEvidence());
        m_decision->undoStack()->undo();
        QVERIFY(m_decision->hasEvidence());

        // the measurements are saved with the project: a reopened project shows them
        const QString project = dir.filePath(QStringLiteral("measured.archsim"));
        QVERIFY2(m_project->saveAs(project, &error), qPrintable(error));
        const QString p99Text = t->item(p99, 3)->text();
        ProjectDocument reopened;
        QVERIFY2(reopened.load(project, &error), qPrintable(error));
        DecisionWindow second(&reopened);
        QVERIFY(second.hasEvidence());
        QCOMPARE(second.matrix()->item(rowOf(second.matrix(), QStringLiteral("p99_ms")), 3)->text(),
                 p99Text);
        // an edit of an alternative's scenario makes them stale
        QString mono;
        for (const QString &id : reopened.scenarioIds()) {
            if (reopened.scenarioName(id) == d.alternatives.front())
                mono = id;
        }
        QVERIFY(!mono.isEmpty());
        SimulationSettings settings = reopened.document(mono)->scenario().simulation;
        settings.seed += 1;
        reopened.document(mono)->setSimulation(settings);
        settle();
        QVERIFY(!second.hasEvidence());
        QVERIFY(second.matrix()
                    ->item(rowOf(second.matrix(), QStringLiteral("p99_ms")), 3)
                    ->text()
                    .startsWith(QStringLiteral("—")));
    }

    void formEditsContextLoadAndFault()
    {
        const QString id = m_decision->currentDecisionId();
        const Decision before = *m_project->decision(id);
        auto context = m_decision->findChild<QPlainTextEdit *>(QStringLiteral("decisionContext"));
        QVERIFY(context);
        QCOMPARE(context->toPlainText(), before.context);
        // typing is one undo step, and the cursor stays where it is
        context->setFocus();
        context->moveCursor(QTextCursor::End);
        QTest::keyClicks(context, QStringLiteral(" Peak: 2x."));
        QCOMPARE(m_project->decision(id)->context, before.context + QStringLiteral(" Peak: 2x."));
        QCOMPARE(context->textCursor().position(), int(context->toPlainText().size()));

        auto rate = m_decision->findChild<QDoubleSpinBox *>(QStringLiteral("decisionTargetRate"));
        auto duration = m_decision->findChild<QDoubleSpinBox *>(QStringLiteral("decisionDuration"));
        auto fault = m_decision->findChild<QComboBox *>(QStringLiteral("decisionFault"));
        auto target = m_decision->findChild<QLineEdit *>(QStringLiteral("decisionFaultTarget"));
        auto at = m_decision->findChild<QDoubleSpinBox *>(QStringLiteral("decisionFaultAt"));
        auto until = m_decision->findChild<QDoubleSpinBox *>(QStringLiteral("decisionFaultUntil"));
        auto count = m_decision->findChild<QSpinBox *>(QStringLiteral("decisionFaultCount"));
        QVERIFY(rate && duration && fault && target && at && until && count);

        rate->setValue(900);
        QCOMPARE(m_project->decision(id)->simulation.targetRatePerS, std::optional<double>(900));
        rate->setValue(rate->minimum()); // "each scenario's own"
        QVERIFY(!m_project->decision(id)->simulation.targetRatePerS);
        QCOMPARE(rate->text(), rate->specialValueText());
        duration->setValue(120);
        QCOMPARE(m_project->decision(id)->simulation.durationS, std::optional<double>(120));

        fault->setCurrentIndex(fault->findData(QStringLiteral("outage")));
        emit fault->activated(fault->currentIndex());
        QVERIFY(until->isEnabled() && !count->isEnabled());
        at->setValue(100);
        until->setValue(130);
        target->setText(QStringLiteral("catalog"));
        emit target->editingFinished();
        Fault f = m_project->decision(id)->simulation.fault;
        QCOMPARE(f.kind, QStringLiteral("outage"));
        QCOMPARE(f.atS, std::optional<double>(100));
        QCOMPARE(f.untilS, std::optional<double>(130));
        QCOMPARE(f.target, QStringLiteral("catalog"));

        fault->setCurrentIndex(fault->findData(QStringLiteral("kill_instance")));
        emit fault->activated(fault->currentIndex());
        QVERIFY(!until->isEnabled() && count->isEnabled());
        count->setValue(2);
        f = m_project->decision(id)->simulation.fault;
        QCOMPARE(f.kind, QStringLiteral("kill_instance"));
        QCOMPARE(f.count, std::optional<int>(2));
        QVERIFY(!f.untilS);

        fault->setCurrentIndex(fault->findData(QString()));
        emit fault->activated(fault->currentIndex());
        QVERIFY(m_project->decision(id)->simulation.fault.kind.isEmpty());
        QVERIFY(!target->isEnabled() && !at->isEnabled());

        // every edit undoes, back to the decision as it was
        while (m_decision->undoStack()->canUndo())
            m_decision->undoStack()->undo();
        QCOMPARE(*m_project->decision(id), before);
        QCOMPARE(context->toPlainText(), before.context);
        QCOMPARE(rate->value(), before.simulation.targetRatePerS.value_or(rate->minimum()));
    }

    void menuEntryOpensTheWindow()
    {
        Ui::MainWindow window;
        auto action = window.findChild<QAction *>(QStringLiteral("decisionAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
        action->trigger();
        auto shown = window.findChild<DecisionWindow *>(QStringLiteral("decisionWindow"));
        QVERIFY(shown && shown->isVisible());
        shown->close();
    }

    void screenshotOfTheForm()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the window before a run: the form's fields
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        m_decision->resize(1280 - 16, 800 - 48);
        m_decision->show();
        settle();
        QVERIFY(m_decision->grab().save(QDir(dir).filePath(QStringLiteral("decision-form.png"))));
    }

    void screenshotOfTheExample()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the window with the example decision, measured
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        m_decision->resize(1280 - 16, 800 - 48);
        m_decision->show();
        QVERIFY(m_decision->runSimulations());
        QTRY_VERIFY_WITH_TIMEOUT(!m_decision->isRunning(), 1200000);
        QVERIFY2(m_decision->hasEvidence(), qPrintable(m_decision->message()));
        m_decision->matrix()->setCurrentCell(rowOf(m_decision->matrix(),
                                                   QStringLiteral("operational_overhead")),
                                             4);
        settle();
        QVERIFY(m_decision->grab().save(QDir(dir).filePath(QStringLiteral("decision-matrix.png"))));
    }
};

QTEST_MAIN(tst_DecisionWindow)
#include "tst_decisionwindow.moc"
