#pragma once

#include "report/incidentreport.h"

#include <QString>

namespace gd {

/// The `analyze` report as plain text for a terminal: the totals, then per incident its heading,
/// time span in UTC, summary, why, advice, alternatives, what the logs cannot show and the evidence.
QString analysisText(const AnalysisReport& report);

} // namespace gd
