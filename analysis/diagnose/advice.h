#pragma once

#include "diagnose/bundlefacts.h"
#include "diagnose/incident.h"
#include "diagnose/incidentsignals.h"

namespace gd {

/// What to do about an incident, in the support document's terms, made specific with what was
/// measured (URLs, module, limits, INI settings).
QString adviceFor(const Incident& incident, const IncidentSignals& signals, const BundleFacts& facts);

/// How sure a classification of a crashing library is: extension, PHP core, or undetermined.
SegfaultAttribution::Kind classifySegfaultModule(const QString& module);

} // namespace gd
