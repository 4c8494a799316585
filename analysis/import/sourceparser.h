#pragma once

#include "import/linesplitter.h"
#include "import/liverequestcounts.h"
#include "import/parsedsource.h"
#include "parse/logparser.h"

#include <memory>
#include <string>

namespace gd {

/// The page a request URI names, as the timeline stores it: the path without the query string, which
/// holds cache busters and session noise that would bloat the index and split one page into many;
/// Drupal 7's "?q=page" is kept since there the query is the page. The raw line keeps the full URI.
std::string_view pageOf(std::string_view uri);

/// Feeds the lines of one source through its LogParser and stores the events in columns.
class SourceParser {
public:
    /// `live` (optional) receives the requests of exact UTC time after every fed chunk and at finish().
    SourceParser(ParsedSource& target, const ParserOptions& options, std::uint32_t maxLineBytes,
                 LiveRequestCounts* live = nullptr);

    void feed(std::string_view chunk);
    void finish();

private:
    void handleLine(const LineSplitter::Line& line);
    void appendEvent(const ParsedEvent& event, std::string_view text);
    void attachContinuation(const ParsedEvent& event);
    void skip(std::string_view reason);
    std::string_view foldedHost(std::string_view host);

    ParsedSource& out_;
    std::unique_ptr<LogParser> parser_;
    LineSplitter splitter_;
    std::uint64_t lineNumber_ = 0;
    bool lastWasEvent_ = false; ///< continuation lines attach only to a preceding event
    std::int32_t lastOffset_ = INT32_MIN;
    LiveRequestCounts* live_;
    LiveRequestCounts::Batch liveBatch_;
    std::string hostBuffer_;
};

} // namespace gd
