// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BuiltinExamples.h"

#include <QList>
#include <QObject>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QUndoGroup;
QT_END_NAMESPACE

namespace Ui {

/**
 * The main window's actions, with their object names, shortcuts, icons and tips, and its
 * menu bar: File (with Open Recent, New Scenario from Example and Export Diagram), Edit, View,
 * Simulation
 * and Help. It does nothing when an action is triggered: MainWindow connects each action
 * to what it does. The actions are children of the window, so that their shortcuts act
 * in the whole window and findChild() finds them by name ("runAction", "undoAction", ...).
 *
 * Signals: exampleChosen(index) when an entry of New Scenario from Example is triggered,
 * recentProjectChosen(file) when an entry of Open Recent is.
 */
class MainWindowActions final : public QObject
{
    Q_OBJECT

public:
    /** What the actions' enabled states follow (see update()). */
    struct State
    {
        bool running = false;     ///< a simulation runs
        bool hasScenario = false; ///< a scenario is shown (perhaps one that cannot be read)
        bool editable = false;    ///< the shown scenario could be read: it has a document
        bool runnable = false;    ///< ... and has no errors
    };

    /**
     * Creates the actions and fills `window`'s menu bar. Undo and Redo follow `undoGroup`;
     * the example menu lists `examples` in their order.
     */
    MainWindowActions(QMainWindow *window,
                      QUndoGroup *undoGroup,
                      const QList<BuiltinExample> &examples);

    /** Adds the docks' show/hide toggles to the end of the View menu. */
    void addDockToggles(const QList<QDockWidget *> &docks);
    /** Enables what can be done in `state` (nothing replaces the project while a run goes on). */
    void update(const State &state);

    /** The recent projects, newest first (QSettings). */
    static QStringList recentProjects();
    /** Puts `fileName` first in the recent projects (at most eight are kept). */
    static void addRecentProject(const QString &fileName);

    // File
    QAction *newProject = nullptr;
    QAction *open = nullptr;
    QAction *openExamples = nullptr;
    QAction *save = nullptr;
    QAction *saveAs = nullptr;
    QAction *importScenario = nullptr;
    QAction *importCompose = nullptr;          ///< File > Import > Compose…
    QAction *importKubernetes = nullptr;       ///< File > Import > Kubernetes…
    QAction *importKubernetesFolder = nullptr; ///< File > Import > Kubernetes Folder…
    QAction *exportScenario = nullptr;
    QAction *exportReport = nullptr;
    /// File > Export Diagram: one action per DiagramExportFiles::formats(), in that order,
    /// each with its format word as data() ("mermaid", ..., "png")
    QList<QAction *> exportDiagram;
    QAction *prices = nullptr;
    QAction *lintSettings = nullptr;
    QAction *newScenario = nullptr;
    QAction *quit = nullptr;
    // Edit, and the project panel's context menus
    QAction *undo = nullptr;
    QAction *redo = nullptr;
    QAction *copy = nullptr;
    QAction *paste = nullptr;
    QAction *deleteSelection = nullptr;
    QAction *duplicateScenario = nullptr;
    QAction *renameScenario = nullptr;
    QAction *deleteScenario = nullptr;
    QAction *showRun = nullptr;
    QAction *renameRun = nullptr;
    QAction *deleteRun = nullptr;
    QAction *showComparison = nullptr;
    QAction *deleteComparison = nullptr;
    // View
    QAction *zoomIn = nullptr;
    QAction *zoomOut = nullptr;
    QAction *fit = nullptr;
    QAction *grid = nullptr;
    QAction *snap = nullptr;
    QAction *arrange = nullptr;
    QAction *heat = nullptr;
    // Simulation
    QAction *run = nullptr;
    QAction *cancel = nullptr;
    QAction *watch = nullptr; ///< Simulation > Watch…: record and animate the shown scenario
    QAction *compare = nullptr;
    QAction *sweep = nullptr;
    QAction *capacity = nullptr;
    QAction *decision = nullptr;
    QAction *plan = nullptr;
    QAction *whatIf = nullptr;    ///< Simulation > What-if Sliders: shows the What-if dock
    QAction *presenter = nullptr; ///< View > Presenter View (checkable)
    // Help
    QAction *userGuide = nullptr;
    QAction *lessons = nullptr;
    QAction *shortcuts = nullptr;
    QAction *reportProblem = nullptr;
    QAction *about = nullptr;
    QAction *aboutQt = nullptr;

signals:
    void exampleChosen(int index);
    void recentProjectChosen(const QString &fileName);

private:
    void createActions(QMainWindow *window, QUndoGroup *undoGroup);
    void createMenus(QMainWindow *window, const QList<BuiltinExample> &examples);
    void updateRecentMenu();

    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_importMenu = nullptr; ///< File > Import
    QMenu *m_viewMenu = nullptr;
    QMenu *m_exportDiagramMenu = nullptr;
};

} // namespace Ui
