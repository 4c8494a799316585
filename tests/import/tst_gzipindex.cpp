// Random access into big gzip files: the access points of GzipIndex behind RawTextReader. Files made with
// the real gzip (one member, and two members by `cat a.gz b.gz`); any line range read through the points
// must equal the original text. Truncated, damaged and non-gzip files read what they can, fall back to
// decoding from the start, and never crash.

#include "import/gzipindex.h"
#include "import/rawtext.h"
#include "importtestutil.h"

#include <QTemporaryDir>
#include <atomic>
#include <random>
#include <set>
#include <thread>

using namespace gd;
using namespace gdtest;

namespace {

constexpr std::size_t kTextBytes = 40u << 20;
constexpr std::uint64_t kSmallSpacing = 256 * 1024;

/// The text the gzip files hold, and where each of its lines starts.
struct Text {
    std::string bytes;
    std::vector<std::uint64_t> lineStarts; ///< lineStarts[i]: offset of line i + 1

    std::uint64_t lineCount() const { return lineStarts.size(); }
    /// Lines [first, first + count) without their newline, fewer at the end.
    std::vector<std::string> lines(std::uint64_t first, std::uint64_t count) const
    {
        std::vector<std::string> out;
        for (std::uint64_t line = first; line < first + count && line <= lineCount(); ++line) {
            const std::uint64_t start = lineStarts[line - 1];
            const std::uint64_t end = line < lineCount() ? lineStarts[line] : bytes.size();
            out.push_back(bytes.substr(start, end - start - 1));
        }
        return out;
    }
};

/// Numbered nginx error lines, most with a referrer of random length and characters, so deflate blocks
/// and their bit offsets vary as in real logs.
Text makeText(std::size_t bytes)
{
    Text text;
    std::mt19937_64 random(20261127);
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789/-_.";
    for (int n = 1; text.bytes.size() < bytes; ++n) {
        text.lineStarts.push_back(text.bytes.size());
        text.bytes += numberedErrorLine(n).toStdString();
        const std::size_t extra = random() % 160;
        if (extra > 0) {
            text.bytes += ", referrer: \"https://example.com/";
            for (std::size_t i = 0; i < extra; ++i)
                text.bytes += kChars[random() % (sizeof kChars - 1)];
            text.bytes += '"';
        }
        text.bytes += '\n';
    }
    return text;
}

/// The first `lines` lines of `text`.
Text prefix(const Text& text, std::uint64_t lines)
{
    Text head;
    head.lineStarts.assign(text.lineStarts.begin(),
                           text.lineStarts.begin() + static_cast<std::ptrdiff_t>(lines));
    head.bytes = text.bytes.substr(0, text.lineStarts[lines]);
    return head;
}

/// What the import would record for `path` holding `text` (the source of a file damaged since).
SourceInfo describeFile(const QString& path, const Text& text)
{
    SourceInfo info;
    info.location.bundle = path;
    info.location.inputPath = path;
    info.location.memberChain = QStringList{QString()};
    info.location.compressed = true;
    info.path = path;
    info.kind = LogKind::NginxError;
    info.bytes = text.bytes.size();
    info.lines = text.lineCount();
    for (std::uint64_t i = 0; i < text.lineCount(); i += SourceInfo::kLineCheckpointStride)
        info.lineCheckpoints.push_back(text.lineStarts[i]);
    return info;
}

bool writeText(const QString& path, const std::string& bytes)
{
    return writeFile(path, QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

/// Everything `stream` gives until it ends or fails; `failed` tells which.
std::string readAll(ByteReader& stream, bool* failed)
{
    std::string all;
    std::vector<char> block(64 * 1024);
    std::ptrdiff_t n = 0;
    while ((n = stream.read(block.data(), block.size())) > 0)
        all.append(block.data(), static_cast<std::size_t>(n));
    *failed = n < 0;
    return all;
}

/// Reads `count` random line ranges of source 0 within lines [1, lastLine] and compares them with `text`;
/// when `lastLine` ends the text, a few ranges start or run past it.
void compareRandomRanges(RawTextReader& reader, const Text& text, std::uint64_t lastLine, int count,
                         std::uint64_t seed)
{
    const bool wholeText = lastLine == text.lineCount();
    std::mt19937_64 random(seed);
    for (int i = 0; i < count; ++i) {
        const std::uint64_t first = 1 + random() % (lastLine + (wholeText ? 2 : 0));
        std::uint64_t lines = 1 + random() % 700;
        if (!wholeText)
            lines = std::min(lines, lastLine - first + 1);
        std::vector<std::string> got;
        QString error;
        QVERIFY2(reader.lines(0, first, static_cast<std::uint32_t>(lines), got, &error), qPrintable(error));
        QVERIFY2(got == text.lines(first, lines),
                 qPrintable(
                     QStringLiteral("lines %1 + %2: %3 lines differ").arg(first).arg(lines).arg(got.size())));
    }
}

} // namespace

class TestGzipIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void randomRangesMatchTheText_data();
    void randomRangesMatchTheText();
    void everyAccessPointRestartsExactly();
    void concurrentReadsAgree();
    void indexAheadCoversTheFile();
    void rewrittenFileDropsItsPoints();
    void truncatedFileKeepsItsPrefix();
    void damagedFileFallsBackWithoutCrash();
    void otherContentFallsBack_data();
    void otherContentFallsBack();

private:
    QString path(const QString& name) const { return dir_.filePath(name); }

    QTemporaryDir dir_;
    Text text_;
    std::uint64_t memberBoundary_ = 0; ///< where the second member of two-members/ starts in the text
};

void TestGzipIndex::initTestCase()
{
    if (!haveTool(QStringLiteral("gzip")) || !haveTool(QStringLiteral("cat")))
        QSKIP("needs gzip and cat");
    QVERIFY(dir_.isValid());
    text_ = makeText(kTextBytes);
    QVERIFY(writeText(path(QStringLiteral("error.log")), text_.bytes));
    for (const char* folder : {"single", "two-members", "small"})
        QVERIFY(QDir(dir_.path()).mkpath(QLatin1String(folder)));
    QVERIFY(compressFile(QStringLiteral("gzip"), path(QStringLiteral("error.log")),
                         path(QStringLiteral("single/error.log.gz"))));

    // Two members cut in the middle of a line, at different levels: the text is their concatenation.
    memberBoundary_ = text_.lineStarts[text_.lineCount() * 3 / 5] + 17;
    QVERIFY(writeText(path(QStringLiteral("a")), text_.bytes.substr(0, memberBoundary_)));
    QVERIFY(writeText(path(QStringLiteral("b")), text_.bytes.substr(memberBoundary_)));
    QVERIFY(runTool(QStringLiteral("gzip"), {QStringLiteral("-1"), QStringLiteral("-c")}, dir_.path(),
                    path(QStringLiteral("a")), path(QStringLiteral("a.gz"))));
    QVERIFY(runTool(QStringLiteral("gzip"), {QStringLiteral("-9"), QStringLiteral("-c")}, dir_.path(),
                    path(QStringLiteral("b")), path(QStringLiteral("b.gz"))));
    QVERIFY(runTool(QStringLiteral("cat"), {QStringLiteral("a.gz"), QStringLiteral("b.gz")}, dir_.path(), {},
                    path(QStringLiteral("two-members/error.log.gz"))));

    const QByteArray gz = readFile(path(QStringLiteral("single/error.log.gz")));
    QVERIFY(gz.size() > 1 << 20);
    QVERIFY(writeFile(path(QStringLiteral("truncated/error.log.gz")), gz.left(gz.size() * 3 / 5)));
    // 4 KiB complemented at half of the file: inflate meets invalid codes there.
    QByteArray damaged = gz;
    for (qsizetype i = damaged.size() / 2; i < damaged.size() / 2 + 4096; ++i)
        damaged[i] = static_cast<char>(~damaged[i]);
    QVERIFY(writeFile(path(QStringLiteral("damaged/error.log.gz")), damaged));
}

void TestGzipIndex::randomRangesMatchTheText_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("one member") << QStringLiteral("single/error.log.gz");
    QTest::newRow("two members (cat a.gz b.gz)") << QStringLiteral("two-members/error.log.gz");
}

