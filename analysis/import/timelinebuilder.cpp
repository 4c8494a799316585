#include "import/timelinebuilder.h"

#include "import/heaprelease.h"
#include "import/rotation.h"
#include "import/servertime.h"
#include "parse/logkinds.h"

#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <queue>

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

using SourceList = std::vector<std::unique_ptr<ParsedSource>>;

/// For every event of the timeline, in time order, the index of the source it comes from: a k-way merge
/// of the sources (each already in time order). Equal times keep the sources' order, then the lines'.
std::vector<std::uint16_t> mergedSourceOrder(const SourceList& sources)
{
    std::size_t total = 0;
    for (const auto& source : sources)
        total += source->events.size();
    using Head = std::pair<std::int64_t, std::uint16_t>; // next time of a source, the source
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    std::vector<std::size_t> cursor(sources.size(), 0);
    for (std::size_t s = 0; s < sources.size(); ++s) {
        if (sources[s]->events.size() > 0)
            heads.emplace(sources[s]->events.timeMs.front(), static_cast<std::uint16_t>(s));
    }
    std::vector<std::uint16_t> order;
    order.reserve(total);
    while (!heads.empty()) {
        const std::uint16_t s = heads.top().second;
        heads.pop();
        const std::vector<std::int64_t>& times = sources[s]->events.timeMs;
        std::size_t& k = cursor[s];
        // Take this source's run while it stays before every other head (logs interleave in long runs).
        const bool alone = heads.empty();
        const Head next = alone ? Head() : heads.top();
        do {
            order.push_back(s);
            ++k;
        } while (k < times.size() && (alone || Head(times[k], s) < next));
        if (k < times.size())
            heads.emplace(times[k], s);
    }
    return order;
}

/// Fills `out` with column `member` of the sources in the timeline's order (`order`: source of each
/// event), mapped by `map(source, value)`, and releases that column of every source.
template <typename T, typename Map>
void gatherColumn(SourceList& sources, const std::vector<std::uint16_t>& order,
                  std::vector<T> EventColumns::*member, std::vector<T>& out, Map map)
{
    std::vector<std::size_t> cursor(sources.size(), 0);
    out.clear();
    out.reserve(order.size());
    for (const std::uint16_t s : order)
        out.push_back(static_cast<T>(map(s, (sources[s]->events.*member)[cursor[s]++])));
    for (const auto& source : sources)
        std::vector<T>().swap(source->events.*member);
}

} // namespace

void TimelineBuilder::build(Sources sources, ImportResult& result, std::unique_ptr<SharedPools> pools)
{
    releaseFreeHeap(); // what the parser threads grew and freed while reading
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
        ServerTime(options_, own, configs, pools.get()).settle(result.servers[s], result.diagnostics);
    }
    if (!result.servers.empty()) {
        result.serverTimeZone = result.servers.front().timeZone;
        result.serverTimeZoneNote = result.servers.front().timeZoneNote;
        result.serverOffsets = result.servers.front().offsets;
    }
    dropRotationDuplicates(sources);
    for (const auto& source : sources)
        std::vector<std::uint32_t>().swap(source->lineHash); // only rotation duplicates need it
    merge(sources, result, std::move(pools));
    releaseFreeHeap();
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

