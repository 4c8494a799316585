#include "import/bytereader.h"

#include <QFile>
#include <cerrno>
#include <cstring>

namespace gd {

FileReader::FileReader(const QString& path)
{
    // stdio with a large buffer: portable, read-only, and fast enough to keep parsers busy.
    file_ = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (file_ == nullptr)
        error_ = QString::fromLocal8Bit(std::strerror(errno));
    else
        std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

FileReader::~FileReader()
{
    if (file_ != nullptr)
        std::fclose(file_);
}

std::ptrdiff_t FileReader::read(char* data, std::size_t size)
{
    if (file_ == nullptr)
        return -1;
    const std::size_t n = std::fread(data, 1, size, file_);
    if (n == 0 && std::ferror(file_)) {
        error_ = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    bytesRead_ += n;
    return static_cast<std::ptrdiff_t>(n);
}

std::ptrdiff_t readFully(ByteReader& reader, char* data, std::size_t size)
{
    std::size_t total = 0;
    while (total < size) {
        const std::ptrdiff_t n = reader.read(data + total, size - total);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        total += static_cast<std::size_t>(n);
    }
    return static_cast<std::ptrdiff_t>(total);
}

} // namespace gd
