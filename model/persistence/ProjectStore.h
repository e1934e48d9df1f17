// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Project.h"
#include "ProjectSchema.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Model {

/** What ProjectStore::load found. */
struct ProjectLoad
{
    std::optional<Project> project; ///< empty when the file could not be opened
    /// When `project` is empty: one or two plain sentences saying what is wrong with the
    /// file and what to do about it. The file has not been changed.
    QString error;
    /// The project loaded, but: scenarios or runs that could not be read (kept unchanged,
    /// flagged in ProjectScenario / SavedRun), or an upgrade from an older format.
    QStringList warnings;
    /// The file or its folder is not writable: the GUI should offer "Save As".
    bool readOnly = false;
    /// The format version found in the file (0 when it could not be read). Lower than
    /// ProjectSchema::currentVersion() when the project was upgraded while loading.
    int fileVersion = 0;

    bool ok() const { return project.has_value(); }
};

/** An autosaved copy found next to a project (or for an untitled one). */
struct RecoveryInfo
{
    QString path;          ///< the recovery file: ProjectStore::load() opens it
    QString projectPath;   ///< the project it was made for; empty for an untitled project
    QDateTime written;     ///< UTC
    bool newerThanProject; ///< written after the project file was last saved (or it has none)
};

/**
 * Reads and writes `.archsim` project files: one SQLite file per project
 * (docs/project-files.md). All SQL of the project format lives behind this class.
 *
 * Every function opens its own uniquely named connection and closes it before returning,
 * so they may be called from any thread, also on the same file at once. Loading never
 * writes to the file it reads; saving never writes in place (temporary file + rename).
 */
class ProjectStore
{
public:
    /** The ArchSim version written into the files (app_version). */
    static QString applicationVersion();
    /** "archsim", the file name suffix of projects. */
    static QString fileSuffix();

    /**
     * Opens a project read-only and reads it whole. A damaged file (not SQLite, truncated,
     * failing SQLite's quick_check), a foreign SQLite database (no ArchSim application id),
     * or a file from a newer ArchSim gives an empty `project` and a specific `error`, and
     * the file is left exactly as it was. An older file is upgraded in a private temporary
     * copy, never in place; the next save writes the current format.
     */
    static ProjectLoad load(const QString &path);
    /** load() with a given migration list (ProjectSchema::migrations() in load()); for tests. */
    static ProjectLoad load(const QString &path, const ProjectSchema::Migrations &migrations);

    /**
     * Writes the whole project atomically: into "<path>.saving-XXXXXX" in the same folder,
     * flushed to disk, then renamed over `path`. On failure `path` is untouched, the
     * temporary file is removed, and `error` says why. Refuses to replace an existing file
     * that is not an ArchSim project, or one from a newer ArchSim. A symbolic link at `path`
     * is followed: its target is replaced.
     */
    static bool save(const Project &project, const QString &path, QString *error);

    // --- Crash recovery: the GUI calls writeRecovery() on a timer while there are unsaved
    // changes, discardRecovery() after every successful save and on a clean close, and
    // findRecovery() when it opens a project (or starts, for untitled projects).

    /**
     * Where the autosave copy of `projectPath` goes: ".<file name>.recovery" next to the
     * project when its folder is writable, else (and for an untitled project, empty path)
     * in QStandardPaths::AppDataLocation/recovery.
     */
    static QString recoveryPath(const QString &projectPath);
    /** Saves `project` atomically to recoveryPath(projectPath), in the project format. */
    static bool writeRecovery(const Project &project, const QString &projectPath, QString *error);
    /** The newest recovery file for `projectPath`, if any. */
    static std::optional<RecoveryInfo> findRecovery(const QString &projectPath);
    /** Removes every recovery file of `projectPath`; true when none is left. */
    static bool discardRecovery(const QString &projectPath, QString *error = nullptr);

    // --- Testing: simulate a failure in the middle of a save.

    enum class SaveStage {
        TemporaryCreated, ///< the empty temporary file exists
        DataWritten,      ///< the project is in the temporary file, the connection closed
        BeforeRename      ///< flushed to disk, about to replace the target
    };
    /// Called at each stage of every save; returning true makes the save fail there.
    using SaveFailureHook = std::function<bool(SaveStage)>;
    /** Installs (or, with an empty function, removes) the hook. For tests only. */
    static void setSaveFailureHook(SaveFailureHook hook);
};

} // namespace Model
