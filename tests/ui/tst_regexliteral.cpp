// The text a regular expression's matches must contain, used to skip strings before matching.

#include "events/regexliteral.h"

#include <QRegularExpression>
#include <QTest>

using namespace gd;
using namespace Qt::StringLiterals;

class TestRegexLiteral : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void literalOfPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("literal");
        QTest::newRow("anchored path") << u"^/node/[0-9]+$"_s << "/node/";
        QTest::newRow("folded") << u"WP-Login\\.php"_s << "wp-login.php";
        QTest::newRow("optional last char") << u"/admin/views?"_s << "/admin/view";
        QTest::newRow("star drops the char") << u"abcd*ef"_s << "abc";
        QTest::newRow("plus keeps the char") << u"abcd+ef"_s << "abcd";
        QTest::newRow("lazy plus") << u"xyzw+?vu"_s << "xyzw";
        QTest::newRow("zero-count braces") << u"abcde{0,3}fg"_s << "abcd";
        QTest::newRow("counted braces") << u"abcde{2}fg"_s << "abcde";
        QTest::newRow("group skipped") << u"/user/(login|register)/submit"_s << "/submit";
        QTest::newRow("class skipped") << u"[|)(]/cart/"_s << "/cart/";
        QTest::newRow("escape class breaks") << u"node\\d+/edit"_s << "/edit";
        QTest::newRow("top-level alternation") << u"cart|checkout"_s << "";
        QTest::newRow("inline option") << u"(?i)abc"_s << "";
        QTest::newRow("quoting") << u"\\Qa.b\\E"_s << "";
        QTest::newRow("nothing literal") << u"[0-9]{5}"_s << "";
        QTest::newRow("non-ASCII breaks") << u"caf\u00e9/menu"_s << "/menu";
        QTest::newRow("unbalanced") << u"abc)"_s << "";
    }

    void literalOfPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, literal);
        QCOMPARE(QString::fromStdString(requiredLiteral(pattern)), literal);
    }

    // The promise itself: whenever an expression matches an ASCII string, the string contains the
    // literal (ignoring case).
    void everyMatchContainsTheLiteral()
    {
        const QStringList patterns = {
            u"^/node/[0-9]+$"_s, u"/admin/views?"_s, u"abcd*ef"_s, u"abcd+ef"_s,
            u"abcde{0,3}fg"_s,   u"x(ab)?yz"_s,      u"a.b.c"_s,   u"/user/(login|register)/submit"_s,
            u"n\\.o\\+d\\\\e"_s, u"^(?:a)bc"_s,      u"ab{1,}c"_s, u"k+s"_s,
            u"(a|b)c|d"_s};
        const QStringList texts = {u"/node/12"_s,
                                   u"/NODE/77"_s,
                                   u"/admin/view"_s,
                                   u"/admin/views"_s,
                                   u"abcef"_s,
                                   u"abcdddef"_s,
                                   u"ABCDEF"_s,
                                   u"abcfg"_s,
                                   u"abcdeeefg"_s,
                                   u"xyz"_s,
                                   u"xabyz"_s,
                                   u"a-b-c"_s,
                                   u"/user/login/submit"_s,
                                   u"n.o+d\\e"_s,
                                   u"abc"_s,
                                   u"abbbc"_s,
                                   u"KS"_s,
                                   u"ac"_s,
                                   u"d"_s,
                                   u"bc"_s};
        int checked = 0;
        for (const QString& pattern : patterns) {
            const QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
            QVERIFY2(expression.isValid(), qPrintable(pattern));
            const QString literal = QString::fromStdString(requiredLiteral(pattern));
            for (const QString& text : texts) {
                if (!expression.match(text).hasMatch())
                    continue;
                ++checked;
                QVERIFY2(text.contains(literal, Qt::CaseInsensitive),
                         qPrintable(QStringLiteral("%1 matches %2 without %3").arg(pattern, text, literal)));
            }
        }
        QVERIFY(checked >= 15);
    }
};

QTEST_GUILESS_MAIN(TestRegexLiteral)
#include "tst_regexliteral.moc"
