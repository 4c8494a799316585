#pragma once

// The stamps the BOA monitor scripts write with date(1): `$(date)` in the locale of the server, and
// `date +%y%m%d-%H%M%S`. Built from the pieces of parse/timestamps.h.

#include "model/event.h"
#include "parse/timestamps.h"
#include "time/civiltime.h"

#include <cstddef>
#include <string_view>

namespace gd::timestamps {

/// `date` output: "Tue Nov 24 10:51:32 CET 2026" (C locale), "Tue Nov 24 10:51:32 AM CET 2026" (en_US) or
/// "Tue 24 Nov 10:51:32 CET 2026" (en_GB). Unambiguous zone abbreviations become an offset; any other
/// (CST, IST...) goes to `group` for the timeline to resolve.
StampStatus readDateCommandTime(std::string_view text, ParsedEvent& out, std::size_t& used);

/// `date +%y%m%d-%H%M%S` at `pos`: "261124-105132", 13 bytes, no zone; the year is 20YY.
StampStatus readCompactTime(std::string_view text, std::size_t pos, CivilFields& f);

} // namespace gd::timestamps
