#include "parse/timestamps.h"

#include "parse/scan.h"

#include <array>

namespace gd::timestamps {
namespace {

constexpr std::uint32_t packMonth(const char* text)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 16;
}

/// For access-log fields: before 1970 is corrupt, and 0 is the "no time" value of ParsedEvent.
bool setEpochTime(const CivilFields& f, ParsedEvent& out)
{
    if (!isValidCivil(f))
        return false;
    out.time = civilMs(f);
    return out.time > 0;
}

/// "[24-Nov-2026 10:51:32", the head zlog and PHP's error_log share. Only the shape is checked: an
/// unreadable field is left negative (an unknown month 0) for the caller to judge.
bool readBracketHead(std::string_view text, CivilFields& f)
{
    if (text.size() < 22 || text[0] != '[' || text[3] != '-' || text[7] != '-' || text[12] != ' ' ||
        text[15] != ':' || text[18] != ':')
        return false;
    f.day = parseDigits(text, 1, 2);
    f.month = monthAt(text, 4);
    f.year = parseDigits(text, 8, 4);
    f.hour = parseDigits(text, 13, 2);
    f.minute = parseDigits(text, 16, 2);
    f.second = parseDigits(text, 19, 2);
    return true;
}

bool isReadable(const CivilFields& f)
{
    return f.day >= 0 && f.month != 0 && f.year >= 0 && f.hour >= 0 && f.minute >= 0 && f.second >= 0;
}

bool isUtcName(std::string_view zone)
{
    static constexpr std::string_view names[] = {
        "UTC",     "GMT",           "Z",        "UCT",       "Zulu", "Etc/UTC",  "Etc/GMT",
        "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Universal", "GMT0", "Etc/GMT0", "Greenwich"};
    for (const std::string_view name : names) {
        if (zone == name)
            return true;
    }
    return false;
}

} // namespace

std::string_view stampReason(StampStatus status)
{
    switch (status) {
    case StampStatus::Ok:
        break;
    case StampStatus::NoStamp:
        return "no timestamp";
    case StampStatus::BadStamp:
        return "bad timestamp";
    case StampStatus::BadDate:
        return "bad date";
    }
    return {};
}

int monthAt(std::string_view text, std::size_t pos)
{
    static constexpr std::array<std::uint32_t, 12> months = {
        packMonth("Jan"), packMonth("Feb"), packMonth("Mar"), packMonth("Apr"),
        packMonth("May"), packMonth("Jun"), packMonth("Jul"), packMonth("Aug"),
        packMonth("Sep"), packMonth("Oct"), packMonth("Nov"), packMonth("Dec")};
    if (pos > text.size() || text.size() - pos < 3)
        return 0;
    const std::uint32_t key = packMonth(text.data() + pos);
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (months[i] == key)
            return static_cast<int>(i) + 1;
    }
    return 0;
}

std::size_t parseNumericOffset(std::string_view text, std::int32_t& offsetSec)
{
    if (text.size() < 3 || (text[0] != '+' && text[0] != '-'))
        return 0;
    const int hours = parseDigits(text, 1, 2);
    if (hours < 0 || hours > 18)
        return 0;
    int minutes = 0;
    std::size_t used = 3;
    if (const int colonMinutes = text.size() >= 6 && text[3] == ':' ? parseDigits(text, 4, 2) : -1;
        colonMinutes >= 0) {
        minutes = colonMinutes;
        used = 6;
    } else if (const int plainMinutes = parseDigits(text, 3, 2); plainMinutes >= 0) {
        minutes = plainMinutes;
        used = 5;
    }
    if (minutes > 59)
        return 0;
    const std::int32_t seconds = (hours * 60 + minutes) * 60;
    offsetSec = text[0] == '-' ? -seconds : seconds;
    return used;
}

bool parseClock(std::string_view text, std::size_t pos, CivilFields& f)
{
    if (pos + 8 > text.size() || text[pos + 2] != ':' || text[pos + 5] != ':')
        return false;
    f.hour = parseDigits(text, pos, 2);
    f.minute = parseDigits(text, pos + 3, 2);
    f.second = parseDigits(text, pos + 6, 2);
    return f.hour >= 0 && f.minute >= 0 && f.second >= 0;
}

