#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class PhpErrorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::PhpError; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makePhpErrorParser( ) { return std::make_unique<PhpErrorParser>(); }

} // namespace gd
