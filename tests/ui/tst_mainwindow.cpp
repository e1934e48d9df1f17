// SPDX-License-Identifier: GPL-3.0-or-later
// The main window end to end, on the offscreen platform: the example project, editing with
// the palette, canvas and inspector, undo/redo, save and reopen, runs compared with the
// engine, saved runs, autosave and recovery, and bad files.
#include "ComponentTableModel.h"
#include "FieldMessage.h"
#include "Formatting.h"
#include "LintSettingsDialog.h"
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "NameDialog.h"
#include "PricesDialog.h"
#include "ProjectDocument.h"
#include "ProjectPanel.h"
#include "RequestTableModel.h"
#include "ScenarioEditors.h"
#include "ScenarioIo.h"
#include "SeedSpinBox.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "canvas/CanvasItems.h"
#include "canvas/CanvasScene.h"
#include "canvas/CanvasView.h"
#include "canvas/Palette.h"
#include "compare/CompareDialog.h"
#include "compare/CompareSession.h"
#include "compare/CompareView.h"
#include "editing/DocumentController.h"
#include "inspector/InspectorWidget.h"
#include "inspector/NumberField.h"
#include "inspector/ProblemsPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHeaderView>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUndoGroup>
#include <QUndoStack>

using Ui::MainWindow;

namespace {

const QString kMm1Resource = QStringLiteral(":/examples/mm1.json");

template<typename T>
T *child(const MainWindow &window, const char *name)
{
    return window.findChild<T *>(QString::fromLatin1(name));
}

Model::Scenario readScenario(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const Model::ScenarioLoad load = Model::parseScenario(file.readAll());
    return load.scenario.value_or(Model::Scenario{});
}

QByteArray readBytes(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** The problems the shown scenario's Problems panel lists. */
Model::Problems panelProblems(const MainWindow &window)
{
    Ui::ProblemsPanel *panel = window.currentProblemsPanel();
    return panel ? panel->model()->problems() : Model::Problems{};
}

bool anyProblem(const Model::Problems &problems,
                const QString &pathPrefix,
                const QString &text = {})
{
    for (const Model::Problem &problem : problems) {
        if (problem.path.startsWith(pathPrefix) && problem.message.contains(text))
            return true;
    }
    return false;
}

/** Answers every question of the window with `answer` and counts the questions. */
struct Answers
{
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int asked = 0;
    QString lastText;
    void install(MainWindow &window)
    {
        window.setQuestionHandler([this](const QString &,
                                         const QString &text,
                                         QMessageBox::StandardButtons,
                                         QMessageBox::StandardButton) {
            ++asked;
            lastText = text;
            return answer;
        });
    }
};

void setRunSettings(const MainWindow &window, double durationS, double warmupS, quint64 seed)
{
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(durationS);
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(warmupS);
    child<Ui::SeedSpinBox>(window, "seedSpinBox")->setValue(seed);
}

bool runToEnd(MainWindow &window)
{
    QSignalSpy ended(&window, &MainWindow::runEnded);
    if (!window.startRun())
        return false;
    return ended.wait(120000) || ended.count() == 1;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exampleProjectListsTheBuiltInExamples();
    void openingAnExampleShowsItsSettings();
    void runMatchesTheEngine();
    void runShortcutStartsARun();
    void cancelStopsALongRun();
    void runSettingsAreUndoableEdits();
    void editSaveReopenRoundTrip();
    void savedRunReopensWithoutRunning();
    void autosaveIsOfferedBackAfterACrash();
    void closeAsksWhenModified();
    void damagedScenarioFileShowsItsLineAndStaysUntouched();
    void damagedProjectIsRefusedAndStaysUntouched();
    void invalidValueShowsItsPath();
    void deadLetterQueueIsSimulated();
    void warmupPastDurationIsRefused();
    void exportWritesTheContractFormat();
    void recoveryIsOfferedOnlyAfterTheOpenProjectIsSafe();
    void undoneChangesLeaveNoRecoveryBehind();
    void damagedJsonOpenedAsProjectKeepsTheOpenProject();
    void typedTextIsSavedWithoutLeavingTheField();
    void runSettingsEditOnlyTheirField();
    void typingInARunSettingIsNotRewritten();
    void scenarioStaysWhileARunGoesOn();
    void closingDuringARunAsksFirst();
    void deletingAComponentTakesItsStepsAlong();
    void windowLayoutIsRememberedBetweenLaunches();
    void refusedIdSaysWhyAndKeepsTheText();
    void refusedScenarioNameSaysWhy();
    void runsOfAnUntouchedExampleNeedNoSave();
    void runsSayWhatChangedAndCanBeRenamed();
    void helpShowsTheGuideTheShortcutsAndAReport();
    void resultColumnsFitAndNamesStay();
    void comparisonIsListedAfterSaveAndReopen();
    void resultsSayWhetherTheSloWasMet();
    void sharedWorkloadEditsReachEveryScenarioSharingIt();
    void projectPricesCostTheRuns();
    void lintFindingsAreMarkedSilencedAndUndone();
    void overloadedRunStopsWithAVerdictAndTheWindowSurvives();
};

void tst_MainWindow::initTestCase()
{
    // Settings (recent files, last project) and the untitled project's autosave go to a
    // test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void tst_MainWindow::exampleProjectListsTheBuiltInExamples()
{
    MainWindow window;
    QVERIFY(window.openExampleProject());
    const QStringList sources = QDir(TestSupport::sourcePath(QStringLiteral("resources/examples")))
                                    .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(!sources.isEmpty());
    QCOMPARE(window.project()->scenarioCount(), sources.size());

    const auto panel = child<Ui::ProjectPanel>(window, "projectPanel");
    QVERIFY(panel);
    QCOMPARE(panel->topLevelItemCount(), sources.size());
    const Model::Scenario mm1 = readScenario(kMm1Resource);
    // resources/examples/order.txt puts M/M/1 first, then the two shops.
    QCOMPARE(panel->topLevelItem(0)->text(0), mm1.name);
    QCOMPARE(window.project()->scenarioName(window.currentScenarioId()), mm1.name);
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    // An example project is not a change to save.
    QVERIFY(!window.isModified());

    // Every scenario opens in the editor with one canvas card per component, laid out.
    for (const QString &id : window.project()->scenarioIds()) {
        QVERIFY(window.showScenario(id));
        const Model::Document *document = window.currentDocument();
        QVERIFY(document);
        QCOMPARE(window.currentScene()->componentItems().size(),
                 document->scenario().components.size());
        QVERIFY(!window.currentScene()->needsArrange());
    }
    QVERIFY(!window.isModified());
}

void tst_MainWindow::openingAnExampleShowsItsSettings()
{
    MainWindow window;
    window.newProject();
    const int before = window.project()->scenarioCount();
    QVERIFY(window.openExample(0));
    QCOMPARE(window.project()->scenarioCount(), before + 1);
    const Model::Scenario mm1 = readScenario(kMm1Resource);

    QCOMPARE(child<QLabel>(window, "scenarioName")->text(), mm1.name);
    QCOMPARE(child<QLabel>(window, "scenarioDescription")->text(), mm1.description);
    QCOMPARE(child<QDoubleSpinBox>(window, "durationSpinBox")->value(), mm1.simulation.durationS);
    QCOMPARE(child<QDoubleSpinBox>(window, "warmupSpinBox")->value(), mm1.simulation.warmupS);
    QCOMPARE(child<Ui::SeedSpinBox>(window, "seedSpinBox")->value(),
             static_cast<std::uint64_t>(mm1.simulation.seed));
    QCOMPARE(child<QSpinBox>(window, "replicationsSpinBox")->value(), mm1.simulation.replications);
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(panelProblems(window).isEmpty());
    QVERIFY(!window.openExample(window.exampleCount()));
    QVERIFY(window.isModified()); // a scenario was added
}

void tst_MainWindow::runMatchesTheEngine()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    setRunSettings(window, 20, 2, 7);

    QSignalSpy ended(&window, &MainWindow::runEnded);
    const auto run = child<QAction>(window, "runAction");
    QVERIFY(run && run->isEnabled());
    run->trigger();
    QVERIFY(window.isRunning());
    QVERIFY(!run->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 120000);
    QCOMPARE(ended.count(), 1);

    // The same scenario with the same settings, straight through the engine (what
    // `archsim-cli run mm1.json --duration 20 --warmup 2 --seed 7` runs).
    Model::Scenario scenario = readScenario(kMm1Resource);
    scenario.simulation.durationS = 20;
    scenario.simulation.warmupS = 2;
    scenario.simulation.seed = 7;
    const Model::CompiledScenario compiled = Model::compileScenario(scenario);
    QVERIFY(compiled.ok());
    const Sim::RunResult expected = Sim::runSimulation(compiled.spec);
    QVERIFY(!expected.requests.empty());
    const Sim::RequestResult &all = expected.requests.front();

    const auto view = child<QTableView>(window, "requestsTable");
    QVERIFY(view);
    const QAbstractItemModel *model = view->model();
    QCOMPARE(model->rowCount(), static_cast<int>(expected.requests.size()));
    using Ui::RequestTableModel;
    QCOMPARE(model->index(0, RequestTableModel::Name).data().toString(), QStringLiteral("_all"));
    const double mean = model->index(0, RequestTableModel::Mean).data(Ui::RawValueRole).toDouble();
    // Same spec and seed: bit-identical, so exact comparison on purpose.
    QVERIFY2(mean == all.latencyMs.mean,
             qPrintable(QStringLiteral("GUI %1 ms, engine %2 ms")
                            .arg(mean, 0, 'g', 17)
                            .arg(all.latencyMs.mean, 0, 'g', 17)));
    QCOMPARE(model->index(0, RequestTableModel::Mean).data().toString(),
             Ui::formatMilliseconds(all.latencyMs.mean));
    QCOMPARE(model->index(0, RequestTableModel::Arrived).data(Ui::RawValueRole).toDouble(),
             all.arrived);
    // And the same as archsim-cli prints for the same file and settings.
    QProcess cli;
    cli.start(QStringLiteral(ARCHSIM_CLI),
              {QStringLiteral("run"),
               TestSupport::sourcePath(QStringLiteral("resources/examples/mm1.json")),
               QStringLiteral("--duration"),
               QStringLiteral("20"),
               QStringLiteral("--warmup"),
               QStringLiteral("2"),
               QStringLiteral("--seed"),
               QStringLiteral("7"),
               QStringLiteral("--json"),
               QStringLiteral("-")});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject cliAll = QJsonDocument::fromJson(cli.readAllStandardOutput())
                                   .object()
                                   .value(QStringLiteral("requests"))
                                   .toObject()
                                   .value(QStringLiteral("_all"))
                                   .toObject();
    QVERIFY(!cliAll.isEmpty());
    QCOMPARE(cliAll.value(QStringLiteral("latency_ms"))
                 .toObject()
                 .value(QStringLiteral("mean"))
                 .toDouble(),
             mean);
    QCOMPARE(cliAll.value(QStringLiteral("latency_ms"))
                 .toObject()
                 .value(QStringLiteral("p99"))
                 .toDouble(),
             model->index(0, RequestTableModel::P99).data(Ui::RawValueRole).toDouble());
    QCOMPARE(cliAll.value(QStringLiteral("completed")).toDouble(),
             model->index(0, RequestTableModel::Completed).data(Ui::RawValueRole).toDouble());
    // M/M/1 at utilisation 0.8: 5 ms analytically; 18 measured seconds land near it.
    QVERIFY2(mean > 2.5 && mean < 10, qPrintable(QString::number(mean)));

    const auto components = child<QTableView>(window, "componentsTable");
    QCOMPARE(components->model()->rowCount(), static_cast<int>(expected.components.size()));
    QVERIFY(child<QLabel>(window, "runStatus")->text().contains(QStringLiteral("events/s")));
    QCOMPARE(child<QProgressBar>(window, "runProgress")->value(),
             child<QProgressBar>(window, "runProgress")->maximum());
    QVERIFY(run->isEnabled());

    // The run is kept in the project and shown as heat on the canvas.
    const QList<Model::SavedRun> runs = window.project()->runs(window.currentScenarioId());
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().parameters.seed, quint64(7));
    QVERIFY(window.currentScene()->hasHeat());
    QCOMPARE(window.currentScene()->bottleneck(), QStringLiteral("server"));
    QVERIFY(window.shownResult());
    QCOMPARE(window.shownResult()->requests.front().latencyMs.mean, all.latencyMs.mean);
    // The heat overlay can be switched off and on.
    child<QAction>(window, "heatAction")->setChecked(false);
    QVERIFY(!window.currentScene()->hasHeat());
    child<QAction>(window, "heatAction")->setChecked(true);
    QVERIFY(window.currentScene()->hasHeat());
}

void tst_MainWindow::runShortcutStartsARun()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    setRunSettings(window, 20, 0, 1);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy ended(&window, &MainWindow::runEnded);
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    // A short run may be over before the key click returns: wait for its end.
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
    QVERIFY(!window.isRunning());
    QVERIFY(child<QTableView>(window, "requestsTable")->model()->rowCount() > 0);
}

