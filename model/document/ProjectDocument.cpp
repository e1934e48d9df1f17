// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectDocument.h"

#include "ScenarioDiff.h"
#include "ScenarioIo.h"
#include "analysis/Cost.h"
#include "persistence/RunResultJson.h"
#include "persistence/ScenarioFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <utility>

namespace Model {

namespace {

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString absolute(const QString &path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

/** What ProjectStore::load reports as readOnly, for a path we just saved to. */
bool cannotWrite(const QString &path)
{
    const QFileInfo info(path);
    return !info.isWritable() || !QFileInfo(info.absolutePath()).isWritable();
}

/**
 * The same rule ProjectSql applies when it loads a scenario: anything else would be
 * stored as the user sees it but come back as an unreadable scenario on the next load.
 */
bool isProjectScenario(const Scenario &scenario)
{
    return scenario.format == Scenario::formatName()
           && scenario.version == Scenario::kFormatVersion;
}

/** Fresh ids for empty or repeated scenario and run ids (ProjectStore refuses those). */
void makeIdsUnique(Project &project)
{
    QSet<QString> scenarioIds;
    QSet<QString> runIds;
    for (ProjectScenario &s : project.scenarios) {
        if (s.id.isEmpty() || scenarioIds.contains(s.id))
            s.id = newProjectId();
        scenarioIds.insert(s.id);
        for (SavedRun &r : s.runs) {
            if (r.id.isEmpty() || runIds.contains(r.id))
                r.id = newProjectId();
            runIds.insert(r.id);
        }
    }
    QSet<QString> comparisonIds;
    for (SavedComparison &c : project.comparisons) {
        if (c.id.isEmpty() || comparisonIds.contains(c.id))
            c.id = newProjectId();
        comparisonIds.insert(c.id);
    }
    QSet<QString> decisionIds;
    for (Decision &d : project.decisions) {
        if (d.id.isEmpty() || decisionIds.contains(d.id))
            d.id = newProjectId();
        decisionIds.insert(d.id);
    }
    QSet<QString> planIds;
    for (Plan &p : project.plans) {
        if (p.id.isEmpty() || planIds.contains(p.id))
            p.id = newProjectId();
        planIds.insert(p.id);
    }
}

int planIndex(const Project &project, const QString &planId)
{
    for (qsizetype i = 0; i < project.plans.size(); ++i) {
        if (project.plans.at(i).id == planId)
            return int(i);
    }
    return -1;
}

int decisionIndex(const Project &project, const QString &decisionId)
{
    for (qsizetype i = 0; i < project.decisions.size(); ++i) {
        if (project.decisions.at(i).id == decisionId)
            return int(i);
    }
    return -1;
}

int comparisonIndex(const Project &project, const QString &comparisonId)
{
    for (qsizetype i = 0; i < project.comparisons.size(); ++i) {
        if (project.comparisons.at(i).id == comparisonId)
            return int(i);
    }
    return -1;
}

int runIndex(const ProjectScenario &scenario, const QString &runId)
{
    for (qsizetype i = 0; i < scenario.runs.size(); ++i) {
        if (scenario.runs.at(i).id == runId)
            return int(i);
    }
    return -1;
}

struct ExampleText
{
    QString label; ///< how a problem names the example
    QByteArray json;
};

Project examplesFrom(const QList<ExampleText> &examples, QStringList *problems)
{
    Project project;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    project.metadata.name = QStringLiteral("Examples");
    project.metadata.description = QStringLiteral(
        "The examples that come with ArchSim. Save the project under a name "
        "of your own to keep your changes.");
    project.metadata.created = now;
    project.metadata.modified = now;
    project.metadata.appVersion = ProjectStore::applicationVersion();
    for (const ExampleText &example : examples) {
        ScenarioLoad load = parseScenario(example.json);
        if (!load.scenario || !isProjectScenario(*load.scenario)) {
            if (problems) {
                QStringList why;
                for (const Problem &p : std::as_const(load.problems)) {
                    if (p.isError())
                        why << p.toString();
                }
                problems->append(QStringLiteral("The built-in example %1 could not be read: %2")
                                     .arg(example.label,
                                          why.isEmpty() ? QStringLiteral("it is not a scenario")
                                                        : why.join(QStringLiteral("; "))));
            }
            continue;
        }
        ProjectScenario s = ProjectScenario::create(*load.scenario);
        s.problems = load.problems;
        project.scenarios.append(s);
    }
    return project;
}

} // namespace

Layout toDocumentLayout(const ScenarioLayout &layout)
{
    Layout out;
    out.positions.reserve(layout.positions.size());
    for (auto it = layout.positions.cbegin(); it != layout.positions.cend(); ++it)
        out.positions.insert(it.key(), it.value());
    out.zoom = layout.zoom;
    out.center = layout.center;
    return out;
}

ScenarioLayout toScenarioLayout(const Layout &layout)
{
    ScenarioLayout out;
    for (auto it = layout.positions.cbegin(); it != layout.positions.cend(); ++it)
        out.positions.insert(it.key(), it.value());
    out.zoom = layout.zoom;
    out.center = layout.center;
    return out;
}

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent)
{
    m_project.metadata.created = QDateTime::currentDateTimeUtc();
    m_project.metadata.modified = m_project.metadata.created;
    m_project.metadata.appVersion = ProjectStore::applicationVersion();
}

ProjectDocument::~ProjectDocument() = default;

// --- The project as a whole ---------------------------------------------------------------

Project ProjectDocument::project() const
{
    Project p = m_project;
    for (ProjectScenario &s : p.scenarios) {
        if (const Document *d = m_documents.value(s.id)) {
            s.scenario = d->scenario();
            s.layout = toScenarioLayout(d->layout());
        }
    }
    if (m_sharing.isEmpty())
        p.sharedWorkload.reset();
    return p;
}

QString ProjectDocument::displayName() const
{
    if (!m_project.metadata.name.isEmpty())
        return m_project.metadata.name;
    if (!m_path.isEmpty())
        return QFileInfo(m_path).completeBaseName();
    return QStringLiteral("Untitled");
}

void ProjectDocument::setMetadata(const QString &name, const QString &description)
{
    if (m_project.metadata.name == name && m_project.metadata.description == description)
        return;
    m_project.metadata.name = name;
    m_project.metadata.description = description;
    emit metadataChanged();
    setStructureModified(true);
}

void ProjectDocument::setStructureModified(bool modified)
{
    if (!modified) {
        m_newRuns = 0;
        m_otherChanges = false;
    } else if (m_addingRun) {
        ++m_newRuns;
    } else {
        m_otherChanges = true;
    }
    if (m_structureModified == modified)
        return;
    m_structureModified = modified;
    emit modifiedChanged(modified);
}

void ProjectDocument::setProject(const Project &project, const QString &path)
{
    const QString file = absolute(path);
    resetTo(project, file, !file.isEmpty() && QFileInfo::exists(file) && cannotWrite(file), false);
}

void ProjectDocument::resetTo(Project project, const QString &path, bool readOnly, bool modified)
{
    makeIdsUnique(project);
    emit projectAboutToBeReset();
    const QHash<QString, Document *> old = std::exchange(m_documents, {});
    m_runScenarios.clear();
    m_importReview.clear();
    qDeleteAll(old);
    m_project = std::move(project);
    applySharedWorkload(m_project); // a Project made in code may not agree yet
    m_sharing.clear();
    for (const ProjectScenario &s : std::as_const(m_project.scenarios)) {
        if (s.isReadable()) {
            m_documents.insert(s.id, createDocument(s));
            if (sharesWorkload(s.scenario))
                m_sharing.insert(s.id);
        }
    }
    const bool newPath = m_path != path;
    m_path = path;
    m_readOnly = readOnly;
    emit projectReset();
    if (newPath)
        emit pathChanged(m_path);
    setStructureModified(modified);
}

Document *ProjectDocument::createDocument(const ProjectScenario &scenario)
{
    auto *doc = new Document(this);
    doc->setScenario(scenario.scenario, toDocumentLayout(scenario.layout));
    // Connected after setScenario: creating the document is not an edit. Scenario ids
    // never change, so the lambdas may keep theirs.
    const QString id = scenario.id;
    const auto edited = [this, id] { emit documentEdited(id); };
    connect(doc, &Document::componentAdded, this, edited);
    connect(doc, &Document::componentRemoved, this, edited);
    connect(doc, &Document::componentChanged, this, edited);
    connect(doc, &Document::componentRenamed, this, edited);
    connect(doc, &Document::positionChanged, this, edited);
    connect(doc, &Document::workloadChanged, this, edited);
    connect(doc, &Document::simulationChanged, this, edited);
    connect(doc, &Document::faultsChanged, this, edited);
    connect(doc, &Document::headerChanged, this, edited);
    connect(doc, &Document::scenarioReset, this, edited);
    // problemsChanged only ever follows one of the above.
    connect(doc, &Document::headerChanged, this, [this, id] { onHeaderChanged(id); });
    connect(doc, &Document::scenarioReset, this, [this, id] { onHeaderChanged(id); });
    connect(doc, &Document::workloadChanged, this, [this, id] { onWorkloadChanged(id); });
    connect(doc, &Document::scenarioReset, this, [this, id] { onWorkloadChanged(id); });
    return doc;
}

void ProjectDocument::setPrices(const std::optional<CostPrices> &prices)
{
    if (m_project.cost == prices)
        return;
    m_project.cost = prices;
    emit pricesChanged();
    setStructureModified(true);
}

std::optional<Scenario> ProjectDocument::scenarioToRun(const QString &scenarioId) const
{
    const Document *doc = m_documents.value(scenarioId);
    if (!doc)
        return std::nullopt;
    return withProjectPrices(doc->scenario(), m_project.cost);
}

void ProjectDocument::setLintSettings(const LintSettings &settings)
{
    if (m_project.lint == settings)
        return;
    m_project.lint = settings;
    emit lintSettingsChanged();
    setStructureModified(true);
}

LintReport ProjectDocument::lint(const QString &scenarioId) const
{
    const Document *doc = m_documents.value(scenarioId);
    if (!doc)
        return {};
    return lintInProject(doc->scenario(), scenarioId, m_project.lint);
}

QStringList ProjectDocument::scenariosSharingWorkload() const
{
    QStringList ids;
    for (const ProjectScenario &s : m_project.scenarios) {
        if (m_sharing.contains(s.id))
            ids.append(s.id);
    }
    return ids;
}

void ProjectDocument::onWorkloadChanged(const QString &scenarioId)
{
    Document *doc = m_documents.value(scenarioId);
    if (m_spreading || !doc)
        return;
    const bool shares = sharesWorkload(doc->scenario());
    const bool shared = m_sharing.contains(scenarioId);
    if (!shares) {
        // it stopped sharing and keeps the workload as its own
        m_sharing.remove(scenarioId);
        return;
    }
    m_sharing.insert(scenarioId);
    const Workload own = sharedPart(doc->scenario().workload);
    if (!shared && m_project.sharedWorkload && m_sharing.size() > 1) {
        // it starts to share: it takes the shared workload
        if (own == *m_project.sharedWorkload)
            return;
        m_spreading = true;
        doc->setWorkload(withSharedPart(doc->scenario().workload, *m_project.sharedWorkload));
        m_spreading = false;
        setStructureModified(true);
        emit sharedWorkloadChanged(scenarioId, {});
        return;
    }
    // the first to share provides it; an edit of a sharing one changes it for all
    if (m_project.sharedWorkload && own == *m_project.sharedWorkload)
        return;
    m_project.sharedWorkload = own;
    QStringList updated;
    m_spreading = true;
    for (const QString &id : scenariosSharingWorkload()) {
        Document *other = m_documents.value(id);
        if (id == scenarioId || !other || sharedPart(other->scenario().workload) == own)
            continue;
        other->setWorkload(withSharedPart(other->scenario().workload, own));
        updated.append(id);
    }
    m_spreading = false;
    if (!updated.isEmpty())
        setStructureModified(true);
    emit sharedWorkloadChanged(scenarioId, updated);
}

void ProjectDocument::onHeaderChanged(const QString &scenarioId)
{
    ProjectScenario *s = m_project.scenario(scenarioId);
    const Document *doc = m_documents.value(scenarioId);
    if (!s || !doc || s->scenario.name == doc->scenario().name)
        return;
    // Kept in step so that the name is at hand without the document (and for project()).
    const QString oldName = s->scenario.name;
    s->scenario.name = doc->scenario().name;
    emit scenarioRenamed(scenarioId);
    // Plans name their start by the scenario's name: they follow the rename.
    for (Plan &p : m_project.plans) {
        if (p.start == oldName) {
            p.start = s->scenario.name;
            emit planChanged(p.id);
        }
    }
    // So do decisions, their scores set by hand and their saved measurements. (Undoing the
    // rename renames back, so the decisions follow that too.)
    const QString newName = s->scenario.name;
    for (Decision &d : m_project.decisions) {
        if (!d.alternatives.contains(oldName))
            continue;
        for (QString &a : d.alternatives) {
            if (a == oldName)
                a = newName;
        }
        for (ScoreOverride &o : d.overrides) {
            if (o.alternative == oldName)
                o.alternative = newName;
        }
        emit decisionChanged(d.id);
    }
    for (auto it = m_project.decisionEvidence.begin(); it != m_project.decisionEvidence.end();
         ++it) {
        if (it->alternatives.contains(oldName)) {
            renameInSavedEvidence(*it, oldName, newName);
            emit decisionEvidenceChanged(it.key());
        }
    }
}

bool ProjectDocument::load(const QString &path, QString *error, QStringList *warnings)
{
    ProjectLoad load = ProjectStore::load(path);
    if (!load.ok()) {
        if (error)
            *error = load.error;
        return false;
    }
    if (warnings)
        *warnings = load.warnings;
    resetTo(std::move(*load.project), absolute(path), load.readOnly, false);
    return true;
}

bool ProjectDocument::save(QString *error)
{
    if (m_path.isEmpty()) {
        if (error)
            *error = QStringLiteral("This project has not been saved yet: choose a file for it "
                                    "with Save As.");
        return false;
    }
    // ProjectStore would replace a read-only file whose folder is writable (a rename needs
    // only the folder): the user made it read-only, so only Save As may do that.
    const QFileInfo info(m_path);
    if (info.exists() && !info.isWritable()) {
        m_readOnly = true;
        if (error)
            *error = QStringLiteral("Cannot save '%1': the file is read-only. Use Save As to "
                                    "keep your changes in another file. The file on disk was "
                                    "not changed.")
                         .arg(shown(m_path));
        return false;
    }
    return saveTo(m_path, error);
}

bool ProjectDocument::saveAs(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        if (error)
            *error = QStringLiteral("Choose a file name to save the project as.");
        return false;
    }
    return saveTo(absolute(path), error);
}

