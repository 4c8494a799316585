// Syslog / kern.log / messages / iptables.log (docs/log-formats.md, "Kernel and syslog").
//
// Three line prefixes are accepted:
//   RFC 3164 (rsyslog traditional, BOA): "Nov 24 10:51:32 srv1 prog[pid]: msg"  - no year, no zone
//   RFC 3339 (rsyslog file format):      "2026-11-24T10:51:32.123456+01:00 srv1 prog[pid]: msg"
//   RFC 5424 (forwarded):                "<6>1 2026-11-24T10:51:32.123+01:00 srv1 kernel - - - msg"
// A "<PRI>" in front of the first two (raw forwarded 3164) is accepted too and gives the level.
// The program becomes `group`, its pid `pid`; kernel and systemd messages are classified further.
// A time alone does not make a syslog line (MySQL's error.log starts with the same ISO stamp): after the host
// comes the program tag, and only syslogd's own tagless lines (-- MARK --, last message repeated) go without.
// Tab-indented lines continue the message before them (rsyslog's multi-line messages); ANSI colour codes
// (journalctl, terminal copies) are dropped before reading.

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

#include <string>

namespace gd {
namespace {

using namespace scan;
using timestamps::StampStatus;

constexpr std::string_view kBadPid = "bad pid";
constexpr std::string_view kTruncated = "truncated";
constexpr std::string_view kBadTimestamp = "bad timestamp";
constexpr std::string_view kNoTag = "no program tag";

/// The lines syslogd itself writes without a program tag.
bool isTaglessSyslogLine(std::string_view msg)
{
    return msg.starts_with("-- MARK --") || msg.starts_with("last message repeated ");
}

/// "<PRI>" at the start of the line; the severity becomes the level.
bool parsePriority(std::string_view& text, Level& level)
{
    const std::size_t close = text.substr(0, 5).find('>');
    std::uint32_t pri = 0;
    if (close == std::string_view::npos || !parseUnsigned(text.substr(1, close - 1), pri, 191))
        return false;
    static constexpr Level bySeverity[8] = {Level::Emergency, Level::Alert,  Level::Critical, Level::Error,
                                            Level::Warning,   Level::Notice, Level::Info,     Level::Debug};
    level = bySeverity[pri % 8];
    text.remove_prefix(close + 1);
    return true;
}

/// Skips the kernel's "[8123456.123456] " seconds-since-boot prefix (space-padded when small).
std::string_view skipUptime(std::string_view msg)
{
    if (msg.empty() || msg[0] != '[')
        return msg;
    std::size_t i = 1;
    while (i < msg.size() && msg[i] == ' ')
        ++i;
    const std::size_t intDigits = digitRun(msg.substr(i));
    if (intDigits == 0)
        return msg;
    i += intDigits;
    if (i < msg.size() && msg[i] == '.')
        i += 1 + digitRun(msg.substr(i + 1));
    if (i >= msg.size() || msg[i] != ']')
        return msg;
    ++i;
    if (i < msg.size() && msg[i] == ' ')
        ++i;
    return msg.substr(i);
}

/// Module basename of a " in NAME[start+len]" tail; "(deleted)" is dropped because a binary
/// replaced by an upgrade while FPM kept running is still the same module for the analysis.
std::string_view mappedModule(std::string_view tail)
{
    const std::size_t in = tail.find(" in ");
    if (in == std::string_view::npos)
        return {};
    std::string_view name = tail.substr(in + 4);
    const std::size_t bracket = name.find('[');
    if (bracket == std::string_view::npos)
        return {};
    name = name.substr(0, bracket);
    if (name.ends_with(" (deleted)"))
        name.remove_suffix(10);
    return name;
}

/// "php-fpm[23456]: segfault at 0 ip ... sp ... error 4 in opcache.so[7f3c2a100000+c8000] ..."
/// The pid is the crashed process, not the "kernel" tag. The comm (text before '[') has no field yet.
LineResult classifySegfault(std::string_view msg, std::size_t marker, ParsedEvent& out)
{
    const std::size_t open = msg.rfind('[', marker);
    if (open == std::string_view::npos || !parseUnsigned(msg.substr(open + 1, marker - open - 1), out.pid))
        return {LineStatus::Rejected, kBadPid};
    out.code = MessageCode::KernSegfault;
    std::string_view tail = msg.substr(marker);
    if (const std::size_t error = tail.find(" error "); error != std::string_view::npos) {
        tail.remove_prefix(error + 7);
        out.value = leadingHexU16(tail); // x86 page-fault bits: 4 user read, 6 user write, 0x14 ifetch
    }
    out.target = mappedModule(tail);
    return {LineStatus::Event, {}};
}

/// "traps: php-fpm[23470] general protection fault ip:... sp:... error:0 in libc.so.6[...]",
/// "traps: php-fpm[23471] trap invalid opcode ip:...", and the older prefix-less
/// "php-fpm[23472] general protection ip:... error:0". Returns false if it is not a trap line.
bool classifyTrap(std::string_view msg, ParsedEvent& out, LineResult& result)
{
    const bool hasTrapsPrefix = consume(msg, "traps: ");
    const std::size_t ip = msg.find(" ip:");
    if (ip == std::string_view::npos)
        return false;
    const std::string_view head = msg.substr(0, ip);
    const std::size_t close = head.rfind("] ");
    const std::size_t open = close == std::string_view::npos ? close : head.rfind('[', close);
    if (open == std::string_view::npos)
        return false;
    const std::string_view kind = head.substr(close + 2);
    if (!hasTrapsPrefix && !kind.starts_with("general protection") && !kind.starts_with("trap "))
        return false;
    if (!parseUnsigned(head.substr(open + 1, close - open - 1), out.pid)) {
        result = {LineStatus::Rejected, kBadPid};
        return true;
    }
    out.code = MessageCode::KernTrap;
    std::string_view tail = msg.substr(ip);
    if (const std::size_t error = tail.find(" error:"); error != std::string_view::npos) {
        tail.remove_prefix(error + 7);
        out.value = leadingHexU16(tail);
    }
    out.target = mappedModule(tail);
    result = {LineStatus::Event, {}};
    return true;
}

/// "23480 (php-fpm) total-vm:..." after "Killed process " / "Kill process ": pid and comm.
LineResult oomVictim(std::string_view text, MessageCode code, ParsedEvent& out)
{
    const std::size_t digits = digitRun(text);
    if (!parseUnsigned(text.substr(0, digits), out.pid))
        return {LineStatus::Rejected, kBadPid};
    out.code = code;
    text.remove_prefix(digits);
    if (text.starts_with(" (")) {
        text.remove_prefix(2);
        out.target = text.substr(0, text.find(')'));
    }
    return {LineStatus::Event, {}};
}

LineResult classifyKernel(std::string_view msg, ParsedEvent& out)
{
    out.code = MessageCode::SyslogOther;
    // The opcode dump that follows a segfault or trap carries nothing the analysis can use.
    if (msg.starts_with("Code: "))
        return {LineStatus::Ignored, {}};
    if (const std::size_t marker = msg.find("]: segfault at "); marker != std::string_view::npos)
        return classifySegfault(msg, marker, out);
    LineResult result{LineStatus::Event, {}};
    if (classifyTrap(msg, out, result))
        return result;
    if (const std::size_t invoked = msg.find(" invoked oom-killer: "); invoked != std::string_view::npos) {
        out.code = MessageCode::KernOomInvoked;
        out.target = msg.substr(0, invoked);
        return result;
    }
    std::string_view oom = msg;
    if (consume(oom, "Out of memory: ") || consume(oom, "Memory cgroup out of memory: ") ||
        oom.starts_with("Killed process ")) {
        if (consume(oom, "Killed process "))
            return oomVictim(oom, MessageCode::KernOomKilled, out);
        // Old kernels: "Kill process N (comm) score S or sacrifice child" names the candidate only;
        // a child may be killed instead and the following "Killed process" line names the real victim.
        if (consume(oom, "Kill process ") || consume(oom, "kill process "))
            return oomVictim(oom, MessageCode::KernOomInvoked, out);
    }
    return result;
}

/// Unit-prefixed systemd messages: "php8.2-fpm.service: Main process exited, code=killed, status=9/KILL".
bool classifyUnitMessage(std::string_view msg, ParsedEvent& out)
{
    const std::size_t colon = msg.find(": ");
    if (colon == std::string_view::npos)
        return false;
    const std::string_view unit = msg.substr(0, colon);
    if (unit.find(' ') != std::string_view::npos || unit.find('.') == std::string_view::npos)
        return false;
    out.target = unit;
    const std::string_view text = msg.substr(colon + 2);
    if (text.starts_with("Main process exited, ") || text.starts_with("main process exited, ")) {
        out.code = MessageCode::ServiceMainExited;
        if (const std::size_t status = text.find("status="); status != std::string_view::npos)
            out.value = leadingU16(text.substr(status + 7));
    } else if (text.starts_with("Scheduled restart job")) {
        out.code = MessageCode::ServiceStarting;
        if (const std::size_t counter = text.find("counter is at "); counter != std::string_view::npos)
            out.value = leadingU16(text.substr(counter + 14));
    } else if (text.starts_with("Deactivated successfully") || text.starts_with("Succeeded")) {
        out.code = MessageCode::ServiceStopped; // systemd >= 247 / 241-246 wording of a clean stop
    }
    return true;
}

/// "Starting php8.2-fpm.service - The PHP 8.2 FastCGI Process Manager..." (systemd >= 250) or
/// "Starting The PHP 8.2 FastCGI Process Manager..." (older): target is the unit when named, else
/// the description, so the analysis can tell PHP-FPM from nginx either way.
void classifyUnitVerb(std::string_view msg, ParsedEvent& out)
{
    struct Verb {
        std::string_view prefix;
        MessageCode code;
    };
    // Reload has no code of its own yet; an FPM reload recycles every child, so it is mapped to
    // starting/started rather than lost in SyslogOther.
    static constexpr Verb verbs[] = {
        {"Starting ", MessageCode::ServiceStarting},      {"Started ", MessageCode::ServiceStarted},
        {"Stopping ", MessageCode::ServiceStopping},      {"Stopped ", MessageCode::ServiceStopped},
        {"Reloading ", MessageCode::ServiceStarting},     {"Reloaded ", MessageCode::ServiceStarted},
        {"Failed to start ", MessageCode::ServiceFailed},
    };
    for (const Verb& verb : verbs) {
        std::string_view subject = msg;
        if (!consume(subject, verb.prefix))
            continue;
        out.code = verb.code;
        const std::size_t dash = subject.find(" - ");
        if (dash != std::string_view::npos && subject.substr(0, dash).find(' ') == std::string_view::npos) {
            subject = subject.substr(0, dash);
        } else {
            while (!subject.empty() && subject.back() == '.')
                subject.remove_suffix(1);
        }
        out.target = subject;
        return;
    }
}

void classifySystemd(std::string_view msg, ParsedEvent& out)
{
    out.code = MessageCode::SyslogOther;
    if (!classifyUnitMessage(msg, out))
        classifyUnitVerb(msg, out);
}

/// "prog[pid]:" / "prog:" tag at the start of `text`. Returns false when the token is no tag.
bool splitTag(std::string_view text, std::string_view& program, std::string_view& pidText,
              std::string_view& msg)
{
    std::string_view rest;
    std::string_view tag = splitToken(text, rest);
    if (!tag.ends_with(':') || tag.starts_with('['))
        return false;
    tag.remove_suffix(1);
    pidText = {};
    if (tag.ends_with(']')) {
        const std::size_t open = tag.find('[');
        if (open != std::string_view::npos) {
            pidText = tag.substr(open + 1, tag.size() - open - 2);
            tag = tag.substr(0, open);
        }
    }
    program = tag;
    msg = rest;
    return true;
}

class SyslogParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::Syslog; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        line = stripAnsi(skipLeadingNuls(line), cleaned_);
        if (trimRight(line).empty())
            return {LineStatus::Ignored, {}};
        if (line[0] == '\t')
            return {LineStatus::Continuation, {}};
        std::string_view text = line;
        if (text[0] == '<') {
            if (!parsePriority(text, out.level))
                return {LineStatus::Rejected, "bad priority"};
            if (text.starts_with("1 "))
                return parseRfc5424(text.substr(2), out);
        }
        std::size_t used = 0;
        StampStatus stamp = timestamps::readIso8601(text, out, used);
        if (stamp == StampStatus::NoStamp)
            stamp = timestamps::readSyslogTime(text, out, used);
        if (stamp != StampStatus::Ok)
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        if (used >= text.size())
            return {LineStatus::Rejected, kTruncated};
        if (text[used] != ' ')
            return {LineStatus::Rejected, kBadTimestamp}; // e.g. an offset out of range
        text.remove_prefix(used + 1);

