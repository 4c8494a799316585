// PHP error_log written by php.ini `error_log` (docs/log-formats.md, "PHP error log"):
//   [24-Nov-2026 09:51:32 UTC] PHP Fatal error:  Maximum execution time of 180 seconds exceeded in /x.inc on
//   line 2171
// Uncaught exceptions continue over several unstamped lines (Stack trace:, #0 ..., "  thrown in ...").
// A "PHP Fatal error:  ..." line without the time (PHP writing to stderr, a paste without the prefix) is an
// event without a time.
//
// The zone is the `date.timezone` NAME (format `e`), not an offset. UTC/GMT are resolved here
// (hasOffset, offset 0); any other name (Europe/Berlin, ...) is left in `group` with hasOffset=false
// so the timeline's zone resolver can apply that zone's rules, DST included.

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

namespace gd {
namespace {

using namespace scan;
using timestamps::StampStatus;

/// The script from "... in /path/file.php:12" (exceptions) or "... in /path/file.php on line 12".
/// The first form is tried first: in "called in /a.php on line 5 and defined in /b.php:12" the error is in
/// b.php.
std::string_view sourceFile(std::string_view body)
{
    body = trimRight(body);
    std::string_view path;
    if (const std::size_t in = body.rfind(" in "); in != std::string_view::npos) {
        const std::string_view location = body.substr(in + 4);
        const std::size_t colon = location.rfind(':');
        if (colon != std::string_view::npos && colon + 1 < location.size() &&
            digitRun(location.substr(colon + 1)) == location.size() - colon - 1 &&
            location.find(' ') == std::string_view::npos)
            path = location.substr(0, colon);
    }
    if (const std::size_t onLine = body.rfind(" on line ");
        path.empty() && onLine != std::string_view::npos && digitRun(body.substr(onLine + 9)) > 0) {
        const std::size_t in = body.rfind(" in ", onLine);
        if (in != std::string_view::npos)
            path = body.substr(in + 4, onLine - in - 4);
    }
    // PHP writes "in Unknown on line 0" for startup errors: no file to point at.
    return path == "Unknown" ? std::string_view{} : path;
}

/// The severity word PHP writes after "PHP " (error_type_str in main.c) to code and level.
bool classifySeverity(std::string_view severity, MessageCode& code, Level& level)
{
    if (severity == "Fatal error" || severity == "Parse error" || severity == "Recoverable fatal error" ||
        severity == "Catchable fatal error") {
        code = MessageCode::PhpFatal;
        level = Level::Error;
    } else if (severity == "Warning") {
        code = MessageCode::PhpWarning;
        level = Level::Warning;
    } else if (severity == "Notice" || severity == "Deprecated" || severity == "Strict Standards") {
        code = MessageCode::PhpNotice;
        level = Level::Notice;
    } else {
        return false;
    }
    return true;
}

/// "PHP Fatal error:  ..." and the other severities PHP names: an entry whose time was left out.
bool isUndatedEntry(std::string_view line)
{
    if (!consume(line, "PHP "))
        return false;
    const std::size_t colon = line.substr(0, 32).find(':');
    MessageCode code = MessageCode::None;
    Level level = Level::None;
    return colon != std::string_view::npos && classifySeverity(line.substr(0, colon), code, level);
}

/// Refines a fatal error into the three limits the detectors look for.
MessageCode classifyFatal(std::string_view body, ParsedEvent& out)
{
    if (const std::size_t limit = body.find("Maximum execution time of "); limit != std::string_view::npos) {
        out.durationMs = 1000u * leadingU16(body.substr(limit + 26)); // the configured limit
        return MessageCode::PhpMaxExecutionTime;
    }
    if (body.find("Allowed memory size of ") != std::string_view::npos || body.starts_with("Out of memory ("))
        return MessageCode::PhpMemoryExhausted;
    // PHP >= 8.3 guard, and Xdebug's older equivalent: both mean runaway recursion.
    if (body.find("Maximum call stack size of ") != std::string_view::npos ||
        body.find("Maximum function nesting level of ") != std::string_view::npos)
        return MessageCode::PhpStackOverflow;
    return MessageCode::PhpFatal;
}

/// "#0 /path/file.php(123): Class->method()", "#1 {main}", "#2 [internal function]: fn()"
void parseTraceFrame(std::string_view frame, ParsedEvent& out)
{
    frame.remove_prefix(1 + digitRun(frame.substr(1)));
    consume(frame, " ");
    const std::size_t call = frame.find("): ");
    if (call != std::string_view::npos) {
        const std::size_t open = frame.rfind('(', call);
        std::uint32_t lineNumber = 0;
        if (open != std::string_view::npos &&
            parseUnsigned(frame.substr(open + 1, call - open - 1), lineNumber)) {
            out.frameFile = frame.substr(0, open);
            out.frameLine = lineNumber;
            out.frameFunction = frame.substr(call + 3);
            return;
        }
    }
    if (consume(frame, "[internal function]: ")) {
        out.frameFunction = frame;
        return;
    }
    out.frameFunction = frame; // "{main}"
}

/// Xdebug's "  1. {main}() /var/www/index.php:0" (after the "PHP " prefix).
void parseXdebugFrame(std::string_view frame, ParsedEvent& out)
{
    while (!frame.empty() && frame[0] == ' ')
        frame.remove_prefix(1);
    const std::size_t number = digitRun(frame);
    if (number == 0 || !frame.substr(number).starts_with(". "))
        return;
    frame.remove_prefix(number + 2);
    const std::size_t space = frame.rfind(' ');
    const std::size_t colon = frame.rfind(':');
    std::uint32_t lineNumber = 0;
    if (space == std::string_view::npos || colon == std::string_view::npos || colon < space ||
        !parseUnsigned(trimRight(frame.substr(colon + 1)), lineNumber))
        return;
    out.frameFunction = frame.substr(0, space);
    out.frameFile = frame.substr(space + 1, colon - space - 1);
    out.frameLine = lineNumber;
}

/// "  thrown in /path/file.php on line 1005"
void parseThrownIn(std::string_view text, ParsedEvent& out)
{
    const std::size_t onLine = text.rfind(" on line ");
    if (onLine == std::string_view::npos)
        return;
    std::uint32_t lineNumber = 0;
    if (parseUnsigned(trimRight(text.substr(onLine + 9)), lineNumber)) {
        out.frameFile = text.substr(0, onLine);
        out.frameLine = lineNumber;
    }
}

class PhpErrorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::PhpError; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        line = skipLeadingNuls(line);
        if (trimRight(line).empty())
            return {LineStatus::Ignored, {}};
        std::size_t used = 0;
        switch (const StampStatus stamp = timestamps::readPhpTime(line, out, used)) {
        case StampStatus::Ok: {
            std::string_view message = line.substr(used);
            consume(message, " ");
            return parseMessage(message, out);
        }
        case StampStatus::BadStamp:
        case StampStatus::BadDate:
            inUncaught_ = false;
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        case StampStatus::NoStamp:
            break;
        }
        out = ParsedEvent{}; // a half-parsed stamp must not leak into a continuation
        return parseUnstamped(line, out);
    }

private:
    LineResult parseMessage(std::string_view message, ParsedEvent& out)
    {
        inUncaught_ = false;
        std::string_view body = message;
        if (!consume(body, "PHP ")) {
            // PHP-FPM's master writes the same stamp; its "NOTICE: ", "WARNING: [pool ..." lines are not
            // PHP's.
            for (std::string_view level : {"DEBUG: ", "NOTICE: ", "WARNING: ", "ERROR: ", "ALERT: "}) {
                if (body.starts_with(level))
                    return {LineStatus::Rejected, "a PHP-FPM master log line"};
            }
            out.code = MessageCode::PhpOther; // error_log("...") from the application itself
            haveEvent_ = true;
            return {LineStatus::Event, {}};
        }
        // Xdebug prints its stack as stamped lines: "PHP Stack trace:" / "PHP   1. {main}() /x.php:0".
        if (body.starts_with("Stack trace:"))
            return {LineStatus::Continuation, {}};
        if (body.starts_with("  ")) {
            parseXdebugFrame(body, out);
            return {LineStatus::Continuation, {}};
        }
        const std::size_t colon = body.find(':');
        MessageCode code = MessageCode::PhpOther;
        if (colon != std::string_view::npos && classifySeverity(body.substr(0, colon), code, out.level)) {
            body.remove_prefix(colon + 1);
            while (!body.empty() && body[0] == ' ')
                body.remove_prefix(1);
        }
        if (code == MessageCode::PhpFatal)
            code = classifyFatal(body, out);
        out.code = code;
        out.target = sourceFile(body);
        // PHP 7+ writes an uncaught exception's trace on the following unstamped lines.
        inUncaught_ = body.find("Uncaught ") != std::string_view::npos &&
                      body.find(" thrown in ") == std::string_view::npos;
        haveEvent_ = true;
        return {LineStatus::Event, {}};
    }

