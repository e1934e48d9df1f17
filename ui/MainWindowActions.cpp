// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindowActions.h"

#include "DiagramExportFiles.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStyle>
#include <QUndoGroup>

namespace Ui {

namespace {

constexpr int kMaxRecent = 8;
const char kRecentProjectsKey[] = "recentProjects";

} // namespace

MainWindowActions::MainWindowActions(QMainWindow *window,
                                     QUndoGroup *undoGroup,
                                     const QList<BuiltinExample> &examples)
    : QObject(window)
{
    setObjectName(QStringLiteral("mainWindowActions"));
    createActions(window, undoGroup);
    createMenus(window, examples);
}

void MainWindowActions::createActions(QMainWindow *window, QUndoGroup *undoGroup)
{
    auto action = [window](const QString &text,
                           const char *name,
                           const QKeySequence &shortcut = {},
                           QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto a = new QAction(text, window);
        a->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        if (icon != QStyle::SP_CustomBase)
            a->setIcon(window->style()->standardIcon(icon));
        return a;
    };

    newProject
        = action(tr("&New Project"), "newProjectAction", QKeySequence::New, QStyle::SP_FileIcon);
    open = action(tr("&Open Project…"),
                  "openAction",
                  QKeySequence::Open,
                  QStyle::SP_DialogOpenButton);
    open->setStatusTip(tr("Open an ArchSim project (.archsim) or a scenario JSON file"));
    openExamples = action(tr("Open &Example Project"), "openExamplesAction");
    save = action(tr("&Save"), "saveAction", QKeySequence::Save, QStyle::SP_DialogSaveButton);
    saveAs = action(tr("Save &As…"),
                    "saveAsAction",
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    importScenario = action(tr("&Import Scenario…"),
                            "importAction",
                            QKeySequence(Qt::CTRL | Qt::Key_I));
    importScenario->setStatusTip(tr("Add a scenario JSON file to the project"));
    // File > Import: deployment files as a new scenario (docs/import.md)
    importCompose = action(tr("&Compose…"), "importComposeAction");
    importCompose->setStatusTip(tr("Make a scenario of a docker-compose.yml; the defaults to "
                                   "review and the container lint go to the Problems panel"));
    importKubernetes = action(tr("&Kubernetes…"), "importKubernetesAction");
    importKubernetes->setStatusTip(tr("Make a scenario of a Kubernetes manifest file"));
    importKubernetesFolder = action(tr("Kubernetes &Folder…"), "importKubernetesFolderAction");
    importKubernetesFolder->setStatusTip(
        tr("Make a scenario of every manifest (.yaml, .yml) in a folder"));
    exportScenario = action(tr("&Export Scenario…"),
                            "exportAction",
                            QKeySequence(Qt::CTRL | Qt::Key_E));
    exportScenario->setStatusTip(tr("Write the shown scenario as a JSON file"));
    exportReport = action(tr("Export Re&port…"),
                          "exportReportAction",
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    exportReport->setStatusTip(tr("A PDF report of the project: summary, scenarios, "
                                  "comparison, decision, migration plan, lint, appendix"));
    for (const QString &format : DiagramExportFiles::formats()) {
        // "exportMermaidAction", ..., "exportPngAction"
        const QString name
            = QStringLiteral("export%1%2Action").arg(format.left(1).toUpper(), format.mid(1));
        QAction *a = action(DiagramExportFiles::menuText(format), qPrintable(name));
        a->setStatusTip(DiagramExportFiles::statusTip(format));
        a->setData(format);
        exportDiagram << a;
    }
    prices = action(tr("Project &Prices…"), "pricesAction");
    prices->setStatusTip(tr("The prices the project's runs, comparisons and capacity searches are "
                            "costed with"));
    lintSettings = action(tr("&Lint Settings…"), "lintSettingsAction");
    lintSettings->setStatusTip(tr("The project's lint thresholds and the findings its team "
                                  "silenced, with their reasons"));
    newScenario = action(tr("New &Scenario"),
                         "newScenarioAction",
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    duplicateScenario = action(tr("D&uplicate Scenario"),
                               "duplicateScenarioAction",
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    renameScenario = action(tr("&Rename Scenario…"),
                            "renameScenarioAction",
                            QKeySequence(Qt::Key_F2));
    deleteScenario = action(tr("Delete Scenario"), "deleteScenarioAction");
    showRun = action(tr("Show Results"), "showRunAction");
    renameRun = action(tr("Rename Run…"), "renameRunAction");
    renameRun->setStatusTip(tr("Give the selected saved run a name (F2 in the project panel)"));
    deleteRun = action(tr("Delete Run"), "deleteRunAction");
    showComparison = action(tr("Show Comparison"), "showComparisonAction");
    deleteComparison = action(tr("Delete Comparison"), "deleteComparisonAction");

    quit = action(tr("&Quit"), "quitAction", QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    undo = undoGroup->createUndoAction(window, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(window->style()->standardIcon(QStyle::SP_ArrowBack));
    redo = undoGroup->createRedoAction(window, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}) {
        if (!redoKeys.contains(key))
            redoKeys << key;
    }
    redo->setShortcuts(redoKeys);
    redo->setIcon(window->style()->standardIcon(QStyle::SP_ArrowForward));

    // Canvas edits: the view handles Delete, Ctrl+C and Ctrl+V itself while it has focus;
    // these menu entries (without shortcuts, so that the keys in a text field still act on
    // the text) reach the shown canvas from anywhere.
    copy = action(tr("&Copy Components"), "copyAction");
    paste = action(tr("&Paste Components"), "pasteAction");
    deleteSelection = action(tr("&Delete Selection"), "deleteAction");

    zoomIn = action(tr("Zoom &In"), "zoomInAction", QKeySequence::ZoomIn);
    zoomOut = action(tr("Zoom &Out"), "zoomOutAction", QKeySequence::ZoomOut);
    fit = action(tr("&Fit to View"), "fitAction", QKeySequence(Qt::CTRL | Qt::Key_0));
    grid = action(tr("Show &Grid"), "gridAction");
    grid->setCheckable(true);
    grid->setChecked(true);
    snap = action(tr("&Snap to Grid"), "snapAction");
    snap->setCheckable(true);
    snap->setChecked(true);
    arrange = action(tr("&Arrange"), "arrangeAction", QKeySequence(Qt::CTRL | Qt::Key_L));
    arrange->setStatusTip(tr("Lay the components out left to right (Graphviz); undoable"));
    heat = action(tr("&Heat Overlay"), "heatAction", QKeySequence(Qt::CTRL | Qt::Key_H));
    heat->setCheckable(true);
    heat->setChecked(true);
    heat->setStatusTip(tr("Colour components by utilisation in the shown results, mark the "
                          "bottleneck and label links with their traffic"));

    run = action(tr("&Run"), "runAction", QKeySequence(Qt::CTRL | Qt::Key_R), QStyle::SP_MediaPlay);
    run->setToolTip(tr("Run the simulation (Ctrl+R)"));
    cancel
        = action(tr("&Cancel"), "cancelAction", QKeySequence(Qt::Key_Escape), QStyle::SP_MediaStop);
    watch = action(tr("&Watch…"), "watchAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    watch->setStatusTip(tr("Record a run of the shown scenario and watch it on the canvas: "
                           "requests as moving dots, queues filling, slow motion and stepping, "
                           "theory beside the measured figures"));
    compare = action(tr("Co&mpare Scenarios…"),
                     "compareAction",
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    compare->setStatusTip(tr("Run 2 to 4 scenarios on the same requests and compare them"));
    sweep = action(tr("S&weep Parameter…"),
                   "sweepAction",
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    sweep->setStatusTip(tr("Run the shown scenario over the values of one or two of its numbers"));
    capacity = action(tr("Find &Capacity…"),
                      "capacityAction",
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    capacity->setStatusTip(tr("The highest arrival rate at which an SLO holds, for 1 to 4 "
                              "scenarios"));
    decision = action(tr("&Decision Matrix…"),
                      "decisionAction",
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    decision->setStatusTip(tr("Weigh scenarios against each other on the team's criteria and "
                              "simulated ones, and write the decision as an ADR"));
    plan = action(tr("Migration &Plan…"),
                  "planAction",
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    plan->setStatusTip(tr("Plan a strangler-fig migration step by step and simulate every "
                          "step"));
    cancel->setToolTip(tr("Stop the running simulation (Esc)"));
    whatIf = action(tr("&What-if Sliders"),
                    "whatIfAction",
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    whatIf->setStatusTip(tr("Pin parameters as sliders: each move re-runs a short simulation "
                            "and shows its figures"));
    presenter = action(tr("&Presenter View"), "presenterAction", QKeySequence(Qt::Key_F5));
    presenter->setCheckable(true);
    presenter->setStatusTip(tr("Full screen for a projector: large fonts, thick lines, high "
                               "contrast, the lesson's captions; Space runs, arrows move "
                               "through the captions, Esc leaves"));

    userGuide = action(tr("&User Guide"), "userGuideAction", QKeySequence::HelpContents);
    userGuide->setStatusTip(tr("How to draw, run, compare and save, in a window of its own"));
    lessons = action(tr("&Lessons…"), "lessonsAction");
    lessons->setStatusTip(tr("The gallery of lessons: scenarios that show, within seconds, why "
                             "an event loop must not block, why a cache stampedes, why a queue "
                             "never drains"));
    shortcuts = action(tr("&Keyboard Shortcuts"), "shortcutsAction");
    reportProblem = action(tr("&Report a Problem…"), "reportProblemAction");
    reportProblem->setStatusTip(
        tr("Copy the version, the platform and the last error to the clipboard for a report"));
    about = action(tr("&About ArchSim"), "aboutAction");
    about->setMenuRole(QAction::AboutRole);
    aboutQt = action(tr("About &Qt"), "aboutQtAction");
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindowActions::createMenus(QMainWindow *window, const QList<BuiltinExample> &examples)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(newProject);
    file->addAction(open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindowActions::updateRecentMenu);
    file->addAction(openExamples);
    file->addSeparator();
    file->addAction(save);
    file->addAction(saveAs);
    file->addSeparator();
    file->addAction(newScenario);
    m_examplesMenu = file->addMenu(tr("New Scenario from E&xample"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (int i = 0; i < examples.size(); ++i) {
        QAction *example = m_examplesMenu->addAction(examples.at(i).name);
        example->setToolTip(examples.at(i).description);
        connect(example, &QAction::triggered, this, [this, i] { emit exampleChosen(i); });
    }
    file->addAction(importScenario);
    m_importMenu = file->addMenu(tr("Imp&ort"));
    m_importMenu->setObjectName(QStringLiteral("importMenu"));
    m_importMenu->addAction(importCompose);
    m_importMenu->addAction(importKubernetes);
    m_importMenu->addAction(importKubernetesFolder);
    file->addAction(exportScenario);
    m_exportDiagramMenu = file->addMenu(tr("Export &Diagram"));
    m_exportDiagramMenu->setObjectName(QStringLiteral("exportDiagramMenu"));
    m_exportDiagramMenu->setToolTipsVisible(true);
    for (int i = 0; i < exportDiagram.size(); ++i) {
        if (i == 4) // the text formats, then the pictures of the canvas
            m_exportDiagramMenu->addSeparator();
        m_exportDiagramMenu->addAction(exportDiagram.at(i));
    }
    file->addAction(exportReport);
    file->addSeparator();
    file->addAction(prices);
    file->addAction(lintSettings);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(copy);
    edit->addAction(paste);
    edit->addAction(deleteSelection);
    edit->addSeparator();
    edit->addAction(duplicateScenario);
    edit->addAction(renameScenario);
    edit->addAction(deleteScenario);

    m_viewMenu = bar->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(zoomIn);
    m_viewMenu->addAction(zoomOut);
    m_viewMenu->addAction(fit);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(grid);
    m_viewMenu->addAction(snap);
    m_viewMenu->addAction(arrange);
    m_viewMenu->addAction(heat);
    m_viewMenu->addAction(presenter);
    m_viewMenu->addSeparator(); // the docks' toggles follow (addDockToggles)

    QMenu *simulation = bar->addMenu(tr("&Simulation"));
    simulation->addAction(run);
    simulation->addAction(cancel);
    simulation->addAction(watch);
    simulation->addSeparator();
    simulation->addAction(compare);
    simulation->addAction(sweep);
    simulation->addAction(capacity);
    simulation->addAction(decision);
    simulation->addAction(plan);
    simulation->addSeparator();
    simulation->addAction(whatIf);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(userGuide);
    help->addAction(lessons);
    help->addAction(shortcuts);
    help->addAction(reportProblem);
    help->addSeparator();
    help->addAction(about);
    help->addAction(aboutQt);
}

void MainWindowActions::addDockToggles(const QList<QDockWidget *> &docks)
{
    for (QDockWidget *dock : docks)
        m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindowActions::update(const State &state)
{
    const bool running = state.running;
    run->setEnabled(!running && state.runnable);
    cancel->setEnabled(running);
    for (QAction *a : {newProject, open, openExamples})
        a->setEnabled(!running);
    m_recentMenu->setEnabled(!running);
    save->setEnabled(true);
    for (QAction *a : {exportScenario,
                       duplicateScenario,
                       renameScenario,
                       copy,
                       paste,
                       deleteSelection,
                       zoomIn,
                       zoomOut,
                       fit,
                       arrange}) {
        a->setEnabled(state.editable);
    }
    m_exportDiagramMenu->setEnabled(state.editable);
    for (QAction *a : std::as_const(exportDiagram))
        a->setEnabled(state.editable);
    deleteScenario->setEnabled(state.hasScenario && !running);
    // While a run goes on the shown scenario stays: its charts fill live.
    newScenario->setEnabled(!running);
    importScenario->setEnabled(!running);
    m_importMenu->setEnabled(!running);
    prices->setEnabled(!running);
    duplicateScenario->setEnabled(state.editable && !running);
    m_examplesMenu->setEnabled(!running);
    deleteRun->setEnabled(!running);
    compare->setEnabled(!running);
    sweep->setEnabled(state.editable);
    deleteComparison->setEnabled(!running);
}

// ---------------------------------------------------------------------------------------
// Recent projects

QStringList MainWindowActions::recentProjects()
{
    return QSettings().value(QLatin1String(kRecentProjectsKey)).toStringList();
}

void MainWindowActions::addRecentProject(const QString &fileName)
{
    QStringList recent = recentProjects();
    recent.removeAll(fileName);
    recent.prepend(fileName);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(QLatin1String(kRecentProjectsKey), recent);
}

void MainWindowActions::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentProjects();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &fileName = recent.at(i);
        QAction *a = m_recentMenu->addAction(
            tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(fileName)));
        a->setEnabled(QFileInfo::exists(fileName));
        connect(a, &QAction::triggered, this, [this, fileName] {
            emit recentProjectChosen(fileName);
        });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear Menu")), &QAction::triggered, this, [] {
            QSettings().remove(QLatin1String(kRecentProjectsKey));
        });
    }
}

} // namespace Ui
