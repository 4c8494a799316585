#include "events/regexliteral.h"

namespace gd {

namespace {

bool isAsciiAlnum(QChar c)
{
    return c.unicode() < 128 && (c.isLetterOrNumber() || c == u'_');
}

/// Length of a `{n}`, `{n,}` or `{n,m}` quantifier starting at `at`, 0 if it is none; `minimum`
/// gets n.
qsizetype quantifierLength(const QString& pattern, qsizetype at, int* minimum)
{
    qsizetype i = at + 1;
    int value = 0;
    const qsizetype digitsFrom = i;
    while (i < pattern.size() && pattern[i].isDigit() && pattern[i].unicode() < 128)
        value = value * 10 + (pattern[i++].unicode() - u'0');
    if (i == digitsFrom)
        return 0;
    if (i < pattern.size() && pattern[i] == u',') {
        ++i;
        while (i < pattern.size() && pattern[i].isDigit() && pattern[i].unicode() < 128)
            ++i;
    }
    if (i >= pattern.size() || pattern[i] != u'}')
        return 0;
    *minimum = value;
    return i - at + 1;
}

/// Index after the character class that starts at `at` ('['), or the pattern's size.
qsizetype skipClass(const QString& pattern, qsizetype at)
{
    qsizetype i = at + 1;
    if (i < pattern.size() && pattern[i] == u'^')
        ++i;
    if (i < pattern.size() && pattern[i] == u']')
        ++i; // a leading ']' is a member
    while (i < pattern.size() && pattern[i] != u']') {
        if (pattern[i] == u'[' && i + 1 < pattern.size() && pattern[i + 1] == u':') {
            const qsizetype end = pattern.indexOf(QStringLiteral(":]"), i + 2);
            i = end < 0 ? pattern.size() : end + 2; // POSIX class such as [:digit:]
            continue;
        }
        i += pattern[i] == u'\\' ? 2 : 1;
    }
    return i + 1;
}

} // namespace

std::string requiredLiteral(const QString& pattern)
{
    if (pattern.contains(QStringLiteral("(?")) || pattern.contains(QStringLiteral("(*")) ||
        pattern.contains(QStringLiteral("\\Q")))
        return {}; // inline options, verbs or quoting change how the rest reads
    std::string best;
    std::string run;
    const auto endRun = [&] {
        if (run.size() > best.size())
            best = run;
        run.clear();
    };
    int depth = 0;
    bool lastIsLiteral = false; // the last atom is the last character of `run`
    qsizetype i = 0;
    while (i < pattern.size()) {
        const QChar c = pattern[i];
        // Quantifiers apply to the atom before them.
        int minimum = 1;
        const qsizetype braces = c == u'{' ? quantifierLength(pattern, i, &minimum) : 0;
        if (c == u'*' || c == u'?' || braces > 0 || c == u'+') {
            const bool optional = c == u'*' || c == u'?' || (braces > 0 && minimum == 0);
            if (depth == 0 && lastIsLiteral && optional && !run.empty())
                run.pop_back();
            endRun(); // a repeated character is not followed by the next one
            lastIsLiteral = false;
            i += braces > 0 ? braces : 1;
            continue;
        }
        lastIsLiteral = false;
        if (c == u'\\') {
            const QChar next = i + 1 < pattern.size() ? pattern[i + 1] : QChar();
            i += 2;
            if (next.isNull() || isAsciiAlnum(next) || next.unicode() >= 128) {
                if (depth == 0)
                    endRun(); // \d, \b, \1, \x41, ...: not a plain character
                continue;
            }
            if (depth == 0) {
                run += static_cast<char>(next.toLower().unicode());
                lastIsLiteral = true;
            }
            continue;
        }
        if (c == u'[') {
            if (depth == 0)
                endRun();
            i = skipClass(pattern, i);
            continue;
        }
        if (c == u'(' || c == u')') {
            if (depth == 0)
                endRun();
            depth += c == u'(' ? 1 : -1;
            if (depth < 0)
                return {};
            ++i;
            continue;
        }
        ++i;
        if (depth > 0)
            continue; // a group may be optional or an alternation: its text is not required
        if (c == u'|')
            return {};
        if (c == u'.' || c == u'^' || c == u'$' || c == u'{' || c.unicode() >= 128 || c.unicode() < 32) {
            endRun();
            continue;
        }
        run += static_cast<char>(c.toLower().unicode());
        lastIsLiteral = true;
    }
    endRun();
    return best;
}

} // namespace gd
