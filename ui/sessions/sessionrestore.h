#pragma once

#include "model/diagnostic.h"
#include "sessions/sessionparticipant.h"
#include "sessions/workbenchsession.h"

#include <QObject>
#include <QStringList>
#include <cstddef>
#include <memory>
#include <vector>

namespace gd {

class Workspace;

/// Brings back a session's view once its inputs are imported: reports the inputs that could not be
/// opened with the import's own messages, then gives each participant its turn (the selected
/// incident, the events filter and event, the chart zoom). One-shot: created right after the
/// import was started, it reports finished() once. It is also the guard the participants connect
/// their waits to, so deleting it abandons them.
class SessionRestore : public QObject {
    Q_OBJECT
public:
    /// `inputs[i]` is where session input i was opened from now (empty when it is missing);
    /// `problems` are shown with the import's own messages.
    SessionRestore(Workspace* workspace, std::vector<SessionParticipant*> participants,
                   WorkbenchSession session, QStringList inputs, std::vector<Diagnostic> problems,
                   QObject* parent = nullptr);

Q_SIGNALS:
    /// The session's import is shown and some of its inputs could not be opened: these are the
    /// import's messages with those problems in front.
    void inputProblems(const std::vector<gd::Diagnostic>& diagnostics);
    /// Everything is applied (`completed`), or the import was cancelled and nothing was.
    void finished(bool completed);

private:
    void onImported(std::shared_ptr<const ImportResult> result);
    void restoreFrom(std::size_t participant);

    std::vector<SessionParticipant*> participants_;
    WorkbenchSession session_;
    SessionScope scope_;
    std::vector<Diagnostic> problems_;
    std::size_t turn_ = 0; ///< the participant whose turn it is
    bool imported_ = false;
    bool done_ = false;
};

} // namespace gd
