#include "parse/nginxlogformat.h"

#include "parse/accessfields.h"
#include "parse/scan.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace gd {
namespace {

using Var = AccessVar;
using Stop = NginxLogFormat::Stop;

// Static reasons for rejected lines (the value-level ones are in parse/accessvalues.h).
constexpr std::string_view kMismatch = "does not match the log format";
constexpr std::string_view kTruncated = "truncated line";
constexpr std::string_view kTrailing = "unexpected trailing data";

using namespace accessfields;
using namespace scan;

// ---------------------------------------------------------------------------------------------------------
// Compiling.

bool fail(std::string* error, std::string message)
{
    if (error != nullptr)
        *error = std::move(message);
    return false;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimBlanks(std::string_view text)
{
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

/// The escapes nginx.conf understands (ngx_conf_file.c); anything else is a typo worth reporting.
bool appendUnescaped(std::string_view text, std::string& out, std::string* error)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i == text.size())
            return fail(error, "the format ends with a lone backslash");
        switch (text[i]) {
        case '"':
        case '\'':
        case '\\':
            out += text[i];
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        default:
            return fail(error, std::string("unknown escape \\") + text[i] + " in the format");
        }
    }
    return true;
}

/// nginx.conf arguments ('...' "..." or bare words), concatenated as nginx does, up to an optional ';'.
bool appendConfigArguments(std::string_view text, std::string& out, std::string* error)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (isBlank(c)) {
            ++i;
        } else if (c == ';') {
            if (!trimBlanks(text.substr(i + 1)).empty())
                return fail(error, "text after ';' in the format");
            break;
        } else if (c == '\'' || c == '"') {
            std::size_t close = i + 1;
            while (close < text.size() && text[close] != c)
                close += text[close] == '\\' ? 2 : 1;
            if (close >= text.size())
                return fail(error, std::string("unterminated ") + c + " quote in the format");
            if (!appendUnescaped(text.substr(i + 1, close - i - 1), out, error))
                return false;
            i = close + 1;
        } else {
            std::size_t end = i;
            while (end < text.size() && !isBlank(text[end]) && text[end] != ';' && text[end] != '\'' &&
                   text[end] != '"')
                end += text[end] == '\\' ? 2 : 1;
            end = end > text.size() ? text.size() : end;
            if (!appendUnescaped(text.substr(i, end - i), out, error))
                return false;
            i = end;
        }
    }
    return true;
}

/// The format text proper, from any of the three accepted spellings; a directive also gives the name and
/// the escaping.
bool unquoteFormat(std::string_view input, std::string& out, std::string& name, std::string& escape,
                   std::string* error)
{
    std::string_view text = trimBlanks(input);
    if (text.starts_with("log_format") && text.size() > 10 && isBlank(text[10])) {
        text = trimBlanks(text.substr(10));
        std::size_t nameEnd = 0;
        while (nameEnd < text.size() && !isBlank(text[nameEnd]))
            ++nameEnd;
        name.assign(text.substr(0, nameEnd));
        text = trimBlanks(text.substr(nameEnd));
        if (text.starts_with("escape=")) {
            std::size_t end = 0;
            while (end < text.size() && !isBlank(text[end]))
                ++end;
            escape.assign(text.substr(7, end - 7));
            text = trimBlanks(text.substr(end));
        }
        if (!appendConfigArguments(text, out, error))
            return false;
    } else if (text.starts_with('\'')) {
        if (!appendConfigArguments(text, out, error))
            return false;
    } else if (!appendUnescaped(text, out, error)) {
        return false;
    }
    if (out.empty())
        return fail(error, "the format is empty");
    std::size_t quotes = 0;
    for (const char c : out)
        quotes += c == '"' ? 1 : 0;
    if (quotes % 2 != 0)
        return fail(error, "unbalanced '\"' in the format: a quoted field is never closed");
    return true;
}

enum class Shape : std::uint8_t {
    Free,  ///< may contain spaces
    Token, ///< never contains a space
    List   ///< nginx list: "a, b : c"
};

struct VarInfo {
    std::string_view name;
    Var var;
    Shape shape;
};

