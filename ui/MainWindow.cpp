// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ComponentTableModel.h"
#include "ExampleDelegate.h"
#include "Formatting.h"
#include "ProblemTableModel.h"
#include "RequestTableModel.h"
#include "RunController.h"
#include "ScenarioIo.h"
#include "ScenarioPanel.h"
#include "ComponentChart.h"
#include "SeriesChart.h"
#include "Simulation.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

constexpr int kProgressSteps = 1000;
const char kLastDirectoryKey[] = "lastScenarioDirectory";

/** A sortable results table; `stretchColumn` takes the spare width, -1: the last column. */
QTableView *createResultsView(QAbstractItemModel *model, int stretchColumn, const QString &name,
                              QWidget *parent)
{
    auto proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(RawValueRole);
    auto view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(proxy);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    if (stretchColumn >= 0)
        view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    else
        view->horizontalHeader()->setStretchLastSection(true);
    // No sort indicator until the user clicks a header: rows keep the engine's order
    // ("_all" first, then the request types; components in scenario order).
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    return view;
}

/** Adds the problems of `more` that `problems` does not list yet. */
void appendNew(Model::Problems &problems, const Model::Problems &more)
{
    for (const Model::Problem &problem : more) {
        if (!problems.contains(problem))
            problems.append(problem);
    }
}

RunSettings settingsOf(const Model::Scenario &scenario)
{
    RunSettings settings;
    settings.durationS = scenario.simulation.durationS;
    settings.warmupS = scenario.simulation.warmupS;
    settings.seed = scenario.simulation.seed;
    settings.replications = scenario.simulation.replications;
    return settings;
}

void applySettings(const RunSettings &settings, Model::Scenario &scenario)
{
    scenario.simulation.durationS = settings.durationS;
    scenario.simulation.warmupS = settings.warmupS;
    scenario.simulation.seed = settings.seed;
    scenario.simulation.replications = settings.replications;
}

/** "Workload: poisson arrivals, 600/s into “edge”; request types: browse 75%, …. Components: …" */
QString scenarioSummary(const Model::Scenario &scenario)
{
    const Model::Workload &workload = scenario.workload;
    QString arrivals = workload.arrivals.kind.isEmpty() ? MainWindow::tr("arrivals")
                                                        : MainWindow::tr("%1 arrivals")
                                                              .arg(workload.arrivals.kind);
    if (workload.arrivals.ratePerS)
        arrivals += MainWindow::tr(", %1/s").arg(formatPlain(*workload.arrivals.ratePerS));
    double totalWeight = 0;
    for (const Model::RequestType &request : workload.requests)
        totalWeight += request.weight.value_or(1);
    QStringList requests;
    for (const Model::RequestType &request : workload.requests) {
        if (workload.requests.size() == 1 || totalWeight <= 0)
            requests << request.name;
        else
            requests << MainWindow::tr("%1 %2%").arg(request.name).arg(
                std::round(request.weight.value_or(1) / totalWeight * 1000) / 10);
    }
    // Kinds in the order they first appear, with their counts.
    QStringList kinds;
    QList<int> counts;
    for (const Model::Component &component : scenario.components) {
        const QString kind = component.kind == Model::ComponentKind::Unknown
                                 ? component.unknownKind
                                 : Model::componentKindName(component.kind);
        const qsizetype at = kinds.indexOf(kind);
        if (at < 0) {
            kinds << kind;
            counts << 1;
        } else {
            ++counts[at];
        }
    }
    QStringList components;
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        components << (counts.at(i) == 1 ? kinds.at(i)
                                         : QStringLiteral("%1 ×%2").arg(kinds.at(i)).arg(counts.at(i)));
    }
    return MainWindow::tr("Workload: %1 into “%2”; request types: %3. Components: %4.")
        .arg(arrivals, workload.entry, requests.join(QStringLiteral(", ")),
             components.join(QStringLiteral(", ")));
}

