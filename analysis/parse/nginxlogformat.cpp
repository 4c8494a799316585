#include "parse/nginxlogformat.h"

#include "time/civiltime.h"

#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace gd {
namespace {

using Var = NginxLogFormat::Var;
using Stop = NginxLogFormat::Stop;
constexpr std::size_t npos = std::string_view::npos;

// Static reasons for rejected lines.
constexpr std::string_view kMismatch = "does not match the log format";
constexpr std::string_view kTruncated = "truncated line";
constexpr std::string_view kTrailing = "unexpected trailing data";
constexpr std::string_view kBadTime = "bad time";
constexpr std::string_view kBadStatus = "bad status";
constexpr std::string_view kBadRequestTime = "bad request_time";

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
constexpr bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

// ---------------------------------------------------------------------------------------------------------
// Byte scanning. Every helper stays inside the view; `from` may equal size().

std::size_t findByte(std::string_view text, std::size_t from, char byte)
{
    // Most fields are a few bytes long: a plain loop beats the call into memchr for those.
    const std::size_t shortEnd = from + 16 < text.size() ? from + 16 : text.size();
    for (std::size_t i = from; i < shortEnd; ++i) {
        if (text[i] == byte)
            return i;
    }
    if (shortEnd >= text.size())
        return npos;
    const void* hit = std::memchr(text.data() + shortEnd, byte, text.size() - shortEnd);
    return hit == nullptr ? npos : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
}

/// Literals are one to three bytes in practice, too short to be worth a memcmp call.
bool hasAt(std::string_view text, std::size_t pos, std::string_view literal)
{
    if (pos > text.size() || text.size() - pos < literal.size())
        return false;
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (text[pos + i] != literal[i])
            return false;
    }
    return true;
}

/// First occurrence of a non-empty `literal` at or after `from`.
std::size_t findLiteral(std::string_view text, std::size_t from, std::string_view literal)
{
    for (std::size_t hit = findByte(text, from, literal[0]); hit != npos;
         hit = findByte(text, hit + 1, literal[0])) {
        if (hasAt(text, hit, literal))
            return hit;
    }
    return npos;
}

/// First '"' at or after `from` that is not backslash-escaped (escape=json writes \") and where `literal`
/// (which starts with that quote) follows. Raw quotes only appear with escape=none; skipping those that do
/// not continue the format keeps such a line aligned more often.
std::size_t findClosingQuote(std::string_view text, std::size_t from, std::string_view literal)
{
    for (std::size_t quote = findByte(text, from, '"'); quote != npos;
         quote = findByte(text, quote + 1, '"')) {
        std::size_t run = quote;
        while (run > from && text[run - 1] == '\\')
            --run;
        if ((quote - run) % 2 == 0 && hasAt(text, quote, literal))
            return quote;
    }
    return npos;
}

/// End of an nginx list value ("0.004, 0.002 : 1.001", "10.0.0.1:9000, unix:/x.sock"): the first space that
/// neither follows a ',' nor starts a " : " group separator.
std::size_t findListEnd(std::string_view text, std::size_t from)
{
    for (std::size_t space = findByte(text, from, ' '); space != npos;
         space = findByte(text, space + 1, ' ')) {
        if (space > from && text[space - 1] == ',')
            continue;
        if (hasAt(text, space, " : ")) {
            space += 2;
            continue;
        }
        return space;
    }
    return npos;
}

std::string_view trimSpaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

/// nginx logs a variable that is not set as "-".
std::string_view presentOrEmpty(std::string_view value)
{
    return value == "-" ? std::string_view() : value;
}

// ---------------------------------------------------------------------------------------------------------
// Values.

constexpr std::uint32_t packMonth(const char* text)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 16;
}

/// "Jan".."Dec" at `text` (3 readable bytes) to 1..12, else 0: one integer compare per month.
int monthAt(const char* text)
{
    static constexpr std::array<std::uint32_t, 12> months = {
        packMonth("Jan"), packMonth("Feb"), packMonth("Mar"), packMonth("Apr"),
        packMonth("May"), packMonth("Jun"), packMonth("Jul"), packMonth("Aug"),
        packMonth("Sep"), packMonth("Oct"), packMonth("Nov"), packMonth("Dec")};
    const std::uint32_t key = packMonth(text);
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (months[i] == key)
            return static_cast<int>(i) + 1;
    }
    return 0;
}

