// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ComponentChart.h"
#include "ComponentTableModel.h"
#include "Formatting.h"
#include "LatencyChart.h"
#include "ProjectDocument.h"
#include "ProjectPanel.h"
#include "RequestTableModel.h"
#include "RunController.h"
#include "ScenarioIo.h"
#include "ScenarioPanel.h"
#include "SeriesChart.h"
#include "Simulation.h"
#include "canvas/CanvasScene.h"
#include "canvas/CanvasView.h"
#include "canvas/Palette.h"
#include "editing/DocumentController.h"
#include "format/Schema.h"
#include "inspector/InspectorWidget.h"
#include "inspector/ProblemsPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

/** What one scenario is edited with; created when the scenario is first shown. */
struct MainWindow::Editor
{
    QString scenarioId;
    DocumentController *controller = nullptr;
    CanvasScene *scene = nullptr;
    CanvasView *view = nullptr;
    InspectorWidget *inspector = nullptr;
    ProblemsPanel *problems = nullptr;
};

namespace {

constexpr int kProgressSteps = 1000;
constexpr int kAutosaveMs = 60 * 1000;
constexpr int kMaxRecent = 8;
const char kLastDirectoryKey[] = "lastScenarioDirectory";
const char kLastProjectDirectoryKey[] = "lastProjectDirectory";
const char kRecentProjectsKey[] = "recentProjects";
const char kLastProjectKey[] = "lastProject";

QString projectFilter()
{
    return MainWindow::tr("ArchSim projects (*.%1);;All files (*)")
        .arg(Model::ProjectStore::fileSuffix());
}

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

RunSettings settingsOf(const Model::Scenario &scenario)
{
    RunSettings settings;
    settings.durationS = scenario.simulation.durationS;
    settings.warmupS = scenario.simulation.warmupS;
    settings.seed = scenario.simulation.seed;
    settings.replications = scenario.simulation.replications;
    return settings;
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
    if (components.isEmpty())
        components << MainWindow::tr("none yet (drag them from the palette)");
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

/** "line 3, column 7: …" for each problem, one per line. */
QString problemLines(const Model::Problems &problems)
{
    QStringList lines;
    for (const Model::Problem &problem : problems) {
        QString where;
        if (problem.line > 0) {
            where = problem.column > 0 ? MainWindow::tr("line %1, column %2: ")
                                             .arg(problem.line)
                                             .arg(problem.column)
                                       : MainWindow::tr("line %1: ").arg(problem.line);
        } else if (!problem.path.isEmpty()) {
            where = problem.path + QStringLiteral(": ");
        }
        lines << where + problem.message;
    }
    return lines.join(QLatin1Char('\n'));
}

/** The component index in a problem path "$.components[3]…", -1 when it names none. */
int componentIndexOf(const QString &path)
{
    static const QRegularExpression re(QStringLiteral("^\\$\\.components\\[(\\d+)\\]"));
    const QRegularExpressionMatch match = re.match(path);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

/** A new scenario a user starts from: settings and a workload, no components yet. */
Model::Scenario emptyScenario(const QString &name)
{
    Model::Scenario scenario;
    scenario.name = name;
    scenario.simulation.durationS = 60;
    scenario.simulation.warmupS = 5;
    scenario.simulation.seed = 1;
    scenario.workload.arrivals.kind = QStringLiteral("poisson");
    scenario.workload.arrivals.ratePerS = 100;
    Model::RequestType request;
    request.name = QStringLiteral("request");
    scenario.workload.requests << request;
    return scenario;
}

QMessageBox::StandardButton askWithMessageBox(QWidget *parent, const QString &title,
                                              const QString &text,
                                              QMessageBox::StandardButtons buttons,
                                              QMessageBox::StandardButton defaultButton)
{
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_examples(builtinExamples())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_project = new Model::ProjectDocument(this);
    m_undoGroup = new QUndoGroup(this);
    m_runController = new RunController(this);
    m_ask = [this](const QString &title, const QString &text,
                   QMessageBox::StandardButtons buttons,
                   QMessageBox::StandardButton defaultButton) {
        return askWithMessageBox(this, title, text, buttons, defaultButton);
    };
    m_askSaveFile = [this](const QString &title, const QString &suggested,
                           const QString &filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };

    createActions();
    createMenus();
    createWidgets();

    connect(m_runController, &RunController::progressChanged, this, &MainWindow::onRunProgress);
    connect(m_runController, &RunController::liveBuckets, m_chart, &SeriesChart::appendBuckets);
    connect(m_runController, &RunController::liveBuckets, m_componentChart,
            &ComponentChart::appendBuckets);
    connect(m_runController, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_runController, &RunController::failed, this, &MainWindow::onRunFailed);

    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this,
            &MainWindow::resetEditors);
    connect(m_project, &Model::ProjectDocument::projectReset, this, &MainWindow::onProjectReset);
    connect(m_project, &Model::ProjectDocument::scenarioAboutToBeRemoved, this,
            &MainWindow::dropEditor);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, [this] {
        if (m_currentId.isEmpty() || !m_project->contains(m_currentId)) {
            const QStringList ids = m_project->scenarioIds();
            m_currentId.clear();
            if (!ids.isEmpty())
                showScenario(ids.first());
            else
                showScenario(QString());
        }
    });
    connect(m_project, &Model::ProjectDocument::scenarioRenamed, this, [this](const QString &id) {
        if (id == m_currentId)
            updateScenarioPanel();
    });
    connect(m_project, &Model::ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_project, &Model::ProjectDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(m_project, &Model::ProjectDocument::metadataChanged, this, &MainWindow::updateTitle);
    connect(m_project, &Model::ProjectDocument::documentEdited, this,
            &MainWindow::onDocumentEdited);
    auto structureChanged = [this] {
        m_autosavePending = true;
        updateAutosaveTimer();
        updateTitle();
    };
    connect(m_project, &Model::ProjectDocument::scenarioAdded, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::scenarioMoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runAdded, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runRemoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runChanged, this, structureChanged);
    connect(m_undoGroup, &QUndoGroup::cleanChanged, this, &MainWindow::updateTitle);

    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(kAutosaveMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);

    resize(1440, 900);
    onProjectReset();
}

MainWindow::~MainWindow()
{
    // The editors' scenes and views refer to documents the project owns: drop them first.
    resetEditors();
}

// ---------------------------------------------------------------------------------------
// Actions and widgets

void MainWindow::createActions()
{
    auto action = [this](const QString &text, const char *name, const QKeySequence &shortcut = {},
                         QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        if (icon != QStyle::SP_CustomBase)
            a->setIcon(style()->standardIcon(icon));
        return a;
    };

    m_newProjectAction = action(tr("&New Project"), "newProjectAction", QKeySequence::New,
                                QStyle::SP_FileIcon);
    connect(m_newProjectAction, &QAction::triggered, this, &MainWindow::newProject);
    m_openAction = action(tr("&Open Project…"), "openAction", QKeySequence::Open,
                          QStyle::SP_DialogOpenButton);
    m_openAction->setStatusTip(tr("Open an ArchSim project (.archsim) or a scenario JSON file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openProjectDialog);
    m_openExamplesAction = action(tr("Open &Example Project"), "openExamplesAction");
    connect(m_openExamplesAction, &QAction::triggered, this, &MainWindow::openExampleProject);
    m_saveAction = action(tr("&Save"), "saveAction", QKeySequence::Save,
                          QStyle::SP_DialogSaveButton);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveProject);
    m_saveAsAction = action(tr("Save &As…"), "saveAsAction",
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAsDialog);
    m_importAction = action(tr("&Import Scenario…"), "importAction",
                            QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importAction->setStatusTip(tr("Add a scenario JSON file to the project"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importScenarioDialog);
    m_exportAction = action(tr("&Export Scenario…"), "exportAction",
                            QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setStatusTip(tr("Write the shown scenario as a JSON file"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportScenarioDialog);
    m_newScenarioAction = action(tr("New &Scenario"), "newScenarioAction",
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newScenarioAction, &QAction::triggered, this, &MainWindow::newScenario);
    m_duplicateScenarioAction = action(tr("D&uplicate Scenario"), "duplicateScenarioAction",
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_duplicateScenarioAction, &QAction::triggered, this, &MainWindow::duplicateScenario);
    m_renameScenarioAction = action(tr("&Rename Scenario…"), "renameScenarioAction",
                                    QKeySequence(Qt::Key_F2));
    connect(m_renameScenarioAction, &QAction::triggered, this, &MainWindow::renameScenarioDialog);
    m_deleteScenarioAction = action(tr("Delete Scenario"), "deleteScenarioAction");
    connect(m_deleteScenarioAction, &QAction::triggered, this, &MainWindow::deleteScenario);
    m_showRunAction = action(tr("Show Results"), "showRunAction");
    connect(m_showRunAction, &QAction::triggered, this, [this] {
        showSavedRun(m_projectPanel->selectedScenarioId(), m_projectPanel->selectedRunId());
    });
    m_renameRunAction = action(tr("Label Run…"), "renameRunAction");
    connect(m_renameRunAction, &QAction::triggered, this, &MainWindow::renameRunDialog);
    m_deleteRunAction = action(tr("Delete Run"), "deleteRunAction");
    connect(m_deleteRunAction, &QAction::triggered, this, &MainWindow::deleteRun);

    m_quitAction = action(tr("&Quit"), "quitAction", QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_undoGroup->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_redoAction = m_undoGroup->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                                    QKeySequence(Qt::CTRL | Qt::Key_Y)}) {
        if (!redoKeys.contains(key))
            redoKeys << key;
    }
    m_redoAction->setShortcuts(redoKeys);
    m_redoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));

    // Canvas edits: the view handles Delete, Ctrl+C and Ctrl+V itself while it has focus;
    // these menu entries (without shortcuts, so that the keys in a text field still act on
    // the text) reach the shown canvas from anywhere.
    m_copyAction = action(tr("&Copy Components"), "copyAction");
    connect(m_copyAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->copySelection();
    });
    m_pasteAction = action(tr("&Paste Components"), "pasteAction");
    connect(m_pasteAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->paste();
    });
    m_deleteAction = action(tr("&Delete Selection"), "deleteAction");
    connect(m_deleteAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->deleteSelection();
    });

    m_zoomInAction = action(tr("Zoom &In"), "zoomInAction", QKeySequence::ZoomIn);
    connect(m_zoomInAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->zoomIn();
    });
    m_zoomOutAction = action(tr("Zoom &Out"), "zoomOutAction", QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->zoomOut();
    });
    m_fitAction = action(tr("&Fit to View"), "fitAction", QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_fitAction, &QAction::triggered, this, [this] {
        if (CanvasView *view = currentView())
            view->fitToView();
    });
    m_gridAction = action(tr("Show &Grid"), "gridAction");
    m_gridAction->setCheckable(true);
    m_gridAction->setChecked(true);
    connect(m_gridAction, &QAction::toggled, this, [this](bool on) {
        for (Editor *e : std::as_const(m_editors))
            e->view->setGridVisible(on);
    });
    m_snapAction = action(tr("&Snap to Grid"), "snapAction");
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(true);
    connect(m_snapAction, &QAction::toggled, this, [this](bool on) {
        for (Editor *e : std::as_const(m_editors))
            e->view->setSnapToGrid(on);
    });
    m_arrangeAction = action(tr("&Arrange"), "arrangeAction", QKeySequence(Qt::CTRL | Qt::Key_L));
    m_arrangeAction->setStatusTip(tr("Lay the components out left to right (Graphviz); undoable"));
    connect(m_arrangeAction, &QAction::triggered, this, [this] {
        if (CanvasScene *scene = currentScene()) {
            scene->arrange();
            currentView()->fitToView();
        }
    });
    m_heatAction = action(tr("&Heat Overlay"), "heatAction", QKeySequence(Qt::CTRL | Qt::Key_H));
    m_heatAction->setCheckable(true);
    m_heatAction->setChecked(true);
    m_heatAction->setStatusTip(tr("Colour components by utilisation in the shown results, mark "
                                  "the bottleneck and label links with their traffic"));
    connect(m_heatAction, &QAction::toggled, this, [this](bool on) {
        if (CanvasScene *scene = currentScene())
            scene->setHeat(on && m_hasResult && m_resultScenarioId == m_currentId ? &m_result
                                                                                  : nullptr);
    });

    m_runAction = action(tr("&Run"), "runAction", QKeySequence(Qt::CTRL | Qt::Key_R),
                         QStyle::SP_MediaPlay);
    m_runAction->setToolTip(tr("Run the simulation (Ctrl+R)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::startRun);
    m_cancelAction = action(tr("&Cancel"), "cancelAction", QKeySequence(Qt::Key_Escape),
                            QStyle::SP_MediaStop);
    m_cancelAction->setToolTip(tr("Stop the running simulation (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelRun);

    m_aboutAction = action(tr("&About ArchSim"), "aboutAction");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::about);
    m_aboutQtAction = action(tr("About &Qt"), "aboutQtAction");
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newProjectAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addAction(m_openExamplesAction);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_newScenarioAction);
    m_examplesMenu = file->addMenu(tr("New Scenario from E&xample"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (int i = 0; i < m_examples.size(); ++i) {
        QAction *example = m_examplesMenu->addAction(m_examples.at(i).name);
        example->setToolTip(m_examples.at(i).description);
        connect(example, &QAction::triggered, this, [this, i] { openExample(i); });
    }
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_copyAction);
    edit->addAction(m_pasteAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_duplicateScenarioAction);
    edit->addAction(m_renameScenarioAction);
    edit->addAction(m_deleteScenarioAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addSeparator();
    view->addAction(m_gridAction);
    view->addAction(m_snapAction);
    view->addAction(m_arrangeAction);
    view->addAction(m_heatAction);
    view->addSeparator(); // the docks' toggles follow (createWidgets)

    QMenu *simulation = menuBar()->addMenu(tr("&Simulation"));
    simulation->addAction(m_runAction);
    simulation->addAction(m_cancelAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);
}

void MainWindow::createWidgets()
{
    setDockNestingEnabled(true);

    // Left: the project, the palette.
    m_projectPanel = new ProjectPanel(this);
    m_projectPanel->setProject(m_project);
    m_projectPanel->setScenarioActions({m_newScenarioAction, m_duplicateScenarioAction,
                                        m_renameScenarioAction, m_deleteScenarioAction,
                                        m_exportAction});
    m_projectPanel->setRunActions({m_showRunAction, m_renameRunAction, m_deleteRunAction});
    // Delete in the project panel deletes what is selected there (after asking).
    auto deleteSelected = new QAction(tr("Delete"), m_projectPanel);
    deleteSelected->setShortcut(QKeySequence::Delete);
    deleteSelected->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteSelected, &QAction::triggered, this, [this] {
        if (!m_projectPanel->selectedRunId().isEmpty())
            deleteRun();
        else if (!m_projectPanel->selectedScenarioId().isEmpty())
            deleteScenario();
    });
    m_projectPanel->addAction(deleteSelected);
    connect(m_projectPanel, &ProjectPanel::scenarioSelected, this,
            [this](const QString &id) { showScenario(id); });
    connect(m_projectPanel, &ProjectPanel::runSelected, this, &MainWindow::showSavedRun);
    m_projectDock = new QDockWidget(tr("Project"), this);
    m_projectDock->setObjectName(QStringLiteral("projectDock"));
    m_projectDock->setWidget(m_projectPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);

    m_palette = new Palette(this);
    m_palette->setObjectName(QStringLiteral("palette"));
    m_paletteDock = new QDockWidget(tr("Components"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    splitDockWidget(m_projectDock, m_paletteDock, Qt::Vertical);

    // Right: the inspector of the shown scenario.
    m_inspectorStack = new QStackedWidget(this);
    m_inspectorStack->setObjectName(QStringLiteral("inspectorStack"));
    auto inspectorEmpty = new QLabel(tr("Open a scenario to edit it here."), this);
    inspectorEmpty->setAlignment(Qt::AlignCenter);
    inspectorEmpty->setWordWrap(true);
    m_inspectorStack->addWidget(inspectorEmpty);
    auto pages = new QToolBar(this);
    pages->setObjectName(QStringLiteral("inspectorPages"));
    pages->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto pageAction = [this, pages](const QString &text, const char *name,
                                    void (InspectorWidget::*show)()) {
        QAction *a = pages->addAction(text);
        a->setObjectName(QLatin1String(name));
        connect(a, &QAction::triggered, this, [this, show] {
            if (InspectorWidget *inspector = currentInspector())
                (inspector->*show)();
        });
    };
    pageAction(tr("Scenario"), "inspectScenarioAction", &InspectorWidget::showScenario);
    pageAction(tr("Workload"), "inspectWorkloadAction", &InspectorWidget::showWorkload);
    pageAction(tr("Simulation"), "inspectSimulationAction", &InspectorWidget::showSimulation);
    pageAction(tr("Faults"), "inspectFaultsAction", &InspectorWidget::showFaults);
    auto inspectorPane = new QWidget(this);
    auto inspectorLayout = new QVBoxLayout(inspectorPane);
    inspectorLayout->setContentsMargins(0, 0, 0, 0);
    inspectorLayout->setSpacing(0);
    inspectorLayout->addWidget(pages);
    inspectorLayout->addWidget(m_inspectorStack, 1);
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(inspectorPane);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

    // Bottom: the problems of the shown scenario.
    m_problemsStack = new QStackedWidget(this);
    m_problemsStack->setObjectName(QStringLiteral("problemsStack"));
    m_problemsStack->addWidget(new QWidget(this));
    m_problemDock = new QDockWidget(tr("Problems"), this);
    m_problemDock->setObjectName(QStringLiteral("problemDock"));
    m_problemDock->setWidget(m_problemsStack);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemDock);
    m_problemDock->hide(); // until there are problems (updateProblemDock)

    resizeDocks({m_projectDock, m_inspectorDock}, {250, 340}, Qt::Horizontal);
    resizeDocks({m_projectDock, m_paletteDock}, {300, 340}, Qt::Vertical);
    resizeDocks({m_problemDock}, {110}, Qt::Vertical);

    if (auto view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        view->addAction(m_projectDock->toggleViewAction());
        view->addAction(m_paletteDock->toggleViewAction());
        view->addAction(m_inspectorDock->toggleViewAction());
        view->addAction(m_problemDock->toggleViewAction());
    }

    // Centre, top: the scenario and its run settings, Run, the progress.
    m_scenarioPanel = new ScenarioPanel(this);
    connect(m_scenarioPanel, &ScenarioPanel::settingsEdited, this, &MainWindow::applyRunSettings);

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

    // Centre, middle: the canvas of the shown scenario.
    m_canvasStack = new QStackedWidget(this);
    m_canvasStack->setObjectName(QStringLiteral("canvasStack"));
    m_canvasPlaceholder = new QLabel(this);
    m_canvasPlaceholder->setAlignment(Qt::AlignCenter);
    m_canvasPlaceholder->setWordWrap(true);
    m_canvasPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    m_canvasPlaceholder->setMargin(24);
    m_canvasStack->addWidget(m_canvasPlaceholder);

    // Centre, bottom: results, tables left and charts right.
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
    m_resultsTabs = new QTabWidget(this);
    m_resultsTabs->setObjectName(QStringLiteral("resultsTabs"));
    m_resultsTabs->addTab(m_requestView, tr("Requests"));
    m_resultsTabs->addTab(m_componentView, tr("Components"));

    m_chart = new SeriesChart(this);
    m_chart->setObjectName(QStringLiteral("seriesChart"));
    m_componentChart = new ComponentChart(this);
    m_componentChart->setObjectName(QStringLiteral("componentChart"));
    m_latencyChart = new LatencyChart(this);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    m_chartTabs = new QTabWidget(this);
    m_chartTabs->setObjectName(QStringLiteral("chartTabs"));
    m_chartTabs->addTab(m_chart, tr("Over time"));
    m_chartTabs->addTab(m_componentChart, tr("Components over time"));
    m_chartTabs->addTab(m_latencyChart, tr("Latency distribution"));

    auto resultsSplitter = new QSplitter(Qt::Horizontal, this);
    resultsSplitter->setObjectName(QStringLiteral("resultsSplitter"));
    resultsSplitter->setChildrenCollapsible(false);
    resultsSplitter->addWidget(m_resultsTabs);
    resultsSplitter->addWidget(m_chartTabs);
    resultsSplitter->setStretchFactor(0, 1);
    resultsSplitter->setStretchFactor(1, 1);
    resultsSplitter->setSizes({500, 500});

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

    auto centreSplitter = new QSplitter(Qt::Vertical, this);
    centreSplitter->setObjectName(QStringLiteral("centreSplitter"));
    centreSplitter->setChildrenCollapsible(false);
    centreSplitter->addWidget(m_canvasStack);
    centreSplitter->addWidget(m_resultsStack);
    centreSplitter->setStretchFactor(0, 1);
    centreSplitter->setStretchFactor(1, 1);
    centreSplitter->setSizes({440, 560}); // proportions: the results need the room for charts

    auto central = new QWidget(this);
    auto layout = new QVBoxLayout(central);
    layout->addWidget(m_scenarioPanel);
    layout->addLayout(runRow);
    layout->addWidget(centreSplitter, 1);
    setCentralWidget(central);

    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addWidget(m_runStatus, 1);
}

// ---------------------------------------------------------------------------------------
// Editors

MainWindow::Editor *MainWindow::editor(const QString &scenarioId) const
{
    return m_editors.value(scenarioId, nullptr);
}

MainWindow::Editor *MainWindow::ensureEditor(const QString &scenarioId)
{
    if (Editor *existing = editor(scenarioId))
        return existing;
    Model::Document *document = m_project->document(scenarioId);
    if (!document)
        return nullptr;
    auto e = new Editor;
    e->scenarioId = scenarioId;
    e->controller = new DocumentController(document, this);
    e->scene = new CanvasScene(document, e->controller, e->controller);
    e->view = new CanvasView(e->scene, m_canvasStack);
    e->view->setObjectName(QStringLiteral("canvasView"));
    e->view->setGridVisible(m_gridAction->isChecked());
    e->view->setSnapToGrid(m_snapAction->isChecked());
    e->inspector = new InspectorWidget(e->controller, m_inspectorStack);
    e->inspector->setObjectName(QStringLiteral("inspector"));
    e->problems = new ProblemsPanel(document, m_problemsStack);
    e->problems->setObjectName(QStringLiteral("problemsPanel"));
    m_canvasStack->addWidget(e->view);
    m_inspectorStack->addWidget(e->inspector);
    m_problemsStack->addWidget(e->problems);
    m_undoGroup->addStack(e->controller->undoStack());

    connect(e->scene, &CanvasScene::componentSelected, e->inspector,
            &InspectorWidget::showComponent);
    connect(e->scene, &CanvasScene::linkSelected, e->inspector,
            [inspector = e->inspector](const Relation &relation) {
                inspector->showComponent(relation.from); // the link is a field of its source
            });
    connect(e->scene, &CanvasScene::nothingSelected, e->inspector,
            &InspectorWidget::showWorkload);
    connect(e->problems, &ProblemsPanel::problemActivated, this,
            &MainWindow::onProblemActivated);
    connect(document, &Model::Document::problemsChanged, this, [this, scenarioId] {
        if (scenarioId == m_currentId) {
            updateProblemDock();
            updateActions();
        }
    });
    // The header shows the name, the summary (workload, component kinds) and the settings.
    const auto refreshPanel = [this, scenarioId] {
        if (scenarioId == m_currentId)
            updateScenarioPanel();
    };
    for (auto signal : {&Model::Document::simulationChanged, &Model::Document::headerChanged,
                        &Model::Document::workloadChanged, &Model::Document::scenarioReset})
        connect(document, signal, this, refreshPanel);
    for (auto signal : {&Model::Document::componentAdded, &Model::Document::componentRemoved})
        connect(document, signal, this, refreshPanel);

    // A scenario without positions (a hand-written file) is laid out once when it is first
    // shown; that is part of opening it, not an edit to undo.
    if (e->scene->needsArrange()) {
        e->scene->arrange();
        e->controller->undoStack()->clear();
    }
    e->inspector->showWorkload();
    m_editors.insert(scenarioId, e);
    return e;
}

void MainWindow::dropEditor(const QString &scenarioId)
{
    Editor *e = m_editors.take(scenarioId);
    if (!e)
        return;
    if (scenarioId == m_currentId) {
        m_canvasStack->setCurrentWidget(m_canvasPlaceholder);
        m_inspectorStack->setCurrentIndex(0);
        m_problemsStack->setCurrentIndex(0);
    }
    if (m_resultScenarioId == scenarioId) {
        m_hasResult = false;
        m_resultScenarioId.clear();
    }
    m_undoGroup->removeStack(e->controller->undoStack());
    delete e->view;
    delete e->inspector;
    delete e->problems;
    delete e->controller; // owns the scene
    delete e;
}

void MainWindow::resetEditors()
{
    const QStringList ids = m_editors.keys();
    for (const QString &id : ids)
        dropEditor(id);
    m_currentId.clear();
}

Model::Document *MainWindow::currentDocument() const
{
    return m_project->document(m_currentId);
}

DocumentController *MainWindow::currentController() const
{
    Editor *e = editor(m_currentId);
    return e ? e->controller : nullptr;
}

CanvasScene *MainWindow::currentScene() const
{
    Editor *e = editor(m_currentId);
    return e ? e->scene : nullptr;
}

CanvasView *MainWindow::currentView() const
{
    Editor *e = editor(m_currentId);
    return e ? e->view : nullptr;
}

InspectorWidget *MainWindow::currentInspector() const
{
    Editor *e = editor(m_currentId);
    return e ? e->inspector : nullptr;
}

ProblemsPanel *MainWindow::currentProblemsPanel() const
{
    Editor *e = editor(m_currentId);
    return e ? e->problems : nullptr;
}

bool MainWindow::showScenario(const QString &scenarioId)
{
    return showScenario(scenarioId, true);
}

bool MainWindow::showScenario(const QString &scenarioId, bool showNewestRun)
{
    if (!scenarioId.isEmpty() && !m_project->contains(scenarioId))
        return false;
    const bool changed = scenarioId != m_currentId;
    m_currentId = scenarioId;
    Editor *e = scenarioId.isEmpty() ? nullptr : ensureEditor(scenarioId);
    if (e) {
        m_canvasStack->setCurrentWidget(e->view);
        m_inspectorStack->setCurrentWidget(e->inspector);
        m_problemsStack->setCurrentWidget(e->problems);
        m_undoGroup->setActiveStack(e->controller->undoStack());
        m_palette->setView(e->view);
        if (changed)
            e->view->fitWhenShown();
    } else {
        m_canvasPlaceholder->setText(
            scenarioId.isEmpty()
                ? tr("This project has no scenario yet: File > New Scenario (Ctrl+Shift+N), "
                     "New Scenario from Example, or Import Scenario (Ctrl+I).")
                : tr("This scenario could not be read, so it cannot be edited or run. It is "
                     "kept unchanged in the project.\n\n%1")
                      .arg(problemLines(m_project->loadProblems(scenarioId))));
        m_canvasStack->setCurrentWidget(m_canvasPlaceholder);
        m_inspectorStack->setCurrentIndex(0);
        m_problemsStack->setCurrentIndex(0);
        m_undoGroup->setActiveStack(nullptr);
        m_palette->setView(nullptr);
    }
    m_projectPanel->setCurrentScenario(scenarioId);
    updateScenarioPanel();
    updateProblemDock();

    if (changed && showNewestRun && !isRunning())
        showNewestResults();
    updateActions();
    return true;
}

void MainWindow::showNewestResults()
{
    // The newest saved run of the scenario, if any, is what the user saw last.
    const QList<Model::SavedRun> runs = m_project->runs(m_currentId);
    if (!runs.isEmpty() && showSavedRun(m_currentId, runs.last().id)) {
        m_projectPanel->setCurrentScenario(m_currentId);
        return;
    }
    clearResults(tr("Press Run (Ctrl+R) to simulate this scenario.\n\nThe results appear here: "
                    "latency percentiles and throughput for each request type, utilisation and "
                    "queueing for each component, charts over simulated time and the latency "
                    "distribution."));
}

void MainWindow::updateScenarioPanel()
{
    Model::Document *document = currentDocument();
    if (!document) {
        m_scenarioPanel->setUnreadable(m_currentId.isEmpty() ? QString()
                                                             : m_project->scenarioName(m_currentId));
        return;
    }
    const Model::Scenario &scenario = document->scenario();
    const QString source = m_project->isUntitled()
                               ? tr("in the unsaved project")
                               : tr("in %1").arg(QDir::toNativeSeparators(m_project->path()));
    m_scenarioPanel->setScenario(scenario.name, scenario.description, scenarioSummary(scenario),
                                 source, settingsOf(scenario));
    m_scenarioPanel->setEditable(!isRunning());
}

void MainWindow::updateProblemDock()
{
    Model::Document *document = currentDocument();
    const qsizetype count = document ? document->problems().size() : 0;
    m_problemDock->setWindowTitle(count == 0 ? tr("Problems") : tr("Problems (%1)").arg(count));
    // Shown when problems appear; hidden again when they are gone only if it was shown for
    // them, so the user's own View > Problems choice stands.
    if (count > 0 && m_problemDock->isHidden()) {
        m_problemDock->show();
        m_problemDockAutoShown = true;
    } else if (count == 0 && m_problemDockAutoShown) {
        m_problemDock->hide();
        m_problemDockAutoShown = false;
    }
}

void MainWindow::applyRunSettings(const RunSettings &settings, const QString &field)
{
    DocumentController *controller = currentController();
    if (!controller)
        return;
    // Only the field the user changed: the others may hold values the spin boxes cannot show.
    Model::SimulationSettings simulation = controller->document()->scenario().simulation;
    if (field == Model::Format::keyOf(&Model::SimulationSettings::durationS))
        simulation.durationS = settings.durationS;
    else if (field == Model::Format::keyOf(&Model::SimulationSettings::warmupS))
        simulation.warmupS = settings.warmupS;
    else if (field == Model::Format::keyOf(&Model::SimulationSettings::seed))
        simulation.seed = settings.seed;
    else if (field == Model::Format::keyOf(&Model::SimulationSettings::replications))
        simulation.replications = settings.replications;
    controller->setSimulation(simulation, QStringLiteral("run-panel.") + field);
}

void MainWindow::onProblemActivated(const Model::Problem &problem)
{
    Editor *e = editor(m_currentId);
    if (!e)
        return;
    const int index = componentIndexOf(problem.path);
    const QList<Model::Component> &components = e->controller->document()->scenario().components;
    if (index >= 0 && index < components.size())
        e->scene->selectComponent(components.at(index).id);
    if (!e->inspector->focusPath(problem.path))
        m_runStatus->setText(tr("No form edits %1.").arg(problem.path));
    m_inspectorDock->show();
    m_inspectorDock->raise();
}

// ---------------------------------------------------------------------------------------
// Project

void MainWindow::onProjectReset()
{
    resetEditors();
    m_autosavePending = false;
    m_autosaveTimer.stop();
    const QStringList ids = m_project->scenarioIds();
    m_currentId = QStringLiteral("\x01"); // not a scenario: showScenario() sees a change
    showScenario(ids.isEmpty() ? QString() : ids.first());
    updateTitle();
}

bool MainWindow::isModified() const
{
    if (m_project->structureModified())
        return true;
    for (Editor *e : std::as_const(m_editors)) {
        if (!e->controller->undoStack()->isClean())
            return true;
    }
    return false;
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] – ArchSim").arg(m_project->displayName()));
    setWindowModified(isModified());
    updateActions();
}

void MainWindow::onDocumentEdited(const QString &scenarioId)
{
    Q_UNUSED(scenarioId)
    m_autosavePending = true;
    updateAutosaveTimer();
}

void MainWindow::updateAutosaveTimer()
{
    // Not isModified() here: a document announces an edit from inside QUndoStack::push(),
    // before the stack counts it. autosaveNow() checks when the timer fires.
    if (m_autosavePending && !m_autosaveTimer.isActive())
        m_autosaveTimer.start();
}

void MainWindow::setAutosaveInterval(int milliseconds)
{
    m_autosaveTimer.setInterval(milliseconds);
}

bool MainWindow::autosaveNow()
{
    if (!m_autosavePending || !isModified()) {
        m_autosavePending = false;
        if (!isModified())
            m_project->discardRecovery(); // back at the saved state: nothing to recover
        return false;
    }
    QString error;
    if (!m_project->writeRecovery(&error)) {
        m_runStatus->setText(tr("Autosave failed: %1").arg(error));
        return false;
    }
    m_autosavePending = false;
    m_runStatus->setText(tr("Autosaved a recovery copy at %1.")
                                 .arg(QTime::currentTime().toString(QStringLiteral("HH:mm"))));
    return true;
}

bool MainWindow::maybeSave()
{
    commitPendingEdits();
    if (!isModified()) {
        m_project->discardRecovery(); // an autosave of changes undone since
        return true;
    }
    const QMessageBox::StandardButton answer = m_ask(
        tr("Unsaved Changes"),
        tr("“%1” has changes that are not saved. Save them first?").arg(m_project->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveProject();
    if (answer == QMessageBox::Discard) {
        m_project->discardRecovery();
        return true;
    }
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isRunning()
        && m_ask(tr("Simulation Running"),
                 tr("A simulation of “%1” is running. Stop it and close?").arg(m_runScenarioName),
                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (isRunning())
        m_runController->cancel(); // its destructor waits for the worker
    QSettings settings;
    settings.setValue(QLatin1String(kLastProjectKey), m_project->path());
    event->accept();
}

void MainWindow::showError(const QString &title, const QString &text, const QString &details)
{
    m_runStatus->setText(text);
    auto box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->open(); // window-modal, not blocking: the caller goes on
}

bool MainWindow::offerRecovery(const QString &projectPath)
{
    const std::optional<Model::RecoveryInfo> recovery =
        Model::ProjectDocument::findRecovery(projectPath);
    if (!recovery || !recovery->newerThanProject)
        return false;
    const QString what = projectPath.isEmpty()
                             ? tr("an unsaved project")
                             : tr("“%1”").arg(QDir::toNativeSeparators(projectPath));
    const QMessageBox::StandardButton answer = m_ask(
        tr("Recover Unsaved Changes"),
        tr("ArchSim was closed without saving %1. An autosave copy from %2 is newer than the "
           "saved file.\n\nRestore it? (No opens the saved file and deletes the copy.)")
            .arg(what, recovery->written.toLocalTime().toString(Qt::TextDate)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        QFile::remove(recovery->path);
        return false;
    }
    QString error;
    QStringList warnings;
    if (!m_project->openRecovery(*recovery, &error, &warnings)) {
        showError(tr("Recovery Failed"), tr("The autosave copy could not be opened."), error);
        return false;
    }
    m_runStatus->setText(tr("Restored the autosave copy: save to keep it."));
    return true;
}

void MainWindow::openStartup(const QString &file)
{
    if (!file.isEmpty()) {
        if (file.endsWith(QLatin1Char('.') + Model::ProjectStore::fileSuffix())) {
            if (openProject(file))
                return;
        } else if (openScenarioAsProject(file)) {
            return;
        }
    }
    if (offerRecovery(QString()))
        return;
    const QString last = QSettings().value(QLatin1String(kLastProjectKey)).toString();
    if (!last.isEmpty() && QFileInfo::exists(last) && openProject(last))
        return; // (a failure was shown; the example project opens behind the message)
    openExampleProject();
}

bool MainWindow::openExampleProject()
{
    if (isRunning() || !maybeSave())
        return false;
    QStringList problems;
    Model::Project project = Model::ProjectDocument::exampleProject(QStringLiteral(":/examples"),
                                                                    &problems);
    project.metadata.name = tr("ArchSim examples");
    m_project->setProject(project);
    m_runStatus->setText(tr("The example project: pick a scenario on the left, press Run "
                                "(Ctrl+R). Save As keeps your changes."));
    return true;
}

bool MainWindow::newProject()
{
    if (isRunning() || !maybeSave())
        return false;
    Model::Project project;
    project.scenarios << Model::ProjectScenario::create(emptyScenario(tr("New scenario")));
    m_project->setProject(project);
    return true;
}

bool MainWindow::openProject(const QString &fileName)
{
    if (isRunning() || !maybeSave())
        return false;
    const QString path = QFileInfo(fileName).absoluteFilePath();
    // An autosave copy of this project (not of the one open now: its copy is this
    // session's own) is offered first.
    if (path != m_project->path() && offerRecovery(path))
        return true;
    QString error;
    QStringList warnings;
    if (!m_project->load(path, &error, &warnings)) {
        showError(tr("Cannot Open Project"),
                  tr("%1 could not be opened.").arg(QDir::toNativeSeparators(path)), error);
        m_runStatus->setText(error);
        return false;
    }
    addRecentProject(path);
    if (!warnings.isEmpty()) {
        showError(tr("Project Opened with Problems"),
                  tr("Parts of %1 could not be read; they are kept unchanged.")
                      .arg(QDir::toNativeSeparators(path)),
                  warnings.join(QLatin1Char('\n')));
    } else {
        m_runStatus->setText(tr("Opened %1.").arg(QDir::toNativeSeparators(path)));
    }
    return true;
}

void MainWindow::commitPendingEdits()
{
    // Line edits commit on editingFinished, i.e. when they lose focus: take it from them.
    QWidget *focus = QApplication::focusWidget();
    if (focus && (m_inspectorStack->isAncestorOf(focus) || m_scenarioPanel->isAncestorOf(focus)))
        focus->clearFocus();
}

bool MainWindow::saveProject()
{
    commitPendingEdits();
    if (m_project->isUntitled() || m_project->isReadOnly())
        return saveAsDialog();
    QString error;
    return finishSave(m_project->save(&error), error);
}

bool MainWindow::saveProjectAs(const QString &fileName)
{
    commitPendingEdits();
    QString path = QFileInfo(fileName).absoluteFilePath();
    const QString suffix = QLatin1Char('.') + Model::ProjectStore::fileSuffix();
    if (!path.endsWith(suffix))
        path += suffix;
    QString error;
    return finishSave(m_project->saveAs(path, &error), error);
}

bool MainWindow::finishSave(bool saved, const QString &error)
{
    if (!saved) {
        showError(tr("Cannot Save"), tr("The project was not saved."), error);
        return false;
    }
    for (Editor *e : std::as_const(m_editors))
        e->controller->undoStack()->setClean();
    m_autosavePending = false;
    m_autosaveTimer.stop();
    addRecentProject(m_project->path());
    updateScenarioPanel(); // "in <file>"
    updateTitle();
    m_runStatus->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(m_project->path())));
    return true;
}

bool MainWindow::saveAsDialog()
{
    QSettings settings;
    const QString directory = settings.value(QLatin1String(kLastProjectDirectoryKey),
                                             QDir::homePath())
                                  .toString();
    const QString suggested = m_project->isUntitled()
                                  ? QDir(directory).filePath(m_project->displayName() + QLatin1Char('.')
                                                             + Model::ProjectStore::fileSuffix())
                                  : m_project->path();
    const QString fileName = m_askSaveFile(tr("Save Project As"), suggested, projectFilter());
    if (fileName.isEmpty())
        return false;
    settings.setValue(QLatin1String(kLastProjectDirectoryKey), QFileInfo(fileName).absolutePath());
    return saveProjectAs(fileName);
}

void MainWindow::openProjectDialog()
{
    QSettings settings;
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open Project"),
        settings.value(QLatin1String(kLastProjectDirectoryKey)).toString(),
        tr("ArchSim projects and scenarios (*.%1 *.json);;ArchSim projects (*.%1);;Scenario "
           "files (*.json);;All files (*)")
            .arg(Model::ProjectStore::fileSuffix()));
    if (fileName.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastProjectDirectoryKey), QFileInfo(fileName).absolutePath());
    if (fileName.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        openScenarioAsProject(fileName);
    else
        openProject(fileName);
}

QStringList MainWindow::recentProjects()
{
    return QSettings().value(QLatin1String(kRecentProjectsKey)).toStringList();
}

void MainWindow::addRecentProject(const QString &fileName)
{
    QSettings settings;
    QStringList recent = recentProjects();
    recent.removeAll(fileName);
    recent.prepend(fileName);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QLatin1String(kRecentProjectsKey), recent);
    settings.setValue(QLatin1String(kLastProjectKey), fileName);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentProjects();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &fileName = recent.at(i);
        QAction *a = m_recentMenu->addAction(
            tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(fileName)));
        a->setEnabled(QFileInfo::exists(fileName));
        connect(a, &QAction::triggered, this, [this, fileName] { openProject(fileName); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear Menu")), &QAction::triggered, this,
                [] { QSettings().remove(QLatin1String(kRecentProjectsKey)); });
    }
}

// ---------------------------------------------------------------------------------------
// Scenarios

bool MainWindow::openScenarioFile(const QString &fileName)
{
    if (isRunning())
        return false;
    Model::Problems problems;
    const QString id = m_project->importScenario(fileName, &problems);
    if (id.isEmpty())
        return refuseScenarioFile(tr("Cannot Import Scenario"), fileName, problems);
    QSettings().setValue(QLatin1String(kLastDirectoryKey), QFileInfo(fileName).absolutePath());
    showScenario(id);
    m_runStatus->setText(
        tr("Imported %1.").arg(QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath())));
    return true;
}

