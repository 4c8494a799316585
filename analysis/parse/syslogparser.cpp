#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class SyslogParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::Syslog; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeSyslogParser( ) { return std::make_unique<SyslogParser>(); }

} // namespace gd
