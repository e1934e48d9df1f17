// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "DiagramExportFiles.h"
#include "Document.h"
#include "HelpWindows.h"
#include "LessonGallery.h"
#include "LessonPanel.h"
#include "LintSettingsDialog.h"
#include "MainWindowActions.h"
#include "NameDialog.h"
#include "PresenterView.h"
#include "PricesDialog.h"
#include "ProjectDocument.h"
#include "ProjectFiles.h"
#include "ProjectPanel.h"
#include "ReportDialog.h"
#include "ResultsPanel.h"
#include "RunController.h"
#include "ScenarioEditors.h"
#include "ScenarioIo.h"
#include "ScenarioPanel.h"
#include "ScenarioTemplates.h"
#include "ScenarioText.h"
#include "Simulation.h"
#include "WatchPanel.h"
#include "WhatIfPanel.h"
#include "analysis/AnalysisWindows.h"
#include "analysis/Sweep.h"
#include "canvas/CanvasScene.h"
#include "canvas/CanvasView.h"
#include "canvas/Palette.h"
#include "compare/CompareSession.h"
#include "editing/DocumentController.h"
#include "format/Schema.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoGroup>
#include <QVBoxLayout>

namespace Ui {

namespace {

constexpr int kProgressSteps = 1000;
const char kWindowGroup[] = "window";
// Bumped when the docks change so much that an old saved state would misplace them.
constexpr int kWindowStateVersion = 1;

QMessageBox::StandardButton askWithMessageBox(QWidget *parent,
                                              const QString &title,
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
    , m_lessons(builtinLessons())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_project = new Model::ProjectDocument(this);
    m_undoGroup = new QUndoGroup(this);
    m_runController = new RunController(this);
    m_compare = new CompareSession(m_project, this);
    m_analysis = new AnalysisWindows(m_project, this);
    m_ask = [this](const QString &title,
                   const QString &text,
                   QMessageBox::StandardButtons buttons,
                   QMessageBox::StandardButton defaultButton) {
        return askWithMessageBox(this, title, text, buttons, defaultButton);
    };
    m_askSaveFile = [this](const QString &title, const QString &suggested, const QString &filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };

    m_actions = new MainWindowActions(this, m_undoGroup, m_examples);
    createWidgets();
    ProjectFiles::Hooks hooks;
    hooks.ask = [this](const QString &title,
                       const QString &text,
                       QMessageBox::StandardButtons buttons,
                       QMessageBox::StandardButton defaultButton) {
        return m_ask(title, text, buttons, defaultButton);
    };
    hooks.askSaveFile =
        [this](const QString &title, const QString &suggested, const QString &filter) {
            return m_askSaveFile(title, suggested, filter);
        };
    hooks.isBusy = [this] { return isRunning(); };
    hooks.commitPendingEdits = [this] { commitPendingEdits(); };
    hooks.showError = [this](const QString &title, const QString &text, const QString &details) {
        showError(title, text, details);
    };
    hooks.showStatus = [this](const QString &text) { m_runStatus->setText(text); };
    m_files = new ProjectFiles(m_project, m_editors, this, std::move(hooks));
    connect(m_files, &ProjectFiles::saved, this, [this] {
        updateScenarioPanel(); // "in <file>"
        updateTitle();
    });
    connectActions();
    connectWhatIf();

    connect(m_runController, &RunController::progressChanged, this, &MainWindow::onRunProgress);
    connect(m_runController,
            &RunController::liveBuckets,
            m_resultsPanel,
            &ResultsPanel::appendBuckets);
    connect(m_runController, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_runController, &RunController::failed, this, &MainWindow::onRunFailed);
    connect(m_compare, &CompareSession::runningChanged, this, [this](bool running) {
        m_runStatus->setText(running ? tr("Comparing scenarios…") : QString());
        setRunning(running);
    });
    connect(m_analysis, &AnalysisWindows::runRequested, this, &MainWindow::showUnsavedRun);
    connect(m_compare, &CompareSession::comparisonSaved, this, [this](const QString &id) {
        m_projectPanel->setCurrentComparison(id);
        m_runStatus->setText(tr("Comparison saved in the project."));
    });
    // An edit of a shared workload changes other scenarios too: say which, where the user looks.
    connect(m_project,
            &Model::ProjectDocument::sharedWorkloadChanged,
            this,
            [this](const QString &, const QStringList &updated) {
                QStringList names;
                for (const QString &id : updated)
                    names << QStringLiteral("“%1”").arg(m_project->scenarioName(id));
                if (!names.isEmpty())
                    m_runStatus->setText(
                        tr("The shared workload changed in %n other scenario(s) too: %1.",
                           nullptr,
                           int(names.size()))
                            .arg(names.join(QStringLiteral(", "))));
            });

    connect(m_project,
            &Model::ProjectDocument::projectAboutToBeReset,
            this,
            &MainWindow::resetEditors);
    connect(m_project, &Model::ProjectDocument::projectReset, this, &MainWindow::onProjectReset);
    connect(m_project,
            &Model::ProjectDocument::scenarioAboutToBeRemoved,
            this,
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
    connect(m_project, &Model::ProjectDocument::documentEdited, m_files, &ProjectFiles::noteEdited);
    auto structureChanged = [this] {
        m_files->noteEdited();
        updateTitle();
    };
    connect(m_project, &Model::ProjectDocument::scenarioAdded, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::scenarioMoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runAdded, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runRemoved, this, structureChanged);
    connect(m_project, &Model::ProjectDocument::runChanged, this, structureChanged);
    connect(m_undoGroup, &QUndoGroup::cleanChanged, this, &MainWindow::updateTitle);

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

void MainWindow::connectActions()
{
    const MainWindowActions *a = m_actions;
    connect(a->newProject, &QAction::triggered, this, &MainWindow::newProject);
    connect(a->open, &QAction::triggered, m_files, &ProjectFiles::openProjectDialog);
    connect(a, &MainWindowActions::recentProjectChosen, this, &MainWindow::openProject);
    connect(a->openExamples, &QAction::triggered, this, &MainWindow::openExampleProject);
    connect(a->save, &QAction::triggered, this, &MainWindow::saveProject);
    connect(a->saveAs, &QAction::triggered, m_files, &ProjectFiles::saveAsDialog);
    connect(a->importScenario, &QAction::triggered, this, [this] {
        const QString id = m_files->importScenarioDialog();
        if (!id.isEmpty())
            showScenario(id);
    });
    const auto importDialog = [this](bool folder, const QString &title, const QString &filter) {
        QSettings settings;
        const QString start = settings.value(QStringLiteral("lastImportDirectory")).toString();
        const QString path = folder ? QFileDialog::getExistingDirectory(this, title, start)
                                    : QFileDialog::getOpenFileName(this, title, start, filter);
        if (path.isEmpty())
            return;
        settings.setValue(QStringLiteral("lastImportDirectory"),
                          folder ? path : QFileInfo(path).absolutePath());
        importContainerFiles(path);
    };
    connect(a->importCompose, &QAction::triggered, this, [importDialog, this] {
        importDialog(false,
                     tr("Import Compose File"),
                     tr("Compose files (*.yml *.yaml);;All files (*)"));
    });
    connect(a->importKubernetes, &QAction::triggered, this, [importDialog, this] {
        importDialog(false,
                     tr("Import Kubernetes Manifests"),
                     tr("Kubernetes manifests (*.yml *.yaml);;All files (*)"));
    });
    connect(a->importKubernetesFolder, &QAction::triggered, this, [importDialog, this] {
        importDialog(true, tr("Import a Folder of Kubernetes Manifests"), QString());
    });
    connect(a->prices, &QAction::triggered, this, [this] { openPricesDialog(); });
    connect(a->lintSettings, &QAction::triggered, this, [this] { openLintSettingsDialog(); });
    connect(a->exportScenario, &QAction::triggered, this, [this] {
        if (currentDocument())
            m_files->exportScenarioDialog(m_currentId);
    });
    for (QAction *exportDiagram : a->exportDiagram) {
        connect(exportDiagram, &QAction::triggered, this, [this, exportDiagram] {
            exportDiagramDialog(exportDiagram->data().toString());
        });
    }
    connect(a->newScenario, &QAction::triggered, this, &MainWindow::newScenario);
    connect(a, &MainWindowActions::exampleChosen, this, &MainWindow::openExample);
    connect(a->duplicateScenario, &QAction::triggered, this, &MainWindow::duplicateScenario);
    connect(a->renameScenario, &QAction::triggered, this, &MainWindow::renameScenarioDialog);
    connect(a->deleteScenario, &QAction::triggered, this, &MainWindow::deleteScenario);
    connect(a->showRun, &QAction::triggered, this, [this] {
        showSavedRun(m_projectPanel->selectedScenarioId(), m_projectPanel->selectedRunId());
    });
    connect(a->renameRun, &QAction::triggered, this, &MainWindow::renameRunDialog);
    connect(a->deleteRun, &QAction::triggered, this, &MainWindow::deleteRun);
    connect(a->compare, &QAction::triggered, this, [this] { openCompareDialog(); });
    connect(a->sweep, &QAction::triggered, this, &MainWindow::openSweepWindow);
    connect(a->capacity, &QAction::triggered, this, &MainWindow::openCapacityWindow);
    connect(a->decision, &QAction::triggered, this, &MainWindow::openDecisionWindow);
    connect(a->exportReport, &QAction::triggered, this, &MainWindow::openReportDialog);
    connect(a->plan, &QAction::triggered, this, &MainWindow::openPlanWindow);
    connect(a->showComparison, &QAction::triggered, this, [this] {
        showSavedComparison(m_projectPanel->selectedComparisonId());
    });
    connect(a->deleteComparison, &QAction::triggered, this, &MainWindow::deleteComparison);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);

    // The canvas actions act on the shown scenario's view.
    const auto onView = [this](QAction *action, void (CanvasView::*apply)()) {
        connect(action, &QAction::triggered, this, [this, apply] {
            if (CanvasView *view = currentView())
                (view->*apply)();
        });
    };
    onView(a->copy, &CanvasView::copySelection);
    onView(a->paste, &CanvasView::paste);
    onView(a->deleteSelection, &CanvasView::deleteSelection);
    onView(a->zoomIn, &CanvasView::zoomIn);
    onView(a->zoomOut, &CanvasView::zoomOut);
    onView(a->fit, &CanvasView::fitToView);
    connect(a->grid, &QAction::toggled, this, [this](bool on) { m_editors->setGridVisible(on); });
    connect(a->snap, &QAction::toggled, this, [this](bool on) { m_editors->setSnapToGrid(on); });
    connect(a->arrange, &QAction::triggered, this, [this] {
        if (CanvasScene *scene = currentScene()) {
            scene->arrange();
            currentView()->fitToView();
        }
    });
    connect(a->heat, &QAction::toggled, this, [this](bool on) {
        if (CanvasScene *scene = currentScene())
            scene->setHeat(on && m_hasResult && m_resultScenarioId == m_currentId ? &m_result
                                                                                  : nullptr);
    });

    connect(a->run, &QAction::triggered, this, &MainWindow::startRun);
    connect(a->watch, &QAction::triggered, this, &MainWindow::openWatch);
    connect(a->cancel, &QAction::triggered, this, &MainWindow::cancelRun);
    connect(a->whatIf, &QAction::triggered, this, &MainWindow::showWhatIf);
    // F5 acts while the presenter view hides the menus too
    addAction(a->presenter);
    connect(a->presenter, &QAction::toggled, m_presenter, &PresenterView::setActive);
    connect(m_presenter, &PresenterView::activeChanged, this, [this](bool active) {
        m_actions->presenter->setChecked(active);
        applyLineScale();
        // the canvas gets half the height while presenting (the room sees the diagram; the
        // results' tables are short), and its old share back after
        if (auto *split = findChild<QSplitter *>(QStringLiteral("centreSplitter"))) {
            const char *kept = "sizesBeforePresenting";
            if (active) {
                const QList<int> sizes = split->sizes();
                split->setProperty(kept, QVariant::fromValue(sizes));
                const int total = sizes.value(0) + sizes.value(1);
                split->setSizes({total / 2, total - total / 2});
            } else if (const QVariant before = split->property(kept); before.isValid()) {
                split->setSizes(before.value<QList<int>>());
            }
        }
        // the canvas fills the screen it has now
        if (CanvasView *view = currentView())
            QTimer::singleShot(0, view, &CanvasView::fitToView);
    });
    // Space in the presenter view: in watch mode play or pause the animation; else run, or
    // stop the run going on
    connect(m_presenter, &PresenterView::playPauseRequested, this, [this] {
        if (m_watchPanel->session())
            m_watchPanel->togglePlay();
        else if (isRunning())
            cancelRun();
        else
            startRun();
        m_presenter->refresh();
    });
    // Down in the presenter view: the next event of watch mode, which it enters first
    connect(m_presenter, &PresenterView::stepRequested, this, [this] {
        if (m_watchPanel->session())
            m_watchPanel->stepEvent();
        else
            openWatch();
        m_presenter->refresh();
    });
    connect(this, &MainWindow::runEnded, m_presenter, &PresenterView::runEnded);
    connect(a->userGuide, &QAction::triggered, this, [this] { Help::showUserGuide(this); });
    connect(a->lessons, &QAction::triggered, this, &MainWindow::openLessonGallery);
    connect(a->shortcuts, &QAction::triggered, this, [this] { Help::showShortcuts(this); });
    connect(a->reportProblem, &QAction::triggered, this, &MainWindow::reportProblem);
    connect(a->about, &QAction::triggered, this, &MainWindow::about);
    connect(a->aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createWidgets()
{
    setDockNestingEnabled(true);

    // Left: the project, the palette.
    m_projectPanel = new ProjectPanel(this);
    m_projectPanel->setProject(m_project);
    m_projectPanel->setScenarioActions({m_actions->newScenario,
                                        m_actions->duplicateScenario,
                                        m_actions->renameScenario,
                                        m_actions->deleteScenario,
                                        m_actions->exportScenario,
                                        m_actions->compare,
                                        m_actions->sweep,
                                        m_actions->capacity});
    m_projectPanel->setRunActions({m_actions->showRun, m_actions->renameRun, m_actions->deleteRun});
    m_projectPanel->setMultiScenarioActions({m_actions->compare, m_actions->capacity});
    m_projectPanel->setComparisonActions({m_actions->showComparison, m_actions->deleteComparison});
    // Delete in the project panel deletes what is selected there (after asking).
    auto deleteSelected = new QAction(tr("Delete"), m_projectPanel);
    deleteSelected->setShortcut(QKeySequence::Delete);
    deleteSelected->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteSelected, &QAction::triggered, this, [this] {
        if (!m_projectPanel->selectedComparisonId().isEmpty())
            deleteComparison();
        else if (!m_projectPanel->selectedRunId().isEmpty())
            deleteRun();
        else if (!m_projectPanel->selectedScenarioId().isEmpty())
            deleteScenario();
    });
    m_projectPanel->addAction(deleteSelected);
    connect(m_projectPanel, &ProjectPanel::scenarioSelected, this, [this](const QString &id) {
        showScenario(id);
    });
    connect(m_projectPanel, &ProjectPanel::runSelected, this, &MainWindow::showSavedRun);
    connect(m_projectPanel,
            &ProjectPanel::comparisonSelected,
            this,
            &MainWindow::showSavedComparison);
    connect(m_projectPanel, &ProjectPanel::runRenameRequested, this, &MainWindow::renameRunDialog);
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

    // Right: the inspector of the shown scenario; bottom: its problems; centre: its canvas.
    m_editors = new ScenarioEditors(m_project, m_undoGroup, this);
    connect(m_editors, &ScenarioEditors::problemActivated, this, &MainWindow::onProblemActivated);
    connect(m_editors, &ScenarioEditors::lintSettingsRequested, this, [this] {
        openLintSettingsDialog();
    });
    connect(m_editors, &ScenarioEditors::problemsChanged, this, [this] {
        updateProblemDock();
        updateActions();
    });
    connect(m_editors, &ScenarioEditors::headerChanged, this, &MainWindow::updateScenarioPanel);
    connect(m_editors, &ScenarioEditors::statusMessage, this, [this](const QString &text) {
        m_runStatus->setText(text);
    });
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_editors->inspectorPane());
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

    // Bottom: the problems of the shown scenario.
    m_problemDock = new QDockWidget(tr("Problems"), this);
    m_problemDock->setObjectName(QStringLiteral("problemDock"));
    m_problemDock->setWidget(m_editors->problemsStack());
    addDockWidget(Qt::BottomDockWidgetArea, m_problemDock);
    m_problemDock->hide(); // until there are problems (updateProblemDock)

    // Right, above the inspector: the lesson of the shown scenario, when it has one.
    m_lessonPanel = new LessonPanel(this);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    splitDockWidget(m_lessonDock, m_inspectorDock, Qt::Vertical);
    m_lessonDock->hide(); // until a scenario with a lesson is shown (updateLessonDock)

    // Right, a tab beside the inspector: the what-if sliders of the shown scenario.
    m_whatIfPanel = new WhatIfPanel(this);
    m_whatIfPanel->setFiguresShownSource([this] { return m_whatIfShown; });
    m_whatIfPanel->setSelectionSource([this] {
        const CanvasScene *scene = currentScene();
        return scene ? scene->selectedComponentIds().value(0) : QString();
    });
    m_whatIfDock = new QDockWidget(tr("What-if"), this);
    m_whatIfDock->setObjectName(QStringLiteral("whatIfDock"));
    m_whatIfDock->setWidget(m_whatIfPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_whatIfDock);
    tabifyDockWidget(m_inspectorDock, m_whatIfDock);
    m_inspectorDock->raise();
    m_whatIfDock->hide(); // until asked for, or a scenario with pinned sliders is shown

    // Right, another tab beside the inspector: watch mode's controls and theory table.
    m_watchPanel = new WatchPanel(this);
    m_watchDock = new QDockWidget(tr("Watch"), this);
    m_watchDock->setObjectName(QStringLiteral("watchDock"));
    m_watchDock->setWidget(m_watchPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_watchDock);
    tabifyDockWidget(m_inspectorDock, m_watchDock);
    m_watchDock->hide(); // until Simulation > Watch…
    // its play, step and restart follow Watch… in the Simulation menu (their shortcuts then
    // work wherever the focus is)
    const QList<QAction *> watchActions = {m_watchPanel->playAction(),
                                           m_watchPanel->stepAction(),
                                           m_watchPanel->restartAction()};
    for (QObject *o : m_actions->watch->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(o)) {
            const QList<QAction *> all = menu->actions();
            const qsizetype at = all.indexOf(m_actions->watch);
            menu->insertActions(at + 1 < all.size() ? all.at(at + 1) : nullptr, watchActions);
        }
    }
    // leaving watch mode (closing the dock) takes the overlay off the canvas
    // (the presenter view hides the docks for a while: that is not leaving)
    connect(m_watchDock->toggleViewAction(), &QAction::toggled, this, [this](bool shown) {
        if (!shown && !(m_presenter && m_presenter->isActive()))
            m_watchPanel->stop();
    });

    resizeDocks({m_projectDock, m_inspectorDock}, {250, 340}, Qt::Horizontal);
    resizeDocks({m_projectDock, m_paletteDock}, {300, 340}, Qt::Vertical);
    resizeDocks({m_problemDock}, {110}, Qt::Vertical);

    m_actions->addDockToggles({m_projectDock,
                               m_paletteDock,
                               m_inspectorDock,
                               m_problemDock,
                               m_lessonDock,
                               m_whatIfDock,
                               m_watchDock});

    // Centre, top: the scenario and its run settings, Run, the progress.
    m_scenarioPanel = new ScenarioPanel(this);
    connect(m_scenarioPanel, &ScenarioPanel::settingsEdited, this, &MainWindow::applyRunSettings);

    auto runButton = new QToolButton(this);
    runButton->setObjectName(QStringLiteral("runButton"));
    runButton->setDefaultAction(m_actions->run);
    runButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto cancelButton = new QToolButton(this);
    cancelButton->setObjectName(QStringLiteral("cancelButton"));
    cancelButton->setDefaultAction(m_actions->cancel);
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

    // Centre, bottom: results, tables left and charts right.
    m_resultsPanel = new ResultsPanel(this);

    auto centreSplitter = new QSplitter(Qt::Vertical, this);
    centreSplitter->setObjectName(QStringLiteral("centreSplitter"));
    centreSplitter->setChildrenCollapsible(false);
    centreSplitter->addWidget(m_editors->canvasStack());
    centreSplitter->addWidget(m_resultsPanel);
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

    // View > Presenter View: the same window, full screen, for a projector.
    PresenterView::Hooks hooks;
    hooks.isRunning = [this] { return isRunning(); };
    hooks.title = [this] {
        const Model::Document *document = currentDocument();
        return document ? document->scenario().name : QString();
    };
    hooks.lesson = [this]() -> std::optional<Model::Lesson> {
        const Model::Document *document = currentDocument();
        return document ? document->scenario().lesson : std::nullopt;
    };
    hooks.description = [this] {
        const Model::Document *document = currentDocument();
        return document ? document->scenario().description : QString();
    };
    m_presenter = new PresenterView(this, layout, {m_scenarioPanel}, std::move(hooks), this);
}

QSize MainWindow::defaultSize(const QRect &available)
{
    // Room for the window frame and title bar, which the geometry does not include.
    const QSize room = available.size() - QSize(16, 48);
    return QSize(1440, 900).boundedTo(room);
}

void MainWindow::restoreWindowLayout()
{
    m_rememberLayout = true;
    QSettings settings;
    settings.beginGroup(QLatin1String(kWindowGroup));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) {
        const QRect available = screen()->availableGeometry();
        QRect frame(QPoint(), defaultSize(available));
        frame.moveCenter(available.center());
        setGeometry(frame);
    }
    restoreState(settings.value(QStringLiteral("state")).toByteArray(), kWindowStateVersion);
    // Every named splitter (the centre's, the results'), by its object name.
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(
                settings.value(QStringLiteral("splitter/") + splitter->objectName()).toByteArray());
    }
    settings.endGroup();
    updateProblemDock();
}