bool setCivilTime(const CivilFields& f, ParsedEvent& out)
{
    // Before 1970 is corrupt, and 0 is the "no time" value of ParsedEvent.
    if (f.year < 1970 || !isValidCivil(f))
        return false;
    out.time = civilMs(f);
    return out.time > 0;
}

/// Offset "+hhmm" (colon=false) or "+hh:mm" at `pos`.
bool parseOffset(std::string_view text, std::size_t pos, bool colon, ParsedEvent& out)
{
    const char sign = text[pos];
    const int hours = parseDigits(text, pos + 1, 2);
    const int minutes = parseDigits(text, pos + (colon ? 4 : 3), 2);
    if ((sign != '+' && sign != '-') || (colon && text[pos + 3] != ':') || hours < 0 || hours > 18 ||
        minutes < 0 || minutes > 59)
        return false;
    const std::int32_t seconds = hours * 3600 + minutes * 60;
    out.hasOffset = true;
    out.utcOffsetSec = sign == '-' ? -seconds : seconds;
    return true;
}

/// $time_local: "24/Nov/2026:10:51:32 +0100", fixed offsets.
bool parseTimeLocal(std::string_view text, ParsedEvent& out)
{
    if (text.size() != 26 || text[2] != '/' || text[6] != '/' || text[11] != ':' || text[14] != ':' ||
        text[17] != ':' || text[20] != ' ')
        return false;
    CivilFields f;
    f.day = parseDigits(text, 0, 2);
    f.month = monthAt(text.data() + 3);
    f.year = parseDigits(text, 7, 4);
    f.hour = parseDigits(text, 12, 2);
    f.minute = parseDigits(text, 15, 2);
    f.second = parseDigits(text, 18, 2);
    return setCivilTime(f, out) && parseOffset(text, 21, false, out);
}

/// $time_iso8601: "2026-11-24T10:51:32+01:00" (nginx always writes the offset; accept "Z" too).
bool parseTimeIso8601(std::string_view text, ParsedEvent& out)
{
    if ((text.size() != 25 && text.size() != 20) || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':')
        return false;
    CivilFields f;
    f.year = parseDigits(text, 0, 4);
    f.month = parseDigits(text, 5, 2);
    f.day = parseDigits(text, 8, 2);
    f.hour = parseDigits(text, 11, 2);
    f.minute = parseDigits(text, 14, 2);
    f.second = parseDigits(text, 17, 2);
    if (!setCivilTime(f, out))
        return false;
    if (text.size() == 20) {
        out.hasOffset = text[19] == 'Z';
        return out.hasOffset;
    }
    return parseOffset(text, 19, true, out);
}

/// $msec: "1795513892.123", seconds since the epoch: UTC, so the offset is known to be 0.
bool parseMsec(std::string_view text, ParsedEvent& out)
{
    if (text.size() < 5 || text.size() > 15 || text[text.size() - 4] != '.')
        return false;
    const std::size_t dot = text.size() - 4;
    std::int64_t seconds = 0;
    for (std::size_t i = 0; i < dot; ++i) {
        if (!isDigit(text[i]))
            return false;
        seconds = seconds * 10 + (text[i] - '0');
    }
    const int millis = parseDigits(text, dot + 1, 3);
    if (millis < 0 || seconds == 0)
        return false;
    out.time = seconds * 1000 + millis;
    out.hasOffset = true;
    out.utcOffsetSec = 0;
    return true;
}

/// "%T.%03M" seconds with milliseconds ("180.004"); fewer decimals are accepted and more are cut. Values
/// beyond the 49 days a uint32 of milliseconds holds are corrupt, not long requests.
bool parseSecondsMs(std::string_view text, std::uint32_t& ms)
{
    constexpr std::uint64_t maxMs = 0xFFFFFFFEu; // 0xFFFFFFFF is AccessLineExtras::kAbsent
    std::size_t i = 0;
    std::uint64_t total = 0;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        total = total * 10 + static_cast<std::uint64_t>(text[i] - '0');
        if (total > maxMs / 1000)
            return false;
    }
    if (i == 0)
        return false;
    std::uint64_t millis = 0;
    if (i < text.size()) {
        if (text[i] != '.')
            return false;
        const std::size_t first = ++i;
        for (; i < text.size() && isDigit(text[i]); ++i) {
            if (i - first < 3)
                millis = millis * 10 + static_cast<std::uint64_t>(text[i] - '0');
        }
        if (i == first || i != text.size())
            return false;
        for (std::size_t used = i - first; used < 3; ++used)
            millis *= 10;
    }
    total = total * 1000 + millis;
    if (total > maxMs)
        return false;
    ms = static_cast<std::uint32_t>(total);
    return true;
}

