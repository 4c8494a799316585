#pragma once

#include "model/logkind.h"

#include <QString>
#include <vector>

namespace gd {

/// How a piece of a log line is shown: the one set of highlighting rules of the log viewer's built-in
/// highlighter and of the evidence excerpts in a client's PDF, so both colour a line alike.
enum class LogStyle : std::uint8_t {
    Time,
    Error,
    ErrorStrong, ///< level words of errors
    Warning,
    Muted,
    String,
    Number,
    Identity,
    StatusError,   ///< a 5xx status
    StatusFailure, ///< 502 and 504: what the tool is about
};

struct LogSpan {
    qsizetype start = 0;
    qsizetype length = 0;
    LogStyle style = LogStyle::Muted;
};

/// The styled pieces of one line, in painting order (later ones paint over earlier ones). Only the first
/// few thousand characters are looked at: enough for stamps and fields of any real line.
std::vector<LogSpan> logLineSpans(const QString& line, LogKind kind);

} // namespace gd