bool ProjectDocument::saveTo(const QString &path, QString *error)
{
    Project p = project();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!p.metadata.created.isValid())
        p.metadata.created = now;
    p.metadata.modified = now;
    p.metadata.appVersion = ProjectStore::applicationVersion();
    if (!ProjectStore::save(p, path, error))
        return false;

    // What was written is now the state on disk.
    const QString oldPath = m_path;
    m_project.metadata = p.metadata;
    m_path = path;
    m_readOnly = cannotWrite(path);
    // This session's autosave copies are older than the file now. (A failure to remove
    // one is harmless: the next autosave replaces it, findRecovery says it is older.)
    ProjectStore::discardRecovery(oldPath);
    if (oldPath != path)
        ProjectStore::discardRecovery(path);
    emit metadataChanged();
    if (oldPath != path)
        emit pathChanged(m_path);
    setStructureModified(false);
    emit saved(m_path);
    return true;
}

// --- Scenarios -------------------------------------------------------------------------------

QStringList ProjectDocument::scenarioIds() const
{
    QStringList ids;
    ids.reserve(m_project.scenarios.size());
    for (const ProjectScenario &s : m_project.scenarios)
        ids.append(s.id);
    return ids;
}

QString ProjectDocument::scenarioName(const QString &scenarioId) const
{
    if (const Document *d = m_documents.value(scenarioId))
        return d->scenario().name;
    const ProjectScenario *s = m_project.scenario(scenarioId);
    return s ? s->scenario.name : QString();
}

