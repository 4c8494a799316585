// The workbench window end to end on the offscreen platform: a bundle dropped on the window is
// imported in the background and listed, sources added later re-import the union, pasted lines
// become a source, a big import can be cancelled, and the event loop keeps running meanwhile.

#include "events/eventspanel.h"
#include "incidents/incidentworkbench.h"
#include "logviewer/logviewer.h"
#include "shell/collectscriptdialog.h"
#include "shell/importprogresswidget.h"
#include "shell/mainwindow.h"
#include "shell/workbenchactions.h"
#include "shell/workspace.h"
#include "sources/sourcesmodel.h"
#include "sources/sourcespanel.h"
#include "timeline/timelinechart.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QClipboard>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>

using namespace gd;
using namespace gdtest;

namespace {

constexpr int kSmallImportTimeoutMs = 30000;
constexpr int kBigImportTimeoutMs = 300000;

} // namespace

class TestMainWindowImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(settingsDir_.isValid());
        gdtest::useTestSettings(settingsDir_.path(), QStringLiteral("tst_mainwindow_import"));
        bundle_ = makeBundle(dir_.path());
        QVERIFY(!bundle_.isEmpty());
        extraLog_ = dir_.filePath(QStringLiteral("extra/php83-fpm-error.log"));
        QVERIFY(writeFile(extraLog_, fpmLog()));
        QElapsedTimer clock;
        clock.start();
        bigLog_ = dir_.filePath(QStringLiteral("big/access.log"));
        QDir().mkpath(dir_.filePath(QStringLiteral("big")));
        QVERIFY(makeBigAccessLog(bigLog_, qint64(200) << 20));
        qInfo("generated a %lld MB access log in %lld ms", QFileInfo(bigLog_).size() >> 20,
              static_cast<long long>(clock.elapsed()));
    }

    void init() { QSettings().clear(); }

    void dropOpensBundle()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);

        // Dropped over a child widget: the window takes it all the same.
        QVERIFY(drop(sourcesPanelOf(window)->view()->viewport(), {bundle_}));
        QVERIFY(workspaceOf(window)->isImporting());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSmallImportTimeoutMs);
        QVERIFY(!workspaceOf(window)->isImporting());
        QVERIFY(importProgressOf(window)->isHidden());

        const SourcesModel& model = *sourcesPanelOf(window)->model();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(SourcesModel::FullPathRole).toString(), bundle_);
        for (const char* member :
             {"!/var/log/nginx/access.log", "!/var/log/nginx/error.log", "!/var/log/php/php83-fpm-error.log",
              "!/var/log/picture.png", "!/etc/timezone"})
            QVERIFY2(findPath(model, bundle_ + QLatin1String(member)).isValid(), member);
        QVERIFY(window.windowTitle().contains(QStringLiteral("bundle.tar.gz")));
        QCOMPARE(window.timeDisplay().serverZone().text(), QStringLiteral("Europe/Amsterdam"));
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), QStringList{bundle_});

        // An event activated in the events panel is shown in the log viewer below it.
        const auto& sources = workspaceOf(window)->result()->sources;
        const auto access = std::find_if(sources.begin(), sources.end(), [](const SourceInfo& source) {
            return source.path.endsWith(QStringLiteral("nginx/access.log"));
        });
        QVERIFY(access != sources.end());
        QSignalSpy shown(logViewerOf(window), &LogViewer::linesShown);
        Q_EMIT eventsPanelOf(window)->eventActivated(static_cast<std::uint16_t>(access - sources.begin()), 3);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, kSmallImportTimeoutMs);
        QCOMPARE(logViewerOf(window)->markedLine(), 3u);
        QVERIFY2(logViewerOf(window)->markedLineText().contains(QStringLiteral("/admin/reports/updates")),
                 qPrintable(logViewerOf(window)->markedLineText()));

        // What it looks like, for people reviewing the change.
        sourcesPanelOf(window)->view()->expandAll();
        QTest::qWait(50);
        const QString shot = QStringLiteral(GD_BINARY_DIR "/tests/ui/mainwindow-after-import.png");
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
    }

    void dropOfTextIsRefused()
    {
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setText(bundle_);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
        QVERIFY(!workspaceOf(window)->isImporting());
        QVERIFY(window.grab().save(QStringLiteral(GD_BINARY_DIR "/tests/ui/mainwindow-empty.png")));
    }

    void addingSourcesReimportsTheUnion()
    {
        MainWindow window;
        window.show();
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        window.openInputs({bundle_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSmallImportTimeoutMs);
        QCOMPARE(workspaceOf(window)->result()->sources.size(), std::size_t{3});

        window.openInputs({extraLog_, bundle_}); // the bundle is already open: only the log is new
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSmallImportTimeoutMs);
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), (QStringList{bundle_, extraLog_}));
        QCOMPARE(workspaceOf(window)->result()->sources.size(), std::size_t{4});
        const SourcesModel& model = *sourcesPanelOf(window)->model();
        QVERIFY(findPath(model, extraLog_).isValid());
        QVERIFY(findPath(model, bundle_ + QStringLiteral("!/var/log/nginx/access.log")).isValid());

        // Nothing new: no import.
        window.openInputs({bundle_});
        QVERIFY(!workspaceOf(window)->isImporting());
    }

    void pastedLinesBecomeASource()
    {
        MainWindow window;
        window.show();
        QClipboard* clipboard = QGuiApplication::clipboard();
        clipboard->setText(QString::fromUtf8(fpmLog()));
        if (clipboard->text().isEmpty())
            QSKIP("this platform has no clipboard");
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        window.pasteLogLines();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSmallImportTimeoutMs);

        const QStringList paths = allPaths(*sourcesPanelOf(window)->model());
        const auto pasted = std::find_if(paths.begin(), paths.end(), [](const QString& path) {
            return path.endsWith(QStringLiteral("/pasted-1.log"));
        });
        QVERIFY2(pasted != paths.end(), qPrintable(paths.join(u'\n')));
        const QModelIndex row = findPath(*sourcesPanelOf(window)->model(), *pasted);
        QCOMPARE(cell(row, SourcesModel::KindColumn), QStringLiteral("PHP-FPM log"));
        QCOMPARE(cell(row, SourcesModel::EventsColumn), QStringLiteral("2"));
        // Pasted text lives in a temporary folder: not a recent file.
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), QStringList());

        // An empty clipboard says so in the status bar and imports nothing.
        clipboard->setText(QString());
        window.pasteLogLines();
        QVERIFY(!workspaceOf(window)->isImporting());
        QVERIFY(!window.statusBar()->currentMessage().isEmpty());
    }

    void cancelBigImportReturnsToIdle()
    {
        MainWindow window;
        window.show();
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        QSignalSpy cancelled(workspaceOf(window), &Workspace::importCancelled);
        QSignalSpy progress(workspaceOf(window), &Workspace::importProgress);
        window.openInputs({bundle_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSmallImportTimeoutMs);

        LoopGapMeter meter;
        window.openInputs({bigLog_});
        QVERIFY(!importProgressOf(window)->isHidden());
        // Midway: once some bytes were read.
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() &&
                                     progress.last().at(0).value<ImportProgress>().inputBytesDone > 0,
                                 kBigImportTimeoutMs);
        const auto seen = progress.last().at(0).value<ImportProgress>();
        qInfo("cancelling at %llu of %llu bytes; progress says: %s",
              static_cast<unsigned long long>(seen.inputBytesDone),
              static_cast<unsigned long long>(seen.inputBytesTotal),
              qPrintable(importProgressOf(window)->summaryText()));
        QVERIFY(seen.inputBytesDone < seen.inputBytesTotal);
        auto* cancelButton =
            importProgressOf(window)->findChild<QToolButton*>(QStringLiteral("cancelImport"));
        QVERIFY(cancelButton);
        QTest::mouseClick(cancelButton, Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kBigImportTimeoutMs);
        qInfo("max event loop gap while importing and cancelling: %lld ms",
              static_cast<long long>(meter.maxGapMs()));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!workspaceOf(window)->isImporting());
        QVERIFY(importProgressOf(window)->isHidden());
        // What was open before is still shown, and the cancelled input is not kept.
        QCOMPARE(workspaceOf(window)->inputs().paths(), QStringList{bundle_});
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), QStringList{bundle_});
        QVERIFY(!findPath(*sourcesPanelOf(window)->model(), bigLog_).isValid());
        QVERIFY(
            findPath(*sourcesPanelOf(window)->model(), bundle_ + QStringLiteral("!/var/log/nginx/access.log"))
                .isValid());

        // And it can import again afterwards.
        window.openInputs({extraLog_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSmallImportTimeoutMs);
        QCOMPARE(workspaceOf(window)->result()->sources.size(), std::size_t{4});
    }

    void eventLoopKeepsRunningDuringBigImport()
    {
        MainWindow window;
        window.show();
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        LoopGapMeter meter;
        QElapsedTimer clock;
        clock.start();
        window.openInputs({bigLog_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kBigImportTimeoutMs);
        QTest::qWait(100); // the result reaching the panels is part of the import
        const qint64 elapsed = clock.elapsed();
        qInfo("imported %lld MB in %lld ms; max event loop gap %lld ms over %d ticks",
              QFileInfo(bigLog_).size() >> 20, static_cast<long long>(elapsed),
              static_cast<long long>(meter.maxGapMs()), meter.ticks());
        // A generous bound: this is a check that nothing blocks, not a timing benchmark.
        QVERIFY2(meter.maxGapMs() < 1000, qPrintable(QString::number(meter.maxGapMs())));
        const QModelIndex row = findPath(*sourcesPanelOf(window)->model(), bigLog_);
        QVERIFY(row.isValid());
        QCOMPARE(row.sibling(row.row(), SourcesModel::EventsColumn).data().toString(),
                 QLocale().toString(
                     static_cast<qulonglong>(workspaceOf(window)->result()->sources.front().events)));
        QVERIFY(workspaceOf(window)->result()->sources.front().events > 1000000);
    }

    void provisionalChartWhileImporting()
    {
        MainWindow window;
        window.show();
        TimelineChart* chart = incidentsOf(window)->chart();
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        QSignalSpy ready(chart, &TimelineChart::ready);
        bool shownWhileImporting = false;
        QObject::connect(chart, &TimelineChart::provisionalShown, chart, [&] {
            shownWhileImporting =
                shownWhileImporting || (workspaceOf(window)->isImporting() && finished.isEmpty());
        });
        window.openInputs({bigLog_});
        QVERIFY(chart->isVisible()); // an empty window shows the work area at once
        QTRY_VERIFY_WITH_TIMEOUT(chart->isProvisional(), kBigImportTimeoutMs);
        QVERIFY(shownWhileImporting);
        QVERIFY(!chart->isReady());
        QVERIFY(chart->bins().maxRequestTotal() > 0);
        QCOMPARE(chart->binMs() % 60000, 0); // whole minutes, as counted
        QCOMPARE(chart->highlightedBandRect(), QRectF());

        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kBigImportTimeoutMs);
        QVERIFY(!chart->isProvisional());
        // The final chart shows every request of the log (the whole bundle after the reset zoom).
        const HistogramBins& bins = chart->bins();
        std::uint64_t total = 0;
        for (std::size_t bin = 0; bin < bins.size(); ++bin)
            total += bins.requestTotal(bin);
        QCOMPARE(total, workspaceOf(window)->result()->sources.front().events);
    }

    void cancelOnEmptyWindowClearsProvisionalChart()
    {
        MainWindow window;
        window.show();
        TimelineChart* chart = incidentsOf(window)->chart();
        QSignalSpy cancelled(workspaceOf(window), &Workspace::importCancelled);
        window.openInputs({bigLog_});
        QTRY_VERIFY_WITH_TIMEOUT(chart->isProvisional(), kBigImportTimeoutMs);
        workspaceOf(window)->cancelImport();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kBigImportTimeoutMs);
        QVERIFY(!chart->isProvisional());
        QCOMPARE(chart->bins().size(), std::size_t{0});
        QVERIFY(!chart->isVisible()); // back to the welcome page: nothing is open
    }

    void supersededImportIsDropped()
    {
        MainWindow window;
        window.show();
        QSignalSpy finished(workspaceOf(window), &Workspace::importFinished);
        // No event is processed between these calls, so the first run's result can only arrive
        // after the second run started: it must be dropped, and only the union is shown.
        window.openInputs({bundle_});
        window.openInputs({extraLog_});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSmallImportTimeoutMs);
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(workspaceOf(window)->result()->sources.size(), std::size_t{4});
        QCOMPARE(workspaceOf(window)->loadedInputs().paths(), (QStringList{bundle_, extraLog_}));
    }

    void closingWhileImportingCancelsAndWaits()
    {
        QElapsedTimer clock;
        clock.start();
        {
            MainWindow window;
            window.show();
            window.openInputs({bigLog_});
            QTest::qWait(200);
            QVERIFY(workspaceOf(window)->isImporting());
        } // the worker is cancelled and joined; its queued result must not reach a dead window
        QTest::qWait(50);
        qInfo("closed mid-import in %lld ms", static_cast<long long>(clock.elapsed()));
    }

    void timeDisplayModeIsPersisted()
    {
        {
            MainWindow window;
            QCOMPARE(window.timeDisplay().mode(), TimeDisplay::Mode::ServerLocal);
            QSignalSpy changed(&window, &MainWindow::timeDisplayChanged);
            window.setTimeDisplayMode(TimeDisplay::Mode::Utc);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(actionsOf(window)->timeDisplayMode(), TimeDisplay::Mode::Utc);
            window.close();
        }
        MainWindow again;
        QCOMPARE(again.timeDisplay().mode(), TimeDisplay::Mode::Utc);
        QCOMPARE(actionsOf(again)->timeDisplayMode(), TimeDisplay::Mode::Utc);
    }

    void helpMenuHandsOutTheCollectionScript()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* action = actionsOf(window)->collectScript();
        const QList<QAction*> menus = window.menuBar()->actions();
        const auto help = std::find_if(menus.begin(), menus.end(), [](const QAction* menu) {
            return menu->text() == QStringLiteral("&Help");
        });
        QVERIFY(help != menus.end());
        QVERIFY((*help)->menu()->actions().contains(action));

        action->trigger();
        auto* dialog = window.findChild<CollectScriptDialog*>(QStringLiteral("collectScriptDialog"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        // The built-in copy is the script in the source tree, byte for byte, and the dialog shows it.
        QFile source(QStringLiteral(GD_SOURCE_DIR "/resources/collect/gateway-doctor-collect.sh"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray script = source.readAll();
        QCOMPARE(CollectScriptDialog::scriptText(), script);
        auto* text = dialog->findChild<QPlainTextEdit*>(QStringLiteral("collectScriptText"));
        QVERIFY(text);
        QCOMPARE(text->toPlainText(), QString::fromUtf8(script));

        const QString saved = dir_.filePath(QStringLiteral("handout/gateway-doctor-collect.sh"));
        QDir().mkpath(QFileInfo(saved).path());
        QString error;
        QVERIFY2(CollectScriptDialog::saveScript(saved, &error), qPrintable(error));
        QFile copy(saved);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), script);
        QVERIFY(QFileInfo(saved).permissions() & QFileDevice::ExeOwner);

        // A place that cannot take the file (its folder is a file; root could write a read-only folder)
        // gets a message naming the file, and the file in the way is untouched.
        const QString blocker = dir_.filePath(QStringLiteral("not-a-folder"));
        QVERIFY(writeFile(blocker, "keep me\n"));
        QVERIFY(
            !CollectScriptDialog::saveScript(blocker + QStringLiteral("/gateway-doctor-collect.sh"), &error));
        QVERIFY2(error.contains(QStringLiteral("gateway-doctor-collect.sh")), qPrintable(error));
        QFile kept(blocker);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me\n"));

        const QString shot = QDir(QCoreApplication::applicationDirPath())
                                 .filePath(QStringLiteral("collect-script-dialog.png"));
        QVERIFY(dialog->grab().save(shot));
        std::printf("screenshot: %s\n", qPrintable(shot));
        dialog->close();
    }

    void recentFilesArePrunedAndCapped()
    {
        QSettings().setValue(QStringLiteral("recentFiles"),
                             QStringList{bundle_, dir_.filePath(QStringLiteral("gone.tar.gz")), extraLog_});
        MainWindow window;
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(),
                 (QStringList{bundle_, extraLog_}));
    }

private:
    QTemporaryDir dir_;
    QTemporaryDir settingsDir_;
    QString bundle_;
    QString extraLog_;
    QString bigLog_;
};

QTEST_MAIN(TestMainWindowImport)
#include "tst_mainwindow_import.moc"
