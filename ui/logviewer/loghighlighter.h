#pragma once

#include "logviewer/loghighlighterpalette.h"
#include "model/logkind.h"

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace gd {

/// Built-in highlighting for log lines, used when KSyntaxHighlighting is not available (and for
/// kinds we ship no definition for). A few fast rules per kind: time stamps, level words, HTTP
/// status (502/504 emphasised), quoted strings, IP addresses, "[pool x]", pids, signals and
/// "(errno: text)" parentheses. Colours come from the palette (LogColors).
class LogHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    LogHighlighter(QTextDocument* document, LogKind kind, const LogColors& colors);

protected:
    void highlightBlock(const QString& text) override;

private:
    enum class Style { Time, Error, Warning, Muted, String, Number, Identity, StatusError, StatusEmphasis };
    struct Rule {
        QRegularExpression expression;
        int group = 0;
        Style style = Style::Muted;
    };
    void addRule(const QString& pattern, Style style, int group = 0);
    void highlightLevels(const QString& text);
    void highlightStatus(const QString& text);
    QTextCharFormat format(Style style) const;

    LogKind kind_;
    LogColors colors_;
    std::vector<Rule> rules_;
};

} // namespace gd
