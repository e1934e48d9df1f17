// SPDX-License-Identifier: GPL-3.0-or-later
// TimeIntegral keeps its area by parts (level x T - sum of step x time); checked here against
// the area summed interval by interval, written out independently in the test.
#include "Statistics.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

/** The reference: the area summed interval by interval, as the engine once kept it. */
struct IntervalSum
{
    double area = 0, level = 0;
    Sim::Tick last = 0;
    void set(Sim::Tick now, double l)
    {
        area += level * static_cast<double>(now - last);
        last = now;
        level = l;
    }
    double areaAt(Sim::Tick now) const { return area + level * static_cast<double>(now - last); }
};

} // namespace

class tst_TimeIntegral : public QObject
{
    Q_OBJECT

private slots:
    void wholeLevelsAreExact();
    void fractionalLevelsAgree();
    void areaBetweenSnapshots();
    void setGivesTheLevelExactly();
};

void tst_TimeIntegral::wholeLevelsAreExact()
{
    // an M/M/1-like walk of +1/-1 steps over 2000 s in nanoseconds: every term and sum is a
    // whole number below 2^53, so both ways give the same double, bit for bit
    std::mt19937_64 rng(7);
    std::exponential_distribution<double> gap(1.0 / 1e6); // mean 1 ms
    Sim::TimeIntegral t;
    IntervalSum ref;
    Sim::Tick now = 0;
    int level = 0;
    for (int k = 0; k < 1000000; ++k) {
        now += static_cast<Sim::Tick>(gap(rng)) + 1;
        const int step = (level == 0 || (rng() & 1)) ? 1 : -1;
        level += step;
        t.add(now, step);
        ref.set(now, level);
        if (k % 99991 == 0)
            QCOMPARE(t.areaAt(now + 17), ref.areaAt(now + 17));
    }
    QVERIFY(now > 900'000'000'000); // past 900 s
    QCOMPARE(t.level(), static_cast<double>(level));
    QCOMPARE(t.areaAt(now), ref.areaAt(now));
    QCOMPARE(t.areaAt(now + 123456789), ref.areaAt(now + 123456789));
}

void tst_TimeIntegral::fractionalLevelsAgree()
{
    // busy cores of a replica with 1.5 cores: min(tasks, 1.5); the two ways round differently,
    // by about one part in 2^52 per step at most
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<Sim::Tick> gap(1, 3'000'000);
    Sim::TimeIntegral t;
    IntervalSum ref;
    Sim::Tick now = 0;
    int tasks = 0;
    const int steps = 200000;
    for (int k = 0; k < steps; ++k) {
        now += gap(rng);
        tasks = std::max(0, tasks + ((rng() % 3 == 0) ? -1 : 1) * (tasks > 5 ? -1 : 1));
        const double level = std::min(static_cast<double>(tasks), 1.5);
        t.set(now, level);
        ref.set(now, level);
    }
    const double expected = ref.areaAt(now);
    QVERIFY(expected > 1e11);
    // each of the `steps` products and sums rounds by at most half an ulp of the largest
    // magnitude involved (level x now < 1.5 x now)
    const double bound = steps * std::ldexp(1.5 * static_cast<double>(now), -52);
    QVERIFY2(std::abs(t.areaAt(now) - expected) <= bound,
             qPrintable(QStringLiteral("%1 vs %2, bound %3")
                            .arg(t.areaAt(now), 0, 'g', 17)
                            .arg(expected, 0, 'g', 17)
                            .arg(bound)));
}

void tst_TimeIntegral::areaBetweenSnapshots()
{
    // level 2 over [10, 30), 5 over [30, 40), 0 after: the area over [20, 50) is 20 + 50
    Sim::TimeIntegral t;
    t.set(10, 2);
    const double at20 = t.areaAt(20);
    t.add(30, 3);
    t.set(40, 0);
    QCOMPARE(at20, 20.0);
    QCOMPARE(t.areaAt(50) - at20, 70.0);
    QCOMPARE(t.areaAt(40), t.areaAt(50));
    QCOMPARE(t.level(), 0.0);
}

void tst_TimeIntegral::setGivesTheLevelExactly()
{
    // 0.2 + (0.05 - 0.2) is 0.04999999999999999 in doubles: set() must not step by a
    // difference, or a level of 0.05 would be kept as another and drift into the area
    Sim::TimeIntegral t;
    t.set(5, 0.2);
    t.set(10, 0.05);
    QVERIFY(t.level() == 0.05);
    t.set(20, 0.0);
    QVERIFY(t.level() == 0.0);
    QVERIFY(t.areaAt(1000) == t.areaAt(20));
}

QTEST_GUILESS_MAIN(tst_TimeIntegral)
#include "tst_timeintegral.moc"
