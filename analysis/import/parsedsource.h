#pragma once

#include "model/eventcolumns.h"
#include "model/sourceinfo.h"
#include "model/stringpool.h"
#include "model/timeline.h"

#include <cstdint>
#include <vector>

namespace gd {

/// A UTC offset seen in a log that writes one on every line (nginx access logs).
struct OffsetObservation {
    std::int64_t utcMs = 0;
    std::int32_t offsetSec = 0;
};

/// One source after parsing, before it joins the timeline. String ids are local to its pools.
struct ParsedSource {
    SourceInfo info;
    EventColumns events;
    /// 1 where events.timeMs is still a wall-clock reading that needs the server's zone.
    std::vector<std::uint8_t> needsZone;
    /// Hash of each event's line text, to drop lines repeated by overlapping rotated copies.
    std::vector<std::uint32_t> lineHash;
    bool hasYearlessTimes = false; ///< RFC 3164 syslog: years still to be inferred
    QString zoneName;              ///< zone named by the log itself (PHP error_log date.timezone)
    StringPool hosts;
    StringPool targets;
    StringPool clients;
    StringPool groups;
    StringPool frames;
    std::vector<SlowTrace> slowTraces;
    /// First offset, then every change (DST), from lines that carry one.
    std::vector<OffsetObservation> offsets;
};

} // namespace gd
