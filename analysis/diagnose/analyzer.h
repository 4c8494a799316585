#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/bundlefacts.h"
#include "diagnose/incident.h"
#include "import/importresult.h"

#include <atomic>
#include <memory>
#include <vector>

namespace gd {

/// The analysis of one import: its incidents and the facts they were judged against. Plain value.
struct AnalysisResult {
    std::vector<Incident> incidents;
    BundleFacts facts;
    std::uint64_t requests = 0; ///< access-log requests in the bundle
    std::uint64_t failures = 0; ///< 502/504 in the bundle

    /// The incident with this id, or nullptr.
    const Incident* findIncident(int id) const;
};

/// Finds the 502/504 incidents of an import and names their causes. Pure function of its inputs;
/// `cancelled` (optional) is polled between incidents.
AnalysisResult analyzeImport(const ImportResult& import, const AnalysisConfig& config = {},
                             const std::atomic<bool>* cancelled = nullptr);

} // namespace gd
