// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunController.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using Ui::LiveBucket;
using Ui::RunController;

namespace {

/** M/M/1 at utilisation 0.8 (exponential 1 ms service, 800 arrivals/s). */
Sim::Spec mm1(double durationS, double warmupS, std::uint64_t seed = 3)
{
    return TestSupport::singleEntrySpec({TestSupport::cpuService("server",
                                                                 Sim::Distribution::exponential(
                                                                     1))},
                                        800,
                                        durationS,
                                        warmupS,
                                        seed);
}

} // namespace

class tst_RunController : public QObject
{
    Q_OBJECT

private slots:
    void resultEqualsDirectRun();
    void streamsLiveBucketsAndProgress();
    void liveKeysDropDuplicates();
    void refusesASecondRun();
    void cancelEndsTheRun();
    void destroyingWhileRunningCancels();
};

void tst_RunController::resultEqualsDirectRun()
{
    const Sim::Spec spec = mm1(10, 1);
    RunController controller;
    QSignalSpy started(&controller, &RunController::started);
    QSignalSpy finished(&controller, &RunController::finished);
    QSignalSpy failed(&controller, &RunController::failed);
    QVERIFY(controller.start(spec));
    QCOMPARE(started.count(), 1);
    QVERIFY(controller.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 60000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);

    const Sim::RunResult expected = Sim::runSimulation(spec);
    const Sim::RunResult &actual = controller.result();
    QVERIFY(!actual.cancelled);
    QCOMPARE(actual.requests.size(), expected.requests.size());
    QVERIFY(actual.requests.front().latencyMs.mean == expected.requests.front().latencyMs.mean);
    QVERIFY(actual.requests.front().completed == expected.requests.front().completed);
    QCOMPARE(actual.events, expected.events);
}

void tst_RunController::streamsLiveBucketsAndProgress()
{
    Sim::Spec spec = mm1(20, 2);
    spec.bucketS = 1;
    RunController controller;
    controller.setLiveKeys(
        {QStringLiteral("requests._all.throughput_per_s"), QStringLiteral("no.such.series")});
    QList<LiveBucket> buckets;
    connect(&controller,
            &RunController::liveBuckets,
            this,
            [&buckets](const QList<LiveBucket> &more) { buckets += more; });
    QSignalSpy progress(&controller, &RunController::progressChanged);
    QVERIFY(controller.start(spec));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 60000);

    QVERIFY(!progress.isEmpty());
    QCOMPARE(buckets.size(), 20);
    for (int i = 0; i < buckets.size(); ++i) {
        QCOMPARE(buckets.at(i).values.size(), 2);
        QCOMPARE(buckets.at(i).keys, controller.liveKeys()); // each bucket says what it holds
        QCOMPARE(buckets.at(i).indexOf(QStringLiteral("no.such.series")), 1);
        QVERIFY(buckets.at(i).tS > (i == 0 ? 0 : buckets.at(i - 1).tS));
        QVERIFY(std::isnan(buckets.at(i).values.at(1)));
    }
    // After the warm-up, the live throughput is that of the final series of replication 0.
    const Sim::SeriesColumn *throughput = controller.result().series.column(
        "requests._all.throughput_per_s");
    QVERIFY(throughput);
    QCOMPARE(throughput->values.size(), size_t(20));
    QVERIFY(buckets.last().values.at(0) == throughput->values.back());
    QVERIFY(buckets.last().values.at(0) > 600 && buckets.last().values.at(0) < 1000);
}

void tst_RunController::liveKeysDropDuplicates()
{
    // the main window passes the union of several charts' keys
    RunController controller;
    controller.setLiveKeys({QStringLiteral("a"),
                            QStringLiteral("b"),
                            QStringLiteral("a"),
                            QStringLiteral("c"),
                            QStringLiteral("b")});
    QCOMPARE(controller.liveKeys(),
             QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void tst_RunController::refusesASecondRun()
{
    RunController controller;
    QVERIFY(controller.start(mm1(1e7, 0)));
    QVERIFY(!controller.start(mm1(1, 0)));
    controller.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 20000);
    QVERIFY(controller.result().cancelled);
}

void tst_RunController::cancelEndsTheRun()
{
    RunController controller;
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(mm1(1e7, 0)));
    QTest::qWait(200);
    QVERIFY(controller.isRunning());
    controller.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 20000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(controller.result().cancelled);
    QVERIFY(controller.result().durationS > 0);

    // The controller can run again afterwards.
    QVERIFY(controller.start(mm1(1, 0)));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 20000);
    QVERIFY(!controller.result().cancelled);
}

void tst_RunController::destroyingWhileRunningCancels()
{
    QElapsedTimer clock;
    clock.start();
    {
        RunController controller;
        QVERIFY(controller.start(mm1(1e7, 0)));
        QTest::qWait(100);
    }
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(tst_RunController)
#include "tst_runcontroller.moc"
