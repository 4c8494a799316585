#include "parse/nginxconf.h"

namespace gd {
namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// nginx.conf split the way nginx reads it (ngx_conf_read_token): words, quoted strings (kept with their
/// quotes and escapes, for NginxLogFormat::compile to unquote), ';', '{' and '}'. A '#' at the start of a
/// word starts a comment to the end of the line.
class ConfigTokenizer {
public:
    explicit ConfigTokenizer(std::string_view text)
        : text_(text)
    {
    }

    /// The next token; empty at the end of the text.
    std::string_view next()
    {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (isBlank(c)) {
                ++pos_;
            } else if (c == '#') {
                const std::size_t end = text_.find('\n', pos_);
                pos_ = end == std::string_view::npos ? text_.size() : end + 1;
            } else {
                break;
            }
        }
        if (pos_ >= text_.size())
            return {};
        const std::size_t start = pos_;
        const char c = text_[pos_];
        if (c == ';' || c == '{' || c == '}') {
            ++pos_;
        } else if (c == '\'' || c == '"') {
            ++pos_;
            while (pos_ < text_.size() && text_[pos_] != c)
                pos_ += text_[pos_] == '\\' ? 2 : 1;
            pos_ = pos_ < text_.size() ? pos_ + 1 : text_.size(); // an unterminated quote runs to the end
        } else {
            while (pos_ < text_.size() && !isBlank(text_[pos_]) && text_[pos_] != ';' && text_[pos_] != '{' &&
                   text_[pos_] != '}')
                pos_ += text_[pos_] == '\\' ? 2 : 1;
            pos_ = pos_ < text_.size() ? pos_ : text_.size();
        }
        return text_.substr(start, pos_ - start);
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

/// True inside a block whose log formats are not for HTTP access logs.
bool isOtherProtocol(const std::vector<std::string_view>& blocks)
{
    for (const std::string_view block : blocks) {
        if (block == "stream" || block == "mail")
            return true;
    }
    return false;
}

void addDefinition(const std::vector<std::string_view>& words, std::vector<NginxLogFormat>& formats,
                   std::vector<std::string>* problems)
{
    std::string directive;
    for (const std::string_view word : words) {
        directive.append(word);
        directive += ' ';
    }
    directive += ';';
    std::string error;
    std::optional<NginxLogFormat> format = NginxLogFormat::compile(directive, &error);
    if (format) {
        formats.push_back(std::move(*format));
    } else if (problems != nullptr) {
        const std::string_view name = words.size() > 1 ? words[1] : std::string_view("(no name)");
        problems->push_back("log_format " + std::string(name) + ": " + error);
    }
}

} // namespace

std::vector<NginxLogFormat> logFormatsIn(std::string_view configText, std::vector<std::string>* problems)
{
    std::vector<NginxLogFormat> formats;
    std::vector<std::string_view> blocks; ///< the directive name of each open block
    std::vector<std::string_view> words;  ///< the directive being read
    ConfigTokenizer tokens(configText);
    for (std::string_view token = tokens.next(); !token.empty(); token = tokens.next()) {
        if (token == ";") {
            if (!words.empty() && words.front() == "log_format" && !isOtherProtocol(blocks))
                addDefinition(words, formats, problems);
            words.clear();
        } else if (token == "{") {
            blocks.push_back(words.empty() ? std::string_view() : words.front());
            words.clear();
        } else if (token == "}") {
            if (!blocks.empty())
                blocks.pop_back();
            words.clear();
        } else {
            words.push_back(token);
        }
    }
    if (!words.empty() && words.front() == "log_format" && problems != nullptr) {
        const std::string_view name = words.size() > 1 ? words[1] : std::string_view("(no name)");
        problems->push_back("log_format " + std::string(name) + ": the text ends before its ';'");
    }
    return formats;
}

} // namespace gd
