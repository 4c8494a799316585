#include "import/liverequestcounts.h"

namespace gd {

namespace {
constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t minuteOf(std::int64_t utcMs)
{
    const std::int64_t q = utcMs / kMinuteMs;
    return utcMs % kMinuteMs < 0 ? q - 1 : q;
}
} // namespace

void LiveRequestCounts::Batch::add(std::int64_t utcMs, std::uint16_t status)
{
    const std::int64_t minute = minuteOf(utcMs);
    if (!current_ || minute != currentMinute_) {
        current_ = &minutes_[minute]; // std::map keeps the address stable across inserts
        currentMinute_ = minute;
    }
    ++(*current_)[static_cast<std::size_t>(requestClassOf(status))];
}

void LiveRequestCounts::merge(Batch& batch)
{
    if (batch.minutes_.empty())
        return;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [minute, counts] : batch.minutes_) {
            auto& total = minutes_[minute];
            for (std::size_t i = 0; i < counts.size(); ++i)
                total[i] += counts[i];
        }
    }
    batch.minutes_.clear();
    batch.current_ = nullptr;
}

void LiveRequestCounts::clear()
{
    std::lock_guard lock(mutex_);
    minutes_.clear();
}

std::vector<LiveMinute> LiveRequestCounts::snapshot() const
{
    std::lock_guard lock(mutex_);
    std::vector<LiveMinute> out;
    out.reserve(minutes_.size());
    for (const auto& [minute, counts] : minutes_)
        out.push_back({minute, counts});
    return out;
}

} // namespace gd
