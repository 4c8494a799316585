// Importer over damaged and hostile input: truncated and corrupt archives, decompression bombs,
// nesting beyond the limit, overlong lines, invalid bytes, empty and unreadable files, members that
// try to escape the archive, links; and the CLI's exit codes and messages for such input.

#include "importtestutil.h"

#include <QTemporaryDir>
#include <unistd.h>

using namespace gd;
using namespace gdtest;

namespace {

QByteArray syslogLines(int count)
{
    QByteArray text;
    for (int i = 0; i < count; ++i)
        text += syslogLine("Nov 24 10:51:32", 10000 + i);
    return text;
}

/// Overwrites `count` bytes at `offset` with their complement.
bool flipBytes(const QString& file, qint64 offset, int count)
{
    QByteArray content = readFile(file);
    if (offset + count > content.size())
        return false;
    for (int i = 0; i < count; ++i)
        content[offset + i] = static_cast<char>(~content[offset + i]);
    return writeFile(file, content);
}

/// Bytes of a literal, NULs included.
template <std::size_t N> QByteArray raw(const char (&literal)[N])
{
    return QByteArray(literal, qsizetype(N - 1));
}

bool noneExists(const QStringList& paths)
{
    for (const QString& p : paths) {
        if (QFileInfo::exists(p)) {
            qWarning("unexpected file %s", qPrintable(p));
            return false;
        }
    }
    return true;
}

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void truncatedTarGz();
    void corruptStreams_data();
    void corruptStreams();
    void decompressionBomb_data();
    void decompressionBomb();
    void nestingDepth_data();
    void nestingDepth();
    void overlongLine_data();
    void overlongLine();
    void invalidBytes();
    void emptyFile_data();
    void emptyFile();
    void unreadable_data();
    void unreadable();
    void escapingMembersAndLinks();
    void cliExitCodes_data();
    void cliExitCodes();

private:
    QString path(const QString& relative) const { return dir_.filePath(relative); }
    QTemporaryDir dir_;
    QString previousCwd_;
};

void TestBadInput::initTestCase()
{
    QVERIFY(dir_.isValid());
    QVERIFY(QDir().mkpath(path(QStringLiteral("cwd"))));
}

void TestBadInput::init()
{
    previousCwd_ = QDir::currentPath();
    QVERIFY(QDir::setCurrent(path(QStringLiteral("cwd"))));
}

