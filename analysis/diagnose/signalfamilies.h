#pragma once

// Internal to measureIncident: one function per evidence family, each filling its part of IncidentSignals.

#include "diagnose/incidentsignals.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>
#include <unordered_map>

/// Internal to the measuring of an incident; not for other callers.
namespace gd::measuring {

constexpr std::int64_t kMinuteMs = 60'000;

/// The stretch of the timeline an incident is measured in.
struct IncidentWindow {
    std::int64_t startMs = 0;        ///< the first failing request's start
    std::int64_t endMs = 0;          ///< the last failure
    std::int64_t contextStartMs = 0; ///< related events count from here...
    std::int64_t contextEndMs = 0;   ///< ...to here (config.contextMarginMs around the window)
    std::int64_t retryEndMs = 0;     ///< failing URLs requested again until here count as retries
    /// PHP-FPM pools known to serve other upstreams than the failing requests': their lines (another
    /// pool's crashes, timeouts, slow stacks) say nothing about these failures.
    std::set<std::uint16_t> otherPools;
};

/// Whether event `i` is a PHP-FPM line of a pool the window leaves out.
inline bool ofOtherPool(const EventColumns& events, const IncidentWindow& window, std::size_t i)
{
    return !window.otherPools.empty() && window.otherPools.count(events.group[i]) != 0;
}

/// The failing URLs and hosts, keyed for lookup while the access log is read.
struct FailureTally {
    std::unordered_map<std::uint64_t, UrlTally> urls;       ///< by urlKey(host, target)
    std::unordered_map<std::uint32_t, std::uint32_t> hosts; ///< host id → failures
};

inline std::uint64_t urlKey(std::uint32_t host, std::uint32_t target)
{
    return (std::uint64_t(host) << 32) | target;
}

inline bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

inline std::uint32_t median(std::vector<std::uint32_t> values)
{
    if (values.empty())
        return 0;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2),
                     values.end());
    return values[values.size() / 2];
}

// The failures themselves and the access log around them (requestsignals.cpp).

/// Window, counts, failing URLs and hosts, clients and Update Manager pages of the failures.
FailureTally measureFailures(const Timeline& timeline, const std::vector<Failure>& failures,
                             IncidentSignals& s);
/// How long the failures took: immediate, at the time limit (s.limitMs), or cut short in between.
void measureTimeToFailure(const Timeline& timeline, const BundleFacts& facts, const AnalysisConfig& config,
                          const std::vector<Failure>& failures, IncidentSignals& s);
/// Requests in and around the window: traffic and its rate, active hosts, other URLs working meanwhile,
/// failing URLs retried successfully after.
void measureAccessLog(const Timeline& timeline, const IncidentWindow& window, double medianRatePerMinute,
                      FailureTally& tally, IncidentSignals& s);
/// The failing URLs and hosts in order, once the access log has counted their requests.
void rankFailing(const AnalysisConfig& config, const FailureTally& tally, IncidentSignals& s);

// The logs of PHP-FPM and of the system around it (logsignals.cpp). Each adds the events it counts to
// s.contextEvents.

/// nginx error log: why nginx got no answer from PHP-FPM.
void measureNginxErrors(const Timeline& timeline, const BundleFacts& facts, const IncidentWindow& window,
                        IncidentSignals& s);
/// PHP-FPM master log: children dying, the pool's limits, PHP-FPM stopping and starting. Returns the pids
/// of the children that crashed, for the kernel lines to name what crashed them.
std::set<std::uint32_t> measureFpmLog(const Timeline& timeline, const IncidentWindow& window,
                                      IncidentSignals& s);
/// Kernel, systemd and BOA monitor lines: segfaults and the library named, OOM kills, PHP-FPM service
/// stops and starts, outages the monitors caused.
void measureSystemLogs(const Timeline& timeline, const IncidentWindow& window,
                       const std::set<std::uint32_t>& crashedPids, IncidentSignals& s);
/// PHP-FPM slowlog: what the slow requests were waiting on.
void measureSlowlog(const Timeline& timeline, const IncidentWindow& window, IncidentSignals& s);

/// Calls `take(i)` for every event in the window's context; the events it counts become evidence
/// candidates.
template <typename Take>
void forEachContextEvent(const Timeline& timeline, const IncidentWindow& window, IncidentSignals& s,
                         Take take)
{
    const EventColumns& events = timeline.events();
    for (std::size_t i = timeline.lowerBound(window.contextStartMs);
         i < events.size() && events.timeMs[i] <= window.contextEndMs; ++i) {
        if (events.code[i] != MessageCode::Request && timeline.includes(i) && take(i))
            s.contextEvents.push_back(i);
    }
}

} // namespace gd::measuring
