#include "parse/nginxerrorcontext.h"

#include "parse/accessfields.h"
#include "parse/scan.h"

#include <array>

namespace gd {
namespace {

using scan::consume;
using scan::npos;

// The quoted context keys in the order ngx_http_log_error_handler() writes them.
enum QuotedKey : std::size_t { Request, Subrequest, Upstream, Host, Referrer, KeyCount };
constexpr std::array<std::string_view, KeyCount> quotedKeys = {
    ", request: \"", ", subrequest: \"", ", upstream: \"", ", host: \"", ", referrer: \""};

/// True when a quote at `quote` closes a value of `key`: the line ends there or a later key follows.
bool closesValue(std::string_view rest, std::size_t quote, std::size_t key)
{
    const std::string_view after = rest.substr(quote + 1);
    if (after.empty())
        return true;
    for (std::size_t next = key + 1; next < KeyCount; ++next) {
        if (after.starts_with(quotedKeys[next]))
            return true;
    }
    return false;
}

/// True when `value` ends in " HTTP/1.1"-like text: the only reliable end of an unescaped request line.
bool endsWithHttpVersion(std::string_view value)
{
    constexpr std::size_t width = sizeof(" HTTP/1.1") - 1;
    if (value.size() < width)
        return false;
    const std::string_view tail = value.substr(value.size() - width);
    return tail.starts_with(" HTTP/") && scan::isDigit(tail[6]) && tail[7] == '.' && scan::isDigit(tail[8]);
}

/// Offset of the quote closing the value of `key` that starts at `from`; npos when the line was cut
/// (NGX_MAX_ERROR_STR) before it. A request may contain `", host: "` itself, so for it a closing quote
/// right after the HTTP version wins over an earlier candidate.
std::size_t valueEnd(std::string_view rest, std::size_t from, std::size_t key)
{
    std::size_t first = npos;
    for (std::size_t quote = rest.find('"', from); quote != npos; quote = rest.find('"', quote + 1)) {
        if (!closesValue(rest, quote, key))
            continue;
        if (key != Request || endsWithHttpVersion(rest.substr(from, quote - from)))
            return quote;
        if (first == npos)
            first = quote;
    }
    return first;
}

/// True for the address and server tokens of the context: nginx writes neither with spaces or quotes.
bool isPlainToken(std::string_view token)
{
    return !token.empty() && token.find_first_of(" \"") == npos;
}

/// The Host header as nginx's $host would show it: without port or trailing dot ([v6] keeps brackets).
/// Nothing for a value that is only dots (a reporter's mask, "server: ..").
std::string_view siteOf(std::string_view host)
{
    host = accessfields::hostWithoutPort(host);
    if (host.ends_with('.'))
        host.remove_suffix(1);
    return host.find_first_not_of('.') == npos ? std::string_view{} : host;
}

void setRequest(std::string_view request, ParsedEvent& out)
{
    const std::size_t space = request.find(' ');
    if (space == npos || space == 0)
        return;
    out.method = httpMethodFromText(request.substr(0, space));
    std::string_view target = request.substr(space + 1);
    const std::size_t versionSpace = target.rfind(' ');
    if (versionSpace != npos && target.substr(versionSpace + 1).starts_with("HTTP/"))
        target = target.substr(0, versionSpace);
    out.target = target;
}

} // namespace

std::size_t findContext(std::string_view tail)
{
    constexpr std::string_view key = ", client: ";
    constexpr std::string_view serverKey = ", server: ";
    for (std::size_t pos = tail.find(key); pos != npos; pos = tail.find(key, pos + 1)) {
        const std::string_view after = tail.substr(pos + key.size());
        const std::size_t comma = after.find(", ");
        if (!isPlainToken(after.substr(0, comma)))
            continue;
        if (comma == npos)
            return pos;
        std::string_view server = after.substr(comma);
        if (!scan::consume(server, serverKey))
            continue;
        if (isPlainToken(server.substr(0, server.find(", "))))
            return pos;
    }
    return npos;
}

void parseContext(std::string_view rest, ParsedEvent& out)
{
    consume(rest, ", client: ");
    std::size_t comma = rest.find(", ");
    out.client = rest.substr(0, comma);
    rest = comma == npos ? std::string_view{} : rest.substr(comma);
    std::string_view server;
    if (consume(rest, ", server: ")) {
        comma = rest.find(", ");
        server = rest.substr(0, comma);
        rest = comma == npos ? std::string_view{} : rest.substr(comma);
    }
    std::array<std::string_view, KeyCount> values{};
    std::size_t nextKey = 0;
    while (!rest.empty() && nextKey < KeyCount) {
        std::size_t key = nextKey;
        while (key < KeyCount && !rest.starts_with(quotedKeys[key]))
            ++key;
        if (key == KeyCount)
            break; // a context this parser does not know (stream, mail modules)
        const std::size_t from = quotedKeys[key].size();
        const std::size_t end = valueEnd(rest, from, key);
        // A value cut by the 2048-byte limit is kept only for the request: a partial URI still points
        // at the page, a partial upstream or host would invent a new one.
        if (end != npos || key == Request)
            values[key] = rest.substr(from, end == npos ? npos : end - from);
        if (end == npos)
            break;
        rest = rest.substr(end + 1);
        nextKey = key + 1;
    }
    setRequest(values[Request], out);
    out.group = values[Upstream];
    // `server:` is the vhost's first server_name. It names no site when it is the catch-all "_" or,
    // before a request exists, the listen address ("0.0.0.0:443", "unix:/path"), which has a colon.
    if (!values[Host].empty())
        out.host = siteOf(values[Host]);
    else if (server != "_" && server.find(':') == npos)
        out.host = siteOf(server);
}

} // namespace gd