bool ProjectDocument::isReadable(const QString &scenarioId) const
{
    const ProjectScenario *s = m_project.scenario(scenarioId);
    return s && s->isReadable();
}

Problems ProjectDocument::loadProblems(const QString &scenarioId) const
{
    const ProjectScenario *s = m_project.scenario(scenarioId);
    return s ? s->problems : Problems();
}

Document *ProjectDocument::document(const QString &scenarioId) const
{
    return m_documents.value(scenarioId);
}

QString ProjectDocument::scenarioIdOf(const Document *document) const
{
    if (!document)
        return {};
    for (auto it = m_documents.cbegin(); it != m_documents.cend(); ++it) {
        if (it.value() == document)
            return it.key();
    }
    return {};
}

std::optional<ProjectScenario> ProjectDocument::scenario(const QString &scenarioId) const
{
    const ProjectScenario *s = m_project.scenario(scenarioId);
    if (!s)
        return std::nullopt;
    ProjectScenario out = *s;
    if (const Document *d = m_documents.value(scenarioId)) {
        out.scenario = d->scenario();
        out.layout = toScenarioLayout(d->layout());
    }
    return out;
}

QString ProjectDocument::addScenario(const Scenario &scenario, const Layout &layout, int index)
{
    ProjectScenario s;
    s.scenario = scenario;
    s.layout = toScenarioLayout(layout); // the Document adds the "ui" positions it lacks
    return insertScenario(s, index);
}

