// The incident report model and its writers: the model is built once from the analysis (evidence
// text read from the bundle), the plain text, JSON and HTML writers lay it out in the same words,
// and text from logs is never taken for markup or for an arg() placeholder.

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "import/rawtext.h"
#include "report/analysisjson.h"
#include "report/evidencetext.h"
#include "report/incidentreport.h"
#include "report/reporthtml.h"
#include "report/reporttext.h"
#include "report/reportwords.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

// 2026-11-24T09:51:32Z
constexpr std::int64_t kStartMs = 1795513892000LL;

const QString kFpmLines = QStringLiteral(
    "[24-Nov-2026 10:51:32] WARNING: [pool o1.82] server reached max_children setting (3), consider raising "
    "it\n"
    "[24-Nov-2026 10:51:40] WARNING: [pool o1.82] child 2584 exited on signal 11 (SIGSEGV) after 3.5 seconds "
    "from start\n");

/// A hand-made incident whose texts carry what logs can carry: markup, line breaks, "%3A" in a URL.
Incident hostileIncident()
{
    Incident incident;
    incident.id = 7;
    incident.startMs = kStartMs;
    incident.endMs = kStartMs + 8500;
    incident.cause = Cause::PageCrash;
    incident.confidence = 0.854;
    incident.alternatives = {{Cause::Timeout, 0.123}};
    incident.count502 = 12;
    incident.count504 = 1;
    incident.requests = 40;
    incident.hosts = {QStringLiteral("www.example.com")};
    for (int i = 0; i < 10; ++i)
        incident.urls.push_back(
            {QStringLiteral("www.example.com"), QStringLiteral("/cart%3A%1").arg(i), 3, 7});
    incident.urls.front().path = QStringLiteral("/a%3Ab<script>");
    incident.segfault =
        SegfaultAttribution{QStringLiteral("opcache.so"), SegfaultAttribution::Kind::Extension, 4};
    incident.evidence = {{0, 1, kStartMs, QStringLiteral("pool ran out of workers (max_children reached)")},
                         {0, 2, kStartMs + 8000, QStringLiteral("PHP-FPM worker died on %2")},
                         {9, 5, kStartMs + 8500, QStringLiteral("502 response")}};
    incident.features = {{QStringLiteral("crashes"), QStringLiteral("4 <b>x</b>")}};
    incident.summary = QStringLiteral("<b>12 × 502</b> on /cart\nsecond line");
    incident.reasoning = QStringLiteral("the page fails every time %1 %2");
    incident.advice = QStringLiteral("Fix the theme & retry.");
    incident.limits = {QStringLiteral("the bundle has no <syslog>")};
    incident.collectNext = {QStringLiteral("/var/log/syslog")};
    return incident;
}

struct Imported {
    QTemporaryDir dir;
    ImportResult import;
};

/// A bundle of one PHP-FPM log with the two lines the hand-made incident quotes.
std::unique_ptr<Imported> importFpmLog()
{
    auto imported = std::make_unique<Imported>();
    const QString path = imported->dir.filePath(QStringLiteral("php-fpm.log"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(kFpmLines.toUtf8()) < 0)
        return imported;
    file.close();
    ImportOptions options;
    options.timeZone = QStringLiteral("Europe/Amsterdam");
    imported->import = Importer(options).run({path});
    return imported;
}

/// The hand-made incident's report as a whole analysis, its evidence read from `imported`.
AnalysisReport hostileReport(const ImportResult& import)
{
    AnalysisResult analysis;
    analysis.incidents = {hostileIncident()};
    analysis.requests = 1200;
    analysis.failures = 13;
    RawTextReader reader(import.sources);
    return analysisReport(import, analysis, &reader,
                          [](const Incident&) { return QStringLiteral("Client confirmed."); });
}

} // namespace

class TestIncidentReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void words()
    {
        QCOMPARE(reportwords::percent(0.854), QStringLiteral("85 %"));
        QCOMPARE(reportwords::fraction(0.5), QStringLiteral("0.50"));
        QCOMPARE(reportwords::headline(3, QStringLiteral("Timeout"), 0.5),
                 QStringLiteral("#3 Timeout — 50 % confidence"));
        QCOMPARE(reportwords::textHeadline(3, QStringLiteral("Timeout"), QStringLiteral("timeout"), 0.5),
                 QStringLiteral("#3 Timeout (timeout, confidence 0.50)"));
        QCOMPARE(reportwords::andMore(3), QStringLiteral("… and 3 more"));
        QCOMPARE(reportwords::label(ReportPart::Limits), QStringLiteral("cannot see"));
        QCOMPARE(reportwords::heading(ReportPart::Limits), QStringLiteral("What these logs cannot show"));
        // Placeholders in text from logs stay as they are.
        QCOMPARE(reportwords::failingUrl({QStringLiteral("h%2"), QStringLiteral("/a%3Ab"), 3, 7}),
                 QStringLiteral("h%2/a%3Ab — 3 of 7 failed"));
    }

    void modelIsBuiltOnceFromTheAnalysis()
    {
        const auto imported = importFpmLog();
        QCOMPARE(imported->import.sources.size(), std::size_t(1));
        const AnalysisReport report = hostileReport(imported->import);
        QCOMPARE(report.requests, std::uint64_t(1200));
        QCOMPARE(report.failures, std::uint64_t(13));
        QCOMPARE(report.serverTimeZone, imported->import.serverTimeZone);
        QCOMPARE(report.incidents.size(), std::size_t(1));
        const IncidentReport& incident = report.incidents.front();
        QCOMPARE(incident.id, 7);
        QCOMPARE(incident.causeId, QStringLiteral("page-crash"));
        QCOMPARE(incident.causeTitle, causeTitle(Cause::PageCrash));
        QCOMPARE(incident.causeExplanation, causeExplanation(Cause::PageCrash));
        QCOMPARE(incident.alternatives.size(), std::size_t(1));
        QCOMPARE(incident.alternatives.front().causeId, QStringLiteral("timeout"));
        QCOMPARE(incident.alternatives.front().causeTitle, causeTitle(Cause::Timeout));
        QCOMPARE(incident.staffNote, QStringLiteral("Client confirmed."));
        QCOMPARE(incident.evidence.size(), std::size_t(3));
        const QString path = imported->import.sources.front().path;
        QCOMPARE(incident.evidence[0].source, path);
        QCOMPARE(incident.evidence[0].text, kFpmLines.section(QLatin1Char('\n'), 0, 0));
        QCOMPARE(incident.evidence[1].text, kFpmLines.section(QLatin1Char('\n'), 1, 1));
        QCOMPARE(incident.evidence[1].timeMs, kStartMs + 8000);
        // A source the import does not list is named, and its line said to be unreadable.
        QCOMPARE(incident.evidence[2].source, QStringLiteral("source 9"));
        QVERIFY(incident.evidence[2].text.startsWith(QStringLiteral("(line not readable: ")));

        // Without a reader the texts stay empty (the workbench reads them off the UI thread).
        const IncidentReport bare = incidentReport(hostileIncident(), imported->import);
        QCOMPARE(bare.evidence.size(), std::size_t(3));
        QVERIFY(bare.evidence[0].text.isEmpty());
        QVERIFY(bare.staffNote.isEmpty());
    }

    void plainText()
    {
        const auto imported = importFpmLog();
        const AnalysisReport report = hostileReport(imported->import);
        const QString path = imported->import.sources.front().path;
        const QString expected = QStringLiteral("1200 requests, 13 failed with 502/504; server time zone ") +
                                 imported->import.serverTimeZone +
                                 QStringLiteral("\n"
                                                "\n#7 Page crashes every time (page-crash, confidence 0.85)\n"
                                                "  2026-11-24T09:51:32Z .. 2026-11-24T09:51:40.500Z UTC\n"
                                                "  <b>12 × 502</b> on /cart\nsecond line\n"
                                                "  why: the page fails every time %1 %2\n"
                                                "  advice: Fix the theme & retry.\n"
                                                "  alternative: timeout (0.12)\n"
                                                "  cannot see: the bundle has no <syslog>\n") +
                                 QStringLiteral("  [pool ran out of workers (max_children reached)] ") +
                                 path + QStringLiteral(":1\n      ") +
                                 kFpmLines.section(QLatin1Char('\n'), 0, 0) +
                                 QStringLiteral("\n  [PHP-FPM worker died on %2] ") + path +
                                 QStringLiteral(":2\n      ") + kFpmLines.section(QLatin1Char('\n'), 1, 1) +
                                 QStringLiteral("\n  [502 response] source 9:5\n      ") +
                                 report.incidents[0].evidence[2].text + QLatin1Char('\n');
        QCOMPARE(analysisText(report), expected);

        AnalysisReport empty;
        empty.serverTimeZone = QStringLiteral("UTC");
        QCOMPARE(analysisText(empty),
                 QStringLiteral("0 requests, 0 failed with 502/504; server time zone UTC\n"
                                "No 502/504 incidents found.\n"));
    }

    void plainTextCutsLongEvidence()
    {
        AnalysisReport report;
        IncidentReport incident;
        incident.evidence.push_back(
            {QStringLiteral("role"), QStringLiteral("x.log"), LogKind::NginxError, 3, 0, QString(500, u'a')});
        report.incidents.push_back(incident);
        QVERIFY(analysisText(report).endsWith(QStringLiteral("x.log:3\n      ") + QString(300, u'a') +
                                              QLatin1Char('\n')));
    }

    void json()
    {
        const auto imported = importFpmLog();
        const AnalysisReport report = hostileReport(imported->import);
        const QJsonObject root = analysisJson(imported->import, report);
        QCOMPARE(root.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("gateway-doctor/analysis/1"));
        QCOMPARE(root.value(QStringLiteral("requests")).toInt(), 1200);
        QCOMPARE(root.value(QStringLiteral("inputs")).toArray().size(), 1);
        const QJsonObject incident = root.value(QStringLiteral("incidents")).toArray().at(0).toObject();
        QCOMPARE(incident.value(QStringLiteral("title")).toString(), causeTitle(Cause::PageCrash));
        QCOMPARE(incident.value(QStringLiteral("confidence")).toDouble(), 0.85);
        QCOMPARE(incident.value(QStringLiteral("start")).toString(), QStringLiteral("2026-11-24T09:51:32Z"));
        QCOMPARE(incident.value(QStringLiteral("staff_note")).toString(),
                 QStringLiteral("Client confirmed."));
        QCOMPARE(
            incident.value(QStringLiteral("segfault")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("extension"));
        QCOMPARE(incident.value(QStringLiteral("urls")).toArray().size(),
                 10); // all of them, unlike the panel
        const QJsonArray evidence = incident.value(QStringLiteral("evidence")).toArray();
        QCOMPARE(evidence.size(), 3);
        for (int i = 0; i < evidence.size(); ++i) {
            const ReportEvidence& line = report.incidents[0].evidence[static_cast<std::size_t>(i)];
            QCOMPARE(evidence.at(i).toObject().value(QStringLiteral("text")).toString(), line.text);
            QCOMPARE(evidence.at(i).toObject().value(QStringLiteral("role")).toString(), line.role);
            QCOMPARE(evidence.at(i).toObject().value(QStringLiteral("source")).toString(), line.source);
        }
        AnalysisReport noted = report;
        noted.incidents[0].staffNote.clear();
        QVERIFY(analysisJson(imported->import, noted)
                    .value(QStringLiteral("incidents"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("staff_note"))
                    .isNull());
    }

    void htmlEscapesEverythingAndUsesTheWords()
    {
        const IncidentReport report = incidentReport(hostileIncident(), ImportResult{});
        const QString html =
            incidentHtml(report, [](std::int64_t ms) { return QStringLiteral("<t>%1").arg(ms - kStartMs); });
        for (const char* raw : {"<script>", "<b>", "<syslog>", "<t>"})
            QVERIFY2(!html.contains(QLatin1String(raw)), raw);
        QVERIFY(html.contains(QStringLiteral("&lt;b&gt;12 × 502&lt;/b&gt; on /cart<br>second line")));
        QVERIFY(html.contains(
            htmlEscaped(reportwords::timeSpan(QStringLiteral("<t>0"), QStringLiteral("<t>8500")))));
        QVERIFY(html.contains(QStringLiteral("www.example.com/a%3Ab&lt;script&gt; — 3 of 7 failed")));
        QVERIFY(html.contains(QStringLiteral("Fix the theme &amp; retry.")));
        QVERIFY(html.contains(QStringLiteral("the page fails every time %1 %2")));
        QVERIFY(html.contains(htmlEscaped(
            reportwords::alternative(causeTitle(Cause::Timeout), QStringLiteral("timeout"), 0.123))));
        QVERIFY(html.contains(QStringLiteral("4 &lt;b&gt;x&lt;/b&gt;")));
        // Eight URLs, then how many more.
        QVERIFY(html.contains(QStringLiteral("/cart%3A7")));
        QVERIFY(!html.contains(QStringLiteral("/cart%3A8")));
        QVERIFY(html.contains(reportwords::andMore(2)));
        // The parts in the order a report reads.
        qsizetype at = html.indexOf(htmlEscaped(report.causeExplanation));
        QVERIFY(at >= 0);
        for (ReportPart part :
             {ReportPart::WhatHappened, ReportPart::Why, ReportPart::Alternatives, ReportPart::Advice,
              ReportPart::Urls, ReportPart::Limits, ReportPart::CollectNext}) {
            const qsizetype next =
                html.indexOf(QStringLiteral("<h4>%1</h4>").arg(reportwords::heading(part)));
            QVERIFY2(next > at, qPrintable(reportwords::heading(part)));
            at = next;
        }

        // Parts without content are left out.
        IncidentReport bare;
        bare.causeExplanation = QStringLiteral("x");
        const QString bareHtml = incidentHtml(bare, [](std::int64_t) { return QString(); });
        QVERIFY(bareHtml.contains(reportwords::heading(ReportPart::WhatHappened)));
        QVERIFY(bareHtml.contains(reportwords::heading(ReportPart::Why)));
        for (ReportPart part : {ReportPart::Alternatives, ReportPart::Advice, ReportPart::Urls,
                                ReportPart::Limits, ReportPart::CollectNext})
            QVERIFY2(!bareHtml.contains(reportwords::heading(part)), qPrintable(reportwords::heading(part)));
        QVERIFY(!bareHtml.contains(QStringLiteral("<table")));
    }

    void demoSaysTheSameEverywhere()
    {
        const ImportResult import =
            Importer(ImportOptions{})
                .run({QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz")});
        const AnalysisResult analysis = analyzeImport(import);
        QCOMPARE(analysis.incidents.size(), std::size_t(4));
        RawTextReader reader(import.sources);
        QVERIFY(pinEvidence(reader, analysis, 0));
        const AnalysisReport report = analysisReport(import, analysis, &reader);
        const QString text = analysisText(report);
        const QJsonArray json = analysisJson(import, report).value(QStringLiteral("incidents")).toArray();
        QCOMPARE(json.size(), 4);
        for (std::size_t i = 0; i < report.incidents.size(); ++i) {
            const IncidentReport& incident = report.incidents[i];
            const QJsonObject object = json.at(static_cast<qsizetype>(i)).toObject();
            const QString html = incidentHtml(incident, [](std::int64_t ms) { return QString::number(ms); });
            QVERIFY(text.contains(reportwords::textHeadline(incident.id, incident.causeTitle,
                                                            incident.causeId, incident.confidence)));
            QCOMPARE(object.value(QStringLiteral("title")).toString(), incident.causeTitle);
            QCOMPARE(object.value(QStringLiteral("summary")).toString(), incident.summary);
            QVERIFY(html.contains(htmlEscaped(incident.summary)));
            for (const QString& limit : incident.limits) {
                QVERIFY(text.contains(QStringLiteral("  cannot see: ") + limit + QLatin1Char('\n')));
                QVERIFY(html.contains(htmlEscaped(limit)));
            }
            QVERIFY(!incident.evidence.empty());
            for (const ReportEvidence& line : incident.evidence) {
                QVERIFY(!line.text.isEmpty());
                QVERIFY(!line.text.startsWith(QStringLiteral("(line not readable")));
                QVERIFY(text.contains(line.text.left(300)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIncidentReport)
#include "tst_incidentreport.moc"
