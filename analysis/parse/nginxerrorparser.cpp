// nginx error.log (docs/log-formats.md, "nginx error log"):
//   2026/11/24 10:51:32 [crit] 4021#4021: *88 <message>[ (errno: text)][ while <action>][, client: ...]
// The context after the message (client, server, request, upstream, host) is read in
// parse/nginxerrorcontext.h.
//
// Pasted lines often lose their front: they may start at the level, at the pid, after a cut-off date
// ("7 [error] ..."), at the connection number or at a known message; those are read without a time. A
// `FastCGI sent in stderr: "` message may run over several lines (a PHP stack trace): the lines after the
// first are continuations, and so are trace-shaped lines at the top of a file that starts inside such a
// record.

#include "parse/nginxerrorcontext.h"
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
    if (name == "error")
        return Level::Error;
    if (name == "crit")
        return Level::Critical;
    if (name == "warn")
        return Level::Warning;
    if (name == "alert")
        return Level::Alert;
    if (name == "emerg")
        return Level::Emergency;
    if (name == "notice")
        return Level::Notice;
    if (name == "info")
        return Level::Info;
    if (name == "debug")
        return Level::Debug;
    return Level::None;
}

/// The errno of ngx_log_errno(): " (111: Connection refused)" at the end of the message, before " while ".
std::uint16_t errnoOf(std::string_view message)
{
    const std::size_t action = message.rfind(" while ");
    if (action != npos)
        message = message.substr(0, action);
    if (!message.ends_with(')'))
        return 0;
    const std::size_t open = message.rfind(" (");
    if (open == npos)
        return 0;
    std::string_view text = message.substr(open + 2);
    std::uint32_t number = 0;
    if (!scan::consumeUnsigned(text, number) || !text.starts_with(": "))
        return 0;
    return scan::saturate16(number);
}

/// "worker process 1240 exited on signal 9[ (core dumped)]" (ngx_process.c "%s %P exited on signal %d%s").
bool parseProcessExit(std::string_view message, ParsedEvent& out)
{
    constexpr std::string_view marker = " exited on signal ";
    const std::size_t at = message.find(marker);
    if (at == npos)
        return false;
    const std::string_view before = message.substr(0, at);
    const std::size_t space = before.rfind(' ');
    if (space == npos || !before.substr(0, space).ends_with("process"))
        return false;
    std::uint32_t pid = 0;
    std::uint32_t signal = 0;
    std::string_view after = message.substr(at + marker.size());
    if (!scan::parseUnsigned(before.substr(space + 1), pid) || !scan::consumeUnsigned(after, signal))
        return false;
    out.pid = pid;
    out.value = scan::saturate16(signal);
    return true;
}

MessageCode classify(std::string_view message)
{
    struct Prefix {
        std::string_view text;
        MessageCode code;
    };
    // Order matters where one prefix extends another (FastCGI variants before the generic close).
    static constexpr std::array<Prefix, 17> prefixes = {{
        {"connect() to ", MessageCode::NgxConnectFailed},
        {"connect() failed", MessageCode::NgxConnectFailed},
        {"upstream timed out", MessageCode::NgxUpstreamTimedOut},
        {"upstream prematurely closed FastCGI", MessageCode::NgxPrematurelyClosedFastcgi},
        {"upstream prematurely closed connection", MessageCode::NgxPrematurelyClosed},
        {"recv() failed", MessageCode::NgxConnectionReset},
        {"readv() failed", MessageCode::NgxConnectionReset},
        {"writev() failed", MessageCode::NgxConnectionReset},
        {"upstream sent too big header", MessageCode::NgxTooBigHeader},
        {"upstream sent invalid ", MessageCode::NgxInvalidUpstreamResponse},
        {"upstream sent unsupported FastCGI", MessageCode::NgxInvalidUpstreamResponse},
        {"upstream sent unexpected FastCGI", MessageCode::NgxInvalidUpstreamResponse},
        {"upstream sent no valid ", MessageCode::NgxInvalidUpstreamResponse},
        {"upstream sent duplicate header", MessageCode::NgxInvalidUpstreamResponse},
        {"limiting connections by zone", MessageCode::NgxLimitingConnections},
        // limit_req refuses with the same 503 as limit_conn.
        {"limiting requests", MessageCode::NgxLimitingConnections},
        {"client prematurely closed connection", MessageCode::NgxClientClosed},
    }};
    for (const Prefix& prefix : prefixes) {
        if (message.starts_with(prefix.text))
            return prefix.code;
    }
    // epoll_wait()/kevent() variants of the early client close.
    if (message.find("reported that client prematurely closed connection") != npos)
        return MessageCode::NgxClientClosed;
    return MessageCode::NgxOther;
}

/// Reads "[error] " at the front of `text` into `level`; returns why it could not ("no level", "bad level"),
/// or nothing.
std::string_view consumeLevel(std::string_view& text, Level& level)
{
    std::string_view rest = text;
    const std::size_t close = rest.find("] ");
    if (!consume(rest, "[") || close == npos || close > 7)
        return "no level";
    level = levelFromName(rest.substr(0, close - 1));
    if (level == Level::None)
        return "bad level";
    text = rest.substr(close + 1);
    return {};
}

/// True when `prefix` is the tail of an error-log date "2026/11/24 10:51:32" cut anywhere before its end.
bool isCutDate(std::string_view prefix)
{
    constexpr std::string_view shape = "dddd/dd/dd dd:dd:dd";
    if (prefix.empty() || prefix.size() >= shape.size())
        return false;
    const std::string_view tail = shape.substr(shape.size() - prefix.size());
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (tail[i] == 'd' ? !scan::isDigit(prefix[i]) : prefix[i] != tail[i])
            return false;
    }
    return true;
}

