// Every case of the real-world corpus is read: at least one event per case, and no line that a person reads
// as log evidence (it carries a time stamp or a message a support engineer would look for) is lost. Lines
// that are not read are listed with the reason, as the importer lists them. The yardstick below is
// deliberately simple and independent of the parsers: it says what a person would look at, not how the
// program reads it.

#include "import/importer.h"
#include "model/timeline.h"
#include "realworldcorpus.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace gd;
using namespace gdtest;

class TestRealWorldReading : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCaseIsRead_data();
    void everyCaseIsRead();
    void summary();

private:
    int unreadCases_ = 0;
    int lostLines_ = 0;
    int logLines_ = 0;
};

namespace {

/// What a person reads as a line of log evidence: a time stamp, or a message people search for.
bool carriesLogContent(const QString& line)
{
    static const QRegularExpression stamp(QStringLiteral(
        R"(\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d|\d\d[-/][A-Z][a-z]{2}[-/]\d{4}[ :]\d\d:\d\d|[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d)"));
    static const QStringList phrases = {
        QStringLiteral("connect() to"),
        QStringLiteral("connect() failed"),
        QStringLiteral("upstream timed out"),
        QStringLiteral("recv() failed"),
        QStringLiteral("readv() failed"),
        QStringLiteral("prematurely closed"),
        QStringLiteral("too big header"),
        QStringLiteral("exited on signal"),
        QStringLiteral("max_children"),
        QStringLiteral("segfault at"),
        QStringLiteral("Out of memory"),
        QStringLiteral("execution timed out"),
        QStringLiteral("executing too slow"),
        QStringLiteral("PHP Fatal error"),
        QStringLiteral("failed processes threshold"),
        QStringLiteral("FPM initialization failed"),
    };
    if (stamp.match(line).hasMatch())
        return true;
    return std::any_of(phrases.begin(), phrases.end(),
                       [&line](const QString& phrase) { return line.contains(phrase); });
}

QStringList fileLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

void TestRealWorldReading::everyCaseIsRead_data()
{
    QTest::addColumn<QStringList>("pastes");
    const std::vector<RealWorldCase> cases = realWorldCases();
    QVERIFY2(cases.size() >= 40, "the corpus has at least 40 cases");
    for (const RealWorldCase& c : cases)
        QTest::newRow(qPrintable(c.id)) << c.pastes;
}

void TestRealWorldReading::everyCaseIsRead()
{
    QFETCH(QStringList, pastes);
    ImportOptions options;
    options.timeZone =
        QStringLiteral("UTC"); // pasted lines name no zone; UTC keeps the test independent of this machine
    Importer importer(options);
    const ImportResult result = importer.run(pastes);

    std::uint64_t events = 0;
    QSet<QPair<QString, std::uint32_t>> skipped;
    QString reasons;
    for (const SourceInfo& source : result.sources) {
        events += source.events;
        QVERIFY2(source.skippedLines <= SourceInfo::kMaxSkippedLineNumbers, "every skipped line is known");
        for (const std::uint32_t line : source.skippedLineNumbers)
            skipped.insert({source.location.inputPath, line});
        for (const SkipReason& reason : source.skipReasons)
            reasons += QStringLiteral("\n    %1 (%2 lines)")
                           .arg(QString::fromStdString(reason.reason))
                           .arg(reason.count);
    }
    for (const SkippedFile& file : result.skipped)
        reasons += QStringLiteral("\n    %1: %2").arg(file.path, file.reason);

    QStringList lost;
    for (const QString& paste : pastes) {
        const QStringList lines = fileLines(paste);
        const bool fileSkipped =
            std::any_of(result.skipped.begin(), result.skipped.end(),
                        [&paste](const SkippedFile& file) { return file.path == paste; });
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (!carriesLogContent(lines[i]))
                continue;
            ++logLines_;
            if (fileSkipped || skipped.contains({paste, std::uint32_t(i + 1)}))
                lost << QStringLiteral("%1:%2: %3")
                            .arg(QFileInfo(paste).fileName())
                            .arg(i + 1)
                            .arg(lines[i].left(160));
        }
    }
    lostLines_ += int(lost.size());
    if (events == 0)
        ++unreadCases_;
    QVERIFY2(events > 0, qPrintable(QStringLiteral("nothing was read:") + reasons));
    QVERIFY2(lost.isEmpty(),
             qPrintable(QStringLiteral("log lines lost:\n  ") + lost.join(QStringLiteral("\n  ")) +
                        QStringLiteral("\n  reasons:") + reasons));
}

void TestRealWorldReading::summary()
{
    qInfo("real-world corpus: %zu cases, %d unread, %d of %d log lines lost", realWorldCases().size(),
          unreadCases_, lostLines_, logLines_);
}

QTEST_GUILESS_MAIN(TestRealWorldReading)
#include "tst_realworld_reading.moc"
