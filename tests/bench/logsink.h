#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace gd::bench {

/// A line of one of the smaller logs, kept until the week is complete and sorted by time.
struct TimedLine {
    int weekSec = 0;
    std::uint32_t order = 0; ///< creation order: keeps lines of the same second stable
    std::string text;        ///< without the trailing newline; may hold several lines (slowlog records)
};

/// Collects the lines of one log family.
class LineCollector {
public:
    void add(int weekSec, std::string text) { lines_.push_back({weekSec, next_++, std::move(text)}); }
    std::vector<TimedLine>& lines() { return lines_; }

private:
    std::vector<TimedLine> lines_;
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
std::uint64_t writeRotatedFamily(const std::string& dir, const std::string& base,
                                 std::vector<TimedLine>& lines);

/// Writes all lines into one file (logs that are not rotated daily).
std::uint64_t writeSingleFile(const std::string& path, std::vector<TimedLine>& lines);

/// Sets a file's modification time (seconds since the epoch).
void setFileTime(const std::string& path, std::int64_t epochSec);

} // namespace gd::bench