void tst_MainWindow::cancelStopsALongRun()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    // Eight billion requests: far longer than any test timeout unless cancel works.
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(1e7);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QVERIFY(window.startRun());
    QVERIFY(window.isRunning());
    // One run at a time; the project cannot be replaced meanwhile.
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());
    QVERIFY(!window.openExampleProject());
    QVERIFY(!child<QDoubleSpinBox>(window, "durationSpinBox")->isEnabled());

    QTest::qWait(300);
    QVERIFY(window.isRunning());
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(&window, Qt::Key_Escape); // the Cancel action's shortcut
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 20000);
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));

    QVERIFY(child<QLabel>(window, "runStatus")->text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(child<QLabel>(window, "resultsHeader")->text().contains(QStringLiteral("cancelled")));
    const auto progress = child<QProgressBar>(window, "runProgress");
    QVERIFY(progress->value() < progress->maximum());
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(child<QDoubleSpinBox>(window, "durationSpinBox")->isEnabled());
    // A cancelled run is shown but not kept.
    QVERIFY(window.project()->runs(window.currentScenarioId()).isEmpty());
}

void tst_MainWindow::runSettingsAreUndoableEdits()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    const double before = window.currentDocument()->scenario().simulation.durationS;
    const auto duration = child<QDoubleSpinBox>(window, "durationSpinBox");
    duration->setValue(before + 10);
    QCOMPARE(window.currentDocument()->scenario().simulation.durationS, before + 10);
    QVERIFY(window.undoGroup()->canUndo());
    child<QAction>(window, "undoAction")->trigger();
    QCOMPARE(window.currentDocument()->scenario().simulation.durationS, before);
    QCOMPARE(duration->value(), before); // the panel follows the document
    child<QAction>(window, "redoAction")->trigger();
    QCOMPARE(duration->value(), before + 10);
}

void tst_MainWindow::editSaveReopenRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("drawn.archsim"));

    MainWindow window;
    QVERIFY(window.newProject());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.project()->scenarioCount(), 1);
    Model::Document *document = window.currentDocument();
    QVERIFY(document);
    QVERIFY(document->scenario().components.isEmpty());
    // A new scenario says what is missing: an entry for the workload.
    QVERIFY2(anyProblem(panelProblems(window), QStringLiteral("$.workload.entry")),
             qPrintable(TestSupport::problemsText(panelProblems(window))));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());

    // Add a service and a database from the palette (double-click adds at the centre).
    auto palette = child<Ui::Palette>(window, "palette");
    QVERIFY(palette);
    auto addFromPalette = [&](Model::ComponentKind kind) {
        for (int row = 0; row < palette->count(); ++row) {
            if (palette->kindAt(row) != kind)
                continue;
            const QRect rect = palette->visualItemRect(palette->item(row));
            // What a user's double-click sends: a click, then the double-click.
            QTest::mouseClick(palette->viewport(), Qt::LeftButton, {}, rect.center());
            QTest::mouseDClick(palette->viewport(), Qt::LeftButton, {}, rect.center());
            return true;
        }
        return false;
    };
    QVERIFY(addFromPalette(Model::ComponentKind::Service));
    QCOMPARE(document->scenario().components.size(), 1);
    QVERIFY(addFromPalette(Model::ComponentKind::Database));
    QCOMPARE(document->scenario().components.size(), 2);
    const QString service = document->scenario().components.at(0).id;
    const QString database = document->scenario().components.at(1).id;
    QCOMPARE(document->scenario().components.at(0).kind, Model::ComponentKind::Service);
    QCOMPARE(document->scenario().components.at(1).kind, Model::ComponentKind::Database);

    // Connect them: the link becomes a call step to the database in the service's handler.
    QVERIFY(window.currentScene()->connectComponents(service, database));
    QVERIFY(!window.currentScene()->linkItems().isEmpty());

    // Point the workload at the service through the inspector's workload form... the entry
    // combo is the workload's field for "$.workload.entry".
    Ui::InspectorWidget *inspector = window.currentInspector();
    inspector->showWorkload();
    auto entry = qobject_cast<QComboBox *>(
        inspector->fieldForPath(QStringLiteral("$.workload.entry")));
    QVERIFY(entry);
    entry->setCurrentIndex(entry->findText(service));
    QCOMPARE(document->scenario().workload.entry, service);

    // Edit a field of the service: replicas 3.
    window.currentScene()->selectComponent(service);
    QCOMPARE(inspector->componentId(), service);
    auto replicas = qobject_cast<Ui::NumberField *>(
        inspector->fieldForPath(QStringLiteral("$.components[0].replicas")));
    QVERIFY(replicas);
    replicas->setValue(3);
    QCOMPARE(document->scenario().components.at(0).service.replicas, std::optional<int>(3));
    QVERIFY(window.isModified());
    QVERIFY(window.isWindowModified());

    // Undo and redo the replicas edit.
    child<QAction>(window, "undoAction")->trigger();
    QVERIFY(document->scenario().components.at(0).service.replicas != std::optional<int>(3));
    child<QAction>(window, "redoAction")->trigger();
    QCOMPARE(document->scenario().components.at(0).service.replicas, std::optional<int>(3));

    // The drawn scenario runs (no errors left).
    QVERIFY2(!Model::hasErrors(panelProblems(window)),
             qPrintable(TestSupport::problemsText(panelProblems(window))));

    // Save, then reopen in a fresh window: the same scenario and layout.
    QVERIFY(window.saveProjectAs(path));
    QVERIFY(!window.isModified());
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.windowTitle().contains(QStringLiteral("drawn")));
    const Model::Scenario saved = document->scenario();
    const Model::Layout savedLayout = document->layout();
    // Undo after save marks the project modified again; redo brings it back to clean.
    child<QAction>(window, "undoAction")->trigger();
    QVERIFY(window.isModified());
    child<QAction>(window, "redoAction")->trigger();
    QVERIFY(!window.isModified());
    QVERIFY(MainWindow::recentProjects().contains(QFileInfo(path).absoluteFilePath()));

    MainWindow reopened;
    QVERIFY(reopened.openProject(path));
    QCOMPARE(reopened.project()->scenarioCount(), 1);
    const Model::Document *again = reopened.currentDocument();
    QVERIFY(again);
    QCOMPARE(again->scenario(), saved);
    QCOMPARE(again->layout().positions, savedLayout.positions);
    QVERIFY(!reopened.isModified());
}

