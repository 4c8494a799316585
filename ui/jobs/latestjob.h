#pragma once

#include <QObject>
#include <QPointer>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace gd {

/// Background work of which only the newest request matters: an import, an analysis, a filter, the
/// lines around a selection. Every start() begins a new generation on the job's one worker thread
/// and cancels the previous one: a generation that has not begun is dropped, a running one learns it
/// through Run::isCancelled() (and its cancel hook) and whatever it still delivers is discarded.
/// One thread, so superseded work never piles up behind a user who keeps clicking.
/// Results reach the UI thread through Run::deliver(), and only while their generation is the newest
/// and `context` lives. Destruction cancels and joins: no worker outlives its job.
class LatestJob {
public:
    /// A generation as its work sees it on the worker thread.
    class Run {
    public:
        /// True once a newer generation started, cancel() was called or the job is being destroyed.
        bool isCancelled() const;
        /// The same, for engine functions that poll a flag.
        const std::atomic<bool>* cancelFlag() const;
        /// Runs `fn` on the UI thread, unless this generation is cancelled or the context is gone
        /// by then. May be called more than once (a result, then a follow-up).
        void deliver(std::function<void()> fn) const;

    private:
        friend class LatestJob;
        struct State;
        Run(std::shared_ptr<State> state, QObject* relay);
        std::shared_ptr<State> state_;
        QObject* relay_;
    };
    using Work = std::function<void(const Run& run)>;

    /// `context` receives the results (usually the owner, of which this is the last member).
    explicit LatestJob(QObject* context);
    ~LatestJob();
    LatestJob(const LatestJob&) = delete;
    LatestJob& operator=(const LatestJob&) = delete;

    /// Cancels the previous generation and queues `work` as the newest. `onCancel` runs on the UI
    /// thread when this generation is cancelled: for work that has its own stop switch (Importer).
    void start(Work work, std::function<void()> onCancel = {});
    /// Cancels the newest generation: nothing more of it is delivered.
    void cancel();

private:
    void loop();

    QPointer<QObject> context_;
    QObject relay_; ///< lives on the UI thread; posted deliveries die with it, after the join
    std::shared_ptr<Run::State> newest_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<Run::State> pending_; ///< guarded by mutex_
    bool stopping_ = false;               ///< guarded by mutex_
    std::thread thread_;                  ///< started by the first start()
};

} // namespace gd
