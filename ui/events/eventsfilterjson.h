#pragma once

#include "events/eventsfilter.h"

#include <QJsonObject>

namespace gd {

/// EventsFilter as JSON with stable names (kind, level and message code ids, not enum numbers).
/// Host ids are not written: they index one timeline's string pool and mean nothing to another.
QJsonObject eventsFilterToJson(const EventsFilter& filter);
/// Reads what eventsFilterToJson wrote; unknown names and values of the wrong type are skipped.
EventsFilter eventsFilterFromJson(const QJsonObject& json);

} // namespace gd
