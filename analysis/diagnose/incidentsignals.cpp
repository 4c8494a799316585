#include "diagnose/incidentsignals.h"

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>

namespace gd {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
/// How long after an incident a failing URL is looked at again ("does it work on retry?").
constexpr std::int64_t kRetryWindowMs = 10 * kMinuteMs;

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

bool isFpmService(std::string_view target)
{
    return contains(target, "php") || contains(target, "fpm");
}

std::uint64_t urlKey(std::uint32_t host, std::uint32_t target)
{
    return (std::uint64_t(host) << 32) | target;
}

std::uint32_t median(std::vector<std::uint32_t> values)
{
    if (values.empty())
        return 0;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2),
                     values.end());
    return values[values.size() / 2];
}

/// The limit requests run into: the bundle's config, else FPM's own "execution timed out" readings,
/// else the typical wait of the 504s (nginx gave up at its limit).
std::optional<std::int64_t> learnLimit(const ImportResult& import, const BundleFacts& facts,
                                       const std::vector<Failure>& failures, QString& source)
{
    if (const auto limit = facts.requestLimitMs()) {
        source = QStringLiteral("configuration in the bundle");
        return limit;
    }
    const EventColumns& events = import.timeline->events();
    std::optional<std::int64_t> fpmLimit;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events.code[i] == MessageCode::FpmExecutionTimedOut && events.durationMs[i] > 0)
            fpmLimit = std::min<std::int64_t>(fpmLimit.value_or(INT64_MAX), events.durationMs[i]);
    }
    if (fpmLimit) {
        source = QStringLiteral("PHP-FPM \"execution timed out\" lines");
        return fpmLimit;
    }
    std::vector<std::uint32_t> waits;
    for (const Failure& failure : failures) {
        if (failure.status == 504 && failure.durationMs >= 1000)
            waits.push_back(failure.durationMs);
    }
    if (waits.size() >= 2) {
        source = QStringLiteral("the wait of the 504 responses");
        return median(waits);
    }
    return std::nullopt;
}

} // namespace

bool isUpdateManagerFrame(std::string_view function, std::string_view file)
{
    return contains(file, "modules/update/") || contains(file, "UpdateFetcher") ||
           contains(function, "update_get_available") || contains(function, "_update_process_fetch_task") ||
           contains(function, "update_fetch_data") || contains(function, "fetchProjectData") ||
           contains(function, "_update_refresh");
}

bool isRemoteCallFrame(std::string_view function)
{
    static constexpr std::array<std::string_view, 14> remote = {"curl_exec",
                                                                "curl_multi_exec",
                                                                "curl_multi_select",
                                                                "stream_socket_client",
                                                                "fsockopen",
                                                                "fread",
                                                                "fgets",
                                                                "stream_get_contents",
                                                                "file_get_contents",
                                                                "stream_select",
                                                                "__doRequest",
                                                                "socket_read",
                                                                "drupal_http_request",
                                                                "SoapClient"};
    return std::any_of(remote.begin(), remote.end(),
                       [function](std::string_view name) { return function == name; });
}

QString distributionInPath(std::string_view path)
{
    static constexpr std::array<std::string_view, 10> forcing = {
        "apps",       "agov",       "erpal",      "guardr",   "openacademy",
        "openatrium", "openchurch", "openpublic", "panopoly", "restaurant"};
    // Match whole path segments, or segments that start with the name and a version ("openatrium-2.x").
    std::size_t pos = 0;
    while (pos < path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view segment = path.substr(pos, end - pos);
        for (const std::string_view name : forcing) {
            if (segment == name ||
                (segment.size() > name.size() && segment.substr(0, name.size()) == name &&
                 (segment[name.size()] == '-' || segment[name.size()] == '_' || segment[name.size()] == '.')))
                return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
        }
        pos = end + 1;
    }
    return {};
}

