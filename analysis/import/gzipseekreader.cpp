#include "import/gzipseekreader.h"

#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace gd {

namespace {
constexpr std::size_t kInputBlock = 128 * 1024;
constexpr std::size_t kOutputBlock = 256 * 1024;
constexpr int kGzipWindowBits = 15 + 16;     // zlib: deflate data inside a gzip header and trailer
constexpr int kRawWindowBits = -15;          // zlib: bare deflate data, as found after an access point
constexpr std::size_t kGzipTrailerBytes = 8; // CRC-32 and size after a member's deflate data

QString truncatedMessage()
{
    return QStringLiteral("unexpected end of gzip data (truncated file)");
}
} // namespace

struct GzipSeekReader::Inflater {
    z_stream stream{};
    bool initialised = false;
    Inflater() = default;
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    ~Inflater()
    {
        if (initialised)
            inflateEnd(&stream);
    }
};

GzipSeekReader::GzipSeekReader(const QString& path, const GzipAccessPoint& start, std::string_view history,
                               BoundaryHandler onBoundary)
    : inflater_(std::make_unique<Inflater>())
    , file_(path)
    , onBoundary_(std::move(onBoundary))
    , input_(kInputBlock)
    , outputBuffer_(kWindowBytes + kOutputBlock)
    , output_(start.output)
{
    if (!restartAt(start, history) && error_.isEmpty())
        error_ = QStringLiteral("cannot start inflating at byte %1").arg(start.input);
}

GzipSeekReader::~GzipSeekReader() = default;

bool GzipSeekReader::restartAt(const GzipAccessPoint& point, std::string_view history)
{
    if (point.bits > 7 || (point.bits > 0 && (point.memberHeader || point.input == 0)))
        return false;
    if (!file_.open(QIODevice::ReadOnly)) {
        error_ = file_.errorString();
        return false;
    }
    z_stream& z = inflater_->stream;
    raw_ = !point.memberHeader;
    if (inflateInit2(&z, raw_ ? kRawWindowBits : kGzipWindowBits) != Z_OK)
        return false;
    inflater_->initialised = true;
    // A block may start inside a byte: read that byte and hand inflate the bits of it the block owns.
    const std::uint64_t first = point.input - (point.bits > 0 ? 1 : 0);
    if (!file_.seek(static_cast<qint64>(first)))
        return false;
    inputRead_ = first;
    if (point.bits > 0) {
        if (!ensureInput(1))
            return false;
        const int partial = *z.next_in >> (8 - point.bits);
        ++z.next_in;
        --z.avail_in;
        if (inflatePrime(&z, point.bits, partial) != Z_OK)
            return false;
    }
    history = history.substr(history.size() - std::min(history.size(), kWindowBytes));
    if (raw_ && !history.empty() &&
        inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(history.data()),
                             static_cast<uInt>(history.size())) != Z_OK)
        return false;
    if (!history.empty())
        std::memcpy(outputBuffer_.data(), history.data(), history.size());
    held_ = served_ = history.size();
    return true;
}

std::ptrdiff_t GzipSeekReader::read(char* data, std::size_t size)
{
    if (!error_.isEmpty())
        return -1;
    std::size_t copied = 0;
    while (copied < size) {
        if (served_ == held_) {
            if (finished_)
                break;
            if (!decodeMore())
                return copied > 0 ? static_cast<std::ptrdiff_t>(copied) : -1;
            continue;
        }
        const std::size_t n = std::min(size - copied, held_ - served_);
        std::memcpy(data + copied, outputBuffer_.data() + served_, n);
        served_ += n;
        copied += n;
    }
    return static_cast<std::ptrdiff_t>(copied);
}

bool GzipSeekReader::decodeMore()
{
    z_stream& z = inflater_->stream;
    if (held_ == outputBuffer_.size()) {
        // Everything was served: keep the last 32 KiB as the history of the boundaries ahead.
        std::memmove(outputBuffer_.data(), outputBuffer_.data() + held_ - kWindowBytes, kWindowBytes);
        held_ = served_ = kWindowBytes;
    }
    while (!finished_) {
        if (z.avail_in == 0 && !ensureInput(1)) {
            if (error_.isEmpty())
                error_ = truncatedMessage();
            return false;
        }
        z.next_out = outputBuffer_.data() + held_;
        z.avail_out = static_cast<uInt>(outputBuffer_.size() - held_);
        // Z_BLOCK: return at every block boundary, where an access point can be taken.
        const int status = inflate(&z, Z_BLOCK);
        const std::size_t produced = outputBuffer_.size() - held_ - z.avail_out;
        held_ += produced;
        output_ += produced;
        if (status == Z_STREAM_END) {
            if (!nextMember())
                return false;
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            error_ = QStringLiteral("damaged gzip data: %1")
                         .arg(QString::fromLatin1(z.msg != nullptr ? z.msg : "zlib error"));
            return false;
        } else if ((z.data_type & 128) != 0 && (z.data_type & 64) == 0) {
            // After the end of a block that is not the member's last (the trailer follows that one).
            reportBoundary(false, z.data_type & 7);
        }
        if (produced > 0)
            return true;
    }
    return true;
}

bool GzipSeekReader::ensureInput(std::size_t bytes)
{
    z_stream& z = inflater_->stream;
    if (z.avail_in >= bytes)
        return true;
    std::size_t held = z.avail_in;
    if (held > 0)
        std::memmove(input_.data(), z.next_in, held);
    while (held < bytes && !inputEnded_) {
        const qint64 n = file_.read(reinterpret_cast<char*>(input_.data() + held),
                                    static_cast<qint64>(input_.size() - held));
        if (n < 0) {
            error_ = file_.errorString();
            break;
        }
        inputEnded_ = n == 0;
        held += static_cast<std::size_t>(n);
        inputRead_ += static_cast<std::uint64_t>(n);
    }
    z.next_in = input_.data();
    z.avail_in = static_cast<uInt>(held);
    return held >= bytes;
}

bool GzipSeekReader::nextMember()
{
    z_stream& z = inflater_->stream;
    if (raw_) {
        // Raw inflate stops at the end of the deflate data; gzip inflate has read the trailer itself.
        if (!ensureInput(kGzipTrailerBytes)) {
            if (error_.isEmpty())
                error_ = truncatedMessage();
            return false;
        }
        z.next_in += kGzipTrailerBytes;
        z.avail_in -= static_cast<uInt>(kGzipTrailerBytes);
    }
    // Another member may follow; anything else after the last one is ignored, as gzip -d does.
    if (!ensureInput(2) || z.next_in[0] != 0x1f || z.next_in[1] != 0x8b) {
        finished_ = error_.isEmpty();
        return finished_;
    }
    if (inflateReset2(&z, kGzipWindowBits) != Z_OK) {
        error_ = QStringLiteral("cannot inflate the next gzip member");
        return false;
    }
    raw_ = false;
    reportBoundary(true, 0);
    return true;
}

void GzipSeekReader::reportBoundary(bool memberHeader, int bits)
{
    if (!onBoundary_)
        return;
    GzipAccessPoint point;
    point.output = output_;
    point.input = inputPosition();
    point.bits = static_cast<std::uint8_t>(bits);
    point.memberHeader = memberHeader;
    const std::size_t historyBytes = memberHeader ? 0 : std::min(held_, kWindowBytes);
    onBoundary_(point,
                std::string_view(reinterpret_cast<const char*>(outputBuffer_.data() + held_ - historyBytes),
                                 historyBytes));
}

std::uint64_t GzipSeekReader::inputPosition() const
{
    return inputRead_ - inflater_->stream.avail_in;
}

} // namespace gd
