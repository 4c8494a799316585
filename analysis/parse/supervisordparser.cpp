// supervisord's own log (supervisord.log, or its stderr in a container), one line per entry:
//   2020-04-11 13:10:00,063 INFO exited: php-fpm (terminated by SIGKILL; not expected)
//   2020-04-11 13:10:04,609 INFO spawned: 'php-fpm' with pid 71850
//   2020-04-11 13:10:05,902 INFO success: php-fpm entered RUNNING state, process has stayed up for > than 1
//   seconds (startsecs)
// Time is local without a zone; levels are CRIT ERRO WARN INFO DEBG TRAC BLAT. What happens to a program is
// told with the codes systemd's lines use (ServiceStarting ... ServiceMainExited), the program's name in
// `group` and, as the unit name is for systemd, in `target` (where the analysis looks for PHP-FPM); the
// signal or exit status goes to `value`. Everything else is SupervisorOther.

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

#include <array>

namespace gd {
namespace {

using scan::consume;
using scan::npos;

Level levelFromName(std::string_view name)
{
    if (name == "INFO")
        return Level::Info;
    if (name == "WARN")
        return Level::Warning;
    if (name == "ERRO")
        return Level::Error;
    if (name == "CRIT")
        return Level::Critical;
    if (name == "DEBG" || name == "TRAC" || name == "BLAT")
        return Level::Debug;
    return Level::None;
}

/// "SIGKILL" to 9 (Linux numbering); 0 for a name it does not know.
std::uint16_t signalNumber(std::string_view name)
{
    static constexpr std::array<std::string_view, 32> names = {
        "",          "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP", "SIGABRT", "SIGBUS",
        "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",  "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",  "SIGTTIN", "SIGTTOU", "SIGURG",
        "SIGXCPU",   "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS"};
    for (std::size_t i = 1; i < names.size(); ++i) {
        if (names[i] == name)
            return static_cast<std::uint16_t>(i);
    }
    return name == "SIGIOT" ? 6 : 0;
}

/// How supervisord tells a process ended, "exit status 78", "terminated by SIGKILL", "terminated by SIGSEGV
/// (core dumped)" or "terminated by signal 64" (a signal without a name), to the status or the signal.
std::uint16_t exitValue(std::string_view status)
{
    if (consume(status, "exit status "))
        return scan::leadingU16(status);
    if (!consume(status, "terminated by "))
        return 0;
    if (consume(status, "signal "))
        return scan::leadingU16(status);
    return signalNumber(status.substr(0, status.find_first_of(" ;)")));
}

void setProgram(std::string_view name, ParsedEvent& out)
{
    out.group = name;
    out.target = name;
}

/// "NAME (STATUS...)" after "exited: " or "stopped: " (a program name has no spaces; the status may hold
/// " (core dumped)").
void readExit(std::string_view rest, MessageCode code, ParsedEvent& out)
{
    const std::size_t open = rest.find(" (");
    if (open == npos)
        return;
    out.code = code;
    setProgram(rest.substr(0, open), out);
    out.value = exitValue(rest.substr(open + 2));
}

/// "NAME entered RUNNING state, ..." / "NAME entered FATAL state, ...".
void readStateChange(std::string_view rest, MessageCode code, ParsedEvent& out)
{
    const std::size_t entered = rest.find(" entered ");
    if (entered == npos)
        return;
    out.code = code;
    setProgram(rest.substr(0, entered), out);
}

/// "'NAME' with pid 71850".
void readSpawned(std::string_view rest, ParsedEvent& out)
{
    const std::size_t with = rest.rfind(" with pid ");
    if (with == npos)
        return;
    std::string_view name = rest.substr(0, with);
    if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
        name = name.substr(1, name.size() - 2);
    std::uint32_t pid = 0;
    if (!scan::parseUnsigned(rest.substr(with + sizeof(" with pid ") - 1), pid))
        return;
    out.code = MessageCode::ServiceStarting;
    out.pid = pid;
    setProgram(name, out);
}

/// "'NAME' (PID) with SIGKILL" (stopwaitsecs ran out) or, at debug level, "NAME (pid PID) [process group
/// ]with signal SIGTERM".
void readKilling(std::string_view rest, ParsedEvent& out)
{
    const std::size_t open = rest.find(" (");
    const std::size_t with = rest.rfind(" with ");
    if (open == npos || with == npos || with < open)
        return;
    std::string_view name = rest.substr(0, open);
    if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
        name = name.substr(1, name.size() - 2);
    std::string_view pidText = rest.substr(open + 2);
    consume(pidText, "pid ");
    std::uint32_t pid = 0;
    if (scan::consumeUnsigned(pidText, pid))
        out.pid = pid;
    std::string_view signal = rest.substr(with + sizeof(" with ") - 1);
    consume(signal, "signal ");
    out.code = MessageCode::ServiceStopping;
    out.value = signalNumber(signal);
    setProgram(name, out);
}

void classify(std::string_view message, ParsedEvent& out)
{
    out.code = MessageCode::SupervisorOther;
    std::string_view rest = message;
    if (consume(rest, "exited: ")) {
        readExit(rest, MessageCode::ServiceMainExited, out);
    } else if (consume(rest, "stopped: ")) {
        readExit(rest, MessageCode::ServiceStopped, out);
    } else if (consume(rest, "spawned: ")) {
        readSpawned(rest, out);
    } else if (consume(rest, "success: ")) {
        readStateChange(rest, MessageCode::ServiceStarted, out);
    } else if (consume(rest, "gave up: ")) {
        // Too many start retries: the program stays down, as after systemd's "Failed to start".
        readStateChange(rest, MessageCode::ServiceFailed, out);
    } else if (consume(rest, "spawnerr: ")) {
        // "spawnerr: can't find command '/usr/sbin/php-fpm7.0'": the program cannot even be started.
        out.code = MessageCode::ServiceFailed;
        // The command is the last quoted word ("can't" has a quote of its own).
        const std::size_t close = rest.rfind('\'');
        const std::size_t quote = close == npos || close == 0 ? npos : rest.rfind('\'', close - 1);
        if (quote != npos)
            setProgram(rest.substr(quote + 1, close - quote - 1), out);
    } else if (consume(rest, "killing ")) {
        readKilling(rest, out);
    } else if (consume(rest, "waiting for ")) {
        // "waiting for php-fpm to stop" (one program), "waiting for nginx, php-fpm to die" (shutdown).
        const std::size_t to = rest.rfind(" to ");
        if (to != npos) {
            out.code = MessageCode::ServiceStopping;
            setProgram(rest.substr(0, to), out);
        }
    } else if (consume(rest, "reaped unknown pid ")) {
        std::uint32_t pid = 0;
        if (scan::consumeUnsigned(rest, pid) && consume(rest, " ("))
            out.pid = pid;
        out.value = exitValue(rest);
    } else if (consume(rest, "supervisord started with pid ")) {
        std::uint32_t pid = 0;
        if (scan::parseUnsigned(rest, pid))
            out.pid = pid;
    }
}

class SupervisordParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::Supervisord; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        line = scan::skipLeadingNuls(line);
        if (scan::trimRight(line).empty())
            return {LineStatus::Ignored, {}};
        std::size_t used = 0;
        if (const auto stamp = timestamps::readAsctime(line, out, used); stamp != timestamps::StampStatus::Ok)
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        std::string_view rest = line.substr(used);
        if (!consume(rest, " "))
            return {LineStatus::Rejected, "no level"};
        const std::size_t space = rest.find(' ');
        out.level = levelFromName(rest.substr(0, space));
        if (out.level == Level::None)
            return {LineStatus::Rejected, "bad level"};
        if (space == npos)
            return {LineStatus::Rejected, "no message"};
        classify(rest.substr(space + 1), out);
        return {LineStatus::Event, {}};
    }
};

} // namespace

std::unique_ptr<LogParser> makeSupervisordParser()
{
    return std::make_unique<SupervisordParser>();
}

} // namespace gd
