#include "time/syslogyear.h"

#include "time/civiltime.h"

namespace gd {

namespace {
constexpr std::int64_t kDayMs = 86400000;

CivilMs withYear(CivilMs placeholder, int year)
{
    CivilFields f = civilFields(placeholder);
    f.year = year;
    if (f.month == 2 && f.day == 29 && !isValidCivil(f))
        f.day = 28; // Feb 29 read in a non-leap year: the year guess is off by one at worst
    return civilMs(f);
}
} // namespace

void assignSyslogYears(std::vector<CivilMs*>& times, CivilMs anchorCivilMs)
{
    if (times.empty())
        return;
    const CivilFields anchor = civilFields(anchorCivilMs + kDayMs);
    int year = anchor.year;
    if (withYear(*times.back(), year) > anchorCivilMs + kDayMs)
        --year;
    CivilMs later = *times.back(); // placeholder-year reading of the event after the current one
    for (auto it = times.rbegin(); it != times.rend(); ++it) {
        const CivilMs placeholder = **it;
        // Walking back in time, a reading far *later* in the calendar means we crossed New Year.
        if (placeholder > later + 30 * kDayMs)
            --year;
        else if (placeholder + 364 * kDayMs < later)
            ++year; // "Jan 1" just before "Dec 31": lines out of order across New Year, not a year apart
        later = placeholder;
        **it = withYear(placeholder, year);
    }
}

} // namespace gd
