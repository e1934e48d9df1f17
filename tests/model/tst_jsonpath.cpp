// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonPath.h"

#include <QTest>

using namespace Model;

class tst_JsonPath : public QObject
{
    Q_OBJECT

private slots:
    void buildsDottedAndIndexedPaths()
    {
        const QString p = JsonPath::key(JsonPath::index(JsonPath::key(JsonPath::root(),
                                                                      QStringLiteral("components")),
                                                        2),
                                        QStringLiteral("cpu_ms"));
        QCOMPARE(p, QStringLiteral("$.components[2].cpu_ms"));
    }

    void quotesKeysThatAreNotIdentifiers()
    {
        QCOMPARE(JsonPath::key(QStringLiteral("$.routes"), QStringLiteral("*")),
                 QStringLiteral("$.routes[\"*\"]"));
        QCOMPARE(JsonPath::key(QStringLiteral("$"), QStringLiteral("a \"b\"")),
                 QStringLiteral("$[\"a \\\"b\\\"\"]"));
        QCOMPARE(JsonPath::key(QStringLiteral("$"), QString()), QStringLiteral("$[\"\"]"));
    }

    void parentUndoesEachStep_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("parent");
        QTest::newRow("key") << "$.a.b"
                             << "$.a";
        QTest::newRow("index") << "$.a[3]"
                               << "$.a";
        QTest::newRow("quoted") << "$.routes[\"*\"]"
                                << "$.routes";
        QTest::newRow("quoted with dot") << "$[\"a.b\"]"
                                         << "$";
        QTest::newRow("quoted with bracket") << "$.x[\"a[\\\"b\"]"
                                             << "$.x";
        QTest::newRow("after quoted") << "$[\"a.b\"].c"
                                      << "$[\"a.b\"]";
        QTest::newRow("top") << "$.a"
                             << "$";
        QTest::newRow("root") << "$"
                              << "";
    }
    void parentUndoesEachStep()
    {
        QFETCH(QString, path);
        QFETCH(QString, parent);
        QCOMPARE(JsonPath::parent(path), parent);
    }

    void isWithinMatchesWholeSteps()
    {
        QVERIFY(JsonPath::isWithin(QStringLiteral("$.a[1].b"), QStringLiteral("$.a[1]")));
        QVERIFY(JsonPath::isWithin(QStringLiteral("$.a"), QStringLiteral("$.a")));
        QVERIFY(!JsonPath::isWithin(QStringLiteral("$.ab"), QStringLiteral("$.a")));
        QVERIFY(!JsonPath::isWithin(QStringLiteral("$.a[10]"), QStringLiteral("$.a[1]")));
    }
};

QTEST_GUILESS_MAIN(tst_JsonPath)
#include "tst_jsonpath.moc"