// Through the import (ISA-L or libarchive there, zlib here): its line checkpoints must meet the text the
// access points give back, across the member boundary too.
void TestGzipIndex::randomRangesMatchTheText()
{
    QFETCH(QString, file);
    const ImportResult result = runImport({path(file)});
    QVERIFY2(result.sources.size() == 1, qPrintable(describe(result)));
    QCOMPARE(result.sources[0].lines, text_.lineCount());
    QCOMPARE(result.sources[0].bytes, std::uint64_t(text_.bytes.size()));
    QCOMPARE(result.sources[0].location.memberChain, QStringList{QString()});

    RawTextReader reader(result.sources, /*cacheLimitBytes=*/0); // nothing cached: every read seeks
    compareRandomRanges(reader, text_, text_.lineCount(), 150, 7);
    if (QTest::currentTestFailed())
        return;
    // The reads went through access points: 40 MB hold four 8 MB spacings, each point with its history.
    QVERIFY(reader.gzipIndexBytes() > 4 * 1024);
    // The first and last lines.
    std::vector<std::string> lines;
    QString error;
    QVERIFY2(reader.lines(0, 1, 3, lines, &error), qPrintable(error));
    QVERIFY(lines == text_.lines(1, 3));
    QVERIFY2(reader.lines(0, text_.lineCount() - 1, 10, lines, &error), qPrintable(error));
    QVERIFY(lines == text_.lines(text_.lineCount() - 1, 2));
}

