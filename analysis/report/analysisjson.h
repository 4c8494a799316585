#pragma once

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/rawtext.h"

#include <QJsonObject>

namespace gd {

/// The `analyze` document (schema gateway-doctor/analysis/1, documented in the README).
/// Evidence text is read back from the bundle through `rawText`.
QJsonObject analysisJson(const ImportResult& import, const AnalysisResult& analysis, RawTextReader& rawText);

} // namespace gd
