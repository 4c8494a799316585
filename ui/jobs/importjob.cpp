#include "jobs/importjob.h"

#include "import/importer.h"

#include <thread>

namespace gd {

struct ImportJob::Run {
    Run(std::uint64_t gen, const ImportOptions& options)
        : generation(gen)
        , importer(options)
    {
    }
    std::uint64_t generation;
    Importer importer;
    std::thread thread;
};

ImportJob::ImportJob(QObject* parent)
    : QObject(parent)
{
    pollTimer_.setInterval(100);
    connect(&pollTimer_, &QTimer::timeout, this, &ImportJob::pollProgress);
}

ImportJob::~ImportJob()
{
    for (const auto& run : runs_)
        run->importer.cancel();
    for (const auto& run : runs_)
        run->thread.join();
}

void ImportJob::start(const QStringList& inputs, const ImportOptions& options)
{
    if (current_)
        current_->importer.cancel();
    auto run = std::make_unique<Run>(++generation_, options);
    Run* raw = run.get();
    runs_.push_back(std::move(run));
    current_ = raw;
    lastCounts_.reset();
    raw->thread = std::thread([this, raw, inputs] {
        auto result = std::make_shared<const ImportResult>(raw->importer.run(inputs));
        const std::uint64_t generation = raw->generation;
        // Queued to this object: if it is destroyed first, the destructor joins this thread and
        // Qt discards the posted call with the object.
        QMetaObject::invokeMethod(
            this, [this, generation, result] { deliver(generation, result); }, Qt::QueuedConnection);
    });
    pollTimer_.start();
    pollProgress();
}

void ImportJob::cancel()
{
    if (current_)
        current_->importer.cancel();
}

void ImportJob::pollProgress()
{
    if (!current_)
        return;
    Q_EMIT progressChanged(current_->importer.progress());
    // A copy of a few thousand minutes under the counts' lock: cheap, and only a change is sent on.
    std::vector<LiveMinute> counts = current_->importer.liveRequestCounts();
    if (counts.empty() || (lastCounts_ && *lastCounts_ == counts))
        return;
    lastCounts_ = std::make_shared<const std::vector<LiveMinute>>(std::move(counts));
    Q_EMIT partialRequestCounts(lastCounts_);
}

void ImportJob::deliver(std::uint64_t generation, std::shared_ptr<const ImportResult> result)
{
    // The thread posted this as its last act, so joining it here does not wait for work.
    for (auto it = runs_.begin(); it != runs_.end(); ++it) {
        if ((*it)->generation == generation) {
            (*it)->thread.join();
            runs_.erase(it);
            break;
        }
    }
    if (generation != generation_)
        return; // superseded by a newer start()
    current_ = nullptr;
    pollTimer_.stop();
    Q_EMIT finished(std::move(result));
}

} // namespace gd