QString errorSummary(const Model::Problems &problems)
{
    qsizetype errors = 0;
    for (const Model::Problem &problem : problems)
        errors += problem.isError() ? 1 : 0;
    return errors == 1
               ? MainWindow::tr("1 problem stops this scenario from running: see the Problems "
                                "panel.")
               : MainWindow::tr("%1 problems stop this scenario from running: see the Problems "
                                "panel.")
                     .arg(errors);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_examples(builtinExamples())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_runController = new RunController(this);
    m_runController->setLiveKeys(SeriesChart::seriesKeys());

    createActions();
    createMenus();
    createWidgets();

    connect(m_runController, &RunController::progressChanged, this, &MainWindow::onRunProgress);
    connect(m_runController, &RunController::liveBuckets, m_chart, &SeriesChart::appendBuckets);
    connect(m_runController, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_runController, &RunController::failed, this, &MainWindow::onRunFailed);

    setWindowTitle(QApplication::applicationName().isEmpty() ? QStringLiteral("ArchSim")
                                                               : QApplication::applicationName());
    resize(1280, 800);
    clearResults(tr("Open a scenario: pick a built-in example on the left or use File > Open "
                    "Scenario (Ctrl+O)."));
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openAction = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton),
                               tr("&Open Scenario…"), this);
    m_openAction->setObjectName(QStringLiteral("openAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a scenario JSON file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openFileDialog);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_runAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the simulation (Ctrl+R)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::startRun);

    m_cancelAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the running simulation (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelRun);

    m_aboutAction = new QAction(tr("&About ArchSim"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::about);

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *simulation = menuBar()->addMenu(tr("&Simulation"));
    simulation->addAction(m_runAction);
    simulation->addAction(m_cancelAction);

    // Filled in createWidgets() with the docks' toggle actions.
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);
}

void MainWindow::createWidgets()
{
    // Left: the built-in examples.
    m_exampleList = new QListWidget(this);
    m_exampleList->setObjectName(QStringLiteral("exampleList"));
    m_exampleList->setItemDelegate(new ExampleDelegate(m_exampleList));
    m_exampleList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (const BuiltinExample &example : std::as_const(m_examples)) {
        auto item = new QListWidgetItem(example.name, m_exampleList);
        item->setData(ExampleDelegate::DescriptionRole, example.description);
        // Rich text so that long descriptions wrap in the tooltip.
        if (!example.description.isEmpty()) {
            item->setToolTip(QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                                 .arg(example.name.toHtmlEscaped(),
                                      example.description.toHtmlEscaped()));
        }
    }
    // Selection, not the current row: a list that gets focus makes its first row current
    // without selecting it, which must not replace a scenario opened from a file.
    connect(m_exampleList, &QListWidget::itemSelectionChanged, this, [this] {
        const QList<QListWidgetItem *> selected = m_exampleList->selectedItems();
        if (!selected.isEmpty())
            openExample(m_exampleList->row(selected.first()));
    });
    m_exampleDock = new QDockWidget(tr("Examples"), this);
    m_exampleDock->setObjectName(QStringLiteral("exampleDock"));
    m_exampleDock->setWidget(m_exampleList);
    m_exampleDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_exampleDock);
    resizeDocks({m_exampleDock}, {240}, Qt::Horizontal);

    // Bottom: problems of the open scenario.
    m_problemModel = new ProblemTableModel(this);
    m_problemView = new QTableView(this);
    m_problemView->setObjectName(QStringLiteral("problemsTable"));
    m_problemView->setModel(m_problemModel);
    m_problemView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problemView->setWordWrap(false);
    m_problemView->verticalHeader()->hide();
    m_problemView->verticalHeader()->setDefaultSectionSize(m_problemView->fontMetrics().height()
                                                           + 8);
    m_problemView->horizontalHeader()->setHighlightSections(false);
    m_problemView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_problemView->horizontalHeader()->setSectionResizeMode(ProblemTableModel::Message,
                                                            QHeaderView::Stretch);
    m_problemDock = new QDockWidget(tr("Problems"), this);
    m_problemDock->setObjectName(QStringLiteral("problemDock"));
    m_problemDock->setWidget(m_problemView);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemDock);
    m_problemDock->hide();

    if (auto view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        view->addAction(m_exampleDock->toggleViewAction());
        view->addAction(m_problemDock->toggleViewAction());
    }

    // Centre: scenario, run controls, results.
    m_scenarioPanel = new ScenarioPanel(this);

    auto runButton = new QToolButton(this);
    runButton->setObjectName(QStringLiteral("runButton"));
    runButton->setDefaultAction(m_runAction);
    runButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto cancelButton = new QToolButton(this);
    cancelButton->setObjectName(QStringLiteral("cancelButton"));
    cancelButton->setDefaultAction(m_cancelAction);
    cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("runProgress"));
    m_progressBar->setRange(0, kProgressSteps);
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("Not run yet"));
    m_progressBar->setTextVisible(true);

    auto runRow = new QHBoxLayout;
    runRow->addWidget(runButton);
    runRow->addWidget(cancelButton);
    runRow->addWidget(m_progressBar, 1);

    m_resultsPlaceholder = new QLabel(this);
    m_resultsPlaceholder->setObjectName(QStringLiteral("resultsPlaceholder"));
    m_resultsPlaceholder->setAlignment(Qt::AlignCenter);
    m_resultsPlaceholder->setWordWrap(true);
    m_resultsPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    m_resultsPlaceholder->setMargin(24);

    m_requestModel = new RequestTableModel(this);
    m_requestView = createResultsView(m_requestModel, RequestTableModel::Name,
                                      QStringLiteral("requestsTable"), this);
    m_componentModel = new ComponentTableModel(this);
    m_componentView = createResultsView(m_componentModel, -1,
                                        QStringLiteral("componentsTable"), this);
    m_chart = new SeriesChart(this);
    m_chart->setObjectName(QStringLiteral("seriesChart"));

    m_resultsTabs = new QTabWidget(this);
    m_resultsTabs->setObjectName(QStringLiteral("resultsTabs"));
    m_resultsTabs->addTab(m_requestView, tr("Requests"));
    m_resultsTabs->addTab(m_componentView, tr("Components"));
    m_componentChart = new ComponentChart(this);
    m_componentChart->setObjectName(QStringLiteral("componentChart"));
    m_resultsTabs->addTab(m_componentChart, tr("Components over time"));

    // Tables above, the chart below: both in sight, the split is the user's to move.
    auto resultsSplitter = new QSplitter(Qt::Vertical, this);
    resultsSplitter->setObjectName(QStringLiteral("resultsSplitter"));
    resultsSplitter->setChildrenCollapsible(false);
    resultsSplitter->addWidget(m_resultsTabs);
    resultsSplitter->addWidget(m_chart);
    resultsSplitter->setStretchFactor(0, 1);
    resultsSplitter->setStretchFactor(1, 1);

    m_resultsHeader = new QLabel(this);
    m_resultsHeader->setObjectName(QStringLiteral("resultsHeader"));
    m_resultsHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto resultsPage = new QWidget(this);
    auto resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_resultsHeader);
    resultsLayout->addWidget(resultsSplitter, 1);

    m_resultsStack = new QStackedWidget(this);
    m_resultsStack->setObjectName(QStringLiteral("resultsStack"));
    m_resultsStack->addWidget(m_resultsPlaceholder);
    m_resultsStack->addWidget(resultsPage);

    auto central = new QWidget(this);
    auto layout = new QVBoxLayout(central);
    layout->addWidget(m_scenarioPanel);
    layout->addLayout(runRow);
    layout->addWidget(m_resultsStack, 1);
    setCentralWidget(central);

    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addWidget(m_runStatus, 1);
}

