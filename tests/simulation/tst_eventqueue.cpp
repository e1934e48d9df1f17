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
    void sameOrderAsAHeap_data();
    void sameOrderAsAHeap();
    void manyPendingUseRungs();
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

namespace {

/** The order of a single heap on (time, seq): what the ladder must reproduce exactly. */
struct Reference
{
    std::vector<std::pair<Sim::Tick, std::uint64_t>> heap;
    void push(Sim::Tick t, std::uint64_t seq)
    {
        heap.emplace_back(t, seq);
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
    }
    std::pair<Sim::Tick, std::uint64_t> pop()
    {
        std::pop_heap(heap.begin(), heap.end(), std::greater<>());
        const auto top = heap.back();
        heap.pop_back();
        return top;
    }
};

} // namespace

void tst_EventQueue::sameOrderAsAHeap_data()
{
    QTest::addColumn<int>("pattern");
    QTest::newRow("hold, exponential delays") << 0;
    QTest::newRow("hold, constant delay") << 1;
    QTest::newRow("bursts at one instant") << 2;
    QTest::newRow("near and far (timers hours ahead)") << 3;
    QTest::newRow("growing then draining") << 4;
}

void tst_EventQueue::sameOrderAsAHeap()
{
    // Every pop, in a long mixed run of pushes and pops, gives the same (time, seq) as a
    // reference binary heap; a third of the time the next event is checked against one held
    // outside (the engine's next arrival) with runsBeforeTop first.
    QFETCH(int, pattern);
    Sim::EventQueue q;
    Reference ref;
    std::mt19937_64 gen(11 + static_cast<unsigned>(pattern));
    std::exponential_distribution<double> exp(1.0);
    Sim::Tick now = 0;
    std::uint64_t seq = 0;
    auto push = [&](Sim::Tick t) {
        q.push(t, 0, static_cast<std::uint32_t>(seq));
        ref.push(t, seq++);
    };
    for (int i = 0; i < 3; ++i)
        push(static_cast<Sim::Tick>(3600e9 * (i + 1))); // far timers, as EvEnd is
    const int steps = 300000;
    for (int step = 0; step < steps; ++step) {
        const int target = pattern == 4 ? (step < steps / 2 ? 50000 : 10) : 20000;
        const int pushes = static_cast<int>(ref.heap.size()) < target ? 2 : 1;
        for (int k = 0; k < pushes; ++k) {
            Sim::Tick delay = 0;
            switch (pattern) {
            case 0:
            case 4:
                delay = static_cast<Sim::Tick>(exp(gen) * 5e8);
                break;
            case 1:
                delay = 500'000'000;
                break;
            case 2:
                delay = gen() % 4 == 0 ? 0 : static_cast<Sim::Tick>(1'000'000 * (gen() % 3));
                break;
            case 3:
                delay = gen() % 100 == 0 ? static_cast<Sim::Tick>(gen() % 7'200'000'000'000)
                                         : static_cast<Sim::Tick>(exp(gen) * 1e6);
                break;
            }
            push(now + delay);
        }
        if (ref.heap.empty())
            continue;
        const auto expected = ref.pop();
        if (step % 3 == 0) {
            // an outside event just after the top never runs first; one just before does
            QVERIFY(!q.runsBeforeTop(expected.first, expected.second + 1)
                    || expected.second + 1 == seq);
            QVERIFY(q.runsBeforeTop(expected.first, expected.second > 0 ? expected.second - 1 : 0)
                    || expected.second == 0);
        }
        const Sim::Event e = q.pop();
        QCOMPARE(e.time, expected.first);
        QCOMPARE(e.seq, expected.second);
        now = e.time;
    }
    while (!ref.heap.empty()) {
        const auto expected = ref.pop();
        const Sim::Event e = q.pop();
        QCOMPARE(e.time, expected.first);
        QCOMPARE(e.seq, expected.second);
    }
    QVERIFY(q.empty());
}

void tst_EventQueue::manyPendingUseRungs()
{
    // a million pending events spread over half a second: the bottom stays small because
    // the rest sit in rungs
    Sim::EventQueue q;
    std::mt19937 gen(7);
    for (int i = 0; i < 1'000'000; ++i)
        q.push(static_cast<Sim::Tick>(gen() % 500'000'000), 0, 0);
    Sim::Tick last = 0;
    for (int i = 0; i < 1000; ++i) {
        const Sim::Event e = q.pop();
        QVERIFY(e.time >= last);
        last = e.time;
    }
    QVERIFY(q.rungs() >= 1);
    QCOMPARE(q.size(), std::size_t{999'000});
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_eventqueue.moc"