void MainWindow::saveWindowLayout()
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kWindowGroup));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState(kWindowStateVersion));
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(QStringLiteral("splitter/") + splitter->objectName(),
                              splitter->saveState());
    }
    settings.endGroup();
}

// ---------------------------------------------------------------------------------------
// Editors

void MainWindow::dropEditor(const QString &scenarioId)
{
    if (scenarioId == m_currentId)
        m_whatIfPanel->setDocument(nullptr);
    if (m_resultScenarioId == scenarioId) {
        m_hasResult = false;
        m_resultScenarioId.clear();
    }
    m_editors->drop(scenarioId);
}

void MainWindow::resetEditors()
{
    m_whatIfPanel->setDocument(nullptr);
    if (m_editors->editor(m_resultScenarioId)) {
        m_hasResult = false;
        m_resultScenarioId.clear();
    }
    m_editors->clear();
    m_currentId.clear();
}

Model::Document *MainWindow::currentDocument() const
{
    return m_project->document(m_currentId);
}

DocumentController *MainWindow::currentController() const
{
    ScenarioEditor *e = m_editors->editor(m_currentId);
    return e ? e->controller : nullptr;
}

CanvasScene *MainWindow::currentScene() const
{
    ScenarioEditor *e = m_editors->editor(m_currentId);
    return e ? e->scene : nullptr;
}

