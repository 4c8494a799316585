#include "shell/recentfiles.h"

#include <QFileInfo>

namespace gd {

RecentFiles::RecentFiles(QStringList entries)
{
    entries.removeDuplicates();
    entries.removeAll(QString());
    entries_ = entries.mid(0, kMaxEntries);
}

void RecentFiles::add(const QString& path)
{
    if (path.isEmpty())
        return;
    entries_.removeAll(path);
    entries_.prepend(path);
    while (entries_.size() > kMaxEntries)
        entries_.removeLast();
}

bool RecentFiles::pruneMissing()
{
    const auto before = entries_.size();
    entries_.removeIf([](const QString& path) { return !QFileInfo::exists(path); });
    return entries_.size() != before;
}

} // namespace gd