/// Last element of an upstream list: the upstream that finally answered (or did not).
bool parseLastListTime(std::string_view list, std::uint32_t& ms)
{
    const std::size_t separator = list.find_last_of(",:");
    const std::string_view last = trimSpaces(separator == npos ? list : list.substr(separator + 1));
    return parseSecondsMs(last, ms);
}

/// First element of an X-Forwarded-For list: the original client (the last one is the TCP peer).
std::string_view firstListElement(std::string_view list)
{
    const std::size_t comma = list.find(',');
    return presentOrEmpty(trimSpaces(comma == npos ? list : list.substr(0, comma)));
}

bool looksLikeIpv4(std::string_view text)
{
    int dots = 0;
    for (const char c : text) {
        if (c == '.')
            ++dots;
        else if (!isDigit(c))
            return false;
    }
    return dots == 3;
}

bool looksLikeIpv6(std::string_view text)
{
    int colons = 0;
    for (const char c : text) {
        if (c == ':')
            ++colons;
        else if (!isDigit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f') && c != '.')
            return false;
    }
    return colons >= 2;
}

bool looksLikeAddress(std::string_view text)
{
    return looksLikeIpv4(text) || looksLikeIpv6(text);
}

/// Host header or server name without ":port" ("example.com:8080", "[2001:db8::1]:443").
std::string_view hostWithoutPort(std::string_view host)
{
    host = presentOrEmpty(host);
    if (!host.empty() && host.front() == '[') {
        const std::size_t close = host.find(']');
        return close == npos ? host : host.substr(0, close + 1);
    }
    const std::size_t colon = host.rfind(':');
    if (colon == npos || host.find(':') != colon)
        return host; // no port, or a bare IPv6 address
    for (std::size_t i = colon + 1; i < host.size(); ++i) {
        if (!isDigit(host[i]))
            return host;
    }
    return host.substr(0, colon);
}

/// A plausible method: 1..20 upper-case letters ('-' and '_' inside, as in VERSION-CONTROL).
bool isMethodToken(std::string_view text)
{
    if (text.empty() || text.size() > 20 || !isUpper(text.front()))
        return false;
    for (const char c : text) {
        if (!isUpper(c) && c != '-' && c != '_')
            return false;
    }
    return true;
}

HttpMethod methodFromToken(std::string_view text)
{
    text = presentOrEmpty(text);
    if (text.empty())
        return HttpMethod::None;
    return isMethodToken(text) ? httpMethodFromText(text) : HttpMethod::Other;
}

/// What one line has seen so far, to let the better source of a field win whatever the field order.
struct LineState {
    int clientRank = 0; ///< 1 = $remote_addr, 2 = first X-Forwarded-For element
    int targetRank = 0; ///< 1 = $uri (rewritten), 2 = $request, 3 = $request_uri
};

void setTarget(std::string_view target, int rank, ParsedEvent& out, LineState& state)
{
    if (rank > state.targetRank && !target.empty()) {
        out.target = target;
        state.targetRank = rank;
    }
}

void setClient(std::string_view client, int rank, ParsedEvent& out, LineState& state)
{
    if (rank > state.clientRank && !client.empty()) {
        out.client = client;
        state.clientRank = rank;
    }
}

/// $request: "GET /path?q HTTP/1.1". Garbage (TLS handshakes, scanners) stays an event with method OTHER.
void storeRequest(std::string_view request, ParsedEvent& out, LineState& state)
{
    request = presentOrEmpty(request);
    if (request.empty())
        return;
    const std::size_t space = request.find(' ');
    const std::string_view method = request.substr(0, space);
    if (!isMethodToken(method)) {
        out.method = HttpMethod::Other;
        return;
    }
    out.method = httpMethodFromText(method);
    if (space == npos)
        return;
    std::string_view target = trimSpaces(request.substr(space + 1));
    const std::size_t lastSpace = target.rfind(' ');
    const std::string_view protocol = lastSpace == npos ? target : target.substr(lastSpace + 1);
    if (protocol.starts_with("HTTP/"))
        target = trimSpaces(lastSpace == npos ? std::string_view() : target.substr(0, lastSpace));
    setTarget(target, 2, out, state);
}

std::string_view storeField(Var var, std::string_view value, ParsedEvent& out, AccessLineExtras* extras,
                            LineState& state)
{
    switch (var) {
    case Var::Skip:
        break;
    case Var::RemoteAddr:
        setClient(presentOrEmpty(value), 1, out, state);
        break;
    case Var::ForwardedFor:
        setClient(firstListElement(value), 2, out, state);
        break;
    case Var::Host:
        out.host = hostWithoutPort(value);
        break;
    case Var::TimeLocal:
        return parseTimeLocal(value, out) ? std::string_view() : kBadTime;
    case Var::TimeIso8601:
        return parseTimeIso8601(value, out) ? std::string_view() : kBadTime;
    case Var::Msec:
        return parseMsec(value, out) ? std::string_view() : kBadTime;
    case Var::Request:
        storeRequest(value, out, state);
        break;
    case Var::RequestMethod:
        out.method = methodFromToken(value);
        break;
    case Var::RequestUri:
        setTarget(presentOrEmpty(value), 3, out, state);
        break;
    case Var::Uri:
        setTarget(presentOrEmpty(value), 1, out, state);
        break;
    case Var::Status: {
        const int status = value.size() == 3 ? parseDigits(value, 0, 3) : -1;
        if (status < 0)
            return kBadStatus;
        out.value = static_cast<std::uint16_t>(status);
        break;
    }
    case Var::RequestTime: {
        std::uint32_t ms = 0;
        if (value != "-" && !parseSecondsMs(value, ms))
            return kBadRequestTime;
        out.durationMs = ms;
        break;
    }
    case Var::UpstreamResponseTime: {
        std::uint32_t ms = 0;
        if (extras != nullptr && parseLastListTime(value, ms))
            extras->upstreamResponseMs = ms;
        break;
    }
    }
    return {};
}

bool isTimeList(std::string_view text)
{
    for (const char c : text) {
        if (!isDigit(c) && c != '.' && c != ',' && c != ':' && c != ' ' && c != '-')
            return false;
    }
    return !text.empty();
}

/// `rt=0.250` and `urt="0.248"` style pairs (nginx Amplify's sample format): the value, unquoted, and
/// where the pair ends; nullopt-like empty key when the token is not a pair.
struct TailPair {
    std::string_view key;
    std::string_view value;
    std::size_t end = 0;
};

TailPair readTailPair(std::string_view tail, std::size_t pos, std::size_t tokenEnd)
{
    const std::size_t equals = findByte(tail.substr(0, tokenEnd), pos, '=');
    if (equals == npos)
        return {{}, {}, tokenEnd};
    TailPair pair{tail.substr(pos, equals - pos), tail.substr(equals + 1, tokenEnd - equals - 1), tokenEnd};
    if (equals + 1 < tail.size() && tail[equals + 1] == '"') {
        const std::size_t close = findClosingQuote(tail, equals + 2, "\"");
        pair.end = close == npos ? tail.size() : close + 1;
        pair.value = tail.substr(equals + 2, (close == npos ? tail.size() : close) - equals - 2);
    }
    return pair;
}

/// Whatever follows `combined` in the many home-made variants: the first unquoted decimal with a dot is
/// $request_time, an upstream time list may follow it, and a first quoted address list is
/// $http_x_forwarded_for (nginx's sample `main` format). Never fails.
void readTimingTail(std::string_view tail, ParsedEvent& out, AccessLineExtras* extras, LineState& state)
{
    bool haveRequestTime = false;
    bool sawQuoted = false;
    std::uint32_t ms = 0;
    std::size_t pos = 0;
    while (pos < tail.size()) {
        if (tail[pos] == ' ' || tail[pos] == '\t') {
            ++pos;
            continue;
        }
        if (tail[pos] == '"') {
            const std::size_t close = findClosingQuote(tail, pos + 1, "\"");
            if (close == npos)
                return;
            const std::string_view first = firstListElement(tail.substr(pos + 1, close - pos - 1));
            if (!sawQuoted && looksLikeAddress(first))
                setClient(first, 2, out, state);
            sawQuoted = true;
            pos = close + 1;
            continue;
        }
        std::size_t end = findByte(tail, pos, ' ');
        end = end == npos ? tail.size() : end;
        const TailPair pair = readTailPair(tail, pos, end);
        if (!pair.key.empty()) {
            if ((pair.key == "rt" || pair.key == "request_time") && parseSecondsMs(pair.value, ms)) {
                haveRequestTime = true;
                out.durationMs = ms;
            } else if ((pair.key == "urt" || pair.key == "upstream_response_time") && extras != nullptr &&
                       parseLastListTime(pair.value, ms)) {
                extras->upstreamResponseMs = ms;
            }
            pos = pair.end;
            continue;
        }
        const std::string_view token = tail.substr(pos, end - pos);
        if (!haveRequestTime && token.find('.') != npos && parseSecondsMs(token, ms)) {
            haveRequestTime = true;
            out.durationMs = ms;
            const std::size_t next = end + 1; // $upstream_response_time conventionally comes next
            if (next < tail.size() && (isDigit(tail[next]) || tail[next] == '-')) {
                std::size_t listEnd = findListEnd(tail, next);
                listEnd = listEnd == npos ? tail.size() : listEnd;
                const std::string_view list = tail.substr(next, listEnd - next);
                if (extras != nullptr && isTimeList(list) && parseLastListTime(list, ms))
                    extras->upstreamResponseMs = ms;
                end = listEnd;
            }
        }
        pos = end;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Compiling.

bool fail(std::string* error, std::string message)
{
    if (error != nullptr)
        *error = std::move(message);
    return false;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimBlanks(std::string_view text)
{
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

/// The escapes nginx.conf understands (ngx_conf_file.c); anything else is a typo worth reporting.
bool appendUnescaped(std::string_view text, std::string& out, std::string* error)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i == text.size())
            return fail(error, "the format ends with a lone backslash");
        switch (text[i]) {
        case '"':
        case '\'':
        case '\\':
            out += text[i];
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        default:
            return fail(error, std::string("unknown escape \\") + text[i] + " in the format");
        }
    }
    return true;
}

/// nginx.conf arguments ('...' "..." or bare words), concatenated as nginx does, up to an optional ';'.
bool appendConfigArguments(std::string_view text, std::string& out, std::string* error)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (isBlank(c)) {
            ++i;
        } else if (c == ';') {
            if (!trimBlanks(text.substr(i + 1)).empty())
                return fail(error, "text after ';' in the format");
            break;
        } else if (c == '\'' || c == '"') {
            std::size_t close = i + 1;
            while (close < text.size() && text[close] != c)
                close += text[close] == '\\' ? 2 : 1;
            if (close >= text.size())
                return fail(error, std::string("unterminated ") + c + " quote in the format");
            if (!appendUnescaped(text.substr(i + 1, close - i - 1), out, error))
                return false;
            i = close + 1;
        } else {
            std::size_t end = i;
            while (end < text.size() && !isBlank(text[end]) && text[end] != ';' && text[end] != '\'' &&
                   text[end] != '"')
                end += text[end] == '\\' ? 2 : 1;
            end = end > text.size() ? text.size() : end;
            if (!appendUnescaped(text.substr(i, end - i), out, error))
                return false;
            i = end;
        }
    }
    return true;
}