CanvasView *MainWindow::currentView() const
{
    ScenarioEditor *e = m_editors->editor(m_currentId);
    return e ? e->view : nullptr;
}

InspectorWidget *MainWindow::currentInspector() const
{
    ScenarioEditor *e = m_editors->editor(m_currentId);
    return e ? e->inspector : nullptr;
}

ProblemsPanel *MainWindow::currentProblemsPanel() const
{
    ScenarioEditor *e = m_editors->editor(m_currentId);
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
    if (ScenarioEditor *e = m_editors->show(scenarioId)) {
        m_palette->setView(e->view);
        if (changed)
            e->view->fitWhenShown();
    } else {
        m_editors->setPlaceholder(
            scenarioId.isEmpty()
                ? tr("This project has no scenario yet: File > New Scenario (Ctrl+Shift+N), "
                     "New Scenario from Example, or Import Scenario (Ctrl+I).")
                : tr("This scenario could not be read, so it cannot be edited or run. It is "
                     "kept unchanged in the project.\n\n%1")
                      .arg(problemLines(m_project->loadProblems(scenarioId))));
        m_palette->setView(nullptr);
    }
    m_projectPanel->setCurrentScenario(scenarioId);
    updateScenarioPanel();
    updateProblemDock();
    m_whatIfPanel->setDocument(currentDocument());
    applyLineScale();
    m_presenter->refresh();
    if (changed) {
        updateLessonDock();
        const Model::Document *document = currentDocument();
        if (document && document->scenario().whatIf
            && !document->scenario().whatIf->pinned.isEmpty())
            m_whatIfDock->show();
        // a recording belongs to the scenario it was made of
        if (m_watchPanel) {
            m_watchPanel->stop();
            m_watchPanel->setCanvas(currentScene(), currentView());
        }
    }

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
        m_scenarioPanel->setUnreadable(
            m_currentId.isEmpty() ? QString() : m_project->scenarioName(m_currentId));
        return;
    }
    const Model::Scenario &scenario = document->scenario();
    const QString source = m_project->isUntitled()
                               ? tr("in the unsaved project")
                               : tr("in %1").arg(QDir::toNativeSeparators(m_project->path()));
    m_scenarioPanel->setScenario(scenario.name,
                                 scenario.description,
                                 scenarioSummary(scenario),
                                 source,
                                 runSettingsOf(scenario));
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
    if (!m_editors->editor(m_currentId))
        return;
    if (!m_editors->focusProblem(problem))
        m_runStatus->setText(tr("No form edits %1.").arg(problem.path));
    m_inspectorDock->show();
    m_inspectorDock->raise();
}

