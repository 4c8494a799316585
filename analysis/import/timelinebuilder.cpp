#include "import/timelinebuilder.h"

#include "import/rotation.h"
#include "time/civiltime.h"
#include "time/syslogyear.h"

#include <QDateTime>
#include <QMap>
#include <algorithm>
#include <limits>
#include <numeric>
#include <thread>

namespace gd {

namespace {

constexpr std::int64_t kDayMs = 86400000;
/// Readings may step back this much within a file (requests end out of order) without being
/// taken for the second pass through a repeated DST hour.
constexpr std::int64_t kDisorderToleranceMs = 10 * 60 * 1000;

QTimeZone zoneFromConfig(const std::vector<ConfigFile>& configs, QString* path)
{
    for (const ConfigFile& config : configs) {
        if (!config.path.endsWith(QLatin1String("etc/timezone")))
            continue;
        const QByteArray id = config.content.trimmed();
        if (QTimeZone::isTimeZoneIdAvailable(id)) {
            *path = config.path;
            return QTimeZone(id);
        }
    }
    return {};
}

/// Range of wall-clock readings that still need a zone, to bound the zone's transition list.
std::pair<std::int64_t, std::int64_t> pendingRange(const std::vector<std::unique_ptr<ParsedSource>>& sources,
                                                   bool includeYearless)
{
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    for (const auto& source : sources) {
        if (source->hasYearlessTimes && !includeYearless)
            continue; // placeholder years would stretch the range over decades
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            if (source->needsZone[i] != 0) {
                low = std::min(low, source->events.timeMs[i]);
                high = std::max(high, source->events.timeMs[i]);
            }
        }
    }
    return {low, high};
}

} // namespace

void TimelineBuilder::build(Sources sources, ImportResult& result)
{
    orderSources(sources);
    chooseServerZone(sources, result);
    assignYears(sources, result);
    if (zone_.isValid()) {
        // Year-less readings only have their years now: cover them with the zone's DST changes too.
        const auto [low, high] = pendingRange(sources, true);
        if (low <= high)
            serverOffsets_ = OffsetTimeline::fromZone(zone_, low - 2 * kDayMs, high + 2 * kDayMs);
    }
    resolveZones(sources);
    result.serverOffsets = serverOffsets_;
    dropRotationDuplicates(sources);
    merge(sources, result);
}

void TimelineBuilder::orderSources(Sources& sources)
{
    for (auto& source : sources) {
        const RotationName name = rotationName(source->info.path);
        source->info.rotationFamily = name.family;
        source->info.rotationIndex = name.index;
    }
    // Stable, meaningful order: by family, then oldest copy first (so file order is time order).
    std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
        if (a->info.rotationFamily != b->info.rotationFamily)
            return a->info.rotationFamily < b->info.rotationFamily;
        if (a->info.rotationIndex != b->info.rotationIndex)
            return a->info.rotationIndex > b->info.rotationIndex;
        return a->info.path < b->info.path;
    });
}

