#include "common/atomicwrite.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

namespace gd {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gd::AtomicWrite", text);
}

/// Qt says only "not writable" for a file on a read-only mount: `reason` with why.
QString withReadOnlyHint(const QString& path, const QString& reason)
{
    const QString hint = tr("the file system is read-only");
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    if (!storage.isValid() || !storage.isReadOnly() || reason.contains(hint))
        return reason;
    return tr("%1 (%2)").arg(reason, hint);
}

} // namespace

QString saveAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return withReadOnlyHint(path, file.errorString());
    // Each reason is taken when it happens: commit() does not keep it.
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting(); // never committed: the temporary file goes, the old file stays
        return reason;
    }
    if (!file.commit())
        return withReadOnlyHint(path, file.errorString());
    return {};
}

QString writeFailureMessage(const QString& path, const QString& reason)
{
    return tr("Could not write %1: %2. An existing file of that name was left as it was.")
        .arg(QDir::toNativeSeparators(path), withReadOnlyHint(path, reason));
}

} // namespace gd
