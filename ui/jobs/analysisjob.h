#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "jobs/importjob.h" // declares the metatype of std::shared_ptr<const ImportResult>

#include <QObject>
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace gd {

class RawTextReader;

/// Runs analyzeImport() on a worker thread after each import and reports back on the UI thread.
/// Each start() begins a new generation: the previous run is cancelled and whatever it still
/// delivers is dropped, so finished() only ever carries the analysis of the newest import.
class AnalysisJob : public QObject {
    Q_OBJECT
public:
    explicit AnalysisJob(QObject* parent = nullptr);
    /// Cancels every run and waits for the worker threads.
    ~AnalysisJob() override;

    /// When `evidenceReader` is given, the same thread goes on after finished() to pin every
    /// evidence line with `contextLines` around it in that reader (one pass per compressed
    /// member), so stepping through evidence later never waits for a member to be decoded.
    void start(std::shared_ptr<const ImportResult> import, const AnalysisConfig& config = {},
               std::shared_ptr<RawTextReader> evidenceReader = nullptr, std::uint32_t contextLines = 0);
    /// Stops the current run; nothing is delivered for it.
    void cancel();
    bool isRunning() const { return current_ != nullptr; }
    std::uint64_t generation() const { return generation_; }

Q_SIGNALS:
    void started();
    /// The evidence lines of the newest analysis are in memory (after finished()).
    void evidencePinned(qint64 elapsedMs);
    /// The analysis of `import` (the one given to the newest start()). Emitted on the UI thread.
    void finished(std::shared_ptr<const gd::ImportResult> import,
                  std::shared_ptr<const gd::AnalysisResult> analysis, qint64 elapsedMs);

private:
    struct Run;
    void deliver(std::uint64_t generation, std::shared_ptr<const ImportResult> import,
                 std::shared_ptr<const AnalysisResult> analysis, qint64 elapsedMs);
    void deliverPinned(std::uint64_t generation, qint64 elapsedMs);

    std::vector<std::unique_ptr<Run>> runs_; ///< every run whose thread is not joined yet
    Run* current_ = nullptr;
    std::uint64_t generation_ = 0;
};

} // namespace gd

Q_DECLARE_METATYPE(std::shared_ptr<const gd::AnalysisResult>)
