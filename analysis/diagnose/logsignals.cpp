// The logs of PHP-FPM and of the system around it, in the context of an incident.

#include "diagnose/signalfamilies.h"
#include "diagnose/slowframes.h"

#include <map>

namespace gd::measuring {

namespace {

// errno values as nginx writes them in "connect() ... failed (N: ...)" (Linux numbering).
constexpr std::uint16_t kNoSuchFile = 2;        // ENOENT: the socket file is gone
constexpr std::uint16_t kTryAgain = 11;         // EAGAIN: the listen queue is full
constexpr std::uint16_t kPermissionDenied = 13; // EACCES
constexpr std::uint16_t kConnectionRefused = 111;
constexpr std::uint16_t kAddressNotAvailable = 99; // EADDRNOTAVAIL: no such local address
constexpr std::uint16_t kNetworkUnreachable = 101;
constexpr std::uint16_t kNoRouteToHost = 113;

constexpr std::uint16_t kSigkill = 9;
constexpr std::uint16_t kSigterm = 15;
constexpr std::uint16_t kAddressInUse = 98; // EADDRINUSE in the bind error PHP-FPM logs on Linux

bool isFpmService(std::string_view unit)
{
    return contains(unit, "php") || contains(unit, "fpm");
}

QString viewText(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

void measureNginxErrors(const Timeline& timeline, const BundleFacts& facts, const IncidentWindow& window,
                        IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    forEachContextEvent(timeline, window, s, [&](std::size_t i) {
        const std::uint16_t value = events.value[i];
        switch (events.code[i]) {
        case MessageCode::NgxConnectFailed:
            s.connectMissing += value == kNoSuchFile ? 1 : 0;
            s.connectRefused += value == kConnectionRefused ? 1 : 0;
            s.connectAgain += value == kTryAgain ? 1 : 0;
            s.connectDenied += value == kPermissionDenied ? 1 : 0;
            s.connectUnreachable +=
                value == kAddressNotAvailable || value == kNetworkUnreachable || value == kNoRouteToHost ? 1
                                                                                                         : 0;
            if ((value == kNoSuchFile || value == kConnectionRefused) && events.group[i] != 0 &&
                facts.poolListensAt(timeline.groups().view(events.group[i])) == false)
                ++s.connectNoPoolThere;
            return true;
        case MessageCode::NgxUpstreamTimedOut:
            ++s.upstreamTimedOut;
            return true;
        case MessageCode::NgxPrematurelyClosed:
        case MessageCode::NgxPrematurelyClosedFastcgi:
        case MessageCode::NgxConnectionReset:
            ++s.prematurelyClosed;
            return true;
        case MessageCode::NgxTooBigHeader:
        case MessageCode::NgxInvalidUpstreamResponse:
            ++s.badUpstreamResponse;
            return true;
        default:
            return false;
        }
    });
}

std::set<std::uint32_t> measureFpmLog(const Timeline& timeline, const IncidentWindow& window,
                                      IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    std::set<std::uint32_t> crashedPids;
    forEachContextEvent(timeline, window, s, [&](std::size_t i) {
        if (ofOtherPool(events, window, i))
            return false;
        const std::uint16_t value = events.value[i];
        switch (events.code[i]) {
        case MessageCode::FpmChildExitedSignal:
            if (isCrashSignal(value)) {
                ++s.crashes;
                crashedPids.insert(events.pid[i]);
            } else if (value == kSigterm) {
                ++s.sigterms;
            } else if (value == kSigkill) {
                ++s.sigkills;
            } else {
                return false;
            }
            return true;
        case MessageCode::FpmThresholdReload:
            ++s.thresholdReloads;
            return true;
        case MessageCode::FpmMaxChildren:
        case MessageCode::FpmMaxProcesses:
            ++s.maxChildren;
            return true;
        case MessageCode::FpmSeemsBusy:
            ++s.busy;
            return true;
        case MessageCode::FpmExecutingTooSlow:
            ++s.tooSlow;
            return true;
        case MessageCode::FpmExecutionTimedOut:
            ++s.timedOut;
            return true;
        case MessageCode::FpmBindFailed:
        case MessageCode::FpmAnotherInstance:
            if (events.code[i] == MessageCode::FpmAnotherInstance || value == kAddressInUse)
                ++s.fpmAlreadyListening;
            ++s.fpmStartFailures;
            return true;
        case MessageCode::FpmInitFailed:
            ++s.fpmStartFailures;
            return true;
        default:
            // PHP-FPM stopping, starting or reloading, as PHP-FPM itself or BOA's monitors record it.
            if (!isFpmLifecycle(events.code[i]))
                return false;
            ++s.fpmRestarts;
            return true;
        }
    });
    return crashedPids;
}

void measureSystemLogs(const Timeline& timeline, const IncidentWindow& window,
                       const std::set<std::uint32_t>& crashedPids, IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    std::map<std::uint32_t, std::string_view> segfaultModules; // pid → module
    forEachContextEvent(timeline, window, s, [&](std::size_t i) {
        switch (events.code[i]) {
        case MessageCode::KernSegfault:
        case MessageCode::KernTrap:
            ++s.kernelSegfaults;
            segfaultModules[events.pid[i]] = timeline.targets().view(events.target[i]);
            return true;
        case MessageCode::KernOomKilled:
            ++s.oomKills;
            return true;
        case MessageCode::ServiceStarting:
        case MessageCode::ServiceStarted:
        case MessageCode::ServiceStopping:
        case MessageCode::ServiceStopped:
        case MessageCode::ServiceMainExited:
            if (!isFpmService(timeline.targets().view(events.target[i])))
                return false;
            ++s.fpmRestarts;
            return true;
        case MessageCode::ServiceFailed:
            // systemctl's "Active: failed" names no unit; in a ticket it is the PHP-FPM service's status.
            if (events.target[i] != 0 && !isFpmService(timeline.targets().view(events.target[i])))
                return false;
            ++s.fpmStartFailures;
            return true;
        case MessageCode::BoaWebServerPaused:
        case MessageCode::BoaKillFpm:
        case MessageCode::BoaOom:
            ++s.boaOutages;
            return true;
        default:
            return false;
        }
    });

    // Kernel segfault lines name the library; FPM exit lines name the pool. Join them on the pid.
    std::map<std::string_view, std::uint32_t> moduleCounts;
    for (const auto& [pid, module] : segfaultModules) {
        if (crashedPids.count(pid) != 0 || crashedPids.empty())
            ++moduleCounts[module];
    }
    for (const auto& [module, count] : moduleCounts) {
        if (count > s.segfaultModuleCrashes) {
            s.segfaultModuleCrashes = count;
            s.segfaultModule = viewText(module);
        }
    }
}

void measureSlowlog(const Timeline& timeline, const IncidentWindow& window, IncidentSignals& s)
{
    const EventColumns& events = timeline.events();
    forEachContextEvent(timeline, window, s, [&](std::size_t i) {
        if (events.code[i] != MessageCode::SlowRecord || ofOtherPool(events, window, i))
            return false;
        ++s.slowTraces;
        const SlowTrace* trace = timeline.slowTrace(events.source[i], events.line[i]);
        if (trace == nullptr)
            return true;
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
        return true;
    });
}

} // namespace gd::measuring
