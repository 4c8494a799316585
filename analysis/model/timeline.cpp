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
    std::size_t bytes = events_.memoryBytes() + hosts_.memoryBytes() + targets_.memoryBytes() +
                        clients_.memoryBytes() + groups_.memoryBytes() + frames_.memoryBytes();
    for (const SlowTrace& trace : slowTraces_)
        bytes += sizeof(SlowTrace) + trace.frames.capacity() * sizeof(SlowFrame);
    return bytes;
}

} // namespace gd
