#include "model/timeline.h"

#include <algorithm>

namespace gd {

const SlowTrace* Timeline::slowTrace(std::uint16_t source, std::uint32_t line) const
{
    const auto it =
        std::lower_bound(data_->slowTraces.begin(), data_->slowTraces.end(), std::pair(source, line),
                         [](const SlowTrace& trace, const std::pair<std::uint16_t, std::uint32_t>& key) {
                             return std::pair(trace.source, trace.line) < key;
                         });
    if (it == data_->slowTraces.end() || it->source != source || it->line != line)
        return nullptr;
    return &*it;
}

std::size_t Timeline::lowerBound(std::int64_t utcMs) const
{
    const auto& times = data_->events.timeMs;
    return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), utcMs) - times.begin());
}

std::size_t Timeline::memoryBytes() const
{
    std::size_t bytes = data_->events.memoryBytes() + hosts().memoryBytes() + targets().memoryBytes() +
                        clients().memoryBytes() + groups().memoryBytes() + frames().memoryBytes() +
                        data_->rowBlocks.memoryBytes();
    for (const SlowTrace& trace : data_->slowTraces)
        bytes += sizeof(SlowTrace) + trace.frames.capacity() * sizeof(SlowFrame);
    return bytes;
}

std::shared_ptr<const Timeline> Timeline::forSources(const std::vector<std::uint8_t>& keep) const
{
    auto view = std::make_shared<Timeline>();
    view->data_ = data_;
    view->keep_ = keep;
    if (view->keep_.empty()) // no source kept: a view of nothing, not the whole timeline
        view->keep_.push_back(0);
    std::size_t count = 0;
    for (std::size_t row = 0; row < size(); ++row)
        count += view->includes(row) ? 1 : 0;
    view->includedCount_ = count;
    return view;
}

} // namespace gd
