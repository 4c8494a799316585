#include "report/logspans.h"

#include <QRegularExpression>

namespace gd {

namespace {

constexpr qsizetype kMaxHighlightedChars = 4000;

struct Rule {
    QRegularExpression expression;
    LogStyle style;
};

std::vector<Rule> makeRules(bool slowlog)
{
    const auto rule = [](const QString& pattern, LogStyle style) {
        Rule r{QRegularExpression(pattern), style};
        r.expression.optimize();
        return r;
    };
    std::vector<Rule> rules;
    rules.push_back(rule(QStringLiteral(R"("(?:[^"\\]|\\.)*")"), LogStyle::String));
    rules.push_back(rule(QStringLiteral(R"(\b\d{1,3}(?:\.\d{1,3}){3}\b)"), LogStyle::Number));
    rules.push_back(
        rule(QStringLiteral(R"(\b(?:pid|child|process|worker process)\s+\d+\b|\b\d+#\d+:|\*\d+\b)"),
             LogStyle::Number));
    rules.push_back(
        rule(QStringLiteral(R"(\[pool [^\]]+\]|\bpool\s+[\w.-]+|\bupstream: "[^"]*")"), LogStyle::Identity));
    rules.push_back(rule(QStringLiteral(R"(\bSIG[A-Z]{2,7}\b|\bsignal \d+\b|\bsegfault\b|\bcore dumped\b)"),
                         LogStyle::Error));
    rules.push_back(rule(QStringLiteral(R"(\(\d+: [^)]*\))"), LogStyle::Error));
    if (slowlog) {
        rules.push_back(rule(QStringLiteral(R"(^\[0x[0-9a-fA-F]+\]\s+\S+)"), LogStyle::Identity));
        rules.push_back(rule(QStringLiteral(R"(^script_filename = .*$)"), LogStyle::String));
    }
    // Time stamps of every kind we read: access "[24/Nov/2026:10:51:32 +0100]", FPM/PHP
    // "[24-Nov-2026 10:51:32]", nginx error "2026/11/24 10:51:32", ISO, and syslog "Nov 24 10:51:32".
    rules.push_back(rule(
        QStringLiteral(
            R"(\[\d{1,2}[-/][A-Z][a-z]{2}[-/]\d{4}[: ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?: [+-]\d{4}| [\w/+-]+)?\])"),
        LogStyle::Time));
    rules.push_back(
        rule(QStringLiteral(
                 R"(\b\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)"),
             LogStyle::Time));
    rules.push_back(rule(QStringLiteral(R"(^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\b)"), LogStyle::Time));
    return rules;
}

void addLevels(const QString& text, std::vector<LogSpan>& spans)
{
    // nginx "[error]", FPM "WARNING:", PHP "PHP Fatal error:", syslog/BOA words.
    static const QRegularExpression levels(QStringLiteral(
        R"(\[(emerg|alert|crit|error|warn|notice|info|debug)\]|\b(EMERGENCY|ALERT|CRITICAL|ERROR|)"
        R"(WARNING|NOTICE|DEBUG|INFO)\b|\bPHP (Fatal error|Parse error|Warning|Notice|Deprecated)\b)"));
    auto it = levels.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString word = match.captured(0).toLower();
        LogStyle style = LogStyle::Muted;
        if (word.contains(u"emerg") || word.contains(u"alert") || word.contains(u"crit") ||
            word.contains(u"error"))
            style = LogStyle::ErrorStrong;
        else if (word.contains(u"warn") || word.contains(u"deprecated"))
            style = LogStyle::Warning;
        spans.push_back({match.capturedStart(), match.capturedLength(), style});
    }
}

void addStatus(const QString& text, std::vector<LogSpan>& spans)
{
    // The status follows the quoted request line: `"GET / HTTP/1.1" 502 `.
    static const QRegularExpression status(QStringLiteral(R"(HTTP/[\d.]+" ([1-5]\d\d) )"));
    const QRegularExpressionMatch match = status.match(text);
    if (!match.hasMatch())
        return;
    const int code = match.captured(1).toInt();
    LogStyle style = LogStyle::Number;
    if (code == 502 || code == 504)
        style = LogStyle::StatusFailure;
    else if (code >= 500)
        style = LogStyle::StatusError;
    else if (code >= 400)
        style = LogStyle::Warning;
    spans.push_back({match.capturedStart(1), 3, style});
}

} // namespace

std::vector<LogSpan> logLineSpans(const QString& line, LogKind kind)
{
    static const std::vector<Rule> common = makeRules(false);
    static const std::vector<Rule> slowlog = makeRules(true);
    const QString text = line.left(kMaxHighlightedChars);
    std::vector<LogSpan> spans;
    for (const Rule& rule : kind == LogKind::FpmSlow ? slowlog : common) {
        auto it = rule.expression.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            spans.push_back({match.capturedStart(), match.capturedLength(), rule.style});
        }
    }
    addLevels(text, spans);
    if (kind == LogKind::NginxAccess)
        addStatus(text, spans);
    return spans;
}

} // namespace gd