void TimelineBuilder::chooseServerZone(const Sources& sources, ImportResult& result)
{
    std::vector<OffsetTimeline::Span> observations;
    for (const auto& source : sources) {
        if (source->info.kind != LogKind::NginxAccess)
            continue;
        for (const OffsetObservation& seen : source->offsets)
            observations.push_back({seen.utcMs, seen.offsetSec});
    }
    auto [low, high] = pendingRange(sources, false);
    if (low > high) {
        low = high = QDateTime::currentMSecsSinceEpoch();
    }
    const std::int64_t from = low - 2 * kDayMs;
    const std::int64_t to = high + 2 * kDayMs;

    QString configPath;
    const QTimeZone configZone = zoneFromConfig(result.configs, &configPath);
    if (!observations.empty()) {
        const OffsetTimeline learned = OffsetTimeline::fromObservations(observations);
        // A zone named by the bundle that agrees with every observed offset also knows the DST
        // changes outside the access log's time range, so prefer it then.
        bool agrees = configZone.isValid();
        for (const auto& seen : observations) {
            if (agrees && configZone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(
                              seen.utcStartMs, QTimeZone::utc())) != seen.offsetSec)
                agrees = false;
        }
        if (agrees) {
            zone_ = configZone;
            serverOffsets_ = OffsetTimeline::fromZone(configZone, from, to);
            result.serverTimeZone = QString::fromUtf8(configZone.id());
            zoneNote_ = QStringLiteral("%1 from %2, matching the access log offsets")
                            .arg(result.serverTimeZone, configPath);
        } else {
            serverOffsets_ = learned;
            QStringList offsets;
            for (const auto& span : learned.spans())
                offsets << formatUtcOffset(span.offsetSec);
            result.serverTimeZone = offsets.join(QStringLiteral(" then "));
            zoneNote_ = QStringLiteral("learned from access log offsets (%1)").arg(result.serverTimeZone);
            if (configZone.isValid()) {
                result.diagnostics.push_back({Diagnostic::Severity::Warning, configPath, 0,
                                              QStringLiteral("zone %1 disagrees with the access log offsets; "
                                                             "the access log offsets are used")
                                                  .arg(QString::fromUtf8(configZone.id()))});
            }
        }
    } else if (configZone.isValid()) {
        zone_ = configZone;
        serverOffsets_ = OffsetTimeline::fromZone(configZone, from, to);
        result.serverTimeZone = QString::fromUtf8(configZone.id());
        zoneNote_ = QStringLiteral("%1 from %2").arg(result.serverTimeZone, configPath);
    } else if (!options_.timeZone.isEmpty() && QTimeZone::isTimeZoneIdAvailable(options_.timeZone.toUtf8())) {
        zone_ = QTimeZone(options_.timeZone.toUtf8());
        serverOffsets_ = OffsetTimeline::fromZone(zone_, from, to);
        result.serverTimeZone = options_.timeZone;
        zoneNote_ = QStringLiteral("%1 from --tz").arg(options_.timeZone);
    } else {
        if (!options_.timeZone.isEmpty()) {
            result.diagnostics.push_back({Diagnostic::Severity::Error, QStringLiteral("--tz"), 0,
                                          QStringLiteral("unknown time zone \"%1\"").arg(options_.timeZone)});
        }
        zone_ = QTimeZone::systemTimeZone();
        serverOffsets_ = OffsetTimeline::fromZone(zone_, from, to);
        result.serverTimeZone = QString::fromUtf8(zone_.id());
        zoneNote_ = QStringLiteral("%1, this computer's zone: the bundle does not tell (use --tz)")
                        .arg(result.serverTimeZone);
        const bool anyPending = std::any_of(sources.begin(), sources.end(), [](const auto& s) {
            return std::find(s->needsZone.begin(), s->needsZone.end(), 1) != s->needsZone.end();
        });
        if (anyPending) {
            result.diagnostics.push_back(
                {Diagnostic::Severity::Warning, QString(), 0,
                 QStringLiteral("no access log offsets, /etc/timezone or --tz: zone-less "
                                "logs are read in this computer's zone (%1)")
                     .arg(result.serverTimeZone)});
        }
    }
    result.serverTimeZoneNote = zoneNote_;
}

void TimelineBuilder::assignYears(Sources& sources, ImportResult& result)
{
    // The newest dated reading of the bundle anchors the year guess.
    CivilMs anchor = std::numeric_limits<CivilMs>::min();
    for (const auto& source : sources) {
        if (source->hasYearlessTimes)
            continue;
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            const std::int64_t t = source->events.timeMs[i];
            anchor = std::max<CivilMs>(
                anchor, source->needsZone[i] != 0 ? t : t + serverOffsets_.offsetAtUtc(t) * 1000LL);
        }
    }
    bool anyYearless = false;
    QMap<QString, std::vector<CivilMs*>> families;
    for (auto& source : sources) {
        if (!source->hasYearlessTimes)
            continue;
        anyYearless = true;
        auto& times = families[source->info.rotationFamily]; // sources are already oldest-first per family
        for (auto& t : source->events.timeMs)
            times.push_back(&t);
    }
    if (!anyYearless)
        return;
    if (anchor == std::numeric_limits<CivilMs>::min()) {
        anchor = QDateTime::currentMSecsSinceEpoch();
        result.diagnostics.push_back({Diagnostic::Severity::Warning, QString(), 0,
                                      QStringLiteral("syslog lines carry no year and no other log is dated: "
                                                     "the current year is assumed")});
    }
    for (auto& times : families)
        assignSyslogYears(times, anchor);
}

