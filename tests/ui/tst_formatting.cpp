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

QTEST_GUILESS_MAIN(tst_Formatting)
#include "tst_formatting.moc"
