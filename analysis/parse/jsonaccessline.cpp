#include "parse/jsonaccessline.h"

#include "parse/accessfields.h"
#include "parse/scan.h"

#include <array>

namespace gd {
namespace {

using namespace scan;

constexpr std::string_view kNotJson = "not a JSON object";
constexpr std::string_view kTruncated = "truncated line";
constexpr std::string_view kNoStatusOrTime = "JSON line without a status or a time";

struct KeyName {
    std::string_view name;
    AccessVar var;
};

// The keys people give nginx variables in their JSON formats: the variable's own name first, then the
// spellings of logging stacks (ELK, Graylog, Datadog) and of nginx's and hosting panels' sample formats.
constexpr std::array<KeyName, 43> kKeyNames = {{
    {"time_local", AccessVar::TimeLocal},
    {"time_iso8601", AccessVar::AnyTime}, // some map $time_iso8601 with milliseconds under the same name
    {"msec", AccessVar::Msec},
    {"time", AccessVar::AnyTime},
    {"timestamp", AccessVar::AnyTime},
    {"@timestamp", AccessVar::AnyTime},
    {"ts", AccessVar::AnyTime},
    {"date", AccessVar::AnyTime},
    {"datetime", AccessVar::AnyTime},
    {"status", AccessVar::Status},
    {"response_status", AccessVar::Status},
    {"status_code", AccessVar::Status},
    {"http_status", AccessVar::Status},
    {"response_code", AccessVar::Status},
    {"request", AccessVar::Request},
    {"request_line", AccessVar::Request},
    {"method", AccessVar::RequestMethod},
    {"request_method", AccessVar::RequestMethod},
    {"http_method", AccessVar::RequestMethod},
    {"verb", AccessVar::RequestMethod},
    {"request_verb", AccessVar::RequestMethod},
    {"request_uri", AccessVar::RequestUri},
    {"url", AccessVar::RequestUri},
    {"uri", AccessVar::Uri},
    {"path", AccessVar::Uri},
    {"document_uri", AccessVar::Uri},
    {"host", AccessVar::Host},
    {"http_host", AccessVar::Host},
    {"server_name", AccessVar::Host},
    {"vhost", AccessVar::Host},
    {"remote_addr", AccessVar::RemoteAddr},
    {"client", AccessVar::RemoteAddr},
    {"client_ip", AccessVar::RemoteAddr},
    {"remote_ip", AccessVar::RemoteAddr},
    {"ip", AccessVar::RemoteAddr},
    {"http_x_forwarded_for", AccessVar::ForwardedFor},
    {"x_forwarded_for", AccessVar::ForwardedFor},
    {"proxy_add_x_forwarded_for", AccessVar::ForwardedFor},
    {"request_time", AccessVar::RequestTime},
    {"rt", AccessVar::RequestTime},
    {"request_time_sec", AccessVar::RequestTime},
    {"upstream_response_time", AccessVar::UpstreamResponseTime},
    {"urt", AccessVar::UpstreamResponseTime},
}};

AccessVar lookUpKey(std::string_view name)
{
    for (const KeyName& key : kKeyNames) {
        if (key.name == name)
            return key.var;
    }
    return AccessVar::Skip;
}

/// A $time_local or ISO 8601 value under a key the table does not know ("time_ngx", "logtime").
bool looksLikeTime(std::string_view value)
{
    return (value.size() == 26 && value[2] == '/' && value[6] == '/') ||
           (value.size() >= 19 && value[4] == '-' && value[7] == '-' && value[10] == 'T');
}

void skipBlanks(std::string_view line, std::size_t& pos)
{
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
        ++pos;
}

/// End of an unquoted value: numbers, `true`, and what nginx writes for a variable put in a format without
/// quotes ("-", "0.001, 0.002"). It is the ',' before the next key or the '}' that ends the line.
std::size_t bareEnd(std::string_view line, std::size_t from)
{
    for (std::size_t i = line.find_first_of(",}", from); i != npos; i = line.find_first_of(",}", i + 1)) {
        std::size_t next = i + 1;
        skipBlanks(line, next);
        if (line[i] == ',' ? next < line.size() && line[next] == '"' : next == line.size())
            return i;
    }
    return npos;
}

/// Just past a nested object or array starting at `from` (their content is of no use here).
std::size_t nestedEnd(std::string_view line, std::size_t from)
{
    int depth = 0;
    for (std::size_t i = from; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') {
            i = accessfields::findClosingQuote(line, i + 1, "\"");
            if (i == npos)
                return npos;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return npos;
}

} // namespace

AccessVar JsonAccessLine::varOf(std::string_view name, std::size_t index)
{
    if (index < keys_.size() && keys_[index].name == name)
        return keys_[index].var;
    const AccessVar var = lookUpKey(name);
    if (index < keys_.size())
        keys_[index] = {std::string(name), var};
    else if (index == keys_.size() && keys_.size() < 64)
        keys_.push_back({std::string(name), var});
    return var;
}

FormatMatch JsonAccessLine::read(std::string_view line, ParsedEvent& out, AccessLineExtras* extras)
{
    if (!line.starts_with('{'))
        return {kNotJson, 0};
    std::size_t pos = 1;
    std::size_t index = 0;
    bool haveStatus = false;
    AccessLineState state;
    for (;;) {
        skipBlanks(line, pos);
        if (pos >= line.size())
            return {kTruncated, pos};
        if (line[pos] == '}')
            break;
        if (line[pos] == ',') {
            ++pos;
            continue;
        }
        if (line[pos] != '"')
            return {kNotJson, pos};
        const std::size_t keyEnd = accessfields::findClosingQuote(line, pos + 1, "\"");
        if (keyEnd == npos)
            return {kTruncated, pos};
        const std::string_view name = line.substr(pos + 1, keyEnd - pos - 1);
        pos = keyEnd + 1;
        skipBlanks(line, pos);
        if (!hasAt(line, pos, ":"))
            return {kNotJson, pos};
        ++pos;
        skipBlanks(line, pos);
        if (pos >= line.size())
            return {kTruncated, pos};

        std::string_view value;
        if (line[pos] == '"') {
            const std::size_t end = accessfields::findClosingQuote(line, pos + 1, "\"");
            if (end == npos)
                return {kTruncated, pos};
            value = line.substr(pos + 1, end - pos - 1);
            pos = end + 1;
        } else if (line[pos] == '{' || line[pos] == '[') {
            pos = nestedEnd(line, pos);
            if (pos == npos)
                return {kTruncated, line.size()};
            ++index;
            continue;
        } else {
            const std::size_t end = bareEnd(line, pos);
            if (end == npos)
                return {kTruncated, pos};
            value = trimSpaces(line.substr(pos, end - pos));
            pos = end;
        }

        const AccessVar var = varOf(name, index++);
        if (var == AccessVar::Skip) {
            // A time under a name of the user's own: taken when it parses, never a reason to refuse the line.
            if (state.timeRank < 2 && looksLikeTime(value)) {
                ParsedEvent time;
                if (accessvalues::store(AccessVar::AnyTime, value, time, nullptr, state).empty()) {
                    out.time = time.time;
                    out.hasOffset = time.hasOffset;
                    out.utcOffsetSec = time.utcOffsetSec;
                }
            }
            continue;
        }
        if (const std::string_view reason = accessvalues::store(var, value, out, extras, state);
            !reason.empty())
            return {reason, pos};
        haveStatus = haveStatus || var == AccessVar::Status;
    }
    if (!haveStatus || state.timeRank == 0)
        return {kNoStatusOrTime, pos};
    return {};
}

} // namespace gd