/// "#0 /path/file.php(12): f()", "#1 {main}", "  thrown in ...", "Stack trace:": the lines a PHP stack trace
/// adds to a `FastCGI sent in stderr` record.
bool isTraceLine(std::string_view line)
{
    return (line.size() > 1 && line[0] == '#' && scan::isDigit(line[1])) ||
           line.starts_with("  thrown in ") || line.starts_with("Stack trace:");
}

/// `" while reading response header from upstream, client: ...`: the line that closes a multi-line record.
bool isClosingLine(std::string_view line)
{
    return line == "\"" || line.starts_with("\" while ") || line.starts_with("\", client: ");
}

/// True when a message opens a stderr record that the line does not close (no context, no closing quote).
bool opensRecord(std::string_view message, bool hasContext)
{
    return !hasContext && message.find("FastCGI sent in stderr: \"") != npos && !message.ends_with('"');
}

class NginxErrorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::NginxError; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        if (line.empty())
            return {LineStatus::Ignored, {}};
        if (line.find('\0') != npos)
            return reject("binary data");
        std::size_t used = 0;
        const auto stamp = timestamps::readNginxErrorTime(line, out, used);
        if (stamp == timestamps::StampStatus::NoStamp)
            return parseUndated(line, out);
        if (stamp != timestamps::StampStatus::Ok)
            return reject(timestamps::stampReason(stamp));
        std::string_view rest = line.substr(used);
        if (!consume(rest, " "))
            return reject("no level");
        if (const std::string_view problem = consumeLevel(rest, out.level); !problem.empty())
            return reject(problem);
        return parseFromPid(rest, out);
    }

private:
    /// A line without a date: a continuation of an open record, or an entry pasted without its front.
    LineResult parseUndated(std::string_view line, ParsedEvent& out)
    {
        if (recordOpen_ || isTraceLine(line) || isClosingLine(line))
            return continuation(line, out);
        out.hasTime = false;
        std::string_view rest = line;
        if (consumeLevel(rest, out.level).empty())
            return parseFromPid(rest, out);
        if (scan::digitRun(rest) > 0 && rest.substr(scan::digitRun(rest)).starts_with('#'))
            return parseFromPid(rest, out);
        if (const std::size_t bracket = rest.substr(0, 20).find(" ["); bracket != npos) {
            std::string_view afterDate = rest.substr(bracket + 1);
            if (isCutDate(rest.substr(0, bracket)) && consumeLevel(afterDate, out.level).empty())
                return parseFromPid(afterDate, out);
        }
        // From the connection number or the message itself: only messages this parser knows, so that
        // arbitrary text is not taken for an nginx entry.
        if (rest.starts_with('*')) {
            std::string_view afterStar = rest.substr(1);
            if (scan::skipDigits(afterStar) > 0 && consume(afterStar, " "))
                rest = afterStar;
        }
        if (!rest.empty() && classify(rest.substr(0, findContext(rest))) != MessageCode::NgxOther)
            return parseMessage(rest, out);
        out = ParsedEvent{};
        return reject(timestamps::stampReason(timestamps::StampStatus::NoStamp));
    }

    /// "4021#4021: [*88 ]<message>..." (the tid is 0 or the thread id; nothing downstream needs it).
    LineResult parseFromPid(std::string_view rest, ParsedEvent& out)
    {
        if (!scan::consumeUnsigned(rest, out.pid))
            return reject("bad pid");
        if (!consume(rest, "#") || scan::skipDigits(rest) == 0 || !consume(rest, ": "))
            return reject("bad pid");
        if (rest.starts_with('*')) {
            std::string_view afterStar = rest.substr(1);
            if (scan::skipDigits(afterStar) > 0 && consume(afterStar, " "))
                rest = afterStar;
        }
        if (rest.empty())
            return reject("no message");
        return parseMessage(rest, out);
    }

    LineResult parseMessage(std::string_view rest, ParsedEvent& out)
    {
        const std::size_t context = findContext(rest);
        const std::string_view message = rest.substr(0, context);
        if (context != npos)
            parseContext(rest.substr(context), out);
        out.value = errnoOf(message);
        out.code = classify(message);
        if (out.code == MessageCode::NgxOther && parseProcessExit(message, out))
            out.code = MessageCode::NgxWorkerExited;
        recordOpen_ = opensRecord(message, context != npos);
        return {LineStatus::Event, {}};
    }

    /// A line inside a multi-line record; the one that carries the context closes it and fills client,
    /// request and upstream (the event itself keeps what its first line said).
    LineResult continuation(std::string_view line, ParsedEvent& out)
    {
        if (const std::size_t context = findContext(line); context != npos) {
            parseContext(line.substr(context), out);
            recordOpen_ = false;
        } else if (isClosingLine(line)) {
            recordOpen_ = false;
        }
        return {LineStatus::Continuation, {}};
    }

    LineResult reject(std::string_view reason)
    {
        recordOpen_ = false;
        return {LineStatus::Rejected, reason};
    }

    bool recordOpen_ = false; ///< the last event opened a `FastCGI sent in stderr: "` record still going on
};

} // namespace

std::unique_ptr<LogParser> makeNginxErrorParser()
{
    return std::make_unique<NginxErrorParser>();
}

} // namespace gd
