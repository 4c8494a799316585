// Two bundles opened together are two servers: each gets its own zone (learned from its own access log), its
// zone-less logs are read in that zone, and the analysis finds each server's incident at its true time and
// says that they happened at the same moment. Bundles are packed with real tar.

#include "diagnose/analyzer.h"
#include "importtestutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gd;
using namespace gdtest;

class TestServers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachBundleIsAServerWithItsOwnZone();
    void incidentsPerServerAtTheSameTime();
    void oneServerOnRequest();
    void anotherServersAccessLogHidesNothing();

private:
    /// A bundle of one server: an access log with its offset on every line and a zone-less error log, with
    /// an outage of 30 s that starts at `outageLocal` ("2026/11/24 10:00:00" / "24/Nov/2026:10:00:00").
    QString makeBundle(const QString& name, const char* offset, const char* errorDay, const char* accessDay,
                       int outageHour);
    QString path(const QString& relative) const { return dir_.filePath(relative); }

    /// A server whose bundle has only its nginx error log (zone from /etc/timezone): six 502 lines from
    /// 10:00:00 New York time, when the New York server's outage begins.
    QString makeErrorLogOnlyBundle(const QString& name);

    QTemporaryDir dir_;
    QString newYork_;
    QString sydney_;
};

QString TestServers::makeBundle(const QString& name, const char* offset, const char* errorDay,
                                const char* accessDay, int outageHour)
{
    const QString root = path(name);
    QByteArray access;
    QByteArray errors;
    for (int minute = -2; minute <= 2; ++minute) {
        for (int second = 0; second < 60; second += 5) {
            const int hour = outageHour + (minute < 0 ? -1 : 0);
            const int min = (minute + 60) % 60;
            const QByteArray clock = QStringLiteral("%1:%2:%3")
                                         .arg(hour, 2, 10, QChar(u'0'))
                                         .arg(min, 2, 10, QChar(u'0'))
                                         .arg(second, 2, 10, QChar(u'0'))
                                         .toLatin1();
            const bool down = minute == 0 && second < 30;
            const QByteArray timeLocal = QByteArray(accessDay) + ":" + clock + " " + offset;
            access += accessLine(timeLocal.constData(), down ? 502 : 200);
            if (down)
                errors +=
                    errorLine(QByteArray(QByteArray(errorDay) + " " + clock).constData(), 1000 + second);
        }
    }
    if (!writeFile(root + QStringLiteral("/var/log/nginx/access.log"), access) ||
        !writeFile(root + QStringLiteral("/var/log/nginx/error.log"), errors))
        return {};
    const QString bundle = path(name + QStringLiteral(".tar.gz"));
    if (!runTool(QStringLiteral("tar"), {QStringLiteral("-czf"), bundle, QStringLiteral("var")}, root))
        return {};
    return bundle;
}

QString TestServers::makeErrorLogOnlyBundle(const QString& name)
{
    const QString root = path(name);
    QByteArray errors;
    for (int second = 0; second < 30; second += 5)
        errors += errorLine(QStringLiteral("2026/11/24 10:00:%1").arg(second, 2, 10, QChar(u'0')).toLatin1(),
                            2000 + second);
    if (!writeFile(root + QStringLiteral("/var/log/nginx/error.log"), errors) ||
        !writeFile(root + QStringLiteral("/etc/timezone"), "America/New_York\n"))
        return {};
    const QString bundle = path(name + QStringLiteral(".tar.gz"));
    if (!runTool(QStringLiteral("tar"),
                 {QStringLiteral("-czf"), bundle, QStringLiteral("var"), QStringLiteral("etc")}, root))
        return {};
    return bundle;
}

void TestServers::initTestCase()
{
    if (!haveTool(QStringLiteral("tar")) || !haveTool(QStringLiteral("gzip")))
        QSKIP("tar or gzip is not installed");
    QVERIFY(dir_.isValid());
    // The same instant, 2026-11-24 15:00:00 UTC: 10:00 in New York (UTC-5), 02:00 next day in Sydney
    // (UTC+11).
    newYork_ = makeBundle(QStringLiteral("ny-web1"), "-0500", "2026/11/24", "24/Nov/2026", 10);
    sydney_ = makeBundle(QStringLiteral("syd-web1"), "+1100", "2026/11/25", "25/Nov/2026", 2);
    QVERIFY(!newYork_.isEmpty() && !sydney_.isEmpty());
}

