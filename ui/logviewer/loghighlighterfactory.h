#pragma once

#include "model/logkind.h"

#include <QPalette>
#include <QString>
#include <memory>

class QSyntaxHighlighter;
class QTextDocument;

namespace gd {

/// Puts the best available highlighter for a log kind on a document: KSyntaxHighlighting with the
/// definitions we ship (resources/syntax/*.xml) when the build found KF6SyntaxHighlighting, else
/// the built-in LogHighlighter. Keeps the (moderately expensive) definition repository alive.
class LogHighlighterFactory {
public:
    LogHighlighterFactory();
    ~LogHighlighterFactory();
    LogHighlighterFactory(const LogHighlighterFactory&) = delete;
    LogHighlighterFactory& operator=(const LogHighlighterFactory&) = delete;

    /// A new highlighter for `kind` working on `document` (the document's child); the caller
    /// deletes the previous one. Null for kinds with nothing to highlight.
    QSyntaxHighlighter* create(QTextDocument* document, LogKind kind, const QPalette& palette);

    /// Name of our syntax definition for `kind` ("" when we ship none).
    static QString definitionName(LogKind kind);
    /// Qt resource folder holding "syntax/*.xml" (for Repository::addCustomSearchPath).
    static QString resourceSearchPath();
    static bool hasKSyntaxHighlighting();

private:
    struct Repository; // KSyntaxHighlighting's repository when built with it, else empty
    std::unique_ptr<Repository> repository_;
};

} // namespace gd
