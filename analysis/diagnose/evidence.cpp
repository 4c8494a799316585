#include "diagnose/evidence.h"

#include "diagnose/slowframes.h"

#include <algorithm>
#include <map>

namespace gd {

namespace {

QString signalName(std::uint16_t signal)
{
    switch (signal) {
    case 6:
        return QStringLiteral("SIGABRT");
    case 7:
        return QStringLiteral("SIGBUS");
    case 9:
        return QStringLiteral("SIGKILL");
    case 11:
        return QStringLiteral("SIGSEGV");
    case 15:
        return QStringLiteral("SIGTERM");
    default:
        return QStringLiteral("signal %1").arg(signal);
    }
}

QString viewText(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Why a related (non-request) event counts, in words; empty when it does not.
QString roleOf(const Timeline& timeline, std::size_t i)
{
    const EventColumns& e = timeline.events();
    const std::uint16_t value = e.value[i];
    switch (e.code[i]) {
    case MessageCode::FpmChildExitedSignal:
        return value == 15 ? QStringLiteral("worker terminated (SIGTERM) after the timeout")
                           : QStringLiteral("PHP-FPM worker died on %1").arg(signalName(value));
    case MessageCode::FpmThresholdReload:
        return QStringLiteral("emergency restart threshold reached: PHP-FPM reloads");
    case MessageCode::FpmMaxChildren:
    case MessageCode::FpmMaxProcesses:
        return QStringLiteral("pool ran out of workers (max_children reached)");
    case MessageCode::FpmExecutingTooSlow:
        return QStringLiteral("request still running past the slowlog timeout");
    case MessageCode::FpmExecutionTimedOut:
        return QStringLiteral("PHP-FPM killed the request at its time limit");
    case MessageCode::ServiceStarting:
    case MessageCode::ServiceStarted:
    case MessageCode::ServiceStopping:
    case MessageCode::ServiceStopped:
    case MessageCode::ServiceMainExited:
        return QStringLiteral("PHP-FPM stopped, started or reloaded");
    case MessageCode::BoaFpmRestart:
    case MessageCode::BoaFpmReload:
        return QStringLiteral("BOA monitor restarted PHP-FPM");
    case MessageCode::FpmBindFailed:
    case MessageCode::FpmAnotherInstance:
    case MessageCode::FpmInitFailed:
    case MessageCode::ServiceFailed:
        return QStringLiteral("PHP-FPM failed to start");
    case MessageCode::BoaWebServerPaused:
    case MessageCode::BoaKillFpm:
    case MessageCode::BoaOom:
        return QStringLiteral("BOA monitor stopped the web server or PHP-FPM");
    case MessageCode::KernSegfault:
    case MessageCode::KernTrap: {
        const std::string_view module = timeline.targets().view(e.target[i]);
        return module.empty() ? QStringLiteral("kernel: worker crashed")
                              : QStringLiteral("kernel: worker crashed in %1").arg(viewText(module));
    }
    case MessageCode::KernOomKilled:
        return QStringLiteral("kernel killed a process: out of memory");
    case MessageCode::NgxConnectFailed:
        switch (value) {
        case 2:
            return QStringLiteral("nginx: PHP-FPM socket missing (pool stopped)");
        case 111:
            return QStringLiteral("nginx: nobody listening on the PHP-FPM socket");
        case 11:
            return QStringLiteral("nginx: PHP-FPM listen queue full");
        case 13:
            return QStringLiteral("nginx: permission denied on the PHP-FPM socket");
        default:
            return QStringLiteral("nginx could not connect to PHP-FPM");
        }
    case MessageCode::NgxUpstreamTimedOut:
        return QStringLiteral("nginx gave up waiting for PHP-FPM (504)");
    case MessageCode::NgxPrematurelyClosed:
    case MessageCode::NgxPrematurelyClosedFastcgi:
    case MessageCode::NgxConnectionReset:
        return QStringLiteral("PHP-FPM worker died mid-request");
    case MessageCode::NgxTooBigHeader:
    case MessageCode::NgxInvalidUpstreamResponse:
        return QStringLiteral("PHP-FPM answer rejected by nginx");
    case MessageCode::SlowRecord: {
        const SlowTrace* trace = timeline.slowTrace(e.source[i], e.line[i]);
        if (trace != nullptr) {
            for (const SlowFrame& frame : trace->frames) {
                const std::string_view function = timeline.frames().view(frame.function);
                if (isUpdateManagerFrame(function, timeline.frames().view(frame.file)))
                    return QStringLiteral("slow request stack: Update Manager (%1)").arg(viewText(function));
            }
            if (!trace->frames.empty() &&
                isRemoteCallFrame(timeline.frames().view(trace->frames.front().function)))
                return QStringLiteral("slow request stack: waiting on a remote call (%1)")
                    .arg(viewText(timeline.frames().view(trace->frames.front().function)));
        }
        return QStringLiteral("slow request stack");
    }
    default:
        // The threshold reload and BOA restarts have their own roles above; the rest of PHP-FPM's
        // own stop/start/reload lines share one.
        return isFpmLifecycle(e.code[i]) ? QStringLiteral("PHP-FPM stopped, started or reloaded") : QString();
    }
}

} // namespace

std::vector<EvidenceLine> selectEvidence(const ImportResult& import, const std::vector<Failure>& failures,
                                         const IncidentSignals& signals, Cause cause,
                                         const AnalysisConfig& config)
{
    const Timeline& timeline = *import.timeline;
    const EventColumns& e = timeline.events();
    std::map<QString, std::uint32_t> perRole;
    std::vector<EvidenceLine> evidence;
    auto add = [&](std::size_t i, const QString& role) {
        if (role.isEmpty() || perRole[role] >= config.evidencePerRole)
            return;
        ++perRole[role];
        evidence.push_back({e.source[i], e.line[i], e.timeMs[i], role});
    };

    // Failures: the first and last, and for a crashing page its own hits first.
    const bool pageFocus = cause == Cause::PageCrash && !signals.urls.empty();
    for (const Failure& f : failures) {
        if (pageFocus && (f.host != signals.urls.front().host || f.target != signals.urls.front().target))
            continue;
        const QString role = f.fromAccessLog ? QStringLiteral("%1 response").arg(f.status)
                                             : QStringLiteral("%1 from the nginx error log").arg(f.status);
        add(f.event, role);
    }
    if (!failures.empty() && !pageFocus) {
        const Failure& last = failures.back();
        add(last.event, QStringLiteral("last failure"));
    }
    for (const std::size_t i : signals.contextEvents)
        add(i, roleOf(timeline, i));
    std::sort(evidence.begin(), evidence.end(), [](const EvidenceLine& a, const EvidenceLine& b) {
        return std::tie(a.timeMs, a.source, a.line) < std::tie(b.timeMs, b.source, b.line);
    });
    evidence.erase(std::unique(evidence.begin(), evidence.end(),
                               [](const EvidenceLine& a, const EvidenceLine& b) {
                                   return a.source == b.source && a.line == b.line;
                               }),
                   evidence.end());
    return evidence;
}

} // namespace gd