void TimelineBuilder::merge(Sources& sources, ImportResult& result, std::unique_ptr<SharedPools> pools)
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
    // Each source in time order on its own (access logs are written at a request's end but dated at its
    // start), so that the timeline is a k-way merge of them. Stable, like the order of lines in a file.
    for (const auto& source : sources) {
        EventColumns& c = source->events;
        if (std::is_sorted(c.timeMs.begin(), c.timeMs.end()))
            continue;
        std::vector<std::uint32_t> order(c.size());
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(),
                         [&c](std::uint32_t a, std::uint32_t b) { return c.timeMs[a] < c.timeMs[b]; });
        c.permute(order);
    }

    // Sources read without SharedPools (tests, benchmarks) bring their own pools: they join the bundle's
    // the same way parsed sources do, so from here on every id is one of the bundle's pools.
    if (!pools)
        pools = std::make_unique<SharedPools>();
    for (const auto& source : sources) {
        if (!source->idsShared)
            pools->adopt(*source);
    }
    timeline->data_->hosts = std::move(pools->hosts);
    timeline->data_->targets = std::move(pools->targets);
    timeline->data_->clients = std::move(pools->clients);
    timeline->data_->groups = std::move(pools->groups);
    timeline->data_->frames = std::move(pools->frames);
    pools.reset();
    // Ids in text order: the same timeline whatever order the parser threads finished in.
    const std::vector<std::uint32_t> hostIds = timeline->data_->hosts.sortByText();
    const std::vector<std::uint32_t> targetIds = timeline->data_->targets.sortByText();
    const std::vector<std::uint32_t> clientIds = timeline->data_->clients.sortByText();
    const std::vector<std::uint32_t> groupIds = timeline->data_->groups.sortByText();
    const std::vector<std::uint32_t> frameIds = timeline->data_->frames.sortByText();
    // Nothing is interned into the largest pools after this; lookups by text are for host names.
    timeline->data_->targets.dropIndex();
    timeline->data_->clients.dropIndex();

    for (std::size_t s = 0; s < sources.size(); ++s) {
        ParsedSource& source = *sources[s];
        const auto sourceIndex = static_cast<std::uint16_t>(s);
        for (SlowTrace& trace : source.slowTraces) {
            trace.source = sourceIndex;
            trace.script = targetIds[trace.script];
            for (SlowFrame& frame : trace.frames) {
                frame.function = frameIds[frame.function];
                frame.file = frameIds[frame.file];
            }
            timeline->data_->slowTraces.push_back(std::move(trace));
        }
        source.slowTraces = {};
        const EventColumns& c = source.events;
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
    }

    // The timeline is filled one column at a time, each source's column released once copied: at any
    // moment memory holds the sources plus one timeline column, never two copies of every event.
    EventColumns& all = timeline->data_->events;
    all.source = mergedSourceOrder(sources);
    const auto same = [](std::size_t, auto value) { return value; };
    gatherColumn(sources, all.source, &EventColumns::timeMs, all.timeMs, same);
    gatherColumn(sources, all.source, &EventColumns::line, all.line, same);
    gatherColumn(sources, all.source, &EventColumns::code, all.code, same);
    gatherColumn(sources, all.source, &EventColumns::levelMethod, all.levelMethod, same);
    gatherColumn(sources, all.source, &EventColumns::value, all.value, same);
    gatherColumn(sources, all.source, &EventColumns::durationMs, all.durationMs, same);
    gatherColumn(sources, all.source, &EventColumns::pid, all.pid, same);
    const auto byText = [](const std::vector<std::uint32_t>& ids) {
        return [&ids](std::size_t, std::uint32_t id) { return ids[id]; };
    };
    gatherColumn(sources, all.source, &EventColumns::host, all.host, byText(hostIds));
    gatherColumn(sources, all.source, &EventColumns::target, all.target, byText(targetIds));
    gatherColumn(sources, all.source, &EventColumns::client, all.client, byText(clientIds));
    gatherColumn(sources, all.source, &EventColumns::group, all.group,
                 [&groupIds](std::size_t, std::uint16_t id) {
                     return static_cast<std::uint16_t>(std::min<std::uint32_t>(groupIds[id], 0xFFFF));
                 });
    sources.clear();
    timeline->data_->rowBlocks = RowBlocks(all);
    // Now that the sources' columns are gone, the copy this makes stays below the import's peak.
    timeline->data_->targets.storeInIdOrder();
    timeline->data_->clients.storeInIdOrder();

    std::sort(timeline->data_->slowTraces.begin(), timeline->data_->slowTraces.end(),
              [](const SlowTrace& a, const SlowTrace& b) {
                  return std::pair(a.source, a.line) < std::pair(b.source, b.line);
              });
    result.timeline = std::move(timeline);
}

} // namespace gd
