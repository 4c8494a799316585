#pragma once

#include "import/importresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace gd {

/// One JSON object per input source, as documented in the README ("inspect" output).
QJsonArray sourcesJson(const ImportResult& result);
/// The whole `inspect` document: sources, totals, skipped files, diagnostics, zone.
QJsonObject inspectJson(const ImportResult& result);
/// The same as a plain-text table for a terminal.
QString inspectText(const ImportResult& result);

} // namespace gd