bool MainWindow::refuseScenarioFile(const QString &title, const QString &fileName,
                                    const Model::Problems &problems)
{
    const QString shown = QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
    showError(title, tr("%1 holds no scenario that can be read; it was not changed.").arg(shown),
              problemLines(problems));
    m_runStatus->setText(tr("%1: %2").arg(shown, problemLines(problems)));
    return false;
}

bool MainWindow::openScenarioAsProject(const QString &fileName)
{
    if (isRunning() || !maybeSave())
        return false;
    // Read it into a project of its own first: a file that cannot be read leaves the open
    // project as it is.
    Model::ProjectDocument reader;
    Model::Problems problems;
    if (reader.importScenario(fileName, &problems).isEmpty())
        return refuseScenarioFile(tr("Cannot Open Scenario"), fileName, problems);
    const QString shown = QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
    m_project->setProject(reader.project());
    m_runStatus->setText(tr("Opened %1 as a new project (Save As keeps it).").arg(shown));
    return true;
}

bool MainWindow::exportScenarioFile(const QString &fileName)
{
    commitPendingEdits();
    QString error;
    if (m_currentId.isEmpty() || !m_project->exportScenario(m_currentId, fileName, &error)) {
        showError(tr("Cannot Export Scenario"), tr("The scenario was not written."), error);
        return false;
    }
    m_runStatus->setText(tr("Wrote %1.").arg(QDir::toNativeSeparators(fileName)));
    return true;
}

