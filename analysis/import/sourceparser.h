#pragma once

#include "import/linerouter.h"
#include "import/linesplitter.h"
#include "import/liverequestcounts.h"
#include "import/parsedsource.h"
#include "import/sharedpools.h"
#include "parse/logparser.h"

#include <QTimeZone>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace gd {

/// The page a request URI names, as the timeline stores it: the path without the query string, which
/// holds cache busters and session noise that would bloat the index and split one page into many;
/// Drupal 7's "?q=page" is kept since there the query is the page. The raw line keeps the full URI.
std::string_view pageOf(std::string_view uri);

/// The skip reason of lines dated more than a year after the import: the server's clock was wrong or the line
/// is damaged (ServerTime names the first such line of each file).
inline constexpr std::string_view kFutureTimeReason = "dated more than a year after today";

/// Makes the source of a further lane of a loose file (LineRouter): same file, another kind or stream.
using LaneSourceFactory = std::function<ParsedSource*(LogKind kind, const std::string& stream)>;

/// Feeds the lines of one file through its LogParser and stores the events in columns. A loose file (pasted,
/// enveloped, mixed) goes through a LineRouter instead, and each lane of it fills a source of its own.
class SourceParser {
public:
    /// `live` (optional) receives the requests of exact UTC time after every fed chunk and at finish().
    /// `lanes` (loose files only) makes the sources of lanes after the first, which is `target`.
    SourceParser(ParsedSource& target, const ParserOptions& options, std::uint32_t maxLineBytes,
                 LiveRequestCounts* live = nullptr, LaneSourceFactory lanes = {});
    ~SourceParser();

    /// At finish(), the sources' strings move into `pools` (see SharedPools); null keeps them in the sources.
    void shareStringsWith(SharedPools* pools) { sharedPools_ = pools; }

    void feed(std::string_view chunk);
    void finish();
    /// Events stored so far in all of its sources.
    std::uint64_t eventsStored() const;
    /// Lines read so far (the number of the last one).
    std::uint64_t linesRead() const { return lineNumber_; }

private:
    /// One output source and what its last line left behind.
    struct Output {
        ParsedSource* source = nullptr;
        bool lastWasEvent = false; ///< continuation lines attach only to a preceding event
        std::int32_t lastOffset = INT32_MIN;
    };

    void handleLine(const LineSplitter::Line& line);
    void handleLooseLine(std::string_view text);
    Output& laneOutput(std::size_t lane);
    void appendEvent(Output& out, const ParsedEvent& event, std::string_view text);
    void attachContinuation(Output& out, const ParsedEvent& event);
    void skip(std::string_view reason);
    std::string_view foldedHost(std::string_view host);
    /// A PHP error-log time written with its zone's name ("Europe/Berlin"): UTC now, whatever the server's
    /// zone or --tz say, since the line itself names its zone. nullopt when the name is not a zone.
    std::optional<std::int64_t> utcFromNamedZone(const ParsedEvent& event);

    ParsedSource& primary_;
    std::unique_ptr<LogParser> parser_;  ///< plain files
    std::unique_ptr<LineRouter> router_; ///< loose files
    LaneSourceFactory laneFactory_;
    SharedPools* sharedPools_ = nullptr;
    std::vector<Output> outputs_; ///< by lane; [0] is primary_
    LineSplitter splitter_;
    std::uint64_t lineNumber_ = 0;
    std::int64_t latestPlausibleMs_; ///< a dated line later than this is skipped (kFutureTimeReason)
    LiveRequestCounts* live_;
    LiveRequestCounts::Batch liveBatch_;
    std::string hostBuffer_;
    std::string
        zoneName_; ///< the last zone name met, and its zone: a PHP error log names one zone throughout
    QTimeZone zone_;
};

} // namespace gd
