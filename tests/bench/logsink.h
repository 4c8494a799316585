#pragma once

#include "bundleplan.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace gd::bench {

/// A line of one of the smaller logs, read back from its spool file to be sorted by time.
struct TimedLine {
    int weekSec = 0;
    std::uint32_t order = 0; ///< creation order: keeps lines of the same second stable
    std::string_view text;   ///< without the trailing newline; may hold several lines (slowlog records)
};

/// One day of a log family, in the order the log shows it.
struct DayLines {
    std::vector<char> bytes;      ///< the day's spool file; `lines` point into it
    std::vector<TimedLine> lines; ///< sorted by time, then creation order
};

/// Collects the lines of one log family. Noise is planned at random seconds of the week, so the lines wait
/// on disk, in one spool file per day, and are sorted one day at a time when written: memory holds one day
/// of one family instead of the whole week's text.
class LineCollector {
public:
    /// The spool files are made in `spoolDir` and unlinked at once, so nothing is left behind.
    explicit LineCollector(const std::string& spoolDir);
    ~LineCollector();
    LineCollector(const LineCollector&) = delete;
    LineCollector& operator=(const LineCollector&) = delete;

    /// `text` without the trailing newline. Times past the end of the week count to its last day.
    void add(int weekSec, std::string_view text);
    /// Lines added so far.
    std::size_t size() const { return next_; }
    /// The lines of `day`, sorted; the day's spool file is closed, so no line may be added to it later.
    DayLines takeDay(int day);

private:
    std::array<std::FILE*, kDays> days_{};
    std::uint32_t next_ = 0;
};

/// One output file, plain or gzip-compressed (like logrotate's `compress`), written in large blocks.
class LogFile {
public:
    LogFile(const std::string& path, bool gzip);
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    void write(std::string_view text);
    void close();
    std::uint64_t bytes() const { return bytes_; }
    const std::string& path() const { return path_; }

private:
    void flush();

    std::string path_;
    std::FILE* plain_ = nullptr;
    void* gzip_ = nullptr;
    std::string pending_;
    std::uint64_t bytes_ = 0;
};

/// logrotate names for the copy `age` days old: "access.log", "access.log.1", "access.log.2.gz", ...
std::string rotatedName(const std::string& base, int age);

/// Writes a family's lines split into daily rotations under `dir` (oldest day in the highest .N.gz),
/// sets each file's mtime to the end of its day, and returns the bytes written.
std::uint64_t writeRotatedFamily(const std::string& dir, const std::string& base, LineCollector& lines);

/// Writes all lines into one file (logs that are not rotated daily).
std::uint64_t writeSingleFile(const std::string& path, LineCollector& lines);

/// Sets a file's modification time (seconds since the epoch).
void setFileTime(const std::string& path, std::int64_t epochSec);

} // namespace gd::bench
