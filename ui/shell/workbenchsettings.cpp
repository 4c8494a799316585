#include "shell/workbenchsettings.h"

#include "sessions/recoveryfile.h"

#include <QMainWindow>
#include <QSplitter>

namespace gd {

namespace {
// Bump when docks or splitters change so an old saved state is not applied to a new layout.
constexpr int kWindowStateVersion = 1;
} // namespace

void WorkbenchSettings::restoreWindow(QMainWindow* window) const
{
    window->restoreGeometry(settings_.value(QStringLiteral("window/geometry")).toByteArray());
    window->restoreState(settings_.value(QStringLiteral("window/state")).toByteArray(), kWindowStateVersion);
    // Splitters inside the central area are not part of QMainWindow's state; named ones are kept.
    for (QSplitter* splitter : window->findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(
                settings_.value(QStringLiteral("window/splitters/") + splitter->objectName()).toByteArray());
    }
}

void WorkbenchSettings::saveWindow(const QMainWindow* window)
{
    settings_.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    settings_.setValue(QStringLiteral("window/state"), window->saveState(kWindowStateVersion));
    for (const QSplitter* splitter : window->findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty())
            settings_.setValue(QStringLiteral("window/splitters/") + splitter->objectName(),
                               splitter->saveState());
    }
}

RecentFiles WorkbenchSettings::recentFiles() const
{
    return RecentFiles(settings_.value(QStringLiteral("recentFiles")).toStringList());
}

void WorkbenchSettings::setRecentFiles(const RecentFiles& recent)
{
    settings_.setValue(QStringLiteral("recentFiles"), recent.entries());
}

TimeDisplay::Mode WorkbenchSettings::timeDisplayMode() const
{
    return TimeDisplay::modeFromKey(settings_.value(QStringLiteral("view/timeDisplay")).toString())
        .value_or(TimeDisplay::Mode::ServerLocal);
}

void WorkbenchSettings::setTimeDisplayMode(TimeDisplay::Mode mode)
{
    settings_.setValue(QStringLiteral("view/timeDisplay"), TimeDisplay::modeKey(mode));
}

QString WorkbenchSettings::recoveryFolder() const
{
    const QString folder = settings_.value(QStringLiteral("recovery/folder")).toString();
    return folder.isEmpty() ? RecoveryFile::defaultFolder() : folder;
}

} // namespace gd
