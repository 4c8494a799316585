#include "parse/logkinds.h"
#include "parse/logparser.h"

namespace gd {

std::unique_ptr<LogParser> makeParser(LogKind kind, const ParserOptions& options)
{
    const LogKindInfo* info = logKindInfo(kind);
    return info ? info->makeParser(options) : nullptr;
}

} // namespace gd
