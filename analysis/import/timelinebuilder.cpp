#include "import/timelinebuilder.h"

#include "import/rotation.h"
#include "import/servertime.h"
#include "parse/logkinds.h"

#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <thread>

namespace gd {

namespace {

/// The first and last dated time of `times` (low > high when none is dated).
std::pair<std::int64_t, std::int64_t> datedRange(const std::vector<std::int64_t>& times)
{
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    for (const std::int64_t t : times) {
        if (!hasTime(t))
            continue;
        low = std::min(low, t);
        high = std::max(high, t);
    }
    return {low, high};
}

/// What people call a server: the archive's or folder's name without the archive suffixes.
QString serverNameFor(const QString& key, const std::vector<std::unique_ptr<ParsedSource>>& sources)
{
    if (key.isEmpty()) {
        const bool allPasted = std::all_of(sources.begin(), sources.end(), [](const auto& source) {
            return !source->info.location.serverKey().isEmpty() ||
                   QFileInfo(source->info.location.inputPath).fileName().startsWith(QLatin1String("pasted-"));
        });
        return allPasted ? QStringLiteral("pasted lines") : QStringLiteral("loose files");
    }
    QString name = QFileInfo(key).fileName();
    for (const char* suffix :
         {".gz", ".bz2", ".xz", ".zst", ".tgz", ".tbz2", ".txz", ".tar", ".zip", ".7z"}) {
        if (name.endsWith(QLatin1String(suffix)) && name.size() > int(std::strlen(suffix)))
            name.chop(int(std::strlen(suffix)));
    }
    return name.isEmpty() ? key : name;
}

} // namespace

void TimelineBuilder::build(Sources sources, ImportResult& result)
{
    orderSources(sources);
    assignServers(sources, result);
    if (!options_.timeZone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(options_.timeZone.toUtf8())) {
        result.diagnostics.push_back({Diagnostic::Severity::Error, QStringLiteral("--tz"), 0,
                                      QStringLiteral("unknown time zone \"%1\"").arg(options_.timeZone)});
    }
    for (std::size_t s = 0; s < result.servers.size(); ++s) {
        ServerTime::Sources own;
        for (const auto& source : sources) {
            if (source->info.server == s)
                own.push_back(source.get());
        }
        std::vector<ConfigFile> configs;
        for (const ConfigFile& config : result.configs) {
            if (options_.oneServer || config.serverKey == result.servers[s].key)
                configs.push_back(config);
        }
        ServerTime(options_, own, configs).settle(result.servers[s], result.diagnostics);
    }
    if (!result.servers.empty()) {
        result.serverTimeZone = result.servers.front().timeZone;
        result.serverTimeZoneNote = result.servers.front().timeZoneNote;
        result.serverOffsets = result.servers.front().offsets;
    }
    dropRotationDuplicates(sources);
    merge(sources, result);
}

void TimelineBuilder::assignServers(Sources& sources, ImportResult& result)
{
    // Keys in a stable order: bundles and folders by name, loose files last.
    std::vector<QString> keys;
    for (const auto& source : sources) {
        const QString key = options_.oneServer ? QString() : source->info.location.serverKey();
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
        if (a.isEmpty() != b.isEmpty())
            return b.isEmpty();
        return a < b;
    });
    for (const QString& key : keys) {
        ServerInfo server;
        server.key = key;
        server.name = serverNameFor(key, sources);
        result.servers.push_back(std::move(server));
    }
    for (auto& source : sources) {
        const QString key = options_.oneServer ? QString() : source->info.location.serverKey();
        source->info.server =
            static_cast<std::uint16_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
    }
}

void TimelineBuilder::orderSources(Sources& sources)
{
    for (auto& source : sources) {
        const RotationName name = rotationName(source->info.path);
        source->info.rotationFamily = name.family;
        if (source->info.looseText) {
            // The lanes of a loose file are families of their own: nginx lines never repeat PHP-FPM lines.
            const std::string_view kind = logKindId(source->info.kind);
            source->info.rotationFamily +=
                QStringLiteral("#") + QString::fromLatin1(kind.data(), static_cast<qsizetype>(kind.size())) +
                QStringLiteral("#") + source->info.stream;
        }
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
        const auto [newLow, newHigh] = datedRange(newer.events.timeMs);
        const auto [oldLow, oldHigh] = datedRange(older.events.timeMs);
        if (oldLow > oldHigh || newLow > newHigh || oldHigh < newLow || newHigh < oldLow)
            continue; // daily rotations do not overlap (and lines without time are never repeats)
        // Only the newer copy's lines inside the older copy's range can repeat it. Sorted keys, not a
        // hash set: usually a handful, and identical lines in one second count as often as they occur.
        std::vector<std::pair<std::int64_t, std::uint32_t>> newerLines;
        for (std::size_t k = 0; k < newer.events.size(); ++k) {
            const std::int64_t t = newer.events.timeMs[k];
            if (t >= oldLow && t <= oldHigh)
                newerLines.emplace_back(t, newer.lineHash[k]);
        }
        std::sort(newerLines.begin(), newerLines.end());
        std::vector<std::uint8_t> used(newerLines.size(), 0);
        std::vector<std::uint32_t> keep;
        keep.reserve(older.events.size());
        for (std::size_t k = 0; k < older.events.size(); ++k) {
            const std::int64_t t = older.events.timeMs[k];
            bool repeat = false;
            if (t >= newLow && t <= newHigh) {
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
    // The first lane of a loose file keeps the lines nobody read; when there were none and other lanes read
    // everything, it has nothing to show.
    std::vector<const ParsedSource*> empty;
    for (const auto& source : sources) {
        if (!source->info.looseText || source->events.size() > 0 || source->info.skippedLines > 0)
            continue;
        const bool othersRead = std::any_of(sources.begin(), sources.end(), [&source](const auto& other) {
            return other != source && other->info.path == source->info.path && other->events.size() > 0;
        });
        if (othersRead)
            empty.push_back(source.get());
    }
    std::erase_if(sources, [&empty](const auto& source) {
        return std::find(empty.begin(), empty.end(), source.get()) != empty.end();
    });
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
        info.undatedEvents =
            static_cast<std::uint64_t>(std::count(c.timeMs.begin(), c.timeMs.end(), kNoTime));
        const auto [low, high] = datedRange(c.timeMs);
        if (low <= high) {
            info.firstUtcMs = low;
            info.lastUtcMs = high;
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
