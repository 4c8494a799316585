#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gd {

/// Cuts a byte stream delivered in arbitrary chunks into lines without copying complete lines.
/// Only a line that straddles two chunks is copied (into a carry buffer bounded by maxLineBytes):
/// a 1 GB line without newline costs maxLineBytes of memory, not 1 GB.
class LineSplitter {
public:
    struct Line {
        std::string_view text;    ///< without '\n' and a trailing '\r'
        std::uint64_t offset = 0; ///< byte offset of the line start in the stream
        bool overlong = false;    ///< text was cut at maxLineBytes
    };

    explicit LineSplitter(std::uint32_t maxLineBytes)
        : maxLineBytes_(maxLineBytes)
    {
    }

    template <typename OnLine> void feed(std::string_view chunk, OnLine&& onLine);
    /// Flushes a last line that had no trailing newline.
    template <typename OnLine> void finish(OnLine&& onLine);

    std::uint64_t bytesSeen() const { return streamOffset_; }

private:
    static std::string_view trimCr(std::string_view text)
    {
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        return text;
    }
    void appendCarry(std::string_view part)
    {
        const std::size_t room = maxLineBytes_ > carry_.size() ? maxLineBytes_ - carry_.size() : 0;
        if (part.size() > room)
            carryOverlong_ = true;
        carry_.append(part.substr(0, room));
    }

    std::uint32_t maxLineBytes_;
    std::string carry_;
    bool carrying_ = false;
    bool carryOverlong_ = false;
    std::uint64_t carryOffset_ = 0;
    std::uint64_t streamOffset_ = 0;
};

template <typename OnLine> void LineSplitter::feed(std::string_view chunk, OnLine&& onLine)
{
    const std::uint64_t chunkOffset = streamOffset_;
    streamOffset_ += chunk.size();
    std::size_t pos = 0;
    while (pos < chunk.size()) {
        const void* hit = std::memchr(chunk.data() + pos, '\n', chunk.size() - pos);
        if (hit == nullptr) {
            if (!carrying_) {
                carrying_ = true;
                carryOverlong_ = false;
                carryOffset_ = chunkOffset + pos;
                carry_.clear();
            }
            appendCarry(chunk.substr(pos));
            return;
        }
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(hit) - chunk.data());
        if (carrying_) {
            appendCarry(chunk.substr(pos, end - pos));
            onLine(Line{trimCr(carry_), carryOffset_, carryOverlong_});
            carrying_ = false;
        } else {
            std::string_view text = chunk.substr(pos, end - pos);
            const bool overlong = text.size() > maxLineBytes_;
            if (overlong)
                text = text.substr(0, maxLineBytes_);
            onLine(Line{trimCr(text), chunkOffset + pos, overlong});
        }
        pos = end + 1;
    }
}

template <typename OnLine> void LineSplitter::finish(OnLine&& onLine)
{
    if (carrying_) {
        onLine(Line{trimCr(carry_), carryOffset_, carryOverlong_});
        carrying_ = false;
    }
}

} // namespace gd
