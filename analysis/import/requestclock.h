#pragma once

#include "import/parsedsource.h"
#include "time/offsettimeline.h"

#include <vector>

namespace gd {

class SharedPools;

/// The UTC offsets of a server's wall-clock logs, read off requests that two logs recorded: one (UTC time,
/// offset) per request, in time order.
struct RequestClock {
    std::vector<OffsetTimeline::Span> observations;
};

/// An access log dated in UTC alone (`$msec`) says nothing about the server's zone, while the nginx error log
/// writes local time without a zone. A failed request is in both, with the same client, host and page, and
/// both lines are written as the request ends: the error line's wall-clock time minus the access line's UTC
/// time is the zone's offset (rounded to the quarter-hour every zone offset is a multiple of). Error lines
/// that fit more than one access line vote for nothing; an offset with few votes is a chance fit and dropped;
/// two offsets one after the other in time are a DST change; anything less clear gives no observations at
/// all. `pools` resolves the ids of sources whose strings it holds.
RequestClock readRequestClock(const std::vector<ParsedSource*>& sources, const SharedPools* pools);

} // namespace gd