bool MainWindow::openScenarioFile(const QString &fileName)
{
    if (isRunning())
        return false;
    const Model::ScenarioLoad load = Model::loadScenarioFile(fileName);
    {
        const QSignalBlocker blocker(m_exampleList);
        m_exampleList->setCurrentRow(-1);
        m_exampleList->clearSelection();
    }
    showScenario(load, QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath()));
    return load.scenario.has_value();
}

bool MainWindow::openExample(int index)
{
    if (isRunning() || index < 0 || index >= exampleCount())
        return false;
    const BuiltinExample &example = m_examples.at(index);
    QFile file(example.resourcePath);
    // Resources are compiled in: failing to open one is a build error, not a user error.
    const Model::ScenarioLoad load = file.open(QIODevice::ReadOnly)
                                         ? Model::parseScenario(file.readAll())
                                         : Model::loadScenarioFile(example.resourcePath);
    {
        const QSignalBlocker blocker(m_exampleList);
        m_exampleList->setCurrentRow(index);
    }
    showScenario(load, tr("Built-in example"));
    return load.scenario.has_value();
}

void MainWindow::showScenario(const Model::ScenarioLoad &load, const QString &source)
{
    m_scenario = load.scenario;
    m_loadProblems = load.problems;

    Model::Problems problems = load.problems;
    if (!m_scenario) {
        m_runnable = false;
        m_scenarioPanel->setUnreadable(source);
        setWindowTitle(tr("ArchSim"));
        m_runStatus->setText(tr("Could not read the scenario: see the Problems panel."));
    } else {
        m_scenarioPanel->setScenario(m_scenario->name, m_scenario->description,
                                     scenarioSummary(*m_scenario), source,
                                     settingsOf(*m_scenario));
        // Compile once now so that parts the engine cannot simulate yet show up at once.
        if (!Model::hasErrors(problems))
            appendNew(problems, Model::compileScenario(*m_scenario).problems);
        m_runnable = !Model::hasErrors(problems);
        setWindowTitle(tr("%1 – ArchSim").arg(m_scenario->name));
        m_runStatus->setText(m_runnable ? tr("Ready: press Run (Ctrl+R).")
                                        : errorSummary(problems));
    }
    setProblems(problems);
    clearResults(m_runnable
                     ? tr("Press Run (Ctrl+R) to simulate this scenario.\n\nThe results appear "
                          "here: latency percentiles and throughput for each request type, "
                          "utilization and queueing for each component, and p99 latency and "
                          "throughput over simulated time.")
                     : tr("This scenario cannot run: the Problems panel below says why."));
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("Not run yet"));
    updateActions();
}

