#pragma once

#include "parse/logparser.h"

#include <memory>

namespace gd {

// One factory per format; each lives in its own parse/<format>parser.cpp.
std::unique_ptr<LogParser> makeAccessLogParser(const ParserOptions& options);
std::unique_ptr<LogParser> makeNginxErrorParser();
std::unique_ptr<LogParser> makeFpmMasterParser();
std::unique_ptr<LogParser> makeFpmSlowParser();
std::unique_ptr<LogParser> makePhpErrorParser();
std::unique_ptr<LogParser> makeSyslogParser();
std::unique_ptr<LogParser> makeBoaMonitorParser();
std::unique_ptr<LogParser> makeSupervisordParser();
std::unique_ptr<LogParser> makeTextLineParser();

} // namespace gd
