#include "logsink.h"

#include "bundleplan.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>
#include <zlib.h>

namespace gd::bench {

namespace {
constexpr std::size_t kBlockBytes = 4 << 20;
constexpr std::size_t kSpoolBufferBytes = 1 << 16;

/// What precedes each line in a spool file.
struct SpoolHeader {
    std::int32_t weekSec;
    std::uint32_t order;
    std::uint32_t length;
};

void sortByTime(std::vector<TimedLine>& lines)
{
    std::sort(lines.begin(), lines.end(), [](const TimedLine& a, const TimedLine& b) {
        return a.weekSec != b.weekSec ? a.weekSec < b.weekSec : a.order < b.order;
    });
}

int dayOf(int weekSec)
{
    return std::clamp(weekSec / kDaySeconds, 0, kDays - 1);
}

std::FILE* openSpoolFile(const std::string& dir)
{
    std::string path = dir + "/.gen_bench_bundle-spool-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0)
        throw std::runtime_error("cannot create a spool file in " + dir);
    ::unlink(path.c_str()); // the open descriptor keeps the data; the disk space is freed on close
    std::FILE* file = ::fdopen(fd, "w+b");
    if (file == nullptr) {
        ::close(fd);
        throw std::runtime_error("cannot open a spool file in " + dir);
    }
    std::setvbuf(file, nullptr, _IOFBF, kSpoolBufferBytes);
    return file;
}

std::vector<char> readWholeFile(std::FILE* file)
{
    if (std::fflush(file) != 0 || std::fseek(file, 0, SEEK_END) != 0)
        throw std::runtime_error("cannot read back a spool file");
    const long size = std::ftell(file);
    if (size < 0)
        throw std::runtime_error("cannot read back a spool file");
    std::rewind(file);
    std::vector<char> bytes(static_cast<std::size_t>(size));
    if (std::fread(bytes.data(), 1, bytes.size(), file) != bytes.size())
        throw std::runtime_error("cannot read back a spool file");
    return bytes;
}

SpoolHeader headerAt(const std::vector<char>& bytes, std::size_t at)
{
    SpoolHeader header{};
    std::memcpy(&header, bytes.data() + at, sizeof header);
    return header;
}

std::size_t countRecords(const std::vector<char>& bytes)
{
    std::size_t count = 0;
    for (std::size_t at = 0; at + sizeof(SpoolHeader) <= bytes.size();
         at += sizeof(SpoolHeader) + headerAt(bytes, at).length)
        ++count;
    return count;
}

/// The spooled records of `bytes` as lines pointing into it, in file order.
std::vector<TimedLine> splitRecords(const std::vector<char>& bytes)
{
    std::vector<TimedLine> lines;
    lines.reserve(countRecords(bytes)); // a day of a 10 GB syslog has ~660 000 lines: no regrowth
    for (std::size_t at = 0; at + sizeof(SpoolHeader) <= bytes.size();) {
        const SpoolHeader header = headerAt(bytes, at);
        at += sizeof header;
        lines.push_back({header.weekSec, header.order, std::string_view(bytes.data() + at, header.length)});
        at += header.length;
    }
    return lines;
}

void writeLines(LogFile& file, const std::vector<TimedLine>& lines)
{
    for (const TimedLine& line : lines) {
        file.write(line.text);
        file.write("\n");
    }
}
} // namespace

LineCollector::LineCollector(const std::string& spoolDir)
{
    for (std::FILE*& file : days_)
        file = openSpoolFile(spoolDir);
}

LineCollector::~LineCollector()
{
    for (std::FILE* file : days_) {
        if (file != nullptr)
            std::fclose(file);
    }
}

void LineCollector::add(int weekSec, std::string_view text)
{
    std::FILE* file = days_[static_cast<std::size_t>(dayOf(weekSec))];
    if (file == nullptr)
        throw std::logic_error("a line was added to a day already written");
    const SpoolHeader header{weekSec, next_++, static_cast<std::uint32_t>(text.size())};
    if (std::fwrite(&header, sizeof header, 1, file) != 1 ||
        std::fwrite(text.data(), 1, text.size(), file) != text.size())
        throw std::runtime_error("cannot write a spool file (disk full?)");
}

DayLines LineCollector::takeDay(int day)
{
    std::FILE*& file = days_[static_cast<std::size_t>(day)];
    if (file == nullptr)
        throw std::logic_error("a day was written twice");
    DayLines out;
    out.bytes = readWholeFile(file);
    std::fclose(file);
    file = nullptr;
    out.lines = splitRecords(out.bytes);
    sortByTime(out.lines);
    return out;
}

LogFile::LogFile(const std::string& path, bool gzip)
    : path_(path)
{
    if (gzip) {
        gzip_ = gzopen(path.c_str(), "wb6");
        if (gzip_ == nullptr)
            throw std::runtime_error("cannot write " + path);
        gzbuffer(static_cast<gzFile>(gzip_), 1 << 20);
    } else {
        plain_ = std::fopen(path.c_str(), "wb");
        if (plain_ == nullptr)
            throw std::runtime_error("cannot write " + path);
    }
    pending_.reserve(kBlockBytes + 65536);
}

LogFile::~LogFile()
{
    close();
}

void LogFile::write(std::string_view text)
{
    pending_.append(text);
    bytes_ += text.size();
    if (pending_.size() >= kBlockBytes)
        flush();
}

void LogFile::flush()
{
    if (pending_.empty())
        return;
    if (gzip_ != nullptr) {
        if (gzwrite(static_cast<gzFile>(gzip_), pending_.data(), static_cast<unsigned>(pending_.size())) <= 0)
            throw std::runtime_error("write failed: " + path_);
    } else if (std::fwrite(pending_.data(), 1, pending_.size(), plain_) != pending_.size()) {
        throw std::runtime_error("write failed: " + path_);
    }
    pending_.clear();
}

void LogFile::close()
{
    if (gzip_ == nullptr && plain_ == nullptr)
        return;
    flush();
    if (gzip_ != nullptr) {
        gzclose(static_cast<gzFile>(gzip_));
        gzip_ = nullptr;
    }
    if (plain_ != nullptr) {
        std::fclose(plain_);
        plain_ = nullptr;
    }
}

std::string rotatedName(const std::string& base, int age)
{
    if (age == 0)
        return base;
    return base + '.' + std::to_string(age) + (age >= 2 ? ".gz" : "");
}

std::uint64_t writeRotatedFamily(const std::string& dir, const std::string& base, LineCollector& lines)
{
    std::uint64_t total = 0;
    for (int day = 0; day < kDays; ++day) {
        const int age = kDays - 1 - day;
        const std::string path = dir + '/' + rotatedName(base, age);
        {
            LogFile file(path, age >= 2);
            writeLines(file, lines.takeDay(day).lines);
            file.close();
            total += file.bytes();
        }
        setFileTime(path, BundlePlan::dayEndEpoch(day));
    }
    return total;
}

std::uint64_t writeSingleFile(const std::string& path, LineCollector& lines)
{
    std::uint64_t total = 0;
    {
        LogFile file(path, false);
        for (int day = 0; day < kDays; ++day)
            writeLines(file, lines.takeDay(day).lines);
        file.close();
        total = file.bytes();
    }
    setFileTime(path, BundlePlan::dayEndEpoch(kDays - 1));
    return total;
}

void setFileTime(const std::string& path, std::int64_t epochSec)
{
    utimbuf times{};
    times.actime = static_cast<time_t>(epochSec);
    times.modtime = static_cast<time_t>(epochSec);
    ::utime(path.c_str(), &times);
}

} // namespace gd::bench
