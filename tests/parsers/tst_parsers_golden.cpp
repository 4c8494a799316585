// Golden-file tests: every tests/data/parsers/<kind-id>/*.log is parsed line by line with the
// parser of that kind and the dump compared with the neighbouring *.ref file.
// Refresh the references with scripts/update-golden.sh (sets GD_UPDATE_GOLDEN=1) and review the diff.

#include "eventdump.h"
#include "parse/logkinds.h"

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
        const QByteArray actual = testdump::dumpFile(kind, input.readAll());
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