/// The format text proper, from any of the three accepted spellings.
bool unquoteFormat(std::string_view input, std::string& out, std::string* error)
{
    std::string_view text = trimBlanks(input);
    if (text.starts_with("log_format") && text.size() > 10 && isBlank(text[10])) {
        text = trimBlanks(text.substr(10));
        std::size_t nameEnd = 0;
        while (nameEnd < text.size() && !isBlank(text[nameEnd]))
            ++nameEnd;
        text = trimBlanks(text.substr(nameEnd)); // the format's name
        if (text.starts_with("escape=")) {
            std::size_t end = 0;
            while (end < text.size() && !isBlank(text[end]))
                ++end;
            text = trimBlanks(text.substr(end));
        }
        if (!appendConfigArguments(text, out, error))
            return false;
    } else if (text.starts_with('\'')) {
        if (!appendConfigArguments(text, out, error))
            return false;
    } else if (!appendUnescaped(text, out, error)) {
        return false;
    }
    if (out.empty())
        return fail(error, "the format is empty");
    std::size_t quotes = 0;
    for (const char c : out)
        quotes += c == '"' ? 1 : 0;
    if (quotes % 2 != 0)
        return fail(error, "unbalanced '\"' in the format: a quoted field is never closed");
    return true;
}

enum class Shape : std::uint8_t {
    Free,  ///< may contain spaces
    Token, ///< never contains a space
    List   ///< nginx list: "a, b : c"
};