double medianRequestRate(const ImportResult& import)
{
    if (!import.timeline)
        return 0;
    const EventColumns& events = import.timeline->events();
    std::unordered_map<std::int64_t, std::uint32_t> perMinute;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events.code[i] == MessageCode::Request)
            ++perMinute[events.timeMs[i] / kMinuteMs];
    }
    std::vector<std::uint32_t> counts;
    counts.reserve(perMinute.size());
    for (const auto& [minute, count] : perMinute)
        counts.push_back(count);
    return median(std::move(counts));
}

IncidentSignals measureIncident(const ImportResult& import, const BundleFacts& facts,
                                const AnalysisConfig& config, const std::vector<Failure>& failures,
                                double medianRatePerMinute)
{
    IncidentSignals s;
    const Timeline& timeline = *import.timeline;
    const EventColumns& events = timeline.events();
    s.startMs = failures.front().startMs;
    s.endMs = failures.front().endMs;
    std::set<std::uint32_t> clients;
    std::unordered_map<std::uint64_t, UrlTally> urls;
    std::unordered_map<std::uint32_t, std::uint32_t> hostFailures;
    std::vector<std::uint32_t> durations;
    for (const Failure& f : failures) {
        s.startMs = std::min(s.startMs, f.startMs);
        s.endMs = std::max(s.endMs, f.endMs);
        ++s.failures;
        s.count502 += f.status == 502 ? 1 : 0;
        s.count504 += f.status == 504 ? 1 : 0;
        clients.insert(f.client);
        ++hostFailures[f.host];
        UrlTally& url = urls[urlKey(f.host, f.target)];
        url.host = f.host;
        url.target = f.target;
        ++url.failed;
        durations.push_back(f.durationMs);
        const std::string_view path = timeline.targets().view(f.target);
        if (contains(path, "/admin/reports/updates") || contains(path, "/admin/modules") ||
            contains(path, "admin/reports/updates") || contains(path, "/update.php"))
            ++s.updateUrlFailures;
    }
    s.durationMs = s.endMs - s.startMs;
    s.distinctClients = static_cast<std::uint32_t>(clients.size());
    s.medianDurationMs = median(durations);
    s.limitMs = learnLimit(import, facts, failures, s.limitSource);
    std::uint32_t immediate = 0;
    std::uint32_t atLimit = 0;
    std::uint32_t cutShort = 0;
    std::map<std::int64_t, std::uint32_t> waitingEndsPerSecond;
    for (const Failure& f : failures) {
        bool isImmediate = f.durationMs < config.immediateMs;
        // A 504 is nginx's own timeout (log-evidence.md §2.2), whatever limit it was configured with.
        bool reachedLimit =
            (f.status == 504 && !isImmediate) ||
            (s.limitMs && f.durationMs >= config.atLimitFraction * static_cast<double>(*s.limitMs));
        if (!f.fromAccessLog) {
            // The error log has no request time: judge by the message instead.
            const MessageCode code = events.code[f.event];
            isImmediate = code == MessageCode::NgxConnectFailed;
            reachedLimit = code == MessageCode::NgxUpstreamTimedOut;
            if (!isImmediate && !reachedLimit)
                continue; // a worker that died mid-request: how long it ran is unknown
        }
        immediate += isImmediate ? 1 : 0;
        atLimit += reachedLimit ? 1 : 0;
        if (!isImmediate && !reachedLimit && f.status == 502) {
            ++cutShort;
            ++waitingEndsPerSecond[f.endMs / 1000];
        }
    }
    for (const auto& [second, count] : waitingEndsPerSecond)
        s.simultaneousEnds += count >= 2 ? count : 0;
    s.immediateShare = double(immediate) / double(s.failures);
    s.atLimitShare = double(atLimit) / double(s.failures);
    s.cutShortShare = double(cutShort) / double(s.failures);
    if (!import.serverOffsets.isEmpty()) {
        const std::int64_t local = s.startMs + import.serverOffsets.offsetAtUtc(s.startMs) * 1000LL;
        s.serverLocalMinuteOfDay = static_cast<int>(((local / kMinuteMs) % 1440 + 1440) % 1440);
    }

    // Requests in and around the window.
    const std::int64_t contextStart = s.startMs - config.contextMarginMs;
    const std::int64_t contextEnd = s.endMs + config.contextMarginMs;
    std::set<std::uint32_t> activeHosts;
    std::set<std::uint32_t> panelHosts;
    for (const QString& host : facts.controlPanelHosts) {
        const std::uint32_t id = timeline.hosts().find(host.toStdString());
        if (id != UINT32_MAX)
            panelHosts.insert(id);
    }
    s.controlPanelKnown = !panelHosts.empty();
    std::map<std::uint32_t, std::uint32_t> crashedPids;        // pid → signal
    std::map<std::uint32_t, std::string_view> segfaultModules; // pid → module
    for (std::size_t i = timeline.lowerBound(contextStart);
         i < events.size() && events.timeMs[i] <= s.endMs + kRetryWindowMs; ++i) {
        const std::int64_t t = events.timeMs[i];
        const MessageCode code = events.code[i];
        if (code == MessageCode::Request) {
            const bool inWindow = t >= s.startMs && t <= s.endMs;
            const bool inContext = t >= contextStart && t <= contextEnd;
            const bool ok = events.value[i] < 500;
            if (inContext)
                activeHosts.insert(events.host[i]);
            const auto it = urls.find(urlKey(events.host[i], events.target[i]));
            if (inWindow) {
                ++s.requests;
                s.successes += ok ? 1 : 0;
                if (it != urls.end())
                    ++it->second.requests;
                else if (ok && hostFailures.count(events.host[i]) != 0)
                    ++s.otherUrlsOk;
            } else if (t > s.endMs && ok && it != urls.end()) {
                ++it->second.okAfter;
            }
            continue;
        }
        if (t < contextStart || t > contextEnd)
            continue;
        bool related = true;
        const std::uint16_t value = events.value[i];
        if (isFpmLifecycle(code) && code != MessageCode::FpmThresholdReload) {
            ++s.fpmRestarts;
            s.contextEvents.push_back(i);
            continue;
        }
        switch (code) {
        case MessageCode::FpmChildExitedSignal:
            if (isCrashSignal(value)) {
                ++s.crashes;
                crashedPids[events.pid[i]] = value;
            } else if (value == 15) {
                ++s.sigterms;
            } else if (value == 9) {
                ++s.sigkills;
            } else {
                related = false;
            }
            break;
        case MessageCode::FpmThresholdReload:
            ++s.thresholdReloads;
            break;
        case MessageCode::FpmMaxChildren:
        case MessageCode::FpmMaxProcesses:
            ++s.maxChildren;
            break;
        case MessageCode::FpmSeemsBusy:
            break;
        case MessageCode::FpmExecutingTooSlow:
            ++s.tooSlow;
            break;
        case MessageCode::FpmExecutionTimedOut:
            ++s.timedOut;
            break;
        case MessageCode::ServiceStarting:
        case MessageCode::ServiceStarted:
        case MessageCode::ServiceStopping:
        case MessageCode::ServiceStopped:
        case MessageCode::ServiceMainExited:
            if (isFpmService(timeline.targets().view(events.target[i])))
                ++s.fpmRestarts;
            else
                related = false;
            break;
        case MessageCode::FpmBindFailed:
        case MessageCode::FpmAnotherInstance:
        case MessageCode::FpmInitFailed:
            ++s.fpmStartFailures;
            break;
        case MessageCode::BoaWebServerPaused:
        case MessageCode::BoaKillFpm:
        case MessageCode::BoaOom:
            ++s.boaOutages;
            break;
        case MessageCode::KernSegfault:
        case MessageCode::KernTrap:
            ++s.kernelSegfaults;
            segfaultModules[events.pid[i]] = timeline.targets().view(events.target[i]);
            break;
        case MessageCode::KernOomKilled:
            ++s.oomKills;
            break;
        case MessageCode::NgxConnectFailed:
            s.connectMissing += value == 2 ? 1 : 0;
            s.connectRefused += value == 111 ? 1 : 0;
            s.connectAgain += value == 11 ? 1 : 0;
            s.connectDenied += value == 13 ? 1 : 0;
            break;
        case MessageCode::NgxUpstreamTimedOut:
            ++s.upstreamTimedOut;
            break;
        case MessageCode::NgxPrematurelyClosed:
        case MessageCode::NgxPrematurelyClosedFastcgi:
        case MessageCode::NgxConnectionReset:
            ++s.prematurelyClosed;
            break;
        case MessageCode::NgxTooBigHeader:
        case MessageCode::NgxInvalidUpstreamResponse:
            ++s.badUpstreamResponse;
            break;
        case MessageCode::SlowRecord: {
            ++s.slowTraces;
            const SlowTrace* trace = timeline.slowTrace(events.source[i], events.line[i]);
            if (trace == nullptr)
                break;
            bool remote = false;
            bool update = false;
            for (const SlowFrame& frame : trace->frames) {
                const std::string_view function = timeline.frames().view(frame.function);
                const std::string_view file = timeline.frames().view(frame.file);
                remote |= isRemoteCallFrame(function);
                update |= isUpdateManagerFrame(function, file);
                if (s.distribution.isEmpty())
                    s.distribution = distributionInPath(file);
            }
            if (s.distribution.isEmpty())
                s.distribution = distributionInPath(timeline.targets().view(trace->script));
            s.remoteCallTraces += remote ? 1 : 0;
            s.updateTraces += update ? 1 : 0;
            break;
        }
        default:
            related = false;
            break;
        }
        if (related)
            s.contextEvents.push_back(i);
    }
    s.activeHosts = static_cast<std::uint32_t>(activeHosts.size());

    // Kernel segfault lines name the library; FPM exit lines name the pool. Join them on the pid.
    std::map<std::string_view, std::uint32_t> moduleCounts;
    for (const auto& [pid, module] : segfaultModules) {
        if (crashedPids.count(pid) != 0 || crashedPids.empty())
            ++moduleCounts[module];
    }
    for (const auto& [module, count] : moduleCounts) {
        if (count > s.segfaultModuleCrashes) {
            s.segfaultModuleCrashes = count;
            s.segfaultModule = QString::fromUtf8(module.data(), static_cast<qsizetype>(module.size()));
        }
    }

    for (auto& [key, url] : urls) {
        url.requests = std::max(url.requests, url.failed); // error-log failures have no access line
        s.urls.push_back(url);
        if (url.failed >= config.pageCrashMinHits &&
            double(url.failed) >= config.pageCrashFailShare * url.requests)
            ++s.urlsFailingEveryTime;
        s.urlsOkAfter += url.okAfter > 0 ? 1 : 0;
    }
    std::sort(s.urls.begin(), s.urls.end(), [](const UrlTally& a, const UrlTally& b) {
        return a.failed != b.failed ? a.failed > b.failed
                                    : std::pair(a.host, a.target) < std::pair(b.host, b.target);
    });
    s.distinctUrls = static_cast<std::uint32_t>(s.urls.size());
    s.topUrlShare = s.urls.empty() ? 0 : double(s.urls.front().failed) / double(s.failures);
    for (const auto& [host, count] : hostFailures)
        s.hostFailures.emplace_back(host, count);
    std::sort(s.hostFailures.begin(), s.hostFailures.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    s.failingHosts = static_cast<std::uint32_t>(s.hostFailures.size());
    s.activeHosts = std::max(s.activeHosts, s.failingHosts);
    for (const std::uint32_t panel : panelHosts)
        s.controlPanelFailing |= hostFailures.count(panel) != 0;
    const double windowMinutes = std::max<double>(1.0, double(s.durationMs) / kMinuteMs);
    s.rateFactor = medianRatePerMinute > 0 ? (double(s.requests) / windowMinutes) / medianRatePerMinute : 0;
    return s;
}

} // namespace gd
