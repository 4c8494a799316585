// nginx error.log (docs/log-formats.md, "nginx error log"): "2026/11/24 10:51:32 [crit] 4021#4021: *88
// <message> [ (errno: text)][ while <action>][, client: ..., server: ...[, request: "..."][, subrequest:
// "..."]
// [, upstream: "..."][, host: "..."][, referrer: "..."]]". The quoted values are written unescaped, so the
// context is split on whole `", key: "` markers and only on keys that may still follow, never on a bare
// quote.
//
// Pasted lines often lose their front: they may start at the level, at the pid, after a cut-off date ("7
// [error]
// ..."), at the connection number or at a known message; those are read without a time. A `FastCGI sent in
// stderr: "` message may run over several lines (a PHP stack trace); the lines after the first are
// continuations, and so are trace-shaped lines at the top of a file that starts inside such a record.

#include "parse/accessfields.h"
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

// The quoted context keys in the order ngx_http_log_error_handler() writes them.
enum QuotedKey : std::size_t { Request, Subrequest, Upstream, Host, Referrer, KeyCount };
constexpr std::array<std::string_view, KeyCount> quotedKeys = {
    ", request: \"", ", subrequest: \"", ", upstream: \"", ", host: \"", ", referrer: \""};

/// True when a quote at `quote` closes a value of `key`: the line ends there or a later key follows.
bool closesValue(std::string_view rest, std::size_t quote, std::size_t key)
{
    const std::string_view after = rest.substr(quote + 1);
    if (after.empty())
        return true;
    for (std::size_t next = key + 1; next < KeyCount; ++next) {
        if (after.starts_with(quotedKeys[next]))
            return true;
    }
    return false;
}

/// True when `value` ends in " HTTP/1.1"-like text: the only reliable end of an unescaped request line.
bool endsWithHttpVersion(std::string_view value)
{
    constexpr std::size_t width = sizeof(" HTTP/1.1") - 1;
    if (value.size() < width)
        return false;
    const std::string_view tail = value.substr(value.size() - width);
    return tail.starts_with(" HTTP/") && scan::isDigit(tail[6]) && tail[7] == '.' && scan::isDigit(tail[8]);
}

/// Offset of the quote closing the value of `key` that starts at `from`; npos when the line was cut
/// (NGX_MAX_ERROR_STR) before it. A request may contain `", host: "` itself, so for it a closing quote
/// right after the HTTP version wins over an earlier candidate.
std::size_t valueEnd(std::string_view rest, std::size_t from, std::size_t key)
{
    std::size_t first = npos;
    for (std::size_t quote = rest.find('"', from); quote != npos; quote = rest.find('"', quote + 1)) {
        if (!closesValue(rest, quote, key))
            continue;
        if (key != Request || endsWithHttpVersion(rest.substr(from, quote - from)))
            return quote;
        if (first == npos)
            first = quote;
    }
    return first;
}

/// True for the address and server tokens of the context: nginx writes neither with spaces or quotes.
bool isPlainToken(std::string_view token)
{
    return !token.empty() && token.find_first_of(" \"") == npos;
}

/// Offset of the real ", client: " in the text after the connection number, or npos. The message
/// itself may quote upstream output, so a candidate must be `, client: <address>, server: <name>`
/// with plain tokens (or the address alone, at the end of a line cut at 2048 bytes).
std::size_t findContext(std::string_view tail)
{
    constexpr std::string_view key = ", client: ";
    constexpr std::string_view serverKey = ", server: ";
    for (std::size_t pos = tail.find(key); pos != npos; pos = tail.find(key, pos + 1)) {
        const std::string_view after = tail.substr(pos + key.size());
        const std::size_t comma = after.find(", ");
        if (!isPlainToken(after.substr(0, comma)))
            continue;
        if (comma == npos)
            return pos;
        std::string_view server = after.substr(comma);
        if (!scan::consume(server, serverKey))
            continue;
        if (isPlainToken(server.substr(0, server.find(", "))))
            return pos;
    }
    return npos;
}

/// The Host header as nginx's $host would show it: without port or trailing dot ([v6] keeps brackets).
/// Nothing for a value that is only dots (a reporter's mask, "server: ..").
std::string_view siteOf(std::string_view host)
{
    host = accessfields::hostWithoutPort(host);
    if (host.ends_with('.'))
        host.remove_suffix(1);
    return host.find_first_not_of('.') == npos ? std::string_view{} : host;
}

void setRequest(std::string_view request, ParsedEvent& out)
{
    const std::size_t space = request.find(' ');
    if (space == npos || space == 0)
        return;
    out.method = httpMethodFromText(request.substr(0, space));
    std::string_view target = request.substr(space + 1);
    const std::size_t versionSpace = target.rfind(' ');
    if (versionSpace != npos && target.substr(versionSpace + 1).starts_with("HTTP/"))
        target = target.substr(0, versionSpace);
    out.target = target;
}

/// Fills client, host, method/target and upstream from the context that starts with ", client: ".
void parseContext(std::string_view rest, ParsedEvent& out)
{
    consume(rest, ", client: ");
    std::size_t comma = rest.find(", ");
    out.client = rest.substr(0, comma);
    rest = comma == npos ? std::string_view{} : rest.substr(comma);
    std::string_view server;
    if (consume(rest, ", server: ")) {
        comma = rest.find(", ");
        server = rest.substr(0, comma);
        rest = comma == npos ? std::string_view{} : rest.substr(comma);
    }
    std::array<std::string_view, KeyCount> values{};
    std::size_t nextKey = 0;
    while (!rest.empty() && nextKey < KeyCount) {
        std::size_t key = nextKey;
        while (key < KeyCount && !rest.starts_with(quotedKeys[key]))
            ++key;
        if (key == KeyCount)
            break; // a context this parser does not know (stream, mail modules)
        const std::size_t from = quotedKeys[key].size();
        const std::size_t end = valueEnd(rest, from, key);
        // A value cut by the 2048-byte limit is kept only for the request: a partial URI still points
        // at the page, a partial upstream or host would invent a new one.
        if (end != npos || key == Request)
            values[key] = rest.substr(from, end == npos ? npos : end - from);
        if (end == npos)
            break;
        rest = rest.substr(end + 1);
        nextKey = key + 1;
    }
    setRequest(values[Request], out);
    out.group = values[Upstream];
    // `server:` is the vhost's first server_name. It names no site when it is the catch-all "_" or,
    // before a request exists, the listen address ("0.0.0.0:443", "unix:/path"), which has a colon.
    if (!values[Host].empty())
        out.host = siteOf(values[Host]);
    else if (server != "_" && server.find(':') == npos)
        out.host = siteOf(server);
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
