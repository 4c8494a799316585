// Lines as people paste them: without their date, cut anywhere in front, masked, coloured, over several
// lines. Each row is a few lines fed to one parser in order, with what it must make of each (the eventdump.h
// format). Lines marked with a case id are copied from tests/data/realworld/cases/<id>/paste-*.txt (any
// change to the copy is said next to it); the others follow the shapes of docs/log-formats.md.

#include "eventdump.h"
#include "import/kinddetector.h"
#include "parse/logkinds.h"

#include <QTest>

// moc 6.4 mis-tokenises raw strings that hold \" or an odd number of quotes: plain literals here.

using namespace gd;
using namespace Qt::StringLiterals;

namespace {

void addRow(const char* name, const char* kindId, const QByteArrayList& lines, const QByteArrayList& expected)
{
    QTest::newRow(name) << QString::fromLatin1(kindId) << lines << expected;
}

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

} // namespace

class TestPastedLines : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lines_data()
    {
        QTest::addColumn<QString>("kindId");
        QTest::addColumn<QByteArrayList>("lines");
        QTest::addColumn<QByteArrayList>("expected");

        // --- nginx error log without its date ---
        // gh-devilbox-docker-php-fpm-75
        addRow("nginx: from the level", "nginx-error",
               {"[error] 102#102: *1 recv() failed (104: Connection reset by peer) while reading response "
                "header "
                "from upstream, client: 192.168.128.1, server: enigma.localhost, request: \"GET /nova/ "
                "HTTP/1.1\", "
                "upstream: \"fastcgi://192.168.128.4:9000\", host: \"enigma.localhost\""},
               {"event code=ngx-connection-reset level=error time=none method=GET value=104 pid=102 "
                "host=[enigma.localhost] target=[/nova/] client=[192.168.128.1] "
                "group=[fastcgi://192.168.128.4:9000]"});
        // gh-fossar-selfoss-1427
        addRow(
            "nginx: from the level, timeout", "nginx-error",
            {"[error] 1046#1046: *2094 upstream timed out (110: Connection timed out) while reading response "
             "header from upstream, client: 192.168.17.1, server: localhost, request: \"GET /update "
             "HTTP/1.1\", "
             "upstream: \"fastcgi://127.0.0.1:9000\", host: \"192.168.17.128\""},
            {"event code=ngx-upstream-timed-out level=error time=none method=GET value=110 pid=1046 "
             "host=[192.168.17.128] target=[/update] client=[192.168.17.1] "
             "group=[fastcgi://127.0.0.1:9000]"});
        // gh-mail-in-a-box-mailinabox-515 (masked client, server and host)
        addRow(
            "nginx: from the level, masked", "nginx-error",
            {"[error] 1179#0: *83208 upstream timed out (110: Connection timed out) while reading response "
             "header from upstream, client: XX, server: XX, request: \"GET /mail/ HTTP/1.1\", upstream: "
             "\"fastcgi://unix:/var/run/php5-fpm.sock\", host: \"XX\""},
            {"event code=ngx-upstream-timed-out level=error time=none method=GET value=110 pid=1179 "
             "host=[XX] "
             "target=[/mail/] client=[XX] group=[fastcgi://unix:/var/run/php5-fpm.sock]"});
        // gh-PrivateBin-docker-nginx-fpm-alpine-1, without the "> " quoting the post added
        addRow("nginx: from the pid", "nginx-error",
               {"12#12: *7 connect() to [::]:9000 failed (99: Address not available) while connecting to "
                "upstream, "
                "client: 172.17.0.1, server: .."},
               {"event code=ngx-connect-failed time=none value=99 pid=12 client=[172.17.0.1]"});
        // gh-valet-sh-valet-sh-32
        addRow(
            "nginx: after a cut-off date", "nginx-error",
            {"7 [error] 19157#19157: *1 upstream sent too big header while reading response header from "
             "upstream, client: 127.0.0.1, server: mage24.test, request: \"GET /favicon.ico HTTP/2.0\", "
             "upstream: \"fastcgi://unix:/var/run/php/php7.3-fpm.sock:\", host: \"mage24.test\", referrer: "
             "\"https://mage24.test/\"",
             "10:51:32 [crit] 4021#4021: *5 connect() to unix:/run/php.sock failed (2: No such file or "
             "directory) while connecting to upstream, client: 1.2.3.4, server: example.com"},
            {"event code=ngx-too-big-header level=error time=none method=GET pid=19157 host=[mage24.test] "
             "target=[/favicon.ico] client=[127.0.0.1] group=[fastcgi://unix:/var/run/php/php7.3-fpm.sock:]",
             "event code=ngx-connect-failed level=crit time=none value=2 pid=4021 host=[example.com] "
             "client=[1.2.3.4]"});
        // gh-linuxserver-docker-piwigo-61
        addRow("nginx: from the message", "nginx-error",
               {"upstream timed out (110: Operation timed out) while reading response header from upstream, "
                "client: 192.168.15.206, server: _, request: \"GET /admin.php HTTP/1.1\", upstream: "
                "\"fastcgi://127.0.0.1:9000\", host: \"piwigo.ill.fr:8080\", referrer: "
                "\"http://piwigo.ill.fr:8080/profile.php\""},
               {"event code=ngx-upstream-timed-out time=none method=GET value=110 host=[piwigo.ill.fr] "
                "target=[/admin.php] client=[192.168.15.206] group=[fastcgi://127.0.0.1:9000]"});
        // gh-puphpet-puphpet-576, gh-niiknow-vestacp-76, gh-puphpet-puphpet-2476
        addRow("nginx: from the connection number or a bare message", "nginx-error",
               {"*48 upstream sent too big header while reading response header from upstream, client: "
                "192.168.82.1, server: example.com, request: \"GET / HTTP/1.1\", upstream: "
                "\"fastcgi://unix:/var/run/php5-fpm.sock:\", host: \"example.com\"",
                "*106 connect() to unix:/var/run/vesta-php-fpm-tekhgizmo.com.sock failed (2: No such file or "
                "directory) while connecting to upstream,",
                "connect() failed (111: Connection refused) while connecting to upstream"},
               {"event code=ngx-too-big-header time=none method=GET host=[example.com] target=[/] "
                "client=[192.168.82.1] group=[fastcgi://unix:/var/run/php5-fpm.sock:]",
                "event code=ngx-connect-failed time=none value=2",
                "event code=ngx-connect-failed time=none value=111"});
        // gh-terra-ops-terra-cli-93 (cut inside the errno); a message nginx does not write; Apache 2.2's
        // shape
        addRow("nginx: not nginx lines", "nginx-error",
               {"104: Connection reset by peer) while reading response header from upstream",
                "an upstream response is buffered to a temporary file",
                "[error] [client 1.2.3.4] File does not exist"},
               {"rejected reason=[no timestamp]", "rejected reason=[no timestamp]",
                "rejected reason=[bad pid]"});

        // --- nginx error records over several lines ---
        addRow("nginx: stderr record, closing quote on its own line", "nginx-error",
               {"2026/11/24 10:51:32 [error] 4021#4021: *88 FastCGI sent in stderr: \"PHP message: PHP Fatal "
                "error:  Uncaught Exception: boom in /var/www/index.php:5",
                "Stack trace:", "#0 /var/www/index.php(12): f()", "#1 {main}",
                "  thrown in /var/www/index.php on line 5",
                "\" while reading response header from upstream, client: 203.0.113.7, server: example.com, "
                "request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: "
                "\"example.com\"",
                "next line of the file, not nginx"},
               {"event code=ngx-other level=error time=2026-11-24 10:51:32.000 pid=4021", "cont", "cont",
                "cont", "cont",
                "cont method=GET host=[example.com] target=[/] client=[203.0.113.7] "
                "group=[fastcgi://unix:/run/php/php8.2-fpm.sock:]",
                "rejected reason=[no timestamp]"});
        addRow(
            "nginx: stderr record, message lines inside", "nginx-error",
            {"2026/11/24 10:51:32 [error] 4021#4021: *89 FastCGI sent in stderr: \"PHP message: PHP Warning: "
             " "
             "first",
             "PHP message: PHP Warning:  second",
             "  thrown in /var/www/index.php on line 5\" while reading response header from upstream, "
             "client: "
             "203.0.113.7, server: example.com, request: \"POST /node HTTP/1.1\", host: \"example.com\"",
             "2026/11/24 10:51:33 [error] 4021#4021: *90 FastCGI sent in stderr: \"PHP message: one line\" "
             "while reading response header from upstream, client: 203.0.113.8, server: example.com",
             "not a continuation: the record before was closed"},
            {"event code=ngx-other level=error time=2026-11-24 10:51:32.000 pid=4021", "cont",
             "cont method=POST host=[example.com] target=[/node] client=[203.0.113.7]",
             "event code=ngx-other level=error time=2026-11-24 10:51:33.000 pid=4021 host=[example.com] "
             "client=[203.0.113.8]",
             "rejected reason=[no timestamp]"});

        // --- PHP-FPM master log without its date ---
        // gh-SkyAPM-SkyAPM-php-sdk-343
        addRow("fpm: from the level", "php-fpm",
               {"WARNING: [pool www] child 4463 exited on signal 11 (SIGSEGV - core dumped) after 3.318083 "
                "seconds "
                "from start"},
               {"event code=fpm-child-exited-signal level=warning time=none value=11 pid=4463 group=[www]"});
        // gh-mail-in-a-box-mailinabox-515
        addRow("fpm: max_children", "php-fpm",
               {"WARNING: [pool www] server reached pm.max_children setting (8), consider raising it",
                "NOTICE: fpm is running, pid 1"},
               {"event code=fpm-max-children level=warning time=none value=8 group=[www]",
                "event code=fpm-running level=notice time=none pid=1"});
        // The pid masked as in gh-futtta-autoptimize-322 ("child xxx exited on signal 11 (SIGSEGV)")
        addRow(
            "fpm: masked pid", "php-fpm",
            {"WARNING: [pool www] child xxx exited on signal 11 (SIGSEGV)",
             "[24-Nov-2026 10:51:32] WARNING: [pool www] child XXXX exited with code 255 after 1.0 seconds "
             "from start"},
            {"event code=fpm-child-exited-signal level=warning time=none value=11 group=[www]",
             "event code=fpm-child-exited-code level=warning time=2026-11-24 10:51:32.000 value=255 "
             "group=[www]"});
        // gh-mailcow-mailcow-dockerized-931, without the four spaces of indentation of the post
        addRow("fpm: the message alone", "php-fpm",
               {"seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), "
                "spawning 32 "
                "children, there are 0 idle, and 9 total children",
                "server reached pm.max_children setting (10), consider raising it"},
               {"event code=fpm-seems-busy time=none value=9",
                "event code=fpm-max-children time=none value=10"});
        // The worker output of gh-markshust-docker-magento-1095 without its envelope: not the master's
        addRow("fpm: worker output is not an entry", "php-fpm",
               {"Mon Mar 18 10:26:07 2024 (73): [Error] APM: Locking APM for 300 seconds for reason: Cannot "
                "connect to the agent",
                "NOTICE: ready to handle connections", "more worker output"},
               {"rejected reason=[no timestamp]", "event code=fpm-ready level=notice time=none", "cont"});

        // --- PHP error log without its date ---
        // gh-YunoHost-Apps-pixelfed_ynh-42
        addRow("php: fatal error without the date", "php-error",
               {"mmap() failed: [12] Cannot allocate memory",
                "PHP Fatal error:  Out of memory (allocated 12582912) (tried to allocate 20480 bytes) in "
                "/var/www/pixelfed/bootstrap/cache/routes.php on line 15"},
               {"rejected reason=[no timestamp]", "event code=php-memory-exhausted level=error time=none "
                                                  "target=[/var/www/pixelfed/bootstrap/cache/routes.php]"});
        addRow("php: uncaught exception without the date", "php-error",
               {"PHP Fatal error:  Uncaught Exception: boom in /var/www/index.php:5",
                "Stack trace:", "#0 {main}", "  thrown in /var/www/index.php on line 5",
                "PHP Warning:  later in /x.php on line 3"},
               {"event code=php-fatal level=error time=none target=[/var/www/index.php]", "cont",
                "cont frameFunction=[{main}]", "cont frameFile=[/var/www/index.php] frameLine=5",
                "event code=php-warning level=warning time=none target=[/x.php]"});

        // --- syslog ---
        addRow("syslog: MySQL's error.log is not syslog", "syslog",
               {"2020-08-06T14:25:02.835618Z 0 [Note] [MY-012487] [InnoDB] DDL log recovery : begin",
                "2020-08-06T14:25:02.835618Z 0 [Warning] InnoDB: a message with a colon"},
               {"rejected reason=[no program tag]", "rejected reason=[no program tag]"});
        // gh-magenx-Magento-Automated-Server-Configuration-from-MagenX-154 (paste 3),
        // gh-nextcloud-docker-2576, gh-oerdnj-deb.sury.org-504
        addRow(
            "syslog: real lines", "syslog",
            {"Feb 15 18:41:18 server.timestorybag.com systemd[1]: php-fpm.service: main process exited, "
             "code=exited, status=78/n/a",
             "May 12 11:22:00 nextcloud_app[1087224]: [12-May-2026 09:22:00] WARNING: [pool www] child 181 "
             "exited on signal 11 (SIGSEGV - core dumped) after 56.485757 seconds from start",
             "Dec  9 16:12:01 s02 kernel: [  155.212182] php-fpm5.6[24318]: segfault at 7efd2a11eab0 ip "
             "00007efd469d1410 sp 00007ffc343c1048 error 4 in libc-2.23.so[7efd46884000+1bf000]"},
            {"event code=service-main-exited time=2000-02-15 18:41:18.000(no-year) value=78 pid=1 "
             "target=[php-fpm.service] group=[systemd]",
             "event code=syslog-other time=2000-05-12 11:22:00.000(no-year) pid=1087224 "
             "group=[nextcloud_app]",
             "event code=kern-segfault time=2000-12-09 16:12:01.000(no-year) value=4 pid=24318 "
             "target=[libc-2.23.so] group=[kernel]"});
        addRow("syslog: nginx and php-fpm keep their program", "syslog",
               {"Dec  9 21:35:20 srv1 nginx[983]: 2023/12/09 21:35:20 [error] 983#983: *1 connect() failed "
                "(111: "
                "Connection refused) while connecting to upstream",
                "Nov 24 10:51:32 srv1 php-fpm8.2[123]: [24-Nov-2026 10:51:32] WARNING: [pool www] child 4711 "
                "exited on signal 9 (SIGKILL) after 12.5 seconds from start"},
               {"event code=syslog-other time=2000-12-09 21:35:20.000(no-year) pid=983 group=[nginx]",
                "event code=syslog-other time=2000-11-24 10:51:32.000(no-year) pid=123 group=[php-fpm8.2]"});
        addRow("syslog: tab-indented continuation", "syslog",
               {"Nov 24 10:51:32 srv1 php-fpm[812]: a message over", "\tseveral lines", "\t  and more", "\t",
                "Nov 24 10:51:33 srv1 CRON[23402]: (root) CMD (true)"},
               {"event code=syslog-other time=2000-11-24 10:51:32.000(no-year) pid=812 group=[php-fpm]",
                "cont", "cont", "ignored",
                "event code=syslog-other time=2000-11-24 10:51:33.000(no-year) pid=23402 group=[CRON]"});
        addRow(
            "syslog: ANSI colours", "syslog",
            {"\x1b[0;1;39mNov 24 10:51:35 srv1 systemd[1]: \x1b[0;1;31mphp8.2-fpm.service: Main process "
             "exited, code=killed, status=9/KILL\x1b[0m",
             "Nov 24 10:51:36 srv1 \x1b[32mkernel\x1b[0m: php-fpm[23456]: segfault at 0 ip 0 sp 0 error 4 in "
             "opcache.so[7f3c2a100000+c8000]"},
            {"event code=service-main-exited time=2000-11-24 10:51:35.000(no-year) value=9 pid=1 "
             "target=[php8.2-fpm.service] group=[systemd]",
             "event code=kern-segfault time=2000-11-24 10:51:36.000(no-year) value=4 pid=23456 "
             "target=[opcache.so] group=[kernel]"});

        // --- access log ---
        // gh-codedge-aws-fargate-with-php-2, gh-whatwedo-docker-base-images-38
        addRow("access: combined as posted", "nginx-access",
               {"192.168.80.1 - - [09/Jun/2020:07:43:31 +0000] \"GET / HTTP/1.1\" 502 158 \"-\" "
                "\"Mozilla/5.0 (X11; "
                "Ubuntu; Linux x86_64; rv:77.0) Gecko/20100101 Firefox/77.0\" \"-\"",
                "172.17.0.1 - - [20/Feb/2020:16:45:08 +0100] \"GET /favicon.ico HTTP/1.1\" 502 157 \"-\" "
                "\"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:72.0) Gecko/20100101 Firefox/72.0\""},
               {"event code=request time=2020-06-09 07:43:31.000+0000 method=GET value=502 target=[/] "
                "client=[192.168.80.1]",
                "event code=request time=2020-02-20 16:45:08.000+0100 method=GET value=502 "
                "target=[/favicon.ico] "
                "client=[172.17.0.1]"});
        // gh-trueforge-org-truecharts-5998, without the "2023-01-05T14:41:29.405127661Z " of kubectl: the
        // X-Forwarded-For at the end names the visitor
        addRow("access: X-Forwarded-For after combined", "nginx-access",
               {"192.168.1.1 - - [05/Jan/2023:14:41:29 +0000] \"MOVE "
                "/remote.php/dav/uploads/tiagogaspar8/web-file-upload-ebb655d82e284efc8ffc4026c4752c96-"
                "1672926741013/.file HTTP/1.1\" 504 562 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36\" "
                "\"2001:8a0:6ed2:c200:697f:d28e:fd4a:c475\""},
               {"event code=request time=2023-01-05 14:41:29.000+0000 method=OTHER value=504 "
                "target=[/remote.php/dav/uploads/tiagogaspar8/"
                "web-file-upload-ebb655d82e284efc8ffc4026c4752c96-1672926741013/.file] "
                "client=[2001:8a0:6ed2:c200:697f:d28e:fd4a:c475]"});
        // gh-mjstealey-wordpress-nginx-docker-17: a masked address; the second line as posted has two spaces
        // after the address and lost its closing quote
        addRow(
            "access: masked and cut lines", "nginx-access",
            {"X.X.X.X - - [25/Jan/2019:22:49:05 +0000] \"POST /wp-json/alids/v1/extension HTTP/1.1\" 200 66 "
             "\"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/70.0.3538.102 Safari/537.36 OPR/57.0.3098.116\"",
             "X.X.X.X  - - [25/Jan/2019:22:49:07 +0000] \"POST /wp-json/alids/v1/extension HTTP/1.1\" 502 "
             "559 "
             "\"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/70.0.3538.102 Safari/537.36 OPR/57.0.3098.116"},
            {"event code=request time=2019-01-25 22:49:05.000+0000 method=POST value=200 "
             "target=[/wp-json/alids/v1/extension] client=[X.X.X.X]",
             "rejected reason=[truncated line]"});

        // --- slowlog ---
        addRow("slowlog: dump failed in place of the frames", "php-fpm-slow",
               {"", "[24-Nov-2026 11:00:55]  [pool www] pid 24001",
                "script_filename = /var/www/html/index.php", "[0x00007f5ea7fe1990] +++ dump failed"},
               {"ignored", "event code=slow-record time=2026-11-24 11:00:55.000 pid=24001 group=[www]",
                "cont target=[/var/www/html/index.php]", "cont frameFunction=[+++ dump failed]"});
    }

    void lines()
    {
        QFETCH(QString, kindId);
        QFETCH(QByteArrayList, lines);
        QFETCH(QByteArrayList, expected);
        const std::optional<LogKind> kind = logKindFromId(kindId.toStdString());
        QVERIFY(kind.has_value());
        auto parser = makeParser(*kind);
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(testdump::dumpLine(*parser, lines[i]), expected[i]);
    }

    /// The detector counts continuations as read lines: a file that starts inside a multi-line record is
    /// still recognised, and a file of dateless lines is recognised by its content.
    void detection_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("kindId");
        QTest::newRow("nginx error log starting inside a stderr record")
            << "#2 /var/www/index.php(12): f()\n#3 {main}\n  thrown in /var/www/index.php on line 5\" while "
               "reading response header from upstream, client: 203.0.113.7, server: example.com\n2026/11/24 "
               "10:51:33 [error] 4021#4021: *90 connect() failed (111: Connection refused) while connecting "
               "to "
               "upstream, client: 203.0.113.8, server: example.com\n"_ba
            << u"nginx-error"_s;
        // gh-fossar-selfoss-1427 and gh-devilbox-docker-php-fpm-75: a paste of dateless entries
        QTest::newRow("nginx error lines without dates")
            << "[error] 1046#1046: *2094 upstream timed out (110: Connection timed out) while reading "
               "response "
               "header from upstream, client: 192.168.17.1, server: localhost\n[error] 102#102: *1 recv() "
               "failed "
               "(104: Connection reset by peer) while reading response header from upstream, client: "
               "192.168.128.1, server: enigma.localhost\n"_ba
            << u"nginx-error"_s;
        QTest::newRow("PHP-FPM in a container")
            << "NOTICE: fpm is running, pid 1\nNOTICE: ready to handle connections\nWARNING: [pool www] "
               "child 4711 "
               "exited on signal 11 (SIGSEGV - core dumped) after 12.5 seconds from start\n"_ba
            << u"php-fpm"_s;
        QTest::newRow("MySQL error.log")
            << "2020-08-06T14:25:02.835618Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.21) "
               "starting as process 1\n2020-08-06T14:25:02.835618Z 0 [Note] [MY-012487] [InnoDB] DDL log "
               "recovery "
               ": begin\n"_ba
            << u"unknown"_s;
        // gh-Azure-app-service-quickstart-docker-images-337
        QTest::newRow("supervisord") << "2020-04-11 13:10:00,063 INFO exited: php-fpm (terminated by "
                                        "SIGKILL; not expected)\n2020-04-11 "
                                        "13:10:04,609 INFO spawned: 'php-fpm' with pid 71850\n"_ba
                                     << u"supervisord"_s;
    }

    void detection()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, kindId);
        const KindDecision decision = detectKind(view(head), u"pasted.txt"_s, {});
        QCOMPARE(QString::fromLatin1(logKindId(decision.kind)), kindId);
    }
};

QTEST_GUILESS_MAIN(TestPastedLines)
#include "tst_pastedlines.moc"
