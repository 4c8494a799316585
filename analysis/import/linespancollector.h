#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gd {

/// Consecutive lines of one file, as read: lines[0] is line `firstLine` (1-based).
struct LineBlock {
    std::uint64_t firstLine = 1;
    std::vector<std::string> lines;
    bool reachesEnd = false; ///< the file ends after the last line: nothing is missing after it
};

/// Picks the lines of some line ranges out of a stream of text fed in arbitrary pieces, so one
/// pass over a compressed member serves many requests. Ranges may overlap and come in any order;
/// they are merged. Stops keeping text once `byteBudget` is spent (the blocks then end early).
class LineSpanCollector {
public:
    struct Range {
        std::uint64_t firstLine = 1;
        std::uint64_t count = 1;
    };
    /// `startLine` is the number of the first line the stream starts with.
    LineSpanCollector(std::vector<Range> ranges, std::uint64_t startLine,
                      std::uint64_t byteBudget = UINT64_MAX);

    /// Feeds the next piece of the stream. Returns false once nothing more is wanted.
    bool feed(std::string_view data);
    /// The stream ended: a last line without a newline counts, and blocks touching the end say so.
    void finish();
    bool wantsMore() const { return next_ < ranges_.size() && budget_ > 0; }
    std::vector<LineBlock> takeBlocks() { return std::move(blocks_); }

private:
    void completeLine(std::string_view tail);

    std::vector<Range> ranges_; ///< sorted, merged
    std::size_t next_ = 0;      ///< the range that holds or follows `line_`
    std::uint64_t line_;        ///< number of the line being read
    std::uint64_t budget_;
    std::string partial_; ///< start of the current line when it is wanted
    std::vector<LineBlock> blocks_;
};

} // namespace gd
