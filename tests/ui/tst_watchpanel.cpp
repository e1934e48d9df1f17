// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode in the main window on the offscreen platform: Simulation > Watch… records the
// shown scenario, the overlay paints it on the canvas, play, step and restart move the
// cursor, a click on a dot follows its request, closing the dock leaves watch mode.
// ARCHSIM_SCREENSHOT_DIR=dir writes watch-mode.png (the window), watch-canvas.png (the canvas
// alone), watch-follow.png (the Watch dock following a request) and watch-animation.gif (4 s
// of the shop at 1/20 of real time, as Save Animation… writes it) there.
#include "BuiltinExamples.h"
#include "CanvasScene.h"
#include "CanvasView.h"
#include "MainWindow.h"
#include "WatchOverlay.h"
#include "WatchPanel.h"
#include "watch/WatchSession.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QImageReader>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using Ui::MainWindow;
using Ui::WatchPanel;

namespace {

int exampleIndex(const QString &resource)
{
    const QList<Ui::BuiltinExample> examples = Ui::builtinExamples();
    for (int i = 0; i < examples.size(); ++i) {
        if (examples.at(i).resourcePath == resource)
            return i;
    }
    return -1;
}

void screenshot(QWidget &window, const QString &name)
{
    if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(100);
        QVERIFY(window.grab().save(QDir(dir).filePath(name)));
    }
}

} // namespace

