#include "import/rawtext.h"

#include "import/archiveinput.h"
#include "import/bundlewalker.h"
#include "import/bytereader.h"
#include "import/gzipindex.h"

#include <QFile>
#include <algorithm>

namespace gd {

namespace {

/// Where reading may start for a line: the last line checkpoint at or before it.
struct Checkpoint {
    std::uint64_t offset = 0; ///< in the decompressed stream
    std::uint64_t line = 1;   ///< the line that starts there
};

Checkpoint checkpointBefore(const SourceInfo& info, std::uint64_t line)
{
    if (info.lineCheckpoints.empty())
        return {};
    const std::uint64_t index =
        std::min<std::uint64_t>((std::max<std::uint64_t>(line, 1) - 1) / SourceInfo::kLineCheckpointStride,
                                info.lineCheckpoints.size() - 1);
    return {info.lineCheckpoints[index], index * SourceInfo::kLineCheckpointStride + 1};
}

/// Moves what `collector` kept (after finish()) to the end of `out`.
void appendCollected(LineSpanCollector& collector, std::vector<std::string>& out)
{
    for (LineBlock& block : collector.takeBlocks()) {
        for (std::string& line : block.lines)
            out.push_back(std::move(line));
    }
}

/// Decodes `stream` into `collector`, skipping the bytes before `offset` (a line checkpoint)
/// without looking at them. Stops early once the collector has everything it wants.
bool feedFrom(ByteReader& stream, std::uint64_t offset, LineSpanCollector& collector,
              const std::atomic<bool>* cancel)
{
    std::uint64_t position = 0;
    std::vector<char> block(256 * 1024);
    while (collector.wantsMore()) {
        if (cancel && *cancel)
            return false;
        const std::ptrdiff_t n = stream.read(block.data(), block.size());
        if (n < 0)
            return false;
        if (n == 0)
            break;
        std::string_view data(block.data(), static_cast<std::size_t>(n));
        if (position + data.size() <= offset) {
            position += data.size();
            continue;
        }
        if (position < offset) {
            data.remove_prefix(static_cast<std::size_t>(offset - position));
            position = offset;
        }
        position += data.size();
        collector.feed(data);
    }
    collector.finish();
    return true;
}

/// Reads and drops `count` bytes of `stream`; false when it ends or fails first.
bool discard(ByteReader& stream, std::uint64_t count)
{
    std::vector<char> block(256 * 1024);
    while (count > 0) {
        const std::ptrdiff_t n = stream.read(block.data(), std::min<std::uint64_t>(count, block.size()));
        if (n <= 0)
            return false;
        count -= static_cast<std::uint64_t>(n);
    }
    return true;
}

/// Follows the member chains of `targets` (indexes into `chains`) from `level` on inside `parent`,
/// in one pass over each archive, and hands every member's stream to `consume`. Members that are
/// not found get `consume` never; the result is false when a stream could not be read.
bool descendMany(ByteReader& parent, const std::vector<const QStringList*>& chains,
                 const std::vector<std::size_t>& targets, int level,
                 const std::function<bool(std::size_t, ByteReader&)>& consume, QString* error)
{
    std::vector<std::size_t> deeper;
    for (const std::size_t target : targets) {
        if (chains[target]->size() == level) {
            if (!consume(target, parent))
                return false;
        } else {
            deeper.push_back(target);
        }
    }
    if (deeper.empty())
        return true;
    std::string head;
    if (!readHead(parent, head, 512)) {
        *error = parent.errorString();
        return false;
    }
    ArchiveInput archive(parent, std::move(head));
    if (!archive.open()) {
        *error = archive.errorString();
        return false;
    }
    ArchiveEntry entry;
    std::size_t found = 0;
    while (found < deeper.size()) {
        const ArchiveInput::Step step = archive.next(entry);
        if (step == ArchiveInput::Step::End)
            break;
        if (step != ArchiveInput::Step::Entry) {
            *error = archive.errorString();
            return false;
        }
        const QString name = entry.isRegular ? safeMemberName(entry.name, nullptr) : QString();
        std::vector<std::size_t> here;
        for (const std::size_t target : deeper) {
            const QString& wanted = (*chains[target])[level];
            if (wanted.isEmpty() ? entry.isRawStream : (entry.isRegular && name == wanted))
                here.push_back(target);
        }
        if (here.empty())
            continue;
        found += here.size();
        if (!descendMany(archive.data(), chains, here, level + 1, consume, error))
            return false;
    }
    if (found < deeper.size() && error->isEmpty())
        *error = QStringLiteral("member %1 not found").arg((*chains[deeper.front()])[level]);
    return true;
}

} // namespace

bool withSourceStreams(const std::vector<SourceLocation>& locations,
                       const std::function<bool(std::size_t, ByteReader&)>& consume, QString* error)
{
    std::map<QString, std::vector<std::size_t>> byInput;
    std::vector<const QStringList*> chains;
    for (std::size_t i = 0; i < locations.size(); ++i) {
        byInput[locations[i].inputPath].push_back(i);
        chains.push_back(&locations[i].memberChain);
    }
    bool ok = true;
    for (const auto& [inputPath, targets] : byInput) {
        FileReader file(inputPath);
        if (!file.isOpen()) {
            *error = QStringLiteral("%1: %2").arg(inputPath, file.errorString());
            ok = false;
            continue;
        }
        ok = descendMany(file, chains, targets, 0, consume, error) && ok;
    }
    return ok;
}

bool withSourceStream(const SourceLocation& location, const std::function<bool(ByteReader&)>& consume,
                      QString* error)
{
    bool consumed = false;
    QString problem;
    const bool ok = withSourceStreams(
        {location},
        [&](std::size_t, ByteReader& stream) {
            consumed = true;
            return consume(stream);
        },
        &problem);
    if (!problem.isEmpty() || !consumed)
        *error = problem.isEmpty() ? QStringLiteral("%1 not found").arg(location.displayPath()) : problem;
    return ok && consumed;
}

RawTextReader::RawTextReader(std::vector<SourceInfo> sources, std::uint64_t cacheLimitBytes,
                             std::uint64_t pinLimitBytes)
    : sources_(std::move(sources))
    , cacheLimit_(cacheLimitBytes)
    , pinLimit_(pinLimitBytes)
{
}

bool RawTextReader::lines(std::uint16_t source, std::uint64_t firstLine, std::uint32_t count,
                          std::vector<std::string>& out, QString* error)
{
    out.clear();
    if (source >= sources_.size() || firstLine == 0) {
        *error = QStringLiteral("no such source line");
        return false;
    }
    const SourceInfo& info = sources_[source];
    if (info.location.memberChain.isEmpty())
        return readPlain(info, firstLine, count, out, error);
    if (pinnedLines(source, firstLine, count, out))
        return true;
    return readMember(info, firstLine, count, out, error);
}

bool RawTextReader::pinnedLines(std::uint16_t source, std::uint64_t firstLine, std::uint32_t count,
                                std::vector<std::string>& out)
{
    std::unique_lock lock(mutex_);
    pinDone_.wait(lock, [&] { return pinning_.count(source) == 0; });
    const auto blocks = pinned_.find(source);
    if (blocks == pinned_.end())
        return false;
    for (const LineBlock& block : blocks->second) {
        const std::uint64_t end = block.firstLine + block.lines.size();
        const bool covered = firstLine >= block.firstLine && (firstLine + count <= end || block.reachesEnd);
        if (!covered)
            continue;
        for (std::uint64_t line = firstLine; line < std::min<std::uint64_t>(end, firstLine + count); ++line)
            out.push_back(block.lines[line - block.firstLine]);
        return true;
    }
    return false;
}

bool RawTextReader::pin(const std::vector<Span>& spans, const std::atomic<bool>* cancel)
{
    std::map<std::uint16_t, std::vector<LineSpanCollector::Range>> wanted;
    for (const Span& span : spans) {
        if (span.source < sources_.size() && !sources_[span.source].location.memberChain.isEmpty())
            wanted[span.source].push_back({span.firstLine, span.count});
    }
    std::vector<std::uint16_t> members;
    std::vector<SourceLocation> locations;
    for (const auto& [source, ranges] : wanted) {
        members.push_back(source);
        locations.push_back(sources_[source].location);
    }
    {
        std::lock_guard lock(mutex_);
        pinning_.insert(members.begin(), members.end());
    }
    // All members of one archive in a single pass over it: a member late in a big tar.gz would
    // otherwise cost a decode of everything before it, once per member.
    QString ignored; // an unreadable member is reported when its lines are asked for
    withSourceStreams(
        locations,
        [&](std::size_t index, ByteReader& stream) {
            const std::uint16_t source = members[index];
            std::vector<LineBlock> blocks;
            if (!(cancel && *cancel))
                blocks = pinnedBlocks(sources_[source], std::move(wanted[source]), stream, cancel);
            publishPinned(source, std::move(blocks));
            return !(cancel && *cancel);
        },
        &ignored);
    {
        std::lock_guard lock(mutex_);
        for (const std::uint16_t source : members)
            pinning_.erase(source); // not found, or the pass stopped early
    }
    pinDone_.notify_all();
    return !(cancel && *cancel);
}

std::vector<LineBlock> RawTextReader::pinnedBlocks(const SourceInfo& info,
                                                   std::vector<LineSpanCollector::Range> ranges,
                                                   ByteReader& stream, const std::atomic<bool>* cancel)
{
    std::uint64_t budget = 0;
    {
        std::lock_guard lock(mutex_);
        budget = pinLimit_ > pinnedBytes_ ? pinLimit_ - pinnedBytes_ : 0;
    }
    if (budget == 0)
        return {}; // full: the rest is read on demand
    std::uint64_t lowest = UINT64_MAX;
    for (const LineSpanCollector::Range& range : ranges)
        lowest = std::min(lowest, range.firstLine);
    // Count lines from the checkpoint before the first wanted line; skip the bytes before it.
    const Checkpoint start = checkpointBefore(info, lowest);
    LineSpanCollector collector(std::move(ranges), start.line, budget);
    if (!feedFrom(stream, start.offset, collector, cancel))
        return {};
    return collector.takeBlocks();
}

void RawTextReader::publishPinned(std::uint16_t source, std::vector<LineBlock> blocks)
{
    {
        std::lock_guard lock(mutex_);
        for (LineBlock& block : blocks) {
            for (const std::string& line : block.lines)
                pinnedBytes_ += line.size() + 1;
            pinned_[source].push_back(std::move(block));
        }
        pinning_.erase(source);
    }
    pinDone_.notify_all();
}

std::uint64_t RawTextReader::pinnedBytes() const
{
    std::lock_guard lock(mutex_);
    return pinnedBytes_;
}

bool RawTextReader::readPlain(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                              std::vector<std::string>& out, QString* error)
{
    if ((firstLine - 1) / SourceInfo::kLineCheckpointStride >= info.lineCheckpoints.size()) {
        *error = QStringLiteral("line %1 is past the end of %2").arg(firstLine).arg(info.path);
        return false;
    }
    QFile file(info.location.inputPath); // 64-bit seeks on every platform
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open any more").arg(info.path);
        return false;
    }
    const Checkpoint start = checkpointBefore(info, firstLine);
    if (!file.seek(static_cast<qint64>(start.offset))) {
        *error = QStringLiteral("%1: cannot seek").arg(info.path);
        return false;
    }
    // Read from the checkpoint in blocks until the wanted lines are complete.
    LineSpanCollector collector({{firstLine, count}}, start.line);
    std::vector<char> block(64 * 1024);
    while (collector.wantsMore()) {
        const qint64 n = file.read(block.data(), static_cast<qint64>(block.size()));
        if (n <= 0)
            break;
        collector.feed(std::string_view(block.data(), static_cast<std::size_t>(n)));
    }
    collector.finish();
    appendCollected(collector, out);
    return true;
}

