// SPDX-License-Identifier: GPL-3.0-or-later
// BackgroundJob: work on a worker thread that reports its progress (in stages) and a note to
// the GUI thread, stops when cancelled, reports an exception as failed(), runs one at a time
// and waits for its worker when destroyed.
#include "BackgroundJob.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>

using Ui::BackgroundJob;

class tst_BackgroundJob : public QObject
{
    Q_OBJECT

private slots:
    void progressInStagesOnlyGrows()
    {
        BackgroundJob::Progress p;
        p.setStage(0, 0.5);
        p.onProgress(0.5);
        QCOMPARE(p.value(), 0.25);
        p.onProgress(0.2); // another replication behind: the whole does not go back
        QCOMPARE(p.value(), 0.25);
        p.setStage(0.5, 1);
        QCOMPARE(p.value(), 0.5);
        p.onProgress(1);
        QCOMPARE(p.value(), 1.0);
        p.setNote(QStringLiteral("point 3"));
        QCOMPARE(p.note(), QStringLiteral("point 3"));
    }

    void runsReportsAndFinishes()
    {
        BackgroundJob job(QStringLiteral("test job"));
        QSignalSpy started(&job, &BackgroundJob::started);
        QSignalSpy progress(&job, &BackgroundJob::progressChanged);
        QSignalSpy note(&job, &BackgroundJob::noteChanged);
        QSignalSpy finished(&job, &BackgroundJob::finished);
        std::atomic<bool> go{false};
        int result = 0;
        QVERIFY(job.start([&](const std::atomic<bool> &, BackgroundJob::Progress &p) {
            p.setNote(QStringLiteral("half way"));
            p.onProgress(0.5);
            while (!go.load())
                std::this_thread::yield();
            result = 42;
        }));
        QCOMPARE(started.size(), 1);
        QVERIFY(job.isRunning());
        QVERIFY(!job.start([](const std::atomic<bool> &, BackgroundJob::Progress &) {}));
        QTRY_VERIFY(!note.isEmpty());
        QCOMPARE(note.last().first().toString(), QStringLiteral("half way"));
        QTRY_VERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().toDouble(), 0.5);
        go.store(true);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!job.isRunning());
        QVERIFY(!job.wasCancelled());
        QCOMPARE(result, 42);
    }

    void cancelStopsTheWork()
    {
        BackgroundJob job(QStringLiteral("test job"));
        QSignalSpy finished(&job, &BackgroundJob::finished);
        bool sawCancel = false;
        QVERIFY(job.start([&](const std::atomic<bool> &cancel, BackgroundJob::Progress &) {
            while (!cancel.load())
                std::this_thread::yield();
            sawCancel = true;
        }));
        job.cancel();
        QVERIFY(job.wasCancelled());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(sawCancel);
    }

    void anExceptionFails()
    {
        BackgroundJob job(QStringLiteral("test job"));
        QSignalSpy finished(&job, &BackgroundJob::finished);
        QSignalSpy failed(&job, &BackgroundJob::failed);
        QVERIFY(job.start([](const std::atomic<bool> &, BackgroundJob::Progress &) {
            throw std::runtime_error("out of tea");
        }));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().toString(), QStringLiteral("out of tea"));
        QVERIFY(finished.isEmpty());
    }

    void destroyingCancelsAndWaits()
    {
        auto job = std::make_unique<BackgroundJob>(QStringLiteral("test job"));
        std::atomic<bool> ended{false};
        QVERIFY(job->start([&](const std::atomic<bool> &cancel, BackgroundJob::Progress &) {
            while (!cancel.load())
                std::this_thread::yield();
            ended.store(true);
        }));
        job.reset();
        QVERIFY(ended.load());
    }
};

QTEST_GUILESS_MAIN(tst_BackgroundJob)
#include "tst_backgroundjob.moc"
