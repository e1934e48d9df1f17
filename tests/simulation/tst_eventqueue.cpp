// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventQueue.h"

#include <QtTest>

#include <algorithm>
#include <random>
#include <vector>

class tst_EventQueue : public QObject
{
    Q_OBJECT

private slots:
    void popsInTimeOrder();
    void tiesGoInInsertionOrder();
    void interleavedPushPop();
};

void tst_EventQueue::popsInTimeOrder()
{
    Sim::EventQueue q;
    std::mt19937 gen(3);
    std::vector<Sim::Tick> times;
    for (int i = 0; i < 10000; ++i) {
        const Sim::Tick t = gen() % 100000;
        times.push_back(t);
        q.push(t, 0, static_cast<std::uint32_t>(i));
    }
    std::sort(times.begin(), times.end());
    for (Sim::Tick t : times)
        QCOMPARE(q.pop().time, t);
    QVERIFY(q.empty());
}

void tst_EventQueue::tiesGoInInsertionOrder()
{
    Sim::EventQueue q;
    for (std::uint32_t i = 0; i < 100; ++i)
        q.push(42, 0, i);
    for (std::uint32_t i = 0; i < 100; ++i)
        QCOMPARE(q.pop().a, i);
}

void tst_EventQueue::interleavedPushPop()
{
    // the classic "hold" pattern of a simulation: pop one, push one later
    Sim::EventQueue q;
    std::mt19937 gen(5);
    for (int i = 0; i < 64; ++i)
        q.push(static_cast<Sim::Tick>(gen() % 1000), 0, 0);
    Sim::Tick last = 0;
    for (int i = 0; i < 100000; ++i) {
        const Sim::Event e = q.pop();
        QVERIFY(e.time >= last);
        last = e.time;
        q.push(e.time + 1 + static_cast<Sim::Tick>(gen() % 1000), 0, 0);
    }
    QCOMPARE(q.size(), 64u);
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_eventqueue.moc"
