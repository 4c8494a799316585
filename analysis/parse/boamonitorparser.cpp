// BOA auto-healing monitor logs, /var/xdrago/log/*.log and /var/log/boa/*.log (docs/log-formats.md, "BOA
// monitor logs"). Line shapes:
//   "Tue Nov 24 10:51:32 CET 2026 FPM Sockets conflict detected, service will be restarted"   $(date) first
//   "Sending Incident Report Email on Tue Nov 24 10:51:32 CET 2026"                          $(date) inside
//   "261124-105210 KILL FPM 12"                                                                proc_num_ctrl
//   "### PHP: CRASH at 10:51:32 [2] discovered on 261124-105201 for example.com"              segfault_alert
//   "update is required and can not be disabled in example.com"                               daily log
// $(date) carries a zone abbreviation: UTC/GMT and a small table of unambiguous ones become an
// offset; any other abbreviation (CST, IST, ...) goes to `group` with hasOffset=false.

#include "parse/datecommandtime.h"
#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

namespace gd {
namespace {

using namespace scan;
using timestamps::StampStatus;

std::uint16_t numberAfter(std::string_view text, std::string_view marker)
{
    const std::size_t at = text.find(marker);
    return at == std::string_view::npos ? 0 : leadingU16(text.substr(at + marker.size()));
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

/// The message after a leading $(date) stamp.
void classifyMessage(std::string_view msg, ParsedEvent& out)
{
    out.code = MessageCode::BoaOther;
    out.value = numberAfter(msg, "(count=");
    if (consume(msg, "OOM ")) {
        // system.sh: "OOM RAM 4/7963 detected", "OOM php-fpm killed", "OOM incident response completed"
        out.code = MessageCode::BoaOom;
        if (msg.starts_with("RAM "))
            out.value = leadingU16(msg.substr(4)); // percent of RAM still free
        else if (msg.ends_with(" killed"))
            out.target = msg.substr(0, msg.size() - 7);
        return;
    }
    if (msg.starts_with("NGX ")) {
        // nginx.sh: "NGX <reason> detected", "... incident Nginx service restarted", "... restart failed"
        if (contains(msg, " detected") || contains(msg, "Nginx service restarted") ||
            contains(msg, "Nginx restart failed") || contains(msg, "service was restarted"))
            out.code = MessageCode::BoaNginxRestart;
        return;
    }
    if (msg.starts_with("Nginx OOM") || msg.starts_with("Nginx BIND") ||
        msg.starts_with("Nginx Server Restart Requested")) {
        out.code = MessageCode::BoaNginxRestart; // the trigger line nginx.sh writes just before the kill
        return;
    }
    if (consume(msg, "System Load ")) {
        // second.sh: "System Load 650.2% (1-minute) - Web Server Paused" / "... - PHP/Wget/cURL terminated"
        out.value = leadingU16(msg);
        out.code =
            contains(msg, "Web Server Paused") ? MessageCode::BoaWebServerPaused : MessageCode::BoaHighLoad;
        return;
    }
    if (msg.starts_with("nginx_high_load_o") || msg.starts_with("Enabled Spider Protection") ||
        msg.starts_with("Disabled Spider Protection")) {
        out.code = MessageCode::BoaHighLoad;
        out.value = numberAfter(msg, "Load: ");
        return;
    }
    if (contains(msg, "PHP-FPM reloaded")) {
        out.code = MessageCode::BoaFpmReload; // redis.sh: "Redis REFUSED incident PHP-FPM reloaded"
        return;
    }
    // php.sh: every reason ends in _fpm_forced_restart (kill -9 all FPM, start again), and the
    // fastcgi_temp cleanup does killall -9 php-fpm too.
    if (msg.starts_with("Too many PHP-FPM master processes killed") ||
        msg.starts_with("Too big PHP error logs deleted") || msg.starts_with("PHP fastcgi_temp too big") ||
        (contains(msg, "service will be restarted") && contains(msg, "FPM")))
        out.code = MessageCode::BoaFpmRestart;
}

/// "261124-105210 KILL FPM 12" / "261124-105210 KILL START 3"
LineResult parseKillLine(std::string_view line, ParsedEvent& out)
{
    CivilFields f;
    const StampStatus stamp = timestamps::readCompactTime(line, 0, f);
    if (stamp != StampStatus::Ok)
        return {LineStatus::Rejected, timestamps::stampReason(stamp)};
    out.time = civilMs(f);
    std::string_view msg = line.substr(13);
    consume(msg, " ");
    out.code = MessageCode::BoaOther;
    if (consume(msg, "KILL FPM "))
        out.code = MessageCode::BoaKillFpm;
    else if (consume(msg, "KILL START "))
        out.code = MessageCode::BoaKillStart;
    if (out.code != MessageCode::BoaOther)
        out.value = leadingU16(msg);
    return {LineStatus::Event, {}};
}

/// "### PHP: CRASH at 10:51:32 [2] discovered on 261124-105201 for example.com".
/// time is the discovery stamp (it has the date); durationMs is how long before it the crash
/// happened, so crash time = time - durationMs, as with an access-log request_time.
LineResult parseSegfaultAlert(std::string_view rest, ParsedEvent& out)
{
    CivilFields crash;
    if (!timestamps::parseClock(rest, 0, crash))
        return {LineStatus::Rejected, "bad crash time"};
    rest.remove_prefix(8);
    if (consume(rest, " [")) {
        out.value = leadingU16(rest); // number of crash lines segfault_alert.pl matched at that second
        const std::size_t close = rest.find(']');
        rest.remove_prefix(close == std::string_view::npos ? rest.size() : close + 1);
    }
    if (!consume(rest, " discovered on "))
        return {LineStatus::Rejected, timestamps::stampReason(StampStatus::NoStamp)};
    CivilFields found;
    StampStatus stamp = timestamps::readCompactTime(rest, 0, found);
    if (stamp == StampStatus::Ok && (crash.hour > 23 || crash.minute > 59 || crash.second > 59))
        stamp = StampStatus::BadDate;
    if (stamp != StampStatus::Ok)
        return {LineStatus::Rejected, timestamps::stampReason(stamp)};
    out.time = civilMs(found);
    const int crashSec = (crash.hour * 60 + crash.minute) * 60 + crash.second;
    const int foundSec = (found.hour * 60 + found.minute) * 60 + found.second;
    // The alert only looks at the last 999 syslog lines, so a later clock means yesterday.
    out.durationMs = static_cast<std::uint32_t>((foundSec - crashSec + 86400) % 86400) * 1000u;
    rest.remove_prefix(13);
    if (consume(rest, " for ")) {
        std::string_view ignored;
        out.host = splitToken(trimRight(rest), ignored);
    }
    out.code = MessageCode::BoaSegfaultAlert;
    return {LineStatus::Event, {}};
}

/// A $(date) stamp somewhere after the start ("Sending Incident Report Email on <date>",
/// "Too many php.sh running <date> (count=3)"). Each try fails within a few bytes, so this stays linear.
StampStatus findEmbeddedDate(std::string_view line, ParsedEvent& out)
{
    for (std::size_t at = line.find(' '); at != std::string_view::npos; at = line.find(' ', at + 1)) {
        std::size_t used = 0;
        const StampStatus stamp = timestamps::readDateCommandTime(line.substr(at + 1), out, used);
        if (stamp != StampStatus::NoStamp)
            return stamp;
    }
    return StampStatus::NoStamp;
}

/// scan_nginx web.log: "203.0.113.7 # [x400] 261124-105132" (an IP blocked by the DoS scanner).
bool parseBlockedIp(std::string_view line, ParsedEvent& out, LineResult& result)
{
    const std::size_t mark = line.find(" # [x");
    line = trimRight(line);
    if (mark == std::string_view::npos || line.size() < 13 || mark == 0)
        return false;
    CivilFields f;
    const StampStatus stamp = timestamps::readCompactTime(line, line.size() - 13, f);
    if (stamp == StampStatus::NoStamp)
        return false;
    if (stamp != StampStatus::Ok) {
        result = {LineStatus::Rejected, timestamps::stampReason(stamp)};
        return true;
    }
    out.time = civilMs(f);
    out.code = MessageCode::BoaOther;
    out.client = line.substr(0, mark);
    out.value = leadingU16(line.substr(mark + 5));
    result = {LineStatus::Event, {}};
    return true;
}

class BoaMonitorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::BoaMonitor; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        line = skipLeadingNuls(line);
        if (trimRight(line).empty())
            return {LineStatus::Ignored, {}}; // the scripts separate incidents with a bare echo
        const LineResult result = parseAny(line, out);
        if (result.status == LineStatus::Event)
            haveEvent_ = true;
        return result;
    }

private:
    LineResult parseAny(std::string_view line, ParsedEvent& out)
    {
        std::size_t used = 0;
        switch (const StampStatus stamp = timestamps::readDateCommandTime(line, out, used)) {
        case StampStatus::Ok: {
            std::string_view msg = line.substr(used);
            consume(msg, " ");
            classifyMessage(trimRight(msg), out);
            return {LineStatus::Event, {}};
        }
        case StampStatus::BadStamp:
        case StampStatus::BadDate:
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        case StampStatus::NoStamp:
            break;
        }
        if (isDigit(line[0]) && line.size() >= 13 && line[6] == '-' && (line.size() == 13 || line[13] == ' '))
            return parseKillLine(line, out);
        std::string_view rest = line;
        if (consume(rest, "### PHP: CRASH at "))
            return parseSegfaultAlert(rest, out);
        if (line.starts_with("### "))
            return structural(); // SYS:/NGX:/PTH:/VHT: detail lines of the alert above
        constexpr std::string_view required = " is required and can not be disabled in ";
        if (const std::size_t in = line.find(required);
            in != std::string_view::npos && line.starts_with("update ")) {
            // daily-*.log lines carry no time: they can only ride on the previous event, and the file
            // name (not visible to a parser) is the only other clue to when they were written.
            if (!haveEvent_)
                return {LineStatus::Ignored, {}};
            out.code = MessageCode::BoaUpdateModule;
            out.host = trimRight(line.substr(in + required.size()));
            return {LineStatus::Continuation, {}};
        }
        LineResult blocked;
        if (parseBlockedIp(line, out, blocked))
            return blocked;
        const StampStatus stamp = findEmbeddedDate(line, out);
        if (stamp != StampStatus::Ok)
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        out.code = MessageCode::BoaOther;
        return {LineStatus::Event, {}};
    }

    LineResult structural() const
    {
        return {haveEvent_ ? LineStatus::Continuation : LineStatus::Ignored, {}};
    }

    bool haveEvent_ = false;
};

} // namespace

std::unique_ptr<LogParser> makeBoaMonitorParser()
{
    return std::make_unique<BoaMonitorParser>();
}

} // namespace gd
