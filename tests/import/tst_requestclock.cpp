// The zone of a server's zone-less logs read off requests that both nginx logs recorded (RequestClock), when
// the access log is dated in UTC alone ($msec): on a bundle real nginx wrote, and on the shapes that must not
// be read as an offset (a monitor asking for one page every quarter-hour, two requests half an hour apart).

#include "importtestutil.h"

#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>

using namespace gd;
using namespace gdtest;

class TestRequestClock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }
    void zoneFromRequestsBothNginxLogsRecorded();
    void zoneFromRequestsNeedsOneFitPerErrorLine();

private:
    QString rowFolder(const char* test)
    {
        const QString folder = dir_.filePath(QStringLiteral("%1-%2").arg(QLatin1String(test)).arg(++rows_));
        QDir().mkpath(folder);
        return folder;
    }
    QTemporaryDir dir_;
    int rows_ = 0;
};

// The lab's msec-access bundle: real nginx (TZ=Asia/Kolkata) wrote a JSON access log dated by $msec alone
// and an error log in local time; the bundle names no zone. The three 504s are in both logs.
void TestRequestClock::zoneFromRequestsBothNginxLogsRecorded()
{
    const QString bundle = QStringLiteral(GD_TEST_DATA_DIR "/lab/msec-access.tar.gz");
    ImportOptions options;
    options.timeZone = QStringLiteral("America/New_York"); // must lose against the measured offset
    const ImportResult result = runImport({bundle}, options);
    QCOMPARE(result.serverTimeZone, QStringLiteral("UTC+05:30"));
    QVERIFY2(result.serverTimeZoneNote.contains(QStringLiteral("3 requests that both")),
             qPrintable(result.serverTimeZoneNote));

    // Every upstream timeout of the error log now lies within a second before its 504 in the access log.
    const Timeline& timeline = *result.timeline;
    const EventColumns& ev = timeline.events();
    int aligned = 0;
    for (std::size_t e = 0; e < ev.size(); ++e) {
        if (ev.code[e] != MessageCode::NgxUpstreamTimedOut)
            continue;
        for (std::size_t a = 0; a < ev.size(); ++a) {
            if (ev.code[a] == MessageCode::Request && ev.value[a] == 504 && ev.client[a] == ev.client[e]) {
                const std::int64_t lag = ev.timeMs[a] - ev.timeMs[e];
                QVERIFY2(lag >= 0 && lag < 1000, qPrintable(QString::number(lag)));
                ++aligned;
            }
        }
    }
    QCOMPARE(aligned, 3);
}

// A monitor asking for one page every 15 minutes from one address: each of its failures fits every one of
// its access lines at some quarter-hour offset, so the requests say nothing and --tz decides. Requests at
// times that are no quarter-hour apart do tell the offset.
void TestRequestClock::zoneFromRequestsNeedsOneFitPerErrorLine()
{
    // Requests k = first..count-1 at 00:00:00.250Z + k * periodMs; k = 2 and 5 fail, and the error log writes
    // those at local time UTC+01:00.
    const auto writeMonitor = [this](std::int64_t periodMs, bool withSecondFailure, int first = 0,
                                     int count = 8) {
        const QString folder = rowFolder("monitor");
        const std::int64_t start = utc("2026-11-24T00:00:00Z") + 250;
        QByteArray access, error;
        for (int k = first; k < count; ++k) {
            const std::int64_t t = start + k * periodMs;
            const bool fails = k == 2 || (k == 5 && withSecondFailure);
            access +=
                QStringLiteral("{\"msec\":%1.%2,\"remote_addr\":\"192.0.2.9\",\"host\":\"www.example.com\","
                               "\"request\":\"GET /health HTTP/1.1\",\"status\":%3,\"body_bytes_sent\":0,"
                               "\"request_time\":0.001}\n")
                    .arg(t / 1000)
                    .arg(t % 1000, 3, 10, QLatin1Char('0'))
                    .arg(fails ? 502 : 200)
                    .toUtf8();
            if (!fails)
                continue;
            const QDateTime local =
                QDateTime::fromMSecsSinceEpoch(t - t % 1000 + 3600 * 1000, QTimeZone::utc());
            error +=
                local.toString(QStringLiteral("yyyy/MM/dd HH:mm:ss")).toUtf8() +
                " [error] 7#7: *3 connect() failed (111: Connection refused) while connecting to upstream, "
                "client: 192.0.2.9, server: example.com, request: \"GET /health HTTP/1.1\", upstream: "
                "\"fastcgi://127.0.0.1:9000\", host: \"www.example.com\"\n";
        }
        writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), access);
        writeFile(folder + QStringLiteral("/var/log/nginx/error.log"), error);
        return folder;
    };
    ImportOptions options;
    options.timeZone = QStringLiteral("Asia/Tokyo");
    constexpr std::int64_t kQuarterHour = 15 * 60 * 1000;
    for (const bool twoFailures : {true, false}) {
        const ImportResult periodic = runImport({writeMonitor(kQuarterHour, twoFailures)}, options);
        QCOMPARE(periodic.timeline->size(), std::size_t(twoFailures ? 10 : 9));
        QCOMPARE(periodic.serverTimeZone, QStringLiteral("Asia/Tokyo"));
        QVERIFY2(periodic.serverTimeZoneNote.contains(QStringLiteral("from --tz")),
                 qPrintable(periodic.serverTimeZoneNote));
    }
    // Requests 1 and 2 only, half an hour apart, request 2 failing: its error line fits both, at +01:00 and
    // at +00:30, which one after the other in time would pass for a DST change.
    const ImportResult pair = runImport({writeMonitor(2 * kQuarterHour, false, 1, 3)}, options);
    QCOMPARE(pair.timeline->size(), std::size_t(3));
    QCOMPARE(pair.serverTimeZone, QStringLiteral("Asia/Tokyo"));
    // Every 7 min 13 s: each failure fits its own access line only.
    const ImportResult learned = runImport({writeMonitor((7 * 60 + 13) * 1000, true)}, options);
    QCOMPARE(learned.serverTimeZone, QStringLiteral("UTC+01:00"));
    QVERIFY2(learned.serverTimeZoneNote.contains(QStringLiteral("2 requests that both")),
             qPrintable(learned.serverTimeZoneNote));
}

QTEST_GUILESS_MAIN(TestRequestClock)
#include "tst_requestclock.moc"
