// The raw line behind any event must come back exactly, for plain files and archive members.

#include "import/importer.h"
#include "import/importtestutil.h"
#include "import/linespancollector.h"
#include "import/rawtext.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

/// Packs `dir`/var into the tar.gz `archive` with the real tar.
bool tarGzVar(const QString& dir, const QString& archive)
{
    return QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), archive, QStringLiteral("-C"),
                                                     dir, QStringLiteral("var")}) == 0;
}

} // namespace

class TestRawText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linesComeBackExactly_data()
    {
        QTest::addColumn<bool>("packed");
        QTest::addColumn<quint64>("cacheLimit");
        QTest::newRow("plain file") << false << quint64(256ULL << 20);
        QTest::newRow("tar.gz member, cached") << true << quint64(256ULL << 20);
        QTest::newRow("tar.gz member, too big to cache") << true << quint64(1024);
    }

    void linesComeBackExactly()
    {
        QFETCH(bool, packed);
        QFETCH(quint64, cacheLimit);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("var/log/nginx"));
        const QString logPath = dir.filePath(QStringLiteral("var/log/nginx/error.log"));
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::WriteOnly));
        const int lineCount = 3000;
        for (int n = 1; n <= lineCount; ++n)
            log.write(gdtest::numberedErrorLine(n) + (n % 7 == 0 ? "\r\n" : "\n"));
        log.close();
        QString input = logPath;
        if (packed) {
            input = dir.filePath(QStringLiteral("bundle.tar.gz"));
            QVERIFY(tarGzVar(dir.path(), input));
        }
        Importer importer({});
        const ImportResult result = importer.run({input});
        QCOMPARE(result.sources.size(), std::size_t(1));
        QCOMPARE(result.sources[0].lines, std::uint64_t(lineCount));
        RawTextReader reader(result.sources, cacheLimit);
        for (const int first : {1, 2, 511, 512, 513, 1024, 1025, 2999, 3000}) {
            std::vector<std::string> lines;
            QString error;
            QVERIFY2(reader.lines(0, first, 2, lines, &error), qPrintable(error));
            QCOMPARE(lines.size(), std::size_t(first == lineCount ? 1 : 2));
            QCOMPARE(QByteArray::fromStdString(lines[0]), gdtest::numberedErrorLine(first));
        }
        std::vector<std::string> lines;
        QString error;
        QVERIFY(!reader.lines(0, 0, 1, lines, &error));
        QVERIFY(!reader.lines(7, 1, 1, lines, &error));
    }

    void collectorPicksRangesFromAnyPieces_data()
    {
        QTest::addColumn<int>("pieceSize");
        QTest::newRow("1 byte") << 1;
        QTest::newRow("7 bytes") << 7;
        QTest::newRow("whole text") << (1 << 20);
    }

    // Ranges overlap, come unsorted, start before the stream's first line and run past its end;
    // the last line has no newline. The blocks must hold exactly the wanted lines.
    void collectorPicksRangesFromAnyPieces()
    {
        QFETCH(int, pieceSize);
        std::string text;
        for (int n = 10; n <= 60; ++n)
            text += "line " + std::to_string(n) + (n == 30 ? "\r\n" : "\n");
        text.pop_back(); // line 60 ends without a newline
        LineSpanCollector collector({{40, 5}, {12, 3}, {5, 7}, {43, 4}, {58, 10}}, 10);
        for (std::size_t at = 0; at < text.size(); at += static_cast<std::size_t>(pieceSize))
            collector.feed(std::string_view(text).substr(at, static_cast<std::size_t>(pieceSize)));
        collector.finish();
        const std::vector<LineBlock> blocks = collector.takeBlocks();
        QCOMPARE(blocks.size(), std::size_t(3));
        const std::pair<std::uint64_t, std::uint64_t> expected[] = {{10, 14}, {40, 46}, {58, 60}};
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            QCOMPARE(blocks[b].firstLine, expected[b].first);
            QCOMPARE(blocks[b].lines.size(), std::size_t(expected[b].second - expected[b].first + 1));
            for (std::size_t i = 0; i < blocks[b].lines.size(); ++i)
                QCOMPARE(blocks[b].lines[i], "line " + std::to_string(blocks[b].firstLine + i));
            QCOMPARE(blocks[b].reachesEnd, b == 2);
        }
    }

    void collectorStopsAtItsBudget()
    {
        LineSpanCollector collector({{1, 100}}, 1, 30);
        std::string text;
        for (int n = 1; n <= 100; ++n)
            text += "0123456789\n"; // 11 bytes a line, newline counted
        QVERIFY(!collector.feed(text));
        collector.finish();
        const std::vector<LineBlock> blocks = collector.takeBlocks();
        QCOMPARE(blocks.size(), std::size_t(1));
        QCOMPARE(blocks[0].lines.size(), std::size_t(3)); // the third line spends the budget
        QVERIFY(!blocks[0].reachesEnd);
    }

    // Pinned lines of several members (one of them gzip inside the tar) are read in one pass and
    // served from memory: they come back after the archive is gone; other lines do not.
    void pinnedLinesOutliveTheArchive()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("var/log/nginx"));
        const QStringList names = {QStringLiteral("error.log"), QStringLiteral("error.log.1"),
                                   QStringLiteral("error.log.2")};
        for (int file = 0; file < names.size(); ++file) {
            QFile log(dir.filePath(QStringLiteral("var/log/nginx/") + names[file]));
            QVERIFY(log.open(QIODevice::WriteOnly));
            for (int n = 1; n <= 2000; ++n)
                log.write(gdtest::numberedErrorLine(n + 2000 * (2 - file)) + '\n');
        }
        QCOMPARE(QProcess::execute(QStringLiteral("gzip"),
                                   {dir.filePath(QStringLiteral("var/log/nginx/error.log.2"))}),
                 0);
        const QString input = dir.filePath(QStringLiteral("bundle.tar.gz"));
        QVERIFY(tarGzVar(dir.path(), input));
        Importer importer({});
        const ImportResult result = importer.run({input});
        QCOMPARE(result.sources.size(), std::size_t(3));

        RawTextReader reader(result.sources, /*cacheLimitBytes=*/0);
        std::vector<RawTextReader::Span> spans;
        for (std::uint16_t source = 0; source < 3; ++source)
            spans.push_back({source, 1500, 20});
        spans.push_back({0, 1990, 50}); // runs past the end of the file
        QVERIFY(reader.pin(spans));
        QVERIFY(reader.pinnedBytes() > 60 * 150);
        QVERIFY(QFile::remove(input));

        for (std::uint16_t source = 0; source < 3; ++source) {
            std::vector<std::string> lines;
            QString error;
            QVERIFY2(reader.lines(source, 1505, 10, lines, &error), qPrintable(error));
            QCOMPARE(lines.size(), std::size_t(10));
            const int offset = result.sources[source].path.endsWith(QLatin1String("error.log")) ? 4000
                               : result.sources[source].path.contains(QLatin1String(".log.1"))  ? 2000
                                                                                                : 0;
            QCOMPARE(QByteArray::fromStdString(lines[0]), gdtest::numberedErrorLine(1505 + offset));
        }
        std::vector<std::string> tail;
        QString error;
        QVERIFY2(reader.lines(0, 1995, 20, tail, &error), qPrintable(error));
        QCOMPARE(tail.size(), std::size_t(6));           // lines 1995..2000: the file ends there
        QVERIFY(!reader.lines(0, 100, 1, tail, &error)); // not pinned: needs the archive
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRawText)
#include "tst_rawtext.moc"
