#include "sessions/sessionrestore.h"

#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "import/importresult.h"
#include "incidents/incidentworkbench.h"
#include "sessions/sessioncapture.h"
#include "shell/mainwindow.h"
#include "shell/messagearea.h"
#include "shell/workspace.h"
#include "sources/sourcespanel.h"
#include "timeline/timelinechart.h"

#include <QTableView>

namespace gd {

SessionRestore::SessionRestore(MainWindow* window, WorkbenchSession session, QStringList inputs,
                               std::vector<Diagnostic> problems)
    : QObject(window)
    , window_(window)
    , session_(std::move(session))
    , inputs_(std::move(inputs))
    , problems_(std::move(problems))
{
    // Connected after the window's own handlers, so the panels already show the new import.
    connect(window_->workspace(), &Workspace::importFinished, this, &SessionRestore::onImported);
    connect(window_->workspace(), &Workspace::importCancelled, this, [this] {
        done_ = true;
        Q_EMIT finished(false);
    });
    connect(window_->incidentWorkbench(), &IncidentWorkbench::analysisFinished, this,
            &SessionRestore::onAnalysed);
    connect(window_->eventsPanel(), &EventsPanel::filterApplied, this, [this] {
        if (waitingEvent_ && analysed_)
            selectEvent();
    });
    connect(window_->incidentWorkbench()->chart(), &TimelineChart::ready, this, [this] {
        if (waitingZoom_ && analysed_)
            applyZoom();
    });
}

int SessionRestore::findIncident(const AnalysisResult& analysis, const SessionIncident& saved)
{
    for (const Incident& incident : analysis.incidents) {
        if (incident.id == saved.id && incident.startMs == saved.startMs)
            return incident.id;
    }
    for (const Incident& incident : analysis.incidents) {
        if (incident.startMs == saved.startMs)
            return incident.id;
    }
    for (const Incident& incident : analysis.incidents) {
        if (incident.startMs <= saved.startMs && saved.startMs <= incident.endMs)
            return incident.id;
    }
    return -1;
}

void SessionRestore::onImported(std::shared_ptr<const ImportResult> result)
{
    if (imported_ || done_)
        return;
    imported_ = true;
    if (!problems_.empty()) {
        std::vector<Diagnostic> all = problems_;
        all.insert(all.end(), result->diagnostics.begin(), result->diagnostics.end());
        window_->sourcesPanel()->messages()->setDiagnostics(all);
    }
}

void SessionRestore::onAnalysed()
{
    if (!imported_ || analysed_ || done_)
        return;
    analysed_ = true;
    IncidentWorkbench* bench = window_->incidentWorkbench();
    EventsPanel* events = window_->eventsPanel();
    if (session_.selectedIncident && bench->analysis()) {
        const int id = findIncident(*bench->analysis(), *session_.selectedIncident);
        if (id >= 0)
            bench->selectIncident(id);
    }
    // The event is selected in the rows of the saved filter: after they are delivered.
    waitingEvent_ = session_.selectedEvent.has_value();
    if (session_.eventsFilter)
        events->setFilter(*session_.eventsFilter);
    if (waitingEvent_ && !events->isFiltering())
        selectEvent();

    const auto import = window_->workspace()->result();
    const bool hasEvents = import && import->timeline && import->timeline->size() > 0;
    if (session_.chartRange && hasEvents) {
        if (bench->chart()->isReady())
            applyZoom();
        else
            waitingZoom_ = true;
    }
    finishIfDone();
}

void SessionRestore::selectEvent()
{
    waitingEvent_ = false;
    EventsPanel* events = window_->eventsPanel();
    const auto import = window_->workspace()->result();
    const SessionEvent& saved = *session_.selectedEvent;
    const int source = import ? findSessionSource(*import, saved, inputs_) : -1;
    int row = -1;
    if (source >= 0 && import->timeline) {
        const EventColumns& columns = import->timeline->events();
        // (source, line) is not indexed; one linear pass per opened session is cheap enough.
        for (std::size_t i = 0; i < columns.size() && row < 0; ++i) {
            if (columns.source[i] == source && columns.line[i] == saved.line)
                row = events->model()->rowOfEvent(static_cast<std::uint32_t>(i));
        }
    }
    if (row >= 0) {
        const QModelIndex index = events->model()->index(row, 0);
        events->view()->setCurrentIndex(index);
        events->view()->scrollTo(index, QAbstractItemView::PositionAtCenter);
    } else {
        events->selectTime(saved.timeMs);
    }
    finishIfDone();
}

void SessionRestore::applyZoom()
{
    waitingZoom_ = false;
    window_->incidentWorkbench()->chart()->setVisibleRange(session_.chartRange->fromMs,
                                                           session_.chartRange->toMs);
    finishIfDone();
}

void SessionRestore::finishIfDone()
{
    if (done_ || !analysed_ || waitingEvent_ || waitingZoom_)
        return;
    done_ = true;
    Q_EMIT finished(true);
}

} // namespace gd
