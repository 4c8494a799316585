#include "diagnose/findings.h"

#include "diagnose/failures.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace gd {

namespace {

void splitByPattern(std::vector<Failure> group, const AnalysisConfig& config,
                    std::vector<std::vector<Failure>>& out);

/// Failures closer than the gap belong to one incident. A request that waited counts from its start,
/// so a slow request ending after the gap still joins the incident it began in.
std::vector<std::vector<Failure>> groupIncidents(const std::vector<Failure>& failures,
                                                 const AnalysisConfig& config)
{
    std::vector<std::vector<Failure>> groups;
    std::int64_t groupEnd = 0;
    for (const Failure& failure : failures) {
        if (groups.empty() || failure.startMs > groupEnd + config.incidentGapMs) {
            groups.emplace_back();
            groupEnd = failure.endMs;
        }
        groups.back().push_back(failure);
        groupEnd = std::max(groupEnd, failure.endMs);
    }
    std::vector<std::vector<Failure>> split;
    for (std::vector<Failure>& group : groups)
        splitByPattern(std::move(group), config, split);
    return split;
}

/// Share of the failures on the most failing URL, and how many URLs failed.
struct UrlConcentration {
    double topShare = 0;
    std::size_t urls = 0;
};

/// The URL concentration of every prefix [first, first + k) for k = 0..n, in one pass: a split
/// search that recounted both sides at every candidate was quadratic (minutes on a big overload).
template <typename Iterator> std::vector<UrlConcentration> prefixConcentrations(Iterator first, Iterator last)
{
    std::vector<UrlConcentration> out(1);
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    std::uint32_t top = 0;
    std::size_t total = 0;
    for (auto it = first; it != last; ++it) {
        top = std::max(top, ++counts[(std::uint64_t(it->host) << 32) | it->target]);
        ++total;
        out.push_back({double(top) / double(total), counts.size()});
    }
    return out;
}

/// Splits a run of failures where one page failing repeatedly turns into many URLs failing (or the
/// reverse) across a pause: two causes back to back, as in the support document's distinct patterns.
void splitByPattern(std::vector<Failure> group, const AnalysisConfig& config,
                    std::vector<std::vector<Failure>>& out)
{
    std::size_t bestSplit = 0;
    std::int64_t bestGap = 0;
    const std::vector<UrlConcentration> leftStats = prefixConcentrations(group.cbegin(), group.cend());
    const std::vector<UrlConcentration> rightStats = prefixConcentrations(group.crbegin(), group.crend());
    auto focused = [&config](double top, std::size_t urls) {
        return top >= config.patternFocusedMinShare && urls <= config.patternFocusedMaxUrls;
    };
    auto spread = [&config](double top, std::size_t urls) {
        return urls >= config.patternSpreadMinUrls && top < config.patternSpreadMaxShare;
    };
    const std::size_t minSide = config.patternSplitMinFailures;
    for (std::size_t i = minSide; i + minSide <= group.size(); ++i) {
        const std::int64_t gap = group[i].startMs - group[i - 1].endMs;
        if (gap < config.patternSplitGapMs || gap <= bestGap)
            continue;
        const auto [leftTop, leftUrls] = leftStats[i];
        const auto [rightTop, rightUrls] = rightStats[group.size() - i];
        const bool leftFocused = focused(leftTop, leftUrls);
        const bool rightFocused = focused(rightTop, rightUrls);
        const bool leftSpread = spread(leftTop, leftUrls);
        const bool rightSpread = spread(rightTop, rightUrls);
        if ((leftFocused && rightSpread) || (leftSpread && rightFocused)) {
            bestSplit = i;
            bestGap = gap;
        }
    }
    if (bestSplit == 0) {
        out.push_back(std::move(group));
        return;
    }
    std::vector<Failure> right(group.begin() + static_cast<std::ptrdiff_t>(bestSplit), group.end());
    group.resize(bestSplit);
    splitByPattern(std::move(group), config, out);
    splitByPattern(std::move(right), config, out);
}

bool isTicket(const ImportResult& server, const AnalysisConfig& config)
{
    const Timeline& timeline = *server.timeline;
    if (timeline.includedCount() == 0 || timeline.includedCount() > config.ticketMaxEvents)
        return false;
    if (server.servers.size() == 1 && server.servers.front().key.isEmpty())
        return true; // loose files and pasted lines: what someone picked out for the ticket
    const EventColumns& events = timeline.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (timeline.includes(i) && !server.sources[events.source[i]].looseText)
            return false;
    }
    return true;
}

} // namespace

