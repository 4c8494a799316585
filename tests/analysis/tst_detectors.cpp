// Each detector on small hand-made bundles, including the ambiguous ones a support ticket brings:
// a single pasted line, segfaults without the threshold line, a permissions error.

#include "diagnose/analyzer.h"
#include "import/importer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

using Files = QList<QPair<QString, QString>>; // relative path, content

QString clock(int secondOfDay)
{
    return QStringLiteral("%1:%2:%3")
        .arg(secondOfDay / 3600, 2, 10, QChar(u'0'))
        .arg(secondOfDay / 60 % 60, 2, 10, QChar(u'0'))
        .arg(secondOfDay % 60, 2, 10, QChar(u'0'));
}

/// BOA `main` access line on 24 Nov 2026, in UTC.
QString access(int at, const QString& host, const QString& path, int status, double seconds, int client = 7)
{
    return QStringLiteral("\"203.0.113.%1\" %2 [24/Nov/2026:%3 +0000] \"GET %4 HTTP/1.1\" %5 150 412 313 "
                          "\"-\" \"Mozilla/5.0\" %6 \"-\"\n")
        .arg(client)
        .arg(host, clock(at), path)
        .arg(status)
        .arg(seconds, 0, 'f', 3);
}

QString fpm(int at, const QString& message)
{
    return QStringLiteral("[24-Nov-2026 %1] WARNING: %2\n").arg(clock(at), message);
}

QString nginxError(int at, const QString& level, const QString& message, const QString& host,
                   const QString& path)
{
    return QStringLiteral("2026/11/24 %1 [%2] 4021#4021: *88 %3, client: 203.0.113.7, server: %4, request: "
                          "\"GET %5 HTTP/1.1\", "
                          "upstream: \"fastcgi://unix:/var/run/o1.83.fpm.socket:\", host: \"%4\"\n")
        .arg(clock(at), level, message, host, path);
}

/// Normal traffic over an hour so every incident has a baseline around it.
QString background(int from, int to, const QStringList& hosts)
{
    QString lines;
    for (int t = from; t < to; t += 20)
        lines += access(t, hosts[(t / 20) % hosts.size()], QStringLiteral("/node/%1").arg(t % 97), 200, 0.120,
                        20 + t % 50);
    return lines;
}

struct Outcome {
    std::vector<Incident> incidents;
};

Outcome analyze(const Files& files)
{
    QTemporaryDir dir;
    for (const auto& [path, content] : files) {
        const QString full = dir.filePath(path);
        QDir().mkpath(QFileInfo(full).path());
        QFile file(full);
        if (file.open(QIODevice::WriteOnly))
            file.write(content.toUtf8());
    }
    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    Importer importer(options);
    const ImportResult result = importer.run({dir.path()});
    return {analyzeImport(result).incidents};
}

} // namespace

class TestDetectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectors_data()
    {
        QTest::addColumn<Files>("files");
        QTest::addColumn<int>("incidents");
        QTest::addColumn<QString>("cause");
        QTest::addColumn<QString>("reasonContains");

        const QStringList hosts = {QStringLiteral("www.example.com"), QStringLiteral("shop.example.org"),
                                   QStringLiteral("o1.srv.example.net")};
        const int noon = 12 * 3600;

        QTest::newRow("single connect() no such file line (pasted)")
            << Files{{QStringLiteral("pasted.log"),
                      nginxError(noon, QStringLiteral("crit"),
                                 QStringLiteral("connect() to unix:/var/run/o1.83.fpm.socket failed (2: No "
                                                "such file or directory) "
                                                "while connecting to upstream"),
                                 hosts[0], QStringLiteral("/node/12"))}}
            << 1 << QStringLiteral("backend-down") << QStringLiteral("socket missing");

        {
            // The pool configuration in the bundle decides between "PHP-FPM is down" and "nginx connects to
            // the wrong place": the same connect() line, two pool files.
            const QString refused = nginxError(noon, QStringLiteral("error"),
                                               QStringLiteral("connect() to unix:/var/run/o1.83.fpm.socket "
                                                              "failed (111: Connection refused) while "
                                                              "connecting to upstream"),
                                               hosts[0], QStringLiteral("/node/12"));
            const auto pool = [](const QString& listen) {
                return QStringLiteral("[www]\nuser = www-data\ngroup = www-data\nlisten = %1\n"
                                      "pm = dynamic\npm.max_children = 5\n")
                    .arg(listen);
            };
            QTest::newRow("connect refused, no pool listens there: wrong address")
                << Files{{QStringLiteral("var/log/nginx/error.log"), refused},
                         {QStringLiteral("etc/php/8.2/fpm/pool.d/www.conf"),
                          pool(QStringLiteral("/run/php/php8.2-fpm.sock"))}}
                << 1 << QStringLiteral("unknown") << QStringLiteral("do not match");
            // /var/run is /run on every current distribution: the same socket.
            QTest::newRow("connect refused where the pool listens: PHP-FPM is down")
                << Files{{QStringLiteral("var/log/nginx/error.log"), refused},
                         {QStringLiteral("etc/php/8.2/fpm/pool.d/www.conf"),
                          pool(QStringLiteral("/run/o1.83.fpm.socket"))}}
                << 1 << QStringLiteral("backend-down") << QStringLiteral("refused");
        }
        {
            // A second PHP-FPM that cannot bind because the first one still listens: the running one serves,
            // so the failed start is no outage; a bind that fails for any other reason is one.
            const auto failedStart = [&](const QString& bindError) {
                return QStringLiteral("[24-Nov-2026 %1] ERROR: unable to bind listening socket for address "
                                      "'/run/php/php8.2-fpm.sock': %2\n[24-Nov-2026 %1] ERROR: FPM "
                                      "initialization failed\n")
                    .arg(clock(noon), bindError);
            };
            QTest::newRow("failed start, address in use: no outage")
                << Files{{QStringLiteral("php8.2-fpm.log"),
                          failedStart(QStringLiteral("Address already in use (98)"))}}
                << 1 << QStringLiteral("unknown") << QStringLiteral("already listens");
            QTest::newRow("failed start, socket folder missing: PHP-FPM is down")
                << Files{{QStringLiteral("php8.2-fpm.log"),
                          failedStart(QStringLiteral("No such file or directory (2)"))}}
                << 1 << QStringLiteral("backend-down") << QStringLiteral("failed to start");
        }
        QTest::newRow("single upstream timed out line (pasted)")
            << Files{{QStringLiteral("pasted.log"),
                      nginxError(noon, QStringLiteral("error"),
                                 QStringLiteral("upstream timed out (110: Connection timed out) while "
                                                "reading response header from upstream"),
                                 hosts[0], QStringLiteral("/node/12"))}}
            << 1 << QStringLiteral("timeout") << QStringLiteral("504");

        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            QString fpmLog;
            for (int k = 0; k < 4; ++k) {
                accessLog += access(noon + k * 7, hosts[0],
                                    QStringLiteral("/admin/structure/views/view/frontpage/edit"), 502, 0.004);
                fpmLog += fpm(
                    noon + k * 7,
                    QStringLiteral(
                        "[pool o1.83] child %1 exited on signal 11 (SIGSEGV) after 3.5 seconds from start")
                        .arg(2300 + k));
            }
            QTest::newRow("segfaults without the threshold line, one page")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog},
                         {QStringLiteral("var/log/php/php83-fpm-error.log"), fpmLog}}
                << 1 << QStringLiteral("page-crash") << QStringLiteral("every time");
        }
        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            QString fpmLog;
            for (int k = 0; k < 6; ++k) {
                accessLog += access(noon + k, hosts[k % 3], QStringLiteral("/page-%1").arg(k), 502, 0.010);
                fpmLog += fpm(
                    noon + k,
                    QStringLiteral(
                        "[pool o1.83] child %1 exited on signal 11 (SIGSEGV) after 9.1 seconds from start")
                        .arg(3300 + k));
            }
            fpmLog +=
                fpm(noon + 6,
                    QStringLiteral("failed processes threshold (5 in 60 sec) is reached, initiating reload"));
            QTest::newRow("segfaults on many pages until the emergency reload")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog},
                         {QStringLiteral("var/log/php/php83-fpm-error.log"), fpmLog}}
                << 1 << QStringLiteral("segfault-restart") << QStringLiteral("threshold");
        }
        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            for (int t = noon; t < noon + 40; ++t)
                accessLog += access(t, hosts[t % 3],
                                    t % 3 == 2 ? QStringLiteral("/hosting/tasks/12/list")
                                               : QStringLiteral("/node/%1").arg(t % 11),
                                    502, 0.001, t % 30);
            QTest::newRow("every host fails for 40 s, control panel included")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog}} << 1
                << QStringLiteral("backend-down") << QStringLiteral("control panel");
        }
        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            for (int k = 0; k < 120; ++k)
                accessLog += access(noon + k / 10, hosts[k % 2], QStringLiteral("/search?q=%1").arg(k),
                                    k % 3 == 0 ? 504 : 502, k % 3 == 0 ? 10.0 : 0.002, 100 + k);
            const QString fpmLog = fpm(
                noon,
                QStringLiteral("[pool o1.83] server reached max_children setting (8), consider raising it"));
            QTest::newRow("a burst of random URLs with max_children reached")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog},
                         {QStringLiteral("var/log/php/php83-fpm-error.log"), fpmLog}}
                << 1 << QStringLiteral("overload") << QStringLiteral("max_children");
        }
        {
            QString errorLog;
            for (int k = 0; k < 3; ++k)
                errorLog += nginxError(noon + k, QStringLiteral("crit"),
                                       QStringLiteral("connect() to unix:/var/run/o1.83.fpm.socket failed "
                                                      "(13: Permission denied) while connecting to upstream"),
                                       hosts[0], QStringLiteral("/"));
            QTest::newRow("permission denied on the socket")
                << Files{{QStringLiteral("var/log/nginx/error.log"), errorLog}} << 1
                << QStringLiteral("unknown") << QStringLiteral("denied");
        }
        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            accessLog += access(noon + 180, hosts[1], QStringLiteral("/admin/reports/updates"), 504, 180.004);
            const QString slowLog = QStringLiteral(
                "\n[24-Nov-2026 12:01:00]  [pool o1.83] pid 24001\n"
                "script_filename = /data/disk/o1/distro/004/openatrium-2.x/index.php\n"
                "[0x00007f3b6c01e4a0] stream_socket_client() "
                "/data/disk/o1/distro/004/openatrium-2.x/includes/common.inc:880\n"
                "[0x00007f3b6c01e2f0] drupal_http_request() "
                "/data/disk/o1/distro/004/openatrium-2.x/modules/update/update.fetch.inc:175\n"
                "[0x00007f3b6c01e1c0] _update_process_fetch_task() "
                "/data/disk/o1/distro/004/openatrium-2.x/modules/update/update.fetch.inc:96\n");
            QTest::newRow("Update Manager waiting on drupal.org")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog},
                         {QStringLiteral("var/log/php/fpm-o1.83-slow.log"), slowLog}}
                << 1 << QStringLiteral("update-manager") << QStringLiteral("Update Manager");
        }
        {
            QString accessLog = background(noon - 1800, noon + 1800, hosts);
            accessLog += access(noon + 5, hosts[0], QStringLiteral("/missing"), 404, 0.01);
            accessLog += access(noon + 6, hosts[0], QStringLiteral("/broken"), 500, 0.2);
            QTest::newRow("no 502 or 504") << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog}}
                                           << 0 << QString() << QString();
        }
        {
            QString accessLog = background(0, 1800, hosts);
            accessLog += access(61, hosts[0], QStringLiteral("/batch?id=5&op=do"), 502, 6.2);
            accessLog += access(61, hosts[2], QStringLiteral("/hosting/sites"), 502, 3.1);
            QTest::newRow("requests cut in the same second at 00:01")
                << Files{{QStringLiteral("var/log/nginx/access.log"), accessLog}} << 1
                << QStringLiteral("backend-restart") << QStringLiteral("same second");
        }
    }

    void detectors()
    {
        QFETCH(Files, files);
        QFETCH(int, incidents);
        QFETCH(QString, cause);
        QFETCH(QString, reasonContains);
        const Outcome outcome = analyze(files);
        QCOMPARE(int(outcome.incidents.size()), incidents);
        if (incidents == 0)
            return;
        const Incident& incident = outcome.incidents.front();
        const QString why = incident.reasoning + u' ' + incident.advice;
        QVERIFY2(
            QString::fromLatin1(causeId(incident.cause).data()) == cause,
            qPrintable(
                QStringLiteral("got %1: %2").arg(QString::fromLatin1(causeId(incident.cause).data()), why)));
        QVERIFY2(why.contains(reasonContains, Qt::CaseInsensitive), qPrintable(why));
        QVERIFY(!incident.evidence.empty());
        QVERIFY(incident.confidence > 0 && incident.confidence <= 1);
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
