// SPDX-License-Identifier: GPL-3.0-or-later
// WhatIfRunner: the short runs of the what-if sliders. A newer request cancels the run going
// on (the engine stops early) and only the newest run's figures come out; requests made in
// one turn of the event loop start one run; refused values and cancel() say so.
#include "ModelTestSupport.h"
#include "WhatIfRunner.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

using Ui::WhatIfRunner;

namespace {

const QString kRate = QStringLiteral("workload.arrivals.rate_per_s");

/** What the runner said, in order. */
struct Log
{
    QList<int> started;
    QList<int> finished;
    QList<Sim::RunResult> results;
    QList<QPair<int, bool>> stale;
    QList<Model::Problems> refused;

    explicit Log(WhatIfRunner &runner)
    {
        QObject::connect(&runner, &WhatIfRunner::started, [this](int g) { started << g; });
        QObject::connect(&runner,
                         &WhatIfRunner::finished,
                         [this](int g, const Sim::RunResult &r, double) {
                             finished << g;
                             results << r;
                         });
        QObject::connect(&runner, &WhatIfRunner::staleDropped, [this](int g, bool cancelled) {
            stale << qMakePair(g, cancelled);
        });
        QObject::connect(&runner, &WhatIfRunner::refused, [this](int, const Model::Problems &p) {
            refused << p;
        });
    }
};

double arrivalRate(const Sim::RunResult &r)
{
    const Sim::RequestResult *all = r.request("_all");
    return all ? all->arrived / (r.durationS - r.warmupS) : 0;
}

} // namespace

class tst_WhatIfRunner : public QObject
{
    Q_OBJECT

private slots:
    void aNewerRequestCancelsTheStaleRun()
    {
        const Model::Scenario shop = TestSupport::loadExample(
            QStringLiteral("shop-microservices.json"));
        WhatIfRunner runner;
        Log log(runner);
        // a long run: an hour of simulated time at 1,000 requests/s (3.6 million requests,
        // seconds of work) ...
        const int first = runner.request(shop, {{kRate, 1000}}, 3600);
        QTRY_COMPARE(log.started.size(), 1);
        QCOMPARE(log.started.first(), first);
        QTest::qWait(300); // the engine is well into it
        QVERIFY(runner.isBusy());
        // ... made stale by the next move of the slider: a short run at 50/s
        QElapsedTimer sinceMove;
        sinceMove.start();
        const int second = runner.request(shop, {{kRate, 50}}, 60);
        QVERIFY(second > first);
        QCOMPARE(runner.generation(), second);
        QTRY_VERIFY_WITH_TIMEOUT(!log.finished.isEmpty(), 60000);
        const qint64 waited = sinceMove.elapsed();
        QTest::qWait(200); // nothing more comes
        QVERIFY(!runner.isBusy());

        // the stale run was stopped by the engine, its figures dropped
        QCOMPARE(log.stale.size(), 1);
        QCOMPARE(log.stale.first().first, first);
        QVERIFY2(log.stale.first().second, "the stale run ran to its end instead of stopping");
        // only the newest run's figures came out: 60 s at 50/s, not an hour at 1,000/s
        QCOMPARE(log.finished, QList<int>{second});
        const Sim::RunResult &shown = log.results.first();
        QVERIFY(!shown.cancelled);
        QCOMPARE(shown.durationS, 60.0);
        // 50/s over the 54 s measured: 2,700 expected, sd 52; five sd is 10%
        QVERIFY2(std::fabs(arrivalRate(shown) - 50) < 5 * std::sqrt(2700.0) / 54,
                 qPrintable(QString::number(arrivalRate(shown))));
        QCOMPARE(log.started, (QList<int>{first, second}));
        // an hour at 1,000/s is 3.6 million requests, more than a second of work
        qInfo("newest figures %lld ms after the second request", waited);
    }

    void requestsOfOneTurnStartOneRun()
    {
        const Model::Scenario shop = TestSupport::loadExample(
            QStringLiteral("shop-microservices.json"));
        WhatIfRunner runner;
        Log log(runner);
        runner.request(shop, {{kRate, 100}}, 10);
        runner.request(shop, {{kRate, 200}}, 10);
        const int last = runner.request(shop, {{kRate, 300}}, 10);
        QTRY_VERIFY_WITH_TIMEOUT(!log.finished.isEmpty(), 60000);
        QCOMPARE(log.started, QList<int>{last});
        QCOMPARE(log.finished, QList<int>{last});
        QVERIFY(log.stale.isEmpty());
        QCOMPARE(log.results.first().durationS, 10.0);
    }

    void cancelDropsEverything()
    {
        const Model::Scenario shop = TestSupport::loadExample(
            QStringLiteral("shop-microservices.json"));
        WhatIfRunner runner;
        Log log(runner);
        const int g = runner.request(shop, {{kRate, 1000}}, 3600);
        QTRY_COMPARE(log.started.size(), 1);
        runner.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 60000);
        QCOMPARE(log.stale.size(), 1);
        QCOMPARE(log.stale.first(), qMakePair(g, true));
        QVERIFY(log.finished.isEmpty());

        // a request that has not started yet is dropped without a run
        runner.request(shop, {{kRate, 100}}, 10);
        runner.cancel();
        QTest::qWait(100);
        QCOMPARE(log.started.size(), 1);
        QVERIFY(!runner.isBusy());
    }

    void refusedValuesAreReported()
    {
        const Model::Scenario shop = TestSupport::loadExample(
            QStringLiteral("shop-microservices.json"));
        WhatIfRunner runner;
        Log log(runner);
        runner.request(shop, {{QStringLiteral("components[cart].replicas"), 0}}, 10);
        QTRY_COMPARE(log.refused.size(), 1);
        QVERIFY(log.finished.isEmpty());
        const Model::Problem &p = log.refused.first().first();
        QVERIFY2(p.message.contains(QStringLiteral("components[cart].replicas = 0")),
                 qPrintable(p.message));
    }
};

QTEST_MAIN(tst_WhatIfRunner)
#include "tst_whatifrunner.moc"
