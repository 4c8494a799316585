// The import's memory budget (ImportLimits::memoryBudgetBytes): past it, reading stops with a message that
// names the file and line where it stopped and the files it never read; what was read is a whole timeline
// that analyses, and the result says the budget was reached. Without a budget the same bundle loads whole.

#include "diagnose/analyzer.h"
#include "importtestutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace gd;

class TestMemoryBudget : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    static constexpr int kFiles = 6;
    static constexpr int kLinesPerFile = 40'000;

    /// A day of one site's access log per file: 40 000 requests, a 502 now and then.
    static QByteArray accessDay(int day)
    {
        QByteArray text;
        text.reserve(kLinesPerFile * 180);
        for (int i = 0; i < kLinesPerFile; ++i) {
            const int second = i * 2;
            const QByteArray time = QStringLiteral("%1/Nov/2026:%2:%3:%4 +0000")
                                        .arg(day, 2, 10, QLatin1Char('0'))
                                        .arg(second / 3600, 2, 10, QLatin1Char('0'))
                                        .arg(second / 60 % 60, 2, 10, QLatin1Char('0'))
                                        .arg(second % 60, 2, 10, QLatin1Char('0'))
                                        .toLatin1();
            const int status = i % 997 == 0 ? 502 : 200;
            text += "\"203.0.113." + QByteArray::number(i % 200) + "\" www.example.com [" + time +
                    "] \"GET /node/" + QByteArray::number(i % 5000) + " HTTP/1.1\" " +
                    QByteArray::number(status) + " 512 300 200 \"-\" \"Mozilla/5.0\" 0.050 \"-\"\n";
        }
        return text;
    }

    QString bundle() const { return dir_.filePath(QStringLiteral("bundle")); }

    ImportResult importWithBudget(std::uint64_t budgetBytes)
    {
        ImportOptions options;
        options.threads = 1; // one file after the other: where the budget stops is then predictable
        options.limits.memoryBudgetBytes = budgetBytes;
        return Importer(options).run({bundle()});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(QDir().mkpath(bundle() + QStringLiteral("/var/log/nginx")));
        for (int day = 1; day <= kFiles; ++day) {
            QFile file(bundle() + QStringLiteral("/var/log/nginx/access-site%1.log").arg(day));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(accessDay(day));
        }
    }

    void withoutBudgetEverythingLoads()
    {
        const ImportResult result = importWithBudget(0);
        QVERIFY(!result.memoryBudgetReached);
        QCOMPARE(result.timeline->size(), std::size_t{kFiles} * kLinesPerFile);
    }

    void budgetStopsPolitely()
    {
        // Room for about two and a half files' events.
        const std::uint64_t budget = ImportLimits::kPeakBytesPerEvent * kLinesPerFile * 5 / 2;
        const QMap<QString, QString> before = gdtest::snapshot(bundle());
        const ImportResult result = importWithBudget(budget);
        QVERIFY(result.memoryBudgetReached);
        QVERIFY(!result.cancelled);

        // What was read is a timeline: at least the budget's worth, less than everything.
        const std::size_t loaded = result.timeline->size();
        qInfo("budget %llu bytes: %zu of %d events loaded", static_cast<unsigned long long>(budget), loaded,
              kFiles * kLinesPerFile);
        QVERIFY(loaded >= budget / ImportLimits::kPeakBytesPerEvent);
        QVERIFY(loaded < std::size_t{kFiles} * kLinesPerFile);

        // One error names the file and line where the budget was reached, and how to raise it.
        int stops = 0;
        int notRead = 0;
        for (const Diagnostic& d : result.diagnostics) {
            if (d.message.contains(QLatin1String("memory budget of"))) {
                ++stops;
                QCOMPARE(d.severity, Diagnostic::Severity::Error);
                QVERIFY2(d.path.contains(QLatin1String("access-site")), qPrintable(d.path));
                QVERIFY(d.line > 0);
                QVERIFY(d.message.contains(QLatin1String("--max-memory")));
            } else if (d.message.contains(QLatin1String("not read: the memory budget"))) {
                ++notRead;
                QVERIFY(d.path.contains(QLatin1String("access-site")));
            }
        }
        QCOMPARE(stops, 1);
        QVERIFY2(notRead >= 1, "the files never opened are named");
        QVERIFY(notRead <= kFiles - 2);

        // The part that loaded is analysed like any bundle.
        const AnalysisResult analysis = analyzeImport(result);
        QVERIFY(analysis.failures > 0);
        QCOMPARE(analysis.requests, std::uint64_t{loaded});
        QCOMPARE(gdtest::snapshot(bundle()), before);
    }

    void cliOption()
    {
        // --max-memory in MiB reaches the import: 1 MiB holds ~16 000 events of these 240 000.
        const QString cli = QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor");
        if (!QFileInfo(cli).isExecutable())
            QSKIP("gateway-doctor is not built (build the app target first)");
        QProcess process;
        process.start(cli, {QStringLiteral("inspect"), QStringLiteral("--max-memory"), QStringLiteral("1"),
                            QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json"),
                            QStringLiteral("-"), bundle()});
        QVERIFY(process.waitForFinished(60'000));
        const QJsonObject json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QCOMPARE(json.value(QStringLiteral("memory_budget_reached")).toBool(), true);
        const qint64 events =
            json.value(QStringLiteral("totals")).toObject().value(QStringLiteral("events")).toInteger();
        QVERIFY2(events > 0 && events < qint64{kFiles} * kLinesPerFile, qPrintable(QString::number(events)));
    }
};

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memorybudget.moc"
