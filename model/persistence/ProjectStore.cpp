// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectStore.h"

#include "ProjectSql.h"
#include "SqliteConnection.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QtEndian>

#include <filesystem>
#include <system_error>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Model {

namespace {

using Filler = std::function<bool(SqliteConnection &, QString *)>;

// The first 16 bytes of every SQLite 3 database; the header is 100 bytes long, with the
// user_version at offset 60 and the application_id at offset 68 (big-endian).
constexpr char kSqliteMagic[] = "SQLite format 3";
constexpr int kSqliteHeaderSize = 100;
constexpr int kUserVersionOffset = 60;
constexpr int kApplicationIdOffset = 68;

// project_meta keys of recovery files (ProjectSql writes the others).
const char kRecoveryOf[] = "recovery_of";
const char kRecoveryWritten[] = "recovery_written_utc";

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString cannotOpen(const QString &path, const QString &what, const QString &todo)
{
    return QStringLiteral("Cannot open '%1': %2. The file was not changed. %3")
        .arg(shown(path), what, todo);
}

QString damaged(const QString &path, const QString &detail)
{
    return cannotOpen(path,
                      QStringLiteral("the project file is damaged (%1)").arg(detail),
                      QStringLiteral("Open a backup copy of the project, or an autosaved copy "
                                     "if ArchSim offers one; ArchSim will not write to this "
                                     "file."));
}

/** The first real line of a quick_check report ("*** in database main ***" is a heading). */
QString firstFinding(const QString &report)
{
    for (const QString &line : report.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.startsWith(QLatin1String("***")))
            return line.trimmed();
    }
    return report.trimmed();
}

bool isSqliteHeader(const QByteArray &header)
{
    return header.size() >= 16 && header.startsWith(QByteArray(kSqliteMagic, 16));
}

qint32 headerInt(const QByteArray &header, int offset)
{
    return qFromBigEndian<qint32>(header.constData() + offset);
}

// --- The failure hook (tests) ------------------------------------------------------------

QMutex &hookMutex()
{
    static QMutex mutex;
    return mutex;
}

ProjectStore::SaveFailureHook &hookStorage()
{
    static ProjectStore::SaveFailureHook hook;
    return hook;
}

bool hookFails(ProjectStore::SaveStage stage)
{
    ProjectStore::SaveFailureHook hook;
    {
        QMutexLocker lock(&hookMutex());
        hook = hookStorage();
    }
    return hook && hook(stage);
}

// --- Atomic replacement ------------------------------------------------------------------

