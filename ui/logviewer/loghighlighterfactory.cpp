#include "logviewer/loghighlighterfactory.h"

#include "logviewer/loghighlighter.h"
#include "parse/logkinds.h"

#include <QTextBlock>
#include <QTextDocument>

#ifdef GD_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace gd {

struct LogHighlighterFactory::Repository {
#ifdef GD_HAVE_KSYNTAXHIGHLIGHTING
    KSyntaxHighlighting::Repository definitions;
#endif
};

LogHighlighterFactory::LogHighlighterFactory()
    : repository_(std::make_unique<Repository>())
{
#ifdef GD_HAVE_KSYNTAXHIGHLIGHTING
    // The repository reads Qt resource folders directly (it looks in <path>/syntax).
    repository_->definitions.addCustomSearchPath(resourceSearchPath());
#endif
}

LogHighlighterFactory::~LogHighlighterFactory() = default;

bool LogHighlighterFactory::hasKSyntaxHighlighting()
{
#ifdef GD_HAVE_KSYNTAXHIGHLIGHTING
    return true;
#else
    return false;
#endif
}

QString LogHighlighterFactory::resourceSearchPath()
{
    return QStringLiteral(":/gatewaydoctor");
}

QString LogHighlighterFactory::definitionName(LogKind kind)
{
    const LogKindInfo* info = logKindInfo(kind);
    return info ? QString::fromLatin1(info->syntaxDefinition) : QString();
}

QSyntaxHighlighter* LogHighlighterFactory::create(QTextDocument* document, LogKind kind,
                                                  const QPalette& palette)
{
    if (kind == LogKind::Unknown)
        return nullptr;
#ifdef GD_HAVE_KSYNTAXHIGHLIGHTING
    const QString name = definitionName(kind);
    if (!name.isEmpty()) {
        const KSyntaxHighlighting::Definition definition = repository_->definitions.definitionForName(name);
        if (definition.isValid()) {
            // KSyntaxHighlighting queues a re-highlight of the next block whenever a block's state
            // differs from its previous pass; when the viewer replaces the text before that runs, the
            // queued block dangles (a crash in QTextBlock::position()). So: forget states an earlier
            // highlighter left on the blocks, and attach only once definition and theme are set, so
            // every block is highlighted once, fresh.
            for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
                block.setUserData(nullptr);
            auto* highlighter = new KSyntaxHighlighting::SyntaxHighlighter(static_cast<QObject*>(document));
            highlighter->setDefinition(definition);
            highlighter->setTheme(repository_->definitions.defaultTheme(
                LogColors::isDark(palette) ? KSyntaxHighlighting::Repository::DarkTheme
                                           : KSyntaxHighlighting::Repository::LightTheme));
            highlighter->setDocument(document);
            return highlighter;
        }
    }
#endif
    return new LogHighlighter(document, kind, LogColors::fromPalette(palette));
}

} // namespace gd