// ---------------------------------------------------------------------------------------
// Project

void MainWindow::onProjectReset()
{
    resetEditors();
    m_files->noteProjectReset();
    const QStringList ids = m_project->scenarioIds();
    m_currentId = QStringLiteral("\x01"); // not a scenario: showScenario() sees a change
    showScenario(ids.isEmpty() ? QString() : ids.first());
    updateTitle();
}

bool MainWindow::isModified() const
{
    return m_files->isModified();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] – ArchSim").arg(m_project->displayName()));
    setWindowModified(isModified());
    updateActions();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isRunning()
        && m_ask(tr("Simulation Running"),
                 m_compare->isRunning()
                     ? tr("A comparison of scenarios is running. Stop it and close?")
                     : tr("A simulation of “%1” is running. Stop it and close?")
                           .arg(m_runScenarioName),
                 QMessageBox::Yes | QMessageBox::Cancel,
                 QMessageBox::Cancel)
               != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    if (isRunning()) {
        m_runController->cancel(); // its destructor waits for the worker
        m_compare->cancel();       // so does the compare controller's
    }
    m_analysis->cancel(); // a sweep or a capacity search: their windows wait for them too
    m_files->rememberOpenProject();
    if (m_rememberLayout)
        saveWindowLayout();
    event->accept();
}

