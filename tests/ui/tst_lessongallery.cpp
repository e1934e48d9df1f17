// SPDX-License-Identifier: GPL-3.0-or-later
// The gallery of lessons (Help > Lessons…, the start page) on the offscreen platform: it
// lists every lesson of resources/lessons; opening one adds its scenario to the project,
// shows it in the editor and its text, what to notice and what to try in the Lesson dock.
// ARCHSIM_SCREENSHOT_DIR=dir writes lesson-gallery.png and lesson-open.png there.
#include "LessonGallery.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using Ui::MainWindow;

namespace {

/** The lessons of the source tree, by file name, parsed. */
QList<Model::Scenario> sourceLessons()
{
    QList<Model::Scenario> lessons;
    const QDir dir(TestSupport::sourcePath(QStringLiteral("resources/lessons")));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const Model::ScenarioLoad load = Model::loadScenarioFile(dir.filePath(file));
        if (load.scenario && load.scenario->lesson)
            lessons.append(*load.scenario);
    }
    return lessons;
}

bool runToEnd(MainWindow &window)
{
    QSignalSpy ended(&window, &MainWindow::runEnded);
    if (!window.startRun())
        return false;
    return ended.wait(120000) || ended.count() == 1;
}

} // namespace

class tst_LessonGallery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lessongallery"));
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void galleryListsEveryLesson()
    {
        const QList<Model::Scenario> sources = sourceLessons();
        QVERIFY(sources.size() >= 12);
        MainWindow window;
        QCOMPARE(window.lessonCount(), sources.size());

        // Help > Lessons… opens the gallery
        auto *action = window.findChild<QAction *>(QStringLiteral("lessonsAction"));
        QVERIFY(action);
        action->trigger();
        auto *gallery = window.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery"));
        QVERIFY(gallery);
        QVERIFY(gallery->isVisible());
        QCOMPARE(gallery->lessonCount(), sources.size());
        QCOMPARE(window.openLessonGallery(), gallery); // one gallery, raised again

        // one card per lesson, with its title and the start of its text
        const QList<QFrame *> cards = gallery->findChildren<QFrame *>(QStringLiteral("lessonCard"));
        QCOMPARE(cards.size(), sources.size());
        QStringList titles;
        for (QFrame *card : cards) {
            const auto *title = card->findChild<QLabel *>(QStringLiteral("lessonTitle"));
            const auto *summary = card->findChild<QLabel *>(QStringLiteral("lessonSummary"));
            QVERIFY(title && summary);
            titles << title->text();
            const auto it = std::find_if(sources.cbegin(),
                                         sources.cend(),
                                         [&](const Model::Scenario &s) {
                                             return s.lesson->title == title->text();
                                         });
            QVERIFY2(it != sources.cend(), qPrintable(title->text()));
            QVERIFY(!summary->text().isEmpty());
            QVERIFY(it->lesson->text.startsWith(summary->text()));
        }
        titles.removeDuplicates();
        QCOMPARE(titles.size(), sources.size());
        // the order of resources/lessons/order.txt: the blocked event loop first
        QCOMPARE(cards.first()->findChild<QLabel *>(QStringLiteral("lessonTitle"))->text(),
                 QStringLiteral("The event loop must not block"));

        if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            gallery->resize(1100, 760);
            QTest::qWait(50);
            QVERIFY(gallery->grab().save(QDir(dir).filePath(QStringLiteral("lesson-gallery.png"))));
        }
        gallery->close();
    }

    void openingALessonShowsItsScenarioAndCaptions()
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.newProject());
        const int before = int(window.project()->scenarioIds().size());
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("lessonDock"));
        QVERIFY(dock);
        QVERIFY(dock->isHidden()); // the new project's scenario is no lesson

        Ui::LessonGallery *gallery = window.openLessonGallery();
        QVERIFY(gallery);
        // the third card: connection pool exhaustion (order.txt)
        auto *open = gallery->findChild<QPushButton *>(QStringLiteral("openLesson2"));
        QVERIFY(open);
        QTest::mouseClick(open, Qt::LeftButton);
        QTRY_VERIFY(!window.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery")));

        // a new scenario of the project, not saved yet, is the lesson's scenario
        QCOMPARE(int(window.project()->scenarioIds().size()), before + 1);
        QVERIFY(window.isModified());
        const Model::ScenarioLoad source = Model::loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/lessons/pool-exhaustion.json")));
        QVERIFY(source.scenario);
        QCOMPARE(window.currentScenarioId(), window.project()->scenarioIds().last());
        const Model::Scenario &shown = window.currentDocument()->scenario();
        QCOMPARE(shown.name, source.scenario->name);
        QCOMPARE(shown.components.size(), source.scenario->components.size());
        QCOMPARE(shown.lesson, source.scenario->lesson);

        // its text, what to notice and what to try, beside the canvas
        QVERIFY(!dock->isHidden());
        const QString text = window.lessonPanel()->text();
        const Model::Lesson &lesson = *source.scenario->lesson;
        QVERIFY2(text.contains(lesson.title), qPrintable(text));
        QVERIFY(text.contains(lesson.text));
        QVERIFY(text.contains(QStringLiteral("What to notice")));
        for (const QString &n : lesson.notice)
            QVERIFY2(text.contains(n), qPrintable(n));
        QVERIFY(text.contains(QStringLiteral("Try this")));
        for (const Model::LessonTry &t : lesson.tries) {
            QVERIFY2(text.contains(t.text), qPrintable(t.text));
            QVERIFY2(text.contains(t.field), qPrintable(t.field));
        }
        QVERIFY(text.contains(QStringLiteral("components[api].pools.db = 10")));

        // it runs as any scenario does
        QVERIFY(runToEnd(window));
        QVERIFY(window.shownResult());
        QVERIFY(window.shownResult()->request("query"));
        if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(100);
            QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("lesson-open.png"))));
        }

        // another scenario, without a lesson: the dock goes
        QVERIFY(window.showScenario(window.project()->scenarioIds().first()));
        QVERIFY(dock->isHidden());
        QVERIFY(window.showScenario(window.project()->scenarioIds().last()));
        QVERIFY(!dock->isHidden());
    }

    void theGalleryIsTheStartPage()
    {
        // nothing to open (no file, no last project: the test's settings are new): the
        // example project, with the gallery over it
        MainWindow window;
        window.openStartup();
        QVERIFY(window.project()->scenarioIds().size() >= 9);
        QTRY_VERIFY(window.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery")));
        window.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery"))->chooseLesson(0);
        QTRY_VERIFY(!window.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery")));
        QCOMPARE(window.currentDocument()->scenario().lesson->title,
                 QStringLiteral("The event loop must not block"));

        // a file to open: no start page
        MainWindow other;
        other.openStartup(
            TestSupport::sourcePath(QStringLiteral("resources/lessons/promise-all.json")));
        QCOMPARE(other.currentDocument()->scenario().lesson->title,
                 QStringLiteral("Sequential awaits versus Promise.all"));
        QTest::qWait(50);
        QVERIFY(!other.findChild<Ui::LessonGallery *>(QStringLiteral("lessonGallery")));
    }

    void everyLessonOpens()
    {
        MainWindow window;
        QVERIFY(window.newProject());
        for (int i = 0; i < window.lessonCount(); ++i) {
            QVERIFY(window.openLesson(i));
            QVERIFY(window.currentDocument()->scenario().lesson.has_value());
            QVERIFY(!window.lessonPanel()->text().isEmpty());
        }
        QVERIFY(!window.openLesson(window.lessonCount()));
    }
};

QTEST_MAIN(tst_LessonGallery)
#include "tst_lessongallery.moc"
