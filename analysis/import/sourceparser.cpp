#include "import/sourceparser.h"

#include "time/civiltime.h"

#include <QDateTime>
#include <algorithm>
#include <limits>

namespace gd {

namespace {
constexpr std::size_t kMaxSkipReasons = 5;
/// How far after the import a dated line may be: a server clock somewhat ahead still shows its lines, while
/// a line of 2999 or 9999 (a wrong clock, a damaged line) neither stretches the timeline over centuries nor
/// dates the server's year-less lines (ServerTime takes the newest dated line as their anchor).
constexpr std::int64_t kFutureMarginMs = 366LL * 24 * 3600 * 1000;

bool datedAfter(const ParsedEvent& e, std::int64_t latestMs)
{
    if (!e.hasTime || !e.hasYear)
        return false;
    return (e.hasOffset ? e.time - static_cast<std::int64_t>(e.utcOffsetSec) * 1000 : e.time) > latestMs;
}

std::uint16_t narrowGroup(std::uint32_t id)
{
    // Groups are pools, upstreams and programs: a handful. A hostile log could make more; fold them.
    return id > std::numeric_limits<std::uint16_t>::max() ? std::numeric_limits<std::uint16_t>::max()
                                                          : static_cast<std::uint16_t>(id);
}
} // namespace

std::string_view pageOf(std::string_view uri)
{
    const std::size_t query = uri.find('?');
    if (query == std::string_view::npos)
        return uri;
    // Drupal 7 without clean URLs names the page in q=: keep "?q=VALUE" and nothing else of the query.
    const std::string_view params = uri.substr(query + 1);
    const bool qFirst = params.substr(0, 2) == "q=";
    const std::size_t qAt = qFirst ? 0 : params.find("&q=");
    if (qAt == std::string_view::npos)
        return uri.substr(0, query);
    const std::size_t valueStart = qFirst ? 0 : qAt + 1;
    if (valueStart != 0)
        return uri.substr(0, query); // q= later in the query: the path alone still groups the page
    const std::size_t valueEnd = params.find('&');
    return uri.substr(0, query + 1 + (valueEnd == std::string_view::npos ? params.size() : valueEnd));
}

SourceParser::SourceParser(ParsedSource& target, const ParserOptions& options, std::uint32_t maxLineBytes,
                           LiveRequestCounts* live, LaneSourceFactory lanes)
    : primary_(target)
    , laneFactory_(std::move(lanes))
    , splitter_(maxLineBytes)
    , latestPlausibleMs_(QDateTime::currentMSecsSinceEpoch() + kFutureMarginMs)
    , live_(live)
{
    if (laneFactory_)
        router_ = std::make_unique<LineRouter>(options, target.info.kind);
    else
        parser_ = makeParser(target.info.kind, options);
    outputs_.push_back({&primary_});
}

SourceParser::~SourceParser() = default;

void SourceParser::feed(std::string_view chunk)
{
    splitter_.feed(chunk, [this](const LineSplitter::Line& line) { handleLine(line); });
    if (live_)
        live_->merge(liveBatch_);
}

std::uint64_t SourceParser::eventsStored() const
{
    std::uint64_t events = 0;
    for (const Output& out : outputs_)
        events += out.source ? out.source->events.size() : 0;
    return events;
}

void SourceParser::finish()
{
    splitter_.finish([this](const LineSplitter::Line& line) { handleLine(line); });
    primary_.info.bytes = splitter_.bytesSeen();
    if (!router_)
        primary_.info.lines = lineNumber_;
    // Every lane reads its raw lines from the same file, so each needs the file's line checkpoints.
    for (std::size_t i = 1; i < outputs_.size(); ++i) {
        if (outputs_[i].source)
            outputs_[i].source->info.lineCheckpoints = primary_.info.lineCheckpoints;
    }
    if (live_)
        live_->merge(liveBatch_);
    // Columns grow by doubling while a file is read; what a finished source holds it keeps until the
    // whole bundle is read, so its spare capacity goes now.
    for (Output& out : outputs_) {
        if (!out.source)
            continue;
        out.source->events.shrinkToFit();
        out.source->pendingTime.shrink_to_fit();
        out.source->lineHash.shrink_to_fit();
        if (sharedPools_)
            sharedPools_->adopt(*out.source);
    }
}

void SourceParser::skip(std::string_view reason)
{
    ++primary_.info.skippedLines;
    if (primary_.info.skippedLineNumbers.size() < SourceInfo::kMaxSkippedLineNumbers)
        primary_.info.skippedLineNumbers.push_back(static_cast<std::uint32_t>(lineNumber_));
    for (SkipReason& known : primary_.info.skipReasons) {
        if (known.reason == reason) {
            ++known.count;
            return;
        }
    }
    if (primary_.info.skipReasons.size() < kMaxSkipReasons)
        primary_.info.skipReasons.push_back({std::string(reason), 1, lineNumber_});
}

void SourceParser::handleLine(const LineSplitter::Line& line)
{
    ++lineNumber_;
    if ((lineNumber_ - 1) % SourceInfo::kLineCheckpointStride == 0)
        primary_.info.lineCheckpoints.push_back(line.offset);
    if (line.overlong) {
        skip("line longer than the limit");
        outputs_.front().lastWasEvent = false;
        if (router_)
            ++primary_.info.lines;
        return;
    }
    if (lineNumber_ > std::numeric_limits<std::uint32_t>::max()) {
        skip("more lines than one source can index");
        return;
    }
    if (router_) {
        handleLooseLine(line.text);
        return;
    }
    Output& out = outputs_.front();
    ParsedEvent event;
    const LineResult result = parser_->parseLine(line.text, event);
    switch (result.status) {
    case LineStatus::Event:
        if (datedAfter(event, latestPlausibleMs_)) {
            skip(kFutureTimeReason);
            out.lastWasEvent = false;
            break;
        }
        appendEvent(out, event, line.text);
        out.lastWasEvent = true;
        break;
    case LineStatus::Continuation:
        if (out.lastWasEvent)
            attachContinuation(out, event);
        else
            skip("continuation line without a record");
        break;
    case LineStatus::Ignored:
        if (const std::int64_t end = LineUnwrapper::journalEnd(line.text); end != 0)
            primary_.yearAnchor = end;
        break;
    case LineStatus::Rejected:
        if (const std::int64_t end = LineUnwrapper::journalEnd(line.text); end != 0) {
            primary_.yearAnchor = end; // journalctl's banner dates the year-less lines below it
            break;
        }
        skip(result.reason.empty() ? std::string_view("line does not match the format") : result.reason);
        out.lastWasEvent = false;
        break;
    }
}

SourceParser::Output& SourceParser::laneOutput(std::size_t lane)
{
    while (outputs_.size() <= lane) {
        const LineRouter::Lane& made = router_->lane(outputs_.size());
        outputs_.push_back({laneFactory_(made.kind, made.stream)});
    }
    return outputs_[lane];
}

void SourceParser::handleLooseLine(std::string_view text)
{
    ParsedEvent event;
    const LineRouter::Result routed = router_->route(text, event);
    Output& out = routed.status == LineStatus::Event || routed.status == LineStatus::Continuation
                      ? laneOutput(routed.lane)
                      : outputs_.front();
    ++out.source->info.lines;
    switch (routed.status) {
    case LineStatus::Event:
        if (datedAfter(event, latestPlausibleMs_)) {
            skip(kFutureTimeReason);
            out.lastWasEvent = false;
            break;
        }
        appendEvent(out, event, text);
        out.lastWasEvent = true;
        break;
    case LineStatus::Continuation:
        if (out.lastWasEvent)
            attachContinuation(out, event);
        break;
    case LineStatus::Ignored:
        if (routed.journalEnd != 0)
            primary_.yearAnchor = routed.journalEnd;
        break;
    case LineStatus::Rejected:
        skip(routed.reason);
        for (Output& lane : outputs_)
            lane.lastWasEvent = false;
        break;
    }
}

void SourceParser::appendEvent(Output& out, const ParsedEvent& e, std::string_view text)
{
    ParsedSource& source = *out.source;
    EventColumns& c = source.events;
    std::int64_t time = e.time;
    std::uint8_t pending = ParsedSource::kNeedsZone;
    if (!e.hasTime) {
        time = kNoTime;
        pending = 0;
    } else if (const std::optional<std::int64_t> utc = source.info.kind == LogKind::PhpError && !e.hasOffset
                                                           ? utcFromNamedZone(e)
                                                           : std::nullopt) {
        time = *utc;
        pending = 0;
    } else if (e.hasOffset) {
        time -= static_cast<std::int64_t>(e.utcOffsetSec) * 1000;
        pending = 0;
        // Only an offset the server chose (its zone) is worth learning; $msec is UTC on every server.
        if (!e.offsetIsUtcByDefinition && e.utcOffsetSec != out.lastOffset) {
            source.offsets.push_back({time, e.utcOffsetSec});
            out.lastOffset = e.utcOffsetSec;
        }
        if (live_ && e.code == MessageCode::Request)
            liveBatch_.add(time, e.value);
    }
    if (e.hasTime && !e.hasYear) {
        source.hasYearlessTimes = true;
        pending |= ParsedSource::kNeedsYear;
    }
    c.timeMs.push_back(time);
    c.line.push_back(static_cast<std::uint32_t>(lineNumber_));
    c.code.push_back(e.code);
    c.levelMethod.push_back(EventColumns::packLevelMethod(e.level, e.method));
    c.value.push_back(e.value);
    c.durationMs.push_back(e.durationMs);
    c.pid.push_back(e.pid);
    c.host.push_back(source.hosts.intern(foldedHost(e.host)));
    c.target.push_back(source.targets.intern(e.code == MessageCode::Request ? pageOf(e.target) : e.target));
    c.client.push_back(source.clients.intern(e.client));
    c.group.push_back(narrowGroup(source.groups.intern(e.group)));
    source.pendingTime.push_back(pending);
    source.lineHash.push_back(static_cast<std::uint32_t>(StringPool::hash(text)));
    if (e.code == MessageCode::SlowRecord)
        source.slowTraces.push_back({0, static_cast<std::uint32_t>(lineNumber_), 0, {}});
}

std::optional<std::int64_t> SourceParser::utcFromNamedZone(const ParsedEvent& e)
{
    if (e.group.empty())
        return std::nullopt;
    if (e.group != zoneName_) {
        zoneName_.assign(e.group);
        const QByteArray id(e.group.data(), static_cast<qsizetype>(e.group.size()));
        zone_ = QTimeZone::isTimeZoneIdAvailable(id) ? QTimeZone(id) : QTimeZone();
    }
    if (!zone_.isValid())
        return std::nullopt;
    const CivilFields f = civilFields(e.time);
    const QDateTime local(QDate(f.year, f.month, f.day), QTime(f.hour, f.minute, f.second, f.millisecond),
                          zone_);
    return local.isValid() ? std::optional<std::int64_t>(local.toMSecsSinceEpoch()) : std::nullopt;
}

std::string_view SourceParser::foldedHost(std::string_view host)
{
    // Host names ignore case. nginx's $host is lower case, but the error log's `host:` is the Host
    // header as the client sent it: without folding, one site would count as two hosts.
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (std::none_of(host.begin(), host.end(), upper))
        return host;
    hostBuffer_.assign(host);
    for (char& c : hostBuffer_)
        c = upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    return hostBuffer_;
}

void SourceParser::attachContinuation(Output& out, const ParsedEvent& e)
{
    ParsedSource& source = *out.source;
    if (source.events.size() == 0 || source.events.code.back() != MessageCode::SlowRecord ||
        source.slowTraces.empty())
        return; // other formats' continuation lines (stack traces) stay in the raw text only
    SlowTrace& trace = source.slowTraces.back();
    if (!e.target.empty()) {
        trace.script = source.targets.intern(e.target);
        source.events.target.back() = trace.script;
    }
    if (!e.frameFunction.empty() || !e.frameFile.empty())
        trace.frames.push_back(
            {source.frames.intern(e.frameFunction), source.frames.intern(e.frameFile), e.frameLine});
}

} // namespace gd
