#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class BoaMonitorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::BoaMonitor; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeBoaMonitorParser( ) { return std::make_unique<BoaMonitorParser>(); }

} // namespace gd
