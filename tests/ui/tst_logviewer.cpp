// The log viewer: raw lines around an event from a plain file and from a tar.gz member, the event's
// line marked and scrolled into view, stale requests dropped, and hostile bytes shown safely.

#include "import/importer.h"
#include "import/importtestutil.h"
#include "logviewer/loghighlighterfactory.h"
#include "logviewer/logviewer.h"
#include "logviewer/logviewertext.h"
#include "logviewer/logviewertextview.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSyntaxHighlighter>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QXmlStreamReader>

using namespace gd;

namespace {

// Invalid UTF-8 (a lone continuation byte and a truncated sequence), ESC, BEL, NUL, DEL, a C1 control,
// a right-to-left override and markup that must not be rendered.
const QByteArray kHostileLine =
    QByteArray("2026/11/24 10:00:00 [error] bad \x80\xC3 esc\x1B[31m bel\x07 nul") + QByteArray(1, '\0') +
    QByteArray(" del\x7F c1\xC2\x85 rlo\xE2\x80\xAE <b>bold</b>");

constexpr int kLines = 1200;
constexpr int kHostileAt = 600;

bool writeErrorLog(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (int n = 1; n <= kLines; ++n)
        file.write((n == kHostileAt ? kHostileLine : gdtest::numberedErrorLine(n)) + '\n');
    return true;
}

} // namespace

