// The failures of an incident and the access log around them.

#include "diagnose/signalfamilies.h"

#include <map>

namespace gd::measuring {

namespace {

constexpr std::uint16_t kBadGateway = 502;
constexpr std::uint16_t kGatewayTimeout = 504;
constexpr std::uint16_t kFirstServerError = 500;

bool isUpdateManagerPage(std::string_view path)
{
    return contains(path, "/admin/reports/updates") || contains(path, "/admin/modules") ||
           contains(path, "admin/reports/updates") || contains(path, "/update.php");
}

} // namespace

FailureTally measureFailures(const Timeline& timeline, const std::vector<Failure>& failures,
                             IncidentSignals& s)
{
    FailureTally tally;
    std::set<std::uint32_t> clients;
    std::vector<std::uint32_t> durations;
    s.startMs = kNoTime;
    s.endMs = kNoTime;
    std::uint32_t dated = 0;
    for (const Failure& f : failures) {
        if (hasTime(f.endMs)) {
            s.startMs = dated == 0 ? f.startMs : std::min(s.startMs, f.startMs);
            s.endMs = dated == 0 ? f.endMs : std::max(s.endMs, f.endMs);
            ++dated;
        }
        ++s.failures;
        s.count502 += f.status == kBadGateway ? 1 : 0;
        s.count504 += f.status == kGatewayTimeout ? 1 : 0;
        clients.insert(f.client);
        ++tally.hosts[f.host];
        UrlTally& url = tally.urls[urlKey(f.host, f.target)];
        url.host = f.host;
        url.target = f.target;
        ++url.failed;
        durations.push_back(f.durationMs);
        if (isUpdateManagerPage(timeline.targets().view(f.target)))
            ++s.updateUrlFailures;
    }
    s.durationMs = dated > 0 ? s.endMs - s.startMs : 0;
    s.spanKnown = dated >= 2;
    s.distinctClients = static_cast<std::uint32_t>(clients.size());
    s.medianDurationMs = median(std::move(durations));
    return tally;
}

void measureTimeToFailure(const Timeline& timeline, const BundleFacts& facts, const AnalysisConfig& config,
                          const std::vector<Failure>& failures, IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    std::uint32_t immediate = 0;
    std::uint32_t atLimit = 0;
    std::uint32_t cutShort = 0;
    std::map<std::int64_t, std::uint32_t> waitingEndsPerSecond;
    for (const Failure& f : failures) {
        bool isImmediate = f.durationMs < config.immediateMs;
        // A 504 is nginx's own timeout (docs/log-formats.md, nginx error log), whatever limit it had.
        bool reachedLimit =
            (f.status == kGatewayTimeout && !isImmediate) ||
            (s.limitMs && f.durationMs >= config.atLimitFraction * static_cast<double>(*s.limitMs));
        const std::uint16_t source = events.source[f.event];
        const bool timed = source < facts.sourceTimesRequests.size() && facts.sourceTimesRequests[source];
        if (!f.fromAccessLog) {
            // The error log has no request time: judge by the message instead.
            const MessageCode code = events.code[f.event];
            isImmediate = code == MessageCode::NgxConnectFailed;
            reachedLimit = code == MessageCode::NgxUpstreamTimedOut;
            if (!isImmediate && !reachedLimit)
                continue; // a worker that died mid-request: how long it ran is unknown
        } else if (!timed) {
            // An access log without $request_time: a 504 is still nginx's timeout; a 502's wait is unknown.
            isImmediate = false;
            reachedLimit = f.status == kGatewayTimeout;
            if (!reachedLimit)
                continue;
        }
        immediate += isImmediate ? 1 : 0;
        atLimit += reachedLimit ? 1 : 0;
        if (!isImmediate && !reachedLimit && f.status == kBadGateway) {
            ++cutShort;
            if (hasTime(f.endMs))
                ++waitingEndsPerSecond[f.endMs / 1000];
        }
    }
    for (const auto& [second, count] : waitingEndsPerSecond)
        s.simultaneousEnds += count > 1 ? count : 0;
    if (s.failures == 0)
        return; // an episode without failure lines: nothing to share out
    s.immediateShare = double(immediate) / double(s.failures);
    s.atLimitShare = double(atLimit) / double(s.failures);
    s.cutShortShare = double(cutShort) / double(s.failures);
}

void measureAccessLog(const Timeline& timeline, const IncidentWindow& window, double medianRatePerMinute,
                      FailureTally& tally, IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    std::set<std::uint32_t> activeHosts;
    for (std::size_t i = timeline.lowerBound(window.contextStartMs);
         i < events.size() && events.timeMs[i] <= window.retryEndMs; ++i) {
        if (events.code[i] != MessageCode::Request || !timeline.includes(i))
            continue;
        const std::int64_t t = events.timeMs[i];
        const bool inWindow = t >= window.startMs && t <= window.endMs;
        const bool inContext = t >= window.contextStartMs && t <= window.contextEndMs;
        const bool ok = events.value[i] < kFirstServerError;
        if (inContext)
            activeHosts.insert(events.host[i]);
        const auto it = tally.urls.find(urlKey(events.host[i], events.target[i]));
        if (inWindow) {
            ++s.requests;
            s.successes += ok ? 1 : 0;
            if (it != tally.urls.end())
                ++it->second.requests;
            else if (ok && tally.hosts.count(events.host[i]) != 0)
                ++s.otherUrlsOk;
        } else if (t > window.endMs && ok && it != tally.urls.end()) {
            ++it->second.okAfter;
        }
    }
    s.activeHosts = static_cast<std::uint32_t>(activeHosts.size());
    const double windowMinutes = std::max<double>(1.0, double(s.durationMs) / kMinuteMs);
    s.rateFactor = medianRatePerMinute > 0 ? (double(s.requests) / windowMinutes) / medianRatePerMinute : 0;
}

void rankFailing(const AnalysisConfig& config, const FailureTally& tally, IncidentSignals& s)
{
    for (const auto& [key, tallied] : tally.urls) {
        UrlTally url = tallied;
        url.requests = std::max(url.requests, url.failed); // error-log failures have no access line
        s.urls.push_back(url);
        if (url.failed >= config.pageCrash.minHits &&
            double(url.failed) >= config.pageCrash.failShare * url.requests)
            ++s.urlsFailingEveryTime;
        s.urlsOkAfter += url.okAfter > 0 ? 1 : 0;
    }
    std::sort(s.urls.begin(), s.urls.end(), [](const UrlTally& a, const UrlTally& b) {
        return a.failed != b.failed ? a.failed > b.failed
                                    : std::pair(a.host, a.target) < std::pair(b.host, b.target);
    });
    s.distinctUrls = static_cast<std::uint32_t>(s.urls.size());
    s.topUrlShare = s.urls.empty() ? 0 : double(s.urls.front().failed) / double(s.failures);
    for (const auto& [host, count] : tally.hosts)
        s.hostFailures.emplace_back(host, count);
    std::sort(s.hostFailures.begin(), s.hostFailures.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    s.failingHosts = static_cast<std::uint32_t>(s.hostFailures.size());
    s.activeHosts = std::max(s.activeHosts, s.failingHosts);
}

} // namespace gd::measuring
