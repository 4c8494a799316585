#include "logviewer/loghighlighter.h"

namespace gd {

namespace {

// Long lines (up to 64 KB) are highlighted only at their start: enough for stamps and fields.
constexpr qsizetype kMaxHighlightedChars = 4000;

} // namespace

LogHighlighter::LogHighlighter(QTextDocument* document, LogKind kind, const LogColors& colors)
    : QSyntaxHighlighter(document)
    , kind_(kind)
    , colors_(colors)
{
    // Order matters: later rules paint over earlier ones.
    addRule(QStringLiteral(R"("(?:[^"\\]|\\.)*")"), Style::String);
    addRule(QStringLiteral(R"(\b\d{1,3}(?:\.\d{1,3}){3}\b)"), Style::Number);
    addRule(QStringLiteral(R"(\b(?:pid|child|process|worker process)\s+\d+\b|\b\d+#\d+:|\*\d+\b)"),
            Style::Number);
    addRule(QStringLiteral(R"(\[pool [^\]]+\]|\bpool\s+[\w.-]+|\bupstream: "[^"]*")"), Style::Identity);
    addRule(QStringLiteral(R"(\bSIG[A-Z]{2,7}\b|\bsignal \d+\b|\bsegfault\b|\bcore dumped\b)"), Style::Error);
    addRule(QStringLiteral(R"(\(\d+: [^)]*\))"), Style::Error);
    if (kind_ == LogKind::FpmSlow) {
        addRule(QStringLiteral(R"(^\[0x[0-9a-fA-F]+\]\s+\S+)"), Style::Identity);
        addRule(QStringLiteral(R"(^script_filename = .*$)"), Style::String);
    }
    // Time stamps of every kind we read: access "[24/Nov/2026:10:51:32 +0100]", FPM/PHP
    // "[24-Nov-2026 10:51:32]", nginx error "2026/11/24 10:51:32", ISO, and syslog "Nov 24 10:51:32".
    addRule(
        QStringLiteral(
            R"(\[\d{1,2}[-/][A-Z][a-z]{2}[-/]\d{4}[: ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?: [+-]\d{4}| [\w/+-]+)?\])"),
        Style::Time);
    addRule(QStringLiteral(
                R"(\b\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)"),
            Style::Time);
    addRule(QStringLiteral(R"(^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\b)"), Style::Time);
}

void LogHighlighter::addRule(const QString& pattern, Style style, int group)
{
    Rule rule;
    rule.expression = QRegularExpression(pattern);
    rule.expression.optimize();
    rule.group = group;
    rule.style = style;
    rules_.push_back(std::move(rule));
}

QTextCharFormat LogHighlighter::format(Style style) const
{
    QTextCharFormat f;
    switch (style) {
    case Style::Time:
        f.setForeground(colors_.timestamp);
        break;
    case Style::Error:
        f.setForeground(colors_.error);
        break;
    case Style::Warning:
        f.setForeground(colors_.warning);
        break;
    case Style::Muted:
        f.setForeground(colors_.muted);
        break;
    case Style::String:
        f.setForeground(colors_.string);
        break;
    case Style::Number:
        f.setForeground(colors_.number);
        break;
    case Style::Identity:
        f.setForeground(colors_.identity);
        break;
    case Style::StatusError:
        f.setForeground(colors_.error);
        f.setFontWeight(QFont::DemiBold);
        break;
    case Style::StatusEmphasis:
        f.setForeground(colors_.error);
        f.setFontWeight(QFont::Bold);
        f.setFontUnderline(true);
        break;
    }
    return f;
}

void LogHighlighter::highlightBlock(const QString& fullText)
{
    const QString text = fullText.left(kMaxHighlightedChars);
    for (const Rule& rule : rules_) {
        auto it = rule.expression.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(static_cast<int>(match.capturedStart(rule.group)),
                      static_cast<int>(match.capturedLength(rule.group)), format(rule.style));
        }
    }
    highlightLevels(text);
    if (kind_ == LogKind::NginxAccess)
        highlightStatus(text);
}

void LogHighlighter::highlightLevels(const QString& text)
{
    // nginx "[error]", FPM "WARNING:", PHP "PHP Fatal error:", syslog/BOA words.
    static const QRegularExpression levels(QStringLiteral(
        R"(\[(emerg|alert|crit|error|warn|notice|info|debug)\]|\b(EMERGENCY|ALERT|CRITICAL|ERROR|)"
        R"(WARNING|NOTICE|DEBUG|INFO)\b|\bPHP (Fatal error|Parse error|Warning|Notice|Deprecated)\b)"));
    auto it = levels.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString word = match.captured(0).toLower();
        Style style = Style::Muted;
        if (word.contains(u"emerg") || word.contains(u"alert") || word.contains(u"crit") ||
            word.contains(u"error"))
            style = Style::Error;
        else if (word.contains(u"warn") || word.contains(u"deprecated"))
            style = Style::Warning;
        QTextCharFormat f = format(style);
        if (style == Style::Error)
            f.setFontWeight(QFont::DemiBold);
        setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()), f);
    }
}

void LogHighlighter::highlightStatus(const QString& text)
{
    // The status follows the quoted request line: `"GET / HTTP/1.1" 502 `.
    static const QRegularExpression status(QStringLiteral(R"(HTTP/[\d.]+" ([1-5]\d\d) )"));
    const QRegularExpressionMatch match = status.match(text);
    if (!match.hasMatch())
        return;
    const int code = match.captured(1).toInt();
    const auto start = static_cast<int>(match.capturedStart(1));
    if (code == 502 || code == 504)
        setFormat(start, 3, format(Style::StatusEmphasis));
    else if (code >= 500)
        setFormat(start, 3, format(Style::StatusError));
    else if (code >= 400)
        setFormat(start, 3, format(Style::Warning));
    else
        setFormat(start, 3, format(Style::Number));
}

} // namespace gd
