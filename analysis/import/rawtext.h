#pragma once

#include "import/linespancollector.h"
#include "model/sourceinfo.h"

#include <QString>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace gd {

class ByteReader;
class GzipIndex;

/// Fetches the raw text of source lines for the viewer and for evidence, without the import
/// keeping decompressed text in memory. Plain files: a seek to the nearest line checkpoint.
/// Archive members and compressed files: decoded again from the start of the member; members up
/// to half of `cacheLimitBytes` stay cached (most recently used first), so browsing one file
/// decodes it once. The default holds the current access log of a busy server (~130-250 MB a day)
/// next to the index of a 1 GB bundle (~500 MB). Bigger gzip files on disk (a rotated access.log.2.gz
/// of ~700 MB) are not cached but seek: a GzipIndex, built by the reads themselves, restarts inflate
/// within 8 MB of any line it has been past once; archive members (inside a tar.gz) still decode from
/// their start. Lines known to be wanted later (evidence and its context) can be pinned: read in one
/// pass per member and kept, whatever the member's size. Thread-safe.
class RawTextReader {
public:
    explicit RawTextReader(std::vector<SourceInfo> sources, std::uint64_t cacheLimitBytes = 512ULL << 20,
                           std::uint64_t pinLimitBytes = 96ULL << 20);

    /// Lines [firstLine, firstLine + count) of a source (1-based; fewer at the end of the file).
    /// Returns false with `error` set when the file cannot be read any more.
    bool lines(std::uint16_t source, std::uint64_t firstLine, std::uint32_t count,
               std::vector<std::string>& out, QString* error);

    struct Span {
        std::uint16_t source = 0;
        std::uint64_t firstLine = 1;
        std::uint32_t count = 1;
    };
    /// Reads the spans that lie in archive members or compressed files, one decoding pass per
    /// member, and keeps their lines so that lines() inside them never decodes again. Plain files
    /// are left alone: they seek. While a member is being read, lines() on it waits for the pass
    /// rather than decoding the same member a second time. Returns false when `cancel` stopped it.
    bool pin(const std::vector<Span>& spans, const std::atomic<bool>* cancel = nullptr);
    std::uint64_t pinnedBytes() const;
    /// For a gzip file on disk too big for the cache: takes its access points to its end, so that any
    /// later read seeks (a first read deep in a fresh file decodes up to there). False when the source is
    /// not such a file, the read failed or `cancel` stopped it; the points taken stay.
    bool indexAhead(std::uint16_t source, const std::atomic<bool>* cancel);
    /// Memory of the gzip access points taken so far.
    std::uint64_t gzipIndexBytes() const;

private:
    std::vector<LineBlock> pinnedBlocks(const SourceInfo& info, std::vector<LineSpanCollector::Range> ranges,
                                        ByteReader& stream, const std::atomic<bool>* cancel);
    void publishPinned(std::uint16_t source, std::vector<LineBlock> blocks);
    bool pinnedLines(std::uint16_t source, std::uint64_t firstLine, std::uint32_t count,
                     std::vector<std::string>& out);
    bool readPlain(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                   std::vector<std::string>& out, QString* error);
    bool readMember(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                    std::vector<std::string>& out, QString* error);
    std::shared_ptr<const std::string> decodedMember(const SourceInfo& info, QString* error);
    bool readIndexed(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                     std::vector<std::string>& out);
    std::shared_ptr<GzipIndex> gzipIndexFor(const SourceInfo& info);

    struct CachedMember {
        QString path;
        std::shared_ptr<const std::string> text;
    };
    std::vector<SourceInfo> sources_;
    std::uint64_t cacheLimit_;
    std::uint64_t pinLimit_;
    mutable std::mutex mutex_;
    std::list<CachedMember> cache_;
    std::map<std::uint16_t, std::vector<LineBlock>> pinned_;
    std::uint64_t pinnedBytes_ = 0;
    std::set<std::uint16_t> pinning_;                           ///< members a pin() pass has still to read
    std::map<QString, std::shared_ptr<GzipIndex>> gzipIndexes_; ///< by file on disk
    std::condition_variable pinDone_;
};

/// Opens the decompressed stream of `location` (following its chain of archive members) and
/// passes it to `consume`. Returns false with `error` set when a member is not found or unreadable.
bool withSourceStream(const SourceLocation& location, const std::function<bool(ByteReader&)>& consume,
                      QString* error);
/// The same for many locations, reading each archive once: `consume` gets the index of the
/// location whose stream it is handed, in the order the members appear.
bool withSourceStreams(const std::vector<SourceLocation>& locations,
                       const std::function<bool(std::size_t, ByteReader&)>& consume, QString* error);

} // namespace gd
