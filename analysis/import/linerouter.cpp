#include "import/linerouter.h"

#include "parse/logkinds.h"
#include "parse/signatures.h"

#include <algorithm>

namespace gd {

LineRouter::LineRouter(const ParserOptions& options, LogKind primary)
    : options_(options)
    , probes_(kLogKindCount)
{
    Lane first;
    first.kind = primary;
    first.parser = makeParser(primary, options_);
    lanes_.push_back(std::move(first));
    recent_.push_back(0);
}

LineRouter::~LineRouter() = default;

std::unique_ptr<LogParser>& LineRouter::probeParser(LogKind kind)
{
    std::unique_ptr<LogParser>& probe = probes_[static_cast<std::size_t>(kind)];
    if (!probe)
        probe = makeParser(kind, options_);
    return probe;
}

void LineRouter::takeWrapperTime(const UnwrappedLine& wrapping, ParsedEvent& event) const
{
    if (event.hasTime || !wrapping.hasTime)
        return;
    event.hasTime = true;
    event.time = wrapping.timeCivilMs;
    event.hasOffset = wrapping.timeHasOffset;
    event.utcOffsetSec = wrapping.utcOffsetSec;
    event.hasYear = wrapping.timeHasYear;
}

bool LineRouter::tryText(std::string_view text, std::string_view stream, const UnwrappedLine& wrapping,
                         bool innerLayer, ParsedEvent& event, Result& result)
{
    // The lanes of this stream, most recent first: a line usually continues what the one before it was. A
    // line another lane or kind reads as an event of its own is that event, not more of the record before
    // it: in one container's output, PHP-FPM takes any line after a child's output for more of it, while
    // the line is nginx's. Each parser sees the line once.
    ParsedEvent continuation;
    bool continues = false;
    for (const std::size_t index : recent_) {
        if (lanes_[index].stream != stream || !lanes_[index].parser)
            continue;
        ParsedEvent candidate;
        const LineStatus status = lanes_[index].parser->parseLine(text, candidate).status;
        if (status == LineStatus::Event) {
            event = candidate;
            result.status = status;
            result.lane = index;
            break;
        }
        if (status == LineStatus::Continuation && lastWasEvent_ && index == recent_.front()) {
            continuation = candidate;
            continues = true;
        }
    }
    if (result.status == LineStatus::Rejected && !tryNewLane(text, stream, event, result) && continues) {
        event = continuation;
        result.status = LineStatus::Continuation;
        result.lane = recent_.front();
    }
    if (result.status == LineStatus::Rejected)
        return false;
    if (innerLayer)
        takeWrapperTime(wrapping, event);
    markUsed(result.lane);
    return true;
}

bool LineRouter::tryNewLane(std::string_view text, std::string_view stream, ParsedEvent& event,
                            Result& result)
{
    for (const LogKindInfo& info : logKinds()) {
        if (!info.detectable)
            continue;
        const bool hasLane = std::any_of(lanes_.begin(), lanes_.end(), [&](const Lane& lane) {
            return lane.kind == info.kind && lane.stream == stream;
        });
        if (hasLane)
            continue;
        ParsedEvent candidate;
        if (probeParser(info.kind)->parseLine(text, candidate).status != LineStatus::Event)
            continue;
        Lane lane;
        lane.kind = info.kind;
        lane.stream = std::string(stream);
        lane.parser = std::move(probes_[static_cast<std::size_t>(info.kind)]);
        lanes_.push_back(std::move(lane));
        recent_.push_back(lanes_.size() - 1);
        event = candidate;
        result.status = LineStatus::Event;
        result.lane = lanes_.size() - 1;
        return true;
    }
    return false;
}

void LineRouter::markUsed(std::size_t lane)
{
    const auto at = std::find(recent_.begin(), recent_.end(), lane);
    std::rotate(recent_.begin(), at, at + 1);
}

LineRouter::Result LineRouter::accept(LogKind kind, std::string_view stream, LineStatus status, Result result)
{
    std::size_t index = 0;
    while (index < lanes_.size() && !(lanes_[index].kind == kind && lanes_[index].stream == stream))
        ++index;
    if (index == lanes_.size()) {
        Lane lane;
        lane.kind = kind;
        lane.stream = std::string(stream);
        lane.parser = makeParser(kind, options_);
        lanes_.push_back(std::move(lane));
        recent_.push_back(index);
    }
    markUsed(index);
    result.status = status;
    result.lane = index;
    lastWasEvent_ = lastWasEvent_ || status == LineStatus::Event;
    return result;
}

LineRouter::Result LineRouter::route(std::string_view line, ParsedEvent& event)
{
    Result result;
    const UnwrappedLine wrapping = unwrapper_.unwrap(line);
    if (wrapping.structural) {
        result.status = LineStatus::Ignored;
        result.journalEnd = LineUnwrapper::journalEnd(wrapping.layers[0]);
        return result;
    }
    // Innermost first: a wrapper's text is only read as a log line of its own (a syslog line) when what it
    // wraps is none.
    for (int layer = wrapping.layerCount - 1; layer >= 0; --layer) {
        const std::string_view stream = layer > 0 ? wrapping.stream : std::string_view();
        if (tryText(wrapping.layers[layer], stream, wrapping, layer > 0, event, result)) {
            if (result.status == LineStatus::Event)
                lastWasEvent_ = true;
            return result;
        }
    }
    if (wrapping.indented && lastWasEvent_) {
        // A long line wrapped by a mail client or an editor: it belongs to the record before it.
        result.status = LineStatus::Continuation;
        result.lane = recent_.front();
        return result;
    }
    // What no parser reads as a whole may still hold a documented message (a fragment, a reporter's summary)
    // or a time stamp (another program's log line): keep it as evidence rather than lose it.
    if (std::optional<SignatureMatch> match = findSignature(wrapping.innermost())) {
        event = match->event;
        takeWrapperTime(wrapping, event);
        return accept(match->kind, wrapping.stream, LineStatus::Event, result);
    }
    ParsedEvent dated;
    if (probeParser(LogKind::Text)->parseLine(wrapping.innermost(), dated).status == LineStatus::Event) {
        event = dated;
        return accept(LogKind::Text, wrapping.stream, LineStatus::Event, result);
    }
    ParsedEvent ignored;
    result.reason = lanes_[0].parser ? lanes_[0].parser->parseLine(wrapping.innermost(), ignored).reason
                                     : std::string_view("not a line of a known log format");
    if (result.reason.empty())
        result.reason = "not a line of a known log format";
    result.lane = 0;
    lastWasEvent_ = false;
    return result;
}

} // namespace gd
