// SPDX-License-Identifier: GPL-3.0-or-later
#include "persistence/SqliteConnection.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Model;

class tst_SqliteConnection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void driverIsInstalled() { QVERIFY(SqliteConnection::driverAvailable()); }

    void eachConnectionHasItsOwnNameAndIsRemoved()
    {
        const QString file = path(QStringLiteral("two.db"));
        QString firstName;
        QString secondName;
        {
            SqliteConnection first(file, SqliteConnection::Mode::ReadWrite);
            SqliteConnection second(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY2(first.isOpen(), qPrintable(first.errorString()));
            QVERIFY2(second.isOpen(), qPrintable(second.errorString()));
            firstName = first.connectionName();
            secondName = second.connectionName();
            QVERIFY(firstName != secondName);
            QVERIFY(QSqlDatabase::contains(firstName));
            QCOMPARE(first.fileName(), file);

            // Both see each other's committed data: two connections to one file.
            QVERIFY(first.exec(QStringLiteral("CREATE TABLE t (x)")));
            QVERIFY(first.exec(QStringLiteral("INSERT INTO t VALUES (7)")));
            QCOMPARE(second.scalar(QStringLiteral("SELECT x FROM t"))->toInt(), 7);
        }
        QVERIFY(!QSqlDatabase::contains(firstName));
        QVERIFY(!QSqlDatabase::contains(secondName));
    }

    void readOnlyNeitherCreatesNorWrites()
    {
        const QString missing = path(QStringLiteral("missing.db"));
        {
            SqliteConnection c(missing, SqliteConnection::Mode::ReadOnly);
            QVERIFY(!c.isOpen());
            QVERIFY(!c.errorString().isEmpty());
        }
        QVERIFY(!QFile::exists(missing));

        const QString file = path(QStringLiteral("ro.db"));
        {
            SqliteConnection rw(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY(rw.exec(QStringLiteral("CREATE TABLE t (x)")));
        }
        SqliteConnection ro(file, SqliteConnection::Mode::ReadOnly);
        QVERIFY(ro.isOpen());
        QVERIFY(!ro.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
        QVERIFY2(ro.errorString().contains(QStringLiteral("readonly")),
                 qPrintable(ro.errorString()));
        QCOMPARE(ro.scalar(QStringLiteral("SELECT count(*) FROM t"))->toInt(), 0);
    }

    void scalarReportsErrorsAndEmptyResults()
    {
        SqliteConnection c(path(QStringLiteral("scalar.db")), SqliteConnection::Mode::ReadWrite);
        QVERIFY(c.exec(QStringLiteral("CREATE TABLE t (x)")));
        QVERIFY(!c.scalar(QStringLiteral("SELECT x FROM t")));
        QVERIFY(c.errorString().contains(QStringLiteral("no row")));
        QVERIFY(!c.scalar(QStringLiteral("SELECT nonsense FROM nowhere")));
        QVERIFY2(c.errorString().contains(QStringLiteral("nowhere")), qPrintable(c.errorString()));
    }

    void connectionsOnOtherThreads()
    {
        const QString file = path(QStringLiteral("threads.db"));
        {
            SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY(c.exec(QStringLiteral("CREATE TABLE t (x)")));
        }
        std::atomic<int> ok = 0;
        auto work = [&](int value) {
            for (int i = 0; i < 20; ++i) {
                SqliteConnection c(file, SqliteConnection::Mode::ReadWrite);
                if (c.isOpen() && c.exec(QStringLiteral("INSERT INTO t VALUES (%1)").arg(value)))
                    ++ok;
            }
        };
        std::unique_ptr<QThread> a(QThread::create(work, 1));
        std::unique_ptr<QThread> b(QThread::create(work, 2));
        a->start();
        b->start();
        QVERIFY(a->wait(60000));
        QVERIFY(b->wait(60000));
        QCOMPARE(ok.load(), 40);
        SqliteConnection c(file, SqliteConnection::Mode::ReadOnly);
        QCOMPARE(c.scalar(QStringLiteral("SELECT count(*) FROM t"))->toInt(), 40);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteConnection)
#include "tst_sqliteconnection.moc"
