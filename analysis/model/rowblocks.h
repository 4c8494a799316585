#pragma once

#include "model/eventcolumns.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gd {

/// HTTP status classes of access-log requests, as bits (RowBlock::statusClasses, the events filter).
enum StatusClass : std::uint8_t {
    Status2xx = 1 << 0,
    Status3xx = 1 << 1,
    Status4xx = 1 << 2,
    Status5xx = 1 << 3,
    Status502 = 1 << 4,
    Status504 = 1 << 5,
};

/// The StatusClass bits a request with `status` belongs to (502 is both Status5xx and Status502).
std::uint8_t statusClassesOf(std::uint16_t status);

/// What one block of RowBlocks::kRows consecutive timeline rows contains. A scan for something rare (502s, a
/// message code, error lines) skips every block that cannot hold it: on a month of access logs that is most
/// of them, for a few bytes per block.
struct RowBlock {
    static_assert(kMessageCodeCount <= 128, "codes must fit the two words of RowBlock::codes");
    std::array<std::uint64_t, 2> codes{}; ///< bit per MessageCode present
    std::uint64_t sources = 0;      ///< bit (source % 64) per source present: may say yes wrongly, never no
    std::uint8_t statusClasses = 0; ///< StatusClass bits of the requests present
    std::uint8_t maxLevel = 0;      ///< highest Level present

    static std::uint64_t sourceBit(std::uint16_t source) { return std::uint64_t{1} << (source % 64); }
};

/// Block summaries of a timeline's rows, made once when it is built.
class RowBlocks {
public:
    static constexpr std::size_t kRows = 4096;

    RowBlocks() = default;
    explicit RowBlocks(const EventColumns& events);

    const RowBlock& block(std::size_t index) const { return blocks_[index]; }
    std::size_t size() const { return blocks_.size(); }
    std::size_t memoryBytes() const { return blocks_.capacity() * sizeof(RowBlock); }

private:
    std::vector<RowBlock> blocks_;
};

} // namespace gd