void MainWindow::showError(const QString &title, const QString &text, const QString &details)
{
    m_lastError = details.isEmpty() ? text : text + QLatin1Char('\n') + details;
    m_runStatus->setText(text);
    auto box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->open(); // window-modal, not blocking: the caller goes on
}

void MainWindow::openStartup(const QString &file)
{
    if (!m_files->openStartup(file)) {
        // nothing of the user's to open: the lessons are the start page, once the window shows
        QTimer::singleShot(0, this, &MainWindow::openLessonGallery);
    }
}

bool MainWindow::openExampleProject()
{
    return m_files->openExampleProject();
}

bool MainWindow::newProject()
{
    return m_files->newProject();
}

bool MainWindow::openProject(const QString &fileName)
{
    return m_files->openProject(fileName);
}

bool MainWindow::openScenarioAsProject(const QString &fileName)
{
    return m_files->openScenarioAsProject(fileName);
}

bool MainWindow::saveProject()
{
    return m_files->saveProject();
}

bool MainWindow::saveProjectAs(const QString &fileName)
{
    return m_files->saveProjectAs(fileName);
}

bool MainWindow::autosaveNow()
{
    return m_files->autosaveNow();
}

void MainWindow::setAutosaveInterval(int milliseconds)
{
    m_files->setAutosaveInterval(milliseconds);
}

void MainWindow::commitPendingEdits()
{
    // Line edits commit on editingFinished, i.e. when they lose focus: take it from them.
    QWidget *focus = QApplication::focusWidget();
    if (focus
        && (m_editors->inspectorPane()->isAncestorOf(focus)
            || m_scenarioPanel->isAncestorOf(focus)))
        focus->clearFocus();
}

QStringList MainWindow::recentProjects()
{
    return ProjectFiles::recentProjects();
}

// ---------------------------------------------------------------------------------------
// Scenarios

bool MainWindow::openScenarioFile(const QString &fileName)
{
    const QString id = m_files->importScenario(fileName);
    return !id.isEmpty() && showScenario(id);
}

bool MainWindow::importContainerFiles(const QString &fileOrFolder)
{
    if (isRunning())
        return false;
    const QString shown = QDir::toNativeSeparators(QFileInfo(fileOrFolder).absoluteFilePath());
    const Model::ImportResult result = Model::importContainers(fileOrFolder);
    if (!result.ok()) {
        QStringList lines;
        for (const Model::ImportError &e : result.errors)
            lines << e.toString();
        showError(tr("Cannot Import"),
                  tr("%1 cannot be imported; nothing was changed.\n%2")
                      .arg(shown, lines.mid(0, 10).join(QLatin1Char('\n'))),
                  lines.join(QLatin1Char('\n')));
        return false;
    }
    Model::Scenario scenario = *result.scenario;
    QStringList names;
    for (const QString &id : m_project->scenarioIds())
        names << m_project->scenarioName(id);
    scenario.name = Model::uniqueScenarioName(scenario.name, names);
    const QString id = m_project->addScenario(scenario);
    const QList<Model::ImportReviewItem> review = Model::importReview(result);
    m_project->setImportReview(id, review);
    if (!showScenario(id))
        return false;
    int defaults = 0;
    for (const Model::ImportReviewItem &item : review)
        defaults += item.kind == Model::ImportReviewItem::Kind::Default ? 1 : 0;
    m_problemDock->show();
    m_runStatus->setText(tr("Imported %1: %n component(s). Review %2 default(s) and %3 container "
                            "finding(s) in the Problems panel (docs/import.md).",
                            nullptr,
                            int(scenario.components.size()))
                             .arg(shown)
                             .arg(defaults)
                             .arg(result.findings.size()));
    return true;
}

LintSettingsDialog *MainWindow::openLintSettingsDialog()
{
    QHash<QString, QString> names;
    for (const QString &id : m_project->scenarioIds())
        names.insert(id, m_project->scenarioName(id));
    auto *dialog = new LintSettingsDialog(m_project->lintSettings(), names, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->settings() == m_project->lintSettings())
            return;
        m_editors->setLintSettings(dialog->settings(), tr("Change Lint Settings"));
        m_runStatus->setText(tr("Lint settings changed: the Problems panel and the canvas show "
                                "what they find now (Undo takes it back)."));
    });
    dialog->open();
    return dialog;
}

PricesDialog *MainWindow::openPricesDialog()
{
    auto *dialog = new PricesDialog(m_project->prices(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_project->setPrices(dialog->prices());
        m_runStatus->setText(tr("Prices set: results show cost under them from now on."));
        if (m_hasResult && !m_shownRunId.isEmpty())
            showSavedRun(m_resultScenarioId, m_shownRunId); // priced again
    });
    dialog->open();
    return dialog;
}

bool MainWindow::exportScenarioFile(const QString &fileName)
{
    return m_files->exportScenario(m_currentId, fileName);
}

bool MainWindow::exportDiagram(const QString &format, const QString &fileName)
{
    Model::Document *document = currentDocument();
    if (!document)
        return false;
    CanvasOverlay overlay;
    if (CanvasScene *scene = currentScene()) {
        // the picture shows what the canvas shows
        if (scene->hasHeat() && m_hasResult && m_resultScenarioId == m_currentId)
            overlay.heat = &m_result;
        for (const Model::Component &c : document->scenario().components) {
            const QStringList marks = scene->lintMarks(c.id);
            if (!marks.isEmpty())
                overlay.lintMarks.insert(c.id, marks);
        }
        overlay.overloaded = scene->overloaded();
    }
    QString error;
    QStringList warnings;
    if (!DiagramExportFiles::write(format,
                                   fileName,
                                   document->scenario(),
                                   document->layout(),
                                   overlay,
                                   &error,
                                   &warnings)) {
        showError(tr("Export Failed"),
                  tr("Could not save %1: %2 Nothing was written.")
                      .arg(QDir::toNativeSeparators(fileName), error));
        return false;
    }
    // a draft may link to ids that are no component: those links are left out, and said so
    m_runStatus->setText(
        warnings.isEmpty()
            ? tr("Exported %1.").arg(QDir::toNativeSeparators(fileName))
            : tr("Exported %1 without %n link(s) to missing components: %2",
                 nullptr,
                 int(warnings.size()))
                  .arg(QDir::toNativeSeparators(fileName), warnings.join(QStringLiteral("; "))));
    return true;
}

