#pragma once

#include "model/stringpool.h"

#include <mutex>

namespace gd {

struct ParsedSource;

/// The bundle's string pools while it is read. A source moves its strings in as soon as it is parsed, and
/// its events then hold ids of these pools: one copy of each URL, host and client for the whole bundle,
/// where keeping every file's own pool until the end held the busiest strings once per rotated copy.
/// Ids follow the order in which sources finish, which varies between runs; TimelineBuilder renumbers them
/// in text order, so the timeline comes out the same every time.
class SharedPools {
public:
    /// Moves `source`'s strings in, rewrites its events' and slow traces' ids, and empties its pools.
    /// Safe to call from several parser threads at once.
    void adopt(ParsedSource& source);

    StringPool hosts;
    StringPool targets;
    StringPool clients;
    StringPool groups;
    StringPool frames;

private:
    std::mutex mutex_;
};

} // namespace gd
