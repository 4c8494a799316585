// A long day in one window: open, analyse and close a bundle 50 times, cancelling every other import midway,
// and check that the process comes back to where it was after the first cycles: live heap, threads and open
// file descriptors (RSS is printed, not checked: the allocator keeps freed pages for reuse).
//
// "Close" is what the workbench has for it: opening a session file replaces whatever is open (File ▸ Open,
// a drop or Open Recent with a .gdsession), here the session of the demo bundle with an incident selected, so
// every full cycle imports, analyses and restores the view (chart, incidents, detail, events, log viewer) and
// lets go of the previous import. Every other cycle adds a generated 64 MB access log to what is open and
// cancels that import once it has read some of it: the partial import is dropped, the loaded bundle stays.

#include "incidents/incidentworkbench.h"
#include "sessions/recoverycontroller.h"
#include "sessions/sessioncontroller.h"
#include "shell/importprogresswidget.h"
#include "shell/mainwindow.h"
#include "shell/workspace.h"
#include "timeline/timelinechart.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QDir>
#include <QElapsedTimer>
#include <QPixmapCache>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <cstddef>
#include <cstdio>

#if defined(__SANITIZE_ADDRESS__)
#define GD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GD_ASAN 1
#endif
#endif

#if defined(GD_ASAN)
#if __has_include(<sanitizer/allocator_interface.h>)
#include <sanitizer/allocator_interface.h>
#else
// GCC ships the sanitizer runtime with this function but not the header that declares it (LLVM's does).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kCycles = 50;
constexpr int kTimeoutMs = 120000;

/// What the process holds, from the allocator and the kernel. -1 where this system cannot tell.
struct ProcessFigures {
    qint64 heapBytes = -1; ///< bytes in live allocations
    qint64 rssKiB = -1;
    int threads = -1;
    int fds = -1;
};

/// Entries of a /proc folder, -1 when there is none (not Linux).
int countEntries(const QString& folder)
{
    const QDir dir(folder);
    return dir.exists() ? static_cast<int>(
                              dir.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size())
                        : -1;
}

/// The only system-specific part of the test: glibc's or AddressSanitizer's count of live heap bytes, and
/// Linux's /proc for RSS, threads and descriptors.
ProcessFigures measureProcess()
{
    ProcessFigures figures;
#if defined(GD_ASAN)
    figures.heapBytes = static_cast<qint64>(__sanitizer_get_current_allocated_bytes());
#elif defined(__GLIBC__)
    const struct mallinfo2 info = mallinfo2();
    figures.heapBytes = static_cast<qint64>(info.uordblks + info.hblkhd); // arenas in use + mmapped blocks
#endif
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                figures.rssKiB = line.mid(6).trimmed().split(' ').front().toLongLong();
        }
    }
    figures.threads = countEntries(QStringLiteral("/proc/self/task"));
    // Listing the folder opens one descriptor itself: the same in every measurement.
    figures.fds = countEntries(QStringLiteral("/proc/self/fd"));
    return figures;
}

/// Lets deferred deletes run and worker threads drop what their finished jobs captured; then empties
/// QPixmapCache, returning how many heap bytes that freed.
qint64 settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QTest::qWait(20);
    }
    const qint64 before = measureProcess().heapBytes;
    QPixmapCache::clear();
    return before - measureProcess().heapBytes;
}

void print(const char* label, const ProcessFigures& f, const ProcessFigures& baseline, qint64 elapsedMs)
{
    std::printf(
        "%-10s heap %8.2f MiB (%+8.1f KiB)  RSS %7.1f MiB (%+7.1f MiB)  threads %3d (%+d)  fds %3d (%+d)  "
        "%6lld ms\n",
        label, double(f.heapBytes) / (1 << 20), double(f.heapBytes - baseline.heapBytes) / 1024,
        double(f.rssKiB) / 1024, double(f.rssKiB - baseline.rssKiB) / 1024, f.threads,
        f.threads - baseline.threads, f.fds, f.fds - baseline.fds, static_cast<long long>(elapsedMs));
    std::fflush(stdout);
}

} // namespace

class TestLongSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        useTestSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("tst_longsession"));
        QSettings().clear();
        // Recovery files of this window go to the test's folder, never the user's.
        QSettings().setValue(QStringLiteral("recovery/folder"), dir_.filePath(QStringLiteral("recovery")));

        bigFolder_ = dir_.filePath(QStringLiteral("big"));
        QVERIFY(QDir().mkpath(bigFolder_ + QStringLiteral("/var/log/nginx")));
        QVERIFY(makeBigAccessLog(bigFolder_ + QStringLiteral("/var/log/nginx/access.log"), qint64(64) << 20));

        // The session every full cycle opens: the demo bundle, its first incident selected.
        session_ = dir_.filePath(QStringLiteral("demo.gdsession"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        settle();
        const qint64 empty = measureProcess().heapBytes;
        window.openInputs({demoBundle()});
        QTRY_VERIFY_WITH_TIMEOUT(analysed(window), kTimeoutMs);
        settle();
        demoHeldBytes_ = measureProcess().heapBytes - empty;
        std::printf("the demo bundle open, analysed and shown holds %lld KiB of heap\n",
                    demoHeldBytes_ / 1024);
        QVERIFY(!incidentsOf(window)->analysis()->incidents.empty());
        incidentsOf(window)->selectIncident(incidentsOf(window)->analysis()->incidents.front().id);
        QVERIFY(sessionsOf(window)->saveTo(session_));
        QVERIFY(window.close());
    }

    void openAnalyseAndCloseFiftyTimes()
    {
        QElapsedTimer clock;
        clock.start();
        MainWindow window;
        sessionsOf(window)->setSavePrompt(
            [](const QString&) { return SessionController::SaveAnswer::Discard; });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Workspace* workspace = workspaceOf(window);
        QSignalSpy restored(sessionsOf(window), &SessionController::restored);
        QSignalSpy cancelled(workspace, &Workspace::importCancelled);
        QSignalSpy progress(workspace, &Workspace::importProgress);
        auto* cancelButton =
            importProgressOf(window)->findChild<QToolButton*>(QStringLiteral("cancelImport"));
        QVERIFY(cancelButton);

        qint64 baselineHeap = -1;
        qint64 partialMax = 0; // the most heap a partial import held when it was cancelled
        int fullCycles = 0;
        int cancelledCycles = 0;
        const auto cycle = [&](int k) {
            if (k % 2 == 0) {
                // Open the session: the demo bundle replaces what is open, is analysed, its view restored.
                window.openInputs({session_});
                ++fullCycles;
                QTRY_COMPARE_WITH_TIMEOUT(restored.count(), fullCycles, kTimeoutMs);
                QVERIFY(restored.last().at(0).toBool());
                QTRY_VERIFY_WITH_TIMEOUT(analysed(window), kTimeoutMs);
                QCOMPARE(workspace->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
                return;
            }
            // Add the big log and cancel midway, with the progress's Cancel button.
            progress.clear();
            window.openInputs({bigFolder_});
            QVERIFY(workspace->isImporting());
            QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() &&
                                         progress.last().at(0).value<ImportProgress>().inputBytesDone > 0,
                                     kTimeoutMs);
            const auto seen = progress.last().at(0).value<ImportProgress>();
            QVERIFY2(
                seen.inputBytesDone < seen.inputBytesTotal,
                qPrintable(QStringLiteral("%1 of %2").arg(seen.inputBytesDone).arg(seen.inputBytesTotal)));
            if (baselineHeap >= 0)
                partialMax = std::max(partialMax, measureProcess().heapBytes - baselineHeap);
            QTest::mouseClick(cancelButton, Qt::LeftButton);
            ++cancelledCycles;
            QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), cancelledCycles, kTimeoutMs);
            QVERIFY(!workspace->isImporting());
            QCOMPARE(workspace->loadedInputs().paths(), QStringList{QDir::cleanPath(demoBundle())});
        };

        // Warm-up: the first cycles start the jobs' worker threads and fill Qt's caches (fonts, glyphs,
        // styles) and the allocator's arenas, all once per process.
        for (int k = 0; k < 4; ++k) {
            cycle(k);
            if (QTest::currentTestFailed())
                return;
        }
        // The window's recovery file is written shortly after the first change and keeps its lock file open
        // while the window lives: one descriptor for good, which the baseline must include.
        const auto* recovery = window.findChild<RecoveryController*>(QStringLiteral("recovery"));
        if (recovery)
            QTRY_VERIFY_WITH_TIMEOUT(!recovery->filePath().isEmpty(), kTimeoutMs);
        std::printf("pixmap cache at baseline: %lld KiB\n", settle() / 1024);
        const ProcessFigures baseline = measureProcess();
        print("baseline", baseline, baseline, clock.elapsed());
        baselineHeap = baseline.heapBytes;
        for (int k = 0; k < kCycles; ++k) {
            cycle(k);
            if (QTest::currentTestFailed())
                return;
            if ((k + 1) % 10 == 0) {
                std::printf("pixmap cache: %lld KiB\n", settle() / 1024);
                print(qPrintable(QStringLiteral("cycle %1").arg(k + 1)), measureProcess(), baseline,
                      clock.elapsed());
            }
        }
        settle();
        const ProcessFigures end = measureProcess();
        print("end", end, baseline, clock.elapsed());
        std::printf("a partial import held up to %lld KiB when cancelled\n", partialMax / 1024);
        QCOMPARE(fullCycles, 2 + kCycles / 2);
        QCOMPARE(cancelledCycles, 2 + kCycles / 2);

        // Threads: the window's jobs each keep their one worker from the first start; importers, parsers and
        // filters join theirs before they deliver. Nothing here uses QThreadPool, whose idle threads would
        // linger for 30 s: the count must be the warm window's exactly.
        if (baseline.threads < 0)
            QSKIP("this system has no /proc/self/task: threads and descriptors are not counted");
        QCOMPARE(end.threads, baseline.threads);
        QCOMPARE(end.fds, baseline.fds);
        // Heap: the same bundle is open, analysed and shown as at the baseline, so what is live should be
        // too. settle() empties QPixmapCache first: it is bounded (QPixmapCache::cacheLimit(), 10 MiB) and
        // the style's own pixmaps land there as widgets repaint. (This test found SourcesModel making a new
        // QIcon on every DecorationRole request, ~45 KiB of cache a cycle; it makes its icons once now.) What
        // is left grows by a few KiB a cycle: the cache's stale string keys, which Qt drops on its 30 s flush
        // timer, and the allocator's bookkeeping. 1 MiB is a sixth of what the demo bundle holds once open,
        // analysed and shown (~6 MiB) and an eighth of what a partial import holds when cancelled (~8 MiB,
        // both printed above): keeping one of either for good fails the check, while the test's own 50 cycles
        // stay well inside it (~260 KiB). Leaks of small objects are AddressSanitizer's to find (this test
        // runs under it too).
        if (baseline.heapBytes < 0)
            QSKIP("this allocator does not tell its live bytes: the heap is not compared");
        constexpr qint64 kToleranceBytes = 1 << 20;
        QVERIFY2(end.heapBytes - baseline.heapBytes < kToleranceBytes,
                 qPrintable(QStringLiteral("heap grew by %1 bytes").arg(end.heapBytes - baseline.heapBytes)));
    }

private:
    /// The open import is analysed and on the chart.
    static bool analysed(const MainWindow& window)
    {
        const IncidentWorkbench* bench = incidentsOf(window);
        const Workspace* workspace = workspaceOf(window);
        return !workspace->isImporting() && workspace->result() && bench->analysis() &&
               bench->analysedImport() == workspace->result() && bench->chart()->isReady();
    }

    QTemporaryDir dir_;
    QString bigFolder_;
    QString session_;
    qint64 demoHeldBytes_ = -1;
};

QTEST_MAIN(TestLongSession)
#include "tst_longsession.moc"
