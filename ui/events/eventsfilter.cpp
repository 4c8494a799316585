#include "events/eventsfilter.h"

#include "events/regexliteral.h"
#include "import/importresult.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <thread>

namespace gd {

namespace {

constexpr std::size_t kCancelCheckStride = 1 << 16;
constexpr std::size_t kParallelMinEvents = 1 << 19;
constexpr std::size_t kMaxSlices = 8;

/// Runs `work(part, from, to)` over [0, count) in one slice per core (up to kMaxSlices), or in one slice on
/// this thread below `parallelFrom` items. Slice 0 runs on the calling thread; returns the slices.
template <typename Work> std::size_t runSliced(std::size_t count, std::size_t parallelFrom, const Work& work)
{
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t parts = count < parallelFrom ? 1 : std::min(cores, kMaxSlices);
    const std::size_t step = (count + parts - 1) / parts;
    std::vector<std::thread> helpers;
    for (std::size_t part = 1; part < parts; ++part)
        helpers.emplace_back([&work, part, step, count] {
            work(part, std::min(count, part * step), std::min(count, (part + 1) * step));
        });
    work(std::size_t{0}, std::size_t{0}, std::min(count, step));
    for (std::thread& helper : helpers)
        helper.join();
    return parts;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Case-insensitive (ASCII) substring search on raw bytes: no decoding per string.
bool containsFolded(std::string_view haystack, std::string_view foldedNeedle)
{
    if (foldedNeedle.empty())
        return true;
    if (haystack.size() < foldedNeedle.size())
        return false;
    const char first = foldedNeedle.front();
    const char firstUpper = first >= 'a' && first <= 'z' ? static_cast<char>(first - 'a' + 'A') : first;
    const std::size_t last = haystack.size() - foldedNeedle.size();
    // memchr finds the candidates for the first byte (both cases) far faster than a byte loop:
    // the targets pool is ~100 MB on a 1 GB bundle.
    const auto next = [&](char c, std::size_t from) {
        const void* hit = std::memchr(haystack.data() + from, c, last + 1 - from);
        return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data()) : last + 1;
    };
    std::size_t nextLower = next(first, 0);
    std::size_t nextUpper = firstUpper == first ? last + 1 : next(firstUpper, 0);
    while (true) {
        const std::size_t i = std::min(nextLower, nextUpper);
        if (i > last)
            return false;
        if (i == nextLower)
            nextLower = i < last ? next(first, i + 1) : last + 1;
        else
            nextUpper = i < last ? next(firstUpper, i + 1) : last + 1;
        std::size_t k = 1;
        while (k < foldedNeedle.size() && asciiLower(haystack[i + k]) == foldedNeedle[k])
            ++k;
        if (k == foldedNeedle.size())
            return true;
    }
}

bool isAscii(std::string_view text)
{
    unsigned char any = 0;
    for (const char c : text)
        any |= static_cast<unsigned char>(c);
    return any < 0x80;
}

std::string foldedUtf8(const QString& text)
{
    std::string bytes = text.toUtf8().toStdString();
    for (char& c : bytes)
        c = asciiLower(c);
    return bytes;
}

/// Matches every string of a pool once: one byte per distinct string.
class PoolMatcher {
public:
    PoolMatcher(const QString& text, bool regex)
        : text_(text)
        , regex_(regex)
    {
        if (regex_) {
            expression_ = QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
            needle_ = requiredLiteral(text);
        } else {
            needle_ = foldedUtf8(text);
        }
    }
    bool isValid() const { return !regex_ || expression_.isValid(); }

