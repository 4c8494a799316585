// PHP-FPM master error log (docs/log-formats.md, "PHP-FPM master log"):
// "[24-Nov-2026 10:51:32] WARNING: [pool o1.83] child 23456 exited on signal 11 (SIGSEGV) after ...".
// At log_level = debug the time has microseconds and every line gets "pid N, func(), line L: " before
// the message. In containers the master logs to stderr without the time ("WARNING: [pool www] child ..."):
// such lines are events without a time. Worker output copied without decoration has neither time nor level.

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

namespace gd {
namespace {

using scan::consume;
using scan::npos;

Level levelFromName(std::string_view name)
{
    if (name == "WARNING")
        return Level::Warning;
    if (name == "NOTICE")
        return Level::Notice;
    if (name == "ERROR")
        return Level::Error;
    if (name == "ALERT")
        return Level::Alert;
    if (name == "DEBUG")
        return Level::Debug;
    return Level::None;
}

/// Drops zlog's debug prefix "pid 1234, fpm_children_bury(), line 256: " and returns the master pid.
std::uint32_t consumeDebugPrefix(std::string_view& text)
{
    std::string_view rest = text;
    std::uint32_t pid = 0;
    if (!consume(rest, "pid ") || !scan::consumeUnsigned(rest, pid) || !consume(rest, ", "))
        return 0;
    const std::size_t call = rest.find("(), line ");
    if (call == npos || rest.substr(0, call).find(' ') != npos)
        return 0;
    rest.remove_prefix(call + sizeof("(), line ") - 1);
    if (scan::skipDigits(rest) == 0 || !consume(rest, ": "))
        return 0;
    text = rest;
    return pid;
}

/// "on signal 11 (SIGSEGV...)" or "with code 255": the signal or exit code, and which of the two.
bool consumeExitStatus(std::string_view& text, std::uint16_t& value, bool& bySignal)
{
    std::uint32_t number = 0;
    if (consume(text, "on signal "))
        bySignal = true;
    else if (consume(text, "with code "))
        bySignal = false;
    else
        return false;
    if (!scan::consumeUnsigned(text, number))
        return false;
    value = scan::saturate16(number);
    return true;
}

/// "script '/path/index.php' (request: "GET /index.php?q=x") executing too slow (60.412345 sec), logging"
/// and the "execution timed out (...), terminating" twin. The query string is the client's, so the fixed
/// end of the line is searched from the right. zlog cuts lines at 1024 bytes ("..."): such a line keeps
/// script and method but loses which of the two it was (FpmOther).
void parseSlowRequest(std::string_view text, ParsedEvent& out)
{
    out.code = MessageCode::FpmOther;
    constexpr std::string_view requestMarker = "' (request: \"";
    const std::size_t scriptEnd = text.find(requestMarker);
    if (scriptEnd == npos) {
        const std::size_t quote = text.find('\'');
        if (quote != npos)
            out.target = text.substr(0, quote);
        return;
    }
    out.target = text.substr(0, scriptEnd);
    const std::string_view request = text.substr(scriptEnd + requestMarker.size());
    const std::size_t space = request.find(' ');
    if (space != npos)
        out.method = httpMethodFromText(request.substr(0, space));

    struct Ending {
        std::string_view marker;
        std::string_view suffix;
        MessageCode code;
    };
    static constexpr Ending endings[] = {
        {"\") executing too slow (", " sec), logging", MessageCode::FpmExecutingTooSlow},
        {"\") execution timed out (", " sec), terminating", MessageCode::FpmExecutionTimedOut},
    };
    for (const Ending& ending : endings) {
        if (!request.ends_with(ending.suffix))
            continue;
        const std::string_view body = request.substr(0, request.size() - ending.suffix.size());
        const std::size_t at = body.rfind(ending.marker);
        if (at == npos)
            return;
        std::uint32_t ms = 0;
        if (scan::parseSecondsAsMs(body.substr(at + ending.marker.size()), ms)) {
            out.durationMs = ms;
            out.code = ending.code;
        }
        return;
    }
}

/// A pid the reporter masked before posting ("xxx", "XXXX", "***", "[pid]"): a token without digits.
bool consumeMaskedPid(std::string_view& text)
{
    const std::size_t end = text.find_first_of(" ,");
    const std::string_view token = text.substr(0, end);
    if (token.empty() || token.size() > 16 || token.find_first_of("0123456789") != npos)
        return false;
    text.remove_prefix(token.size());
    return true;
}

/// Messages that start with "child N": exits, starts, slow requests, worker output. A masked pid leaves
/// `pid` 0 but keeps what the line says.
void parseChildMessage(std::string_view text, ParsedEvent& out)
{
    out.code = MessageCode::FpmOther;
    std::uint32_t pid = 0;
    if (!scan::consumeUnsigned(text, pid) && !consumeMaskedPid(text))
        return;
    out.pid = pid;
    if (consume(text, ", script '")) {
        parseSlowRequest(text, out);
    } else if (consume(text, " exited ")) {
        bool bySignal = false;
        if (consumeExitStatus(text, out.value, bySignal))
            out.code = bySignal ? MessageCode::FpmChildExitedSignal : MessageCode::FpmChildExitedCode;
    } else if (text == " started") {
        out.code = MessageCode::FpmChildStarted;
    } else if (text.starts_with(" said into stderr: ") || text.starts_with(" said into stdout: ")) {
        out.code = MessageCode::FpmChildStderr;
    }
    // " has been killed by the process management after ..." is the ondemand idle kill: FpmOther.
}

/// "server reached [pm.]max_children setting (16), consider raising it": value = pm.max_children.
void parseMaxChildren(std::string_view text, ParsedEvent& out)
{
    out.code = MessageCode::FpmOther;
    consume(text, "pm.");
    std::uint32_t limit = 0;
    if (consume(text, "max_children setting (") && scan::consumeUnsigned(text, limit)) {
        out.code = MessageCode::FpmMaxChildren;
        out.value = scan::saturate16(limit);
    }
}

/// Reads the number at the front of `text` into `pid` when there is one that fits.
void takePid(std::string_view text, std::uint32_t& pid)
{
    std::uint32_t number = 0;
    if (scan::consumeUnsigned(text, number))
        pid = number;
}

/// The "': Address already in use (98)" suffix zlog adds to ZLOG_SYSERROR messages.
std::uint16_t trailingErrno(std::string_view text)
{
    if (!text.ends_with(')'))
        return 0;
    const std::size_t open = text.rfind(" (");
    std::uint32_t number = 0;
    if (open == npos || !scan::parseUnsigned(text.substr(open + 2, text.size() - open - 3), number))
        return 0;
    return scan::saturate16(number);
}

/// Text after "... address '" up to the closing quote: the socket or host:port.
std::string_view quotedAddress(std::string_view text)
{
    const std::size_t close = text.find('\'');
    return text.substr(0, close);
}

void classify(std::string_view text, ParsedEvent& out)
{
    struct Fixed {
        std::string_view prefix;
        MessageCode code;
    };
    // Messages that carry no number worth keeping: a prefix names them.
    static constexpr Fixed plain[] = {
        {"The maximum number of processes has been reached", MessageCode::FpmMaxProcesses},
        {"Reloading in progress", MessageCode::FpmReloading},
        {"Terminating ...", MessageCode::FpmTerminating},
        {"Finishing ...", MessageCode::FpmFinishing},
        {"ready to handle connections", MessageCode::FpmReady},
        {"exiting, bye-bye!", MessageCode::FpmExiting},
        {"FPM initialization failed", MessageCode::FpmInitFailed},
    };
    for (const Fixed& entry : plain) {
        if (text.starts_with(entry.prefix)) {
            out.code = entry.code;
            return;
        }
    }

    std::string_view rest = text;
    if (consume(rest, "child ")) {
        parseChildMessage(rest, out);
    } else if (consume(rest, "server reached ")) {
        parseMaxChildren(rest, out);
    } else if (consume(rest, "failed processes threshold (")) {
        // value = the number of failed children (emergency_restart_threshold).
        out.code = MessageCode::FpmThresholdReload;
        std::uint32_t failures = 0;
        if (scan::consumeUnsigned(rest, failures))
            out.value = scan::saturate16(failures);
    } else if (rest.starts_with("seems busy ")) {
        out.code = MessageCode::FpmSeemsBusy;
        const std::size_t total = rest.rfind(", and ");
        std::uint32_t children = 0;
        if (total != npos) {
            std::string_view count = rest.substr(total + sizeof(", and ") - 1);
            if (scan::consumeUnsigned(count, children) && count.starts_with(" total children"))
                out.value = scan::saturate16(children);
        }
    } else if (consume(rest, "fpm is running, pid ")) {
        out.code = MessageCode::FpmRunning;
        takePid(rest, out.pid);
    } else if (consume(rest, "oops, unknown child (")) {
        out.code = MessageCode::FpmUnknownChild;
        std::uint32_t pid = 0;
        bool bySignal = false;
        if (scan::consumeUnsigned(rest, pid) && consume(rest, ") exited ")) {
            out.pid = pid;
            consumeExitStatus(rest, out.value, bySignal);
        }
    } else if (consume(rest, "unable to bind listening socket for address '")) {
        out.code = MessageCode::FpmBindFailed;
        out.target = quotedAddress(rest);
        out.value = trailingErrno(rest);
    } else if (consume(rest, "Another FPM instance seems to already listen on ") ||
               consume(rest, "An another FPM instance seems to already listen on ")) {
        out.code = MessageCode::FpmAnotherInstance;
        out.target = rest;
    } else {
        out.code = MessageCode::FpmOther;
        // Slowlog tracing lines name the traced child.
        if (consume(rest, "about to trace ") || consume(rest, "finished trace of ") ||
            consume(rest, "failed to ptrace(PEEKDATA) pid "))
            takePid(rest, out.pid);
        out.value = trailingErrno(text);
    }
}

class FpmMasterParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::FpmMaster; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        if (line.empty())
            return {LineStatus::Ignored, {}};
        if (line.find('\0') != npos)
            return reject("binary data");
        std::size_t used = 0;
        if (const auto stamp = timestamps::readFpmTime(line, out, used);
            stamp != timestamps::StampStatus::Ok) {
            // An impossible date is a broken line. Without a time, a level or a message the master writes is
            // the master logging to stderr (or a paste without the prefix); anything else is worker output.
            const std::string_view reason = timestamps::stampReason(stamp);
            if (stamp == timestamps::StampStatus::BadDate)
                return reject(reason);
            if (stamp == timestamps::StampStatus::NoStamp)
                return parseUndated(line, out, reason);
            return childOutput(reason);
        }
        std::string_view rest = line.substr(used);
        if (!consume(rest, " "))
            return reject("no level");
        return parseEntry(rest, out);
    }

private:
    /// "WARNING: " and the rest of an entry after the time.
    LineResult parseEntry(std::string_view rest, ParsedEvent& out)
    {
        const std::size_t colon = rest.find(": ");
        if (colon == npos || colon > 7)
            return reject("no level");
        out.level = levelFromName(rest.substr(0, colon));
        if (out.level == Level::None)
            return reject("bad level");
        rest.remove_prefix(colon + 2);

        const std::uint32_t masterPid = consumeDebugPrefix(rest);
        if (!parseMessage(rest, out))
            return reject("bad pool");
        if (out.pid == 0)
            out.pid = masterPid;
        afterEvent_ = true;
        return {LineStatus::Event, {}};
    }

