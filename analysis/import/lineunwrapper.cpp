#include "import/lineunwrapper.h"

#include "parse/scan.h"
#include "parse/timestamps.h"
#include "time/civiltime.h"

#include <cctype>

namespace gd {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

/// Quote markers people put before pasted lines: `>` (mail, markdown), `#` (shell comments, test output),
/// each followed by a blank, another marker or the end. `#0 /path` (a stack frame) is not a marker.
std::string_view stripQuoting(std::string_view text, bool& indented)
{
    indented = !text.empty() && isBlank(text.front());
    std::size_t pos = 0;
    bool marker = false;
    while (pos < text.size()) {
        const char c = text[pos];
        if (isBlank(c)) {
            ++pos;
            continue;
        }
        const bool quoteChar = c == '>' || c == '#';
        const bool followedByQuoteOrBlank =
            pos + 1 == text.size() || isBlank(text[pos + 1]) || text[pos + 1] == '>' || text[pos + 1] == '#';
        if (quoteChar && followedByQuoteOrBlank) {
            marker = true;
            ++pos;
            continue;
        }
        break;
    }
    if (marker)
        indented = false; // a quoted block's own indentation says nothing about wrapping
    return text.substr(pos);
}

bool isFence(std::string_view text)
{
    text = scan::trimSpaces(text);
    if (!(scan::hasAt(text, 0, "```") || scan::hasAt(text, 0, "~~~")))
        return false;
    for (std::size_t i = 3; i < text.size(); ++i) {
        const char c = text[i];
        if (isBlank(c) || c == '`' || c == '~')
            continue;
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            return false; // a language tag is fine; anything else is a line that happens to start so
    }
    return true;
}

/// True when every `"` of the text is escaped (`\"`) and there is at least one: JSON-dumped text.
bool allQuotesEscaped(std::string_view text)
{
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            any = any || text[i + 1] == '"';
            ++i;
            continue;
        }
        if (text[i] == '"')
            return false;
    }
    return any;
}

void appendUtf8(std::string& out, unsigned code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// JSON string escapes to bytes. Newlines inside become blanks and the record's final one is dropped: a log
/// line stays one line.
void unescapeJson(std::string_view text, std::string& out)
{
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const char e = text[++i];
        switch (e) {
        case 'n':
        case 't':
            out += e == 'n' ? ' ' : '\t';
            break;
        case 'r':
            break;
        case 'u': {
            unsigned code = 0;
            std::size_t digits = 0;
            while (digits < 4 && i + 1 < text.size() && scan::hexValue(text[i + 1]) >= 0) {
                code = code * 16 + static_cast<unsigned>(scan::hexValue(text[++i]));
                ++digits;
            }
            appendUtf8(out, digits == 4 ? code : 0xFFFD);
            break;
        }
        default:
            out += e; // \" \\ \/
            break;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
}

/// The value of `"key":"..."` in a flat JSON object, raw (still escaped); empty view when absent.
std::string_view jsonStringField(std::string_view object, std::string_view key)
{
    std::string pattern;
    pattern.reserve(key.size() + 4);
    pattern += '"';
    pattern += key;
    pattern += "\":\"";
    const std::size_t at = object.find(pattern);
    if (at == std::string_view::npos)
        return {};
    const std::size_t start = at + pattern.size();
    std::size_t end = start;
    while (end < object.size() && object[end] != '"')
        end += object[end] == '\\' ? 2 : 1;
    return object.substr(start, std::min(end, object.size()) - start);
}

bool setTimeFromIso(std::string_view text, UnwrappedLine& out)
{
    ParsedEvent stamp;
    std::size_t used = 0;
    if (timestamps::readIso8601(text, stamp, used) != timestamps::StampStatus::Ok || used != text.size())
        return false;
    out.hasTime = true;
    out.timeHasOffset = stamp.hasOffset;
    out.utcOffsetSec = stamp.utcOffsetSec;
    out.timeHasYear = true;
    out.timeCivilMs = stamp.time;
    return true;
}

/// `name  | rest` (docker compose v1 `web_1  | `, v2 `web-1  | `): the container name and the rest.
bool splitComposePrefix(std::string_view text, std::string_view& name, std::string_view& rest)
{
    std::size_t pos = 0;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '-' ||
                                 text[pos] == '_' || text[pos] == '.'))
        ++pos;
    if (pos == 0 || pos > 64 || pos == text.size() || !isBlank(text[pos]))
        return false;
    std::size_t bar = pos;
    while (bar < text.size() && isBlank(text[bar]))
        ++bar;
    if (bar == text.size() || text[bar] != '|' || (bar + 1 < text.size() && !isBlank(text[bar + 1])))
        return false;
    name = text.substr(0, pos);
    rest = bar + 2 <= text.size() ? text.substr(bar + 2) : std::string_view();
    return true;
}

