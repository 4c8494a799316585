#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/liverequestcounts.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <cstdint>
#include <memory>
#include <vector>

namespace gd {

/// Runs the blocking Importer on a worker thread and reports back on the UI thread.
/// Each start() begins a new generation: a run that was superseded is cancelled and whatever it
/// still delivers is dropped, so only the newest import ever reaches finished().
class ImportJob : public QObject {
    Q_OBJECT
public:
    explicit ImportJob(QObject* parent = nullptr);
    /// Cancels every run and waits for the worker threads.
    ~ImportJob() override;

    void start(const QStringList& inputs, const ImportOptions& options);
    /// Asks the current run to stop; finished() follows with a result marked cancelled.
    void cancel();
    bool isRunning() const { return current_ != nullptr; }
    std::uint64_t generation() const { return generation_; }

Q_SIGNALS:
    void progressChanged(const gd::ImportProgress& progress);
    /// The requests per minute parsed so far by the current run changed (checked with the progress).
    void partialRequestCounts(std::shared_ptr<const std::vector<gd::LiveMinute>> counts);
    /// The newest run ended (completed or cancelled). Emitted on the UI thread.
    void finished(std::shared_ptr<const gd::ImportResult> result);

private:
    struct Run;
    void deliver(std::uint64_t generation, std::shared_ptr<const ImportResult> result);
    void pollProgress();

    std::vector<std::unique_ptr<Run>> runs_; ///< every run whose thread is not joined yet
    Run* current_ = nullptr;
    std::uint64_t generation_ = 0;
    QTimer pollTimer_;
    std::shared_ptr<const std::vector<LiveMinute>> lastCounts_; ///< of the current run, as last emitted
};

} // namespace gd

Q_DECLARE_METATYPE(gd::ImportProgress)
Q_DECLARE_METATYPE(std::shared_ptr<const gd::ImportResult>)
Q_DECLARE_METATYPE(std::shared_ptr<const std::vector<gd::LiveMinute>>)
