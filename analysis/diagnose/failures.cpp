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

std::vector<std::pair<std::int64_t, std::int64_t>> accessLogSpans(const ImportResult& server)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    for (std::size_t s = 0; s < server.sources.size(); ++s) {
        const SourceInfo& source = server.sources[s];
        if (source.kind == LogKind::NginxAccess && source.hasDatedEvents() && server.timeline &&
            server.timeline->includesSource(static_cast<std::uint16_t>(s)))
            spans.emplace_back(source.firstUtcMs, source.lastUtcMs);
    }
    return spans;
}

std::vector<Failure> collectFailures(const ImportResult& import, bool includeUndated)
{
    std::vector<Failure> failures;
    if (!import.timeline)
        return failures;
    const EventColumns& events = import.timeline->events();

    // Where an access log covers the time, its 502/504 lines are the failures and the error log is
    // evidence; elsewhere (a bundle with only an error log, pasted lines) the error lines stand in.
    const auto accessSpans = accessLogSpans(import);
    auto coveredByAccessLog = [&accessSpans](std::int64_t t) {
        return std::any_of(accessSpans.begin(), accessSpans.end(), [t](const auto& span) {
            return t >= span.first - 1000 && t <= span.second + 1000;
        });
    };

    // Lines without a time join no time window: only the evidence of a whole ticket takes them.
    const std::size_t undated = import.timeline->undatedCount();
    for (std::size_t i = includeUndated ? 0 : undated; i < events.size(); ++i) {
        if (!import.timeline->includes(i))
            continue;
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
