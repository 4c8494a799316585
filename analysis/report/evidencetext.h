#pragma once

#include "diagnose/analyzer.h"
#include "import/rawtext.h"

#include <QString>
#include <atomic>
#include <cstdint>

namespace gd {

/// The evidence line's raw text, or a note why it could not be read.
QString evidenceText(RawTextReader& rawText, const EvidenceLine& evidence);

/// Reads every evidence line of `analysis`, with `contextLines` around each (what a log viewer
/// shows), into `rawText`'s pinned lines: one decoding pass per compressed member instead of one
/// per line. Returns false when cancelled.
bool pinEvidence(RawTextReader& rawText, const AnalysisResult& analysis, std::uint32_t contextLines,
                 const std::atomic<bool>* cancel = nullptr);

} // namespace gd
