#pragma once

#include "model/histogram.h"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace gd {

/// Requests of one UTC minute by status class (indexed by RequestClass).
struct LiveMinute {
    std::int64_t minute = 0; ///< UTC milliseconds / 60000, rounded down
    std::array<std::uint32_t, kRequestClassCount> counts{};

    std::int64_t startMs() const { return minute * 60'000; }
    friend bool operator==(const LiveMinute&, const LiveMinute&) = default;
};

/// Per-minute request counts of an import that is still running, so a chart can show up before the
/// timeline exists. Only requests whose line carried its UTC offset count: their time is final the
/// moment they are parsed. Parsers count into a Batch of their own and merge it a few times per
/// megabyte, so the lock is never taken per line. Thread-safe.
class LiveRequestCounts {
public:
    /// One parser's counts since its last merge.
    class Batch {
    public:
        void add(std::int64_t utcMs, std::uint16_t status);
        bool isEmpty() const { return minutes_.empty(); }

    private:
        friend class LiveRequestCounts;
        std::map<std::int64_t, std::array<std::uint32_t, kRequestClassCount>> minutes_;
        // Lines mostly come in time order: the minute being counted skips the map lookup.
        std::int64_t currentMinute_ = 0;
        std::array<std::uint32_t, kRequestClassCount>* current_ = nullptr;
    };

    /// Adds `batch` and empties it.
    void merge(Batch& batch);
    void clear();
    /// Sorted by minute.
    std::vector<LiveMinute> snapshot() const;

private:
    mutable std::mutex mutex_;
    std::map<std::int64_t, std::array<std::uint32_t, kRequestClassCount>> minutes_;
};

} // namespace gd
