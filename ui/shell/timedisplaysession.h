#pragma once

#include "sessions/sessionparticipant.h"

namespace gd {

class MainWindow;

/// The window's own part of a session: its time display, set before the logs are imported so
/// everything is shown in it from the start.
class TimeDisplaySession : public SessionParticipant {
public:
    explicit TimeDisplaySession(MainWindow* window)
        : window_(window)
    {
    }

    void captureSession(WorkbenchSession& session, const SessionScope& scope) const override;
    void restoreBeforeImport(const WorkbenchSession& session) override;
    void restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                        const SessionRestoreStep& step) override;

private:
    MainWindow* window_;
};

} // namespace gd
