#pragma once

#include "model/eventcolumns.h"
#include "model/rowblocks.h"
#include "model/stringpool.h"

#include <cstdint>
#include <memory>
#include <optional>
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
///
/// A view made by forSources() shares every row with the whole timeline and only marks which rows are its
/// own: code that walks rows asks includes(row). Row numbers are the same in the view and the whole, so
/// what a view's analysis points at needs no translation.
class Timeline {
public:
    /// Rows of events(), including those a view leaves out.
    std::size_t size() const { return data_->events.size(); }
    const EventColumns& events() const { return data_->events; }
    /// Whether row `row` belongs to this view (every row of a whole timeline).
    bool includes(std::size_t row) const { return includesSource(data_->events.source[row]); }
    /// Whether the events of source `source` belong to this view.
    bool includesSource(std::uint16_t source) const
    {
        return keep_.empty() || (source < keep_.size() && keep_[source] != 0);
    }
    /// Events of this view: size() for a whole timeline.
    std::size_t includedCount() const { return includedCount_.value_or(size()); }

    const StringPool& hosts() const { return data_->hosts; }
    const StringPool& targets() const { return data_->targets; }
    const StringPool& clients() const { return data_->clients; }
    const StringPool& groups() const { return data_->groups; }
    const StringPool& frames() const { return data_->frames; }
    /// What each block of rows holds, for scans that look for something rare.
    const RowBlocks& rowBlocks() const { return data_->rowBlocks; }

    /// Slowlog traces sorted by (source, line), a view's own and the others'.
    const std::vector<SlowTrace>& slowTraces() const { return data_->slowTraces; }
    const SlowTrace* slowTrace(std::uint16_t source, std::uint32_t line) const;

    /// Row of the first event at or after `utcMs`.
    std::size_t lowerBound(std::int64_t utcMs) const;
    /// Events without a time: the first undatedCount() rows.
    std::size_t undatedCount() const { return lowerBound(kNoTime + 1); }

    /// Memory held by columns and string pools (shared by a timeline and its views).
    std::size_t memoryBytes() const;

    /// The view of the events of the sources `keep` marks: one server's part of a multi-server import, for
    /// the price of the marks, since copying a server's columns would cost ~40 bytes per event.
    std::shared_ptr<const Timeline> forSources(const std::vector<std::uint8_t>& keep) const;

private:
    friend class TimelineBuilder;
    struct Data {
        EventColumns events;
        StringPool hosts;
        StringPool targets;
        StringPool clients;
        StringPool groups;
        StringPool frames;
        std::vector<SlowTrace> slowTraces;
        RowBlocks rowBlocks;
    };
    /// Shared with the views made by forSources(); written only while the timeline is built.
    std::shared_ptr<Data> data_ = std::make_shared<Data>();
    std::vector<std::uint8_t> keep_; ///< per source, for a view; empty for the whole timeline
    std::optional<std::size_t> includedCount_;
};

} // namespace gd
