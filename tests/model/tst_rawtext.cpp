// The raw line behind any event must come back exactly, for plain files and archive members.

#include "import/importer.h"
#include "import/rawtext.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gd;

namespace {

QByteArray errorLine(int n)
{
    return QStringLiteral(
               "2026/11/24 10:%1:%2 [error] 4021#4021: *%3 upstream timed out (110: Connection timed out) "
               "while reading response header from upstream, client: 203.0.113.7, server: example.com, "
               "request: \"GET /node/%3 HTTP/1.1\", upstream: \"fastcgi://unix:/run/php.sock:\", host: "
               "\"example.com\"")
        .arg((n / 60) % 60, 2, 10, QChar(u'0'))
        .arg(n % 60, 2, 10, QChar(u'0'))
        .arg(n)
        .toUtf8();
}

} // namespace

class TestRawText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linesComeBackExactly_data()
    {
        QTest::addColumn<bool>("packed");
        QTest::newRow("plain file") << false;
        QTest::newRow("tar.gz member") << true;
    }

    void linesComeBackExactly()
    {
        QFETCH(bool, packed);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("var/log/nginx"));
        const QString logPath = dir.filePath(QStringLiteral("var/log/nginx/error.log"));
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::WriteOnly));
        const int lineCount = 3000;
        for (int n = 1; n <= lineCount; ++n)
            log.write(errorLine(n) + (n % 7 == 0 ? "\r\n" : "\n"));
        log.close();
        QString input = logPath;
        if (packed) {
            input = dir.filePath(QStringLiteral("bundle.tar.gz"));
            QCOMPARE(
                QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), input, QStringLiteral("-C"),
                                                          dir.path(), QStringLiteral("var")}),
                0);
        }
        Importer importer({});
        const ImportResult result = importer.run({input});
        QCOMPARE(result.sources.size(), std::size_t(1));
        QCOMPARE(result.sources[0].lines, std::uint64_t(lineCount));
        RawTextReader reader(result.sources);
        for (const int first : {1, 2, 511, 512, 513, 1024, 1025, 2999, 3000}) {
            std::vector<std::string> lines;
            QString error;
            QVERIFY2(reader.lines(0, first, 2, lines, &error), qPrintable(error));
            QCOMPARE(lines.size(), std::size_t(first == lineCount ? 1 : 2));
            QCOMPARE(QByteArray::fromStdString(lines[0]), errorLine(first));
        }
        std::vector<std::string> lines;
        QString error;
        QVERIFY(!reader.lines(0, 0, 1, lines, &error));
        QVERIFY(!reader.lines(7, 1, 1, lines, &error));
    }
};

QTEST_GUILESS_MAIN(TestRawText)
#include "tst_rawtext.moc"
