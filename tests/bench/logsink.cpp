#include "logsink.h"

#include "bundleplan.h"

#include <algorithm>
#include <stdexcept>
#include <sys/stat.h>
#include <utime.h>
#include <zlib.h>

namespace gd::bench {

namespace {
constexpr std::size_t kBlockBytes = 4 << 20;

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
} // namespace

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

std::uint64_t writeRotatedFamily(const std::string& dir, const std::string& base,
                                 std::vector<TimedLine>& lines)
{
    sortByTime(lines);
    std::uint64_t total = 0;
    std::size_t next = 0;
    for (int day = 0; day < kDays; ++day) {
        const int age = kDays - 1 - day;
        const std::string path = dir + '/' + rotatedName(base, age);
        {
            LogFile file(path, age >= 2);
            for (; next < lines.size() && dayOf(lines[next].weekSec) == day; ++next) {
                file.write(lines[next].text);
                file.write("\n");
            }
            file.close();
            total += file.bytes();
        }
        setFileTime(path, BundlePlan::dayEndEpoch(day));
    }
    return total;
}

std::uint64_t writeSingleFile(const std::string& path, std::vector<TimedLine>& lines)
{
    sortByTime(lines);
    std::uint64_t total = 0;
    {
        LogFile file(path, false);
        for (const TimedLine& line : lines) {
            file.write(line.text);
            file.write("\n");
        }
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
