// Hostile bundles made with the real tools: truncated xz/zstd/bzip2 streams, a file of NUL bytes, a tar of
// 100 000 tiny files, a tar member whose header declares more than the archive holds, a log whose zone
// changes mid-file. Each ends with a clear message naming the file (or is read right), the rest of the bundle
// loaded, and nothing on disk changed.

#include "importtestutil.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace gd;
using namespace gdtest;

namespace {

/// An access log of `count` lines, one a second from 10:00 UTC.
QByteArray accessLines(int count)
{
    QByteArray text;
    for (int k = 0; k < count; ++k)
        text += QStringLiteral("203.0.113.7 - - [24/Nov/2026:10:%1:%2 +0000] \"GET /n/%3 HTTP/1.1\" 200 512 "
                               "\"-\" \"curl\"\n")
                    .arg(k / 60 % 60, 2, 10, QChar(u'0'))
                    .arg(k % 60, 2, 10, QChar(u'0'))
                    .arg(k)
                    .toUtf8();
    return text;
}

bool truncateFile(const QString& path, qint64 size)
{
    QFile file(path);
    return file.resize(size);
}

} // namespace

class TestHostileBundles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void truncatedCompressedStreams_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("xz") << QStringLiteral("xz") << QStringLiteral(".xz");
        QTest::newRow("zstd") << QStringLiteral("zstd") << QStringLiteral(".zst");
        QTest::newRow("bzip2") << QStringLiteral("bzip2") << QStringLiteral(".bz2");
        QTest::newRow("gzip") << QStringLiteral("gzip") << QStringLiteral(".gz");
    }

    void truncatedCompressedStreams()
    {
        QFETCH(QString, tool);
        QFETCH(QString, suffix);
        if (!haveTool(tool))
            QSKIP("the compressor is not installed");
        const QString folder = dir_.filePath(QStringLiteral("truncated-") + tool);
        QVERIFY(writeFile(folder + QStringLiteral("/access.log"), accessLines(20'000)));
        QVERIFY(writeFile(folder + QStringLiteral("/other/error.log"), errorLog()));
        const QString compressed = folder + QStringLiteral("/access.log") + suffix;
        QVERIFY(compressFile(tool, folder + QStringLiteral("/access.log"), compressed));
        QFile::remove(folder + QStringLiteral("/access.log"));
        QVERIFY(truncateFile(compressed, QFileInfo(compressed).size() / 2));
        const auto before = snapshot(folder);

        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        const ImportResult result = runImport({folder}, options);
        const QString details = describe(result);
        // The cut stream is named; what came before the cut is read; the other log loads as usual.
        bool named = false;
        for (const Diagnostic& d : result.diagnostics)
            named = named || d.path.startsWith(compressed);
        QVERIFY2(named, qPrintable(details));
        QVERIFY2(findSource(result, folder + QStringLiteral("/other/error.log")), qPrintable(details));
        QCOMPARE(snapshot(folder), before);
    }

    void fileOfNulBytes()
    {
        const QString folder = dir_.filePath(QStringLiteral("nul"));
        QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), QByteArray(4 << 20, '\0')));
        QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/error.log"), errorLog()));
        const ImportResult result = runImport({folder});
        const QString details = describe(result);
        QVERIFY2(findSkipped(result, folder + QStringLiteral("/var/log/nginx/access.log")),
                 qPrintable(details));
        QVERIFY2(findSource(result, folder + QStringLiteral("/var/log/nginx/error.log")),
                 qPrintable(details));
    }

    void hundredThousandTinyFiles()
    {
        if (!haveTool(QStringLiteral("tar")))
            QSKIP("tar is not installed");
        const QString folder = dir_.filePath(QStringLiteral("tiny/bundle"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/many")));
        constexpr int kFiles = 100'000;
        const QByteArray line = errorLine("2026/11/24 10:00:00");
        for (int k = 0; k < kFiles; ++k) {
            QFile file(folder + QStringLiteral("/many/f%1.log").arg(k));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(k % 2 == 0 ? line : QByteArray("x\n"));
        }
        QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), accessLines(100)));
        const QString archive = dir_.filePath(QStringLiteral("tiny/bundle.tar.gz"));
        QVERIFY(runTool(QStringLiteral("tar"), {QStringLiteral("-czf"), archive, QStringLiteral("bundle")},
                        dir_.filePath(QStringLiteral("tiny"))));
        QDir(folder).removeRecursively();

        QElapsedTimer clock;
        clock.start();
        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        const ImportResult result = runImport({archive}, options);
        std::printf("100 000 tiny files: %lld ms, %zu sources, %zu skipped, %zu diagnostics\n",
                    static_cast<long long>(clock.elapsed()), result.sources.size(), result.skipped.size(),
                    result.diagnostics.size());
        // Every file is accounted for: read as a log or listed as skipped with its reason.
        QVERIFY(result.sources.size() + result.skipped.size() >= std::size_t(kFiles));
        QVERIFY(findSource(result, archive + QStringLiteral("!/bundle/var/log/nginx/access.log")));
    }

    void tarMemberDeclaringMoreThanThereIs()
    {
        if (!haveTool(QStringLiteral("tar")))
            QSKIP("tar is not installed");
        const QString folder = dir_.filePath(QStringLiteral("short"));
        QVERIFY(writeFile(folder + QStringLiteral("/a/error.log"), errorLog()));
        QVERIFY(writeFile(folder + QStringLiteral("/b/access.log"), accessLines(5'000)));
        const QString archive = dir_.filePath(QStringLiteral("short.tar"));
        QVERIFY(runTool(QStringLiteral("tar"),
                        {QStringLiteral("-cf"), archive, QStringLiteral("a"), QStringLiteral("b")}, folder));
        // The archive ends in the middle of b/access.log: its header promises bytes that never come.
        QVERIFY(truncateFile(archive, QFileInfo(archive).size() / 2));
        const ImportResult result = runImport({archive});
        const QString details = describe(result);
        QVERIFY2(findSource(result, archive + QStringLiteral("!/a/error.log")), qPrintable(details));
        bool named = false;
        for (const Diagnostic& d : result.diagnostics)
            named = named || d.path.startsWith(archive);
        QVERIFY2(named, qPrintable(details));
    }

    void zoneChangesMidFile()
    {
        // The night the clocks go back: +0200 lines, then +0100 ones, an hour of wall clock repeated.
        const QString folder = dir_.filePath(QStringLiteral("dst"));
        QByteArray log;
        log += "203.0.113.7 - - [25/Oct/2026:02:30:00 +0200] \"GET /a HTTP/1.1\" 200 5 \"-\" \"curl\"\n";
        log += "203.0.113.7 - - [25/Oct/2026:02:59:59 +0200] \"GET /b HTTP/1.1\" 200 5 \"-\" \"curl\"\n";
        log += "203.0.113.7 - - [25/Oct/2026:02:00:01 +0100] \"GET /c HTTP/1.1\" 502 5 \"-\" \"curl\"\n";
        log += "203.0.113.7 - - [25/Oct/2026:02:30:00 +0100] \"GET /d HTTP/1.1\" 200 5 \"-\" \"curl\"\n";
        QVERIFY(writeFile(folder + QStringLiteral("/access.log"), log));
        const ImportResult result = runImport({folder});
        QCOMPARE(result.timeline->size(), std::size_t(4));
        const EventColumns& events = result.timeline->events();
        // Sorted by the instant, not the wall clock: 00:30, 00:59:59, 01:00:01, 01:30 UTC.
        QCOMPARE(events.timeMs[0], utc("2026-10-25T00:30:00Z"));
        QCOMPARE(events.timeMs[1], utc("2026-10-25T00:59:59Z"));
        QCOMPARE(events.timeMs[2], utc("2026-10-25T01:00:01Z"));
        QCOMPARE(events.timeMs[3], utc("2026-10-25T01:30:00Z"));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestHostileBundles)
#include "tst_hostilebundles.moc"