void MainWindow::setProblems(const Model::Problems &problems)
{
    m_problemModel->setProblems(problems);
    m_problemDock->setWindowTitle(problems.isEmpty()
                                      ? tr("Problems")
                                      : tr("Problems (%1)").arg(problems.size()));
    if (!problems.isEmpty()) {
        m_problemDock->show();
        m_problemDock->raise();
    } else {
        m_problemDock->hide();
    }
}

void MainWindow::clearResults(const QString &placeholder)
{
    m_requestModel->clear();
    m_componentModel->clear();
    m_chart->clear();
    m_componentChart->clear();
    m_resultsHeader->clear();
    m_resultsPlaceholder->setText(placeholder);
    m_resultsStack->setCurrentWidget(m_resultsPlaceholder);
}

bool MainWindow::startRun()
{
    if (isRunning() || !m_scenario)
        return false;

    Model::Scenario scenario = *m_scenario;
    applySettings(m_scenarioPanel->settings(), scenario);

    // The settings may break a rule (warm-up past the end, say): validate the copy again.
    Model::Problems problems = m_loadProblems;
    appendNew(problems, Model::validateScenario(scenario));
    Model::CompiledScenario compiled;
    if (!Model::hasErrors(problems)) {
        compiled = Model::compileScenario(scenario);
        appendNew(problems, compiled.problems);
    }
    if (!Model::hasErrors(problems)) {
        for (const std::string &message : Sim::checkSpec(compiled.spec)) {
            Model::Problem problem;
            problem.message = tr("The engine refuses the compiled scenario: %1")
                                  .arg(QString::fromStdString(message));
            problems.append(problem);
        }
    }
    setProblems(problems);
    if (Model::hasErrors(problems)) {
        m_runStatus->setText(tr("Not started: %1").arg(errorSummary(problems)));
        return false;
    }

    m_runningScenarioName = scenario.name;
    m_requestModel->clear();
    m_componentModel->clear();
    m_chart->beginRun(compiled.spec.durationS, compiled.spec.warmupS);
    m_resultsHeader->setText(tr("Running %1…").arg(m_runningScenarioName));
    m_resultsStack->setCurrentIndex(1);
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("%p%"));
    m_runStatus->setText(tr("Running…"));
    if (!m_runController->start(compiled.spec))
        return false;
    setRunning(true);
    return true;
}

