#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "jobs/importjob.h" // declares the metatype of std::shared_ptr<const ImportResult>
#include "jobs/latestjob.h"

#include <QObject>
#include <cstdint>
#include <memory>

namespace gd {

class RawTextReader;

/// Runs analyzeImport() on a worker thread after each import and reports back on the UI thread.
/// Each start() supersedes the previous run (see LatestJob): it is cancelled and whatever it still
/// delivers is dropped, so finished() only ever carries the analysis of the newest import.
class AnalysisJob : public QObject {
    Q_OBJECT
public:
    explicit AnalysisJob(QObject* parent = nullptr);
    /// Cancels the run and waits for the worker thread.
    ~AnalysisJob() override;

    /// When `evidenceReader` is given, the same thread goes on after finished() to pin every
    /// evidence line with `contextLines` around it in that reader (one pass per compressed
    /// member), so stepping through evidence later never waits for a member to be decoded.
    void start(std::shared_ptr<const ImportResult> import, const AnalysisConfig& config = {},
               std::shared_ptr<RawTextReader> evidenceReader = nullptr, std::uint32_t contextLines = 0);
    /// Stops the current run; nothing is delivered for it.
    void cancel();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    void started();
    /// The evidence lines of the newest analysis are in memory (after finished()).
    void evidencePinned(qint64 elapsedMs);
    /// The analysis of `import` (the one given to the newest start()). Emitted on the UI thread.
    void finished(std::shared_ptr<const gd::ImportResult> import,
                  std::shared_ptr<const gd::AnalysisResult> analysis, qint64 elapsedMs);

private:
    bool running_ = false;
    LatestJob job_; ///< last member: joined before the rest goes
};

} // namespace gd

Q_DECLARE_METATYPE(std::shared_ptr<const gd::AnalysisResult>)
