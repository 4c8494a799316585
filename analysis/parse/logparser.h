#pragma once

#include "model/event.h"

#include <memory>
#include <string_view>

namespace gd {

/// Parses the lines of one log kind. Stateful for multi-line formats, so one instance per source.
/// Implementations work on raw bytes: no QString, no allocation per line.
class LogParser {
public:
    virtual ~LogParser() = default;
    virtual LogKind kind() const = 0;
    /// `line` has no trailing newline (nor '\r'). `out` is reset by the caller before each call.
    virtual LineResult parseLine(std::string_view line, ParsedEvent& out) = 0;
};

/// Options that change how some formats are parsed.
struct ParserOptions {
    /// A user-supplied nginx `log_format` string for the access log; empty means auto-detect.
    std::string_view accessLogFormat;
};

std::unique_ptr<LogParser> makeParser(LogKind kind, const ParserOptions& options = {});

} // namespace gd
