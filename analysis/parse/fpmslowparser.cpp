#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class FpmSlowParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::FpmSlow; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeFpmSlowParser( ) { return std::make_unique<FpmSlowParser>(); }

} // namespace gd