std::filesystem::path fsPath(const QString &path)
{
#ifdef Q_OS_WIN
    return std::filesystem::path(path.toStdWString());
#else
    return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

/** fsync a file or folder. Elsewhere than Unix SQLite's synchronous commit has flushed it. */
bool syncToDisk(const QString &path, bool directory, QString *error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0 || ::fsync(fd) != 0) {
        if (error)
            *error = QStringLiteral("cannot flush '%1' to disk: %2")
                         .arg(shown(path), QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
#else
    Q_UNUSED(path)
    Q_UNUSED(directory)
    Q_UNUSED(error)
#endif
    return true;
}

/**
 * Whether an existing file at `target` may be replaced: a project of this or an older
 * format, or an empty file. Anything else (another application's file, a project from a
 * newer ArchSim) is refused, so a save can never destroy something it cannot read.
 */
bool mayReplace(const QString &target, QString *error)
{
    QFile file(target);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the existing file cannot be read to check what it is (%1)")
                     .arg(file.errorString());
        return false;
    }
    const QByteArray header = file.read(kSqliteHeaderSize);
    if (header.isEmpty())
        return true;
    if (!isSqliteHeader(header) || header.size() < kSqliteHeaderSize
        || headerInt(header, kApplicationIdOffset) != ProjectSchema::kApplicationId) {
        *error = QStringLiteral("a file of that name exists and is not an ArchSim project; "
                                "ArchSim does not replace other files. Choose another name, "
                                "or move that file away first");
        return false;
    }
    const qint32 version = headerInt(header, kUserVersionOffset);
    if (version > ProjectSchema::currentVersion()) {
        *error = QStringLiteral("the existing file was saved by a newer ArchSim (project format "
                                "version %1; this one writes version %2) and would lose what "
                                "that version stored. Choose another name")
                     .arg(version)
                     .arg(ProjectSchema::currentVersion());
        return false;
    }
    return true;
}

void removeTemporary(const QString &temp)
{
    if (temp.isEmpty())
        return;
    QFile::remove(temp);
    QFile::remove(temp + QStringLiteral("-journal"));
}

/**
 * Writes a new SQLite file with `fill` next to `path` and renames it over `path`
 * (QSaveFile's method, which QSaveFile itself cannot do for a file that SQLite writes).
 * std::filesystem::rename replaces an existing target atomically, QFile::rename does not.
 */
bool atomicWrite(const QString &path, const Filler &fill, QString *error)
{
    QString target = path;
    if (const QFileInfo link(path); link.isSymLink())
        target = link.symLinkTarget();
    const QFileInfo info(target);
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir()) {
        *error = QStringLiteral("the folder '%1' does not exist").arg(shown(folder));
        return false;
    }
    if (info.isDir()) {
        *error = QStringLiteral("'%1' is a folder").arg(shown(target));
        return false;
    }
    if (!mayReplace(target, error))
        return false;

    // NewOnly is O_EXCL: the name is ours alone, and the file gets the usual permissions
    // (0666 less the umask), not QTemporaryFile's 0600.
    QString temp;
    for (int attempt = 0; attempt < 16 && temp.isEmpty(); ++attempt) {
        const QString candidate
            = target + QStringLiteral(".saving-")
              + QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0');
        QFile file(candidate);
        if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            temp = candidate;
        } else if (!file.exists()) {
            *error = QStringLiteral("cannot create a file in the folder '%1' (%2); check that "
                                    "the folder is writable and the disk is not full")
                         .arg(shown(folder), file.errorString());
            return false;
        }
    }
    if (temp.isEmpty()) {
        *error
            = QStringLiteral("cannot find a free temporary file name in '%1'").arg(shown(folder));
        return false;
    }
    auto fail = [&](const QString &why) {
        removeTemporary(temp);
        *error = why;
        return false;
    };
    auto stopped = [](ProjectStore::SaveStage stage) {
        return QStringLiteral("the save was stopped on purpose at stage %1 (test hook)")
            .arg(static_cast<int>(stage));
    };

    if (info.exists())
        QFile::setPermissions(temp, QFile::permissions(target));
    if (hookFails(ProjectStore::SaveStage::TemporaryCreated))
        return fail(stopped(ProjectStore::SaveStage::TemporaryCreated));

    QString why;
    bool written = false;
    {
        SqliteConnection connection(temp, SqliteConnection::Mode::ReadWrite);
        written = connection.isOpen() && fill(connection, &why);
        if (!connection.isOpen())
            why = connection.errorString();
    } // closed here, before the file is renamed or removed
    if (!written)
        return fail(why);
    if (hookFails(ProjectStore::SaveStage::DataWritten))
        return fail(stopped(ProjectStore::SaveStage::DataWritten));
    if (!syncToDisk(temp, false, &why))
        return fail(why);
    if (hookFails(ProjectStore::SaveStage::BeforeRename))
        return fail(stopped(ProjectStore::SaveStage::BeforeRename));

    std::error_code ec;
    std::filesystem::rename(fsPath(temp), fsPath(target), ec);
    if (ec)
        return fail(QStringLiteral("cannot replace '%1': %2")
                        .arg(shown(target), QString::fromLocal8Bit(ec.message())));
    // Make the rename itself durable; the data is safe either way, so a failure here
    // is not reported.
    syncToDisk(folder, true, nullptr);
    return true;
}

bool saveWithMeta(const Project &project,
                  const QString &path,
                  const ProjectSql::Meta &meta,
                  QString *error)
{
    const bool existed = QFileInfo::exists(path);
    QString why;
    const bool ok = atomicWrite(
        path,
        [&](SqliteConnection &c, QString *e) { return ProjectSql::write(c, project, meta, e); },
        &why);
    if (!ok && error)
        *error = QStringLiteral("Could not save '%1': %2. %3")
                     .arg(shown(path),
                          why,
                          existed ? QStringLiteral("The file on disk was not changed.")
                                  : QStringLiteral("No file was written."));
    return ok;
}

