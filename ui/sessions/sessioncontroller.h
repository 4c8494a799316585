#pragma once

#include "model/diagnostic.h"
#include "sessions/workbenchsession.h"

#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

class QWidget;

namespace gd {

class SessionParticipant;
class SessionRestore;
class WorkbenchActions;
class Workspace;

/// Saving and opening workbench sessions (.gdsession): File ▸ Save Session (As)… and Open Session…,
/// the modified state of the staff notes, and the question on close when notes are unsaved.
/// The session keeps the inputs of the workspace and what each participant keeps (see
/// SessionParticipant); opening imports the inputs the way any open does, then SessionRestore
/// brings the participants' state back. The window hands over its parts when it composes itself
/// and only forwards opens, close requests and the title.
class SessionController : public QObject {
    Q_OBJECT
public:
    enum class SaveAnswer { Save, Discard, Cancel };
    /// Asks whether to save unsaved notes of the session called `name`.
    using SavePrompt = std::function<SaveAnswer(const QString& name)>;
    /// Asks for a file name: to save to (`saving`) or to open. Empty: the user cancelled.
    using PathPrompt = std::function<QString(bool saving, const QString& suggestion)>;

    /// Connects the session actions of `actions` and the participants' edits. `participants` are
    /// restored in this order; `window` parents the dialogs.
    SessionController(QWidget* window, Workspace* workspace, WorkbenchActions* actions,
                      std::vector<SessionParticipant*> participants);

    /// Opens the first session among `paths`; returns the paths that are not sessions.
    QStringList openSessionsAmong(const QStringList& paths);
    /// Replaces what is open by the session at `path` (after asking to save unsaved notes). Damaged
    /// parts of the file are left out and listed with the import's messages.
    bool openSession(const QString& path);
    /// Replaces what is open by the recovery file at `recoveryPath` (see RecoveryController): opened
    /// like a session, then modified (its notes are in no session file yet), saving to the session
    /// file the recovered window had open, if any.
    bool openRecovered(const QString& recoveryPath);
    /// Saves to the current session file, or asks for one.
    bool save();
    bool saveAs();
    bool saveTo(const QString& path);
    /// Before the window closes: true when it may (saved, discarded or nothing to save).
    bool maybeSave();
    /// What is open now as a session (with the session file in `savedAs`); nothing when a pasted
    /// file cannot be read back (`error` says which).
    std::optional<WorkbenchSession> capture(QString* error) const;

    bool isModified() const { return modified_; }
    /// The session file, empty when none was saved or opened.
    const QString& sessionPath() const { return path_; }
    /// The session file's name without extension, empty when there is none.
    QString sessionName() const;
    /// True from opening a session until its view is restored.
    bool isRestoring() const { return restore_ != nullptr; }

    /// Tests and embedders replace the dialogs (the defaults are QMessageBox and QFileDialog).
    void setSavePrompt(SavePrompt prompt) { savePrompt_ = std::move(prompt); }
    void setPathPrompt(PathPrompt prompt) { pathPrompt_ = std::move(prompt); }

Q_SIGNALS:
    /// A line for the status bar.
    void message(const QString& text);
    /// Saving or opening failed: `text` names the file and why (for a warning the user must see).
    void failed(const QString& title, const QString& text);
    /// The user edited content the session keeps (staff notes).
    void edited();
    /// The session file or its modified state changed (for the title).
    void titleChanged();
    /// A session was opened or saved at `path` (for recent files).
    void sessionUsed(const QString& path);
    /// The opened session's view is restored (`completed`), or its import was cancelled.
    void restored(bool completed);
    /// The opened session's import is shown and some of its inputs could not be opened: the
    /// import's messages with those problems in front (for the message area).
    void inputProblems(const std::vector<gd::Diagnostic>& diagnostics);

private:
    void openWithDialog();
    /// Opens the inputs of `session` (read from `path`) and starts restoring its view; `problems`
    /// are shown with the import's messages. False when none of its inputs could be opened.
    bool openLoaded(const WorkbenchSession& session, const QString& path, std::vector<Diagnostic> problems);
    void setModified(bool modified);
    void updateActions();
    QString suggestedPath() const;

    QWidget* window_;
    Workspace* workspace_;
    WorkbenchActions* actions_;
    std::vector<SessionParticipant*> participants_;
    SavePrompt savePrompt_;
    PathPrompt pathPrompt_;
    SessionRestore* restore_ = nullptr;
    QString path_;
    bool modified_ = false;
};

} // namespace gd
