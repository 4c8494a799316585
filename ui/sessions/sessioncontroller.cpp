#include "sessions/sessioncontroller.h"

#include "sessions/sessioncapture.h"
#include "sessions/sessionparticipant.h"
#include "sessions/sessionrestore.h"
#include "sessions/workbenchsession.h"
#include "shell/openinputs.h"
#include "shell/workbenchactions.h"
#include "shell/workspace.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace gd {

SessionController::SessionController(QWidget* window, Workspace* workspace, WorkbenchActions* actions,
                                     std::vector<SessionParticipant*> participants)
    : QObject(window)
    , window_(window)
    , workspace_(workspace)
    , actions_(actions)
    , participants_(std::move(participants))
{
    savePrompt_ = [this](const QString& name) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved Staff Notes"),
                        tr("The staff notes of %1 have changed. Save them in the session?").arg(name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, window_);
        box.setDefaultButton(QMessageBox::Save);
        switch (box.exec()) {
        case QMessageBox::Save:
            return SaveAnswer::Save;
        case QMessageBox::Discard:
            return SaveAnswer::Discard;
        default:
            return SaveAnswer::Cancel;
        }
    };
    pathPrompt_ = [this](bool saving, const QString& suggestion) {
        const QString filter =
            tr("Gateway Doctor sessions (*.%1);;All files (*)").arg(WorkbenchSession::extension());
        return saving ? QFileDialog::getSaveFileName(window_, tr("Save Session"), suggestion, filter)
                      : QFileDialog::getOpenFileName(window_, tr("Open Session"), suggestion, filter);
    };

    connect(actions_->saveSession(), &QAction::triggered, this, &SessionController::save);
    connect(actions_->saveSessionAs(), &QAction::triggered, this, &SessionController::saveAs);
    connect(actions_->openSession(), &QAction::triggered, this, &SessionController::openWithDialog);
    for (SessionParticipant* participant : participants_)
        participant->watchEdits([this] {
            setModified(true);
            Q_EMIT edited();
        });
    connect(workspace_, &Workspace::importFinished, this, &SessionController::updateActions);
    updateActions();
}

QString SessionController::sessionName() const
{
    return path_.isEmpty() ? QString() : QFileInfo(path_).completeBaseName();
}

QStringList SessionController::openSessionsAmong(const QStringList& paths)
{
    QStringList sessions;
    QStringList others;
    for (const QString& path : paths)
        (WorkbenchSession::looksLikeSession(path) ? sessions : others) << path;
    if (sessions.isEmpty())
        return others;
    if (openSession(sessions.front()) && sessions.size() > 1)
        Q_EMIT message(tr("One session opens at a time: %1 was opened").arg(sessions.front()));
    return others;
}

bool SessionController::openSession(const QString& path)
{
    if (!maybeSave())
        return false;
    QString error;
    std::vector<Diagnostic> damage;
    const auto session = WorkbenchSession::load(path, &error, &damage);
    if (!session) {
        Q_EMIT message(error);
        Q_EMIT failed(tr("Open Session"), error);
        return false;
    }
    if (!openLoaded(*session, path, std::move(damage)))
        return false;
    path_ = OpenInputs::normalized(path);
    modified_ = false;
    Q_EMIT titleChanged();
    Q_EMIT sessionUsed(path_);
    return true;
}

bool SessionController::openRecovered(const QString& recoveryPath)
{
    if (!maybeSave())
        return false;
    QString error;
    std::vector<Diagnostic> damage;
    const auto session = WorkbenchSession::load(recoveryPath, &error, &damage);
    if (!session) {
        Q_EMIT message(error);
        Q_EMIT failed(tr("Restore Unsaved Work"), error);
        return false;
    }
    // Inputs saved relative to the session file are looked for beside it.
    const QString savedAs = session->savedAs.isEmpty() ? QString() : OpenInputs::normalized(session->savedAs);
    if (!openLoaded(*session, savedAs.isEmpty() ? recoveryPath : savedAs, std::move(damage)))
        return false;
    // The restored work is not in any session file yet (or newer than the one it came from).
    path_ = savedAs;
    modified_ = true;
    Q_EMIT titleChanged();
    Q_EMIT message(
        tr("Restored the unsaved work of a window that did not close; save the session to keep it"));
    return true;
}

