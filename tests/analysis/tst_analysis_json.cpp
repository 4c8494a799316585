// The `analyze --json` contract (README): field names and types, run through the real binary.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestAnalysisJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void contract()
    {
        QProcess process;
        process.start(QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor"),
                      {QStringLiteral("analyze"), QStringLiteral("--json"), QStringLiteral("-"),
                       QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(process.readAllStandardOutput(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("gateway-doctor/analysis/1"));
        QCOMPARE(root.value(QStringLiteral("server_timezone")).toString(),
                 QStringLiteral("Europe/Amsterdam"));
        const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
        const QJsonArray inputs = root.value(QStringLiteral("inputs")).toArray();
        QVERIFY(inputs.size() >= 4);
        for (const QJsonValue& value : inputs) {
            const QJsonObject input = value.toObject();
            for (const char* key : {"path", "kind", "first", "last"})
                QVERIFY2(input.value(QLatin1String(key)).isString(), key);
            for (const char* key : {"lines", "events", "skipped"})
                QVERIFY2(input.value(QLatin1String(key)).isDouble(), key);
            QVERIFY(iso.match(input.value(QStringLiteral("first")).toString()).hasMatch());
        }
        const QJsonArray incidents = root.value(QStringLiteral("incidents")).toArray();
        QCOMPARE(incidents.size(), 4);
        const QStringList causes = {QStringLiteral("backend-down"),     QStringLiteral("backend-restart"),
                                    QStringLiteral("segfault-restart"), QStringLiteral("page-crash"),
                                    QStringLiteral("timeout"),          QStringLiteral("overload"),
                                    QStringLiteral("update-manager"),   QStringLiteral("unknown")};
        int previousId = 0;
        for (const QJsonValue& value : incidents) {
            const QJsonObject incident = value.toObject();
            QVERIFY(incident.value(QStringLiteral("id")).toInt() > previousId);
            // The demo's incidents are all seen in nginx's logs, each once.
            QCOMPARE(incident.value(QStringLiteral("finding")).toString(), QStringLiteral("incident"));
            QCOMPARE(incident.value(QStringLiteral("occurrences")).toInt(), 1);
            previousId = incident.value(QStringLiteral("id")).toInt();
            QVERIFY(iso.match(incident.value(QStringLiteral("start")).toString()).hasMatch());
            QVERIFY(iso.match(incident.value(QStringLiteral("end")).toString()).hasMatch());
            QVERIFY(causes.contains(incident.value(QStringLiteral("cause")).toString()));
            const double confidence = incident.value(QStringLiteral("confidence")).toDouble(-1);
            QVERIFY(confidence >= 0 && confidence <= 1);
            for (const QJsonValue& alternative : incident.value(QStringLiteral("alternatives")).toArray()) {
                QVERIFY(causes.contains(alternative.toObject().value(QStringLiteral("cause")).toString()));
                QVERIFY(alternative.toObject().value(QStringLiteral("confidence")).isDouble());
            }
            const QJsonObject responses = incident.value(QStringLiteral("responses")).toObject();
            for (const char* key : {"502", "504", "requests"})
                QVERIFY2(responses.value(QLatin1String(key)).isDouble(), key);
            QVERIFY(responses.value(QStringLiteral("502")).toInt() +
                        responses.value(QStringLiteral("504")).toInt() >
                    0);
            QVERIFY(incident.value(QStringLiteral("hosts")).isArray());
            for (const QJsonValue& url : incident.value(QStringLiteral("urls")).toArray()) {
                for (const char* key : {"host", "path"})
                    QVERIFY2(url.toObject().value(QLatin1String(key)).isString(), key);
                for (const char* key : {"failed", "requests"})
                    QVERIFY2(url.toObject().value(QLatin1String(key)).isDouble(), key);
            }
            const QJsonValue segfault = incident.value(QStringLiteral("segfault"));
            QVERIFY(segfault.isNull() || segfault.isObject());
            if (segfault.isObject())
                QVERIFY(QStringList(
                            {QStringLiteral("extension"), QStringLiteral("core"), QStringLiteral("unknown")})
                            .contains(segfault.toObject().value(QStringLiteral("kind")).toString()));
            const QJsonArray evidence = incident.value(QStringLiteral("evidence")).toArray();
            QVERIFY(!evidence.isEmpty());
            for (const QJsonValue& line : evidence) {
                const QJsonObject object = line.toObject();
                QVERIFY(object.value(QStringLiteral("source"))
                            .toString()
                            .contains(QStringLiteral("demo-bundle.tar.gz!/")));
                QVERIFY(object.value(QStringLiteral("line")).toInt() > 0);
                QVERIFY(iso.match(object.value(QStringLiteral("time")).toString()).hasMatch());
                QVERIFY(!object.value(QStringLiteral("text")).toString().isEmpty());
                QVERIFY(!object.value(QStringLiteral("text"))
                             .toString()
                             .startsWith(QStringLiteral("(line not readable")));
                QVERIFY(!object.value(QStringLiteral("role")).toString().isEmpty());
            }
            QVERIFY(!incident.value(QStringLiteral("advice")).toString().isEmpty());
        }
    }

    /// One undated PHP-FPM line pasted from a ticket: a finding only PHP-FPM's log shows, with no time.
    void undatedFpmSideFinding()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile pasted(dir.filePath(QStringLiteral("pasted.txt")));
        QVERIFY(pasted.open(QIODevice::WriteOnly));
        pasted.write("WARNING: [pool www] child 4711 exited on signal 11 (SIGSEGV - core dumped) after 12.5 "
                     "seconds from start\n");
        pasted.close();
        QProcess process;
        process.start(
            QStringLiteral(GD_BINARY_DIR "/app/gateway-doctor"),
            {QStringLiteral("analyze"), QStringLiteral("--json"), QStringLiteral("-"), pasted.fileName()});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QJsonArray incidents = QJsonDocument::fromJson(process.readAllStandardOutput())
                                         .object()
                                         .value(QStringLiteral("incidents"))
                                         .toArray();
        QCOMPARE(incidents.size(), 1);
        const QJsonObject finding = incidents.first().toObject();
        QCOMPARE(finding.value(QStringLiteral("finding")).toString(), QStringLiteral("fpm-side"));
        QVERIFY(finding.value(QStringLiteral("start")).isNull());
        QVERIFY(finding.value(QStringLiteral("end")).isNull());
        QCOMPARE(finding.value(QStringLiteral("cause")).toString(), QStringLiteral("segfault-restart"));
        const double confidence = finding.value(QStringLiteral("confidence")).toDouble();
        QVERIFY2(confidence > 0.3 && confidence <= 0.75,
                 "one line: a verdict, with a thin-evidence confidence");
        QCOMPARE(finding.value(QStringLiteral("responses")).toObject().value(QStringLiteral("502")).toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisJson)
#include "tst_analysis_json.moc"
