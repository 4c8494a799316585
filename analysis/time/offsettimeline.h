#pragma once

#include "model/event.h"

#include <QString>
#include <QTimeZone>
#include <cstdint>
#include <vector>

namespace gd {

/// "UTC", "UTC+01:00", "UTC-03:30".
QString formatUtcOffset(std::int32_t offsetSec);

/// A server's UTC offset over time, as piecewise-constant spans (DST changes are span starts).
/// Built from a zone database entry or learned from logs that write their offset on every line.
class OffsetTimeline {
public:
    struct Span {
        std::int64_t utcStartMs; ///< the span is in force from here until the next span's start
        std::int32_t offsetSec;
    };

    OffsetTimeline() = default;
    static OffsetTimeline fixed(std::int32_t offsetSec);
    /// Spans of `zone` covering [fromUtcMs, toUtcMs].
    static OffsetTimeline fromZone(const QTimeZone& zone, std::int64_t fromUtcMs, std::int64_t toUtcMs);
    /// From (utc, offset) observations in any order; consecutive equal offsets merge.
    static OffsetTimeline fromObservations(std::vector<Span> observations);

    bool isEmpty() const { return spans_.empty(); }
    const std::vector<Span>& spans() const { return spans_; }
    std::int32_t offsetAtUtc(std::int64_t utcMs) const;

    /// Converts a wall-clock reading to UTC. In a repeated (fall-back) hour both readings are valid;
    /// the one not earlier than `notBeforeUtcMs` wins, so a file read in order walks through the
    /// first occurrence and then the second. In a skipped (spring-forward) hour the earlier offset applies.
    std::int64_t toUtc(CivilMs civil, std::int64_t notBeforeUtcMs) const;

private:
    std::vector<Span> spans_;
};

} // namespace gd