class tst_WatchPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_watchpanel"));
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void watchTheShop()
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        const int shop = exampleIndex(QStringLiteral(":/examples/shop-microservices.json"));
        QVERIFY(shop >= 0);
        QVERIFY(window.openExample(shop));
        Ui::CanvasScene *scene = window.currentScene();
        QVERIFY(scene);

        auto *action = window.findChild<QAction *>(QStringLiteral("watchAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
        WatchPanel *panel = window.watchPanel();
        panel->setWindowS(5);
        action->trigger();
        QVERIFY(panel->isRecording() || panel->session());
        QVERIFY(panel->waitForRecording(120000));
        const Model::WatchSession *session = panel->session();
        QVERIFY(session);
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("watchDock"))->isVisible());
        QCOMPARE(session->endTime(), Sim::secondsToTicks(5));
        QVERIFY(panel->message().contains(QLatin1String("first 5 s")));
        Ui::WatchOverlay *overlay = panel->overlay();
        QVERIFY(overlay && overlay->scene() == scene);
        QCOMPARE(session->position(), std::size_t(0));

        // stepping applies one event at a time
        for (std::size_t i = 1; i <= 40; ++i) {
            panel->stepEvent();
            QCOMPARE(session->position(), i);
        }
        QVERIFY(!panel->isPlaying());

        // 1/100 of real time: half a second of wall time is 5 ms of the run
        panel->restart();
        QCOMPARE(session->position(), std::size_t(0));
        panel->setSpeed(0.01);
        panel->advance(0.5);
        QCOMPARE(session->time(), Sim::Tick(5'000'000));
        // real time: on to 0.8 s, where requests are everywhere
        panel->setSpeed(1);
        panel->advance(0.795);
        QCOMPARE(session->time(), Sim::secondsToTicks(0.8));
        const std::vector<Model::WatchDot> dots = session->dots();
        QVERIFY(dots.size() > 20);

        // the theory table lists the components with a limit
        auto *theory = panel->findChild<QTableWidget *>(QStringLiteral("watchTheory"));
        QVERIFY(theory);
        QCOMPARE(theory->rowCount(), static_cast<int>(session->theory().size()));
        QVERIFY(theory->rowCount() >= 3);
        QVERIFY(!overlay->theoryLabel(session->theory().first().comp).isEmpty());
        // under the table: the notes of the first component where theory and run differ
        int differs = 0;
        while (differs < theory->rowCount() && !session->theory().at(differs).differs)
            ++differs;
        QVERIFY(differs < theory->rowCount());
        QCOMPARE(theory->currentRow(), differs);
        const Model::WatchTheory &t = session->theory().at(differs);
        QVERIFY(theory->item(differs, 0)->text().endsWith(QStringLiteral("≠")));
        QVERIFY2(panel->theoryNotes().contains(t.notes.first().toHtmlEscaped()),
                 qPrintable(panel->theoryNotes()));
        screenshot(window, QStringLiteral("watch-mode.png"));
        screenshot(*window.currentView(), QStringLiteral("watch-canvas.png"));

        // a click on a dot follows its request: path and timings in the dock
        Ui::CanvasView *view = window.currentView();
        const Model::WatchDot *pick = nullptr;
        for (const Model::WatchDot &d : dots) {
            if (d.from >= 0) {
                pick = &d;
                break;
            }
        }
        QVERIFY(pick);
        const QPointF at = overlay->dotPosition(pick->from, pick->comp, pick->fraction);
        QCOMPARE(overlay->dotAt(at), pick->visit);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(at));
        const int root = session->visits()[std::size_t(pick->visit)].root;
        QCOMPARE(overlay->followed(), root);
        const QString path = panel->followText();
        const QString target = QString::fromStdString(
            session->spec().components[std::size_t(pick->comp)].id);
        QVERIFY2(path.contains(target) && path.contains(QLatin1String(" ms")), qPrintable(path));
        QVERIFY2(path.contains(QLatin1String("in progress")), qPrintable(path));
        screenshot(*panel, QStringLiteral("watch-follow.png"));

        // as fast as possible: several thousand events a frame, and it stops at the end
        panel->setSpeed(0);
        panel->play();
        QVERIFY(panel->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(session->atEnd() || !panel->isPlaying(), 60000);
        QCOMPARE(session->position(), session->eventCount());

        // the animation from the start: an animated GIF of 1 s at 10 frames a second, and a
        // PNG sequence of 3 frames
        panel->restart();
        panel->setSpeed(0.1);
        QTemporaryDir dir;
        QString error;
        const QString gif = dir.filePath(QStringLiteral("watch.gif"));
        QVERIFY2(panel->exportAnimation(gif, 1, 10, &error), qPrintable(error));
        QCOMPARE(session->time(), Sim::Tick(90'000'000)); // 9 steps of 0.1 s x 1/10
        const QSize frameSize = panel->frame().size();
        QVERIFY(frameSize.width() > 300 && frameSize.width() <= 960);
        QImageReader reader(gif);
        QCOMPARE(reader.imageCount(), 10);
        QCOMPARE(reader.size(), frameSize);
        for (int i = 0; i < 10; ++i)
            QVERIFY2(!reader.read().isNull(), qPrintable(reader.errorString()));
        QVERIFY(panel->exportAnimation(dir.filePath(QStringLiteral("frame.png")), 0.3, 10, &error));
        for (const char *name : {"frame-0001.png", "frame-0002.png", "frame-0003.png"})
            QCOMPARE(QImage(dir.filePath(QLatin1String(name))).size(), frameSize);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("frame-0004.png"))));
        QVERIFY(
            !panel->exportAnimation(QStringLiteral("/nonexistent-folder/x.gif"), 1, 10, &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent-folder/x.gif")));
        if (const QString shots = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
            !shots.isEmpty()) {
            panel->restart();
            panel->setSpeed(0.05);
            QVERIFY2(panel->exportAnimation(QDir(shots).filePath(
                                                QStringLiteral("watch-animation.gif")),
                                            4,
                                            10,
                                            &error),
                     qPrintable(error));
        }

        // closing the dock leaves watch mode
        window.findChild<QDockWidget *>(QStringLiteral("watchDock"))->close();
        QVERIFY(!panel->session());
        QVERIFY(!panel->overlay());
        for (QGraphicsItem *item : scene->items())
            QVERIFY(item->type() != Ui::WatchOverlay::Type);
    }
};

QTEST_MAIN(tst_WatchPanel)

#include "tst_watchpanel.moc"
