// The client report's content before any layout: redaction (stable pseudonyms, tokens, sites out of scope),
// inert text, the CSV, and a report of the demo bundle scoped to one site.

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "import/rawtext.h"
#include "report/clientreport.h"
#include "report/evidencetext.h"
#include "report/inerttext.h"
#include "report/redaction.h"

#include <QRegularExpression>
#include <QTest>

using namespace gd;

class TestClientReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addressesBecomeStablePseudonyms()
    {
        Redactor redactor({true, false, {}});
        const QString first =
            redactor.redact(QStringLiteral("\"203.0.113.7\" www.example.com [24/Nov/2026:03:04:33 +0100]"));
        const QString again = redactor.redact(QStringLiteral("client: 203.0.113.7, server: _"));
        const QString other = redactor.redact(QStringLiteral("client: 198.51.100.20"));
        QCOMPARE(first, QStringLiteral("\"client-1\" www.example.com [24/Nov/2026:03:04:33 +0100]"));
        QCOMPARE(again, QStringLiteral("client: client-1, server: _"));
        QCOMPARE(other, QStringLiteral("client: client-2"));
        QCOMPARE(redactor.maskedAddresses(), 2);
        // IPv6 in both spellings; loopback and the upstream on loopback name no client.
        QCOMPARE(redactor.redact(QStringLiteral("2001:db8::17 and 2001:0db8:0:0:0:0:0:17")),
                 QStringLiteral("client-3 and client-4"));
        QCOMPARE(redactor.redact(QStringLiteral("upstream: \"fastcgi://127.0.0.1:9000\", ::1")),
                 QStringLiteral("upstream: \"fastcgi://127.0.0.1:9000\", ::1"));
        // Times and versions are not addresses.
        QCOMPARE(redactor.redact(QStringLiteral("2026/11/24 03:04:33 nginx/1.22.1 HTTP/1.1 10.5.3")),
                 QStringLiteral("2026/11/24 03:04:33 nginx/1.22.1 HTTP/1.1 10.5.3"));
    }

    void tokensInUrlsAreMasked()
    {
        Redactor redactor({false, true, {}});
        QCOMPARE(redactor.redact(QStringLiteral("GET /cart?sid=abc123&page=2 HTTP/1.1")),
                 QStringLiteral("GET /cart?sid=[masked]&page=2 HTTP/1.1"));
        QCOMPARE(redactor.redact(QStringLiteral("/feed?access_token=x&PHPSESSID=y")),
                 QStringLiteral("/feed?access_token=[masked]&PHPSESSID=[masked]"));
        // A value that looks random is masked whatever its name; ordinary values stay.
        QCOMPARE(redactor.redact(QStringLiteral("/cb?state=9f8e7d6c5b4a39281716aBcD&q=drupal+8")),
                 QStringLiteral("/cb?state=[masked]&q=drupal+8"));
        QCOMPARE(redactor.redact(QStringLiteral("GET /user/reset/12/1795513892/kR3yT8xYz-_Q/login")),
                 QStringLiteral("GET /user/reset/12/1795513892/[masked]/login"));
        QCOMPARE(redactor.maskedTokens(), 5);
    }

    void otherSitesAreHidden()
    {
        Redactor redactor(
            {false, false, {QStringLiteral("shop.example.org"), QStringLiteral("example.com")}});
        // Whole host names only: www.example.com is not example.com.
        QCOMPARE(redactor.redact(QStringLiteral("on www.example.com, shop.example.org and SHOP.example.org")),
                 QStringLiteral("on www.example.com, another site and another site"));
        QVERIFY(redactor.mentionsOtherSite(QStringLiteral("host: \"shop.example.org\"")));
        QVERIFY(!redactor.mentionsOtherSite(QStringLiteral("host: \"www.example.com\"")));
    }

    void hostileTextIsInert()
    {
        const QString rtl = QStringLiteral("GET /a\u202Etxt.exe HTTP/1.1\u0007\u001b[31m");
        const QString inert = inertText(rtl);
        QVERIFY(!inert.contains(QChar(0x202E)));
        QVERIFY(!inert.contains(QChar(0x1b)));
        QVERIFY(!inert.contains(QChar(0x07)));
        QVERIFY(inert.contains(QStringLiteral("txt.exe")));
        const QString longLine = QString(60'000, u'a');
        const QString cut = inertText(longLine, 1500);
        QVERIFY(cut.size() < 1600);
        QVERIFY2(cut.endsWith(QStringLiteral("[58500 more characters]")), qPrintable(cut.right(40)));
    }

    void demoScopedToOneSite()
    {
        ImportOptions options;
        Importer importer(options);
        const ImportResult import =
            importer.run({QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz")});
        const AnalysisResult analysis = analyzeImport(import);
        RawTextReader rawText(import.sources);
        pinEvidence(rawText, analysis, 0);

        ClientReportOptions all;
        all.redactIps = true;
        const ClientReport full = buildClientReport(import, analysis, &rawText, all);
        QCOMPARE(full.incidents.size(), analysis.incidents.size());
        QCOMPARE(full.incidentCharts.size(), full.incidents.size());
        QVERIFY(full.maskedAddresses > 0);
        QVERIFY(!full.overview.bins.empty());

        ClientReportOptions one = all;
        one.hosts = {QStringLiteral("TEAM.example.com")};
        const ClientReport scoped = buildClientReport(import, analysis, &rawText, one);
        QVERIFY(!scoped.incidents.empty());
        QVERIFY(scoped.incidents.size() < full.incidents.size());
        QCOMPARE(scoped.sites, QStringList{QStringLiteral("team.example.com")});
        const QRegularExpression otherHost(
            QStringLiteral("www\\.example\\.com|shop\\.example\\.org|o1\\.srv\\.example\\.net"));
        const QRegularExpression address(QStringLiteral("\\b(?!127\\.)\\d{1,3}(?:\\.\\d{1,3}){3}\\b"));
        std::uint64_t overviewRequests = 0;
        for (const auto& bin : scoped.overview.bins)
            for (const std::uint32_t count : bin)
                overviewRequests += count;
        QCOMPARE(overviewRequests, scoped.requests);
        QVERIFY(scoped.requests < full.requests);
        for (const IncidentReport& incident : scoped.incidents) {
            QCOMPARE(incident.hosts, QStringList{QStringLiteral("team.example.com")});
            QStringList texts = {incident.summary, incident.reasoning, incident.advice};
            texts << incident.limits << incident.collectNext;
            for (const UrlStat& url : incident.urls)
                texts << url.host + url.path;
            for (const ReportEvidence& line : incident.evidence)
                texts << line.source + u' ' + line.text;
            for (const QString& text : texts) {
                QVERIFY2(!otherHost.match(text).hasMatch(), qPrintable(text));
                QVERIFY2(!address.match(text).hasMatch(), qPrintable(text));
            }
            // Its numbers are the site's own.
            const auto original = std::find_if(full.incidents.begin(), full.incidents.end(),
                                               [&](const IncidentReport& i) { return i.id == incident.id; });
            QVERIFY(original != full.incidents.end());
            QVERIFY(incident.count502 + incident.count504 <= original->count502 + original->count504);
        }
        // Staff's own folders never reach the client.
        for (const ReportSource& source : scoped.sources)
            QVERIFY2(source.path.startsWith(QStringLiteral("demo-bundle.tar.gz!/")), qPrintable(source.path));

        // The CSV: a header and a row per incident; text stays text in a spreadsheet.
        const QStringList rows =
            QString::fromUtf8(clientReportCsv(scoped)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), int(scoped.incidents.size()) + 1);
        QVERIFY(rows.front().startsWith(QStringLiteral("id,start (server time)")));
        ClientReport formula = scoped;
        formula.incidents.front().hosts = {QStringLiteral("=HYPERLINK(\"http://x\")")};
        const QString csv = QString::fromUtf8(clientReportCsv(formula));
        QVERIFY2(csv.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"")), qPrintable(csv));
    }
};

QTEST_GUILESS_MAIN(TestClientReport)
#include "tst_clientreport.moc"
