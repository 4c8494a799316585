#pragma once

#include "model/event.h"
#include "model/logkind.h"

#include <optional>
#include <string_view>

namespace gd {

/// A documented message found somewhere in a line that no parser reads as a whole: a fragment cut out of a
/// longer line, a reporter's summary ("NGINX:  recv() failed (104: Connection reset by peer)"), a quote
/// inside prose. The event has no time; the kind is the log the message comes from.
struct SignatureMatch {
    LogKind kind = LogKind::Unknown;
    ParsedEvent event;
};

/// The first documented message (docs/log-formats.md) in `text`, with the numbers the message carries (errno,
/// signal, pid, max_children). Only loose text comes here: a log read by its parser never needs it.
std::optional<SignatureMatch> findSignature(std::string_view text);

} // namespace gd