void MainWindow::exportDiagramDialog(const QString &format)
{
    if (!currentDocument())
        return;
    const QString fileName
        = m_askSaveFile(DiagramExportFiles::dialogTitle(format),
                        DiagramExportFiles::suggestedFile(m_project->scenarioName(m_currentId),
                                                          format),
                        DiagramExportFiles::fileFilter(format));
    if (fileName.isEmpty())
        return;
    exportDiagram(format, DiagramExportFiles::acceptedFile(fileName, format));
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

LessonGallery *MainWindow::openLessonGallery()
{
    if (auto existing = findChild<LessonGallery *>(QStringLiteral("lessonGallery"))) {
        existing->raise();
        existing->activateWindow();
        return existing;
    }
    auto gallery = new LessonGallery(m_lessons, this);
    gallery->setAttribute(Qt::WA_DeleteOnClose);
    connect(gallery, &LessonGallery::lessonChosen, this, &MainWindow::openLesson);
    gallery->show();
    return gallery;
}

bool MainWindow::openLesson(int index)
{
    if (isRunning() || index < 0 || index >= lessonCount())
        return false;
    QFile file(m_lessons.at(index).resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return false; // compiled in: cannot happen in a correct build
    const Model::ScenarioLoad load = Model::parseScenario(file.readAll());
    if (!load.scenario)
        return false;
    const QString id = m_project->addScenario(*load.scenario);
    if (!showScenario(id))
        return false;
    m_runStatus->setText(tr("Lesson “%1”: press Run (Ctrl+R), read what to notice, then try "
                            "what the Lesson panel suggests.")
                             .arg(m_lessons.at(index).title));
    return true;
}

void MainWindow::updateLessonDock()
{
    const Model::Document *document = currentDocument();
    const std::optional<Model::Lesson> lesson = document ? document->scenario().lesson
                                                         : std::nullopt;
    m_lessonPanel->setLesson(lesson);
    const bool show = lesson.has_value() && !m_lessonDock->isFloating();
    if (show && m_lessonDock->isHidden() && !m_lessonDockSized) {
        // the first time it shows: the text and its lists need more room than the inspector
        m_lessonDock->show();
        const int room = m_lessonDock->height() + m_inspectorDock->height();
        resizeDocks({m_lessonDock, m_inspectorDock}, {room * 3 / 5, room * 2 / 5}, Qt::Vertical);
        m_lessonDockSized = true;
    }
    m_lessonDock->setVisible(lesson.has_value());
}

QString MainWindow::newScenario()
{
    if (isRunning())
        return {};
    QStringList names;
    for (const QString &id : m_project->scenarioIds())
        names << m_project->scenarioName(id);
    const QString name = Model::uniqueScenarioName(tr("New scenario"), names);
    const QString id = m_project->addScenario(Model::emptyScenario(name));
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
    const QString scenarioId = m_currentId;
    QStringList others;
    for (const QString &id : m_project->scenarioIds()) {
        if (id != scenarioId)
            others << m_project->scenarioName(id);
    }
    auto dialog = new NameDialog(
        tr("Rename Scenario"),
        tr("Name:"),
        m_project->scenarioName(scenarioId),
        [others](const QString &name) { return Model::scenarioNameProblem(name, others); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, scenarioId] {
        // Through the undo stack: the name is part of the scenario document.
        if (scenarioId != m_currentId || !currentController())
            return;
        currentController()->setHeader(dialog->name(), currentDocument()->scenario().description);
    });
    dialog->open(); // window-modal, not blocking
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
           nullptr,
           runs)
            .arg(name),
        QMessageBox::Yes | QMessageBox::No,
        QMessageBox::No);
    if (answer == QMessageBox::Yes)
        m_project->removeScenario(m_currentId);
}

bool MainWindow::openCompareDialog(const QStringList &scenarioIds)
{
    if (isRunning())
        return false;
    QStringList ids = scenarioIds;
    if (ids.isEmpty())
        ids = m_projectPanel->selectedScenarioIds();
    if (ids.isEmpty() && !m_currentId.isEmpty())
        ids = {m_currentId};
    commitPendingEdits();
    m_compare->openDialog(ids);
    return true;
}

SweepWindow *MainWindow::openSweepWindow()
{
    commitPendingEdits();
    return m_analysis->openSweep(m_currentId);
}

CapacityWindow *MainWindow::openCapacityWindow()
{
    commitPendingEdits();
    QStringList ids = m_projectPanel->selectedScenarioIds();
    if (ids.isEmpty() && !m_currentId.isEmpty())
        ids = {m_currentId};
    return m_analysis->openCapacity(ids, m_currentId);
}

void MainWindow::openReportDialog()
{
    commitPendingEdits();
    ReportDialog dialog(m_project, this);
    dialog.exec();
}

DecisionWindow *MainWindow::openDecisionWindow()
{
    commitPendingEdits();
    return m_analysis->openDecision();
}

PlanWindow *MainWindow::openPlanWindow()
{
    commitPendingEdits();
    return m_analysis->openPlan();
}

bool MainWindow::showUnsavedRun(const QString &scenarioId,
                                const Sim::RunResult &result,
                                const QString &header)
{
    if (isRunning() || !m_project->contains(scenarioId))
        return false;
    if (scenarioId != m_currentId && !showScenario(scenarioId, false))
        return false;
    displayResult(result, header);
    m_progressBar->setValue(kProgressSteps);
    m_progressBar->setFormat(tr("Not saved"));
    m_projectPanel->setCurrentScenario(scenarioId);
    m_runStatus->setText(tr("Showing a run that is not saved in the project."));
    raise();
    activateWindow();
    return true;
}

bool MainWindow::showSavedComparison(const QString &comparisonId)
{
    if (comparisonId.isEmpty())
        return false;
    QString error;
    if (!m_compare->showSaved(comparisonId, &error)) {
        showError(tr("Cannot Show the Comparison"), error);
        return false;
    }
    return true;
}

void MainWindow::deleteComparison()
{
    const QString id = m_projectPanel->selectedComparisonId();
    if (id.isEmpty() || isRunning())
        return;
    if (m_ask(tr("Delete Comparison"),
              tr("Delete this saved comparison from the project? This cannot be undone once "
                 "the project is saved."),
              QMessageBox::Yes | QMessageBox::No,
              QMessageBox::No)
        != QMessageBox::Yes)
        return;
    m_project->removeComparison(id);
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
              QMessageBox::Yes | QMessageBox::No,
              QMessageBox::No)
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
    // Any label will do, also none (the run is then shown by its time and settings).
    auto dialog = new NameDialog(
        tr("Rename Run"),
        tr("Name of the run (shown before its time; empty: none):"),
        label,
        [](const QString &) { return QString(); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, scenarioId, runId] {
        m_project->renameRun(scenarioId, runId, dialog->name());
    });
    dialog->open();
}

