#include "shell/timedisplaysession.h"

#include "shell/mainwindow.h"

namespace gd {

void TimeDisplaySession::captureSession(WorkbenchSession& session, const SessionScope&) const
{
    session.timeDisplay = TimeDisplay::modeKey(window_->timeDisplay().mode());
}

void TimeDisplaySession::restoreBeforeImport(const WorkbenchSession& session)
{
    if (const auto mode = TimeDisplay::modeFromKey(session.timeDisplay))
        window_->setTimeDisplayMode(*mode);
}

void TimeDisplaySession::restoreSession(const WorkbenchSession&, const SessionScope&,
                                        const SessionRestoreStep& step)
{
    step.done(); // nothing that refers to the logs
}

} // namespace gd