    std::vector<std::uint8_t> match(const StringPool& pool, const std::function<bool()>& isCancelled) const
    {
        std::vector<std::uint8_t> hits(pool.size(), 0);
        if (!isValid())
            return hits;
        // The URL pool of a big bundle holds ~10^6 strings: split it over the cores. Each helper thread
        // gets its own matcher, so no regular expression object is shared between threads.
        runSliced(pool.size(), kParallelMinStrings, [&](std::size_t part, std::size_t from, std::size_t to) {
            const auto first = static_cast<std::uint32_t>(from);
            const auto last = static_cast<std::uint32_t>(to);
            if (part == 0)
                matchRange(pool, first, last, hits, isCancelled);
            else
                PoolMatcher(text_, regex_).matchRange(pool, first, last, hits, isCancelled);
        });
        return hits;
    }

private:
    static constexpr std::uint32_t kParallelMinStrings = 50'000;

    void matchRange(const StringPool& pool, std::uint32_t from, std::uint32_t to,
                    std::vector<std::uint8_t>& hits, const std::function<bool()>& isCancelled) const
    {
        // Regular expressions need UTF-16: decode every string into one reused buffer rather than
        // a new QString each.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString buffer;
        for (std::uint32_t id = from; id < to; ++id) {
            if (isCancelled && (id - from) % kCancelCheckStride == 0 && isCancelled())
                return;
            const std::string_view text = pool.view(id);
            if (!regex_) {
                hits[id] = containsFolded(text, needle_);
                continue;
            }
            // Most strings lack the text every match needs: a memchr-driven search rules them out
            // far faster than the expression (ASCII only, see requiredLiteral()).
            if (!needle_.empty() && !containsFolded(text, needle_) && isAscii(text))
                continue;
            // UTF-8 never needs more UTF-16 units than bytes (an invalid byte becomes one U+FFFD).
            const auto bytes = static_cast<qsizetype>(text.size());
            if (buffer.size() < bytes)
                buffer.resize(std::max<qsizetype>(bytes, 2 * buffer.size()));
            QChar* const begin = buffer.data();
            const QChar* const end = decoder.appendToBuffer(begin, QByteArrayView(text.data(), bytes));
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0) // match(QStringView) is deprecated since 6.8
            hits[id] = expression_.matchView(QStringView(begin, end)).hasMatch();
#else
            hits[id] = expression_.match(QStringView(begin, end)).hasMatch();
#endif
        }
    }

