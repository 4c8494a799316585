// The diagnosis measured against what real threads concluded: every case of the real-world corpus is analysed
// as a ticket (its pastes together) and its first finding compared with the cause the thread's resolution
// shows. Prints the scorecard per cause (right / wrong / unknown) and the reliability table over the corpus
// and the lab bundles (per confidence band: verdicts and the share that was right), so that anyone can rerun
// it. Fails when fewer verdicts than the floor are right on the corpus, or when a band's verdicts are right
// much less often than the band claims.

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "realworldcorpus.h"

#include <QDateTime>
#include <QDir>
#include <QTest>
#include <array>
#include <map>

using namespace gd;
using namespace gdtest;

namespace {

struct Verdict {
    QString expected;
    QString found; ///< empty when the analysis found nothing at all
    double confidence = 0;
};

struct Tally {
    int right = 0;
    int wrong = 0;
    int unknown = 0; ///< said "unknown" for a documented cause
};

Verdict diagnoseCase(const RealWorldCase& c)
{
    ImportOptions options;
    options.timeZone = QStringLiteral("UTC");
    Importer importer(options);
    const ImportResult import = importer.run(c.pastes);
    const AnalysisResult analysis = analyzeImport(import);
    Verdict verdict{c.cause, {}, 0};
    if (!analysis.incidents.empty()) {
        verdict.found = QString::fromLatin1(causeId(analysis.incidents.front().cause).data());
        verdict.confidence = analysis.incidents.front().confidence;
    }
    return verdict;
}

/// The lab's labelled incidents and the verdicts of the incidents overlapping them.
std::vector<Verdict> labVerdicts()
{
    std::vector<Verdict> verdicts;
    const QDir lab(QStringLiteral(GD_TEST_DATA_DIR "/lab"));
    for (const QString& label : lab.entryList({QStringLiteral("*.label.json")}, QDir::Files, QDir::Name)) {
        QFile file(lab.filePath(label));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        Importer importer({});
        const ImportResult import = importer.run(
            {lab.filePath(QString(label).replace(QStringLiteral(".label.json"), QStringLiteral(".tar.gz")))});
        const AnalysisResult analysis = analyzeImport(import);
        for (const QJsonValue& value : json.value(QStringLiteral("incidents")).toArray()) {
            const QJsonObject expected = value.toObject();
            const qint64 start =
                QDateTime::fromString(expected.value(QStringLiteral("start_utc")).toString(), Qt::ISODate)
                    .toMSecsSinceEpoch();
            const qint64 end =
                QDateTime::fromString(expected.value(QStringLiteral("end_utc")).toString(), Qt::ISODate)
                    .toMSecsSinceEpoch();
            Verdict verdict{expected.value(QStringLiteral("cause")).toString(), {}, 0};
            for (const Incident& incident : analysis.incidents) {
                if (incident.startMs <= end + 5000 && incident.endMs >= start - 5000) {
                    verdict.found = QString::fromLatin1(causeId(incident.cause).data());
                    verdict.confidence = incident.confidence;
                    break;
                }
            }
            verdicts.push_back(verdict);
        }
    }
    return verdicts;
}

} // namespace

class TestRealWorldDiagnosis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scorecardAndReliability()
    {
        const std::vector<RealWorldCase> cases = realWorldCases();
        std::map<QString, Tally> perCause;
        std::vector<Verdict> corpus;
        QStringList misses;
        for (const RealWorldCase& c : cases) {
            const Verdict verdict = diagnoseCase(c);
            corpus.push_back(verdict);
            if (qEnvironmentVariableIsSet("GD_LIST_VERDICTS"))
                std::printf("  %-50s %-17s %-17s %.2f\n", qPrintable(c.id), qPrintable(c.cause),
                            qPrintable(verdict.found), verdict.confidence);
            Tally& tally = perCause[c.cause];
            if (verdict.found == c.cause) {
                ++tally.right;
            } else if (verdict.found == QLatin1String("unknown") || verdict.found.isEmpty()) {
                ++tally.unknown;
                misses << QStringLiteral("%1: %2 expected, said %3 (%4)")
                              .arg(c.id, c.cause,
                                   verdict.found.isEmpty() ? QStringLiteral("nothing") : verdict.found)
                              .arg(verdict.confidence, 0, 'f', 2);
            } else {
                ++tally.wrong;
                misses << QStringLiteral("%1: %2 expected, said %3 (%4)")
                              .arg(c.id, c.cause, verdict.found)
                              .arg(verdict.confidence, 0, 'f', 2);
            }
        }
        int right = 0;
        std::printf("\nReal-world corpus, %zu cases: cause | right | wrong | unknown\n", cases.size());
        for (const auto& [cause, tally] : perCause) {
            std::printf("  %-17s %3d %3d %3d\n", qPrintable(cause), tally.right, tally.wrong, tally.unknown);
            right += tally.right;
        }
        const double share = double(right) / double(cases.size());
        std::printf("  right: %d of %zu (%.0f %%)\n", right, cases.size(), share * 100);
        for (const QString& miss : misses)
            std::printf("  miss %s\n", qPrintable(miss));

        // Reliability: per band of confidence, how many verdicts and what share was right.
        std::vector<Verdict> all = corpus;
        const std::vector<Verdict> lab = labVerdicts();
        all.insert(all.end(), lab.begin(), lab.end());
        constexpr std::array<double, 6> kBands = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0001};
        std::printf("\nReliability (corpus %zu + lab %zu verdicts): band | verdicts | right\n", corpus.size(),
                    lab.size());
        bool honest = true;
        for (std::size_t b = 0; b + 1 < kBands.size(); ++b) {
            int count = 0;
            int correct = 0;
            for (const Verdict& verdict : all) {
                if (verdict.confidence >= kBands[b] && verdict.confidence < kBands[b + 1]) {
                    ++count;
                    correct += verdict.found == verdict.expected ? 1 : 0;
                }
            }
            const double rightShare = count > 0 ? double(correct) / count : 0;
            std::printf("  %.1f-%.1f  %3d  %3.0f %%\n", kBands[b], std::min(kBands[b + 1], 1.0), count,
                        rightShare * 100);
            // A band is dishonest when its verdicts are right clearly less often than its lower edge says.
            if (count >= 5 && rightShare + 0.15 < kBands[b])
                honest = false;
        }
        // The goal is 90 %. What stands between: nginx's "nothing listening" lines, which a stopped PHP-FPM
        // and a wrong address (outside the catalogue) leave alike, and one crash, which page-crash and
        // segfault-restart leave alike; their confidence says so (the 0.4-0.6 band). This floor catches a
        // rule change that loses ground.
        constexpr double kFloor = 0.75;
        std::printf("  goal 90 %%, floor %.0f %%\n", kFloor * 100);
        QVERIFY2(share >= kFloor,
                 qPrintable(QStringLiteral("only %1 of %2 right").arg(right).arg(cases.size())));
        QVERIFY2(honest, "a confidence band is right much less often than it claims");
    }
};

QTEST_GUILESS_MAIN(TestRealWorldDiagnosis)
#include "tst_realworld_diagnosis.moc"