void MainWindow::importScenarioDialog()
{
    QSettings settings;
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Import Scenario"), settings.value(QLatin1String(kLastDirectoryKey)).toString(),
        tr("Scenario files (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        openScenarioFile(fileName);
}

void MainWindow::exportScenarioDialog()
{
    if (!currentDocument())
        return;
    QSettings settings;
    const QString suggested = QDir(settings.value(QLatin1String(kLastDirectoryKey),
                                                  QDir::homePath())
                                       .toString())
                                  .filePath(currentDocument()->scenario().name + QStringLiteral(".json"));
    const QString fileName = m_askSaveFile(tr("Export Scenario"), suggested,
                                           tr("Scenario files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirectoryKey), QFileInfo(fileName).absolutePath());
    exportScenarioFile(fileName);
}

bool MainWindow::openExample(int index)
{
    if (isRunning() || index < 0 || index >= exampleCount())
        return false;
    QFile file(m_examples.at(index).resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return false; // compiled in: cannot happen in a correct build
    const Model::ScenarioLoad load = Model::parseScenario(file.readAll());
    if (!load.scenario)
        return false;
    const QString id = m_project->addScenario(*load.scenario);
    return showScenario(id);
}

QString MainWindow::newScenario()
{
    if (isRunning())
        return {};
    QStringList names;
    for (const QString &id : m_project->scenarioIds())
        names << m_project->scenarioName(id);
    QString name = tr("New scenario");
    for (int n = 2; names.contains(name); ++n)
        name = tr("New scenario %1").arg(n);
    const QString id = m_project->addScenario(emptyScenario(name));
    showScenario(id);
    return id;
}

void MainWindow::duplicateScenario()
{
    const QString id = m_project->duplicateScenario(m_currentId);
    if (!id.isEmpty())
        showScenario(id);
}

void MainWindow::renameScenarioDialog()
{
    if (!currentDocument())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Scenario"), tr("Name:"),
                                               QLineEdit::Normal,
                                               m_project->scenarioName(m_currentId), &ok);
    if (ok && !name.trimmed().isEmpty()) {
        // Through the undo stack: the name is part of the scenario document.
        const Model::Scenario &scenario = currentDocument()->scenario();
        currentController()->setHeader(name.trimmed(), scenario.description);
    }
}

void MainWindow::deleteScenario()
{
    if (m_currentId.isEmpty() || isRunning())
        return;
    const QString name = m_project->scenarioName(m_currentId);
    const int runs = static_cast<int>(m_project->runs(m_currentId).size());
    const QMessageBox::StandardButton answer = m_ask(
        tr("Delete Scenario"),
        tr("Delete “%1” and its %n saved run(s) from the project? This cannot be undone once "
           "the project is saved.",
           nullptr, runs)
            .arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        m_project->removeScenario(m_currentId);
}

void MainWindow::deleteRun()
{
    const QString scenarioId = m_projectPanel->selectedScenarioId();
    const QString runId = m_projectPanel->selectedRunId();
    if (runId.isEmpty() || isRunning())
        return;
    if (m_ask(tr("Delete Run"),
              tr("Delete this saved run from the project? This cannot be undone once the "
                 "project is saved."),
              QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        != QMessageBox::Yes)
        return;
    const bool shown = runId == m_shownRunId;
    m_project->removeRun(scenarioId, runId);
    if (shown && scenarioId == m_currentId)
        showNewestResults();
}

void MainWindow::renameRunDialog()
{
    const QString scenarioId = m_projectPanel->selectedScenarioId();
    const QString runId = m_projectPanel->selectedRunId();
    if (runId.isEmpty())
        return;
    QString label;
    for (const Model::SavedRun &run : m_project->runs(scenarioId)) {
        if (run.id == runId)
            label = run.label;
    }
    bool ok = false;
    label = QInputDialog::getText(this, tr("Label Run"), tr("Label:"), QLineEdit::Normal, label,
                                  &ok);
    if (ok)
        m_project->renameRun(scenarioId, runId, label.trimmed());
}

// ---------------------------------------------------------------------------------------
// Runs and results

void MainWindow::clearResults(const QString &placeholder)
{
    m_hasResult = false;
    m_shownRunId.clear();
    m_resultScenarioId.clear();
    m_requestModel->clear();
    m_componentModel->clear();
    m_chart->clear();
    m_componentChart->clear();
    m_latencyChart->clear();
    m_resultsHeader->clear();
    m_resultsPlaceholder->setText(placeholder);
    m_resultsStack->setCurrentWidget(m_resultsPlaceholder);
    if (CanvasScene *scene = currentScene())
        scene->setHeat(nullptr);
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("Not run yet"));
}

void MainWindow::displayResult(const Sim::RunResult &result, const QString &header)
{
    m_shownRunId.clear();
    m_result = result;
    m_hasResult = true;
    m_resultScenarioId = m_currentId;
    m_requestModel->setResult(m_result);
    m_componentModel->setResult(m_result);
    m_chart->setSeries(m_result.series, m_result.durationS, m_result.warmupS);
    m_chart->setEvents(m_result.timeline);
    m_componentChart->setSeries(m_result.series, m_result.durationS);
    m_componentChart->setEvents(m_result.timeline);
    m_latencyChart->setResult(m_result);
    m_resultsHeader->setText(header);
    m_resultsStack->setCurrentIndex(1);
    if (CanvasScene *scene = currentScene())
        scene->setHeat(m_heatAction->isChecked() ? &m_result : nullptr);
}

bool MainWindow::showSavedRun(const QString &scenarioId, const QString &runId)
{
    if (isRunning() || runId.isEmpty())
        return false;
    if (scenarioId != m_currentId && !showScenario(scenarioId, false))
        return false;
    QString error;
    const std::optional<Sim::RunResult> result = m_project->runResult(scenarioId, runId, &error);
    if (!result) {
        clearResults(tr("This saved run cannot be shown: %1").arg(error));
        return false;
    }
    Model::SavedRun run;
    for (const Model::SavedRun &r : m_project->runs(scenarioId)) {
        if (r.id == runId)
            run = r;
    }
    const QString when = run.timestamp.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    displayResult(*result,
                  tr("<b>%1</b>: saved run of %2 (engine %3): duration %4 s (warm-up %5 s), seed "
                     "%6, %n replication(s).",
                     nullptr, result->replications)
                      .arg(m_project->scenarioName(scenarioId).toHtmlEscaped(), when,
                           run.engineVersion.toHtmlEscaped(), formatPlain(result->durationS),
                           formatPlain(result->warmupS))
                      .arg(result->seed));
    m_progressBar->setValue(kProgressSteps);
    m_progressBar->setFormat(result->cancelled ? tr("Saved run (cancelled)") : tr("Saved run"));
    m_projectPanel->setCurrentRun(scenarioId, runId);
    m_shownRunId = runId;
    return true;
}

bool MainWindow::startRun()
{
    commitPendingEdits();
    Model::Document *document = currentDocument();
    if (isRunning() || !document)
        return false;
    const Model::Scenario scenario = document->scenario();

    Model::Problems problems = document->problems();
    Model::CompiledScenario compiled;
    if (!Model::hasErrors(problems)) {
        compiled = Model::compileScenario(scenario);
        problems += compiled.problems;
    }
    QStringList refusals;
    if (!Model::hasErrors(problems)) {
        for (const std::string &message : Sim::checkSpec(compiled.spec))
            refusals << QString::fromStdString(message);
    }
    if (Model::hasErrors(problems) || !refusals.isEmpty()) {
        const QString why = refusals.isEmpty()
                                ? errorSummary(problems)
                                : tr("the engine refuses the scenario: %1")
                                      .arg(refusals.join(QStringLiteral("; ")));
        m_runStatus->setText(tr("Not started: %1").arg(why));
        m_problemDock->show();
        m_problemDock->raise();
        return false;
    }

    m_runScenarioId = m_currentId;
    m_runScenarioName = scenario.name;
    m_hasResult = false;
    m_requestModel->clear();
    m_componentModel->clear();
    m_latencyChart->beginRun();
    m_runController->setLiveKeys(SeriesChart::seriesKeys()
                                 + ComponentChart::liveKeys(compiled.spec));
    m_chart->beginRun(compiled.spec.durationS, compiled.spec.warmupS);
    m_componentChart->beginRun(compiled.spec.durationS);
    m_resultsHeader->setText(tr("Running %1…").arg(m_runScenarioName.toHtmlEscaped()));
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

void MainWindow::showChartTab(ChartTab tab)
{
    m_chartTabs->setCurrentIndex(static_cast<int>(tab));
}

void MainWindow::setRunning(bool running)
{
    m_scenarioPanel->setEditable(!running);
    m_projectPanel->setEnabled(!running);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool running = isRunning();
    Model::Document *document = currentDocument();
    const bool runnable = document && !Model::hasErrors(document->problems());
    m_runAction->setEnabled(!running && runnable);
    m_cancelAction->setEnabled(running);
    for (QAction *a : {m_newProjectAction, m_openAction, m_openExamplesAction}) {
        a->setEnabled(!running);
    }
    m_recentMenu->setEnabled(!running);
    m_saveAction->setEnabled(true);
    const bool editable = document != nullptr;
    for (QAction *a : {m_exportAction, m_duplicateScenarioAction, m_renameScenarioAction,
                       m_copyAction, m_pasteAction, m_deleteAction, m_zoomInAction,
                       m_zoomOutAction, m_fitAction, m_arrangeAction}) {
        a->setEnabled(editable);
    }
    m_deleteScenarioAction->setEnabled(!m_currentId.isEmpty() && !running);
    // While a run goes on the shown scenario stays: its charts fill live.
    m_newScenarioAction->setEnabled(!running);
    m_importAction->setEnabled(!running);
    m_duplicateScenarioAction->setEnabled(editable && !running);
    m_examplesMenu->setEnabled(!running);
    m_deleteRunAction->setEnabled(!running);
}

void MainWindow::onRunProgress(double fraction)
{
    m_progressBar->setValue(static_cast<int>(qBound(0.0, fraction, 1.0) * kProgressSteps));
}

void MainWindow::onRunFinished()
{
    const Sim::RunResult &result = m_runController->result();
    const QString settings = tr("duration %1 s (warm-up %2 s), seed %3, %n replication(s)",
                                nullptr, result.replications)
                                 .arg(formatPlain(result.durationS), formatPlain(result.warmupS))
                                 .arg(result.seed);
    const QString timing = tr("%1 events in %2 wall time, %3 events/s")
                               .arg(formatSi(static_cast<double>(result.events)),
                                    formatWallTime(result.wallS), formatSi(result.eventsPerS));
    const int percent = m_progressBar->value() * 100 / kProgressSteps;
    setRunning(false);

    // Finished runs are kept in the project; a cancelled one is shown but not kept.
    QString runId;
    if (!result.cancelled && m_project->contains(m_runScenarioId))
        runId = m_project->addRun(m_runScenarioId, result);

    if (m_runScenarioId == m_currentId) {
        if (result.cancelled) {
            displayResult(result, tr("<b>%1</b>: cancelled at %2%, partial results (not saved); "
                                     "%3.")
                                      .arg(m_runScenarioName.toHtmlEscaped())
                                      .arg(percent)
                                      .arg(settings));
            m_progressBar->setFormat(tr("Cancelled at %p%"));
        } else {
            displayResult(result, tr("<b>%1</b>: %2; saved in the project.")
                                      .arg(m_runScenarioName.toHtmlEscaped(), settings));
            m_progressBar->setValue(kProgressSteps);
            m_progressBar->setFormat(tr("Done"));
            m_projectPanel->setCurrentRun(m_runScenarioId, runId);
            m_shownRunId = runId;
        }
    } else {
        // Another scenario was opened meanwhile: it shows its own results, not the live run's.
        showNewestResults();
    }
    m_runStatus->setText(result.cancelled ? tr("Cancelled: %1.").arg(timing)
                                          : tr("Finished: %1.").arg(timing));
    emit runEnded();
}

void MainWindow::onRunFailed(const QString &message)
{
    if (m_runScenarioId != m_currentId) {
        setRunning(false);
        showNewestResults();
        m_runStatus->setText(tr("Run of %1 failed: %2").arg(m_runScenarioName, message));
        emit runEnded();
        return;
    }
    m_resultsHeader->setText(tr("<b>%1</b>: the run failed: %2")
                                 .arg(m_runScenarioName.toHtmlEscaped(), message.toHtmlEscaped()));
    m_progressBar->setFormat(tr("Failed"));
    m_runStatus->setText(tr("Run failed: %1").arg(message));
    setRunning(false);
    emit runEnded();
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
