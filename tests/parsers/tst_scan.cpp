// The parsers' scanning toolkit (parse/scan.h) on pieces of real log lines: what each helper reads, what it
// leaves, and that numbers too large for their field are refused or saturated instead of wrapping around.

#include "parse/scan.h"

#include <QTest>

using namespace gd;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

constexpr qulonglong kNoResult = ~0ULL;

} // namespace

class TestScan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void consumeUnsigned_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qulonglong>("limit");
        QTest::addColumn<qulonglong>("value"); // kNoResult: refused
        QTest::addColumn<QByteArray>("rest");
        QTest::newRow("pid and tid") << QByteArray("4021#4021: *88") << 0xFFFFFFFFULL << 4021ULL
                                     << QByteArray("#4021: *88");
        QTest::newRow("whole text") << QByteArray("23456") << 0xFFFFFFFFULL << 23456ULL << QByteArray();
        QTest::newRow("largest 32-bit")
            << QByteArray("4294967295)") << 0xFFFFFFFFULL << 4294967295ULL << QByteArray(")");
        QTest::newRow("33 bits") << QByteArray("4294967296)") << 0xFFFFFFFFULL << kNoResult
                                 << QByteArray("4294967296)");
        QTest::newRow("40 digits") << QByteArray("1234567890123456789012345678901234567890 x")
                                   << 0xFFFFFFFFULL << kNoResult
                                   << QByteArray("1234567890123456789012345678901234567890 x");
        QTest::newRow("syslog priority") << QByteArray("191>") << 191ULL << 191ULL << QByteArray(">");
        QTest::newRow("priority above limit")
            << QByteArray("192>") << 191ULL << kNoResult << QByteArray("192>");
        QTest::newRow("no digits") << QByteArray("child") << 0xFFFFFFFFULL << kNoResult
                                   << QByteArray("child");
        QTest::newRow("empty") << QByteArray() << 0xFFFFFFFFULL << kNoResult << QByteArray();
    }

    void consumeUnsigned()
    {
        QFETCH(QByteArray, text);
        QFETCH(qulonglong, limit);
        QFETCH(qulonglong, value);
        QFETCH(QByteArray, rest);
        std::string_view scanned = view(text);
        std::uint32_t out = 7;
        const bool ok = scan::consumeUnsigned(scanned, out, static_cast<std::uint32_t>(limit));
        QCOMPARE(ok, value != kNoResult);
        QCOMPARE(static_cast<qulonglong>(out), ok ? value : 7ULL); // untouched on failure
        QCOMPARE(bytes(scanned), rest);
    }

    void parseUnsigned_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qulonglong>("value"); // kNoResult: refused
        QTest::newRow("frame line") << QByteArray("880") << 880ULL;
        QTest::newRow("zero") << QByteArray("0") << 0ULL;
        QTest::newRow("trailing space") << QByteArray("880 ") << kNoResult;
        QTest::newRow("sign") << QByteArray("-1") << kNoResult;
        QTest::newRow("overflow") << QByteArray("99999999999") << kNoResult;
        QTest::newRow("empty") << QByteArray() << kNoResult;
    }

    void parseUnsigned()
    {
        QFETCH(QByteArray, text);
        QFETCH(qulonglong, value);
        std::uint32_t out = 7;
        QCOMPARE(scan::parseUnsigned(view(text), out), value != kNoResult);
        QCOMPARE(static_cast<qulonglong>(out), value != kNoResult ? value : 7ULL);
    }

    void secondsAsMs_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qulonglong>("ms"); // kNoResult: refused
        QTest::addColumn<QByteArray>("rest");
        QTest::newRow("FPM slow request")
            << QByteArray("60.412345 sec), logging") << 60412ULL << QByteArray(" sec), logging");
        QTest::newRow("request_time") << QByteArray("180.004") << 180004ULL << QByteArray();
        QTest::newRow("one decimal") << QByteArray("0.5") << 500ULL << QByteArray();
        QTest::newRow("whole seconds") << QByteArray("3") << 3000ULL << QByteArray();
        QTest::newRow("largest") << QByteArray("4294967.294") << 4294967294ULL << QByteArray();
        QTest::newRow("absent marker") << QByteArray("4294967.295") << kNoResult << QByteArray("4294967.295");
        QTest::newRow("49 days and more")
            << QByteArray("99999999999.000") << kNoResult << QByteArray("99999999999.000");
        QTest::newRow("dot without digits") << QByteArray("180. ") << kNoResult << QByteArray("180. ");
        QTest::newRow("no integer part") << QByteArray(".250") << kNoResult << QByteArray(".250");
        QTest::newRow("unset") << QByteArray("-") << kNoResult << QByteArray("-");
    }

    void secondsAsMs()
    {
        QFETCH(QByteArray, text);
        QFETCH(qulonglong, ms);
        QFETCH(QByteArray, rest);
        std::string_view scanned = view(text);
        std::uint32_t out = 7;
        QCOMPARE(scan::consumeSecondsAsMs(scanned, out), ms != kNoResult);
        QCOMPARE(static_cast<qulonglong>(out), ms != kNoResult ? ms : 7ULL);
        QCOMPARE(bytes(scanned), rest);
        // The whole-field form accepts exactly what leaves nothing behind.
        std::uint32_t whole = 7;
        QCOMPARE(scan::parseSecondsAsMs(view(text), whole), ms != kNoResult && rest.isEmpty());
    }

    void leadingNumbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("hex");
        QTest::addColumn<int>("value");
        QTest::newRow("systemd status") << QByteArray("9/KILL") << false << 9;
        QTest::newRow("count") << QByteArray("12") << false << 12;
        QTest::newRow("saturated") << QByteArray("650000000000%") << false << 65535;
        QTest::newRow("none") << QByteArray("x12") << false << 0;
        QTest::newRow("page-fault bits") << QByteArray("14 in libc.so.6[7f3c]") << true << 0x14;
        QTest::newRow("upper-case hex") << QByteArray("1F") << true << 0x1F;
        QTest::newRow("hex saturated") << QByteArray("7f3c2a100000+c8000") << true << 65535;
    }

    void leadingNumbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, hex);
        QFETCH(int, value);
        QCOMPARE(int(hex ? scan::leadingHexU16(view(text)) : scan::leadingU16(view(text))), value);
    }

    void saturate16()
    {
        QCOMPARE(int(scan::saturate16(16)), 16);
        QCOMPARE(int(scan::saturate16(65535)), 65535);
        QCOMPARE(int(scan::saturate16(100000)), 65535);
    }

    void digits()
    {
        QCOMPARE(scan::digitRun("4021#4021"), std::size_t{4});
        QCOMPARE(scan::digitRun("#4021"), std::size_t{0});
        std::string_view rest = "256: fpm_children_bury()";
        QCOMPARE(scan::skipDigits(rest), std::size_t{3});
        QCOMPARE(rest, std::string_view(": fpm_children_bury()"));
        QCOMPARE(scan::hexValue('a'), 10);
        QCOMPARE(scan::hexValue('F'), 15);
        QCOMPARE(scan::hexValue('g'), -1);
    }

    void find_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("from");
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<int>("found"); // -1: npos
        QTest::newRow("short field") << QByteArray("10.0.0.1 - - [24/Nov/2026") << 0 << QByteArray(" ") << 8;
        // Past the first 16 bytes the search goes to memchr.
        QTest::newRow("long field") << QByteArray(
                                           "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101\" 0.250")
                                    << 0 << QByteArray("\"") << 56;
        QTest::newRow("from the end") << QByteArray("abc") << 3 << QByteArray("c") << -1;
        QTest::newRow("not there") << QByteArray("GET / HTTP/1.1") << 0 << QByteArray("\"") << -1;
        QTest::newRow("literal") << QByteArray("\"GET /a\" x\" 200 512") << 1 << QByteArray("\" 2") << 10;
        QTest::newRow("literal cut at the end") << QByteArray("\"GET /a\"") << 1 << QByteArray("\" ") << -1;
    }

    void find()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, from);
        QFETCH(QByteArray, literal);
        QFETCH(int, found);
        const std::size_t expected = found < 0 ? scan::npos : static_cast<std::size_t>(found);
        const auto start = static_cast<std::size_t>(from);
        if (literal.size() == 1)
            QCOMPARE(scan::findByte(view(text), start, literal[0]), expected);
        QCOMPARE(scan::findLiteral(view(text), start, view(literal)), expected);
        if (found >= 0)
            QVERIFY(scan::hasAt(view(text), expected, view(literal)));
    }

    void hasAt()
    {
        QVERIFY(scan::hasAt("[pool www] ", 0, "[pool "));
        QVERIFY(!scan::hasAt("[pool", 0, "[pool "));
        QVERIFY(scan::hasAt("abc", 3, ""));
        QVERIFY(!scan::hasAt("abc", 4, ""));
    }

    void consume()
    {
        std::string_view text = "child 23456 exited";
        QVERIFY(scan::consume(text, "child "));
        QCOMPARE(text, std::string_view("23456 exited"));
        QVERIFY(!scan::consume(text, "child "));
        QCOMPARE(text, std::string_view("23456 exited"));
    }

    void tokensAndBlanks()
    {
        std::string_view rest;
        QCOMPARE(scan::splitToken("srv1 kernel: msg", rest), std::string_view("srv1"));
        QCOMPARE(rest, std::string_view("kernel: msg"));
        QCOMPARE(scan::splitToken("MARK", rest), std::string_view("MARK"));
        QVERIFY(rest.empty());
        QCOMPARE(scan::skipLeadingNuls(std::string_view("\0\0Nov 24", 8)), std::string_view("Nov 24"));
        QCOMPARE(scan::trimRight("example.com \t "), std::string_view("example.com"));
        QVERIFY(scan::trimRight(" \t").empty());
        QCOMPARE(scan::trimSpaces(" 0.004 "), std::string_view("0.004"));
        QCOMPARE(scan::trimSpaces("\t0.004"), std::string_view("\t0.004"));
        QVERIFY(scan::isUpper('G') && !scan::isUpper('g'));
    }

    void stripAnsi()
    {
        std::string buffer;
        const std::string_view plain = "Nov 24 10:51:32 srv1 kernel: x";
        QCOMPARE(scan::stripAnsi(plain, buffer).data(), plain.data()); // no copy without escapes
        QCOMPARE(scan::stripAnsi("\x1b[0;1;31mred\x1b[0m and \x1b[1mbold\x1b[22m", buffer),
                 std::string_view("red and bold"));
        QCOMPARE(scan::stripAnsi("two-byte \x1b(Bsequence", buffer), std::string_view("two-byte Bsequence"));
        QCOMPARE(scan::stripAnsi("cut at the end \x1b[0;3", buffer), std::string_view("cut at the end "));
        QCOMPARE(scan::stripAnsi("lone escape \x1b", buffer), std::string_view("lone escape "));
        QCOMPARE(scan::stripAnsi("\x1b[m", buffer), std::string_view(""));
    }
};

QTEST_GUILESS_MAIN(TestScan)
#include "tst_scan.moc"
