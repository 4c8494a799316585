#include "parse/accessvalues.h"

#include "parse/timestamps.h"

#include <algorithm>
#include <utility>

namespace gd::accessvalues {
namespace {

using namespace accessfields;
using namespace scan;

/// A time under a name that does not tell its shape: $time_local, an ISO 8601 time (with or without fraction
/// and offset) or $msec, told apart by their punctuation.
bool parseAnyTime(std::string_view value, ParsedEvent& out)
{
    if (value.size() == 26 && value[2] == '/')
        return timestamps::parseTimeLocal(value, out);
    if (value.size() >= 19 && value[4] == '-' && value[10] == 'T') {
        std::size_t used = 0;
        return timestamps::readIso8601(value, out, used) == timestamps::StampStatus::Ok &&
               used == value.size() && out.time > 0;
    }
    return timestamps::parseMsec(value, out);
}

/// "rt", "request_time", "urt", "upstream_response_time": which timing a label names (Skip for any other).
AccessVar timingLabel(std::string_view key)
{
    if (key == "rt" || key == "request_time")
        return AccessVar::RequestTime;
    if (key == "urt" || key == "upstream_response_time")
        return AccessVar::UpstreamResponseTime;
    return AccessVar::Skip;
}

/// `rt=0.250` and `urt="0.248"` style pairs (nginx Amplify's sample format): the value, unquoted, and
/// where the pair ends; an empty key when the token is not a pair.
struct TailPair {
    std::string_view key;
    std::string_view value;
    std::size_t end = 0;
};

TailPair readTailPair(std::string_view tail, std::size_t pos, std::size_t tokenEnd)
{
    const std::size_t equals = findByte(tail.substr(0, tokenEnd), pos, '=');
    if (equals == npos)
        return {{}, {}, tokenEnd};
    TailPair pair{tail.substr(pos, equals - pos), tail.substr(equals + 1, tokenEnd - equals - 1), tokenEnd};
    if (equals + 1 < tail.size() && tail[equals + 1] == '"') {
        const std::size_t close = findClosingQuote(tail, equals + 2, "\"");
        pair.end = close == npos ? tail.size() : close + 1;
        pair.value = tail.substr(equals + 2, (close == npos ? tail.size() : close) - equals - 2);
    }
    return pair;
}

/// What the tail has given so far.
struct TailState {
    AccessVar label = AccessVar::Skip; ///< a label read, its value next
    bool haveRequestTime = false;
    bool haveUpstream = false;
    bool sawQuoted = false;
};

void storeTiming(AccessVar var, std::string_view value, ParsedEvent& out, AccessLineExtras* extras,
                 TailState& tail)
{
    std::uint32_t ms = 0;
    if (var == AccessVar::RequestTime && !tail.haveRequestTime && parseSecondsAsMs(value, ms)) {
        tail.haveRequestTime = true;
        out.durationMs = ms;
    } else if (var == AccessVar::UpstreamResponseTime && !tail.haveUpstream) {
        tail.haveUpstream = true;
        if (extras != nullptr && parseLastListTime(value, ms))
            extras->upstreamResponseMs = ms;
    }
}

/// An upstream time list at `from`: where it ends, or `from` when there is none. `adjacent` also takes the
/// "-" right after $request_time. Only looked for when the caller keeps extras (the import does not).
std::size_t readUpstreamAt(std::string_view text, std::size_t from, bool adjacent, ParsedEvent& out,
                           AccessLineExtras* extras, TailState& tail)
{
    if (extras == nullptr || from >= text.size() || !(isDigit(text[from]) || (adjacent && text[from] == '-')))
        return from;
    std::size_t listEnd = findListEnd(text, from);
    listEnd = listEnd == npos ? text.size() : listEnd;
    const std::string_view list = text.substr(from, listEnd - from);
    if (list != "-" && !isUpstreamTimeList(list))
        return from;
    storeTiming(AccessVar::UpstreamResponseTime, list, out, extras, tail);
    return listEnd;
}

} // namespace

// $msec is exact but in UTC, while $time_local and $time_iso8601 carry the server's offset, which the zone is
// learned from: those win whatever the order of the fields.
std::string_view storeTime(AccessVar var, std::string_view value, ParsedEvent& out, AccessLineState& state)
{
    const bool withOffset = var == AccessVar::TimeLocal || var == AccessVar::TimeIso8601 ||
                            (var == AccessVar::AnyTime && value.find_first_of("/T") != npos);
    const int rank = withOffset ? 2 : 1;
    if (rank <= state.timeRank)
        return {};
    bool ok = false;
    switch (var) {
    case AccessVar::TimeLocal:
        ok = timestamps::parseTimeLocal(value, out);
        break;
    case AccessVar::TimeIso8601:
        ok = timestamps::parseTimeIso8601(value, out);
        break;
    case AccessVar::Msec:
        ok = timestamps::parseMsec(value, out);
        break;
    default:
        ok = parseAnyTime(value, out);
        break;
    }
    if (!ok)
        return kBadTime;
    // A $msec read before it must not mark this reading, which carries the server's own offset, as UTC-only.
    if (withOffset)
        out.offsetIsUtcByDefinition = false;
    state.timeRank = rank;
    return {};
}

bool isUpstreamTimeList(std::string_view text)
{
    bool sawNumber = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '-') {
            ++i;
        } else {
            const std::size_t whole = digitRun(text.substr(i));
            if (whole == 0 || !hasAt(text, i + whole, "."))
                return false;
            const std::size_t fraction = digitRun(text.substr(i + whole + 1));
            if (fraction == 0)
                return false;
            i += whole + 1 + fraction;
            sawNumber = true;
        }
        if (i == text.size())
            break;
        if (hasAt(text, i, ", "))
            i += 2;
        else if (hasAt(text, i, " : "))
            i += 3;
        else
            return false;
    }
    return sawNumber;
}