StampStatus readNginxErrorTime(std::string_view line, ParsedEvent& out, std::size_t& used)
{
    if (line.size() < 19 || line[4] != '/' || line[7] != '/' || line[10] != ' ' || line[13] != ':' ||
        line[16] != ':')
        return StampStatus::NoStamp;
    CivilFields f;
    f.year = parseDigits(line, 0, 4);
    f.month = parseDigits(line, 5, 2);
    f.day = parseDigits(line, 8, 2);
    f.hour = parseDigits(line, 11, 2);
    f.minute = parseDigits(line, 14, 2);
    f.second = parseDigits(line, 17, 2);
    if (f.year < 0 || f.day < 0)
        return StampStatus::NoStamp;
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    used = 19;
    return StampStatus::Ok;
}

bool parseTimeLocal(std::string_view value, ParsedEvent& out)
{
    if (value.size() != 26 || value[2] != '/' || value[6] != '/' || value[11] != ':' || value[14] != ':' ||
        value[17] != ':' || value[20] != ' ')
        return false;
    CivilFields f;
    f.day = parseDigits(value, 0, 2);
    f.month = monthAt(value, 3);
    f.year = parseDigits(value, 7, 4);
    f.hour = parseDigits(value, 12, 2);
    f.minute = parseDigits(value, 15, 2);
    f.second = parseDigits(value, 18, 2);
    if (!setEpochTime(f, out) || parseNumericOffset(value.substr(21), out.utcOffsetSec) != 5)
        return false;
    out.hasOffset = true;
    return true;
}

bool parseTimeIso8601(std::string_view value, ParsedEvent& out)
{
    // 20 bytes with "Z", 25 with "+01:00": with no fraction, only those offsets fill the field exactly.
    if ((value.size() != 25 && value.size() != 20) || value[19] == '.')
        return false;
    std::size_t used = 0;
    // Before 1970 is corrupt, and 0 is the "no time" value of ParsedEvent.
    return readIso8601(value, out, used) == StampStatus::Ok && used == value.size() && out.time > 0;
}

bool parseMsec(std::string_view value, ParsedEvent& out)
{
    if (value.size() < 5 || value.size() > 15 || value[value.size() - 4] != '.')
        return false;
    const std::size_t dot = value.size() - 4;
    std::int64_t seconds = 0;
    for (std::size_t i = 0; i < dot; ++i) {
        if (!scan::isDigit(value[i]))
            return false;
        seconds = seconds * 10 + (value[i] - '0');
    }
    const int millis = parseDigits(value, dot + 1, 3);
    if (millis < 0 || seconds == 0)
        return false;
    out.time = seconds * 1000 + millis;
    out.hasOffset = true;
    out.utcOffsetSec = 0;
    out.offsetIsUtcByDefinition = true;
    return true;
}

StampStatus readIso8601(std::string_view text, ParsedEvent& out, std::size_t& used)
{
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T')
        return StampStatus::NoStamp;
    CivilFields f;
    f.year = parseDigits(text, 0, 4);
    f.month = parseDigits(text, 5, 2);
    f.day = parseDigits(text, 8, 2);
    if (f.year < 0 || f.month < 0 || f.day < 0 || !parseClock(text, 11, f))
        return StampStatus::NoStamp;
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        const std::size_t fracDigits = scan::digitRun(text.substr(pos + 1));
        if (fracDigits == 0)
            return StampStatus::NoStamp;
        // Only the first three digits matter for milliseconds; the rest are skipped.
        for (std::size_t i = 0; i < 3; ++i)
            f.millisecond = f.millisecond * 10 + (i < fracDigits ? text[pos + 1 + i] - '0' : 0);
        pos += 1 + fracDigits;
    }
    if (pos < text.size() && text[pos] == 'Z') {
        out.hasOffset = true;
        out.utcOffsetSec = 0;
        ++pos;
    } else if (const std::size_t n = parseNumericOffset(text.substr(pos), out.utcOffsetSec); n > 0) {
        out.hasOffset = true;
        pos += n;
    }
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    used = pos;
    return StampStatus::Ok;
}