std::shared_ptr<const std::string> RawTextReader::decodedMember(const SourceInfo& info, QString* error)
{
    {
        std::lock_guard lock(mutex_);
        for (auto it = cache_.begin(); it != cache_.end(); ++it) {
            if (it->path == info.path) {
                cache_.splice(cache_.begin(), cache_, it);
                return cache_.front().text;
            }
        }
    }
    auto text = std::make_shared<std::string>();
    const bool ok = withSourceStream(
        info.location,
        [&text](ByteReader& stream) {
            char block[256 * 1024];
            while (true) {
                const std::ptrdiff_t n = stream.read(block, sizeof block);
                if (n <= 0)
                    return n == 0;
                text->append(block, static_cast<std::size_t>(n));
            }
        },
        error);
    if (!ok)
        return nullptr;
    std::lock_guard lock(mutex_);
    cache_.push_front({info.path, text});
    std::uint64_t held = 0;
    for (auto it = cache_.begin(); it != cache_.end();) {
        held += it->text->size();
        it = held > cacheLimit_ && it != cache_.begin() ? cache_.erase(it) : std::next(it);
    }
    return text;
}

bool RawTextReader::readMember(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                               std::vector<std::string>& out, QString* error)
{
    const Checkpoint start = checkpointBefore(info, firstLine);
    if (info.bytes <= cacheLimit_ / 2) {
        LineSpanCollector collector({{firstLine, count}}, start.line);
        const auto text = decodedMember(info, error);
        if (!text)
            return false;
        if (start.offset > text->size()) {
            *error = QStringLiteral("%1 changed since it was imported").arg(info.path);
            return false;
        }
        collector.feed(std::string_view(*text).substr(start.offset));
        collector.finish();
        appendCollected(collector, out);
        return true;
    }
    // Too big to cache: a gzip file on disk inflates from the access point before the line; anything else,
    // or a gzip file the index cannot read (damaged, truncated), decodes again, keeping only the wanted
    // lines.
    if (readIndexed(info, firstLine, count, out))
        return true;
    LineSpanCollector collector({{firstLine, count}}, start.line);
    if (!withSourceStream(
            info.location,
            [&](ByteReader& stream) {
                if (feedFrom(stream, start.offset, collector, nullptr))
                    return true;
                *error = QStringLiteral("%1: %2").arg(info.path, stream.errorString());
                return false;
            },
            error))
        return false;
    appendCollected(collector, out);
    return true;
}

