#pragma once

#include "sessions/workbenchsession.h"

#include <QString>
#include <optional>
#include <vector>

namespace gd {

class SessionParticipant;
class Workspace;

/// The workbench as a session: the inputs of `workspace` (pasted ones with their text) and what
/// each participant keeps (notes, selection, time display, events filter, chart zoom). Nothing when
/// a pasted file cannot be read back (`error` says which).
std::optional<WorkbenchSession> captureSession(const Workspace& workspace,
                                               const std::vector<SessionParticipant*>& participants,
                                               QString* error);

} // namespace gd
