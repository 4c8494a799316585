#include "report/redaction.h"

#include <QRegularExpression>

namespace gd {

namespace {

const QString kMasked = QStringLiteral("[masked]");
const QString kOtherSite = QStringLiteral("another site");

// Host-like tokens: what a host name in a log line can be made of.
const QRegularExpression& hostToken()
{
    static const QRegularExpression pattern(QStringLiteral(
        "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"));
    return pattern;
}

bool isLoopbackOrUnspecified(const QString& address)
{
    return address.startsWith(QLatin1String("127.")) || address == QLatin1String("0.0.0.0") ||
           address == QLatin1String("::1") || address == QLatin1String("::");
}

bool isIpv4(const QString& text)
{
    const QStringList parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QString& part : parts) {
        bool ok = false;
        if (part.isEmpty() || part.size() > 3 || part.toInt(&ok) > 255 || !ok)
            return false;
    }
    return true;
}

/// `text` with each match of `pattern` that `replace` gives a replacement for (a null QString keeps it).
template <typename Replace>
QString replaceMatches(const QString& text, const QRegularExpression& pattern, int group, Replace replace)
{
    QString out;
    qsizetype last = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString replacement = replace(match);
        if (replacement.isNull())
            continue;
        out += QStringView(text).mid(last, match.capturedStart(group) - last);
        out += replacement;
        last = match.capturedEnd(group);
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

Redactor::Redactor(Options options)
    : options_(std::move(options))
{
}

QString Redactor::pseudonym(const QString& address)
{
    auto it = pseudonyms_.find(address);
    if (it == pseudonyms_.end())
        it = pseudonyms_.insert(address, QStringLiteral("client-%1").arg(pseudonyms_.size() + 1));
    return it.value();
}

QString Redactor::maskAddresses(const QString& text)
{
    // IPv4, and IPv6 with "::" or all eight groups (times such as 03:04:33 have neither).
    static const QRegularExpression address(QStringLiteral(
        "(?<![\\w.:])(?:(?:\\d{1,3}\\.){3}\\d{1,3}|(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\\w.:])"));
    return replaceMatches(text, address, 0, [this](const QRegularExpressionMatch& match) {
        const QString found = match.captured(0);
        const bool v4 = isIpv4(found);
        const bool v6 = !v4 && found.contains(u':') &&
                        (found.contains(QLatin1String("::")) || found.count(u':') == 7) &&
                        found.count(QLatin1String("::")) <= 1 && found != QLatin1String("::");
        return (!v4 && !v6) || isLoopbackOrUnspecified(found) ? QString() : pseudonym(found);
    });
}

QString Redactor::maskTokens(const QString& text)
{
    // name=value in a query string where the name says secret or the value looks like a random token.
    static const QRegularExpression parameter(
        QStringLiteral("([?&;])([A-Za-z0-9_.\\-\\[\\]]+)=([^&;#\\s\"']+)"));
    static const QRegularExpression secretName(
        QStringLiteral("(?:^|[_\\-.\\[])(?:sid|sess|session|sessid|phpsessid|jsessionid|token|access_token|"
                       "refresh_token|auth|authorization|key|apikey|api_key|secret|password|passwd|pass|pwd|"
                       "signature|sig|hash|otp|nonce|code|ticket|csrf|xsrf)(?:$|[_\\-.\\]])"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tokenValue(
        QStringLiteral("^(?=[A-Za-z0-9_\\-%.]*\\d)(?=[A-Za-z0-9_\\-%.]*[A-Za-z])[A-Za-z0-9_\\-%.]{20,}$"));
    // Drupal's one-time login links carry their hash in the path.
    static const QRegularExpression loginLink(QStringLiteral("(/user/reset/\\d+/\\d+/)[A-Za-z0-9_\\-]+"));
    QString masked = replaceMatches(text, parameter, 3, [this](const QRegularExpressionMatch& match) {
        if (!secretName.match(match.captured(2)).hasMatch() &&
            !tokenValue.match(match.captured(3)).hasMatch())
            return QString();
        ++maskedTokens_;
        return kMasked;
    });
    if (masked.contains(QLatin1String("/user/reset/"))) {
        const qsizetype before = masked.size();
        masked.replace(loginLink, QStringLiteral("\\1") + kMasked);
        maskedTokens_ += before != masked.size() ? 1 : 0;
    }
    return masked;
}

QString Redactor::maskSites(const QString& text) const
{
    if (options_.otherSites.isEmpty())
        return text;
    return replaceMatches(text, hostToken(), 0, [this](const QRegularExpressionMatch& match) {
        return options_.otherSites.contains(match.captured(0).toLower()) ? kOtherSite : QString();
    });
}

bool Redactor::mentionsOtherSite(const QString& text) const
{
    if (options_.otherSites.isEmpty())
        return false;
    auto it = hostToken().globalMatch(text);
    while (it.hasNext()) {
        if (options_.otherSites.contains(it.next().captured(0).toLower()))
            return true;
    }
    return false;
}

QString Redactor::redact(const QString& text)
{
    QString out = maskSites(text);
    if (options_.tokens)
        out = maskTokens(out);
    if (options_.addresses)
        out = maskAddresses(out);
    return out;
}

} // namespace gd
