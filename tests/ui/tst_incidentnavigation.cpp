// The incident side of the window end to end (offscreen): the demo bundle dropped on the window is
// imported and analysed in the background; Next Incident steps through the table, highlights the
// incident's band on the chart and explains it; Next Evidence shows the evidence line in the log
// viewer. Saves screenshots (default and dark palette) into the build directory. Latencies are
// printed, not asserted.

#include "darkpalette.h"
#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "incidents/evidencemodel.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentnavigator.h"
#include "incidents/incidentsmodel.h"
#include "incidents/incidentspanel.h"
#include "incidents/incidentworkbench.h"
#include "jobs/analysisjob.h"
#include "logviewer/logviewer.h"
#include "shell/mainwindow.h"
#include "shell/workspace.h"
#include "timeline/timelinechart.h"
#include "timeline/timelinechartview.h"
#include "uitestutil.h"
#include "windowparts.h"

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QUrl>
#include <QWheelEvent>
#include <algorithm>

using namespace gd;
using gdtest::demoBundle;

namespace {

using gdtest::drop;
using gdtest::eventsPanelOf;
using gdtest::incidentsOf;
using gdtest::logViewerOf;
using gdtest::workspaceOf;

constexpr int kTimeoutMs = 60000;

/// Band labels never overlap, and the highlighted incident's label is among those drawn.
void verifyBandLabelsFit(const TimelineChart& chart, int highlighted)
{
    const auto labels = chart.shownBandLabels();
    QVERIFY(std::any_of(labels.begin(), labels.end(),
                        [&](const auto& label) { return label.first == highlighted; }));
    for (std::size_t a = 0; a < labels.size(); ++a) {
        for (std::size_t b = a + 1; b < labels.size(); ++b)
            QVERIFY2(!labels[a].second.intersects(labels[b].second),
                     qPrintable(QStringLiteral("labels of #%1 and #%2 overlap")
                                    .arg(labels[a].first)
                                    .arg(labels[b].first)));
    }
}

} // namespace

