#pragma once

#include "report/incidentreport.h"

#include <QString>
#include <cstdint>
#include <functional>

namespace gd {

/// `text` escaped for HTML with its line breaks kept. Text from logs, and from the analysis (which
/// quotes hosts and URLs from logs), is hostile: a rich-text view must show it literally.
QString htmlEscaped(const QString& text);

/// The explanation of an incident as an HTML fragment (the detail panel; a printed report): the
/// cause in plain words, what happened, why this cause with the measured features, other causes,
/// advice, failing URLs, what the logs cannot show and what to collect next. Every text is escaped.
/// `formatTime` shows an instant in the zone the reader chose.
QString incidentHtml(const IncidentReport& report,
                     const std::function<QString(std::int64_t utcMs)>& formatTime);

} // namespace gd
