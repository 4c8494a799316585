#pragma once

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/rawtext.h"

#include <QJsonObject>
#include <functional>

namespace gd {

/// The `analyze` document (schema gateway-doctor/analysis/1, documented in the README).
/// Evidence text is read back from the bundle through `rawText`. `staffNote` (optional) gives the
/// support staff's note on an incident; without one, "staff_note" is null.
QJsonObject analysisJson(const ImportResult& import, const AnalysisResult& analysis, RawTextReader& rawText,
                         const std::function<QString(const Incident&)>& staffNote = {});

} // namespace gd