QString ProjectDocument::insertScenario(const ProjectScenario &scenario, int index)
{
    ProjectScenario s = scenario;
    if (s.id.isEmpty() || contains(s.id))
        s.id = newProjectId();
    QSet<QString> taken;
    for (SavedRun &r : s.runs) {
        if (r.id.isEmpty() || runIdUsed(r.id) || taken.contains(r.id))
            r.id = newProjectId();
        taken.insert(r.id);
    }
    if (index < 0 || index > scenarioCount())
        index = scenarioCount();
    m_project.scenarios.insert(index, s);
    if (s.isReadable()) {
        Document *doc = createDocument(s);
        m_documents.insert(s.id, doc);
        // The Document may have taken "ui" positions into its layout: keep the entry alike.
        m_project.scenarios[index].layout = toScenarioLayout(doc->layout());
    }
    emit scenarioAdded(s.id);
    onWorkloadChanged(s.id); // one that shares takes (or provides) the shared workload
    setStructureModified(true);
    return s.id;
}

void ProjectDocument::setImportReview(const QString &scenarioId,
                                      const QList<ImportReviewItem> &items)
{
    if (!contains(scenarioId))
        return;
    m_importReview.insert(scenarioId, items);
    emit importReviewChanged(scenarioId);
}

QList<ImportReviewItem> ProjectDocument::importReview(const QString &scenarioId) const
{
    return m_importReview.value(scenarioId);
}

