#include "parse/logparser.h"
#include "parse/parsers.h"

namespace gd {

std::unique_ptr<LogParser> makeParser(LogKind kind, const ParserOptions& options)
{
    switch (kind) {
    case LogKind::NginxAccess:
        return makeAccessLogParser(options);
    case LogKind::NginxError:
        return makeNginxErrorParser();
    case LogKind::FpmMaster:
        return makeFpmMasterParser();
    case LogKind::FpmSlow:
        return makeFpmSlowParser();
    case LogKind::PhpError:
        return makePhpErrorParser();
    case LogKind::Syslog:
        return makeSyslogParser();
    case LogKind::BoaMonitor:
        return makeBoaMonitorParser();
    case LogKind::Unknown:
        break;
    }
    return nullptr;
}

} // namespace gd
