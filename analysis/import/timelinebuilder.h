#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/parsedsource.h"
#include "import/sharedpools.h"

#include <memory>
#include <vector>

namespace gd {

/// Turns parsed sources into the timeline: orders rotated copies, groups them by server and settles each
/// server's zone and syslog years (ServerTime), drops lines repeated by overlapping rotations, interns
/// strings globally and sorts by time.
class TimelineBuilder {
public:
    explicit TimelineBuilder(const ImportOptions& options)
        : options_(options)
    {
    }
    /// `pools` holds the strings of the sources whose ids are shared (ParsedSource::idsShared); the others
    /// bring their own pools.
    void build(std::vector<std::unique_ptr<ParsedSource>> sources, ImportResult& result,
               std::unique_ptr<SharedPools> pools = nullptr);

private:
    using Sources = std::vector<std::unique_ptr<ParsedSource>>;
    void orderSources(Sources& sources);
    void assignServers(Sources& sources, ImportResult& result);
    void dropRotationDuplicates(Sources& sources);
    void merge(Sources& sources, ImportResult& result, std::unique_ptr<SharedPools> pools);

    const ImportOptions& options_;
};

} // namespace gd