bool SessionController::openLoaded(const WorkbenchSession& session, const QString& path,
                                   std::vector<Diagnostic> problems)
{
    const QString sessionPath = OpenInputs::normalized(path);
    const std::size_t damaged = problems.size();
    QStringList located; // where each session input is now, by index (empty: missing)
    QStringList toOpen;
    for (const SessionInput& input : session.inputs) {
        QString where;
        if (input.isPasted()) {
            QString pasteError;
            where = workspace_->storePastedText(input.pastedText, &pasteError);
            if (where.isEmpty())
                problems.push_back({Diagnostic::Severity::Error, input.pastedName, 0, pasteError});
        } else {
            where = WorkbenchSession::locate(input, sessionPath);
            if (where.isEmpty())
                problems.push_back({Diagnostic::Severity::Error, input.path, 0,
                                    tr("not found (the session's other inputs were opened)")});
        }
        located << where;
        if (!where.isEmpty())
            toOpen << where;
    }
    if (toOpen.isEmpty()) {
        const QString text = session.inputs.empty() ? tr("%1 names no logs to open").arg(path)
                                                    : tr("None of the logs of %1 were found").arg(path);
        Q_EMIT message(text);
        QStringList details;
        for (const Diagnostic& problem : problems)
            details << problem.toText();
        Q_EMIT failed(tr("Open Session"), details.isEmpty() ? text : text + u'\n' + details.join(u'\n'));
        return false;
    }

    delete restore_; // a session still being restored gives way
    restore_ = nullptr;
    for (SessionParticipant* participant : participants_)
        participant->restoreBeforeImport(session);
    auto* restore = new SessionRestore(workspace_, participants_, session, located, problems, this);
    restore_ = restore;
    connect(restore, &SessionRestore::inputProblems, this, &SessionController::inputProblems);
    connect(restore, &SessionRestore::finished, this, [this, restore](bool completed) {
        if (restore_ == restore)
            restore_ = nullptr;
        restore->deleteLater();
        Q_EMIT restored(completed);
    });
    workspace_->replaceInputs(toOpen);

    const QString name = QFileInfo(sessionPath).completeBaseName();
    const int missing = static_cast<int>(problems.size() - damaged);
    if (damaged > 0)
        Q_EMIT message(
            tr("Opening session %1; %n damaged part(s) of it were left out (see the import messages)",
               nullptr, static_cast<int>(damaged))
                .arg(name));
    else if (missing > 0)
        Q_EMIT message(tr("Opening session %1; %n input(s) could not be opened (see the import messages)",
                          nullptr, missing)
                           .arg(name));
    else
        Q_EMIT message(tr("Opening session %1…").arg(name));
    return true;
}

std::optional<WorkbenchSession> SessionController::capture(QString* error) const
{
    auto session = captureSession(*workspace_, participants_, error);
    if (session)
        session->savedAs = path_;
    return session;
}

bool SessionController::save()
{
    return path_.isEmpty() ? saveAs() : saveTo(path_);
}

bool SessionController::saveAs()
{
    QString path = pathPrompt_(true, suggestedPath());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + WorkbenchSession::extension();
    return saveTo(path);
}

bool SessionController::saveTo(const QString& path)
{
    if (workspace_->loadedInputs().isEmpty()) {
        Q_EMIT message(tr("Open logs before saving a session"));
        return false;
    }
    QString error;
    const auto session = captureSession(*workspace_, participants_, &error);
    if (!session || !session->save(path, &error)) {
        Q_EMIT message(error);
        Q_EMIT failed(tr("Save Session"), error + u'\n' + tr("The file on disk was left as it was."));
        return false;
    }
    path_ = OpenInputs::normalized(path);
    modified_ = false;
    Q_EMIT titleChanged();
    Q_EMIT sessionUsed(path_);
    Q_EMIT message(tr("Session saved to %1").arg(path_));
    return true;
}

bool SessionController::maybeSave()
{
    if (!modified_)
        return true;
    switch (savePrompt_(path_.isEmpty() ? tr("this workbench") : sessionName())) {
    case SaveAnswer::Save:
        return save();
    case SaveAnswer::Discard:
        return true;
    case SaveAnswer::Cancel:
        break;
    }
    return false;
}

void SessionController::openWithDialog()
{
    const QString path = pathPrompt_(false, path_.isEmpty() ? QString() : QFileInfo(path_).absolutePath());
    if (!path.isEmpty())
        openSession(path);
}

void SessionController::setModified(bool modified)
{
    if (modified_ == modified)
        return;
    modified_ = modified;
    Q_EMIT titleChanged();
}

void SessionController::updateActions()
{
    const bool anything = !workspace_->loadedInputs().isEmpty();
    actions_->saveSession()->setEnabled(anything);
    actions_->saveSessionAs()->setEnabled(anything);
}

QString SessionController::suggestedPath() const
{
    if (!path_.isEmpty())
        return path_;
    const QString extension = u'.' + WorkbenchSession::extension();
    for (const QString& input : workspace_->loadedInputs().paths()) {
        if (workspace_->isPasted(input))
            continue;
        const QFileInfo info(input);
        // "bundle.tar.gz" suggests "bundle.gdsession" beside it; a folder "logs" suggests "logs.gdsession".
        return QDir(info.absolutePath())
            .filePath((info.isDir() ? info.fileName() : info.baseName()) + extension);
    }
    return QDir::home().filePath(tr("session") + extension);
}

} // namespace gd