bool ProjectDocument::removeScenario(const QString &scenarioId)
{
    if (!contains(scenarioId))
        return false;
    emit scenarioAboutToBeRemoved(scenarioId);
    Document *doc = m_documents.take(scenarioId);
    m_sharing.remove(scenarioId);
    m_importReview.remove(scenarioId);
    const int i = indexOf(scenarioId);
    if (i >= 0)
        m_project.scenarios.removeAt(i);
    delete doc;
    emit scenarioRemoved(scenarioId);
    setStructureModified(true);
    return true;
}

bool ProjectDocument::renameScenario(const QString &scenarioId, const QString &name)
{
    Document *doc = m_documents.value(scenarioId);
    if (!doc || doc->scenario().name == name)
        return false;
    doc->setHeader(name, doc->scenario().description); // scenarioRenamed via onHeaderChanged
    setStructureModified(true);
    return true;
}

QString ProjectDocument::duplicateScenario(const QString &scenarioId)
{
    const Document *doc = m_documents.value(scenarioId);
    if (!doc)
        return {};
    ProjectScenario copy = *scenario(scenarioId);
    copy.id.clear();
    copy.runs.clear();
    copy.scenario.name = QStringLiteral("%1 (copy)").arg(doc->scenario().name);
    return insertScenario(copy, indexOf(scenarioId) + 1);
}

bool ProjectDocument::moveScenario(const QString &scenarioId, int to)
{
    const int from = indexOf(scenarioId);
    if (from < 0)
        return false;
    to = std::clamp(to, 0, scenarioCount() - 1);
    if (to == from)
        return false;
    m_project.scenarios.move(from, to);
    emit scenarioMoved(scenarioId, from, to);
    setStructureModified(true);
    return true;
}

// --- Saved runs ----------------------------------------------------------------------------

QList<SavedRun> ProjectDocument::runs(const QString &scenarioId) const
{
    const ProjectScenario *s = m_project.scenario(scenarioId);
    return s ? s->runs : QList<SavedRun>();
}

bool ProjectDocument::runIdUsed(const QString &runId) const
{
    for (const ProjectScenario &s : m_project.scenarios) {
        if (runIndex(s, runId) >= 0)
            return true;
    }
    return false;
}

QString ProjectDocument::addRun(const QString &scenarioId, const SavedRun &run)
{
    ProjectScenario *s = m_project.scenario(scenarioId);
    if (!s)
        return {};
    SavedRun r = run;
    if (r.id.isEmpty() || runIdUsed(r.id))
        r.id = newProjectId();
    s->runs.append(r);
    emit runAdded(scenarioId, r.id);
    m_addingRun = true;
    setStructureModified(true);
    m_addingRun = false;
    return r.id;
}

QString ProjectDocument::addRun(const QString &scenarioId,
                                const Sim::RunResult &result,
                                const QString &label)
{
    if (!contains(scenarioId))
        return {};
    SavedRun run = savedRunFromResult(result, label);
    if (run.id.isEmpty() || runIdUsed(run.id))
        run.id = newProjectId();
    // before runAdded, so that views see what changed since the previous run
    if (const Document *d = document(scenarioId))
        m_runScenarios.insert(run.id, d->scenario());
    return addRun(scenarioId, run);
}

std::optional<QStringList> ProjectDocument::changesSincePreviousRun(const QString &scenarioId,
                                                                    const QString &runId) const
{
    const ProjectScenario *s = m_project.scenario(scenarioId);
    const int i = s ? runIndex(*s, runId) : -1;
    if (i < 0 || !m_runScenarios.contains(runId))
        return std::nullopt;
    if (i == 0)
        return QStringList();
    const auto previous = m_runScenarios.constFind(s->runs.at(i - 1).id);
    if (previous == m_runScenarios.cend())
        return std::nullopt;
    return scenarioChanges(*previous, m_runScenarios.value(runId));
}

bool ProjectDocument::removeRun(const QString &scenarioId, const QString &runId)
{
    ProjectScenario *s = m_project.scenario(scenarioId);
    const int i = s ? runIndex(*s, runId) : -1;
    if (i < 0)
        return false;
    s->runs.removeAt(i);
    m_runScenarios.remove(runId);
    emit runRemoved(scenarioId, runId);
    setStructureModified(true);
    return true;
}

bool ProjectDocument::renameRun(const QString &scenarioId,
                                const QString &runId,
                                const QString &label)
{
    ProjectScenario *s = m_project.scenario(scenarioId);
    const int i = s ? runIndex(*s, runId) : -1;
    if (i < 0 || s->runs.at(i).label == label)
        return false;
    s->runs[i].label = label;
    emit runChanged(scenarioId, runId);
    setStructureModified(true);
    return true;
}

