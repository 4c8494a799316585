#include "model/histogram.h"

#include "model/timeline.h"

#include <algorithm>

namespace gd {

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
/// No caller needs more bins than a screen has pixels; this only guards against absurd requests.
constexpr std::int64_t kMaxBins = 1 << 20;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

RequestClass requestClassOf(std::uint16_t status)
{
    if (status == 502)
        return RequestClass::BadGateway;
    if (status == 504)
        return RequestClass::GatewayTimeout;
    if (status >= 500)
        return RequestClass::OtherServerError;
    if (status >= 400)
        return RequestClass::ClientError;
    return RequestClass::Success;
}

std::optional<MarkerKind> markerKindOf(MessageCode code, std::uint16_t value)
{
    if (isFpmLifecycle(code))
        return MarkerKind::Restart;
    switch (code) {
    case MessageCode::FpmChildExitedSignal:
        if (isCrashSignal(value))
            return MarkerKind::Crash;
        return std::nullopt;
    case MessageCode::KernSegfault:
    case MessageCode::KernTrap:
    case MessageCode::BoaSegfaultAlert:
        return MarkerKind::Crash;
    case MessageCode::FpmMaxChildren:
    case MessageCode::FpmSeemsBusy:
    case MessageCode::FpmMaxProcesses:
        return MarkerKind::MaxChildren;
    case MessageCode::FpmExecutionTimedOut:
    case MessageCode::PhpMaxExecutionTime:
        return MarkerKind::Timeout;
    default:
        return std::nullopt;
    }
}

std::uint32_t HistogramBins::requestTotal(std::size_t bin) const
{
    std::uint32_t total = 0;
    for (const std::uint32_t count : requests[bin])
        total += count;
    return total;
}

std::uint32_t HistogramBins::maxRequestTotal() const
{
    std::uint32_t most = 0;
    for (std::size_t bin = 0; bin < size(); ++bin)
        most = std::max(most, requestTotal(bin));
    return most;
}

const std::vector<std::int64_t>& TimelineHistogram::niceStepsMs()
{
    static const std::vector<std::int64_t> steps = [] {
        std::vector<std::int64_t> list{
            kSecond,     2 * kSecond,  5 * kSecond,  10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
            2 * kMinute, 5 * kMinute,  10 * kMinute, 15 * kMinute, 30 * kMinute, kHour,        2 * kHour,
            3 * kHour,   6 * kHour,    12 * kHour,   kDay,         2 * kDay,     7 * kDay,     14 * kDay,
            30 * kDay,   60 * kDay,    90 * kDay,    180 * kDay,   360 * kDay,   720 * kDay,   1800 * kDay,
            3600 * kDay, 18000 * kDay, 36000 * kDay, 180000 * kDay};
        return list;
    }();
    return steps;
}

TimelineHistogram::TimelineHistogram(const Timeline& timeline, std::size_t maxBaseBuckets)
    : timeline_(timeline)
{
    const EventColumns& events = timeline.events();
    const std::size_t firstDated =
        timeline.undatedCount(); // lines without a time have no place on a time axis
    if (events.size() == firstDated)
        return;
    firstMs_ = events.timeMs[firstDated];
    lastMs_ = events.timeMs.back();

    const std::int64_t span = lastMs_ - firstMs_ + 1;
    const auto& steps = niceStepsMs();
    baseMs_ = steps.back();
    for (const std::int64_t step : steps) {
        if (span / step + 2 <= static_cast<std::int64_t>(maxBaseBuckets)) {
            baseMs_ = step;
            break;
        }
    }
    baseStartMs_ = floorDiv(firstMs_, baseMs_) * baseMs_;
    const auto buckets = static_cast<std::size_t>((lastMs_ - baseStartMs_) / baseMs_ + 1);
    baseRequests_.assign(buckets, {});
    baseMarkers_.assign(buckets, {});
    for (std::size_t i = firstDated; i < events.size(); ++i) {
        const auto bucket = static_cast<std::size_t>((events.timeMs[i] - baseStartMs_) / baseMs_);
        if (events.code[i] == MessageCode::Request) {
            ++baseRequests_[bucket][static_cast<int>(requestClassOf(events.value[i]))];
        } else if (const auto marker = markerKindOf(events.code[i], events.value[i])) {
            ++baseMarkers_[bucket][static_cast<int>(*marker)];
        }
    }
}

std::int64_t TimelineHistogram::binSizeFor(std::int64_t spanMs, int maxBins) const
{
    const std::int64_t bins = std::max(1, maxBins);
    for (const std::int64_t step : niceStepsMs()) {
        // One more bin than span / step: the first and last bins are cut by the range.
        if ((spanMs + step - 1) / step + 1 > bins)
            continue;
        if (step < baseMs_ || step % baseMs_ == 0)
            return step;
    }
    return niceStepsMs().back();
}

HistogramBins TimelineHistogram::bins(std::int64_t fromMs, std::int64_t toMs, std::int64_t binMs) const
{
    HistogramBins out;
    out.binMs = std::max<std::int64_t>(1, binMs);
    out.startMs = floorDiv(fromMs, out.binMs) * out.binMs;
    if (toMs <= fromMs)
        return out;
    const std::int64_t count = std::min(kMaxBins, (toMs - out.startMs + out.binMs - 1) / out.binMs);
    out.requests.assign(static_cast<std::size_t>(count), {});
    out.markers.assign(static_cast<std::size_t>(count), {});
    if (isEmpty())
        return out;
    const std::int64_t endMs = out.startMs + count * out.binMs;
    if (out.binMs >= baseMs_ && out.binMs % baseMs_ == 0)
        sumBuckets(out, out.startMs, endMs);
    else
        countDirect(out, out.startMs, endMs);
    return out;
}

void TimelineHistogram::countDirect(HistogramBins& out, std::int64_t fromMs, std::int64_t toMs) const
{
    const EventColumns& events = timeline_.events();
    const std::size_t end = timeline_.lowerBound(toMs);
    for (std::size_t i = std::max(timeline_.lowerBound(fromMs), timeline_.undatedCount()); i < end; ++i) {
        const auto bin = static_cast<std::size_t>((events.timeMs[i] - out.startMs) / out.binMs);
        if (events.code[i] == MessageCode::Request) {
            ++out.requests[bin][static_cast<int>(requestClassOf(events.value[i]))];
        } else if (const auto marker = markerKindOf(events.code[i], events.value[i])) {
            ++out.markers[bin][static_cast<int>(*marker)];
        }
    }
}

void TimelineHistogram::sumBuckets(HistogramBins& out, std::int64_t fromMs, std::int64_t toMs) const
{
    const auto bucketCount = static_cast<std::int64_t>(baseRequests_.size());
    const std::int64_t firstBucket = std::max<std::int64_t>(0, (fromMs - baseStartMs_) / baseMs_);
    const std::int64_t endBucket = std::min(bucketCount, floorDiv(toMs - baseStartMs_, baseMs_));
    for (std::int64_t bucket = firstBucket; bucket < endBucket; ++bucket) {
        const std::int64_t bucketStart = baseStartMs_ + bucket * baseMs_;
        const auto bin = static_cast<std::size_t>((bucketStart - out.startMs) / out.binMs);
        const auto b = static_cast<std::size_t>(bucket);
        for (int k = 0; k < kRequestClassCount; ++k)
            out.requests[bin][k] += baseRequests_[b][k];
        for (int k = 0; k < kMarkerKindCount; ++k)
            out.markers[bin][k] += baseMarkers_[b][k];
    }
}

} // namespace gd
