// Triage on a week of traffic: isolated 502/504s are grouped per day and cause, the real incidents come first
// by impact. Prints the incident counts with and without grouping.

#include "diagnose/analyzer.h"
#include "import/importer.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

QString stamp(int day, int secondOfDay)
{
    return QStringLiteral("%1/Nov/2026:%2:%3:%4 +0000")
        .arg(20 + day)
        .arg(secondOfDay / 3600, 2, 10, QChar(u'0'))
        .arg(secondOfDay / 60 % 60, 2, 10, QChar(u'0'))
        .arg(secondOfDay % 60, 2, 10, QChar(u'0'));
}

QString access(int day, int at, const QString& host, const QString& path, int status, double seconds,
               int client)
{
    return QStringLiteral(
               "\"203.0.113.%1\" %2 [%3] \"GET %4 HTTP/1.1\" %5 150 412 313 \"-\" \"Mozilla/5.0\" %6 \"-\"\n")
        .arg(client % 250 + 1)
        .arg(host, stamp(day, at), path)
        .arg(status)
        .arg(seconds, 0, 'f', 3);
}

} // namespace

class TestTriage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void isolatedFailuresAreGroupedAndRealIncidentsLead()
    {
        const QStringList hosts = {QStringLiteral("www.example.com"), QStringLiteral("shop.example.org"),
                                   QStringLiteral("o1.srv.example.net")};
        QRandomGenerator random(7);
        QString log;
        // A week of ordinary traffic, a request every 30 s.
        struct Line {
            int day;
            int at;
            QString text;
        };
        std::vector<Line> lines;
        for (int day = 0; day < 7; ++day)
            for (int at = 0; at < 86'400; at += 30)
                lines.push_back({day, at,
                                 access(day, at, hosts[(at / 30) % 3],
                                        QStringLiteral("/node/%1").arg(at % 97), 200, 0.12, at)});
        // 40 lone failures, one at a time, hours apart: what a busy week leaves behind.
        constexpr int kLoneFailures = 40;
        for (int k = 0; k < kLoneFailures; ++k) {
            const int day = k % 7;
            const int at = 3600 + int(random.bounded(80'000)) / 30 * 30 + 7;
            lines.push_back(
                {day, at,
                 access(day, at, hosts[k % 3], QStringLiteral("/page-%1").arg(k), 502, 0.003, 500 + k)});
        }
        // One real outage: every host, 90 s on day 3 at noon.
        for (int t = 0; t < 90; t += 2)
            for (const QString& host : hosts)
                lines.push_back(
                    {3, 43'200 + t,
                     access(3, 43'200 + t, host, QStringLiteral("/n/%1").arg(t), 502, 0.001, 900 + t)});
        std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
            return a.day != b.day ? a.day < b.day : a.at < b.at;
        });
        for (const Line& line : lines)
            log += line.text;
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("var/log/nginx")));
        QFile file(dir.filePath(QStringLiteral("var/log/nginx/access.log")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(log.toUtf8());
        file.close();

        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        Importer importer(options);
        const ImportResult import = importer.run({dir.path()});

        AnalysisConfig ungrouped;
        ungrouped.sporadicMaxFailures =
            0; // nothing counts as isolated: one row per incident, as before triage
        const AnalysisResult before = analyzeImport(import, ungrouped);
        const AnalysisResult after = analyzeImport(import);
        int sporadicRows = 0;
        std::uint32_t grouped = 0;
        for (const Incident& incident : after.incidents) {
            if (incident.sporadic) {
                ++sporadicRows;
                grouped += incident.occurrences;
            }
        }
        std::printf("a week with %d lone 502s and one outage: %zu incidents without grouping, %zu with "
                    "(%d rows of sporadic failures holding %u)\n",
                    kLoneFailures, before.incidents.size(), after.incidents.size(), sporadicRows, grouped);
        QCOMPARE(before.incidents.size(), std::size_t(kLoneFailures + 1));
        QVERIFY(after.incidents.size() <= 1 + 7 * 2); // the outage, and at most a row per day and cause
        QCOMPARE(grouped + std::uint32_t(after.incidents.size() - 1 - std::size_t(sporadicRows)),
                 std::uint32_t(kLoneFailures));
        // The outage leads; the grouped rows come last.
        const Incident& first = after.incidents.front();
        QCOMPARE(first.id, 1);
        QVERIFY(!first.sporadic);
        QCOMPARE(first.count502, std::uint32_t(45 * 3));
        QCOMPARE(QString::fromLatin1(causeId(first.cause).data()), QStringLiteral("backend-down"));
        bool seenSporadic = false;
        for (const Incident& incident : after.incidents) {
            seenSporadic = seenSporadic || incident.sporadic;
            QVERIFY2(!seenSporadic || incident.sporadic, "a grouped row before a real incident");
        }
    }
};

QTEST_GUILESS_MAIN(TestTriage)
#include "tst_triage.moc"
