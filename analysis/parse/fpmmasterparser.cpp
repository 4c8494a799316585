#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class FpmMasterParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::FpmMaster; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeFpmMasterParser( ) { return std::make_unique<FpmMasterParser>(); }

} // namespace gd
