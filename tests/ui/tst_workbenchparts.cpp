// The small value classes of the workbench: server zone and time display, recent files, open
// inputs, pasted text, the time-left estimate, drop parsing and the message area.

#include "import/importresult.h"
#include "shell/filedropfilter.h"
#include "shell/importprogresswidget.h"
#include "shell/messagearea.h"
#include "shell/openinputs.h"
#include "shell/pastestore.h"
#include "shell/recentfiles.h"
#include "shell/serverzone.h"
#include "shell/timedisplay.h"

#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gd;

namespace {
// 2026-11-24T09:51:32Z
constexpr std::int64_t kNovemberUtcMs = 1795513892000LL;
// 2026-07-01T12:00:00Z
constexpr std::int64_t kJulyUtcMs = 1782907200000LL;
} // namespace

class TestWorkbenchParts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serverZoneFromId()
    {
        const ServerZone zone = ServerZone::fromText(QStringLiteral("Europe/Amsterdam"));
        QVERIFY(zone.isExact());
        QCOMPARE(zone.offsetAtUtc(kNovemberUtcMs), 3600);
        QCOMPARE(zone.offsetAtUtc(kJulyUtcMs), 7200);
    }

    void serverZoneFromOneLearnedOffset()
    {
        const ServerZone zone = ServerZone::fromText(QStringLiteral("UTC-05:30"));
        QVERIFY(zone.isExact());
        QCOMPARE(zone.offsetAtUtc(kNovemberUtcMs), -(5 * 3600 + 30 * 60));
        QCOMPARE(zone.learnedOffsets(), (std::vector<std::int32_t>{-(5 * 3600 + 30 * 60)}));
    }

    void serverZoneFromSeveralOffsetsIsNotExact()
    {
        const ServerZone zone = ServerZone::fromText(QStringLiteral("UTC+01:00 then UTC+02:00"));
        QVERIFY(!zone.isExact());
        QCOMPARE(zone.learnedOffsets(), (std::vector<std::int32_t>{3600, 7200}));
        const TimeDisplay display(TimeDisplay::Mode::ServerLocal, zone);
        QVERIFY(!display.isExact());
        // Shown in UTC, and the label says so.
        QCOMPARE(display.dateTime(kNovemberUtcMs), QStringLiteral("2026-11-24 09:51:32"));
        QVERIFY(display.zoneLabel().contains(QStringLiteral("UTC+01:00 then UTC+02:00")));
    }

    void serverZoneUsesLearnedSpansFromTheImport()
    {
        // Access logs switched from +02:00 to +01:00 at 2026-10-25T01:00:00Z (DST end).
        ImportResult result;
        result.serverTimeZone = QStringLiteral("UTC+02:00 then UTC+01:00");
        const std::int64_t change = 1792890000000LL;
        result.serverOffsets = OffsetTimeline::fromObservations({{change - 3600000, 7200}, {change, 3600}});
        const ServerZone zone = ServerZone::fromImport(result);
        QVERIFY(zone.isExact());
        QCOMPARE(zone.offsetAtUtc(change - 1000), 7200);
        QCOMPARE(zone.offsetAtUtc(change + 1000), 3600);
        const TimeDisplay display(TimeDisplay::Mode::ServerLocal, zone);
        QCOMPARE(display.dateTime(change - 1000), QStringLiteral("2026-10-25 02:59:59"));
        QCOMPARE(display.dateTime(change), QStringLiteral("2026-10-25 02:00:00"));
    }

    void serverZoneRejectsGarbage()
    {
        for (const char* text : {"", "nowhere/Atlantis", "UTC+1", "UTC+25:00", "UTC+01:00 then soon"}) {
            const ServerZone zone = ServerZone::fromText(QString::fromLatin1(text));
            QVERIFY2(!zone.isExact(), text);
            QCOMPARE(zone.offsetAtUtc(kNovemberUtcMs), 0);
        }
    }

    void offsetText()
    {
        QCOMPARE(ServerZone::formatOffset(3600), QStringLiteral("UTC+01:00"));
        QCOMPARE(ServerZone::formatOffset(-16200), QStringLiteral("UTC-04:30"));
        QCOMPARE(ServerZone::formatOffset(0), QStringLiteral("UTC"));
        std::int32_t offset = 1;
        QVERIFY(ServerZone::parseOffset(QStringLiteral("UTC+00:00"), &offset));
        QCOMPARE(offset, 0);
    }

    void timeDisplayModes()
    {
        const ServerZone amsterdam = ServerZone::fromText(QStringLiteral("Europe/Amsterdam"));
        const TimeDisplay server(TimeDisplay::Mode::ServerLocal, amsterdam);
        QCOMPARE(server.dateTime(kNovemberUtcMs + 7), QStringLiteral("2026-11-24 10:51:32"));
        QCOMPARE(server.dateTime(kNovemberUtcMs + 7, true), QStringLiteral("2026-11-24 10:51:32.007"));
        QCOMPARE(server.time(kJulyUtcMs), QStringLiteral("14:00:00"));
        QCOMPARE(server.zoneLabel(), QStringLiteral("Europe/Amsterdam"));

        const TimeDisplay utc(TimeDisplay::Mode::Utc, amsterdam);
        QCOMPARE(utc.dateTime(kNovemberUtcMs), QStringLiteral("2026-11-24 09:51:32"));
        QCOMPARE(utc.span(kNovemberUtcMs, kNovemberUtcMs + 86400000),
                 QStringLiteral("2026-11-24 09:51:32 – 2026-11-25 09:51:32"));
        QCOMPARE(utc.span(kNovemberUtcMs, kNovemberUtcMs + 60000),
                 QStringLiteral("2026-11-24 09:51:32 – 09:52:32"));

        const TimeDisplay local(TimeDisplay::Mode::ThisComputer, amsterdam);
        const QDateTime expected =
            QDateTime::fromMSecsSinceEpoch(kNovemberUtcMs, QTimeZone::systemTimeZone());
        QCOMPARE(local.dateTime(kNovemberUtcMs), expected.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }

    void timeDisplayModeKeys()
    {
        for (auto mode :
             {TimeDisplay::Mode::ServerLocal, TimeDisplay::Mode::Utc, TimeDisplay::Mode::ThisComputer})
            QCOMPARE(TimeDisplay::modeFromKey(TimeDisplay::modeKey(mode)), std::optional(mode));
        QCOMPARE(TimeDisplay::modeFromKey(QStringLiteral("mars")), std::nullopt);
    }

    void recentFiles()
    {
        QTemporaryDir dir;
        QStringList paths;
        for (int i = 0; i < 12; ++i) {
            paths << dir.filePath(QStringLiteral("f%1.log").arg(i));
            QFile file(paths.back());
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        RecentFiles recent;
        for (const QString& path : paths)
            recent.add(path);
        QCOMPARE(recent.entries().size(), RecentFiles::kMaxEntries);
        QCOMPARE(recent.entries().front(), paths[11]);
        QVERIFY(!recent.entries().contains(paths[0]));
        recent.add(paths[5]);
        QCOMPARE(recent.entries().front(), paths[5]);
        QCOMPARE(recent.entries().count(paths[5]), 1);
        QVERIFY(QFile::remove(paths[7]));
        QVERIFY(recent.pruneMissing());
        QVERIFY(!recent.entries().contains(paths[7]));
        QCOMPARE(recent.entries().size(), RecentFiles::kMaxEntries - 1);
        QVERIFY(!recent.pruneMissing());
        QCOMPARE(RecentFiles(QStringList{paths[1], paths[1], QString()}).entries(), QStringList{paths[1]});
    }

    void openInputsNormalizeAndDeduplicate()
    {
        OpenInputs inputs;
        const QString here = QDir::currentPath();
        QCOMPARE(
            inputs.add({QStringLiteral("a.log"), QStringLiteral("./a.log"), QStringLiteral("b/../b.log")}),
            (QStringList{here + QStringLiteral("/a.log"), here + QStringLiteral("/b.log")}));
        QCOMPARE(inputs.add({here + QStringLiteral("/a.log")}), QStringList());
        QVERIFY(inputs.contains(QStringLiteral("a.log")));
        QCOMPARE(inputs.paths().size(), 2);
    }

    void pasteStoreWritesNumberedFiles()
    {
        QString folder;
        {
            PasteStore store;
            QString error;
            QCOMPARE(store.write(QStringLiteral("  \n"), &error), QString());
            QVERIFY(!error.isEmpty());
            const QString first = store.write(QStringLiteral("line one"), &error);
            const QString second = store.write(QStringLiteral("line two\n"), &error);
            QVERIFY(first.endsWith(QStringLiteral("/pasted-1.log")));
            QVERIFY(second.endsWith(QStringLiteral("/pasted-2.log")));
            QFile file(first);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), QByteArray("line one\n"));
            folder = store.folder();
            QVERIFY(QDir(folder).exists());
        }
        QVERIFY2(!QDir(folder).exists(), "the private folder goes with the store");
    }

    void timeLeftEstimate()
    {
        QCOMPARE(ImportProgressWidget::estimateRemainingMs(0, 100, 5000), std::nullopt);
        QCOMPARE(ImportProgressWidget::estimateRemainingMs(50, 100, 100), std::nullopt); // too early
        QCOMPARE(ImportProgressWidget::estimateRemainingMs(25, 100, 1000), std::optional<qint64>(3000));
        QCOMPARE(ImportProgressWidget::estimateRemainingMs(100, 100, 1000), std::optional<qint64>(0));
        QCOMPARE(ImportProgressWidget::formatDuration(12000), QStringLiteral("12 s"));
        QCOMPARE(ImportProgressWidget::formatDuration(185000), QStringLiteral("3 min 05 s"));
        QCOMPARE(ImportProgressWidget::formatDuration(3720000), QStringLiteral("1 h 02 min"));
    }

    void dropAcceptsOnlyLocalFiles()
    {
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/a.log")),
                       QUrl::fromLocalFile(QStringLiteral("/tmp/b"))});
        QCOMPARE(localPathsFromMime(&files),
                 (QStringList{QStringLiteral("/tmp/a.log"), QStringLiteral("/tmp/b")}));
        QMimeData mixed;
        mixed.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/a.log")),
                       QUrl(QStringLiteral("https://example.com/x"))});
        QCOMPARE(localPathsFromMime(&mixed), QStringList());
        QMimeData text;
        text.setText(QStringLiteral("/tmp/a.log"));
        QCOMPARE(localPathsFromMime(&text), QStringList());
        QCOMPARE(localPathsFromMime(nullptr), QStringList());
    }

    void messageAreaSummarizesAndCollapses()
    {
        MessageArea area;
        area.setDiagnostics({});
        QVERIFY(area.isHidden());
        area.setDiagnostics(
            {{Diagnostic::Severity::Error, QStringLiteral("b.tar.gz!/x.log"), 12,
              QStringLiteral("read error")},
             {Diagnostic::Severity::Warning, QStringLiteral("y.log"), 0, QStringLiteral("odd")},
             {Diagnostic::Severity::Warning, QStringLiteral("z.log"), 3, QStringLiteral("odd too")}});
        QVERIFY(!area.isHidden());
        QCOMPARE(area.messageCount(), 3);
        QCOMPARE(area.headerText(), QStringLiteral("Import messages: 1 error, 2 warnings"));
        QVERIFY(!area.isExpanded());
        area.setExpanded(true);
        QVERIFY(area.isExpanded());
    }
};

QTEST_MAIN(TestWorkbenchParts)
#include "tst_workbenchparts.moc"
