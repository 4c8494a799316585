#pragma once

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "import/liverequestcounts.h"
#include "sessions/sessionparticipant.h"
#include "shell/timedisplay.h"

#include <QObject>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QMainWindow;
class QMenu;
class QToolBar;

namespace gd {

class AnalysisJob;
class FindingsExport;
class RawTextReader;
class EventsPanel;
class IncidentDetailPanel;
class IncidentNavigator;
class IncidentsPanel;
class LogViewer;
class TimelineChart;

/// The incident side of the workbench, wired together: every import is analysed in the background;
/// the chart, the incidents table and the detail show the result; selecting an incident highlights
/// its band, limits the events table to it and explains it; evidence opens in the log viewer; a
/// click on the chart selects that time in the events table. The window only places the widgets.
/// Keeps the staff notes, the selected incident and the chart zoom in sessions.
class IncidentWorkbench : public QObject, public SessionParticipant {
    Q_OBJECT
public:
    /// Creates the chart, table, detail and navigator as children of `window`.
    IncidentWorkbench(QMainWindow* window, EventsPanel* events, LogViewer* logViewer);
    ~IncidentWorkbench() override;

    TimelineChart* chart() const { return chart_; }
    IncidentsPanel* incidentsPanel() const { return incidents_; }
    IncidentDetailPanel* detailPanel() const { return detail_; }
    IncidentNavigator* navigator() const { return navigator_; }
    AnalysisJob* analysisJob() const { return job_; }
    std::shared_ptr<const AnalysisResult> analysis() const { return analysis_; }
    /// The import analysis() was made from (reports read its evidence through rawTextReader()).
    std::shared_ptr<const ImportResult> analysedImport() const { return analysedImport_; }
    std::shared_ptr<RawTextReader> rawTextReader() const { return reader_; }

    /// Adds the Navigate menu and toolbar to the window.
    void addNavigation(QMenu* menu, QToolBar* toolBar);

    /// A new import: the chart counts it and the analysis starts.
    void setImport(std::shared_ptr<const ImportResult> import);
    /// Requests counted so far by a running import: drawn provisionally while nothing is loaded yet
    /// (a loaded bundle keeps its chart, zoom and bands until the new import completes).
    void showPartialCounts(std::shared_ptr<const std::vector<LiveMinute>> counts);
    /// The running import was cancelled: the provisional chart goes.
    void importCancelled();
    void setTimeDisplay(const TimeDisplay& display);
    /// Selects incident `id` everywhere (table, chart, detail, events range).
    void selectIncident(int id);
    /// Writes the findings with the staff notes to `path` as JSON (in the background);
    /// findingsExported() follows.
    void exportFindings(const QString& path);
    /// True once the open logs are analysed (and no export is running).
    bool canExportFindings() const;
    int selectedIncident() const { return selected_; }

    // SessionParticipant: the staff notes, the selected incident and the chart zoom.
    void captureSession(WorkbenchSession& session, const SessionScope& scope) const override;
    void restoreBeforeImport(const WorkbenchSession& session) override;
    void restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                        const SessionRestoreStep& step) override;
    void watchEdits(std::function<void()> edited) override;

Q_SIGNALS:
    void analysisStarted();
    void analysisFinished(int incidents, qint64 elapsedMs);
    /// An export ended; `error` is empty when it succeeded.
    void findingsExported(const QString& path, const QString& error);

private:
    void showAnalysis(std::shared_ptr<const ImportResult> import,
                      std::shared_ptr<const AnalysisResult> analysis, qint64 elapsedMs);
    const Incident* findIncident(int id) const;
    void selectEvidenceInEvents(std::uint16_t source, std::uint32_t line);
    void selectTimeInEvents(std::int64_t utcMs);
    void restoreAnalysed(std::optional<SessionIncident> incident, std::optional<SessionRange> zoom,
                         const SessionRestoreStep& step);

    AnalysisJob* job_;
    TimelineChart* chart_;
    IncidentsPanel* incidents_;
    IncidentDetailPanel* detail_;
    IncidentNavigator* navigator_;
    EventsPanel* events_;
    LogViewer* logViewer_;
    FindingsExport* export_;
    std::shared_ptr<const ImportResult> import_;
    std::shared_ptr<const AnalysisResult> analysis_;
    std::shared_ptr<const ImportResult> analysedImport_; ///< the import analysis_ belongs to
    std::shared_ptr<RawTextReader> reader_;              ///< shared with the log viewer and the detail
    int selected_ = -1;
    bool eventsLimited_ = false;
    std::int64_t eventsFrom_ = 0;
    std::int64_t eventsTo_ = 0;
};

} // namespace gd