void TestBadInput::cleanup()
{
    QDir::setCurrent(previousCwd_);
    QVERIFY(QDir(path(QStringLiteral("cwd")))
                .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
}

void TestBadInput::truncatedTarGz()
{
    if (!haveTool(QStringLiteral("tar")) || !haveTool(QStringLiteral("gzip")))
        QSKIP("tar or gzip is not installed");
    // a.log and b.log are small and come first; c.log is large, so the cut lands inside it.
    const QString tree = path(QStringLiteral("truncated"));
    QVERIFY(writeFile(tree + QStringLiteral("/a.log"), accessLog()));
    QVERIFY(writeFile(tree + QStringLiteral("/b.log"), errorLog()));
    const int cLines = 30000;
    QVERIFY(writeFile(tree + QStringLiteral("/c.log"), syslogLines(cLines)));
    const QString whole = path(QStringLiteral("whole.tar.gz"));
    QVERIFY(runTool(QStringLiteral("tar"),
                    {QStringLiteral("-czf"), whole, QStringLiteral("-C"), tree, QStringLiteral("a.log"),
                     QStringLiteral("b.log"), QStringLiteral("c.log")},
                    dir_.path()));
    const QByteArray full = readFile(whole);
    QVERIFY(full.size() > 10000);
    const QString cut = path(QStringLiteral("cut.tar.gz"));
    QVERIFY(writeFile(cut, full.left(full.size() / 2)));
    const auto before = snapshot(dir_.path());

    const ImportResult result = runImport({cut});

    const QString details = describe(result);
    const Diagnostic* damaged = findDiagnostic(result, cut, QStringLiteral("damaged gzip data"));
    QVERIFY2(damaged != nullptr, qPrintable(details));
    QCOMPARE(damaged->severity, Diagnostic::Severity::Error);
    QVERIFY2(damaged->message.contains(QStringLiteral("anything after this point is missing")),
             qPrintable(details));
    // The members before the cut load completely.
    const SourceInfo* a = findSource(result, cut + QStringLiteral("!/a.log"));
    QVERIFY2(a != nullptr, qPrintable(details));
    QCOMPARE(a->kind, LogKind::NginxAccess);
    QCOMPARE(a->events, 3U);
    QCOMPARE(isoUtc(a->firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    const SourceInfo* b = findSource(result, cut + QStringLiteral("!/b.log"));
    QVERIFY2(b != nullptr, qPrintable(details));
    QCOMPARE(b->events, 3U);
    QCOMPARE(isoUtc(b->firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    // The member that was cut keeps what was read, and says the rest is missing.
    const SourceInfo* c = findSource(result, cut + QStringLiteral("!/c.log"));
    QVERIFY2(c != nullptr, qPrintable(details));
    QVERIFY2(c->lines > 0 && c->lines < std::uint64_t(cLines), qPrintable(QString::number(c->lines)));
    QVERIFY2(findDiagnostic(result, cut + QStringLiteral("!/c.log"),
                            QStringLiteral("the rest of the file is missing")),
             qPrintable(details));
    QCOMPARE(snapshot(dir_.path()), before);
}

void TestBadInput::corruptStreams_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("badPath"); // file or member the diagnostic names (relative to the input)
    QTest::addColumn<QString>("message"); // part of the diagnostic
    QTest::addColumn<int>("sourcesLoaded");
    // A gzip header with its deflate data flipped cannot even be opened.
    QTest::newRow("gzip, flipped deflate bytes")
        << QStringLiteral("gz") << QString() << QStringLiteral("cannot open gzip data") << 0;
    // A zip whose first member is damaged: that member is reported, the others still load.
    QTest::newRow("zip, flipped bytes in first member")
        << QStringLiteral("zip") << QStringLiteral("!/a.log") << QStringLiteral("cannot read") << 2;
}

void TestBadInput::corruptStreams()
{
    QFETCH(QString, format);
    QFETCH(QString, badPath);
    QFETCH(QString, message);
    QFETCH(int, sourcesLoaded);
    const QString folder = path(QStringLiteral("corrupt-") + format);
    QVERIFY(writeFile(folder + QStringLiteral("/a.log"), errorLog()));
    QVERIFY(writeFile(folder + QStringLiteral("/b.log"), accessLog()));
    QVERIFY(writeFile(folder + QStringLiteral("/c.log"), syslogLines(50)));
    QString input;
    if (format == QLatin1String("gz")) {
        if (!haveTool(QStringLiteral("gzip")))
            QSKIP("gzip is not installed");
        input = folder + QStringLiteral("/a.log.gz");
        QVERIFY(compressFile(QStringLiteral("gzip"), folder + QStringLiteral("/a.log"), input));
        QVERIFY(flipBytes(input, 30, 4)); // the 10-byte header + name end well before byte 30
        input = QFileInfo(input).absoluteFilePath();
    } else {
        if (!haveTool(QStringLiteral("zip")))
            QSKIP("zip is not installed");
        input = path(QStringLiteral("corrupt.zip"));
        QVERIFY(runTool(QStringLiteral("zip"),
                        {QStringLiteral("-q"), QStringLiteral("-X"), input, QStringLiteral("a.log"),
                         QStringLiteral("b.log"), QStringLiteral("c.log")},
                        folder));
        // Local header of a.log: 30 bytes + "a.log" (-X: no extra fields); its deflate data starts at 35.
        QVERIFY(flipBytes(input, 60, 8));
    }

    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({input}, options);

    const QString details = describe(result);
    const Diagnostic* d = findDiagnostic(result, input + badPath, message);
    QVERIFY2(d != nullptr, qPrintable(details));
    QCOMPARE(d->severity, Diagnostic::Severity::Error);
    QVERIFY2(findSkipped(result, input + badPath) != nullptr, qPrintable(details));
    QCOMPARE(int(result.sources.size()), sourcesLoaded);
    if (sourcesLoaded == 2) {
        QCOMPARE(findSource(result, input + QStringLiteral("!/b.log"))->events, 3U);
        QCOMPARE(findSource(result, input + QStringLiteral("!/c.log"))->events, 50U);
    }
}

void TestBadInput::decompressionBomb_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("byRatio"); // else by the absolute size limit
    QTest::addColumn<QString>("message");
    QTest::newRow("gzip, ratio") << QStringLiteral("gz") << true
                                 << QStringLiteral("decompression ratio above 100:1");
    QTest::newRow("gzip, size") << QStringLiteral("gz") << false
                                << QStringLiteral("decompressed size passed the limit of 1048576 bytes");
    QTest::newRow("tar.gz, ratio") << QStringLiteral("tar.gz") << true
                                   << QStringLiteral("decompression ratio above 100:1");
}

void TestBadInput::decompressionBomb()
{
    QFETCH(QString, format);
    QFETCH(bool, byRatio);
    QFETCH(QString, message);
    if (!haveTool(QStringLiteral("gzip")) || !haveTool(QStringLiteral("tar")))
        QSKIP("tar or gzip is not installed");
    // 16 MB of one repeated log line: gzip packs it about 300:1. The limits are scaled down
    // (grace 1 MB, ratio 100:1 or 1 MB in all) so the test stays fast; the code path is the one
    // a 2 GB bomb takes.
    const QString folder = path(QStringLiteral("bomb-") + format +
                                (byRatio ? QStringLiteral("-ratio") : QStringLiteral("-size")));
    QByteArray text;
    const QByteArray line = errorLine("2026/11/24 10:51:32");
    text.reserve(16 << 20);
    while (text.size() < (16 << 20))
        text += line;
    QVERIFY(writeFile(folder + QStringLiteral("/error.log"), text));
    text.clear();
    QString input;
    QString logPath;
    if (format == QLatin1String("gz")) {
        input = folder + QStringLiteral("/error.log.gz");
        QVERIFY(compressFile(QStringLiteral("gzip"), folder + QStringLiteral("/error.log"), input));
        logPath = input;
    } else {
        input = folder + QStringLiteral("/bomb.tar.gz");
        QVERIFY(runTool(QStringLiteral("tar"), {QStringLiteral("-czf"), input, QStringLiteral("error.log")},
                        folder));
        logPath = input + QStringLiteral("!/error.log");
    }
    QFile::remove(folder + QStringLiteral("/error.log"));
    const qint64 packed = QFileInfo(input).size();
    QVERIFY2(packed * 150 < (16 << 20), qPrintable(QString::number(packed))); // really a bomb for 100:1

    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    options.limits.ratioGraceBytes = 1 << 20;
    if (byRatio)
        options.limits.maxCompressionRatio = 100;
    else
        options.limits.maxExpandedBytes = 1 << 20;
    const ImportResult result = runImport({input}, options);

    const QString details = describe(result);
    // Named on the input ("reading stopped") and on the log whose reading was cut.
    const auto onInput =
        std::find_if(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& d) {
            return d.path == input && d.message.contains(message) &&
                   d.message.endsWith(QStringLiteral("; reading stopped"));
        });
    QVERIFY2(onInput != result.diagnostics.end(), qPrintable(details));
    QCOMPARE(onInput->severity, Diagnostic::Severity::Error);
    QVERIFY2(findDiagnostic(result, logPath, message) != nullptr, qPrintable(details));
    // What was read before the limit stays, and is far less than the whole.
    const SourceInfo* source = findSource(result, logPath);
    QVERIFY2(source != nullptr, qPrintable(details));
    // The budget never hands out a byte past the limit, and what it handed out is all parsed.
    if (byRatio)
        QVERIFY2(source->bytes > (1U << 20) && source->bytes < (8U << 20),
                 qPrintable(QString::number(source->bytes)));
    else
        // At least the 64 KiB head; the read that crosses the limit is dropped whole (up to 1 MiB).
        QVERIFY2(source->bytes >= (64U << 10) && source->bytes <= (1U << 20),
                 qPrintable(QString::number(source->bytes)));
    QCOMPARE(source->skippedLines, source->lines - source->events); // a cut last line may be rejected
    QVERIFY(source->events >= source->bytes / std::uint64_t(line.size()));
}

void TestBadInput::nestingDepth_data()
{
    QTest::addColumn<QString>("container"); // how each level wraps the previous one
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("loads");
    // tar.gz inside tar.gz ...: levels 0..3 are opened (maxNestingDepth = 4), the 5th is not.
    QTest::newRow("tar.gz x4") << QStringLiteral("tar.gz") << 4 << true;
    QTest::newRow("tar.gz x5") << QStringLiteral("tar.gz") << 5 << false;
    // gzip of gzip of ...: every layer is an archive level as well.
    QTest::newRow("gzip x4") << QStringLiteral("gz") << 4 << true;
    QTest::newRow("gzip x6") << QStringLiteral("gz") << 6 << false;
}

void TestBadInput::nestingDepth()
{
    QFETCH(QString, container);
    QFETCH(int, levels);
    QFETCH(bool, loads);
    if (!haveTool(QStringLiteral("gzip")) || !haveTool(QStringLiteral("tar")))
        QSKIP("tar or gzip is not installed");
    const QString folder = path(QStringLiteral("nest-%1-%2").arg(container).arg(levels));
    QString current = folder + QStringLiteral("/error.log");
    QVERIFY(writeFile(current, errorLog()));
    QString member = QStringLiteral("error.log");
    QString display; // display path suffix of the innermost log
    for (int level = 1; level <= levels; ++level) {
        if (container == QLatin1String("gz")) {
            const QString next = current + QStringLiteral(".gz");
            QVERIFY(compressFile(QStringLiteral("gzip"), current, next));
            current = next;
        } else {
            const QString name = QStringLiteral("level%1.tar.gz").arg(level);
            QVERIFY(runTool(QStringLiteral("tar"), {QStringLiteral("-czf"), name, member}, folder));
            display = QStringLiteral("!/") + member + display;
            member = name;
            current = folder + u'/' + name;
        }
    }
    const QString input = current;

    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({input}, options);

    const QString details = describe(result);
    if (loads) {
        QCOMPARE(result.sources.size(), 1U);
        QCOMPARE(result.sources.front().path, input + display);
        QCOMPARE(result.sources.front().events, 3U);
        QVERIFY2(result.skipped.empty(), qPrintable(details));
        return;
    }
    QCOMPARE(result.sources.size(), 0U);
    QCOMPARE(result.skipped.size(), 1U);
    // The 5th level (depth 4) is the one not opened: named by its chain of members. Stacked
    // compressors are peeled in one go by libarchive, so a gzip chain is refused as a whole.
    const QString innermostSkipped =
        container == QLatin1String("gz")
            ? input
            : input + QStringLiteral("!/level4.tar.gz!/level3.tar.gz!/level2.tar.gz!/level1.tar.gz");
    QCOMPARE(result.skipped.front().path, innermostSkipped);
    QCOMPARE(result.skipped.front().reason,
             QStringLiteral("gzip nested more than 4 levels deep; not opened"));
    QVERIFY2(findDiagnostic(result, innermostSkipped, QStringLiteral("nested more than 4 levels")),
             qPrintable(details));
}

void TestBadInput::overlongLine_data()
{
    QTest::addColumn<int>("longBytes");
    QTest::addColumn<int>("maxLineBytes"); // 0 = default (64 KiB)
    QTest::addColumn<bool>("longLast");    // the long line ends the file without a newline
    QTest::newRow("50 MB line, default limit") << (50 << 20) << 0 << false;
    QTest::newRow("3 MB line, 1 MB limit") << (3 << 20) << (1 << 20) << false;
    QTest::newRow("3 MB last line without newline, 1 MB limit") << (3 << 20) << (1 << 20) << true;
    QTest::newRow("line just over the limit") << 1025 << 1024 << false;
}

void TestBadInput::overlongLine()
{
    QFETCH(int, longBytes);
    QFETCH(int, maxLineBytes);
    QFETCH(bool, longLast);
    const QString file =
        path(QStringLiteral("overlong-%1-%2-%3.log").arg(longBytes).arg(maxLineBytes).arg(longLast));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(accessLine("24/Nov/2026:10:51:32 +0100"));
        // The kind is decided from the first 64 KiB: the first line must be a whole log line.
        const QByteArray block(1 << 20, 'x');
        for (int written = 0; written < longBytes; written += block.size())
            out.write(block.constData(), std::min<qint64>(block.size(), longBytes - written));
        if (!longLast) {
            out.write("\n");
            out.write(accessLine("24/Nov/2026:10:51:33 +0100"));
            out.write(accessLine("24/Nov/2026:10:51:34 +0100"));
        }
    }
    ImportOptions options;
    if (maxLineBytes > 0)
        options.limits.maxLineBytes = std::uint32_t(maxLineBytes);
    const ImportResult result = runImport({file}, options);

    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    QCOMPARE(result.sources.size(), 1U);
    const SourceInfo& source = result.sources.front();
    QCOMPARE(source.kind, LogKind::NginxAccess);
    QCOMPARE(source.lines, longLast ? 1U + 1U : 1U + 1U + 2U);
    QCOMPARE(source.events, longLast ? 1U : 3U);
    QCOMPARE(source.skippedLines, 1U);
    QCOMPARE(source.skipReasons.size(), 1U);
    QCOMPARE(source.skipReasons.front().reason, std::string("line longer than the limit"));
    QCOMPARE(source.skipReasons.front().firstLine, 2U);
    QCOMPARE(isoUtc(source.firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    QCOMPARE(isoUtc(source.lastUtcMs),
             longLast ? QStringLiteral("2026-11-24T09:51:32Z") : QStringLiteral("2026-11-24T09:51:34Z"));
    QVERIFY(QFile::remove(file));
}

void TestBadInput::invalidBytes()
{
    // Lines 1, 3, 5 are clean. Line 2 has invalid UTF-8 and a NUL in the user agent (a free-text
    // field): still a request. Line 4 has NUL and 0xFF inside the timestamp: rejected.
    // Line 6 is raw garbage with NULs: rejected.
    QByteArray text = accessLine("24/Nov/2026:10:51:32 +0100");
    text +=
        "\"203.0.113.7\" www.example.com [24/Nov/2026:10:51:33 +0100] \"GET /node/12 HTTP/1.1\" 502 150 412 "
        "313 \"-\" \"Mozilla";
    text += raw("\xff\xfe\xc3\x28 \x00 bot");
    text += "\" 0.003 \"-\"\n";
    text += accessLine("24/Nov/2026:10:51:34 +0100");
    text += "\"203.0.113.7\" www.example.com [24/No";
    text += raw("\x00\xff");
    text += "/2026:10:51:35 +0100] \"GET / HTTP/1.1\" 502 150 412 313 \"-\" \"Mozilla\" 0.003 \"-\"\n";
    text += accessLine("24/Nov/2026:10:51:36 +0100");
    text += raw("\xc0\xc1\xf5\xff\x00\x01 garbage \x00\n");
    const QString file = path(QStringLiteral("invalid-bytes-access.log"));
    QVERIFY(writeFile(file, text));

    const ImportResult result = runImport({file});

    const QString details = describe(result);
    QCOMPARE(result.sources.size(), 1U);
    const SourceInfo& source = result.sources.front();
    QCOMPARE(source.kind, LogKind::NginxAccess);
    QCOMPARE(source.lines, 6U);
    QCOMPARE(source.events, 4U);
    QCOMPARE(source.skippedLines, 2U);
    QCOMPARE(source.skipReasons.front().firstLine, 4U);
    QCOMPARE(isoUtc(source.firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    QCOMPARE(isoUtc(source.lastUtcMs), QStringLiteral("2026-11-24T09:51:36Z"));
    // Events carry the line they came from: 1, 2, 3, 5.
    const auto& lines = result.timeline->events().line;
    QCOMPARE(std::vector<std::uint32_t>(lines.begin(), lines.end()),
             (std::vector<std::uint32_t>{1, 2, 3, 5}));
}

void TestBadInput::emptyFile_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("plain") << QStringLiteral("plain");
    QTest::newRow("member of a tar") << QStringLiteral("tar");
    QTest::newRow("gzip of nothing") << QStringLiteral("gz");
}

void TestBadInput::emptyFile()
{
    QFETCH(QString, format);
    const QString folder = path(QStringLiteral("empty-") + format);
    const QString plain = folder + QStringLiteral("/error.log");
    QVERIFY(writeFile(plain, QByteArray()));
    QString input = plain;
    QString shown = plain;
    if (format == QLatin1String("tar")) {
        if (!haveTool(QStringLiteral("tar")))
            QSKIP("tar is not installed");
        input = folder + QStringLiteral("/empty.tar");
        QVERIFY(runTool(QStringLiteral("tar"), {QStringLiteral("-cf"), input, QStringLiteral("error.log")},
                        folder));
        shown = input + QStringLiteral("!/error.log");
    } else if (format == QLatin1String("gz")) {
        if (!haveTool(QStringLiteral("gzip")))
            QSKIP("gzip is not installed");
        input = plain + QStringLiteral(".gz");
        QVERIFY(compressFile(QStringLiteral("gzip"), plain, input));
        shown = input;
    }
    const ImportResult result = runImport({input});
    const QString details = describe(result);
    QCOMPARE(result.sources.size(), 0U);
    QCOMPARE(result.skipped.size(), 1U);
    QCOMPARE(result.skipped.front().path, shown);
    QCOMPARE(result.skipped.front().reason, QStringLiteral("empty file"));
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
}

void TestBadInput::unreadable_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing path") << QStringLiteral("missing");
    QTest::newRow("dangling symlink in a folder") << QStringLiteral("dangling");
    QTest::newRow("chmod 000") << QStringLiteral("chmod");
}

void TestBadInput::unreadable()
{
    QFETCH(QString, kind);
    const QString folder = path(QStringLiteral("unreadable-") + kind);
    QVERIFY(QDir().mkpath(folder));
    if (kind == QLatin1String("missing")) {
        const QString input = folder + QStringLiteral("/no-such-error.log");
        const ImportResult result = runImport({input});
        QCOMPARE(result.sources.size(), 0U);
        const Diagnostic* d = findDiagnostic(result, input, QStringLiteral("no such file or folder"));
        QVERIFY2(d != nullptr, qPrintable(describe(result)));
        QCOMPARE(d->severity, Diagnostic::Severity::Error);
    } else if (kind == QLatin1String("dangling")) {
        QVERIFY(writeFile(folder + QStringLiteral("/error.log"), errorLog()));
        QVERIFY(QFile::link(folder + QStringLiteral("/gone.log"), folder + QStringLiteral("/dangling.log")));
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), folder + QStringLiteral("/passwd.log")));
        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        const ImportResult result = runImport({folder}, options);
        const QString details = describe(result);
        QVERIFY2(result.diagnostics.empty(), qPrintable(details));
        QCOMPARE(result.sources.size(), 1U);
        QCOMPARE(result.sources.front().events, 3U);
        QCOMPARE(result.skipped.size(), 2U);
        QCOMPARE(result.skipped[0].path, folder + QStringLiteral("/dangling.log"));
        QCOMPARE(result.skipped[0].reason, QStringLiteral("symbolic link (not followed)"));
        QCOMPARE(result.skipped[1].path, folder + QStringLiteral("/passwd.log"));
        QCOMPARE(result.skipped[1].reason, QStringLiteral("symbolic link (not followed)"));
    } else {
        if (::geteuid() == 0)
            QSKIP("running as root: chmod 000 does not stop root from reading (the missing-path row covers "
                  "the open failure)");
        const QString file = folder + QStringLiteral("/error.log");
        QVERIFY(writeFile(file, errorLog()));
        QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions()));
        const ImportResult result = runImport({file});
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(result.sources.size(), 0U);
        const Diagnostic* d = findDiagnostic(result, file, QStringLiteral("cannot open: Permission denied"));
        QVERIFY2(d != nullptr, qPrintable(describe(result)));
        QCOMPARE(d->severity, Diagnostic::Severity::Error);
    }
}

