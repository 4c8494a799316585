#include "time/offsettimeline.h"

#include <QDateTime>
#include <algorithm>
#include <cstdlib>
#include <limits>

namespace gd {

QString formatUtcOffset(std::int32_t offsetSec)
{
    if (offsetSec == 0)
        return QStringLiteral("UTC");
    const QChar sign = offsetSec < 0 ? u'-' : u'+';
    const int minutes = std::abs(offsetSec) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(sign)
        .arg(minutes / 60, 2, 10, QChar(u'0'))
        .arg(minutes % 60, 2, 10, QChar(u'0'));
}

OffsetTimeline OffsetTimeline::fixed(std::int32_t offsetSec)
{
    OffsetTimeline timeline;
    timeline.spans_.push_back({std::numeric_limits<std::int64_t>::min(), offsetSec});
    return timeline;
}

OffsetTimeline OffsetTimeline::fromZone(const QTimeZone& zone, std::int64_t fromUtcMs, std::int64_t toUtcMs)
{
    OffsetTimeline timeline;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromUtcMs, QTimeZone::utc());
    timeline.spans_.push_back({std::numeric_limits<std::int64_t>::min(), zone.offsetFromUtc(from)});
    if (zone.hasTransitions()) {
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(toUtcMs, QTimeZone::utc());
        for (const QTimeZone::OffsetData& transition : zone.transitions(from, to)) {
            const std::int64_t at = transition.atUtc.toMSecsSinceEpoch();
            if (transition.offsetFromUtc != timeline.spans_.back().offsetSec)
                timeline.spans_.push_back({at, transition.offsetFromUtc});
        }
    }
    return timeline;
}

OffsetTimeline OffsetTimeline::fromObservations(std::vector<Span> observations)
{
    std::sort(observations.begin(), observations.end(),
              [](const Span& a, const Span& b) { return a.utcStartMs < b.utcStartMs; });
    OffsetTimeline timeline;
    for (const Span& span : observations) {
        if (timeline.spans_.empty())
            timeline.spans_.push_back({std::numeric_limits<std::int64_t>::min(), span.offsetSec});
        else if (timeline.spans_.back().offsetSec != span.offsetSec)
            timeline.spans_.push_back(span);
    }
    return timeline;
}

std::int32_t OffsetTimeline::offsetAtUtc(std::int64_t utcMs) const
{
    if (spans_.empty())
        return 0;
    auto it = std::upper_bound(spans_.begin(), spans_.end(), utcMs,
                               [](std::int64_t value, const Span& span) { return value < span.utcStartMs; });
    return it == spans_.begin() ? spans_.front().offsetSec : std::prev(it)->offsetSec;
}

std::int64_t OffsetTimeline::toUtc(CivilMs civil, std::int64_t notBeforeUtcMs) const
{
    if (spans_.empty())
        return civil;
    if (spans_.size() == 1)
        return civil - spans_.front().offsetSec * 1000LL;
    // Each span whose offset maps the reading back into that same span is a valid reading.
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t chosen = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = 0; i < spans_.size(); ++i) {
        const std::int64_t utc = civil - spans_[i].offsetSec * 1000LL;
        const bool afterStart = utc >= spans_[i].utcStartMs;
        const bool beforeEnd = i + 1 == spans_.size() || utc < spans_[i + 1].utcStartMs;
        if (!afterStart || !beforeEnd)
            continue;
        first = std::min(first, utc);
        if (utc >= notBeforeUtcMs)
            chosen = std::min(chosen, utc);
    }
    if (chosen != std::numeric_limits<std::int64_t>::max())
        return chosen;
    if (first != std::numeric_limits<std::int64_t>::max())
        return first;
    // A reading inside a skipped hour: read it with the offset in force just before the jump.
    return civil - offsetAtUtc(civil - spans_.front().offsetSec * 1000LL - 3600000) * 1000LL;
}

} // namespace gd
