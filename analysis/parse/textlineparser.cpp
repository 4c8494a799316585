// Other log lines: any line with a time stamp near its start that no parser of a known kind reads (a PHP-FPM
// access log line, an application's own log, systemd's status output) inside loose text. Such a line is kept
// as an event with its time and nothing else, so the evidence stays on the timeline instead of being lost.
// Never chosen for a whole file by detection (LogKindInfo::detectable).

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

namespace gd {

namespace {

/// How far into a line a time stamp may start: after a short prefix (a client address, a level), not in
/// prose.
constexpr std::size_t kMaxStampOffset = 48;

bool readStampAt(std::string_view text, ParsedEvent& out)
{
    using namespace timestamps;
    std::size_t used = 0;
    if (text.front() == '[') {
        ParsedEvent stamp;
        if (readFpmTime(text, stamp, used) == StampStatus::Ok ||
            readPhpTime(text, stamp, used) == StampStatus::Ok) {
            out = stamp;
            return true;
        }
        text.remove_prefix(1); // "[24/Nov/2026:10:51:32 +0100]"
        if (text.empty())
            return false; // a lone '[' at the end of the line
    }
    if (scan::isDigit(text.front())) {
        if (readNginxErrorTime(text, out, used) == StampStatus::Ok ||
            readIso8601(text, out, used) == StampStatus::Ok)
            return true;
        // $time_local "24/Nov/2026:10:51:32 +0100" (26 bytes), as access logs of any kind write it.
        if (text.size() >= 26 && text[2] == '/' && parseTimeLocal(text.substr(0, 26), out))
            return true;
        return false;
    }
    return scan::isUpper(text.front()) && readSyslogTime(text, out, used) == StampStatus::Ok;
}

class TextLineParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::Text; }
    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        const std::size_t limit = std::min(line.size(), kMaxStampOffset);
        for (std::size_t pos = 0; pos < limit; ++pos) {
            const char c = line[pos];
            const bool canStart = c == '[' || scan::isDigit(c) || scan::isUpper(c);
            const bool atWordStart = pos == 0 || line[pos - 1] == ' ' || line[pos - 1] == '\t';
            if (!canStart || !atWordStart)
                continue;
            ParsedEvent stamp;
            if (readStampAt(line.substr(pos), stamp)) {
                out = stamp;
                out.code = MessageCode::OtherLine;
                return {LineStatus::Event, {}};
            }
        }
        return {LineStatus::Rejected, "no time stamp near the start of the line"};
    }
};

} // namespace

std::unique_ptr<LogParser> makeTextLineParser()
{
    return std::make_unique<TextLineParser>();
}

} // namespace gd
