#include "parse/parsers.h"

namespace gd {
namespace {

// Placeholder until the real parser lands: rejects every line.
class NginxErrorParser final : public LogParser {
public:
    LogKind kind() const override { return LogKind::NginxError; }
    LineResult parseLine(std::string_view, ParsedEvent&) override { return {LineStatus::Rejected, "not implemented"}; }
};

} // namespace

std::unique_ptr<LogParser> makeNginxErrorParser( ) { return std::make_unique<NginxErrorParser>(); }

} // namespace gd