void TestServers::eachBundleIsAServerWithItsOwnZone()
{
    const ImportResult result = runImport({newYork_, sydney_});
    QVERIFY2(result.diagnostics.empty(), qPrintable(describe(result)));
    QCOMPARE(result.servers.size(), 2U);
    QCOMPARE(result.servers[0].name, QStringLiteral("ny-web1"));
    QCOMPARE(result.servers[1].name, QStringLiteral("syd-web1"));
    QCOMPARE(result.servers[0].timeZone, QStringLiteral("UTC-05:00"));
    QCOMPARE(result.servers[1].timeZone, QStringLiteral("UTC+11:00"));
    for (const QString& bundle : {newYork_, sydney_}) {
        const SourceInfo* errors = findSource(result, bundle + QStringLiteral("!/var/log/nginx/error.log"));
        QVERIFY(errors != nullptr);
        // Both error logs' first line is the outage's first second: the same UTC instant.
        QCOMPARE(isoUtc(errors->firstUtcMs), QStringLiteral("2026-11-24T15:00:00Z"));
        QCOMPARE(result.servers[errors->server].key, bundle);
    }
}

void TestServers::incidentsPerServerAtTheSameTime()
{
    const ImportResult result = runImport({newYork_, sydney_});
    const AnalysisResult analysis = analyzeImport(result);
    QCOMPARE(analysis.incidents.size(), 2U);
    QList<int> servers;
    for (const Incident& incident : analysis.incidents) {
        servers << incident.server;
        QCOMPARE(isoUtc(incident.endMs).left(16), QStringLiteral("2026-11-24T15:00"));
        QCOMPARE(incident.count502, 6U);
        QCOMPARE(incident.hosts,
                 QStringList{QStringLiteral("www.example.com")}); // the server view keeps names
        QCOMPARE(incident.sameTimeAs.size(), 1U);                 // the other server's incident
        QVERIFY(incident.sameTimeAs.front() != incident.id);
        for (const EvidenceLine& line : incident.evidence)
            QCOMPARE(result.sources[line.source].server, incident.server);
    }
    std::sort(servers.begin(), servers.end());
    QCOMPARE(servers, (QList<int>{0, 1}));
}

void TestServers::oneServerOnRequest()
{
    ImportOptions options;
    options.oneServer = true;
    const ImportResult result = runImport({newYork_, sydney_}, options);
    QCOMPARE(result.servers.size(), 1U);
    // One server with two different offsets in its access logs: the zone says so instead of hiding it.
    QVERIFY2(result.serverTimeZone.contains(QStringLiteral(" then ")), qPrintable(result.serverTimeZone));
}

void TestServers::anotherServersAccessLogHidesNothing()
{
    // The analysis of one server must not see another's logs: where an access log covers a time, the
    // error log's 502 lines are not counted again, but only the same server's access log can say so.
    const QString errorsOnly = makeErrorLogOnlyBundle(QStringLiteral("ny-web2"));
    QVERIFY(!errorsOnly.isEmpty());
    const ImportResult result = runImport({newYork_, errorsOnly});
    QCOMPARE(result.servers.size(), 2U);
    const AnalysisResult analysis = analyzeImport(result);
    QCOMPARE(analysis.incidents.size(), 2U);
    for (const Incident& incident : analysis.incidents) {
        QCOMPARE(isoUtc(incident.endMs).left(16), QStringLiteral("2026-11-24T15:00"));
        QCOMPARE(incident.count502, 6U);
        const bool errorLogServer = result.servers[incident.server].key == errorsOnly;
        // The server without an access log is told so, the other is not.
        const bool saysAccessLogMissing =
            std::any_of(incident.collectNext.begin(), incident.collectNext.end(), [](const QString& item) {
                return item.contains(QStringLiteral("nginx/access.log"));
            });
        QVERIFY2(saysAccessLogMissing == errorLogServer, qPrintable(incident.collectNext.join(u'|')));
        for (const EvidenceLine& line : incident.evidence)
            QCOMPARE(result.sources[line.source].server, incident.server);
    }
}

QTEST_GUILESS_MAIN(TestServers)
#include "tst_servers.moc"
