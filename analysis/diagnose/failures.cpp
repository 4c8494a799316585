#include "diagnose/failures.h"

#include <algorithm>

namespace gd {

std::uint16_t statusForNginxError(MessageCode code)
{
    switch (code) {
    case MessageCode::NgxUpstreamTimedOut:
        return 504;
    case MessageCode::NgxConnectFailed:
    case MessageCode::NgxPrematurelyClosed:
    case MessageCode::NgxPrematurelyClosedFastcgi:
    case MessageCode::NgxConnectionReset:
    case MessageCode::NgxTooBigHeader:
    case MessageCode::NgxInvalidUpstreamResponse:
        return 502;
    default:
        return 0;
    }
}

std::vector<Failure> collectFailures(const ImportResult& import, bool includeUndated)
{
    std::vector<Failure> failures;
    if (!import.timeline)
        return failures;
    const EventColumns& events = import.timeline->events();

    // Where an access log covers the time, its 502/504 lines are the failures and the error log is
    // evidence; elsewhere (a bundle with only an error log, pasted lines) the error lines stand in.
    std::vector<std::pair<std::int64_t, std::int64_t>> accessSpans;
    for (const SourceInfo& source : import.sources) {
        if (source.kind == LogKind::NginxAccess && source.hasDatedEvents())
            accessSpans.emplace_back(source.firstUtcMs, source.lastUtcMs);
    }
    auto coveredByAccessLog = [&accessSpans](std::int64_t t) {
        return std::any_of(accessSpans.begin(), accessSpans.end(), [t](const auto& span) {
            return t >= span.first - 1000 && t <= span.second + 1000;
        });
    };

    // Lines without a time join no time window: only the evidence of a whole ticket takes them.
    const std::size_t undated = import.timeline->undatedCount();
    for (std::size_t i = includeUndated ? 0 : undated; i < events.size(); ++i) {
        const MessageCode code = events.code[i];
        Failure failure;
        if (code == MessageCode::Request) {
            if (events.value[i] != 502 && events.value[i] != 504)
                continue;
            failure.status = events.value[i];
            failure.durationMs = events.durationMs[i];
        } else {
            const std::uint16_t status = statusForNginxError(code);
            if (status == 0 || import.sources[events.source[i]].kind != LogKind::NginxError)
                continue;
            if (hasTime(events.timeMs[i]) && coveredByAccessLog(events.timeMs[i]))
                continue;
            failure.status = status;
            failure.fromAccessLog = false;
        }
        failure.event = i;
        failure.endMs = events.timeMs[i];
        failure.startMs = hasTime(failure.endMs) ? failure.endMs - failure.durationMs : kNoTime;
        failure.host = events.host[i];
        failure.target = events.target[i];
        failure.client = events.client[i];
        failures.push_back(failure);
    }
    return failures;
}

} // namespace gd
