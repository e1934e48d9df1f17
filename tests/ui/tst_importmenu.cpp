// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import > Compose… / Kubernetes… (docs/import.md) in the main window: the import
// opens as a new, unsaved scenario in the editor, and its problems panel lists the defaults
// to review, the keys not imported and the container lint's findings with their lines;
// malformed files are refused with the file and line, and the project is left as it was.
#include "MainWindow.h"
#include "ProjectDocument.h"
#include "TestSupport.h"
#include "canvas/CanvasScene.h"
#include "inspector/ProblemsPanel.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Ui::MainWindow;

namespace {

QString fixture(const QString &name)
{
    return TestSupport::sourcePath(QStringLiteral("tests/fixtures/import/") + name);
}

/** The severity column of every row of the shown scenario's problems panel. */
QStringList severities(const MainWindow &window)
{
    QStringList out;
    const Ui::ProblemListModel *model = window.currentProblemsPanel()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, Ui::ProblemListModel::SeverityColumn).data().toString();
    return out;
}

} // namespace

class tst_ImportMenu : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_importmenu"));
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void menuHasTheImports()
    {
        MainWindow window;
        window.newProject();
        const auto menu = window.findChild<QMenu *>(QStringLiteral("importMenu"));
        QVERIFY(menu);
        QVERIFY(menu->isEnabled());
        QStringList names;
        for (QAction *a : menu->actions())
            names << a->objectName();
        QCOMPARE(names,
                 QStringList({"importComposeAction",
                              "importKubernetesAction",
                              "importKubernetesFolderAction"}));
    }

    void composeOpensAsUnsavedScenarioWithItsReview()
    {
        MainWindow window;
        window.newProject();
        QVERIFY(!window.isModified());
        const int before = window.project()->scenarioCount();
        QVERIFY(window.importContainerFiles(fixture(QStringLiteral("compose-quickstart.yaml"))));
        QCOMPARE(window.project()->scenarioCount(), before + 1);
        QVERIFY(window.isModified());
        const Model::Scenario &s = window.currentDocument()->scenario();
        QCOMPARE(s.name, QStringLiteral("compose-quickstart.yaml"));
        QCOMPARE(s.workload.entry, QStringLiteral("app"));
        QVERIFY(s.component(QStringLiteral("rabbitmq")));
        // it validates at once: no error among its own problems
        QVERIFY(!Model::hasErrors(window.currentDocument()->problems()));
        // the canvas shows every component
        QCOMPARE(window.currentScene()->componentItems().size(), s.components.size());

        // the problems panel: the defaults, the notes and the container findings, with lines
        const QStringList rows = severities(window);
        QVERIFY(rows.contains(QStringLiteral("import default")));
        QVERIFY(rows.contains(QStringLiteral("container warning")));
        const Ui::ProblemListModel *model = window.currentProblemsPanel()->model();
        bool portConflict = false;
        bool cpuDefault = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const Model::ImportReviewItem *item = model->importItemAt(row);
            if (!item)
                continue;
            const QString message
                = model->index(row, Ui::ProblemListModel::MessageColumn).data().toString();
            if (message.startsWith(QStringLiteral("container-port-conflict"))) {
                portConflict = true;
                // the line of the clashing port in the file
                QCOMPARE(model->index(row, Ui::ProblemListModel::LineColumn).data().toInt(), 44);
                QVERIFY(model->index(row, Ui::ProblemListModel::MessageColumn)
                            .data(Qt::ToolTipRole)
                            .toString()
                            .contains(QStringLiteral("Fix: publish each")));
            }
            if (item->path.endsWith(QStringLiteral(".handlers.request[0].cpu_ms"))
                && item->component == QLatin1String("app")) {
                cpuDefault = true;
                // activating it goes to the field
                const Model::Problem p = model->problemAt(row);
                QCOMPARE(p.path, item->path);
            }
        }
        QVERIFY(portConflict);
        QVERIFY(cpuDefault);
        QVERIFY(window.currentProblemsPanel()->summaryText().contains(
            QStringLiteral("container finding")));

        // the rows stay with the scenario while the session lasts: away and back
        QVERIFY(window.newScenario().size() > 0);
        QVERIFY(!severities(window).contains(QStringLiteral("import default")));
        const QStringList ids = window.project()->scenarioIds();
        QVERIFY(window.showScenario(ids.at(ids.size() - 2)));
        QVERIFY(severities(window).contains(QStringLiteral("import default")));
    }

    void kubernetesFolderImports()
    {
        MainWindow window;
        window.newProject();
        QVERIFY(window.importContainerFiles(fixture(QStringLiteral("k8s-shop"))));
        const Model::Scenario &s = window.currentDocument()->scenario();
        QCOMPARE(s.components.size(), 4);
        QVERIFY(s.component(QStringLiteral("api"))->service.autoscaling.has_value());
        QVERIFY(severities(window).contains(QStringLiteral("import note")));
    }

    void malformedFileIsRefused()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.yaml"));
        QVERIFY(TestSupport::writeBytes(bad, "services:\n  api:\n    deploy: {replicas: lots}\n"));
        MainWindow window;
        window.newProject();
        const int before = window.project()->scenarioCount();
        QVERIFY(!window.importContainerFiles(bad));
        QCOMPARE(window.project()->scenarioCount(), before);
        QVERIFY(!window.isModified());
        const auto box = window.findChild<QMessageBox *>(QStringLiteral("errorMessage"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("bad.yaml:3:")), qPrintable(box->text()));
        QVERIFY(box->text().contains(QStringLiteral("deploy.replicas")));
    }

    void screenshotOfTheReview()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the main window after importing the quick-start
        // Compose file there: the canvas and the review in the problems panel
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        MainWindow window;
        window.resize(1600, 1000);
        window.newProject();
        QVERIFY(window.importContainerFiles(fixture(QStringLiteral("compose-quickstart.yaml"))));
        auto dock = window.findChild<QDockWidget *>(QStringLiteral("problemDock"));
        dock->show();
        window.show();
        window.resizeDocks({dock}, {420}, Qt::Vertical);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(100);
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("import-review.png"))));
    }
};

QTEST_MAIN(tst_ImportMenu)
#include "tst_importmenu.moc"
