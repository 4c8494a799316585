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

/// Everything measured about one incident; the classifier reads only this (plain values).
struct IncidentSignals {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    std::int64_t durationMs = 0;
    std::uint32_t failures = 0;
    std::uint32_t count502 = 0;
    std::uint32_t count504 = 0;
    std::uint32_t requests = 0;  ///< access-log requests in the window
    std::uint32_t successes = 0; ///< requests in the window answered below 500
    std::uint32_t failingHosts = 0;
    std::uint32_t activeHosts = 0; ///< hosts with any request around the window
    bool controlPanelFailing = false;
    bool controlPanelKnown = false;
    std::uint32_t distinctUrls = 0;
    std::uint32_t distinctClients = 0;
    double topUrlShare = 0;                 ///< share of failures on the most failing URL
    std::uint32_t urlsFailingEveryTime = 0; ///< URLs failing on every request, with enough hits
    std::uint32_t urlsOkAfter = 0;          ///< failing URLs that worked again right after
    std::uint32_t otherUrlsOk = 0;          ///< successful requests of other URLs on the failing hosts
    double immediateShare = 0;              ///< failures answered faster than config.immediateMs
    double atLimitShare = 0;  ///< failures that waited about as long as the limit (504s: nginx's own)
    double cutShortShare = 0; ///< 502s after a wait, but well before the limit: the worker went away
    std::uint32_t simultaneousEnds = 0; ///< waiting requests that failed in the same second as another one
    std::uint32_t medianDurationMs = 0;
    std::optional<std::int64_t> limitMs; ///< the time limit (config, else learned from the data)
    QString limitSource;
    double rateFactor = 0; ///< request rate in the window / the bundle's median rate
    int serverLocalMinuteOfDay = -1;

    // PHP-FPM, kernel, service and BOA events in the context around the window.
    std::uint32_t crashes = 0; ///< children exited on SIGSEGV/SIGBUS/SIGABRT
    std::uint32_t sigterms = 0;
    std::uint32_t sigkills = 0;
    std::uint32_t thresholdReloads = 0;
    std::uint32_t maxChildren = 0;
    std::uint32_t tooSlow = 0;
    std::uint32_t timedOut = 0; ///< FPM "execution timed out"
    std::uint32_t fpmRestarts =
        0; ///< reload/terminate/ready/running/exiting, service stop/start, BOA restarts
    std::uint32_t fpmStartFailures = 0; ///< bind failed, another instance, init failed
    std::uint32_t boaOutages = 0;       ///< BOA "Web Server Paused", OOM kill of php-fpm, kill-all
    std::uint32_t kernelSegfaults = 0;
    std::uint32_t oomKills = 0;
    std::uint32_t connectMissing = 0; ///< nginx connect() (2: No such file) — socket gone
    std::uint32_t connectRefused = 0; ///< (111) — nobody listening
    std::uint32_t connectAgain = 0;   ///< (11) — listen queue full
    std::uint32_t connectDenied = 0;  ///< (13) — permissions
    std::uint32_t upstreamTimedOut = 0;
    std::uint32_t prematurelyClosed = 0;
    std::uint32_t badUpstreamResponse = 0; ///< too big header, invalid header/status/protocol
    std::uint32_t slowTraces = 0;
    std::uint32_t remoteCallTraces = 0;
    std::uint32_t updateTraces = 0;
    std::uint32_t updateUrlFailures = 0; ///< failures on Update Manager pages
    QString distribution;                ///< forcing distribution named by a script path
    QString segfaultModule;
    std::uint32_t segfaultModuleCrashes = 0;

    std::vector<UrlTally> urls;                                        ///< failing URLs, most failures first
    std::vector<std::pair<std::uint32_t, std::uint32_t>> hostFailures; ///< (host id, failures), most first
    std::vector<std::size_t> contextEvents; ///< indices of related non-request events (evidence candidates)
};

/// Measures the incident made of `failures` (a time-ordered run) against the whole timeline.
IncidentSignals measureIncident(const ImportResult& import, const BundleFacts& facts,
                                const AnalysisConfig& config, const std::vector<Failure>& failures,
                                double medianRatePerMinute);

/// Median access-log requests per minute over the minutes the access logs cover.
double medianRequestRate(const ImportResult& import);

/// True for Drupal Update Manager frames (update.fetch.inc, _update_process_fetch_task, UpdateFetcher...).
bool isUpdateManagerFrame(std::string_view function, std::string_view file);
/// True for frames that wait on a remote server (curl, sockets, drupal_http_request, SOAP...).
bool isRemoteCallFrame(std::string_view function);
/// The forcing distribution named in a path (apps, agov, erpal, ... from the support document), or empty.
QString distributionInPath(std::string_view path);

} // namespace gd
