// Importer over real containers: folders, tar (plain and every compressor), zip, single compressed
// files, archives inside archives and several inputs at once. Archives are made with the real tools.
// Every run must leave the input files untouched and write nothing anywhere.

#include "importtestutil.h"

#include <QTemporaryDir>
#include <algorithm>

using namespace gd;
using namespace gdtest;

namespace {

/// One log of the sample bundle and what the importer must make of it (UTC worked out by hand:
/// the access log says +0100 and etc/timezone says Europe/Amsterdam, which is +0100 in November).
struct ExpectedLog {
    const char* member;
    LogKind kind;
    std::uint64_t lines;
    const char* first;
    const char* last;
};

constexpr ExpectedLog kBundleLogs[] = {
    {"var/log/nginx/access.log", LogKind::NginxAccess, 3, "2026-11-24T09:51:32Z", "2026-11-24T10:03:01Z"},
    {"var/log/nginx/error.log", LogKind::NginxError, 3, "2026-11-24T09:51:32Z", "2026-11-24T10:05:10Z"},
    {"var/log/php/php83-fpm-error.log", LogKind::FpmMaster, 2, "2026-11-24T09:51:32Z",
     "2026-11-24T09:51:33Z"},
    {"var/log/syslog", LogKind::Syslog, 3, "2026-11-24T09:51:32Z", "2026-11-24T09:51:35Z"},
};
constexpr std::uint64_t kBundleEvents = 3 + 3 + 2 + 3;

const QByteArray kPoolConf =
    QByteArrayLiteral("[o1.83]\nuser = o1.ftp\nlisten = /var/run/o1.83.fpm.socket\n"
                      "pm = dynamic\npm.max_children = 8\nrequest_terminate_timeout = 180s\n");

QStringList toolsFor(const QString& format)
{
    if (format == QLatin1String("folder"))
        return {};
    if (format == QLatin1String("zip"))
        return {QStringLiteral("zip")};
    if (format == QLatin1String("tar"))
        return {QStringLiteral("tar")};
    if (format.endsWith(QLatin1String("gz")))
        return {QStringLiteral("tar"), QStringLiteral("gzip")};
    if (format.endsWith(QLatin1String("bz2")))
        return {QStringLiteral("tar"), QStringLiteral("bzip2")};
    if (format.endsWith(QLatin1String("xz")))
        return {QStringLiteral("tar"), QStringLiteral("xz")};
    return {QStringLiteral("tar"), QStringLiteral("zstd")};
}

QString missingTool(const QStringList& tools)
{
    for (const QString& tool : tools) {
        if (!haveTool(tool))
            return tool;
    }
    return {};
}

} // namespace

class TestArchives : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void bundleFormats_data();
    void bundleFormats();
    void singleCompressedFile_data();
    void singleCompressedFile();
    void nested_data();
    void nested();
    void mixedInputs();

private:
    QString path(const QString& relative) const { return dir_.filePath(relative); }
    /// Builds the sample bundle in `format` ("folder", "tar", "tar.gz", ...); returns the input to import.
    QString buildBundle(const QString& format);
    QString buildSingle(const QString& tool, const QString& extension);
    QString buildNested(const QString& name);
    void checkBundle(const ImportResult& result, const QString& prefix);

    QTemporaryDir dir_;
    QString previousCwd_;
    QMap<QString, QString> before_;
};

void TestArchives::initTestCase()
{
    QVERIFY(dir_.isValid());
    const QString tree = path(QStringLiteral("tree"));
    QVERIFY(writeFile(tree + QStringLiteral("/var/log/nginx/access.log"), accessLog()));
    QVERIFY(writeFile(tree + QStringLiteral("/var/log/nginx/error.log"), errorLog()));
    QVERIFY(writeFile(tree + QStringLiteral("/var/log/php/php83-fpm-error.log"), fpmLog()));
    QVERIFY(writeFile(tree + QStringLiteral("/var/log/syslog"), syslogLog()));
    QVERIFY(writeFile(tree + QStringLiteral("/etc/timezone"), "Europe/Amsterdam\n"));
    QVERIFY(writeFile(tree + QStringLiteral("/opt/php83/etc/pool.d/o1.83.conf"), kPoolConf));
    QVERIFY(writeFile(tree + QStringLiteral("/notes.txt"), "shopping list\n- milk\n- bread\n"));
    QVERIFY(writeFile(tree + QStringLiteral("/var/www/logo.png"), pngBytes()));
    QVERIFY(writeFile(tree + QStringLiteral("/usr/bin/php-fpm"), elfBytes()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("cwd"))));
}

