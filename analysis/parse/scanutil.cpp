#include "parse/scanutil.h"

#include "time/civiltime.h"

namespace gd::scan {

bool consumeSecondsAsMs(std::string_view& text, std::uint32_t& ms)
{
    std::string_view rest = text;
    std::uint32_t seconds = 0;
    // 4294967 s is the largest whole-second count whose milliseconds still fit in 32 bits.
    if (!consumeUnsigned(rest, seconds, 4294966))
        return false;
    std::uint32_t millis = 0;
    if (consume(rest, ".")) {
        std::size_t digits = 0;
        while (!rest.empty() && isDigit(rest.front())) {
            if (digits < 3)
                millis = millis * 10 + static_cast<std::uint32_t>(rest.front() - '0');
            ++digits;
            rest.remove_prefix(1);
        }
        if (digits == 0)
            return false;
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    ms = seconds * 1000 + millis;
    text = rest;
    return true;
}

std::string_view consumeFpmTime(std::string_view& text, CivilMs& time)
{
    // [dd-Mon-yyyy HH:MM:SS] : strftime("%d-%b-%Y %H:%M:%S") in zlog.c, always this width.
    if (text.size() < 22 || text[0] != '[' || text[3] != '-' || text[7] != '-' || text[12] != ' ' ||
        text[15] != ':' || text[18] != ':')
        return "no timestamp";
    CivilFields f;
    f.day = parseDigits(text, 1, 2);
    f.month = monthFromAbbrev(text.substr(4, 3));
    f.year = parseDigits(text, 8, 4);
    f.hour = parseDigits(text, 13, 2);
    f.minute = parseDigits(text, 16, 2);
    f.second = parseDigits(text, 19, 2);
    std::size_t end = 21;
    if (text[end] == '.') {
        // Microseconds, written only when log_level = debug.
        const int micros = parseDigits(text, end + 1, 6);
        if (micros < 0)
            return "bad timestamp";
        f.millisecond = micros / 1000;
        end += 7;
    }
    if (end >= text.size() || text[end] != ']')
        return "bad timestamp";
    if (f.day < 0 || f.year < 0 || !isValidCivil(f))
        return "bad date";
    time = civilMs(f);
    text.remove_prefix(end + 1);
    return {};
}

} // namespace gd::scan
