#pragma once

#include "export/reportinputs.h"
#include "jobs/latestjob.h"

#include <QObject>
#include <QString>

namespace gd {

/// Writes a client report as PDF and, when asked, its incidents as CSV beside it, off the UI
/// thread. Each file is replaced atomically: a failed export leaves an existing file as it was.
class ReportExport : public QObject {
    Q_OBJECT
public:
    explicit ReportExport(QObject* parent = nullptr);
    ~ReportExport() override;

    /// Builds the report from `inputs` and writes it to `pdfPath`, then the CSV to `csvPath` unless
    /// that is empty. finished() follows.
    void start(const ReportInputs& inputs, const ClientReportOptions& options, const QString& pdfPath,
               const QString& csvPath);
    bool isRunning() const { return running_; }

    /// The CSV that goes beside a PDF: the same name ending in ".csv".
    static QString csvPathFor(const QString& pdfPath);

Q_SIGNALS:
    /// The export ended; `error` is empty when both files were written, else it names the file that
    /// could not be.
    void finished(const QString& pdfPath, const QString& csvPath, const QString& error);

private:
    bool running_ = false;
    LatestJob job_; ///< last member: joined (a report being written is finished) before the rest goes
};

} // namespace gd