/// `2024-03-18T10:26:07.123456789Z rest` (docker logs -t, kubectl --timestamps), also with CRI's
/// `stdout F `/`stderr P ` after the stamp.
bool splitTimestampPrefix(std::string_view text, UnwrappedLine& out, std::string_view& rest)
{
    if (text.size() < 21 || !scan::isDigit(text[0]) || text[4] != '-' || text[10] != 'T')
        return false;
    const std::size_t space = text.find(' ');
    if (space == std::string_view::npos)
        return false;
    UnwrappedLine stamped;
    if (!setTimeFromIso(text.substr(0, space), stamped) || !stamped.timeHasOffset)
        return false; // a local ISO time without offset is how syslog writes, not a container tool
    rest = text.substr(space + 1);
    for (std::string_view stream : {"stdout ", "stderr "}) {
        if (scan::hasAt(rest, 0, stream) && rest.size() >= stream.size() + 2 &&
            (rest[stream.size()] == 'F' || rest[stream.size()] == 'P') && rest[stream.size() + 1] == ' ') {
            rest.remove_prefix(stream.size() + 2);
            break;
        }
    }
    out.hasTime = stamped.hasTime;
    out.timeHasOffset = stamped.timeHasOffset;
    out.utcOffsetSec = stamped.utcOffsetSec;
    out.timeHasYear = true;
    out.timeCivilMs = stamped.timeCivilMs;
    return true;
}

bool isTagChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/' ||
           c == '@';
}

/// `prog[pid]: rest` or `prog: rest`: the program and the rest.
bool splitTag(std::string_view text, bool requirePid, std::string_view& program, std::string_view& rest)
{
    std::size_t pos = 0;
    while (pos < text.size() && isTagChar(text[pos]))
        ++pos;
    if (pos == 0)
        return false;
    program = text.substr(0, pos);
    bool pid = false;
    if (pos < text.size() && text[pos] == '[') {
        const std::size_t close = text.find(']', pos);
        if (close == std::string_view::npos || close == pos + 1)
            return false;
        for (std::size_t i = pos + 1; i < close; ++i) {
            if (!scan::isDigit(text[i]))
                return false;
        }
        pos = close + 1;
        pid = true;
    }
    if ((requirePid && !pid) || pos + 1 >= text.size() || text[pos] != ':' || text[pos + 1] != ' ')
        return false;
    rest = text.substr(pos + 2);
    return true;
}

/// `host prog[pid]: rest` after a syslog stamp, or `prog[pid]: rest` when the writer left the host out
/// (journald output of containers): the program and the rest.
bool splitSyslogTag(std::string_view text, std::string_view& program, std::string_view& rest)
{
    const std::size_t hostEnd = text.find(' ');
    if (hostEnd != 0 && hostEnd != std::string_view::npos &&
        splitTag(text.substr(hostEnd + 1), false, program, rest))
        return true;
    return splitTag(text, true, program, rest);
}

/// `Mar 18 10:26:07 host prog[pid]: rest` (syslog, journalctl) or, after an ISO stamp already taken off,
/// `host prog[pid]: rest`.
bool splitSyslogPrefix(std::string_view text, bool stampTaken, UnwrappedLine& out, std::string_view& program,
                       std::string_view& rest)
{
    std::string_view afterStamp = text;
    ParsedEvent stamp;
    bool ownStamp = false;
    if (!stampTaken) {
        std::size_t used = 0;
        if (timestamps::readSyslogTime(text, stamp, used) == timestamps::StampStatus::Ok) {
            ownStamp = true;
        } else if (timestamps::readIso8601(text, stamp, used) == timestamps::StampStatus::Ok) {
            ownStamp = true;
        } else {
            return false;
        }
        if (used >= text.size() || text[used] != ' ')
            return false;
        afterStamp = text.substr(used + 1);
    }
    if (!splitSyslogTag(afterStamp, program, rest))
        return false;
    if (ownStamp) {
        out.hasTime = true;
        out.timeHasOffset = stamp.hasOffset;
        out.utcOffsetSec = stamp.utcOffsetSec;
        out.timeHasYear = stamp.hasYear;
        out.timeCivilMs = stamp.time;
    }
    return true;
}

bool namesStackProgram(std::string_view label)
{
    std::string lower(label);
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* name : {"nginx", "php", "fpm", "kernel", "syslog", "journal"}) {
        if (lower.find(name) != std::string::npos)
            return true;
    }
    return false;
}

