#pragma once

#include "model/logkind.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <string>
#include <vector>

namespace gd {

/// Where a source's bytes come from: a file on disk, or a chain of members inside archives.
struct SourceLocation {
    QString bundle;          ///< what the user opened: the folder it was found in, or the file itself
    QString inputPath;       ///< file on disk given by the user (or found in a given folder)
    QStringList memberChain; ///< members to open in turn inside it; empty for a plain file
    bool compressed = false; ///< the innermost stream is compressed (needs decoding to read lines)
    QString displayPath() const;
    /// Which server the bytes belong to: every opened folder and every opened archive is one server; loose
    /// log files opened together (and pasted lines) are one more. Servers are merged on request
    /// (ImportOptions).
    QString serverKey() const;
};

struct SkipReason {
    std::string reason;
    std::uint64_t count = 0;
    std::uint64_t firstLine = 0;
};

/// One log file of the bundle after import: what it is and what came of it.
struct SourceInfo {
    SourceLocation location;
    QString path; ///< display path: input, then "!/member" per archive level
    LogKind kind = LogKind::Unknown;
    std::uint16_t server = 0; ///< index into ImportResult::servers
    /// Read as loose text (pasted, quoted, wrapped by a container tool): then one file may give several
    /// sources, one per kind and stream, all on the same file and line numbers.
    bool looseText = false;
    QString stream;          ///< the container or program the lines came from, "" for the file itself
    std::uint64_t bytes = 0; ///< decompressed size
    std::uint64_t lines = 0;
    std::uint64_t events = 0;        ///< events kept in the timeline (after de-duplication)
    std::uint64_t undatedEvents = 0; ///< of those, events whose lines carry no time (kNoTime)
    std::uint64_t skippedLines = 0;
    std::vector<SkipReason> skipReasons; ///< the first few distinct reasons, in order of appearance
    std::vector<std::uint32_t>
        skippedLineNumbers; ///< the first kMaxSkippedLineNumbers skipped lines, to show them
    static constexpr std::size_t kMaxSkippedLineNumbers = 64;
    std::uint64_t duplicateEvents = 0; ///< dropped because a rotated copy had the same lines
    std::int64_t firstUtcMs = 0;       ///< first and last dated event; both 0 when no event is dated
    std::int64_t lastUtcMs = 0;
    bool hasDatedEvents() const { return events > undatedEvents; }
    QString timeZoneNote;   ///< how wall-clock times were turned into UTC
    QString rotationFamily; ///< e.g. "var/log/nginx/access.log"
    int rotationIndex = 0;  ///< 0 = current file, N = ".N" copy (older)

    /// Byte offset (in the decompressed stream) of line 1 + k * kLineCheckpointStride.
    std::vector<std::uint64_t> lineCheckpoints;
    static constexpr std::uint32_t kLineCheckpointStride = 512;
};

/// A file of the bundle that is not a log, with the reason it was not read.
struct SkippedFile {
    QString path;
    QString reason;
};

/// A configuration file the analysis may need (pool .conf, php.ini, BOA INI, /etc/timezone).
struct ConfigFile {
    QString path;
    QString serverKey; ///< SourceLocation::serverKey() of the file
    QByteArray content;
};

} // namespace gd
