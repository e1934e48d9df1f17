// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"
#include "MainWindow.h"
#include "ProblemTableModel.h"
#include "RequestTableModel.h"
#include "ScenarioIo.h"
#include "SeedSpinBox.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

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

/** Every problem of the Problems panel as "severity|path|line|message". */
QStringList problemRows(const MainWindow &window)
{
    QStringList rows;
    const auto view = child<QTableView>(window, "problemsTable");
    if (!view)
        return rows;
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model->columnCount(); ++column)
            cells << model->index(row, column).data().toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

bool anyContains(const QStringList &rows, const QString &text)
{
    for (const QString &row : rows) {
        if (row.contains(text))
            return true;
    }
    return false;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void listsBuiltInExamples();
    void openingAnExampleShowsItsSettings();
    void runMatchesTheEngine();
    void runShortcutStartsARun();
    void cancelStopsALongRun();
    void damagedFileShowsItsLineAndStaysUntouched();
    void invalidValueShowsItsPath();
    void missingFileIsAProblem();
    void fileStaysOpenWhenTheWindowShows();
    void notSimulatedYetIsShownAndBlocksTheRun();
    void examplesOpenFromTheList();
    void warmupPastDurationIsRefused();
};

void tst_MainWindow::listsBuiltInExamples()
{
    MainWindow window;
    const QStringList sources = QDir(TestSupport::sourcePath(QStringLiteral("resources/examples")))
                                    .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(!sources.isEmpty());
    QCOMPARE(window.exampleCount(), sources.size());

    const auto list = child<QListWidget>(window, "exampleList");
    QVERIFY(list);
    QCOMPARE(list->count(), sources.size());
    const Model::Scenario mm1 = readScenario(kMm1Resource);
    QVERIFY(!mm1.name.isEmpty());
    // resources/examples/order.txt puts M/M/1 first: it is what ArchSim opens at start.
    QCOMPARE(list->item(0)->text(), mm1.name);
    QVERIFY(list->item(0)->toolTip().contains(mm1.description.left(40).toHtmlEscaped()));
}

void tst_MainWindow::openingAnExampleShowsItsSettings()
{
    MainWindow window;
    QVERIFY(window.openExample(0));
    const Model::Scenario mm1 = readScenario(kMm1Resource);

    QCOMPARE(child<QLabel>(window, "scenarioName")->text(), mm1.name);
    QCOMPARE(child<QLabel>(window, "scenarioDescription")->text(), mm1.description);
    QCOMPARE(child<QDoubleSpinBox>(window, "durationSpinBox")->value(), mm1.simulation.durationS);
    QCOMPARE(child<QDoubleSpinBox>(window, "warmupSpinBox")->value(), mm1.simulation.warmupS);
    QCOMPARE(child<Ui::SeedSpinBox>(window, "seedSpinBox")->value(),
             static_cast<std::uint64_t>(mm1.simulation.seed));
    QCOMPARE(child<QSpinBox>(window, "replicationsSpinBox")->value(), mm1.simulation.replications);
    QVERIFY(child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(problemRows(window).isEmpty());
    QVERIFY(!window.openExample(window.exampleCount()));
}

void tst_MainWindow::runMatchesTheEngine()
{
    MainWindow window;
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(20);
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(2);
    child<Ui::SeedSpinBox>(window, "seedSpinBox")->setValue(7);

    QSignalSpy ended(&window, &MainWindow::runEnded);
    const auto run = child<QAction>(window, "runAction");
    QVERIFY(run && run->isEnabled());
    run->trigger();
    QVERIFY(window.isRunning());
    QVERIFY(!run->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 120000);
    QCOMPARE(ended.count(), 1);

    // The same scenario with the same settings, straight through the engine.
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
    // M/M/1 at utilisation 0.8: 5 ms analytically; 18 measured seconds land near it.
    QVERIFY2(mean > 2.5 && mean < 10, qPrintable(QString::number(mean)));

    const auto components = child<QTableView>(window, "componentsTable");
    QCOMPARE(components->model()->rowCount(), static_cast<int>(expected.components.size()));
    QVERIFY(child<QLabel>(window, "runStatus")->text().contains(QStringLiteral("events/s")));
    QCOMPARE(child<QProgressBar>(window, "runProgress")->value(),
             child<QProgressBar>(window, "runProgress")->maximum());
    QVERIFY(run->isEnabled());
}

void tst_MainWindow::runShortcutStartsARun()
{
    MainWindow window;
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(20);
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(0);
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
    QVERIFY(window.openExample(0));
    // Eight billion requests: far longer than any test timeout unless cancel works.
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(1e7);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QVERIFY(window.startRun());
    QVERIFY(window.isRunning());
    // One run at a time.
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());
    QVERIFY(!window.openExample(0));
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
}

void tst_MainWindow::damagedFileShowsItsLineAndStaysUntouched()
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
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(damaged), damaged.size());
    }
    const QDateTime modified = QFileInfo(path).lastModified();

    MainWindow window;
    QVERIFY(window.openExample(0));
    QVERIFY(!window.openScenarioFile(path));

    const auto view = child<QTableView>(window, "problemsTable");
    const QAbstractItemModel *model = view->model();
    QVERIFY(model->rowCount() >= 1);
    bool foundLine = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, Ui::ProblemTableModel::Line).data(Ui::RawValueRole).toInt() == 4
            && model->index(row, Ui::ProblemTableModel::Severity).data().toString()
                   == QStringLiteral("Error")) {
            foundLine = true;
        }
    }
    QVERIFY2(foundLine, qPrintable(problemRows(window).join(QLatin1Char('\n'))));
    QVERIFY(child<QDockWidget>(window, "problemDock")->isVisibleTo(&window));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());

    QFile in(path);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QCOMPARE(in.readAll(), damaged);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
}