void tst_MainWindow::resultsSayWhetherTheSloWasMet()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0)); // M/M/1 at rho 0.8: mean 5 ms
    setRunSettings(window, 20, 2, 7);
    window.currentController()->setSlo(QStringLiteral("mean<50ms,errors<1%"));
    QVERIFY(runToEnd(window));
    const auto header = child<QLabel>(window, "resultsHeader");
    QVERIFY2(header->text().contains(QStringLiteral("SLO <b>mean&lt;50ms,errors&lt;1%</b>"))
                 && header->text().contains(QStringLiteral("<b>met</b>")),
             qPrintable(header->text()));
    // a saved run is judged by the SLO as it is now
    window.currentController()->setSlo(QStringLiteral("mean<1ms"));
    const QString scenarioId = window.project()->scenarioIds().at(1);
    const QList<Model::SavedRun> runs = window.project()->runs(scenarioId);
    QCOMPARE(runs.size(), 1);
    QVERIFY(window.showSavedRun(scenarioId, runs.first().id));
    QVERIFY2(header->text().contains(QStringLiteral("NOT met")), qPrintable(header->text()));
    QVERIFY2(header->text().contains(QStringLiteral(" ms ≥ 1.00 ms")), qPrintable(header->text()));
    // no SLO, no line
    window.currentController()->setSlo(QString());
    QVERIFY(window.showSavedRun(scenarioId, runs.first().id));
    QVERIFY(!header->text().contains(QStringLiteral("SLO")));
}

void tst_MainWindow::sharedWorkloadEditsReachEveryScenarioSharingIt()
{
    MainWindow window;
    QVERIFY(window.openExampleProject());
    QString mono, micro;
    for (const QString &id : window.project()->scenarioIds()) {
        if (window.project()->scenarioName(id) == QStringLiteral("Shop: monolith"))
            mono = id;
        if (window.project()->scenarioName(id) == QStringLiteral("Shop: microservices"))
            micro = id;
    }
    QVERIFY(!mono.isEmpty() && !micro.isEmpty());
    // what ticking "Shared" on the workload page does, in each of the two
    for (const QString &id : {mono, micro}) {
        QVERIFY(window.showScenario(id));
        Model::Workload w = window.currentDocument()->scenario().workload;
        w.shared = true;
        window.currentController()->setWorkload(w);
    }
    QCOMPARE(window.project()->scenariosSharingWorkload(), (QStringList{mono, micro}));
    Model::Workload w = window.currentDocument()->scenario().workload;
    w.arrivals.ratePerS = 900;
    window.currentController()->setWorkload(w);
    const Model::Document *other = window.project()->document(mono);
    QCOMPARE(other->scenario().workload.arrivals.ratePerS, std::optional<double>(900));
    QVERIFY(other->scenario().workload.entry != w.entry); // each keeps its own entry
    const QString status = child<QLabel>(window, "runStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("other scenario"))
                 && status.contains(QStringLiteral("“Shop: monolith”")),
             qPrintable(status));
    // undo in the one edited takes both back
    window.currentController()->undoStack()->undo();
    QCOMPARE(other->scenario().workload.arrivals.ratePerS, std::optional<double>(600));
}

void tst_MainWindow::projectPricesCostTheRuns()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0)); // M/M/1: one service with one core
    setRunSettings(window, 20, 2, 7);
    QVERIFY(runToEnd(window));
    const auto header = child<QLabel>(window, "resultsHeader");
    QVERIFY2(header->text().contains(QStringLiteral("Cost: $")), qPrintable(header->text()));

    Ui::PricesDialog *dialog = window.openPricesDialog();
    QVERIFY(dialog);
    QLineEdit *vcpu = dialog->field(QStringLiteral("vcpu_hour"));
    QLineEdit *gb = dialog->field(QStringLiteral("gb_hour"));
    QVERIFY(vcpu && gb);
    QVERIFY(vcpu->placeholderText().contains(QStringLiteral("default")));
    if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("prices-dialog.png"))));
    vcpu->setText(QStringLiteral("-1"));
    dialog->accept();
    QVERIFY(dialog->isVisible()); // refused, with the reason
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("pricesMessage"))
                ->text()
                .contains(QStringLiteral("not a price")));
    vcpu->setText(QStringLiteral("2"));
    gb->setText(QStringLiteral("0"));
    dialog->accept();
    QCOMPARE(window.project()->prices()->vcpuHour, std::optional<double>(2));
    // the shown run is priced again: 1 core at $2 an hour
    QVERIFY2(header->text().contains(QStringLiteral("Cost: $2.00 per hour")),
             qPrintable(header->text()));
}

