#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace gd {

/// Keeps pasted log lines as files (pasted-1.log, pasted-2.log, ...) in a private temporary
/// folder that lives as long as the workspace, so they import like any other file.
class PasteStore {
public:
    PasteStore();
    ~PasteStore();
    PasteStore(const PasteStore&) = delete;
    PasteStore& operator=(const PasteStore&) = delete;

    /// Writes `text` (a final newline added when missing) to the next pasted-N.log.
    /// Returns its path, or an empty string with `error` set.
    QString write(const QString& text, QString* error);
    /// The private folder; empty until the first paste.
    QString folder() const;

private:
    std::unique_ptr<QTemporaryDir> dir_;
    int counter_ = 0;
};

} // namespace gd
