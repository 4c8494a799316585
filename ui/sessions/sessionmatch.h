#pragma once

#include "sessions/workbenchsession.h"

#include <QStringList>
#include <optional>

namespace gd {

struct AnalysisResult;
struct ImportResult;
struct SourceLocation;

/// Where `location` lies among `inputs` (absolute, as opened): the input's index and the path
/// below it. Nothing when it lies under none of them.
std::optional<SessionEvent> sessionEventSource(const SourceLocation& location, const QStringList& inputs);

/// The source of `import` an event of the session was written in, given where the session's
/// inputs are now (`inputs[i]` for session input i; empty when it is missing); -1 when none.
int findSessionSource(const ImportResult& import, const SessionEvent& event, const QStringList& inputs);

/// The incident of `analysis` that `saved` was: same id and start, else the same start, else the
/// one whose span holds that start (re-analysis may renumber or move it); -1 when none.
int findSessionIncident(const AnalysisResult& analysis, const SessionIncident& saved);

} // namespace gd