// Variables with a meaning for the analysis, and skipped ones whose shape helps to find their end.
constexpr std::array<VarInfo, 35> kVariables = {{
    {"remote_addr", Var::RemoteAddr, Shape::Token},
    {"proxy_add_x_forwarded_for", Var::ForwardedFor, Shape::List},
    {"http_x_forwarded_for", Var::ForwardedFor, Shape::List},
    {"host", Var::Host, Shape::Token},
    {"http_host", Var::Host, Shape::Token},
    {"server_name", Var::Host, Shape::Token},
    {"time_local", Var::TimeLocal, Shape::Free},
    {"time_iso8601", Var::TimeIso8601, Shape::Token},
    {"msec", Var::Msec, Shape::Token},
    {"request", Var::Request, Shape::Free},
    {"request_method", Var::RequestMethod, Shape::Token},
    {"request_uri", Var::RequestUri, Shape::Free},
    {"uri", Var::Uri, Shape::Free},
    {"document_uri", Var::Uri, Shape::Free},
    {"status", Var::Status, Shape::Token},
    {"request_time", Var::RequestTime, Shape::Token},
    {"upstream_response_time", Var::UpstreamResponseTime, Shape::List},
    {"body_bytes_sent", Var::Skip, Shape::Token},
    {"bytes_sent", Var::Skip, Shape::Token},
    {"request_length", Var::Skip, Shape::Token},
    {"connection", Var::Skip, Shape::Token},
    {"connection_requests", Var::Skip, Shape::Token},
    {"pid", Var::Skip, Shape::Token},
    {"remote_port", Var::Skip, Shape::Token},
    {"server_port", Var::Skip, Shape::Token},
    {"server_addr", Var::Skip, Shape::Token},
    {"server_protocol", Var::Skip, Shape::Token},
    {"scheme", Var::Skip, Shape::Token},
    {"https", Var::Skip, Shape::Token},
    {"gzip_ratio", Var::Skip, Shape::Token},
    {"pipe", Var::Skip, Shape::Token},
    {"request_id", Var::Skip, Shape::Token},
    {"ssl_protocol", Var::Skip, Shape::Token},
    {"ssl_cipher", Var::Skip, Shape::Token},
    {"http_x_real_ip", Var::Skip, Shape::Token},
}};

VarInfo lookUpVariable(std::string_view name)
{
    for (const VarInfo& info : kVariables) {
        if (info.name == name)
            return info;
    }
    // $upstream_addr, $upstream_status, $upstream_connect_time...: one entry per upstream tried.
    if (name.starts_with("upstream_"))
        return {name, Var::Skip, Shape::List};
    return {name, Var::Skip, Shape::Free};
}

bool isNameChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isTimeVar(Var var)
{
    return var == Var::TimeLocal || var == Var::TimeIso8601 || var == Var::Msec;
}

std::string toLower(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return lower;
}

struct Element {
    std::string name;
    VarInfo info;
    std::string literalAfter;
};

/// Splits the format into prefix literal, then (variable, literal after it) pairs.
bool splitFormat(std::string_view text, std::string& prefix, std::vector<Element>& elements,
                 std::string* error)
{
    std::string* literal = &prefix;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '$') {
            *literal += text[i++];
            continue;
        }
        const std::size_t dollar = i;
        std::string_view name;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i + 2);
            if (close == npos)
                return fail(error, "unterminated ${ in the format");
            name = text.substr(i + 2, close - i - 2);
            i = close + 1;
        } else {
            std::size_t end = i + 1;
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            name = text.substr(i + 1, end - i - 1);
            i = end;
        }
        bool validName = !name.empty();
        for (const char c : name)
            validName = validName && isNameChar(c);
        if (!validName)
            return fail(error, "'$' without a variable name at position " + std::to_string(dollar + 1));
        std::string lower = toLower(name);
        if (!elements.empty() && literal->empty())
            return fail(error, "$" + elements.back().name + " and $" + lower +
                                   " are not separated by any text, so their values cannot be told apart");
        const VarInfo info = lookUpVariable(lower);
        elements.push_back({std::move(lower), info, {}});
        literal = &elements.back().literalAfter;
    }
    return true;
}

Stop chooseStop(const VarInfo& info, std::string_view before, std::string_view after)
{
    const Shape shape = info.shape;
    if (after.empty()) // a last token still must not swallow what follows it
        return shape == Shape::Token ? Stop::Token : Stop::EndOfLine;
    if (!before.empty() && before.back() == '"' && after.front() == '"')
        return Stop::Quoted;
    if (info.var == Var::Request && after.front() == ' ')
        return Stop::Request;
    if (after.front() == ' ' && shape == Shape::Token)
        return Stop::Token;
    if (after.front() == ' ' && shape == Shape::List)
        return Stop::List;
    return Stop::Literal;
}

