// SPDX-License-Identifier: GPL-3.0-or-later
// The What-if dock in the main window on the offscreen platform: pinning from the Pin… menu
// (one undo step, saved in the scenario), a slider's move re-running the short simulation
// whose figures replace the results on screen without an undo step, a stale run cancelled and
// never shown, bad values refused with a sentence, Apply to Scenario as one undo step, and
// the sliders disabled while a normal run goes on.
// ARCHSIM_SCREENSHOT_DIR=dir writes whatif-dock.png there.
#include "Document.h"
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "TestSupport.h"
#include "WhatIfPanel.h"
#include "WhatIfRunner.h"
#include "canvas/CanvasScene.h"
#include "editing/DocumentController.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>
#include <optional>

using Ui::MainWindow;
using Ui::WhatIfPanel;

namespace {

const QString kRate = QStringLiteral("workload.arrivals.rate_per_s");
const QString kThreads = QStringLiteral("components[cart].concurrency.threads");

double arrivalRate(const Sim::RunResult &r)
{
    const Sim::RequestResult *all = r.request("_all");
    return all ? all->arrived / (r.durationS - r.warmupS) : 0;
}

/** `window` shown at 1600×1000 with the microservices shop open as a new project. */
bool showShop(MainWindow &window)
{
    window.resize(1600, 1000);
    window.show();
    return QTest::qWaitForWindowExposed(&window)
           && window.openScenarioAsProject(
               TestSupport::examplePath(QStringLiteral("shop-microservices.json")));
}

/** Chooses `path` in the Pin… menu, as a click on its entry does. */
bool pinFromMenu(WhatIfPanel *panel, const QString &path)
{
    auto *menu = panel->findChild<QMenu *>(QStringLiteral("whatIfPinMenu"));
    if (!menu)
        return false;
    emit menu->aboutToShow(); // fills it for the current selection
    QList<QAction *> actions = menu->actions();
    for (QMenu *sub : menu->findChildren<QMenu *>())
        actions += sub->actions();
    for (QAction *a : actions) {
        if (a->toolTip() == path && a->isEnabled()) {
            a->trigger();
            return true;
        }
    }
    return false;
}

QSlider *sliderOf(WhatIfPanel *panel, const QString &path)
{
    return panel->findChild<QSlider *>(QStringLiteral("whatIfSlider:") + path);
}

/** A copy: the panel replaces its sliders whenever the document changes. */
std::optional<Model::WhatIfSlider> modelSlider(WhatIfPanel *panel, const QString &path)
{
    for (const Model::WhatIfSlider &s : panel->sliders()) {
        if (s.path == path)
            return s;
    }
    return std::nullopt;
}

/** Counts the figures that reach the screen through the panel. */
struct Shown
{
    int count = 0;
    explicit Shown(WhatIfPanel *panel)
    {
        QObject::connect(panel, &WhatIfPanel::resultReady, [this] { ++count; });
    }
};

} // namespace

