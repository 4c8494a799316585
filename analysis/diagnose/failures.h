#pragma once

#include "import/importresult.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace gd {

/// One failed request: an access-log 502/504, or an nginx error line where no access log covers it.
struct Failure {
    std::size_t event = 0;    ///< index in the timeline
    std::int64_t startMs = 0; ///< when the request began (end − request_time); kNoTime for an undated line
    std::int64_t endMs = 0; ///< when nginx answered (access-log time is the end); kNoTime for an undated line
    std::uint16_t status = 0; ///< 502 or 504
    std::uint32_t host = 0;
    std::uint32_t target = 0;
    std::uint32_t client = 0;
    std::uint32_t durationMs = 0;
    bool fromAccessLog = true;
};

/// The status nginx answers with for an error-log message (docs/log-formats.md, "nginx error log"), 0 if
/// none.
std::uint16_t statusForNginxError(MessageCode code);

/// The time spans of the server's access logs (the sources its timeline view includes): every failed
/// request of those times is in them.
std::vector<std::pair<std::int64_t, std::int64_t>> accessLogSpans(const ImportResult& server);

/// Failures in time order (by end time); with `includeUndated`, the failures whose lines carry no time first
/// (their startMs and endMs are kNoTime).
std::vector<Failure> collectFailures(const ImportResult& import, bool includeUndated = false);

} // namespace gd
