// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Model {

namespace {

QString driverName()
{
    return QStringLiteral("QSQLITE");
}

} // namespace

SqliteConnection::SqliteConnection(const QString &fileName, Mode mode)
    : m_name(QStringLiteral("archsim-project-") + QUuid::createUuid().toString(QUuid::Id128))
    , m_fileName(fileName)
{
    if (!driverAvailable()) {
        m_error = QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed");
        return;
    }
    // This local handle ends with the constructor; from then on only Qt's registry holds
    // the connection, so the destructor can remove it without "still in use" warnings.
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), m_name);
    db.setDatabaseName(fileName);
    // A busy timeout lets a reader wait out a short write lock instead of failing at once.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    m_open = db.open();
    if (!m_open)
        m_error = describe(db.lastError());
}

SqliteConnection::~SqliteConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_name))
        QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase SqliteConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

bool SqliteConnection::exec(const QString &sql)
{
    QSqlQuery q(database());
    if (!q.exec(sql)) {
        m_error = describe(q.lastError());
        return false;
    }
    return true;
}

std::optional<QVariant> SqliteConnection::scalar(const QString &sql)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(sql)) {
        m_error = describe(q.lastError());
        return std::nullopt;
    }
    if (!q.next()) {
        m_error = q.lastError().isValid() ? describe(q.lastError())
                                          : QStringLiteral("the statement returned no row");
        return std::nullopt;
    }
    return q.value(0);
}

QString SqliteConnection::describe(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    return text;
}

bool SqliteConnection::driverAvailable()
{
    return QSqlDatabase::isDriverAvailable(driverName());
}

} // namespace Model
