#pragma once

// Small string_view helpers for the nginx error, PHP-FPM master and slowlog parsers.
// None of them allocates or reads outside the view, so hostile lines are safe to feed in.

#include "model/event.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gd::scan {

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Drops `prefix` from the front of `text` when it is there.
inline bool consume(std::string_view& text, std::string_view prefix)
{
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

/// Reads the decimal digits at the front of `text` into `out` and drops them.
/// Fails (and leaves `text` alone) on no digits or a value above `limit`, so 40-digit pids never wrap.
inline bool consumeUnsigned(std::string_view& text, std::uint32_t& out, std::uint32_t limit = 0xFFFFFFFFu)
{
    std::size_t n = 0;
    std::uint64_t value = 0;
    while (n < text.size() && isDigit(text[n])) {
        value = value * 10 + static_cast<std::uint64_t>(text[n] - '0');
        if (value > limit)
            return false;
        ++n;
    }
    if (n == 0)
        return false;
    out = static_cast<std::uint32_t>(value);
    text.remove_prefix(n);
    return true;
}

/// The whole of `text` as a decimal number; `out` is left alone on failure.
inline bool parseUnsigned(std::string_view text, std::uint32_t& out)
{
    std::uint32_t value = 0;
    if (!consumeUnsigned(text, value) || !text.empty())
        return false;
    out = value;
    return true;
}

/// Drops the decimal digits at the front of `text`, however many there are; returns how many.
inline std::size_t skipDigits(std::string_view& text)
{
    std::size_t n = 0;
    while (n < text.size() && isDigit(text[n]))
        ++n;
    text.remove_prefix(n);
    return n;
}

/// ParsedEvent::value is 16 bits wide; larger readings (max_children 100000?) saturate.
constexpr std::uint16_t saturate16(std::uint32_t value)
{
    return value > 0xFFFFu ? std::uint16_t{0xFFFF} : static_cast<std::uint16_t>(value);
}

/// Reads "60.412345" (seconds, optional fraction of any length) at the front of `text` as
/// milliseconds, truncating below the millisecond. Fails on no digits or more than ~49 days.
bool consumeSecondsAsMs(std::string_view& text, std::uint32_t& ms);

/// Reads the zlog timestamp `[24-Nov-2026 10:51:32]` or, at log_level debug,
/// `[24-Nov-2026 10:51:32.123456]` at the front of `text` (FPM master log and slowlog).
/// Returns the reason on failure, an empty view on success.
std::string_view consumeFpmTime(std::string_view& text, CivilMs& time);

} // namespace gd::scan
