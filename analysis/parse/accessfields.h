#pragma once

// Field values of nginx access-log lines: byte scanning and value parsing shared by the compiled
// log_format matcher (parse/nginxlogformat.cpp). Raw bytes in, no allocation.

#include "model/event.h"
#include "time/civiltime.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace gd::accessfields {

inline constexpr std::size_t npos = std::string_view::npos;

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
constexpr bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

inline std::size_t findByte(std::string_view text, std::size_t from, char byte)
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
inline bool hasAt(std::string_view text, std::size_t pos, std::string_view literal)
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
inline std::size_t findLiteral(std::string_view text, std::size_t from, std::string_view literal)
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
std::size_t findClosingQuote(std::string_view text, std::size_t from, std::string_view literal);

/// End of an nginx list value ("0.004, 0.002 : 1.001", "10.0.0.1:9000, unix:/x.sock"): the first space that
/// neither follows a ',' nor starts a " : " group separator.
std::size_t findListEnd(std::string_view text, std::size_t from);

inline std::string_view trimSpaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

/// nginx logs a variable that is not set as "-".
inline std::string_view presentOrEmpty(std::string_view value)
{
    return value == "-" ? std::string_view() : value;
}

/// "Jan".."Dec" at `text` (3 readable bytes) to 1..12, else 0: one integer compare per month.
int monthAt(const char* text);

bool setCivilTime(const CivilFields& f, ParsedEvent& out);

/// Offset "+hhmm" (colon=false) or "+hh:mm" at `pos`.
bool parseOffset(std::string_view text, std::size_t pos, bool colon, ParsedEvent& out);

/// $time_local: "24/Nov/2026:10:51:32 +0100", fixed offsets.
bool parseTimeLocal(std::string_view text, ParsedEvent& out);

/// $time_iso8601: "2026-11-24T10:51:32+01:00" (nginx always writes the offset; accept "Z" too).
bool parseTimeIso8601(std::string_view text, ParsedEvent& out);

/// $msec: "1795513892.123", seconds since the epoch: UTC, so the offset is known to be 0.
bool parseMsec(std::string_view text, ParsedEvent& out);

/// "%T.%03M" seconds with milliseconds ("180.004"); fewer decimals are accepted and more are cut. Values
/// beyond the 49 days a uint32 of milliseconds holds are corrupt, not long requests.
bool parseSecondsMs(std::string_view text, std::uint32_t& ms);

/// Last element of an upstream list: the upstream that finally answered (or did not).
bool parseLastListTime(std::string_view list, std::uint32_t& ms);

/// First element of an X-Forwarded-For list: the original client (the last one is the TCP peer).
std::string_view firstListElement(std::string_view list);

bool looksLikeIpv4(std::string_view text);

bool looksLikeIpv6(std::string_view text);

bool looksLikeAddress(std::string_view text);

/// Host header or server name without ":port" ("example.com:8080", "[2001:db8::1]:443").
std::string_view hostWithoutPort(std::string_view host);

/// A plausible method: 1..20 upper-case letters ('-' and '_' inside, as in VERSION-CONTROL).
bool isMethodToken(std::string_view text);

HttpMethod methodFromToken(std::string_view text);

} // namespace gd::accessfields
