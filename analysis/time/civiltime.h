#pragma once

#include "model/event.h"

#include <cstdint>
#include <string_view>

namespace gd {

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's well-known algorithm).
constexpr std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

struct CivilFields {
    int year = 1970;
    int month = 1; ///< 1..12
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
};

constexpr CivilMs civilMs(const CivilFields& f)
{
    const std::int64_t days =
        daysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
    return ((days * 24 + f.hour) * 60 + f.minute) * 60000LL + f.second * 1000LL + f.millisecond;
}

CivilFields civilFields(CivilMs ms);

/// "Jan".."Dec" (exact case, as nginx/FPM/syslog write them) to 1..12, 0 if not a month.
int monthFromAbbrev(std::string_view text);

/// True when the fields name a real calendar time (Feb 30 or 25:00 are rejected).
bool isValidCivil(const CivilFields& f);

/// Parses exactly `width` ASCII digits at `text[pos]`; returns -1 on anything else.
inline int parseDigits(std::string_view text, std::size_t pos, std::size_t width)
{
    if (pos + width > text.size())
        return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const unsigned digit = static_cast<unsigned char>(text[i]) - '0';
        if (digit > 9)
            return -1;
        value = value * 10 + static_cast<int>(digit);
    }
    return value;
}

/// ISO 8601 UTC text "2026-11-24T10:51:32Z" (milliseconds added when not zero).
std::string formatIsoUtc(std::int64_t utcMs);

} // namespace gd
