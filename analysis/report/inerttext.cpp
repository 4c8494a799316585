#include "report/inerttext.h"

namespace gd {

namespace {

bool isUnsafe(char16_t c)
{
    if (c < 0x20)
        return c != u'\t' && c != u'\n';
    if (c >= 0x7F && c < 0xA0)
        return true; // DEL and the C1 controls
    switch (c) {
    case 0x061C: // Arabic letter mark
    case 0x200E: // left-to-right mark
    case 0x200F: // right-to-left mark
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
        return true;
    default:
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}

} // namespace

QString inertText(const QString& text, qsizetype maxChars)
{
    QString out = text;
    for (QChar& c : out) {
        if (isUnsafe(c.unicode()))
            c = QChar::ReplacementCharacter;
    }
    if (maxChars > 0 && out.size() > maxChars) {
        const qsizetype left = out.size() - maxChars;
        out.truncate(maxChars);
        out += QStringLiteral(" … [%1 more characters]").arg(left);
    }
    return out;
}

} // namespace gd