struct VarInfo {
    std::string_view name;
    Var var;
    Shape shape;
};

// Variables with a meaning for the analysis, and skipped ones whose shape helps to find their end.
constexpr std::array<VarInfo, 35> kVariables = {{
    {"remote_addr", Var::RemoteAddr, Shape::Token},
    {"proxy_add_x_forwarded_for", Var::ForwardedFor, Shape::List},
    {"http_x_forwarded_for", Var::ForwardedFor, Shape::List},
    {"host", Var::Host, Shape::Token},
    {"http_host", Var::Host, Shape::Token},
    {"server_name", Var::Host, Shape::Token},
    {"time_local", Var::TimeLocal, Shape::Free},
    {"time_iso8601", Var::TimeIso8601, Shape::Token},
    {"msec", Var::Msec, Shape::Token},
    {"request", Var::Request, Shape::Free},
    {"request_method", Var::RequestMethod, Shape::Token},
    {"request_uri", Var::RequestUri, Shape::Free},
    {"uri", Var::Uri, Shape::Free},
    {"document_uri", Var::Uri, Shape::Free},
    {"status", Var::Status, Shape::Token},
    {"request_time", Var::RequestTime, Shape::Token},
    {"upstream_response_time", Var::UpstreamResponseTime, Shape::List},
    {"body_bytes_sent", Var::Skip, Shape::Token},
    {"bytes_sent", Var::Skip, Shape::Token},
    {"request_length", Var::Skip, Shape::Token},
    {"connection", Var::Skip, Shape::Token},
    {"connection_requests", Var::Skip, Shape::Token},
    {"pid", Var::Skip, Shape::Token},
    {"remote_port", Var::Skip, Shape::Token},
    {"server_port", Var::Skip, Shape::Token},
    {"server_addr", Var::Skip, Shape::Token},
    {"server_protocol", Var::Skip, Shape::Token},
    {"scheme", Var::Skip, Shape::Token},
    {"https", Var::Skip, Shape::Token},
    {"gzip_ratio", Var::Skip, Shape::Token},
    {"pipe", Var::Skip, Shape::Token},
    {"request_id", Var::Skip, Shape::Token},
    {"ssl_protocol", Var::Skip, Shape::Token},
    {"ssl_cipher", Var::Skip, Shape::Token},
    {"http_x_real_ip", Var::Skip, Shape::Token},
}};