// Points every 256 KiB: a read from every one of them (each restarts inflate at some bit of some byte
// with its history), and across the member boundary in raw mode (the trailer skipped, the next header read).
void TestGzipIndex::everyAccessPointRestartsExactly()
{
    GzipIndex index(path(QStringLiteral("two-members/error.log.gz")), kSmallSpacing);
    std::uint64_t start = 1;
    QString error;
    {
        const auto stream = index.openAt(0, &start, &error);
        QVERIFY2(stream, qPrintable(error));
        QCOMPARE(start, std::uint64_t(0));
        bool failed = true;
        const std::string all = readAll(*stream, &failed);
        QVERIFY2(!failed, qPrintable(stream->errorString()));
        QVERIFY(all == text_.bytes);
    }
    const std::uint64_t size = text_.bytes.size();
    QVERIFY2(index.accessPoints() >= size / (4 * kSmallSpacing),
             qPrintable(QString::number(index.accessPoints())));
    QVERIFY(index.coveredBytes() + 4 * kSmallSpacing > size);
    QVERIFY(index.memoryBytes() > 0);
    QVERIFY(index.memoryBytes() < index.accessPoints() * GzipSeekReader::kWindowBytes); // histories deflated

    std::mt19937_64 random(11);
    std::vector<char> block(300 * 1024);
    std::set<std::uint64_t> starts;
    for (std::uint64_t slice = 0; slice * kSmallSpacing < size; ++slice) {
        const std::uint64_t offset = std::min(size - 1, slice * kSmallSpacing + random() % kSmallSpacing);
        const auto stream = index.openAt(offset, &start, &error);
        QVERIFY2(stream, qPrintable(error));
        QVERIFY(start <= offset);
        QVERIFY2(offset - start < 4 * kSmallSpacing,
                 qPrintable(QStringLiteral("%1 from %2").arg(offset).arg(start)));
        QCOMPARE(stream->offset(), start);
        const std::ptrdiff_t n = readFully(*stream, block.data(), block.size());
        QVERIFY2(n > 0, qPrintable(stream->errorString()));
        QVERIFY2(std::string_view(block.data(), static_cast<std::size_t>(n)) ==
                     std::string_view(text_.bytes).substr(start, static_cast<std::size_t>(n)),
                 qPrintable(QStringLiteral("from access point at %1").arg(start)));
        starts.insert(start);
    }
    QVERIFY(starts.size() > size / (4 * kSmallSpacing)); // many different points were used

    const auto across = index.openAt(memberBoundary_ - 1, &start, &error);
    QVERIFY2(across, qPrintable(error));
    QVERIFY(start < memberBoundary_);
    bool failed = true;
    const std::string rest = readAll(*across, &failed);
    QVERIFY2(!failed, qPrintable(across->errorString()));
    QVERIFY(rest == text_.bytes.substr(start));
}

