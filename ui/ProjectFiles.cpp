// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectFiles.h"

#include "MainWindowActions.h"
#include "ProjectDocument.h"
#include "ScenarioEditors.h"
#include "ScenarioTemplates.h"
#include "ScenarioText.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QTime>

namespace Ui {

namespace {

constexpr int kAutosaveMs = 60 * 1000;
const char kLastProjectDirectoryKey[] = "lastProjectDirectory";
const char kLastProjectKey[] = "lastProject";
const char kLastDirectoryKey[] = "lastScenarioDirectory";

QString projectFilter()
{
    return ProjectFiles::tr("ArchSim projects (*.%1);;All files (*)")
        .arg(Model::ProjectStore::fileSuffix());
}

} // namespace

ProjectFiles::ProjectFiles(Model::ProjectDocument *project,
                           ScenarioEditors *editors,
                           QWidget *dialogParent,
                           Hooks hooks)
    : QObject(dialogParent)
    , m_project(project)
    , m_editors(editors)
    , m_dialogParent(dialogParent)
    , m_hooks(std::move(hooks))
{
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(kAutosaveMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &ProjectFiles::autosaveNow);
}

bool ProjectFiles::isModified() const
{
    // The runs of an untitled project whose scenarios are untouched (the example project)
    // are not work to save: running an example asks nothing on New or Quit.
    const bool structure = m_project->structureModified()
                           && !(m_project->isUntitled() && m_project->newRunsOnly() > 0);
    return structure || !m_editors->isClean();
}

// ---------------------------------------------------------------------------------------
// Autosave

void ProjectFiles::noteEdited()
{
    m_autosavePending = true;
    updateAutosaveTimer();
}

void ProjectFiles::noteProjectReset()
{
    m_autosavePending = false;
    m_autosaveTimer.stop();
}

void ProjectFiles::updateAutosaveTimer()
{
    // Not isModified() here: a document announces an edit from inside QUndoStack::push(),
    // before the stack counts it. autosaveNow() checks when the timer fires.
    if (m_autosavePending && !m_autosaveTimer.isActive())
        m_autosaveTimer.start();
}

void ProjectFiles::setAutosaveInterval(int milliseconds)
{
    m_autosaveTimer.setInterval(milliseconds);
}

bool ProjectFiles::autosaveNow()
{
    if (!m_autosavePending || !isModified()) {
        m_autosavePending = false;
        if (!isModified())
            m_project->discardRecovery(); // back at the saved state: nothing to recover
        return false;
    }
    QString error;
    if (!m_project->writeRecovery(&error)) {
        m_hooks.showStatus(tr("Autosave failed: %1").arg(error));
        return false;
    }
    m_autosavePending = false;
    m_hooks.showStatus(tr("Autosaved a recovery copy at %1.")
                           .arg(QTime::currentTime().toString(QStringLiteral("HH:mm"))));
    return true;
}

bool ProjectFiles::offerRecovery(const QString &projectPath)
{
    const std::optional<Model::RecoveryInfo> recovery = Model::ProjectDocument::findRecovery(
        projectPath);
    if (!recovery || !recovery->newerThanProject)
        return false;
    const QString what = projectPath.isEmpty()
                             ? tr("an unsaved project")
                             : tr("“%1”").arg(QDir::toNativeSeparators(projectPath));
    const QMessageBox::StandardButton answer = m_hooks.ask(
        tr("Recover Unsaved Changes"),
        tr("ArchSim was closed without saving %1. An autosave copy from %2 is newer than the "
           "saved file.\n\nRestore it? (No opens the saved file and deletes the copy.)")
            .arg(what, recovery->written.toLocalTime().toString(Qt::TextDate)),
        QMessageBox::Yes | QMessageBox::No,
        QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        QFile::remove(recovery->path);
        return false;
    }
    QString error;
    QStringList warnings;
    if (!m_project->openRecovery(*recovery, &error, &warnings)) {
        m_hooks.showError(tr("Recovery Failed"),
                          tr("The autosave copy could not be opened: %1").arg(error),
                          QString());
        return false;
    }
    m_hooks.showStatus(tr("Restored the autosave copy: save to keep it."));
    return true;
}

// ---------------------------------------------------------------------------------------
// Opening

bool ProjectFiles::openStartup(const QString &file)
{
    if (!file.isEmpty()) {
        if (file.endsWith(QLatin1Char('.') + Model::ProjectStore::fileSuffix())) {
            if (openProject(file))
                return true;
        } else if (openScenarioAsProject(file)) {
            return true;
        }
    }
    if (offerRecovery(QString()))
        return true;
    const QString last = QSettings().value(QLatin1String(kLastProjectKey)).toString();
    if (!last.isEmpty() && QFileInfo::exists(last) && openProject(last))
        return true; // (a failure was shown; the example project opens behind the message)
    openExampleProject();
    return false;
}

bool ProjectFiles::openExampleProject()
{
    if (m_hooks.isBusy() || !maybeSave())
        return false;
    QStringList problems;
    Model::Project project = Model::ProjectDocument::exampleProject(QStringLiteral(":/examples"),
                                                                    &problems);
    project.metadata.name = tr("ArchSim examples");
    m_project->setProject(project);
    m_hooks.showStatus(tr("The example project: pick a scenario on the left, press Run "
                          "(Ctrl+R). Save As keeps your changes."));
    return true;
}

bool ProjectFiles::newProject()
{
    if (m_hooks.isBusy() || !maybeSave())
        return false;
    Model::Project project;
    project.scenarios << Model::ProjectScenario::create(Model::emptyScenario(tr("New scenario")));
    m_project->setProject(project);
    return true;
}

bool ProjectFiles::openProject(const QString &fileName)
{
    if (m_hooks.isBusy() || !maybeSave())
        return false;
    const QString path = QFileInfo(fileName).absoluteFilePath();
    // An autosave copy of this project (not of the one open now: its copy is this
    // session's own) is offered first.
    if (path != m_project->path() && offerRecovery(path))
        return true;
    QString error;
    QStringList warnings;
    if (!m_project->load(path, &error, &warnings)) {
        // The reason (with its line where there is one) in the message itself.
        m_hooks.showError(tr("Cannot Open Project"),
                          tr("%1 could not be opened: %2\n\nThe file was not changed.")
                              .arg(QDir::toNativeSeparators(path), error),
                          QString());
        m_hooks.showStatus(error);
        return false;
    }
    addRecentProject(path);
    if (!warnings.isEmpty()) {
        m_hooks.showError(tr("Project Opened with Problems"),
                          tr("Parts of %1 could not be read; they are kept unchanged:\n%2")
                              .arg(QDir::toNativeSeparators(path),
                                   warnings.join(QLatin1Char('\n'))),
                          QString());
    } else {
        m_hooks.showStatus(tr("Opened %1.").arg(QDir::toNativeSeparators(path)));
    }
    return true;
}

bool ProjectFiles::openScenarioAsProject(const QString &fileName)
{
    if (m_hooks.isBusy() || !maybeSave())
        return false;
    // Read it into a project of its own first: a file that cannot be read leaves the open
    // project as it is.
    Model::ProjectDocument reader;
    Model::Problems problems;
    if (reader.importScenario(fileName, &problems).isEmpty())
        return refuseScenarioFile(tr("Cannot Open Scenario"), fileName, problems);
    const QString shown = QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
    m_project->setProject(reader.project());
    m_hooks.showStatus(tr("Opened %1 as a new project (Save As keeps it).").arg(shown));
    return true;
}

bool ProjectFiles::refuseScenarioFile(const QString &title,
                                      const QString &fileName,
                                      const Model::Problems &problems)
{
    const QString shown = QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
    m_hooks.showError(title,
                      tr("%1 holds no scenario that can be read; it was not changed.\n%2")
                          .arg(shown, problemLines(problems)),
                      QString());
    m_hooks.showStatus(tr("%1: %2").arg(shown, problemLines(problems)));
    return false;
}

QString ProjectFiles::importScenario(const QString &fileName)
{
    if (m_hooks.isBusy())
        return {};
    Model::Problems problems;
    const QString id = m_project->importScenario(fileName, &problems);
    if (id.isEmpty()) {
        refuseScenarioFile(tr("Cannot Import Scenario"), fileName, problems);
        return {};
    }
    QSettings().setValue(QLatin1String(kLastDirectoryKey), QFileInfo(fileName).absolutePath());
    m_hooks.showStatus(
        tr("Imported %1.").arg(QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath())));
    return id;
}