    LineResult parseUnstamped(std::string_view line, ParsedEvent& out)
    {
        if (isUndatedEntry(line)) {
            out.hasTime = false;
            return parseMessage(line, out);
        }
        const bool traceShaped = line.starts_with("Stack trace:") || line.starts_with("  thrown in ") ||
                                 line.starts_with("Next ") ||
                                 (line[0] == '#' && line.size() > 1 && isDigit(line[1]));
        if (!inUncaught_ && !traceShaped)
            return {LineStatus::Rejected, timestamps::stampReason(StampStatus::NoStamp)};
        if (!haveEvent_)
            return {LineStatus::Ignored, {}}; // a rotated file that starts inside a trace
        return continuation(line, out);
    }

    LineResult continuation(std::string_view line, ParsedEvent& out)
    {
        if (line[0] == '#' && line.size() > 1 && isDigit(line[1])) {
            parseTraceFrame(line, out);
        } else if (std::string_view thrown = line; consume(thrown, "  thrown in ")) {
            parseThrownIn(thrown, out);
            inUncaught_ = false;
        }
        return {LineStatus::Continuation, {}};
    }

    bool haveEvent_ = false;
    bool inUncaught_ = false;
};

} // namespace

std::unique_ptr<LogParser> makePhpErrorParser()
{
    return std::make_unique<PhpErrorParser>();
}

} // namespace gd
