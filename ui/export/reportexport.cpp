#include "export/reportexport.h"

#include "reportpdf.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace gd {

namespace {

QString couldNotWrite(const QString& path, const QString& reason)
{
    return ReportExport::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

QString writeCsv(const QString& path, const QByteArray& csv)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return couldNotWrite(path, file.errorString());
    return {};
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
            error = couldNotWrite(pdfPath, reason);
        else if (!csvPath.isEmpty()) // only beside a PDF that was written
            error = writeCsv(csvPath, clientReportCsv(report));
        run.deliver([this, pdfPath, csvPath, error] {
            running_ = false;
            Q_EMIT finished(pdfPath, csvPath, error);
        });
    });
}

} // namespace gd
