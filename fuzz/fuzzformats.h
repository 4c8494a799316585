#pragma once

// The nginx `log_format` variants the access-log target parses every input with, besides auto-detection:
// the shapes sites really use (docs/log-formats.md), given as --log-format and as a bundle's nginx.conf.

#include "parse/nginxconf.h"
#include "parse/nginxlogformat.h"

#include <string>
#include <vector>

namespace gdfuzz {

struct AccessFormatVariants {
    std::vector<std::string> formatStrings;  ///< each given alone, as --log-format does
    std::vector<gd::NginxLogFormat> learned; ///< all at once, as learned from an nginx.conf
};

inline const AccessFormatVariants& accessFormatVariants()
{
    static const AccessFormatVariants variants = [] {
        AccessFormatVariants made;
        made.formatStrings = {
            // BOA `main`
            R"("$proxy_add_x_forwarded_for" $host [$time_local] "$request" $status $body_bytes_sent )"
            R"($request_length $bytes_sent "$http_referer" "$http_user_agent" $request_time "$gzip_ratio")",
            // combined + upstream timings, a common home-made format
            R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
            R"("$http_user_agent" rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" )"
            R"(urt="$upstream_response_time" us=$upstream_status ua="$upstream_addr")",
            // a directive with JSON escaping and ISO 8601 times
            R"(log_format j escape=json '{"time_iso8601":"$time_iso8601","status":$status,')"
            R"('"request":"$request","host":"$host","request_time":$request_time}';)",
        };
        made.learned = gd::logFormatsIn(
            "http {\n"
            "  log_format vhost '$host:$server_port $remote_addr - $remote_user [$time_local] \"$request\" "
            "'\n"
            "                   '$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"';\n"
            "  log_format msec '$msec $status $request_time $upstream_response_time \"$request\" $host';\n"
            "}\n");
        return made;
    }();
    return variants;
}

} // namespace gdfuzz