    QString text_;
    bool regex_;
    QRegularExpression expression_;
    std::string needle_; ///< the folded text, or what every match of the expression contains
};

/// Which ids of a pool passed, one bit each: the per-event lookups then stay in the fastest caches (a byte
/// per id of 1.5 million URLs did not).
class IdBits {
public:
    IdBits() = default;
    explicit IdBits(const std::vector<std::uint8_t>& passes)
        : words_((passes.size() + 63) / 64, 0)
    {
        for (std::size_t id = 0; id < passes.size(); ++id) {
            if (passes[id]) {
                words_[id / 64] |= std::uint64_t{1} << (id % 64);
                any_ = true;
            }
        }
    }
    bool has(std::uint32_t id) const { return (words_[id / 64] >> (id % 64) & 1U) != 0; }
    bool any() const { return any_; }

private:
    std::vector<std::uint64_t> words_;
    bool any_ = false;
};

/// Whether a block of rows (RowBlocks) can hold an event that passes: blocks that cannot are skipped whole,
/// since a status, a code or a log kind is often rare on a timeline made mostly of successful requests.
class BlockGate {
public:
    BlockGate(const EventsFilter& filter, const std::vector<std::uint8_t>& sourcePasses,
              const RowBlocks& blocks, std::size_t rows)
        : blocks_(blocks)
        , useBlocks_(blocks.size() * RowBlocks::kRows >= rows)
        , checkCodes_(!filter.codes.empty())
        , checkSources_(filter.kinds != 0 || filter.servers != 0)
        , minLevel_(static_cast<std::uint8_t>(filter.minLevel))
        , statusClasses_(filter.statusClasses)
    {
        for (const MessageCode code : filter.codes) {
            const auto bit = static_cast<unsigned>(code);
            if (bit < 128)
                codes_[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
        for (std::size_t s = 0; s < sourcePasses.size(); ++s) {
            if (sourcePasses[s])
                sources_ |= RowBlock::sourceBit(static_cast<std::uint16_t>(s));
        }
    }

    bool mayPass(std::size_t blockIndex) const
    {
        if (!useBlocks_)
            return true;
        const RowBlock& block = blocks_.block(blockIndex);
        if (checkCodes_ && ((block.codes[0] & codes_[0]) | (block.codes[1] & codes_[1])) == 0)
            return false;
        if (checkSources_ && (block.sources & sources_) == 0)
            return false;
        if (block.maxLevel < minLevel_)
            return false;
        return statusClasses_ == 0 || (block.statusClasses & statusClasses_) != 0;
    }

private:
    const RowBlocks& blocks_;
    bool useBlocks_;
    bool checkCodes_;
    bool checkSources_;
    std::uint8_t minLevel_;
    std::uint8_t statusClasses_;
    std::array<std::uint64_t, 2> codes_{};
    std::uint64_t sources_ = 0;
};

} // namespace

bool EventsFilter::hasTimeRange() const
{
    return fromUtcMs != std::numeric_limits<std::int64_t>::min() ||
           toUtcMs != std::numeric_limits<std::int64_t>::max();
}

bool EventsFilter::isEmpty() const
{
    return kinds == 0 && servers == 0 && minLevel == Level::None && statusClasses == 0 && codes.empty() &&
           hostIds.empty() && hostText.isEmpty() && text.isEmpty() && !hasTimeRange();
}

bool EventsFilter::isTextValid() const
{
    return !textIsRegex || text.isEmpty() || QRegularExpression(text).isValid();
}

std::vector<std::uint32_t> filterEvents(const EventsFilter& filter, const ImportResult& import,
                                        const std::function<bool()>& isCancelled)
{
    std::vector<std::uint32_t> rows;
    if (!import.timeline)
        return rows;
    const Timeline& timeline = *import.timeline;
    const EventColumns& ev = timeline.events();

    // Time range first: the timeline is sorted, so it is two binary searches.
    const std::size_t begin = filter.fromUtcMs == std::numeric_limits<std::int64_t>::min()
                                  ? 0
                                  : timeline.lowerBound(filter.fromUtcMs);
    const std::size_t end = filter.toUtcMs == std::numeric_limits<std::int64_t>::max()
                                ? timeline.size()
                                : timeline.lowerBound(filter.toUtcMs);
    if (begin >= end)
        return rows;

    // Per-source verdict of the kind and server filters (a handful of sources, not one check per event).
    std::vector<std::uint8_t> sourcePasses(import.sources.size() + 1, 1);
    for (std::size_t s = 0; s < import.sources.size(); ++s) {
        const SourceInfo& source = import.sources[s];
        const bool kindPasses = filter.kinds == 0 || (filter.kinds & EventsFilter::kindBit(source.kind)) != 0;
        const bool serverPasses =
            filter.servers == 0 || (filter.servers & EventsFilter::serverBit(source.server)) != 0;
        sourcePasses[s] = kindPasses && serverPasses;
    }
    const auto sourceCount = import.sources.size();

    std::array<std::uint8_t, 256> codePasses{};
    codePasses.fill(filter.codes.empty() ? 1 : 0);
    for (const MessageCode code : filter.codes)
        codePasses[static_cast<std::uint8_t>(code)] = 1;

    // Host constraints: exact ids and/or substring, folded into one table over the host pool.
    std::vector<std::uint8_t> hostPasses;
    if (!filter.hostIds.empty() || !filter.hostText.isEmpty()) {
        if (!filter.hostText.isEmpty())
            hostPasses = PoolMatcher(filter.hostText, false).match(timeline.hosts(), isCancelled);
        else
            hostPasses.assign(timeline.hosts().size(), 1);
        if (!filter.hostIds.empty()) {
            std::vector<std::uint8_t> listed(hostPasses.size(), 0);
            for (const std::uint32_t id : filter.hostIds) {
                if (id < listed.size())
                    listed[id] = 1;
            }
            for (std::size_t id = 0; id < hostPasses.size(); ++id)
                hostPasses[id] = hostPasses[id] && listed[id];
        }
    }

    // Free text over the four string pools, once per distinct string.
    IdBits textHost, textTarget, textClient, textGroup;
    const bool hasText = !filter.text.isEmpty();
    if (hasText) {
        const PoolMatcher matcher(filter.text, filter.textIsRegex);
        if (!matcher.isValid())
            return rows;
        textHost = IdBits(matcher.match(timeline.hosts(), isCancelled));
        textTarget = IdBits(matcher.match(timeline.targets(), isCancelled));
        textClient = IdBits(matcher.match(timeline.clients(), isCancelled));
        textGroup = IdBits(matcher.match(timeline.groups(), isCancelled));
    }
    if (isCancelled && isCancelled())
        return rows;

    // A column whose pool the text matches nowhere need not be read at all: most searches hit URLs only.
    const bool textInHost = textHost.any();
    const bool textInTarget = textTarget.any();
    const bool textInClient = textClient.any();
    const bool textInGroup = textGroup.any();
    if (hasText && !textInHost && !textInTarget && !textInClient && !textInGroup)
        return rows;

    const bool checkLevel = filter.minLevel != Level::None;
    const auto minLevel = static_cast<unsigned>(filter.minLevel);
    const bool checkStatus = filter.statusClasses != 0;
    const bool checkHost = !hostPasses.empty();
    const bool checkKind = filter.kinds != 0 || filter.servers != 0;

    const BlockGate gate(filter, sourcePasses, timeline.rowBlocks(), ev.size());

    const auto scanRows = [&](std::size_t from, std::size_t to, std::vector<std::uint32_t>& out) {
        for (std::size_t i = from; i < to; ++i) {
            if (checkKind) {
                const std::uint16_t source = ev.source[i];
                if (source >= sourceCount || !sourcePasses[source])
                    continue;
            }
            const MessageCode code = ev.code[i];
            if (!codePasses[static_cast<std::uint8_t>(code)])
                continue;
            if (checkLevel && (ev.levelMethod[i] & 0x0FU) < minLevel)
                continue;
            if (checkStatus &&
                (code != MessageCode::Request || (statusClassesOf(ev.value[i]) & filter.statusClasses) == 0))
                continue;
            if (checkHost && !hostPasses[ev.host[i]])
                continue;
            if (hasText && !(textInTarget && textTarget.has(ev.target[i])) &&
                !(textInHost && textHost.has(ev.host[i])) &&
                !(textInClient && textClient.has(ev.client[i])) &&
                !(textInGroup && textGroup.has(ev.group[i])))
                continue;
            out.push_back(static_cast<std::uint32_t>(i));
        }
    };
    const auto scan = [&](std::size_t from, std::size_t to, std::vector<std::uint32_t>& out) {
        std::size_t sinceCheck = 0;
        for (std::size_t at = from; at < to;) {
            const std::size_t block = at / RowBlocks::kRows;
            const std::size_t blockEnd = std::min(to, (block + 1) * RowBlocks::kRows);
            if (gate.mayPass(block)) {
                scanRows(at, blockEnd, out);
                sinceCheck += blockEnd - at;
            }
            at = blockEnd;
            if (sinceCheck >= kCancelCheckStride) {
                sinceCheck = 0;
                if (isCancelled && isCancelled())
                    return;
            }
        }
    };
    // Millions of events: one slice per core, joined in order (the rows stay sorted by time).
    std::vector<std::vector<std::uint32_t>> slices(kMaxSlices);
    const std::size_t parts =
        runSliced(end - begin, kParallelMinEvents, [&](std::size_t part, std::size_t from, std::size_t to) {
            scan(begin + from, begin + to, slices[part]);
        });
    if (isCancelled && isCancelled())
        return {};
    rows = std::move(slices[0]);
    for (std::size_t part = 1; part < parts; ++part)
        rows.insert(rows.end(), slices[part].begin(), slices[part].end());
    rows.shrink_to_fit();
    return rows;
}

} // namespace gd
