#pragma once

#include "model/logkind.h"

#include <cstdint>
#include <string_view>

namespace gd {

enum class Level : std::uint8_t { None, Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency };
std::string_view levelId(Level level);

enum class HttpMethod : std::uint8_t { None, Get, Head, Post, Put, Delete, Patch, Options, Other };
HttpMethod httpMethodFromText(std::string_view text);
std::string_view httpMethodText(HttpMethod method);

/// What a line says, classified once at parse time so the analysis never re-reads text.
/// One enum across all log kinds keeps the timeline column a single byte.
enum class MessageCode : std::uint8_t {
    None,
    // nginx access log
    Request,
    // nginx error log (docs/log-formats.md, "nginx error log")
    NgxConnectFailed,            ///< connect() to X failed (errno in value)
    NgxUpstreamTimedOut,         ///< upstream timed out (110)
    NgxPrematurelyClosed,        ///< upstream prematurely closed connection
    NgxPrematurelyClosedFastcgi, ///< ... FastCGI stdout / request
    NgxConnectionReset,          ///< recv()/readv()/writev() failed (104/32)
    NgxTooBigHeader,
    NgxInvalidUpstreamResponse, ///< invalid header/status, FastCGI protocol garbage
    NgxLimitingConnections,
    NgxClientClosed,
    NgxWorkerExited, ///< worker process N exited on signal S
    NgxOther,
    // PHP-FPM master log (docs/log-formats.md, "PHP-FPM master log")
    FpmChildExitedSignal, ///< value = signal number
    FpmChildExitedCode,   ///< value = exit code
    FpmChildStarted,
    FpmThresholdReload, ///< failed processes threshold ... initiating reload
    FpmMaxChildren,     ///< value = pm.max_children
    FpmSeemsBusy,
    FpmMaxProcesses,
    FpmExecutingTooSlow,  ///< duration = seconds running
    FpmExecutionTimedOut, ///< duration = seconds running
    FpmReloading,
    FpmTerminating,
    FpmFinishing,
    FpmReady,
    FpmRunning,
    FpmExiting,
    FpmUnknownChild,
    FpmBindFailed,
    FpmAnotherInstance,
    FpmInitFailed,
    FpmChildStderr, ///< child N said into stderr
    FpmOther,
    // PHP-FPM slowlog
    SlowRecord,
    // syslog / kernel; the Service* codes also carry supervisord's process changes (program in target and
    // group)
    KernSegfault, ///< pid, value = error code, target = module
    KernTrap,     ///< general protection / invalid opcode
    KernOomInvoked,
    KernOomKilled, ///< pid of the killed process
    ServiceStarting,
    ServiceStarted,
    ServiceStopping,
    ServiceStopped,
    ServiceMainExited,
    ServiceFailed, ///< the service could not be started (systemd "Failed to start", supervisord "gave up")
                   ///< value = exit status or signal number (systemd `status=`, supervisord `exited:`)
    SyslogOther,
    // php.ini error_log
    PhpFatal,
    PhpMaxExecutionTime,
    PhpMemoryExhausted,
    PhpStackOverflow, ///< "Maximum call stack size ... Infinite recursion?"
    PhpWarning,
    PhpNotice,
    PhpOther,
    // BOA monitor logs (docs/log-formats.md, "BOA monitor logs")
    BoaFpmRestart, ///< php.incident.log forced restart reasons
    BoaFpmReload,  ///< redis.incident.log "PHP-FPM reloaded"
    BoaNginxRestart,
    BoaOom,
    BoaWebServerPaused,
    BoaHighLoad,
    BoaKillFpm,
    BoaKillStart,
    BoaSegfaultAlert,
    BoaUpdateModule, ///< daily log "update is required and can not be disabled"
    BoaOther,
    // supervisord (process lifecycle lines use the Service* codes above)
    SupervisorOther,
    // other dated lines of loose text
    OtherLine,
    Count_ ///< not a code: the number of codes
};
inline constexpr std::size_t kMessageCodeCount = static_cast<std::size_t>(MessageCode::Count_);
std::string_view messageCodeId(MessageCode code);

/// PHP-FPM stopping, starting or reloading, as PHP-FPM itself or BOA's monitors record it.
/// Service start/stop lines are not included: whether they concern PHP-FPM depends on the unit.
bool isFpmLifecycle(MessageCode code);

/// A worker died of a crash (SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGSEGV), not of a stop
/// (SIGTERM/SIGKILL/SIGQUIT are sent by someone on purpose).
constexpr bool isCrashSignal(std::uint16_t signal)
{
    return signal == 4 || signal == 6 || signal == 7 || signal == 8 || signal == 11;
}

/// Milliseconds since 1970-01-01 of a wall-clock reading, taken as if it were UTC.
/// Zone resolution (time/zoneresolver.h) turns it into true UTC.
using CivilMs = std::int64_t;

/// One event as a parser sees it. All views point into the line being parsed and are
/// only valid until the next line: the timeline interns what it keeps.
struct ParsedEvent {
    MessageCode code = MessageCode::None;
    Level level = Level::None;
    HttpMethod method = HttpMethod::None;
    /// false when the line carries no time at all (pasted without its date prefix, a container's stderr): the
    /// event keeps its place among its source's lines but gets no time (never an invented one).
    bool hasTime = true;
    bool hasYear = true;    ///< false for RFC 3164 syslog: the year in `time` is a placeholder
    bool hasOffset = false; ///< true when the line carried its UTC offset
    /// The time is UTC whatever the server's zone ($msec, a Unix time): its offset of 0 says nothing of the
    /// zone.
    bool offsetIsUtcByDefinition = false;
    std::int32_t utcOffsetSec = 0;
    CivilMs time = 0;
    std::uint16_t value = 0;      ///< HTTP status, errno, signal, exit code, max_children...
    std::uint32_t durationMs = 0; ///< request_time, or seconds running for FPM slow/timeout lines
    std::uint32_t pid = 0;
    std::string_view host;   ///< vhost (access $host, error log host/server)
    std::string_view target; ///< URL path, script, crashing module
    std::string_view client; ///< original client address
    std::string_view group;  ///< FPM pool, nginx upstream, syslog program, BOA log name

    // Continuation lines of multi-line records (slowlog) fill these instead.
    std::string_view frameFunction;
    std::string_view frameFile;
    std::uint32_t frameLine = 0;
};

enum class LineStatus : std::uint8_t {
    Event,        ///< a new event was parsed into the ParsedEvent
    Continuation, ///< the line belongs to the previous event (slowlog script/frames, stack traces)
    Ignored,      ///< blank or structural line that carries nothing, not an error
    Rejected      ///< the line does not fit the format; `reason` says why
};

struct LineResult {
    LineStatus status = LineStatus::Rejected;
    std::string_view reason; ///< static text for Rejected lines
};

} // namespace gd
