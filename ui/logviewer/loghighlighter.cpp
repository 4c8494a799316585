#include "logviewer/loghighlighter.h"

#include "report/logspans.h"

namespace gd {

LogHighlighter::LogHighlighter(QTextDocument* document, LogKind kind, const LogColors& colors)
    : QSyntaxHighlighter(document)
    , kind_(kind)
    , colors_(colors)
{
}

QTextCharFormat LogHighlighter::format(LogStyle style) const
{
    QTextCharFormat f;
    switch (style) {
    case LogStyle::Time:
        f.setForeground(colors_.timestamp);
        break;
    case LogStyle::Error:
        f.setForeground(colors_.error);
        break;
    case LogStyle::ErrorStrong:
        f.setForeground(colors_.error);
        f.setFontWeight(QFont::DemiBold);
        break;
    case LogStyle::Warning:
        f.setForeground(colors_.warning);
        break;
    case LogStyle::Muted:
        f.setForeground(colors_.muted);
        break;
    case LogStyle::String:
        f.setForeground(colors_.string);
        break;
    case LogStyle::Number:
        f.setForeground(colors_.number);
        break;
    case LogStyle::Identity:
        f.setForeground(colors_.identity);
        break;
    case LogStyle::StatusError:
        f.setForeground(colors_.error);
        f.setFontWeight(QFont::DemiBold);
        break;
    case LogStyle::StatusFailure:
        f.setForeground(colors_.error);
        f.setFontWeight(QFont::Bold);
        f.setFontUnderline(true);
        break;
    }
    return f;
}

void LogHighlighter::highlightBlock(const QString& text)
{
    for (const LogSpan& span : logLineSpans(text, kind_))
        setFormat(static_cast<int>(span.start), static_cast<int>(span.length), format(span.style));
}

} // namespace gd
