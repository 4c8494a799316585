#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/parsedsource.h"
#include "time/offsettimeline.h"

#include <memory>
#include <vector>

namespace gd {

/// Turns parsed sources into the timeline: orders rotated copies, settles zones and syslog years,
/// drops lines repeated by overlapping rotations, interns strings globally and sorts by time.
class TimelineBuilder {
public:
    explicit TimelineBuilder(const ImportOptions& options)
        : options_(options)
    {
    }
    void build(std::vector<std::unique_ptr<ParsedSource>> sources, ImportResult& result);

private:
    using Sources = std::vector<std::unique_ptr<ParsedSource>>;
    void orderSources(Sources& sources);
    void chooseServerZone(const Sources& sources, ImportResult& result);
    void assignYears(Sources& sources, ImportResult& result);
    void resolveZones(Sources& sources);
    void dropRotationDuplicates(Sources& sources);
    void merge(Sources& sources, ImportResult& result);

    const ImportOptions& options_;
    OffsetTimeline serverOffsets_;
    QTimeZone zone_; ///< the zone database entry behind serverOffsets_, when there is one
    QString zoneNote_;
};

} // namespace gd
