#include "parse/datecommandtime.h"

#include "parse/scan.h"

namespace gd::timestamps {
namespace {

struct ZoneAbbrev {
    std::string_view name;
    std::int32_t offsetMinutes;
};

// Abbreviations that name one offset only. CST, IST, AST etc. are ambiguous and left to the timeline.
constexpr ZoneAbbrev kZones[] = {
    {"UTC", 0},    {"GMT", 0},    {"WET", 0},    {"WEST", 60},  {"BST", 60},    {"CET", 60},
    {"CEST", 120}, {"EET", 120},  {"EEST", 180}, {"MSK", 180},  {"SAST", 120},  {"HKT", 480},
    {"AWST", 480}, {"JST", 540},  {"KST", 540},  {"ACST", 570}, {"ACDT", 630},  {"AEST", 600},
    {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780}, {"HST", -600}, {"AKST", -540}, {"AKDT", -480},
    {"PST", -480}, {"PDT", -420}, {"MST", -420}, {"MDT", -360}, {"EST", -300},  {"EDT", -240},
};

void applyZoneAbbrev(std::string_view zone, ParsedEvent& out)
{
    for (const ZoneAbbrev& known : kZones) {
        if (zone == known.name) {
            out.hasOffset = true;
            out.utcOffsetSec = known.offsetMinutes * 60;
            return;
        }
    }
    // Zones without an abbreviation print a numeric one: "+04", "-03", "+0530".
    if (parseNumericOffset(zone, out.utcOffsetSec) == zone.size()) {
        out.hasOffset = true;
        return;
    }
    out.utcOffsetSec = 0;
    out.group = zone;
}

bool isWeekday(std::string_view text)
{
    static constexpr std::string_view days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (const std::string_view day : days) {
        if (text == day)
            return true;
    }
    return false;
}

/// Day of month of 1-2 digits (space-padded by %e) at `pos`; advances `pos`.
int parseDay(std::string_view text, std::size_t& pos)
{
    if (pos < text.size() && text[pos] == ' ')
        ++pos;
    const std::size_t digits = scan::digitRun(text.substr(pos, 3));
    if (digits == 0 || digits > 2)
        return -1;
    const int day = parseDigits(text, pos, digits);
    pos += digits;
    return day;
}

} // namespace

StampStatus readDateCommandTime(std::string_view text, ParsedEvent& out, std::size_t& used)
{
    if (text.size() < 24 || text[3] != ' ' || !isWeekday(text.substr(0, 3)))
        return StampStatus::NoStamp;
    CivilFields f;
    std::size_t pos = 4;
    f.month = monthAt(text, pos);
    if (f.month != 0) {
        pos += 3;
        if (text[pos] != ' ')
            return StampStatus::NoStamp;
        ++pos;
        f.day = parseDay(text, pos);
    } else {
        f.day = parseDay(text, pos);
        if (pos + 4 > text.size() || text[pos] != ' ')
            return StampStatus::NoStamp;
        f.month = monthAt(text, pos + 1);
        pos += 4;
    }
    if (f.day < 0 || f.month == 0 || pos >= text.size() || text[pos] != ' ' || !parseClock(text, pos + 1, f))
        return StampStatus::NoStamp;
    pos += 9;
    if (pos >= text.size() || text[pos] != ' ')
        return StampStatus::NoStamp;
    ++pos;
    const std::string_view meridiem = text.substr(pos, 3);
    if (meridiem == "AM " || meridiem == "PM ") {
        if (f.hour < 1 || f.hour > 12)
            return StampStatus::BadDate;
        f.hour = (f.hour % 12) + (meridiem[0] == 'P' ? 12 : 0);
        pos += 3;
    }
    const std::size_t zoneEnd = text.find(' ', pos);
    if (zoneEnd == std::string_view::npos || zoneEnd == pos || zoneEnd - pos > 6)
        return StampStatus::NoStamp;
    const std::string_view zone = text.substr(pos, zoneEnd - pos);
    f.year = parseDigits(text, zoneEnd + 1, 4);
    pos = zoneEnd + 5;
    if (f.year < 0 || (pos < text.size() && text[pos] != ' '))
        return StampStatus::NoStamp;
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    applyZoneAbbrev(zone, out);
    used = pos;
    return StampStatus::Ok;
}

StampStatus readCompactTime(std::string_view text, std::size_t pos, CivilFields& f)
{
    if (pos + 13 > text.size() || text[pos + 6] != '-')
        return StampStatus::NoStamp;
    const int year = parseDigits(text, pos, 2);
    f.month = parseDigits(text, pos + 2, 2);
    f.day = parseDigits(text, pos + 4, 2);
    f.hour = parseDigits(text, pos + 7, 2);
    f.minute = parseDigits(text, pos + 9, 2);
    f.second = parseDigits(text, pos + 11, 2);
    if (year < 0 || f.month < 0 || f.day < 0 || f.hour < 0 || f.minute < 0 || f.second < 0)
        return StampStatus::NoStamp;
    f.year = 2000 + year;
    return isValidCivil(f) ? StampStatus::Ok : StampStatus::BadDate;
}

} // namespace gd::timestamps
