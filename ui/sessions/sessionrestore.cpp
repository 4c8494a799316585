#include "sessions/sessionrestore.h"

#include "import/importresult.h"
#include "shell/workspace.h"

#include <QPointer>

namespace gd {

SessionRestore::SessionRestore(Workspace* workspace, std::vector<SessionParticipant*> participants,
                               WorkbenchSession session, QStringList inputs, std::vector<Diagnostic> problems,
                               QObject* parent)
    : QObject(parent)
    , participants_(std::move(participants))
    , session_(std::move(session))
    , problems_(std::move(problems))
{
    scope_.inputs = std::move(inputs);
    // Connected after the window's own handlers, so the panels already show the new import.
    connect(workspace, &Workspace::importFinished, this, &SessionRestore::onImported);
    connect(workspace, &Workspace::importCancelled, this, [this] {
        if (done_)
            return;
        done_ = true;
        Q_EMIT finished(false);
    });
}

void SessionRestore::onImported(std::shared_ptr<const ImportResult> result)
{
    if (imported_ || done_)
        return;
    imported_ = true;
    if (!problems_.empty()) {
        std::vector<Diagnostic> all = problems_;
        all.insert(all.end(), result->diagnostics.begin(), result->diagnostics.end());
        Q_EMIT inputProblems(all);
    }
    scope_.import = std::move(result);
    restoreFrom(0);
}

void SessionRestore::restoreFrom(std::size_t participant)
{
    if (done_)
        return;
    turn_ = participant;
    if (participant == participants_.size()) {
        done_ = true;
        Q_EMIT finished(true);
        return;
    }
    const QPointer<SessionRestore> self(this);
    const auto done = [self, participant] {
        // A second call, or one after the restore was abandoned, changes nothing.
        if (self && self->turn_ == participant)
            self->restoreFrom(participant + 1);
    };
    participants_[participant]->restoreSession(session_, scope_, {this, done});
}

} // namespace gd
