#include "diagnose/incidentsignals.h"

#include "diagnose/signalfamilies.h"

#include <algorithm>

namespace gd {

using namespace measuring;

namespace {

constexpr std::uint16_t kGatewayTimeout = 504;
constexpr std::int64_t kMinutesPerDay = 24 * 60;

/// The limit requests run into: the bundle's config, else FPM's own "execution timed out" readings,
/// else the typical wait of the 504s (nginx gave up at its limit).
std::optional<std::int64_t> learnLimit(const Timeline& timeline, const BundleFacts& facts,
                                       const AnalysisConfig& config, const std::vector<Failure>& failures,
                                       QString& source)
{
    if (const auto limit = facts.requestLimitMs()) {
        source = QStringLiteral("configuration in the bundle");
        return limit;
    }
    const EventColumns& events = timeline.events();
    std::optional<std::int64_t> fpmLimit;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events.code[i] == MessageCode::FpmExecutionTimedOut && events.durationMs[i] > 0 &&
            timeline.includes(i))
            fpmLimit = std::min<std::int64_t>(fpmLimit.value_or(INT64_MAX), events.durationMs[i]);
    }
    if (fpmLimit) {
        source = QStringLiteral("PHP-FPM \"execution timed out\" lines");
        return fpmLimit;
    }
    std::vector<std::uint32_t> waits;
    for (const Failure& failure : failures) {
        if (failure.status == kGatewayTimeout && failure.durationMs >= config.learnedLimitMinWaitMs)
            waits.push_back(failure.durationMs);
    }
    if (waits.size() >= config.learnedLimitMinWaits) {
        source = QStringLiteral("the wait of the 504 responses");
        return median(std::move(waits));
    }
    return std::nullopt;
}

/// Whether the Aegir control panel failed too, when the bundle shows which hosts serve it.
void measureControlPanel(const Timeline& timeline, const BundleFacts& facts, const FailureTally& tally,
                         IncidentSignals& s)
{
    for (const QString& host : facts.controlPanelHosts) {
        const std::uint32_t id = timeline.hosts().find(host.toStdString());
        if (id == UINT32_MAX)
            continue;
        s.controlPanelKnown = true;
        s.controlPanelFailing |= tally.hosts.count(id) != 0;
    }
}

/// Minute of the day on the server's clock when the incident began, -1 when the zone is unknown.
int serverLocalMinuteOfDay(const ImportResult& import, std::int64_t utcMs)
{
    if (import.serverOffsets.isEmpty())
        return -1;
    const std::int64_t local = utcMs + import.serverOffsets.offsetAtUtc(utcMs) * 1000LL;
    return static_cast<int>(((local / kMinuteMs) % kMinutesPerDay + kMinutesPerDay) % kMinutesPerDay);
}

/// The pools that served other upstreams than the failing requests, when nginx's error lines name the
/// failures' upstreams and those name pools; empty (every pool counts) otherwise.
std::set<std::uint16_t> poolsOfOtherUpstreams(const Timeline& timeline, const BundleFacts& facts,
                                              const IncidentWindow& window)
{
    std::set<std::uint16_t> others;
    if (facts.poolsNamedByUpstreams.size() < 2)
        return others;
    const EventColumns& events = timeline.events();
    std::set<std::uint16_t> failingUpstreams;
    const std::int64_t from = window.contextStartMs == kNoTime ? kNoTime : window.startMs;
    const std::int64_t to = window.contextStartMs == kNoTime ? window.contextEndMs : window.endMs;
    for (std::size_t i = timeline.lowerBound(from); i < events.size() && events.timeMs[i] <= to; ++i) {
        if (!timeline.includes(i))
            continue;
        switch (events.code[i]) {
        case MessageCode::NgxConnectFailed:
        case MessageCode::NgxUpstreamTimedOut:
        case MessageCode::NgxPrematurelyClosed:
        case MessageCode::NgxPrematurelyClosedFastcgi:
        case MessageCode::NgxConnectionReset:
            if (events.group[i] != 0)
                failingUpstreams.insert(events.group[i]);
            break;
        default:
            break;
        }
    }
    if (failingUpstreams.empty())
        return others;
    const StringPool& groups = timeline.groups();
    for (const QString& pool : facts.poolsNamedByUpstreams) {
        const std::string name = pool.toStdString();
        const bool serves =
            std::any_of(failingUpstreams.begin(), failingUpstreams.end(),
                        [&](std::uint16_t id) { return upstreamNamesPool(groups.view(id), name); });
        const std::uint32_t id = groups.find(name);
        if (!serves && id != UINT32_MAX)
            others.insert(static_cast<std::uint16_t>(id));
    }
    // No failing upstream names any pool: the join says nothing, every pool counts.
    if (others.size() == static_cast<std::size_t>(facts.poolsNamedByUpstreams.size()))
        others.clear();
    return others;
}

} // namespace

