// PHP-FPM slowlog (docs/log-formats.md, "PHP-FPM slowlog"), one record per slow request:
//
//   [24-Nov-2026 11:00:55]  [pool o1.83] pid 24001
//   script_filename = /data/disk/o1/distro/002/drupal-7.103/index.php
//   [0x00007f3b6c01e4a0] stream_socket_client() /data/disk/o1/.../includes/common.inc:880
//
// A blank line opens every record and closes the one before, so a frame after a blank line
// belongs to no record and is rejected.

#include "parse/parsers.h"
#include "parse/scan.h"
#include "parse/timestamps.h"

namespace gd {
namespace {

using scan::consume;
using scan::npos;

/// "[0x00007f3b6c01e4a0] " at the front of a frame line.
bool consumeFrameAddress(std::string_view& text)
{
    std::string_view rest = text;
    if (!consume(rest, "[0x"))
        return false;
    std::size_t digits = 0;
    while (digits < rest.size() && scan::hexValue(rest[digits]) >= 0)
        ++digits;
    if (digits == 0 || digits > 16)
        return false;
    rest.remove_prefix(digits);
    if (!consume(rest, "] "))
        return false;
    text = rest;
    return true;
}

class FpmSlowParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::FpmSlow; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        if (line.empty()) {
            inRecord_ = false;
            return {LineStatus::Ignored, {}};
        }
        if (line.find('\0') != npos)
            return reject("binary data");
        if (line.starts_with("[0x"))
            return parseFrame(line, out);
        if (line.starts_with('['))
            return parseHeader(line, out);
        if (consume(line, "script_filename = ")) {
            if (!inRecord_)
                return reject("no record header");
            out.target = line;
            return {LineStatus::Continuation, {}};
        }
        if (line == "+++ dump failed") {
            if (!inRecord_)
                return reject("no record header");
            // Kept as a pseudo-frame so a reader of the stack sees it was cut short, not that it was short.
            out.frameFunction = line;
            return {LineStatus::Continuation, {}};
        }
        return reject("not a slowlog line");
    }

private:
    /// "[24-Nov-2026 11:00:55]  [pool o1.83] pid 24001" (two spaces: the zlog time ends in one).
    LineResult parseHeader(std::string_view line, ParsedEvent& out)
    {
        std::size_t used = 0;
        if (const auto stamp = timestamps::readFpmTime(line, out, used); stamp != timestamps::StampStatus::Ok)
            return rejectHeader(timestamps::stampReason(stamp));
        std::string_view rest = line.substr(used);
        if (!consume(rest, " "))
            return rejectHeader("no pool");
        consume(rest, " ");
        if (!consume(rest, "[pool "))
            return rejectHeader("no pool");
        const std::size_t close = rest.find("] pid ");
        if (close == npos)
            return rejectHeader("no pool");
        out.group = rest.substr(0, close);
        rest.remove_prefix(close + sizeof("] pid ") - 1);
        if (!scan::parseUnsigned(rest, out.pid))
            return rejectHeader("bad pid");
        out.code = MessageCode::SlowRecord;
        inRecord_ = true;
        return {LineStatus::Event, {}};
    }

    /// "[0x00007f3b6c01e4a0] stream_socket_client() /path/includes/common.inc:880". The name may be
    /// "[INCLUDE_OR_EVAL]", "???" or "{closure}"; the file:line is the calling user-code frame's.
    LineResult parseFrame(std::string_view line, ParsedEvent& out)
    {
        if (!inRecord_)
            return reject("no record header");
        std::string_view rest = line;
        if (!consumeFrameAddress(rest))
            return reject("bad frame");
        // The master could not read the worker at all (ptrace is blocked in most containers): the note takes
        // the place of the frame, kept as a pseudo-frame like the bare "+++ dump failed" line.
        if (rest == "+++ dump failed") {
            out.frameFunction = rest;
            return {LineStatus::Continuation, {}};
        }
        // A read failure after "name()" glues the failure note to the frame: the call site is unknown.
        if (rest.ends_with("()+++ dump failed")) {
            out.frameFunction = rest.substr(0, rest.size() - (sizeof("()+++ dump failed") - 1));
            return {LineStatus::Continuation, {}};
        }
        const std::size_t call = rest.find("() ");
        if (call == npos)
            return reject("bad frame");
        out.frameFunction = rest.substr(0, call);
        rest.remove_prefix(call + 3);
        const std::size_t colon = rest.rfind(':');
        if (colon == npos)
            return reject("bad frame");
        if (!scan::parseUnsigned(rest.substr(colon + 1), out.frameLine))
            return reject("bad frame line");
        out.frameFile = rest.substr(0, colon);
        return {LineStatus::Continuation, {}};
    }

    /// A broken header ends the record before it: the frames after it belong to a record we lost.
    LineResult rejectHeader(std::string_view reason)
    {
        inRecord_ = false;
        return {LineStatus::Rejected, reason};
    }

    /// One damaged frame or stray line does not end the record: the frames after it still belong there.
    static LineResult reject(std::string_view reason) { return {LineStatus::Rejected, reason}; }

    bool inRecord_ = false;
};

} // namespace

std::unique_ptr<LogParser> makeFpmSlowParser()
{
    return std::make_unique<FpmSlowParser>();
}

} // namespace gd