        // The syslog hostname is the server, not a vhost, so it is not kept.
        std::string_view afterHost;
        const std::string_view host = splitToken(text, afterHost);
        std::string_view program;
        std::string_view pidText;
        std::string_view msg;
        // A first token ending in ':' is a tag: "Nov 24 10:51:32 kernel: ..." from hosts logging without a
        // name.
        const bool hostless = host.ends_with(':') && splitTag(text, program, pidText, msg);
        if (!hostless) {
            if (host.empty() || afterHost.empty())
                return {LineStatus::Rejected, kTruncated};
            if (!splitTag(afterHost, program, pidText, msg)) {
                if (!isTaglessSyslogLine(afterHost))
                    return {LineStatus::Rejected, kNoTag};
                msg = afterHost;
            }
        }
        return classify(program, pidText, msg, out);
    }

private:
    /// "<PRI>1 " already consumed: TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA MSG
    LineResult parseRfc5424(std::string_view text, ParsedEvent& out)
    {
        std::size_t used = 0;
        const StampStatus stamp = timestamps::readIso8601(text, out, used);
        if (stamp != StampStatus::Ok)
            return {LineStatus::Rejected, timestamps::stampReason(stamp)};
        if (used >= text.size())
            return {LineStatus::Rejected, kTruncated};
        if (text[used] != ' ')
            return {LineStatus::Rejected, kBadTimestamp};
        std::string_view rest = text.substr(used + 1);
        splitToken(rest, rest); // hostname
        std::string_view app = splitToken(rest, rest);
        std::string_view procId = splitToken(rest, rest);
        splitToken(rest, rest); // msgid
        if (rest.empty())
            return {LineStatus::Rejected, kTruncated};
        if (!skipStructuredData(rest))
            return {LineStatus::Rejected, "bad structured data"};
        consume(rest, "\xEF\xBB\xBF"); // the BOM RFC 5424 allows before a UTF-8 message
        if (app == "-")
            app = {};
        // PROCID may be any printable token; only a number is a pid.
        if (procId == "-" || digitRun(procId) != procId.size())
            procId = {};
        return classify(app, procId, rest, out);
    }

