#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/liverequestcounts.h"

#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>

namespace gd {

/// Reads a bundle (files, folders, archives) into one timeline.
/// run() blocks: call it from a worker thread; progress() and cancel() may be called from any thread.
class Importer {
public:
    explicit Importer(ImportOptions options);
    ~Importer();
    Importer(const Importer&) = delete;
    Importer& operator=(const Importer&) = delete;

    ImportResult run(const QStringList& inputs);
    void cancel() { cancelled_.store(true); }
    bool isCancelled() const { return cancelled_.load(); }
    ImportProgress progress() const;
    /// Requests per UTC minute and status class parsed so far by this run (access lines with their
    /// offset only), sorted by minute: enough for a provisional chart before the timeline exists.
    std::vector<LiveMinute> liveRequestCounts() const { return liveCounts_.snapshot(); }

private:
    class Session;
    friend class Session;
    ImportOptions options_;
    std::atomic<bool> cancelled_{false};
    mutable std::mutex progressMutex_;
    ImportProgress progress_;
    std::atomic<std::uint64_t> linesParsed_{0};
    std::atomic<std::uint64_t> bytesDone_{0};
    LiveRequestCounts liveCounts_;
};

} // namespace gd
