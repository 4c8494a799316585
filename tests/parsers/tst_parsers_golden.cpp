// Golden-file tests: every tests/data/parsers/<kind-id>/*.log is parsed line by line with the
// parser of that kind and the dump compared with the neighbouring *.ref file.
// Refresh the references with scripts/update-golden.sh (sets GD_UPDATE_GOLDEN=1) and review the diff.

#include "model/event.h"
#include "parse/logkinds.h"
#include "parse/logparser.h"
#include "time/civiltime.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace gd;

namespace {

LogKind kindFromId(const QString& id)
{
    return logKindFromId(id.toStdString()).value_or(LogKind::Unknown);
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray civilText(CivilMs ms)
{
    const CivilFields f = civilFields(ms);
    return QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d", f.year, f.month, f.day, f.hour, f.minute,
                             f.second, f.millisecond)
        .toLatin1();
}

void addField(QByteArray& out, const char* key, std::string_view value)
{
    if (!value.empty())
        out += ' ' + QByteArray(key) + "=[" + bytes(value) + ']';
}

QByteArray dumpEvent(const ParsedEvent& e)
{
    QByteArray out;
    if (e.code != MessageCode::None)
        out += " code=" + bytes(messageCodeId(e.code));
    if (e.level != Level::None)
        out += " level=" + bytes(levelId(e.level));
    if (e.time != 0) {
        out += " time=" + civilText(e.time);
        if (!e.hasYear)
            out += "(no-year)";
        if (e.hasOffset)
            out += QString::asprintf("%+05d", (e.utcOffsetSec / 3600) * 100 + (e.utcOffsetSec / 60) % 60)
                       .toLatin1();
    }
    if (e.method != HttpMethod::None)
        out += " method=" + bytes(httpMethodText(e.method));
    if (e.value != 0)
        out += " value=" + QByteArray::number(e.value);
    if (e.durationMs != 0)
        out += " durationMs=" + QByteArray::number(e.durationMs);
    if (e.pid != 0)
        out += " pid=" + QByteArray::number(e.pid);
    addField(out, "host", e.host);
    addField(out, "target", e.target);
    addField(out, "client", e.client);
    addField(out, "group", e.group);
    addField(out, "frameFunction", e.frameFunction);
    addField(out, "frameFile", e.frameFile);
    if (e.frameLine != 0)
        out += " frameLine=" + QByteArray::number(e.frameLine);
    return out;
}

QByteArray dumpFile(LogKind kind, const QByteArray& content)
{
    auto parser = makeParser(kind);
    QByteArray out;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (i == lines.size() - 1 && line.isEmpty())
            break; // the final newline
        if (line.endsWith('\r'))
            line.chop(1);
        ParsedEvent event;
        const LineResult result = parser->parseLine(std::string_view(line.constData(), line.size()), event);
        out += QByteArray::number(i + 1) + ' ';
        switch (result.status) {
        case LineStatus::Event:
            out += "event" + dumpEvent(event);
            break;
        case LineStatus::Continuation:
            out += "cont" + dumpEvent(event);
            break;
        case LineStatus::Ignored:
            out += "ignored";
            break;
        case LineStatus::Rejected:
            out += "rejected reason=[" + bytes(result.reason) + ']';
            break;
        }
        out += '\n';
    }
    return out;
}

} // namespace

class TestParsersGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("kindId");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(GD_TEST_DATA_DIR "/parsers"));
        for (const QString& kindDir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(kindDir));
            for (const QString& file : dir.entryList({QStringLiteral("*.log")}, QDir::Files))
                QTest::newRow(qPrintable(kindDir + u'/' + file)) << kindDir << dir.filePath(file);
        }
    }

    void golden()
    {
        if (QTest::currentDataTag() == nullptr)
            QFAIL("no golden files under tests/data/parsers");
        QFETCH(QString, kindId);
        QFETCH(QString, path);
        const LogKind kind = kindFromId(kindId);
        QVERIFY2(kind != LogKind::Unknown, qPrintable(QStringLiteral("unknown kind folder ") + kindId));
        QFile input(path);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const QByteArray actual = dumpFile(kind, input.readAll());
        QString refPath = path;
        refPath.replace(QRegularExpression(QStringLiteral("\\.log$")), QStringLiteral(".ref"));
        QFile ref(refPath);
        if (qEnvironmentVariableIsSet("GD_UPDATE_GOLDEN")) {
            QVERIFY(ref.open(QIODevice::WriteOnly | QIODevice::Truncate));
            ref.write(actual);
            return;
        }
        QVERIFY2(ref.open(QIODevice::ReadOnly), qPrintable(QStringLiteral("missing reference ") + refPath));
        const QList<QByteArray> expectedLines = ref.readAll().split('\n');
        const QList<QByteArray> actualLines = actual.split('\n');
        for (qsizetype i = 0; i < std::min(expectedLines.size(), actualLines.size()); ++i)
            QCOMPARE(actualLines[i], expectedLines[i]);
        QCOMPARE(actualLines.size(), expectedLines.size());
    }
};

QTEST_GUILESS_MAIN(TestParsersGolden)
#include "tst_parsers_golden.moc"
