// SPDX-License-Identifier: GPL-3.0-or-later
// The one place that knows how a Project maps onto the tables of ProjectSchema.
#include "ProjectSql.h"

#include "ProjectSchema.h"
#include "ProjectStore.h"
#include "ScenarioIo.h"
#include "SqliteConnection.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace Model {

namespace {

// project_meta keys
const char kName[] = "name";
const char kDescription[] = "description";
const char kCreated[] = "created_utc";
const char kModified[] = "modified_utc";
const char kAppVersion[] = "app_version";
const char kSharedWorkload[] = "shared_workload"; // the workload JSON, when scenarios share one
const char kCost[] = "cost";                      // the project's prices JSON, when it sets any
const char kLint[] = "lint"; // the lint's thresholds and silenced findings, when not the defaults
const char kDecisions[] = "decisions"; // the decisions' JSON list, when there are any
const char kDecisionsDamaged[] = "decisions_damaged"; // a stored list that could not be read
const char kPlans[] = "plans";                // the migration plans' JSON list (docs/migrate.md)
const char kPlansDamaged[] = "plans_damaged"; // a stored list that could not be read
// the report's settings, when File > Export Report… set them (docs/report.md)
const char kReport[] = "report";
// the decisions' last measurements, an object by decision id (docs/decide.md)
const char kDecisionEvidence[] = "decision_evidence";

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFromText(const QString &s)
{
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

/**
 * SQLite stores NaN as NULL, which the NOT NULL columns refuse. A canvas coordinate that
 * is not finite is a bug elsewhere; the save must still succeed, so it becomes `fallback`.
 */
double finite(double v, double fallback)
{
    return std::isfinite(v) ? v : fallback;
}

/** A value to bind. A null QString would be stored as NULL, which the NOT NULL columns refuse. */
QVariant bindable(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

template<typename T>
QVariant bindable(const T &v)
{
    return QVariant(v);
}

/** A prepared statement that reports its own error. */
class Statement
{
public:
    Statement(SqliteConnection &connection, const QString &sql)
        : m_query(connection.database())
    {
        m_ok = m_query.prepare(sql);
    }

    template<typename... Values>
    bool run(const Values &...values)
    {
        if (!m_ok)
            return false;
        int i = 0;
        (m_query.bindValue(i++, bindable(values)), ...);
        return m_query.exec();
    }

    QString error() const { return SqliteConnection::describe(m_query.lastError()); }

private:
    QSqlQuery m_query;
    bool m_ok = false;
};

/** Runs `sql` and calls `row` for every result row; false on an SQL error. */
template<typename Row>
bool select(SqliteConnection &connection, const QString &sql, QString *error, Row row)
{
    QSqlQuery q(connection.database());
    q.setForwardOnly(true);
    if (!q.exec(sql)) {
        *error = SqliteConnection::describe(q.lastError());
        return false;
    }
    while (q.next())
        row(q);
    if (q.lastError().isValid()) {
        *error = SqliteConnection::describe(q.lastError());
        return false;
    }
    return true;
}

QString listProblems(const Problems &problems)
{
    QStringList lines;
    for (const Problem &p : problems) {
        if (p.isError())
            lines.append(p.toString());
        if (lines.size() == 3)
            break;
    }
    const auto errors = std::count_if(problems.cbegin(), problems.cend(), [](const Problem &p) {
        return p.isError();
    });
    if (errors > lines.size())
        lines.append(QStringLiteral("and %1 more").arg(errors - lines.size()));
    return lines.join(QStringLiteral("; "));
}

/** Whether the stored text can be edited as a Scenario and written back without loss. */
bool isReadable(const ScenarioLoad &load)
{
    return load.scenario && load.scenario->format == Scenario::formatName()
           && load.scenario->version == Scenario::kFormatVersion;
}

bool checkIds(const Project &project, QString *error)
{
    QSet<QString> scenarioIds;
    QSet<QString> runIds;
    for (const ProjectScenario &s : project.scenarios) {
        if (s.id.isEmpty()) {
            *error = QStringLiteral("the scenario '%1' has no id").arg(s.scenario.name);
            return false;
        }
        if (scenarioIds.contains(s.id)) {
            *error = QStringLiteral("two scenarios have the same id '%1'").arg(s.id);
            return false;
        }
        scenarioIds.insert(s.id);
        for (const SavedRun &r : s.runs) {
            if (r.id.isEmpty()) {
                *error = QStringLiteral("a saved run of '%1' has no id").arg(s.scenario.name);
                return false;
            }
            if (runIds.contains(r.id)) {
                *error = QStringLiteral("two saved runs have the same id '%1'").arg(r.id);
                return false;
            }
            runIds.insert(r.id);
        }
    }
    QSet<QString> comparisonIds;
    for (const SavedComparison &c : project.comparisons) {
        if (c.id.isEmpty()) {
            *error = QStringLiteral("a saved comparison has no id");
            return false;
        }
        if (comparisonIds.contains(c.id)) {
            *error = QStringLiteral("two saved comparisons have the same id '%1'").arg(c.id);
            return false;
        }
        comparisonIds.insert(c.id);
    }
    return true;
}

/** A JSON list of project_meta (decisions, plans): the readable entries, then those kept. */
template<typename T, typename ToJson>
void writeList(QMap<QString, QString> &meta,
               const char *key,
               const char *damagedKey,
               const QList<T> &items,
               const QJsonArray &unreadable,
               const std::optional<QByteArray> &unreadableText,
               const ToJson &toJson)
{
    if (!items.isEmpty() || !unreadable.isEmpty()) {
        QJsonArray list;
        for (const T &item : items)
            list.append(toJson(item));
        for (const QJsonValue &v : unreadable)
            list.append(v);
        meta.insert(QLatin1String(key),
                    QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
        if (unreadableText)
            meta.insert(QLatin1String(damagedKey), QString::fromUtf8(*unreadableText));
    } else if (unreadableText) {
        meta.insert(QLatin1String(key), QString::fromUtf8(*unreadableText));
    }
}

bool writeRows(SqliteConnection &c,
               const Project &project,
               const ProjectSql::Meta &extraMeta,
               QString *error)
{
    ProjectSql::Meta meta = extraMeta;
    meta.insert(QLatin1String(kName), project.metadata.name);
    meta.insert(QLatin1String(kDescription), project.metadata.description);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    meta.insert(QLatin1String(kCreated),
                timeText(project.metadata.created.isValid() ? project.metadata.created : now));
    meta.insert(QLatin1String(kModified),
                timeText(project.metadata.modified.isValid() ? project.metadata.modified : now));
    meta.insert(QLatin1String(kAppVersion), ProjectStore::applicationVersion());
    if (project.sharedWorkload)
        meta.insert(QLatin1String(kSharedWorkload),
                    QString::fromUtf8(serializeWorkload(*project.sharedWorkload)));
    if (project.cost)
        meta.insert(QLatin1String(kCost), QString::fromUtf8(serializeCostPrices(*project.cost)));
    if (project.lint != LintSettings{})
        meta.insert(QLatin1String(kLint),
                    QString::fromUtf8(QJsonDocument(lintSettingsToJson(project.lint))
                                          .toJson(QJsonDocument::Compact)));
    // the decisions (docs/decide.md) and the migration plans (docs/migrate.md): readable
    // ones, then those kept as they were stored
    writeList(meta,
              kDecisions,
              kDecisionsDamaged,
              project.decisions,
              project.unreadableDecisions,
              project.unreadableDecisionsText,
              [](const Decision &d) { return decisionToJson(d); });
    writeList(meta,
              kPlans,
              kPlansDamaged,
              project.plans,
              project.unreadablePlans,
              project.unreadablePlansText,
              [](const Plan &p) { return planToJson(p); });

    // the decisions' measurements: of the decisions in the project, then those kept unread
    QJsonObject evidence = project.unreadableDecisionEvidence;
    for (auto it = project.decisionEvidence.constBegin(); it != project.decisionEvidence.constEnd();
         ++it) {
        const bool exists = std::any_of(project.decisions.cbegin(),
                                        project.decisions.cend(),
                                        [&](const Decision &d) { return d.id == it.key(); });
        if (exists)
            evidence.insert(it.key(), savedEvidenceToJson(it.value()));
    }
    if (project.report)
        meta.insert(QLatin1String(kReport),
                    QString::fromUtf8(QJsonDocument(reportSettingsToJson(*project.report))
                                          .toJson(QJsonDocument::Compact)));
    if (!evidence.isEmpty())
        meta.insert(QLatin1String(kDecisionEvidence),
                    QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact)));

    Statement insertMeta(c, QStringLiteral("INSERT INTO project_meta (key, value) VALUES (?, ?)"));
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it) {
        if (!insertMeta.run(it.key(), it.value())) {
            *error = insertMeta.error();
            return false;
        }
    }

    Statement insertScenario(
        c, QStringLiteral("INSERT INTO scenarios (id, position, name, json) VALUES (?, ?, ?, ?)"));
    Statement insertView(c,
                         QStringLiteral("INSERT INTO layout_views (scenario_id, zoom, "
                                        "center_x, center_y) VALUES (?, ?, ?, ?)"));
    Statement insertPosition(c,
                             QStringLiteral("INSERT INTO layout_positions (scenario_id, "
                                            "component_id, x, y) VALUES (?, ?, ?, ?)"));
    Statement insertRun(c,
                        QStringLiteral(
                            "INSERT INTO runs (id, scenario_id, position, label, finished_utc, "
                            "duration_s, warmup_s, seed, replications, engine_version, "
                            "results_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));

    for (qsizetype i = 0; i < project.scenarios.size(); ++i) {
        const ProjectScenario &s = project.scenarios.at(i);
        // A scenario that could not be read goes back as the exact bytes it came from
        // (bound as a blob, so not even the text encoding is touched).
        const QVariant json = s.unreadableJson
                                  ? QVariant(*s.unreadableJson)
                                  : QVariant(QString::fromUtf8(serializeScenario(s.scenario)));
        if (!insertScenario.run(s.id, static_cast<qint64>(i), s.scenario.name, json)) {
            *error
                = QStringLiteral("scenario '%1': %2").arg(s.scenario.name, insertScenario.error());
            return false;
        }
        const ScenarioLayout &l = s.layout;
        if (!insertView.run(s.id,
                            finite(l.zoom, 1.0),
                            finite(l.center.x(), 0),
                            finite(l.center.y(), 0))) {
            *error = insertView.error();
            return false;
        }
        for (auto it = l.positions.constBegin(); it != l.positions.constEnd(); ++it) {
            if (!insertPosition.run(s.id, it.key(), finite(it->x(), 0), finite(it->y(), 0))) {
                *error = insertPosition.error();
                return false;
            }
        }
        for (qsizetype r = 0; r < s.runs.size(); ++r) {
            const SavedRun &run = s.runs.at(r);
            const QVariant results
                = run.unreadableResults
                      ? QVariant(*run.unreadableResults)
                      : QVariant(QString::fromUtf8(
                          QJsonDocument(run.results).toJson(QJsonDocument::Compact)));
            const RunParameters &p = run.parameters;
            if (!insertRun.run(run.id,
                               s.id,
                               static_cast<qint64>(r),
                               run.label,
                               timeText(run.timestamp),
                               finite(p.durationS, 0),
                               finite(p.warmupS, 0),
                               QString::number(p.seed),
                               p.replications,
                               run.engineVersion,
                               results)) {
                *error = QStringLiteral("saved run of '%1': %2")
                             .arg(s.scenario.name, insertRun.error());
                return false;
            }
        }
    }

    Statement insertComparison(c,
                               QStringLiteral("INSERT INTO comparisons (id, position, label, "
                                              "finished_utc, json) VALUES (?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < project.comparisons.size(); ++i) {
        const SavedComparison &saved = project.comparisons.at(i);
        const QVariant json
            = saved.unreadableJson
                  ? QVariant(*saved.unreadableJson)
                  : QVariant(QString::fromUtf8(
                      QJsonDocument(saved.comparison).toJson(QJsonDocument::Compact)));
        if (!insertComparison.run(saved.id,
                                  static_cast<qint64>(i),
                                  saved.label,
                                  timeText(saved.timestamp),
                                  json)) {
            *error = QStringLiteral("saved comparison: %1").arg(insertComparison.error());
            return false;
        }
    }
    return true;
}

} // namespace

bool ProjectSql::write(SqliteConnection &c,
                       const Project &project,
                       const Meta &extraMeta,
                       QString *error)
{
    if (!checkIds(project, error))
        return false;
    // DELETE journal mode keeps the whole project in the one file (WAL would leave part
    // of it in "-wal" next to the temporary file and lose it in the rename), and FULL
    // makes COMMIT wait until the data is on disk.
    if (!c.exec(QStringLiteral("PRAGMA journal_mode = DELETE"))
        || !c.exec(QStringLiteral("PRAGMA synchronous = FULL"))
        || !c.exec(QStringLiteral("PRAGMA foreign_keys = ON"))
        || !c.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = c.errorString();
        return false;
    }
    if (!ProjectSchema::create(c, error) || !writeRows(c, project, extraMeta, error)) {
        c.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!c.exec(QStringLiteral("COMMIT"))) {
        *error = c.errorString();
        c.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

std::optional<ProjectSql::Meta> ProjectSql::readMeta(SqliteConnection &c, QString *error)
{
    Meta meta;
    if (!select(c,
                QStringLiteral("SELECT key, value FROM project_meta"),
                error,
                [&](const QSqlQuery &q) {
                    meta.insert(q.value(0).toString(), q.value(1).toString());
                }))
        return std::nullopt;
    return meta;
}

namespace {

/**
 * The decisions' saved measurements: an entry that does not read is kept as stored (and
 * measured again when the decision runs); text that is not a JSON object is dropped with a
 * warning, since measurements can always be made again.
 */
void readDecisionEvidence(const ProjectSql::Meta &meta, Project *project, QStringList *warnings)
{
    const QString text = meta.value(QLatin1String(kDecisionEvidence));
    if (text.isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        warnings->append(QStringLiteral("The decisions' saved measurements could not be read "
                                        "(%1); run their simulations again")
                             .arg(parseError.error != QJsonParseError::NoError
                                      ? parseError.errorString()
                                      : QStringLiteral("not a JSON object")));
        return;
    }
    const QJsonObject all = doc.object();
    for (auto it = all.begin(); it != all.end(); ++it) {
        Problems problems;
        const QString path = QStringLiteral("$.%1.%2").arg(QLatin1String(kDecisionEvidence),
                                                           it.key());
        std::optional<SavedDecisionEvidence> saved
            = it.value().isObject() ? savedEvidenceFromJson(it.value().toObject(), path, &problems)
                                    : std::nullopt;
        if (saved) {
            project->decisionEvidence.insert(it.key(), *saved);
        } else {
            project->unreadableDecisionEvidence.insert(it.key(), it.value());
            QStringList lines;
            for (const Problem &p : std::as_const(problems)) {
                if (p.severity == Problem::Severity::Error)
                    lines << p.path + QStringLiteral(": ") + p.message;
            }
            warnings->append(QStringLiteral("A decision's saved measurements could not be read "
                                            "and are kept unchanged in the file; run its "
                                            "simulations again: %1")
                                 .arg(lines.isEmpty() ? QStringLiteral("not a JSON object")
                                                      : lines.join(QStringLiteral("; "))));
        }
    }
}

/**
 * A JSON list of project_meta (the decisions, the plans): a list that is not JSON is kept as
 * text, an entry that does not read is kept as stored; each with a warning that says what
 * is wrong. `what` names one entry ("decision"), `fromJson` reads one.
 */
template<typename T, typename FromJson>
void readList(const ProjectSql::Meta &meta,
              const char *key,
              const char *damagedKey,
              const QString &what,
              const FromJson &fromJson,
              QList<T> *out,
              QJsonArray *unreadable,
              std::optional<QByteArray> *unreadableText,
              QStringList *warnings)
{
    const QString damaged = meta.value(QLatin1String(damagedKey));
    const QString text = meta.value(QLatin1String(key));
    if (text.isEmpty()) {
        if (!damaged.isEmpty())
            *unreadableText = damaged.toUtf8();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        *unreadableText = text.toUtf8();
        warnings->append(QStringLiteral("The project's %1s could not be read (%2); they "
                                        "are kept unchanged in the file")
                             .arg(what,
                                  parseError.error != QJsonParseError::NoError
                                      ? parseError.errorString()
                                      : QStringLiteral("not a JSON list")));
        return;
    }
    if (!damaged.isEmpty())
        *unreadableText = damaged.toUtf8();
    QSet<QString> ids;
    const QJsonArray list = doc.array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("$.%1[%2]").arg(QLatin1String(key)).arg(i);
        Problems problems;
        std::optional<T> d;
        if (list.at(i).isObject())
            d = fromJson(list.at(i).toObject(), path, &problems);
        else
            problems.append({Problem::Severity::Error, path, QStringLiteral("not a JSON object")});
        if (!d) {
            unreadable->append(list.at(i));
            warnings->append(
                QStringLiteral("A %1 (%2) could not be read and is kept "
                               "unchanged in the file: %3")
                    .arg(what,
                         list.at(i).toObject().value(QStringLiteral("name")).toString(path),
                         listProblems(problems)));
            continue;
        }
        if (d->id.isEmpty() || ids.contains(d->id))
            d->id = newProjectId();
        ids.insert(d->id);
        out->append(*d);
    }
}

} // namespace

std::optional<Project> ProjectSql::read(SqliteConnection &c, QStringList *warnings, QString *error)
{
    QSet<QString> tables;
    if (!select(c,
                QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"),
                error,
                [&](const QSqlQuery &q) { tables.insert(q.value(0).toString()); }))
        return std::nullopt;
    for (const QString &table : ProjectSchema::requiredTables()) {
        if (!tables.contains(table)) {
            *error = QStringLiteral("the table '%1' is missing").arg(table);
            return std::nullopt;
        }
    }

    Project project;
    const std::optional<Meta> meta = readMeta(c, error);
    if (!meta)
        return std::nullopt;
    project.metadata.name = meta->value(QLatin1String(kName));
    project.metadata.description = meta->value(QLatin1String(kDescription));
    project.metadata.created = timeFromText(meta->value(QLatin1String(kCreated)));
    project.metadata.modified = timeFromText(meta->value(QLatin1String(kModified)));
    project.metadata.appVersion = meta->value(QLatin1String(kAppVersion));

    // CAST AS BLOB: the bytes exactly as stored, whatever their encoding.
    QHash<QString, qsizetype> byId;
    const bool scenariosOk
        = select(c,
                 QStringLiteral(
                     "SELECT id, name, CAST(json AS BLOB) FROM scenarios ORDER BY position, id"),
                 error,
                 [&](const QSqlQuery &q) {
                     ProjectScenario s;
                     s.id = q.value(0).toString();
                     const QString storedName = q.value(1).toString();
                     const QByteArray json = q.value(2).toByteArray();
                     ScenarioLoad load = parseScenario(json);
                     s.problems = load.problems;
                     if (isReadable(load)) {
                         s.scenario = std::move(*load.scenario);
                     } else {
                         s.scenario.name = storedName;
                         s.unreadableJson = json;
                         QString why = listProblems(load.problems);
                         if (load.scenario && load.scenario->version > Scenario::kFormatVersion)
                             why = QStringLiteral(
                                       "it is in scenario format version %1, written by a "
                                       "newer ArchSim (this one reads version %2)")
                                       .arg(load.scenario->version)
                                       .arg(Scenario::kFormatVersion);
                         else if (why.isEmpty())
                             why = QStringLiteral("it is not an ArchSim scenario");
                         warnings->append(
                             QStringLiteral("The scenario '%1' could not be read and is "
                                            "kept unchanged in the file: %2")
                                 .arg(storedName, why));
                     }
                     byId.insert(s.id, project.scenarios.size());
                     project.scenarios.append(std::move(s));
                 });
    if (!scenariosOk)
        return std::nullopt;

    auto owner = [&](const QVariant &id) -> ProjectScenario * {
        const auto it = byId.constFind(id.toString());
        return it == byId.constEnd() ? nullptr : &project.scenarios[*it];
    };

    if (!select(c,
                QStringLiteral("SELECT scenario_id, zoom, center_x, center_y FROM layout_views"),
                error,
                [&](const QSqlQuery &q) {
                    if (ProjectScenario *s = owner(q.value(0))) {
                        s->layout.zoom = q.value(1).toDouble();
                        s->layout.center = QPointF(q.value(2).toDouble(), q.value(3).toDouble());
                    }
                }))
        return std::nullopt;

    if (!select(c,
                QStringLiteral("SELECT scenario_id, component_id, x, y FROM layout_positions"),
                error,
                [&](const QSqlQuery &q) {
                    if (ProjectScenario *s = owner(q.value(0)))
                        s->layout.positions.insert(q.value(1).toString(),
                                                   QPointF(q.value(2).toDouble(),
                                                           q.value(3).toDouble()));
                }))
        return std::nullopt;

    if (!select(c,
                QStringLiteral("SELECT id, scenario_id, label, finished_utc, duration_s, warmup_s, "
                               "seed, replications, engine_version, CAST(results_json AS BLOB) "
                               "FROM runs ORDER BY scenario_id, position, id"),
                error,
                [&](const QSqlQuery &q) {
                    ProjectScenario *s = owner(q.value(1));
                    if (!s)
                        return;
                    SavedRun run;
                    run.id = q.value(0).toString();
                    run.label = q.value(2).toString();
                    run.timestamp = timeFromText(q.value(3).toString());
                    run.parameters.durationS = q.value(4).toDouble();
                    run.parameters.warmupS = q.value(5).toDouble();
                    run.parameters.seed = q.value(6).toString().toULongLong();
                    run.parameters.replications = q.value(7).toInt();
                    run.engineVersion = q.value(8).toString();
                    const QByteArray results = q.value(9).toByteArray();
                    QJsonParseError parseError;
                    const QJsonDocument doc = QJsonDocument::fromJson(results, &parseError);
                    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
                        run.results = doc.object();
                    } else {
                        run.unreadableResults = results;
                        warnings->append(
                            QStringLiteral("The results of a saved run of '%1' (%2) could not be "
                                           "read and are kept unchanged in the file: %3")
                                .arg(s->scenario.name,
                                     timeText(run.timestamp),
                                     parseError.error == QJsonParseError::NoError
                                         ? QStringLiteral("not a JSON object")
                                         : parseError.errorString()));
                    }
                    s->runs.append(std::move(run));
                }))
        return std::nullopt;

    if (!select(c,
                QStringLiteral("SELECT id, label, finished_utc, CAST(json AS BLOB) FROM "
                               "comparisons ORDER BY position, id"),
                error,
                [&](const QSqlQuery &q) {
                    SavedComparison saved;
                    saved.id = q.value(0).toString();
                    saved.label = q.value(1).toString();
                    saved.timestamp = timeFromText(q.value(2).toString());
                    const QByteArray json = q.value(3).toByteArray();
                    QJsonParseError parseError;
                    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
                    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
                        saved.comparison = doc.object();
                    } else {
                        saved.unreadableJson = json;
                        warnings->append(
                            QStringLiteral("A saved comparison (%1) could not be read and is "
                                           "kept unchanged in the file: %2")
                                .arg(timeText(saved.timestamp),
                                     parseError.error == QJsonParseError::NoError
                                         ? QStringLiteral("not a JSON object")
                                         : parseError.errorString()));
                    }
                    project.comparisons.append(std::move(saved));
                }))
        return std::nullopt;

    // The shared workload: the scenarios that share it hold copies, so a damaged one is
    // rebuilt from the first of them (applySharedWorkload) rather than refusing the project.
    const QString shared = meta->value(QLatin1String(kSharedWorkload));
    if (!shared.isEmpty()) {
        Problems problems;
        project.sharedWorkload = parseWorkload(shared.toUtf8(), &problems);
        if (!project.sharedWorkload)
            warnings->append(QStringLiteral("The project's shared workload could not be read "
                                            "(%1); the scenarios that share it use the first "
                                            "one's copy instead")
                                 .arg(listProblems(problems)));
    }
    *warnings += applySharedWorkload(project);
    // The prices: a damaged value is reported and the defaults apply until they are set again.
    const QString cost = meta->value(QLatin1String(kCost));
    if (!cost.isEmpty()) {
        Problems problems;
        project.cost = parseCostPrices(cost.toUtf8(), &problems);
        if (!project.cost)
            warnings->append(QStringLiteral("The project's prices could not be read (%1); the "
                                            "default prices apply until you set them again in "
                                            "Project Prices")
                                 .arg(listProblems(problems)));
    }
    // The lint settings: likewise, the defaults apply when the stored value cannot be read.
    const QString lint = meta->value(QLatin1String(kLint));
    if (!lint.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(lint.toUtf8(), &parseError);
        QString why = parseError.error != QJsonParseError::NoError
                          ? QStringLiteral("not JSON: %1").arg(parseError.errorString())
                      : !doc.isObject() ? QStringLiteral("not a JSON object")
                                        : QString();
        std::optional<LintSettings> settings;
        if (why.isEmpty())
            settings = lintSettingsFromJson(doc.object(), &why);
        if (settings)
            project.lint = *settings;
        else
            warnings->append(QStringLiteral("The project's lint settings could not be read "
                                            "(%1); the default thresholds apply and no finding "
                                            "is silenced until you set them again in Lint "
                                            "Settings")
                                 .arg(why));
    }
    readList(
        *meta,
        kDecisions,
        kDecisionsDamaged,
        QStringLiteral("decision"),
        [](const QJsonObject &o, const QString &path, Problems *problems) {
            return decisionFromJson(o, path, problems);
        },
        &project.decisions,
        &project.unreadableDecisions,
        &project.unreadableDecisionsText,
        warnings);
    readList(
        *meta,
        kPlans,
        kPlansDamaged,
        QStringLiteral("plan"),
        [](const QJsonObject &o, const QString &path, Problems *problems) {
            Problems found;
            std::optional<Plan> plan = planFromJson(o, &found);
            for (Problem &p : found)
                p.path = path + p.path.mid(1);
            *problems += found;
            return plan;
        },
        &project.plans,
        &project.unreadablePlans,
        &project.unreadablePlansText,
        warnings);
    readDecisionEvidence(*meta, &project, warnings);
    if (const QString text = meta->value(QLatin1String(kReport)); !text.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        Problems problems;
        if (doc.isObject())
            project.report = reportSettingsFromJson(doc.object(),
                                                    QStringLiteral("$.report"),
                                                    &problems);
        if (!project.report) {
            QStringList lines;
            for (const Problem &p : std::as_const(problems))
                lines << p.toString();
            warnings->append(QStringLiteral("The project's report settings could not be read "
                                            "(%1); the defaults apply until you export a report "
                                            "again")
                                 .arg(lines.isEmpty() ? QStringLiteral("not a JSON object")
                                                      : lines.join(QStringLiteral("; "))));
        }
    }
    return project;
}

} // namespace Model
