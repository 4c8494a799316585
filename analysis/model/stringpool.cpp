#include "model/stringpool.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>

namespace gd {

namespace {
constexpr std::size_t kBlockBytes = 256 * 1024;
// A pool's first block is small and each next one twice as big up to kBlockBytes: a bundle of 100 000 tiny
// files has 100 000 sources with five pools each, and a 256 KiB first block apiece took gigabytes.
constexpr std::size_t kFirstBlockBytes = 1024;
constexpr std::size_t kInitialSlots = 64;
} // namespace

StringPool::StringPool()
    : strings_{std::string_view()}
    , slots_(kInitialSlots)
{
}

std::uint64_t StringPool::hash(std::string_view text)
{
    // 8 bytes per step multiply-xorshift; good enough spread for interning and far faster than FNV.
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (text.size() * 0xC2B2AE3D27D4EB4FULL);
    const char* p = text.data();
    std::size_t n = text.size();
    while (n >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        h = (h ^ (word * 0x87C37B91114253D5ULL)) * 0x4CF5AD432745937FULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    h = (h ^ (tail * 0x87C37B91114253D5ULL)) * 0x4CF5AD432745937FULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

std::string_view StringPool::store(std::string_view text)
{
    if (text.size() > kBlockBytes / 4) {
        // Large strings get their own block so they do not waste the shared one.
        auto block = std::make_unique<char[]>(text.size());
        std::memcpy(block.get(), text.data(), text.size());
        blocks_.insert(blocks_.begin(), std::move(block)); // keep the current block last
        textBytes_ += text.size();
        return {blocks_.front().get(), text.size()};
    }
    if (blocks_.empty() || blockUsed_ + text.size() > blockSize_) {
        // blockSize_ is that of the shared block; a large string's own block does not count.
        std::size_t size = std::clamp(blockSize_ * 2, kFirstBlockBytes, kBlockBytes);
        while (size < text.size())
            size *= 2;
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(size)); // written before it is read
        blockUsed_ = 0;
        blockSize_ = size;
        textBytes_ += size;
    }
    char* dest = blocks_.back().get() + blockUsed_;
    std::memcpy(dest, text.data(), text.size());
    blockUsed_ += text.size();
    return {dest, text.size()};
}

void StringPool::grow()
{
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id == 0)
            continue;
        std::size_t i = slot.hash & mask;
        while (slots_[i].id != 0)
            i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

void StringPool::dropIndex()
{
    std::vector<Slot>().swap(slots_);
}

void StringPool::rebuildIndex()
{
    std::size_t size = kInitialSlots;
    while (strings_.size() * 4 > size * 3)
        size *= 2;
    slots_.assign(size, Slot());
    const std::size_t mask = size - 1;
    for (std::uint32_t id = 1; id < strings_.size(); ++id) {
        std::size_t i = hash(strings_[id]) & mask;
        while (slots_[i].id != 0)
            i = (i + 1) & mask;
        slots_[i] = {static_cast<std::uint32_t>(hash(strings_[id])), id};
    }
}

std::uint32_t StringPool::intern(std::string_view text)
{
    if (text.empty())
        return 0;
    if (slots_.empty())
        rebuildIndex();
    return internHashed(text, static_cast<std::uint32_t>(hash(text)));
}

std::vector<std::uint32_t> StringPool::internAll(const StringPool& other)
{
    std::vector<std::uint32_t> map(other.strings_.size(), 0);
    if (other.slots_.empty()) { // its hashes are gone: intern one by one
        for (std::uint32_t id = 1; id < other.strings_.size(); ++id)
            map[id] = intern(other.strings_[id]);
        return map;
    }
    if (slots_.empty())
        rebuildIndex();
    for (const Slot& slot : other.slots_) {
        if (slot.id != 0)
            map[slot.id] = internHashed(other.strings_[slot.id], slot.hash);
    }
    return map;
}

StringPool StringPool::copyOf(const StringPool& other)
{
    StringPool copy;
    for (std::uint32_t id = 1; id < other.size(); ++id)
        copy.intern(other.view(id));
    return copy;
}

std::uint32_t StringPool::internHashed(std::string_view text, std::uint32_t h)
{
    std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].id != 0) {
        if (slots_[i].hash == h && strings_[slots_[i].id] == text)
            return slots_[i].id;
        i = (i + 1) & mask;
    }
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.push_back(store(text));
    slots_[i] = {h, id};
    if (strings_.size() * 4 > slots_.size() * 3) // keep the load factor under 3/4
        grow();
    return id;
}

std::vector<std::uint32_t> StringPool::sortByText()
{
    std::vector<std::uint32_t> byText(strings_.size());
    std::iota(byText.begin(), byText.end(), 0U);
    std::sort(byText.begin() + 1, byText.end(),
              [this](std::uint32_t a, std::uint32_t b) { return strings_[a] < strings_[b]; });
    std::vector<std::uint32_t> map(strings_.size());
    std::vector<std::string_view> sorted(strings_.size()); // exact size: no spare capacity kept
    for (std::uint32_t id = 0; id < byText.size(); ++id) {
        map[byText[id]] = id;
        sorted[id] = strings_[byText[id]];
    }
    strings_.swap(sorted);
    for (Slot& slot : slots_) {
        if (slot.id != 0)
            slot.id = map[slot.id];
    }
    return map;
}

void StringPool::storeInIdOrder()
{
    std::vector<std::unique_ptr<char[]>> old;
    old.swap(blocks_);
    blockUsed_ = 0;
    blockSize_ = 0;
    textBytes_ = 0;
    for (std::uint32_t id = 1; id < strings_.size(); ++id)
        strings_[id] = store(strings_[id]); // reads the old blocks, which stay alive until the end
}

std::uint32_t StringPool::find(std::string_view text) const
{
    if (text.empty())
        return 0;
    if (slots_.empty()) {
        const auto found = std::find(strings_.begin() + 1, strings_.end(), text);
        return found == strings_.end() ? UINT32_MAX : static_cast<std::uint32_t>(found - strings_.begin());
    }
    const auto h = static_cast<std::uint32_t>(hash(text));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask; slots_[i].id != 0; i = (i + 1) & mask) {
        if (slots_[i].hash == h && strings_[slots_[i].id] == text)
            return slots_[i].id;
    }
    return UINT32_MAX;
}

std::size_t StringPool::memoryBytes() const
{
    return textBytes_ + strings_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot);
}

} // namespace gd
