// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Document.h"
#include "Problem.h"
#include "Scenario.h"

#include "Results.h"
#include "analysis/Compare.h"
#include "import/ContainerImport.h"
#include "persistence/Project.h"
#include "persistence/ProjectStore.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Model {

/** The canvas layout of a project scenario as the Document holds it (QHash positions). */
Layout toDocumentLayout(const ScenarioLayout &layout);
/** The Document's layout as the project stores it (QMap positions). */
ScenarioLayout toScenarioLayout(const Layout &layout);

/**
 * The project the main window edits: one `.archsim` file (docs/project-files.md) with its
 * scenarios, their layouts and their saved runs.
 *
 * Each readable scenario has one Model::Document, created when the scenario enters the
 * project (load, add, import, insert) and deleted when it leaves it; the ProjectDocument
 * owns it. The GUI edits a scenario only through its Document (with one undo stack per
 * Document in ui/). A scenario whose stored JSON could not be read has no Document
 * (document() returns nullptr): show it as damaged, with loadProblems(); it is kept byte for
 * byte and written back by every save.
 *
 * Two kinds of change, tracked apart:
 * - *structure*: scenarios added, removed, renamed (renameScenario), duplicated or moved,
 *   runs and comparisons added or removed, runs relabelled, the project's name or description. They set
 *   structureModified() (modifiedChanged(true)); a successful save, load() or setProject()
 *   clears it; openRecovery() sets it (the recovered state is not in the project file).
 * - *scenario edits* inside a Document: not tracked here but by the Document's undo stack
 *   in ui/ (its clean state). Every change signal of every Document is relayed as
 *   documentEdited(scenarioId), so the GUI can combine both ("modified" = structure
 *   modified or any undo stack not clean) and start its autosave timer.
 *
 * Signals (STYLE.md #9):
 * - scenarioAdded(id) after a scenario entered the project (its Document exists);
 * - scenarioAboutToBeRemoved(id) while it and its Document still exist, then
 *   scenarioRemoved(id) after both are gone (the Document is deleted in between: drop its
 *   controller and undo stack on the first signal);
 * - scenarioRenamed(id) whenever a scenario's name changes, by renameScenario() or by an
 *   edit of the name in its Document;
 * - scenarioMoved(id, from, to) after a scenario moved in the order;
 * - runAdded / runRemoved / runChanged (label) (scenarioId, runId);
 * - comparisonAdded / comparisonRemoved (comparisonId);
 * - decisionAdded / decisionAboutToBeRemoved / decisionRemoved / decisionChanged (decisionId),
 *   decisionEvidenceChanged (measurements kept, or their alternatives renamed);
 * - planAdded / planAboutToBeRemoved / planRemoved / planChanged (planId); planChanged also
 *   when a renamed scenario renames the start of the plans that named it;
 * - metadataChanged() after the project's name, description or timestamps changed;
 * - projectAboutToBeReset() before every scenario and Document is replaced (load,
 *   setProject, openRecovery: old Documents are deleted after it), projectReset() after;
 * - pathChanged(path), modifiedChanged(structureModified), saved(path) after a save.
 *
 * Files: load() and openRecovery() only read; save() and saveAs() write through
 * ProjectStore::save (a temporary file renamed over the target), never anywhere else, and
 * ProjectStore refuses to replace a damaged, foreign or newer file. A failed load or save
 * leaves this object exactly as it was.
 */
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    /** A new, empty, never-saved project (path() is empty, metadata().created is now). */
    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    // --- The project as a whole -----------------------------------------------------------

    /**
     * The project with every Document's current scenario and layout written back: what
     * save() writes. Unreadable scenarios and runs are in it unchanged.
     */
    Project project() const;
    /** The project file (absolute), empty for a project that was never saved. */
    QString path() const { return m_path; }
    bool isUntitled() const { return m_path.isEmpty(); }
    /** The file or its folder cannot be written (as ProjectStore::load reports it): offer
     *  Save As; save() fails then, and never replaces a read-only file. */
    bool isReadOnly() const { return m_readOnly; }
    /** The project's name, else the file's base name, else "Untitled" (for the title bar). */
    QString displayName() const;

    const ProjectMetadata &metadata() const { return m_project.metadata; }
    /** Sets the project's name and description (a structural change when they differ). */
    void setMetadata(const QString &name, const QString &description);

    /** Structural changes since the last save or load (see the class comment). */
    bool structureModified() const { return m_structureModified; }
    /**
     * The runs added since the last save or load when they are the only structural change
     * (nothing else added, removed, renamed or relabelled); 0 otherwise. The GUI does not
     * count the runs of an untitled project (the examples) as unsaved work.
     */
    int newRunsOnly() const { return m_otherChanges ? 0 : m_newRuns; }

    /**
     * Replaces everything with `project` (e.g. exampleProject() at the first launch, or a
     * new empty Project{}), as if it had been loaded from `path` (empty: never saved).
     * Empty or repeated scenario and run ids get fresh ones. structureModified() becomes
     * false.
     */
    void setProject(const Project &project, const QString &path = {});

    /**
     * Opens a project file (ProjectStore::load). On failure returns false, sets `error` to
     * ProjectStore's message (missing, empty, damaged, foreign, newer version; it says the
     * file was not changed) and leaves this object untouched. On success `warnings` gets
     * the scenarios and runs that could not be read and upgrade notes.
     */
    bool load(const QString &path, QString *error, QStringList *warnings = nullptr);
    /**
     * Writes project() to path(). Fails (with `error`, nothing written) for a never-saved
     * project (use saveAs) and for a read-only one. On success: structureModified() is
     * false, the metadata's `modified` (and `created`, when unset) and `appVersion` are the
     * ones written, the autosave copy is discarded, saved(path) is emitted. The GUI should
     * then mark every undo stack clean.
     */
    bool save(QString *error);
    /**
     * save() to another file, which becomes path() (pathChanged). Refuses to replace a
     * file that is not an ArchSim project or comes from a newer ArchSim. The autosave
     * copies of the old and the new path are discarded.
     */
    bool saveAs(const QString &path, QString *error);

    // --- Scenarios ------------------------------------------------------------------------

    /** Scenario ids in project order. */
    QStringList scenarioIds() const;
    int scenarioCount() const { return int(m_project.scenarios.size()); }
    /** Position of the scenario in the order, -1 when there is none with that id. */
    int indexOf(const QString &scenarioId) const { return m_project.indexOf(scenarioId); }
    bool contains(const QString &scenarioId) const { return indexOf(scenarioId) >= 0; }
    /** The scenario's current name (also of an unreadable one); empty for an unknown id. */
    QString scenarioName(const QString &scenarioId) const;
    /** False for an unknown id and for a scenario whose stored JSON could not be read. */
    bool isReadable(const QString &scenarioId) const;
    /**
     * What reading the scenario reported when it was loaded or imported: for an unreadable
     * scenario why it cannot be read; for a readable one the parser's warnings (the live
     * validation problems are Document::problems()).
     */
    Problems loadProblems(const QString &scenarioId) const;
    /** The scenario's Document; nullptr for an unknown id and for an unreadable scenario. */
    Document *document(const QString &scenarioId) const;
    /** The id of the scenario edited by `document`; empty when it is not one of ours. */
    QString scenarioIdOf(const Document *document) const;
    /** One scenario as project() has it (with its runs); nullopt for an unknown id. */
    std::optional<ProjectScenario> scenario(const QString &scenarioId) const;

    /**
     * Adds a scenario with a new id at `index` (-1 or out of range: at the end). Positions
     * the layout lacks are taken from the components' "ui" fields. Returns the new id.
     */
    QString addScenario(const Scenario &scenario, const Layout &layout = {}, int index = -1);
    /**
     * Puts a whole project scenario (e.g. one removed before, from scenario(): undo of a
     * removal) at `index`. Its id is kept when it is non-empty and unused, else replaced;
     * run ids already used elsewhere are replaced too. Returns the scenario's id.
     */
    QString insertScenario(const ProjectScenario &scenario, int index = -1);
    /** Removes a scenario with its layout and runs; false for an unknown id. */
    bool removeScenario(const QString &scenarioId);
    /**
     * Sets a readable scenario's name (through its Document, so the scenario JSON carries
     * it). False, and no change, for an unknown or unreadable scenario or the same name.
     */
    bool renameScenario(const QString &scenarioId, const QString &name);
    /**
     * Adds a copy of a readable scenario right after it: a new id, the name followed by
     * " (copy)", the same layout, no saved runs (they were made for the original). Returns
     * the new id; empty for an unknown or unreadable scenario.
     */
    QString duplicateScenario(const QString &scenarioId);
    /** Moves a scenario to position `to` (clamped to the list); false when nothing moved. */
    bool moveScenario(const QString &scenarioId, int to);

    // --- Shared workload (docs/project-files.md, "Shared workload") ------------------------
    // A scenario whose workload has "shared": true follows the project's shared workload.
    // Every change of such a workload in its Document (an edit, an undo) becomes the shared
    // workload and is copied into every other scenario that shares it (not an undoable
    // edit of theirs, but a structural change of the project); a scenario that starts to
    // share (its "shared" turned on, or added with it on) takes the shared workload in place
    // of its own, or provides it when there is none yet.

    /** The shared workload; empty while no scenario shares one. */
    const std::optional<Workload> &sharedWorkload() const { return m_project.sharedWorkload; }
    /** The ids of the readable scenarios that share it, in project order. */
    QStringList scenariosSharingWorkload() const;

    // --- Prices (docs/compare.md, "Cost") ----------------------------------------------------

    /** The project's prices; empty: the defaults (a scenario's own "cost" wins over both). */
    const std::optional<CostPrices> &prices() const { return m_project.cost; }
    /** Sets the project's prices (pricesChanged; a structural change when they differ). */
    void setPrices(const std::optional<CostPrices> &prices);
    /**
     * The scenario as it runs in this project: its Document's scenario with the project's
     * prices where it sets none of its own (withProjectPrices). nullopt for an unknown or
     * unreadable scenario.
     */
    std::optional<Scenario> scenarioToRun(const QString &scenarioId) const;

    // --- Lint (docs/lint.md, "Per project") ------------------------------------------------

    const LintSettings &lintSettings() const { return m_project.lint; }
    /** Sets the thresholds and silenced findings (lintSettingsChanged; a structural change). */
    void setLintSettings(const LintSettings &settings);
    /** The scenario's findings under the project's settings; empty for an unknown id. */
    LintReport lint(const QString &scenarioId) const;

    // --- Saved runs -----------------------------------------------------------------------

    /** The scenario's saved runs, oldest first (empty for an unknown id). */
    QList<SavedRun> runs(const QString &scenarioId) const;
    /**
     * Appends a saved run to a scenario (also to an unreadable one). An empty id, or one
     * already used in the project, is replaced by a new one. Returns the run's id; empty
     * when the scenario does not exist.
     */
    QString addRun(const QString &scenarioId, const SavedRun &run);
    /**
     * addRun(scenarioId, savedRunFromResult(result, label)), remembering the scenario as it
     * is now (the scenario that ran) for changesSincePreviousRun().
     */
    QString addRun(const QString &scenarioId,
                   const Sim::RunResult &result,
                   const QString &label = {});
    /**
     * What changed in the scenario from the run before `runId` to `runId` (scenarioChanges());
     * nullopt when the scenario of either run is not known: the scenarios of runs are
     * remembered for the runs made since the project was opened (the file keeps results,
     * not the scenario that produced them). Empty for the first run or no change.
     */
    std::optional<QStringList> changesSincePreviousRun(const QString &scenarioId,
                                                       const QString &runId) const;
    bool removeRun(const QString &scenarioId, const QString &runId);
    /** Sets a run's label; false for unknown ids or the same label. */
    bool renameRun(const QString &scenarioId, const QString &runId, const QString &label);
    /**
     * The saved run's results as engine results (runResultFromJson), so a run reopens
     * without running. nullopt with a sentence in `error` for an unknown scenario or run,
     * results that could not be read when the project was opened, or results JSON that
     * does not read.
     */
    std::optional<Sim::RunResult> runResult(const QString &scenarioId,
                                            const QString &runId,
                                            QString *error) const;

    // --- Saved comparisons -----------------------------------------------------------------

    /** The project's saved comparisons, oldest first. */
    QList<SavedComparison> comparisons() const { return m_project.comparisons; }
    /** The saved comparison with that id; nullopt when there is none. */
    std::optional<SavedComparison> savedComparison(const QString &comparisonId) const;
    /**
     * Appends a saved comparison (comparisonAdded). An empty id, or one already used, is
     * replaced by a new one. Returns the id. Counts as a new run for newRunsOnly().
     */
    QString addComparison(const SavedComparison &comparison);
    /** addComparison() of a finished comparison: a new id, now, comparisonToJson(). */
    QString addComparison(const Comparison &comparison, const QString &label = {});
    /** Removes a saved comparison (comparisonRemoved); false for an unknown id. */
    bool removeComparison(const QString &comparisonId);
    /**
     * The saved comparison as comparisonFromJson reads it, so it reopens without running.
     * nullopt with a sentence in `error` for an unknown id, a row that could not be read
     * when the project was opened, or JSON that does not read as a comparison.
     */
    std::optional<Comparison> comparison(const QString &comparisonId, QString *error) const;

    // --- Decisions (docs/decide.md) ---------------------------------------------------------
    // Each change is a structural change; the GUI's decision window makes every edit
    // undoable by pushing commands that call these with the decision before and after.

    /** The project's decisions, in order. */
    QList<Decision> decisions() const;
    /** The decision with that id; nullopt when there is none. */
    std::optional<Decision> decision(const QString &decisionId) const;
    /** Its position in decisions(); -1 when there is none. */
    int decisionPosition(const QString &decisionId) const;
    /**
     * Inserts a decision at `index` (-1 or out of range: at the end) (decisionAdded). An
     * empty id, or one already used, is replaced by a new one. Returns the id.
     */
    QString addDecision(const Decision &decision, int index = -1);
    /** Removes a decision (decisionAboutToBeRemoved, decisionRemoved); false for an unknown id. */
    bool removeDecision(const QString &decisionId);
    /**
     * Replaces the decision with the id `decision.id` (decisionChanged). False, and no
     * change, for an unknown id or an equal decision.
     */
    bool setDecision(const Decision &decision);
    /**
     * The decision's alternatives as they run in this project (scenarioToRun of the first
     * readable scenario with each name). nullopt, with problems named by JSON path
     * (checkDecisionAlternatives), when fewer than two, repeated or unknown.
     */
    std::optional<std::vector<Scenario>> decisionScenarios(const Decision &decision,
                                                           Problems *problems) const;
    /**
     * Keeps a decision's last measurements in the project (decisionEvidenceChanged); they are
     * saved with it. Not an edit of the decision: no undo step, and an undone edit does not
     * bring older measurements back. False for an unknown decision.
     */
    bool setDecisionEvidence(const QString &decisionId, const SavedDecisionEvidence &saved);
    /** The decision's saved measurements, whether or not they still apply. */
    std::optional<SavedDecisionEvidence> savedDecisionEvidence(const QString &decisionId) const;
    /**
     * The decision's saved measurements when they apply to it as it is now (the same
     * alternatives, simulation settings and scenarios as they run: savedEvidenceApplies).
     */
    std::optional<DecisionEvidence> decisionEvidence(const Decision &decision) const;

    // --- Report settings (docs/report.md) -------------------------------------------------

    /** What the last report exported from this project held; the defaults when none. */
    ReportSettings reportSettings() const;
    /** Remembers the report's settings in the project (saved with it; no undo step). */
    void setReportSettings(const ReportSettings &settings);

    // --- Migration plans (docs/migrate.md) ------------------------------------------------
    // Same shape as decisions: the GUI's plan window pushes undo commands that call these
    // with the plan before and after. A scenario's rename renames plan.start (planChanged).

    /** The project's plans, in order. */
    QList<Plan> plans() const;
    /** The plan with that id; nullopt when there is none. */
    std::optional<Plan> plan(const QString &planId) const;
    /** Its position in plans(); -1 when there is none. */
    int planPosition(const QString &planId) const;
    /**
     * Inserts a plan at `index` (-1 or out of range: at the end) (planAdded). An empty or
     * taken id is replaced by a new one; returns the id.
     */
    QString addPlan(const Plan &plan, int index = -1);
    /** Removes a plan (planAboutToBeRemoved, planRemoved); false for an unknown id. */
    bool removePlan(const QString &planId);
    /**
     * Replaces the plan with the id `plan.id` (planChanged). False, and no change, for an
     * unknown id or an equal plan.
     */
    bool setPlan(const Plan &plan);
    /**
     * The plan's starting scenario as it runs in this project (scenarioToRun of the first
     * readable scenario named plan.start); nullopt when there is none.
     */
    std::optional<Scenario> planStart(const Plan &plan) const;

    // --- Crash recovery (docs/project-files.md, "Crash recovery") -------------------------
    // The GUI calls writeRecovery() on a timer while anything is unsaved, discardRecovery()
    // on a clean close (save() discards by itself), and findRecovery() before opening a
    // project, or at start-up with an empty path for the untitled project.

    /** Where writeRecovery() writes (ProjectStore::recoveryPath(path())); for a never-saved
     *  project QStandardPaths::AppDataLocation + "/recovery/untitled.archsim.recovery". */
    QString recoveryPath() const;
    /** Writes project() atomically as the autosave copy of path(). */
    bool writeRecovery(QString *error) const;
    /** Removes the autosave copies of path(); true when none is left. */
    bool discardRecovery(QString *error = nullptr) const;
    /** The newest autosave copy for `projectPath` (empty: the untitled project), if any. */
    static std::optional<RecoveryInfo> findRecovery(const QString &projectPath);
    /**
     * Opens an autosave copy as the project it was made for: the contents of
     * `recovery.path`, with path() = `recovery.projectPath` (empty for an untitled project)
     * and structureModified() true, since none of it is in the project file yet. The copy
     * stays until the next save. On failure as load().
     */
    bool openRecovery(const RecoveryInfo &recovery,
                      QString *error,
                      QStringList *warnings = nullptr);

    // --- One scenario as a JSON file (the contract format) -------------------------------

    /**
     * Reads a scenario file (ScenarioFile::importFrom) and adds it at `index` with its
     * components' "ui" positions as layout. `problems` gets every problem found. A file
     * that holds no scenario, or one of another format or a newer scenario version, is not
     * added: returns an empty id. A scenario with mistakes is added (fix it in the editor).
     */
    QString importScenario(const QString &fileName, Problems *problems, int index = -1);
    /**
     * Writes a readable scenario, with its canvas positions as "ui" fields, atomically
     * (ScenarioFile::exportTo): on failure an existing file is unchanged.
     */
    bool exportScenario(const QString &scenarioId, const QString &fileName, QString *error) const;

    // --- Imported from Compose or Kubernetes (docs/import.md) -----------------------------

    /**
     * Keeps the rows an import left for review of scenario `scenarioId` (defaults, keys not
     * imported, container lint findings) for this session: they are not saved, and go with
     * the scenario or the project. importReviewChanged(scenarioId) follows.
     */
    void setImportReview(const QString &scenarioId, const QList<ImportReviewItem> &items);
    /** The rows kept by setImportReview(); none for a scenario that was not imported. */
    QList<ImportReviewItem> importReview(const QString &scenarioId) const;

    // --- The first-launch project ----------------------------------------------------------

    /**
     * A project of the built-in examples, given as scenario JSON texts in the order they
     * should appear (ui/'s builtinExamples() order). A text that does not read as a
     * scenario is left out and named in `problems`.
     */
    static Project exampleProject(const QList<QByteArray> &scenarioJson,
                                  QStringList *problems = nullptr);
    /**
     * exampleProject() of the *.json files in `folder` (":/examples" in the application,
     * where ui/ compiles resources/examples in): first those listed in the folder's
     * order.txt, in that order, then the others by file name (the rule of builtinExamples()).
     */
    static Project exampleProject(const QString &folder, QStringList *problems = nullptr);