    /// "[pool www] <message>" or the message alone; false when the pool is not closed.
    static bool parseMessage(std::string_view rest, ParsedEvent& out)
    {
        if (consume(rest, "[pool ")) {
            const std::size_t close = rest.find("] ");
            if (close == npos)
                return false;
            out.group = rest.substr(0, close);
            rest.remove_prefix(close + 2);
        }
        classify(rest, out);
        return true;
    }

    /// "WARNING: [pool www] child 4711 exited ..." without the time; also the message alone when it is one
    /// the master writes ("server reached pm.max_children setting (10), ..."). Other text is worker output.
    LineResult parseUndated(std::string_view line, ParsedEvent& out, std::string_view reason)
    {
        out.hasTime = false;
        if (startsWithLevel(line))
            return parseEntry(line, out);
        if (parseMessage(line, out) && out.code != MessageCode::FpmOther) {
            afterEvent_ = true;
            return {LineStatus::Event, {}};
        }
        out = ParsedEvent{};
        return childOutput(reason);
    }

    static bool startsWithLevel(std::string_view line)
    {
        const std::size_t colon = line.substr(0, sizeof("WARNING: ") - 1).find(": ");
        return colon != npos && levelFromName(line.substr(0, colon)) != Level::None;
    }

    /// Worker output written without zlog decoration belongs to the event before it.
    LineResult childOutput(std::string_view reason)
    {
        if (afterEvent_)
            return {LineStatus::Continuation, {}};
        return {LineStatus::Rejected, reason};
    }

    LineResult reject(std::string_view reason)
    {
        afterEvent_ = false;
        return {LineStatus::Rejected, reason};
    }

    bool afterEvent_ = false;
};

} // namespace

std::unique_ptr<LogParser> makeFpmMasterParser()
{
    return std::make_unique<FpmMasterParser>();
}

} // namespace gd
