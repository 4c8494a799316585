#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gd::bench {

/// Appends log text without iostreams or printf: the generator writes a gigabyte, so formatting
/// numbers by hand keeps it I/O-bound.
class TextBuffer {
public:
    /// Room for a line or a slowlog record: buffers are made per line, a bigger reserve would be wasted.
    static constexpr std::size_t kLineBytes = 1024;

    TextBuffer() { text_.reserve(kLineBytes); }

    void add(std::string_view text) { text_.append(text); }
    void add(char c) { text_.push_back(c); }
    void addUint(std::uint64_t value)
    {
        char digits[20];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0)
            text_.push_back(digits[--n]);
    }
    /// Zero-padded to `width` digits.
    void addPadded(std::uint64_t value, int width)
    {
        char digits[20];
        for (int i = width - 1; i >= 0; --i) {
            digits[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        text_.append(digits, static_cast<std::size_t>(width));
    }
    /// Seconds with three decimals, as nginx prints $request_time.
    void addMillis(std::uint64_t ms)
    {
        addUint(ms / 1000);
        add('.');
        addPadded(ms % 1000, 3);
    }
    void addHex(std::uint64_t value, int width)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        char digits[16];
        for (int i = width - 1; i >= 0; --i) {
            digits[i] = kHex[value & 0xF];
            value >>= 4;
        }
        text_.append(digits, static_cast<std::size_t>(width));
    }
    /// Hex without leading zeros.
    void addHexCompact(std::uint64_t value)
    {
        int width = 1;
        while (width < 16 && (value >> (4 * width)) != 0)
            ++width;
        addHex(value, width);
    }

    std::string_view view() const { return text_; }
    std::size_t size() const { return text_.size(); }
    void clear() { text_.clear(); }
    /// A right-sized copy, and the buffer is cleared for reuse: moving the string out would hand its
    /// whole reserve to a string that may be kept.
    std::string take()
    {
        std::string out(text_);
        text_.clear();
        return out;
    }

private:
    std::string text_;
};

} // namespace gd::bench
