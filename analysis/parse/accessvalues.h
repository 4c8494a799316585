#pragma once

// What the value of an access-log variable sets in the event: shared by the compiled log_format matcher
// (parse/nginxlogformat.h) and the JSON line reader (parse/jsonaccessline.h), so that a `$request` means the
// same whether it came between quotes or as a JSON string. The byte helpers are parse/accessfields.h.

#include "model/event.h"
#include "parse/accessfields.h"
#include "parse/scan.h"
#include "time/civiltime.h"

#include <cstdint>
#include <string_view>

namespace gd {

/// Values some formats carry that ParsedEvent has no slot for (yet).
struct AccessLineExtras {
    static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
    /// Last number of `$upstream_response_time` ("0.004, 0.002 : 1.001" gives 1001), kAbsent for "-".
    std::uint32_t upstreamResponseMs = kAbsent;
};

/// What a variable's value is stored as.
enum class AccessVar : std::uint8_t {
    Skip,
    RemoteAddr,
    ForwardedFor,
    Host,
    TimeLocal,
    TimeIso8601,
    Msec,
    AnyTime, ///< a JSON time under a name that does not say which of the three (`@timestamp`, `time`)
    Request,
    RequestMethod,
    RequestUri,
    Uri,
    Status,
    RequestTime,
    UpstreamResponseTime
};

/// What one line has set so far, so that the better source of a field wins whatever the field order.
struct AccessLineState {
    int clientRank = 0; ///< 1 = $remote_addr, 2 = first X-Forwarded-For element
    int targetRank = 0; ///< 1 = $uri (rewritten), 2 = $request, 3 = $request_uri
    int timeRank = 0; ///< 1 = $msec (UTC), 2 = a time with the server's offset (the zone is learned from it)
};

namespace accessvalues {

inline constexpr std::string_view kBadTime = "bad time";
inline constexpr std::string_view kBadStatus = "bad status";
inline constexpr std::string_view kBadRequestTime = "bad request_time";

/// A time variable's value, unless the line already has a better time; kBadTime when it is none.
std::string_view storeTime(AccessVar var, std::string_view value, ParsedEvent& out, AccessLineState& state);

inline void setTarget(std::string_view target, int rank, ParsedEvent& out, AccessLineState& state)
{
    if (rank > state.targetRank && !target.empty()) {
        out.target = target;
        state.targetRank = rank;
    }
}

inline void setClient(std::string_view client, int rank, ParsedEvent& out, AccessLineState& state)
{
    if (rank > state.clientRank && !client.empty()) {
        out.client = client;
        state.clientRank = rank;
    }
}

/// $request: "GET /path?q HTTP/1.1". Garbage (TLS handshakes, scanners) stays an event with method OTHER.
inline void storeRequest(std::string_view request, ParsedEvent& out, AccessLineState& state)
{
    request = accessfields::presentOrEmpty(request);
    if (request.empty())
        return;
    const std::size_t space = request.find(' ');
    const std::string_view method = request.substr(0, space);
    if (!accessfields::isMethodToken(method)) {
        out.method = HttpMethod::Other;
        return;
    }
    out.method = httpMethodFromText(method);
    if (space == scan::npos)
        return;
    std::string_view target = scan::trimSpaces(request.substr(space + 1));
    const std::size_t lastSpace = target.rfind(' ');
    const std::string_view protocol = lastSpace == scan::npos ? target : target.substr(lastSpace + 1);
    if (protocol.starts_with("HTTP/"))
        target = scan::trimSpaces(lastSpace == scan::npos ? std::string_view() : target.substr(0, lastSpace));
    setTarget(target, 2, out, state);
}

/// Stores `value` of `var` in `out`; returns a static rejection reason when the value is unusable.
inline std::string_view store(AccessVar var, std::string_view value, ParsedEvent& out,
                              AccessLineExtras* extras, AccessLineState& state)
{
    switch (var) {
    case AccessVar::Skip:
        break;
    case AccessVar::RemoteAddr:
        setClient(accessfields::presentOrEmpty(value), 1, out, state);
        break;
    case AccessVar::ForwardedFor:
        setClient(accessfields::firstListElement(value), 2, out, state);
        break;
    case AccessVar::Host:
        out.host = accessfields::hostWithoutPort(value);
        break;
    case AccessVar::TimeLocal:
    case AccessVar::TimeIso8601:
    case AccessVar::Msec:
    case AccessVar::AnyTime:
        return storeTime(var, value, out, state);
    case AccessVar::Request:
        storeRequest(value, out, state);
        break;
    case AccessVar::RequestMethod:
        out.method = accessfields::methodFromToken(value);
        break;
    case AccessVar::RequestUri:
        setTarget(accessfields::presentOrEmpty(value), 3, out, state);
        break;
    case AccessVar::Uri:
        setTarget(accessfields::presentOrEmpty(value), 1, out, state);
        break;
    case AccessVar::Status: {
        const int status = value.size() == 3 ? parseDigits(value, 0, 3) : -1;
        if (status < 0)
            return kBadStatus;
        out.value = static_cast<std::uint16_t>(status);
        break;
    }
    case AccessVar::RequestTime: {
        std::uint32_t ms = 0;
        if (value != "-" && !scan::parseSecondsAsMs(value, ms))
            return kBadRequestTime;
        out.durationMs = ms;
        break;
    }
    case AccessVar::UpstreamResponseTime: {
        std::uint32_t ms = 0;
        if (extras != nullptr && accessfields::parseLastListTime(value, ms))
            extras->upstreamResponseMs = ms;
        break;
    }
    }
    return {};
}

/// Whatever follows a known format in the many home-made variants: `$request_time` (the first unquoted
/// decimal with a dot, or a value labelled `rt=`, `request_time=` or `request_time `), the upstream time
/// after it, and a first quoted address list as $http_x_forwarded_for. Never fails.
void readTimingTail(std::string_view tail, ParsedEvent& out, AccessLineExtras* extras,
                    AccessLineState& state);

/// "0.004", "0.004, 0.002 : 1.001", "-, 0.002": an nginx list of times with milliseconds (not an address, not
/// a status list).
bool isUpstreamTimeList(std::string_view text);

} // namespace accessvalues
} // namespace gd
