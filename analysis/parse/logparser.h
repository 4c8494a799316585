#pragma once

#include "model/event.h"
#include "parse/nginxlogformat.h"

#include <memory>
#include <span>
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

/// Options that change how some formats are parsed. The views must outlive the parsers made with them.
struct ParserOptions {
    /// A user-supplied nginx `log_format` string for the access log; when given, the only format tried.
    std::string_view accessLogFormat;
    /// Formats the access parser tries before its built-in ones, such as the `log_format` definitions of the
    /// bundle's nginx.conf (parse/nginxconf.h). Ignored when accessLogFormat is given.
    std::span<const NginxLogFormat> accessLogFormats;
};

std::unique_ptr<LogParser> makeParser(LogKind kind, const ParserOptions& options = {});

} // namespace gd
