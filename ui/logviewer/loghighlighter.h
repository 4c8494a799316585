#pragma once

#include "logviewer/loghighlighterpalette.h"
#include "model/logkind.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace gd {

enum class LogStyle : std::uint8_t;

/// Built-in highlighting for log lines, used when KSyntaxHighlighting is not available (and for
/// kinds we ship no definition for). The rules (time stamps, level words, HTTP status with 502/504
/// emphasised, quoted strings, IP addresses, "[pool x]", pids, signals, "(errno: text)") are the
/// engine's (report/logspans.h), shared with the PDF report; colours come from the palette (LogColors).
class LogHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    LogHighlighter(QTextDocument* document, LogKind kind, const LogColors& colors);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat format(LogStyle style) const;

    LogKind kind_;
    LogColors colors_;
};

} // namespace gd
