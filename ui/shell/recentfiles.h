#pragma once

#include <QStringList>

namespace gd {

/// The most-recently-opened list: newest first, no duplicates, bounded.
class RecentFiles {
public:
    static constexpr int kMaxEntries = 10;

    RecentFiles() = default;
    explicit RecentFiles(QStringList entries);

    /// Moves `path` to the front (adding it when new) and drops the oldest beyond the bound.
    void add(const QString& path);
    /// Drops entries that no longer exist on disk; returns true when something was dropped.
    bool pruneMissing();
    void clear() { entries_.clear(); }
    const QStringList& entries() const { return entries_; }

private:
    QStringList entries_;
};

} // namespace gd