void TimelineBuilder::resolveZones(Sources& sources)
{
    for (auto& source : sources) {
        bool converted = false;
        std::int64_t previous = std::numeric_limits<std::int64_t>::min();
        for (std::size_t i = 0; i < source->events.size(); ++i) {
            std::int64_t& t = source->events.timeMs[i];
            if (source->needsZone[i] == 0) {
                previous = t;
                continue;
            }
            const std::int64_t notBefore = previous == std::numeric_limits<std::int64_t>::min()
                                               ? previous
                                               : previous - kDisorderToleranceMs;
            t = serverOffsets_.toUtc(t, notBefore);
            previous = t;
            converted = true;
        }
        source->info.timeZoneNote = converted ? zoneNote_ : QStringLiteral("offsets written on each line");
        source->needsZone.clear();
        source->needsZone.shrink_to_fit();
    }
}

void TimelineBuilder::dropRotationDuplicates(Sources& sources)
{
    // Sources of a family are adjacent, oldest first. Compare each copy with the next newer one
    // only where their time ranges overlap: the lines repeated by copytruncate or a manual copy.
    for (std::size_t i = 0; i + 1 < sources.size(); ++i) {
        ParsedSource& older = *sources[i];
        ParsedSource& newer = *sources[i + 1];
        if (older.info.rotationFamily != newer.info.rotationFamily || older.events.size() == 0 ||
            newer.events.size() == 0)
            continue;
        const auto [newLow, newHigh] =
            std::minmax_element(newer.events.timeMs.begin(), newer.events.timeMs.end());
        const auto [oldLow, oldHigh] =
            std::minmax_element(older.events.timeMs.begin(), older.events.timeMs.end());
        if (*oldHigh < *newLow || *newHigh < *oldLow)
            continue; // daily rotations do not overlap: nothing to compare
        // Only the newer copy's lines inside the older copy's range can repeat it. Sorted keys, not a
        // hash set: usually a handful, and identical lines in one second count as often as they occur.
        std::vector<std::pair<std::int64_t, std::uint32_t>> newerLines;
        for (std::size_t k = 0; k < newer.events.size(); ++k) {
            const std::int64_t t = newer.events.timeMs[k];
            if (t >= *oldLow && t <= *oldHigh)
                newerLines.emplace_back(t, newer.lineHash[k]);
        }
        std::sort(newerLines.begin(), newerLines.end());
        std::vector<std::uint8_t> used(newerLines.size(), 0);
        std::vector<std::uint32_t> keep;
        keep.reserve(older.events.size());
        for (std::size_t k = 0; k < older.events.size(); ++k) {
            const std::int64_t t = older.events.timeMs[k];
            bool repeat = false;
            if (t >= *newLow && t <= *newHigh) {
                const std::pair<std::int64_t, std::uint32_t> line(t, older.lineHash[k]);
                for (auto it = std::lower_bound(newerLines.begin(), newerLines.end(), line);
                     it != newerLines.end() && *it == line; ++it) {
                    std::uint8_t& taken = used[static_cast<std::size_t>(it - newerLines.begin())];
                    if (!taken) {
                        taken = 1;
                        repeat = true;
                        break;
                    }
                }
            }
            if (repeat) {
                ++older.info.duplicateEvents;
            } else {
                keep.push_back(static_cast<std::uint32_t>(k));
            }
        }
        if (keep.size() != older.events.size()) {
            older.events.permute(keep);
            std::vector<std::uint32_t> hashes;
            for (const auto k : keep)
                hashes.push_back(older.lineHash[k]);
            older.lineHash.swap(hashes);
        }
    }
}

