#pragma once

#include "import/gzipseekreader.h"

#include <QDateTime>
#include <QString>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gd {

/// Random access into the decompressed text of a gzip file on disk: access points (see GzipAccessPoint)
/// every `spacing` bytes of output, so reading anywhere inflates at most about `spacing` bytes.
///
/// Built lazily, by the reads themselves: a stream that passes the last access point records new ones
/// on its way, so the index covers the file as far as it was ever read, and reading a file to its end
/// once costs one pass. Each point keeps its 32 KiB history deflated (~8 KB for access logs).
///
/// Thread-safe: streams of one index may be read on several threads at once (each stream by one thread
/// at a time). The index must outlive the streams it opens.
class GzipIndex {
public:
    static constexpr std::uint64_t kDefaultSpacing = 8ULL << 20;

    explicit GzipIndex(QString path, std::uint64_t spacing = kDefaultSpacing);

    /// The decompressed text from the access point at or before `offset` on; `*start` gets the offset of
    /// the stream's first byte. Null with `error` set when the file is not a gzip file holding text
    /// (a gzip of a gzip, say), or cannot be read.
    std::unique_ptr<GzipSeekReader> openAt(std::uint64_t offset, std::uint64_t* start, QString* error);

    std::size_t accessPoints() const;
    /// Bytes the access points taken so far hold, their deflated histories included (the file's start,
    /// always there, costs nothing).
    std::uint64_t memoryBytes() const;
    /// Decompressed bytes covered: the offset of the last access point.
    std::uint64_t coveredBytes() const;

private:
    struct StoredPoint {
        GzipAccessPoint point;
        std::string history;            ///< deflated with zlib's compress2()
        std::uint32_t historyBytes = 0; ///< before deflating
    };
    bool checkFile(QString* error);
    void record(const GzipAccessPoint& point, std::string_view history, std::uint64_t generation);
    std::string inflatedHistory(const StoredPoint& stored) const;

    const QString path_;
    const std::uint64_t spacing_;
    mutable std::mutex mutex_;
    std::vector<StoredPoint> points_; ///< by output offset; the first is the file's first member header
    std::uint64_t historyBytes_ = 0;
    enum class Content { Unknown, Text, NotText } content_ = Content::Unknown;
    QString notTextReason_;
    qint64 fileSize_ = -1; ///< when the points were taken: a rewritten file drops them
    QDateTime fileModified_;
    std::uint64_t generation_ = 0; ///< counts the drops: streams opened before one record nothing
};

} // namespace gd
