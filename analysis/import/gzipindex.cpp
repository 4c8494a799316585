#include "import/gzipindex.h"

#include "import/archiveinput.h"

#include <QFileInfo>
#include <algorithm>
#include <zlib.h>

namespace gd {

namespace {

/// Enough decompressed bytes to tell text from another container (tar needs 262).
constexpr std::size_t kSniffBytes = 512;

std::string deflated(std::string_view bytes)
{
    if (bytes.empty())
        return {}; // a member header: nothing before it is needed
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                  static_cast<uLong>(bytes.size()), Z_BEST_SPEED) != Z_OK)
        return {};
    out.resize(size);
    out.shrink_to_fit();
    return out;
}

} // namespace

GzipIndex::GzipIndex(QString path, std::uint64_t spacing)
    : path_(std::move(path))
    , spacing_(std::max<std::uint64_t>(spacing, GzipSeekReader::kWindowBytes))
    , points_(1) // the first member's header, at offset 0 of both the file and the text
{
}

std::unique_ptr<GzipSeekReader> GzipIndex::openAt(std::uint64_t offset, std::uint64_t* start, QString* error)
{
    if (!checkFile(error))
        return nullptr;
    StoredPoint chosen;
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(mutex_);
        generation = generation_;
        const auto after = std::upper_bound(
            points_.begin(), points_.end(), offset,
            [](std::uint64_t value, const StoredPoint& stored) { return value < stored.point.output; });
        chosen = *std::prev(after);
    }
    const std::string history = inflatedHistory(chosen);
    if (history.size() != chosen.historyBytes) {
        *error = QStringLiteral("%1: damaged access point").arg(path_);
        return nullptr;
    }
    auto reader = std::make_unique<GzipSeekReader>(
        path_, chosen.point, history,
        [this, generation](const GzipAccessPoint& point, std::string_view before) {
            record(point, before, generation);
        });
    if (!reader->errorString().isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path_, reader->errorString());
        return nullptr;
    }
    *start = chosen.point.output;
    return reader;
}

bool GzipIndex::checkFile(QString* error)
{
    const QFileInfo info(path_);
    std::lock_guard lock(mutex_);
    if (info.size() != fileSize_ || info.lastModified() != fileModified_) {
        // First use, or the file was rewritten: points taken from other bytes would restart wrongly.
        points_.resize(1);
        historyBytes_ = 0;
        ++generation_;
        content_ = Content::Unknown;
        fileSize_ = info.size();
        fileModified_ = info.lastModified();
    }
    if (content_ == Content::Unknown) {
        // The import peels every layer (a .gz of a .tar.gz, of a .gz); this index knows only one.
        GzipSeekReader probe(path_, GzipAccessPoint{}, {});
        std::string head(kSniffBytes, '\0');
        const std::ptrdiff_t n = readFully(probe, head.data(), head.size());
        head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        content_ = n >= 0 && sniffContainer(head) == ContainerType::None ? Content::Text : Content::NotText;
        notTextReason_ = n < 0 ? QStringLiteral("%1: %2").arg(path_, probe.errorString())
                               : QStringLiteral("%1: not text inside the gzip layer").arg(path_);
    }
    if (content_ == Content::NotText) {
        *error = notTextReason_;
        return false;
    }
    return true;
}

void GzipIndex::record(const GzipAccessPoint& point, std::string_view history, std::uint64_t generation)
{
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_ || point.output < points_.back().point.output + spacing_)
            return; // called at every block (~200 KB of log text): most are too close
    }
    StoredPoint stored{point, deflated(history), static_cast<std::uint32_t>(history.size())};
    if (stored.history.empty() && !history.empty())
        return;
    std::lock_guard lock(mutex_);
    if (generation != generation_ || point.output < points_.back().point.output + spacing_)
        return; // another stream got there first
    historyBytes_ += stored.history.size();
    points_.push_back(std::move(stored));
}

std::string GzipIndex::inflatedHistory(const StoredPoint& stored) const
{
    std::string history(stored.historyBytes, '\0');
    uLongf size = stored.historyBytes;
    if (stored.historyBytes > 0 && uncompress(reinterpret_cast<Bytef*>(history.data()), &size,
                                              reinterpret_cast<const Bytef*>(stored.history.data()),
                                              static_cast<uLong>(stored.history.size())) != Z_OK)
        return {};
    history.resize(size);
    return history;
}

std::size_t GzipIndex::accessPoints() const
{
    std::lock_guard lock(mutex_);
    return points_.size();
}

std::uint64_t GzipIndex::memoryBytes() const
{
    std::lock_guard lock(mutex_);
    return historyBytes_ + (points_.size() - 1) * sizeof(StoredPoint);
}

std::uint64_t GzipIndex::coveredBytes() const
{
    std::lock_guard lock(mutex_);
    return points_.back().point.output;
}

} // namespace gd
