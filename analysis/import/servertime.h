#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/parsedsource.h"

#include <QTimeZone>
#include <memory>
#include <vector>

namespace gd {

class SharedPools;

/// Settles the times of one server's sources: chooses the server's zone (access-log offsets, the bundle's
/// etc/timezone, --tz, this computer's zone), gives year-less syslog readings their years and turns every
/// wall-clock reading into UTC. One per server, so two bundles from different zones never share a zone.
class ServerTime {
public:
    using Sources = std::vector<ParsedSource*>;

    /// `sources` are the server's, oldest rotated copy first per family; `configs` only the server's;
    /// `pools` holds the strings of sources whose ids are shared (may be null).
    ServerTime(const ImportOptions& options, const Sources& sources, const std::vector<ConfigFile>& configs,
               const SharedPools* pools = nullptr);

    /// Fills `server`'s zone fields and converts the sources' times in place; messages go to `diagnostics`.
    void settle(ServerInfo& server, std::vector<Diagnostic>& diagnostics);

private:
    void chooseZone(ServerInfo& server, std::vector<Diagnostic>& diagnostics);
    void assignYears(const QString& serverName, std::vector<Diagnostic>& diagnostics);
    void resolveZones();
    /// Warns, per file, of times that step back more than an hour and of lines left out for being dated
    /// after next year (SourceParser): the events stay where their own times put them.
    void reportTimeAnomalies(std::vector<Diagnostic>& diagnostics) const;

    const ImportOptions& options_;
    const Sources& sources_;
    const std::vector<ConfigFile>& configs_;
    const SharedPools* pools_;
    OffsetTimeline offsets_;
    QTimeZone zone_; ///< the zone database entry behind offsets_, when there is one
    QString zoneNote_;
};

} // namespace gd
