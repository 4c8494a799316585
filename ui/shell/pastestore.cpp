#include "shell/pastestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace gd {

PasteStore::PasteStore() = default;
PasteStore::~PasteStore() = default;

QString PasteStore::folder() const
{
    return dir_ ? dir_->path() : QString();
}

QString PasteStore::write(const QString& text, QString* error)
{
    if (text.trimmed().isEmpty()) {
        *error = QCoreApplication::translate("gd::PasteStore", "The clipboard holds no text.");
        return {};
    }
    if (!dir_) {
        dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/gateway-doctor-XXXXXX"));
        if (!dir_->isValid()) {
            *error =
                QCoreApplication::translate("gd::PasteStore", "Cannot create a folder for pasted lines: %1")
                    .arg(dir_->errorString());
            dir_.reset();
            return {};
        }
    }
    const QString path = dir_->filePath(QStringLiteral("pasted-%1.log").arg(++counter_));
    QSaveFile file(path);
    QByteArray bytes = text.toUtf8();
    if (!bytes.endsWith('\n'))
        bytes += '\n';
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QCoreApplication::translate("gd::PasteStore", "Cannot write %1: %2")
                     .arg(path, file.errorString());
        return {};
    }
    return path;
}

} // namespace gd