// --- Recovery paths ----------------------------------------------------------------------

QString recoveryFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/recovery");
}

QString untitledRecoveryPath()
{
    return recoveryFolder() + QStringLiteral("/untitled.archsim.recovery");
}

QString localRecoveryPath(const QString &projectPath)
{
    const QFileInfo info(projectPath);
    return info.absolutePath() + QStringLiteral("/.") + info.fileName()
           + QStringLiteral(".recovery");
}

/** For projects in folders ArchSim cannot write to: named after a hash of the full path. */
QString fallbackRecoveryPath(const QString &projectPath)
{
    const QFileInfo info(projectPath);
    const QByteArray hash = QCryptographicHash::hash(info.absoluteFilePath().toUtf8(),
                                                     QCryptographicHash::Sha1)
                                .toHex()
                                .left(16);
    return recoveryFolder() + QLatin1Char('/') + QString::fromLatin1(hash) + QLatin1Char('-')
           + info.fileName() + QStringLiteral(".recovery");
}

QStringList recoveryCandidates(const QString &projectPath)
{
    if (projectPath.isEmpty())
        return {untitledRecoveryPath()};
    return {localRecoveryPath(projectPath), fallbackRecoveryPath(projectPath)};
}

} // namespace

QString ProjectStore::applicationVersion()
{
    return QStringLiteral(ARCHSIM_APP_VERSION);
}

QString ProjectStore::fileSuffix()
{
    return QStringLiteral("archsim");
}

ProjectLoad ProjectStore::load(const QString &path)
{
    return load(path, ProjectSchema::migrations());
}

