#pragma once

#include "model/event.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace gd {

class Timeline;

/// How a request's HTTP status is counted on the timeline chart: 502 and 504 apart from other 5xx.
enum class RequestClass : std::uint8_t { Success, ClientError, OtherServerError, BadGateway, GatewayTimeout };
inline constexpr int kRequestClassCount = 5;
RequestClass requestClassOf(std::uint16_t status);

/// PHP-FPM (and kernel/BOA) events drawn as markers next to the requests.
enum class MarkerKind : std::uint8_t { Restart, Crash, MaxChildren, Timeout };
inline constexpr int kMarkerKindCount = 4;
/// `value` is the event's value column (the signal of a child that exited on a signal).
std::optional<MarkerKind> markerKindOf(MessageCode code, std::uint16_t value);

/// Counts per bin of [startMs + i * binMs, startMs + (i + 1) * binMs).
struct HistogramBins {
    std::int64_t startMs = 0;
    std::int64_t binMs = 1;
    std::vector<std::array<std::uint32_t, kRequestClassCount>> requests;
    std::vector<std::array<std::uint32_t, kMarkerKindCount>> markers;

    std::size_t size() const { return requests.size(); }
    std::int64_t binStart(std::size_t bin) const { return startMs + static_cast<std::int64_t>(bin) * binMs; }
    std::uint32_t requestTotal(std::size_t bin) const;
    std::uint32_t maxRequestTotal() const;
};

/// Request and marker counts of a timeline over any time range and bin size, fast enough to re-bin on
/// every zoom: counts are precomputed once per base bucket (the finest "nice" step that keeps the number
/// of buckets bounded), bins that are multiples of it are sums of buckets, and finer bins (deep zoom,
/// few events) are counted from the timeline's columns directly. Immutable; safe to share across threads.
class TimelineHistogram {
public:
    /// Keeps a reference to `timeline`, which must outlive this object (hold both in one shared owner).
    explicit TimelineHistogram(const Timeline& timeline, std::size_t maxBaseBuckets = 1u << 18);

    bool isEmpty() const { return lastMs_ < firstMs_; }
    std::int64_t firstMs() const { return firstMs_; } ///< first event
    std::int64_t lastMs() const { return lastMs_; }   ///< last event
    std::int64_t baseBucketMs() const { return baseMs_; }

    /// Counts for bins of `binMs` aligned to multiples of `binMs` (since the epoch), covering [fromMs, toMs).
    HistogramBins bins(std::int64_t fromMs, std::int64_t toMs, std::int64_t binMs) const;

    /// The smallest "nice" bin size (1 s, 2 s, 5 s, ... 1 min, ... 1 h, ... 1 day, ...) giving at most
    /// `maxBins` bins over `spanMs`, and a multiple of the base bucket when at least as large.
    std::int64_t binSizeFor(std::int64_t spanMs, int maxBins) const;

    /// The ascending list of nice steps the bin sizes are chosen from.
    static const std::vector<std::int64_t>& niceStepsMs();

private:
    void countDirect(HistogramBins& out, std::int64_t fromMs, std::int64_t toMs) const;
    void sumBuckets(HistogramBins& out, std::int64_t fromMs, std::int64_t toMs) const;

    const Timeline& timeline_;
    std::int64_t firstMs_ = 0;
    std::int64_t lastMs_ = -1;
    std::int64_t baseMs_ = 1000;
    std::int64_t baseStartMs_ = 0; ///< start of bucket 0, a multiple of baseMs_
    std::vector<std::array<std::uint32_t, kRequestClassCount>> baseRequests_;
    std::vector<std::array<std::uint32_t, kMarkerKindCount>> baseMarkers_;
};

} // namespace gd
