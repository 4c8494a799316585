#pragma once

#include <QObject>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace gd {

/// One background thread that runs only the most recent job: posting a job replaces any job
/// that has not started yet, and tells a running one (through isStale()) that it was superseded.
/// Fits "the user changed the filter again" and "the user selected another event": stale
/// work is dropped instead of queued. Destruction stops the thread and waits for it.
class LatestJobWorker {
public:
    /// A job gets its ticket; it may poll isStale(ticket) to stop early.
    using Job = std::function<void(std::uint64_t ticket)>;

    LatestJobWorker();
    ~LatestJobWorker();
    LatestJobWorker(const LatestJobWorker&) = delete;
    LatestJobWorker& operator=(const LatestJobWorker&) = delete;

    /// Queues `job` in place of any pending one; returns its ticket.
    std::uint64_t post(Job job);
    /// True when a newer job was posted after `ticket` (or the worker is stopping).
    bool isStale(std::uint64_t ticket) const { return ticket != latest_.load(std::memory_order_relaxed); }
    std::uint64_t latestTicket() const { return latest_.load(); }

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    Job pending_;
    std::uint64_t pendingTicket_ = 0;
    bool stopping_ = false;
    std::atomic<std::uint64_t> latest_{0};
    std::thread thread_;
};

/// Runs `fn` on the thread of `receiver` (queued), unless the receiver is gone by then.
template <typename Fn> void deliverTo(QObject* receiver, Fn&& fn)
{
    QMetaObject::invokeMethod(receiver, std::forward<Fn>(fn), Qt::QueuedConnection);
}

} // namespace gd
