#pragma once

#include "import/importresult.h"
#include "report/incidentreport.h"

#include <QJsonObject>

namespace gd {

/// The `analyze` document (schema gateway-doctor/analysis/1, documented in the README) of `report`;
/// `import` gives the inputs it lists. An incident without a staff note has "staff_note": null.
QJsonObject analysisJson(const ImportResult& import, const AnalysisReport& report);

} // namespace gd
