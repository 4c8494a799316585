#pragma once

#include "sessions/workbenchsession.h"

#include <QStringList>
#include <optional>

namespace gd {

class MainWindow;
struct ImportResult;
struct SourceLocation;

/// The window's state as a session: its inputs (pasted ones with their text), staff notes,
/// selection, time display, events filter and chart zoom. Nothing when a pasted file cannot be
/// read back (`error` says which).
std::optional<WorkbenchSession> captureSession(const MainWindow& window, QString* error);

/// Where `location` lies among `inputs` (absolute, as opened): the input's index and the path
/// below it. Nothing when it lies under none of them.
std::optional<SessionEvent> sessionEventSource(const SourceLocation& location, const QStringList& inputs);

/// The source of `import` an event of the session was written in, given where the session's
/// inputs are now (`inputs[i]` for session input i; empty when it is missing); -1 when none.
int findSessionSource(const ImportResult& import, const SessionEvent& event, const QStringList& inputs);

} // namespace gd
