#include "sessions/recoveryfile.h"

#include "common/atomicwrite.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace gd {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gd::RecoveryFile", text);
}

QString lockPathOf(const QString& path)
{
    return path + QStringLiteral(".lock");
}

/// A lock on `path`'s lock file that only a gone process leaves stale: a window holds its file for
/// hours, so QLockFile's default (a lock older than 30 s is stale) must not apply.
std::unique_ptr<QLockFile> lockFor(const QString& path)
{
    auto lock = std::make_unique<QLockFile>(lockPathOf(path));
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

RecoveryFile::RecoveryFile(QString folder)
    : folder_(std::move(folder))
{
}

RecoveryFile::RecoveryFile(QString folder, QString path, std::unique_ptr<QLockFile> lock)
    : folder_(std::move(folder))
    , path_(std::move(path))
    , lock_(std::move(lock))
{
}

RecoveryFile::~RecoveryFile() = default; // the lock goes, the file stays: remove() deletes it

QString RecoveryFile::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("recovery"));
}

std::unique_ptr<RecoveryFile> RecoveryFile::claimOrphan(const QString& folder, const QStringList& skipped)
{
    const QFileInfoList files = QDir(folder).entryInfoList(
        {QStringLiteral("*.") + WorkbenchSession::extension()}, QDir::Files, QDir::Time); // newest first
    for (const QFileInfo& info : files) {
        const QString path = info.absoluteFilePath();
        if (skipped.contains(path))
            continue;
        // A live window holds its lock (in this process too); a missing or stale one is taken over.
        auto lock = lockFor(path);
        if (!lock->tryLock(0))
            continue;
        if (!QFileInfo::exists(path))
            continue; // its window removed it just before letting the lock go
        return std::unique_ptr<RecoveryFile>(new RecoveryFile(folder, path, std::move(lock)));
    }
    return nullptr;
}

bool RecoveryFile::exists() const
{
    return !path_.isEmpty() && QFileInfo::exists(path_);
}

QDateTime RecoveryFile::lastWritten() const
{
    return exists() ? QFileInfo(path_).lastModified() : QDateTime();
}

bool RecoveryFile::claimName(QString* error)
{
    if (!QDir().mkpath(folder_)) {
        *error = tr("Cannot create the recovery folder %1").arg(folder_);
        return false;
    }
    const QDir dir(folder_);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString path =
            dir.filePath(QStringLiteral("recovery-%1-%2.%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                             .arg(WorkbenchSession::extension()));
        if (QFileInfo::exists(path))
            continue;
        auto lock = lockFor(path);
        if (lock->tryLock(0)) {
            path_ = path;
            lock_ = std::move(lock);
            return true;
        }
        if (lock->error() != QLockFile::LockFailedError)
            break; // not a name taken by another window: the folder cannot be written
    }
    *error = tr("Cannot create a recovery file in %1").arg(folder_);
    return false;
}

bool RecoveryFile::write(const WorkbenchSession& session, QString* error)
{
    const QByteArray bytes = session.toJson();
    if (lock_ && bytes == written_ && QFileInfo::exists(path_))
        return true;
    if (!lock_ && !claimName(error))
        return false;
    const QString reason = saveAtomically(path_, bytes);
    if (!reason.isEmpty()) {
        *error = tr("Cannot write the recovery file %1: %2").arg(path_, reason);
        written_.clear();
        return false;
    }
    written_ = bytes;
    return true;
}

std::optional<WorkbenchSession> RecoveryFile::read(QString* error, std::vector<Diagnostic>* problems) const
{
    return WorkbenchSession::load(path_, error, problems);
}

void RecoveryFile::remove()
{
    if (lock_ && !path_.isEmpty())
        QFile::remove(path_);
    release();
}

void RecoveryFile::release()
{
    lock_.reset(); // unlocks: deletes the lock file
    path_.clear();
    written_.clear();
}

} // namespace gd