StampStatus readFpmTime(std::string_view line, ParsedEvent& out, std::size_t& used)
{
    // strftime("%d-%b-%Y %H:%M:%S") in zlog.c: always this width.
    CivilFields f;
    if (!readBracketHead(line, f))
        return StampStatus::NoStamp;
    std::size_t end = 21;
    if (line[end] == '.') {
        // Microseconds, written only when log_level = debug.
        const int micros = parseDigits(line, end + 1, 6);
        if (micros < 0)
            return StampStatus::BadStamp;
        f.millisecond = micros / 1000;
        end += 7;
    }
    if (end >= line.size() || line[end] != ']')
        return StampStatus::BadStamp;
    if (!isReadable(f) || !isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    used = end + 1;
    return StampStatus::Ok;
}

StampStatus readPhpTime(std::string_view line, ParsedEvent& out, std::size_t& used)
{
    CivilFields f;
    if (!readBracketHead(line, f) || !isReadable(f))
        return StampStatus::NoStamp;
    std::size_t pos = 21;
    if (line[pos] == ' ') {
        // Zone names are short; bounding the search keeps a bracket-less 100 KB line cheap.
        const std::size_t close = line.substr(pos + 1, 64).find(']');
        if (close == std::string_view::npos || close == 0)
            return StampStatus::NoStamp;
        const std::string_view zone = line.substr(pos + 1, close);
        if (zone.find(' ') != std::string_view::npos)
            return StampStatus::NoStamp;
        if (isUtcName(zone)) {
            out.hasOffset = true;
            out.utcOffsetSec = 0;
        } else if (const std::size_t n = parseNumericOffset(zone, out.utcOffsetSec); n == zone.size()) {
            out.hasOffset = true; // an offset-type date.timezone such as "+01:00"
        } else {
            out.utcOffsetSec = 0;
            out.group = zone;
        }
        pos += 1 + close;
    }
    if (line[pos] != ']')
        return StampStatus::NoStamp;
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    used = pos + 1;
    return StampStatus::Ok;
}

StampStatus readSyslogTime(std::string_view text, ParsedEvent& out, std::size_t& used)
{
    if (text.size() < 14 || text[3] != ' ')
        return StampStatus::NoStamp;
    CivilFields f;
    f.year = 2000; // placeholder, leap so "Feb 29" survives; the timeline supplies the real year
    f.month = monthAt(text, 0);
    if (f.month == 0)
        return StampStatus::NoStamp;
    std::size_t pos = text[4] == ' ' ? 5 : 4;
    const std::size_t dayDigits = scan::digitRun(text.substr(pos, 3));
    if (dayDigits == 0 || dayDigits > 2)
        return StampStatus::NoStamp;
    f.day = parseDigits(text, pos, dayDigits);
    pos += dayDigits;
    if (pos >= text.size() || text[pos] != ' ' || !parseClock(text, pos + 1, f))
        return StampStatus::NoStamp;
    pos += 9;
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    out.hasYear = false;
    used = pos;
    return StampStatus::Ok;
}

StampStatus readAsctime(std::string_view text, ParsedEvent& out, std::size_t& used)
{
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ')
        return StampStatus::NoStamp;
    CivilFields f;
    f.year = parseDigits(text, 0, 4);
    f.month = parseDigits(text, 5, 2);
    f.day = parseDigits(text, 8, 2);
    if (f.year < 0 || f.month < 0 || f.day < 0 || !parseClock(text, 11, f))
        return StampStatus::NoStamp;
    std::size_t pos = 19;
    if (pos < text.size() && (text[pos] == ',' || text[pos] == '.')) {
        const int millis = parseDigits(text, pos + 1, 3);
        if (millis < 0)
            return StampStatus::BadStamp;
        f.millisecond = millis;
        pos += 4;
    }
    if (!isValidCivil(f))
        return StampStatus::BadDate;
    out.time = civilMs(f);
    used = pos;
    return StampStatus::Ok;
}

} // namespace gd::timestamps
