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
/// A client that failed on one page more often than this (a bot, a monitor) is left out: its lines fit each
/// other at many offsets, and comparing each of its requests with each of its failures would cost a square.
constexpr std::size_t kMaxSightingsPerRequest = 32;

/// Who asked where: the host and client of a request, as views into the pools (stable while this runs).
struct HostClient {
    std::string_view host;
    std::string_view client;
    bool operator==(const HostClient&) const = default;
};

struct HostClientHash {
    std::size_t operator()(const HostClient& key) const
    {
        return std::hash<std::string_view>()(key.host) * 31 + std::hash<std::string_view>()(key.client);
    }
};

/// An access line that fits an error line: same client, host and page, times a whole zone offset apart.
struct Match {
    std::uint32_t sighting = 0;
    std::int64_t utcMs = 0;
    std::int32_t offsetSec = 0;
};

/// Error lines with a request: their wall-clock times, found by page, then by host and client. An access
/// line looks up its own three fields and meets only the error lines of the same request (a page that failed
/// for thousands of clients must not be compared with every one of its requests).
struct Sightings {
    using ByHostClient = std::unordered_map<HostClient, std::vector<std::uint32_t>, HostClientHash>;
    std::vector<std::int64_t> wallMs;
    std::unordered_map<std::string, ByHostClient> byPage; ///< indices into wallMs
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
        for (std::size_t i = 0; i < ev.size() && sightings.wallMs.size() < kMaxSightings; ++i) {
            if (source->pendingTime[i] != ParsedSource::kNeedsZone || ev.target[i] == 0)
                continue;
            const std::string_view page = pageOf(pools.targets->view(ev.target[i]));
            const HostClient who{pools.hosts->view(ev.host[i]), pools.clients->view(ev.client[i])};
            sightings.byPage[std::string(page)][who].push_back(
                static_cast<std::uint32_t>(sightings.wallMs.size()));
            sightings.wallMs.push_back(ev.timeMs[i]);
        }
    }
    for (auto& [page, byHostClient] : sightings.byPage)
        std::erase_if(byHostClient,
                      [](const auto& entry) { return entry.second.size() > kMaxSightingsPerRequest; });
    return sightings;
}

/// Every access line dated in UTC that fits an error line.
std::vector<Match> matchAccessLines(const std::vector<ParsedSource*>& sources, const SharedPools* shared,
                                    const Sightings& sightings)
{
    std::vector<Match> matches;
    // Access sources usually share one pool: look each page up once per pool, not once per source.
    std::map<const StringPool*, std::unordered_map<std::uint32_t, const Sightings::ByHostClient*>>
        pagesByPool;
    for (const ParsedSource* source : sources) {
        if (source->info.kind != LogKind::NginxAccess || source->pendingTime.size() != source->events.size())
            continue;
        const Pools pools = poolsOf(*source, shared);
        auto [entry, isNew] = pagesByPool.try_emplace(pools.targets);
        if (isNew) {
            for (const auto& [page, byHostClient] : sightings.byPage) {
                const std::uint32_t id = pools.targets->find(page);
                if (id != UINT32_MAX && id != 0)
                    entry->second.emplace(id, &byHostClient);
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
            const auto page = pages.find(ev.target[i]);
            if (page == pages.end())
                continue;
            const auto same =
                page->second->find({pools.hosts->view(ev.host[i]), pools.clients->view(ev.client[i])});
            if (same == page->second->end())
                continue;
            for (const std::uint32_t index : same->second) {
                const std::int64_t difference = sightings.wallMs[index] - ev.timeMs[i];
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
    if (sightings.wallMs.empty())
        return clock;
    std::vector<Match> matches = matchAccessLines(sources, shared, sightings);

    // An error line that fits several access lines (a monitor asking for one page every quarter-hour) proves
    // nothing: only error lines with exactly one fit vote.
    std::vector<std::uint32_t> fits(sightings.wallMs.size(), 0);
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
    return clock;
}

} // namespace gd
