// SPDX-License-Identifier: GPL-3.0-or-later
// The presenter view (View > Presenter View, F5) of the main window on the offscreen
// platform: full screen with the menus, docks and status bar hidden, a larger font, a
// high-contrast palette and thick chart lines; the lesson's captions one at a time with the
// arrow keys; Space runs and stops the scenario; Down enters watch mode and steps its events,
// and Space then plays and pauses the animation; the loop runs again after each run with the next caption; Esc puts everything
// back. ARCHSIM_SCREENSHOT_DIR=dir writes presenter-view.png there.
#include "CanvasScene.h"
#include "Document.h"
#include "MainWindow.h"
#include "PresenterView.h"
#include "WatchPanel.h"
#include "watch/WatchSession.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include <qcustomplot.h>

using Ui::MainWindow;
using Ui::PresenterView;
using Ui::WatchPanel;

namespace {

double firstGraphWidth(MainWindow &window)
{
    auto *plot = window.findChild<QCustomPlot *>(QStringLiteral("seriesPlot"));
    return plot && plot->graphCount() > 0 ? plot->graph(0)->pen().widthF() : -1;
}

} // namespace

class tst_PresenterView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_presenterview"));
    }

    void presentsALessonWithTheKeyboard()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.newProject());
        QVERIFY(window.openLesson(0)); // the event loop must not block
        const Model::Lesson lesson = *window.currentDocument()->scenario().lesson;
        auto *lessonDock = window.findChild<QDockWidget *>(QStringLiteral("lessonDock"));
        QVERIFY(lessonDock->isVisible());
        // a run first, so that the charts have lines to thicken
        QSignalSpy ended(&window, &MainWindow::runEnded);
        QVERIFY(window.startRun());
        QVERIFY(ended.wait(120000));
        const double thin = firstGraphWidth(window);
        QVERIFY(thin > 0);
        const double fontSize = window.font().pointSizeF();

        PresenterView *presenter = window.presenterView();
        auto *action = window.findChild<QAction *>(QStringLiteral("presenterAction"));
        QVERIFY(action && presenter);
        action->trigger();
        QVERIFY(presenter->isActive());
        QVERIFY(action->isChecked());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // chrome hidden, full screen, large type, high contrast, thick lines
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!window.statusBar()->isVisible());
        QVERIFY(!lessonDock->isVisible());
        for (QDockWidget *dock : window.findChildren<QDockWidget *>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        QVERIFY(window.font().pointSizeF() >= std::max(16.0, fontSize * 1.5));
        QCOMPARE(window.palette().color(QPalette::Window), QColor(Qt::white));
        QCOMPARE(window.palette().color(QPalette::WindowText), QColor(Qt::black));
        QTRY_COMPARE(firstGraphWidth(window), thin * 3);
        QCOMPARE(window.currentScene()->lineScale(), PresenterView::kLineScale);

        // the lesson's captions: what to notice, then what to try
        const QStringList captions = PresenterView::captionsOf(lesson);
        QCOMPARE(captions.size(), lesson.notice.size() + lesson.tries.size());
        QCOMPARE(presenter->captions(), captions);
        QCOMPARE(presenter->captionIndex(), 0);
        QVERIFY(presenter->captionText().contains(lesson.notice.first().toHtmlEscaped()));
        QVERIFY(presenter->captionText().contains(QStringLiteral("(1/%1)").arg(captions.size())));
        QVERIFY(presenter->titleText().contains(lesson.title));
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(presenter->captionIndex(), 1);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(presenter->captionIndex(), 2);
        QTest::keyClick(&window, Qt::Key_Left);
        QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(presenter->captionIndex(), 0);
        QTest::keyClick(&window, Qt::Key_Left); // wraps to the last: a hint to try
        QCOMPARE(presenter->captionIndex(), int(captions.size()) - 1);
        QVERIFY(presenter->captionText().contains(QStringLiteral("Try this")));
        QVERIFY(presenter->captionText().contains(lesson.tries.last().field));

        // Space runs the scenario, Space again stops it
        ended.clear();
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(window.isRunning());
        QVERIFY(presenter->titleText().contains(QStringLiteral("running")));
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(ended.wait(120000));
        QVERIFY(!window.isRunning());

        // Down enters watch mode on the canvas (its dock stays hidden with the others) and
        // then steps through the recording one event at a time; Space then plays and pauses
        // the animation instead of running the scenario
        WatchPanel *watch = window.watchPanel();
        QVERIFY(!watch->session());
        QTest::keyClick(&window, Qt::Key_Down);
        QVERIFY(watch->isRecording() || watch->session());
        QVERIFY(watch->waitForRecording(120000));
        QVERIFY(watch->session());
        QVERIFY(watch->session()->eventCount() > 2);
        QCOMPARE(watch->session()->position(), std::size_t(0));
        for (QDockWidget *dock : window.findChildren<QDockWidget *>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        QTest::keyClick(&window, Qt::Key_Down);
        QCOMPARE(watch->session()->position(), std::size_t(1));
        QTest::keyClick(&window, Qt::Key_Down);
        QCOMPARE(watch->session()->position(), std::size_t(2));
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(watch->isPlaying());
        QVERIFY(!window.isRunning());
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!watch->isPlaying());
        QVERIFY(!presenter->titleText().contains(QStringLiteral("comes with watch mode")));
        // leaving watch mode gives Space back to running
        watch->stop();

        // the loop: runs at once, and again after each run with the next caption
        presenter->setLoopPauseMs(300);
        ended.clear();
        const int caption = presenter->captionIndex();
        QTest::keyClick(&window, Qt::Key_L);
        QVERIFY(presenter->loops());
        QVERIFY(window.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= 2, 240000);
        QCOMPARE(presenter->captionIndex(), (caption + 1) % int(captions.size()));
        QTest::keyClick(&window, Qt::Key_L);
        QVERIFY(!presenter->loops());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 120000);

        if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            presenter->nextCaption();
            QTest::qWait(200);
            QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("presenter-view.png"))));
        }

        // Esc puts the window back as it was
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!presenter->isActive());
        QVERIFY(!action->isChecked());
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(lessonDock->isVisible());
        QCOMPARE(window.font().pointSizeF(), fontSize);
        QTRY_COMPARE(firstGraphWidth(window), thin);
        QCOMPARE(window.currentScene()->lineScale(), 1.0);
        // F5 presents again, and leaves
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(presenter->isActive());
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(!presenter->isActive());
    }

    void aScenarioWithoutALessonShowsItsDescription()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openExampleProject());
        PresenterView *presenter = window.presenterView();
        presenter->setActive(true);
        QVERIFY(presenter->captions().isEmpty());
        QCOMPARE(presenter->captionIndex(), -1);
        const QString description = window.currentDocument()->scenario().description;
        QVERIFY(!description.isEmpty());
        QVERIFY(presenter->captionText().contains(description.left(20).toHtmlEscaped()));
        presenter->nextCaption(); // nothing to move through
        QCOMPARE(presenter->captionIndex(), -1);
        presenter->setActive(false);
        QVERIFY(presenter->captionText().isEmpty());
    }
};

QTEST_MAIN(tst_PresenterView)
#include "tst_presenterview.moc"
