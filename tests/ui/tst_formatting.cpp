// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"

#include <QLocale>
#include <QTest>

#include <limits>

class tst_Formatting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void counts();
    void milliseconds();
    void percentAndSi();
    void plain();
    void wallTime();
    void interval();
    void durations();
    void rates();
};

void tst_Formatting::counts()
{
    QCOMPARE(Ui::formatCount(0), QStringLiteral("0"));
    QCOMPARE(Ui::formatCount(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(Ui::formatCount(2.5), QStringLiteral("2.5"));
    QCOMPARE(Ui::formatCount(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("–"));
}

void tst_Formatting::milliseconds()
{
    QCOMPARE(Ui::formatMilliseconds(0), QStringLiteral("0"));
    QCOMPARE(Ui::formatMilliseconds(0.51234), QStringLiteral("0.512"));
    QCOMPARE(Ui::formatMilliseconds(5.0234), QStringLiteral("5.023"));
    QCOMPARE(Ui::formatMilliseconds(45.318), QStringLiteral("45.32"));
    QCOMPARE(Ui::formatMilliseconds(431.74), QStringLiteral("431.7"));
    QCOMPARE(Ui::formatMilliseconds(123456.4), QStringLiteral("123,456"));
}

void tst_Formatting::percentAndSi()
{
    QCOMPARE(Ui::formatPercent(0.8123), QStringLiteral("81.2"));
    QCOMPARE(Ui::formatSi(950), QStringLiteral("950"));
    QCOMPARE(Ui::formatSi(85000), QStringLiteral("85.0 k"));
    QCOMPARE(Ui::formatSi(12345678), QStringLiteral("12.35 M"));
    QCOMPARE(Ui::formatSi(2.5e9), QStringLiteral("2.50 G"));
}

void tst_Formatting::plain()
{
    QCOMPARE(Ui::formatPlain(2000), QStringLiteral("2000"));
    QCOMPARE(Ui::formatPlain(0.25), QStringLiteral("0.25"));
    QCOMPARE(Ui::formatPlain(1e7), QStringLiteral("10000000"));
}

void tst_Formatting::wallTime()
{
    QCOMPARE(Ui::formatWallTime(0.4212), QStringLiteral("0.42 s"));
    QCOMPARE(Ui::formatWallTime(12.34), QStringLiteral("12.3 s"));
    QCOMPARE(Ui::formatWallTime(185), QStringLiteral("3 min 05 s"));
}

void tst_Formatting::interval()
{
    QCOMPARE(Ui::formatInterval(std::nullopt, Ui::formatMilliseconds, QStringLiteral("ms")),
             QString());
    QCOMPARE(Ui::formatInterval(std::make_pair(4.9, 5.1),
                                Ui::formatMilliseconds,
                                QStringLiteral("ms")),
             QStringLiteral("95% CI: 4.900 – 5.100 ms"));
}

void tst_Formatting::durations()
{
    // the canvas card's p99: the unit a person reads, two digits, never 9.9e+03
    QCOMPARE(Ui::formatDuration(9870), QStringLiteral("9.9 s"));
    QCOMPARE(Ui::formatDuration(120.4), QStringLiteral("120 ms"));
    QCOMPARE(Ui::formatDuration(4.24), QStringLiteral("4.2 ms"));
    QCOMPARE(Ui::formatDuration(0.25), QStringLiteral("0.25 ms"));
    QCOMPARE(Ui::formatDuration(0.0042), QStringLiteral("0.0042 ms"));
    QCOMPARE(Ui::formatDuration(0), QStringLiteral("0 ms"));
    QCOMPARE(Ui::formatDuration(999.7), QStringLiteral("1 s")); // not "1,000 ms"
    QCOMPARE(Ui::formatDuration(42000), QStringLiteral("42 s"));
    QCOMPARE(Ui::formatDuration(59990), QStringLiteral("1 min"));
    QCOMPARE(Ui::formatDuration(210000), QStringLiteral("3.5 min"));
    QCOMPARE(Ui::formatDuration(7.56e6), QStringLiteral("2.1 h"));
    QCOMPARE(Ui::formatDuration(qQNaN()), QStringLiteral("–"));
    for (double ms = 1e-3; ms < 1e9; ms *= 3.7) {
        const QString text = Ui::formatDuration(ms);
        QVERIFY2(!text.contains(QLatin1Char('e')) && !text.contains(QLatin1Char(',')),
                 qPrintable(text));
    }
}

void tst_Formatting::rates()
{
    QCOMPARE(Ui::formatRate(998.4), QStringLiteral("998/s"));
    QCOMPARE(Ui::formatRate(1200), QStringLiteral("1200/s"));
    QCOMPARE(Ui::formatRate(12.54), QStringLiteral("12.5/s"));
    QCOMPARE(Ui::formatRate(0.5), QStringLiteral("0.5/s"));
    QCOMPARE(Ui::formatRate(0), QStringLiteral("0/s"));
    QCOMPARE(Ui::formatRate(12345), QStringLiteral("12.3k/s"));
    QCOMPARE(Ui::formatRate(2.5e7), QStringLiteral("25M/s"));
    for (double r = 1e-3; r < 1e10; r *= 3.7)
        QVERIFY2(!Ui::formatRate(r).contains(QLatin1Char('e')), qPrintable(Ui::formatRate(r)));
}

QTEST_GUILESS_MAIN(tst_Formatting)
#include "tst_formatting.moc"
