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

/// One server of the import: a bundle or folder, or the loose files opened with it. Zones and syslog years
/// are learned per server, since two servers of one ticket may run in different zones.
struct ServerInfo {
    QString key;          ///< SourceLocation::serverKey() of its files
    QString name;         ///< host name from its logs, else the bundle's or folder's name
    QString timeZone;     ///< IANA id or fixed offsets its zone-less logs were read in
    QString timeZoneNote; ///< where that zone came from
    OffsetTimeline offsets;
};

/// Everything an import produced. Plain value: safe to hand between threads once complete.
struct ImportResult {
    std::shared_ptr<const Timeline> timeline;
    std::vector<SourceInfo> sources; ///< indexed by the timeline's source column
    std::vector<SkippedFile> skipped;
    std::vector<ConfigFile> configs;
    std::vector<Diagnostic> diagnostics;
    std::vector<ServerInfo> servers; ///< indexed by SourceInfo::server; at least one when anything loaded
    // The first server's zone, for the many bundles that are one server (see `servers` for each).
    QString serverTimeZone;       ///< IANA id or fixed offset the zone-less logs were read in
    QString serverTimeZoneNote;   ///< where that zone came from
    OffsetTimeline serverOffsets; ///< the server's UTC offset over time (to show server-local times)
    bool cancelled = false;
    /// The memory budget stopped the import: the timeline holds what was read until then.
    bool memoryBudgetReached = false;

    bool loadedAnything() const { return !sources.empty(); }
};

} // namespace gd
