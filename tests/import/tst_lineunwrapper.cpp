// Loose text, line by line: quoting and container/journald envelopes come off (LineUnwrapper), and the router
// hands each line to the kind that reads it (LineRouter). Lines are real: copied from the real-world corpus
// (tests/data/realworld/cases/<id>, named in each row), and for CRI, where the corpus has no case, in the
// shape containerd writes.

#include "import/linerouter.h"
#include "import/lineunwrapper.h"
#include "model/eventcolumns.h"
#include "time/civiltime.h"

#include <QTest>

using namespace gd;

class TestLineUnwrapper : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unwraps_data();
    void unwraps();
    void structuralLines_data();
    void structuralLines();
    void routesMixedLinesByKind();
    void wrappedLineJoinsItsRecord();
    void envelopeTimeDatesAnUndatedLine();
    void otherKindsEventBeatsAContinuation();
};

void TestLineUnwrapper::unwraps_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("innermost");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("envelopeTime"); ///< ISO UTC of the wrapper's time, empty when none

    // gh-PrivateBin-docker-nginx-fpm-alpine-1: quoted with "> ".
    QTest::newRow("markdown quote")
        << QByteArray(
               "> 12#12: *7 connect() to [::]:9000 failed (99: Address not available) while connecting to "
               "upstream, client: 172.17.0.1, server: ..")
        << QByteArray(
               "12#12: *7 connect() to [::]:9000 failed (99: Address not available) while connecting to "
               "upstream, client: 172.17.0.1, server: ..")
        << QByteArray() << QString();
    // gh-ddev-ddev-8272: bats test output, "#   " before the FPM line.
    QTest::newRow("shell comment") << QByteArray(
                                          "#   [02-Apr-2026 00:55:43] NOTICE: Reloading in progress ...")
                                   << QByteArray("[02-Apr-2026 00:55:43] NOTICE: Reloading in progress ...")
                                   << QByteArray() << QString();
    // gh-markshust-docker-magento-1095: docker compose v2 prefix.
    QTest::newRow("compose v2")
        << QByteArray("phpfpm-1  | [18-Mar-2024 10:27:46] WARNING: [pool www] child 73 exited on signal 11 "
                      "(SIGSEGV - core dumped) after 100.834755 seconds from start")
        << QByteArray(
               "[18-Mar-2024 10:27:46] WARNING: [pool www] child 73 exited on signal 11 (SIGSEGV - core "
               "dumped) after 100.834755 seconds from start")
        << QByteArray("phpfpm-1") << QString();
    // gh-php-imagine-Imagine-826: compose v1 prefix and docker's time stamp, nested.
    QTest::newRow("compose v1 + docker -t")
        << QByteArray(
               "app_1       | 2022-03-16T10:20:53.688494227Z [16-Mar-2022 10:20:53] WARNING: [pool www] "
               "child 208 exited on signal 11 (SIGSEGV - core dumped) after 79.766833 seconds from start")
        << QByteArray(
               "[16-Mar-2022 10:20:53] WARNING: [pool www] child 208 exited on signal 11 (SIGSEGV - core "
               "dumped) after 79.766833 seconds from start")
        << QByteArray("app_1") << QStringLiteral("2022-03-16T10:20:53.688Z");
    // gh-trueforge-org-truecharts-5998: kubectl logs --timestamps.
    QTest::newRow("kubectl --timestamps")
        << QByteArray("2023-01-05T14:41:30.568670089Z 172.16.0.1 - - [05/Jan/2023:14:41:30 +0000] \"GET "
                      "/status.php HTTP/1.1\" 200 181 \"-\" \"kube-probe/1.25\" \"-\"")
        << QByteArray(
               "172.16.0.1 - - [05/Jan/2023:14:41:30 +0000] \"GET /status.php HTTP/1.1\" 200 181 \"-\" "
               "\"kube-probe/1.25\" \"-\"")
        << QByteArray() << QStringLiteral("2023-01-05T14:41:30.568Z");
    // containerd/CRI-O: stamp, stream and partial flag (documented shape; no corpus case has one).
    QTest::newRow("CRI")
        << QByteArray(
               "2024-03-18T10:26:07.123456789Z stderr F 2024/03/18 10:26:07 [error] 29#29: *5 upstream "
               "timed out (110: Connection timed out) while reading response header from upstream")
        << QByteArray(
               "2024/03/18 10:26:07 [error] 29#29: *5 upstream timed out (110: Connection timed out) while "
               "reading response header from upstream")
        << QByteArray() << QStringLiteral("2024-03-18T10:26:07.123Z");
    // gh-nextcloud-docker-2576: journald (podman) around the FPM master log.
    QTest::newRow("journald")
        << QByteArray(
               "May 12 11:22:00 nextcloud_app[1087224]: [12-May-2026 09:22:00] WARNING: [pool www] child "
               "181 exited on signal 11 (SIGSEGV - core dumped) after 56.485757 seconds from start")
        << QByteArray(
               "[12-May-2026 09:22:00] WARNING: [pool www] child 181 exited on signal 11 (SIGSEGV - core "
               "dumped) after 56.485757 seconds from start")
        << QByteArray("nextcloud_app") << QString();
    // Docker's json-file, as the container-output lab bundle holds it.
    QTest::newRow("docker json-file")
        << QByteArray(
               "{\"log\":\"2026/11/24 10:51:32 [error] 7#7: *3 recv() failed (104: Connection reset by "
               "peer) while reading response header from upstream\\n\",\"stream\":\"stderr\",\"time\":"
               "\"2026-11-24T10:51:32.123456789Z\"}")
        << QByteArray(
               "2026/11/24 10:51:32 [error] 7#7: *3 recv() failed (104: Connection reset by peer) while "
               "reading response header from upstream")
        << QByteArray() << QStringLiteral("2026-11-24T10:51:32.123Z");
    // gh-zabbix-zabbix-docker-451: JSON-dumped text, every quote escaped.
    QTest::newRow("escaped quotes")
        << QByteArray("request: \\\"POST /zabbix.php?sid=4a27f77d919f00cf\\u0026action=widget HTTP/1.1\\\"")
        << QByteArray("request: \"POST /zabbix.php?sid=4a27f77d919f00cf&action=widget HTTP/1.1\"")
        << QByteArray() << QString();
    // gh-futtta-autoptimize-322: the reporter's program labels.
    QTest::newRow("program label") << QByteArray("NGINX:  recv() failed (104: Connection reset by peer)")
                                   << QByteArray("recv() failed (104: Connection reset by peer)")
                                   << QByteArray() << QString();
    // gh-dexonline-dexonline-854: the maintainer's "(server, log)" labels, indented.
    QTest::newRow("bracketed server and log label")
        << QByteArray("    (chum, FPM log) [02-May-2019 15:38:39] WARNING: [pool www] server reached "
                      "pm.max_children setting (100), consider raising it")
        << QByteArray(
               "[02-May-2019 15:38:39] WARNING: [pool www] server reached pm.max_children setting (100), "
               "consider raising it")
        << QByteArray("chum, FPM log") << QString();
    // A bracket that names no program is the log's own: PHP-FPM's time stamp stays.
    QTest::newRow("bracketed time stays")
        << QByteArray(
               "[02-May-2019 15:38:39] WARNING: [pool www] server reached pm.max_children setting (100)")
        << QByteArray(
               "[02-May-2019 15:38:39] WARNING: [pool www] server reached pm.max_children setting (100)")
        << QByteArray() << QString();
    // A PHP-FPM level is not a program label: the line stays whole.
    QTest::newRow("level stays")
        << QByteArray("WARNING: [pool www] server reached pm.max_children setting (8)")
        << QByteArray("WARNING: [pool www] server reached pm.max_children setting (8)") << QByteArray()
        << QString();
}