double medianRequestRate(const ImportResult& import)
{
    if (!import.timeline)
        return 0;
    const Timeline& timeline = *import.timeline;
    const EventColumns& events = timeline.events();
    std::unordered_map<std::int64_t, std::uint32_t> perMinute;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events.code[i] == MessageCode::Request && hasTime(events.timeMs[i]) && timeline.includes(i))
            ++perMinute[events.timeMs[i] / kMinuteMs];
    }
    std::vector<std::uint32_t> counts;
    counts.reserve(perMinute.size());
    for (const auto& [minute, count] : perMinute)
        counts.push_back(count);
    return median(std::move(counts));
}

IncidentSignals measureIncident(const ImportResult& import, const BundleFacts& facts,
                                const AnalysisConfig& config, const EvidenceSet& evidence,
                                double medianRatePerMinute)
{
    const Timeline& timeline = *import.timeline;
    const std::vector<Failure>& failures = evidence.failures;
    IncidentSignals s;
    FailureTally tally = measureFailures(timeline, failures, s);
    if (failures.empty()) {
        s.startMs = evidence.fromMs;
        s.endMs = evidence.toMs;
        s.durationMs = hasTime(s.startMs) ? s.endMs - s.startMs : 0;
    }
    s.limitMs = learnLimit(timeline, facts, config, failures, s.limitSource);
    measureTimeToFailure(timeline, facts, config, failures, s);
    if (hasTime(s.startMs))
        s.serverLocalMinuteOfDay = serverLocalMinuteOfDay(import, s.startMs);

    // Related events: around the failures; everything of the server for a ticket's lines; only the undated
    // ones when no failure carries a time.
    IncidentWindow window{s.startMs, s.endMs, kNoTime, kNoTime, kNoTime, {}};
    if (evidence.wholeServer) {
        window.contextStartMs = kNoTime;
        window.contextEndMs = window.retryEndMs = std::numeric_limits<std::int64_t>::max();
    } else if (hasTime(s.startMs)) {
        window.contextStartMs = s.startMs - config.contextMarginMs;
        window.contextEndMs = s.endMs + config.contextMarginMs;
        window.retryEndMs = s.endMs + config.retryWindowMs;
    }
    measureAccessLog(timeline, window, medianRatePerMinute, tally, s);
    measureControlPanel(timeline, facts, tally, s);
    rankFailing(config, tally, s);

    window.otherPools = poolsOfOtherUpstreams(timeline, facts, window);
    measureNginxErrors(timeline, facts, window, s);
    const std::set<std::uint32_t> crashedPids = measureFpmLog(timeline, window, s);
    measureSystemLogs(timeline, window, crashedPids, s);
    measureSlowlog(timeline, window, s);
    // Each family added its events in time order; merged, they are in time order as a whole.
    std::sort(s.contextEvents.begin(), s.contextEvents.end());
    return s;
}

} // namespace gd
