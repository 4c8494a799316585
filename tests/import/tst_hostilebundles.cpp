// Hostile bundles made with the real tools, or byte by byte where the tools refuse: truncated
// xz/zstd/bzip2/gzip streams, a file of NUL bytes, a tar of 100 000 tiny files, a tar member whose header
// declares more than the archive holds, a log whose zone changes mid-file, a zip bomb whose central directory
// points a thousand entries at the same data, a 2 GiB line, links and device nodes in a tar and in a folder,
// and a log whose times jump back years and forward to 2999 and 9999. Each ends with a clear message naming
// the file (and line), or is read right; the rest of the bundle loads; memory and time stay bounded; nothing
// on disk changes.

#include "diagnose/analyzer.h"
#include "importtestutil.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstring>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

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

// --- Bytes of formats crafted by hand ---------------------------------------------------------------------

/// Appends `value` as `bytes` little-endian bytes (zip's byte order).
void putLe(QByteArray& out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint32_t getLe32(const QByteArray& in, qsizetype at)
{
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | static_cast<std::uint8_t>(in[at + i]);
    return value;
}

/// Raw deflate data of some content with its CRC-32 and size, as zip stores them.
struct Deflated {
    QByteArray data;
    std::uint32_t crc = 0;
    std::uint32_t size = 0;
};

/// Deflates `content` with the real gzip and cuts its output apart: `gzip -n` writes a 10-byte header
/// (no name, no time), the raw deflate stream, then the CRC-32 and the size, both little-endian.
bool deflateWithGzip(const QString& workDir, const QByteArray& content, Deflated& out)
{
    const QString plain = workDir + QStringLiteral("/deflate-in");
    const QString packed = workDir + QStringLiteral("/deflate-out.gz");
    if (!writeFile(plain, content) ||
        !runTool(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n")}, workDir, plain,
                 packed))
        return false;
    const QByteArray gz = readFile(packed);
    QFile::remove(plain);
    QFile::remove(packed);
    if (gz.size() < 18 || gz[3] != 0) // FLG 0: nothing between the 10-byte header and the data
        return false;
    out.data = gz.mid(10, gz.size() - 18);
    out.crc = getLe32(gz, gz.size() - 8);
    out.size = getLe32(gz, gz.size() - 4);
    return out.size == static_cast<std::uint32_t>(content.size());
}

constexpr std::uint16_t kDosDate = ((2026 - 1980) << 9) | (11 << 5) | 24; // 2026-11-24, zip's date format

/// The fields a zip local header and central directory entry share, in that order: version needed 2.0, no
/// flags, method 8 (deflate), time, date, CRC-32, compressed and uncompressed size, name length, no extra
/// field.
void putZipEntryFields(QByteArray& h, const QByteArray& name, const Deflated& d)
{
    putLe(h, 20, 2);
    putLe(h, 0, 2);
    putLe(h, 8, 2);
    putLe(h, 0, 2);
    putLe(h, kDosDate, 2);
    putLe(h, d.crc, 4);
    putLe(h, static_cast<std::uint64_t>(d.data.size()), 4);
    putLe(h, d.size, 4);
    putLe(h, static_cast<std::uint64_t>(name.size()), 2);
    putLe(h, 0, 2);
}

/// A zip local file header (30 bytes + name) for deflated data: signature PK\3\4, then the shared fields.
QByteArray zipLocalHeader(const QByteArray& name, const Deflated& d)
{
    QByteArray h;
    putLe(h, 0x04034b50, 4);
    putZipEntryFields(h, name, d);
    return h + name;
}

/// A zip central directory entry (46 bytes + name) for the local header at `offset`: signature PK\1\2,
/// made by Unix 2.0, the local header's fields, no comment, disk 0, attributes of a 0644 file.
QByteArray zipCentralEntry(const QByteArray& name, const Deflated& d, std::uint32_t offset)
{
    QByteArray h;
    putLe(h, 0x02014b50, 4);
    putLe(h, (3 << 8) | 20, 2);
    putZipEntryFields(h, name, d);
    putLe(h, 0, 2);
    putLe(h, 0, 2);
    putLe(h, 0, 2);
    putLe(h, std::uint64_t(0100644) << 16, 4);
    putLe(h, offset, 4);
    return h + name;
}

/// The end of central directory record (22 bytes): PK\5\6, disks 0, entry counts, directory size and offset.
QByteArray zipEnd(int entries, qsizetype directorySize, qsizetype directoryOffset)
{
    QByteArray h;
    putLe(h, 0x06054b50, 4);
    putLe(h, 0, 2);
    putLe(h, 0, 2);
    putLe(h, static_cast<std::uint64_t>(entries), 2);
    putLe(h, static_cast<std::uint64_t>(entries), 2);
    putLe(h, static_cast<std::uint64_t>(directorySize), 4);
    putLe(h, static_cast<std::uint64_t>(directoryOffset), 4);
    putLe(h, 0, 2);
    return h;
}

/// One 512-byte POSIX ustar header: name @0, mode @100, uid @108, gid @116, size @124 and mtime @136 (octal),
/// checksum @148 (the sum of the header's bytes with this field as spaces: 6 octal digits, NUL, space), type
/// flag @156 ('0' file, '1' hard link, '2' symlink, '3' character device, '4' block device, '6' FIFO), link
/// name @157, "ustar\0" "00" @257, owner names @265 and @297, device major @329 and minor @337.
QByteArray tarHeader(const QByteArray& name, char type, qint64 size = 0, const QByteArray& link = {},
                     int major = 0, int minor = 0)
{
    QByteArray h(512, '\0');
    const auto put = [&h](int at, const QByteArray& value) {
        std::memcpy(h.data() + at, value.constData(), static_cast<std::size_t>(value.size()));
    };
    const auto octal = [&put](int at, int width, qint64 value) {
        put(at, QByteArray::number(value, 8).rightJustified(width - 1, '0'));
    };
    put(0, name);
    octal(100, 8, 0644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, size);
    octal(136, 12, 1795500000); // 2026-11-24
    put(156, QByteArray(1, type));
    put(157, link);
    put(257, QByteArray("ustar\0"
                        "00",
                        8));
    put(265, "root");
    put(297, "root");
    octal(329, 8, major);
    octal(337, 8, minor);
    std::memset(h.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (const char c : h)
        sum += static_cast<unsigned char>(c);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return h;
}

/// A regular member: its header, its bytes, zeros up to the next 512-byte block.
QByteArray tarFile(const QByteArray& name, const QByteArray& content)
{
    QByteArray member = tarHeader(name, '0', content.size()) + content;
    member += QByteArray((512 - content.size() % 512) % 512, '\0');
    return member;
}

// --- Memory of this process (Linux /proc; elsewhere the checks that need it are skipped) ------------------

/// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"), -1 when there is none.
qint64 procStatusKiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

/// Starts a new peak-RSS measurement (Linux: "5" to /proc/self/clear_refs resets VmHWM to VmRSS).
bool resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

/// The incidents of one server day, in a form two analyses can be compared by.
QStringList incidentsOn(const ImportResult& import, const char* dayIso)
{
    const AnalysisResult analysis = analyzeImport(import);
    const std::int64_t dayStart = utc(dayIso);
    QStringList found;
    for (const Incident& incident : analysis.incidents) {
        if (incident.startMs < dayStart || incident.startMs >= dayStart + 86400000)
            continue;
        const std::string_view cause = causeId(incident.cause);
        found << QStringLiteral("%1 %2..%3 502=%4 504=%5 requests=%6 evidence=%7")
                     .arg(QLatin1String(cause.data(), static_cast<qsizetype>(cause.size())),
                          isoUtc(incident.startMs), isoUtc(incident.endMs))
                     .arg(incident.count502)
                     .arg(incident.count504)
                     .arg(incident.requests)
                     .arg(incident.evidence.size());
    }
    return found;
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

    void zipBombWithOverlappingEntries_data()
    {
        QTest::addColumn<bool>("ratioLimit"); // the bomb ratio scaled down so the kernel alone trips it
        QTest::newRow("default limits") << false;
        QTest::newRow("ratio limit 100:1") << true;
    }

    void zipBombWithOverlappingEntries()
    {
        QFETCH(bool, ratioLimit);
        if (!haveTool(QStringLiteral("gzip")))
            QSKIP("gzip is not installed");
        // The non-recursive zip bomb: one deflated "kernel" (32 MiB of one error line, ~300:1) stored once,
        // and a central directory whose 1 001 entries all point at its local header. A reader that trusts the
        // directory expands the kernel 1 001 times (32 GiB); ours reads the zip as a stream, local header
        // after local header, and stops at the directory: the kernel is expanded once, and the per-input
        // ratio and size limits still bound that once.
        const QString folder =
            dir_.filePath(ratioLimit ? QStringLiteral("zipbomb-ratio") : QStringLiteral("zipbomb"));
        QVERIFY(QDir().mkpath(folder));
        const QByteArray line = errorLine("2026/11/24 10:51:32");
        QByteArray kernel;
        kernel.reserve((32 << 20) + line.size());
        while (kernel.size() < (32 << 20))
            kernel += line;
        const qsizetype kernelLines = kernel.size() / line.size();
        Deflated access;
        Deflated bomb;
        QVERIFY(deflateWithGzip(folder, accessLog(), access));
        QVERIFY(deflateWithGzip(folder, kernel, bomb));
        constexpr int kAliases = 1000;
        const QByteArray accessName("var/log/nginx/access.log");
        const QByteArray bombName("var/log/nginx/error.log");
        // Layout: [local access.log][its data][local error.log][the kernel][directory: access.log, error.log,
        // error.log.1 .. error.log.1000, all but the first at the kernel's local header][end record].
        QByteArray zip = zipLocalHeader(accessName, access) + access.data;
        const auto bombOffset = static_cast<std::uint32_t>(zip.size());
        zip += zipLocalHeader(bombName, bomb) + bomb.data;
        const qsizetype directoryOffset = zip.size();
        QByteArray directory =
            zipCentralEntry(accessName, access, 0) + zipCentralEntry(bombName, bomb, bombOffset);
        for (int k = 1; k <= kAliases; ++k)
            directory += zipCentralEntry(bombName + '.' + QByteArray::number(k), bomb, bombOffset);
        zip += directory + zipEnd(kAliases + 2, directory.size(), directoryOffset);
        const QString archive = folder + QStringLiteral("/bundle.zip");
        QVERIFY(writeFile(archive, zip));
        QVERIFY(writeFile(folder + QStringLiteral("/other/error.log"), errorLog()));
        if (haveTool(QStringLiteral("unzip"))) {
            // The layout is what a real zip reader sees: 1 002 entries, 32 GiB in all.
            QProcess unzip;
            unzip.start(QStringLiteral("unzip"), {QStringLiteral("-l"), archive});
            QVERIFY(unzip.waitForFinished(60000));
            const QByteArray listing = unzip.readAllStandardOutput();
            QVERIFY2(listing.contains(QByteArray(QByteArray::number(kAliases + 2) + " files")),
                     listing.right(200).constData());
        }
        const auto before = snapshot(folder);

        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        if (ratioLimit) {
            options.limits.ratioGraceBytes = 1 << 20;
            options.limits.maxCompressionRatio = 100;
        }
        QElapsedTimer clock;
        clock.start();
        const ImportResult result = runImport({folder}, options);
        const qint64 elapsed = clock.elapsed();
        const QString details = describe(result);
        std::uint64_t expanded = 0;
        for (const SourceInfo& source : result.sources)
            expanded += source.path.startsWith(archive) ? source.bytes : 0;
        std::printf(
            "zip bomb (%s): %lld bytes on disk, the directory promises %lld bytes, %llu read, %lld ms\n",
            ratioLimit ? "ratio 100:1" : "default limits", static_cast<long long>(zip.size()),
            static_cast<long long>(kernel.size()) * (kAliases + 1) + accessLog().size(),
            static_cast<unsigned long long>(expanded), static_cast<long long>(elapsed));

        // The rest loads: the bundle's other log and the zip's own first member.
        const SourceInfo* other = findSource(result, folder + QStringLiteral("/other/error.log"));
        QVERIFY2(other != nullptr && other->events == 3, qPrintable(details));
        const SourceInfo* first = findSource(result, archive + QStringLiteral("!/var/log/nginx/access.log"));
        QVERIFY2(first != nullptr && first->events == 3, qPrintable(details));
        // No alias is ever read, and the kernel at most once.
        for (const SourceInfo& source : result.sources)
            QVERIFY2(!source.path.contains(QStringLiteral("error.log.")), qPrintable(details));
        QVERIFY2(expanded <= std::uint64_t(kernel.size() + accessLog().size()), qPrintable(details));
        const QString bombPath = archive + QStringLiteral("!/var/log/nginx/error.log");
        const SourceInfo* kernelSource = findSource(result, bombPath);
        QVERIFY2(kernelSource != nullptr, qPrintable(details));
        if (!ratioLimit) {
            // Within the default limits the kernel is only a big log: read once, whole, without a message.
            QCOMPARE(kernelSource->events, std::uint64_t(kernelLines));
            QCOMPARE(kernelSource->bytes, std::uint64_t(kernel.size()));
            QVERIFY2(result.diagnostics.empty(), qPrintable(details));
        } else {
            // Over the ratio: named on the zip ("reading stopped") and on the member that was cut.
            const auto onInput =
                std::find_if(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& d) {
                    return d.path == archive &&
                           d.message.contains(QStringLiteral("decompression ratio above 100:1")) &&
                           d.message.endsWith(QStringLiteral("; reading stopped"));
                });
            QVERIFY2(onInput != result.diagnostics.end(), qPrintable(details));
            QCOMPARE(onInput->severity, Diagnostic::Severity::Error);
            QVERIFY2(findDiagnostic(result, bombPath, QStringLiteral("decompression ratio above 100:1")),
                     qPrintable(details));
            QVERIFY2(kernelSource->bytes < std::uint64_t(kernel.size()), qPrintable(details));
        }
        QCOMPARE(snapshot(folder), before);
    }

    void twoGibibyteLine()
    {
        if (!haveTool(QStringLiteral("gzip")))
            QSKIP("gzip is not installed");
        // error.log.1.gz: three error lines, one line of 2 GiB without a newline until its end, two more
        // error lines; access.log next to it. The long line is 16 KiB of pseudo-random printable bytes over
        // and over, as a dumped blob would be: it compresses about 60:1, so the line limit is what meets it.
        // (2 GiB of one byte packs 1 030:1 and is stopped as a decompression bomb after 64 MiB, which
        // tst_badinput covers; the line limit would never be reached.) The gzip file is built from gzip
        // members, which a gzip file may hold one after another (RFC 1952; `cat a.gz b.gz` and logrotate make
        // such files): one for the first lines, the same 64 MiB member 32 times, one for the last lines. A
        // few seconds to make, 30 MB on disk.
        const qint64 longBytes = qint64(2) << 30;
        const QString folder = dir_.filePath(QStringLiteral("longline"));
        const QString gz = folder + QStringLiteral("/var/log/nginx/error.log.1.gz");
        const QString work = dir_.filePath(QStringLiteral("longline-work"));
        QVERIFY(QDir().mkpath(work));
        QVERIFY(QDir().mkpath(QFileInfo(gz).absolutePath()));
        QElapsedTimer clock;
        clock.start();
        {
            QByteArray period(16 << 10, '\0');
            std::uint32_t state = 12345;
            for (char& c : period) {
                state = state * 1103515245U + 12345U;
                c = static_cast<char>(0x21 + (state >> 16) % 94);
            }
            QByteArray block;
            block.reserve(64 << 20);
            while (block.size() < (64 << 20))
                block += period;
            QVERIFY(writeFile(work + QStringLiteral("/block"), block));
            QVERIFY(writeFile(work + QStringLiteral("/head"), errorLine("2026/11/24 10:00:01") +
                                                                  errorLine("2026/11/24 10:00:02") +
                                                                  errorLine("2026/11/24 10:00:03")));
            QVERIFY(writeFile(work + QStringLiteral("/tail"),
                              "\n" + errorLine("2026/11/24 10:00:05") + errorLine("2026/11/24 10:00:06")));
        }
        for (const char* part : {"block", "head", "tail"})
            QVERIFY(runTool(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-1")}, work,
                            work + u'/' + QLatin1String(part),
                            work + u'/' + QLatin1String(part) + QStringLiteral(".gz")));
        {
            QFile out(gz);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(readFile(work + QStringLiteral("/head.gz")));
            const QByteArray member = readFile(work + QStringLiteral("/block.gz"));
            for (qint64 written = 0; written < longBytes; written += 64 << 20)
                QCOMPARE(out.write(member), member.size());
            out.write(readFile(work + QStringLiteral("/tail.gz")));
        }
        const qint64 headBytes = QFileInfo(work + QStringLiteral("/head")).size();
        const qint64 tailBytes = QFileInfo(work + QStringLiteral("/tail")).size();
        QVERIFY(QDir(work).removeRecursively());
        QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), accessLog()));
        std::printf("2 GiB line: made a %lld MB gzip file in %lld ms\n", QFileInfo(gz).size() >> 20,
                    static_cast<long long>(clock.elapsed()));

        const qint64 rssBefore = procStatusKiB("VmRSS");
        const bool peakMeasured = rssBefore > 0 && resetPeakRss();
        clock.restart();
        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        const ImportResult result = runImport({folder}, options);
        const qint64 elapsed = clock.elapsed();
        const qint64 peakGrowthKiB = peakMeasured ? procStatusKiB("VmHWM") - rssBefore : -1;
        std::printf("2 GiB line: imported in %lld ms; peak RSS grew by %lld MiB (RSS before %lld MiB)\n",
                    static_cast<long long>(elapsed), peakGrowthKiB / 1024, rssBefore / 1024);

        const QString details = describe(result);
        const SourceInfo* big = findSource(result, gz);
        QVERIFY2(big != nullptr, qPrintable(details));
        QCOMPARE(big->kind, LogKind::NginxError);
        QCOMPARE(big->bytes, std::uint64_t(headBytes + longBytes + tailBytes));
        // Line 4 is cut at the limit and counted as skipped with its reason and number; the lines after it
        // load.
        QCOMPARE(big->lines, std::uint64_t(6));
        QCOMPARE(big->events, std::uint64_t(5));
        QCOMPARE(big->skippedLines, std::uint64_t(1));
        QCOMPARE(big->skipReasons.size(), std::size_t(1));
        QCOMPARE(big->skipReasons.front().reason, std::string("line longer than the limit"));
        QCOMPARE(big->skipReasons.front().firstLine, std::uint64_t(4));
        QCOMPARE(isoUtc(big->lastUtcMs), QStringLiteral("2026-11-24T09:00:06Z")); // +0100 from access.log
        QVERIFY2(result.diagnostics.empty(), qPrintable(details));
        const SourceInfo* access = findSource(result, folder + QStringLiteral("/var/log/nginx/access.log"));
        QVERIFY2(access != nullptr && access->events == 3, qPrintable(details));
        // Memory: the line costs the line limit, not 2 GiB. Chunks in flight (4 x 1 MiB per parser), the
        // decoder's buffers and the events stay far below 256 MiB; under AddressSanitizer freed chunks wait
        // in its quarantine (256 MiB by default) before their pages are reused, hence its own bound.
        if (!peakMeasured)
            QSKIP("this system cannot measure the peak RSS of a stretch of the run (Linux /proc only)");
        const qint64 boundMiB = kAddressSanitizer ? 768 : 256;
        QVERIFY2(peakGrowthKiB < boundMiB * 1024, qPrintable(QString::number(peakGrowthKiB / 1024)));
    }

    void linksAndDevicesInATar_data()
    {
        QTest::addColumn<bool>("realTar"); // else every header is crafted here
        QTest::newRow("crafted headers") << false;
        QTest::newRow("real tar") << true;
    }

    void linksAndDevicesInATar()
    {
        QFETCH(bool, realTar);
        const bool root = ::geteuid() == 0;
        const QString folder =
            dir_.filePath(realTar ? QStringLiteral("devices-tar") : QStringLiteral("devices-crafted"));
        const QString archive = folder + QStringLiteral("/bundle.tar");
        // What the bundle holds and what each non-file must be listed as.
        QMap<QString, QString> expectSkipped{
            {QStringLiteral("var/log/nginx/access.log"),
             QStringLiteral("link to \"/var/log/nginx/access.log\" (not followed)")},
            {QStringLiteral("var/log/nginx/pipe.log"), QStringLiteral("FIFO (named pipe) (not read)")},
            {QStringLiteral("var/log/php/fpm.log"), QStringLiteral("character device 1,3 (not read)")},
            {QStringLiteral("dev/sda"), QStringLiteral("block device 8,0 (not read)")},
        };
        if (!realTar) {
            // Crafted: a symlink out of the bundle, a hard link climbing to /etc/shadow, a character device
            // (/dev/null's numbers) under a log's name, a block device, a FIFO; logs before and after them.
            expectSkipped.insert(QStringLiteral("var/log/nginx/old.log"),
                                 QStringLiteral("link to \"../../../etc/shadow\" (not followed)"));
            QByteArray tar = tarFile("var/log/nginx/error.log", errorLog());
            tar += tarHeader("var/log/nginx/access.log", '2', 0, "/var/log/nginx/access.log");
            tar += tarHeader("var/log/nginx/old.log", '1', 0, "../../../etc/shadow");
            tar += tarHeader("var/log/php/fpm.log", '3', 0, {}, 1, 3);
            tar += tarHeader("dev/sda", '4', 0, {}, 8, 0);
            tar += tarHeader("var/log/nginx/pipe.log", '6');
            tar += tarFile("var/log/syslog", syslogLog());
            tar += QByteArray(1024, '\0');
            QVERIFY(writeFile(archive, tar));
        } else {
            if (!haveTool(QStringLiteral("tar")))
                QSKIP("tar is not installed");
            // The same made on disk and archived by tar: devices need root (mknod), the rest does not.
            const QString tree = folder + QStringLiteral("/tree");
            QVERIFY(writeFile(tree + QStringLiteral("/var/log/nginx/error.log"), errorLog()));
            QVERIFY(writeFile(tree + QStringLiteral("/var/log/syslog"), syslogLog()));
            QVERIFY(QFile::link(QStringLiteral("/var/log/nginx/access.log"),
                                tree + QStringLiteral("/var/log/nginx/access.log")));
            QCOMPARE(::link(QFile::encodeName(tree + QStringLiteral("/var/log/nginx/error.log")).constData(),
                            QFile::encodeName(tree + QStringLiteral("/var/log/nginx/hard.log")).constData()),
                     0);
            expectSkipped.insert(QStringLiteral("var/log/nginx/hard.log"),
                                 QStringLiteral("link to \"var/log/nginx/error.log\" (not followed)"));
            QCOMPARE(::mkfifo(QFile::encodeName(tree + QStringLiteral("/var/log/nginx/pipe.log")).constData(),
                              0644),
                     0);
            QVERIFY(QDir().mkpath(tree + QStringLiteral("/var/log/php")));
            QVERIFY(QDir().mkpath(tree + QStringLiteral("/dev")));
            if (root) {
                QCOMPARE(::mknod(QFile::encodeName(tree + QStringLiteral("/var/log/php/fpm.log")).constData(),
                                 S_IFCHR | 0644, makedev(1, 3)),
                         0);
                QCOMPARE(::mknod(QFile::encodeName(tree + QStringLiteral("/dev/sda")).constData(),
                                 S_IFBLK | 0644, makedev(8, 0)),
                         0);
            } else {
                expectSkipped.remove(QStringLiteral("var/log/php/fpm.log"));
                expectSkipped.remove(QStringLiteral("dev/sda"));
            }
            // GNU tar stores the second name of a file as a hard link to the first (hence --sort=name).
            QVERIFY(runTool(QStringLiteral("tar"),
                            {QStringLiteral("--sort=name"), QStringLiteral("-cf"), archive,
                             QStringLiteral("var"), QStringLiteral("dev")},
                            tree));

            // The folder itself, opened as a bundle: the FIFO would block the reader for ever and a device
            // may never end, so anything that is not a regular file is listed, not opened.
            ImportOptions utcOptions;
            utcOptions.timeZone = QStringLiteral("UTC");
            const ImportResult folderResult = runImport({tree}, utcOptions);
            const QString folderDetails = describe(folderResult);
            QVERIFY2(findSource(folderResult, tree + QStringLiteral("/var/log/nginx/error.log")),
                     qPrintable(folderDetails));
            QVERIFY2(findSource(folderResult, tree + QStringLiteral("/var/log/syslog")),
                     qPrintable(folderDetails));
            for (const char* special : {"/var/log/nginx/pipe.log", "/var/log/php/fpm.log", "/dev/sda"}) {
                if (!root && std::strcmp(special, "/var/log/nginx/pipe.log") != 0)
                    continue;
                const SkippedFile* skipped = findSkipped(folderResult, tree + QLatin1String(special));
                QVERIFY2(skipped != nullptr, qPrintable(QLatin1String(special) + folderDetails));
                QCOMPARE(skipped->reason,
                         QStringLiteral("not a regular file (a FIFO, socket or device); not read"));
            }
            QCOMPARE(findSkipped(folderResult, tree + QStringLiteral("/var/log/nginx/access.log"))->reason,
                     QStringLiteral("symbolic link (not followed)"));
        }
        const auto before = snapshot(folder);

        ImportOptions options;
        options.timeZone = QStringLiteral("UTC");
        const ImportResult result = runImport({archive}, options);

        const QString details = describe(result);
        // The logs before and after the specials load.
        const SourceInfo* error = findSource(result, archive + QStringLiteral("!/var/log/nginx/error.log"));
        QVERIFY2(error != nullptr && error->events == 3, qPrintable(details));
        const SourceInfo* syslog = findSource(result, archive + QStringLiteral("!/var/log/syslog"));
        QVERIFY2(syslog != nullptr && syslog->events == 3, qPrintable(details));
        QCOMPARE(result.sources.size(), std::size_t(2));
        // Each link and device is listed under its member name with what it is; nothing else is skipped.
        for (auto it = expectSkipped.cbegin(); it != expectSkipped.cend(); ++it) {
            const SkippedFile* skipped = findSkipped(result, archive + QStringLiteral("!/") + it.key());
            QVERIFY2(skipped != nullptr, qPrintable(it.key() + details));
            QCOMPARE(skipped->reason, it.value());
        }
        QCOMPARE(result.skipped.size(), std::size_t(expectSkipped.size()));
        QVERIFY2(result.diagnostics.empty(), qPrintable(details));
        // Nothing created, followed or written: not in the bundle's folder, and no device node anywhere new.
        QCOMPARE(snapshot(folder), before);
    }

    void timesJumpBackAndIntoTheFuture()
    {
        // One server: a clean access log (+0100) and error log of 2026-11-24, year-less syslog lines, and
        // nginx's older error log whose clock misbehaves: 2024 -> 2019 -> 2024, a line of 2999, one of 9999.
        //
        // What support expects (and the importer does):
        // * A step back in time is real data: the server's clock was set back (NTP, a restored VM) or logs
        //   were joined by hand. Every event stays, at its own time (the timeline is ordered by time, so
        //   those lines sit apart from their neighbours in the file), and the file gets one warning naming
        //   the first jump's line, how far back it went and how many jumps there were. Steps back of up to an
        //   hour are ordinary (lines written when requests end, DST in zone-less logs) and not reported.
        // * A time more than a year after today cannot have been written yet: the clock was wrong or the line
        //   is damaged. Such lines would stretch the chart over millennia and date the year-less syslog lines
        //   of the server in 9999; they are left out, counted as skipped lines ("dated more than a year after
        //   today", with the first line's number), and the file gets a warning naming that line.
        // The incidents of 2026-11-24 are the same as without the hostile log.
        const QString clean = dir_.filePath(QStringLiteral("times-clean"));
        const QString hostile = dir_.filePath(QStringLiteral("times-hostile"));
        for (const QString& folder : {clean, hostile}) {
            QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/access.log"), accessLog()));
            QVERIFY(writeFile(folder + QStringLiteral("/var/log/nginx/error.log"), errorLog()));
            QVERIFY(writeFile(folder + QStringLiteral("/var/log/syslog"), syslogLog()));
            QVERIFY(writeFile(folder + QStringLiteral("/etc/timezone"), "Europe/Amsterdam\n"));
        }
        const QByteArray jumping = errorLine("2024/11/24 10:00:00", 1) + // line 1
                                   errorLine("2024/11/24 10:00:05", 2) + // 2
                                   errorLine("2019/03/01 10:00:00", 3) + // 3: five years back
                                   errorLine("2019/03/01 10:00:01", 4) + // 4
                                   errorLine("2024/11/24 10:00:10", 5) + // 5: forward again
                                   errorLine("2999/01/01 10:00:00", 6) + // 6: the future
                                   errorLine("2024/11/24 10:00:20", 7) + // 7
                                   errorLine("9999/12/31 23:59:59", 8) + // 8: the far future
                                   errorLine("2024/11/24 10:00:30", 9) + // 9
                                   errorLine("2024/11/24 10:00:25", 10); // 10: five seconds back: ordinary
        const QString jumpingPath = hostile + QStringLiteral("/var/log/nginx/error.log.3");
        QVERIFY(writeFile(jumpingPath, jumping));

        const ImportResult baseline = runImport({clean});
        QElapsedTimer clock;
        clock.start();
        const ImportResult result = runImport({hostile});
        std::printf("times jumping: imported in %lld ms\n", static_cast<long long>(clock.elapsed()));
        const QString details = describe(result);

        const SourceInfo* source = findSource(result, jumpingPath);
        QVERIFY2(source != nullptr, qPrintable(details));
        QCOMPARE(source->lines, std::uint64_t(10));
        QCOMPARE(source->events, std::uint64_t(8));
        QCOMPARE(source->skippedLines, std::uint64_t(2));
        QCOMPARE(source->skipReasons.size(), std::size_t(1));
        QCOMPARE(source->skipReasons.front().reason, std::string("dated more than a year after today"));
        QCOMPARE(source->skipReasons.front().firstLine, std::uint64_t(6));
        QCOMPARE(source->skipReasons.front().count, std::uint64_t(2));
        QCOMPARE(isoUtc(source->firstUtcMs), QStringLiteral("2019-03-01T09:00:00Z"));
        QCOMPARE(isoUtc(source->lastUtcMs), QStringLiteral("2024-11-24T09:00:30Z"));
        // The messages name the file and the line.
        const Diagnostic* jump = findDiagnostic(result, jumpingPath, QStringLiteral("time goes back"));
        QVERIFY2(jump != nullptr, qPrintable(details));
        QCOMPARE(jump->severity, Diagnostic::Severity::Warning);
        QCOMPARE(jump->line, std::uint64_t(3));
        QVERIFY2(jump->message.contains(QStringLiteral("5 years")) &&
                     jump->message.contains(QStringLiteral("line 2")) &&
                     jump->message.contains(QStringLiteral("2019-03-01")) &&
                     jump->message.contains(QStringLiteral("1 time")),
                 qPrintable(jump->toText()));
        const Diagnostic* future = findDiagnostic(result, jumpingPath, QStringLiteral("after today"));
        QVERIFY2(future != nullptr, qPrintable(details));
        QCOMPARE(future->severity, Diagnostic::Severity::Warning);
        QCOMPARE(future->line, std::uint64_t(6));
        QVERIFY2(future->message.contains(QStringLiteral("2 lines")), qPrintable(future->toText()));
        int aboutIt = 0;
        for (const Diagnostic& d : result.diagnostics)
            aboutIt += d.path == jumpingPath ? 1 : 0;
        QCOMPARE(aboutIt, 2);

        // On the timeline: in time order, nothing after 2024 but the clean logs of 2026, the 2019 lines
        // first.
        const EventColumns& events = result.timeline->events();
        QVERIFY(std::is_sorted(events.timeMs.begin(), events.timeMs.end()));
        QCOMPARE(isoUtc(events.timeMs.front()), QStringLiteral("2019-03-01T09:00:00Z"));
        QVERIFY2(events.timeMs.back() < utc("2026-11-25T00:00:00Z"),
                 qPrintable(isoUtc(events.timeMs.back())));
        // The year-less syslog lines are dated by the clean logs (2026), not by the 9999 line.
        const SourceInfo* syslog = findSource(result, hostile + QStringLiteral("/var/log/syslog"));
        QVERIFY2(syslog != nullptr, qPrintable(details));
        QCOMPARE(isoUtc(syslog->firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
        // The other logs and their incidents are as without the hostile file.
        for (const char* log : {"/var/log/nginx/access.log", "/var/log/nginx/error.log", "/var/log/syslog"}) {
            const SourceInfo* a = findSource(baseline, clean + QLatin1String(log));
            const SourceInfo* b = findSource(result, hostile + QLatin1String(log));
            QVERIFY2(a != nullptr && b != nullptr, log);
            QCOMPARE(b->events, a->events);
            QCOMPARE(b->firstUtcMs, a->firstUtcMs);
            QCOMPARE(b->lastUtcMs, a->lastUtcMs);
        }
        const QStringList before = incidentsOn(baseline, "2026-11-24T00:00:00Z");
        QVERIFY(!before.isEmpty());
        QCOMPARE(incidentsOn(result, "2026-11-24T00:00:00Z"), before);
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestHostileBundles)
#include "tst_hostilebundles.moc"
