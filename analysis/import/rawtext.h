#pragma once

#include "model/sourceinfo.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gd {

/// Fetches the raw text of source lines for the viewer and for evidence, without the import
/// keeping decompressed text in memory. Plain files: a seek to the nearest line checkpoint.
/// Archive members and compressed files: decoded again from the start of the member; members up
/// to `cacheLimitBytes` stay cached (most recently used first), so stepping through evidence of one
/// file decodes it once. Thread-safe.
class RawTextReader {
public:
    explicit RawTextReader(std::vector<SourceInfo> sources, std::uint64_t cacheLimitBytes = 256ULL << 20);

    /// Lines [firstLine, firstLine + count) of a source (1-based; fewer at the end of the file).
    /// Returns false with `error` set when the file cannot be read any more.
    bool lines(std::uint16_t source, std::uint64_t firstLine, std::uint32_t count,
               std::vector<std::string>& out, QString* error);

private:
    bool readPlain(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                   std::vector<std::string>& out, QString* error);
    bool readMember(const SourceInfo& info, std::uint64_t firstLine, std::uint32_t count,
                    std::vector<std::string>& out, QString* error);
    std::shared_ptr<const std::string> decodedMember(const SourceInfo& info, QString* error);

    struct CachedMember {
        QString path;
        std::shared_ptr<const std::string> text;
    };
    std::vector<SourceInfo> sources_;
    std::uint64_t cacheLimit_;
    std::mutex mutex_;
    std::list<CachedMember> cache_;
};

/// Opens the decompressed stream of `location` (following its chain of archive members) and
/// passes it to `consume`. Returns false with `error` set when a member is not found or unreadable.
class ByteReader;
bool withSourceStream(const SourceLocation& location, const std::function<bool(ByteReader&)>& consume,
                      QString* error);

} // namespace gd
