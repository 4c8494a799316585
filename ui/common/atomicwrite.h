#pragma once

#include <QByteArray>
#include <QString>

namespace gd {

/// Writes `bytes` to `path` with QSaveFile: an existing file is replaced only by a complete new one,
/// so on a read-only folder or a full disk the old file stays byte for byte. Returns an empty
/// string on success, else why it failed (the system's words, such as "No space left on device").
/// Safer than a bare QSaveFile: the final flush is checked, because Qt 6.4's commit() renames a file
/// whose last buffered bytes the disk refused over the old one and reports success.
QString saveAtomically(const QString& path, const QByteArray& bytes);

/// The message for a file that could not be written: names it, says why, and that an existing file
/// of that name was left as it was.
QString writeFailureMessage(const QString& path, const QString& reason);

} // namespace gd