void TimelineBuilder::merge(Sources& sources, ImportResult& result)
{
    auto timeline = std::make_shared<Timeline>();
    constexpr std::size_t kMaxSources = std::numeric_limits<std::uint16_t>::max();
    if (sources.size() > kMaxSources) {
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, QString(), 0,
             QStringLiteral("more than %1 log files: the rest are not loaded").arg(kMaxSources)});
        sources.resize(kMaxSources);
    }
    std::size_t total = 0;
    for (const auto& source : sources)
        total += source->events.size();
    EventColumns& all = timeline->events_;
    all.reserve(total);

    // Map every source's local string ids to global ones. The URL pool is by far the largest, so it
    // is merged on a second thread while this one merges the others (each global pool has one writer).
    struct IdMaps {
        std::vector<std::uint32_t> hosts, targets, clients, groups, frames;
    };
    std::vector<IdMaps> maps(sources.size());
    std::thread targetMerger([&] {
        for (std::size_t s = 0; s < sources.size(); ++s)
            maps[s].targets = timeline->targets_.internAll(sources[s]->targets);
    });
    for (std::size_t s = 0; s < sources.size(); ++s) {
        maps[s].hosts = timeline->hosts_.internAll(sources[s]->hosts);
        maps[s].clients = timeline->clients_.internAll(sources[s]->clients);
        maps[s].groups = timeline->groups_.internAll(sources[s]->groups);
        maps[s].frames = timeline->frames_.internAll(sources[s]->frames);
    }
    targetMerger.join();
    for (std::size_t s = 0; s < sources.size(); ++s) {
        ParsedSource& source = *sources[s];
        const auto sourceIndex = static_cast<std::uint16_t>(s);
        const auto& hostMap = maps[s].hosts;
        const auto& targetMap = maps[s].targets;
        const auto& clientMap = maps[s].clients;
        const auto& groupMap = maps[s].groups;
        const auto& frameMap = maps[s].frames;
        EventColumns& c = source.events;
        for (std::size_t i = 0; i < c.size(); ++i) {
            all.timeMs.push_back(c.timeMs[i]);
            all.source.push_back(sourceIndex);
            all.line.push_back(c.line[i]);
            all.code.push_back(c.code[i]);
            all.levelMethod.push_back(c.levelMethod[i]);
            all.value.push_back(c.value[i]);
            all.durationMs.push_back(c.durationMs[i]);
            all.pid.push_back(c.pid[i]);
            all.host.push_back(hostMap[c.host[i]]);
            all.target.push_back(targetMap[c.target[i]]);
            all.client.push_back(clientMap[c.client[i]]);
            const std::uint32_t group = groupMap[c.group[i]];
            all.group.push_back(static_cast<std::uint16_t>(std::min<std::uint32_t>(group, 0xFFFF)));
        }
        for (SlowTrace& trace : source.slowTraces) {
            trace.source = sourceIndex;
            trace.script = targetMap[trace.script];
            for (SlowFrame& frame : trace.frames) {
                frame.function = frameMap[frame.function];
                frame.file = frameMap[frame.file];
            }
            timeline->slowTraces_.push_back(std::move(trace));
        }
        SourceInfo info = std::move(source.info);
        info.events = c.size();
        if (c.size() > 0) {
            const auto [low, high] = std::minmax_element(c.timeMs.begin(), c.timeMs.end());
            info.firstUtcMs = *low;
            info.lastUtcMs = *high;
        }
        result.sources.push_back(std::move(info));
        source.events.clear();
        source.events.shrinkToFit();
    }
    sources.clear();

    // Sources are mostly in time order already, so check before paying for a sort.
    const bool sorted = std::is_sorted(all.timeMs.begin(), all.timeMs.end());
    if (!sorted) {
        std::vector<std::uint32_t> order(all.size());
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(),
                         [&all](std::uint32_t a, std::uint32_t b) { return all.timeMs[a] < all.timeMs[b]; });
        all.permute(order);
    }
    std::sort(timeline->slowTraces_.begin(), timeline->slowTraces_.end(),
              [](const SlowTrace& a, const SlowTrace& b) {
                  return std::pair(a.source, a.line) < std::pair(b.source, b.line);
              });
    all.shrinkToFit();
    result.timeline = std::move(timeline);
}

} // namespace gd
