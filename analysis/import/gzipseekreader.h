#pragma once

#include "import/bytereader.h"

#include <QFile>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace gd {

/// Where inflating a gzip file may start: the header of
/// a member, or a deflate block boundary inside one, which also needs the output before it as history.
struct GzipAccessPoint {
    std::uint64_t output = 0; ///< offset in the decompressed text of all members
    std::uint64_t input = 0;  ///< offset in the file of the first byte inflate has not started on
    std::uint8_t bits = 0;    ///< bits at the top of the byte before `input` that belong to the block (0-7)
    bool memberHeader = true; ///< `input` is a gzip header: nothing before it is needed
};

/// The decompressed text of a gzip file on disk from an access point on, through every member that
/// follows (logrotate and `cat a.gz b.gz` make multi-member files). At each block boundary and member
/// header it passes, `onBoundary` gets the access point there with up to 32 KiB of output before it.
/// Errors (damaged or truncated data, an unreadable file) make read() return -1 with errorString().
class GzipSeekReader final : public ByteReader {
public:
    using BoundaryHandler = std::function<void(const GzipAccessPoint&, std::string_view history)>;
    /// The deflate window: how far back a block may refer, so the history a restart needs.
    static constexpr std::size_t kWindowBytes = 32 * 1024;

    /// `history` is the output before `start` (empty at a member header, at most kWindowBytes used).
    GzipSeekReader(const QString& path, const GzipAccessPoint& start, std::string_view history,
                   BoundaryHandler onBoundary = {});
    ~GzipSeekReader() override;
    GzipSeekReader(const GzipSeekReader&) = delete;
    GzipSeekReader& operator=(const GzipSeekReader&) = delete;

    std::ptrdiff_t read(char* data, std::size_t size) override;
    QString errorString() const override { return error_; }
    /// Offset in the decompressed text of the next byte read() returns.
    std::uint64_t offset() const { return output_ - (held_ - served_); }

private:
    bool restartAt(const GzipAccessPoint& point, std::string_view history);
    bool decodeMore();
    bool ensureInput(std::size_t bytes);
    bool nextMember();
    void reportBoundary(bool memberHeader, int bits);
    std::uint64_t inputPosition() const;

    struct Inflater;
    std::unique_ptr<Inflater> inflater_;
    QFile file_;
    BoundaryHandler onBoundary_;
    std::vector<unsigned char> input_;
    std::uint64_t inputRead_ = 0; ///< file offset just past the bytes read into input_
    bool inputEnded_ = false;
    /// Output, after kWindowBytes of history: inflate writes here, read() serves from it, and the last
    /// 32 KiB stay when it is full, so a boundary always has its history at hand.
    std::vector<unsigned char> outputBuffer_;
    std::size_t held_ = 0;     ///< bytes of outputBuffer_ in use
    std::size_t served_ = 0;   ///< of those, bytes read() has returned (or history)
    std::uint64_t output_ = 0; ///< offset in the decompressed text of outputBuffer_[held_]
    bool raw_ = false;         ///< inflating bare deflate data (after a restart at a block boundary)
    bool finished_ = false;
    QString error_;
};

} // namespace gd
