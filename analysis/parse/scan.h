#pragma once

// The byte-level toolkit every log parser scans with. Everything takes std::string_view, never allocates and
// never reads outside the view, so hostile lines are safe to feed in. The access-log parser calls the finding
// helpers several times per field at ~1 GB/s, which is why they stay inline here.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gd::scan {

inline constexpr std::size_t npos = std::string_view::npos;

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
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

// ---------------------------------------------------------------------------------------------------------
// Finding. `from` may equal size().

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

// ---------------------------------------------------------------------------------------------------------
// Reading at the front: `consume*` drop what they read from `text`, and leave it alone when they fail.

/// Drops `prefix` from the front of `text` when it is there.
inline bool consume(std::string_view& text, std::string_view prefix)
{
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

/// Length of the run of decimal digits at the start of `text`.
inline std::size_t digitRun(std::string_view text)
{
    std::size_t n = 0;
    while (n < text.size() && isDigit(text[n]))
        ++n;
    return n;
}

/// Drops the decimal digits at the front of `text`, however many there are; returns how many.
inline std::size_t skipDigits(std::string_view& text)
{
    const std::size_t n = digitRun(text);
    text.remove_prefix(n);
    return n;
}

/// Reads the decimal digits at the front of `text` into `out`. Fails on no digits or a value above `limit`,
/// so a 40-digit pid is refused instead of wrapping around.
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

/// The whole of `text` as a decimal number of at most `limit`; `out` is left alone on failure.
inline bool parseUnsigned(std::string_view text, std::uint32_t& out, std::uint32_t limit = 0xFFFFFFFFu)
{
    std::uint32_t value = 0;
    if (!consumeUnsigned(text, value, limit) || !text.empty())
        return false;
    out = value;
    return true;
}

/// Reads seconds with an optional fraction of any length ("60.412345", "180.004", "3") as milliseconds,
/// truncating below the millisecond. Fails on no digits, a dot without digits, and values of 49.7 days or
/// more (0xFFFFFFFF is AccessLineExtras::kAbsent): those are corrupt, not long requests.
bool consumeSecondsAsMs(std::string_view& text, std::uint32_t& ms);

/// The whole of `text` as consumeSecondsAsMs() reads it.
inline bool parseSecondsAsMs(std::string_view text, std::uint32_t& ms)
{
    std::uint32_t value = 0;
    if (!consumeSecondsAsMs(text, value) || !text.empty())
        return false;
    ms = value;
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Numbers for ParsedEvent::value, which is 16 bits wide: larger readings (max_children 100000?) saturate.

constexpr std::uint16_t saturate16(std::uint32_t value)
{
    return value > 0xFFFFu ? std::uint16_t{0xFFFF} : static_cast<std::uint16_t>(value);
}

/// Leading decimal number of `text` (0 when there is none), saturated at 65535 however long it is.
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

// ---------------------------------------------------------------------------------------------------------
// Tokens and blanks.

/// First space-delimited token of `text`; `rest` gets what follows the single separating space.
inline std::string_view splitToken(std::string_view text, std::string_view& rest)
{
    const std::size_t space = text.find(' ');
    if (space == npos) {
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

/// `line` without its ANSI escape sequences (colour codes such as "\x1B[0;31m" from journalctl or a terminal
/// copy). Returns `line` itself when it has none; otherwise the cleaned text, which lives in `buffer` until
/// the next call with the same buffer.
std::string_view stripAnsi(std::string_view line, std::string& buffer);

/// Without trailing spaces and tabs; empty for a blank line.
inline std::string_view trimRight(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

/// Without spaces at either end (nginx pads list elements with single spaces, never tabs).
inline std::string_view trimSpaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

} // namespace gd::scan
