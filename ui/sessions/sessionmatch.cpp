#include "sessions/sessionmatch.h"

#include "diagnose/analyzer.h"
#include "import/importresult.h"
#include "shell/openinputs.h"

namespace gd {

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

int findSessionIncident(const AnalysisResult& analysis, const SessionIncident& saved)
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

} // namespace gd
