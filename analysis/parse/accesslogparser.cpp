// nginx access log: a user-supplied log_format, or auto-detection among the formats seen on BOA and
// Debian hosts. This is the hot path of an import, so each line is matched by a precompiled format.

#include "parse/nginxlogformat.h"
#include "parse/parsers.h"
#include "parse/scan.h"

#include <array>
#include <optional>
#include <vector>

namespace gd {
namespace {

struct BuiltinFormat {
    std::string_view format;
    TrailingData trailing;
};

// Most specific first; each line tries the format that matched the previous line before these.
constexpr std::array<BuiltinFormat, 4> kBuiltinFormats = {{
    // BOA `main` (omega8cc/provision server.tpl.php), log-evidence.md §3.2.
    {R"("$proxy_add_x_forwarded_for" $host [$time_local] "$request" $status $body_bytes_sent $request_length )"
     R"($bytes_sent "$http_referer" "$http_user_agent" $request_time "$gzip_ratio")",
     TrailingData::Reject},
    // nginx `combined`, plus whatever timing or X-Forwarded-For fields a site appended.
    {R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
     R"("$http_user_agent")",
     TrailingData::TimingHeuristic},
    // Debian `vhost_combined` style: "host:port" in front of `combined`.
    {R"($host $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
     R"("$http_user_agent")",
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
        : formats_(builtinFormats())
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
        const FormatMatch result = userFormatGiven_ ? matchUserFormat(line, out) : matchBuiltin(line, out);
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

    FormatMatch matchBuiltin(std::string_view line, ParsedEvent& out)
    {
        FormatMatch best = formats_[lastMatched_].matchLine(line, out);
        if (best.ok())
            return best;
        for (std::size_t i = 0; i < formats_.size(); ++i) {
            if (i == lastMatched_)
                continue;
            out = ParsedEvent{};
            const FormatMatch attempt = formats_[i].matchLine(line, out);
            if (attempt.ok()) {
                lastMatched_ = i;
                return attempt;
            }
            if (attempt.reached > best.reached)
                best = attempt;
        }
        return best;
    }

    const std::vector<NginxLogFormat>& formats_;
    std::optional<NginxLogFormat> userFormat_;
    bool userFormatGiven_ = false;
    std::size_t lastMatched_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makeAccessLogParser(const ParserOptions& options)
{
    return std::make_unique<AccessLogParser>(options);
}

} // namespace gd
