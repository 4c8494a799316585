#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gd {

/// The documented causes of nginx 502/504 on BOA (support article "How to debug 502 Bad Gateway").
/// The ids are stable: they appear in JSON, CSV and reports.
enum class Cause : std::uint8_t {
    BackendDown,     ///< backend unreachable for a while on all hosts, control panel included
    BackendRestart,  ///< one-off burst during a PHP-FPM reload/restart
    SegfaultRestart, ///< children crashing until the emergency restart threshold reloads FPM
    PageCrash,       ///< one page fails every time, immediately; the rest of the site works
    Timeout,         ///< requests killed at the configured time limit, usually waiting on a remote call
    Overload,        ///< not enough workers for the demand: random URLs fail during a burst
    UpdateManager,   ///< the timeout family, where the slow calls are Drupal's Update Manager
    Unknown,         ///< the evidence fits none of the above
    Count_           ///< not a cause: the number of causes
};
inline constexpr std::size_t kCauseCount = static_cast<std::size_t>(Cause::Count_);

std::string_view causeId(Cause cause);
/// Short title for tables and charts.
QString causeTitle(Cause cause);
/// One paragraph in plain words: what this cause is, for a client-readable report.
QString causeExplanation(Cause cause);

} // namespace gd
