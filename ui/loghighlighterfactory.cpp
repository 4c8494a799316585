#include "loghighlighterfactory.h"

#include "loghighlighter.h"

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
    switch (kind) {
    case LogKind::NginxAccess:
        return QStringLiteral("Gateway Doctor nginx access log");
    case LogKind::NginxError:
        return QStringLiteral("Gateway Doctor nginx error log");
    case LogKind::FpmMaster:
        return QStringLiteral("Gateway Doctor PHP-FPM log");
    case LogKind::FpmSlow:
        return QStringLiteral("Gateway Doctor PHP-FPM slowlog");
    default:
        return {};
    }
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
            auto* highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
            highlighter->setTheme(repository_->definitions.defaultTheme(
                LogColors::isDark(palette) ? KSyntaxHighlighting::Repository::DarkTheme
                                           : KSyntaxHighlighting::Repository::LightTheme));
            highlighter->setDefinition(definition);
            return highlighter;
        }
    }
#endif
    return new LogHighlighter(document, kind, LogColors::fromPalette(palette));
}

} // namespace gd
