#include "jobs/analysisjob.h"

#include "import/rawtext.h"
#include "report/evidencetext.h"

#include <QElapsedTimer>

namespace gd {

struct AnalysisJob::Run {
    explicit Run(std::uint64_t gen)
        : generation(gen)
    {
    }
    std::uint64_t generation;
    std::atomic<bool> cancelled{false};
    std::thread thread;
};

AnalysisJob::AnalysisJob(QObject* parent)
    : QObject(parent)
{
}

AnalysisJob::~AnalysisJob()
{
    for (const auto& run : runs_)
        run->cancelled = true;
    for (const auto& run : runs_)
        run->thread.join();
}

void AnalysisJob::start(std::shared_ptr<const ImportResult> import, const AnalysisConfig& config,
                        std::shared_ptr<RawTextReader> evidenceReader, std::uint32_t contextLines)
{
    cancel();
    auto run = std::make_unique<Run>(++generation_);
    Run* raw = run.get();
    runs_.push_back(std::move(run));
    current_ = raw;
    raw->thread = std::thread([this, raw, import = std::move(import), config,
                               reader = std::move(evidenceReader), contextLines] {
        QElapsedTimer clock;
        clock.start();
        std::shared_ptr<const AnalysisResult> analysis;
        if (import)
            analysis =
                std::make_shared<const AnalysisResult>(analyzeImport(*import, config, &raw->cancelled));
        else
            analysis = std::make_shared<const AnalysisResult>();
        const qint64 elapsed = clock.elapsed();
        const std::uint64_t generation = raw->generation;
        // Queued to this object: if it is destroyed first, the destructor joins this thread and
        // Qt discards the posted call with the object.
        QMetaObject::invokeMethod(
            this,
            [this, generation, import, analysis, elapsed] { deliver(generation, import, analysis, elapsed); },
            Qt::QueuedConnection);
        clock.restart();
        if (reader && import && !raw->cancelled)
            pinEvidence(*reader, *analysis, contextLines, &raw->cancelled);
        const qint64 pinned = clock.elapsed();
        QMetaObject::invokeMethod(
            this, [this, generation, pinned] { deliverPinned(generation, pinned); }, Qt::QueuedConnection);
    });
    Q_EMIT started();
}

void AnalysisJob::cancel()
{
    for (const auto& run : runs_)
        run->cancelled = true; // the analysis, or the evidence pinning that follows it
    current_ = nullptr;
}

void AnalysisJob::deliver(std::uint64_t generation, std::shared_ptr<const ImportResult> import,
                          std::shared_ptr<const AnalysisResult> analysis, qint64 elapsedMs)
{
    bool cancelled = true;
    for (const auto& run : runs_) {
        if (run->generation == generation)
            cancelled = run->cancelled;
    }
    if (generation != generation_ || cancelled)
        return; // superseded by a newer start(), or cancelled
    current_ = nullptr;
    Q_EMIT finished(std::move(import), std::move(analysis), elapsedMs);
}

void AnalysisJob::deliverPinned(std::uint64_t generation, qint64 elapsedMs)
{
    // The thread posted this as its last act, so joining it here does not wait for work.
    bool cancelled = true;
    for (auto it = runs_.begin(); it != runs_.end(); ++it) {
        if ((*it)->generation == generation) {
            cancelled = (*it)->cancelled;
            (*it)->thread.join();
            runs_.erase(it);
            break;
        }
    }
    if (generation == generation_ && !cancelled)
        Q_EMIT evidencePinned(elapsedMs);
}

} // namespace gd
