#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class AccessLogParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::NginxAccess; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeAccessLogParser(const ParserOptions&) { return std::make_unique<AccessLogParser>(); }

} // namespace gd