void TestBadInput::escapingMembersAndLinks()
{
    if (!haveTool(QStringLiteral("tar")))
        QSKIP("tar is not installed");
    const QString folder = path(QStringLiteral("escape"));
    QVERIFY(writeFile(folder + QStringLiteral("/a.log"), errorLog()));
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), folder + QStringLiteral("/link.log")));
    QVERIFY(::link(QFile::encodeName(folder + QStringLiteral("/a.log")).constData(),
                   QFile::encodeName(folder + QStringLiteral("/hard.log")).constData()) == 0);
    // Unique names, so "nothing extracted anywhere" can be checked where they would land.
    const QString tag = QFileInfo(dir_.path()).fileName();
    const QString upName = QStringLiteral("gd-escape-up-") + tag + QStringLiteral(".log");
    const QString absTarget = QStringLiteral("/tmp/gd-escape-abs-") + tag + QStringLiteral(".log");
    const QString archive = path(QStringLiteral("evil.tar"));
    // -P keeps "../" and "/" in the stored names; --transform renames a.log on the way in.
    QVERIFY(
        runTool(QStringLiteral("tar"),
                {QStringLiteral("-P"), QStringLiteral("-cf"), archive,
                 QStringLiteral("--transform=s,^a\\.log$,../../") + upName + u',', QStringLiteral("a.log")},
                folder));
    QVERIFY(runTool(QStringLiteral("tar"),
                    {QStringLiteral("-P"), QStringLiteral("-rf"), archive,
                     QStringLiteral("--transform=s,^a\\.log$,") + absTarget + u',', QStringLiteral("a.log")},
                    folder));
    // A symlink, and a hard link stored as a link to a.log (both in one run so tar sees the pair).
    QVERIFY(runTool(QStringLiteral("tar"),
                    {QStringLiteral("-rf"), archive, QStringLiteral("a.log"), QStringLiteral("link.log"),
                     QStringLiteral("hard.log")},
                    folder));
    const auto before = snapshot(dir_.path());

    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    const ImportResult result = runImport({archive}, options);

    const QString details = describe(result);
    // Unsafe names are read in memory under a cleaned name, with a warning.
    const QString up = archive + QStringLiteral("!/") + upName;
    const QString abs = archive + QStringLiteral("!") + absTarget;
    for (const QString& shown : QStringList{up, abs}) {
        const SourceInfo* source = findSource(result, shown);
        QVERIFY2(source != nullptr, qPrintable(shown + details));
        QCOMPARE(source->events, 3U);
        const Diagnostic* d = findDiagnostic(result, shown, QStringLiteral("absolute or climbs out"));
        QVERIFY2(d != nullptr, qPrintable(details));
        QCOMPARE(d->severity, Diagnostic::Severity::Warning);
        QVERIFY(d->message.contains(QStringLiteral("nothing is extracted")));
    }
    QVERIFY(findSource(result, archive + QStringLiteral("!/a.log")) != nullptr);
    QCOMPARE(result.sources.size(), 3U);
    // Links are listed, never followed.
    const SkippedFile* symlink = findSkipped(result, archive + QStringLiteral("!/link.log"));
    QVERIFY2(symlink != nullptr, qPrintable(details));
    QCOMPARE(symlink->reason, QStringLiteral("link to \"/etc/passwd\" (not followed)"));
    const SkippedFile* hard = findSkipped(result, archive + QStringLiteral("!/hard.log"));
    QVERIFY2(hard != nullptr, qPrintable(details));
    QCOMPARE(hard->reason, QStringLiteral("link to \"a.log\" (not followed)"));
    QCOMPARE(result.skipped.size(), 2U);
    // Nothing extracted: not next to the archive, not two levels up, not at the absolute path, not in cwd.
    QCOMPARE(snapshot(dir_.path()), before);
    QVERIFY(noneExists({absTarget, QDir::cleanPath(folder + QStringLiteral("/../../") + upName),
                        QDir::cleanPath(dir_.path() + QStringLiteral("/../../") + upName),
                        QStringLiteral("/") + upName, QDir::tempPath() + u'/' + upName}));
}

