// LatestJob, the one way the workbench runs background work: only the newest generation delivers,
// a superseded one is told to stop (and one not yet begun never runs), deliveries die with their
// context, and destruction waits for a running generation after cancelling it.

#include "jobs/latestjob.h"

#include <QCoreApplication>
#include <QTest>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using gd::LatestJob;

namespace {

constexpr int kTimeoutMs = 10000;

/// Spins until `run` is cancelled, then returns (a long job that stops cooperatively).
void waitForCancel(const LatestJob::Run& run, std::atomic<bool>& started)
{
    started = true;
    while (!run.isCancelled())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

/// Waits for `flag` without running the event loop, so posted deliveries stay queued.
void waitWithoutEvents(const std::atomic<bool>& flag)
{
    while (!flag)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace

class TestLatestJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversOnTheUiThread()
    {
        QObject context;
        LatestJob job(&context);
        std::vector<int> delivered;
        std::thread::id deliveredOn;
        job.start([&](const LatestJob::Run& run) {
            run.deliver([&] {
                deliveredOn = std::this_thread::get_id();
                delivered.push_back(1);
            });
            run.deliver([&] { delivered.push_back(2); }); // a follow-up of the same generation
        });
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), std::size_t{2}, kTimeoutMs);
        QCOMPARE(delivered, (std::vector<int>{1, 2}));
        QCOMPARE(deliveredOn, std::this_thread::get_id());
    }

    void onlyTheNewestDelivers()
    {
        QObject context;
        LatestJob job(&context);
        std::atomic<bool> firstStarted{false};
        std::atomic<bool> release{false};
        std::atomic<bool> firstSawCancel{false};
        std::atomic<bool> secondRan{false};
        std::vector<int> delivered;
        int cancelHooks = 0;
        job.start(
            [&](const LatestJob::Run& run) {
                firstStarted = true;
                while (!release)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                firstSawCancel = run.isCancelled();
                run.deliver([&] { delivered.push_back(1); }); // superseded: dropped
            },
            [&] { ++cancelHooks; });
        QTRY_VERIFY_WITH_TIMEOUT(firstStarted, kTimeoutMs);
        // Queued behind the running first generation and superseded before it begins: never runs.
        job.start([&](const LatestJob::Run&) { secondRan = true; });
        QCOMPARE(cancelHooks, 1);
        job.start([&](const LatestJob::Run& run) { run.deliver([&] { delivered.push_back(3); }); });
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), std::size_t{1}, kTimeoutMs);
        QTest::qWait(50);
        QCOMPARE(delivered, std::vector<int>{3});
        QVERIFY(firstSawCancel);
        QVERIFY(!secondRan);
        QCOMPARE(cancelHooks, 1); // once, when it was superseded
    }

    void cancelDropsWhatIsPosted()
    {
        QObject context;
        LatestJob job(&context);
        std::atomic<bool> posted{false};
        bool delivered = false;
        job.start([&](const LatestJob::Run& run) {
            run.deliver([&] { delivered = true; });
            posted = true;
        });
        waitWithoutEvents(posted); // the delivery stays queued
        job.cancel();              // before the event loop ran the delivery
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void nothingReachesADeletedContext()
    {
        auto context = std::make_unique<QObject>();
        LatestJob job(context.get());
        std::atomic<bool> posted{false};
        bool delivered = false;
        job.start([&](const LatestJob::Run& run) {
            run.deliver([&] { delivered = true; });
            posted = true;
        });
        waitWithoutEvents(posted); // the delivery stays queued
        context.reset();
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void destructionCancelsAndJoins()
    {
        std::atomic<bool> started{false};
        std::atomic<bool> finished{false};
        int cancelHooks = 0;
        {
            QObject context;
            LatestJob job(&context);
            job.start(
                [&](const LatestJob::Run& run) {
                    waitForCancel(run, started);
                    finished = true;
                },
                [&] { ++cancelHooks; });
            QTRY_VERIFY_WITH_TIMEOUT(started, kTimeoutMs);
        }
        QVERIFY(finished); // joined, not abandoned
        QCOMPARE(cancelHooks, 1);
        QCoreApplication::processEvents(); // and no delivery is left behind
    }

    void idleJobStartsNoThread()
    {
        QObject context;
        LatestJob job(&context); // created and destroyed without work: nothing to join
        job.cancel();
    }
};

QTEST_GUILESS_MAIN(TestLatestJob)
#include "tst_latestjob.moc"