void tst_MainWindow::lintFindingsAreMarkedSilencedAndUndone()
{
    MainWindow window;
    window.resize(1600, 1000);
    QVERIFY(window.openExampleProject());
    QString micro;
    for (const QString &id : window.project()->scenarioIds()) {
        if (window.project()->scenarioName(id) == QStringLiteral("Shop: microservices"))
            micro = id;
    }
    QVERIFY(window.showScenario(micro));
    // docs/lint.md: retry-without-backoff on cart and orders, unbounded-queue on order_events
    Ui::CanvasScene *scene = window.currentScene();
    QCOMPARE(scene->lintMarks(QStringLiteral("cart")).size(), 1);
    QVERIFY(scene->lintMarks(QStringLiteral("cart"))
                .first()
                .startsWith(QStringLiteral("retry-without-backoff: ")));
    QCOMPARE(scene->lintMarks(QStringLiteral("orders")).size(), 1);
    QCOMPARE(scene->lintMarks(QStringLiteral("order_events")).size(), 1);
    QVERIFY(scene->lintMarks(QStringLiteral("catalog")).isEmpty());
    Ui::ProblemsPanel *panel = window.currentProblemsPanel();
    QCOMPARE(panel->model()->findings().size(), std::size_t(3));

    // a click on a finding selects its component on the canvas (issue 12)
    int clicked = 0;
    for (int row = 0; row < panel->model()->rowCount(); ++row) {
        const Model::LintFinding *f = panel->model()->findingAt(row);
        if (!f || f->component != QLatin1String("orders"))
            continue;
        scene->clearSelection();
        QTableView *view = panel->view();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect cell = view->visualRect(panel->model()->index(row, 0));
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(scene->selectedComponentIds(), QStringList{QStringLiteral("orders")});
        ++clicked;
    }
    QCOMPARE(clicked, 1);

    // silencing one: gone from the panel and the canvas, listed as silenced; one undo step
    auto *editors = window.findChild<Ui::ScenarioEditors *>(QStringLiteral("scenarioEditors"));
    QVERIFY(editors);
    const Model::LintFinding cart = panel->model()->findings().front();
    QCOMPARE(cart.component, QStringLiteral("cart"));
    QVERIFY(!editors->silence(cart, QStringLiteral("  "))); // a reason is needed
    QVERIFY(editors->silence(cart, QStringLiteral("Catalog answers from memory.")));
    QVERIFY(scene->lintMarks(QStringLiteral("cart")).isEmpty());
    QCOMPARE(panel->model()->findings().size(), std::size_t(2));
    QVERIFY2(panel->summaryText().contains(QStringLiteral("(1 silenced)")),
             qPrintable(panel->summaryText()));
    QCOMPARE(window.project()->lintSettings().silenced.size(), 1);
    QVERIFY(window.project()->structureModified());
    QUndoStack *undo = window.currentController()->undoStack();
    QCOMPARE(undo->undoText(), QStringLiteral("Silence retry-without-backoff for cart"));
    undo->undo();
    QCOMPARE(scene->lintMarks(QStringLiteral("cart")).size(), 1);
    QCOMPARE(window.project()->lintSettings().silenced.size(), 0);
    undo->redo();
    QVERIFY(scene->lintMarks(QStringLiteral("cart")).isEmpty());

    // Lint Settings: the silence listed with its reason; removing it and raising a threshold
    Ui::LintSettingsDialog *dialog = window.openLintSettingsDialog();
    QVERIFY(dialog);
    QTableWidget *table = dialog->silencedTable();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Shop: microservices"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Catalog answers from memory."));
    if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("lint-settings.png"))));
    dialog->removeSilence(0);
    QCOMPARE(table->rowCount(), 0);
    dialog->findChild<QSpinBox *>(QStringLiteral("syncChainMaxHops"))->setValue(6);
    dialog->accept();
    QCOMPARE(window.project()->lintSettings().silenced.size(), 0);
    QCOMPARE(window.project()->lintSettings().thresholds.syncChainMaxHops, 6);
    QCOMPARE(scene->lintMarks(QStringLiteral("cart")).size(), 1);
    QCOMPARE(undo->undoText(), QStringLiteral("Change Lint Settings"));
    undo->undo();
    QCOMPARE(window.project()->lintSettings().silenced.size(), 1);
    QCOMPARE(window.project()->lintSettings().thresholds.syncChainMaxHops, 3);

    // an edit that fixes the anti-pattern takes its badge away
    Model::Component orders = *window.currentDocument()->component(QStringLiteral("orders"));
    int fixed = 0;
    for (Model::Handler &handler : orders.service.handlers) {
        for (Model::Step &step : handler.steps) {
            if (step.kind == Model::Step::Kind::Call && step.retries.value_or(0) > 0) {
                step.backoffMs = 100;
                step.jitter = 0.5;
                ++fixed;
            }
        }
    }
    QVERIFY(fixed > 0);
    window.currentController()->setComponent(orders);
    QVERIFY(scene->lintMarks(QStringLiteral("orders")).isEmpty());
    if (const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR"); !dir.isEmpty()) {
        undo->undo(); // the finding back, for the picture
        window.findChild<QDockWidget *>(QStringLiteral("problemDock"))->show();
        QTest::qWait(50);
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("lint-problems.png"))));
        // the canvas at its own size: the badges readable
        const QRectF area = scene->contentRect();
        QImage canvas(area.size().toSize(), QImage::Format_ARGB32);
        canvas.fill(Qt::white);
        QPainter painter(&canvas);
        scene->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
        painter.end();
        QVERIFY(canvas.save(QDir(dir).filePath(QStringLiteral("lint-canvas.png"))));
    }
}

void tst_MainWindow::savedRunReopensWithoutRunning()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.archsim"));
    double mean = 0;
    {
        MainWindow window;
        window.newProject();
        QVERIFY(window.openExample(0));
        setRunSettings(window, 10, 1, 3);
        QVERIFY(runToEnd(window));
        QVERIFY(window.shownResult());
        mean = window.shownResult()->requests.front().latencyMs.mean;
        QVERIFY(window.saveProjectAs(path));
    }
    MainWindow window;
    QVERIFY(window.openProject(path));
    // The project opens on its first scenario (the empty one of newProject()); the M/M/1
    // scenario's newest run shows as soon as it is picked, without a run.
    const QStringList ids = window.project()->scenarioIds();
    QCOMPARE(ids.size(), 2);
    QVERIFY(window.showScenario(ids.at(1)));
    QVERIFY(!window.isRunning());
    QVERIFY(window.shownResult());
    QCOMPARE(window.shownResult()->requests.front().latencyMs.mean, mean);
    const QAbstractItemModel *model = child<QTableView>(window, "requestsTable")->model();
    QCOMPARE(model->index(0, Ui::RequestTableModel::Mean).data(Ui::RawValueRole).toDouble(), mean);
    QVERIFY(child<QLabel>(window, "resultsHeader")->text().contains(QStringLiteral("saved run")));
    QVERIFY(window.currentScene()->hasHeat());
    // It is listed under its scenario in the project panel.
    const auto panel = child<Ui::ProjectPanel>(window, "projectPanel");
    const QList<Model::SavedRun> runs = window.project()->runs(ids.at(1));
    QCOMPARE(runs.size(), 1);
    QTreeWidgetItem *runItem = panel->runItem(ids.at(1), runs.first().id);
    QVERIFY(runItem);
    // Its line says when, how long, which seed and the p99 it measured.
    const QString expectedP99 = QStringLiteral("p99 %1 ms")
                                    .arg(Ui::formatMilliseconds(
                                        window.shownResult()->requests.front().latencyMs.p99));
    QVERIFY2(runItem->text(0).contains(expectedP99)
                 && runItem->text(0).contains(QStringLiteral("seed 3")),
             qPrintable(runItem->text(0) + QStringLiteral(" / ") + expectedP99));
    QVERIFY(window.showSavedRun(ids.at(1), runs.first().id));
    QCOMPARE(panel->selectedRunId(), runs.first().id);
}

void tst_MainWindow::autosaveIsOfferedBackAfterACrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("recover.archsim"));
    QByteArray savedBytes;
    double edited = 0;
    {
        auto window = std::make_unique<MainWindow>();
        window->newProject();
        QVERIFY(window->openExample(0));
        QVERIFY(window->saveProjectAs(path));
        savedBytes = readBytes(path);
        QVERIFY(!savedBytes.isEmpty());
        window->setAutosaveInterval(50);
        edited = window->currentDocument()->scenario().simulation.durationS + 123;
        child<QDoubleSpinBox>(*window, "durationSpinBox")->setValue(edited);
        QVERIFY(window->isModified());
        // The autosave timer writes a recovery copy next to the project, never the project.
        QTRY_VERIFY_WITH_TIMEOUT(Model::ProjectDocument::findRecovery(path).has_value(), 5000);
        QCOMPARE(readBytes(path), savedBytes);
        // A crash: the window goes away without asking or saving (no close event).
        window.reset();
    }
    QVERIFY(Model::ProjectDocument::findRecovery(path).has_value());

    MainWindow window;
    Answers answers;
    answers.answer = QMessageBox::Yes;
    answers.install(window);
    window.openStartup(path);
    QCOMPARE(answers.asked, 1);
    QVERIFY(answers.lastText.contains(QStringLiteral("autosave")));
    QCOMPARE(window.project()->path(), QFileInfo(path).absoluteFilePath());
    QVERIFY(window.isModified()); // recovered, not yet saved
    const QStringList ids = window.project()->scenarioIds();
    QVERIFY(window.showScenario(ids.last()));
    QCOMPARE(window.currentDocument()->scenario().simulation.durationS, edited);
    QCOMPARE(readBytes(path), savedBytes);
    // Saving keeps the recovered state and removes the copy.
    QVERIFY(window.saveProject());
    QVERIFY(!Model::ProjectDocument::findRecovery(path).has_value());

    // Declining the offer opens the saved file and deletes the copy.
    window.setAutosaveInterval(50);
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(edited + 1);
    QTRY_VERIFY_WITH_TIMEOUT(Model::ProjectDocument::findRecovery(path).has_value(), 5000);
    MainWindow other;
    Answers no;
    no.answer = QMessageBox::No;
    no.install(other);
    other.openStartup(path);
    QCOMPARE(no.asked, 1);
    QVERIFY(!other.isModified());
    QVERIFY(!Model::ProjectDocument::findRecovery(path).has_value());
    QVERIFY(other.showScenario(other.project()->scenarioIds().last()));
    QCOMPARE(other.currentDocument()->scenario().simulation.durationS, edited);
}

void tst_MainWindow::closeAsksWhenModified()
{
    MainWindow window;
    Answers answers;
    answers.install(window);
    window.openExampleProject();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Nothing changed: closes without a question.
    QVERIFY(window.close());
    QCOMPARE(answers.asked, 0);

    window.show();
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(42);
    QVERIFY(window.isWindowModified());
    QVERIFY(window.windowTitle().contains(QStringLiteral("[*]")) || window.isWindowModified());
    answers.answer = QMessageBox::Cancel;
    QVERIFY(!window.close());
    QCOMPARE(answers.asked, 1);
    QVERIFY(window.isVisible());
    answers.answer = QMessageBox::Discard;
    QVERIFY(window.close());
    QCOMPARE(answers.asked, 2);

    // New Project asks too, and Cancel keeps everything.
    window.show();
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(43);
    const int scenarios = window.project()->scenarioCount();
    answers.answer = QMessageBox::Cancel;
    QVERIFY(!window.newProject());
    QCOMPARE(window.project()->scenarioCount(), scenarios);
}

