#include "diagnose/analyzer.h"

#include "diagnose/advice.h"
#include "diagnose/causeclassifier.h"
#include "diagnose/evidence.h"
#include "diagnose/failures.h"
#include "diagnose/findings.h"
#include "diagnose/incidentsignals.h"
#include "time/civiltime.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace gd {

namespace {

QString viewText(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
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
    QString hosts = incident.hosts.mid(0, 3).join(QStringLiteral(", "));
    if (incident.hosts.size() > 3)
        hosts += QStringLiteral(" and %1 more").arg(incident.hosts.size() - 3);
    const QString cause = causeTitle(incident.cause).toLower();
    if (incident.withoutFailureLines && (incident.judgedTogether || !hasTime(incident.startMs))) {
        return QStringLiteral(
                   "No 502/504 line among these lines, but what they show makes nginx answer 502/504: "
                   "%1.")
            .arg(cause);
    }
    if (incident.withoutFailureLines) {
        return QStringLiteral(
                   "No 502/504 line of this time is in the bundle, but PHP-FPM's or the system's logs "
                   "show what makes nginx answer 502/504: %1.")
            .arg(cause);
    }
    const QString counts = QStringLiteral("%1 × 502 and %2 × 504 on %3")
                               .arg(incident.count502)
                               .arg(incident.count504)
                               .arg(hosts.isEmpty() ? QStringLiteral("unknown hosts") : hosts);
    if (incident.sporadic)
        return QStringLiteral("%1 in %2 isolated failures, each on its own: %3.")
            .arg(counts)
            .arg(incident.occurrences)
            .arg(cause);
    if (!hasTime(incident.startMs))
        return QStringLiteral("%1, time unknown (the lines carry no time): %2.").arg(counts, cause);
    const double seconds = double(incident.endMs - incident.startMs) / 1000.0;
    return QStringLiteral("%1 within %2 s: %3.").arg(counts).arg(seconds, 0, 'f', 1).arg(cause);
}

} // namespace

const Incident* AnalysisResult::findIncident(int id) const
{
    const auto it =
        std::find_if(incidents.begin(), incidents.end(), [id](const Incident& i) { return i.id == id; });
    return it == incidents.end() ? nullptr : &*it;
}

namespace {

/// One finding from one evidence set.
Incident judge(const ImportResult& import, const BundleFacts& facts, const AnalysisConfig& config,
               std::uint16_t server, const EvidenceSet& evidence, double medianRate)
{
    const Timeline& timeline = *import.timeline;
    const IncidentSignals signals = measureIncident(import, facts, config, evidence, medianRate);
    const Classification classification = classifyIncident(signals, facts, config);
    Incident incident;
    incident.server = server;
    incident.startMs = signals.startMs;
    incident.endMs = signals.endMs;
    incident.withoutFailureLines = evidence.failures.empty();
    incident.judgedTogether = evidence.wholeServer;
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
                                 viewText(timeline.targets().view(url.target)), url.failed, url.requests});
    }
    if (signals.crashes > 0 || signals.kernelSegfaults > 0) {
        incident.segfault =
            SegfaultAttribution{signals.segfaultModule, classifySegfaultModule(signals.segfaultModule),
                                std::max(signals.crashes, signals.kernelSegfaults)};
    }
    incident.evidence = selectEvidence(import, evidence.failures, signals, incident.cause, config);
    incident.features = describe(signals);
    incident.reasoning = classification.reasons.join(QStringLiteral("; "));
    incident.limits = classification.limits;
    incident.collectNext = classification.collectNext;
    if (incident.withoutFailureLines)
        incident.limits.prepend(
            QStringLiteral("the bundle has no log of the failed requests of that time (nginx "
                           "access or error log)"));
    incident.advice = adviceFor(incident, signals, facts);
    return incident;
}

/// An incident of a few failures in a few seconds: isolated.
bool isIsolated(const Incident& incident, const AnalysisConfig& config)
{
    return !incident.withoutFailureLines && hasTime(incident.startMs) &&
           incident.count502 + incident.count504 <= config.sporadicMaxFailures &&
           incident.endMs - incident.startMs <= config.sporadicMaxMs;
}