/// A reporter's label in front of a line: "NGINX:  recv() failed ...", "PHP-FPM: child ... exited", or a
/// bracketed one naming server and log, "(web2, FPM log) [02-May-2019 ...] WARNING: ...". Only labels that
/// name a program of the stack, so a log's own "WARNING: " or "[02-May-2019 15:37:54]" stays where it is.
bool splitProgramLabel(std::string_view text, std::string_view& label, std::string_view& rest)
{
    constexpr std::size_t kMaxBracketedLabel = 40;
    if (!text.empty() && (text.front() == '(' || text.front() == '[')) {
        const std::size_t close = text.find(text.front() == '(' ? ')' : ']');
        if (close == std::string_view::npos || close > kMaxBracketedLabel || close < 2)
            return false;
        label = scan::trimSpaces(text.substr(1, close - 1));
        rest = scan::trimSpaces(text.substr(close + 1));
        return namesStackProgram(label) && !rest.empty();
    }
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos || colon == 0 || colon > 16)
        return false;
    label = text.substr(0, colon);
    if (!namesStackProgram(label) || label.find(' ') != std::string_view::npos)
        return false;
    rest = scan::trimSpaces(text.substr(colon + 1));
    return !rest.empty();
}

} // namespace

UnwrappedLine LineUnwrapper::unwrap(std::string_view line)
{
    UnwrappedLine out;
    std::string_view text = stripQuoting(line, out.indented);
    const std::string_view trimmed = scan::trimSpaces(text);
    if (trimmed.empty() || isFence(text) || journalEnd(trimmed) != 0 ||
        scan::hasAt(trimmed, 0, "-- Reboot --") || scan::hasAt(trimmed, 0, "-- No entries --")) {
        out.structural = true;
        out.layers[0] = trimmed;
        out.layerCount = 1;
        return out;
    }
    if (allQuotesEscaped(text)) {
        unescapeJson(text, unescapeBuffer_);
        text = unescapeBuffer_;
    }
    out.layers[out.layerCount++] = text;

    // Docker's json-file: {"log":"...\n","stream":"stderr","time":"2024-03-18T10:26:07.123456789Z"}
    if (scan::hasAt(text, 0, "{\"log\":\"")) {
        const std::string_view raw = jsonStringField(text, "log");
        unescapeJson(raw, jsonBuffer_);
        setTimeFromIso(jsonStringField(text, "time"), out);
        text = jsonBuffer_;
        out.layers[out.layerCount++] = text;
    }
    std::string_view name;
    std::string_view rest;
    if (out.layerCount < UnwrappedLine::kMaxLayers && splitComposePrefix(text, name, rest)) {
        out.stream = name;
        text = rest;
        out.layers[out.layerCount++] = text;
    }
    bool stampTaken = false;
    if (out.layerCount < UnwrappedLine::kMaxLayers && splitTimestampPrefix(text, out, rest)) {
        stampTaken = true;
        text = rest;
        out.layers[out.layerCount++] = text;
    }
    std::string_view program;
    if (out.layerCount < UnwrappedLine::kMaxLayers &&
        splitSyslogPrefix(text, stampTaken, out, program, rest)) {
        if (out.stream.empty())
            out.stream = program;
        text = rest;
        out.layers[out.layerCount++] = text;
    }
    std::string_view label;
    if (out.layerCount < UnwrappedLine::kMaxLayers &&
        splitProgramLabel(scan::trimSpaces(text), label, rest)) {
        // A bracketed label may name the server too ("web2, FPM log"): each label is a stream of its own.
        if (out.stream.empty() && scan::trimSpaces(text).front() == '(')
            out.stream = label;
        out.layers[out.layerCount++] = rest;
    }
    return out;
}

std::int64_t LineUnwrapper::journalEnd(std::string_view line)
{
    if (!scan::hasAt(line, 0, "-- ") || line.size() < 6 || line.substr(line.size() - 3) != " --")
        return 0;
    std::size_t at = line.find("end at ");
    std::size_t skip = 7;
    if (at == std::string_view::npos) {
        at = line.find("ends at ");
        skip = 8;
    }
    if (at == std::string_view::npos)
        return 0;
    std::string_view rest = line.substr(at + skip);
    const std::size_t space = rest.find(' '); // the weekday
    if (space == std::string_view::npos)
        return 0;
    rest.remove_prefix(space + 1);
    ParsedEvent stamp; // "2023-12-05 10:00:00"
    std::size_t used = 0;
    return timestamps::readAsctime(rest, stamp, used) == timestamps::StampStatus::Ok ? stamp.time : 0;
}

} // namespace gd
