#include "incidents/incidentworkbench.h"

#include "events/eventspanel.h"
#include "export/findingsexport.h"
#include "import/rawtext.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentnavigator.h"
#include "incidents/incidentspanel.h"
#include "jobs/analysisjob.h"
#include "logviewer/logviewer.h"
#include "sessions/sessionmatch.h"
#include "timeline/timelinechart.h"

#include <QMainWindow>

namespace gd {

namespace {
/// Events shown around an incident: what led to it and what followed.
constexpr std::int64_t kEventsContextMs = 30'000;
} // namespace

IncidentWorkbench::IncidentWorkbench(QMainWindow* window, EventsPanel* events, LogViewer* logViewer)
    : QObject(window)
    , job_(new AnalysisJob(this))
    , chart_(new TimelineChart(window))
    , incidents_(new IncidentsPanel(window))
    , detail_(new IncidentDetailPanel(window))
    , navigator_(new IncidentNavigator(window))
    , events_(events)
    , logViewer_(logViewer)
    , export_(new FindingsExport(this))
{
    incidents_->setObjectName(QStringLiteral("incidentsPanel"));
    detail_->setObjectName(QStringLiteral("incidentDetail"));
    connect(job_, &AnalysisJob::started, this, &IncidentWorkbench::analysisStarted);
    connect(job_, &AnalysisJob::finished, this, &IncidentWorkbench::showAnalysis);
    connect(incidents_, &IncidentsPanel::incidentSelected, this, &IncidentWorkbench::selectIncident);
    connect(incidents_, &IncidentsPanel::shownIncidentsChanged, this,
            [this] { navigator_->setIncidents(incidents_->shownIncidents()); });
    connect(navigator_, &IncidentNavigator::incidentRequested, this, &IncidentWorkbench::selectIncident);
    connect(navigator_, &IncidentNavigator::evidenceRequested, detail_,
            &IncidentDetailPanel::activateEvidence);
    connect(detail_, &IncidentDetailPanel::currentEvidenceChanged, this,
            [this](int row) { navigator_->setEvidence(detail_->evidenceCount(), row); });
    if (logViewer_)
        connect(detail_, &IncidentDetailPanel::evidenceActivated, logViewer_, &LogViewer::showLine);
    connect(detail_, &IncidentDetailPanel::evidenceActivated, this,
            &IncidentWorkbench::selectEvidenceInEvents);
    connect(chart_, &TimelineChart::timeSelected, this, &IncidentWorkbench::selectTimeInEvents);
    connect(export_, &FindingsExport::finished, this, &IncidentWorkbench::findingsExported);
    if (events_) // the chart marks the time of the event selected in the table
        connect(events_, &EventsPanel::eventTimeSelected, chart_, &TimelineChart::setSelectedTime);
}

IncidentWorkbench::~IncidentWorkbench() = default;

void IncidentWorkbench::addNavigation(QMenu* menu, QToolBar* toolBar)
{
    if (menu)
        navigator_->addToMenu(menu);
    if (toolBar)
        navigator_->addToToolBar(toolBar);
}

void IncidentWorkbench::setImport(std::shared_ptr<const ImportResult> import)
{
    import_ = std::move(import);
    // One reader (and cache of decoded members) for the evidence and the log viewer; the analysis
    // job pins the evidence lines with the context the viewer shows into it.
    const bool viewerHasImport = logViewer_ && import_ && logViewer_->import() == import_;
    reader_ = viewerHasImport ? logViewer_->rawTextReader()
              : import_       ? std::make_shared<RawTextReader>(import_->sources)
                              : nullptr;
    chart_->setImport(import_);
    QStringList servers;
    if (import_) {
        for (const ServerInfo& server : import_->servers)
            servers << server.name;
    }
    incidents_->setServerNames(servers);
    job_->start(import_, {}, reader_,
                logViewer_ ? static_cast<std::uint32_t>(logViewer_->contextLines()) : 0);
}

void IncidentWorkbench::showPartialCounts(std::shared_ptr<const std::vector<LiveMinute>> counts)
{
    if (!import_)
        chart_->showProvisional(std::move(counts));
}

void IncidentWorkbench::importCancelled()
{
    chart_->clearProvisional();
}

void IncidentWorkbench::setTimeDisplay(const TimeDisplay& display)
{
    chart_->setTimeDisplay(display);
    // Milliseconds only where they matter (an incident starts at its first failure's exact time).
    const auto format = [display](std::int64_t utcMs) { return display.dateTime(utcMs, utcMs % 1000 != 0); };
    incidents_->setTimeFormatter(format);
    detail_->setTimeFormatter(format);
}

void IncidentWorkbench::showAnalysis(std::shared_ptr<const ImportResult> import,
                                     std::shared_ptr<const AnalysisResult> analysis, qint64 elapsedMs)
{
    analysis_ = std::move(analysis);
    analysedImport_ = import;
    chart_->setAnalysis(analysis_);
    incidents_->setAnalysis(analysis_);
    // AnalysisJob delivers only the analysis of the newest import: reader_ reads that import.
    Q_ASSERT(import == import_);
    detail_->setAnalysis(std::move(import), analysis_, reader_);
    navigator_->setIncidents(incidents_->shownIncidents());
    if (!findIncident(selected_))
        selected_ = -1;
    navigator_->setCurrentIncident(selected_);
    navigator_->setEvidence(detail_->evidenceCount(), detail_->currentEvidence());
    Q_EMIT analysisFinished(analysis_ ? static_cast<int>(analysis_->incidents.size()) : 0, elapsedMs);
}

bool IncidentWorkbench::canExportFindings() const
{
    return analysis_ && import_ && analysedImport_ == import_ && !export_->isRunning();
}

void IncidentWorkbench::exportFindings(const QString& path)
{
    if (!canExportFindings()) { // the shown analysis belongs to the previous import, or an export runs
        Q_EMIT findingsExported(path, export_->isRunning()
                                          ? tr("Another export is still being written")
                                          : tr("The analysis of the open logs has not finished yet"));
        return;
    }
    export_->start(path, import_, analysis_, reader_, detail_->staffNotes());
}

const Incident* IncidentWorkbench::findIncident(int id) const
{
    return analysis_ ? analysis_->findIncident(id) : nullptr;
}

void IncidentWorkbench::selectIncident(int id)
{
    const Incident* incident = findIncident(id);
    if (!incident)
        return;
    selected_ = id;
    incidents_->selectIncident(id);
    chart_->setSelectedIncident(id);
    detail_->showIncident(id);
    navigator_->setCurrentIncident(id);
    navigator_->setEvidence(detail_->evidenceCount(), detail_->currentEvidence());
    if (events_ && !hasTime(incident->startMs)) {
        // An undated finding has no time range: show every event (its lines are the undated ones first).
        eventsLimited_ = false;
        events_->clearTimeRange();
    } else if (events_) {
        eventsFrom_ = incident->startMs - kEventsContextMs;
        eventsTo_ = incident->endMs + kEventsContextMs;
        eventsLimited_ = true;
        events_->setTimeRange(eventsFrom_, eventsTo_);
        events_->selectTime(incident->startMs);
    }
}

void IncidentWorkbench::selectEvidenceInEvents(std::uint16_t source, std::uint32_t line)
{
    // Keep the events table on the evidence line the log viewer shows.
    const Incident* incident = findIncident(selected_);
    if (!events_ || !incident)
        return;
    for (const EvidenceLine& evidence : incident->evidence) {
        if (evidence.source == source && evidence.line == line) {
            events_->selectEvent(source, line, evidence.timeMs);
            return;
        }
    }
}

void IncidentWorkbench::selectTimeInEvents(std::int64_t utcMs)
{
    if (!events_)
        return;
    // A time outside the incident the table is limited to: show all events again.
    if (eventsLimited_ && (utcMs < eventsFrom_ || utcMs >= eventsTo_)) {
        eventsLimited_ = false;
        events_->clearTimeRange();
    }
    events_->selectTime(utcMs);
}

void IncidentWorkbench::captureSession(WorkbenchSession& session, const SessionScope& /*scope*/) const
{
    session.notes = detail_->notes();
    if (const Incident* incident = findIncident(selected_))
        session.selectedIncident = SessionIncident{incident->id, incident->startMs};
    if (chart_->isReady())
        session.chartRange = SessionRange{chart_->visibleFrom(), chart_->visibleTo()};
}

void IncidentWorkbench::restoreBeforeImport(const WorkbenchSession& session)
{
    detail_->setNotes(session.notes);
}

void IncidentWorkbench::restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                                       const SessionRestoreStep& step)
{
    const bool hasEvents = scope.import && scope.import->timeline && scope.import->timeline->size() > 0;
    const auto zoom = hasEvents ? session.chartRange : std::nullopt;
    if (analysis_ && analysedImport_ == scope.import) {
        restoreAnalysed(session.selectedIncident, zoom, step);
        return;
    }
    // The incident is found in the analysis of the session's import, which follows the import.
    connect(
        this, &IncidentWorkbench::analysisFinished, step.guard,
        [this, incident = session.selectedIncident, zoom, step] { restoreAnalysed(incident, zoom, step); },
        Qt::SingleShotConnection);
}

void IncidentWorkbench::restoreAnalysed(std::optional<SessionIncident> incident,
                                        std::optional<SessionRange> zoom, const SessionRestoreStep& step)
{
    if (incident && analysis_) {
        const int id = findSessionIncident(*analysis_, *incident);
        if (id >= 0)
            selectIncident(id);
    }
    if (!zoom || chart_->isReady()) {
        if (zoom)
            chart_->setVisibleRange(zoom->fromMs, zoom->toMs);
        step.done();
        return;
    }
    connect(
        chart_, &TimelineChart::ready, step.guard,
        [this, zoom, done = step.done] {
            chart_->setVisibleRange(zoom->fromMs, zoom->toMs);
            done();
        },
        Qt::SingleShotConnection);
}

void IncidentWorkbench::watchEdits(std::function<void()> edited)
{
    connect(detail_, &IncidentDetailPanel::notesChanged, this, std::move(edited));
}

} // namespace gd
