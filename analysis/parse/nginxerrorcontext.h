#pragma once

// The context nginx appends to an error-log message (ngx_http_log_error_handler): ", client: <ip>, server:
// <name>[, request: "..."][, subrequest: "..."][, upstream: "..."][, host: "..."][, referrer: "..."]". The
// quoted values are written unescaped, so the context is split on whole `", key: "` markers and only on keys
// that may still follow, never on a bare quote.

#include "model/event.h"

#include <cstddef>
#include <string_view>

namespace gd {

/// Offset of the real ", client: " in `tail` (a message and what follows it), or npos. The message itself may
/// quote upstream output, so a candidate must be `, client: <address>, server: <name>` with plain tokens (or
/// the address alone, at the end of a line cut at 2048 bytes).
std::size_t findContext(std::string_view tail);

/// Fills client, host, method/target and upstream (`group`) from the context that starts with ", client: ".
void parseContext(std::string_view context, ParsedEvent& out);

} // namespace gd
