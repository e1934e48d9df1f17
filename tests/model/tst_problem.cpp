// SPDX-License-Identifier: GPL-3.0-or-later
#include "Problem.h"

#include <QTest>

using namespace Model;

class tst_Problem : public QObject
{
    Q_OBJECT

private slots:
    void toStringWithLineAndPath()
    {
        const Problem p{Problem::Severity::Error,
                        QStringLiteral("$.components[2].replicas"),
                        QStringLiteral("must be at least 1"),
                        12,
                        7};
        QCOMPARE(p.toString(),
                 QStringLiteral("error: line 12: $.components[2].replicas: must be at least 1"));
    }

    void toStringWarningWithoutLine()
    {
        const Problem p{Problem::Severity::Warning,
                        QStringLiteral("$.x"),
                        QStringLiteral("unknown field 'x' is kept but ignored"),
                        0,
                        0};
        QCOMPARE(p.toString(),
                 QStringLiteral("warning: $.x: unknown field 'x' is kept but ignored"));
        QVERIFY(!p.isError());
    }

    void toStringSyntaxErrorShowsColumn()
    {
        const Problem p{Problem::Severity::Error, QString(), QStringLiteral("bad"), 3, 9};
        QCOMPARE(p.toString(), QStringLiteral("error: line 3, column 9: bad"));
    }

    void hasErrorsIgnoresWarnings()
    {
        Problems list{{Problem::Severity::Warning, QStringLiteral("$"), QStringLiteral("w"), 0, 0}};
        QVERIFY(!hasErrors(list));
        list.append({Problem::Severity::Error, QStringLiteral("$"), QStringLiteral("e"), 0, 0});
        QVERIFY(hasErrors(list));
        QVERIFY(!hasErrors({}));
    }
};

QTEST_GUILESS_MAIN(tst_Problem)
#include "tst_problem.moc"
