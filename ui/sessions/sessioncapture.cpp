#include "sessions/sessioncapture.h"

#include "events/eventsmodel.h"
#include "events/eventspanel.h"
#include "import/importresult.h"
#include "incidents/incidentdetailpanel.h"
#include "incidents/incidentworkbench.h"
#include "shell/mainwindow.h"
#include "shell/openinputs.h"
#include "shell/workspace.h"
#include "timeline/timelinechart.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTableView>

namespace gd {

namespace {

std::optional<SessionInput> captureInput(const Workspace& workspace, const QString& path, QString* error)
{
    SessionInput input;
    if (!workspace.isPasted(path)) {
        input.path = path;
        return input;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("gd::SessionCapture", "Cannot read the pasted lines %1: %2")
                     .arg(path, file.errorString());
        return std::nullopt;
    }
    input.pastedText = QString::fromUtf8(file.readAll());
    input.pastedName = QFileInfo(path).fileName();
    return input;
}

std::optional<SessionEvent> captureEvent(const MainWindow& window, const QStringList& inputs)
{
    const QModelIndex current = window.eventsPanel()->view()->currentIndex();
    const auto import = window.workspace()->result();
    if (!current.isValid() || !import)
        return std::nullopt;
    const auto source = current.data(EventsModel::SourceRole).toUInt();
    if (source >= import->sources.size())
        return std::nullopt;
    auto event = sessionEventSource(import->sources[source].location, inputs);
    if (event) {
        event->line = current.data(EventsModel::LineRole).toUInt();
        event->timeMs = current.data(EventsModel::TimeRole).toLongLong();
    }
    return event;
}

} // namespace

std::optional<SessionEvent> sessionEventSource(const SourceLocation& location, const QStringList& inputs)
{
    const QString file = OpenInputs::normalized(location.inputPath);
    for (int i = 0; i < inputs.size(); ++i) {
        const QString input = OpenInputs::normalized(inputs[i]);
        SessionEvent event;
        event.input = i;
        event.members = location.memberChain;
        if (file == input)
            return event;
        if (file.startsWith(input + u'/')) { // a file found in an opened folder
            event.file = file.mid(input.size() + 1);
            return event;
        }
    }
    return std::nullopt;
}

int findSessionSource(const ImportResult& import, const SessionEvent& event, const QStringList& inputs)
{
    if (event.input < 0 || event.input >= inputs.size() || inputs[event.input].isEmpty())
        return -1;
    const QString base = OpenInputs::normalized(inputs[event.input]);
    const QString file = event.file.isEmpty() ? base : OpenInputs::normalized(base + u'/' + event.file);
    for (std::size_t s = 0; s < import.sources.size(); ++s) {
        const SourceLocation& location = import.sources[s].location;
        if (location.memberChain == event.members && OpenInputs::normalized(location.inputPath) == file)
            return static_cast<int>(s);
    }
    return -1;
}

std::optional<WorkbenchSession> captureSession(const MainWindow& window, QString* error)
{
    WorkbenchSession session;
    const QStringList& inputs = window.workspace()->loadedInputs().paths();
    for (const QString& path : inputs) {
        auto input = captureInput(*window.workspace(), path, error);
        if (!input)
            return std::nullopt;
        session.inputs.push_back(*input);
    }
    const IncidentWorkbench& bench = *window.incidentWorkbench();
    session.notes = bench.detailPanel()->notes();
    if (const auto analysis = bench.analysis()) {
        if (const Incident* incident = analysis->findIncident(bench.selectedIncident()))
            session.selectedIncident = SessionIncident{incident->id, incident->startMs};
    }
    session.selectedEvent = captureEvent(window, inputs);
    session.timeDisplay = TimeDisplay::modeKey(window.timeDisplay().mode());
    session.eventsFilter = window.eventsPanel()->filter();
    session.eventsFilter->hostIds.clear(); // ids of this timeline only
    if (bench.chart()->isReady())
        session.chartRange = SessionRange{bench.chart()->visibleFrom(), bench.chart()->visibleTo()};
    return session;
}

} // namespace gd