VarInfo lookUpVariable(std::string_view name)
{
    for (const VarInfo& info : kVariables) {
        if (info.name == name)
            return info;
    }
    // $upstream_addr, $upstream_status, $upstream_connect_time...: one entry per upstream tried.
    if (name.starts_with("upstream_"))
        return {name, Var::Skip, Shape::List};
    return {name, Var::Skip, Shape::Free};
}

bool isNameChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isTimeVar(Var var)
{
    return var == Var::TimeLocal || var == Var::TimeIso8601 || var == Var::Msec;
}

std::string toLower(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return lower;
}

struct Element {
    std::string name;
    VarInfo info;
    std::string literalAfter;
};

/// Splits the format into prefix literal, then (variable, literal after it) pairs.
bool splitFormat(std::string_view text, std::string& prefix, std::vector<Element>& elements,
                 std::string* error)
{
    std::string* literal = &prefix;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '$') {
            *literal += text[i++];
            continue;
        }
        const std::size_t dollar = i;
        std::string_view name;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            if (close == npos)
                return fail(error, "unterminated ${ in the format");
            name = text.substr(i + 2, close - i - 2);
            i = close + 1;
        } else {
            std::size_t end = i + 1;
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            name = text.substr(i + 1, end - i - 1);
            i = end;
        }
        bool validName = !name.empty();
        for (const char c : name)
            validName = validName && isNameChar(c);
        if (!validName)
            return fail(error, "'$' without a variable name at position " + std::to_string(dollar + 1));
        std::string lower = toLower(name);
        if (!elements.empty() && literal->empty())
            return fail(error, "$" + elements.back().name + " and $" + lower +
                                   " are not separated by any text, so their values cannot be told apart");
        const VarInfo info = lookUpVariable(lower);
        elements.push_back({std::move(lower), info, {}});
        literal = &elements.back().literalAfter;
    }
    return true;
}

