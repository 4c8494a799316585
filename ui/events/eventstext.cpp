#include "events/eventstext.h"

#include <QCoreApplication>

namespace gd {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gd::EventsText", text);
}

} // namespace

QString eventCodeText(MessageCode code)
{
    switch (code) {
    case MessageCode::None:
        return {};
    case MessageCode::Request:
        return tr("request");
    case MessageCode::NgxConnectFailed:
        return tr("connect() to upstream failed");
    case MessageCode::NgxUpstreamTimedOut:
        return tr("upstream timed out");
    case MessageCode::NgxPrematurelyClosed:
        return tr("upstream prematurely closed");
    case MessageCode::NgxPrematurelyClosedFastcgi:
        return tr("upstream closed FastCGI stream");
    case MessageCode::NgxConnectionReset:
        return tr("connection reset by upstream");
    case MessageCode::NgxTooBigHeader:
        return tr("upstream header too big");
    case MessageCode::NgxInvalidUpstreamResponse:
        return tr("invalid upstream response");
    case MessageCode::NgxLimitingConnections:
        return tr("limiting connections");
    case MessageCode::NgxClientClosed:
        return tr("client closed connection");
    case MessageCode::NgxWorkerExited:
        return tr("nginx worker exited on signal");
    case MessageCode::NgxOther:
        return tr("nginx message");
    case MessageCode::FpmChildExitedSignal:
        return tr("FPM child exited on signal");
    case MessageCode::FpmChildExitedCode:
        return tr("FPM child exited with code");
    case MessageCode::FpmChildStarted:
        return tr("FPM child started");
    case MessageCode::FpmThresholdReload:
        return tr("FPM failure threshold: reload");
    case MessageCode::FpmMaxChildren:
        return tr("FPM pm.max_children reached");
    case MessageCode::FpmSeemsBusy:
        return tr("FPM pool seems busy");
    case MessageCode::FpmMaxProcesses:
        return tr("FPM process.max reached");
    case MessageCode::FpmExecutingTooSlow:
        return tr("FPM script executing too slow");
    case MessageCode::FpmExecutionTimedOut:
        return tr("FPM request_terminate_timeout");
    case MessageCode::FpmReloading:
        return tr("FPM reloading");
    case MessageCode::FpmTerminating:
        return tr("FPM terminating");
    case MessageCode::FpmFinishing:
        return tr("FPM finishing");
    case MessageCode::FpmReady:
        return tr("FPM ready");
    case MessageCode::FpmRunning:
        return tr("FPM running");
    case MessageCode::FpmExiting:
        return tr("FPM exiting");
    case MessageCode::FpmUnknownChild:
        return tr("FPM unknown child");
    case MessageCode::FpmBindFailed:
        return tr("FPM bind failed");
    case MessageCode::FpmAnotherInstance:
        return tr("another FPM instance running");
    case MessageCode::FpmInitFailed:
        return tr("FPM initialisation failed");
    case MessageCode::FpmChildStderr:
        return tr("FPM child wrote to stderr");
    case MessageCode::FpmOther:
        return tr("FPM message");
    case MessageCode::SlowRecord:
        return tr("slowlog trace");
    case MessageCode::KernSegfault:
        return tr("segfault");
    case MessageCode::KernTrap:
        return tr("CPU trap (general protection / invalid opcode)");
    case MessageCode::KernOomInvoked:
        return tr("OOM killer invoked");
    case MessageCode::KernOomKilled:
        return tr("process killed by OOM killer");
    case MessageCode::ServiceStarting:
        return tr("service starting");
    case MessageCode::ServiceStarted:
        return tr("service started");
    case MessageCode::ServiceStopping:
        return tr("service stopping");
    case MessageCode::ServiceStopped:
        return tr("service stopped");
    case MessageCode::ServiceFailed:
        return tr("service failed to start");
    case MessageCode::ServiceMainExited:
        return tr("service main process exited");
    case MessageCode::SyslogOther:
        return tr("syslog message");
    case MessageCode::PhpFatal:
        return tr("PHP fatal error");
    case MessageCode::PhpMaxExecutionTime:
        return tr("PHP max_execution_time exceeded");
    case MessageCode::PhpMemoryExhausted:
        return tr("PHP memory exhausted");
    case MessageCode::PhpStackOverflow:
        return tr("PHP infinite recursion");
    case MessageCode::PhpWarning:
        return tr("PHP warning");
    case MessageCode::PhpNotice:
        return tr("PHP notice");
    case MessageCode::PhpOther:
        return tr("PHP message");
    case MessageCode::BoaFpmRestart:
        return tr("BOA forced FPM restart");
    case MessageCode::BoaFpmReload:
        return tr("BOA FPM reload");
    case MessageCode::BoaNginxRestart:
        return tr("BOA nginx restart");
    case MessageCode::BoaOom:
        return tr("BOA out-of-memory action");
    case MessageCode::BoaWebServerPaused:
        return tr("BOA paused the web server");
    case MessageCode::BoaHighLoad:
        return tr("BOA high load");
    case MessageCode::BoaKillFpm:
        return tr("BOA killed FPM");
    case MessageCode::BoaKillStart:
        return tr("BOA kill/start");
    case MessageCode::BoaSegfaultAlert:
        return tr("BOA segfault alert");
    case MessageCode::BoaUpdateModule:
        return tr("BOA module update required");
    case MessageCode::BoaOther:
        return tr("BOA message");
    case MessageCode::SupervisorOther:
        return tr("supervisord message");
    case MessageCode::OtherLine:
        return tr("other log line");
    case MessageCode::Count_:
        break;
    }
    return QString::fromLatin1(messageCodeId(code).data(),
                               static_cast<qsizetype>(messageCodeId(code).size()));
}

QString levelText(Level level)
{
    const std::string_view id = levelId(level);
    return QString::fromLatin1(id.data(), static_cast<qsizetype>(id.size()));
}

} // namespace gd
