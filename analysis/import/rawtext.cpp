#include "import/rawtext.h"

#include "import/archiveinput.h"
#include "import/bundlewalker.h"
#include "import/bytereader.h"

#include <QFile>
#include <cstdio>

namespace gd {

namespace {

/// Appends the lines [firstLine, firstLine+count) of `text`, whose first line is `textFirstLine`.
void collectLines(std::string_view text, std::uint64_t textFirstLine, std::uint64_t firstLine,
                  std::uint32_t count, std::vector<std::string>& out)
{
    std::uint64_t line = textFirstLine;
    std::size_t pos = 0;
    while (pos <= text.size() && out.size() < count) {
        std::size_t end = text.find('\n', pos);
        const bool last = end == std::string_view::npos;
        if (last)
            end = text.size();
        if (last && pos == end)
            break; // nothing after the final newline
        if (line >= firstLine) {
            std::string_view content = text.substr(pos, end - pos);
            if (!content.empty() && content.back() == '\r')
                content.remove_suffix(1);
            out.emplace_back(content);
        }
        ++line;
        pos = end + 1;
    }
}

/// Follows one level of the member chain inside `parent` and hands the member's stream on.
bool descend(ByteReader& parent, const QStringList& chain, int level,
             const std::function<bool(ByteReader&)>& consume, QString* error)
{
    if (level == chain.size())
        return consume(parent);
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
    const QString& wanted = chain[level];
    while (true) {
        const ArchiveInput::Step step = archive.next(entry);
        if (step != ArchiveInput::Step::Entry) {
            *error = step == ArchiveInput::Step::End ? QStringLiteral("member %1 not found").arg(wanted)
                                                     : archive.errorString();
            return false;
        }
        const bool match = wanted.isEmpty()
                               ? entry.isRawStream
                               : (entry.isRegular && safeMemberName(entry.name, nullptr) == wanted);
        if (match)
            return descend(archive.data(), chain, level + 1, consume, error);
    }
}

} // namespace

bool withSourceStream(const SourceLocation& location, const std::function<bool(ByteReader&)>& consume,
                      QString* error)
{
    FileReader file(location.inputPath);
    if (!file.isOpen()) {
        *error = QStringLiteral("%1: %2").arg(location.inputPath, file.errorString());
        return false;
    }
    return descend(file, location.memberChain, 0, consume, error);
}

RawTextReader::RawTextReader(std::vector<SourceInfo> sources, std::uint64_t cacheLimitBytes)
    : sources_(std::move(sources))
    , cacheLimit_(cacheLimitBytes)
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
    return readMember(info, firstLine, count, out, error);
}

bool RawTextReader::readPlain(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                              std::vector<std::string>& out, QString* error)
{
    const std::uint64_t checkpoint = (firstLine - 1) / SourceInfo::kLineCheckpointStride;
    if (checkpoint >= info.lineCheckpoints.size()) {
        *error = QStringLiteral("line %1 is past the end of %2").arg(firstLine).arg(info.path);
        return false;
    }
    std::FILE* file = std::fopen(QFile::encodeName(info.location.inputPath).constData(), "rb");
    if (file == nullptr) {
        *error = QStringLiteral("%1: cannot open any more").arg(info.path);
        return false;
    }
    // Read from the checkpoint in blocks until the wanted lines are complete.
    const auto start = static_cast<long long>(info.lineCheckpoints[checkpoint]);
    const std::uint64_t startLine = checkpoint * SourceInfo::kLineCheckpointStride + 1;
    std::string text;
    bool ok = std::fseek(file, static_cast<long>(start), SEEK_SET) == 0;
    const std::uint64_t linesNeeded = firstLine - startLine + count;
    std::uint64_t newlines = 0;
    char block[64 * 1024];
    while (ok && newlines < linesNeeded) {
        const std::size_t n = std::fread(block, 1, sizeof block, file);
        if (n == 0)
            break;
        for (std::size_t i = 0; i < n; ++i)
            newlines += block[i] == '\n' ? 1 : 0;
        text.append(block, n);
    }
    std::fclose(file);
    if (!ok) {
        *error = QStringLiteral("%1: cannot seek").arg(info.path);
        return false;
    }
    collectLines(text, startLine, firstLine, count, out);
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
    const std::uint64_t checkpoint =
        info.lineCheckpoints.empty()
            ? 0
            : std::min<std::uint64_t>((firstLine - 1) / SourceInfo::kLineCheckpointStride,
                                      info.lineCheckpoints.size() - 1);
    const std::uint64_t offset = info.lineCheckpoints.empty() ? 0 : info.lineCheckpoints[checkpoint];
    const std::uint64_t startLine = checkpoint * SourceInfo::kLineCheckpointStride + 1;
    if (info.bytes <= cacheLimit_ / 2) {
        const auto text = decodedMember(info, error);
        if (!text)
            return false;
        if (offset > text->size()) {
            *error = QStringLiteral("%1 changed since it was imported").arg(info.path);
            return false;
        }
        collectLines(std::string_view(*text).substr(offset), startLine, firstLine, count, out);
        return true;
    }
    // Too big to cache: decode again, dropping everything before the checkpoint.
    return withSourceStream(
        info.location,
        [&](ByteReader& stream) {
            std::string text;
            std::uint64_t position = 0;
            const std::uint64_t linesNeeded = firstLine - startLine + count;
            std::uint64_t newlines = 0;
            char block[256 * 1024];
            while (newlines < linesNeeded) {
                const std::ptrdiff_t n = stream.read(block, sizeof block);
                if (n < 0)
                    return false;
                if (n == 0)
                    break;
                std::string_view data(block, static_cast<std::size_t>(n));
                if (position + data.size() <= offset) {
                    position += data.size();
                    continue;
                }
                if (position < offset) {
                    data.remove_prefix(static_cast<std::size_t>(offset - position));
                    position = offset;
                }
                for (const char c : data)
                    newlines += c == '\n' ? 1 : 0;
                text.append(data);
                position += data.size();
            }
            collectLines(text, startLine, firstLine, count, out);
            return true;
        },
        error);
}

} // namespace gd
