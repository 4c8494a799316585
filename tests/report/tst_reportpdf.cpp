// `gateway-doctor report` end to end: the PDF and CSV it writes for the demo bundle and for a hostile bundle,
// read back with poppler (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm), as a client's reader would.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kDemo = QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz");

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(120'000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Run report(const QStringList& arguments)
{
    return run(QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor"),
               QStringList{QStringLiteral("report")} + arguments);
}

QString pdfText(const QString& pdf)
{
    return QString::fromUtf8(
        run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}).out);
}

QString pdfInfo(const QString& pdf, const QStringList& extra = {})
{
    return QString::fromUtf8(run(QStringLiteral("pdfinfo"), extra + QStringList{pdf}).out);
}

int pageCount(const QString& pdf)
{
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(pdfInfo(pdf));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

/// Every page rendered by poppler has ink on it: the share of pages whose grey image has dark pixels.
bool everyPageHasInk(const QString& pdf, const QString& dir)
{
    QDir().mkpath(dir);
    const QString prefix = QDir(dir).filePath(QStringLiteral("page"));
    if (run(QStringLiteral("pdftoppm"),
            {QStringLiteral("-gray"), QStringLiteral("-r"), QStringLiteral("30"), pdf, prefix})
            .exitCode != 0)
        return false;
    const QStringList pages = QDir(dir).entryList({QStringLiteral("page*.pgm")}, QDir::Files, QDir::Name);
    if (pages.size() != pageCount(pdf))
        return false;
    for (const QString& name : pages) {
        QFile file(QDir(dir).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = file.readAll();
        // Binary PGM: "P5\nW H\n255\n" then one byte per pixel.
        const qsizetype header = bytes.indexOf("255\n") + 4;
        qsizetype dark = 0;
        for (qsizetype k = header; k < bytes.size(); ++k)
            dark += static_cast<unsigned char>(bytes[k]) < 128 ? 1 : 0;
        if (dark < 50) {
            qWarning("%s is blank", qPrintable(name));
            return false;
        }
    }
    return true;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestReportPdf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : {"pdftotext", "pdfinfo", "pdffonts", "pdfimages", "pdftoppm"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     "poppler-utils is needed (scripts/install-deps.sh installs it)");
        QVERIFY(dir_.isValid());
    }

    void demoReport()
    {
        const QString pdf = dir_.filePath(QStringLiteral("demo.pdf"));
        const QString csv = dir_.filePath(QStringLiteral("demo.csv"));
        QElapsedTimer clock;
        clock.start();
        const Run result =
            report({QStringLiteral("--pdf"), pdf, QStringLiteral("--csv"), csv, QStringLiteral("--company"),
                    QStringLiteral("Example Hosting B.V."), kDemo});
        std::printf("demo report: %lld ms for the whole command (import, analysis, PDF, CSV)\n",
                    static_cast<long long>(clock.elapsed()));
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(!result.err.contains("XDG_RUNTIME_DIR"), result.err.constData());

        const QString text = pdfText(pdf);
        for (const char* expected :
             {"Gateway errors (502/504)", "In short", "Summary", "Incidents", "What happened",
              "Why this cause", "What to do", "Evidence", "Appendix: what was analysed", "Europe/Amsterdam",
              "Overload", "PHP-FPM restart", "Page crashes every time", "Update Manager timeout",
              "server reached max_children", "Example Hosting B.V.", "Page 1 of"})
            QVERIFY2(text.contains(QLatin1String(expected)), expected);
        for (int id = 1; id <= 4; ++id)
            QVERIFY(text.contains(QStringLiteral("#%1").arg(id)));
        const int pages = pageCount(pdf);
        QVERIFY2(pages >= 4 && pages <= 30, qPrintable(QString::number(pages)));
        QVERIFY(everyPageHasInk(pdf, dir_.filePath(QStringLiteral("demo-pages"))));

        // A4, searchable text in embedded fonts, title and author, and no image it was not given.
        const QString info = pdfInfo(pdf);
        QVERIFY2(info.contains(QStringLiteral("A4")), qPrintable(info));
        QVERIFY(info.contains(QStringLiteral("Title:           Gateway errors (502/504) on")));
        QVERIFY(pdfInfo(pdf, {QStringLiteral("-meta")}).contains(QStringLiteral("Example Hosting B.V.")));
        const QStringList fonts = QString::fromUtf8(run(QStringLiteral("pdffonts"), {pdf}).out)
                                      .split(u'\n', Qt::SkipEmptyParts)
                                      .mid(2);
        QVERIFY(!fonts.isEmpty());
        for (const QString& font : fonts)
            QVERIFY2(font.contains(QStringLiteral(" yes ")), qPrintable(font)); // embedded
        QCOMPARE(QString::fromUtf8(run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf}).out)
                     .split(u'\n', Qt::SkipEmptyParts)
                     .size(),
                 2); // the two header lines: not one image

        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QStringList rows =
            QString::fromUtf8(table.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 5);
        QVERIFY(rows[1].startsWith(QStringLiteral("1,")));
    }

    void scopedToOneSiteWithMaskedAddresses()
    {
        const QString pdf = dir_.filePath(QStringLiteral("team.pdf"));
        const Run result = report({QStringLiteral("--pdf"), pdf, QStringLiteral("--hosts"),
                                   QStringLiteral("team.example.com"), QStringLiteral("--redact-ips"),
                                   QStringLiteral("--paper"), QStringLiteral("letter"), kDemo});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(!result.err.contains("QString::arg"), result.err.constData()); // no company: no missing text
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("team.example.com")));
        for (const char* other : {"www.example.com", "shop.example.org", "o1.srv.example.net"})
            QVERIFY2(!text.contains(QLatin1String(other)), other);
        const QRegularExpression address(
            QStringLiteral("\\b(?!127\\.)\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b"));
        QVERIFY2(!address.match(text).hasMatch(), qPrintable(address.match(text).captured(0)));
        QVERIFY(pdfInfo(pdf).contains(QStringLiteral("612 x 792 pts (letter)")));
    }

    void hostileLinesStayInertText()
    {
        // Attacker-controlled requests and host headers, each failing with 502, packed by the real tar.
        const QString root = dir_.filePath(QStringLiteral("hostile"));
        QByteArray access;
        const QByteArray longPath = "/search?q=" + QByteArray(60'000, 'x');
        const QList<QPair<QByteArray, QByteArray>> requests = {
            {"www.example.com", "/<img src=\"file:///etc/passwd\"><script>alert(1)</script>"},
            {"<b>markup</b>.example.com", "/host-header"},
            {"www.example.com", longPath},
            {"www.example.com", "/a\xE2\x80\xAEtxt.exe"},       // right-to-left override
            {"www.example.com", "/bad-\xC3\x28-utf8-\xFF\xFE"}, // invalid UTF-8
        };
        for (int k = 0; k < 60; ++k) {
            const auto& [host, path] = requests[k % requests.size()];
            access += "\"203.0.113." + QByteArray::number(10 + k % 5) + "\" " + host +
                      " [24/Nov/2026:12:00:" + QByteArray::number(10 + k % 40).rightJustified(2, '0') +
                      " +0000] \"GET " + path +
                      " HTTP/1.1\" 502 150 412 313 \"-\" \"Mozilla/5.0\" 0.002 \"-\"\n";
        }
        for (int k = 0; k < 200; ++k)
            access += "\"198.51.100.9\" www.example.com [24/Nov/2026:11:" + QByteArray::number(10 + k % 50) +
                      ":00 +0000] \"GET /ok HTTP/1.1\" 200 150 412 313 \"-\" \"Mozilla/5.0\" 0.100 \"-\"\n";
        QVERIFY(writeFile(root + QStringLiteral("/var/log/nginx/access.log"), access));
        const QString bundle = dir_.filePath(QStringLiteral("hostile.tar.gz"));
        QCOMPARE(run(QStringLiteral("tar"),
                     {QStringLiteral("-czf"), bundle, QStringLiteral("-C"), root, QStringLiteral("var")})
                     .exitCode,
                 0);

        const QString pdf = dir_.filePath(QStringLiteral("hostile.pdf"));
        const QStringList arguments = {QStringLiteral("--tz"), QStringLiteral("UTC"),
                                       QStringLiteral("--redact-ips"), bundle};
        const Run result = report(QStringList{QStringLiteral("--pdf"), pdf} + arguments);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QString text = pdfText(pdf);
        // Visitors' addresses are pseudonyms, the same ones in a second report of the same input.
        QVERIFY(!text.contains(QStringLiteral("203.0.113.")));
        const QString again = dir_.filePath(QStringLiteral("hostile-again.pdf"));
        QCOMPARE(report(QStringList{QStringLiteral("--pdf"), again} + arguments).exitCode, 0);
        const QRegularExpression pseudonym(QStringLiteral("client-\\d+"));
        QStringList first;
        QStringList second;
        for (auto it = pseudonym.globalMatch(text); it.hasNext();)
            first << it.next().captured(0);
        for (auto it = pseudonym.globalMatch(pdfText(again)); it.hasNext();)
            second << it.next().captured(0);
        QVERIFY(first.contains(QStringLiteral("client-1")));
        QCOMPARE(first, second);
        QVERIFY2(text.contains(QStringLiteral("<script>alert(1)</script>")), "markup is shown as text");
        QVERIFY(text.contains(QStringLiteral("<b>markup</b>.example.com")));
        QVERIFY(
            text.contains(QStringLiteral("more characters]"))); // the 60 kB URL is cut, saying by how much
        QVERIFY(!text.contains(QChar(0x202E)));
        QVERIFY(!text.contains(QStringLiteral("root:x:0:0"))); // /etc/passwd was not read in
        QCOMPARE(QString::fromUtf8(run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf}).out)
                     .split(u'\n', Qt::SkipEmptyParts)
                     .size(),
                 2);
        const int pages = pageCount(pdf);
        QVERIFY2(pages >= 3 && pages <= 30, qPrintable(QString::number(pages)));
        QVERIFY(everyPageHasInk(pdf, dir_.filePath(QStringLiteral("hostile-pages"))));
    }

    void badRequestsGetAMessage()
    {
        Run result = report({QStringLiteral("--pdf"), dir_.filePath(QStringLiteral("x.pdf")),
                             QStringLiteral("--paper"), QStringLiteral("a5"), kDemo});
        QCOMPARE(result.exitCode, 64);
        QVERIFY(result.err.contains("--paper"));
        result = report({kDemo});
        QCOMPARE(result.exitCode, 64);
        QVERIFY(result.err.contains("--pdf"));
        // A place that cannot take the file: a message naming it, and what was there stays.
        const QString blocker = dir_.filePath(QStringLiteral("not-a-folder"));
        QVERIFY(writeFile(blocker, "keep\n"));
        const QString target = blocker + QStringLiteral("/report.pdf");
        result = report({QStringLiteral("--pdf"), target, kDemo});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(target.toUtf8()), result.err.constData());
        QFile kept(blocker);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep\n"));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"
