#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/liverequestcounts.h"
#include "jobs/latestjob.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <vector>

namespace gd {

class Importer;

/// Runs the blocking Importer on a worker thread and reports back on the UI thread.
/// Each start() supersedes the previous import (see LatestJob): it is cancelled and whatever it
/// still delivers is dropped, so only the newest import ever reaches finished().
class ImportJob : public QObject {
    Q_OBJECT
public:
    explicit ImportJob(QObject* parent = nullptr);
    /// Cancels the import and waits for the worker thread.
    ~ImportJob() override;

    void start(const QStringList& inputs, const ImportOptions& options);
    /// Asks the current run to stop; finished() follows with a result marked cancelled.
    void cancel();
    bool isRunning() const { return importer_ != nullptr; }

Q_SIGNALS:
    void progressChanged(const gd::ImportProgress& progress);
    /// The requests per minute parsed so far by the current run changed (checked with the progress).
    void partialRequestCounts(std::shared_ptr<const std::vector<gd::LiveMinute>> counts);
    /// The newest run ended (completed or cancelled). Emitted on the UI thread.
    void finished(std::shared_ptr<const gd::ImportResult> result);

private:
    void pollProgress();

    QTimer pollTimer_;
    std::shared_ptr<Importer> importer_;                        ///< of the newest run, until it delivers
    std::shared_ptr<const std::vector<LiveMinute>> lastCounts_; ///< of the current run, as last emitted
    LatestJob job_;                                             ///< last member: joined before the rest goes
};

} // namespace gd

Q_DECLARE_METATYPE(gd::ImportProgress)
Q_DECLARE_METATYPE(std::shared_ptr<const gd::ImportResult>)
Q_DECLARE_METATYPE(std::shared_ptr<const std::vector<gd::LiveMinute>>)
