// The incidents table over a real analysis of the demo bundle: model and proxy pass
// QAbstractItemModelTester, cells say what the analysis says, sorting and the cause/text filters work.
// Also the evidence model and staff notes that the detail panel builds on.

#include "diagnose/analyzer.h"
#include "import/importer.h"
#include "incidents/evidencemodel.h"
#include "incidents/incidentsmodel.h"
#include "incidents/staffnotes.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace gd;

namespace {

struct Demo {
    std::shared_ptr<const ImportResult> import;
    std::shared_ptr<const AnalysisResult> analysis;
};

const Demo& demo()
{
    static const Demo loaded = [] {
        Demo d;
        Importer importer{ImportOptions{}};
        d.import = std::make_shared<const ImportResult>(
            importer.run({QStringLiteral(GD_SOURCE_DIR "/resources/demo/demo-bundle.tar.gz")}));
        d.analysis = std::make_shared<const AnalysisResult>(analyzeImport(*d.import));
        return d;
    }();
    return loaded;
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestIncidentsModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoHasFourIncidents() { QCOMPARE(demo().analysis->incidents.size(), std::size_t(4)); }

    void cellsShowTheAnalysis()
    {
        IncidentsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTimeFormatter([](std::int64_t utcMs) { return QString::number(utcMs); });
        model.setAnalysis(demo().analysis);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(IncidentsModel::ColumnCount));

        // The demo's incidents, as `gateway-doctor analyze` reports them: by impact, the overload first.
        const QStringList causes = {QStringLiteral("overload"), QStringLiteral("backend-restart"),
                                    QStringLiteral("page-crash"), QStringLiteral("update-manager")};
        const QStringList titles = {QStringLiteral("Overload"), QStringLiteral("PHP-FPM restart"),
                                    QStringLiteral("Page crashes every time"),
                                    QStringLiteral("Update Manager timeout")};
        const QStringList count502 = {QStringLiteral("54"), QStringLiteral("2"), QStringLiteral("3"),
                                      QStringLiteral("0")};
        const QStringList count504 = {QStringLiteral("45"), QStringLiteral("0"), QStringLiteral("0"),
                                      QStringLiteral("2")};
        for (int row = 0; row < 4; ++row) {
            const Incident& incident = demo().analysis->incidents[static_cast<std::size_t>(row)];
            QCOMPARE(model.index(row, 0).data(IncidentsModel::IncidentIdRole).toInt(), incident.id);
            QCOMPARE(cell(model, row, IncidentsModel::CauseColumn, IncidentsModel::CauseIdRole), causes[row]);
            QCOMPARE(cell(model, row, IncidentsModel::CauseColumn), titles[row]);
            QVERIFY(cell(model, row, IncidentsModel::CauseColumn, Qt::ToolTipRole).contains(causes[row]));
            QCOMPARE(cell(model, row, IncidentsModel::StartColumn), QString::number(incident.startMs));
            QCOMPARE(cell(model, row, IncidentsModel::Bad502Column), count502[row]);
            QCOMPARE(cell(model, row, IncidentsModel::Timeout504Column), count504[row]);
            QCOMPARE(cell(model, row, IncidentsModel::ConfidenceColumn),
                     QStringLiteral("%1 %").arg(qRound(incident.confidence * 100)));
            QCOMPARE(model.rowOf(incident.id), row);
        }
        // #2 2026-11-23T23:00:58.517Z .. 23:01:05Z: 6.5 s on two hosts.
        QCOMPARE(cell(model, 1, IncidentsModel::StartColumn, IncidentsModel::SortRole),
                 QStringLiteral("1795474858517"));
        QCOMPARE(cell(model, 1, IncidentsModel::DurationColumn),
                 QLocale().toString(6.5, 'f', 1) + QStringLiteral(" s"));
        QCOMPARE(demo().analysis->incidents[1].hosts.size(), 2);
        QCOMPARE(cell(model, 1, IncidentsModel::HostsColumn),
                 demo().analysis->incidents[1].hosts.join(QStringLiteral(", ")));
        QVERIFY(demo().analysis->incidents[1].hosts.contains(QStringLiteral("o1.srv.example.net")));
        QCOMPARE(cell(model, 0, IncidentsModel::HostsColumn), // the overload, on four hosts
                 QStringLiteral("%1, %2 and 2 more")
                     .arg(demo().analysis->incidents[0].hosts[0], demo().analysis->incidents[0].hosts[1]));
        QCOMPARE(model.rowOf(999), -1);

        model.setAnalysis(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsAndFilters()
    {
        IncidentsModel model;
        IncidentsFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAnalysis(demo().analysis);
        QCOMPARE(proxy.rowCount(), 4);

        proxy.sort(IncidentsModel::Bad502Column, Qt::DescendingOrder);
        QCOMPARE(cell(proxy, 0, 0, IncidentsModel::CauseIdRole), QStringLiteral("overload"));
        QCOMPARE(cell(proxy, 1, 0, IncidentsModel::CauseIdRole), QStringLiteral("page-crash"));
        proxy.sort(IncidentsModel::ConfidenceColumn, Qt::DescendingOrder);
        QCOMPARE(cell(proxy, 0, 0, IncidentsModel::CauseIdRole), QStringLiteral("update-manager"));
        proxy.sort(IncidentsModel::StartColumn, Qt::AscendingOrder);
        QCOMPARE(cell(proxy, 0, 0, IncidentsModel::CauseIdRole), QStringLiteral("backend-restart"));
        QCOMPARE(cell(proxy, 3, 0, IncidentsModel::CauseIdRole), QStringLiteral("overload"));

        proxy.setCauseFilter(Cause::PageCrash);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(cell(proxy, 0, 0, IncidentsModel::CauseIdRole), QStringLiteral("page-crash"));
        proxy.setCauseFilter(Cause::BackendDown);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setCauseFilter(std::nullopt);
        QCOMPARE(proxy.rowCount(), 4);

        // Text matches hosts, URLs, cause and summary, case-insensitively.
        proxy.setTextFilter(QStringLiteral("TEAM.example.com"));
        int withTeam = 0;
        for (const Incident& incident : demo().analysis->incidents)
            withTeam += incident.hosts.contains(QStringLiteral("team.example.com")) ? 1 : 0;
        QCOMPARE(withTeam, 2);
        QCOMPARE(proxy.rowCount(), withTeam);
        proxy.setTextFilter(QStringLiteral("views/view/frontpage"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(cell(proxy, 0, 0, IncidentsModel::CauseIdRole), QStringLiteral("page-crash"));
        proxy.setTextFilter(QStringLiteral("update manager"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setCauseFilter(Cause::Overload);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setTextFilter(QString());
        QCOMPARE(proxy.rowCount(), 1);

        model.setAnalysis(nullptr);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void evidenceModel()
    {
        EvidenceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Incident& incident = demo().analysis->incidents[2]; // the page crash
        QStringList paths;
        for (const SourceInfo& source : demo().import->sources)
            paths << source.path;
        model.setEvidence(incident.evidence, paths);
        QCOMPARE(model.rowCount(), static_cast<int>(incident.evidence.size()));
        QCOMPARE(cell(model, 0, EvidenceModel::RoleColumn), QStringLiteral("502 response"));
        QCOMPARE(cell(model, 0, EvidenceModel::LocationColumn), QStringLiteral("access.log:26"));
        QVERIFY(cell(model, 0, EvidenceModel::LocationColumn, Qt::ToolTipRole)
                    .contains(QStringLiteral("demo-bundle.tar.gz!/var/log/nginx/access.log:26")));
        QCOMPARE(model.index(0, 0).data(EvidenceModel::LineRole).toUInt(), 26u);
        QCOMPARE(cell(model, 0, EvidenceModel::TextColumn), QString());
        // Log text is hostile: tooltips must show markup literally.
        model.setTexts({QStringLiteral("<b>bold</b> & <img src=x>")});
        QCOMPARE(cell(model, 0, EvidenceModel::TextColumn), QStringLiteral("<b>bold</b> & <img src=x>"));
        QVERIFY(cell(model, 0, EvidenceModel::TextColumn, Qt::ToolTipRole)
                    .contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x&gt;")));
        model.setEvidence({}, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void staffNotesFollowIncidents()
    {
        StaffNotes notes;
        Incident a;
        a.id = 3;
        a.startMs = 1000;
        Incident b = a;
        b.startMs = 2000; // same number, another incident (files were added and incidents renumbered)
        notes.setNote(a, QStringLiteral("client told"));
        QCOMPARE(notes.note(a), QStringLiteral("client told"));
        QCOMPARE(notes.note(b), QString());
        QCOMPARE(notes.notes().value(QStringLiteral("3@1000")), QStringLiteral("client told"));
        StaffNotes copy;
        copy.setNotes(notes.notes());
        QVERIFY(copy == notes);
        notes.setNote(a, QStringLiteral("  "));
        QVERIFY(notes.isEmpty());
    }
};

QTEST_MAIN(TestIncidentsModel)
#include "tst_incidentsmodel.moc"
