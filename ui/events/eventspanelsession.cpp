// The events panel's part of a workbench session: its filter and the selected event, the event
// kept by where it was written so it is found again in a new import of the same logs.

#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "import/importresult.h"
#include "sessions/sessionmatch.h"

#include <QTableView>

namespace gd {

void EventsPanel::captureSession(WorkbenchSession& session, const SessionScope& scope) const
{
    session.eventsFilter = filter_;
    session.eventsFilter->hostIds.clear(); // ids of this timeline only
    const QModelIndex current = view_->currentIndex();
    if (!current.isValid() || !import_)
        return;
    const auto source = current.data(EventsModel::SourceRole).toUInt();
    if (source >= import_->sources.size())
        return;
    session.selectedEvent = sessionEventSource(import_->sources[source].location, scope.inputs);
    if (session.selectedEvent) {
        session.selectedEvent->line = current.data(EventsModel::LineRole).toUInt();
        session.selectedEvent->timeMs = current.data(EventsModel::TimeRole).toLongLong();
    }
}

void EventsPanel::restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                                 const SessionRestoreStep& step)
{
    if (session.eventsFilter)
        setFilter(*session.eventsFilter);
    if (!session.selectedEvent) {
        step.done();
        return;
    }
    // The event is selected among the rows of the saved filter: once they are delivered.
    const SessionEvent saved = *session.selectedEvent;
    if (!isFiltering()) {
        selectSessionEvent(saved, scope.inputs);
        step.done();
        return;
    }
    connect(
        this, &EventsPanel::filterApplied, step.guard,
        [this, saved, inputs = scope.inputs, done = step.done] {
            selectSessionEvent(saved, inputs);
            done();
        },
        Qt::SingleShotConnection);
}

void EventsPanel::selectSessionEvent(const SessionEvent& saved, const QStringList& inputs)
{
    const int source = import_ ? findSessionSource(*import_, saved, inputs) : -1;
    std::int64_t row = -1;
    if (source >= 0 && import_->timeline) {
        const EventColumns& columns = import_->timeline->events();
        // (source, line) is not indexed; one linear pass per opened session is cheap enough.
        for (std::size_t i = 0; i < columns.size() && row < 0; ++i) {
            if (columns.source[i] == source && columns.line[i] == saved.line)
                row = model_->shownRowOfEvent(static_cast<std::uint32_t>(i));
        }
    }
    if (row >= 0) {
        selectShownRow(static_cast<std::size_t>(row), true);
    } else {
        selectTime(saved.timeMs);
    }
}

} // namespace gd
