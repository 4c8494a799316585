// A bundle's own nginx.conf tells how its access logs are written: its log_format definitions are used to
// read them, in a folder and in a tar.gz packed by real tar (etc/ before var/, as `tar -czf b.tgz etc var`
// packs it).

#include "importtestutil.h"

#include <QTest>

using namespace gd;
using namespace gdtest;

class TestLearnedFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accessLogReadWithTheBundlesFormat_data();
    void accessLogReadWithTheBundlesFormat();
    void withoutTheConfigTheFileIsNotALog();

private:
    QString path(const QString& relative) const { return dir_.filePath(relative); }
    QTemporaryDir dir_;
};

namespace {

// A format no built-in reads: pipes between fields, the time first, the status before the request.
const QByteArray kConfig = "http {\n"
                           "    # our own layout\n"
                           "    log_format piped '$time_iso8601|$status|$host|\"$request\"|'\n"
                           "                     '$request_time|$upstream_response_time';\n"
                           "    access_log /var/log/nginx/access.log piped;\n"
                           "}\n";

QByteArray accessLines()
{
    QByteArray lines;
    for (int i = 0; i < 20; ++i) {
        const int status = i % 5 == 4 ? 502 : 200;
        lines += QStringLiteral(
                     "2026-11-24T10:%1:00+01:00|%2|www.example.com|\"GET /node/%3 HTTP/1.1\"|0.0%4|0.0%4\n")
                     .arg(10 + i)
                     .arg(status)
                     .arg(i)
                     .arg(i % 10)
                     .toLatin1();
    }
    return lines;
}

} // namespace

void TestLearnedFormats::initTestCase()
{
    QVERIFY(dir_.isValid());
    QVERIFY(writeFile(path(QStringLiteral("tree/etc/nginx/nginx.conf")), kConfig));
    QVERIFY(writeFile(path(QStringLiteral("tree/var/log/nginx/access.log")), accessLines()));
    QVERIFY(writeFile(path(QStringLiteral("bare/access.log")), accessLines()));
    if (haveTool(QStringLiteral("tar")) && haveTool(QStringLiteral("gzip")))
        QVERIFY(runTool(QStringLiteral("tar"),
                        {QStringLiteral("-czf"), path(QStringLiteral("bundle.tar.gz")), QStringLiteral("etc"),
                         QStringLiteral("var")},
                        path(QStringLiteral("tree"))));
}

void TestLearnedFormats::accessLogReadWithTheBundlesFormat_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("accessLog");
    QTest::newRow("folder") << path(QStringLiteral("tree"))
                            << path(QStringLiteral("tree/var/log/nginx/access.log"));
    QTest::newRow("tar.gz") << path(QStringLiteral("bundle.tar.gz"))
                            << path(QStringLiteral("bundle.tar.gz!/var/log/nginx/access.log"));
}

void TestLearnedFormats::accessLogReadWithTheBundlesFormat()
{
    QFETCH(QString, input);
    QFETCH(QString, accessLog);
    if (!QFileInfo::exists(input))
        QSKIP("tar or gzip is not installed");
    const ImportResult result = runImport({input});
    const SourceInfo* access = findSource(result, accessLog);
    QVERIFY2(access != nullptr, qPrintable(describe(result)));
    QCOMPARE(access->kind, LogKind::NginxAccess);
    QCOMPARE(access->events, 20U);
    QCOMPARE(access->skippedLines, 0U);
    QCOMPARE(isoUtc(access->firstUtcMs), QStringLiteral("2026-11-24T09:10:00Z"));
    int failures = 0;
    const EventColumns& events = result.timeline->events();
    for (std::size_t i = 0; i < events.size(); ++i)
        failures += events.code[i] == MessageCode::Request && events.value[i] == 502 ? 1 : 0;
    QCOMPARE(failures, 4);
}

void TestLearnedFormats::withoutTheConfigTheFileIsNotALog()
{
    // The same lines alone: no format says how to read them, and none is guessed.
    const ImportResult result = runImport({path(QStringLiteral("bare"))});
    const SourceInfo* access = findSource(result, path(QStringLiteral("bare/access.log")));
    QVERIFY(access == nullptr || access->kind != LogKind::NginxAccess);
}

QTEST_GUILESS_MAIN(TestLearnedFormats)
#include "tst_learnedformats.moc"
