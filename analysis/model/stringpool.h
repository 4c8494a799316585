#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace gd {

/// Interns byte strings to dense 32-bit ids. Id 0 is always the empty string.
/// Open addressing with stored hashes: interning runs once per field of every log line, so it
/// must be far cheaper than std::unordered_map with std::string keys.
class StringPool {
public:
    StringPool();
    StringPool(StringPool&&) noexcept = default;
    StringPool& operator=(StringPool&&) noexcept = default;
    StringPool(const StringPool&) = delete;
    StringPool& operator=(const StringPool&) = delete;

    std::uint32_t intern(std::string_view text);
    /// Interns every string of `other` and returns the id map (other's id → this pool's id). Reuses
    /// the stored hashes, so merging pools costs no rehashing.
    std::vector<std::uint32_t> internAll(const StringPool& other);
    /// A copy in which every string keeps its id (a fresh pool interning `other` in id order).
    static StringPool copyOf(const StringPool& other);
    /// Renumbers the strings in byte order of their text (id 0 stays the empty string) and returns the map
    /// old id → new id. Ids then no longer depend on the order strings were interned in.
    std::vector<std::uint32_t> sortByText();
    /// Stores the texts again, one after another in id order (after sortByText(), text order). A scan of
    /// every string, as the events table's text filter does, then reads memory in order instead of jumping
    /// to wherever each string was first interned: several times faster on a pool of millions of URLs.
    void storeInIdOrder();
    /// Frees the hash table of a pool that is done interning (a finished timeline's URLs and clients): a
    /// sixth of the pool's memory. find() then scans, and intern() builds the table again.
    void dropIndex();
    /// Id of `text` if interned, else UINT32_MAX.
    std::uint32_t find(std::string_view text) const;
    std::string_view view(std::uint32_t id) const { return strings_[id]; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(strings_.size()); }
    /// Bytes held: text blocks, views and the hash table.
    std::size_t memoryBytes() const;

    static std::uint64_t hash(std::string_view text);

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = 0; ///< 0 marks an empty slot (the empty string is never stored in the table)
    };
    std::string_view store(std::string_view text);
    std::uint32_t internHashed(std::string_view text, std::uint32_t hash);
    void grow();
    void rebuildIndex();

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t blockUsed_ = 0;
    std::size_t blockSize_ = 0;
    std::size_t textBytes_ = 0;
    std::vector<std::string_view> strings_;
    std::vector<Slot> slots_;
};

} // namespace gd