void tst_MainWindow::damagedScenarioFileShowsItsLineAndStaysUntouched()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("damaged.json"));
    // Line 4 breaks off in the middle of an object.
    const QByteArray damaged = "{\n"
                               "  \"format\": \"archsim-scenario\",\n"
                               "  \"version\": 1,\n"
                               "  \"name\": \"Damaged\", \"description\": ]\n"
                               "}\n";
    QVERIFY(TestSupport::writeBytes(path, damaged));
    const QDateTime modified = QFileInfo(path).lastModified();

    MainWindow window;
    window.openExampleProject();
    const int scenarios = window.project()->scenarioCount();
    QVERIFY(!window.openScenarioFile(path));
    QCOMPARE(window.project()->scenarioCount(), scenarios);

    auto box = window.findChild<QMessageBox *>(QStringLiteral("errorMessage"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("line 4")), qPrintable(box->text()));
    QVERIFY(child<QLabel>(window, "runStatus")->text().contains(QStringLiteral("line 4")));
    QCOMPARE(readBytes(path), damaged);
    QCOMPARE(QFileInfo(path).lastModified(), modified);

    // A missing file is refused the same way.
    QVERIFY(!window.openScenarioFile(dir.filePath(QStringLiteral("missing.json"))));
    QCOMPARE(window.project()->scenarioCount(), scenarios);
}

void tst_MainWindow::damagedProjectIsRefusedAndStaysUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.archsim"));
    QByteArray bytes = "SQLite format 3";
    bytes.append(char(0));
    bytes.append(QByteArray(4000, 'x'));
    QVERIFY(TestSupport::writeBytes(path, bytes));
    const QDateTime modified = QFileInfo(path).lastModified();

    MainWindow window;
    window.openExampleProject();
    const QStringList ids = window.project()->scenarioIds();
    QVERIFY(!window.openProject(path));
    QCOMPARE(window.project()->scenarioIds(), ids); // the open project stays
    auto box = window.findChild<QMessageBox *>(QStringLiteral("errorMessage"));
    QVERIFY(box);
    // the reason is in the message itself, not behind "Show Details..."
    QString reason;
    QVERIFY(!Model::ProjectDocument().load(path, &reason));
    QVERIFY(!reason.isEmpty());
    QVERIFY2(box->text().contains(reason), qPrintable(box->text()));
    QVERIFY(box->detailedText().isEmpty());
    QCOMPARE(readBytes(path), bytes);
    QCOMPARE(QFileInfo(path).lastModified(), modified);

    // A text file that is not a project.
    const QString text = dir.filePath(QStringLiteral("notes.archsim"));
    QVERIFY(TestSupport::writeBytes(text, "just some notes\n"));
    QVERIFY(!window.openProject(text));
    QCOMPARE(readBytes(text), QByteArray("just some notes\n"));
}

void tst_MainWindow::invalidValueShowsItsPath()
{
    QByteArray text = readBytes(kMm1Resource);
    QVERIFY(text.contains("\"rate_per_s\": 800"));
    text.replace("\"rate_per_s\": 800", "\"rate_per_s\": -5");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("negative-rate.json"));
    QVERIFY(TestSupport::writeBytes(path, text));

    MainWindow window;
    window.newProject();
    QVERIFY(window.openScenarioFile(path)); // imported: fix it in the editor
    const Model::Problems problems = panelProblems(window);
    QVERIFY2(anyProblem(problems, QStringLiteral("$.workload.arrivals.rate_per_s")),
             qPrintable(TestSupport::problemsText(problems)));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());
    QVERIFY(child<QDockWidget>(window, "problemDock")->isVisibleTo(&window));

    // Fixing it in the inspector clears the problem and enables Run.
    window.currentInspector()->showWorkload();
    auto rate = qobject_cast<Ui::NumberField *>(
        window.currentInspector()->fieldForPath(QStringLiteral("$.workload.arrivals.rate_per_s")));
    QVERIFY(rate);
    rate->setValue(500);
    QVERIFY2(panelProblems(window).isEmpty(),
             qPrintable(TestSupport::problemsText(panelProblems(window))));
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
}

void tst_MainWindow::deadLetterQueueIsSimulated()
{
    // The shop example with a queue overflow mode that dead-letters (issue 14; until then the
    // compiler refused it as "not simulated yet", which this test checked): it now opens
    // without a problem and runs.
    QByteArray text = readBytes(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    const QByteArray queue = "\"kind\": \"queue\",";
    QVERIFY(text.contains(queue));
    text.replace(queue, queue + " \"overflow\": \"reject_publish_dlx\",");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dead-letter.json"));
    QVERIFY(TestSupport::writeBytes(path, text));
    const Model::ScenarioLoad load = Model::loadScenarioFile(path);
    QVERIFY(load.ok());
    QVERIFY(Model::compileScenario(*load.scenario).ok());

    MainWindow window;
    window.newProject();
    QVERIFY(window.openScenarioFile(path));
    QVERIFY(!anyProblem(panelProblems(window),
                        QStringLiteral("$"),
                        QStringLiteral("not simulated yet")));
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    setRunSettings(window, 5, 1, 1);
    QVERIFY(runToEnd(window));
    QVERIFY(child<QLabel>(window, "runStatus")->text().startsWith(QStringLiteral("Finished")));
}

void tst_MainWindow::warmupPastDurationIsRefused()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(10);
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(100);
    QVERIFY(anyProblem(panelProblems(window), QStringLiteral("$.simulation.warmup_s")));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());
    QVERIFY(!window.isRunning());
}

void tst_MainWindow::exportWritesTheContractFormat()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("exported.json"));
    MainWindow window;
    window.openExampleProject();
    QVERIFY(window.exportScenarioFile(path));
    const Model::ScenarioLoad load = Model::loadScenarioFile(path);
    QVERIFY(load.ok());
    QCOMPARE(load.scenario->name, readScenario(kMm1Resource).name);
    // Canvas positions travel as "ui" fields.
    QVERIFY(load.scenario->diagram.positions.contains(load.scenario->components.first().id));
}

void tst_MainWindow::recoveryIsOfferedOnlyAfterTheOpenProjectIsSafe()
{
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("other.archsim"));
    {
        // A project with an autosave copy newer than its file.
        MainWindow writer;
        writer.newProject();
        QVERIFY(writer.saveProjectAs(other));
        writer.setAutosaveInterval(20);
        child<QDoubleSpinBox>(writer, "durationSpinBox")->setValue(77);
        QTRY_VERIFY_WITH_TIMEOUT(Model::ProjectDocument::findRecovery(other).has_value(), 5000);
    }
    MainWindow window;
    QStringList asked;
    QList<QMessageBox::StandardButton> replies{QMessageBox::Cancel};
    window.setQuestionHandler([&](const QString &title,
                                  const QString &,
                                  QMessageBox::StandardButtons,
                                  QMessageBox::StandardButton) {
        asked << title;
        return replies.isEmpty() ? QMessageBox::Cancel : replies.takeFirst();
    });
    window.openExampleProject();
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(55); // unsaved
    // Cancel at "save first?": nothing opens, nothing is offered, the copy stays.
    QVERIFY(!window.openProject(other));
    QCOMPARE(asked, QStringList{QStringLiteral("Unsaved Changes")});
    QVERIFY(Model::ProjectDocument::findRecovery(other).has_value());
    QVERIFY(window.isModified());
    // Discard, then restore the copy.
    asked.clear();
    replies = {QMessageBox::Discard, QMessageBox::Yes};
    QVERIFY(window.openProject(other));
    QCOMPARE(asked,
             (QStringList{QStringLiteral("Unsaved Changes"),
                          QStringLiteral("Recover Unsaved Changes")}));
    QCOMPARE(window.currentDocument()->scenario().simulation.durationS, 77.0);
    // Opening the same project again does not offer this session's own copy.
    asked.clear();
    replies = {QMessageBox::Discard};
    QVERIFY(window.openProject(other));
    QCOMPARE(asked, QStringList{QStringLiteral("Unsaved Changes")});
}

void tst_MainWindow::undoneChangesLeaveNoRecoveryBehind()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clean.archsim"));
    MainWindow window;
    Answers answers;
    answers.install(window);
    window.newProject();
    QVERIFY(window.saveProjectAs(path));
    window.setAutosaveInterval(20);
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(99);
    QTRY_VERIFY_WITH_TIMEOUT(Model::ProjectDocument::findRecovery(path).has_value(), 5000);
    child<QAction>(window, "undoAction")->trigger();
    QVERIFY(!window.isModified());
    window.show();
    QVERIFY(window.close());
    QCOMPARE(answers.asked, 0);
    QVERIFY(!Model::ProjectDocument::findRecovery(path).has_value());
}