    /// "-" or one or more "[id key=\"value\" ...]" elements (values may hold escaped '"' and ']').
    static bool skipStructuredData(std::string_view& rest)
    {
        if (consume(rest, "-")) {
            consume(rest, " ");
            return true;
        }
        while (!rest.empty() && rest[0] == '[') {
            bool inQuotes = false;
            std::size_t i = 1;
            for (; i < rest.size(); ++i) {
                const char c = rest[i];
                if (c == '\\') {
                    ++i;
                } else if (c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == ']' && !inQuotes) {
                    break;
                }
            }
            if (i >= rest.size())
                return false;
            rest.remove_prefix(i + 1);
        }
        consume(rest, " ");
        return true;
    }

    static LineResult classify(std::string_view program, std::string_view pidText, std::string_view msg,
                               ParsedEvent& out)
    {
        out.group = program;
        if (!pidText.empty() && !parseUnsigned(pidText, out.pid))
            return {LineStatus::Rejected, kBadPid};
        if (program == "kernel")
            return classifyKernel(skipUptime(msg), out);
        out.code = MessageCode::SyslogOther;
        if (program == "systemd")
            classifySystemd(msg, out);
        return {LineStatus::Event, {}};
    }

    std::string cleaned_; ///< the line without ANSI codes, when it had some
};

} // namespace

std::unique_ptr<LogParser> makeSyslogParser()
{
    return std::make_unique<SyslogParser>();
}

} // namespace gd
