#include "reportcommand.h"

#include "commandsupport.h"
#include "diagnose/analyzer.h"
#include "import/rawtext.h"
#include "report/analysisjson.h"
#include "report/clientreport.h"
#include "report/evidencetext.h"
#include "report/incidentreport.h"
#include "reportpdf.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>

namespace gd {

namespace {

const QString kCommand = QStringLiteral("report");

/// Reads the report's own options; false (and a message) when one is not understood.
bool readReportOptions(const QCommandLineParser& parser, ClientReportOptions& options, QString& pdf,
                       QString& csv)
{
    pdf = parser.value(QStringLiteral("pdf"));
    csv = parser.value(QStringLiteral("csv"));
    if (pdf.isEmpty() && csv.isEmpty()) {
        printErr(QStringLiteral(
            "gateway-doctor report: say where to write it: --pdf OUT.pdf and/or --csv OUT.csv"));
        return false;
    }
    for (const QString& host : parser.value(QStringLiteral("hosts")).split(u',', Qt::SkipEmptyParts))
        options.hosts << host.trimmed();
    for (const QString& id : parser.value(QStringLiteral("incidents")).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int number = id.trimmed().remove(u'#').toInt(&ok);
        if (!ok || number <= 0) {
            printErr(
                QStringLiteral("gateway-doctor report: --incidents: '%1' is not an incident number").arg(id));
            return false;
        }
        options.incidents.push_back(number);
    }
    options.redactIps = parser.isSet(QStringLiteral("redact-ips"));
    options.maskTokens = !parser.isSet(QStringLiteral("keep-tokens"));
    const QString paper = parser.value(QStringLiteral("paper")).toLower();
    if (paper == QLatin1String("letter"))
        options.paper = ClientReportOptions::Paper::Letter;
    else if (!paper.isEmpty() && paper != QLatin1String("a4")) {
        printErr(QStringLiteral("gateway-doctor report: --paper: '%1' is neither a4 nor letter").arg(paper));
        return false;
    }
    options.company = parser.value(QStringLiteral("company"));
    options.logoPath = parser.value(QStringLiteral("logo"));
    if (!options.logoPath.isEmpty() && QImageReader(options.logoPath).size().isEmpty()) {
        printErr(QStringLiteral("gateway-doctor report: --logo: %1 is not an image that can be read")
                     .arg(options.logoPath));
        return false;
    }
    return true;
}

} // namespace

int runReport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pdf"), QStringLiteral("Write the client report as PDF to FILE."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Write the incidents as CSV to FILE."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("hosts"),
         QStringLiteral("Only these sites (comma-separated): no other site appears in the report."),
         QStringLiteral("H1,H2")});
    parser.addOption({QStringLiteral("incidents"),
                      QStringLiteral("Only these incidents (numbers as `analyze` lists "
                                     "them)."),
                      QStringLiteral("N,M")});
    parser.addOption({QStringLiteral("redact-ips"),
                      QStringLiteral("Replace visitor IP addresses by stable pseudonyms (client-1, ...).")});
    parser.addOption({QStringLiteral("keep-tokens"),
                      QStringLiteral("Keep session ids and tokens in URLs (masked by default).")});
    parser.addOption(
        {QStringLiteral("paper"), QStringLiteral("a4 (default) or letter."), QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("company"),
                      QStringLiteral("Who prepared the report (cover, PDF author)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("logo"), QStringLiteral("Company logo for the cover (PNG or JPEG)."),
                      QStringLiteral("FILE")});
    ImportResult import;
    int exitCode = kExitOk;
    if (!importFromArguments(
            kCommand,
            QStringLiteral("Write a client report of the 502/504 incidents: a PDF a site owner "
                           "can read, and a CSV of the incidents."),
            arguments, parser, import, exitCode))
        return exitCode;
    ClientReportOptions options;
    QString pdf;
    QString csv;
    if (!readReportOptions(parser, options, pdf, csv)) {
        printErr(QStringLiteral("Run 'gateway-doctor report --help' for its options."));
        return kExitUsage;
    }
    if (!import.loadedAnything()) {
        printErr(QStringLiteral("report: nothing could be read"));
        return kExitNothingLoaded;
    }
    QElapsedTimer clock;
    clock.start();
    const AnalysisResult analysis = analyzeImport(import);
    RawTextReader rawText(import.sources);
    pinEvidence(rawText, analysis, 0); // only the evidence lines are read again, never the whole bundle
    const ClientReport report = buildClientReport(import, analysis, &rawText, options);
    for (const QString& host : options.hosts) {
        if (!report.sites.contains(host.toLower()) &&
            !import.timeline->hosts().find(host.toLower().toStdString()))
            printErr(QStringLiteral("report: no line of the logs names the site '%1'").arg(host));
    }
    const QString json = parser.value(QStringLiteral("json"));
    if (!json.isEmpty() && !writeJson(json, analysisJson(import, analysisReport(import, analysis, &rawText))))
        return kExitNothingLoaded;
    if (!csv.isEmpty() && !writeFileAtomically(csv, clientReportCsv(report)))
        return kExitNothingLoaded;
    int pages = 0;
    if (!pdf.isEmpty()) {
        const ReportPages layout(report);
        pages = layout.pageCount();
        QString error;
        if (!layout.writePdf(pdf, &error)) {
            printErr(QStringLiteral("%1: cannot write: %2").arg(pdf, error));
            return kExitNothingLoaded;
        }
    }
    std::fprintf(stderr, "report: %d incident(s), %d page(s) in %.2f s:%s%s\n", int(report.incidents.size()),
                 pages, double(clock.elapsed()) / 1000.0,
                 pdf.isEmpty() ? "" : qPrintable(QStringLiteral(" ") + pdf),
                 csv.isEmpty() ? "" : qPrintable(QStringLiteral(" ") + csv));
    return kExitOk;
}

} // namespace gd
