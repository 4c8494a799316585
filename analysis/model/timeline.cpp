#include "model/timeline.h"

#include <algorithm>

namespace gd {

const SlowTrace* Timeline::slowTrace(std::uint16_t source, std::uint32_t line) const
{
    const auto it =
        std::lower_bound(slowTraces_.begin(), slowTraces_.end(), std::pair(source, line),
                         [](const SlowTrace& trace, const std::pair<std::uint16_t, std::uint32_t>& key) {
                             return std::pair(trace.source, trace.line) < key;
                         });
    if (it == slowTraces_.end() || it->source != source || it->line != line)
        return nullptr;
    return &*it;
}

std::size_t Timeline::lowerBound(std::int64_t utcMs) const
{
    const auto& times = events_.timeMs;
    return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), utcMs) - times.begin());
}

std::size_t Timeline::memoryBytes() const
{
    std::size_t bytes = events_.memoryBytes() + hosts().memoryBytes() + targets().memoryBytes() +
                        clients().memoryBytes() + groups().memoryBytes() + frames().memoryBytes();
    for (const SlowTrace& trace : slowTraces_)
        bytes += sizeof(SlowTrace) + trace.frames.capacity() * sizeof(SlowFrame);
    return bytes;
}

std::shared_ptr<const Timeline> Timeline::forSources(const std::vector<std::uint8_t>& keep) const
{
    auto view = std::make_shared<Timeline>();
    view->strings_ = strings_;
    view->events_ =
        events_.filtered([&keep](std::uint16_t source) { return source < keep.size() && keep[source] != 0; });
    for (const SlowTrace& trace : slowTraces_) {
        if (trace.source < keep.size() && keep[trace.source] != 0)
            view->slowTraces_.push_back(trace);
    }
    return view;
}

} // namespace gd
