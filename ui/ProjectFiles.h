// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QMessageBox>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Model {
class ProjectDocument;
}

namespace Ui {

class ScenarioEditors;

/**
 * The window's project files: New, Open, Save, Save As, the "save first?" question, the
 * autosave copy and its recovery after a crash, the recent projects and the project that
 * opens at start. Holds no domain state: the project is Model::ProjectDocument, the
 * unsaved edits are the editors' undo stacks (ScenarioEditors).
 *
 * The window supplies how to ask, how to show an error and a status line (Hooks), so the
 * tests can answer the questions. saved() follows every successful save.
 */
class ProjectFiles final : public QObject
{
    Q_OBJECT

public:
    struct Hooks
    {
        std::function<QMessageBox::StandardButton(const QString &title,
                                                  const QString &text,
                                                  QMessageBox::StandardButtons buttons,
                                                  QMessageBox::StandardButton defaultButton)>
            ask;
        /** A file name to save to; empty when cancelled. */
        std::function<
            QString(const QString &title, const QString &suggested, const QString &filter)>
            askSaveFile;
        /** True while a run goes on: nothing is opened then. */
        std::function<bool()> isBusy;
        /** Commits what a focused field holds before a save or a question. */
        std::function<void()> commitPendingEdits;
        std::function<void(const QString &title, const QString &text, const QString &details)>
            showError;
        std::function<void(const QString &text)> showStatus;
    };

    ProjectFiles(Model::ProjectDocument *project,
                 ScenarioEditors *editors,
                 QWidget *dialogParent,
                 Hooks hooks);

    /**
     * See MainWindow::openStartup(). True when it opened the user's file, a recovered copy or
     * the last project; false when it fell back to the example project (no document).
     */
    bool openStartup(const QString &file);
    bool openExampleProject();
    bool newProject();
    bool openProject(const QString &fileName);
    bool openScenarioAsProject(const QString &fileName);
    bool saveProject();
    bool saveProjectAs(const QString &fileName);
    /** Asks for a file name, then saves there; false when cancelled or failed. */
    bool saveAsDialog();
    void openProjectDialog();
    /** Asks to save when something is unsaved; false when the user cancels. */
    bool maybeSave();
    bool isModified() const;

    /** Something changed: the autosave copy is written when the timer fires. */
    void noteEdited();
    /** A project was opened or created: nothing to autosave yet. */
    void noteProjectReset();
    bool autosaveNow();
    void setAutosaveInterval(int milliseconds);
    /** Remembers the open project for the next session (on close). */
    void rememberOpenProject();

    /**
     * Adds the scenario of a JSON file to the project (the file is only read); returns its
     * id, or empty after showing why the file holds no scenario.
     */
    QString importScenario(const QString &fileName);
    /** Asks for a JSON file, then importScenario(); empty when cancelled or refused. */
    QString importScenarioDialog();
    /** Writes scenario `scenarioId` as a JSON file; false after showing why not. */
    bool exportScenario(const QString &scenarioId, const QString &fileName);
    /** Asks for a file name (askSaveFile), then exportScenario(). */
    void exportScenarioDialog(const QString &scenarioId);

    /** Shows why a scenario file cannot be read (with its lines); returns false. */
    bool refuseScenarioFile(const QString &title,
                            const QString &fileName,
                            const Model::Problems &problems);

    static QStringList recentProjects();

signals:
    void saved();

private:
    bool finishSave(bool saved, const QString &error);
    bool offerRecovery(const QString &projectPath);
    void addRecentProject(const QString &fileName);
    void updateAutosaveTimer();

    Model::ProjectDocument *m_project;
    ScenarioEditors *m_editors;
    QWidget *m_dialogParent;
    Hooks m_hooks;
    QTimer m_autosaveTimer;
    bool m_autosavePending = false;
};

} // namespace Ui
