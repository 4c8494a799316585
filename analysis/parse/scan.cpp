#include "parse/scan.h"

namespace gd::scan {

bool consumeSecondsAsMs(std::string_view& text, std::uint32_t& ms)
{
    constexpr std::uint64_t maxMs = 0xFFFFFFFEu;
    std::string_view rest = text;
    std::uint64_t total = 0;
    std::size_t digits = 0;
    for (; digits < rest.size() && isDigit(rest[digits]); ++digits) {
        total = total * 10 + static_cast<std::uint64_t>(rest[digits] - '0');
        if (total > maxMs / 1000)
            return false;
    }
    if (digits == 0)
        return false;
    rest.remove_prefix(digits);
    std::uint64_t millis = 0;
    if (consume(rest, ".")) {
        const std::size_t fraction = digitRun(rest);
        if (fraction == 0)
            return false;
        for (std::size_t i = 0; i < 3; ++i)
            millis = millis * 10 + (i < fraction ? static_cast<std::uint64_t>(rest[i] - '0') : 0);
        rest.remove_prefix(fraction);
    }
    total = total * 1000 + millis;
    if (total > maxMs)
        return false;
    ms = static_cast<std::uint32_t>(total);
    text = rest;
    return true;
}

std::string_view stripAnsi(std::string_view line, std::string& buffer)
{
    std::size_t escape = line.find('\x1B');
    if (escape == npos)
        return line;
    buffer.clear();
    std::size_t from = 0;
    while (escape != npos) {
        buffer.append(line.substr(from, escape - from));
        std::size_t end = escape + 1;
        if (end < line.size() && line[end] == '[') {
            // CSI: parameter and intermediate bytes (0x20-0x3F), then one final byte (0x40-0x7E).
            ++end;
            while (end < line.size() && line[end] >= 0x20 && line[end] <= 0x3F)
                ++end;
            if (end < line.size() && line[end] >= 0x40 && line[end] <= 0x7E)
                ++end;
        } else if (end < line.size()) {
            ++end; // a two-byte sequence (ESC and one character)
        }
        from = end;
        escape = line.find('\x1B', from);
    }
    buffer.append(line.substr(from));
    return buffer;
}

} // namespace gd::scan
