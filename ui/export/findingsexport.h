#pragma once

#include "incidents/staffnotes.h"
#include "jobs/latestjob.h"

#include <QObject>
#include <QString>
#include <memory>

namespace gd {

class RawTextReader;
struct AnalysisResult;
struct ImportResult;

/// Writes the findings of an analysis — the `analyze` JSON document with the evidence lines' text
/// and the staff notes — to a file, off the UI thread. The file is replaced atomically: a failed
/// export leaves an existing file as it was.
class FindingsExport : public QObject {
    Q_OBJECT
public:
    explicit FindingsExport(QObject* parent = nullptr);
    ~FindingsExport() override;

    void start(const QString& path, std::shared_ptr<const ImportResult> import,
               std::shared_ptr<const AnalysisResult> analysis, std::shared_ptr<RawTextReader> reader,
               const StaffNotes& notes);
    bool isRunning() const { return running_; }

Q_SIGNALS:
    /// The export to `path` ended; `error` is empty when it succeeded.
    void finished(const QString& path, const QString& error);

private:
    bool running_ = false;
    LatestJob job_; ///< last member: joined (an export being written is finished) before the rest goes
};

} // namespace gd
