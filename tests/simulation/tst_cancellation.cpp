// SPDX-License-Identifier: GPL-3.0-or-later
// Cancellation: a run checks RunOptions::cancel and returns promptly, marked cancelled.

#include "Simulation.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace TestSupport;

namespace {

// 10^6 simulated seconds at 1000 requests/s: 10^9 requests per replication, minutes of
// work at any plausible speed, so a run that ends within a second was cancelled.
Sim::Spec hugeSpec()
{
    Sim::Spec spec = singleEntrySpec({cpuService("server", Sim::Distribution::exponential(0.5))},
                                     1000,
                                     1e6,
                                     10,
                                     5);
    spec.replications = 4;
    return spec;
}

// "Promptly": the engine looks at the flag every few thousand events (microseconds of
// work); one second leaves room for a loaded machine and thread start-up.
constexpr qint64 kPromptMs = 1000;

} // namespace

class tst_Cancellation : public QObject
{
    Q_OBJECT

private slots:
    void alreadyCancelled();
    void cancelledFromAnotherThread();
};

void tst_Cancellation::alreadyCancelled()
{
    const std::atomic<bool> cancel{true};
    Sim::RunOptions options;
    options.cancel = &cancel;
    QElapsedTimer timer;
    timer.start();
    const Sim::RunResult run = Sim::runSimulation(hugeSpec(), options);
    qInfo() << "returned after" << timer.elapsed() << "ms";
    QVERIFY(timer.elapsed() < kPromptMs);
    QVERIFY(run.cancelled);
}

void tst_Cancellation::cancelledFromAnotherThread()
{
    using Clock = std::chrono::steady_clock;
    std::atomic<bool> cancel{false};
    Sim::RunOptions options;
    options.cancel = &cancel;
    options.threads = 2;
    Clock::time_point cancelledAt;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancelledAt = Clock::now();
        cancel.store(true);
    });
    const Sim::RunResult run = Sim::runSimulation(hugeSpec(), options);
    const Clock::time_point returnedAt = Clock::now();
    stopper.join(); // after this, cancelledAt is safe to read
    const auto afterCancel
        = std::chrono::duration_cast<std::chrono::milliseconds>(returnedAt - cancelledAt).count();
    qInfo() << "returned" << afterCancel << "ms after the flag was set";
    QVERIFY(run.cancelled);
    QVERIFY(afterCancel < kPromptMs);
    // partial figures: some requests were simulated before the flag
    QVERIFY(run.events > 0);
}

QTEST_GUILESS_MAIN(tst_Cancellation)

#include "tst_cancellation.moc"
