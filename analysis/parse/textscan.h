#pragma once

// Small byte-level helpers shared by the syslog, PHP error_log and BOA monitor parsers.
// Everything works on std::string_view, never allocates and never reads past the view.

#include "time/civiltime.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gd::textscan {

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Value of a hex digit, or -1.
constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Length of the run of decimal digits at the start of `text`.
inline std::size_t digitRun(std::string_view text)
{
    std::size_t n = 0;
    while (n < text.size() && isDigit(text[n]))
        ++n;
    return n;
}

/// Parses a whole view as a decimal number into `out`. Fails on empty input, any non-digit and
/// values above `limit`, so a 40-digit pid is refused instead of wrapping around.
inline bool parseUnsigned(std::string_view digits, std::uint64_t limit, std::uint64_t& out)
{
    if (digits.empty())
        return false;
    std::uint64_t value = 0;
    for (const char c : digits) {
        if (!isDigit(c))
            return false;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > limit)
            return false;
    }
    out = value;
    return true;
}

inline bool parsePid(std::string_view digits, std::uint32_t& pid)
{
    std::uint64_t value = 0;
    // Linux caps pids at 2^22; anything that needs more than 32 bits is corrupt.
    if (!parseUnsigned(digits, 0xFFFFFFFFu, value))
        return false;
    pid = static_cast<std::uint32_t>(value);
    return true;
}

/// Leading decimal number of `text`, saturated at 65535 (the width of ParsedEvent::value).
inline std::uint16_t leadingU16(std::string_view text)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < text.size() && isDigit(text[i]); ++i) {
        value = value * 10 + static_cast<std::uint32_t>(text[i] - '0');
        if (value > 0xFFFF)
            return 0xFFFF;
    }
    return static_cast<std::uint16_t>(value);
}

/// Leading hex number of `text` (kernel `%lx`, no 0x), saturated at 65535.
inline std::uint16_t leadingHexU16(std::string_view text)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int digit = hexValue(text[i]);
        if (digit < 0)
            break;
        value = value * 16 + static_cast<std::uint32_t>(digit);
        if (value > 0xFFFF)
            return 0xFFFF;
    }
    return static_cast<std::uint16_t>(value);
}

/// Text after `prefix` when `text` starts with it, else an empty view and false.
inline bool consumePrefix(std::string_view& text, std::string_view prefix)
{
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

/// First space-delimited token of `text`; `rest` gets what follows the single separating space.
inline std::string_view splitToken(std::string_view text, std::string_view& rest)
{
    const std::size_t space = text.find(' ');
    if (space == std::string_view::npos) {
        rest = {};
        return text;
    }
    rest = text.substr(space + 1);
    return text.substr(0, space);
}

/// Drops NUL bytes in front of a line: after a crash, ext4 often leaves a run of zeros in a log file
/// and the first line written after the reboot (the interesting one) is glued to it.
inline std::string_view skipLeadingNuls(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && line[i] == '\0')
        ++i;
    return line.substr(i);
}

inline std::string_view trimRight(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

/// "HH:MM:SS" at `pos` into `f`; false if the shape is wrong (range checks are left to isValidCivil).
inline bool parseClock(std::string_view text, std::size_t pos, CivilFields& f)
{
    if (pos + 8 > text.size() || text[pos + 2] != ':' || text[pos + 5] != ':')
        return false;
    f.hour = parseDigits(text, pos, 2);
    f.minute = parseDigits(text, pos + 3, 2);
    f.second = parseDigits(text, pos + 6, 2);
    return f.hour >= 0 && f.minute >= 0 && f.second >= 0;
}

/// "+HH:MM", "+HHMM", "+HH" (and '-') at the start of `text`; returns the characters used, 0 if none.
inline std::size_t parseNumericOffset(std::string_view text, std::int32_t& offsetSec)
{
    if (text.size() < 3 || (text[0] != '+' && text[0] != '-'))
        return 0;
    const int hours = parseDigits(text, 1, 2);
    if (hours < 0 || hours > 18)
        return 0;
    int minutes = 0;
    std::size_t used = 3;
    if (text.size() >= 6 && text[3] == ':' && parseDigits(text, 4, 2) >= 0) {
        minutes = parseDigits(text, 4, 2);
        used = 6;
    } else if (text.size() >= 5 && parseDigits(text, 3, 2) >= 0) {
        minutes = parseDigits(text, 3, 2);
        used = 5;
    }
    if (minutes > 59)
        return 0;
    const std::int32_t seconds = (hours * 60 + minutes) * 60;
    offsetSec = text[0] == '-' ? -seconds : seconds;
    return used;
}

} // namespace gd::textscan
