#include "model/rowblocks.h"

#include <algorithm>

namespace gd {

std::uint8_t statusClassesOf(std::uint16_t status)
{
    std::uint8_t classes = 0;
    const unsigned hundreds = status / 100U;
    if (hundreds >= 2 && hundreds <= 5)
        classes |= static_cast<std::uint8_t>(1U << (hundreds - 2));
    if (status == 502)
        classes |= Status502;
    if (status == 504)
        classes |= Status504;
    return classes;
}

RowBlocks::RowBlocks(const EventColumns& events)
{
    const std::size_t rows = events.size();
    blocks_.resize((rows + kRows - 1) / kRows);
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        RowBlock& block = blocks_[b];
        const std::size_t end = std::min(rows, (b + 1) * kRows);
        for (std::size_t row = b * kRows; row < end; ++row) {
            const auto code = static_cast<unsigned>(events.code[row]);
            block.codes[code / 64] |= std::uint64_t{1} << (code % 64);
            block.sources |= RowBlock::sourceBit(events.source[row]);
            block.maxLevel = std::max<std::uint8_t>(block.maxLevel, events.levelMethod[row] & 0x0FU);
            if (events.code[row] == MessageCode::Request)
                block.statusClasses |= statusClassesOf(events.value[row]);
        }
    }
}

} // namespace gd