void TestBadInput::cliExitCodes_data()
{
    QTest::addColumn<QStringList>("inputs"); // names inside the temp dir
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("stderrHas");
    QTest::addColumn<QStringList>("stdoutHas");
    QTest::newRow("one good log") << QStringList{QStringLiteral("cli/error.log")} << 0 << QStringList{}
                                  << QStringList{
                                         QStringLiteral("kind nginx-error, 3 lines, 3 events, 0 skipped")};
    QTest::newRow("good log and a missing path")
        << QStringList{QStringLiteral("cli/error.log"), QStringLiteral("cli/missing.log")} << 0
        << QStringList{QStringLiteral("cli/missing.log: no such file or folder")} << QStringList{};
    QTest::newRow("all bad: missing, empty, corrupt gzip, text")
        << QStringList{QStringLiteral("cli/missing.log"), QStringLiteral("cli/empty.log"),
                       QStringLiteral("cli/corrupt.log.gz"), QStringLiteral("cli/notes.txt")}
        << 2
        << QStringList{QStringLiteral("cli/missing.log: no such file or folder"),
                       QStringLiteral("cli/corrupt.log.gz: cannot open gzip data"),
                       QStringLiteral("inspect: nothing could be read")}
        << QStringList{QStringLiteral("empty file"), QStringLiteral("not a recognised log format")};
}

