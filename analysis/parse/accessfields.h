#pragma once

// What nginx access-log field values mean, beyond their bytes: lists, quoting, hosts, methods. Used by the
// compiled log_format matcher (parse/nginxlogformat.cpp) and, for the Host header, the error-log parser.
// Raw bytes in, no allocation; the scanning primitives are parse/scan.h, the times parse/timestamps.h.

#include "model/event.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gd::accessfields {

/// First '"' at or after `from` that is not backslash-escaped (escape=json writes \") and where `literal`
/// (which starts with that quote) follows. Raw quotes only appear with escape=none; skipping those that do
/// not continue the format keeps such a line aligned more often.
std::size_t findClosingQuote(std::string_view text, std::size_t from, std::string_view literal);

/// End of an nginx list value ("0.004, 0.002 : 1.001", "10.0.0.1:9000, unix:/x.sock"): the first space that
/// neither follows a ',' nor starts a " : " group separator.
std::size_t findListEnd(std::string_view text, std::size_t from);

/// nginx logs a variable that is not set as "-".
inline std::string_view presentOrEmpty(std::string_view value)
{
    return value == "-" ? std::string_view() : value;
}

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
