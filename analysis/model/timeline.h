#pragma once

#include "model/eventcolumns.h"
#include "model/stringpool.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace gd {

/// One frame of a PHP-FPM slowlog stack (innermost first).
struct SlowFrame {
    std::uint32_t function = 0; ///< id in Timeline::frames()
    std::uint32_t file = 0;     ///< id in Timeline::frames()
    std::uint32_t line = 0;
};

/// A slowlog record: the event at (source, line) with its script and stack.
struct SlowTrace {
    std::uint16_t source = 0;
    std::uint32_t line = 0;
    std::uint32_t script = 0; ///< id in Timeline::targets()
    std::vector<SlowFrame> frames;
};

/// Every event of the bundle, sorted by UTC time (ties: source, then line). Events whose lines carry no time
/// (kNoTime) come first, in source and line order.
/// Immutable after import; cheap to query from any thread.
class Timeline {
public:
    std::size_t size() const { return events_.size(); }
    const EventColumns& events() const { return events_; }

    const StringPool& hosts() const { return strings_->hosts; }
    const StringPool& targets() const { return strings_->targets; }
    const StringPool& clients() const { return strings_->clients; }
    const StringPool& groups() const { return strings_->groups; }
    const StringPool& frames() const { return strings_->frames; }

    /// Slowlog traces sorted by (source, line).
    const std::vector<SlowTrace>& slowTraces() const { return slowTraces_; }
    const SlowTrace* slowTrace(std::uint16_t source, std::uint32_t line) const;

    /// Index of the first event at or after `utcMs`.
    std::size_t lowerBound(std::int64_t utcMs) const;
    /// Events without a time: the first undatedCount() of the timeline.
    std::size_t undatedCount() const { return lowerBound(kNoTime + 1); }

    /// Memory held by columns and string pools.
    std::size_t memoryBytes() const;

    /// A copy with only the events (and slow traces) of the sources `keep` marks, sharing the strings (same
    /// ids): one server's view of a multi-server import, costing only that server's columns.
    std::shared_ptr<const Timeline> forSources(const std::vector<std::uint8_t>& keep) const;

private:
    friend class TimelineBuilder;
    struct Strings {
        StringPool hosts;
        StringPool targets;
        StringPool clients;
        StringPool groups;
        StringPool frames;
    };
    EventColumns events_;
    /// Shared with the views made by forSources(); written only while the timeline is built.
    std::shared_ptr<Strings> strings_ = std::make_shared<Strings>();
    std::vector<SlowTrace> slowTraces_;
};

} // namespace gd