/// The isolated incidents of a server, grouped per day (server time) and cause: one row for many lone 502s.
std::vector<Incident> groupSporadic(std::vector<Incident> incidents, const ImportResult& import,
                                    const AnalysisConfig& config)
{
    constexpr std::int64_t kDayMs = 86'400'000;
    std::map<std::pair<std::int64_t, int>, std::vector<std::size_t>> groups; // (day, cause) -> incidents
    for (std::size_t k = 0; k < incidents.size(); ++k) {
        if (!isIsolated(incidents[k], config))
            continue;
        const std::int64_t start = incidents[k].startMs;
        const std::int64_t local = start + import.serverOffsets.offsetAtUtc(start) * 1000LL;
        const std::int64_t day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
        groups[{day, static_cast<int>(incidents[k].cause)}].push_back(k);
    }
    std::vector<std::uint8_t> merged(incidents.size(), 0);
    std::vector<Incident> out;
    for (const auto& [key, members] : groups) {
        if (members.size() < 2)
            continue;
        Incident group = incidents[members.front()];
        group.sporadic = true;
        group.occurrences = static_cast<std::uint32_t>(members.size());
        std::map<QString, int> hostCounts;
        double confidence = 0;
        for (const std::size_t k : members) {
            const Incident& one = incidents[k];
            merged[k] = 1;
            confidence += one.confidence;
            if (k != members.front()) {
                group.startMs = std::min(group.startMs, one.startMs);
                group.endMs = std::max(group.endMs, one.endMs);
                group.count502 += one.count502;
                group.count504 += one.count504;
                group.requests += one.requests;
                for (const EvidenceLine& line : one.evidence) {
                    if (group.evidence.size() < config.evidencePerRole * 4)
                        group.evidence.push_back(line);
                }
            }
            for (const QString& host : one.hosts)
                ++hostCounts[host];
        }
        group.confidence = confidence / double(members.size());
        group.hosts.clear();
        for (const auto& [host, count] : hostCounts)
            group.hosts << host;
        std::stable_sort(
            group.hosts.begin(), group.hosts.end(),
            [&hostCounts](const QString& a, const QString& b) { return hostCounts[a] > hostCounts[b]; });
        group.reasoning = QStringLiteral("%1 separate moments with one or two failures each; the first: %2")
                              .arg(members.size())
                              .arg(group.reasoning);
        out.push_back(std::move(group));
    }
    for (std::size_t k = 0; k < incidents.size(); ++k) {
        if (!merged[k])
            out.push_back(std::move(incidents[k]));
    }
    return out;
}

/// The findings of one server: its evidence sets judged, its isolated failures grouped.
void analyzeServer(const ImportResult& import, const BundleFacts& facts, const AnalysisConfig& config,
                   std::uint16_t server, const std::atomic<bool>* cancelled, AnalysisResult& result)
{
    const Timeline& timeline = *import.timeline;
    const EventColumns& events = timeline.events();
    for (std::size_t i = 0; i < events.size(); ++i)
        result.requests += events.code[i] == MessageCode::Request && timeline.includes(i) ? 1 : 0;
    const double medianRate = medianRequestRate(import);
    std::vector<Incident> found;
    for (const EvidenceSet& evidence : findEvidenceSets(import, config)) {
        if (cancelled != nullptr && cancelled->load())
            break;
        result.failures += evidence.failures.size();
        found.push_back(judge(import, facts, config, server, evidence, medianRate));
    }
    for (Incident& incident : groupSporadic(std::move(found), import, config)) {
        incident.summary = summarize(incident);
        result.incidents.push_back(std::move(incident));
    }
}

/// How much an incident matters to the people it hit: failed requests, how long, how many sites.
double impactOf(const Incident& incident)
{
    constexpr double kSecondsPerPoint = 30;
    constexpr double kMaxSeconds = 3600;
    constexpr double kPointsPerHost = 5;
    const double seconds = hasTime(incident.startMs) ? double(incident.endMs - incident.startMs) / 1000.0 : 0;
    return double(incident.count502 + incident.count504) + std::min(seconds, kMaxSeconds) / kSecondsPerPoint +
           kPointsPerHost * double(incident.hosts.size());
}

/// Real incidents first by impact, then what the bundle shows only on PHP-FPM's side, then grouped lone
/// failures; ids follow that order, so #1 is the one to look at first.
void rankByImpact(std::vector<Incident>& incidents)
{
    const auto tier = [](const Incident& i) { return i.sporadic ? 2 : i.withoutFailureLines ? 1 : 0; };
    std::stable_sort(incidents.begin(), incidents.end(), [&tier](const Incident& a, const Incident& b) {
        if (tier(a) != tier(b))
            return tier(a) < tier(b);
        const double impactA = impactOf(a);
        const double impactB = impactOf(b);
        if (impactA != impactB)
            return impactA > impactB;
        return a.startMs < b.startMs;
    });
    for (std::size_t k = 0; k < incidents.size(); ++k)
        incidents[k].id = static_cast<int>(k) + 1;
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
        rankByImpact(result.incidents);
        return result;
    }
    for (std::size_t server = 0; server < import.servers.size(); ++server) {
        const ImportResult view = serverView(import, static_cast<std::uint16_t>(server));
        analyzeServer(view, collectBundleFacts(view), config, static_cast<std::uint16_t>(server), cancelled,
                      result);
    }
    rankByImpact(result.incidents);
    linkSameTime(result.incidents, config);
    return result;
}

} // namespace gd
