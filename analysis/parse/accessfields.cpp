#include "parse/accessfields.h"

#include <array>
#include <cstring>

namespace gd::accessfields {

// ---------------------------------------------------------------------------------------------------------
// Byte scanning. Every helper stays inside the view; `from` may equal size().

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

// ---------------------------------------------------------------------------------------------------------
// Values.

namespace {
constexpr std::uint32_t packMonth(const char* text)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 16;
}
} // namespace

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

} // namespace gd::accessfields
