#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/failures.h"
#include "diagnose/incident.h"
#include "diagnose/incidentsignals.h"

namespace gd {

/// Picks the lines that prove an incident, each with the reason it counts, at most
/// config.evidencePerRole per role, in time order.
std::vector<EvidenceLine> selectEvidence(const ImportResult& import, const std::vector<Failure>& failures,
                                         const IncidentSignals& signals, Cause cause,
                                         const AnalysisConfig& config);

} // namespace gd