void TestBadInput::cliExitCodes()
{
    QFETCH(QStringList, inputs);
    QFETCH(int, exitCode);
    QFETCH(QStringList, stderrHas);
    QFETCH(QStringList, stdoutHas);
    const QString binary = QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor");
    if (!QFileInfo(binary).isExecutable())
        QSKIP("gateway-doctor is not built (build the app target first)");
    if (!haveTool(QStringLiteral("gzip")))
        QSKIP("gzip is not installed");
    const QString folder = path(QStringLiteral("cli"));
    if (!QFile::exists(folder + QStringLiteral("/error.log"))) {
        QVERIFY(writeFile(folder + QStringLiteral("/error.log"), errorLog()));
        QVERIFY(writeFile(folder + QStringLiteral("/empty.log"), QByteArray()));
        QVERIFY(writeFile(folder + QStringLiteral("/notes.txt"), "just some words\n"));
        QVERIFY(compressFile(QStringLiteral("gzip"), folder + QStringLiteral("/error.log"),
                             folder + QStringLiteral("/corrupt.log.gz")));
        QVERIFY(flipBytes(folder + QStringLiteral("/corrupt.log.gz"), 30, 4));
    }
    QStringList arguments{QStringLiteral("inspect"), QStringLiteral("--tz"), QStringLiteral("UTC")};
    for (const QString& input : inputs)
        arguments << path(input);
    QProcess process;
    process.setWorkingDirectory(path(QStringLiteral("cwd")));
    process.start(binary, arguments);
    QVERIFY(process.waitForFinished(30000));
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    const QString details = QStringLiteral("\nstdout:\n") + out + QStringLiteral("\nstderr:\n") + err;
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(QString::number(process.exitCode()) + details));
    for (const QString& text : stderrHas)
        QVERIFY2(err.contains(text), qPrintable(text + details));
    for (const QString& text : stdoutHas)
        QVERIFY2(out.contains(text), qPrintable(text + details));
    if (exitCode == 0)
        QVERIFY2(!err.contains(QStringLiteral("nothing could be read")), qPrintable(details));
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
