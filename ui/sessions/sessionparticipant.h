#pragma once

#include "sessions/workbenchsession.h"

#include <QStringList>
#include <functional>
#include <memory>

class QObject;

namespace gd {

struct ImportResult;

/// What a session's view state refers to: the import shown and the inputs it was made from.
struct SessionScope {
    std::shared_ptr<const ImportResult> import;
    /// Saving: the open inputs (session input i is inputs[i]). Opening: where session input i is
    /// now, empty when it is missing.
    QStringList inputs;
};

/// A participant's turn while a session is being opened.
struct SessionRestoreStep {
    /// Connect anything the participant waits for to this object: it is deleted, and the waits
    /// with it, when the restore is abandoned (another session opened, or its import cancelled).
    QObject* guard = nullptr;
    /// Call once when this participant's state is applied; the next participant's turn follows.
    std::function<void()> done;
};

/// A part of the workbench that keeps its own state in a session, so the session code needs to know
/// no panel: the window hands its participants to the SessionController when it composes itself.
/// Opening a session gives each participant its turn in the order they were handed, each after the
/// previous one is done (the events table selects its event only after the incident was selected).
class SessionParticipant {
public:
    virtual ~SessionParticipant() = default;

    /// Writes this part's state into `session`.
    virtual void captureSession(WorkbenchSession& session, const SessionScope& scope) const = 0;
    /// A session is being opened, before its logs are imported: the state that does not refer to
    /// them (notes, time display).
    virtual void restoreBeforeImport(const WorkbenchSession& session) { (void)session; }
    /// The session's logs are imported and shown: applies the state that refers to them, then
    /// calls step.done (at once, or later from a signal connected to step.guard).
    virtual void restoreSession(const WorkbenchSession& session, const SessionScope& scope,
                                const SessionRestoreStep& step) = 0;
    /// `edited` is to be called whenever the user changes content the session keeps beyond the
    /// view (staff notes): the session is then modified and closing asks to save it.
    virtual void watchEdits(std::function<void()> edited) { (void)edited; }
};

} // namespace gd