ProjectLoad ProjectStore::load(const QString &path, const ProjectSchema::Migrations &migrations)
{
    ProjectLoad result;
    const int current = static_cast<int>(migrations.size()) + 1;

    if (!SqliteConnection::driverAvailable()) {
        result.error = QStringLiteral("Cannot open '%1': this ArchSim cannot read projects "
                                      "because the Qt SQLite driver (QSQLITE) is missing. "
                                      "Install the package libqt6sql6-sqlite.")
                           .arg(shown(path));
        return result;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = QStringLiteral("Cannot open '%1': the file does not exist. Check the "
                                      "name and the folder.")
                           .arg(shown(path));
        return result;
    }
    if (info.isDir()) {
        result.error = QStringLiteral("Cannot open '%1': it is a folder, not a project file.")
                           .arg(shown(path));
        return result;
    }

    // Look at the bytes before SQLite does: the clearest messages come from the header.
    QByteArray header;
    qint64 size = 0;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("Cannot open '%1': the file cannot be read (%2). "
                                          "Check its permissions.")
                               .arg(shown(path), file.errorString());
            return result;
        }
        header = file.read(kSqliteHeaderSize);
        size = file.size();
    }
    if (size == 0) {
        result.error = cannotOpen(path,
                                  QStringLiteral("the file is empty (0 bytes), so it holds no "
                                                 "project"),
                                  QStringLiteral("It was probably cut short while being copied "
                                                 "or downloaded; open the original or a backup "
                                                 "copy."));
        return result;
    }
    if (!isSqliteHeader(header)) {
        result.error = cannotOpen(path,
                                  QStringLiteral("it is not an ArchSim project (not an SQLite "
                                                 "database; the file may be damaged, or be "
                                                 "another kind of file)"),
                                  QStringLiteral("If it should be a project, open a backup "
                                                 "copy. To bring in a scenario JSON file, use "
                                                 "Import instead of Open."));
        return result;
    }
    if (header.size() < kSqliteHeaderSize) {
        result.error = damaged(path, QStringLiteral("it is cut short after %1 bytes").arg(size));
        return result;
    }

    std::optional<Project> project;
    QString readError;
    {
        SqliteConnection ro(path, SqliteConnection::Mode::ReadOnly);
        if (!ro.isOpen()) {
            result.error = damaged(path, QStringLiteral("SQLite: %1").arg(ro.errorString()));
            return result;
        }
        const std::optional<QVariant> appId = ro.scalar(QStringLiteral("PRAGMA application_id"));
        if (!appId) {
            result.error = damaged(path, QStringLiteral("SQLite: %1").arg(ro.errorString()));
            return result;
        }
        if (const int id = appId->toInt(); id != ProjectSchema::kApplicationId) {
            result.error
                = cannotOpen(path,
                             id == 0
                                 ? QStringLiteral(
                                     "it is an SQLite database, but not an ArchSim project "
                                     "(it lacks ArchSim's application id)")
                                 : QStringLiteral("it is an SQLite database of another application "
                                                  "(application id 0x%1), not an ArchSim project")
                                       .arg(quint32(id), 8, 16, QLatin1Char('0')),
                             QStringLiteral("Open it with the application that made it."));
            return result;
        }
        const std::optional<QVariant> version = ro.scalar(QStringLiteral("PRAGMA user_version"));
        if (!version) {
            result.error = damaged(path, QStringLiteral("SQLite: %1").arg(ro.errorString()));
            return result;
        }
        result.fileVersion = version->toInt();
        if (result.fileVersion > current) {
            result.error
                = cannotOpen(path,
                             QStringLiteral(
                                 "it was saved by a newer version of ArchSim (project format "
                                 "version %1; ArchSim %2 reads versions up to %3)")
                                 .arg(result.fileVersion)
                                 .arg(applicationVersion())
                                 .arg(current),
                             QStringLiteral("Update ArchSim to open it."));
            return result;
        }
        if (result.fileVersion < 1) {
            result.error = damaged(path, QStringLiteral("it has no project format version"));
            return result;
        }
        // quick_check reads every page: it finds truncation and torn pages that the header
        // checks above cannot see. Its first row is "ok" or the first problem.
        const std::optional<QVariant> check = ro.scalar(QStringLiteral("PRAGMA quick_check"));
        if (!check || check->toString() != QLatin1String("ok")) {
            result.error = damaged(path,
                                   QStringLiteral("SQLite: %1")
                                       .arg(check ? firstFinding(check->toString())
                                                  : ro.errorString()));
            return result;
        }
        if (result.fileVersion == current)
            project = ProjectSql::read(ro, &result.warnings, &readError);
    }

    if (result.fileVersion < current) {
        // Upgrade a private copy, never the file itself: opening must not change it, and
        // an older ArchSim can still open it until the user saves.
        QTemporaryFile copy(QDir::tempPath() + QStringLiteral("/archsim-upgrade-XXXXXX.archsim"));
        QFile original(path);
        if (!copy.open() || !original.open(QIODevice::ReadOnly)) {
            result.error = cannotOpen(path,
                                      QStringLiteral("it was saved by an older ArchSim and a "
                                                     "temporary copy to upgrade could not be "
                                                     "made (%1)")
                                          .arg(copy.isOpen() ? original.errorString()
                                                             : copy.errorString()),
                                      QStringLiteral("Free some disk space and try again."));
            return result;
        }
        while (!original.atEnd()) {
            const QByteArray chunk = original.read(1 << 20);
            if (chunk.isEmpty() || copy.write(chunk) != chunk.size()) {
                result.error = cannotOpen(path,
                                          QStringLiteral("it was saved by an older ArchSim and "
                                                         "copying it to upgrade failed (%1)")
                                              .arg(copy.errorString()),
                                          QStringLiteral("Free some disk space and try again."));
                return result;
            }
        }
        original.close();
        copy.close(); // the file stays until `copy` is destroyed

        QString migrateError;
        {
            SqliteConnection rw(copy.fileName(), SqliteConnection::Mode::ReadWrite);
            const std::optional<QVariant> copyVersion = rw.isOpen() ? rw.scalar(
                                                            QStringLiteral("PRAGMA user_version"))
                                                                    : std::nullopt;
            if (!copyVersion) {
                migrateError = rw.errorString();
            } else if (copyVersion->toInt() > current || copyVersion->toInt() < 1) {
                // Replaced by another save between the check and the copy.
                migrateError = QStringLiteral("the file changed while it was being opened");
            } else if (ProjectSchema::migrate(rw,
                                              copyVersion->toInt(),
                                              migrations,
                                              &migrateError)) {
                project = ProjectSql::read(rw, &result.warnings, &readError);
            }
        }
        if (!migrateError.isEmpty()) {
            result.error = cannotOpen(path,
                                      QStringLiteral("it was saved by an older ArchSim (project "
                                                     "format version %1) and could not be "
                                                     "upgraded: %2")
                                          .arg(result.fileVersion)
                                          .arg(migrateError),
                                      QStringLiteral("Please report this as a bug and attach "
                                                     "the file."));
            return result;
        }
        if (project)
            result.warnings.prepend(
                QStringLiteral("This project was saved by an older ArchSim (project format "
                               "version %1). Saving it writes version %2, which older versions "
                               "of ArchSim cannot open.")
                    .arg(result.fileVersion)
                    .arg(current));
    }

    if (!project) {
        result.warnings.clear();
        result.error = damaged(path, readError);
        return result;
    }
    result.project = std::move(project);
    result.readOnly = !info.isWritable() || !QFileInfo(info.absolutePath()).isWritable();
    return result;
}

