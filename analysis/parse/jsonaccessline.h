#pragma once

// Access logs written as one JSON object per line (`log_format NAME escape=json '{"time_local":"$time_local",
// ...}'`), read by key without knowing the format: the keys are whatever the user named them, so the common
// spellings of each variable are recognised (`time_local`/`time_iso8601`/`msec`/`@timestamp`, `status`,
// `request` or `method` + `request_uri`/`uri`, `host`/`http_host`/`server_name`, `remote_addr`,
// `http_x_forwarded_for`, `request_time`, `upstream_response_time`, ...).

#include "parse/nginxlogformat.h"

#include <string>
#include <string_view>
#include <vector>

namespace gd {

class JsonAccessLine {
public:
    /// Fills `out` (reset by the caller) from a line that starts with '{'. A line without a status or a time
    /// is not an access-log line (a Docker json-file line, an application's JSON log) and fails.
    FormatMatch read(std::string_view line, ParsedEvent& out, AccessLineExtras* extras = nullptr);

private:
    struct Key {
        std::string name;
        AccessVar var = AccessVar::Skip;
    };
    /// What the key at `index` of this line stands for. Lines of one file repeat their keys in the same
    /// order, so the keys of the line before are compared first and the name table is read only when they
    /// differ.
    AccessVar varOf(std::string_view name, std::size_t index);

    std::vector<Key> keys_;
};

} // namespace gd
