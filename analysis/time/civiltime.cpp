#include "time/civiltime.h"

#include <array>
#include <cstdio>
#include <string>

namespace gd {

CivilFields civilFields(CivilMs ms)
{
    std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    std::int64_t rest = ms - days * 86400000;
    // Inverse of daysFromCivil (same public-domain algorithm).
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    CivilFields f;
    f.day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
    f.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    f.year = static_cast<int>(yearOfEra + era * 400 + (f.month <= 2 ? 1 : 0));
    f.hour = static_cast<int>(rest / 3600000);
    rest %= 3600000;
    f.minute = static_cast<int>(rest / 60000);
    rest %= 60000;
    f.second = static_cast<int>(rest / 1000);
    f.millisecond = static_cast<int>(rest % 1000);
    return f;
}

int monthFromAbbrev(std::string_view text)
{
    static constexpr std::array<std::string_view, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() < 3)
        return 0;
    text = text.substr(0, 3);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text)
            return static_cast<int>(i) + 1;
    }
    return 0;
}

bool isValidCivil(const CivilFields& f)
{
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour < 0 || f.hour > 23 || f.minute < 0 ||
        f.minute > 59 || f.second < 0 || f.second > 60 || f.millisecond < 0 || f.millisecond > 999)
        return false;
    static constexpr std::array<int, 12> monthDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (f.day > monthDays[static_cast<std::size_t>(f.month - 1)])
        return false;
    const bool leap = (f.year % 4 == 0 && f.year % 100 != 0) || f.year % 400 == 0;
    return !(f.month == 2 && f.day == 29 && !leap);
}

std::string formatIsoUtc(std::int64_t utcMs)
{
    const CivilFields f = civilFields(utcMs);
    char buffer[40];
    if (f.millisecond != 0) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", f.year, f.month, f.day,
                      f.hour, f.minute, f.second, f.millisecond);
    } else {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", f.year, f.month, f.day, f.hour,
                      f.minute, f.second);
    }
    return buffer;
}

} // namespace gd