void tst_MainWindow::invalidValueShowsItsPath()
{
    QFile source(kMm1Resource);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray text = source.readAll();
    QVERIFY(text.contains("\"rate_per_s\": 800"));
    text.replace("\"rate_per_s\": 800", "\"rate_per_s\": -5");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("negative-rate.json"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
    MainWindow window;
    window.openScenarioFile(path);
    const QStringList rows = problemRows(window);
    QVERIFY2(anyContains(rows, QStringLiteral("$.workload.arrivals.rate_per_s")),
             qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
}

void tst_MainWindow::missingFileIsAProblem()
{
    MainWindow window;
    QVERIFY(!window.openScenarioFile(QStringLiteral("/nonexistent/scenario.json")));
    QVERIFY(!problemRows(window).isEmpty());
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!child<QDoubleSpinBox>(window, "durationSpinBox")->isEnabled());
}

void tst_MainWindow::fileStaysOpenWhenTheWindowShows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("renamed.json"));
    QFile source(kMm1Resource);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray text = source.readAll();
    text.replace("\"M/M/1 check\"", "\"From a file\"");
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
    MainWindow window;
    QVERIFY(window.openScenarioFile(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    child<QListWidget>(window, "exampleList")->setFocus();
    QCoreApplication::processEvents();
    QCOMPARE(child<QLabel>(window, "scenarioName")->text(), QStringLiteral("From a file"));
    QCOMPARE(child<QLabel>(window, "scenarioSource")->text(), QDir::toNativeSeparators(path));
}

void tst_MainWindow::notSimulatedYetIsShownAndBlocksTheRun()
{
    // The shop example with a queue overflow mode the engine cannot run yet (dead-letter
    // exchanges). The document is valid; only compileScenario() refuses it.
    QFile source(TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray text = source.readAll();
    const QByteArray queue = "\"kind\": \"queue\",";
    QVERIFY(text.contains(queue));
    text.replace(queue, queue + " \"overflow\": \"reject_publish_dlx\",");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dead-letter.json"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
    const Model::ScenarioLoad load = Model::loadScenarioFile(path);
    QVERIFY(load.ok());
    const Model::CompiledScenario compiled = Model::compileScenario(*load.scenario);
    QVERIFY2(!compiled.ok(), "premise: the engine has no dead-letter queues yet; when it gains "
                             "them, pick another part it cannot simulate for this test");

    MainWindow window;
    QVERIFY(window.openScenarioFile(path));
    const QAbstractItemModel *problems = child<QTableView>(window, "problemsTable")->model();
    // Problems of reading (warnings here) and of compiling, all listed.
    const QStringList rows = problemRows(window);
    QCOMPARE(rows.size(), static_cast<int>(load.problems.size() + compiled.problems.size()));
    for (const Model::Problem &problem : compiled.problems)
        QVERIFY2(anyContains(rows, problem.message), qPrintable(problem.toString()));
    bool found = false;
    using Ui::ProblemTableModel;
    for (int row = 0; row < problems->rowCount(); ++row) {
        const auto cell = [&](int column) { return problems->index(row, column).data().toString(); };
        found = found
                || (cell(ProblemTableModel::Severity) == QStringLiteral("Error")
                    && cell(ProblemTableModel::Path).startsWith(QStringLiteral("$.components["))
                    && cell(ProblemTableModel::Message).contains(QStringLiteral("not simulated yet")));
    }
    QVERIFY2(found, qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY(child<QDockWidget>(window, "problemDock")->isVisibleTo(&window));
    QVERIFY(!child<QAction>(window, "runAction")->isEnabled());
    QVERIFY(!window.startRun());
    QVERIFY(!window.isRunning());
}

void tst_MainWindow::examplesOpenFromTheList()
{
    MainWindow window;
    const auto list = child<QListWidget>(window, "exampleList");
    QVERIFY(list->count() >= 2);
    const int last = list->count() - 1;
    list->setCurrentRow(last); // selects it, as a click does
    QCOMPARE(child<QLabel>(window, "scenarioName")->text(), list->item(last)->text());
    QCOMPARE(child<QLabel>(window, "scenarioSource")->text(), QStringLiteral("Built-in example"));
}

void tst_MainWindow::warmupPastDurationIsRefused()
{
    MainWindow window;
    QVERIFY(window.openExample(0));
    child<QDoubleSpinBox>(window, "durationSpinBox")->setValue(10);
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(100);
    QVERIFY(!window.startRun());
    QVERIFY(!window.isRunning());
    const QStringList rows = problemRows(window);
    QVERIFY2(anyContains(rows, QStringLiteral("warmup_s")), qPrintable(rows.join(QLatin1Char('\n'))));

    // Fixing the setting lets it run; the stale problem goes away.
    child<QDoubleSpinBox>(window, "warmupSpinBox")->setValue(1);
    QVERIFY(window.startRun());
    QVERIFY(problemRows(window).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 60000);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
