#pragma once

#include "model/histogram.h"

#include <QColor>
#include <QScatterSeries>
#include <QString>
#include <cstdint>

class QPalette;

namespace gd {

/// How the timeline chart names, colours and draws what it shows; shared by the chart, its legend
/// and its tooltips so they always agree.
bool isDark(const QPalette& palette);
/// Semantic colours, picked for the palette's brightness so they stay readable in dark mode.
QColor statusColor(RequestClass status, bool dark);
QColor markerColor(MarkerKind kind, bool dark);
QString statusName(RequestClass status);
QString markerName(MarkerKind kind);
QScatterSeries::MarkerShape markerShape(MarkerKind kind);
/// "5 min", "1 h", "2 days".
QString binLengthText(std::int64_t binMs);

} // namespace gd