class TestIncidentNavigation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir_.isValid());
        gdtest::useTestSettings(settingsDir_.path(), QStringLiteral("tst_incidentnavigation"));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void shortcutsAreShown()
    {
        QWidget window;
        IncidentNavigator navigator(&window);
        QCOMPARE(navigator.nextIncident()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Period));
        QCOMPARE(navigator.previousIncident()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        QCOMPARE(navigator.nextEvidence()->shortcut(), QKeySequence(Qt::Key_F8));
        QCOMPARE(navigator.previousEvidence()->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F8));
        for (QAction* action : {navigator.nextIncident(), navigator.previousIncident(),
                                navigator.nextEvidence(), navigator.previousEvidence()}) {
            QVERIFY(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)));
            QVERIFY(!action->isEnabled()); // nowhere to go yet
        }
        // None of them is a standard editing or navigation key of line edits and tables.
        for (const QKeySequence::StandardKey key :
             {QKeySequence::Copy, QKeySequence::Paste, QKeySequence::Cut, QKeySequence::Undo,
              QKeySequence::Redo, QKeySequence::SelectAll, QKeySequence::MoveToNextWord,
              QKeySequence::MoveToPreviousWord, QKeySequence::MoveToNextPage,
              QKeySequence::MoveToPreviousPage, QKeySequence::Find, QKeySequence::FindNext,
              QKeySequence::FindPrevious}) {
            for (const QKeySequence& standard : QKeySequence::keyBindings(key)) {
                for (QAction* action : {navigator.nextIncident(), navigator.previousIncident(),
                                        navigator.nextEvidence(), navigator.previousEvidence()})
                    QVERIFY(action->shortcut() != standard);
            }
        }
        navigator.setIncidents({1, 2});
        QVERIFY(navigator.nextIncident()->isEnabled());
        navigator.setCurrentIncident(2);
        QVERIFY(!navigator.nextIncident()->isEnabled());
        QVERIFY(navigator.previousIncident()->isEnabled());
        navigator.setEvidence(2, 1);
        QVERIFY(!navigator.nextEvidence()->isEnabled());
        QVERIFY(navigator.previousEvidence()->isEnabled());
    }

    void stepsThroughDemoIncidents()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        IncidentWorkbench* bench = incidentsOf(window);
        QVERIFY(bench);
        QSignalSpy analysed(bench, &IncidentWorkbench::analysisFinished);
        QSignalSpy chartReady(bench->chart(), &TimelineChart::ready);

        // The same way in as a drop from the file manager.
        QElapsedTimer clock;
        clock.start();
        QVERIFY(drop(&window, {demoBundle()}));
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(bench->chart()->isReady(), kTimeoutMs);
        std::printf("drop to analysed and charted: %lld ms (analysis %lld ms)\n",
                    static_cast<long long>(clock.elapsed()), analysed.at(0).at(1).toLongLong());
        QCOMPARE(analysed.at(0).at(0).toInt(), 4);

        const auto analysis = bench->analysis();
        const auto import = workspaceOf(window)->result();
        QVERIFY(analysis && import);
        IncidentsPanel* panel = bench->incidentsPanel();
        IncidentNavigator* navigator = bench->navigator();
        TimelineChart* chart = bench->chart();
        IncidentDetailPanel* detail = bench->detailPanel();
        LogViewer* viewer = logViewerOf(window);
        QCOMPARE(panel->shownIncidents().size(), 4);
        QVERIFY(navigator->nextIncident()->isEnabled());
        QVERIFY(!navigator->nextEvidence()->isEnabled());

        // The table lists the incidents as the analysis ranks them, by impact (#1 first).
        for (int step = 0; step < 4; ++step) {
            const Incident& incident = analysis->incidents[static_cast<std::size_t>(step)];
            clock.restart();
            navigator->nextIncident()->trigger();
            const qint64 stepUs = clock.nsecsElapsed() / 1000;
            std::printf("Next Incident -> #%d %s: %lld us (chart re-bin %lld us, bin %lld ms)\n", incident.id,
                        qPrintable(causeTitle(incident.cause)), static_cast<long long>(stepUs),
                        static_cast<long long>(chart->lastRebinMicros()),
                        static_cast<long long>(chart->binMs()));

            QCOMPARE(panel->selectedIncident(), incident.id);
            QCOMPARE(panel->view()->currentIndex().row(), step);
            QCOMPARE(bench->selectedIncident(), incident.id);
            QCOMPARE(chart->highlightedIncident(), incident.id);
            QVERIFY(chart->visibleFrom() <= incident.startMs);
            QVERIFY(chart->visibleTo() >= incident.endMs);
            QVERIFY(!chart->highlightedBandRect().isEmpty());
            verifyBandLabelsFit(*chart, incident.id);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(detail->incidentId(), incident.id);
            QVERIFY(detail->explanationText().contains(causeExplanation(incident.cause)));
            QVERIFY(detail->explanationText().contains(causeTitle(incident.cause)));
            QCOMPARE(detail->evidenceCount(), static_cast<int>(incident.evidence.size()));
            QCOMPARE(navigator->nextIncident()->isEnabled(), step < 3);
            QVERIFY(navigator->nextEvidence()->isEnabled());

            // Let the events table settle on the incident first: its selection also feeds the viewer.
            QTRY_VERIFY_WITH_TIMEOUT(!eventsPanelOf(window)->isFiltering(), kTimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading(), kTimeoutMs);
            QSignalSpy shown(viewer, &LogViewer::linesShown);
            clock.restart();
            navigator->nextEvidence()->trigger();
            const EvidenceLine& first = incident.evidence.front();
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kTimeoutMs);
            std::printf("  Next Evidence -> %s:%u shown in %lld ms\n",
                        qPrintable(import->sources[first.source].path.section(QLatin1Char('/'), -1)),
                        first.line, static_cast<long long>(clock.elapsed()));
            QCOMPARE(shown.last().at(0).value<std::uint16_t>(), first.source);
            QCOMPARE(shown.last().at(1).value<std::uint32_t>(), first.line);
            QCOMPARE(viewer->markedLine(), first.line);
            QCOMPARE(viewer->headerText(), import->sources[first.source].path);
            QCOMPARE(detail->currentEvidence(), 0);
            QVERIFY(!navigator->previousEvidence()->isEnabled());
            // The events table follows the evidence (the evidence lies in the incident's time range).
            const EventsModel* events = eventsPanelOf(window)->model();
            const QModelIndex current = eventsPanelOf(window)->view()->currentIndex();
            QVERIFY(current.isValid());
            const std::uint32_t event = events->eventAt(current.row());
            QCOMPARE(import->timeline->events().source[event], first.source);
            QCOMPARE(import->timeline->events().line[event], first.line);
            QCOMPARE(chart->selectedTime(),
                     std::optional<std::int64_t>(import->timeline->events().timeMs[event]));
        }
        QVERIFY(!navigator->nextIncident()->isEnabled());

        // Back to the page crash for the screenshots, with its evidence text read (third by impact, of four).
        const std::size_t crashIndex = 2;
        QCOMPARE(analysis->incidents[crashIndex].cause, Cause::PageCrash);
        navigator->previousIncident()->trigger();
        QCOMPARE(panel->selectedIncident(), analysis->incidents[crashIndex].id);
        QTRY_VERIFY_WITH_TIMEOUT(!detail->isLoadingEvidence(), kTimeoutMs);
        QVERIFY(detail->evidenceModel()->index(0, 3).data().toString().contains(QStringLiteral("502")));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsPanelOf(window)->isFiltering(), kTimeoutMs);
        navigator->nextEvidence()->trigger();
        navigator->nextEvidence()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading(), kTimeoutMs);
        detail->noteEditor()->setPlainText(QStringLiteral("Client confirmed the theme upgrade on Monday."));
        QCOMPARE(detail->notes().size(), 1);

        // File > Export Findings: the analysis document with evidence text and the staff note.
        QAction* exportAction = nullptr;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->text().contains(QStringLiteral("Export Findings")))
                exportAction = action;
        }
        QVERIFY(exportAction && exportAction->isEnabled());
        QTemporaryDir exportDir;
        QVERIFY(exportDir.isValid());
        const QString exported = exportDir.filePath(QStringLiteral("findings.json"));
        QSignalSpy written(bench, &IncidentWorkbench::findingsExported);
        bench->exportFindings(exported);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, kTimeoutMs);
        QCOMPARE(written.at(0).at(1).toString(), QString());
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(document.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("gateway-doctor/analysis/1"));
        const QJsonArray incidents = document.value(QStringLiteral("incidents")).toArray();
        QCOMPARE(incidents.size(), 4);
        for (const QJsonValue& value : incidents) {
            const QJsonObject incident = value.toObject();
            const bool noted =
                incident.value(QStringLiteral("id")).toInt() == analysis->incidents[crashIndex].id;
            QCOMPARE(incident.value(QStringLiteral("staff_note")).toString(),
                     noted ? QStringLiteral("Client confirmed the theme upgrade on Monday.") : QString());
            QCOMPARE(incident.value(QStringLiteral("staff_note")).isNull(), !noted);
        }
        const QJsonObject crashEvidence = incidents.at(int(crashIndex))
                                              .toObject()
                                              .value(QStringLiteral("evidence"))
                                              .toArray()
                                              .at(0)
                                              .toObject();
        QVERIFY(crashEvidence.value(QStringLiteral("text")).toString().contains(QStringLiteral(" 502 ")));
        // A folder that does not exist: a clear error, nothing written.
        const QString nowhere = exportDir.filePath(QStringLiteral("missing/findings.json"));
        bench->exportFindings(nowhere);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, kTimeoutMs);
        QVERIFY(!written.at(1).at(1).toString().isEmpty());
        QVERIFY(!QFileInfo::exists(nowhere));
        QTRY_VERIFY(window.findChild<QMessageBox*>() && window.findChild<QMessageBox*>()->isVisible());
        QVERIFY(window.findChild<QMessageBox*>()->text().contains(QStringLiteral("missing")));
        window.findChild<QMessageBox*>()->close();

        // Zoom latency on the real chart (the demo is small; tst_histogram measures 5 M events).
        clock.restart();
        chart->resetZoom();
        std::printf("chart reset zoom: %lld us (re-bin %lld us)\n",
                    static_cast<long long>(clock.nsecsElapsed() / 1000),
                    static_cast<long long>(chart->lastRebinMicros()));

        // Wheel zoom at the cursor, then a click selects that time (and the events table follows).
        const QPoint center = chart->view()->viewport()->rect().center();
        const std::int64_t spanBefore = chart->visibleTo() - chart->visibleFrom();
        QWheelEvent wheel(QPointF(center), chart->view()->viewport()->mapToGlobal(QPointF(center)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        clock.restart();
        QCoreApplication::sendEvent(chart->view()->viewport(), &wheel);
        std::printf("wheel zoom: %lld us (re-bin %lld us, bin %lld ms)\n",
                    static_cast<long long>(clock.nsecsElapsed() / 1000),
                    static_cast<long long>(chart->lastRebinMicros()), static_cast<long long>(chart->binMs()));
        QVERIFY(chart->visibleTo() - chart->visibleFrom() < spanBefore);
        QSignalSpy picked(chart, &TimelineChart::timeSelected);
        QTest::mouseClick(chart->view()->viewport(), Qt::LeftButton, {}, center);
        QCOMPARE(picked.count(), 1);
        const qint64 pickedMs = picked.at(0).at(0).toLongLong();
        QVERIFY(pickedMs > chart->visibleFrom() && pickedMs < chart->visibleTo());
        QTest::keyClick(chart->view(), Qt::Key_Home);
        QCOMPARE(chart->visibleTo() - chart->visibleFrom(), spanBefore);

        chart->setSelectedIncident(analysis->incidents[crashIndex].id);

        // Hovering the chart: the bin's span, its requests by class, markers and the incident.
        const Incident& crash = analysis->incidents[crashIndex];
        const QString hover = chart->hoverText(crash.startMs);
        std::printf("tooltip at incident #%d start:\n%s\n", crash.id, qPrintable(hover));
        QVERIFY2(
            hover.contains(QStringLiteral("Incident #%1: %2").arg(crash.id).arg(causeTitle(crash.cause))),
            qPrintable(hover));
        QVERIFY(hover.contains(QStringLiteral("request")));
        // The failures are counted when nginx logged them: some bin of the incident shows its 502s.
        bool failuresShown = false;
        for (std::int64_t t = crash.startMs; t <= crash.endMs && !failuresShown; t += chart->binMs())
            failuresShown = chart->hoverText(t).contains(QStringLiteral("502 "));
        QVERIFY(failuresShown);
        QVERIFY(chart->hoverText(chart->visibleFrom() - 3'600'000).isEmpty());
        QHelpEvent help(QEvent::ToolTip, center, chart->view()->viewport()->mapToGlobal(center));
        QCoreApplication::sendEvent(chart->view()->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("request")));
        QToolTip::hideText();

        QTest::qWait(200);
        const QString lightPath = QStringLiteral(GD_BINARY_DIR "/incident-light.png");
        QVERIFY(window.grab().save(lightPath));
        qApp->setPalette(gdtest::darkPalette());
        QTest::qWait(200);
        const QString darkPath = QStringLiteral(GD_BINARY_DIR "/incident-dark.png");
        QVERIFY(window.grab().save(darkPath));
        qApp->setPalette(QApplication::style()->standardPalette());
        std::printf("screenshots: %s %s\n", qPrintable(lightPath), qPrintable(darkPath));
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(TestIncidentNavigation)
#include "tst_incidentnavigation.moc"
