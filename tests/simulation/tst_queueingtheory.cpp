// SPDX-License-Identifier: GPL-3.0-or-later
// The library's closed forms (simulation/QueueingTheory.h) against tabulated values, closed
// forms and, for Che's approximation, the tests' own plain sum (QueueingFormulas.h), which
// tst_cachequeuebehaviour checks against an exact LRU cache driven by Zipf keys (and there
// the library's too).
#include "QueueingFormulas.h"
#include "QueueingTheory.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace Sim;

class tst_QueueingTheory : public QObject
{
    Q_OBJECT

private slots:
    void erlangCTabulated_data();
    void erlangCTabulated();
    void erlangCEdges();
    void mmcWaitClosedForms();
    void cheUniformClosedForm();
    void cheGroupedMatchesExactSum();
    void cheEdges();
};

void tst_QueueingTheory::erlangCTabulated_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("load");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");
    // M/M/1: C = rho; M/M/2 at a = 1: B = 1/5, C = 1/3 (exact)
    QTest::newRow("c1 a0.5") << 1 << 0.5 << 0.5 << 1e-12;
    QTest::newRow("c2 a1") << 2 << 1.0 << 1.0 / 3.0 << 1e-12;
    // from Erlang B tables (B(5, 4) = 0.1991, B(10, 8) = 0.1217, B(20, 15) = 0.0456) by
    // C = B / (1 - rho + rho B), to the tables' 4 decimals
    QTest::newRow("c5 a4") << 5 << 4.0 << 0.5541 << 1e-4;
    QTest::newRow("c10 a8") << 10 << 8.0 << 0.4092 << 1e-4;
    QTest::newRow("c20 a15") << 20 << 15.0 << 0.1604 << 1e-4;
}

void tst_QueueingTheory::erlangCTabulated()
{
    QFETCH(int, servers);
    QFETCH(double, load);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    const double c = Theory::erlangC(servers, load);
    QVERIFY2(std::abs(c - expected) <= tolerance,
             qPrintable(QStringLiteral("C(%1, %2) = %3, table %4")
                            .arg(servers)
                            .arg(load)
                            .arg(c, 0, 'g', 10)
                            .arg(expected)));
}

void tst_QueueingTheory::erlangCEdges()
{
    QCOMPARE(Theory::erlangC(3, 0), 0.0);
    QCOMPARE(Theory::erlangC(3, 3), 1.0); // saturated: everyone waits
    QCOMPARE(Theory::erlangC(3, 7), 1.0);
    QCOMPARE(Theory::erlangC(0, 1), 1.0);
    // close to saturation it tends to 1 continuously
    QVERIFY(Theory::erlangC(3, 2.999) > 0.99);
}

void tst_QueueingTheory::mmcWaitClosedForms()
{
    // M/M/1: Wq = rho / (mu - lambda); lambda 800/s, S 1 ms: 0.8 / 200 = 4 ms
    QVERIFY(std::abs(Theory::mmcMeanWait(1, 800, 0.001) - 0.004) < 1e-15);
    // M/M/2: Wq = rho^2 S / (1 - rho^2); rho 0.5, S 1: 1/3
    QVERIFY(std::abs(Theory::mmcMeanWait(2, 1.0, 1.0) - 1.0 / 3.0) < 1e-12);
    QCOMPARE(Theory::mmcMeanWait(2, 0, 1.0), 0.0);
    QCOMPARE(Theory::mmcMeanWait(2, 2.0, 1.0), std::numeric_limits<double>::infinity());
}

void tst_QueueingTheory::cheUniformClosedForm()
{
    // equal popularity: n (1 - e^{-T/n}) = C gives a hit ratio of exactly C / n
    for (const auto &[n, c] : {std::pair{1000ull, 100.0}, {50000ull, 12345.0}, {10ull, 9.0}})
        QVERIFY(std::abs(Theory::cheHitRatio(n, 0, c) - c / static_cast<double>(n)) < 1e-9);
}

void tst_QueueingTheory::cheGroupedMatchesExactSum()
{
    // beyond 10^4 keys the library groups keys: against the tests' plain sum over every key
    const std::uint64_t n = 200000;
    for (const double alpha : {0.6, 1.0, 1.3}) {
        const double capacity = 20000;
        const double exact = Queueing::cheHitRatio(n, alpha, capacity);
        const double grouped = Theory::cheHitRatio(n, alpha, capacity);
        QVERIFY2(std::abs(grouped - exact) < 1e-4,
                 qPrintable(
                     QStringLiteral("alpha %1: %2 vs %3").arg(alpha).arg(grouped).arg(exact)));
    }
}

void tst_QueueingTheory::cheEdges()
{
    QCOMPARE(Theory::cheHitRatio(100, 0.9, 0), 0.0);
    QCOMPARE(Theory::cheHitRatio(100, 0.9, 100), 1.0);
    QCOMPARE(Theory::cheHitRatio(0, 0.9, 10), 0.0);
    // more capacity, more hits; more skew, more hits
    QVERIFY(Theory::cheHitRatio(1000000, 0.8, 1000) < Theory::cheHitRatio(1000000, 0.8, 10000));
    QVERIFY(Theory::cheHitRatio(1000000, 0.8, 1000) < Theory::cheHitRatio(1000000, 1.2, 1000));
}

QTEST_GUILESS_MAIN(tst_QueueingTheory)

#include "tst_queueingtheory.moc"
