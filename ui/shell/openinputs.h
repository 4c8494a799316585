#pragma once

#include <QStringList>

namespace gd {

/// The files, folders and archives open in the workbench: absolute, clean, no duplicates, in the
/// order they were opened. Adding sources re-imports this whole list.
class OpenInputs {
public:
    OpenInputs() = default;
    explicit OpenInputs(const QStringList& paths) { add(paths); }

    /// Adds paths not already open; returns those that were new.
    QStringList add(const QStringList& paths);
    bool contains(const QString& path) const;
    bool isEmpty() const { return paths_.isEmpty(); }
    const QStringList& paths() const { return paths_; }

    /// Absolute clean form used for comparing paths.
    static QString normalized(const QString& path);

    bool operator==(const OpenInputs& other) const { return paths_ == other.paths_; }

private:
    QStringList paths_;
};

} // namespace gd
