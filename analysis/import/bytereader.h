#pragma once

#include <QString>
#include <cstddef>
#include <cstdio>
#include <memory>

namespace gd {

/// A forward-only byte stream: a file, an archive member, a decompressed stream.
class ByteReader {
public:
    virtual ~ByteReader() = default;
    /// Reads up to `size` bytes. Returns the count, 0 at the end, -1 on error (see errorString()).
    virtual std::ptrdiff_t read(char* data, std::size_t size) = 0;
    virtual QString errorString() const = 0;
};

/// Reads a file on disk without ever opening it for writing.
class FileReader final : public ByteReader {
public:
    explicit FileReader(const QString& path);
    ~FileReader() override;
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;

    bool isOpen() const { return file_ != nullptr; }
    std::ptrdiff_t read(char* data, std::size_t size) override;
    QString errorString() const override { return error_; }
    std::uint64_t bytesRead() const { return bytesRead_; }

private:
    std::FILE* file_ = nullptr;
    QString error_;
    std::uint64_t bytesRead_ = 0;
};

/// Reads until `size` bytes are in `data` or the stream ends; -1 on error.
std::ptrdiff_t readFully(ByteReader& reader, char* data, std::size_t size);

} // namespace gd
