// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonLocator.h"
#include "JsonPath.h"

#include <QTest>

using namespace Model;

class tst_JsonLocator : public QObject
{
    Q_OBJECT

private:
    static QString at(const JsonLocator &l, const QString &path)
    {
        const auto p = l.find(path);
        return QStringLiteral("%1:%2").arg(p.line).arg(p.column);
    }

private slots:
    void findsKeysAndElements()
    {
        const QByteArray text = "{\n"
                                "  \"a\": 1,\n"
                                "  \"list\": [\n"
                                "    {\"x\": true},\n"
                                "    [null, \"s\"]\n"
                                "  ]\n"
                                "}\n";
        const JsonLocator l(text);
        QCOMPARE(at(l, QStringLiteral("$")), QStringLiteral("1:1"));
        QCOMPARE(at(l, QStringLiteral("$.a")), QStringLiteral("2:3"));
        QCOMPARE(at(l, QStringLiteral("$.list")), QStringLiteral("3:3"));
        QCOMPARE(at(l, QStringLiteral("$.list[0]")), QStringLiteral("4:5"));
        QCOMPARE(at(l, QStringLiteral("$.list[0].x")), QStringLiteral("4:6"));
        QCOMPARE(at(l, QStringLiteral("$.list[1][1]")), QStringLiteral("5:12"));
    }

    void missingPathFallsBackToAncestor()
    {
        const JsonLocator l("{\"a\": {\n\"b\": {}}}");
        QVERIFY(!l.contains(QStringLiteral("$.a.b.c")));
        QCOMPARE(at(l, QStringLiteral("$.a.b.c[3].d")), QStringLiteral("2:1"));
    }

    void decodesEscapedKeysAndCountsCharacters()
    {
        // "é" is two bytes but one column; the key "q\"k" and "\u00e9" are decoded.
        const QByteArray text = "{\"é\": 1, \"q\\\"k\": 2, \"\\u00e9x\": 3, \"*\": 4}";
        const JsonLocator l(text);
        QCOMPARE(at(l, JsonPath::key(QStringLiteral("$"), QStringLiteral("q\"k"))),
                 QStringLiteral("1:10"));
        QCOMPARE(at(l, QStringLiteral("$[\"éx\"]")), QStringLiteral("1:21"));
        QCOMPARE(at(l, QStringLiteral("$[\"*\"]")), QStringLiteral("1:35"));
        QCOMPARE(l.keys(QStringLiteral("$")),
                 (QStringList{QStringLiteral("é"),
                              QStringLiteral("q\"k"),
                              QStringLiteral("éx"),
                              QStringLiteral("*")}));
    }

    void keepsKeyOrderAndReportsDuplicates()
    {
        const JsonLocator l("{\"z\": 1, \"a\": {\"m\": 1, \"b\": 2}, \"z\": 3}");
        QCOMPARE(l.keys(QStringLiteral("$")),
                 (QStringList{QStringLiteral("z"), QStringLiteral("a")}));
        QCOMPARE(l.keys(QStringLiteral("$.a")),
                 (QStringList{QStringLiteral("m"), QStringLiteral("b")}));
        QCOMPARE(l.duplicateKeys(), QStringList{QStringLiteral("$.z")});
    }

    void skipsByteOrderMark()
    {
        const JsonLocator l("\xEF\xBB\xBF{\"a\": 1}");
        QCOMPARE(at(l, QStringLiteral("$.a")), QStringLiteral("1:3"));
    }

    void positionOfOffset()
    {
        const QByteArray text = "ab\nçd\nx";
        QCOMPARE(JsonLocator::positionOf(text, 0).line, 1);
        const auto p = JsonLocator::positionOf(text, 5); // 'd': after the two bytes of 'ç'
        QCOMPARE(p.line, 2);
        QCOMPARE(p.column, 2);
        QCOMPARE(JsonLocator::positionOf(text, 1000).line, 3); // clamped
    }

    void truncatedTextDoesNotCrash()
    {
        const QByteArray text = "{\"a\": [1, {\"b\": \"unterminated";
        for (qsizetype n = 0; n <= text.size(); ++n) {
            const JsonLocator l(text.left(n));
            QVERIFY(l.find(QStringLiteral("$.a[1].b")).line <= 1);
        }
    }
};

QTEST_GUILESS_MAIN(tst_JsonLocator)
#include "tst_jsonlocator.moc"
