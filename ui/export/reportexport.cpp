#include "export/reportexport.h"

#include "common/atomicwrite.h"
#include "reportpdf.h"

#include <QDir>
#include <QFileInfo>

namespace gd {

namespace {

QString writeCsv(const QString& path, const QByteArray& csv)
{
    const QString reason = saveAtomically(path, csv);
    return reason.isEmpty() ? QString() : writeFailureMessage(path, reason);
}

} // namespace

ReportExport::ReportExport(QObject* parent)
    : QObject(parent)
    , job_(this)
{
}

ReportExport::~ReportExport() = default;

QString ReportExport::csvPathFor(const QString& pdfPath)
{
    const QFileInfo pdf(pdfPath);
    const QString base = pdf.suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0
                             ? pdf.completeBaseName()
                             : pdf.fileName();
    return pdf.dir().filePath(base + QStringLiteral(".csv"));
}

void ReportExport::start(const ReportInputs& inputs, const ClientReportOptions& options,
                         const QString& pdfPath, const QString& csvPath)
{
    if (!inputs.isValid()) {
        Q_EMIT finished(pdfPath, csvPath, tr("Nothing is analysed yet"));
        return;
    }
    running_ = true;
    job_.start([this, inputs, options, pdfPath, csvPath](const LatestJob::Run& run) {
        const ClientReport report = inputs.build(options);
        QString error;
        QString reason;
        if (!ReportPages(report).writePdf(pdfPath, &reason))
            error = writeFailureMessage(pdfPath, reason);
        else if (!csvPath.isEmpty()) // only beside a PDF that was written
            error = writeCsv(csvPath, clientReportCsv(report));
        run.deliver([this, pdfPath, csvPath, error] {
            running_ = false;
            Q_EMIT finished(pdfPath, csvPath, error);
        });
    });
}

} // namespace gd
