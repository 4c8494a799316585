#include "diagnose/analyzer.h"

#include "diagnose/advice.h"
#include "diagnose/causeclassifier.h"
#include "diagnose/evidence.h"
#include "diagnose/failures.h"
#include "diagnose/incidentsignals.h"
#include "time/civiltime.h"

#include <algorithm>
#include <unordered_map>

namespace gd {

namespace {

QString viewText(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

void splitByPattern(std::vector<Failure> group, const AnalysisConfig& config,
                    std::vector<std::vector<Failure>>& out);

/// Failures closer than the gap belong to one incident. A request that waited counts from its start,
/// so a slow request ending after the gap still joins the incident it began in.
std::vector<std::vector<Failure>> groupIncidents(const std::vector<Failure>& failures,
                                                 const AnalysisConfig& config)
{
    std::vector<std::vector<Failure>> groups;
    std::int64_t groupEnd = 0;
    for (const Failure& failure : failures) {
        if (groups.empty() || failure.startMs > groupEnd + config.incidentGapMs) {
            groups.emplace_back();
            groupEnd = failure.endMs;
        }
        groups.back().push_back(failure);
        groupEnd = std::max(groupEnd, failure.endMs);
    }
    std::vector<std::vector<Failure>> split;
    for (std::vector<Failure>& group : groups)
        splitByPattern(std::move(group), config, split);
    return split;
}

/// Share of the failures on the most failing URL, and how many URLs failed.
struct UrlConcentration {
    double topShare = 0;
    std::size_t urls = 0;
};

/// The URL concentration of every prefix [first, first + k) for k = 0..n, in one pass: a split
/// search that recounted both sides at every candidate was quadratic (minutes on a big overload).
template <typename Iterator> std::vector<UrlConcentration> prefixConcentrations(Iterator first, Iterator last)
{
    std::vector<UrlConcentration> out(1);
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    std::uint32_t top = 0;
    std::size_t total = 0;
    for (auto it = first; it != last; ++it) {
        top = std::max(top, ++counts[(std::uint64_t(it->host) << 32) | it->target]);
        ++total;
        out.push_back({double(top) / double(total), counts.size()});
    }
    return out;
}

/// Splits a run of failures where one page failing repeatedly turns into many URLs failing (or the
/// reverse) across a pause: two causes back to back, as in the support document's distinct patterns.
void splitByPattern(std::vector<Failure> group, const AnalysisConfig& config,
                    std::vector<std::vector<Failure>>& out)
{
    std::size_t bestSplit = 0;
    std::int64_t bestGap = 0;
    const std::vector<UrlConcentration> leftStats = prefixConcentrations(group.cbegin(), group.cend());
    const std::vector<UrlConcentration> rightStats = prefixConcentrations(group.crbegin(), group.crend());
    auto focused = [&config](double top, std::size_t urls) {
        return top >= config.patternFocusedMinShare && urls <= config.patternFocusedMaxUrls;
    };
    auto spread = [&config](double top, std::size_t urls) {
        return urls >= config.patternSpreadMinUrls && top < config.patternSpreadMaxShare;
    };
    const std::size_t minSide = config.patternSplitMinFailures;
    for (std::size_t i = minSide; i + minSide <= group.size(); ++i) {
        const std::int64_t gap = group[i].startMs - group[i - 1].endMs;
        if (gap < config.patternSplitGapMs || gap <= bestGap)
            continue;
        const auto [leftTop, leftUrls] = leftStats[i];
        const auto [rightTop, rightUrls] = rightStats[group.size() - i];
        const bool leftFocused = focused(leftTop, leftUrls);
        const bool rightFocused = focused(rightTop, rightUrls);
        const bool leftSpread = spread(leftTop, leftUrls);
        const bool rightSpread = spread(rightTop, rightUrls);
        if ((leftFocused && rightSpread) || (leftSpread && rightFocused)) {
            bestSplit = i;
            bestGap = gap;
        }
    }
    if (bestSplit == 0) {
        out.push_back(std::move(group));
        return;
    }
    std::vector<Failure> right(group.begin() + static_cast<std::ptrdiff_t>(bestSplit), group.end());
    group.resize(bestSplit);
    splitByPattern(std::move(group), config, out);
    splitByPattern(std::move(right), config, out);
}

std::vector<Feature> describe(const IncidentSignals& s)
{
    auto seconds = [](std::int64_t ms) { return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1); };
    auto percent = [](double share) { return QStringLiteral("%1 %").arg(qRound(share * 100)); };
    std::vector<Feature> features = {
        {QStringLiteral("duration"), seconds(s.durationMs)},
        {QStringLiteral("failures"),
         QStringLiteral("%1 (502: %2, 504: %3)").arg(s.failures).arg(s.count502).arg(s.count504)},
        {QStringLiteral("requests in window"), QString::number(s.requests)},
        {QStringLiteral("share failed"),
         s.requests > 0 ? percent(double(s.failures) / s.requests) : QStringLiteral("n/a")},
        {QStringLiteral("hosts failing / active"),
         QStringLiteral("%1 / %2").arg(s.failingHosts).arg(s.activeHosts)},
        {QStringLiteral("control panel failing"),
         s.controlPanelKnown ? (s.controlPanelFailing ? QStringLiteral("yes") : QStringLiteral("no"))
                             : QStringLiteral("not in the logs")},
        {QStringLiteral("distinct URLs / clients"),
         QStringLiteral("%1 / %2").arg(s.distinctUrls).arg(s.distinctClients)},
        {QStringLiteral("URLs failing every time"), QString::number(s.urlsFailingEveryTime)},
        {QStringLiteral("URLs fine right after"), QString::number(s.urlsOkAfter)},
        {QStringLiteral("time to failure (median)"), seconds(s.medianDurationMs)},
        {QStringLiteral("immediate failures"), percent(s.immediateShare)},
        {QStringLiteral("time limit"), s.limitMs
                                           ? QStringLiteral("%1 (%2)").arg(seconds(*s.limitMs), s.limitSource)
                                           : QStringLiteral("unknown")},
        {QStringLiteral("failures at the limit"), percent(s.atLimitShare)},
        {QStringLiteral("rate vs usual"), QStringLiteral("%1×").arg(s.rateFactor, 0, 'f', 1)},
        {QStringLiteral("worker crashes"), QString::number(s.crashes)},
        {QStringLiteral("emergency reloads"), QString::number(s.thresholdReloads)},
        {QStringLiteral("max_children reached"), QString::number(s.maxChildren)},
        {QStringLiteral("FPM timeouts / slow"), QStringLiteral("%1 / %2").arg(s.timedOut).arg(s.tooSlow)},
        {QStringLiteral("FPM stops/starts/reloads"), QString::number(s.fpmRestarts)},
        {QStringLiteral("slow stacks (remote / update)"),
         QStringLiteral("%1 (%2 / %3)").arg(s.slowTraces).arg(s.remoteCallTraces).arg(s.updateTraces)},
    };
    if (s.serverLocalMinuteOfDay >= 0)
        features.push_back({QStringLiteral("server-local start"),
                            QStringLiteral("%1:%2")
                                .arg(s.serverLocalMinuteOfDay / 60, 2, 10, QChar(u'0'))
                                .arg(s.serverLocalMinuteOfDay % 60, 2, 10, QChar(u'0'))});
    return features;
}

QString summarize(const Incident& incident)
{
    // No clock time here: the window shows times in the zone the user picked, the JSON has start/end.
    const double seconds = double(incident.endMs - incident.startMs) / 1000.0;
    QString hosts = incident.hosts.mid(0, 3).join(QStringLiteral(", "));
    if (incident.hosts.size() > 3)
        hosts += QStringLiteral(" and %1 more").arg(incident.hosts.size() - 3);
    return QStringLiteral("%1 × 502 and %2 × 504 on %3 within %4 s: %5.")
        .arg(incident.count502)
        .arg(incident.count504)
        .arg(hosts.isEmpty() ? QStringLiteral("unknown hosts") : hosts)
        .arg(seconds, 0, 'f', 1)
        .arg(causeTitle(incident.cause).toLower());
}

} // namespace

const Incident* AnalysisResult::findIncident(int id) const
{
    const auto it =
        std::find_if(incidents.begin(), incidents.end(), [id](const Incident& i) { return i.id == id; });
    return it == incidents.end() ? nullptr : &*it;
}

namespace {

/// The incidents of one server: its failures grouped, measured against its own logs, classified.
void analyzeServer(const ImportResult& import, const BundleFacts& facts, const AnalysisConfig& config,
                   std::uint16_t server, const std::atomic<bool>* cancelled, AnalysisResult& result)
{
    const Timeline& timeline = *import.timeline;
    const EventColumns& events = timeline.events();
    for (std::size_t i = 0; i < events.size(); ++i)
        result.requests += events.code[i] == MessageCode::Request ? 1 : 0;
    const std::vector<Failure> failures = collectFailures(import);
    result.failures += failures.size();
    const double medianRate = medianRequestRate(import);

    for (const std::vector<Failure>& group : groupIncidents(failures, config)) {
        if (cancelled != nullptr && cancelled->load())
            break;
        const IncidentSignals signals = measureIncident(import, facts, config, group, medianRate);
        const Classification classification = classifyIncident(signals, facts, config);
        Incident incident;
        incident.id = static_cast<int>(result.incidents.size()) + 1;
        incident.server = server;
        incident.startMs = signals.startMs;
        incident.endMs = signals.endMs;
        incident.cause = classification.ranked.front().cause;
        incident.confidence = classification.ranked.front().confidence;
        incident.alternatives = classification.alternatives;
        incident.count502 = signals.count502;
        incident.count504 = signals.count504;
        incident.requests = signals.requests;
        for (const auto& [host, count] : signals.hostFailures) {
            if (host != 0) // access logs without $host (combined format) name no host
                incident.hosts << viewText(timeline.hosts().view(host));
        }
        for (const UrlTally& url : signals.urls) {
            if (incident.urls.size() >= config.maxUrls)
                break;
            incident.urls.push_back({viewText(timeline.hosts().view(url.host)),
                                     viewText(timeline.targets().view(url.target)), url.failed,
                                     url.requests});
        }
        if (signals.crashes > 0 || signals.kernelSegfaults > 0) {
            incident.segfault =
                SegfaultAttribution{signals.segfaultModule, classifySegfaultModule(signals.segfaultModule),
                                    std::max(signals.crashes, signals.kernelSegfaults)};
        }
        incident.evidence = selectEvidence(import, group, signals, incident.cause, config);
        incident.features = describe(signals);
        incident.reasoning = classification.reasons.join(QStringLiteral("; "));
        incident.limits = classification.limits;
        incident.collectNext = classification.collectNext;
        incident.summary = summarize(incident);
        incident.advice = adviceFor(incident, signals, facts);
        result.incidents.push_back(std::move(incident));
    }
}

/// One server's view of a multi-server import: its events and configuration only, every source index as
/// before.
ImportResult serverView(const ImportResult& import, std::uint16_t server)
{
    ImportResult view;
    std::vector<std::uint8_t> keep(import.sources.size(), 0);
    for (std::size_t s = 0; s < import.sources.size(); ++s)
        keep[s] = import.sources[s].server == server ? 1 : 0;
    view.timeline = import.timeline->forSources(keep);
    view.sources = import.sources;
    const ServerInfo& info = import.servers[server];
    for (const ConfigFile& config : import.configs) {
        if (config.serverKey == info.key)
            view.configs.push_back(config);
    }
    view.servers = {info};
    view.serverTimeZone = info.timeZone;
    view.serverTimeZoneNote = info.timeZoneNote;
    view.serverOffsets = info.offsets;
    return view;
}

/// Incidents of different servers that overlap in time (within the incident gap): worth a look together.
void linkSameTime(std::vector<Incident>& incidents, const AnalysisConfig& config)
{
    for (Incident& a : incidents) {
        for (const Incident& b : incidents) {
            if (a.server != b.server && a.startMs <= b.endMs + config.incidentGapMs &&
                b.startMs <= a.endMs + config.incidentGapMs)
                a.sameTimeAs.push_back(b.id);
        }
    }
}

} // namespace

AnalysisResult analyzeImport(const ImportResult& import, const AnalysisConfig& config,
                             const std::atomic<bool>* cancelled)
{
    AnalysisResult result;
    result.facts = collectBundleFacts(import);
    if (!import.timeline)
        return result;
    if (import.servers.size() <= 1) {
        analyzeServer(import, result.facts, config, 0, cancelled, result);
        return result;
    }
    for (std::size_t server = 0; server < import.servers.size(); ++server) {
        const ImportResult view = serverView(import, static_cast<std::uint16_t>(server));
        analyzeServer(view, collectBundleFacts(view), config, static_cast<std::uint16_t>(server), cancelled,
                      result);
    }
    linkSameTime(result.incidents, config);
    return result;
}

} // namespace gd
