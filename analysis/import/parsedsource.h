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
    /// Bits per event of what its time still needs: the server's zone, a year (RFC 3164 syslog). 0 once it is
    /// UTC or when the line carried no time at all (kNoTime).
    std::vector<std::uint8_t> pendingTime;
    static constexpr std::uint8_t kNeedsZone = 1;
    static constexpr std::uint8_t kNeedsYear = 2;
    /// Hash of each event's line text, to drop lines repeated by overlapping rotated copies.
    std::vector<std::uint32_t> lineHash;
    bool hasYearlessTimes = false; ///< some events need a year (kNeedsYear)
    /// A civil time the source itself says it ends by (journalctl's "-- Logs begin at ..., end at ... --"),
    /// which dates its year-less lines better than the rest of the bundle; 0 when it says nothing.
    CivilMs yearAnchor = 0;
    /// The string fields hold ids of the bundle's SharedPools (the pools below are empty), not of its own.
    bool idsShared = false;
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
