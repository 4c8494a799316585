#pragma once

#include <QStringList>

namespace gd {

/// `gateway-doctor report --pdf OUT.pdf [--csv OUT.csv] ... INPUT...`: the client report, headless (the pages
/// are drawn on the offscreen platform). Returns the exit status, as `analyze` does.
int runReport(const QStringList& arguments);

} // namespace gd