bool isFailureCause(const Timeline& timeline, std::size_t i)
{
    const EventColumns& events = timeline.events();
    const std::uint16_t value = events.value[i];
    switch (events.code[i]) {
    case MessageCode::FpmChildExitedSignal:
        return isCrashSignal(value) || value == 9 ||
               value == 15; // crashed, killed, or terminated at the limit
    case MessageCode::FpmThresholdReload:
    case MessageCode::FpmMaxChildren:
    case MessageCode::FpmMaxProcesses:
    case MessageCode::FpmExecutionTimedOut:
    case MessageCode::FpmInitFailed:
    case MessageCode::FpmBindFailed:
    case MessageCode::FpmAnotherInstance:
    case MessageCode::ServiceFailed:
    case MessageCode::KernSegfault:
    case MessageCode::KernTrap:
    case MessageCode::KernOomKilled:
    case MessageCode::BoaWebServerPaused:
    case MessageCode::BoaKillFpm:
    case MessageCode::BoaOom:
        return true;
    default:
        return false;
    }
}

std::vector<EvidenceSet> findEvidenceSets(const ImportResult& server, const AnalysisConfig& config)
{
    std::vector<EvidenceSet> sets;
    if (!server.timeline)
        return sets;
    const Timeline& timeline = *server.timeline;
    const EventColumns& events = timeline.events();
    const std::size_t undated = timeline.undatedCount();

    if (isTicket(server, config)) {
        EvidenceSet ticket;
        ticket.failures = collectFailures(server, true);
        ticket.wholeServer = true;
        ticket.fromMs = ticket.toMs = kNoTime;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (!timeline.includes(i) || !isFailureCause(timeline, i))
                continue;
            if (hasTime(events.timeMs[i])) {
                ticket.fromMs =
                    hasTime(ticket.fromMs) ? std::min(ticket.fromMs, events.timeMs[i]) : events.timeMs[i];
                ticket.toMs = std::max(ticket.toMs, events.timeMs[i]);
            }
        }
        if (!hasTime(ticket.fromMs) && undated < events.size()) {
            // No dated line names a cause: the ticket still happened when its dated lines did.
            for (std::size_t i = undated; i < events.size(); ++i) {
                if (!timeline.includes(i))
                    continue;
                ticket.fromMs = hasTime(ticket.fromMs) ? ticket.fromMs : events.timeMs[i];
                ticket.toMs = events.timeMs[i];
            }
        }
        // A ticket exists because someone saw 502/504: its lines are judged even when none is a failure or a
        // documented cause (then the verdict says what they do not show, and what to collect).
        sets.push_back(std::move(ticket));
        return sets;
    }

    for (std::vector<Failure>& group : groupIncidents(collectFailures(server), config))
        sets.push_back({std::move(group), 0, 0, false});

    // PHP-FPM-side episodes at times no access log covers and no incident already takes.
    const auto spans = accessLogSpans(server);
    const auto seenAsFailures = [&](std::int64_t t) {
        const bool covered = std::any_of(spans.begin(), spans.end(), [t](const auto& span) {
            return t >= span.first && t <= span.second;
        });
        const bool taken = std::any_of(sets.begin(), sets.end(), [&](const EvidenceSet& set) {
            return !set.failures.empty() && t >= set.failures.front().startMs - config.contextMarginMs &&
                   t <= set.failures.back().endMs + config.contextMarginMs;
        });
        return covered || taken;
    };
    std::vector<EvidenceSet> episodes;
    for (std::size_t i = undated; i < events.size(); ++i) {
        const std::int64_t t = events.timeMs[i];
        if (!timeline.includes(i) || !isFailureCause(timeline, i) || seenAsFailures(t))
            continue;
        if (episodes.empty() || t > episodes.back().toMs + config.incidentGapMs)
            episodes.push_back({{}, t, t, false});
        episodes.back().toMs = t;
    }
    sets.insert(sets.end(), episodes.begin(), episodes.end());

    // Undated lines of a bundle (a pasted snippet beside it): their own finding when they hold anything.
    EvidenceSet undatedSet;
    undatedSet.fromMs = undatedSet.toMs = kNoTime;
    bool undatedCauses = false;
    for (const Failure& failure : collectFailures(server, true)) {
        if (hasTime(failure.endMs))
            break; // undated ones come first
        undatedSet.failures.push_back(failure);
    }
    for (std::size_t i = 0; i < undated; ++i)
        undatedCauses = undatedCauses || (timeline.includes(i) && isFailureCause(timeline, i));
    if (!undatedSet.failures.empty() || undatedCauses)
        sets.push_back(std::move(undatedSet));
    return sets;
}

} // namespace gd