signals:
    void projectAboutToBeReset();
    void projectReset();
    void pathChanged(const QString &path);
    void metadataChanged();
    void modifiedChanged(bool structureModified);
    void saved(const QString &path);

    void scenarioAdded(const QString &scenarioId);
    void scenarioAboutToBeRemoved(const QString &scenarioId);
    void scenarioRemoved(const QString &scenarioId);
    void scenarioRenamed(const QString &scenarioId);
    void scenarioMoved(const QString &scenarioId, int from, int to);

    void runAdded(const QString &scenarioId, const QString &runId);
    void runRemoved(const QString &scenarioId, const QString &runId);
    void runChanged(const QString &scenarioId, const QString &runId);

    void comparisonAdded(const QString &comparisonId);
    void comparisonRemoved(const QString &comparisonId);

    void decisionAdded(const QString &decisionId);
    void decisionAboutToBeRemoved(const QString &decisionId);
    void decisionRemoved(const QString &decisionId);
    void decisionChanged(const QString &decisionId);
    /** A decision's saved measurements were replaced (setDecisionEvidence) or renamed. */
    void decisionEvidenceChanged(const QString &decisionId);

    void planAdded(const QString &planId);
    void planAboutToBeRemoved(const QString &planId);
    void planRemoved(const QString &planId);
    void planChanged(const QString &planId);

    /** Any change inside the scenario's Document (may come several times for one edit). */
    void documentEdited(const QString &scenarioId);
    /**
     * The shared workload changed (an edit in the scenario `fromScenarioId`), and the other
     * scenarios `updatedIds` that share it took the change.
     */
    void sharedWorkloadChanged(const QString &fromScenarioId, const QStringList &updatedIds);
    void pricesChanged();
    void lintSettingsChanged();
    void importReviewChanged(const QString &scenarioId);

private:
    void resetTo(Project project, const QString &path, bool readOnly, bool modified);
    Document *createDocument(const ProjectScenario &scenario);
    void onHeaderChanged(const QString &scenarioId);
    void onWorkloadChanged(const QString &scenarioId);
    bool saveTo(const QString &path, QString *error);
    void setStructureModified(bool modified);
    bool runIdUsed(const QString &runId) const;

    Project m_project; ///< structure, metadata, runs; readable scenarios live in m_documents
    QHash<QString, Document *> m_documents; ///< scenario id -> its Document (children)
    QString m_path;
    bool m_readOnly = false;
    bool m_structureModified = false;
    QHash<QString, Scenario> m_runScenarios; ///< run id -> the scenario it ran (this session)
    int m_newRuns = 0;                       ///< runs added since the structure was last clean
    bool m_otherChanges = false;             ///< any other structural change since then
    bool m_addingRun = false;
    QSet<QString> m_sharing;  ///< scenarios whose Document shared the workload at last look
    bool m_spreading = false; ///< copying the shared workload into Documents
    /// scenario id -> what its import left to review (this session only)
    QHash<QString, QList<ImportReviewItem>> m_importReview;
};

} // namespace Model