bool ProjectStore::save(const Project &project, const QString &path, QString *error)
{
    return saveWithMeta(project, path, {}, error);
}

QString ProjectStore::recoveryPath(const QString &projectPath)
{
    if (projectPath.isEmpty())
        return untitledRecoveryPath();
    const QFileInfo folder(QFileInfo(projectPath).absolutePath());
    return folder.isDir() && folder.isWritable() ? localRecoveryPath(projectPath)
                                                 : fallbackRecoveryPath(projectPath);
}

bool ProjectStore::writeRecovery(const Project &project, const QString &projectPath, QString *error)
{
    const QString path = recoveryPath(projectPath);
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QStringLiteral("Could not write the autosave copy: cannot create the "
                                    "folder '%1'.")
                         .arg(shown(folder));
        return false;
    }
    const ProjectSql::Meta meta{{QLatin1String(kRecoveryOf),
                                 projectPath.isEmpty() ? QString()
                                                       : QFileInfo(projectPath).absoluteFilePath()},
                                {QLatin1String(kRecoveryWritten),
                                 QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    return saveWithMeta(project, path, meta, error);
}

std::optional<RecoveryInfo> ProjectStore::findRecovery(const QString &projectPath)
{
    std::optional<RecoveryInfo> newest;
    for (const QString &candidate : recoveryCandidates(projectPath)) {
        const QFileInfo info(candidate);
        if (!info.isFile())
            continue;
        RecoveryInfo found;
        found.path = info.absoluteFilePath();
        found.projectPath = projectPath.isEmpty() ? QString()
                                                  : QFileInfo(projectPath).absoluteFilePath();
        found.written = info.lastModified().toUTC();
        {
            SqliteConnection ro(candidate, SqliteConnection::Mode::ReadOnly);
            QString ignored;
            const std::optional<ProjectSql::Meta> meta = ro.isOpen()
                                                             ? ProjectSql::readMeta(ro, &ignored)
                                                             : std::nullopt;
            if (meta) {
                const QDateTime written = QDateTime::fromString(meta->value(QLatin1String(
                                                                    kRecoveryWritten)),
                                                                Qt::ISODateWithMs);
                if (written.isValid())
                    found.written = written.toUTC();
            }
        }
        const QFileInfo project(projectPath);
        found.newerThanProject = projectPath.isEmpty() || !project.isFile()
                                 || found.written > project.lastModified().toUTC();
        if (!newest || found.written > newest->written)
            newest = found;
    }
    return newest;
}

bool ProjectStore::discardRecovery(const QString &projectPath, QString *error)
{
    QStringList left;
    for (const QString &candidate : recoveryCandidates(projectPath)) {
        QFile file(candidate);
        if (file.exists() && !file.remove())
            left.append(QStringLiteral("%1 (%2)").arg(shown(candidate), file.errorString()));
    }
    if (!left.isEmpty() && error)
        *error = QStringLiteral("Could not remove the autosave copy: %1")
                     .arg(left.join(QStringLiteral(", ")));
    return left.isEmpty();
}

void ProjectStore::setSaveFailureHook(SaveFailureHook hook)
{
    QMutexLocker lock(&hookMutex());
    hookStorage() = std::move(hook);
}

} // namespace Model