void tst_MainWindow::damagedJsonOpenedAsProjectKeepsTheOpenProject()
{
    QTemporaryDir dir;
    const QString damaged = dir.filePath(QStringLiteral("broken.json"));
    QVERIFY(TestSupport::writeBytes(damaged,
                                    "{ \"format\": \"archsim-scenario\",\n  \"version\": ]\n"));
    MainWindow window;
    window.openExampleProject();
    const QStringList ids = window.project()->scenarioIds();
    QVERIFY(!window.openScenarioAsProject(damaged));
    QCOMPARE(window.project()->scenarioIds(), ids);
    QVERIFY(window.findChild<QMessageBox *>(QStringLiteral("errorMessage")));

    // A good one becomes a new untitled project holding just that scenario.
    QVERIFY(window.openScenarioAsProject(
        TestSupport::sourcePath(QStringLiteral("resources/examples/mm1.json"))));
    QCOMPARE(window.project()->scenarioCount(), 1);
    QVERIFY(window.project()->isUntitled());
    QCOMPARE(window.currentDocument()->scenario().name, readScenario(kMm1Resource).name);
}

void tst_MainWindow::typedTextIsSavedWithoutLeavingTheField()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("typed.archsim"));
    MainWindow window;
    window.newProject();
    QVERIFY(window.saveProjectAs(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    Ui::InspectorWidget *inspector = window.currentInspector();
    inspector->showScenario();
    auto name = qobject_cast<QLineEdit *>(inspector->fieldForPath(QStringLiteral("$.name")));
    QVERIFY(name);
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Typed name"));
    QVERIFY(name->hasFocus());
    // Ctrl+S while the caret is still in the field saves what it shows.
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    MainWindow reopened;
    QVERIFY(reopened.openProject(path));
    QCOMPARE(reopened.currentDocument()->scenario().name, QStringLiteral("Typed name"));
}

void tst_MainWindow::runSettingsEditOnlyTheirField()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    // Values the spin boxes cannot show (limits of the panel, not of the format).
    Model::SimulationSettings simulation = window.currentDocument()->scenario().simulation;
    simulation.replications = 5000;
    simulation.durationS = 3e8;
    window.currentController()->setSimulation(simulation);
    child<Ui::SeedSpinBox>(window, "seedSpinBox")->setValue(12345);
    const Model::SimulationSettings after = window.currentDocument()->scenario().simulation;
    QCOMPARE(after.seed, quint64(12345));
    QCOMPARE(after.replications, 5000);
    QCOMPARE(after.durationS, 3e8);
}

void tst_MainWindow::typingInARunSettingIsNotRewritten()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto duration = child<QDoubleSpinBox>(window, "durationSpinBox");
    duration->setFocus();
    duration->selectAll();
    QTest::keyClicks(duration, QStringLiteral("1.5"));
    QTest::keyClick(duration, Qt::Key_Backspace);
    QTest::keyClick(duration, Qt::Key_7);
    QCOMPARE(window.currentDocument()->scenario().simulation.durationS, 1.7);
}

void tst_MainWindow::scenarioStaysWhileARunGoesOn()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(1e7);
    const QString running = window.currentScenarioId();
    const int scenarios = window.project()->scenarioCount();
    QVERIFY(window.startRun());
    QVERIFY(window.newScenario().isEmpty());
    QVERIFY(!window.openExample(0));
    QVERIFY(!child<QAction>(window, "newScenarioAction")->isEnabled());
    QVERIFY(!child<QAction>(window, "duplicateScenarioAction")->isEnabled());
    QVERIFY(!child<QAction>(window, "importAction")->isEnabled());
    QCOMPARE(window.project()->scenarioCount(), scenarios);
    QCOMPARE(window.currentScenarioId(), running);
    window.cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 20000);
    QVERIFY(child<QAction>(window, "newScenarioAction")->isEnabled());
}

void tst_MainWindow::closingDuringARunAsksFirst()
{
    MainWindow window;
    Answers answers;
    answers.install(window);
    window.newProject();
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(1e7);
    window.show();
    QVERIFY(window.startRun());
    answers.answer = QMessageBox::Cancel;
    QVERIFY(!window.close());
    QVERIFY(window.isRunning()); // not cancelled by a close the user called off
    window.cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 20000);
}

void tst_MainWindow::deletingAComponentTakesItsStepsAlong()
{
    MainWindow window;
    QVERIFY(window.openExampleProject());
    QString shop;
    for (const QString &id : window.project()->scenarioIds()) {
        const Model::Document *document = window.project()->document(id);
        if (document && document->component(QStringLiteral("catalog_cache")))
            shop = id;
    }
    QVERIFY(!shop.isEmpty());
    QVERIFY(window.showScenario(shop));
    const Model::Scenario before = window.currentDocument()->scenario();
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());

    window.currentScene()->selectComponent(QStringLiteral("catalog_cache"));
    child<QAction>(window, "deleteAction")->trigger();
    QVERIFY(!window.currentDocument()->component(QStringLiteral("catalog_cache")));
    QVERIFY2(panelProblems(window).isEmpty(),
             qPrintable(TestSupport::problemsText(panelProblems(window))));
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(child<QLabel>(window, "runStatus")->text().contains(QStringLiteral("catalog")));

    // One undo brings back the cache and the steps that read it.
    child<QAction>(window, "undoAction")->trigger();
    QCOMPARE(window.currentDocument()->scenario(), before);
    QVERIFY(panelProblems(window).isEmpty());
}

void tst_MainWindow::windowLayoutIsRememberedBetweenLaunches()
{
    // (initTestCase() put the settings in a test location)
    QSettings().remove(QStringLiteral("window"));
    // The first launch fits the screen, with room for the frame.
    QCOMPARE(MainWindow::defaultSize(QRect(0, 0, 1920, 1080)), QSize(1440, 900));
    const QSize small = MainWindow::defaultSize(QRect(0, 0, 1280, 800));
    QVERIFY(small.width() <= 1280 - 16 && small.height() <= 800 - 48);

    QSize size;
    QList<int> centre;
    QList<int> results;
    int inspectorWidth = 0;
    {
        MainWindow window;
        window.openExampleProject();
        window.restoreWindowLayout();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The default size for the screen (the test screen may be smaller than the window's
        // minimum; a 1280x800 one is not).
        const QRect available = window.screen()->availableGeometry();
        QCOMPARE(window.size(),
                 MainWindow::defaultSize(available).expandedTo(window.minimumSizeHint()));
        QVERIFY2(window.minimumSizeHint().width() <= small.width()
                     && window.minimumSizeHint().height() <= small.height(),
                 qPrintable(QStringLiteral("minimum %1x%2")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));

        window.resize(window.width() - 30, window.height() - 20);
        auto dock = child<QDockWidget>(window, "inspectorDock");
        window.resizeDocks({dock}, {dock->width() + 40}, Qt::Horizontal);
        auto centreSplitter = child<QSplitter>(window, "centreSplitter");
        centreSplitter->setSizes({100, 400});
        auto resultsSplitter = child<QSplitter>(window, "resultsSplitter");
        resultsSplitter->setSizes({300, 200});
        QApplication::processEvents();
        size = window.size();
        centre = centreSplitter->sizes();
        results = resultsSplitter->sizes();
        inspectorWidth = dock->width();
        QVERIFY(window.close());
    }
    MainWindow window;
    window.openExampleProject();
    window.restoreWindowLayout();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::processEvents();
    QCOMPARE(window.size(), size);
    QCOMPARE(child<QDockWidget>(window, "inspectorDock")->width(), inspectorWidth);
    QCOMPARE(child<QSplitter>(window, "centreSplitter")->sizes(), centre);
    QCOMPARE(child<QSplitter>(window, "resultsSplitter")->sizes(), results);
    QSettings().remove(QStringLiteral("window"));
}

void tst_MainWindow::refusedIdSaysWhyAndKeepsTheText()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0)); // M/M/1: one component, "server"
    window.currentScene()->selectComponent(QStringLiteral("server"));
    // a second component to collide with
    Model::Component other;
    other.id = QStringLiteral("db");
    other.kind = Model::ComponentKind::Database;
    window.currentController()->addComponent(other, QPointF(300, 0));
    window.currentScene()->selectComponent(QStringLiteral("server"));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    Ui::InspectorWidget *inspector = window.currentInspector();
    QLineEdit *id = inspector->idField();
    auto message = inspector->findChild<Ui::FieldMessage *>(QStringLiteral("idMessage"));
    QVERIFY(message);
    QVERIFY(message->isHidden());

    id->setFocus();
    id->selectAll();
    QTest::keyClicks(id, QStringLiteral("db"));
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("already")), qPrintable(message->text()));
    // Leaving the field keeps what was typed and the reason; nothing is renamed.
    QTest::keyClick(id, Qt::Key_Tab);
    QVERIFY(!id->hasFocus());
    QCOMPARE(id->text(), QStringLiteral("db"));
    QVERIFY(message->isVisible());
    QVERIFY(window.currentDocument()->component(QStringLiteral("server")));
    window.grab().save(QDir::temp().filePath(QStringLiteral("archsim-id-refused.png")));

    // Cleared: the reason changes; Escape puts the id back and the Escape does not cancel a run.
    id->setFocus();
    id->selectAll();
    QTest::keyClick(id, Qt::Key_Backspace);
    QVERIFY2(message->text().contains(QStringLiteral("empty")), qPrintable(message->text()));
    QTest::keyClick(id, Qt::Key_Escape);
    QCOMPARE(id->text(), QStringLiteral("server"));
    QVERIFY(message->isHidden());

    // A good id renames.
    id->selectAll();
    QTest::keyClicks(id, QStringLiteral("api"));
    QTest::keyClick(id, Qt::Key_Return);
    QVERIFY(window.currentDocument()->component(QStringLiteral("api")));
    QVERIFY(message->isHidden());
}