// The log viewer and the incident panel read on worker threads: one index, taken and used at once.
void TestGzipIndex::concurrentReadsAgree()
{
    const ImportResult result = runImport({path(QStringLiteral("single/error.log.gz"))});
    QCOMPARE(result.sources.size(), std::size_t(1));
    RawTextReader reader(result.sources, 0);
    std::atomic<int> wrong{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937_64 random(100 + static_cast<std::uint64_t>(t));
            for (int i = 0; i < 20; ++i) {
                const std::uint64_t first = 1 + random() % text_.lineCount();
                std::vector<std::string> lines;
                QString error;
                if (!reader.lines(0, first, 50, lines, &error))
                    ++failed;
                else if (lines != text_.lines(first, 50))
                    ++wrong;
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QCOMPARE(failed.load(), 0);
    QCOMPARE(wrong.load(), 0);
    QVERIFY(reader.gzipIndexBytes() > 0);
}

// Points taken from other bytes would restart inflate in the wrong places: a file rewritten since (same
// text, other compressed bytes) is read from its own points.
// What the log viewer runs once a big compressed file is shown: the points to the end of the file, so a
// read anywhere afterwards needs no decoding from far behind. Cancelled, it stops and keeps what it took.
void TestGzipIndex::indexAheadCoversTheFile()
{
    const ImportResult result = runImport({path(QStringLiteral("two-members/error.log.gz"))});
    QCOMPARE(result.sources.size(), std::size_t(1));
    RawTextReader reader(result.sources, 0);
    const std::atomic<bool> cancelled{true};
    QVERIFY(!reader.indexAhead(0, &cancelled));
    const std::uint64_t before = reader.gzipIndexBytes();
    const std::atomic<bool> running{false};
    QVERIFY(reader.indexAhead(0, &running));
    // 40 MB of text hold four 8 MB spacings: four points with their histories.
    QVERIFY(reader.gzipIndexBytes() > before + 4 * 1024);
    compareRandomRanges(reader, text_, text_.lineCount(), 40, 11);

    // A plain file, or one small enough for the cache, has nothing to index.
    const ImportResult plain = runImport({path(QStringLiteral("error.log"))});
    RawTextReader plainReader(plain.sources, 0);
    QVERIFY(!plainReader.indexAhead(0, &running));
    RawTextReader cachingReader(result.sources);
    QVERIFY(!cachingReader.indexAhead(0, &running));
    QVERIFY(!reader.indexAhead(7, &running)); // no such source
}

void TestGzipIndex::rewrittenFileDropsItsPoints()
{
    const QString file = path(QStringLiteral("rewritten/error.log.gz"));
    QVERIFY(writeFile(file, readFile(path(QStringLiteral("single/error.log.gz")))));
    GzipIndex index(file, kSmallSpacing);
    std::uint64_t start = 1;
    QString error;
    bool failed = true;
    {
        const auto stream = index.openAt(0, &start, &error);
        QVERIFY2(stream, qPrintable(error));
        QCOMPARE(readAll(*stream, &failed).size(), text_.bytes.size());
    }
    const std::size_t pointsBefore = index.accessPoints();
    QVERIFY(pointsBefore > 10);
    QVERIFY(writeFile(file, readFile(path(QStringLiteral("two-members/error.log.gz")))));
    const std::uint64_t offset = text_.bytes.size() / 2;
    const auto stream = index.openAt(offset, &start, &error);
    QVERIFY2(stream, qPrintable(error));
    QCOMPARE(start, std::uint64_t(0)); // the old points are gone
    QVERIFY(index.accessPoints() < pointsBefore);
    const std::string all = readAll(*stream, &failed);
    QVERIFY2(!failed, qPrintable(stream->errorString()));
    QVERIFY(all == text_.bytes);
}

// The import reads up to the cut; every whole line before it comes back through the access points, and the
// cut itself is an error from the stream, not a crash.
void TestGzipIndex::truncatedFileKeepsItsPrefix()
{
    const QString file = path(QStringLiteral("truncated/error.log.gz"));
    const ImportResult result = runImport({file});
    QVERIFY2(result.sources.size() == 1, qPrintable(describe(result)));
    const SourceInfo& info = result.sources[0];
    QVERIFY(info.lines > 1000 && info.lines < text_.lineCount());

    RawTextReader reader(result.sources, 0);
    compareRandomRanges(reader, text_, info.lines - 1, 60, 13); // the last line may be cut short
    if (QTest::currentTestFailed())
        return;
    QVERIFY(reader.gzipIndexBytes() > 0);
    std::vector<std::string> lines;
    QString error;
    const bool ok = reader.lines(0, info.lines, 5, lines, &error);
    const std::string last = text_.lines(info.lines, 1).front();
    QVERIFY2(ok ? lines.size() <= 1 && (lines.empty() || last.starts_with(lines.front())) : !error.isEmpty(),
             qPrintable(error));

    GzipIndex index(file);
    std::uint64_t start = 1;
    const auto stream = index.openAt(0, &start, &error);
    QVERIFY2(stream, qPrintable(error));
    bool failed = false;
    const std::string all = readAll(*stream, &failed);
    QVERIFY(failed);
    QVERIFY2(stream->errorString().contains(QLatin1String("truncated")), qPrintable(stream->errorString()));
    QVERIFY(all.size() > text_.bytes.size() / 2);
    QVERIFY(all == text_.bytes.substr(0, all.size()));
}

// A file damaged after the import: lines before the damage read back exactly; past it inflate fails
// through the access points and from the start, and lines() says so.
void TestGzipIndex::damagedFileFallsBackWithoutCrash()
{
    const QString file = path(QStringLiteral("damaged/error.log.gz"));
    RawTextReader reader({describeFile(file, text_)}, 0);
    compareRandomRanges(reader, text_, text_.lineCount() / 4, 30, 17);
    if (QTest::currentTestFailed())
        return;
    int failures = 0;
    for (std::uint64_t line = text_.lineCount() - 5000; line <= text_.lineCount(); line += 1000) {
        std::vector<std::string> lines;
        QString error;
        if (!reader.lines(0, line, 20, lines, &error)) {
            QVERIFY(!error.isEmpty());
            ++failures;
        }
    }
    QCOMPARE(failures, 6);
}

void TestGzipIndex::otherContentFallsBack_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("file");
    QTest::newRow("bzip2") << QStringLiteral("bzip2") << QStringLiteral("small/error.log.bz2");
    QTest::newRow("gzip of a gzip") << QStringLiteral("gzip") << QStringLiteral("small/error.log.gz.gz");
}

// Compressed files on disk that are not one gzip layer around text: no access points, the lines still
// come back exactly (decoded from the start, as before).
void TestGzipIndex::otherContentFallsBack()
{
    QFETCH(QString, tool);
    QFETCH(QString, file);
    if (!haveTool(tool))
        QSKIP("tool not installed");
    const Text small = prefix(text_, 8000);
    QVERIFY(writeText(path(QStringLiteral("small/error.log")), small.bytes));
    QString input = path(QStringLiteral("small/error.log"));
    if (file.endsWith(QLatin1String(".gz.gz"))) {
        QVERIFY(compressFile(QStringLiteral("gzip"), input, path(QStringLiteral("small/error.log.gz"))));
        input = path(QStringLiteral("small/error.log.gz"));
    }
    QVERIFY(compressFile(tool, input, path(file)));
    const ImportResult result = runImport({path(file)});
    QVERIFY2(result.sources.size() == 1, qPrintable(describe(result)));
    QCOMPARE(result.sources[0].lines, small.lineCount());
    RawTextReader reader(result.sources, 0);
    compareRandomRanges(reader, small, small.lineCount(), 5, 19);
    QCOMPARE(reader.gzipIndexBytes(), std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestGzipIndex)
#include "tst_gzipindex.moc"
