#include "import/gzipreader.h"

#include <cstring>

#ifdef GD_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

namespace gd {

#ifdef GD_HAVE_ISAL

bool hasFastGzip()
{
    return true;
}

struct GzipReader::State {
    inflate_state inflate;
};

namespace {
constexpr std::size_t kInputBlock = 256 * 1024;

QString isalError(int code)
{
    switch (code) {
    case ISAL_INVALID_BLOCK:
        return QStringLiteral("invalid deflate block");
    case ISAL_INVALID_SYMBOL:
        return QStringLiteral("invalid deflate symbol");
    case ISAL_INVALID_LOOKBACK:
        return QStringLiteral("invalid back reference");
    case ISAL_INVALID_WRAPPER:
        return QStringLiteral("invalid gzip header");
    case ISAL_UNSUPPORTED_METHOD:
        return QStringLiteral("unsupported compression method");
    case ISAL_INCORRECT_CHECKSUM:
        return QStringLiteral("checksum mismatch");
    default:
        return QStringLiteral("error %1").arg(code);
    }
}
} // namespace

GzipReader::GzipReader(ByteReader& parent, std::string prefetched)
    : state_(std::make_unique<State>())
    , parent_(parent)
    , prefetched_(std::move(prefetched))
    , input_(kInputBlock)
{
    isal_inflate_init(&state_->inflate);
    state_->inflate.crc_flag = ISAL_GZIP;
    state_->inflate.avail_in = 0;
}

GzipReader::~GzipReader() = default;

bool GzipReader::refill()
{
    inflate_state& s = state_->inflate;
    if (!prefetched_.empty()) {
        input_.assign(prefetched_.begin(), prefetched_.end());
        prefetched_.clear();
        prefetched_.shrink_to_fit();
    } else {
        input_.resize(kInputBlock);
        const std::ptrdiff_t n = parent_.read(reinterpret_cast<char*>(input_.data()), input_.size());
        if (n < 0) {
            error_ = parent_.errorString();
            return false;
        }
        if (n == 0) {
            parentDone_ = true;
            return true;
        }
        input_.resize(static_cast<std::size_t>(n));
    }
    s.next_in = input_.data();
    s.avail_in = static_cast<std::uint32_t>(input_.size());
    return true;
}

std::ptrdiff_t GzipReader::read(char* data, std::size_t size)
{
    if (!error_.isEmpty())
        return -1;
    inflate_state& s = state_->inflate;
    std::size_t produced = 0;
    while (produced < size && !finished_) {
        if (s.block_state == ISAL_BLOCK_FINISH) {
            // Another gzip member may follow (logrotate and `cat a.gz b.gz` make such files).
            if (s.avail_in == 0 && !parentDone_ && !refill())
                return -1;
            if (s.avail_in >= 2 && s.next_in[0] == 0x1f && s.next_in[1] == 0x8b) {
                std::uint8_t* next = s.next_in;
                const std::uint32_t avail = s.avail_in;
                isal_inflate_reset(&s);
                s.crc_flag = ISAL_GZIP;
                s.next_in = next;
                s.avail_in = avail;
            } else {
                finished_ = true; // trailing padding or garbage is ignored, as gzip -d does
                break;
            }
        }
        if (s.avail_in == 0) {
            if (parentDone_) {
                error_ = QStringLiteral("unexpected end of gzip data (truncated file)");
                return produced > 0 ? static_cast<std::ptrdiff_t>(produced) : -1;
            }
            if (!refill())
                return -1;
            if (parentDone_)
                continue;
        }
        s.next_out = reinterpret_cast<std::uint8_t*>(data + produced);
        s.avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(size - produced, UINT32_MAX));
        const std::uint32_t before = s.avail_out;
        const int status = isal_inflate(&s);
        produced += before - s.avail_out;
        if (status < 0) {
            error_ = QStringLiteral("damaged gzip data: ") + isalError(status);
            return produced > 0 ? static_cast<std::ptrdiff_t>(produced) : -1;
        }
    }
    return static_cast<std::ptrdiff_t>(produced);
}

#else

bool hasFastGzip()
{
    return false;
}

struct GzipReader::State {};

GzipReader::GzipReader(ByteReader& parent, std::string prefetched)
    : parent_(parent)
    , prefetched_(std::move(prefetched))
{
}

GzipReader::~GzipReader() = default;

bool GzipReader::refill()
{
    return false;
}

std::ptrdiff_t GzipReader::read(char*, std::size_t)
{
    error_ = QStringLiteral("built without a fast gzip decoder");
    return -1;
}

#endif

} // namespace gd
