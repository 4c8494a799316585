#pragma once

#include "import/bytereader.h"

#include <memory>
#include <string>
#include <vector>

namespace gd {

/// True when this build decodes gzip with a faster inflater than libarchive's zlib path.
bool hasFastGzip();

/// Streams the decompressed bytes of a gzip stream (all members of a multi-member file) read from
/// `parent`. ISA-L inflates about three times faster than zlib, which is what bounds reading a
/// tar.gz bundle; builds without ISA-L leave gzip to libarchive (zlib) instead.
class GzipReader final : public ByteReader {
public:
    /// `prefetched` are bytes already taken from `parent` (the sniffed head), served first.
    GzipReader(ByteReader& parent, std::string prefetched);
    ~GzipReader() override;
    GzipReader(const GzipReader&) = delete;
    GzipReader& operator=(const GzipReader&) = delete;

    std::ptrdiff_t read(char* data, std::size_t size) override;
    QString errorString() const override { return error_; }

private:
    bool refill();

    struct State;
    std::unique_ptr<State> state_;
    ByteReader& parent_;
    std::string prefetched_;
    std::vector<unsigned char> input_;
    bool parentDone_ = false;
    bool finished_ = false;
    QString error_;
};

} // namespace gd