std::optional<Sim::RunResult> ProjectDocument::runResult(const QString &scenarioId,
                                                         const QString &runId,
                                                         QString *error) const
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const ProjectScenario *s = m_project.scenario(scenarioId);
    if (!s)
        return fail(
            QStringLiteral("This project has no scenario with the id '%1'.").arg(scenarioId));
    const int i = runIndex(*s, runId);
    if (i < 0)
        return fail(QStringLiteral("The scenario '%1' has no saved run with the id '%2'.")
                        .arg(scenarioName(scenarioId), runId));
    const SavedRun &run = s->runs.at(i);
    if (run.unreadableResults)
        return fail(QStringLiteral("The results of this saved run could not be read when the "
                                   "project was opened (the stored text is damaged). They are "
                                   "kept unchanged in the file; run the scenario again for new "
                                   "results."));
    QString why;
    Sim::RunResult result = runResultFromJson(run.results, &why);
    if (!why.isEmpty())
        return fail(QStringLiteral("The results of this saved run cannot be read: %1").arg(why));
    return result;
}

// --- Saved comparisons -------------------------------------------------------------------

std::optional<SavedComparison> ProjectDocument::savedComparison(const QString &comparisonId) const
{
    const int i = comparisonIndex(m_project, comparisonId);
    if (i < 0)
        return std::nullopt;
    return m_project.comparisons.at(i);
}

QString ProjectDocument::addComparison(const SavedComparison &comparison)
{
    SavedComparison c = comparison;
    if (c.id.isEmpty() || comparisonIndex(m_project, c.id) >= 0)
        c.id = newProjectId();
    m_project.comparisons.append(c);
    emit comparisonAdded(c.id);
    // like a run: the result of pressing a button, not an edit of the project
    m_addingRun = true;
    setStructureModified(true);
    m_addingRun = false;
    return c.id;
}

QString ProjectDocument::addComparison(const Comparison &comparison, const QString &label)
{
    SavedComparison c;
    c.id = newProjectId();
    c.label = label;
    c.timestamp = QDateTime::currentDateTimeUtc();
    c.comparison = comparisonToJson(comparison);
    return addComparison(c);
}

bool ProjectDocument::removeComparison(const QString &comparisonId)
{
    const int i = comparisonIndex(m_project, comparisonId);
    if (i < 0)
        return false;
    m_project.comparisons.removeAt(i);
    emit comparisonRemoved(comparisonId);
    setStructureModified(true);
    return true;
}

std::optional<Comparison> ProjectDocument::comparison(const QString &comparisonId,
                                                      QString *error) const
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const int i = comparisonIndex(m_project, comparisonId);
    if (i < 0)
        return fail(QStringLiteral("This project has no saved comparison with the id '%1'.")
                        .arg(comparisonId));
    const SavedComparison &saved = m_project.comparisons.at(i);
    if (saved.unreadableJson)
        return fail(QStringLiteral("This saved comparison could not be read when the project was "
                                   "opened (the stored text is damaged). It is kept unchanged in "
                                   "the file; compare the scenarios again for new figures."));
    QString why;
    std::optional<Comparison> c = comparisonFromJson(saved.comparison, &why);
    if (!c)
        return fail(QStringLiteral("This saved comparison cannot be read: %1").arg(why));
    return c;
}

QList<Decision> ProjectDocument::decisions() const
{
    return m_project.decisions;
}

std::optional<Decision> ProjectDocument::decision(const QString &decisionId) const
{
    const int i = decisionIndex(m_project, decisionId);
    if (i < 0)
        return std::nullopt;
    return m_project.decisions.at(i);
}

QString ProjectDocument::addDecision(const Decision &decision, int index)
{
    Decision d = decision;
    if (d.id.isEmpty() || decisionIndex(m_project, d.id) >= 0)
        d.id = newProjectId();
    if (index < 0 || index > m_project.decisions.size())
        index = int(m_project.decisions.size());
    m_project.decisions.insert(index, d);
    emit decisionAdded(d.id);
    setStructureModified(true);
    return d.id;
}

bool ProjectDocument::removeDecision(const QString &decisionId)
{
    const int i = decisionIndex(m_project, decisionId);
    if (i < 0)
        return false;
    emit decisionAboutToBeRemoved(decisionId);
    m_project.decisions.removeAt(i);
    emit decisionRemoved(decisionId);
    setStructureModified(true);
    return true;
}

bool ProjectDocument::setDecision(const Decision &decision)
{
    const int i = decisionIndex(m_project, decision.id);
    if (i < 0 || m_project.decisions.at(i) == decision)
        return false;
    m_project.decisions[i] = decision;
    emit decisionChanged(decision.id);
    setStructureModified(true);
    return true;
}

int ProjectDocument::decisionPosition(const QString &decisionId) const
{
    return decisionIndex(m_project, decisionId);
}