void MainWindow::cancelRun()
{
    if (!isRunning())
        return;
    m_runController->cancel();
    m_cancelAction->setEnabled(false);
    m_runStatus->setText(tr("Cancelling…"));
}

bool MainWindow::isRunning() const
{
    return m_runController->isRunning();
}

void MainWindow::showResultsTab(ResultsTab tab)
{
    m_resultsTabs->setCurrentIndex(static_cast<int>(tab));
}

void MainWindow::setRunning(bool running)
{
    m_scenarioPanel->setEditable(!running);
    m_exampleList->setEnabled(!running);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool running = isRunning();
    m_runAction->setEnabled(!running && m_runnable);
    m_cancelAction->setEnabled(running);
    m_openAction->setEnabled(!running);
}

void MainWindow::onRunProgress(double fraction)
{
    m_progressBar->setValue(static_cast<int>(qBound(0.0, fraction, 1.0) * kProgressSteps));
}

void MainWindow::onRunFinished()
{
    const Sim::RunResult &result = m_runController->result();
    m_requestModel->setResult(result);
    m_componentModel->setResult(result);
    m_chart->setSeries(result.series, result.durationS, result.warmupS);
    m_chart->setEvents(result.timeline);
    m_componentChart->setSeries(result.series, result.durationS);
    m_componentChart->setEvents(result.timeline);

    const QString replications = result.replications == 1
                                     ? tr("1 replication")
                                     : tr("%1 replications").arg(result.replications);
    const QString settings = tr("duration %1 s (warm-up %2 s), seed %3, %4")
                                 .arg(formatPlain(result.durationS),
                                      formatPlain(result.warmupS))
                                 .arg(result.seed)
                                 .arg(replications);
    const QString timing = tr("%1 events in %2 wall time, %3 events/s")
                               .arg(formatSi(static_cast<double>(result.events)),
                                    formatWallTime(result.wallS), formatSi(result.eventsPerS));
    if (result.cancelled) {
        m_resultsHeader->setText(tr("<b>%1</b>: cancelled at %2%, partial results; %3.")
                                     .arg(m_runningScenarioName.toHtmlEscaped())
                                     .arg(m_progressBar->value() * 100 / kProgressSteps)
                                     .arg(settings));
        m_progressBar->setFormat(tr("Cancelled at %p%"));
        m_runStatus->setText(tr("Cancelled: %1.").arg(timing));
    } else {
        m_resultsHeader->setText(tr("<b>%1</b>: %2.")
                                     .arg(m_runningScenarioName.toHtmlEscaped(), settings));
        m_progressBar->setValue(kProgressSteps);
        m_progressBar->setFormat(tr("Done"));
        m_runStatus->setText(tr("Finished: %1.").arg(timing));
    }
    setRunning(false);
    emit runEnded();
}

void MainWindow::onRunFailed(const QString &message)
{
    Model::Problems problems = m_problemModel->problems();
    Model::Problem problem;
    problem.message = tr("The simulation stopped with an error: %1").arg(message);
    problems.append(problem);
    setProblems(problems);
    m_resultsHeader->setText(tr("<b>%1</b>: the run failed.")
                                 .arg(m_runningScenarioName.toHtmlEscaped()));
    m_progressBar->setFormat(tr("Failed"));
    m_runStatus->setText(tr("Run failed: %1").arg(message));
    setRunning(false);
    emit runEnded();
}

void MainWindow::openFileDialog()
{
    QSettings settings;
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open Scenario"), settings.value(QLatin1String(kLastDirectoryKey)).toString(),
        tr("Scenario files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirectoryKey), QFileInfo(fileName).absolutePath());
    openScenarioFile(fileName);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About ArchSim"),
        tr("<h3>ArchSim %1</h3>"
           "<p>A discrete-event simulator of software architectures: monoliths and "
           "microservices, their caches and queues, under load.</p>"
           "<p>Simulation engine %2, Qt %3.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(Sim::engineVersion()),
                 QString::fromLatin1(qVersion())));
}

} // namespace Ui
