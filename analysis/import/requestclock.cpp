#include "import/requestclock.h"

#include "import/sharedpools.h"
#include "import/sourceparser.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

namespace gd {

namespace {

constexpr std::int64_t kQuarterHourMs = 15 * 60 * 1000;
constexpr std::int64_t kMaxOffsetMs = 14 * 60 * 60 * 1000;
/// The error line's time has whole seconds and is written a moment before the access line: its wall-clock
/// time minus the access line's UTC lies this close below the true offset.
constexpr std::int64_t kLagBelowMs = 5000;
constexpr std::int64_t kLagAboveMs = 1000;
/// Error lines looked at: enough to vote, bounded however noisy the error log is.
constexpr std::size_t kMaxSightings = 200'000;

struct Sighting {
    std::string_view host;
    std::string_view client;
    std::int64_t wallMs = 0;
};

/// An access line that fits an error line: same client, host and page, times a whole zone offset apart.
struct Match {
    std::uint32_t sighting = 0;
    std::int64_t utcMs = 0;
    std::int32_t offsetSec = 0;
};

struct Sightings {
    std::vector<Sighting> all;
    std::unordered_map<std::string, std::vector<std::uint32_t>> byPage; ///< indices into `all`
};

struct Pools {
    const StringPool* hosts;
    const StringPool* targets;
    const StringPool* clients;
};

Pools poolsOf(const ParsedSource& source, const SharedPools* shared)
{
    if (source.idsShared && shared)
        return {&shared->hosts, &shared->targets, &shared->clients};
    return {&source.hosts, &source.targets, &source.clients};
}

/// Error lines with a request, by page: the wall-clock readings still waiting for the server's zone.
Sightings errorSightings(const std::vector<ParsedSource*>& sources, const SharedPools* shared)
{
    Sightings sightings;
    for (const ParsedSource* source : sources) {
        if (source->info.kind != LogKind::NginxError || source->pendingTime.size() != source->events.size())
            continue;
        const Pools pools = poolsOf(*source, shared);
        const EventColumns& ev = source->events;
        for (std::size_t i = 0; i < ev.size() && sightings.all.size() < kMaxSightings; ++i) {
            if (source->pendingTime[i] != ParsedSource::kNeedsZone || ev.target[i] == 0)
                continue;
            const std::string_view page = pageOf(pools.targets->view(ev.target[i]));
            sightings.byPage[std::string(page)].push_back(static_cast<std::uint32_t>(sightings.all.size()));
            sightings.all.push_back(
                {pools.hosts->view(ev.host[i]), pools.clients->view(ev.client[i]), ev.timeMs[i]});
        }
    }
    return sightings;
}

/// Every access line dated in UTC that fits an error line.
std::vector<Match> matchAccessLines(const std::vector<ParsedSource*>& sources, const SharedPools* shared,
                                    const Sightings& sightings)
{
    std::vector<Match> matches;
    // Access sources usually share one pool: look each page up once per pool, not once per source.
    std::map<const StringPool*, std::unordered_map<std::uint32_t, const std::vector<std::uint32_t>*>>
        pagesByPool;
    for (const ParsedSource* source : sources) {
        if (source->info.kind != LogKind::NginxAccess || source->pendingTime.size() != source->events.size())
            continue;
        const Pools pools = poolsOf(*source, shared);
        auto [entry, isNew] = pagesByPool.try_emplace(pools.targets);
        if (isNew) {
            for (const auto& [page, indices] : sightings.byPage) {
                const std::uint32_t id = pools.targets->find(page);
                if (id != UINT32_MAX && id != 0)
                    entry->second.emplace(id, &indices);
            }
        }
        const auto& pages = entry->second;
        if (pages.empty())
            continue;
        const EventColumns& ev = source->events;
        for (std::size_t i = 0; i < ev.size(); ++i) {
            // Only requests dated exactly in UTC can measure the zone.
            if (ev.code[i] != MessageCode::Request || source->pendingTime[i] != 0 || !hasTime(ev.timeMs[i]))
                continue;
            const auto found = pages.find(ev.target[i]);
            if (found == pages.end())
                continue;
            const std::string_view host = pools.hosts->view(ev.host[i]);
            const std::string_view client = pools.clients->view(ev.client[i]);
            for (const std::uint32_t index : *found->second) {
                const Sighting& sighting = sightings.all[index];
                if (sighting.host != host || sighting.client != client)
                    continue;
                const std::int64_t difference = sighting.wallMs - ev.timeMs[i];
                const std::int64_t offset =
                    std::llround(static_cast<double>(difference) / kQuarterHourMs) * kQuarterHourMs;
                const std::int64_t residual = difference - offset;
                if (residual < -kLagBelowMs || residual > kLagAboveMs || std::abs(offset) > kMaxOffsetMs)
                    continue;
                matches.push_back({index, ev.timeMs[i], static_cast<std::int32_t>(offset / 1000)});
            }
        }
    }
    return matches;
}

} // namespace

RequestClock readRequestClock(const std::vector<ParsedSource*>& sources, const SharedPools* shared)
{
    RequestClock clock;
    const Sightings sightings = errorSightings(sources, shared);
    if (sightings.all.empty())
        return clock;
    std::vector<Match> matches = matchAccessLines(sources, shared, sightings);

    // An error line that fits several access lines (a monitor asking for one page every quarter-hour) proves
    // nothing: only error lines with exactly one fit vote.
    std::vector<std::uint32_t> fits(sightings.all.size(), 0);
    for (const Match& match : matches)
        ++fits[match.sighting];
    std::erase_if(matches, [&](const Match& match) { return fits[match.sighting] != 1; });
    if (matches.empty())
        return clock;

    // Chance fits land on some offset now and then; the zone's offset collects most votes. Offsets with a
    // fifth of the votes survive; two may (a DST change) if their requests lie one after the other in time.
    std::map<std::int32_t, std::size_t> votes;
    for (const Match& match : matches)
        ++votes[match.offsetSec];
    std::vector<std::int32_t> kept;
    for (const auto& [offset, count] : votes) {
        if (count * 5 >= matches.size())
            kept.push_back(offset);
    }
    std::sort(matches.begin(), matches.end(),
              [](const Match& a, const Match& b) { return a.utcMs < b.utcMs; });
    std::erase_if(matches, [&](const Match& match) {
        return std::find(kept.begin(), kept.end(), match.offsetSec) == kept.end();
    });
    std::size_t changes = 0;
    for (std::size_t i = 1; i < matches.size(); ++i)
        changes += matches[i].offsetSec != matches[i - 1].offsetSec;
    const bool dstLike = kept.size() == 2 && changes == 1 && std::abs(kept[1] - kept[0]) <= 3600;
    if (kept.size() > 2 || (kept.size() == 2 && !dstLike))
        return clock; // no clear answer: better the zone's other sources than a guess
    for (const Match& match : matches)
        clock.observations.push_back({match.utcMs, match.offsetSec});
    clock.requests = matches.size();
    return clock;
}

} // namespace gd