/// End of an unquoted $request ("GET /a b HTTP/1.1 502 ..."): right after its protocol when `after` follows
/// there, else the first `after` (HTTP/0.9 and garbage requests have no protocol).
std::size_t requestEnd(std::string_view line, std::size_t from, std::string_view after)
{
    const std::size_t first = findLiteral(line, from, after);
    if (first == npos)
        return npos;
    for (std::size_t http = findLiteral(line, first, " HTTP/"); http != npos;
         http = findLiteral(line, http + 1, " HTTP/")) {
        std::size_t end = http + 6;
        if (end >= line.size() || !isDigit(line[end]))
            continue;
        ++end;
        if (hasAt(line, end, ".") && end + 1 < line.size() && isDigit(line[end + 1]))
            end += 2;
        if (hasAt(line, end, after))
            return end;
    }
    return first;
}

constexpr std::size_t kMaxFormatSize = 8192;

} // namespace

std::optional<NginxLogFormat> NginxLogFormat::compile(std::string_view format, std::string* error,
                                                      TrailingData trailing)
{
    NginxLogFormat compiled;
    compiled.trailing_ = trailing;
    if (!unquoteFormat(format, compiled.text_, compiled.name_, compiled.escape_, error))
        return std::nullopt;
    if (compiled.text_.size() > kMaxFormatSize) {
        fail(error, "the format is longer than " + std::to_string(kMaxFormatSize) + " characters");
        return std::nullopt;
    }
    std::string prefix;
    std::vector<Element> elements;
    if (!splitFormat(compiled.text_, prefix, elements, error))
        return std::nullopt;
    if (elements.empty()) {
        fail(error, "the format has no variables");
        return std::nullopt;
    }
    bool hasTime = false;
    for (const Element& element : elements)
        hasTime = hasTime || isTimeVar(element.info.var);
    if (!hasTime) {
        fail(error, "the format has no time variable ($time_local, $time_iso8601 or $msec)");
        return std::nullopt;
    }

    compiled.literals_ = prefix;
    compiled.prefixSize_ = static_cast<std::uint32_t>(prefix.size());
    compiled.fields_.reserve(elements.size());
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const std::string& before = k == 0 ? prefix : elements[k - 1].literalAfter;
        const std::string& after = elements[k].literalAfter;
        Field field;
        field.var = elements[k].info.var;
        field.stop = chooseStop(elements[k].info, before, after);
        field.literalOffset = static_cast<std::uint32_t>(compiled.literals_.size());
        field.literalSize = static_cast<std::uint32_t>(after.size());
        compiled.literals_ += after;
        compiled.fields_.push_back(field);
    }
    return compiled;
}

FormatMatch NginxLogFormat::matchLine(std::string_view line, ParsedEvent& out, AccessLineExtras* extras) const
{
    if (!hasAt(line, 0, literal(0, prefixSize_)))
        return {kMismatch, 0};
    std::size_t pos = prefixSize_;
    AccessLineState state;
    for (const Field& field : fields_) {
        const std::string_view after = literal(field.literalOffset, field.literalSize);
        std::size_t end = npos;
        switch (field.stop) {
        case Stop::Literal:
            end = findLiteral(line, pos, after);
            break;
        case Stop::Token:
            end = findByte(line, pos, ' ');
            end = end == npos && after.empty() ? line.size() : end;
            break;
        case Stop::List:
            end = findListEnd(line, pos);
            break;
        case Stop::Quoted:
            end = findClosingQuote(line, pos, after);
            break;
        case Stop::Request:
            end = requestEnd(line, pos, after);
            break;
        case Stop::EndOfLine:
            end = line.size();
            break;
        }
        if (end == npos) // the line ended first; before the first field it was never this format
            return {&field == fields_.data() ? kMismatch : kTruncated, pos};
        if (!hasAt(line, end, after))
            return {kMismatch, end};
        const std::string_view reason =
            accessvalues::store(field.var, line.substr(pos, end - pos), out, extras, state);
        if (!reason.empty())
            return {reason, end};
        pos = end + after.size();
    }
    if (pos < line.size()) {
        if (trailing_ == TrailingData::Reject)
            return {kTrailing, pos};
        accessvalues::readTimingTail(line.substr(pos), out, extras, state);
    }
    return {};
}

bool validateAccessLogFormat(std::string_view format, std::string* error)
{
    return NginxLogFormat::compile(format, error).has_value();
}

} // namespace gd
