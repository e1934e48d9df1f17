// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>

#include <optional>

/**
 * Internal to model/persistence (it needs QtSql, which archsim_model links privately).
 */
namespace Model {

/**
 * One QSQLITE connection to one file, owned by one scope. Each instance registers its own
 * unique connection name, so connections on several threads or to the same file never
 * clash, and the destructor closes and removes it. QSqlQuery objects made on database()
 * must be destroyed before the connection is.
 */
class SqliteConnection
{
public:
    enum class Mode {
        ReadOnly, ///< SQLITE_OPEN_READONLY: the file is never written, nor created
        ReadWrite ///< read-write; creates the file when it does not exist
    };

    SqliteConnection(const QString &fileName, Mode mode);
    ~SqliteConnection();

    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    bool isOpen() const { return m_open; }
    /** Why open failed, or the last error of exec() / scalar(). */
    QString errorString() const { return m_error; }
    QString connectionName() const { return m_name; }
    QString fileName() const { return m_fileName; }

    QSqlDatabase database() const;

    /** Runs one statement without results; on failure sets errorString(). */
    bool exec(const QString &sql);
    /** The first column of the first row of one statement; nullopt on failure or no row. */
    std::optional<QVariant> scalar(const QString &sql);

    /** The most useful text of a Qt SQL error (SQLite's own message when there is one). */
    static QString describe(const QSqlError &error);
    /** Whether Qt's QSQLITE driver plugin is installed. */
    static bool driverAvailable();

private:
    QString m_name;
    QString m_fileName;
    QString m_error;
    bool m_open = false;
};

} // namespace Model
