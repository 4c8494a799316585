#include "jobs/latestjob.h"

#include <utility>

namespace gd {

struct LatestJob::Run::State {
    std::atomic<bool> cancelled{false};
    Work work;                      ///< moved out by the worker thread
    std::function<void()> onCancel; ///< UI thread only
    QPointer<QObject> context;      ///< read on the UI thread only
};

LatestJob::Run::Run(std::shared_ptr<State> state, QObject* relay)
    : state_(std::move(state))
    , relay_(relay)
{
}

bool LatestJob::Run::isCancelled() const
{
    return state_->cancelled.load(std::memory_order_relaxed);
}

const std::atomic<bool>* LatestJob::Run::cancelFlag() const
{
    return &state_->cancelled;
}

void LatestJob::Run::deliver(std::function<void()> fn) const
{
    // Posted to the relay, not the context: the worker never touches an object the UI thread may
    // be deleting. The checks run on the UI thread, where cancel() and the context's death happen.
    QMetaObject::invokeMethod(
        relay_,
        [state = state_, fn = std::move(fn)] {
            if (!state->cancelled.load(std::memory_order_relaxed) && state->context)
                fn();
        },
        Qt::QueuedConnection);
}

LatestJob::LatestJob(QObject* context)
    : context_(context)
{
}

LatestJob::~LatestJob()
{
    cancel();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        pending_.reset();
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void LatestJob::start(Work work, std::function<void()> onCancel)
{
    cancel();
    auto state = std::make_shared<Run::State>();
    state->work = std::move(work);
    state->onCancel = std::move(onCancel);
    state->context = context_;
    newest_ = state;
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(state);
    }
    if (!thread_.joinable())
        thread_ = std::thread([this] { loop(); });
    wake_.notify_one();
}

void LatestJob::cancel()
{
    const std::shared_ptr<Run::State> run = std::exchange(newest_, nullptr);
    if (!run)
        return;
    run->cancelled.store(true, std::memory_order_relaxed);
    {
        std::lock_guard lock(mutex_);
        if (pending_ == run)
            pending_.reset(); // never begun: its captures go now
    }
    if (run->onCancel)
        run->onCancel();
}

void LatestJob::loop()
{
    for (;;) {
        std::shared_ptr<Run::State> run;
        Work work;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_; });
            if (stopping_)
                return;
            run = std::move(pending_);
            pending_.reset();
            work = std::move(run->work);
        }
        if (!run->cancelled.load(std::memory_order_relaxed))
            work(Run(run, &relay_));
        // `work` and its captures (imports, readers) are released here, on the worker.
    }
}

} // namespace gd