void TestArchives::init()
{
    // The importer runs with an empty working folder inside the temp dir: anything it wrote
    // with a relative path would show up there.
    previousCwd_ = QDir::currentPath();
    QVERIFY(QDir::setCurrent(path(QStringLiteral("cwd"))));
}

void TestArchives::cleanup()
{
    QDir::setCurrent(previousCwd_);
    QVERIFY(QDir(path(QStringLiteral("cwd")))
                .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
}

QString TestArchives::buildBundle(const QString& format)
{
    const QString tree = path(QStringLiteral("tree"));
    if (format == QLatin1String("folder"))
        return tree;
    const QString output = path(QStringLiteral("bundle.") + format);
    if (QFile::exists(output))
        return output;
    bool ok = false;
    if (format == QLatin1String("zip")) {
        ok = runTool(QStringLiteral("zip"),
                     {QStringLiteral("-q"), QStringLiteral("-r"), output, QStringLiteral(".")}, tree);
    } else {
        QString flag = QStringLiteral("-cf");
        if (format == QLatin1String("tar.gz") || format == QLatin1String("tgz"))
            flag = QStringLiteral("-czf");
        else if (format == QLatin1String("tar.bz2"))
            flag = QStringLiteral("-cjf");
        else if (format == QLatin1String("tar.xz"))
            flag = QStringLiteral("-cJf");
        QStringList arguments;
        if (format == QLatin1String("tar.zst"))
            arguments << QStringLiteral("--zstd");
        arguments << flag << output << QStringLiteral("-C") << tree << QStringLiteral(".");
        ok = runTool(QStringLiteral("tar"), arguments, dir_.path());
    }
    return ok ? output : QString();
}

void TestArchives::checkBundle(const ImportResult& result, const QString& prefix)
{
    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    QCOMPARE(result.sources.size(), std::size(kBundleLogs));
    for (const ExpectedLog& expected : kBundleLogs) {
        const QString member = prefix + QLatin1String(expected.member);
        const SourceInfo* source = findSource(result, member);
        QVERIFY2(source != nullptr, qPrintable(member + details));
        QCOMPARE(source->kind, expected.kind);
        QCOMPARE(source->lines, expected.lines);
        QCOMPARE(source->events, expected.lines);
        QCOMPARE(source->skippedLines, 0U);
        QCOMPARE(isoUtc(source->firstUtcMs), isoUtc(utc(expected.first)));
        QCOMPARE(isoUtc(source->lastUtcMs), isoUtc(utc(expected.last)));
    }

    QCOMPARE(result.configs.size(), 2U);
    const ConfigFile* zoneFile = findConfig(result, prefix + QStringLiteral("etc/timezone"));
    QVERIFY2(zoneFile != nullptr, qPrintable(details));
    QCOMPARE(zoneFile->content, QByteArray("Europe/Amsterdam\n"));
    const ConfigFile* pool = findConfig(result, prefix + QStringLiteral("opt/php83/etc/pool.d/o1.83.conf"));
    QVERIFY2(pool != nullptr, qPrintable(details));
    QCOMPARE(pool->content, kPoolConf);

    QCOMPARE(result.skipped.size(), 3U);
    const SkippedFile* notes = findSkipped(result, prefix + QStringLiteral("notes.txt"));
    QVERIFY2(notes != nullptr, qPrintable(details));
    QCOMPARE(notes->reason, QStringLiteral("not a recognised log format (first line: \"shopping list\")"));
    const SkippedFile* png = findSkipped(result, prefix + QStringLiteral("var/www/logo.png"));
    QVERIFY2(png != nullptr, qPrintable(details));
    QCOMPARE(png->reason, QStringLiteral("binary content, not a log"));
    const SkippedFile* elf = findSkipped(result, prefix + QStringLiteral("usr/bin/php-fpm"));
    QVERIFY2(elf != nullptr, qPrintable(details));
    QCOMPARE(elf->reason, QStringLiteral("binary content, not a log"));

    QCOMPARE(result.serverTimeZone, QStringLiteral("Europe/Amsterdam"));
    QVERIFY(result.timeline != nullptr);
    QCOMPARE(result.timeline->size(), kBundleEvents);
    const auto& times = result.timeline->events().timeMs;
    QVERIFY(std::is_sorted(times.begin(), times.end()));
}

void TestArchives::bundleFormats_data()
{
    QTest::addColumn<QString>("format");
    for (const char* format : {"folder", "tar", "tar.gz", "tgz", "tar.bz2", "tar.xz", "tar.zst", "zip"})
        QTest::newRow(format) << QString::fromLatin1(format);
}

void TestArchives::bundleFormats()
{
    QFETCH(QString, format);
    if (const QString tool = missingTool(toolsFor(format)); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
    const QString input = buildBundle(format);
    QVERIFY(!input.isEmpty());
    before_ = snapshot(dir_.path());

    const ImportResult result = runImport({input});

    const QString prefix =
        input + (format == QLatin1String("folder") ? QStringLiteral("/") : QStringLiteral("!/"));
    checkBundle(result, prefix);
    QCOMPARE(snapshot(dir_.path()), before_);
}

QString TestArchives::buildSingle(const QString& tool, const QString& extension)
{
    const QString folder = path(QStringLiteral("single-") + tool);
    const QString plain = folder + QStringLiteral("/error.log");
    const QString packed = plain + extension;
    if (!writeFile(plain, errorLog()) || !compressFile(tool, plain, packed))
        return {};
    QFile::remove(plain); // only the compressed copy is imported
    return packed;
}

void TestArchives::singleCompressedFile_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("extension");
    QTest::newRow("gz") << QStringLiteral("gzip") << QStringLiteral(".gz");
    QTest::newRow("bz2") << QStringLiteral("bzip2") << QStringLiteral(".bz2");
    QTest::newRow("xz") << QStringLiteral("xz") << QStringLiteral(".xz");
    QTest::newRow("zst") << QStringLiteral("zstd") << QStringLiteral(".zst");
}

void TestArchives::singleCompressedFile()
{
    QFETCH(QString, tool);
    QFETCH(QString, extension);
    if (!haveTool(tool))
        QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
    const QString input = buildSingle(tool, extension);
    QVERIFY(!input.isEmpty());
    before_ = snapshot(dir_.path());

    ImportOptions options;
    options.timeZone = QStringLiteral("Europe/Amsterdam"); // nothing in a lone error log names the zone
    const ImportResult result = runImport({input}, options);

    QVERIFY2(result.diagnostics.empty(), qPrintable(describe(result)));
    QCOMPARE(result.sources.size(), 1U);
    const SourceInfo& source = result.sources.front();
    QCOMPARE(source.path, input); // a compressed stream adds no "!/member"
    QCOMPARE(source.kind, LogKind::NginxError);
    QCOMPARE(source.bytes, std::uint64_t(errorLog().size()));
    QCOMPARE(source.lines, 3U);
    QCOMPARE(source.events, 3U);
    QCOMPARE(isoUtc(source.firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    QCOMPARE(isoUtc(source.lastUtcMs), QStringLiteral("2026-11-24T10:05:10Z"));
    QCOMPARE(source.rotationFamily, QFileInfo(input).absolutePath() + QStringLiteral("/error.log"));
    QCOMPARE(source.rotationIndex, 0);
    QCOMPARE(result.serverTimeZone, QStringLiteral("Europe/Amsterdam"));
    QCOMPARE(snapshot(dir_.path()), before_);
}

QString TestArchives::buildNested(const QString& name)
{
    if (name == QLatin1String("rotated-gz-in-tar.gz")) {
        // var/log/nginx/error.log.2.gz inside a tar.gz
        const QString tree = path(QStringLiteral("nested-rotated"));
        const QString plain = path(QStringLiteral("nested-rotated-error.log"));
        if (!writeFile(plain, errorLog()) || !QDir().mkpath(tree + QStringLiteral("/var/log/nginx")) ||
            !compressFile(QStringLiteral("gzip"), plain,
                          tree + QStringLiteral("/var/log/nginx/error.log.2.gz")))
            return {};
        const QString output = path(QStringLiteral("nested.tar.gz"));
        return runTool(QStringLiteral("tar"),
                       {QStringLiteral("-czf"), output, QStringLiteral("-C"), tree, QStringLiteral("var")},
                       dir_.path())
                   ? output
                   : QString();
    }
    // inner.tar.gz (var/log/nginx/access.log) inside outer.zip
    const QString tree = path(QStringLiteral("nested-inner"));
    if (!writeFile(tree + QStringLiteral("/var/log/nginx/access.log"), accessLog()))
        return {};
    const QString zipFolder = path(QStringLiteral("nested-zip"));
    QDir().mkpath(zipFolder);
    if (!runTool(QStringLiteral("tar"),
                 {QStringLiteral("-czf"), zipFolder + QStringLiteral("/inner.tar.gz"), QStringLiteral("-C"),
                  tree, QStringLiteral("var")},
                 dir_.path()))
        return {};
    const QString output = path(QStringLiteral("outer.zip"));
    return runTool(QStringLiteral("zip"), {QStringLiteral("-q"), output, QStringLiteral("inner.tar.gz")},
                   zipFolder)
               ? output
               : QString();
}

void TestArchives::nested_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("tools");
    QTest::addColumn<QString>("member");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<int>("rotationIndex");
    QTest::addColumn<QString>("family");
    QTest::newRow("rotated .gz inside tar.gz")
        << QStringLiteral("rotated-gz-in-tar.gz")
        << QStringList{QStringLiteral("tar"), QStringLiteral("gzip")}
        << QStringLiteral("nested.tar.gz!/var/log/nginx/error.log.2.gz") << int(LogKind::NginxError)
        << QStringLiteral("2026-11-24T09:51:32Z") << QStringLiteral("2026-11-24T10:05:10Z") << 2
        << QStringLiteral("nested.tar.gz!/var/log/nginx/error.log");
    QTest::newRow("tar.gz inside zip")
        << QStringLiteral("tar.gz-in-zip")
        << QStringList{QStringLiteral("tar"), QStringLiteral("gzip"), QStringLiteral("zip")}
        << QStringLiteral("outer.zip!/inner.tar.gz!/var/log/nginx/access.log") << int(LogKind::NginxAccess)
        << QStringLiteral("2026-11-24T09:51:32Z") << QStringLiteral("2026-11-24T10:03:01Z") << 0
        << QStringLiteral("outer.zip!/inner.tar.gz!/var/log/nginx/access.log");
}

void TestArchives::nested()
{
    QFETCH(QString, name);
    QFETCH(QStringList, tools);
    QFETCH(QString, member);
    QFETCH(int, kind);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(int, rotationIndex);
    QFETCH(QString, family);
    if (const QString tool = missingTool(tools); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
    const QString input = buildNested(name);
    QVERIFY(!input.isEmpty());
    before_ = snapshot(dir_.path());

    ImportOptions options;
    options.timeZone = QStringLiteral("Europe/Amsterdam");
    const ImportResult result = runImport({input}, options);

    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    QCOMPARE(result.sources.size(), 1U);
    const SourceInfo* source = findSource(result, path(member));
    QVERIFY2(source != nullptr, qPrintable(details));
    QCOMPARE(int(source->kind), kind);
    QCOMPARE(source->lines, 3U);
    QCOMPARE(source->events, 3U);
    QCOMPARE(isoUtc(source->firstUtcMs), first);
    QCOMPARE(isoUtc(source->lastUtcMs), last);
    QCOMPARE(source->rotationIndex, rotationIndex);
    QCOMPARE(source->rotationFamily, path(family));
    QCOMPARE(snapshot(dir_.path()), before_);
}

void TestArchives::mixedInputs()
{
    for (const char* tool : {"tar", "gzip", "zip"}) {
        if (!haveTool(QLatin1String(tool)))
            QSKIP(qPrintable(QLatin1String(tool) + QStringLiteral(" is not installed")));
    }
    const QString folder = buildBundle(QStringLiteral("folder"));
    const QString tarball = buildBundle(QStringLiteral("tar.gz"));
    const QString single = QFile::exists(path(QStringLiteral("single-gzip/error.log.gz")))
                               ? path(QStringLiteral("single-gzip/error.log.gz"))
                               : buildSingle(QStringLiteral("gzip"), QStringLiteral(".gz"));
    const QString zip = QFile::exists(path(QStringLiteral("outer.zip")))
                            ? path(QStringLiteral("outer.zip"))
                            : buildNested(QStringLiteral("tar.gz-in-zip"));
    QVERIFY(!tarball.isEmpty() && !single.isEmpty() && !zip.isEmpty());
    before_ = snapshot(dir_.path());

    ImportOptions options;
    options.threads = 2;
    options.oneServer = true; // four shapes of one server's logs (each would otherwise be a server of its own)
    const ImportResult result = runImport({folder, tarball, single, zip}, options);

    const QString details = describe(result);
    QVERIFY2(result.diagnostics.empty(), qPrintable(details));
    // 4 logs in the folder, 4 in the tarball, the lone error log, the access log inside the zip.
    QCOMPARE(result.sources.size(), 10U);
    for (const QString& prefix : QStringList{folder + u'/', tarball + QStringLiteral("!/")}) {
        for (const ExpectedLog& expected : kBundleLogs) {
            const SourceInfo* source = findSource(result, prefix + QLatin1String(expected.member));
            QVERIFY2(source != nullptr, qPrintable(prefix + QLatin1String(expected.member) + details));
            QCOMPARE(source->events, expected.lines);
            QCOMPARE(isoUtc(source->firstUtcMs), isoUtc(utc(expected.first)));
        }
    }
    const SourceInfo* lone = findSource(result, single);
    QVERIFY2(lone != nullptr, qPrintable(details));
    QCOMPARE(lone->events, 3U);
    // The zone learned from the access logs (+0100) applies to the lone error log too.
    QCOMPARE(isoUtc(lone->firstUtcMs), QStringLiteral("2026-11-24T09:51:32Z"));
    const SourceInfo* inZip =
        findSource(result, zip + QStringLiteral("!/inner.tar.gz!/var/log/nginx/access.log"));
    QVERIFY2(inZip != nullptr, qPrintable(details));
    QCOMPARE(inZip->events, 3U);
    QCOMPARE(result.configs.size(), 4U);
    QCOMPARE(result.skipped.size(), 6U);

    QCOMPARE(result.timeline->size(), 2 * kBundleEvents + 3 + 3);
    std::uint64_t sum = 0;
    for (const SourceInfo& source : result.sources)
        sum += source.events;
    QCOMPARE(sum, result.timeline->size());
    const auto& times = result.timeline->events().timeMs;
    QVERIFY(std::is_sorted(times.begin(), times.end()));
    QCOMPARE(isoUtc(times.front()), QStringLiteral("2026-11-24T09:51:32Z"));
    QCOMPARE(isoUtc(times.back()), QStringLiteral("2026-11-24T10:05:10Z"));
    QCOMPARE(snapshot(dir_.path()), before_);
    QVERIFY(
        QDir(path(QStringLiteral("cwd"))).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

QTEST_GUILESS_MAIN(TestArchives)
#include "tst_archives.moc"