QString ProjectFiles::importScenarioDialog()
{
    QSettings settings;
    const QString fileName
        = QFileDialog::getOpenFileName(m_dialogParent,
                                       tr("Import Scenario"),
                                       settings.value(QLatin1String(kLastDirectoryKey)).toString(),
                                       tr("Scenario files (*.json);;All files (*)"));
    return fileName.isEmpty() ? QString() : importScenario(fileName);
}

bool ProjectFiles::exportScenario(const QString &scenarioId, const QString &fileName)
{
    m_hooks.commitPendingEdits();
    QString error;
    if (scenarioId.isEmpty() || !m_project->exportScenario(scenarioId, fileName, &error)) {
        m_hooks.showError(tr("Cannot Export Scenario"),
                          tr("The scenario was not written: %1").arg(error),
                          QString());
        return false;
    }
    m_hooks.showStatus(tr("Wrote %1.").arg(QDir::toNativeSeparators(fileName)));
    return true;
}

void ProjectFiles::exportScenarioDialog(const QString &scenarioId)
{
    QSettings settings;
    const QString suggested
        = QDir(settings.value(QLatin1String(kLastDirectoryKey), QDir::homePath()).toString())
              .filePath(m_project->scenarioName(scenarioId) + QStringLiteral(".json"));
    const QString fileName = m_hooks.askSaveFile(tr("Export Scenario"),
                                                 suggested,
                                                 tr("Scenario files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirectoryKey), QFileInfo(fileName).absolutePath());
    exportScenario(scenarioId, fileName);
}

void ProjectFiles::openProjectDialog()
{
    QSettings settings;
    const QString fileName = QFileDialog::getOpenFileName(
        m_dialogParent,
        tr("Open Project"),
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

QStringList ProjectFiles::recentProjects()
{
    return MainWindowActions::recentProjects();
}

void ProjectFiles::addRecentProject(const QString &fileName)
{
    MainWindowActions::addRecentProject(fileName);
    QSettings().setValue(QLatin1String(kLastProjectKey), fileName);
}

void ProjectFiles::rememberOpenProject()
{
    QSettings().setValue(QLatin1String(kLastProjectKey), m_project->path());
}

// ---------------------------------------------------------------------------------------
// Saving

bool ProjectFiles::maybeSave()
{
    m_hooks.commitPendingEdits();
    if (!isModified()) {
        m_project->discardRecovery(); // an autosave of changes undone since
        return true;
    }
    // Say what would be lost when it is only runs.
    const int runs = m_editors->isClean() ? m_project->newRunsOnly() : 0;
    const QString text
        = runs > 0 ? tr("“%1” has %n new run(s) that are not saved; the scenarios are unchanged. "
                        "Save them first?",
                        nullptr,
                        runs)
                         .arg(m_project->displayName())
                   : tr("“%1” has changes that are not saved. Save them first?")
                         .arg(m_project->displayName());
    const QMessageBox::StandardButton answer = m_hooks.ask(tr("Unsaved Changes"),
                                                           text,
                                                           QMessageBox::Save | QMessageBox::Discard
                                                               | QMessageBox::Cancel,
                                                           QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveProject();
    if (answer == QMessageBox::Discard) {
        m_project->discardRecovery();
        return true;
    }
    return false;
}

bool ProjectFiles::saveProject()
{
    m_hooks.commitPendingEdits();
    if (m_project->isUntitled() || m_project->isReadOnly())
        return saveAsDialog();
    QString error;
    return finishSave(m_project->save(&error), error);
}

bool ProjectFiles::saveProjectAs(const QString &fileName)
{
    m_hooks.commitPendingEdits();
    QString path = QFileInfo(fileName).absoluteFilePath();
    const QString suffix = QLatin1Char('.') + Model::ProjectStore::fileSuffix();
    if (!path.endsWith(suffix))
        path += suffix;
    QString error;
    return finishSave(m_project->saveAs(path, &error), error);
}

bool ProjectFiles::finishSave(bool saved, const QString &error)
{
    if (!saved) {
        m_hooks.showError(tr("Cannot Save"), tr("The project was not saved."), error);
        return false;
    }
    m_editors->setClean();
    noteProjectReset();
    addRecentProject(m_project->path());
    emit this->saved();
    m_hooks.showStatus(tr("Saved %1.").arg(QDir::toNativeSeparators(m_project->path())));
    return true;
}

bool ProjectFiles::saveAsDialog()
{
    QSettings settings;
    const QString directory
        = settings.value(QLatin1String(kLastProjectDirectoryKey), QDir::homePath()).toString();
    const QString suggested = m_project->isUntitled() ? QDir(directory).filePath(
                                  m_project->displayName() + QLatin1Char('.')
                                  + Model::ProjectStore::fileSuffix())
                                                      : m_project->path();
    const QString fileName = m_hooks.askSaveFile(tr("Save Project As"), suggested, projectFilter());
    if (fileName.isEmpty())
        return false;
    settings.setValue(QLatin1String(kLastProjectDirectoryKey), QFileInfo(fileName).absolutePath());
    return saveProjectAs(fileName);
}

} // namespace Ui