std::optional<std::vector<Scenario>> ProjectDocument::decisionScenarios(const Decision &decision,
                                                                        Problems *problems) const
{
    QStringList names;
    for (const ProjectScenario &s : m_project.scenarios) {
        if (s.isReadable())
            names.append(scenarioName(s.id));
    }
    Problems found = checkDecisionAlternatives(decision, names);
    std::vector<Scenario> out;
    if (found.isEmpty()) {
        for (const QString &name : decision.alternatives) {
            for (const ProjectScenario &s : m_project.scenarios) {
                if (s.isReadable() && scenarioName(s.id) == name) {
                    out.push_back(*scenarioToRun(s.id));
                    break;
                }
            }
        }
    }
    if (problems)
        *problems += found;
    if (!found.isEmpty())
        return std::nullopt;
    return out;
}

ReportSettings ProjectDocument::reportSettings() const
{
    return m_project.report.value_or(ReportSettings::defaults());
}

void ProjectDocument::setReportSettings(const ReportSettings &settings)
{
    if (m_project.report == settings)
        return;
    m_project.report = settings;
    setStructureModified(true);
}

bool ProjectDocument::setDecisionEvidence(const QString &decisionId,
                                          const SavedDecisionEvidence &saved)
{
    if (decisionIndex(m_project, decisionId) < 0)
        return false;
    m_project.decisionEvidence.insert(decisionId, saved);
    m_project.unreadableDecisionEvidence.remove(decisionId);
    emit decisionEvidenceChanged(decisionId);
    setStructureModified(true);
    return true;
}

