// nginx access log: a user-supplied log_format, the formats the bundle's nginx.conf defines, auto-detection
// among the formats seen on BOA, Debian and hosting hosts, and JSON lines. This is the hot path of an import,
// so each line is matched by a precompiled format, the one that matched the line before first.

#include "parse/jsonaccessline.h"
#include "parse/nginxlogformat.h"
#include "parse/parsers.h"
#include "parse/scan.h"

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace gd {
namespace {

struct BuiltinFormat {
    std::string_view format;
    TrailingData trailing;
};

// Most specific first; each line tries the format that matched the previous line before these. The shapes are
// those of docs/log-formats.md, "nginx access log".
constexpr std::array<BuiltinFormat, 7> kBuiltinFormats = {{
    // BOA `main` (omega8cc/provision server.tpl.php).
    {R"("$proxy_add_x_forwarded_for" $host [$time_local] "$request" $status $body_bytes_sent $request_length )"
     R"($bytes_sent "$http_referer" "$http_user_agent" $request_time "$gzip_ratio")",
     TrailingData::Reject},
    // nginx `combined`, plus whatever timing or X-Forwarded-For fields a site appended.
    {R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
     R"("$http_user_agent")",
     TrailingData::TimingHeuristic},
    // `combined` with $request_time between the size and the referrer, a common home-made `main`.
    {R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent $request_time )"
     R"("$http_referer" "$http_user_agent")",
     TrailingData::TimingHeuristic},
    // `combined` behind proxies: the X-Forwarded-For list in place of the address ("10.0.0.2, 10.0.0.1 - -
    // [").
    {R"($http_x_forwarded_for - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
     R"("$http_user_agent")",
     TrailingData::TimingHeuristic},
    // Debian `vhost_combined` style: "host:port" in front of `combined`.
    {R"($host $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
     R"("$http_user_agent")",
     TrailingData::TimingHeuristic},
    // The widely copied `upstreamlog`: labelled upstream and request times, the request unquoted.
    {R"([$time_local] $remote_addr - $remote_user - $server_name $host to: $upstream_addr: $request $status )"
     R"(upstream_response_time $upstream_response_time msec $msec request_time $request_time)",
     TrailingData::TimingHeuristic},
    // `common`: no referrer, no user agent.
    {R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent)",
     TrailingData::Reject},
}};

const std::vector<NginxLogFormat>& builtinFormats()
{
    static const std::vector<NginxLogFormat> formats = [] {
        std::vector<NginxLogFormat> compiled;
        for (const BuiltinFormat& builtin : kBuiltinFormats)
            compiled.push_back(NginxLogFormat::compile(builtin.format, nullptr, builtin.trailing).value());
        return compiled;
    }();
    return formats;
}

class AccessLogParser final : public LogParser {
public:
    explicit AccessLogParser(const ParserOptions& options)
        : builtins_(builtinFormats())
        , configured_(options.accessLogFormats)
    {
        if (!options.accessLogFormat.empty()) {
            userFormat_ = NginxLogFormat::compile(options.accessLogFormat, nullptr);
            userFormatGiven_ = true;
        }
    }

    LogKind kind() const override { return LogKind::NginxAccess; }

    LineResult parseLine(std::string_view line, ParsedEvent& out) override
    {
        line = scan::skipLeadingNuls(line);
        if (scan::trimRight(line).empty())
            return {LineStatus::Ignored, {}};
        const FormatMatch result = userFormatGiven_ ? matchUserFormat(line, out) : matchKnown(line, out);
        if (!result.ok()) {
            out = ParsedEvent{};
            return {LineStatus::Rejected, result.failure};
        }
        out.code = MessageCode::Request;
        out.level = Level::None;
        return {LineStatus::Event, {}};
    }

private:
    FormatMatch matchUserFormat(std::string_view line, ParsedEvent& out) const
    {
        if (!userFormat_)
            return {"invalid log_format", 0};
        return userFormat_->matchLine(line, out);
    }

    /// The bundle's own formats, then the built-in ones; a JSON object by its keys when none fits.
    FormatMatch matchKnown(std::string_view line, ParsedEvent& out)
    {
        const bool json = line.front() == '{';
        if (json && configured_.empty())
            return json_.read(line, out);
        FormatMatch best = format(lastMatched_).matchLine(line, out);
        if (best.ok())
            return best;
        const std::size_t count = configured_.size() + builtins_.size();
        for (std::size_t i = 0; i < count; ++i) {
            if (i == lastMatched_)
                continue;
            out = ParsedEvent{};
            const FormatMatch attempt = format(i).matchLine(line, out);
            if (attempt.ok()) {
                lastMatched_ = i;
                return attempt;
            }
            if (attempt.reached > best.reached)
                best = attempt;
        }
        if (json) {
            out = ParsedEvent{};
            return json_.read(line, out);
        }
        return best;
    }

    const NginxLogFormat& format(std::size_t index) const
    {
        return index < configured_.size() ? configured_[index] : builtins_[index - configured_.size()];
    }

    const std::vector<NginxLogFormat>& builtins_;
    std::span<const NginxLogFormat> configured_;
    std::optional<NginxLogFormat> userFormat_;
    JsonAccessLine json_;
    bool userFormatGiven_ = false;
    std::size_t lastMatched_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makeAccessLogParser(const ParserOptions& options)
{
    return std::make_unique<AccessLogParser>(options);
}

} // namespace gd
