#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/bundlefacts.h"
#include "diagnose/failures.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace gd {

/// Per-URL tally inside an incident window.
struct UrlTally {
    std::uint32_t host = 0;
    std::uint32_t target = 0;
    std::uint32_t failed = 0;
    std::uint32_t requests = 0;
    std::uint32_t okAfter = 0; ///< successful requests of the same URL soon after the incident
};

/// What one finding is judged on: the failures it groups, and where its related events are looked for.
struct EvidenceSet {
    std::vector<Failure>
        failures;            ///< time order; empty for an episode seen only in PHP-FPM's or the system's logs
    std::int64_t fromMs = 0; ///< the episode's span, when there are no failures
    std::int64_t toMs = 0;
    /// Every event of the server is related: the lines of one ticket, however far apart their times (pasted
    /// snippets minutes apart, or from machines whose clocks differ) and whether they carry a time at all.
    bool wholeServer = false;
};

/// Everything measured about one incident; the classifier reads only this (plain values).
/// The fields are grouped by the evidence that fills them, each group by one function (signalfamilies.h).
struct IncidentSignals {
    // The failures themselves: access-log 502/504s, or nginx error lines standing in (measureFailures,
    // measureTimeToFailure).
    std::int64_t startMs = 0; ///< kNoTime when no failure carries a time
    std::int64_t endMs = 0;
    std::int64_t durationMs = 0;
    /// The failures span a measured stretch of time (several dated failures): only then do "a short burst" or
    /// "a long outage" say anything. One pasted line spans nothing.
    bool spanKnown = false;
    std::uint32_t failures = 0;
    std::uint32_t count502 = 0;
    std::uint32_t count504 = 0;
    std::uint32_t distinctClients = 0;
    std::uint32_t updateUrlFailures = 0; ///< failures on Update Manager pages
    double immediateShare = 0;           ///< failures answered faster than config.immediateMs
    double atLimitShare = 0;  ///< failures that waited about as long as the limit (504s: nginx's own)
    double cutShortShare = 0; ///< 502s after a wait, but well before the limit: the worker went away
    std::uint32_t simultaneousEnds = 0; ///< waiting requests that failed in the same second as another one
    std::uint32_t medianDurationMs = 0;
    int serverLocalMinuteOfDay = -1;

    // The access log in and around the window (measureAccessLog, rankFailing).
    std::uint32_t requests = 0;  ///< access-log requests in the window
    std::uint32_t successes = 0; ///< requests in the window answered below 500
    std::uint32_t failingHosts = 0;
    std::uint32_t activeHosts = 0; ///< hosts with any request around the window
    std::uint32_t distinctUrls = 0;
    double topUrlShare = 0;                 ///< share of failures on the most failing URL
    std::uint32_t urlsFailingEveryTime = 0; ///< URLs failing on every request, with enough hits
    std::uint32_t urlsOkAfter = 0;          ///< failing URLs that worked again right after
    std::uint32_t otherUrlsOk = 0;          ///< successful requests of other URLs on the failing hosts
    double rateFactor = 0;                  ///< request rate in the window / the bundle's median rate
    std::vector<UrlTally> urls;             ///< failing URLs, most failures first
    std::vector<std::pair<std::uint32_t, std::uint32_t>> hostFailures; ///< (host id, failures), most first

    // The bundle's facts: its time limit and its control panel (learnLimit, measureControlPanel).
    std::optional<std::int64_t> limitMs; ///< the time limit (config, else learned from the data)
    QString limitSource;
    bool controlPanelFailing = false;
    bool controlPanelKnown = false;

    // nginx error log in the context around the window (measureNginxErrors).
    std::uint32_t connectMissing = 0;     ///< nginx connect() (2: No such file) — socket gone
    std::uint32_t connectRefused = 0;     ///< (111) — nobody listening
    std::uint32_t connectAgain = 0;       ///< (11) — listen queue full
    std::uint32_t connectDenied = 0;      ///< (13) — permissions
    std::uint32_t connectUnreachable = 0; ///< (99, 101, 113) — an address or route that does not exist
    /// (2) or (111) at an address where no pool of the bundle's PHP-FPM configuration listens
    std::uint32_t connectNoPoolThere = 0;
    std::uint32_t upstreamTimedOut = 0;
    std::uint32_t prematurelyClosed = 0;
    std::uint32_t badUpstreamResponse = 0; ///< too big header, invalid header/status/protocol

    // PHP-FPM master log in the context (measureFpmLog).
    std::uint32_t crashes = 0; ///< children exited on SIGSEGV/SIGBUS/SIGABRT
    std::uint32_t sigterms = 0;
    std::uint32_t sigkills = 0;
    std::uint32_t thresholdReloads = 0;
    std::uint32_t maxChildren = 0;
    std::uint32_t busy = 0; ///< "seems busy": spawning more workers than it may
    std::uint32_t tooSlow = 0;
    std::uint32_t timedOut = 0; ///< FPM "execution timed out"
    /// PHP-FPM stopping, starting or reloading: its own lines and BOA's restarts, and the systemd service
    /// lines (measureSystemLogs).
    std::uint32_t fpmRestarts = 0;
    std::uint32_t fpmStartFailures = 0; ///< bind failed, another instance, init failed, service failed
    /// Start failures because the address was taken ("Address in use", "Another FPM instance"): a second
    /// start while PHP-FPM was already listening, so they do not show it down.
    std::uint32_t fpmAlreadyListening = 0;

    // Kernel, systemd and BOA monitor lines in the context (measureSystemLogs).
    std::uint32_t boaOutages = 0; ///< BOA "Web Server Paused", OOM kill of php-fpm, kill-all
    std::uint32_t kernelSegfaults = 0;
    std::uint32_t oomKills = 0;
    QString segfaultModule;
    std::uint32_t segfaultModuleCrashes = 0;

    // PHP-FPM slowlog in the context (measureSlowlog).
    std::uint32_t slowTraces = 0;
    std::uint32_t remoteCallTraces = 0;
    std::uint32_t updateTraces = 0;
    QString distribution; ///< forcing distribution named by a script path

    /// Indices of the related non-request events, in time order (evidence candidates); every log adds its
    /// own.
    std::vector<std::size_t> contextEvents;
};

/// Measures the incident made of `failures` (a time-ordered run) against the whole timeline.
IncidentSignals measureIncident(const ImportResult& import, const BundleFacts& facts,
                                const AnalysisConfig& config, const EvidenceSet& evidence,
                                double medianRatePerMinute);

/// Median access-log requests per minute over the minutes the access logs cover.
double medianRequestRate(const ImportResult& import);

} // namespace gd