std::optional<SavedDecisionEvidence> ProjectDocument::savedDecisionEvidence(
    const QString &decisionId) const
{
    const auto it = m_project.decisionEvidence.constFind(decisionId);
    if (it == m_project.decisionEvidence.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<DecisionEvidence> ProjectDocument::decisionEvidence(const Decision &decision) const
{
    const auto it = m_project.decisionEvidence.constFind(decision.id);
    if (it == m_project.decisionEvidence.constEnd())
        return std::nullopt;
    const std::optional<std::vector<Scenario>> scenarios = decisionScenarios(decision, nullptr);
    if (!scenarios || !savedEvidenceApplies(*it, decision, *scenarios))
        return std::nullopt;
    return it->evidence;
}

QList<Plan> ProjectDocument::plans() const
{
    return m_project.plans;
}

std::optional<Plan> ProjectDocument::plan(const QString &planId) const
{
    const int i = planIndex(m_project, planId);
    if (i < 0)
        return std::nullopt;
    return m_project.plans.at(i);
}

int ProjectDocument::planPosition(const QString &planId) const
{
    return planIndex(m_project, planId);
}

QString ProjectDocument::addPlan(const Plan &plan, int index)
{
    Plan p = plan;
    if (p.id.isEmpty() || planIndex(m_project, p.id) >= 0)
        p.id = newProjectId();
    if (index < 0 || index > m_project.plans.size())
        index = int(m_project.plans.size());
    m_project.plans.insert(index, p);
    emit planAdded(p.id);
    setStructureModified(true);
    return p.id;
}

bool ProjectDocument::removePlan(const QString &planId)
{
    const int i = planIndex(m_project, planId);
    if (i < 0)
        return false;
    emit planAboutToBeRemoved(planId);
    m_project.plans.removeAt(i);
    emit planRemoved(planId);
    setStructureModified(true);
    return true;
}

bool ProjectDocument::setPlan(const Plan &plan)
{
    const int i = planIndex(m_project, plan.id);
    if (i < 0 || m_project.plans.at(i) == plan)
        return false;
    m_project.plans[i] = plan;
    emit planChanged(plan.id);
    setStructureModified(true);
    return true;
}

std::optional<Scenario> ProjectDocument::planStart(const Plan &plan) const
{
    for (const ProjectScenario &s : m_project.scenarios) {
        if (s.isReadable() && scenarioName(s.id) == plan.start)
            return scenarioToRun(s.id);
    }
    return std::nullopt;
}

// --- Crash recovery ----------------------------------------------------------------------

QString ProjectDocument::recoveryPath() const
{
    return ProjectStore::recoveryPath(m_path);
}

bool ProjectDocument::writeRecovery(QString *error) const
{
    return ProjectStore::writeRecovery(project(), m_path, error);
}

bool ProjectDocument::discardRecovery(QString *error) const
{
    return ProjectStore::discardRecovery(m_path, error);
}

std::optional<RecoveryInfo> ProjectDocument::findRecovery(const QString &projectPath)
{
    return ProjectStore::findRecovery(absolute(projectPath));
}

bool ProjectDocument::openRecovery(const RecoveryInfo &recovery,
                                   QString *error,
                                   QStringList *warnings)
{
    ProjectLoad load = ProjectStore::load(recovery.path);
    if (!load.ok()) {
        if (error)
            *error = load.error;
        return false;
    }
    if (warnings)
        *warnings = load.warnings;
    const QString file = absolute(recovery.projectPath);
    const bool readOnly = !file.isEmpty() && QFileInfo::exists(file) && cannotWrite(file);
    resetTo(std::move(*load.project), file, readOnly, true);
    return true;
}

// --- One scenario as a JSON file ------------------------------------------------------------

QString ProjectDocument::importScenario(const QString &fileName, Problems *problems, int index)
{
    ScenarioLoad load = ScenarioFile::importFrom(fileName);
    if (!load.scenario || !isProjectScenario(*load.scenario)) {
        if (!hasErrors(load.problems)) {
            Problem p;
            p.message = QStringLiteral("'%1' is not an ArchSim scenario of format version %2.")
                            .arg(shown(fileName))
                            .arg(Scenario::kFormatVersion);
            load.problems.prepend(p);
        }
        if (problems)
            *problems = load.problems;
        return {};
    }
    if (problems)
        *problems = load.problems;
    ProjectScenario s = ProjectScenario::create(*load.scenario);
    s.problems = load.problems;
    return insertScenario(s, index);
}

bool ProjectDocument::exportScenario(const QString &scenarioId,
                                     const QString &fileName,
                                     QString *error) const
{
    const Document *doc = m_documents.value(scenarioId);
    if (!doc) {
        if (error)
            *error = contains(scenarioId)
                         ? QStringLiteral("The scenario '%1' could not be read when the project "
                                          "was opened, so it cannot be exported.")
                               .arg(scenarioName(scenarioId))
                         : QStringLiteral("This project has no scenario with the id '%1'.")
                               .arg(scenarioId);
        return false;
    }
    const ScenarioLayout layout = toScenarioLayout(doc->layout());
    return ScenarioFile::exportTo(doc->scenario(), fileName, error, &layout);
}

// --- The first-launch project ---------------------------------------------------------------

Project ProjectDocument::exampleProject(const QList<QByteArray> &scenarioJson,
                                        QStringList *problems)
{
    QList<ExampleText> examples;
    for (qsizetype i = 0; i < scenarioJson.size(); ++i)
        examples.append({QString::number(i + 1), scenarioJson.at(i)});
    return examplesFrom(examples, problems);
}

Project ProjectDocument::exampleProject(const QString &folder, QStringList *problems)
{
    const QDir dir(folder);
    QStringList order;
    QFile orderFile(dir.filePath(QStringLiteral("order.txt")));
    if (orderFile.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!orderFile.atEnd()) {
            const QString line = QString::fromUtf8(orderFile.readLine()).trimmed();
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                order << line;
        }
    }
    QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    std::stable_sort(files.begin(), files.end(), [&order](const QString &a, const QString &b) {
        const qsizetype ia = order.indexOf(a);
        const qsizetype ib = order.indexOf(b);
        return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
    });

    QList<ExampleText> examples;
    for (const QString &name : std::as_const(files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (problems)
                problems->append(QStringLiteral("The built-in example %1 could not be read: %2")
                                     .arg(name, file.errorString()));
            continue;
        }
        examples.append({name, file.readAll()});
    }
    Project project = examplesFrom(examples, problems);
    // the example decisions: decisions/*.json, each one decision's JSON (docs/decide.md)
    const QDir decisions(dir.filePath(QStringLiteral("decisions")));
    for (const QString &name :
         decisions.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(decisions.filePath(name));
        Problems found;
        std::optional<Decision> d;
        if (file.open(QIODevice::ReadOnly))
            d = decisionFromJson(QJsonDocument::fromJson(file.readAll()).object(),
                                 QStringLiteral("$"),
                                 &found);
        if (!d) {
            if (problems)
                problems->append(
                    QStringLiteral("The built-in decision %1 could not be read: %2")
                        .arg(name,
                             found.isEmpty() ? file.errorString() : found.constFirst().toString()));
            continue;
        }
        d->id = newProjectId();
        project.decisions.append(*d);
    }
    // the example migration plans: plans/*.json, plan files (docs/migrate.md) whose start is
    // one of the examples; in the project they name it by its scenario name
    const QDir plans(dir.filePath(QStringLiteral("plans")));
    for (const QString &name :
         plans.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(plans.filePath(name));
        Problems found;
        std::optional<Plan> p;
        std::optional<Scenario> start;
        if (file.open(QIODevice::ReadOnly))
            p = parsePlan(file.readAll(), &found);
        if (p)
            start = planStartFromFile(*p, plans.filePath(name), &found);
        if (!p || !start || !project.scenarioNamed(start->name)) {
            if (problems)
                problems->append(
                    QStringLiteral("The built-in plan %1 could not be read: %2")
                        .arg(name,
                             found.isEmpty() ? file.errorString() : found.constFirst().toString()));
            continue;
        }
        p->id = newProjectId();
        p->start = start->name;
        p->startScenario.reset();
        project.plans.append(*p);
    }
    return project;
}

} // namespace Model
