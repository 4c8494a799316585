// Every input under tests/data/regress/ through the fuzz target its name starts with ("<target>-..."), then
// through the whole import: nothing may crash (the entry points abort on a broken invariant, and the asan
// preset reports memory errors) and the import must say something about each input. The seed corpus of
// every target (fuzz/corpus/<target>/) is replayed too, so a target that no longer runs its own seeds fails
// here rather than in a fuzzing session.

#include "fuzzentry.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

std::string_view viewOf(const QByteArray& bytes)
{
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

QString nameOf(const gdfuzz::FuzzTarget& target)
{
    return QString::fromLatin1(target.name.data(), static_cast<qsizetype>(target.name.size()));
}

} // namespace

class TestRegressInputs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void regressionInput_data();
    void regressionInput();
    void seedCorpus_data();
    void seedCorpus();

private:
    const QString regressDir_ = QStringLiteral(GD_TEST_DATA_DIR "/regress");
    const QString corpusDir_ = QStringLiteral(GD_SOURCE_DIR "/fuzz/corpus");
};

void TestRegressInputs::regressionInput_data()
{
    QTest::addColumn<QString>("path");
    const QFileInfoList files = QDir(regressDir_).entryInfoList(QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), "tests/data/regress/ holds no input");
    for (const QFileInfo& file : files)
        QTest::newRow(qPrintable(file.fileName())) << file.filePath();
}

void TestRegressInputs::regressionInput()
{
    QFETCH(QString, path);
    const QString fileName = QFileInfo(path).fileName();
    const gdfuzz::FuzzTarget* target = gdfuzz::fuzzTargetForFile(fileName);
    QVERIFY2(target != nullptr, "the file name must start with '<fuzz target>-'");
    QVERIFY(QFile::exists(path));
    const QByteArray input = readAll(path);
    target->run(viewOf(input));
    // Whatever found it, the input must also go through the whole pipeline; runImport checks the result.
    const gdfuzz::FuzzTarget* import = gdfuzz::fuzzTarget("import");
    QVERIFY(import != nullptr);
    if (import != target)
        import->run(viewOf(input));
}

void TestRegressInputs::seedCorpus_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    for (const gdfuzz::FuzzTarget& target : gdfuzz::fuzzTargets()) {
        const QDir dir(corpusDir_ + QLatin1Char('/') + nameOf(target));
        const QFileInfoList seeds = dir.entryInfoList(QDir::Files, QDir::Name);
        QVERIFY2(!seeds.isEmpty(), qPrintable(QStringLiteral("no seed corpus for %1").arg(nameOf(target))));
        for (const QFileInfo& seed : seeds)
            QTest::addRow("%s/%s", target.name.data(), qPrintable(seed.fileName()))
                << nameOf(target) << seed.filePath();
    }
}

void TestRegressInputs::seedCorpus()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    const gdfuzz::FuzzTarget* entry = gdfuzz::fuzzTarget(target.toStdString());
    QVERIFY(entry != nullptr);
    const QByteArray input = readAll(path);
    entry->run(viewOf(input).substr(0, entry->maxLen)); // what the fuzzer reads of a longer seed
}

QTEST_GUILESS_MAIN(TestRegressInputs)
#include "tst_regress_inputs.moc"
