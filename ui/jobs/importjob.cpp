#include "jobs/importjob.h"

#include "import/importer.h"

namespace gd {

ImportJob::ImportJob(QObject* parent)
    : QObject(parent)
    , job_(this)
{
    pollTimer_.setInterval(100);
    connect(&pollTimer_, &QTimer::timeout, this, &ImportJob::pollProgress);
}

ImportJob::~ImportJob() = default;

void ImportJob::start(const QStringList& inputs, const ImportOptions& options)
{
    auto importer = std::make_shared<Importer>(options);
    importer_ = importer;
    lastCounts_.reset();
    job_.start(
        [this, importer, inputs](const LatestJob::Run& run) {
            auto result = std::make_shared<const ImportResult>(importer->run(inputs));
            run.deliver([this, result] {
                importer_.reset();
                pollTimer_.stop();
                Q_EMIT finished(result);
            });
        },
        // The importer polls its own flag, not the run's.
        [importer] { importer->cancel(); });
    pollTimer_.start();
    pollProgress();
}

void ImportJob::cancel()
{
    // Not job_.cancel(): a cancelled import still delivers what it read, marked cancelled.
    if (importer_)
        importer_->cancel();
}

void ImportJob::pollProgress()
{
    if (!importer_)
        return;
    Q_EMIT progressChanged(importer_->progress());
    // A copy of a few thousand minutes under the counts' lock: cheap, and only a change is sent on.
    std::vector<LiveMinute> counts = importer_->liveRequestCounts();
    if (counts.empty() || (lastCounts_ && *lastCounts_ == counts))
        return;
    lastCounts_ = std::make_shared<const std::vector<LiveMinute>>(std::move(counts));
    Q_EMIT partialRequestCounts(lastCounts_);
}

} // namespace gd