bool RawTextReader::readIndexed(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                                std::vector<std::string>& out)
{
    const std::shared_ptr<GzipIndex> index = gzipIndexFor(info);
    if (!index)
        return false;
    const Checkpoint start = checkpointBefore(info, firstLine);
    std::uint64_t streamStart = 0;
    QString ignored; // the decode from the start, which follows, says what is wrong
    const std::unique_ptr<GzipSeekReader> stream = index->openAt(start.offset, &streamStart, &ignored);
    if (!stream)
        return false;
    // A line checkpoint follows a newline: any other byte there means the restart went wrong or the
    // file changed, and the decode from the start takes over.
    if (start.offset > streamStart) {
        char before = 0;
        if (!discard(*stream, start.offset - streamStart - 1) || stream->read(&before, 1) != 1 ||
            before != '\n')
            return false;
    }
    LineSpanCollector collector({{firstLine, count}}, start.line);
    if (!feedFrom(*stream, 0, collector, nullptr))
        return false;
    appendCollected(collector, out);
    return true;
}

bool RawTextReader::indexAhead(std::uint16_t source, const std::atomic<bool>* cancel)
{
    if (source >= sources_.size() || sources_[source].bytes <= cacheLimit_ / 2)
        return false;
    const std::shared_ptr<GzipIndex> index = gzipIndexFor(sources_[source]);
    if (!index)
        return false;
    std::uint64_t start = 0;
    QString ignored; // a read of these lines will say what is wrong
    const std::unique_ptr<GzipSeekReader> stream = index->openAt(index->coveredBytes(), &start, &ignored);
    if (!stream)
        return false;
    std::vector<char> block(1 << 20);
    for (;;) {
        if (cancel != nullptr && cancel->load())
            return false;
        const std::ptrdiff_t n = stream->read(block.data(), block.size());
        if (n == 0)
            return true;
        if (n < 0)
            return false;
    }
}

std::shared_ptr<GzipIndex> RawTextReader::gzipIndexFor(const SourceInfo& info)
{
    // A compressed file on disk has one member: its decompressed stream ("").
    if (info.location.memberChain != QStringList{QString()})
        return nullptr;
    std::lock_guard lock(mutex_);
    std::shared_ptr<GzipIndex>& index = gzipIndexes_[info.location.inputPath];
    if (!index)
        index = std::make_shared<GzipIndex>(info.location.inputPath);
    return index;
}

std::uint64_t RawTextReader::gzipIndexBytes() const
{
    std::lock_guard lock(mutex_);
    std::uint64_t bytes = 0;
    for (const auto& [path, index] : gzipIndexes_)
        bytes += index->memoryBytes();
    return bytes;
}

} // namespace gd
