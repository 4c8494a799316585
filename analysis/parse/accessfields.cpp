#include "parse/accessfields.h"

#include "parse/scan.h"

namespace gd::accessfields {

using scan::findByte;
using scan::hasAt;
using scan::isDigit;
using scan::npos;

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

/// Last element of an upstream list: the upstream that finally answered (or did not).
bool parseLastListTime(std::string_view list, std::uint32_t& ms)
{
    const std::size_t separator = list.find_last_of(",:");
    const std::string_view last = scan::trimSpaces(separator == npos ? list : list.substr(separator + 1));
    return scan::parseSecondsAsMs(last, ms);
}

/// First element of an X-Forwarded-For list: the original client (the last one is the TCP peer).
std::string_view firstListElement(std::string_view list)
{
    const std::size_t comma = list.find(',');
    return presentOrEmpty(scan::trimSpaces(comma == npos ? list : list.substr(0, comma)));
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
        else if (scan::hexValue(c) < 0 && c != '.')
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
    if (text.empty() || text.size() > 20 || !scan::isUpper(text.front()))
        return false;
    for (const char c : text) {
        if (!scan::isUpper(c) && c != '-' && c != '_')
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
