#pragma once

#include "model/event.h"
#include "model/rowblocks.h" // StatusClass

#include <QString>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace gd {

struct ImportResult;

/// Which events the events table shows. A plain value: every empty member means "any".
/// Evaluated on the timeline columns (see filterEvents), never on display strings.
struct EventsFilter {
    std::uint32_t kinds = 0;            ///< bits of kindBit(); 0 = every kind
    std::uint32_t servers = 0;          ///< bits of serverBit() (ImportResult::servers); 0 = every server
    Level minLevel = Level::None;       ///< above None: only events with at least this level
    std::uint8_t statusClasses = 0;     ///< StatusClass bits; set = only access-log requests with such status
    std::vector<MessageCode> codes;     ///< empty = any code
    std::vector<std::uint32_t> hostIds; ///< exact host ids (Timeline::hosts()); empty = any host
    QString hostText;                   ///< case-insensitive substring of the host; empty = any host
    QString text;                       ///< matched against host, target, client and group
    bool textIsRegex = false;           ///< `text` is a (case-insensitive) regular expression
    std::int64_t fromUtcMs = std::numeric_limits<std::int64_t>::min(); ///< inclusive
    std::int64_t toUtcMs = std::numeric_limits<std::int64_t>::max();   ///< exclusive

    static constexpr std::uint32_t kindBit(LogKind kind) { return 1U << static_cast<unsigned>(kind); }
    /// The first 32 servers can be chosen one by one; more than that is not a support ticket.
    static constexpr std::uint32_t serverBit(std::size_t server) { return server < 32 ? 1U << server : 0U; }
    bool hasTimeRange() const;
    /// True when the filter lets every event through.
    bool isEmpty() const;
    /// False when `text` is an invalid regular expression (then nothing matches).
    bool isTextValid() const;
    bool operator==(const EventsFilter&) const = default;
};

/// Indices (ascending, i.e. in time order) of the timeline events that pass `filter`.
/// Text is matched once per distinct string of each pool, then each event costs a few table
/// lookups: linear in events, fast enough for millions. `isCancelled` is polled now and then;
/// when it returns true the result is incomplete and must be dropped.
std::vector<std::uint32_t> filterEvents(const EventsFilter& filter, const ImportResult& import,
                                        const std::function<bool()>& isCancelled = {});

} // namespace gd
