#pragma once

// Every timestamp the log parsers read, one reader per family, so that a fix to one (an offset spelling, a
// leap day) reaches every log that writes it. The readers fill the time fields of ParsedEvent: `time` as
// written (civil), `hasOffset`/`utcOffsetSec` when the text names the offset, `hasYear` = false when it
// names no year, and `group` for a zone name that only the timeline can resolve.
// `read*` reads a stamp at the front of a line and says how many bytes it used; `parse*` takes a whole field.
// The BOA scripts' `date` output is read in parse/datecommandtime.h, from the same pieces.

#include "model/event.h"
#include "time/civiltime.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gd::timestamps {

/// What reading a timestamp at the front of a line found.
enum class StampStatus : std::uint8_t {
    Ok,
    NoStamp,  ///< the line does not start with a stamp of this family
    BadStamp, ///< it starts like one, but its end is garbled
    BadDate,  ///< it is one, but names no real time (Feb 30, 25:00)
};

/// The rejection reason the parsers report: "no timestamp", "bad timestamp", "bad date" (empty for Ok).
std::string_view stampReason(StampStatus status);

// --- The pieces the readers are built from ---

/// "Jan".."Dec" (exact case, as nginx, PHP, syslog and date write them) at `pos` to 1..12, else 0: one
/// integer compare per month, because the access log reads one per line.
int monthAt(std::string_view text, std::size_t pos);

/// "HH:MM:SS" at `pos` into `f`; false if the shape is wrong (range checks are left to isValidCivil).
bool parseClock(std::string_view text, std::size_t pos, CivilFields& f);

/// "+HH:MM", "+HHMM", "+HH" (and '-') at the start of `text`; returns the bytes used, 0 if none.
std::size_t parseNumericOffset(std::string_view text, std::int32_t& offsetSec);

// --- nginx ---

/// error.log "2026/11/24 10:51:32" (ngx_times.c, local time, no zone).
StampStatus readNginxErrorTime(std::string_view line, ParsedEvent& out, std::size_t& used);

/// Access-log $time_local "24/Nov/2026:10:51:32 +0100": the whole field, fixed offset.
bool parseTimeLocal(std::string_view value, ParsedEvent& out);

/// Access-log $time_iso8601 as nginx writes it, "2026-11-24T10:51:32+01:00" ("Z" accepted too): the whole
/// field, without fraction, offset required.
bool parseTimeIso8601(std::string_view value, ParsedEvent& out);

/// Access-log $msec "1795513892.123", seconds since the epoch: UTC, so the offset is known to be 0.
bool parseMsec(std::string_view value, ParsedEvent& out);

// --- ISO 8601 / RFC 3339 ---

/// "2026-11-24T10:51:32[.fraction][Z|+01:00|+0100|+01]" (rsyslog file format, RFC 5424). The offset is
/// optional to tolerate local dumps; whatever follows the stamp is the caller's to judge.
StampStatus readIso8601(std::string_view text, ParsedEvent& out, std::size_t& used);

// --- PHP and PHP-FPM ---

/// PHP-FPM's zlog "[24-Nov-2026 10:51:32]", "[24-Nov-2026 10:51:32.123456]" at log_level = debug (master log
/// and slowlog). No zone: the server's local time.
StampStatus readFpmTime(std::string_view line, ParsedEvent& out, std::size_t& used);

/// PHP's error_log "[24-Nov-2026 09:51:32 UTC]" (no zone in very old PHP). The zone is the `date.timezone`
/// name: UTC and its aliases and "+01:00"-style names become an offset, any other name goes to `group`.
StampStatus readPhpTime(std::string_view line, ParsedEvent& out, std::size_t& used);

// --- syslog (RFC 3339 stamps: readIso8601) ---

/// RFC 3164 "Nov 24 10:51:32", "Nov  4 10:51:32" (also an unpadded "Nov 4"): no year, no zone.
StampStatus readSyslogTime(std::string_view text, ParsedEvent& out, std::size_t& used);

// --- supervisord ---

/// supervisord's "2020-04-11 13:10:00,063" (Python's asctime: local time, comma before the milliseconds; a
/// dot or no fraction is accepted too). No zone.
StampStatus readAsctime(std::string_view text, ParsedEvent& out, std::size_t& used);

} // namespace gd::timestamps
