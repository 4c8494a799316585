#pragma once

#include <QStringList>

namespace gd::bench {

/// Times the import stages one after the other on one thread, per log kind: read + gunzip,
/// line splitting, LogParser::parseLine alone, SourceParser (parse + columns + interning + hashes),
/// then TimelineBuilder. Plain files and .gz files only (a folder such as the bundle); returns 0 on success.
int runPhaseBreakdown(const QStringList& inputs);

} // namespace gd::bench