void tst_MainWindow::refusedScenarioNameSaysWhy()
{
    MainWindow window;
    QVERIFY(window.openExampleProject());
    const QStringList ids = window.project()->scenarioIds();
    QVERIFY(ids.size() >= 2);
    QVERIFY(window.showScenario(ids.at(0)));
    const QString name = window.project()->scenarioName(ids.at(0));
    const QString taken = window.project()->scenarioName(ids.at(1));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    child<QAction>(window, "renameScenarioAction")->trigger();
    auto dialog = window.findChild<Ui::NameDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    dialog->field()->selectAll();
    QTest::keyClick(dialog->field(), Qt::Key_Backspace);
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->message()->isVisible());
    QVERIFY(dialog->message()->text().contains(QStringLiteral("needs a name")));
    QTest::keyClicks(dialog->field(), taken);
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->message()->text().contains(taken));
    dialog->grab().save(QDir::temp().filePath(QStringLiteral("archsim-name-refused.png")));
    QTest::keyClicks(dialog->field(), QStringLiteral(" (mine)"));
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog->message()->isHidden());
    ok->click();
    QCOMPARE(window.project()->scenarioName(ids.at(0)), taken + QStringLiteral(" (mine)"));
    QVERIFY(name != taken);

    // The inspector's name field refuses an empty name with its reason, and keeps the text.
    Ui::InspectorWidget *inspector = window.currentInspector();
    inspector->showScenario();
    auto field = qobject_cast<QLineEdit *>(inspector->fieldForPath(QStringLiteral("$.name")));
    QVERIFY(field);
    auto message = inspector->findChild<Ui::FieldMessage *>(QStringLiteral("scenarioNameMessage"));
    QVERIFY(message);
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QVERIFY(message->isVisible());
    field->clearFocus();
    QCOMPARE(window.project()->scenarioName(ids.at(0)), taken + QStringLiteral(" (mine)"));
    QVERIFY(field->text().isEmpty());
    QVERIFY(message->isVisible());
}

void tst_MainWindow::runsOfAnUntouchedExampleNeedNoSave()
{
    MainWindow window;
    Answers answers;
    answers.install(window);
    QVERIFY(window.openExampleProject());
    QVERIFY(runToEnd(window)); // M/M/1, as it comes
    QCOMPARE(window.project()->runs(window.currentScenarioId()).size(), 1);
    QVERIFY(!window.isModified());
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.newProject());
    QCOMPARE(answers.asked, 0);

    // In a saved project the run is work to keep, and the question says that is all it is.
    QTemporaryDir dir;
    QVERIFY(window.openExampleProject());
    QVERIFY(window.saveProjectAs(dir.filePath(QStringLiteral("runs.archsim"))));
    QVERIFY(runToEnd(window));
    QVERIFY(window.isModified());
    answers.answer = QMessageBox::Cancel;
    QVERIFY(!window.newProject());
    QCOMPARE(answers.asked, 1);
    QVERIFY2(answers.lastText.contains(QStringLiteral("1 new run")), qPrintable(answers.lastText));
    // an edit makes it the general question again
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(3);
    QVERIFY(!window.newProject());
    QVERIFY(!answers.lastText.contains(QStringLiteral("new run")));
}

void tst_MainWindow::runsSayWhatChangedAndCanBeRenamed()
{
    MainWindow window;
    window.newProject();
    QVERIFY(window.openExample(0)); // M/M/1
    setRunSettings(window, 20, 2, 1);
    QVERIFY(runToEnd(window));
    setRunSettings(window, 30, 2, 1);
    QVERIFY(runToEnd(window));
    const QString scenarioId = window.currentScenarioId();
    const QList<Model::SavedRun> runs = window.project()->runs(scenarioId);
    QCOMPARE(runs.size(), 2);

    const auto panel = child<Ui::ProjectPanel>(window, "projectPanel");
    const QString first = panel->runItem(scenarioId, runs.at(0).id)->toolTip(0);
    const QString second = panel->runItem(scenarioId, runs.at(1).id)->toolTip(0);
    QVERIFY2(first.contains(QStringLiteral("first saved run")), qPrintable(first));
    QVERIFY2(second.contains(QStringLiteral("Duration 20→30 s")), qPrintable(second));
    // the tooltip holds the whole line the dock may cut
    QVERIFY(second.startsWith(Ui::ProjectPanel::runText(runs.at(1))));

    // F2 on the selected run names it.
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    panel->setCurrentRun(scenarioId, runs.at(1).id);
    panel->setFocus();
    QTest::keyClick(panel, Qt::Key_F2);
    auto dialog = window.findChild<Ui::NameDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Rename Run"));
    dialog->field()->setText(QStringLiteral("longer duration"));
    dialog->accept();
    QCOMPARE(window.project()->runs(scenarioId).at(1).label, QStringLiteral("longer duration"));
    QVERIFY(panel->runItem(scenarioId, runs.at(1).id)
                ->text(0)
                .startsWith(QStringLiteral("longer duration")));
    QVERIFY(window.isModified()); // kept by Save
}

void tst_MainWindow::helpShowsTheGuideTheShortcutsAndAReport()
{
    MainWindow window;
    window.newProject();

    // The guide is the compiled-in docs/desktop-app.md, rendered (no Markdown marks left).
    child<QAction>(window, "userGuideAction")->trigger();
    auto browser = window.findChild<QTextBrowser *>(QStringLiteral("userGuideBrowser"));
    QVERIFY(browser);
    const QString guide = browser->toPlainText();
    QVERIFY2(guide.startsWith(QStringLiteral("The desktop app")), qPrintable(guide.left(80)));
    QVERIFY(guide.contains(QStringLiteral("Keyboard shortcuts")));
    QVERIFY(!guide.contains(QStringLiteral("## ")));
    browser->window()->grab().save(QDir::temp().filePath(QStringLiteral("archsim-guide.png")));

    // Every action with a shortcut is listed with its keys.
    child<QAction>(window, "shortcutsAction")->trigger();
    auto table = window.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QStringList listed;
    for (int row = 0; row < table->rowCount(); ++row)
        listed << table->item(row, 0)->text() + QLatin1Char('=') + table->item(row, 1)->text();
    int withKeys = 0;
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        ++withKeys;
        QString text = action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
        const QString key = action->shortcut().toString(QKeySequence::NativeText);
        bool found = false;
        for (const QString &row : listed)
            found = found
                    || (row.startsWith(text.trimmed() + QLatin1Char('=')) && row.contains(key));
        QVERIFY2(found, qPrintable(text + QLatin1Char(' ') + key));
    }
    QVERIFY(withKeys >= 15);
    // No two window-wide actions share a key: Qt calls such a key ambiguous and does neither
    // (what-if and watch mode once both took Ctrl+Shift+W). Keys of one widget (a table's
    // Copy) may repeat.
    QHash<QString, const QAction *> owner;
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcutContext() == Qt::WidgetShortcut
            || action->shortcutContext() == Qt::WidgetWithChildrenShortcut)
            continue;
        for (const QKeySequence &key : action->shortcuts()) {
            const QString keys = key.toString(QKeySequence::PortableText);
            const QAction *other = owner.value(keys, action);
            QVERIFY2(other == action,
                     qPrintable(keys + QStringLiteral(": ") + other->text()
                                + QStringLiteral(" and ") + action->text()));
            owner.insert(keys, action);
        }
    }
    table->window()->grab().save(QDir::temp().filePath(QStringLiteral("archsim-shortcuts.png")));
    QVERIFY(
        listed.contains(QStringLiteral("Run=")
                        + QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText)));

    // The report: version, Qt, platform and the last error, on the clipboard.
    QVERIFY(!window.openProject(QStringLiteral("/nonexistent/missing.archsim")));
    QVERIFY(!window.lastError().isEmpty());
    child<QAction>(window, "reportProblemAction")->trigger();
    const QString report = QGuiApplication::clipboard()->text();
    QVERIFY2(report.contains(QString::fromLatin1(qVersion())), qPrintable(report));
    QVERIFY(report.contains(QSysInfo::prettyProductName()));
    QVERIFY(report.contains(QStringLiteral("missing.archsim")));
    QVERIFY(child<QLabel>(window, "runStatus")->text().contains(QStringLiteral("clipboard")));
}

