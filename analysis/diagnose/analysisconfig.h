#pragma once

#include <cstdint>

namespace gd {

/// Every threshold of the analysis, in one place, passed in (never global).
/// Defaults follow the support document and log-evidence.md §7; timeouts are NOT here on purpose:
/// they come from the bundle's own config files, or are learned from the data.
struct AnalysisConfig {
    /// Failures further apart than this start a new incident.
    std::int64_t incidentGapMs = 60'000;
    /// Inside one run of failures, a pause at least this long where the failures change character
    /// (one page failing over and over, then random URLs, or the reverse) splits two incidents.
    std::int64_t patternSplitGapMs = 2'000;
    /// Context around an incident in which FPM/kernel/BOA events count as related.
    std::int64_t contextMarginMs = 30'000;
    /// A failure answered faster than this was "immediate" (a crash or refused connect, not a wait).
    std::uint32_t immediateMs = 1'000;
    /// A failure at or beyond this fraction of the time limit waited for the limit.
    double atLimitFraction = 0.8;
    /// backend-down: the outage lasted at least this long...
    std::int64_t backendDownMinMs = 5'000;
    /// ...and at least this share of the hosts active around it failed.
    double backendDownHostShare = 0.8;
    /// page-crash: a URL that failed at least this often, every time it was requested.
    std::uint32_t pageCrashMinHits = 2;
    double pageCrashFailShare = 0.9;
    /// overload: request rate this many times the bundle's median rate counts as a burst.
    double overloadRateFactor = 3.0;
    /// overload: at least this many distinct URLs failing.
    std::uint32_t overloadMinUrls = 5;
    /// segfault-restart: this many crashed children inside the incident's context.
    std::uint32_t segfaultMinCrashes = 3;
    /// Evidence lines kept per role, so the list stays readable.
    std::uint32_t evidencePerRole = 3;
    /// Failing URLs listed per incident.
    std::uint32_t maxUrls = 20;
};

} // namespace gd
