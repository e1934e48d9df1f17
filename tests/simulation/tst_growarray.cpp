// SPDX-License-Identifier: GPL-3.0-or-later
#include "GrowArray.h"

#include <QtTest>

#include <cstdint>
#include <thread>
#include <vector>

using Sim::Internal::GrowArray;

class tst_GrowArray : public QObject
{
    Q_OBJECT

private slots:
    void keepsItsItemsAsItGrows();
    void capacityDoublesAsAVectorDoes();
    void growsInPlace();
    void nextArrayOfTheThreadTakesTheBlockBack();
    void poolsAndThreadsKeepTheirOwn();
};

namespace {

struct Item
{
    std::uint64_t a = 7;
    std::uint32_t b = 0xffffffffu;
    double c = 0.5;
};

} // namespace

void tst_GrowArray::keepsItsItemsAsItGrows()
{
    GrowArray<Item, 14> items;
    const std::size_t n = 3'000'000; // 72 MB: past the first 2 MiB, in huge pages
    for (std::size_t i = 0; i < n; ++i) {
        items.emplace_back();
        QCOMPARE(items.back().a, std::uint64_t{7}); // value-initialised
        QCOMPARE(items.back().b, 0xffffffffu);
        items.back().a = i;
    }
    QCOMPARE(items.size(), n);
    for (std::size_t i = 0; i < n; i += 997)
        QCOMPARE(items[i].a, std::uint64_t(i));
    QCOMPARE(items[n - 1].a, std::uint64_t(n - 1));
    items.pop_back();
    QCOMPARE(items.size(), n - 1);
    QCOMPARE(items.back().a, std::uint64_t(n - 2));
}

void tst_GrowArray::capacityDoublesAsAVectorDoes()
{
    // the engine's memory accounting counts capacity(): it must be a vector's
    GrowArray<std::uint32_t, 14> array;
    std::vector<std::uint32_t> vector;
    QCOMPARE(array.capacity(), vector.capacity());
    for (std::uint32_t i = 0; i < 100'000; ++i) {
        array.push_back(i);
        vector.push_back(i);
        QCOMPARE(array.capacity(), vector.capacity());
        if (i % 3 == 0) {
            array.pop_back();
            vector.pop_back();
        }
        QCOMPARE(array.size(), vector.size());
    }
}

void tst_GrowArray::growsInPlace()
{
    GrowArray<std::uint64_t, 14> array;
    array.push_back(1);
    const std::uint64_t *first = &array[0];
    for (std::uint64_t i = 0; i < 5'000'000; ++i)
        array.push_back(i);
    QCOMPARE(&array[0], first); // no copy: the address of the items never changed
}

void tst_GrowArray::nextArrayOfTheThreadTakesTheBlockBack()
{
    const std::uint64_t *where = nullptr;
    {
        GrowArray<std::uint64_t, 15> a;
        for (std::uint64_t i = 0; i < 1'000'000; ++i)
            a.push_back(i);
        where = &a[0];
    }
    GrowArray<std::uint64_t, 15> b;
    b.push_back(42);
    QCOMPARE(&b[0], where); // the block of the array before, with its pages
    QCOMPARE(b.size(), std::size_t{1});
    QCOMPARE(b.capacity(), std::size_t{1}); // counted as new all the same
    QCOMPARE(b[0], std::uint64_t{42});
}

void tst_GrowArray::poolsAndThreadsKeepTheirOwn()
{
    const std::uint64_t *where = nullptr;
    {
        GrowArray<std::uint64_t, 15> a;
        a.push_back(1);
        where = &a[0];
    }
    {
        GrowArray<std::uint64_t, 14> otherPool; // another pool: not pool 15's block
        otherPool.push_back(2);
        QVERIFY(&otherPool[0] != where);
    }
    const std::uint64_t *onOtherThread = nullptr;
    std::thread t([&onOtherThread] {
        GrowArray<std::uint64_t, 15> c;
        c.push_back(3);
        onOtherThread = &c[0];
    });
    t.join();
    QVERIFY(onOtherThread != where); // that thread had nothing kept, so a new block
    GrowArray<std::uint64_t, 15> d;
    d.push_back(4);
    QCOMPARE(&d[0], where); // still kept for this thread
}

QTEST_GUILESS_MAIN(tst_GrowArray)
#include "tst_growarray.moc"
