#include "jobs/latestjobworker.h"

namespace gd {

LatestJobWorker::LatestJobWorker()
    : thread_([this] { loop(); })
{
}

LatestJobWorker::~LatestJobWorker()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        pending_ = nullptr;
        // A running job sees a new ticket and stops early.
        latest_.fetch_add(1);
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t LatestJobWorker::post(Job job)
{
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(mutex_);
        ticket = latest_.fetch_add(1) + 1;
        pending_ = std::move(job);
        pendingTicket_ = ticket;
    }
    wake_.notify_one();
    return ticket;
}

void LatestJobWorker::loop()
{
    for (;;) {
        Job job;
        std::uint64_t ticket = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_; });
            if (stopping_)
                return;
            job = std::move(pending_);
            pending_ = nullptr;
            ticket = pendingTicket_;
        }
        if (!isStale(ticket))
            job(ticket);
    }
}

} // namespace gd
