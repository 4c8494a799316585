#pragma once

#include "import/systemmemory.h"

#include <QString>
#include <cstdint>
#include <string>

namespace gd {

/// Bounds that keep hostile bundles from exhausting memory or time.
struct ImportLimits {
    /// Decompressed bytes allowed from one input (archive or file) in total.
    std::uint64_t maxExpandedBytes = 64ULL << 30;
    /// Decompressed-to-compressed ratio above which an input is treated as a decompression bomb
    /// (checked once more than `ratioGraceBytes` were produced; real logs compress 5:1 to 50:1).
    double maxCompressionRatio = 1000.0;
    std::uint64_t ratioGraceBytes = 64ULL << 20;
    /// Archives inside archives deeper than this are skipped.
    int maxNestingDepth = 4;
    /// Longer lines are cut to this and reported as skipped.
    std::uint32_t maxLineBytes = 64 * 1024;
    /// Config files larger than this are not kept.
    std::uint32_t maxConfigBytes = 1024 * 1024;
    /// Memory the import may use at its peak. Reading stops, politely, once the events read so far would
    /// need more (estimated at kPeakBytesPerEvent each); what was read is analysed. 0 = no budget.
    std::uint64_t memoryBudgetBytes = defaultMemoryBudget();
    /// Peak bytes per event of an import (columns, strings, merging), measured on the benchmark bundles
    /// (tests/bench/bench_import prints it) with a margin.
    static constexpr std::uint64_t kPeakBytesPerEvent = 64;
};

struct ImportOptions {
    ImportLimits limits;
    std::string accessLogFormat; ///< nginx log_format string; empty = auto-detect
    QString timeZone;            ///< --tz: zone for zone-less logs when the bundle does not tell
    int threads = 0;             ///< parse threads; 0 = one per core
    bool oneServer = false;      ///< read every input as logs of one server (else one per bundle or folder)
};

} // namespace gd
