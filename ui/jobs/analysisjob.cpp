#include "jobs/analysisjob.h"

#include "import/rawtext.h"
#include "report/evidencetext.h"

#include <QElapsedTimer>

namespace gd {

AnalysisJob::AnalysisJob(QObject* parent)
    : QObject(parent)
    , job_(this)
{
}

AnalysisJob::~AnalysisJob() = default;

void AnalysisJob::start(std::shared_ptr<const ImportResult> import, const AnalysisConfig& config,
                        std::shared_ptr<RawTextReader> evidenceReader, std::uint32_t contextLines)
{
    running_ = true;
    job_.start([this, import = std::move(import), config, reader = std::move(evidenceReader),
                contextLines](const LatestJob::Run& run) {
        QElapsedTimer clock;
        clock.start();
        const auto analysis =
            import ? std::make_shared<const AnalysisResult>(analyzeImport(*import, config, run.cancelFlag()))
                   : std::make_shared<const AnalysisResult>();
        const qint64 elapsed = clock.elapsed();
        run.deliver([this, import, analysis, elapsed] {
            running_ = false;
            Q_EMIT finished(import, analysis, elapsed);
        });
        clock.restart();
        if (reader && import && !run.isCancelled())
            pinEvidence(*reader, *analysis, contextLines, run.cancelFlag());
        const qint64 pinned = clock.elapsed();
        run.deliver([this, pinned] { Q_EMIT evidencePinned(pinned); });
    });
    Q_EMIT started();
}

void AnalysisJob::cancel()
{
    job_.cancel(); // the analysis, or the evidence pinning that follows it
    running_ = false;
}

} // namespace gd