Stop chooseStop(Shape shape, std::string_view before, std::string_view after)
{
    if (after.empty()) // a last token still must not swallow what follows it
        return shape == Shape::Token ? Stop::Token : Stop::EndOfLine;
    if (!before.empty() && before.back() == '"' && after.front() == '"')
        return Stop::Quoted;
    if (after.front() == ' ' && shape == Shape::Token)
        return Stop::Token;
    if (after.front() == ' ' && shape == Shape::List)
        return Stop::List;
    return Stop::Literal;
}

constexpr std::size_t kMaxFormatSize = 8192;

} // namespace

std::optional<NginxLogFormat> NginxLogFormat::compile(std::string_view format, std::string* error,
                                                      TrailingData trailing)
{
    NginxLogFormat compiled;
    compiled.trailing_ = trailing;
    if (!unquoteFormat(format, compiled.text_, error))
        return std::nullopt;
    if (compiled.text_.size() > kMaxFormatSize) {
        fail(error, "the format is longer than " + std::to_string(kMaxFormatSize) + " characters");
        return std::nullopt;
    }
    std::string prefix;
    std::vector<Element> elements;
    if (!splitFormat(compiled.text_, prefix, elements, error))
        return std::nullopt;
    if (elements.empty()) {
        fail(error, "the format has no variables");
        return std::nullopt;
    }
    bool hasTime = false;
    for (const Element& element : elements)
        hasTime = hasTime || isTimeVar(element.info.var);
    if (!hasTime) {
        fail(error, "the format has no time variable ($time_local, $time_iso8601 or $msec)");
        return std::nullopt;
    }

    compiled.literals_ = prefix;
    compiled.prefixSize_ = static_cast<std::uint32_t>(prefix.size());
    compiled.fields_.reserve(elements.size());
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const std::string& before = k == 0 ? prefix : elements[k - 1].literalAfter;
        const std::string& after = elements[k].literalAfter;
        Field field;
        field.var = elements[k].info.var;
        field.stop = chooseStop(elements[k].info.shape, before, after);
        field.literalOffset = static_cast<std::uint32_t>(compiled.literals_.size());
        field.literalSize = static_cast<std::uint32_t>(after.size());
        compiled.literals_ += after;
        compiled.fields_.push_back(field);
    }
    return compiled;
}

FormatMatch NginxLogFormat::matchLine(std::string_view line, ParsedEvent& out, AccessLineExtras* extras) const
{
    if (!hasAt(line, 0, literal(0, prefixSize_)))
        return {kMismatch, 0};
    std::size_t pos = prefixSize_;
    LineState state;
    for (const Field& field : fields_) {
        const std::string_view after = literal(field.literalOffset, field.literalSize);
        std::size_t end = npos;
        switch (field.stop) {
        case Stop::Literal:
            end = findLiteral(line, pos, after);
            break;
        case Stop::Token:
            end = findByte(line, pos, ' ');
            end = end == npos && after.empty() ? line.size() : end;
            break;
        case Stop::List:
            end = findListEnd(line, pos);
            break;
        case Stop::Quoted:
            end = findClosingQuote(line, pos, after);
            break;
        case Stop::EndOfLine:
            end = line.size();
            break;
        }
        if (end == npos) // the line ended first; before the first field it was never this format
            return {&field == fields_.data() ? kMismatch : kTruncated, pos};
        if (!hasAt(line, end, after))
            return {kMismatch, end};
        const std::string_view reason =
            storeField(field.var, line.substr(pos, end - pos), out, extras, state);
        if (!reason.empty())
            return {reason, end};
        pos = end + after.size();
    }
    if (pos < line.size()) {
        if (trailing_ == TrailingData::Reject)
            return {kTrailing, pos};
        readTimingTail(line.substr(pos), out, extras, state);
    }
    return {};
}

bool validateAccessLogFormat(std::string_view format, std::string* error)
{
    return NginxLogFormat::compile(format, error).has_value();
}

} // namespace gd
