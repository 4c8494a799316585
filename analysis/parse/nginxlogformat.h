#pragma once

// An nginx `log_format` compiled once into literal separators and variable fields, so that matching an
// access-log line is a single left-to-right walk with memchr and no allocation.

#include "model/event.h"
#include "parse/accessvalues.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gd {

/// Outcome of matching one line against one format.
struct FormatMatch {
    std::string_view failure; ///< empty on success, else a static reason
    std::size_t reached =
        0; ///< how far the line fitted: the best of several failed formats explains the line
    bool ok() const { return failure.empty(); }
};

/// What to do with bytes after the last element of the format.
enum class TrailingData : std::uint8_t {
    Reject,         ///< the line must end where the format ends
    TimingHeuristic ///< `combined` + anything: pick request_time, upstream time and an X-Forwarded-For from
                    ///< the tail
};

class NginxLogFormat {
public:
    /// Accepts the bare format text (`$remote_addr - ...`), nginx.conf quoting (`'$remote_addr '
    /// '"$request"'`) or a whole directive (`log_format main [escape=json] '...';`, which also gives the name
    /// and escaping). Returns nullopt and fills `error` when it cannot be used.
    static std::optional<NginxLogFormat> compile(std::string_view format, std::string* error,
                                                 TrailingData trailing = TrailingData::Reject);

    /// Fills `out` (which the caller has reset) from `line`. On failure `out` holds partial values.
    FormatMatch matchLine(std::string_view line, ParsedEvent& out, AccessLineExtras* extras = nullptr) const;
    bool match(std::string_view line, ParsedEvent& out) const { return matchLine(line, out).ok(); }

    /// The format as understood, after nginx.conf unquoting.
    std::string_view text() const { return text_; }
    /// The name a `log_format` directive gave it; empty for a bare format.
    std::string_view name() const { return name_; }
    /// The directive's `escape=` value ("json", "none"); empty when it named none (nginx's default escaping).
    std::string_view escape() const { return escape_; }

    /// What a variable is stored as; public for the implementation's helper tables.
    using Var = AccessVar;
    /// How the end of a field is found.
    enum class Stop : std::uint8_t {
        Literal,   ///< first occurrence of the following literal
        Token,     ///< first space (the value never holds one), then the literal must follow
        List,      ///< first space that does not continue an nginx list ("a, b : c")
        Quoted,    ///< first unescaped '"' where the following literal matches
        Request,   ///< an unquoted $request: after its " HTTP/x.y" when the literal follows there
        EndOfLine, ///< last element of the format
    };

private:
    struct Field {
        Var var = Var::Skip;
        Stop stop = Stop::Literal;
        std::uint32_t literalOffset = 0; ///< literal that follows the field, inside literals_
        std::uint32_t literalSize = 0;
    };

    std::string_view literal(std::uint32_t offset, std::uint32_t size) const
    {
        return std::string_view(literals_).substr(offset, size);
    }

    std::string text_;
    std::string name_;
    std::string escape_;
    std::string literals_;
    std::uint32_t prefixSize_ = 0; ///< literal before the first field, at literals_[0]
    std::vector<Field> fields_;
    TrailingData trailing_ = TrailingData::Reject;
};

/// True when `format` compiles; otherwise `error` says what is wrong, for the UI and the CLI.
bool validateAccessLogFormat(std::string_view format, std::string* error);

} // namespace gd