void tst_MainWindow::resultColumnsFitAndNamesStay()
{
    // At both default sizes, after a run of the shop, the component table shows Throughput
    // and Utilisation without scrolling, and its names are the rows' (frozen) header.
    for (const QSize size : {QSize(1440, 900), QSize(1280, 800)}) {
        MainWindow window;
        QVERIFY(window.openExampleProject());
        QString shop;
        for (const QString &id : window.project()->scenarioIds()) {
            const Model::Document *document = window.project()->document(id);
            if (document && document->component(QStringLiteral("catalog_cache")))
                shop = id;
        }
        QVERIFY(window.showScenario(shop));
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        setRunSettings(window, 10, 1, 1);
        QVERIFY(runToEnd(window));
        window.showResultsTab(MainWindow::ResultsTab::Components);
        QApplication::processEvents();
        window.grab().save(QDir::temp().filePath(
            QStringLiteral("archsim-results-%1x%2.png").arg(size.width()).arg(size.height())));
        const auto table = child<QTableView>(window, "componentsTable");
        QVERIFY(table->verticalHeader()->isVisible());
        QVERIFY(table->isColumnHidden(Ui::ComponentTableModel::Id));
        QCOMPARE(table->model()->headerData(0, Qt::Vertical).toString(),
                 QString::fromStdString(window.shownResult()->components.front().id));
        for (int column :
             {Ui::ComponentTableModel::Throughput, Ui::ComponentTableModel::Utilization}) {
            const int right = table->columnViewportPosition(column) + table->columnWidth(column);
            QVERIFY2(right <= table->viewport()->width(),
                     qPrintable(QStringLiteral("%1x%2: column %3 ends at %4 of %5")
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(column)
                                    .arg(right)
                                    .arg(table->viewport()->width())));
        }
        // Scrolled sideways, the names stay.
        table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum());
        QVERIFY(table->verticalHeader()->isVisible());
        table->horizontalScrollBar()->setValue(0);
    }
}

void tst_MainWindow::comparisonIsListedAfterSaveAndReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("compare.archsim"));
    const QString monoName = readScenario(QStringLiteral(":/examples/shop-monolith.json")).name;
    const QString microName
        = readScenario(QStringLiteral(":/examples/shop-microservices.json")).name;
    QString cell;
    {
        MainWindow window;
        QVERIFY(window.openExampleProject());
        QString mono, micro;
        for (const QString &id : window.project()->scenarioIds()) {
            if (window.project()->scenarioName(id) == monoName)
                mono = id;
            if (window.project()->scenarioName(id) == microName)
                micro = id;
        }
        QVERIFY(!mono.isEmpty() && !micro.isEmpty());
        for (const QString &id : {mono, micro}) {
            Model::Document *doc = window.project()->document(id);
            Model::SimulationSettings settings = doc->scenario().simulation;
            settings.durationS = 20;
            settings.warmupS = 2;
            doc->setSimulation(settings);
        }
        // both selected in the project panel, then Simulation > Compare Scenarios
        const auto panel = child<Ui::ProjectPanel>(window, "projectPanel");
        panel->clearSelection();
        panel->scenarioItem(mono)->setSelected(true);
        panel->scenarioItem(micro)->setSelected(true);
        QCOMPARE(panel->selectedScenarioIds().size(), 2);
        QAction *compare = child<QAction>(window, "compareAction");
        QVERIFY(compare->isEnabled());
        QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        compare->trigger();
        auto dialog = window.findChild<Ui::CompareDialog *>(QStringLiteral("compareDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->checkedIds().size(), 2);
        QVERIFY(dialog->checkedIds().contains(mono) && dialog->checkedIds().contains(micro));
        dialog->setBaseline(mono);
        dialog->setReplications(2);
        dialog->compare();
        QVERIFY(window.isRunning());
        QVERIFY(!compare->isEnabled());
        QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 120000);
        QVERIFY(compare->isEnabled());

        QCOMPARE(window.project()->comparisons().size(), 1);
        const Model::SavedComparison saved = window.project()->comparisons().front();
        QCOMPARE(saved.scenarioNames(), (QStringList{monoName, microName}));
        QTreeWidgetItem *item = panel->comparisonItem(saved.id);
        QVERIFY(item);
        QVERIFY(item->isSelected());
        Ui::CompareView *view = window.compareSession()->view();
        QVERIFY(view->isVisible());
        cell = view->figuresTable()->item(0, 1)->text();
        QVERIFY2(cell.contains(QStringLiteral(" ± ")), qPrintable(cell));
        QVERIFY(window.saveProjectAs(path));
    }
    MainWindow window;
    QVERIFY(window.openProject(path));
    QCOMPARE(window.project()->comparisons().size(), 1);
    const QString id = window.project()->comparisons().front().id;
    const auto panel = child<Ui::ProjectPanel>(window, "projectPanel");
    QVERIFY(panel->comparisonsItem());
    QCOMPARE(panel->comparisonsItem()->childCount(), 1);
    QTreeWidgetItem *item = panel->comparisonItem(id);
    QVERIFY(item);
    QVERIFY2(item->text(0).startsWith(monoName + QStringLiteral(" vs ") + microName),
             qPrintable(item->text(0)));
    // selecting it shows it, without running
    panel->setCurrentItem(item);
    QVERIFY(!window.isRunning());
    Ui::CompareView *view = window.compareSession()->view();
    QVERIFY(view->isVisible());
    QCOMPARE(window.compareSession()->shownId(), id);
    QCOMPARE(view->figuresTable()->item(0, 1)->text(), cell);
    QCOMPARE(view->chartCurveNames(Ui::CompareView::LatencyCdf),
             (QStringList{monoName, microName}));

    // and Delete Comparison removes it (after asking)
    Answers answers;
    answers.answer = QMessageBox::Yes;
    answers.install(window);
    child<QAction>(window, "deleteComparisonAction")->trigger();
    QCOMPARE(answers.asked, 1);
    QVERIFY(window.project()->comparisons().isEmpty());
    QVERIFY(!panel->comparisonsItem());
    QVERIFY(!view->isVisible());
}

void tst_MainWindow::overloadedRunStopsWithAVerdictAndTheWindowSurvives()
{
    // The slip of issue 18: the M/M/1 example at 1,000,000 requests/s with no queue limit.
    // Its backlog grows by about 1,000,000 requests per simulated second; the run's budget
    // (32 MB here) stops it within a second of simulated time, long before memory runs out.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("overloaded.json"));
    QVERIFY(TestSupport::writeBytes(
        path,
        "{\"format\": \"archsim-scenario\", \"version\": 1, \"name\": \"Overloaded\",\n"
        " \"simulation\": {\"duration_s\": 60, \"max_memory_mb\": 32},\n"
        " \"workload\": {\"entry\": \"server\",\n"
        "   \"arrivals\": {\"kind\": \"poisson\", \"rate_per_s\": 1000000},\n"
        "   \"requests\": [{\"name\": \"job\"}]},\n"
        " \"components\": [{\"id\": \"server\", \"kind\": \"service\",\n"
        "   \"concurrency\": {\"model\": \"thread_pool\", \"threads\": 1},\n"
        "   \"handlers\": {\"job\": [{\"cpu_ms\": {\"dist\": \"exp\", \"mean\": 1}}]}}]}\n"));

    MainWindow window;
    window.show();
    window.newProject();
    QVERIFY(window.openScenarioFile(path));
    // warned before the run: offered load above capacity with an unbounded queue
    QVERIFY(anyProblem(panelProblems(window),
                       QStringLiteral("$.components[0]"),
                       QStringLiteral("can serve about 1,000/s")));
    QVERIFY(runToEnd(window));

    QVERIFY(window.isVisible());
    QVERIFY(!window.isRunning());
    const QString status = child<QLabel>(window, "runStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("requests waiting at 'server'"))
                 && status.contains(QStringLiteral("the system is overloaded")),
             qPrintable(status));
    // the overloaded component is marked on the canvas
    QVERIFY(window.currentScene());
    QCOMPARE(window.currentScene()->overloaded(), QStringLiteral("server"));
    // the partial results are shown; the run is not kept in the project
    const auto view = child<QTableView>(window, "requestsTable");
    QVERIFY(view && view->model()->rowCount() > 0);
    QVERIFY(
        view->model()->index(0, Ui::RequestTableModel::Arrived).data(Ui::RawValueRole).toDouble()
        > 0);

    // and the window keeps working: the example runs to its end afterwards
    // (with its own settings: 2000 s of M/M/1, about a second)
    QVERIFY(window.openExample(0));
    QVERIFY2(runToEnd(window), qPrintable(child<QLabel>(window, "runStatus")->text()));
    QVERIFY(child<QLabel>(window, "runStatus")->text().startsWith(QStringLiteral("Finished")));
    QVERIFY(window.currentScene()->overloaded().isEmpty());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