// ---------------------------------------------------------------------------------------
// Runs and results

void MainWindow::clearResults(const QString &placeholder)
{
    m_hasResult = false;
    m_whatIfShown = false;
    m_shownRunId.clear();
    m_resultScenarioId.clear();
    m_resultsPanel->clear(placeholder);
    if (CanvasScene *scene = currentScene()) {
        scene->setHeat(nullptr);
        scene->setOverloaded({});
    }
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("Not run yet"));
}

void MainWindow::displayResult(const Sim::RunResult &result, const QString &header)
{
    m_whatIfShown = false;
    m_shownRunId.clear();
    m_result = result;
    m_hasResult = true;
    m_resultScenarioId = m_currentId;
    m_resultsPanel->showResult(m_result, header);
    if (CanvasScene *scene = currentScene()) {
        scene->setHeat(m_actions->heat->isChecked() ? &m_result : nullptr);
        scene->setOverloaded(result.stop.overloaded ? QString::fromStdString(result.stop.component)
                                                    : QString());
    }
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
    // a saved run is priced and checked against the scenario's SLO as they are now
    QString header = savedRunHeader(m_project->scenarioName(scenarioId), run, *result);
    if (const std::optional<Model::Scenario> now = m_project->scenarioToRun(scenarioId))
        header = withRunVerdicts(header, *now, *result);
    displayResult(*result, header);
    m_progressBar->setValue(kProgressSteps);
    m_progressBar->setFormat(result->cancelled ? tr("Saved run (cancelled)") : tr("Saved run"));
    m_projectPanel->setCurrentRun(scenarioId, runId);
    m_shownRunId = runId;
    return true;
}

bool MainWindow::compileShown(Sim::Spec *spec)
{
    commitPendingEdits();
    Model::Document *document = currentDocument();
    if (!document)
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
        const QString why = refusals.isEmpty() ? errorSummary(problems)
                                               : tr("the engine refuses the scenario: %1")
                                                     .arg(refusals.join(QStringLiteral("; ")));
        m_lastError = tr("Not started: %1").arg(why);
        m_runStatus->setText(m_lastError);
        m_problemDock->show();
        m_problemDock->raise();
        return false;
    }
    *spec = compiled.spec;
    return true;
}

void MainWindow::applyLineScale()
{
    if (CanvasScene *scene = currentScene())
        scene->setLineScale(m_presenter->isActive() ? PresenterView::kLineScale : 1.0);
}

bool MainWindow::openWatch()
{
    Sim::Spec spec;
    if (m_watchPanel->isRecording() || !compileShown(&spec))
        return false;
    m_watchPanel->setCanvas(currentScene(), currentView());
    // the presenter view keeps the docks hidden and the canvas at the size it gave it
    if (!m_presenter->isActive()) {
        m_watchDock->show();
        m_watchDock->raise();
        resizeDocks({m_watchDock}, {480}, Qt::Horizontal);
        // watching happens on the canvas: give it three quarters of the centre
        if (auto *split = findChild<QSplitter *>(QStringLiteral("centreSplitter"))) {
            const QList<int> sizes = split->sizes();
            if (sizes.size() == 2)
                split->setSizes({(sizes[0] + sizes[1]) * 3 / 4, (sizes[0] + sizes[1]) / 4});
        }
    }
    if (CanvasView *view = currentView())
        view->fitToView();
    return m_watchPanel->watch(spec);
}

bool MainWindow::startRun()
{
    if (isRunning() || !currentDocument())
        return false;
    Sim::Spec spec;
    if (!compileShown(&spec))
        return false;
    const Model::Scenario scenario = currentDocument()->scenario();

    m_whatIfPanel->cancelRuns(); // its figures would land on the run's
    m_whatIfShown = false;       // the run's figures fill the results as it goes
    m_runScenarioId = m_currentId;
    m_runScenarioName = scenario.name;
    m_runScenario = m_project->scenarioToRun(m_currentId).value_or(scenario);
    m_hasResult = false;
    m_runController->setLiveKeys(ResultsPanel::liveKeys(spec));
    m_resultsPanel->beginRun(spec, tr("Running %1…").arg(m_runScenarioName.toHtmlEscaped()));
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("%p%"));
    m_runStatus->setText(tr("Running…"));
    if (!m_runController->start(spec))
        return false;
    setRunning(true);
    return true;
}

void MainWindow::cancelRun()
{
    if (!isRunning())
        return;
    m_runController->cancel();
    m_actions->cancel->setEnabled(false);
    m_runStatus->setText(tr("Cancelling…"));
}

bool MainWindow::isRunning() const
{
    return m_runController->isRunning() || m_compare->isRunning();
}

void MainWindow::showResultsTab(ResultsTab tab)
{
    m_resultsPanel->showResultsTab(static_cast<int>(tab));
}

void MainWindow::showChartTab(ChartTab tab)
{
    m_resultsPanel->showChartTab(static_cast<int>(tab));
}

void MainWindow::setRunning(bool running)
{
    m_whatIfPanel->setRunAllowed(!running);
    m_scenarioPanel->setEditable(!running);
    m_projectPanel->setEnabled(!running);
    updateActions();
}

void MainWindow::updateActions()
{
    Model::Document *document = currentDocument();
    MainWindowActions::State state;
    state.running = isRunning();
    state.hasScenario = !m_currentId.isEmpty();
    state.editable = document != nullptr;
    state.runnable = document && !Model::hasErrors(document->problems());
    m_actions->update(state);
}

void MainWindow::onRunProgress(double fraction)
{
    m_progressBar->setValue(static_cast<int>(qBound(0.0, fraction, 1.0) * kProgressSteps));
}

void MainWindow::onRunFinished()
{
    const Sim::RunResult &result = m_runController->result();
    const QString timing = runTiming(result);
    const int percent = m_progressBar->value() * 100 / kProgressSteps;
    setRunning(false);

    // Finished runs are kept in the project; a cancelled one, or one stopped early (memory),
    // is shown but not kept.
    QString runId;
    if (!result.partial() && m_project->contains(m_runScenarioId))
        runId = m_project->addRun(m_runScenarioId, result);

    if (m_runScenarioId == m_currentId) {
        const QString header = finishedRunHeader(m_runScenarioName, result, percent);
        displayResult(result,
                      result.partial() ? header : withRunVerdicts(header, m_runScenario, result));
        if (result.cancelled) {
            m_progressBar->setFormat(tr("Cancelled at %p%"));
        } else if (result.stop.stopped()) {
            m_progressBar->setFormat(tr("Stopped at %p%"));
        } else {
            m_progressBar->setValue(kProgressSteps);
            m_progressBar->setFormat(tr("Done"));
            m_projectPanel->setCurrentRun(m_runScenarioId, runId);
            m_shownRunId = runId;
        }
    } else {
        // Another scenario was opened meanwhile: it shows its own results, not the live run's.
        showNewestResults();
    }
    if (result.stop.stopped()) {
        // the verdict, in the user's terms: what stopped it and where requests piled up
        m_lastError = QString::fromStdString(result.stop.verdict);
        m_runStatus->setText(tr("Run %1").arg(m_lastError));
    } else {
        m_runStatus->setText(result.cancelled ? tr("Cancelled: %1.").arg(timing)
                                              : tr("Finished: %1.").arg(timing));
    }
    emit runEnded();
}

