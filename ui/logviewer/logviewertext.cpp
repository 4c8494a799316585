#include "logviewer/logviewertext.h"

#include <QCoreApplication>

namespace gd {

namespace {

bool isInvisibleFormatMark(char16_t c)
{
    return c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

} // namespace

QString safeDisplayText(std::string_view raw, qsizetype maxChars)
{
    // Decode only what can be shown (4 bytes per character at most) so a 64 KB line stays cheap.
    const auto byteLimit = static_cast<std::size_t>(maxChars) * 4 + 4;
    const bool cutBytes = raw.size() > byteLimit;
    const QString decoded =
        QString::fromUtf8(raw.data(), static_cast<qsizetype>(cutBytes ? byteLimit : raw.size()));

    QString text;
    text.reserve(std::min(decoded.size(), maxChars) + 16);
    qsizetype shown = 0;
    for (const QChar ch : decoded) {
        if (shown >= maxChars)
            break;
        const char16_t c = ch.unicode();
        if (c == u'\t') {
            text += ch;
        } else if (c < 0x20) {
            text += QChar(static_cast<char16_t>(0x2400 + c));
        } else if (c >= 0x7F && c <= 0x9F) {
            text += QChar(QChar::ReplacementCharacter);
        } else if (isInvisibleFormatMark(c)) {
            text += QStringLiteral("[U+%1]").arg(static_cast<unsigned>(c), 4, 16, QChar(u'0')).toUpper();
        } else {
            text += ch;
        }
        ++shown;
    }
    if (cutBytes || decoded.size() > shown) {
        text += u' ' +
                QCoreApplication::translate("gd::LogViewer", "… (line cut, %n bytes in total)", nullptr,
                                            static_cast<int>(std::min<std::size_t>(raw.size(), INT32_MAX)));
    }
    return text;
}

} // namespace gd
