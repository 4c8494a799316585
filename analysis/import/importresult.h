#pragma once

#include "model/diagnostic.h"
#include "model/sourceinfo.h"
#include "model/timeline.h"
#include "time/offsettimeline.h"

#include <QString>
#include <memory>
#include <vector>

namespace gd {

struct ImportProgress {
    std::uint64_t inputBytesDone = 0;
    std::uint64_t inputBytesTotal = 0;
    int filesDone = 0;
    int filesTotal = 0;
    std::uint64_t linesParsed = 0;
    QString currentFile;
};

/// Everything an import produced. Plain value: safe to hand between threads once complete.
struct ImportResult {
    std::shared_ptr<const Timeline> timeline;
    std::vector<SourceInfo> sources; ///< indexed by the timeline's source column
    std::vector<SkippedFile> skipped;
    std::vector<ConfigFile> configs;
    std::vector<Diagnostic> diagnostics;
    QString serverTimeZone;       ///< IANA id or fixed offset the zone-less logs were read in
    QString serverTimeZoneNote;   ///< where that zone came from
    OffsetTimeline serverOffsets; ///< the server's UTC offset over time (to show server-local times)
    bool cancelled = false;

    bool loadedAnything() const { return !sources.empty(); }
};

} // namespace gd
