#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/bundlefacts.h"
#include "diagnose/incident.h"
#include "diagnose/incidentsignals.h"

#include <array>

namespace gd {

struct Classification {
    std::vector<CauseScore> ranked; ///< every cause with its confidence, the verdict first
    /// What each cause's rules added up to (index: Cause), before what the logs cannot show and calibration.
    std::array<double, kCauseCount> scores{};
    std::vector<CauseScore>
        alternatives;        ///< the causes after the first scoring at least confidence.alternativeMin
    QStringList reasons;     ///< why the best cause scored (measured facts, in words)
    QStringList limits;      ///< what the bundle cannot show, which lowered the confidence
    QStringList collectNext; ///< logs that would decide
};

/// Scores each documented cause from the measured signals (docs/causes.md) and ranks them.
/// Rules are additive and each says why it fired, so the UI and the report can show the reasoning;
/// every weight and threshold is in `config` (one struct per cause).
Classification classifyIncident(const IncidentSignals& signals, const BundleFacts& facts,
                                const AnalysisConfig& config);

/// A score as a confidence that says how often such a verdict is right (ConfidenceRules::calibration).
double calibratedConfidence(double score, const ConfidenceRules& rules);

} // namespace gd