void TestLineUnwrapper::unwraps()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, innermost);
    QFETCH(QByteArray, stream);
    QFETCH(QString, envelopeTime);
    LineUnwrapper unwrapper;
    const UnwrappedLine result =
        unwrapper.unwrap(std::string_view(line.constData(), std::size_t(line.size())));
    QVERIFY(!result.structural);
    const std::string_view inner = result.innermost();
    QCOMPARE(QByteArray(inner.data(), qsizetype(inner.size())), innermost);
    QCOMPARE(QByteArray(result.stream.data(), qsizetype(result.stream.size())), stream);
    if (envelopeTime.isEmpty() || envelopeTime.isNull()) {
        QVERIFY(!result.hasTime || !result.timeHasOffset);
    } else {
        QVERIFY(result.hasTime && result.timeHasOffset);
        QCOMPARE(QString::fromStdString(formatIsoUtc(result.timeCivilMs - result.utcOffsetSec * 1000LL)),
                 envelopeTime);
    }
}

void TestLineUnwrapper::structuralLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("blank") << QByteArray("   ");
    QTest::newRow("fence") << QByteArray("```");
    QTest::newRow("fence with language") << QByteArray("```log");
    QTest::newRow("quote marker alone") << QByteArray(">");
    QTest::newRow("comment marker alone") << QByteArray("#"); // gh-ddev-ddev-8272
    QTest::newRow("journal banner") << QByteArray(
        "-- Logs begin at Mon 2023-12-04 09:00:01 CET, end at Tue 2023-12-05 10:00:00 CET. --");
    QTest::newRow("journal reboot") << QByteArray("-- Reboot --");
}

void TestLineUnwrapper::structuralLines()
{
    QFETCH(QByteArray, line);
    LineUnwrapper unwrapper;
    QVERIFY(unwrapper.unwrap(std::string_view(line.constData(), std::size_t(line.size()))).structural);
}

