#include "import/linespancollector.h"

#include <algorithm>
#include <cstring>

namespace gd {

LineSpanCollector::LineSpanCollector(std::vector<Range> ranges, std::uint64_t startLine,
                                     std::uint64_t byteBudget)
    : line_(startLine)
    , budget_(byteBudget)
{
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.firstLine < b.firstLine; });
    for (const Range& range : ranges) {
        if (range.count == 0 || range.firstLine + range.count <= startLine)
            continue;
        Range clipped = range;
        if (clipped.firstLine < startLine) {
            clipped.count -= startLine - clipped.firstLine;
            clipped.firstLine = startLine;
        }
        if (!ranges_.empty() && clipped.firstLine <= ranges_.back().firstLine + ranges_.back().count) {
            Range& last = ranges_.back();
            last.count = std::max(last.count, clipped.firstLine + clipped.count - last.firstLine);
        } else {
            ranges_.push_back(clipped);
        }
    }
}

bool LineSpanCollector::feed(std::string_view data)
{
    while (!data.empty() && wantsMore()) {
        const Range& range = ranges_[next_];
        const auto* newline = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
        const std::size_t length = newline ? static_cast<std::size_t>(newline - data.data()) : data.size();
        if (line_ >= range.firstLine) {
            if (!newline) {
                partial_.append(data);
                if (partial_.size() >= budget_)
                    budget_ = 0; // one line bigger than everything allowed
                return wantsMore();
            }
            completeLine(data.substr(0, length));
        } else if (newline) {
            ++line_; // a line before the range: skipped without copying
        }
        data.remove_prefix(newline ? length + 1 : length);
    }
    return wantsMore();
}

void LineSpanCollector::completeLine(std::string_view tail)
{
    const Range& range = ranges_[next_];
    std::string text = std::move(partial_);
    partial_.clear();
    text.append(tail);
    if (!text.empty() && text.back() == '\r')
        text.pop_back();
    if (blocks_.empty() || blocks_.back().firstLine + blocks_.back().lines.size() != line_)
        blocks_.push_back({line_, {}, false});
    budget_ = text.size() + 1 >= budget_ ? 0 : budget_ - text.size() - 1;
    blocks_.back().lines.push_back(std::move(text));
    ++line_;
    if (line_ >= range.firstLine + range.count)
        ++next_;
}

void LineSpanCollector::finish()
{
    if (!partial_.empty() && wantsMore())
        completeLine({});
    // A block that ends where the stream ended, and was not cut by the budget, is complete.
    if (!blocks_.empty() && budget_ > 0 && blocks_.back().firstLine + blocks_.back().lines.size() == line_)
        blocks_.back().reachesEnd = next_ < ranges_.size();
}

} // namespace gd
