// SPDX-License-Identifier: GPL-3.0-or-later
// The Migration Plan window, headless: the example plan listed with its timeline, a step's
// share edited in the form with undo, a step naming an unknown module shown in red, a run
// filling the trajectory table, export and import of a plan file, and the menu entry.
#include "MainWindow.h"
#include "PlanWindow.h"
#include "ProjectDocument.h"
#include "TestSupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Model;
using Ui::PlanWindow;

class tst_PlanWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ProjectDocument> m_project;
    PlanWindow *m_plan = nullptr;

    Plan shown() const { return *m_project->plan(m_plan->currentPlanId()); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_planwindow"));
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
        m_plan = new PlanWindow(m_project.get(), m_window.get());
    }

    void cleanup()
    {
        m_window.reset(); // the window first: it refers to the project
        m_project.reset();
    }

    void listsTheExamplePlanWithItsTimeline()
    {
        auto choice = m_plan->findChild<QComboBox *>(QStringLiteral("planChoice"));
        QVERIFY(choice);
        QCOMPARE(choice->count(), 1);
        QCOMPARE(choice->currentText(), QStringLiteral("Shop: strangler plan"));
        const Plan plan = shown();
        QVERIFY(plan.steps.size() > 3);
        auto steps = m_plan->findChild<QListWidget *>(QStringLiteral("planSteps"));
        QCOMPARE(steps->count(), int(plan.steps.size()));
        QVERIFY(m_plan->problems().isEmpty());
        QCOMPARE(m_plan->timeline()->minimum(), 0);
        QCOMPARE(m_plan->timeline()->maximum() + 1, int(plan.steps.size()) + 1);
        m_plan->setTimelineStep(1); // the facade
        auto removed = m_plan->findChild<QLabel *>(QStringLiteral("planRemoved"));
        QVERIFY2(removed->text().contains(QStringLiteral("gw")), qPrintable(removed->text()));
    }

    void editingTheShareIsUndoable()
    {
        const Plan before = shown();
        int shift = -1;
        for (int k = 0; k < before.steps.size() && shift < 0; ++k) {
            if (before.steps[k].action == PlanAction::Shift)
                shift = k;
        }
        QVERIFY(shift >= 0);
        m_plan->selectStep(shift);
        auto share = m_plan->findChild<QDoubleSpinBox *>(QStringLiteral("planShare"));
        QVERIFY(share && share->isVisibleTo(m_plan));
        QCOMPARE(share->value(), before.steps[shift].share.value_or(0) * 100);
        share->setValue(42);
        QCOMPARE(shown().steps[shift].share, std::optional<double>(0.42));
        m_plan->undoStack()->undo();
        QCOMPARE(shown(), before);
        QCOMPARE(share->value(), before.steps[shift].share.value_or(0) * 100);
    }

    void anUnknownModuleShowsTheError()
    {
        Plan plan = shown();
        plan.steps[1].module = QStringLiteral("nosuchmodule");
        QVERIFY(m_project->setPlan(plan));
        QVERIFY(!m_plan->problems().isEmpty());
        QVERIFY2(m_plan->problems().join(QLatin1Char(' ')).contains(QStringLiteral("steps[1]")),
                 qPrintable(m_plan->problems().join(QLatin1Char(' '))));
        auto steps = m_plan->findChild<QListWidget *>(QStringLiteral("planSteps"));
        QCOMPARE(steps->item(1)->foreground().color(), QColor(Qt::red));
        QVERIFY(!m_plan->runPlan());
    }

    void runFillsTheTableWithOneRowPerStep()
    {
        // a short plan keeps the run short
        Plan plan = shown();
        plan.steps = plan.steps.mid(0, 3); // facade, extract, database
        QVERIFY(m_project->setPlan(plan));
        m_plan->setRunSettings(1, 40); // the example warms up for 30 s
        QVERIFY(m_plan->runPlan());
        QTRY_VERIFY_WITH_TIMEOUT(!m_plan->isRunning(), 300000);
        QVERIFY2(m_plan->trajectory(), qPrintable(m_plan->message()));
        QCOMPARE(m_plan->table()->rowCount(), int(plan.steps.size()) + 1);
        QCOMPARE(m_plan->table()->item(0, 0)->text(), QStringLiteral("start"));
        // an edit drops the trajectory: it no longer applies
        plan.steps.removeLast();
        QVERIFY(m_project->setPlan(plan));
        QVERIFY(!m_plan->trajectory());
        QCOMPARE(m_plan->table()->rowCount(), 0);
    }

    void exportAndImportStandAlone()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plan.json"));
        QString error;
        QVERIFY2(m_plan->exportPlan(file, &error), qPrintable(error));
        // into an empty project: the start scenario comes with it
        ProjectDocument empty;
        QWidget host;
        auto other = new PlanWindow(&empty, &host);
        const QString id = other->importPlan(file, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QCOMPARE(empty.plans().size(), 1);
        QCOMPARE(empty.scenarioIds().size(), 1);
        QCOMPARE(empty.plan(id)->start, QStringLiteral("Shop: monolith"));
        QCOMPARE(empty.plan(id)->steps, shown().steps);
        QVERIFY(other->problems().isEmpty());
        other->undoStack()->undo();
        QVERIFY(empty.plans().isEmpty());
    }

    void newPlanAndSuggestedSteps()
    {
        const QString id = m_plan->newPlan();
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_project->plans().size(), 2);
        QCOMPARE(shown().start, QStringLiteral("Shop: monolith"));
        QVERIFY(m_plan->appendSuggestedSteps());
        const Plan plan = shown();
        QCOMPARE(plan.steps.front().action, PlanAction::Facade);
        QCOMPARE((plan.steps.size() - 1) % 4, 0);
        QVERIFY(plan.steps.size() > 4);
        QVERIFY2(m_plan->problems().isEmpty(), qPrintable(m_plan->problems().join('\n')));
        QVERIFY(m_plan->removeCurrentPlan());
        QCOMPARE(m_project->plans().size(), 1);
        m_plan->undoStack()->undo();
        QCOMPARE(m_project->plans().size(), 2);
    }

    void screenshot()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes plan-window.png there: the example plan, run
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshot");
        m_plan->resize(1500, 1000);
        m_plan->show();
        m_plan->setRunSettings(1, 40);
        QVERIFY(m_plan->runPlan());
        QTRY_VERIFY_WITH_TIMEOUT(!m_plan->isRunning(), 1200000);
        QVERIFY2(m_plan->trajectory(), qPrintable(m_plan->message()));
        m_plan->selectStep(1);
        m_plan->setTimelineStep(2);
        QTest::qWait(100);
        QVERIFY(m_plan->grab().save(QDir(dir).filePath(QStringLiteral("plan-window.png"))));
    }

    void theMenuOpensIt()
    {
        Ui::MainWindow window;
        auto action = window.findChild<QAction *>(QStringLiteral("planAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
        action->trigger();
        QVERIFY(window.findChild<PlanWindow *>(QStringLiteral("planWindow")));
    }
};

QTEST_MAIN(tst_PlanWindow)
#include "tst_planwindow.moc"