void readTimingTail(std::string_view text, ParsedEvent& out, AccessLineExtras* extras, AccessLineState& state)
{
    TailState tail;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ' || text[pos] == '\t') {
            ++pos;
            continue;
        }
        if (text[pos] == '"') {
            const std::size_t close = findClosingQuote(text, pos + 1, "\"");
            if (close == npos)
                return;
            const std::string_view value = text.substr(pos + 1, close - pos - 1);
            pos = close + 1;
            // A quoted number is not taken for $request_time: "$gzip_ratio" ("4.10") is quoted too.
            if (tail.label != AccessVar::Skip) {
                storeTiming(std::exchange(tail.label, AccessVar::Skip), value, out, extras, tail);
                continue;
            }
            const std::string_view first = firstListElement(value);
            if (!tail.sawQuoted && looksLikeAddress(first))
                setClient(first, 2, out, state);
            tail.sawQuoted = true;
            continue;
        }
        std::size_t end = findByte(text, pos, ' ');
        end = end == npos ? text.size() : end;
        if (tail.label != AccessVar::Skip) {
            // A labelled upstream time may be a list with spaces in it ("0.001, 0.002").
            if (tail.label == AccessVar::UpstreamResponseTime) {
                const std::size_t listEnd = findListEnd(text, pos);
                end = listEnd == npos ? text.size() : listEnd;
            }
            storeTiming(std::exchange(tail.label, AccessVar::Skip), text.substr(pos, end - pos), out, extras,
                        tail);
            pos = end;
            continue;
        }
        const std::string_view token = text.substr(pos, end - pos);
        if (isDigit(token.front())) {
            // The common case, plain numbers: "$request_time $upstream_response_time".
            std::uint32_t ms = 0;
            if (!tail.haveRequestTime && token.find('.') != npos && parseSecondsAsMs(token, ms)) {
                tail.haveRequestTime = true;
                out.durationMs = ms;
                // $upstream_response_time conventionally comes next.
                end = std::max(end, readUpstreamAt(text, end + 1, true, out, extras, tail));
            } else if (tail.haveRequestTime && !tail.haveUpstream) {
                // Or later, after $upstream_addr or the like.
                end = std::max(end, readUpstreamAt(text, pos, false, out, extras, tail));
            }
            pos = end;
            continue;
        }
        const TailPair pair = readTailPair(text, pos, end);
        if (!pair.key.empty()) {
            storeTiming(timingLabel(pair.key), pair.value, out, extras, tail);
            pos = pair.end;
        } else {
            tail.label = timingLabel(token); // "request_time 0.001" (the upstreamlog format's spelling)
            pos = end;
        }
    }
}

} // namespace gd::accessvalues
