#pragma once

#include "import/lineunwrapper.h"
#include "parse/logparser.h"

#include <memory>
#include <string>
#include <vector>

namespace gd {

/// Reads loose text — pasted lines, container output, journald, a file that mixes kinds — line by line: each
/// line is unwrapped (LineUnwrapper) and handed to the parser of the kind that reads it. Every (kind, stream)
/// that reads some line is a lane: a source of its own in the timeline, on the same file and its line
/// numbers. Plain logs of one kind do not come here: they are read by their parser directly, as fast as
/// before.
class LineRouter {
public:
    struct Lane {
        LogKind kind = LogKind::Unknown;
        std::string stream; ///< container or program, "" for the file itself
        std::unique_ptr<LogParser> parser;
    };
    struct Result {
        LineStatus status = LineStatus::Rejected;
        std::size_t lane = 0;    ///< the lane the line belongs to (lane 0 for rejected and structural lines)
        std::string_view reason; ///< for rejected lines
        std::int64_t journalEnd = 0; ///< a journalctl banner's end time (civil), else 0
    };

    /// Lane 0 is `primary`, the kind detection found most of (it takes the lines nobody reads).
    LineRouter(const ParserOptions& options, LogKind primary);
    ~LineRouter();

    /// Routes one line (without its newline). `event` is filled for Event and Continuation; its views are
    /// valid until the next call.
    Result route(std::string_view line, ParsedEvent& event);

    std::size_t laneCount() const { return lanes_.size(); }
    const Lane& lane(std::size_t index) const { return lanes_[index]; }

private:
    bool tryText(std::string_view text, std::string_view stream, const UnwrappedLine& wrapping,
                 bool innerLayer, ParsedEvent& event, Result& result);
    /// A kind with no lane for `stream` yet that reads the line as an event: its lane is made.
    bool tryNewLane(std::string_view text, std::string_view stream, ParsedEvent& event, Result& result);
    /// The line goes to the lane of (`kind`, `stream`), made when there is none yet.
    Result accept(LogKind kind, std::string_view stream, LineStatus status, Result result);
    void markUsed(std::size_t lane);
    void takeWrapperTime(const UnwrappedLine& wrapping, ParsedEvent& event) const;
    std::unique_ptr<LogParser>& probeParser(LogKind kind);

    ParserOptions options_;
    LineUnwrapper unwrapper_;
    std::vector<Lane> lanes_;
    std::vector<std::size_t> recent_; ///< lane indices, most recently used first
    /// One spare parser per kind that has no lane for a stream yet: it becomes the lane's parser when it
    /// reads.
    std::vector<std::unique_ptr<LogParser>> probes_;
    bool lastWasEvent_ = false;
};

} // namespace gd
