#pragma once

#include "sessions/workbenchsession.h"

#include <QDateTime>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

class QLockFile;

namespace gd {

/// One window's recovery file: the session of its unsaved work, kept in a recovery folder while
/// the window is open and left behind when it crashes. Each window writes its own file
/// (recovery-<pid>-<random>.gdsession), guarded by a lock file beside it (QLockFile, "<file>.lock")
/// that lives as long as the window holds the file: a recovery file whose lock is missing or stale
/// (its process is gone) is an orphan another window may claim; a live window's file never is.
/// QtCore only; not thread-safe.
class RecoveryFile {
public:
    /// A recovery file of this process in `folder`; nothing is written or locked until write().
    explicit RecoveryFile(QString folder);
    ~RecoveryFile();
    RecoveryFile(const RecoveryFile&) = delete;
    RecoveryFile& operator=(const RecoveryFile&) = delete;

    /// The recovery folder of this user and application: "recovery" under AppLocalDataLocation.
    static QString defaultFolder();
    /// Claims the newest orphan in `folder` (a recovery file whose window is gone) and locks it, so
    /// no other window offers it meanwhile; nothing when there is none. `skipped` lists orphans
    /// that are not offered again (answered "later" in this run).
    static std::unique_ptr<RecoveryFile> claimOrphan(const QString& folder, const QStringList& skipped = {});

    const QString& folder() const { return folder_; }
    /// The file's path; empty until the first write() of a new one.
    const QString& path() const { return path_; }
    bool exists() const;
    /// When the file was last written (local time); invalid when it does not exist.
    QDateTime lastWritten() const;

    /// Writes `session` atomically (QSaveFile) unless the file holds exactly that already. The
    /// first write picks the file's name and takes its lock. False with `error` naming the file.
    bool write(const WorkbenchSession& session, QString* error);
    /// Reads the file like any session (see WorkbenchSession::load).
    std::optional<WorkbenchSession> read(QString* error, std::vector<Diagnostic>* problems) const;
    /// Deletes the file and lets its lock go (a clean close, or the user discarded it).
    void remove();
    /// Lets the lock go and keeps the file: the next start offers it again.
    void release();

private:
    RecoveryFile(QString folder, QString path, std::unique_ptr<QLockFile> lock);
    bool claimName(QString* error);

    QString folder_;
    QString path_;
    std::unique_ptr<QLockFile> lock_;
    QByteArray written_; ///< the bytes last written, so an unchanged session is not written again
};

} // namespace gd
