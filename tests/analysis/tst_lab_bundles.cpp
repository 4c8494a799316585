// The lab's bundles hold logs written by real nginx and PHP-FPM while each documented cause was
// provoked (tests/lab). Two checks per bundle:
//  1. the logs show what the label claims: every 502/504 of the timeline lies in a labelled window,
//     on the labelled hosts and URLs; none in the negative control (the lab itself is honest);
//  2. the analysis finds each labelled incident, overlapping its window, with the labelled cause,
//     and nothing else.

#include "labbundle.h"

#include "diagnose/analyzer.h"
#include "import/importer.h"

#include <QFileInfo>
#include <QTest>

using namespace gd;

namespace {

/// Windows in the labels come from the lab's clock around the provoking action; nginx logs a
/// request when it ends and the analysis counts from its start: allow a little slack.
constexpr qint64 kSlackMs = 3000;

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

} // namespace

class TestLabBundles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bundles_data()
    {
        QTest::addColumn<QString>("bundle");
        QTest::addColumn<QString>("labelPath");
        for (const auto& [bundle, label] :
             labtest::labBundles(QStringLiteral(GD_TEST_DATA_DIR), QStringLiteral(GD_SOURCE_DIR)))
            QTest::newRow(qPrintable(QFileInfo(bundle).fileName())) << bundle << label;
    }

    void logsShowWhatTheLabelSays_data() { bundles_data(); }
    void logsShowWhatTheLabelSays()
    {
        QFETCH(QString, bundle);
        QFETCH(QString, labelPath);
        const labtest::Label label = labtest::readLabel(labelPath);
        QVERIFY2(!label.scenario.isEmpty(), qPrintable(labelPath));
        Importer importer({});
        const ImportResult result = importer.run({bundle});
        QVERIFY(result.loadedAnything());
        if (!label.serverTimeZone.isEmpty())
            QCOMPARE(result.serverTimeZone, label.serverTimeZone);
        for (const SkippedFile& file : result.skipped) // every log of the bundle is read
            QVERIFY2(!file.reason.startsWith(QStringLiteral("not a recognised log format")),
                     qPrintable(file.path + QStringLiteral(": ") + file.reason));
        const Timeline& timeline = *result.timeline;
        const EventColumns& events = timeline.events();
        int failures = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (events.code[i] != MessageCode::Request || (events.value[i] != 502 && events.value[i] != 504))
                continue;
            ++failures;
            const qint64 end = events.timeMs[i];
            const qint64 start = end - events.durationMs[i];
            const QString host = text(timeline.hosts().view(events.host[i]));
            QString path = text(timeline.targets().view(events.target[i]));
            path = path.section(u'?', 0, 0);
            const auto inside =
                std::find_if(label.incidents.begin(), label.incidents.end(), [&](const auto& incident) {
                    return end >= incident.startMs - kSlackMs && start <= incident.endMs + kSlackMs;
                });
            QVERIFY2(inside != label.incidents.end(),
                     qPrintable(QStringLiteral("%1 at %2 on %3%4 is outside every labelled window")
                                    .arg(events.value[i])
                                    .arg(QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc())
                                             .toString(Qt::ISODateWithMs),
                                         host, path)));
            if (!inside->hosts.isEmpty() && !host.isEmpty()) // combined format logs no host
                QVERIFY2(inside->hosts.contains(host),
                         qPrintable(host + QStringLiteral(" not a labelled host")));
            if (!inside->urls.isEmpty() && inside->cause == QLatin1String("page-crash"))
                QVERIFY2(inside->urls.contains(path),
                         qPrintable(path + QStringLiteral(" not the labelled URL")));
        }
        if (label.incidents.empty() || !label.failureLines)
            QCOMPARE(failures, 0);
        else
            QVERIFY(failures > 0);
    }

    void analysisFindsTheLabelledCauses_data() { bundles_data(); }
    void analysisFindsTheLabelledCauses()
    {
        QFETCH(QString, bundle);
        QFETCH(QString, labelPath);
        const labtest::Label label = labtest::readLabel(labelPath);
        Importer importer({});
        const ImportResult result = importer.run({bundle});
        const AnalysisResult analysis = analyzeImport(result);
        QCOMPARE(analysis.incidents.size(), label.incidents.size());
        for (const labtest::LabelledIncident& expected : label.incidents) {
            const auto found = std::find_if(analysis.incidents.begin(), analysis.incidents.end(),
                                            [&](const Incident& incident) {
                                                return incident.startMs <= expected.endMs + kSlackMs &&
                                                       incident.endMs >= expected.startMs - kSlackMs;
                                            });
            QVERIFY2(found != analysis.incidents.end(),
                     qPrintable(expected.cause + QStringLiteral(" incident not found")));
            QCOMPARE(QString::fromLatin1(causeId(found->cause).data()), expected.cause);
            QVERIFY2(found->confidence >= 0.3, qPrintable(QString::number(found->confidence)));
            QVERIFY(!found->evidence.empty());
            QVERIFY(!found->advice.isEmpty());
            if (!expected.segfaultModule.isEmpty() && found->segfault)
                QCOMPARE(found->segfault->module, expected.segfaultModule);
            for (const QString& host : found->hosts) {
                if (!expected.hosts.isEmpty())
                    QVERIFY2(expected.hosts.contains(host), qPrintable(host));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestLabBundles)
#include "tst_lab_bundles.moc"
