#include "sessions/sessioncapture.h"

#include "sessions/sessionparticipant.h"
#include "shell/workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace gd {

namespace {

std::optional<SessionInput> captureInput(const Workspace& workspace, const QString& path, QString* error)
{
    SessionInput input;
    if (!workspace.isPasted(path)) {
        input.path = path;
        return input;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("gd::SessionCapture", "Cannot read the pasted lines %1: %2")
                     .arg(path, file.errorString());
        return std::nullopt;
    }
    input.pastedText = QString::fromUtf8(file.readAll());
    input.pastedName = QFileInfo(path).fileName();
    return input;
}

} // namespace

std::optional<WorkbenchSession> captureSession(const Workspace& workspace,
                                               const std::vector<SessionParticipant*>& participants,
                                               QString* error)
{
    WorkbenchSession session;
    const SessionScope scope{workspace.result(), workspace.loadedInputs().paths()};
    for (const QString& path : scope.inputs) {
        auto input = captureInput(workspace, path, error);
        if (!input)
            return std::nullopt;
        session.inputs.push_back(*input);
    }
    for (const SessionParticipant* participant : participants)
        participant->captureSession(session, scope);
    return session;
}

} // namespace gd