class tst_WhatIfPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_whatifpanel"));
    }

    void slidersPinMoveAndApply()
    {
        MainWindow window;
        QVERIFY(showShop(window));
        WhatIfPanel *panel = window.whatIfPanel();
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("whatIfDock"));
        QVERIFY(panel && dock);
        QVERIFY(dock->isHidden()); // the shop has no pinned sliders
        window.findChild<QAction *>(QStringLiteral("whatIfAction"))->trigger();
        QVERIFY(dock->isVisible());

        // Pin… offers the workload's rate and the selected component's usual parameters
        window.currentScene()->selectComponent(QStringLiteral("cart"));
        QStringList offered;
        for (const auto &[label, path] : panel->pinChoices())
            offered << path;
        QVERIFY2(offered.contains(kRate) && offered.contains(kThreads),
                 qPrintable(offered.join(QLatin1Char(' '))));

        // pinning is an edit of the scenario: one undo step each
        Model::Document *document = window.currentDocument();
        QUndoStack *stack = window.currentController()->undoStack();
        const int before = stack->index();
        QVERIFY(pinFromMenu(panel, kRate));
        QCOMPARE(stack->index(), before + 1);
        QCOMPARE(stack->text(stack->index() - 1), QStringLiteral("Pin Workload · Rate"));
        QVERIFY(document->scenario().whatIf);
        QCOMPARE(document->scenario().whatIf->pinned.first().field, kRate);
        QVERIFY(sliderOf(panel, kRate));
        stack->undo();
        QVERIFY(!document->scenario().whatIf);
        QVERIFY(!sliderOf(panel, kRate));
        stack->redo();
        QVERIFY(sliderOf(panel, kRate));
        QVERIFY(!pinFromMenu(panel, kRate)); // pinned already: its entry is disabled
        QVERIFY(pinFromMenu(panel, kThreads));
        QCOMPARE(panel->sliders().size(), 2);
        const int pinned = stack->index();

        // a move re-runs the short simulation; its figures replace the results on screen
        Shown ready(panel);
        const std::optional<Model::WhatIfSlider> rate = modelSlider(panel, kRate);
        QVERIFY(rate);
        sliderOf(panel, kRate)->setValue(rate->positionOf(1000));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count == 1, 60000);
        QVERIFY(window.shownResult());
        QCOMPARE(window.shownResult()->durationS, 60.0); // the window, not the 300 s of the shop
        // 1,000/s over the 54 s measured: sd sqrt(54,000) / 54 = 4.3/s; five sd
        QVERIFY2(std::fabs(arrivalRate(*window.shownResult()) - 1000) < 22,
                 qPrintable(QString::number(arrivalRate(*window.shownResult()))));
        auto *header = window.findChild<QLabel *>(QStringLiteral("resultsHeader"));
        QVERIFY(header->text().contains(QStringLiteral("What-if")));
        QVERIFY2(header->text().contains(QStringLiteral("Workload · Rate = 1000 /s")),
                 qPrintable(header->text()));
        QVERIFY2(panel->status().startsWith(QStringLiteral("Updated in")),
                 qPrintable(panel->status()));
        // ... and leave the scenario and its undo stack alone
        QCOMPARE(stack->index(), pinned);
        QCOMPARE(*document->scenario().workload.arrivals.ratePerS, 600.0);
        QCOMPARE(panel->overlay(), (QList<QPair<QString, double>>{{kRate, 1000}}));

        if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(100);
            QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("whatif-dock.png"))));
        }

        // bad values are refused with a sentence, and nothing runs
        ready.count = 0;
        QVERIFY(!panel->setValueText(kThreads, QStringLiteral("2.5")));
        QVERIFY2(panel->message().contains(QStringLiteral("whole numbers")),
                 qPrintable(panel->message()));
        QVERIFY(!panel->setValueText(kRate, QStringLiteral("fast")));
        QVERIFY2(panel->message().contains(QStringLiteral("“fast” is not a number")),
                 qPrintable(panel->message()));
        QVERIFY(!panel->setValueText(kRate, QStringLiteral("5000")));
        QVERIFY2(panel->message().contains(QStringLiteral("from 20 to 2400")),
                 qPrintable(panel->message()));
        QTest::qWait(100);
        QVERIFY(!panel->runner()->isBusy());
        QCOMPARE(ready.count, 0);

        // an edit of the scenario (the inspector's, here cart's replicas) while what-if
        // figures are on screen runs them again, with the sliders' values on the edited
        // scenario; after a normal run has taken the screen, an edit runs nothing
        Model::Component cart = *document->component(QStringLiteral("cart"));
        const std::optional<int> replicas = cart.service.replicas;
        cart.service.replicas = replicas.value_or(1) + 1;
        document->setComponent(cart);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count == 1, 60000);
        QVERIFY(header->text().contains(QStringLiteral("Workload · Rate = 1000 /s")));
        QSignalSpy runEnded(&window, &MainWindow::runEnded);
        QVERIFY(window.startRun());
        QVERIFY(runEnded.wait(120000));
        cart.service.replicas = replicas;
        document->setComponent(cart);
        QTest::qWait(200);
        QVERIFY(!panel->runner()->isBusy());
        QCOMPARE(ready.count, 1);
        sliderOf(panel, kRate)->setValue(rate->positionOf(1000) - 1);
        sliderOf(panel, kRate)->setValue(rate->positionOf(1000));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count == 2, 60000);
        QCOMPARE(panel->overlay(), (QList<QPair<QString, double>>{{kRate, 1000}}));

        // Apply to Scenario: the sliders' values into the scenario, one undo step
        auto *apply = panel->findChild<QPushButton *>(QStringLiteral("whatIfApply"));
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(*document->scenario().workload.arrivals.ratePerS, 1000.0);
        QCOMPARE(stack->index(), pinned + 1);
        QCOMPARE(stack->text(stack->index() - 1), QStringLiteral("Apply what-if values"));
        QVERIFY(panel->overlay().isEmpty()); // the scenario has the sliders' values now
        QCOMPARE(sliderOf(panel, kRate)->value(), rate->positionOf(1000));
        stack->undo();
        QCOMPARE(*document->scenario().workload.arrivals.ratePerS, 600.0);
        stack->redo();

        // unpin: one undo step
        auto *unpin = panel->findChild<QToolButton *>(QStringLiteral("whatIfUnpin:") + kThreads);
        QVERIFY(unpin);
        unpin->click();
        QCOMPARE(panel->sliders().size(), 1);
        QCOMPARE(stack->text(stack->index() - 1), QStringLiteral("Unpin cart · Threads"));
        stack->undo();
        QCOMPARE(panel->sliders().size(), 2);

        // the pins are saved with the scenario
        const Model::ScenarioLoad saved = Model::parseScenario(
            Model::serializeScenario(document->scenario()));
        QVERIFY(saved.ok());
        QCOMPARE(saved.scenario->whatIf->pinned.size(), 2);

        // a normal run: the sliders wait for it
        QSignalSpy ended(&window, &MainWindow::runEnded);
        QVERIFY(window.startRun());
        QVERIFY(!sliderOf(panel, kRate)->isEnabled());
        QVERIFY(ended.wait(120000));
        QVERIFY(sliderOf(panel, kRate)->isEnabled());
    }

    void aStaleRunIsCancelledAndNeverShown()
    {
        MainWindow window;
        QVERIFY(showShop(window));
        WhatIfPanel *panel = window.whatIfPanel();
        window.showWhatIf();
        QVERIFY(pinFromMenu(panel, kRate));
        // a long window, so that the first move's run is still going when the second comes
        auto *windowBox = panel->findChild<QDoubleSpinBox *>(QStringLiteral("whatIfWindow"));
        windowBox->setValue(1800);
        emit windowBox->editingFinished();
        QCOMPARE(Model::whatIfWindowS(window.currentDocument()->scenario()), 1800.0);

        QList<double> shownRates; // every figure that reached the screen
        connect(panel, &WhatIfPanel::resultReady, this, [&](const Sim::RunResult &r) {
            shownRates << arrivalRate(r);
        });
        QSignalSpy started(panel->runner(), &Ui::WhatIfRunner::started);
        QSignalSpy stale(panel->runner(), &Ui::WhatIfRunner::staleDropped);
        const std::optional<Model::WhatIfSlider> rate = modelSlider(panel, kRate);
        QVERIFY(rate);
        // 1,200/s for half an hour: 2.2 million requests, then, while it runs, 20/s
        sliderOf(panel, kRate)->setValue(rate->positionOf(1200));
        QTRY_COMPARE(started.size(), 1);
        QTest::qWait(200);
        sliderOf(panel, kRate)->setValue(rate->positionOf(20));
        QTRY_VERIFY_WITH_TIMEOUT(shownRates.size() == 1, 60000);
        QTest::qWait(200);
        QCOMPARE(shownRates.size(), 1); // only the newest
        QCOMPARE(stale.size(), 1);
        QVERIFY2(stale.first().at(1).toBool(), "the stale run was not cancelled");
        // 20/s over the 1,620 s measured: 32,400 expected, sd 180; five sd is 0.56/s
        QVERIFY2(std::fabs(shownRates.first() - 20) < 0.6,
                 qPrintable(QString::number(shownRates.first())));
        QVERIFY(std::fabs(arrivalRate(*window.shownResult()) - 20) < 0.6);
    }

    void valuesTheFormatRefusesAreSaid()
    {
        MainWindow window;
        QVERIFY(window.openScenarioAsProject(
            TestSupport::examplePath(QStringLiteral("shop-microservices.json"))));
        WhatIfPanel *panel = window.whatIfPanel();
        // a pin whose range reaches 0, which the format refuses for a rate
        Model::WhatIf whatIf;
        whatIf.pinned.append({kRate, 0, 1000, 100, {}});
        window.currentController()->setWhatIf(whatIf, QStringLiteral("Pin"));
        QVERIFY(panel->setValueText(kRate, QStringLiteral("0")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->message().isEmpty(), 60000);
        QVERIFY2(panel->message().contains(QStringLiteral("workload.arrivals.rate_per_s = 0")),
                 qPrintable(panel->message()));
        QVERIFY2(panel->message().contains(QStringLiteral("greater than 0")),
                 qPrintable(panel->message()));
        QVERIFY(panel->status().startsWith(QStringLiteral("Not run")));
        // the next good value clears it and runs
        Shown ready(panel);
        QVERIFY(panel->setValueText(kRate, QStringLiteral("100")));
        QVERIFY(panel->message().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count == 1, 60000);
    }
};

QTEST_MAIN(tst_WhatIfPanel)
#include "tst_whatifpanel.moc"
