// The client report's phases on one input (default: the demo bundle): import, analysis, evidence lines read
// again, the report's content, the page layout and the PDF. Prints milliseconds per phase and the peak RSS.
//
//   bench_report [INPUT...]

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "import/rawtext.h"
#include "peakrss.h"
#include "report/clientreport.h"
#include "report/evidencetext.h"
#include "reportpdf.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <cstdio>

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStringList inputs = QGuiApplication::arguments().mid(1);
    if (inputs.isEmpty())
        inputs << QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz");
    QElapsedTimer total;
    total.start();
    QElapsedTimer phase;
    phase.start();
    const auto lap = [&phase](const char* what) {
        std::printf("  %-34s %8lld ms\n", what, static_cast<long long>(phase.restart()));
    };
    gd::Importer importer(gd::ImportOptions{});
    const gd::ImportResult import = importer.run(inputs);
    lap("import");
    const gd::AnalysisResult analysis = gd::analyzeImport(import);
    lap("analysis");
    gd::RawTextReader rawText(import.sources);
    gd::pinEvidence(rawText, analysis, 0);
    lap("evidence lines read again");
    const gd::ClientReport report =
        gd::buildClientReport(import, analysis, &rawText, gd::ClientReportOptions{});
    lap("report content (scope, charts)");
    const gd::ReportPages pages(report);
    const int pageCount = pages.pageCount();
    lap("page layout");
    QTemporaryDir dir;
    QString error;
    if (!pages.writePdf(dir.filePath(QStringLiteral("report.pdf")), &error)) {
        std::fprintf(stderr, "bench_report: %s\n", qPrintable(error));
        return 1;
    }
    lap("PDF written");
    std::printf("report of %s: %zu incidents, %d pages, %llu events, %lld ms in all, peak RSS %.0f MB\n",
                qPrintable(inputs.join(QStringLiteral(" "))), report.incidents.size(), pageCount,
                static_cast<unsigned long long>(import.timeline ? import.timeline->size() : 0),
                static_cast<long long>(total.elapsed()), gd::bench::peakRssMb());
    return 0;
}