void MainWindow::onRunFailed(const QString &message)
{
    m_lastError = tr("Run of %1 failed: %2").arg(m_runScenarioName, message);
    if (m_runScenarioId != m_currentId) {
        setRunning(false);
        showNewestResults();
        m_runStatus->setText(tr("Run of %1 failed: %2").arg(m_runScenarioName, message));
        emit runEnded();
        return;
    }
    m_resultsPanel->setHeader(tr("<b>%1</b>: the run failed: %2")
                                  .arg(m_runScenarioName.toHtmlEscaped(), message.toHtmlEscaped()));
    m_progressBar->setFormat(tr("Failed"));
    m_runStatus->setText(tr("Run failed: %1").arg(message));
    setRunning(false);
    emit runEnded();
}

// ---------------------------------------------------------------------------------------
// What-if sliders

void MainWindow::connectWhatIf()
{
    connect(m_whatIfPanel, &WhatIfPanel::pinRequested, this, &MainWindow::pinWhatIf);
    connect(m_whatIfPanel, &WhatIfPanel::unpinRequested, this, &MainWindow::unpinWhatIf);
    connect(m_whatIfPanel, &WhatIfPanel::windowEdited, this, &MainWindow::setWhatIfWindow);
    connect(m_whatIfPanel, &WhatIfPanel::applyRequested, this, &MainWindow::applyWhatIf);
    connect(m_whatIfPanel, &WhatIfPanel::resultReady, this, &MainWindow::showWhatIfResult);
}

void MainWindow::showWhatIf()
{
    m_whatIfDock->show();
    m_whatIfDock->raise();
}

void MainWindow::pinWhatIf(const QString &path)
{
    DocumentController *controller = currentController();
    if (!controller)
        return;
    const Model::Scenario &scenario = controller->document()->scenario();
    QString error;
    const std::optional<Model::WhatIfPin> pin = Model::whatIfPin(scenario, path, &error);
    if (!pin) {
        m_lastError = tr("Not pinned: %1").arg(error);
        m_runStatus->setText(m_lastError);
        return;
    }
    Model::WhatIf whatIf = scenario.whatIf.value_or(Model::WhatIf{});
    for (const Model::WhatIfPin &p : std::as_const(whatIf.pinned)) {
        if (p.field == path)
            return; // pinned already
    }
    whatIf.pinned.append(*pin);
    controller->setWhatIf(whatIf, tr("Pin %1").arg(Model::whatIfSlider(scenario, *pin).label));
}

void MainWindow::unpinWhatIf(const QString &path)
{
    DocumentController *controller = currentController();
    if (!controller || !controller->document()->scenario().whatIf)
        return;
    const Model::Scenario &scenario = controller->document()->scenario();
    Model::WhatIf whatIf = *scenario.whatIf;
    QString label = path;
    for (const Model::WhatIfSlider &s : Model::whatIfSliders(scenario)) {
        if (s.path == path)
            label = s.label;
    }
    whatIf.pinned.removeIf([&](const Model::WhatIfPin &p) { return p.field == path; });
    // nothing left to say: the scenario goes back to having no "what_if"
    const bool empty = whatIf.pinned.isEmpty() && !whatIf.windowS && whatIf.extra.isEmpty();
    controller->setWhatIf(empty ? std::nullopt : std::optional<Model::WhatIf>(whatIf),
                          tr("Unpin %1").arg(label));
}

void MainWindow::setWhatIfWindow(double seconds)
{
    DocumentController *controller = currentController();
    if (!controller)
        return;
    Model::WhatIf whatIf = controller->document()->scenario().whatIf.value_or(Model::WhatIf{});
    whatIf.windowS = seconds;
    controller->setWhatIf(whatIf, tr("Set the what-if window"));
}

void MainWindow::applyWhatIf(const QList<QPair<QString, double>> &values)
{
    DocumentController *controller = currentController();
    if (!controller || isRunning())
        return;
    QList<QPair<QString, QJsonValue>> set;
    for (const auto &[path, value] : values)
        set.append({path, value});
    const Model::Document *document = controller->document();
    const Model::ScenarioLoad load = Model::scenarioWithSet(document->scenario(), set);
    if (!load.scenario) {
        m_lastError = tr("Not applied: %1").arg(errorSummary(load.problems));
        m_runStatus->setText(m_lastError);
        return;
    }
    // one undo step for every slider's value
    controller->setScenario(*load.scenario, document->layout(), tr("Apply what-if values"));
    m_runStatus->setText(tr("Applied the what-if values to the scenario (Undo takes them back)."));
}

void MainWindow::showWhatIfResult(const Sim::RunResult &result, const QString &header)
{
    if (isRunning())
        return;
    displayResult(result, header);
    m_whatIfShown = true;
    m_progressBar->setValue(kProgressSteps);
    m_progressBar->setFormat(tr("What-if (not saved)"));
}

void MainWindow::reportProblem()
{
    QGuiApplication::clipboard()->setText(Help::problemReport(m_lastError));
    m_runStatus->setText(tr("Copied the version, the platform and the last error to the "
                            "clipboard: paste them into your report."));
    auto box = new QMessageBox(QMessageBox::Information,
                               tr("Report a Problem"),
                               tr("The version of ArchSim and Qt, the platform and the last "
                                  "error shown are on the clipboard. Paste them into your report "
                                  "with what you did, what you expected and what happened "
                                  "instead."),
                               QMessageBox::Ok,
                               this);
    box->setObjectName(QStringLiteral("reportMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDetailedText(QGuiApplication::clipboard()->text());
    box->open();
}

void MainWindow::about()
{
    QMessageBox::about(
        this,
        tr("About ArchSim"),
        tr("<h3>ArchSim %1</h3>"
           "<p>A discrete-event simulator of software architectures: monoliths and "
           "microservices, their caches and queues, under load.</p>"
           "<p>Simulation engine %2, Qt %3.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QApplication::applicationVersion(),
                 QString::fromLatin1(Sim::engineVersion()),
                 QString::fromLatin1(qVersion())));
}

} // namespace Ui