class TestLogViewer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString plainInput_;
    QString packedInput_;

    std::shared_ptr<const ImportResult> importInput(const QString& input)
    {
        Importer importer({});
        return std::make_shared<const ImportResult>(importer.run({input}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        plainInput_ = dir_.filePath(QStringLiteral("var/log/nginx/error.log"));
        QVERIFY(writeErrorLog(plainInput_));
        packedInput_ = dir_.filePath(QStringLiteral("bundle.tar.gz"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                                   {QStringLiteral("-czf"), packedInput_, QStringLiteral("-C"), dir_.path(),
                                    QStringLiteral("var")}),
                 0);
    }

    void showsTheMarkedLine_data()
    {
        QTest::addColumn<bool>("packed");
        QTest::addColumn<int>("line");
        QTest::newRow("plain, middle") << false << 900;
        QTest::newRow("plain, first line") << false << 1;
        QTest::newRow("tar.gz, middle") << true << 900;
        QTest::newRow("tar.gz, last line") << true << kLines;
    }

    void showsTheMarkedLine()
    {
        QFETCH(bool, packed);
        QFETCH(int, line);
        const auto import = importInput(packed ? packedInput_ : plainInput_);
        QCOMPARE(import->sources.size(), std::size_t(1));
        LogViewer viewer;
        viewer.resize(900, 500);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImport(import);
        QSignalSpy shown(&viewer, &LogViewer::linesShown);
        viewer.showLine(0, static_cast<std::uint32_t>(line));
        QVERIFY(shown.wait(10000));
        QCOMPARE(viewer.markedLine(), std::uint32_t(line));
        QCOMPARE(viewer.markedLineText(), QString::fromUtf8(gdtest::numberedErrorLine(line)));
        QVERIFY(viewer.isMarkedLineVisible());
        QCOMPARE(viewer.headerText(), import->sources[0].path);
        // The margin numbers are the file's: the window starts 200 lines before (or at line 1).
        QCOMPARE(viewer.textView()->firstLine(), std::uint64_t(std::max(1, line - 200)));
        const int expectedBlocks = std::min(kLines, line + 200) - std::max(1, line - 200) + 1;
        QCOMPARE(viewer.textView()->blockCount(), expectedBlocks);
    }

    void dropsStaleRequests()
    {
        const auto import = importInput(packedInput_);
        LogViewer viewer;
        viewer.resize(900, 500);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setImport(import);
        QSignalSpy shown(&viewer, &LogViewer::linesShown);
        viewer.showLine(0, 100);
        viewer.showLine(0, 300);
        viewer.showLine(0, 1100);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer.isLoading(), 10000);
        QVERIFY(!shown.isEmpty());
        QCOMPARE(shown.last().at(1).value<std::uint32_t>(), 1100U);
        QCOMPARE(viewer.markedLine(), 1100U);
        QCOMPARE(viewer.markedLineText(), QString::fromUtf8(gdtest::numberedErrorLine(1100)));
        QVERIFY(viewer.isMarkedLineVisible());
    }

    void hostileLineIsShownSafely()
    {
        const auto import = importInput(plainInput_);
        LogViewer viewer;
        viewer.resize(900, 500);
        viewer.show();
        viewer.setImport(import);
        QSignalSpy shown(&viewer, &LogViewer::linesShown);
        viewer.showLine(0, kHostileAt);
        QVERIFY(shown.wait(10000));
        const QString text = viewer.markedLineText();
        QCOMPARE(text, safeDisplayText(
                           std::string_view(kHostileLine.constData(), std::size_t(kHostileLine.size()))));
        for (const QChar c : text)
            QVERIFY2(
                c.unicode() >= 0x20 && !(c.unicode() >= 0x7F && c.unicode() <= 0x9F) && c.unicode() != 0x202E,
                qPrintable(QStringLiteral("control U+%1 shown raw").arg(c.unicode(), 4, 16, QChar(u'0'))));
        QVERIFY(text.contains(QChar(QChar::ReplacementCharacter)));
        QVERIFY(text.contains(QChar(0x241B))); // ESC picture
        QVERIFY(text.contains(QChar(0x2400))); // NUL picture
        QVERIFY(text.contains(QStringLiteral("[U+202E]")));
        QVERIFY(text.contains(QStringLiteral("<b>bold</b>"))); // literally, not as markup
        // The document is plain text: one block per line, no rich formatting from the content.
        QVERIFY(!viewer.textView()->document()->toPlainText().contains(QChar(0x1B)));
    }

    void sanitizerCutsLongLines()
    {
        const std::string longLine(100000, 'x');
        const QString text = safeDisplayText(longLine, 1000);
        QVERIFY(text.startsWith(QString(1000, u'x')));
        QVERIFY(text.size() < 1100);
        QVERIFY(text.contains(QStringLiteral("100000")));
        QCOMPARE(safeDisplayText("tab\tkept"), QStringLiteral("tab\tkept"));
        QCOMPARE(safeDisplayText("caf\xC3\xA9"), QStringLiteral("café"));
    }

    void builtInHighlighterMarksGatewayErrors()
    {
        if (LogHighlighterFactory::hasKSyntaxHighlighting())
            QSKIP("built with KSyntaxHighlighting: its formats come from the theme");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("access.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "\"203.0.113.7\" www.example.com [24/Nov/2026:10:51:32 +0100] \"GET /node/12 HTTP/1.1\" 502 150 "
            "412 313 \"-\" \"Mozilla/5.0\" 0.003 \"-\"\n");
        file.close();
        const auto import = importInput(path);
        LogViewer viewer;
        viewer.setImport(import);
        QSignalSpy shown(&viewer, &LogViewer::linesShown);
        viewer.showLine(0, 1);
        QVERIFY(shown.wait(10000));
        const QTextBlock block = viewer.textView()->document()->firstBlock();
        const int statusAt = static_cast<int>(block.text().indexOf(QStringLiteral("\" 502 ")) + 2);
        bool bold = false;
        for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
            if (range.start <= statusAt && statusAt < range.start + range.length)
                bold = range.format.fontWeight() >= QFont::Bold;
        }
        QVERIFY2(bold, "502 is emphasised");
    }

    void ksyntaxHighlightingLoadsOurDefinitions()
    {
        // With KF6 the factory must find our definitions in the Qt resource: a definition that fails to
        // load falls back to the built-in highlighter silently, so only this test would notice.
        if (!LogHighlighterFactory::hasKSyntaxHighlighting())
            QSKIP("built without KSyntaxHighlighting");
        const QDir resource(LogHighlighterFactory::resourceSearchPath() + u"/syntax");
        const QDir sources(QStringLiteral(GD_SOURCE_DIR "/resources/syntax"));
        QCOMPARE(resource.entryList({QStringLiteral("*.xml")}), sources.entryList({QStringLiteral("*.xml")}));
        LogHighlighterFactory factory;
        for (const LogKind kind :
             {LogKind::NginxAccess, LogKind::NginxError, LogKind::FpmMaster, LogKind::FpmSlow}) {
            QTextDocument document;
            const QSyntaxHighlighter* highlighter = factory.create(&document, kind, QPalette());
            QVERIFY(highlighter);
            QVERIFY2(qstrcmp(highlighter->metaObject()->className(),
                             "KSyntaxHighlighting::SyntaxHighlighter") == 0,
                     qPrintable(LogHighlighterFactory::definitionName(kind)));
        }
        // And the definition paints: a 502 after the request line is bold and underlined ("Gateway Error").
        QTextDocument document;
        QSyntaxHighlighter* accessHighlighter = factory.create(&document, LogKind::NginxAccess, QPalette());
        document.setPlainText(QStringLiteral(
            "203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] \"GET /node/12 HTTP/1.1\" 502 150 \"-\" \"curl\""));
        accessHighlighter->rehighlight(); // QSyntaxHighlighter skips edits until its first queued pass
        const QTextBlock block = document.firstBlock();
        const int statusAt = static_cast<int>(block.text().indexOf(QStringLiteral("\" 502 ")) + 2);
        bool emphasised = false;
        for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
            if (range.start <= statusAt && statusAt < range.start + range.length)
                emphasised = range.format.fontWeight() >= QFont::Bold && range.format.fontUnderline();
        }
        QVERIFY2(emphasised, "502 is emphasised by our access log definition");
    }

    void highlighterSurvivesReplacedText()
    {
        // The viewer swaps highlighters (kind or palette change) and replaces the text right after; work
        // a highlighter queued for the old blocks must not touch them (KSyntaxHighlighting did).
        LogHighlighterFactory factory;
        QTextDocument document;
        const QByteArray errorBytes = gdtest::numberedErrorLine(1) + '\n' + gdtest::numberedErrorLine(2) +
                                      '\n' + gdtest::numberedErrorLine(3);
        const QString errorText = QString::fromUtf8(errorBytes);
        document.setPlainText(errorText);
        QSyntaxHighlighter* highlighter = factory.create(&document, LogKind::NginxError, QPalette());
        highlighter->rehighlight();
        for (const LogKind kind : {LogKind::NginxAccess, LogKind::FpmMaster, LogKind::NginxError}) {
            delete highlighter;
            highlighter = factory.create(&document, kind, QPalette());
            document.setPlainText(errorText + u'\n' + errorText);
            QTest::qWait(20);
            document.setPlainText(errorText);
            QTest::qWait(20);
        }
        QCOMPARE(document.blockCount(), 3);
    }

    void syntaxDefinitionsAreWellFormed()
    {
        // Checked here because this build may lack KF6: the definitions must at least parse and
        // carry the names the factory asks the repository for.
        const QDir syntax(QStringLiteral(GD_SOURCE_DIR "/resources/syntax"));
        QStringList names;
        for (const QString& file : syntax.entryList({QStringLiteral("*.xml")})) {
            QFile xml(syntax.filePath(file));
            QVERIFY(xml.open(QIODevice::ReadOnly));
            QXmlStreamReader reader(&xml);
            while (!reader.atEnd()) {
                reader.readNext();
                if (reader.isStartElement() && reader.name() == u"language")
                    names << reader.attributes().value(QStringLiteral("name")).toString();
            }
            QVERIFY2(!reader.hasError(), qPrintable(file + u": " + reader.errorString()));
        }
        for (const LogKind kind :
             {LogKind::NginxAccess, LogKind::NginxError, LogKind::FpmMaster, LogKind::FpmSlow})
            QVERIFY2(names.contains(LogHighlighterFactory::definitionName(kind)),
                     qPrintable(LogHighlighterFactory::definitionName(kind)));
    }
};

QTEST_MAIN(TestLogViewer)
#include "tst_logviewer.moc"