void TestLineUnwrapper::routesMixedLinesByKind()
{
    // gh-mail-in-a-box-mailinabox-515, both lines pasted together: an nginx line and a PHP-FPM line, undated.
    LineRouter router({}, LogKind::Unknown);
    ParsedEvent event;
    const LineRouter::Result nginx =
        router.route("[error] 1179#0: *83208 upstream timed out (110: Connection timed out) while reading "
                     "response header from "
                     "upstream, client: XX, server: XX, request: \"GET /mail/ HTTP/1.1\", upstream: "
                     "\"fastcgi://unix:/var/run/php5-fpm.sock\", host: \"XX\"",
                     event);
    QCOMPARE(nginx.status, LineStatus::Event);
    QCOMPARE(router.lane(nginx.lane).kind, LogKind::NginxError);
    QCOMPARE(event.code, MessageCode::NgxUpstreamTimedOut);
    QVERIFY(!event.hasTime);
    const LineRouter::Result fpm = router.route(
        "WARNING: [pool www] server reached pm.max_children setting (8), consider raising it", event);
    QCOMPARE(fpm.status, LineStatus::Event);
    QCOMPARE(router.lane(fpm.lane).kind, LogKind::FpmMaster);
    QCOMPARE(event.code, MessageCode::FpmMaxChildren);
    QCOMPARE(event.value, 8);
    QVERIFY(nginx.lane != fpm.lane);
}

void TestLineUnwrapper::wrappedLineJoinsItsRecord()
{
    // gh-oerdnj-deb.sury.org-127: one nginx entry the reporter's mail client wrapped over four lines.
    LineRouter router({}, LogKind::NginxError);
    ParsedEvent event;
    QCOMPARE(
        router
            .route("2015/10/17 02:30:46 [error] 1368#1368: *1 readv() failed (104: Connection reset by peer)",
                   event)
            .status,
        LineStatus::Event);
    for (const char* tail :
         {" while reading upstream, client: 192.168.0.2, server: ~^(?<domain>.+)$, request:",
          " \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/home/u/example.org/var/run/fpm.sock:\",",
          " host: \"example.org\""})
        QCOMPARE(router.route(tail, event).status, LineStatus::Continuation);
}

void TestLineUnwrapper::envelopeTimeDatesAnUndatedLine()
{
    // gh-gigascience-gigadb-website-1784: docker's stamp in front of a dated FPM line keeps the FPM time; an
    // undated inner line takes the stamp's (UTC, exact).
    LineRouter router({}, LogKind::Unknown);
    ParsedEvent event;
    QCOMPARE(
        router
            .route("2024-04-10T14:39:26.708084488Z [10-Apr-2024 14:39:26] WARNING: [pool www] server reached "
                   "pm.max_children setting (5), consider raising it",
                   event)
            .status,
        LineStatus::Event);
    QVERIFY(event.hasTime && !event.hasOffset); // the FPM line's own (local) time
    QCOMPARE(
        router
            .route("2024-04-10T14:39:30.000000000Z WARNING: [pool www] child 9 exited on signal 11 (SIGSEGV)",
                   event)
            .status,
        LineStatus::Event);
    QVERIFY(event.hasTime && event.hasOffset);
    QCOMPARE(QString::fromStdString(formatIsoUtc(event.time)), QStringLiteral("2024-04-10T14:39:30Z"));
}

QTEST_GUILESS_MAIN(TestLineUnwrapper)
#include "tst_lineunwrapper.moc"

void TestLineUnwrapper::otherKindsEventBeatsAContinuation()
{
    // gh-dreeveapp-dreeve-268: one container writes PHP-FPM's and nginx's lines. PHP-FPM's parser takes any
    // line after its own for a child's output; nginx's lines must still be nginx events.
    LineRouter router({}, LogKind::FpmMaster);
    ParsedEvent event;
    QCOMPARE(router.route("strava-app-1  | [11-Feb-2025 19:27:54] NOTICE: ready to handle connections", event)
                 .status,
             LineStatus::Event);
    const LineRouter::Result nginx =
        router.route("strava-app-1  | 2025/02/11 19:28:22 [crit] 164#164: *1 connect() to "
                     "unix:/tmp/php-fpm.sock failed (13: "
                     "Permission denied) while connecting to upstream, client: 127.0.0.1, server: _, "
                     "request: \"GET /fpm-ping "
                     "HTTP/1.1\", upstream: \"fastcgi://unix:/tmp/php-fpm.sock:\", host: \"127.0.0.1:8080\"",
                     event);
    QCOMPARE(nginx.status, LineStatus::Event);
    QCOMPARE(router.lane(nginx.lane).kind, LogKind::NginxError);
    QCOMPARE(event.code, MessageCode::NgxConnectFailed);
    QCOMPARE(event.value, 13);
    const LineRouter::Result access = router.route(
        "strava-app-1  | 127.0.0.1 - - [11/Feb/2025:19:28:22 +0100] \"GET /fpm-ping HTTP/1.1\" 404 146 \"-\" "
        "\"curl/8.12.0\" \"-\" 0.000 0.000 . -",
        event);
    QCOMPARE(access.status, LineStatus::Event);
    QCOMPARE(router.lane(access.lane).kind, LogKind::NginxAccess);
    // A line no kind reads as an event still continues the record before it.
    LineRouter fpm({}, LogKind::FpmMaster);
    QCOMPARE(fpm.route("[11-Feb-2025 19:27:54] WARNING: [pool www] child 12 said into stderr: \"x\"", event)
                 .status,
             LineStatus::Event);
    QCOMPARE(fpm.route("and more output of that child", event).status, LineStatus::Continuation);
}
